package match

import (
	"math"
	"strings"
	"testing"
	"unicode"
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
			if !strings.ContainsFunc(r.Text, unicode.IsLetter) {
				t.Fatalf("requirement without a letter: %q", r.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(r.Text) {
				t.Fatalf("valid input gave invalid UTF-8: %q", r.Text)
			}
		}
	})
}
