package search_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/bench"
	"vitae/index"
	"vitae/search"
)

// BenchmarkRank10k times Engine.Rank of 20 bullets in keyword and hybrid
// mode beside the 10,000-bullet index of BenchmarkSearch10k, whose term
// statistics weigh the bullets' terms; the queries are that benchmark's.
func BenchmarkRank10k(b *testing.B) {
	ctx := context.Background()
	ix, l, queries := bench.Fixture10k(b, index.Options{})
	eng := search.New(ix, l, search.Options{})
	var bullets []search.RankBullet
	for _, t := range []string{
		"Baked bread", "Headed the SRE group", "Worked with the DevOps team on CI",
		"Managed a team of 8 DevOps engineers", "Led the design team for the new logo",
		"Reduced cloud costs by 30% by rightsizing EC2 instances",
		"Migrated 40 services from VMs to Kubernetes on GKE",
		"Built a React Native app used by 200k riders",
		"Supervised a team of 12 registered nurses",
		"Negotiated enterprise contracts worth $4M",
		"Cut paging volume by 45% with SLO-based alerting",
		"Wrote the onboarding wiki for new hires",
		"Designed the component library used by six product teams",
		"Automated CI/CD pipelines with Jenkins and GitHub Actions",
		"Led quarterly planning across three product teams",
		"Mentored two junior engineers on the payments team",
		"Built Looker dashboards for the finance team",
		"Ran pricing experiments that lifted conversion by 8%",
		"Taught maths to classes of 30 students",
		"Owned the data platform's on-call rotation",
	} {
		bullets = append(bullets, search.RankBullet{Text: t})
	}
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid} {
		b.Run(string(mode), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := eng.Rank(ctx, search.RankRequest{Query: queries[i%len(queries)], Mode: mode, Bullets: bullets}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
