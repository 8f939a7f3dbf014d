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

// Quantized stores walk int8 rows and re-score the best candidates by
// their float rows: recall@10 against the float exact answer, by scan and
// by graph, stays at the float store's.
func TestInt8Recall(t *testing.T) {
	vecs := randVecs(5000, 64, 2)
	qs := randVecs(50, 64, 7)
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"int8 exact", Options{Quantize: true, ANNThreshold: -1}},
		{"int8 hnsw", Options{Quantize: true, ANNThreshold: 1000}},
		{"float hnsw", Options{ANNThreshold: 1000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs := newStore(t, tc.opts)
			all := bulk(t, vs, vecs)
			if err := vs.BuildANN(context.Background()); err != nil {
				t.Fatal(err)
			}
			var sum float64
			for _, q := range qs {
				got, _ := vs.Nearest(context.Background(), q, 10, nil)
				sum += recall(bruteForce(vecs, all, q, 10, nil), neighborIDs(got))
			}
			if r := sum / float64(len(qs)); r < 0.95 {
				t.Errorf("recall@10 = %.3f, want ≥ 0.95", r)
			} else {
				t.Logf("recall@10 = %.3f", r)
			}
		})
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
