package index

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// BenchmarkVectorsAtScale measures the vector side of an index at the
// size VITAE_BENCH_VECTORS gives (default 100000; 1000000 for the 1M
// figures): bullets written to the records directly (no keyword index),
// 256-d clustered vectors with a third of them copies of others (résumés
// repeat template bullets), the HNSW graph built, then a restart: the
// open time, the resident memory after searching (mapped files included),
// HNSW latency and recall@10 against the float exact answer, and filtered
// (exact) latency. It runs once whatever b.N is; -benchtime 1x. Set
// VITAE_BENCH_QUANTIZE=1 for int8 rows re-scored by float.
func BenchmarkVectorsAtScale(b *testing.B) {
	n := 100000
	if s := os.Getenv("VITAE_BENCH_VECTORS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	opts := Options{Path: b.TempDir(), Quantize: os.Getenv("VITAE_BENCH_QUANTIZE") == "1", ANNThreshold: min(50000, n/2)}
	ix, err := Open(opts)
	if err != nil {
		b.Fatal(err)
	}
	const dim, batch = 256, 1000
	gen := newVecGen(dim)
	start := time.Now()
	for lo := 0; lo < n; lo += 10 * batch {
		if err := ix.db.Update(func(tx *bolt.Tx) error {
			bb := tx.Bucket(bucketBullets)
			for i := lo; i < min(lo+10*batch, n); i++ {
				data, _ := json.Marshal(scaleBullet(i))
				if err := bb.Put([]byte(scaleID(i)), data); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	for lo := 0; lo < n; lo += batch {
		ids, vecs := []string{}, [][]float32{}
		for i := lo; i < min(lo+batch, n); i++ {
			ids, vecs = append(ids, scaleID(i)), append(vecs, gen.vec(i))
		}
		if err := ix.PutVectors(ids, vecs, "scale"); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%d bullets and vectors written in %.1f s", n, time.Since(start).Seconds())
	start = time.Now()
	if err := ix.BuildANN(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(start).Seconds(), "graph-s")
	start = time.Now()
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	closeS := time.Since(start).Seconds()
	runtime.GC()
	debug.FreeOSMemory()

	start = time.Now()
	ix, err = Open(opts)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ReportMetric(time.Since(start).Seconds(), "reopen-s")
	if !ix.vec.Approximate() {
		b.Fatal("the graph was not reused")
	}
	b.Logf("close %.2f s; RSS after reopen: %s", closeS, rss())

	ctx := context.Background()
	var hnsw, filtered []time.Duration
	qs := 200
	query := func(q int) []float32 { return gen.vec(n + 7919*q) } // not stored
	got := make([][]Neighbor, qs)
	for q := range qs {
		t := time.Now()
		got[q], err = ix.Nearest(ctx, query(q), 10, vitae.Filters{})
		hnsw = append(hnsw, time.Since(t))
		if err != nil {
			b.Fatal(err)
		}
		t = time.Now()
		if _, err := ix.Nearest(ctx, query(q), 10, vitae.Filters{Company: []string{fmt.Sprintf("company %d", q%50)}}); err != nil {
			b.Fatal(err)
		}
		filtered = append(filtered, time.Since(t))
	}
	runtime.GC()
	debug.FreeOSMemory()
	b.Logf("RSS after %d searches: %s", 2*qs, rss())
	var recall float64
	for q := range qs {
		want, err := ix.NearestExact(ctx, query(q), 10)
		if err != nil {
			b.Fatal(err)
		}
		recall += tiedRecall(want, got[q])
	}
	b.ReportMetric(recall/float64(qs), "recall@10")
	b.ReportMetric(pct(hnsw, 50), "hnsw-p50-ms")
	b.ReportMetric(pct(hnsw, 99), "hnsw-p99-ms")
	b.ReportMetric(pct(filtered, 50), "filtered-p50-ms")
	b.ReportMetric(pct(filtered, 99), "filtered-p99-ms")
	for range b.N {
	}
}

func scaleID(i int) string { return fmt.Sprintf("r%07d-%d", i/10, i%10) }

func scaleBullet(i int) vitae.Bullet {
	return vitae.Bullet{ID: scaleID(i), ResumeID: scaleID(i)[:8], Person: fmt.Sprintf("Person %d", i/10),
		Company: fmt.Sprintf("Company %d", (i/10)%50), Role: "Engineer", Section: vitae.SectionWork,
		Start: "2020-01", Skills: []string{"Go", fmt.Sprintf("skill %d", i%300)}, Text: "bullet " + scaleID(i)}
}

// vecGen makes clustered vectors of low intrinsic dimension, like
// sentence embeddings; vector i is a function of i alone, and a third are
// copies of an earlier one.
type vecGen struct {
	dim     int
	basis   [][]float32
	centers [][]float64
}

func newVecGen(dim int) *vecGen {
	const latent = 24
	rng := rand.New(rand.NewPCG(42, 43))
	g := &vecGen{dim: dim, basis: make([][]float32, latent), centers: make([][]float64, 200)}
	for k := range g.basis {
		g.basis[k] = make([]float32, dim)
		for j := range g.basis[k] {
			g.basis[k][j] = float32(rng.NormFloat64())
		}
	}
	for c := range g.centers {
		g.centers[c] = make([]float64, latent)
		for j := range g.centers[c] {
			g.centers[c][j] = rng.NormFloat64()
		}
	}
	return g
}

func (g *vecGen) vec(i int) []float32 {
	if i%3 == 2 {
		i = int(uint64(i) * 2654435761 % uint64(i)) // a copy of an earlier vector
	}
	rng := rand.New(rand.NewPCG(uint64(i), 7))
	c := g.centers[rng.IntN(len(g.centers))]
	v := make([]float32, g.dim)
	for k, b := range g.basis {
		z := float32(c[k] + 0.7*rng.NormFloat64())
		for j := range v {
			v[j] += z * b[j]
		}
	}
	return v
}

// tiedRecall is recall@10 where a result scoring at least the exact
// tenth counts (copies tie; which of them comes back is arbitrary).
func tiedRecall(want, got []Neighbor) float64 {
	if len(want) == 0 {
		return 1
	}
	floor := want[len(want)-1].Score - 1e-6
	hit := 0
	for _, g := range got {
		if g.Score >= floor {
			hit++
		}
	}
	return float64(min(hit, len(want))) / float64(len(want))
}

func pct(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[min(len(s)-1, len(s)*p/100)].Microseconds()) / 1000
}

// rss reads this process's resident memory: all, anonymous, file-mapped.
func rss() string {
	data, _ := os.ReadFile("/proc/self/status")
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		for _, k := range []string{"VmRSS:", "RssAnon:", "RssFile:"} {
			if strings.HasPrefix(line, k) {
				out = append(out, strings.Join(strings.Fields(line), " "))
			}
		}
	}
	return strings.Join(out, ", ")
}
