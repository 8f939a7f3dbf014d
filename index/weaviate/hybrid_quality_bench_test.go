package weaviate

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"

	"vitae"
	"vitae/embed"
	"vitae/eval"
	"vitae/index"
	"vitae/search"
)

// BenchmarkHybridQuality measures, on a relevance set, Vitae's own fusion
// of the keyword and vector lists against Weaviate's hybrid query over the
// same objects, terms and vectors, as nDCG@10, recall@10 and MRR@10 per
// method (BENCHMARKS.md, "Quality by backend"). Opt-in: it needs a
// collection holding a corpus, e.g. after `vitae migrate --to weaviate`:
//
//	VITAE_QUALITY_WEAVIATE=127.0.0.1:8089/Vitae VITAE_QUALITY_MODEL=DIR/local-model.bin \
//	VITAE_QUALITY_QUERIES=$PWD/eval/queries-dev.jsonl \
//	go test -run '^$' -bench HybridQuality -benchtime 1x ./index/weaviate/
func BenchmarkHybridQuality(b *testing.B) {
	where, model, queries := os.Getenv("VITAE_QUALITY_WEAVIATE"), os.Getenv("VITAE_QUALITY_MODEL"), os.Getenv("VITAE_QUALITY_QUERIES")
	if where == "" || model == "" || queries == "" {
		b.Skip("set VITAE_QUALITY_WEAVIATE (host/collection), VITAE_QUALITY_MODEL and VITAE_QUALITY_QUERIES to measure")
	}
	host, collection, _ := strings.Cut(where, "/")
	ctx := context.Background()
	s, err := Open(ctx, Options{Hosts: []string{host}, Collection: collection})
	if err != nil {
		b.Fatal(err)
	}
	emb, err := embed.ReadLocalFile(model)
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(queries)
	if err != nil {
		b.Fatal(err)
	}
	qs, err := eval.ReadQueries(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	eng := search.New(s, emb, search.Options{})
	methods := []struct {
		name string
		s    vitae.Searcher
	}{{"vitae-weighted-0.5", eng}}
	for _, fusion := range []graphql.FusionType{graphql.RelativeScore, graphql.Ranked} {
		for _, alpha := range []float32{0.3, 0.5, 0.7} {
			methods = append(methods, struct {
				name string
				s    vitae.Searcher
			}{fmt.Sprintf("weaviate-%s-%.1f", fusion, alpha), nativeHybrid{s: s, emb: emb, fusion: fusion, alpha: alpha}})
		}
	}
	for _, m := range methods {
		b.Run(m.name, func(b *testing.B) {
			var rep *eval.Report
			for b.Loop() {
				if rep, err = eval.Evaluate(ctx, m.s, eng, qs, vitae.ModeHybrid, 0.5); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(rep.NDCG10, "nDCG@10")
			b.ReportMetric(rep.Recall10, "recall@10")
			b.ReportMetric(rep.MRR10, "MRR@10")
		})
	}
}

// nativeHybrid answers a query with one Weaviate hybrid query: BM25 over
// the analysed terms (the role's adding 0.3, as in Lexical) and the query
// vector, fused by Weaviate.
type nativeHybrid struct {
	s      *Store
	emb    vitae.Embedder
	fusion graphql.FusionType
	alpha  float32 // the vector's weight
}

func (n nativeHybrid) Search(ctx context.Context, q vitae.Query) (*vitae.Results, error) {
	vecs, err := n.emb.Embed(ctx, []string{q.Text}, vitae.InputQuery)
	if err != nil {
		return nil, err
	}
	model, dim, err := n.s.vectorMeta(ctx)
	if err != nil {
		return nil, err
	}
	h := (&graphql.HybridArgumentBuilder{}).WithQuery(strings.Join(index.Terms(q.Text), " ")).
		WithVector(vecs[0]).WithTargetVectors(slot(model, dim)).WithAlpha(n.alpha).
		WithProperties([]string{pTerms, pRoleTerms + "^0.3"}).WithFusionType(n.fusion)
	var objs []bulletObj
	err = n.s.get(ctx, n.s.bullet, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
		return g.WithHybrid(h).WithLimit(q.Limit).WithFields(fields([]string{pBulletID, pResumeID, pRef}, "score")...)
	})
	if err != nil {
		return nil, err
	}
	res := &vitae.Results{}
	for _, o := range objs {
		res.Hits = append(res.Hits, vitae.Hit{Bullet: o.bullet(), Score: o.Additional.score()})
	}
	return res, nil
}
