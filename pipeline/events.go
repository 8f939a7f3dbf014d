package pipeline

import "time"

// Stage names a phase of an indexing run that reports progress.
type Stage string

const (
	StageFiles   Stage = "files"   // reading, parsing and storing files
	StageVectors Stage = "vectors" // embedding bullets that lack vectors
	StageANN     Stage = "ann"     // building the approximate vector index
	StageMigrate Stage = "migrate" // copying résumés and vectors to another backend
)

// Event is one step of an Indexer's progress: a FileParsed, BatchStored,
// ModelTrained, VectorsEmbedded or StageDone. Events are delivered on the
// goroutine doing the work, in order.
type Event interface{ event() }

// FileParsed says one file was read: parsed, or skipped because of Err.
type FileParsed struct {
	Path        string
	Err         error         // why the file was skipped; nil when it was parsed
	Done, Total int           // files handled so far, of all found
	Elapsed     time.Duration // since the files stage began
}

// BatchStored says a batch of parsed résumés was written to the index;
// the counts are this run's so far.
type BatchStored struct {
	Resumes   int // added or replaced
	Unchanged int // same content hash as stored: left alone
	Bullets   int // bullets written
	Elapsed   time.Duration
}

// ModelTrained says the built-in embedder was (re)trained on Bullets
// bullets; its new Model identity makes every bullet be re-embedded.
type ModelTrained struct {
	Bullets int
	Model   string
	Elapsed time.Duration
}

// VectorsEmbedded says Done of the Total bullets lacking vectors have
// been embedded and stored.
type VectorsEmbedded struct {
	Done, Total int
	Elapsed     time.Duration // since the vectors stage began
}

// ResumesMigrated says Done of the Total résumés of the source have been
// copied (or found already there) by Migrate, with the bullets and
// vectors written so far.
type ResumesMigrated struct {
	Done, Total      int
	Bullets, Vectors int
	Elapsed          time.Duration // since the migration began
}

// StageDone ends a stage, on success, error or cancellation alike. Done
// and Total count its files or bullets (both 0 for StageANN).
type StageDone struct {
	Stage       Stage
	Done, Total int
	Elapsed     time.Duration
}

func (FileParsed) event()      {}
func (BatchStored) event()     {}
func (ModelTrained) event()    {}
func (VectorsEmbedded) event() {}
func (StageDone) event()       {}
func (ResumesMigrated) event() {}
