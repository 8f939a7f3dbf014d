package index

import (
	"context"

	"vitae/index/vector"
)

// Centroid is the normalised mean of the stored vectors of the given
// bullets: one vector for "what this person did", for finding people
// like them. It is nil when none of the bullets has a vector.
func (ix *Index) Centroid(ctx context.Context, ids []string) ([]float32, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	var sum []float32
	for _, id := range ids {
		v, err := ix.vec.Vector(id)
		if err != nil {
			return nil, err
		}
		if v == nil {
			continue
		}
		if sum == nil {
			sum = make([]float32, len(v))
		}
		for i, x := range v {
			sum[i] += x
		}
	}
	if sum == nil {
		return nil, nil
	}
	return vector.Normalize(sum), nil
}
