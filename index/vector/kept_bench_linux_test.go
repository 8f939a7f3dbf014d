package vector

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"vitae/internal/cputime"
)

// BenchmarkNearestKept searches the vectors and saved graph of an index a
// `vitae bench --keep` run left (VITAE_BENCH_VECTORS: the directory of its
// vector files and hnsw.graph, WORK/1000000/semantic at 1M), opened read
// only and quantized as the bench serves it, for the engine's 100
// candidates. The queries are 200 stored rows, each moved a little
// (noise of norm ~0.3) and normalised. It reports the search thread's CPU
// time per search (cpu-us/op); VITAE_BENCH_DUMP=FILE also writes every
// query's neighbours and scores there. Skipped unset.
func BenchmarkNearestKept(b *testing.B) {
	dir := os.Getenv("VITAE_BENCH_VECTORS")
	if dir == "" {
		b.Skip("VITAE_BENCH_VECTORS is not set")
	}
	vs := keptStore(b, dir)
	rng := rand.New(rand.NewPCG(7, 8))
	qs := make([][]float32, 200)
	for i := range qs {
		row := vs.vector(rng.IntN(len(vs.ids)))
		q := make([]float32, len(row))
		for j, x := range row {
			q[j] = x + float32(rng.NormFloat64()*0.3/16) // 256 dims: norm ~0.3
		}
		qs[i] = Normalize(q)
	}
	ctx := context.Background()
	search := func() time.Duration {
		t := cputime.Thread()
		for _, q := range qs {
			if ns, err := vs.Nearest(ctx, q, 100, nil); err != nil || len(ns) != 100 {
				b.Fatalf("%d neighbours: %v", len(ns), err)
			}
		}
		return cputime.Thread() - t
	}
	if out := os.Getenv("VITAE_BENCH_DUMP"); out != "" {
		// Every query's neighbours and scores, to compare two builds'
		// answers on the same graph byte for byte.
		var buf bytes.Buffer
		for i, q := range qs {
			ns, err := vs.Nearest(ctx, q, 100, nil)
			if err != nil {
				b.Fatal(err)
			}
			for _, n := range ns {
				fmt.Fprintf(&buf, "%d %s %08x\n", i, n.ID, math.Float32bits(n.Score))
			}
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	runtime.LockOSThread() // the thread's clock counts this goroutine only
	defer runtime.UnlockOSThread()
	search() // re-scored rows checked against their checksums once
	var cpu time.Duration
	for b.Loop() {
		cpu += search()
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*len(qs)), "cpu-us/op")
}

// keptStore maps dir's vector files read-only and names their rows from
// its saved graph (IDs and row checksums), then loads the graph: what an
// index's open does from its records, without opening them for writing.
func keptStore(tb testing.TB, dir string) *Store {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, GraphFileName))
	if err != nil {
		tb.Skip(err)
	}
	r := &graphReader{b: data[len(graphMagic) : len(data)-4]}
	model := r.str()
	dim, m, efC, slots := r.int(), r.int(), r.int(), r.int()
	r.int() // top
	r.int() // stale
	r.int() // entry
	if r.err != nil || dim == 0 {
		tb.Fatalf("%s: bad header: %v", GraphFileName, r.err)
	}
	vs := New(Options{Quantize: true, HNSW: HNSWOptions{M: m, EfConstruction: efC}})
	rowFileRO := func(name string, size int) *rowFile {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { f.Close() })
		st, err := f.Stat()
		if err != nil {
			tb.Fatal(err)
		}
		mem, err := syscall.Mmap(int(f.Fd()), 0, reserveBytes, syscall.PROT_READ, syscall.MAP_SHARED)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { syscall.Munmap(mem) })
		return &rowFile{f: f, path: f.Name(), rowSize: size, rows: int(st.Size()-headerSize) / size, mem: mem}
	}
	d := &disk{dir: dir, f32: rowFileRO(FloatFile, 4*dim), i8: rowFileRO(Int8File, dim), scales: rowFileRO(ScaleFile, 4)}
	_ = syscall.Madvise(d.f32.mem, syscall.MADV_RANDOM)
	n := min(d.f32.rows, d.i8.rows, d.scales.rows)
	if slots > n {
		tb.Fatalf("graph of %d slots over %d rows", slots, n)
	}
	vs.disk, vs.model, vs.dim = d, model, dim
	vs.ids, vs.pos = make([]string, n), make(map[string]int, n)
	vs.live, vs.sums = make([]bool, n), make([]uint32, n)
	vs.checked.grow(n)
	vs.meta.grow(n)
	vs.remap(n)
	for i := range slots {
		id := r.bytes()
		if len(id) == 0 {
			continue
		}
		key := r.u64()
		r.int()             // into
		for range r.int() { // levels
			for range r.int() {
				r.int()
			}
		}
		vs.ids[i], vs.pos[string(id)], vs.live[i], vs.sums[i] = string(id), i, true, uint32(key)
		vs.nLive++
	}
	if r.err != nil {
		tb.Fatal(r.err)
	}
	if err := vs.LoadGraph(filepath.Join(dir, GraphFileName)); err != nil || vs.graph.Load() == nil {
		tb.Fatalf("graph not loaded: %v", err)
	}
	return vs
}
