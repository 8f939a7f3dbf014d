package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/pipeline"
)

// resumesPerUpsert matches `vitae index`, which writes parsed résumés in
// groups of 200.
const resumesPerUpsert = 200

// Build is what building one index cost.
type Build struct {
	Bullets        int     `json:"bullets"`
	Seconds        float64 `json:"seconds"`
	BulletsPerSec  float64 `json:"bullets_per_sec"`
	Bytes          int64   `json:"bytes_on_disk"`
	BytesPerBullet float64 `json:"bytes_per_bullet"`
	PeakRSS        int64   `json:"peak_rss_bytes"`
	PeakAnonRSS    int64   `json:"peak_anon_rss_bytes,omitempty"` // sampled; without mapped index files
	// Phases of a build with the embedder, seconds.
	LexicalSeconds float64 `json:"lexical_seconds,omitempty"`
	TrainSeconds   float64 `json:"train_seconds,omitempty"`
	EmbedSeconds   float64 `json:"embed_seconds,omitempty"`
	// ANNSeconds is building the HNSW graph, which the index does on the
	// first semantic query above its threshold; not in Seconds.
	ANNSeconds float64 `json:"ann_seconds,omitempty"`
	// KeywordPhase is the keyword-only part of a build with the embedder.
	KeywordPhase *Build `json:"keyword_phase,omitempty"`
}

func (b *Build) finish(dir string, took time.Duration) {
	b.Seconds = took.Seconds()
	if b.Seconds > 0 {
		b.BulletsPerSec = float64(b.Bullets) / b.Seconds
	}
	b.Bytes = DirSize(dir)
	if b.Bullets > 0 {
		b.BytesPerBullet = float64(b.Bytes) / float64(b.Bullets)
	}
	b.PeakRSS = PeakRSS()
}

// upsertAll writes resumes in groups, as `vitae index` does.
func upsertAll(ctx context.Context, ix *index.Index, resumes []*vitae.Resume) (int, error) {
	n := 0
	for lo := 0; lo < len(resumes); lo += resumesPerUpsert {
		ch, err := ix.Upsert(ctx, resumes[lo:min(lo+resumesPerUpsert, len(resumes))])
		if err != nil {
			return n, err
		}
		n += ch.Bullets
	}
	return n, nil
}

// BuildSemantic is the full pipeline of `vitae index` with the built-in
// embedder: write the bullets, train the embedder on them, embed and store
// every vector. It returns the open index and the trained embedder. Its
// first phase is exactly a keyword-only build (the same Upserts, before
// any vector exists), so KeywordPhase describes that: time, size on disk
// and peak memory at the end of the phase.
func BuildSemantic(ctx context.Context, dir string, opts index.Options, resumes []*vitae.Resume) (*index.Index, *embed.Local, *Build, error) {
	opts.Path = dir
	ResetPeakRSS()
	stopAnon := anonPeak(100 * time.Millisecond)
	start := time.Now()
	ix, err := index.Open(opts)
	if err != nil {
		return nil, nil, nil, err
	}
	fail := func(err error) (*index.Index, *embed.Local, *Build, error) {
		stopAnon()
		ix.Close()
		return nil, nil, nil, fmt.Errorf("bench: build with embedder: %w", err)
	}
	b := &Build{}
	if b.Bullets, err = upsertAll(ctx, ix, resumes); err != nil {
		return fail(err)
	}
	t1 := time.Now()
	b.LexicalSeconds = t1.Sub(start).Seconds()
	b.KeywordPhase = &Build{Bullets: b.Bullets}
	b.KeywordPhase.finish(dir, t1.Sub(start))
	var texts []string
	if err := ix.MissingVectors(ctx, "", func(_, text string) error {
		texts = append(texts, text)
		return nil
	}); err != nil {
		return fail(err)
	}
	l, err := embed.TrainLocal(texts, embed.LocalOptions{})
	if err != nil {
		return fail(err)
	}
	texts = nil
	t2 := time.Now()
	b.TrainSeconds = t2.Sub(t1).Seconds()
	if _, err := pipeline.SyncVectors(ctx, ix, l, nil); err != nil {
		return fail(err)
	}
	b.EmbedSeconds = time.Since(t2).Seconds()
	b.finish(dir, time.Since(start))
	b.PeakAnonRSS = stopAnon()
	return ix, l, b, nil
}

// WarmANN builds the index's HNSW graph if it is above the threshold
// (searches would otherwise scan exactly until a background build ends),
// runs one semantic query, and reports how long both took.
func WarmANN(ctx context.Context, ix *index.Index, e vitae.Embedder) (time.Duration, error) {
	vecs, err := e.Embed(ctx, []string{"warm up"}, vitae.InputQuery)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := ix.BuildANN(ctx); err != nil {
		return 0, err
	}
	_, err = ix.Nearest(ctx, vecs[0], 10, vitae.Filters{})
	return time.Since(start), err
}

// BuildRawBleve is the ceiling for the indexing pipeline: the same
// bullets, as the same documents under the same mapping, written with
// bare bleve batches — no records, no vectors, no hashing. The mapping is
// taken from an empty Vitae index (bleve keeps it in index_meta.json), so
// it cannot drift from index/mapping.go.
func BuildRawBleve(ctx context.Context, dir string, batchSize int, resumes []*vitae.Resume) (*Build, error) {
	if batchSize <= 0 {
		batchSize = 1000
	}
	ix, err := index.Open(index.Options{Path: dir})
	if err != nil {
		return nil, err
	}
	if err := ix.Close(); err != nil {
		return nil, err
	}
	ResetPeakRSS()
	start := time.Now()
	bi, err := bleve.Open(filepath.Join(dir, "bleve"))
	if err != nil {
		return nil, fmt.Errorf("bench: raw bleve: %w", err)
	}
	b := &Build{}
	batch := bi.NewBatch()
	for _, r := range resumes {
		if err := ctx.Err(); err != nil {
			bi.Close()
			return nil, err
		}
		for _, bl := range r.Bullets {
			if err := batch.Index(bl.ID, rawDoc(bl)); err != nil {
				bi.Close()
				return nil, fmt.Errorf("bench: raw bleve: %w", err)
			}
			b.Bullets++
			if batch.Size() >= batchSize {
				if err := bi.Batch(batch); err != nil {
					bi.Close()
					return nil, fmt.Errorf("bench: raw bleve: %w", err)
				}
				batch.Reset()
			}
		}
	}
	if batch.Size() > 0 {
		err = bi.Batch(batch)
	}
	if cerr := bi.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("bench: raw bleve: %w", err)
	}
	b.finish(filepath.Join(dir, "bleve"), time.Since(start))
	return b, nil
}

// words is a value's words as index/mapping.go indexes them for filters.
func words(s string) string {
	return strings.ReplaceAll(strings.Trim(index.WordKey(s), "|"), "|", " ")
}

// rawDoc is the document index.Upsert gives bleve for a bullet (field
// names of index/mapping.go).
func rawDoc(b vitae.Bullet) map[string]any {
	d := map[string]any{
		"text": b.Text, "company": b.Company, "role": b.Role, "person": b.Person, "section": b.Section,
		"skills": b.Skills, "company_words": words(b.Company), "role_words": words(b.Role),
		"person_words": words(b.Person), "role_text": b.Role, "resume_id": b.ResumeID,
		"start_s": b.Start, "end_s": b.End, "source": b.Source, "ref": b.Ref,
	}
	lc := make([]string, len(b.Skills))
	for i, s := range b.Skills {
		lc[i] = strings.ToLower(s)
	}
	d["skills_lc"] = lc
	if t, err := time.Parse("2006-01", b.Start); err == nil {
		d["start"] = t.Format(time.RFC3339)
		if e, err := time.Parse("2006-01", b.End); err == nil {
			d["end"] = e.AddDate(0, 1, 0).Add(-time.Second).Format(time.RFC3339)
		} else if b.End == "" {
			d["end"] = "2200-01-01T00:00:00Z"
		}
	}
	return d
}

// gc returns freed memory to the OS between phases, so one phase's
// garbage does not count in the next one's resident set.
func gc() { debug.FreeOSMemory() }

// GeneratedIndex generates n bullets from source (seed fixed) and builds
// them into a new index at dir with the built-in embedder, trained on
// them: the fixture of the Go benchmarks in index/ and search/.
func GeneratedIndex(ctx context.Context, dir string, source []vitae.Bullet, n int, seed uint64, opts index.Options) (*index.Index, *embed.Local, error) {
	resumes, err := Generate(source, CorpusOptions{Bullets: n, Seed: seed})
	if err != nil {
		return nil, nil, err
	}
	ix, l, _, err := BuildSemantic(ctx, dir, opts, resumes)
	return ix, l, err
}

// Restart is what closing a built index and opening it again cost: a
// server restart. The HNSW graph is saved on close and loaded on open.
type Restart struct {
	CloseSeconds float64 `json:"close_seconds"`
	OpenSeconds  float64 `json:"open_seconds"`
	// Approximate: the reopened index had its graph without rebuilding.
	Approximate bool `json:"approximate"`
}

// Reopen closes ix (at dir) and opens it again with opts, timing both.
func Reopen(ix *index.Index, dir string, opts index.Options) (*Restart, error) {
	r := &Restart{}
	t := time.Now()
	if err := ix.Close(); err != nil {
		return nil, fmt.Errorf("bench: close: %w", err)
	}
	r.CloseSeconds = time.Since(t).Seconds()
	opts.Path = dir
	t = time.Now()
	again, err := index.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("bench: reopen: %w", err)
	}
	r.OpenSeconds = time.Since(t).Seconds()
	st, err := again.Stats()
	r.Approximate = st.Approximate
	if cerr := again.Close(); err == nil {
		err = cerr
	}
	return r, err
}

// buildSize generates n bullets and builds them twice: bare bleve batches
// (the ceiling, removed after) and the whole pipeline with the embedder,
// whose index it returns open. With Options.Keep the embedder is saved
// beside the index for a later run.
func buildSize(ctx context.Context, opts Options, dir string, n int, source []vitae.Bullet, checkpoint func(*SizeResult)) (*SizeResult, *index.Index, *embed.Local, *Build, error) {
	log := opts.Logger
	t := time.Now()
	resumes, err := Generate(source, CorpusOptions{Bullets: n, Seed: opts.Seed})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	sr := &SizeResult{Bullets: Count(resumes), Resumes: len(resumes), GenerateSeconds: time.Since(t).Seconds(), Latency: map[string]Latency{}}

	if !opts.SkipRaw {
		log.Info("bench: raw bleve batches", "bullets", n)
		if sr.Raw, err = BuildRawBleve(ctx, filepath.Join(dir, "raw"), opts.Index.BatchSize, resumes); err != nil {
			return sr, nil, nil, nil, err
		}
		os.RemoveAll(filepath.Join(dir, "raw"))
		gc()
		checkpoint(sr)
	}
	log.Info("bench: index with the built-in embedder", "bullets", n)
	ix, l, b, err := BuildSemantic(ctx, filepath.Join(dir, "semantic"), opts.Index, resumes)
	if err != nil {
		return sr, nil, nil, nil, err
	}
	sr.Semantic, sr.Keyword = b, b.KeywordPhase
	if opts.Keep {
		if err := keepModel(dir, l); err != nil {
			ix.Close()
			return sr, nil, nil, nil, err
		}
	}
	checkpoint(sr)
	return sr, ix, l, b, nil // a server holds the index, not the corpus
}
