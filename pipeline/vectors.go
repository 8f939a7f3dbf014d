package pipeline

import (
	"context"
	"fmt"
	"time"

	"vitae"
	"vitae/embed"
)

// syncVectors trains the built-in embedder when it has no model yet (or
// on retrain) and embeds every bullet lacking a vector. A provider
// failure degrades sum: the bullets stay keyword-searchable and the next
// run back-fills them.
func (x *Indexer) syncVectors(ctx context.Context, retrain bool, sum *Summary) error {
	if x.opts.Embedder == nil {
		return nil
	}
	if x.opts.Local != nil && (retrain || !x.hasModel()) {
		if err := x.train(ctx); err != nil {
			return err
		}
	}
	start := time.Now()
	done, total := 0, 0
	if m := x.opts.Store.VectorModel(); m != "" && m != x.opts.Embedder.Model() {
		x.opts.Logger.Info("embedding model changed: re-embedding every bullet", "from", m, "to", x.opts.Embedder.Model())
	}
	n, err := SyncVectors(ctx, x.opts.Store, x.opts.Embedder, func(d, t int) {
		done, total = d, t
		x.emit(VectorsEmbedded{Done: d, Total: t, Elapsed: time.Since(start)})
	})
	x.emit(StageDone{Stage: StageVectors, Done: done, Total: total, Elapsed: time.Since(start)})
	sum.Embedded = n
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sum.degrade(err)
		x.opts.Logger.Warn("vectors incomplete; keyword search works, run `vitae index --backfill` later", "error", err)
	}
	return nil
}

// train retrains the built-in embedder on every bullet in the index,
// saves it and swaps it in; its new model identity makes SyncVectors
// re-embed every bullet.
func (x *Indexer) train(ctx context.Context) error {
	start := time.Now()
	var texts []string
	if err := x.opts.Store.MissingVectors(ctx, "", func(_, text string) error {
		texts = append(texts, text)
		return nil
	}); err != nil {
		return fmt.Errorf("read bullets for training: %w", err)
	}
	if len(texts) == 0 {
		return nil
	}
	x.opts.Logger.Info("training the built-in embedder", "bullets", len(texts))
	l, err := embed.TrainLocal(texts, embed.LocalOptions{})
	if err != nil {
		return fmt.Errorf("train local embedder: %w", err)
	}
	if err := l.WriteFile(x.opts.ModelPath); err != nil {
		return err
	}
	x.opts.Local.Set(l)
	x.emit(ModelTrained{Bullets: len(texts), Model: l.Model(), Elapsed: time.Since(start)})
	return nil
}

// buildANN builds the approximate vector index now (it is saved with the
// index), so a server starting on this index need not build it while
// serving.
func (x *Indexer) buildANN(ctx context.Context) error {
	start := time.Now()
	b, ok := x.opts.Store.(annBuilder)
	if !ok {
		return nil
	}
	err := b.BuildANN(ctx)
	d := time.Since(start)
	x.emit(StageDone{Stage: StageANN, Elapsed: d})
	if err == nil && d > time.Second {
		x.opts.Logger.Info("approximate vector index ready", "seconds", d.Seconds())
	}
	return err
}

// Add stores parsed résumés (uploads, the API) and embeds their bullets
// at once, so they are found by meaning as soon as it returns. It neither
// trains the built-in embedder nor builds the approximate index. An
// embedder failure, or stored vectors of another model, degrade the
// Summary: the bullets are keyword-searchable and a back-fill embeds them
// later. The error is for the index refusing the résumés.
func (x *Indexer) Add(ctx context.Context, resumes []*vitae.Resume) (*Summary, error) {
	start := time.Now()
	ix, e := x.opts.Store, x.opts.Embedder
	ch, err := ix.Upsert(ctx, resumes)
	if err != nil {
		return nil, err
	}
	sum := &Summary{Resumes: ch.Added + ch.Updated, Unchanged: ch.Unchanged, Bullets: ch.Bullets}
	x.emit(BatchStored{Resumes: sum.Resumes, Unchanged: sum.Unchanged, Bullets: sum.Bullets, Elapsed: time.Since(start)})
	defer func() { sum.Took = time.Since(start) }()
	if e == nil {
		return sum, nil
	}
	if m := ix.VectorModel(); m != "" && m != e.Model() {
		sum.degrade(vitae.Errorf(vitae.EUNSUPPORTED, "vectors are from another model; run `vitae index --backfill`"))
		return sum, nil
	}
	// Every bullet of the résumés given, unchanged ones too: re-adding a
	// résumé is how a caller retries after a provider failure.
	var ids, texts []string
	for _, r := range resumes {
		for _, b := range r.Bullets {
			ids = append(ids, b.ID)
			texts = append(texts, b.Text)
		}
	}
	if len(ids) == 0 {
		return sum, nil
	}
	vecs, err := e.Embed(ctx, texts, vitae.InputDocument)
	if err == nil {
		err = ix.PutVectors(ids, vecs, e.Model())
	}
	if err != nil {
		sum.degrade(err)
		x.opts.Logger.Warn("bullets indexed without vectors; they will be back-filled", "error", err)
		return sum, nil
	}
	sum.Embedded = len(ids)
	x.emit(VectorsEmbedded{Done: len(ids), Total: len(ids), Elapsed: time.Since(start)})
	return sum, nil
}

// syncBatch is how many bullets go to the embedder at once.
const syncBatch = 256

// SyncVectors embeds every bullet of s lacking a vector of e's model and
// stores the vectors, reporting progress (done of total) after each
// batch. If the stored vectors are of another model, all are dropped
// first and every bullet is re-embedded: vectors of two models are never
// mixed. On an embedder error it returns how many were done and the
// error; the rest stay keyword-searchable and a later call back-fills
// them.
func SyncVectors(ctx context.Context, s Store, e vitae.Embedder, progress func(done, total int)) (int, error) {
	if e == nil {
		return 0, nil
	}
	if m := s.VectorModel(); m != "" && m != e.Model() {
		if err := s.DropVectors(ctx); err != nil {
			return 0, err
		}
	}
	var ids, texts []string
	if err := s.MissingVectors(ctx, e.Model(), func(id, text string) error {
		ids = append(ids, id)
		texts = append(texts, text)
		return nil
	}); err != nil {
		return 0, fmt.Errorf("list bullets without vectors: %w", err)
	}
	reserve := func(int) {}
	if r, ok := s.(vectorReserver); ok {
		reserve = r.ReserveVectors
	}
	reserve(len(ids)) // a no-op until the dimension is known
	done := 0
	if progress != nil {
		progress(0, len(ids))
	}
	for lo := 0; lo < len(ids); lo += syncBatch {
		hi := min(lo+syncBatch, len(ids))
		vecs, err := e.Embed(ctx, texts[lo:hi], vitae.InputDocument)
		if err != nil {
			return done, fmt.Errorf("embed bullets: %w", err)
		}
		if err := s.PutVectors(ids[lo:hi], vecs, e.Model()); err != nil {
			return done, err
		}
		if lo == 0 {
			reserve(len(ids) - hi) // the dimension may be known only now
		}
		done += hi - lo
		if progress != nil {
			progress(done, len(ids))
		}
	}
	return done, nil
}
