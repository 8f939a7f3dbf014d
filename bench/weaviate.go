package bench

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/go-openapi/strfmt"
	"github.com/google/uuid"
	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/grpc"
	"github.com/weaviate/weaviate/entities/models"

	"vitae"
)

// The peer's collection is its own, not index/weaviate's (Vitae on
// Weaviate): Weaviate as a user would set it up for the same bullets, with
// its own tokenizer and stop words for BM25 and HNSW tuned like Vitae's.
const (
	peerClass = "BenchBullet"
	peerBatch = 500 // objects per gRPC batch request

	// Vitae's HNSW defaults (index/vector, config.yaml): M 16,
	// efConstruction 128; ef is Vitae's for the size (createClass).
	hnswM, hnswEfConstruction = 16, 128
	// hybridAlpha weighs the vector side of Weaviate's hybrid (0.5: even).
	hybridAlpha = 0.5
	// roleBoost is the weight of the role beside the text in BM25, as in
	// Vitae's keyword query.
	roleBoost = "role^0.3"
)

// peerFields are what each hit brings back: what a result row shows.
var peerFields = []string{"bullet_id", "resume_id", "text", "role", "company", "person"}

// weaviatePeer loads bullets into a Weaviate node and searches them over
// gRPC (the Go client's search API); schema and readiness go over REST.
type weaviatePeer struct {
	client *wv.Client
}

func connectWeaviate(node *WeaviateNode) (*weaviatePeer, error) {
	c, err := wv.NewClient(wv.Config{
		Host: node.Host(), Scheme: "http", Timeout: time.Minute,
		ConnectionClient: &http.Client{Timeout: time.Minute},
		GrpcConfig:       &grpc.Config{Host: node.GRPCHost()},
	})
	if err != nil {
		return nil, fmt.Errorf("bench: weaviate client: %w", err)
	}
	return &weaviatePeer{client: c}, nil
}

// createClass makes the peer's collection; ef is the HNSW beam Vitae
// searches the same number of bullets with.
func (p *weaviatePeer) createClass(ctx context.Context, ef int) error {
	yes, no := true, false
	text := func(name, tokenization string, searchable bool) *models.Property {
		return &models.Property{Name: name, DataType: []string{"text"}, Tokenization: tokenization,
			IndexFilterable: &searchable, IndexSearchable: &searchable}
	}
	cl := &models.Class{
		Class: peerClass, Vectorizer: "none", VectorIndexType: "hnsw",
		VectorIndexConfig: map[string]any{"distance": "cosine", "maxConnections": hnswM,
			"efConstruction": hnswEfConstruction, "ef": ef},
		Properties: []*models.Property{
			{Name: "bullet_id", DataType: []string{"text"}, Tokenization: "field", IndexFilterable: &yes, IndexSearchable: &no},
			{Name: "resume_id", DataType: []string{"text"}, Tokenization: "field", IndexFilterable: &yes, IndexSearchable: &no},
			text("text", "word", true), text("role", "word", true),
			text("company", "field", false), text("person", "field", false),
		},
	}
	if err := p.client.Schema().ClassCreator().WithClass(cl).Do(ctx); err != nil {
		return fmt.Errorf("bench: weaviate collection: %w", err)
	}
	return nil
}

// load imports bullets with their vectors in gRPC batches; Weaviate builds
// its inverted and HNSW indexes as they come (synchronous indexing, the
// default). A bullet Weaviate refuses is an error.
func (p *weaviatePeer) load(ctx context.Context, bullets []vitae.Bullet, vecs [][]float32) error {
	ns := uuid.NewSHA1(uuid.NameSpaceURL, []byte("vitae:bench"))
	for lo := 0; lo < len(bullets); lo += peerBatch {
		hi := min(lo+peerBatch, len(bullets))
		objs := make([]*models.Object, 0, hi-lo)
		for i := lo; i < hi; i++ {
			b := bullets[i]
			objs = append(objs, &models.Object{
				Class: peerClass, ID: strfmt.UUID(uuid.NewSHA1(ns, []byte(b.ID)).String()),
				Properties: map[string]any{"bullet_id": b.ID, "resume_id": b.ResumeID, "text": b.Text,
					"role": b.Role, "company": b.Company, "person": b.Person},
				Vector: vecs[i],
			})
		}
		res, err := p.client.Batch().ObjectsBatcher().WithObjects(objs...).Do(ctx)
		if err != nil {
			return fmt.Errorf("bench: weaviate import: %w", err)
		}
		for _, r := range res {
			if r.Result != nil && r.Result.Errors != nil && len(r.Result.Errors.Error) > 0 {
				return fmt.Errorf("bench: weaviate import of %s: %s", r.ID, r.Result.Errors.Error[0].Message)
			}
		}
	}
	return nil
}

// count is how many objects the collection holds (REST aggregate).
func (p *weaviatePeer) count(ctx context.Context) (int, error) {
	resp, err := p.client.GraphQL().Aggregate().WithClassName(peerClass).
		WithFields(graphql.Field{Name: "meta", Fields: []graphql.Field{{Name: "count"}}}).Do(ctx)
	if err != nil {
		return 0, fmt.Errorf("bench: weaviate count: %w", err)
	}
	if len(resp.Errors) > 0 {
		return 0, fmt.Errorf("bench: weaviate count: %s", resp.Errors[0].Message)
	}
	rows, _ := resp.Data["Aggregate"].(map[string]any)[peerClass].([]any)
	if len(rows) == 0 {
		return 0, nil
	}
	meta, _ := rows[0].(map[string]any)["meta"].(map[string]any)
	n, _ := meta["count"].(float64)
	return int(n), nil
}

// search runs one query of mode over gRPC, 10 hits with their fields and
// score; vec is the query's vector (nil for keyword). It returns the
// number of hits.
func (p *weaviatePeer) search(ctx context.Context, mode vitae.Mode, text string, vec []float32) (int, error) {
	s := p.client.Experimental().Search().WithCollection(peerClass).WithLimit(10).
		WithProperties(peerFields...).WithMetadata(&graphql.Metadata{ID: true, Score: true, Distance: true})
	switch mode {
	case vitae.ModeKeyword:
		s = s.WithBM25((&graphql.BM25ArgumentBuilder{}).WithQuery(text).WithProperties("text", roleBoost))
	case vitae.ModeSemantic:
		s = s.WithNearVector((&graphql.NearVectorArgumentBuilder{}).WithVector(vec))
	case vitae.ModeHybrid:
		s = s.WithHybrid((&graphql.HybridArgumentBuilder{}).WithQuery(text).WithVector(vec).
			WithAlpha(hybridAlpha).WithProperties([]string{"text", roleBoost}).WithFusionType(graphql.RelativeScore))
	default:
		return 0, fmt.Errorf("bench: weaviate search: unknown mode %q", mode)
	}
	res, err := s.Do(ctx)
	if err != nil {
		return 0, fmt.Errorf("bench: weaviate %s search %q: %w", mode, text, err)
	}
	return len(res), nil
}

// hybridGraphQL is the hybrid search over GraphQL (REST), the vector as a
// literal in the query text: the transport most clients used before gRPC,
// timed beside gRPC to show what the transport costs.
func (p *weaviatePeer) hybridGraphQL(ctx context.Context, text string, vec []float32) (int, error) {
	h := (&graphql.HybridArgumentBuilder{}).WithQuery(text).WithVector(vec).
		WithAlpha(hybridAlpha).WithProperties([]string{"text", roleBoost}).WithFusionType(graphql.RelativeScore)
	fields := []graphql.Field{{Name: "_additional", Fields: []graphql.Field{{Name: "id"}, {Name: "score"}}}}
	for _, f := range peerFields {
		fields = append(fields, graphql.Field{Name: f})
	}
	resp, err := p.client.GraphQL().Get().WithClassName(peerClass).WithHybrid(h).WithLimit(10).WithFields(fields...).Do(ctx)
	if err != nil {
		return 0, fmt.Errorf("bench: weaviate GraphQL hybrid %q: %w", text, err)
	}
	if len(resp.Errors) > 0 {
		return 0, fmt.Errorf("bench: weaviate GraphQL hybrid %q: %s", text, resp.Errors[0].Message)
	}
	rows, _ := resp.Data["Get"].(map[string]any)[peerClass].([]any)
	return len(rows), nil
}
