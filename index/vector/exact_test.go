package vector

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

func TestExactKNNMatchesBruteForce(t *testing.T) {
	vs := newStore(t, Options{ANNThreshold: -1})
	vecs := randVecs(6000, 32, 1)
	all := bulk(t, vs, vecs)
	odd := func(m *Meta) bool { return m.Company == "odd" }
	for qi, q := range randVecs(20, 32, 99) {
		got, err := vs.Nearest(context.Background(), q, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(bruteForce(vecs, all, q, 10, nil), neighborIDs(got)); diff != "" {
			t.Errorf("query %d (-brute +exact):\n%s", qi, diff)
		}
		kept, err := vs.Nearest(context.Background(), q, 10, odd)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteForce(vecs, all, q, 10, func(i int) bool { return (i/100)%2 == 1 })
		if diff := cmp.Diff(want, neighborIDs(kept)); diff != "" {
			t.Errorf("filtered query %d (-brute +exact):\n%s", qi, diff)
		}
	}
}

func TestInt8Recall(t *testing.T) {
	vs := newStore(t, Options{Quantize: true, ANNThreshold: -1})
	vecs := randVecs(5000, 64, 2)
	all := bulk(t, vs, vecs)
	var sum float64
	qs := randVecs(50, 64, 7)
	for _, q := range qs {
		got, _ := vs.Nearest(context.Background(), q, 10, nil)
		sum += recall(bruteForce(vecs, all, q, 10, nil), neighborIDs(got))
	}
	if r := sum / float64(len(qs)); r < 0.9 {
		t.Errorf("int8 recall@10 = %.3f, want ≥ 0.9", r)
	} else {
		t.Logf("int8 recall@10 = %.3f", r)
	}
}

// A query of another length than the stored vectors is refused.
func TestNearestChecksDimension(t *testing.T) {
	vs := newStore(t, Options{})
	bulk(t, vs, randVecs(10, 8, 1))
	if _, err := vs.Nearest(context.Background(), make([]float32, 4), 3, nil); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("a 4-d query against 8-d vectors: %v, want EINVALID", err)
	}
}
