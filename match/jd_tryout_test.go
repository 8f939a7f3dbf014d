package match

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"vitae"
)

// TestParseJDShortYears: the short forms of "years" a JD typed in haste
// uses set the years asked, as "years" does.
func TestParseJDShortYears(t *testing.T) {
	tests := []struct {
		name, jd string
		years    float64 // the first requirement's
		jdYears  float64
	}{
		{"yrs in a list item", "- 5 yrs exp\n- Go", 5, 5},
		{"yrs of a skill", "- 5+ yrs of Python\n- Go", 5, 5},
		{"yrs with a full stop", "- 3 yrs. of Kubernetes\n- Go", 3, 3},
		{"yr", "- 1 yr of Rust\n- Go", 1, 1},
		{"years'", "- 4 years' experience with Terraform\n- Go", 4, 4},
		{"a range with an en dash", "- 3–5 years of Go\n- Rust", 3, 3},
		{"a typed one-liner", "Need a senior Go dev with k8s, 5 yrs, led a team", 5, 5},
		// "yrs" is a word: a longer word that starts so is none.
		{"no years", "- 5 yrsa of Go\n- Rust", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.jd, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(jd.Requirements) == 0 || jd.Requirements[0].Years != tt.years || jd.YearsRequired != tt.jdYears {
				t.Errorf("%q: requirements %+v, years required %v; want the first asking %v, the JD %v", tt.jd, jd.Requirements, jd.YearsRequired, tt.years, tt.jdYears)
			}
		})
	}
}

// TestParseJDLeadingYears: a requirement that asks to lead and says years
// twice asks the years of its leading clause as years of leading; the
// other clause's years are the JD's total years.
func TestParseJDLeadingYears(t *testing.T) {
	tests := []struct {
		name, req    string
		years, total float64
		leadership   bool
	}{
		{"leading second", "5+ years running production systems, 2+ years leading a team of SREs or DevOps engineers", 2, 5, true},
		{"leading first", "3+ years leading teams of engineers, 8+ years of backend development", 3, 8, true},
		{"with at least", "10+ years of experience in data engineering, with at least 3–5 years in a leadership role", 3, 10, true},
		{"people management", "10+ years of experience in Product Management with 4+ years of people management responsibility", 4, 10, true},
		// One years phrase: the requirement's years, as before.
		{"years once", "5+ years leading a team of SREs", 5, 5, true},
		// Twice, but no phrase leads on its own: the first years, as before.
		{"no clause leads alone", "Led teams for 5+ years, 10+ years of software", 5, 5, true},
		{"no leading at all", "5+ years of Go, 2+ years of Rust", 5, 5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD("## Requirements\n- "+tt.req+"\n- Kubernetes in production\n", "markdown")
			if err != nil {
				t.Fatal(err)
			}
			r := jd.Requirements[0]
			if r.Years != tt.years || r.Leadership != tt.leadership || jd.YearsRequired != tt.total {
				t.Errorf("%q: years %v, leadership %v, JD years %v; want %v, %v, %v", tt.req, r.Years, r.Leadership, jd.YearsRequired, tt.years, tt.leadership, tt.total)
			}
		})
	}
}

// TestLeadingYearsChecked: the SRE manager example asks two years of
// leading, so a manager of three years meets its leadership years.
func TestLeadingYearsChecked(t *testing.T) {
	text, err := os.ReadFile("../examples/jobs/sre-manager.md")
	if err != nil {
		t.Fatal(err)
	}
	corpus := []*vitae.Resume{
		resume("mgr", "M", "Acme", "SRE Manager", "2021-01", "2024-01",
			"Led a team of six SREs running Kubernetes in production", "Ran production systems on Kubernetes for 40 services"),
	}
	got := matchOne(t, corpus, string(text))["mgr"]
	var lead *YearsCheck
	for i, y := range got.Explain.Years {
		if y.Kind == "leadership" {
			lead = &got.Explain.Years[i]
		}
	}
	if lead == nil || lead.Asked != 2 || lead.Fit != 1 {
		t.Errorf("years checks %+v, want leadership asking 2, met", got.Explain.Years)
	}
}

// TestParseJDTitleAlone: a Markdown heading alone is a title and asks
// nothing, so a match says no requirements were found; a plain line alone
// or a title over a list still asks.
func TestParseJDTitleAlone(t *testing.T) {
	tests := []struct {
		name, jd, title string
		reqs            int
	}{
		{"a title alone", "# Senior Go Engineer", "Senior Go Engineer", 0},
		{"a title alone among blanks", "\n## Senior Go Engineer\n\n", "Senior Go Engineer", 0},
		{"a title over an item", "# Senior Go Engineer\n\n- Go", "Senior Go Engineer", 1},
		{"an item alone", "- Go", "", 1},
		{"a skill alone", "Kubernetes", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.jd, "")
			if err != nil {
				t.Fatal(err)
			}
			if jd.Title != tt.title || len(jd.Requirements) != tt.reqs {
				t.Errorf("%q: title %q, requirements %+v; want title %q and %d", tt.jd, jd.Title, jd.Requirements, tt.title, tt.reqs)
			}
		})
	}
	if _, err := NewJob("", "# Senior Go Engineer", ""); vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(fmt.Sprint(err), "no requirements") {
		t.Errorf("storing a title alone: %v, want no requirements found", err)
	}
}

// TestParseJDSentenceIsNoTitle: a first paragraph that is a sentence is
// content, not the title, in HTML as in text; a short title line and a
// heading stay titles.
func TestParseJDSentenceIsNoTitle(t *testing.T) {
	tests := []struct {
		name, jd, title string
		reqs            []string
	}{
		{"an HTML paragraph", "<p>We need a Go developer</p><ul><li>Kubernetes</li></ul>", "", []string{"We need a Go developer", "Kubernetes"}},
		{"a text paragraph", "We need a Go developer\n\n- Kubernetes", "", []string{"We need a Go developer", "Kubernetes"}},
		{"an HTML heading", "<h1>Senior Go Engineer</h1><p>We need a Go developer</p><ul><li>Kubernetes</li></ul>", "Senior Go Engineer", []string{"We need a Go developer", "Kubernetes"}},
		{"an HTML title line", "<p>Senior Go Engineer</p><ul><li>Kubernetes</li></ul>", "Senior Go Engineer", []string{"Kubernetes"}},
		{"a title of level I", "<p>Software Engineer I</p><ul><li>Kubernetes</li></ul>", "Software Engineer I", []string{"Kubernetes"}},
		{"a title for the US", "Sales Engineer US\n\n- Kubernetes", "Sales Engineer US", []string{"Kubernetes"}},
		// review22b: a page's <title> is not the job's ("Acme Careers"
		// weighed as role fit and cut every score to a quarter).
		{"the page's title is not read", "<html><head><title>Senior Go Engineer</title></head><body><p>We need a Go developer</p><ul><li>Kubernetes</li></ul></body></html>", "", []string{"We need a Go developer", "Kubernetes"}},
		{"a careers page's title", "<html><head><title>Acme Careers</title></head><body><ul><li>Go</li><li>Kubernetes</li></ul></body></html>", "", []string{"Go", "Kubernetes"}},
		{"a heading before the page's title", "<html><head><title>Jobs at Acme</title></head><body><h1>Senior Go Engineer</h1><ul><li>Kubernetes</li></ul></body></html>", "Senior Go Engineer", []string{"Kubernetes"}},
		{"an asking sentence in a paragraph", "<h1>Backend Engineer</h1><p>Acme builds payments. We need a Go developer to own our ledger.</p><ul><li>Kubernetes</li></ul>", "Backend Engineer", []string{"We need a Go developer to own our ledger", "Kubernetes"}},
		{"blurb that asks for no skill", "<h1>Senior Go Engineer</h1><p>We are looking for a kind colleague</p><ul><li>Kubernetes</li></ul>", "Senior Go Engineer", []string{"Kubernetes"}},
		// review22b: one sentence word is no sentence; a title may hold it.
		{"a title with an act's word", "Hiring Coordinator\n\n- Scheduling interviews", "Hiring Coordinator", []string{"Scheduling interviews"}},
		{"a title naming our team", "Senior Engineer, Our Platform Team\n\n- Kubernetes", "Senior Engineer, Our Platform Team", []string{"Kubernetes"}},
		{"a sentence without its subject", "Looking for a Go developer\n\n- Kubernetes", "", []string{"Looking for a Go developer", "Kubernetes"}},
		{"a contraction says both", "You'll run our platform\n\n- Go", "", []string{"Go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.jd, "")
			if err != nil {
				t.Fatal(err)
			}
			got := requirementTexts(jd)
			if jd.Title != tt.title || strings.Join(got, "|") != strings.Join(tt.reqs, "|") {
				t.Errorf("%q: title %q, requirements %q; want %q, %q", tt.jd, jd.Title, got, tt.title, tt.reqs)
			}
		})
	}
}

// TestRequirementsDroppedSaid: past MaxRequirements the JD's first
// requirements are matched and the rest counted, not cut silently.
func TestRequirementsDroppedSaid(t *testing.T) {
	lines := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "- Experience with system %d\n", i+1)
		}
		return b.String()
	}
	tests := []struct {
		n, matched, dropped int
	}{
		{39, 39, 0},
		{40, 40, 0},
		{41, 40, 1},
		{60, 40, 20},
	}
	for _, tt := range tests {
		jd, err := ParseJD(lines(tt.n), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(jd.Requirements) != tt.matched || jd.Dropped != tt.dropped || jd.Requirements[len(jd.Requirements)-1].Text != fmt.Sprintf("Experience with system %d", tt.matched) {
			t.Errorf("%d lines: %d requirements, %d dropped; want the first %d, %d dropped", tt.n, len(jd.Requirements), jd.Dropped, tt.matched, tt.dropped)
		}
	}
	corpus := []*vitae.Resume{resume("a", "A", "Acme", "Engineer", "2020", "", "Ran system 3 in production")}
	res, err := newIndexWith(t, corpus).Match(context.Background(), Request{JobDescription: lines(60)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Requirements) != 40 || res.RequirementsDropped != 20 {
		t.Errorf("match: %d requirements, %d dropped; want 40 and 20", len(res.Requirements), res.RequirementsDropped)
	}
	if _, err := newIndexWith(t, corpus).Match(context.Background(), Request{JobDescription: "# Senior Go Engineer"}); vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(fmt.Sprint(err), "no requirements") {
		t.Errorf("match of a title alone: %v, want EINVALID", err)
	}
}

// TestRequirementSaidTwiceOnce: a JD that repeats a requirement under two
// headings lists it once, a must-have when either place made it one, so it
// neither weighs twice nor takes a place under MaxRequirements.
func TestRequirementSaidTwiceOnce(t *testing.T) {
	jd, err := ParseJD("## Nice to have\n- Strong communication skills\n- Terraform\n## Requirements\n- Kubernetes in production\n- strong  communication skills.\n", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range jd.Requirements {
		got = append(got, fmt.Sprintf("%s/%v", r.Text, r.MustHave))
	}
	want := "Strong communication skills/true|Terraform/false|Kubernetes in production/true"
	if strings.Join(got, "|") != want {
		t.Errorf("requirements %q, want %q", strings.Join(got, "|"), want)
	}
}

// requirementTexts are the texts of jd's requirements, in order.
func requirementTexts(jd *JobDescription) []string {
	var out []string
	for _, r := range jd.Requirements {
		out = append(out, r.Text)
	}
	return out
}
