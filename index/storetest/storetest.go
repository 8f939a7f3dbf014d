package storetest

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"sync"
	"testing"

	"vitae"
	"vitae/index"
)

// Store is the method set under test: search.Store, restated here so
// that the suite sits beside the types it uses and below search.
type Store interface {
	Upsert(ctx context.Context, resumes []*vitae.Resume) (index.Changes, error)
	Delete(ctx context.Context, resumeID string) error
	Resume(id string) (*vitae.Resume, error)
	Resumes(offset, limit int) ([]*vitae.Resume, int, error)
	Bullets(ids []string) (map[string]vitae.Bullet, error)
	Sources() (map[string]string, error)
	Lexical(ctx context.Context, req index.LexicalRequest) (*index.LexicalResult, error)
	Nearest(ctx context.Context, vec []float32, k int, f vitae.Filters) ([]index.Neighbor, error)
	Facets(ids []string, size int) (map[string][]vitae.FacetCount, error)
	PutVectors(ids []string, vecs [][]float32, model string) error
	VectorModel() string
	MissingVectors(ctx context.Context, model string, fn func(id, text string) error) error
	DropVectors(ctx context.Context) error
	Stats() (index.Stats, error)
	Close() error
}

// Opener opens the store of test t. The first call in a test opens an
// empty store; a later call in the same test, after the suite closed the
// store, opens the same one again (a restart). The suite closes every
// store it opens.
type Opener func(t *testing.T) Store

// Run runs every behaviour against the stores open gives.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		run  func(t *testing.T, h *harness)
	}{
		{"upsert counts and skips unchanged", testUpsert},
		{"changed résumé replaces its bullets", testReplace},
		{"delete counts", testDelete},
		{"records and paging", testRecords},
		{"lexical highlights and ids only", testLexical},
		{"filters keep the same bullets in both retrievers", testFilterParity},
		{"invalid filters are refused by both retrievers", testInvalidFilters},
		{"company, role and person filters match by words", testWordFilters},
		{"facets", testFacets},
		{"vectors in and out by model", testVectors},
		{"erasure leaves nothing retrievable", testErasure},
		{"restart keeps everything", testRestart},
		{"copies by identity", testCopies},
		{"vectors read back", testVectorsReadBack},
		{"every résumé streamed", testEachResume},
		{"term statistics", testTermStats},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &harness{t: t, open: open, ctx: context.Background()}
			h.reopen()
			tt.run(t, h)
		})
	}
}

// harness holds the store of one behaviour and closes it at the end.
type harness struct {
	t     *testing.T
	open  Opener
	ctx   context.Context
	s     Store
	close func() error
}

// reopen closes the current store, if any, and opens it again.
func (h *harness) reopen() {
	h.t.Helper()
	if h.close != nil {
		if err := h.close(); err != nil {
			h.t.Fatalf("close: %v", err)
		}
	}
	s := h.open(h.t)
	if s == nil {
		h.t.Fatal("the factory opened no store")
	}
	h.s, h.close = s, sync.OnceValue(s.Close)
	h.t.Cleanup(func() { h.close() })
}

// upsert writes résumés and returns the changes, failing the test on error.
func (h *harness) upsert(rs ...*vitae.Resume) index.Changes {
	h.t.Helper()
	ch, err := h.s.Upsert(h.ctx, rs)
	if err != nil {
		h.t.Fatalf("upsert: %v", err)
	}
	return ch
}

// stats returns the store's stats, failing the test on error.
func (h *harness) stats() index.Stats {
	h.t.Helper()
	st, err := h.s.Stats()
	if err != nil {
		h.t.Fatalf("stats: %v", err)
	}
	return st
}

// lexical returns the sorted IDs of every bullet a keyword search finds.
func (h *harness) lexical(text string, f vitae.Filters) []string {
	h.t.Helper()
	res, err := h.s.Lexical(h.ctx, index.LexicalRequest{Text: text, Filters: f, Size: 100})
	if err != nil {
		h.t.Fatalf("lexical %q %+v: %v", text, f, err)
	}
	var out []string
	for _, hit := range res.Hits {
		out = append(out, hit.Bullet.ID)
	}
	sort.Strings(out)
	return out
}

// nearest returns the sorted IDs of every bullet vector search finds
// (k exceeds the bullets of any test, so all that the filters keep).
func (h *harness) nearest(f vitae.Filters) []string {
	h.t.Helper()
	ns, err := h.s.Nearest(h.ctx, query(), 100, f)
	if err != nil {
		h.t.Fatalf("nearest %+v: %v", f, err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	sort.Strings(out)
	return out
}

// missing returns the IDs MissingVectors lists for model, in its order.
func (h *harness) missing(model string) []string {
	h.t.Helper()
	var out []string
	if err := h.s.MissingVectors(h.ctx, model, func(id, text string) error {
		if text == "" {
			return fmt.Errorf("bullet %s listed without its text", id)
		}
		out = append(out, id)
		return nil
	}); err != nil {
		h.t.Fatalf("missing vectors of %q: %v", model, err)
	}
	return out
}

// embedAll stores a vector of model for every bullet lacking one.
func (h *harness) embedAll(model string) {
	h.t.Helper()
	ids := h.missing(model)
	vecs := make([][]float32, len(ids))
	for i, id := range ids {
		vecs[i] = vectorOf(id)
	}
	if err := h.s.PutVectors(ids, vecs, model); err != nil {
		h.t.Fatalf("put vectors: %v", err)
	}
}

// dim is the dimension of the suite's vectors.
const dim = 8

// vectorOf is a fixed vector for a bullet ID, every component positive, so
// each bullet is similar to query() and none ties with another by chance.
func vectorOf(id string) []float32 {
	f := fnv.New64a()
	f.Write([]byte(id))
	x := f.Sum64()
	v := make([]float32, dim)
	for i := range v {
		v[i] = 0.1 + float32((x>>(8*i))&0xff)/255
	}
	return v
}

// query is the vector the suite searches with.
func query() []float32 {
	v := make([]float32, dim)
	for i := range v {
		v[i] = 1
	}
	return v
}

// resume builds a résumé with one bullet per text; its hash follows the
// texts, so changing them changes the résumé.
func resume(id, person, company, role, start, end string, skills []string, texts ...string) *vitae.Resume {
	r := &vitae.Resume{ID: id, Person: person, Hash: fmt.Sprintf("%s-%d-%s", id, len(texts), strings.Join(texts, "|")), Source: "data/" + id + ".json"}
	for i, t := range texts {
		r.Bullets = append(r.Bullets, vitae.Bullet{
			ID: fmt.Sprintf("%s-%d", id, i), ResumeID: id, Person: person, Company: company, Role: role,
			Section: vitae.SectionWork, Start: start, End: end, Text: t, Skills: skills, Source: r.Source,
			Ref: fmt.Sprintf("/work/0/highlights/%d", i),
		})
	}
	return r
}

// sample is three résumés with five bullets, four of them about a team.
func sample() []*vitae.Resume {
	return []*vitae.Resume{
		resume("alice", "Alice Smith", "Planet Labs", "Principal Engineer", "2016-01", "2018-08", []string{"Kubernetes"},
			"Led operationally-focused teams of DevOps engineers and SREs",
			"Deployed and operated Kubernetes on AWS and GCP"),
		resume("bob", "Bob Jones", "DUST Identity", "Engineering Manager", "2021-03", "", []string{"Python"},
			"Upon becoming a manager, I was responsible for the DevOps team",
			"Wrote <script>alert(1)</script> & other docs for the team wiki"),
		resume("carol", "Carol White", "Mercy General", "Charge Nurse", "2014", "2017", []string{"Epic EHR"},
			"Supervised a team of 12 registered nurses"),
	}
}

// notFound reports whether err says an unknown résumé.
func notFound(err error) bool {
	return errors.Is(err, vitae.ErrNotFound) || vitae.ErrorCode(err) == vitae.ENOTFOUND
}
