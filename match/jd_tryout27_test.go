package match

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"vitae"
)

// TestParseJDRefusesTextAskingNothing: a few words naming no skill, tool,
// role or task ("hello") are refused as a text without requirements is,
// in every format, not matched by the one bullet that says the word back
// (tryout: "fit 75% … ✓ hello (strong)"); so is placeholder Latin ("Lorem
// ipsum…") of any length; a terse JD that names something is still one
// requirement.
func TestParseJDRefusesTextAskingNothing(t *testing.T) {
	tests := []struct {
		name, jd, format string
		refused          bool
	}{
		{"a greeting", "hello", "", true},
		{"two words", "hello world", "text", true},
		{"keyboard mash", "asdf qwerty", "", true},
		{"a line of chat", "Hi there, how are you?", "", true},
		{"an HTML greeting", "<p>hello</p>", "html", true},
		{"a JSON greeting", `{"title":"x","text":"hello"}`, "json", true},
		{"placeholder Latin", "Lorem ipsum dolor sit amet, consectetur adipiscing elit...", "", true},
		{"a paragraph of placeholder Latin", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.", "", true},
		{"placeholder under a title", "# Senior Go Engineer\n\n## Requirements\n- Lorem ipsum dolor sit amet\n- Consectetur adipiscing elit, sed do eiusmod tempor\n- Duis aute irure dolor in reprehenderit", "", true},
		{"HTML placeholder", "<h2>Requirements</h2><ul><li>Lorem ipsum dolor sit amet</li><li>Ut enim ad minim veniam, quis nostrud exercitation</li></ul>", "html", true},
		{"placeholder beside a requirement", "## Requirements\n- Kubernetes in production\n- Lorem ipsum dolor sit amet", "", false},
		{"a tool", "Kubernetes", "", false},
		{"a tool in a sentence", "We need someone who knows Terraform", "", false},
		{"an act", "Build APIs", "", false},
		{"leading", "Experience leading a team", "", false},
		{"a role", "Senior engineer", "", false},
		{"a concept", "Write documentation", "", false},
		{"years", "5+ years in a similar position", "", false},
		// A tool named inside text without spaces (stop 28: refused).
		{"a tool inside Japanese", "## 要件\n- Kubernetesの本番運用経験5年以上\n- チームリーダー経験", "", false},
		{"a tool inside Chinese", "熟悉Kubernetes和Docker", "", false},
		{"Japanese naming no tool", "## 要件\n- チームリーダー経験", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.jd, tt.format)
			switch {
			case tt.refused && (vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(vitae.ErrorMessage(err), "no requirements found") || !strings.Contains(vitae.ErrorMessage(err), "names no skill, tool, role or task")):
				t.Errorf("%q: %v (%+v), want EINVALID saying it names no skill, tool, role or task", tt.jd, err, jd)
			case !tt.refused && (err != nil || len(jd.Requirements) == 0):
				t.Errorf("%q: %v, %+v; want a requirement", tt.jd, err, jd)
			}
		})
	}
	_, err := newIndexWith(t, []*vitae.Resume{resume("a", "A", "Acme", "Engineer", "2020", "", `Built a small "hello world"-style kernel`)}).Match(context.Background(), Request{JobDescription: "hello"})
	if vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("match of hello: %v, want EINVALID", err)
	}
}

// TestParseJobJSONText: a JSON job without JSON Resume's lists is read
// from the text fields job boards and this corpus use ("text" in
// jobs.jsonl, "description", "body", the API's "job_description"), as
// that text would be, under the JSON's title; with none the error names
// the fields read (tryout: jobs.jsonl's line refused with "no
// responsibilities, qualifications or skills").
func TestParseJobJSONText(t *testing.T) {
	posting := "## Platform Engineer\n#### Berlin, Germany\n\n### Requirements\n+ 5+ years running Kubernetes in production\n+ Terraform\n\n### Nice to have\n+ Go"
	line := func(field, text string) string {
		b, err := json.Marshal(map[string]string{"id": "acme-platform-engineer", "source": "acme/jobs", "title": "Platform Engineer (acme)", field: text})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want, err := ParseJD(posting, "markdown")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, json string
	}{
		{"text (jobs.jsonl)", line("text", posting)},
		{"description", line("description", posting)},
		{"body", line("body", posting)},
		{"job_description", line("job_description", posting)},
		{"body as HTML", line("body", "<h2>Platform Engineer</h2><h3>Requirements</h3><ul><li>5+ years running Kubernetes in production</li><li>Terraform</li></ul><h3>Nice to have</h3><ul><li>Go</li></ul>")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.json, "json")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(requirementTexts(jd), "|"); got != strings.Join(requirementTexts(want), "|") || jd.Title != "Platform Engineer (acme)" || jd.YearsRequired != 5 {
				t.Errorf("title %q, years %v, requirements %q; want the JSON's title, 5 years and %q", jd.Title, jd.YearsRequired, got, requirementTexts(want))
			}
			for i, r := range jd.Requirements {
				if r.MustHave != want.Requirements[i].MustHave {
					t.Errorf("%q: must-have %v, want %v as in the text", r.Text, r.MustHave, want.Requirements[i].MustHave)
				}
			}
		})
	}
	_, err = ParseJD(`{"title":"Platform Engineer","posting":"- Go"}`, "json")
	if msg := vitae.ErrorMessage(err); vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(msg, `"description", "text", "body" or "job_description"`) || !strings.Contains(msg, "responsibilities, qualifications and skills") {
		t.Errorf("JSON without a field read: %v, want EINVALID naming the fields read", err)
	}
}

// TestParseJDTitleNamesRole: the title is the header's highest heading
// that names a role, though it holds a section's word ("Developer
// Experience Engineer" is no "Experience" section), never a location
// line under it (tryout: jd24's title was "San Francisco, CA") nor a
// place alone ("#### Berlin", where no heading names a role).
func TestParseJDTitleNamesRole(t *testing.T) {
	tests := []struct {
		name, jd, title string
	}{
		{"a role with a section's word", "## Developer Experience Engineer (Dev Advocate)\n#### San Francisco, CA\n\n### Quick Summary\nWe build tools.\n\n### Requirements\n+ Kubernetes", "Developer Experience Engineer (Dev Advocate)"},
		{"a place alone is no title", "#### San Francisco, CA\n\n### Requirements\n+ Kubernetes", ""},
		{"a place and a mode", "## Berlin, Germany (Hybrid)\n\n## Requirements\n- Kubernetes", ""},
		{"remote", "### Remote\n## Requirements\n- Kubernetes", ""},
		{"a city alone", "#### Berlin\n\n### Requirements\n+ Kubernetes", ""},
		{"a city of two words", "## New York\n\n## Requirements\n- Kubernetes", ""},
		{"a country", "# Germany\n\n## Requirements\n- Kubernetes", ""},
		{"a city over a title naming no role noun", "#### Berlin\n## Product Marketing\n\n### Requirements\n+ SEO", "Product Marketing"},
		{"a title naming no role noun over a city", "## Product Marketing\n#### Berlin\n\n### Requirements\n+ SEO", "Product Marketing"},
		{"a plain first line that is a city", "Berlin\n\nRequirements\n- Kubernetes", ""},
		{"the role over the company", "# Acme Payments\n## Senior Go Engineer\n\n## Requirements\n- Kubernetes", "Senior Go Engineer"},
		{"the highest of two roles", "### Platform Team Lead\n# Staff Platform Engineer\n\n## Requirements\n- Kubernetes", "Staff Platform Engineer"},
		{"a title naming no role noun", "## Product Marketing\n#### San Francisco, CA\n\n### Requirements\n+ SEO", "Product Marketing"},
		{"a title as before", "## Site Reliability Engineer (Devops/SRE)\n#### San Francisco, CA\n\n### Requirements\n+ Kubernetes", "Site Reliability Engineer (Devops/SRE)"},
		{"a section never", "## Requirements\n- Kubernetes\n## Nice to have\n- Go", ""},
		{"a plain first line", "Senior Go Engineer\n\n## Requirements\n- Kubernetes", "Senior Go Engineer"},
		// Sections in other languages are sections, never titles (stop 28:
		// "Anforderungen" was the title).
		{"a German section", "## Anforderungen\n- Mehrjährige Erfahrung mit Kubernetes und Terraform", ""},
		{"German sections under a title", "# Site Reliability Engineer (m/w/d)\n## Voraussetzungen\n- Kubernetes\n## Qualifikationen\n- Terraform", "Site Reliability Engineer (m/w/d)"},
		{"a German duties section", "## Deine Aufgaben\n- Du betreibst unsere Kubernetes-Cluster", ""},
		{"a French section", "## Profil recherché\n- Expérience avec Kubernetes", ""},
		{"a French skills section", "## Compétences\n- Kubernetes", ""},
		{"a Spanish section", "## Requisitos\n- Experiencia con Kubernetes", ""},
		{"an Italian section", "## Requisiti\n- Esperienza con Kubernetes", ""},
		{"a Japanese section", "## 要件\n- Kubernetesの本番運用経験5年以上", ""},
		{"a plain German heading", "Anforderungen\n- Kubernetes\n- Terraform", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.jd, "")
			if err != nil {
				t.Fatal(err)
			}
			if jd.Title != tt.title || len(jd.Requirements) == 0 {
				t.Errorf("title %q, requirements %q; want title %q and the requirements", jd.Title, requirementTexts(jd), tt.title)
			}
		})
	}
}
