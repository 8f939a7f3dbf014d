package search

import (
	"context"

	"vitae"
	"vitae/index"
)

// Store is what search, matching and the indexing pipeline need of
// storage: the seam between Vitae and the engine that keeps its bullets.
// *index.Index (bleve + bbolt + the vector store, `index.backend:
// embedded`) implements it; every implementation must pass the
// conformance suite in index/storetest. The request and answer types
// stay in package index. Text analysis (index.Terms, index.Highlight)
// and embedding (pipeline) are not storage concerns and are not here.
//
// Errors carry vitae codes: ENOTFOUND for an unknown résumé, EINVALID for
// a bad filter or vector and for a query over its length (vitae.TooLong),
// ETIMEOUT when ctx ends, EUNAVAILABLE when the store cannot be reached.
type Store interface {
	// Upsert writes résumés with their bullets, replacing a résumé's old
	// bullets (and their vectors) and skipping one whose Hash is unchanged.
	Upsert(ctx context.Context, resumes []*vitae.Resume) (index.Changes, error)
	// Delete erases a résumé: its record, bullets and vectors; afterwards
	// nothing of it is retrievable. An unknown ID is vitae.ErrNotFound.
	Delete(ctx context.Context, resumeID string) error

	// Resume returns one résumé with its bullets in document order
	// (vitae.ErrNotFound if unknown).
	Resume(id string) (*vitae.Resume, error)
	// Resumes lists résumés without bullets, in ID order, and the total.
	Resumes(offset, limit int) ([]*vitae.Resume, int, error)
	// Bullets loads bullets by ID; unknown IDs are absent from the map.
	Bullets(ids []string) (map[string]vitae.Bullet, error)
	// Sources maps each indexed source path to its résumé ID, so the
	// pipeline can remove résumés whose files are gone.
	Sources() (map[string]string, error)

	// Lexical runs a BM25 keyword search with filters, highlights and
	// (on request) facets.
	Lexical(ctx context.Context, req index.LexicalRequest) (*index.LexicalResult, error)
	// Nearest returns the k bullets whose vectors are most similar
	// (cosine) to vec, keeping only those the filters keep: the same
	// filters mean the same bullets as in Lexical.
	Nearest(ctx context.Context, vec []float32, k int, f vitae.Filters) ([]index.Neighbor, error)
	// Facets counts company, role, skill and section values over the
	// given bullets, at most size values per facet.
	Facets(ids []string, size int) (map[string][]vitae.FacetCount, error)

	// PutVectors stores vectors for bullets under a model identity (not
	// empty). Vectors of another model than the stored ones are refused
	// (EINVALID), as are vectors of a dimension other than the stored
	// ones'; IDs of bullets that no longer exist are skipped.
	PutVectors(ids []string, vecs [][]float32, model string) error
	// VectorModel is the model of the stored vectors; empty when none.
	VectorModel() string
	// MissingVectors calls fn, in ID order, with every bullet that has no
	// vector of model: all bullets when the stored vectors are of another
	// model, or when model is "" (which no vector has).
	MissingVectors(ctx context.Context, model string, fn func(id, text string) error) error
	// DropVectors erases every vector and the model identity (the
	// embedding model changed); the bullets stay keyword-searchable.
	DropVectors(ctx context.Context) error

	// Stats counts résumés, bullets and vectors.
	Stats() (index.Stats, error)
	// Close flushes and releases the store; it is unusable after.
	Close() error
}
