package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vitae/match"
)

// A requirement to lead people for years is scored on the years leading:
// the candidate line and the requirement's row say those years, not the
// career's, which would read as met when the years fit says not.
func TestMatchTextSaysTheYearsTheScoreCounts(t *testing.T) {
	dir := workdir(t)
	jd := "SRE Manager\n\nRequirements:\n- 9+ years leading a team of site reliability engineers\n- Kubernetes in production\n"
	if err := os.WriteFile(filepath.Join(dir, "job.txt"), []byte(jd), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, dir, "match", "job.txt", "--json", "--limit", "3")
	if code != 0 {
		t.Fatalf("match --json: exit %d: %s", code, errOut)
	}
	var res match.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	code, text, errOut := cli(t, dir, "match", "job.txt", "--limit", "3")
	if code != 0 {
		t.Fatalf("match: exit %d: %s", code, errOut)
	}
	checked := 0
	for i, c := range res.Candidates {
		if len(c.Explain.Years) != 1 || c.Explain.Years[0].Kind != "leadership" {
			t.Fatalf("%s: years checks %+v, want one of leadership", c.Person, c.Explain.Years)
		}
		y := c.Explain.Years[0]
		if y.Have == c.YearsExperience {
			continue // no difference to show
		}
		checked++
		head := fmt.Sprintf("\n%d. %s (%s)  fit %d%%", i+1, c.Person, c.ResumeID, c.Fit)
		at := strings.Index(text, head)
		if at < 0 {
			t.Fatalf("no line %q in\n%s", head, text)
		}
		block := text[at+1:]
		if end := strings.Index(block, "\n\n"); end >= 0 {
			block = block[:end]
		}
		line, _, _ := strings.Cut(block, "\n")
		lead := fmt.Sprintf("%.1f of 9 years leading", y.Have)
		for _, want := range []string{lead, fmt.Sprintf("(%.1f years in all)", c.YearsExperience)} {
			if !strings.Contains(line, want) {
				t.Errorf("%s: candidate line lacks %q:\n%s", c.Person, want, line)
			}
		}
		row := ""
		for _, l := range strings.Split(block, "\n") {
			if strings.Contains(l, " 9+ years leading a team of site reliability engineers") {
				row = l
			}
		}
		if !strings.Contains(row, lead) {
			t.Errorf("%s: the requirement's row does not say %q:\n%s", c.Person, lead, block)
		}
	}
	if checked == 0 {
		t.Fatalf("no candidate whose leadership years differ from their career's:\n%s", text)
	}
}

// TestMatchTextSaysWeights: a requirement that counts for less than its
// kind (naming no skill, tool or role) says its weight in the text, as
// the JSON answer does, so the evidence number can be rebuilt (ux22).
func TestMatchTextSaysWeights(t *testing.T) {
	w := match.Weights{MustHave: 2, NiceToHave: 1, Soft: 0.25}
	for _, tc := range []struct {
		name string
		reqs []match.Requirement
		want string
	}{
		{"all full", []match.Requirement{{Text: "Go", MustHave: true, Weight: 2}, {Text: "Rust", Weight: 1}}, ""},
		{"a soft must-have", []match.Requirement{{Text: "Go", MustHave: true, Weight: 2}, {Text: "A passion for complexity", MustHave: true, Weight: 0.5}},
			`weights: must-have 2, nice-to-have 1; counting less (naming no skill, tool or role): "A passion for complexity" 0.5`},
		{"no weights (no match ran)", []match.Requirement{{Text: "Go", MustHave: true}}, ""},
	} {
		if got := weightsLine(&match.Result{Requirements: tc.reqs, Weights: w}); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestYearsTextSaysCareerOnce: a years check of the whole career is the
// career's years, said once ("10.8 of 5 years in all", not followed by
// "(10.8 years in all)"); a leadership check keeps the career beside it;
// with no role dated, the years are unknown, said once for every check.
func TestYearsTextSaysCareerOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    match.Candidate
		want string
	}{
		{"total", match.Candidate{YearsExperience: 10.8, Explain: match.Explain{Years: []match.YearsCheck{{Kind: "total", Asked: 5, Have: 10.8}}}},
			"10.8 of 5 years in all"},
		{"total, no dated roles", match.Candidate{Explain: match.Explain{Years: []match.YearsCheck{{Kind: "total", Asked: 5}}}},
			"0.0 of 5 years in all (no dated roles)"},
		{"leadership", match.Candidate{YearsExperience: 14.3, Explain: match.Explain{Years: []match.YearsCheck{{Kind: "leadership", Asked: 5, Have: 2.5}}}},
			"2.5 of 5 years leading (14.3 years in all)"},
		{"no role dated, several checks", match.Candidate{Explain: match.Explain{Years: []match.YearsCheck{
			{Kind: "leadership", Asked: 2, Unknown: true}, {Kind: "total", Asked: 5, Unknown: true}, {Kind: "skill", Asked: 5, Unknown: true}}}},
			"years unknown: no role is dated (2, 5 asked)"},
	} {
		if got := yearsText(tc.c); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestMissingRowSaysYearsMet: a requirement with years and no evidence
// (a tryout read "✗ Minimum of 2 years … (4.4 of 2 years in all)" as
// the years being missing) says the years are met and the rest is not
// shown; years short of the ask read as before.
func TestMissingRowSaysYearsMet(t *testing.T) {
	req := "Minimum of 2 years experience managing complex systems using software"
	for _, tc := range []struct {
		have    float64
		want    string
		wantNot string
	}{
		{4.4, "(years met: 4.4 of 2 years in all; no bullet shows the rest)", ""},
		{1.5, "(1.5 of 2 years in all)", "years met"},
	} {
		c := match.Candidate{Missing: []string{req}}
		c.Explain.Years = []match.YearsCheck{{Requirement: req, Asked: 2, Have: tc.have, Kind: "total"}}
		var b strings.Builder
		printEvidence(&b, c, []match.Requirement{{Text: req, MustHave: true}})
		if !strings.Contains(b.String(), req+" "+tc.want) {
			t.Errorf("have %.1f: %q lacks %q", tc.have, b.String(), tc.want)
		}
		if tc.wantNot != "" && strings.Contains(b.String(), tc.wantNot) {
			t.Errorf("have %.1f: %q says %q", tc.have, b.String(), tc.wantNot)
		}
	}
}

// TestTextMarksNiceToHaves: the text says which requirements are nice to
// have, met or missing, as the JSON's must_have does (a tryout found a
// nice-to-have among the must-haves' ✗ rows with nothing to tell it).
func TestTextMarksNiceToHaves(t *testing.T) {
	reqs := []match.Requirement{{Text: "Kubernetes in production", MustHave: true}, {Text: "Terraform"}, {Text: "Fintech is a strong advantage"}}
	c := match.Candidate{Missing: []string{"Kubernetes in production", "Fintech is a strong advantage"},
		Matched: []match.Evidence{{Requirement: "Terraform", Level: "partial", Text: "Skills: Terraform"}}}
	var b strings.Builder
	printEvidence(&b, c, reqs)
	out := b.String()
	for _, want := range []string{"Terraform (partial, nice to have)", "Fintech is a strong advantage (nice to have)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Kubernetes in production (nice") {
		t.Errorf("a must-have marked nice to have:\n%s", out)
	}
}
