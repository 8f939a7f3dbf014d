package weaviate

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/go-openapi/strfmt"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"

	"vitae"
	"vitae/index"
)

// Searches and bullet loads are GraphQL, which takes no consistency
// level: they ask one replica of each shard. Résumé records are read at
// Options.Consistency (REST), which repairs a stale replica on the way.

func strfmtUUID(s string) strfmt.UUID { return strfmt.UUID(s) }

// Resume returns a résumé with all its bullets in document order, from
// its record; an unknown ID wraps vitae.ErrNotFound.
func (s *Store) Resume(id string) (*vitae.Resume, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	recs, err := s.records(ctx, []*vitae.Resume{{ID: id}}, s.opts.Consistency)
	if err != nil {
		return nil, err
	}
	r := recs[id]
	if r == nil {
		return nil, fmt.Errorf("résumé %q: %w", id, vitae.ErrNotFound)
	}
	return r, nil
}

// Resumes lists résumés (without bullets) sorted by ID, and the total.
// limit <= 0 lists every résumé from offset.
func (s *Store) Resumes(offset, limit int) ([]*vitae.Resume, int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	if offset < 0 {
		offset = 0
	}
	total, err := s.count(ctx, s.resume)
	if err != nil {
		return nil, 0, err
	}
	var objs []resumeObj
	if limit > 0 && offset+limit <= maxResults {
		err = s.get(ctx, s.resume, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
			return g.WithSort(graphql.Sort{Path: []string{pResumeID}, Order: graphql.Asc}).
				WithOffset(offset).WithLimit(limit).
				WithFields(fields([]string{pResumeID, pRecord})...)
		})
	} else { // past Weaviate's window: read every record, sort here
		err = scan(ctx, s, s.resume, []string{pResumeID, pRecord}, func(raw []resumeObj) error {
			objs = append(objs, raw...)
			return nil
		})
		slices.SortFunc(objs, func(a, b resumeObj) int { return strings.Compare(a.ResumeID, b.ResumeID) })
		objs = objs[min(offset, len(objs)):]
		if limit > 0 {
			objs = objs[:min(limit, len(objs))]
		}
	}
	if err != nil {
		return nil, 0, fmt.Errorf("list résumés: %w", err)
	}
	out := make([]*vitae.Resume, 0, len(objs))
	for _, o := range objs {
		r, err := o.resume()
		if err != nil {
			return nil, 0, err
		}
		r.Bullets = make([]vitae.Bullet, 0)
		out = append(out, r)
	}
	return out, total, nil
}

// maxResults is Weaviate's default QUERY_MAXIMUM_RESULTS: offset + limit
// of one query may not pass it.
const maxResults = 10000

// Bullets returns the bullets with the given IDs; unknown IDs are absent.
func (s *Store) Bullets(ids []string) (map[string]vitae.Bullet, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	return s.bullets(ctx, ids)
}

func (s *Store) bullets(ctx context.Context, ids []string) (map[string]vitae.Bullet, error) {
	out := make(map[string]vitae.Bullet, len(ids))
	uuids := make([]string, len(ids))
	for i, id := range ids {
		uuids[i] = s.bulletUUID(id)
	}
	for _, w := range idsInChunks(uuids) {
		var objs []bulletObj
		err := s.get(ctx, s.bullet, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
			return g.WithWhere(w).WithLimit(chunk).WithFields(fields(bulletFields)...)
		})
		if err != nil {
			return nil, fmt.Errorf("load bullets: %w", err)
		}
		for _, o := range objs {
			out[o.BulletID] = o.bullet()
		}
	}
	return out, nil
}

// Sources maps each indexed source path to its résumé ID.
func (s *Store) Sources() (map[string]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*s.opts.Timeout)
	defer cancel()
	out := map[string]string{}
	err := scan(ctx, s, s.resume, []string{pResumeID, pSource}, func(objs []resumeObj) error {
		for _, o := range objs {
			if o.Source != "" {
				out[o.Source] = o.ResumeID
			}
		}
		return nil
	})
	return out, err
}

// EachResume calls fn with every résumé, its bullets included (each
// record holds them), a page at a time in the order of Weaviate's cursor:
// for copying the collections to another backend (pipeline.Migrate),
// however many résumés there are.
func (s *Store) EachResume(ctx context.Context, fn func(*vitae.Resume) error) error {
	return scan(ctx, s, s.resume, []string{pResumeID, pRecord}, func(objs []resumeObj) error {
		for _, o := range objs {
			r, err := o.resume()
			if err != nil {
				return err
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// Copies returns the IDs of the résumés stored under a candidate identity,
// sorted; none for an empty identity (duplicate uploads, erasure by
// identity). Résumés written before the collection recorded identities
// are found once written again.
func (s *Store) Copies(identity string) ([]string, error) {
	if identity == "" {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	var objs []resumeObj
	err := s.get(ctx, s.resume, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
		return g.WithWhere(textEquals(pIdentity, identity)).WithLimit(chunk).WithFields(fields([]string{pResumeID})...)
	})
	if err != nil {
		return nil, fmt.Errorf("copies of identity %q: %w", identity, err)
	}
	ids := make([]string, len(objs))
	for i, o := range objs {
		ids[i] = o.ResumeID
	}
	slices.Sort(ids)
	return ids, nil
}

// scan reads every object of class, a page at a time in UUID order
// (Weaviate's cursor), decoding each page into []T for fn.
func scan[T any](ctx context.Context, s *Store, class string, names []string, fn func([]T) error) error {
	after := ""
	for {
		var raw []json.RawMessage
		err := s.get(ctx, class, &raw, func(g *graphql.GetBuilder) *graphql.GetBuilder {
			g = g.WithLimit(scanPage).WithFields(fields(names, "id")...)
			if after != "" {
				g = g.WithAfter(after)
			}
			return g
		})
		if err != nil {
			return fmt.Errorf("scan %s: %w", class, err)
		}
		if len(raw) == 0 {
			return nil
		}
		page := make([]T, len(raw))
		for i, r := range raw {
			if err := json.Unmarshal(r, &page[i]); err != nil {
				return fmt.Errorf("scan %s: %w", class, err)
			}
		}
		if err := fn(page); err != nil {
			return err
		}
		var last struct {
			Additional additional `json:"_additional"`
		}
		if err := json.Unmarshal(raw[len(raw)-1], &last); err != nil {
			return fmt.Errorf("scan %s: %w", class, err)
		}
		if len(raw) < scanPage {
			return nil
		}
		after = last.Additional.ID
	}
}

const scanPage = 1000

// Stats counts résumés, bullets and the bullets with a vector of the
// stored model.
func (s *Store) Stats() (index.Stats, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	var st index.Stats
	var err error
	if st.Resumes, err = s.count(ctx, s.resume); err != nil {
		return st, err
	}
	if st.Bullets, err = s.count(ctx, s.bullet); err != nil {
		return st, err
	}
	m, _, err := s.vectorMeta(ctx)
	if err != nil {
		return st, err
	}
	st.Model = m
	if m != "" {
		if st.Vectors, err = s.countEqual(ctx, s.bullet, pModel, m); err != nil {
			return st, err
		}
	}
	st.Approximate = true // HNSW, always
	return st, nil
}
