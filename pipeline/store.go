package pipeline

import (
	"context"

	"vitae"
	"vitae/index"
)

// Store is what the pipeline needs of storage: writing and removing
// résumés, and vectors in and out by model. It is the indexing part of
// search.Store (see there for the contract of each method), which every
// backend implements; *index.Index is the embedded one.
type Store interface {
	Upsert(ctx context.Context, resumes []*vitae.Resume) (index.Changes, error)
	Delete(ctx context.Context, resumeID string) error
	Sources() (map[string]string, error)
	PutVectors(ids []string, vecs [][]float32, model string) error
	VectorModel() string
	MissingVectors(ctx context.Context, model string, fn func(id, text string) error) error
	DropVectors(ctx context.Context) error
	Stats() (index.Stats, error)
}

// annBuilder is a store with an approximate vector index worth building
// before serving (the embedded HNSW graph); other stores need not have one.
type annBuilder interface {
	BuildANN(ctx context.Context) error
}

// vectorReserver is a store that can make room for n vectors at once, so
// a bulk embed does not grow it by doubling.
type vectorReserver interface {
	ReserveVectors(n int)
}
