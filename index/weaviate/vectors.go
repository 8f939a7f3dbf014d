package weaviate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"
	"github.com/weaviate/weaviate/entities/models"

	"vitae"
	"vitae/index"
	"vitae/index/vector"
)

// Nearest returns the k bullets most similar to vec (cosine), among those
// the filters keep: Weaviate's nearVector on the HNSW index, with the same
// where filter as Lexical. No vectors yet: no neighbours.
func (s *Store) Nearest(ctx context.Context, vec []float32, k int, f vitae.Filters) ([]index.Neighbor, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	w, err := where(f)
	if err != nil {
		return nil, err
	}
	model, dim, err := s.vectorMeta(ctx)
	if err != nil {
		return nil, err
	}
	if model == "" || k <= 0 {
		return nil, nil
	}
	if len(vec) != dim {
		return nil, vitae.Errorf(vitae.EINVALID, "query vector has %d dimensions, the index %d", len(vec), dim)
	}
	k = min(k, maxResults)
	near := (&graphql.NearVectorArgumentBuilder{}).WithVector(vector.Normalize(vec)).WithTargetVectors(slot(model, dim))
	var objs []bulletObj
	err = s.get(ctx, s.bullet, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
		g = g.WithNearVector(near).WithLimit(k).WithFields(fields([]string{pBulletID}, "distance")...)
		if w != nil {
			g = g.WithWhere(w)
		}
		return g
	})
	if err != nil {
		return nil, fmt.Errorf("vector search: %w", err)
	}
	out := make([]index.Neighbor, len(objs))
	for i, o := range objs {
		out[i] = index.Neighbor{ID: o.BulletID, Score: float32(1 - o.Additional.Distance)}
	}
	return out, nil
}

// metaObj is the metadata object: the stored vectors' model and dimension.
type metaObj struct {
	Model     string `json:"model"`
	Dimension int    `json:"dimension"`
}

// vectorMeta reads the model identity and dimension of the stored vectors.
func (s *Store) vectorMeta(ctx context.Context) (string, int, error) {
	var objs []metaObj
	err := s.get(ctx, s.meta, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
		return g.WithWhere(idsIn([]string{s.metaUUID()})).WithLimit(1).
			WithFields(fields([]string{pModel, pDim})...)
	})
	if err != nil || len(objs) == 0 {
		return "", 0, err
	}
	return objs[0].Model, objs[0].Dimension, nil
}

// VectorModel is the identity of the model the stored vectors came from;
// empty when there are none (or the cluster cannot be reached).
func (s *Store) VectorModel() string {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	m, _, err := s.vectorMeta(ctx)
	if err != nil {
		s.opts.Logger.Warn("read vector model", "error", err)
	}
	return m
}

// PutVectors stores vectors for bullets under a model identity: the model
// and dimension go in the metadata object first, then each bullet is
// rewritten with its L2-normalised vector. Vectors of another model than
// the stored ones, or of another dimension, are EINVALID; bullets that no
// longer exist are skipped.
func (s *Store) PutVectors(ids []string, vecs [][]float32, model string) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("put vectors: %d ids, %d vectors", len(ids), len(vecs))
	}
	if len(ids) == 0 {
		return nil
	}
	if model == "" {
		return vitae.Errorf(vitae.EINVALID, "put vectors: the model identity is empty")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*s.opts.Timeout)
	defer cancel()
	cur, dim, err := s.vectorMeta(ctx)
	if err != nil {
		return fmt.Errorf("put vectors: %w", err)
	}
	if cur != "" && cur != model {
		if n, err := s.countWhere(ctx, s.bullet, textEquals(pModel, cur)); err != nil || n > 0 {
			return vitae.Errorf(vitae.EINVALID, "vectors of model %q cannot join an index of model %q", model, cur)
		}
		dim = 0 // the old model left no vector
	}
	for i, v := range vecs {
		if dim == 0 {
			dim = len(v)
		}
		if len(v) != dim || dim == 0 {
			return vitae.Errorf(vitae.EINVALID, "vector %s has %d dimensions, want %d", ids[i], len(v), dim)
		}
	}
	if err := s.ensureSlot(ctx, slot(model, dim)); err != nil {
		return fmt.Errorf("put vectors: %w", err)
	}
	if cur != model {
		if err := s.put(ctx, []*models.Object{{Class: s.meta, ID: strfmtUUID(s.metaUUID()),
			Properties: map[string]any{pModel: model, pDim: dim}}}); err != nil {
			return fmt.Errorf("put vectors: %w", err)
		}
	}
	bs, err := s.bullets(ctx, ids)
	if err != nil {
		return fmt.Errorf("put vectors: %w", err)
	}
	objs := make([]*models.Object, 0, len(bs))
	for i, id := range ids {
		b, ok := bs[id]
		if !ok {
			continue // deleted meanwhile
		}
		objs = append(objs, &models.Object{Class: s.bullet, ID: strfmtUUID(s.bulletUUID(id)),
			Properties: bulletProps(b, model), Vectors: models.Vectors{slot(model, dim): vector.Normalize(vecs[i])}})
	}
	if err := s.put(ctx, objs); err != nil {
		return fmt.Errorf("put vectors: %w", err)
	}
	return nil
}

// Vectors returns the stored (unit-length) vectors of the bullets ids
// that have one of the stored model, by bullet ID: for copying the
// collections to another backend without embedding again
// (pipeline.Migrate).
func (s *Store) Vectors(ctx context.Context, ids []string) (map[string][]float32, error) {
	uuids := make([]string, len(ids))
	for i, id := range ids {
		uuids[i] = s.bulletUUID(id)
	}
	kept, err := s.vectorsOf(ctx, uuids)
	if err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	out := make(map[string][]float32, len(kept))
	for _, k := range kept {
		out[k.id] = k.vec
	}
	return out, nil
}

// MissingVectors calls fn, in ID order, with every bullet lacking a
// vector of model: every bullet when the stored vectors are of another
// model, or when model is "".
func (s *Store) MissingVectors(ctx context.Context, model string, fn func(id, text string) error) error {
	cur, _, err := s.vectorMeta(ctx)
	if err != nil {
		return err
	}
	all := model == "" || cur != model
	type missing struct{ id, text string }
	var todo []missing
	err = scan(ctx, s, s.bullet, []string{pBulletID, pText, pModel}, func(objs []bulletObj) error {
		for _, o := range objs {
			if all || o.Model != model {
				todo = append(todo, missing{o.BulletID, o.Text})
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("missing vectors: %w", err)
	}
	slices.SortFunc(todo, func(a, b missing) int { return strings.Compare(a.id, b.id) })
	for _, m := range todo {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		if err := fn(m.id, m.text); err != nil {
			return err
		}
	}
	return nil
}

// DropVectors erases every vector and the model identity: each bullet
// with a vector is rewritten without one, then the metadata goes. The
// bullets stay keyword-searchable; the model's named vector stays in the
// schema, empty, for the day it returns.
func (s *Store) DropVectors(ctx context.Context) error {
	var objs []*models.Object
	err := scan(ctx, s, s.bullet, bulletFields, func(page []bulletObj) error {
		for _, o := range page {
			if o.Model != "" {
				objs = append(objs, &models.Object{Class: s.bullet, ID: strfmtUUID(s.bulletUUID(o.BulletID)),
					Properties: bulletProps(o.bullet(), "")})
			}
		}
		return nil
	})
	if err == nil {
		err = s.put(ctx, objs)
	}
	if err == nil {
		err = s.call(ctx, func(c *wv.Client) error {
			err := c.Data().Deleter().WithClassName(s.meta).WithID(s.metaUUID()).
				WithConsistencyLevel(s.opts.Consistency).Do(ctx)
			if notFound(err) {
				return nil
			}
			return err
		})
	}
	if err != nil {
		return fmt.Errorf("drop vectors: %w", err)
	}
	return nil
}
