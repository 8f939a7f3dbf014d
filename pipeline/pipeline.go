package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/ingest"
)

// ModelFile is the built-in embedder's model, trained on an index's own
// bullets and kept in the index directory beside what it learnt from.
const ModelFile = "local-model.bin"

// ModelPath is where the built-in model of the index at dir is kept.
func ModelPath(dir string) string { return filepath.Join(dir, ModelFile) }

// Options configure an Indexer; zero values take the defaults.
type Options struct {
	// Store keeps the résumés and their vectors; required.
	Store Store
	// Embedder embeds bullets; nil leaves them keyword-only.
	Embedder vitae.Embedder
	// Local is the built-in embedder when Embedder embeds through it
	// (nil for another provider). A run trains it on the index's bullets
	// when ModelPath holds no model yet, or when asked to retrain, saves
	// the model at ModelPath and swaps it in.
	Local *embed.Swap
	// ModelPath is where the trained built-in model is saved, required
	// with Local (ModelPath(dir) beside an embedded index).
	ModelPath string
	// Ingest bounds file parsing; zero fields take ingest's defaults.
	Ingest ingest.Options
	// Batch is how many parsed résumés are written at once, bounding
	// memory; default 200.
	Batch int
	// Logger receives what a run did and skipped; default discards.
	Logger *slog.Logger
	// Progress receives the run's events, in order, on the goroutine
	// doing the work; may be nil. When set, it reports skipped files
	// (FileParsed.Err) and Logger does not, so each is told once.
	Progress func(Event)
}

// Validate reports every problem with the options at once.
func (o Options) Validate() error {
	var errs []error
	if o.Store == nil {
		errs = append(errs, errors.New("pipeline: a store is required"))
	}
	if o.Batch < 0 {
		errs = append(errs, errors.New("pipeline: batch must not be negative"))
	}
	if o.Local != nil && o.Embedder == nil {
		errs = append(errs, errors.New("pipeline: the built-in embedder is set but no embedder embeds through it"))
	}
	if o.Local != nil && o.ModelPath == "" {
		errs = append(errs, errors.New("pipeline: the built-in embedder needs a model path"))
	}
	return errors.Join(errs...)
}

func (o Options) withDefaults() Options {
	o.Ingest = o.Ingest.WithDefaults()
	if o.Batch == 0 {
		o.Batch = 200
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Indexer runs the indexing pipeline over one index. Add and AddFiles
// may be called concurrently with anything (the index serialises
// writes); Run and EnsureIndexed, which may retrain the built-in
// embedder, are meant for one caller at a time.
type Indexer struct {
	opts Options
}

// New returns an Indexer, or the problems with opts.
func New(opts Options) (*Indexer, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return &Indexer{opts: opts.withDefaults()}, nil
}

// Job is one indexing run.
type Job struct {
	// Paths are the files and directories to index. Résumés whose files
	// lay under them and are gone are removed. None: only bring the
	// vectors up to date (a back-fill).
	Paths []string
	// Retrain retrains the built-in embedder on the whole index even if
	// it has a model, and so re-embeds every bullet.
	Retrain bool
}

// Skipped is a file that could not be indexed, and why.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"` // names the file and the cause
	Err    error  `json:"-"`      // the cause, with its vitae code
}

// Summary is what a run did.
type Summary struct {
	Files     int       `json:"files"`     // supported files found
	Resumes   int       `json:"resumes"`   // added or replaced
	Unchanged int       `json:"unchanged"` // same content hash: left alone
	Removed   int       `json:"removed"`   // their files are gone
	Bullets   int       `json:"bullets"`   // written this run
	Embedded  int       `json:"embedded"`  // bullets that got vectors
	Skipped   []Skipped `json:"skipped"`
	// IDs are the résumés AddFiles read, in file order.
	IDs []string `json:"ids,omitempty"`
	// Degraded says why vectors are incomplete (the bullets stay
	// keyword-searchable and a later back-fill embeds them); empty when
	// they are not. DegradedBy is the error behind it.
	Degraded   string        `json:"degraded,omitempty"`
	DegradedBy error         `json:"-"`
	Took       time.Duration `json:"took_ns"`
}

func (s *Summary) degrade(err error) {
	s.Degraded, s.DegradedBy = err.Error(), err
}

// Run indexes job.Paths: it parses every supported file, writes the
// changed résumés in batches, removes those whose files are gone, trains
// the built-in embedder if it has no model (or on job.Retrain), embeds
// the bullets lacking vectors and builds the approximate vector index. A
// bad file is skipped with its reason; an embedding failure degrades the
// Summary. The error is for the index failing, or ctx ending.
func (x *Indexer) Run(ctx context.Context, job Job) (*Summary, error) {
	start := time.Now()
	sum := &Summary{}
	if len(job.Paths) > 0 {
		files, err := x.indexFiles(ctx, job.Paths, sum)
		if err != nil {
			return sum, err
		}
		removed, err := x.removeVanished(ctx, job.Paths, files)
		sum.Removed = removed
		if err != nil {
			return sum, err
		}
	}
	if err := x.syncVectors(ctx, job.Retrain, sum); err != nil {
		return sum, err
	}
	if err := x.buildANN(ctx); err != nil {
		return sum, err
	}
	sum.Took = time.Since(start)
	return sum, nil
}

// ErrEmpty is EnsureIndexed's error for an index that was empty and is
// still: the sample files wrote no bullet (none there, none readable);
// its Summary says which were skipped and why.
var ErrEmpty = errors.New("the index is empty and the sample data added no bullet")

// EnsureIndexed readies an index for its first searches: an empty one
// gets the sample files at paths indexed (a full Run; ErrEmpty when they
// add no bullet); one whose bullets lack vectors (the provider was down,
// the model changed) is back-filled. Otherwise it does nothing.
func (x *Indexer) EnsureIndexed(ctx context.Context, paths []string) (*Summary, error) {
	ix, log := x.opts.Store, x.opts.Logger
	st, err := ix.Stats()
	if err != nil {
		return nil, err
	}
	if st.Bullets > 0 {
		sum := &Summary{}
		if x.opts.Embedder == nil || st.Vectors >= st.Bullets {
			return sum, nil
		}
		start := time.Now()
		err := x.syncVectors(ctx, false, sum)
		sum.Took = time.Since(start)
		return sum, err
	}
	log.Info("index is empty: indexing the sample data first", "paths", paths)
	sum, err := x.Run(ctx, Job{Paths: paths})
	if err != nil {
		return sum, err
	}
	if sum.Bullets == 0 {
		return sum, ErrEmpty
	}
	log.Info("sample data indexed", "resumes", sum.Resumes, "bullets", sum.Bullets, "skipped", len(sum.Skipped), "took", sum.Took.Round(time.Millisecond))
	return sum, nil
}

func (x *Indexer) emit(e Event) {
	if x.opts.Progress != nil {
		x.opts.Progress(e)
	}
}

func (x *Indexer) hasModel() bool {
	_, err := os.Stat(x.opts.ModelPath)
	return err == nil
}
