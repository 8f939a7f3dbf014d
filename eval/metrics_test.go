package eval

import (
	"math"
	"testing"
)

func TestScore(t *testing.T) {
	grades := map[string]int{"a": 2, "b": 1, "c": 2}
	// ranked: a (2), x (0), b (1); ideal: 2, 2, 1
	m := Score([]string{"a", "x", "b"}, grades)
	dcg := 3/math.Log2(2) + 0 + 1/math.Log2(4)
	idcg := 3/math.Log2(2) + 3/math.Log2(3) + 1/math.Log2(4)
	if math.Abs(m.NDCG10-dcg/idcg) > 1e-12 {
		t.Errorf("nDCG@10 = %g, want %g", m.NDCG10, dcg/idcg)
	}
	if m.Recall10 != 2.0/3 || m.MRR10 != 1 {
		t.Errorf("recall %g mrr %g", m.Recall10, m.MRR10)
	}
	if m := Score([]string{"x", "b"}, grades); m.MRR10 != 0.5 {
		t.Errorf("MRR with first hit at 2: %g", m.MRR10)
	}
	if m := Score(nil, grades); m != (Metrics{}) {
		t.Errorf("empty ranking: %+v", m)
	}
}
