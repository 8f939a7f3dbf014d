package weaviate

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"
	"github.com/weaviate/weaviate/entities/models"
	"golang.org/x/sync/errgroup"

	"vitae"
	"vitae/index"
)

// resumeObj is a résumé object as a GraphQL Get returns it.
type resumeObj struct {
	ResumeID string `json:"resume_id"`
	Hash     string `json:"hash"`
	Source   string `json:"source"`
	Record   string `json:"record"`
}

func (o resumeObj) resume() (*vitae.Resume, error) {
	var r vitae.Resume
	if err := json.Unmarshal([]byte(o.Record), &r); err != nil {
		return nil, fmt.Errorf("résumé record %s: %w", o.ResumeID, err)
	}
	return &r, nil
}

// Upsert writes résumés: one stored with the same content hash is left
// alone (as is a second copy in the same call); otherwise its bullets
// that are gone are deleted and the new ones written, a bullet kept with
// the same text keeping its vector. The résumé object is written last,
// so a write cut short leaves the old record (or none) and the next
// Upsert of the résumé rewrites it. A résumé without an ID is EINVALID.
func (s *Store) Upsert(ctx context.Context, resumes []*vitae.Resume) (index.Changes, error) {
	var ch index.Changes
	var todo []*vitae.Resume
	seen := map[string]bool{}
	for _, r := range resumes {
		if r == nil || r.ID == "" {
			return ch, vitae.Errorf(vitae.EINVALID, "résumé without an ID")
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			todo = append(todo, r)
		}
	}
	old, err := s.records(ctx, todo, s.opts.Consistency)
	if err != nil {
		return ch, err
	}
	for lo := 0; lo < len(todo); {
		if err := checkCtx(ctx); err != nil {
			return ch, err
		}
		// Résumés in groups of about a batch of bullets.
		hi, n := lo, 0
		for hi < len(todo) && (hi == lo || n+len(todo[hi].Bullets) <= s.opts.BatchSize) {
			n += len(todo[hi].Bullets)
			hi++
		}
		if err := s.write(ctx, todo[lo:hi], old, &ch); err != nil {
			return ch, err
		}
		lo = hi
	}
	return ch, nil
}

// write stores one group of résumés: the gone bullets deleted, the new
// ones written with the vectors they keep, then the records.
func (s *Store) write(ctx context.Context, rs []*vitae.Resume, old map[string]*vitae.Resume, ch *index.Changes) error {
	var gone, kept []string
	var writes []*vitae.Resume
	for _, r := range rs {
		prev := old[r.ID]
		if prev != nil && prev.Hash == r.Hash && r.Hash != "" {
			ch.Unchanged++
			continue
		}
		writes = append(writes, r)
		if prev == nil {
			ch.Added++
			continue
		}
		ch.Updated++
		now := map[string]bool{}
		for _, b := range r.Bullets {
			now[b.ID] = true
		}
		for _, b := range prev.Bullets {
			if now[b.ID] {
				kept = append(kept, s.bulletUUID(b.ID))
			} else {
				gone = append(gone, s.bulletUUID(b.ID))
			}
		}
	}
	if len(writes) == 0 {
		return nil
	}
	vecs, err := s.vectorsOf(ctx, kept)
	if err != nil {
		return err
	}
	if err := s.deleteWhere(ctx, s.bullet, idsInChunks(gone)...); err != nil {
		return err
	}
	var objs []*models.Object
	for _, r := range writes {
		for _, b := range r.Bullets {
			o := &models.Object{Class: s.bullet, ID: strfmtUUID(s.bulletUUID(b.ID))}
			model := ""
			if v, ok := vecs[string(o.ID)]; ok && v.text == b.Text {
				o.Vectors, model = models.Vectors{v.slot: v.vec}, v.model
			}
			o.Properties = bulletProps(b, model)
			objs = append(objs, o)
			ch.Bullets++
		}
	}
	if err := s.put(ctx, objs); err != nil {
		return err
	}
	objs = objs[:0]
	for _, r := range writes {
		rec, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("résumé %s: %w", r.ID, err)
		}
		objs = append(objs, &models.Object{Class: s.resume, ID: strfmtUUID(s.resumeUUID(r.ID)),
			Properties: map[string]any{pResumeID: r.ID, pHash: r.Hash, pSource: r.Source, pRecord: string(rec), pIdentity: r.Identity}})
	}
	return s.put(ctx, objs)
}

// keptVector is a stored vector with what it was made from.
type keptVector struct {
	id    string // the bullet's
	vec   []float32
	slot  string
	model string
	text  string
}

// vectorsOf reads the vectors of the stored model that the bullets with
// the given UUIDs have, by UUID.
func (s *Store) vectorsOf(ctx context.Context, uuids []string) (map[string]keptVector, error) {
	out := map[string]keptVector{}
	model, dim, err := s.vectorMeta(ctx)
	if err != nil || model == "" || len(uuids) == 0 {
		return out, err
	}
	sl := slot(model, dim)
	fs := append(fields([]string{pBulletID, pText, pModel}),
		graphql.Field{Name: "_additional", Fields: []graphql.Field{{Name: "id"}, {Name: "vectors", Fields: []graphql.Field{{Name: sl}}}}})
	for _, w := range idsInChunks(uuids) {
		var objs []struct {
			BulletID   string `json:"bullet_id"`
			Text       string `json:"text"`
			Model      string `json:"model"`
			Additional struct {
				ID      string               `json:"id"`
				Vectors map[string][]float32 `json:"vectors"`
			} `json:"_additional"`
		}
		err := s.get(ctx, s.bullet, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
			return g.WithWhere(w).WithLimit(chunk).WithFields(fs...)
		})
		if err != nil {
			return nil, fmt.Errorf("read kept vectors: %w", err)
		}
		for _, o := range objs {
			if v := o.Additional.Vectors[sl]; o.Model == model && len(v) == dim {
				out[o.Additional.ID] = keptVector{id: o.BulletID, vec: v, slot: sl, model: model, text: o.Text}
			}
		}
	}
	return out, nil
}

// records reads the stored résumés of rs, by ID, at consistency level
// cl: one REST read per résumé (GraphQL takes no consistency level), a
// few at a time.
func (s *Store) records(ctx context.Context, rs []*vitae.Resume, cl string) (map[string]*vitae.Resume, error) {
	out := make(map[string]*vitae.Resume, len(rs))
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, r := range rs {
		g.Go(func() error {
			var objs []*models.Object
			err := s.call(ctx, func(c *wv.Client) (err error) {
				objs, err = c.Data().ObjectsGetter().WithClassName(s.resume).WithID(s.resumeUUID(r.ID)).
					WithConsistencyLevel(cl).Do(ctx)
				return err
			})
			if notFound(err) || (err == nil && len(objs) == 0) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("read résumé record %s: %w", r.ID, err)
			}
			rec, _ := objs[0].Properties.(map[string]any)[pRecord].(string)
			got, err := resumeObj{ResumeID: r.ID, Record: rec}.resume()
			if err != nil {
				return err
			}
			mu.Lock()
			out[r.ID] = got
			mu.Unlock()
			return nil
		})
	}
	return out, g.Wait()
}

// chunk bounds the IDs of one "id in" filter and the objects of one read.
const chunk = 500

func idsInChunks(ids []string) []*filters.WhereBuilder {
	var out []*filters.WhereBuilder
	for lo := 0; lo < len(ids); lo += chunk {
		out = append(out, idsIn(ids[lo:min(lo+chunk, len(ids))]))
	}
	return out
}

// deleteWhere deletes the objects of class each filter matches, at the
// write consistency level, repeating a filter until nothing matches it
// (Weaviate deletes at most QUERY_MAXIMUM_RESULTS objects a call).
func (s *Store) deleteWhere(ctx context.Context, class string, ws ...*filters.WhereBuilder) error {
	for _, w := range ws {
		for {
			var res *models.BatchDeleteResponse
			err := s.call(ctx, func(c *wv.Client) (err error) {
				res, err = c.Batch().ObjectsBatchDeleter().WithClassName(class).WithWhere(w).
					WithOutput("minimal").WithConsistencyLevel(s.opts.Consistency).Do(ctx)
				return err
			})
			if err != nil {
				return fmt.Errorf("delete from %s: %w", class, err)
			}
			if res.Results == nil || res.Results.Matches == 0 {
				break
			}
			if res.Results.Failed > 0 {
				return fmt.Errorf("delete from %s: %d of %d objects failed", class, res.Results.Failed, res.Results.Matches)
			}
			if res.Results.Matches < res.Results.Limit || res.Results.Limit == 0 {
				break
			}
		}
	}
	return nil
}

// Delete erases a résumé: every bullet carrying its ID (with their
// vectors), then its record, each acknowledged by Options.Consistency
// replicas. An unknown ID wraps vitae.ErrNotFound.
func (s *Store) Delete(ctx context.Context, resumeID string) error {
	old, err := s.records(ctx, []*vitae.Resume{{ID: resumeID}}, s.opts.Consistency)
	if err != nil {
		return err
	}
	if old[resumeID] == nil {
		return fmt.Errorf("résumé %q: %w", resumeID, vitae.ErrNotFound)
	}
	if err := s.deleteWhere(ctx, s.bullet, textEquals(pResumeID, resumeID)); err != nil {
		return fmt.Errorf("delete résumé %q: %w", resumeID, err)
	}
	if err := s.deleteWhere(ctx, s.resume, textEquals(pResumeID, resumeID)); err != nil {
		return fmt.Errorf("delete résumé %q: %w", resumeID, err)
	}
	return nil
}
