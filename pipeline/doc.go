// Package pipeline is Vitae's one indexing pipeline: files, uploaded
// bytes or parsed résumés go through ingest (a file that cannot be read is
// skipped with its name and reason; it never stops the batch), are stored
// through the Store (search.Store's indexing methods; *index.Index is the
// embedded backend), and get their vectors: the built-in embedder is
// trained on the store's own bullets when it has no model yet (or on
// request), bullets lacking vectors are embedded (SyncVectors, over
// Store.MissingVectors and Store.PutVectors), and a store with an
// approximate vector index (the embedded HNSW graph) builds it so a server
// need not build it while serving.
//
// An Indexer reports its progress as typed events (FileParsed,
// BatchStored, ModelTrained, VectorsEmbedded, StageDone) to a callback;
// the CLI draws them as progress bars or log lines. Embedding failures
// degrade rather than fail: the bullets stay keyword-searchable, the
// Summary says why, and the next run back-fills them.
//
//	x, err := pipeline.New(pipeline.Options{Store: ix, Embedder: e})
//	if err != nil { … }
//	sum, err := x.Run(ctx, pipeline.Job{Paths: []string{"./data"}})
//
// Migrate copies a store into another backend (`vitae migrate --to
// weaviate`, and back): résumés, bullets and vectors as stored, under the
// source's model identity, without embedding; a run cut short is started
// again and skips what is already there.
//
// Callers: `vitae index` (Run), `vitae serve`/`search`/`match` on an
// empty index (EnsureIndexed), and search.Engine.Add and AddFiles, which
// the upload API calls. The package imports index (for its request and
// answer types), ingest and embed, never search, web or cmd.
package pipeline
