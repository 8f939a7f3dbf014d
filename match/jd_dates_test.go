package match

import (
	"os"
	"slices"
	"strings"
	"testing"

	"vitae/ingest"
)

// TestDateRangeIsNoRequirement: a line that is only a date range ("Mar
// 2020 – Present") asks nothing; a résumé pasted as a JD (`vitae jobs
// add data/jordan-lee.md`, tryout) made its roles' dates must-haves.
// Its bullets are still read, as before, and it is still warned of.
func TestDateRangeIsNoRequirement(t *testing.T) {
	pasted, err := os.ReadFile("../data/jordan-lee.md")
	if err != nil {
		t.Fatal(err)
	}
	jd, err := ParseJD(string(pasted), "")
	if err != nil {
		t.Fatal(err)
	}
	texts := requirementTexts(jd)
	for _, r := range texts {
		if ingest.OnlyRange(r) {
			t.Errorf("the date range %q is a requirement", r)
		}
	}
	if !slices.Contains(texts, "Built Terraform modules used by 14 product teams") || len(texts) != 6 {
		t.Errorf("requirements %q, want the résumé's six bullets and skills", texts)
	}
	if !slices.Contains(jd.WarningCodes, "looks_like_resume") {
		t.Errorf("warnings %q, want looks_like_resume", jd.WarningCodes)
	}

	tests := []struct {
		jd   string
		want []string
	}{
		{"## Requirements\n- Mar 2020 – Present\n- Kubernetes in production", []string{"Kubernetes in production"}},
		{"## Requirements\n- (2016 - 2020)\n- Terraform", []string{"Terraform"}},
		{"Requirements\nJun 2016 – Feb 2020\nKubernetes in production\nTerraform", []string{"Kubernetes in production", "Terraform"}},
		// A range inside a requirement leaves it one.
		{"## Requirements\n- Ran Kubernetes from 2016 to 2020", []string{"Ran Kubernetes from 2016 to 2020"}},
	}
	for _, tt := range tests {
		jd, err := ParseJD(tt.jd, "")
		if err != nil {
			t.Errorf("%q: %v", tt.jd, err)
			continue
		}
		if got := requirementTexts(jd); !slices.Equal(got, tt.want) {
			t.Errorf("%q: requirements %q, want %q", strings.ReplaceAll(tt.jd, "\n", " / "), got, tt.want)
		}
	}
}
