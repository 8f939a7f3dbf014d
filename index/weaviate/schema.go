package weaviate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate/entities/models"
)

// Properties of a bullet object.
const (
	pBulletID  = "bullet_id"  // Vitae's ID, exact
	pResumeID  = "resume_id"  // exact, for erasure and listing
	pText      = "text"       // as written, not indexed
	pTerms     = "terms"      // the text as the embedded index analyses it: BM25 and the must-match filter
	pRoleTerms = "role_terms" // the role, analysed, boosted 0.3
	pCompany   = "company"    // as written: facets
	pRole      = "role"
	pPerson    = "person"
	pSection   = "section" // as written: facets and filters
	pSkills    = "skills"
	pCompanyW  = "company_words" // index.WordKey: word filters (Like)
	pRoleW     = "role_words"
	pPersonW   = "person_words"
	pSkillsLC  = "skills_lc" // lower-cased: filters
	pStart     = "start"     // date: the period's first instant
	pEnd       = "end"       // date: its last second; 2200 for an open role
	pStartS    = "start_s"   // display forms, as written
	pEndS      = "end_s"
	pSource    = "source"
	pRef       = "ref"
	pModel     = "model" // identity of the object's vector model, "" without one
)

// Properties of a résumé object and of the metadata object.
const (
	pRecord   = "record" // the résumé as JSON, with its bullets
	pHash     = "hash"
	pIdentity = "identity" // the candidate's (vitae.Resume.Identity): their copies
	pDim      = "dimension"
	pFormat   = "format" // the metadata object's formatVersion (format.go)
)

func prop(name, dataType, tokenization string, filterable, searchable bool) *models.Property {
	return &models.Property{Name: name, DataType: []string{dataType}, Tokenization: tokenization,
		IndexFilterable: &filterable, IndexSearchable: &searchable}
}

// stored is a property kept for display only, in no index.
func stored(name, dataType string) *models.Property {
	return prop(name, dataType, "", false, false)
}

// exact is a whole-value property in the filter index.
func exact(name, dataType string) *models.Property {
	return prop(name, dataType, "field", true, false)
}

func (s *Store) classes() []*models.Class {
	// Stop words are the analyser's business (terms has none left);
	// Weaviate's own list would drop stems such as "us" a second time.
	inverted := &models.InvertedIndexConfig{Stopwords: &models.StopwordConfig{Preset: "none"}}
	replication := &models.ReplicationConfig{Factor: int64(s.opts.ReplicationFactor),
		// A replica that was down catches up in the background: Weaviate
		// acknowledges a QUORUM write with the live replicas once it has
		// marked a node dead, so without this the returning node would
		// lack those writes until they are read at QUORUM.
		AsyncEnabled: s.opts.ReplicationFactor > 1,
		// An erased bullet that a returning replica still holds is deleted,
		// not resurrected.
		DeletionStrategy: "DeleteOnConflict"}
	sharding := map[string]any{"desiredCount": s.opts.Shards}
	return []*models.Class{
		{
			// Named vectors only, one per model (slot): a placeholder
			// without an index until the first vectors come.
			Class:               s.bullet,
			VectorConfig:        map[string]models.VectorConfig{"novector": vectorConfig(true)},
			InvertedIndexConfig: inverted, ReplicationConfig: replication, ShardingConfig: sharding,
			Properties: []*models.Property{
				exact(pBulletID, "text"), exact(pResumeID, "text"), stored(pText, "text"),
				prop(pTerms, "text", "whitespace", true, true), prop(pRoleTerms, "text", "whitespace", false, true),
				exact(pCompany, "text"), exact(pRole, "text"), stored(pPerson, "text"),
				exact(pSection, "text"), exact(pSkills, "text[]"),
				exact(pCompanyW, "text"), exact(pRoleW, "text"), exact(pPersonW, "text"), exact(pSkillsLC, "text[]"),
				prop(pStart, "date", "", true, false), prop(pEnd, "date", "", true, false),
				stored(pStartS, "text"), stored(pEndS, "text"), stored(pSource, "text"), stored(pRef, "text"),
				exact(pModel, "text"),
			},
		},
		{
			Class: s.resume, Vectorizer: "none", VectorIndexConfig: map[string]any{"skip": true},
			InvertedIndexConfig: inverted, ReplicationConfig: replication, ShardingConfig: sharding,
			Properties: []*models.Property{
				exact(pResumeID, "text"), stored(pHash, "text"), exact(pSource, "text"), stored(pRecord, "text"),
				exact(pIdentity, "text"),
			},
		},
		{
			Class: s.meta, Vectorizer: "none", VectorIndexConfig: map[string]any{"skip": true},
			ReplicationConfig: replication,
			Properties:        []*models.Property{stored(pModel, "text"), stored(pDim, "int"), stored(pFormat, "int")},
		},
	}
}

// vectorConfig is a named vector Vitae fills itself: no vectorizer, HNSW
// on cosine distance (skip: no index at all).
func vectorConfig(skip bool) models.VectorConfig {
	ic := map[string]any{"distance": "cosine"}
	if skip {
		ic = map[string]any{"skip": true}
	}
	return models.VectorConfig{Vectorizer: map[string]any{"none": map[string]any{}},
		VectorIndexType: "hnsw", VectorIndexConfig: ic}
}

// slot names the named vector that holds one model's vectors of one
// dimension: vectors of two models never share an HNSW index.
func slot(model string, dim int) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", model, dim))
	return "v" + hex.EncodeToString(h[:8])
}

// ensureSlot adds the named vector name to the bullet collection unless
// it is there.
func (s *Store) ensureSlot(ctx context.Context, name string) error {
	return s.call(ctx, func(c *wv.Client) error {
		cl, err := c.Schema().ClassGetter().WithClassName(s.bullet).Do(ctx)
		if err != nil {
			return err
		}
		if _, ok := cl.VectorConfig[name]; ok {
			return nil
		}
		return c.Schema().VectorAdder().WithClassName(s.bullet).
			WithVectors(map[string]models.VectorConfig{name: vectorConfig(false)}).Do(ctx)
	})
}

// ensureSchema creates the collections that do not exist yet, and adds
// to an existing one the properties a later version of Vitae added. Two
// processes starting at once may both try: "already exists" is success.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, cl := range s.classes() {
		err := s.call(ctx, func(c *wv.Client) error {
			ok, err := c.Schema().ClassExistenceChecker().WithClassName(cl.Class).Do(ctx)
			if err != nil {
				return err
			}
			if ok {
				return s.addProperties(ctx, c, cl)
			}
			err = c.Schema().ClassCreator().WithClass(cl).Do(ctx)
			if err != nil && strings.Contains(err.Error(), "already exists") {
				return nil
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("collection %s: %w", cl.Class, err)
		}
	}
	return nil
}

// addProperties adds the properties of want that its existing collection
// lacks; objects written before have no value for them until rewritten.
func (s *Store) addProperties(ctx context.Context, c *wv.Client, want *models.Class) error {
	have, err := c.Schema().ClassGetter().WithClassName(want.Class).Do(ctx)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for _, p := range have.Properties {
		names[p.Name] = true
	}
	for _, p := range want.Properties {
		if names[p.Name] {
			continue
		}
		err := c.Schema().PropertyCreator().WithClassName(want.Class).WithProperty(p).Do(ctx)
		if err != nil && !strings.Contains(err.Error(), "already exists") {
			return fmt.Errorf("add property %s: %w", p.Name, err)
		}
	}
	return nil
}

// Drop deletes the store's collections and everything in them; for tests
// and for starting over.
func (s *Store) Drop(ctx context.Context) error {
	for _, name := range []string{s.bullet, s.resume, s.meta} {
		if err := s.call(ctx, func(c *wv.Client) error {
			return c.Schema().ClassDeleter().WithClassName(name).Do(ctx)
		}); err != nil {
			return fmt.Errorf("drop collection %s: %w", name, err)
		}
	}
	return nil
}
