package vector

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// newStore returns an empty store, closed when the test ends.
func newStore(tb testing.TB, opts Options) *Store {
	tb.Helper()
	vs := New(opts)
	tb.Cleanup(vs.Close)
	return vs
}

// randVecs makes clustered vectors of low intrinsic dimension, like real
// sentence embeddings: cluster centres plus noise in a 12-dimensional
// latent space, projected into dim dimensions.
func randVecs(n, dim int, seed uint64) [][]float32 {
	const latent = 12
	proj := rand.New(rand.NewPCG(42, 43)) // the same projection for data and queries
	basis := make([][]float32, latent)
	for i := range basis {
		basis[i] = make([]float32, dim)
		for j := range basis[i] {
			basis[i][j] = float32(proj.NormFloat64())
		}
	}
	centers := make([][]float64, 32)
	for c := range centers {
		centers[c] = make([]float64, latent)
		for j := range centers[c] {
			centers[c][j] = proj.NormFloat64()
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed+1))
	out := make([][]float32, n)
	for i := range out {
		c := centers[rng.IntN(len(centers))]
		v := make([]float32, dim)
		for k := 0; k < latent; k++ {
			z := float32(c[k] + 0.6*rng.NormFloat64())
			for j := range v {
				v[j] += z * basis[k][j]
			}
		}
		for j := range v {
			v[j] += 0.05 * float32(rng.NormFloat64())
		}
		out[i] = v
	}
	return out
}

// bulk stores the vectors as index does a résumé's bullets: a hundred a
// résumé ("r00003-7" is bullet 7 of résumé 3), company "even" or "odd"
// by résumé, under model "rand". It returns the IDs in order.
func bulk(tb testing.TB, vs *Store, vecs [][]float32) []string {
	tb.Helper()
	ids := make([]string, len(vecs))
	entries := make([]Entry, len(vecs))
	for i, v := range vecs {
		company := "even"
		if (i/100)%2 == 1 {
			company = "odd"
		}
		ids[i] = fmt.Sprintf("r%05d-%d", i/100, i%100)
		entries[i] = Entry{ID: ids[i], Vec: Normalize(v), Meta: Meta{Company: company}}
	}
	vs.Put("rand", entries)
	return ids
}

// put replaces one vector, as index.PutVectors does.
func put(vs *Store, id string, v []float32) {
	vs.Put("rand", []Entry{{ID: id, Vec: Normalize(v)}})
}

// removeResume drops the vectors of résumé r, as index.Delete does.
func removeResume(vs *Store, r int) {
	var ids []string
	for j := range 100 {
		ids = append(ids, fmt.Sprintf("r%05d-%d", r, j))
	}
	vs.Remove(ids)
}

func bruteForce(vecs [][]float32, ids []string, q []float32, k int, keep func(int) bool) []string {
	type sc struct {
		id string
		s  float32
	}
	qn := Normalize(q)
	var all []sc
	for i, v := range vecs {
		if keep != nil && !keep(i) {
			continue
		}
		vn := Normalize(v)
		var s float32
		for j := range vn {
			s += vn[j] * qn[j]
		}
		all = append(all, sc{ids[i], s})
	}
	for i := 0; i < k && i < len(all); i++ {
		for j := i + 1; j < len(all); j++ {
			if all[j].s > all[i].s {
				all[i], all[j] = all[j], all[i]
			}
		}
	}
	var out []string
	for i := 0; i < k && i < len(all); i++ {
		out = append(out, all[i].id)
	}
	return out
}

func neighborIDs(ns []Neighbor) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

func recall(want, got []string) float64 {
	set := map[string]bool{}
	for _, w := range want {
		set[w] = true
	}
	hit := 0
	for _, g := range got {
		if set[g] {
			hit++
		}
	}
	return float64(hit) / float64(len(want))
}

// annRecall is the mean recall@10 of Nearest against NearestExact over qs.
func annRecall(t *testing.T, vs *Store, qs [][]float32) float64 {
	t.Helper()
	var sum float64
	for _, q := range qs {
		exact, _ := vs.NearestExact(context.Background(), q, 10)
		approx, err := vs.Nearest(context.Background(), q, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		sum += recall(neighborIDs(exact), neighborIDs(approx))
	}
	return sum / float64(len(qs))
}

// diskStore opens a store on disk (int8 rows, float rows re-scoring, no
// graph) holding n random vectors of dim 32 under IDs 'a', 'b', …, closed
// when the test ends.
func diskStore(t *testing.T, n int, seed uint64) (*Store, [][]float32, []Entry) {
	t.Helper()
	vs := Open(t.TempDir(), Options{ANNThreshold: 1 << 20, Quantize: true})
	t.Cleanup(func() { vs.Close(); vs.CloseFiles() })
	vecs := randVecs(n, 32, seed)
	entries := make([]Entry, len(vecs))
	for i, v := range vecs {
		entries[i] = Entry{ID: string(rune('a' + i)), Vec: Normalize(v)}
	}
	slots, err := vs.Stage(entries)
	if err != nil {
		t.Fatal(err)
	}
	vs.Commit("rand", entries, slots, slices.Repeat([]bool{true}, len(entries)))
	return vs, vecs, entries
}
