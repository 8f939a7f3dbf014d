package index

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

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
	err := ix.db.View(func(tx *bolt.Tx) error {
		vb := tx.Bucket(bucketVectors)
		for _, id := range ids {
			data := vb.Get([]byte(id))
			if data == nil {
				continue
			}
			v := vector.Decode(data)
			if sum == nil {
				sum = make([]float32, len(v))
			}
			if len(v) != len(sum) {
				return fmt.Errorf("vector %s has %d dimensions, want %d", id, len(v), len(sum))
			}
			for i, x := range v {
				sum[i] += x
			}
		}
		return nil
	})
	if err != nil || sum == nil {
		return nil, err
	}
	return vector.Normalize(sum), nil
}
