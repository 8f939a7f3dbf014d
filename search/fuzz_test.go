package search

import (
	"context"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"vitae"
)

// coded fails t when err is not one of the vocabulary's client errors: a
// parser or a query may refuse input, but never with an internal error.
func coded(t *testing.T, err error) {
	t.Helper()
	if code := vitae.ErrorCode(err); code == vitae.EINTERNAL {
		t.Fatalf("error without a client code: %v", err)
	}
}

// FuzzParseJD: any text in any format yields requirements or a coded error;
// requirements are bounded, non-empty and keep valid text valid.
func FuzzParseJD(f *testing.F) {
	for _, s := range []struct{ text, format string }{
		{"# SRE Lead\n\n## Requirements\n- 5+ years running Kubernetes in production\n- Led a team of site reliability engineers\n\n## Nice to have\n- Go\n", ""},
		{"Senior Data Engineer\nRequirements:\n* Spark and Airflow\n* three years of Python\nBenefits:\n* dental\n", "text"},
		{`{"title":"Staff Engineer","qualifications":["Designed distributed systems","Mentored engineers"],"skills":[{"name":"Go","keywords":["gRPC"]}]}`, "json"},
		{"<h2>Requirements</h2><ul><li>Led DevOps teams of 10</li><li>AWS cost reduction</li></ul><script>x()</script>", "html"},
		{"<ul><li>unclosed <b>nested <i>tags", ""},
		{"{", "json"},
		{"", "markdown"},
		{"- a\n- b\n", "yaml"},
	} {
		f.Add(s.text, s.format)
	}
	f.Fuzz(func(t *testing.T, text, format string) {
		jd, err := ParseJD(text, format)
		if err != nil {
			coded(t, err)
			return
		}
		if len(jd.Requirements) > 40 {
			t.Fatalf("%d requirements, more than the cap of 40", len(jd.Requirements))
		}
		if jd.YearsRequired < 0 || jd.YearsRequired > 20 || math.IsNaN(jd.YearsRequired) {
			t.Fatalf("years required %v", jd.YearsRequired)
		}
		for _, r := range jd.Requirements {
			if len(strings.Fields(r.Text)) < 2 {
				t.Fatalf("requirement of fewer than two words: %q", r.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(r.Text) {
				t.Fatalf("valid input gave invalid UTF-8: %q", r.Text)
			}
		}
	})
}

// FuzzSearchQuery drives the query and filter parsing (text analysis,
// mode, fusion, date range, filter lists, paging) through the real engine
// over a real bleve index: every input gives results or a coded error, and
// results respect the page asked for.
func FuzzSearchQuery(f *testing.F) {
	eng, _ := newEngineWith(f, corpus)
	f.Add("led DevOps team", "", "", "", "", "", "", 10, 0, 0.5, false)
	f.Add("reduced patient falls", "keyword", "rrf", "2015", "2020-06", "Mercy", "", 5, 0, 0.0, true)
	f.Add("*", "semantic", "weighted", "2019-13", "", "", "Kubernetes", 0, 3, 1.0, false)
	f.Add("devops~2 /re.*gex/ title:x +must -not \"phrase\" ^boost", "hybrid", "", "2020", "2010", "", "", 1000, 20000, -1.0, true)
	f.Add(strings.Repeat("a* ", 400), "", "", "", "", "", "", -1, -1, 2.0, false)
	f.Add("\x00\xff\xfe", "magic", "max", "\xff", "0000-00", "\x00", "", 1, 1, math.NaN(), true)
	f.Add("site reliability", "hybrid", "weighted", "", "", "", "", 10, 0, math.NaN(), false)
	f.Add("site reliability", "hybrid", "rrf", "", "", "", "", 10, 0, math.Inf(1), true)
	f.Fuzz(func(t *testing.T, text, mode, fusion, since, until, company, skill string, limit, offset int, ratio float64, group bool) {
		q := vitae.Query{Text: text, Mode: vitae.Mode(mode), Fusion: vitae.Fusion(fusion), Limit: limit, Offset: offset, SemanticRatio: ratio, Facets: true, Explain: true,
			Filters: vitae.Filters{Since: since, Until: until}}
		if company != "" {
			q.Filters.Company = []string{company}
		}
		if skill != "" {
			q.Filters.Skill = []string{skill}
		}
		if group {
			q.GroupBy = "candidate"
		}
		res, err := eng.Search(context.Background(), q)
		if err != nil {
			coded(t, err)
			return
		}
		if len(res.Hits) > max(limit, 10) || len(res.Hits) > eng.opts.MaxLimit {
			t.Fatalf("%d hits for limit %d", len(res.Hits), limit)
		}
		for _, h := range res.Hits {
			if h.ID == "" || h.ResumeID == "" {
				t.Fatalf("hit without IDs: %+v", h)
			}
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Fatalf("score %v for %s", h.Score, h.ID)
			}
		}
	})
}
