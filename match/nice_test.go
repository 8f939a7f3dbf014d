package match

import "testing"

// TestNiceToHaveWords: "is a strong advantage" and its kin mark a
// nice-to-have inside a requirements list; "taking advantage of" and
// "mutually beneficial" do not (a review's cases). A heading or a label
// item that says its items are optional or examples ("may include",
// "might", "Not required") makes them nice-to-haves, unless it lists
// duties, which are must-haves as every duties section's are (stop 28);
// headings in other languages name their sections as English ones do.
func TestNiceToHaveWords(t *testing.T) {
	for _, tc := range []struct {
		heading, line string // heading "" is "## Requirements"
		want          string // "must", "nice", or "" for no requirement
	}{
		{"", "Experience in fintech or financial services is a strong advantage.", "nice"},
		{"", "AWS certification would be an asset", "nice"},
		{"", "Knowledge of Kafka is advantageous", "nice"},
		{"", "Experience with Spark would be beneficial", "nice"},
		{"", "You will be taking advantage of Kubernetes to run our services", "must"},
		{"", "Build mutually beneficial relationships with partners", "must"},
		{"", "Must have 5+ years of Go", "must"},
		// Optional sections (the Head of Support JD: "8 requirement(s),
		// 8 must-have").
		{"### Relevant skills/experience may include:", "5+ years of support leadership", "nice"},
		{"## Skills that could help", "Terraform", "nice"},
		{"You might also have:", "Experience with Kafka", "nice"},
		{"## Not required:", "Experience with Kafka", "nice"},
		{"## Qualifications (not required)", "Experience with Kafka", "nice"},
		{"## Nice to have", "Experience with Kafka", "nice"},
		{"**Bonus points**", "Experience with Kafka", "nice"},
		// Duties stay duties, however hedged.
		{"### What you might work on:", "Scale our backend service to send many millions of messages a day", "must"},
		{"## Responsibilities may include", "Run the on-call rotation", "must"},
		{"## What you'll do", "Run the on-call rotation", "must"},
		{"## Requirements", "Experience with Kafka", "must"},
		{"## Why you might love it here", "Experience with Kafka", ""},
		{"## Requirements, maybe later", "Experience with Kafka", "must"}, // "may" is a word, not a prefix
		// Other languages' headings.
		{"## Anforderungen", "Mehrjährige Erfahrung mit Kubernetes", "must"},
		{"## Dein Profil", "Mehrjährige Erfahrung mit Kubernetes", "must"},
		{"## Deine Aufgaben", "Du betreibst unsere Kubernetes-Cluster", "must"},
		{"## Von Vorteil", "Erfahrung mit Terraform", "nice"},
		{"## Was wir bieten", "30 Tage Urlaub und ein Jobticket", ""},
		{"## Deine Vorteile", "30 Tage Urlaub und ein Jobticket", ""},
		{"## Profil recherché", "Expérience avec Kubernetes", "must"},
		{"## Ce que nous offrons", "Télétravail et tickets restaurant", ""},
		{"## Requisitos", "Experiencia con Kubernetes", "must"},
		{"## Se valora", "Experiencia con Terraform", "nice"},
		{"## 歓迎スキル", "Terraformの経験", "nice"},
		{"## 福利厚生", "リモートワーク可", ""},
	} {
		heading := tc.heading
		if heading == "" {
			heading = "## Requirements"
		}
		jd, err := ParseJD(heading+"\n- "+tc.line+"\n", "")
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(jd.Requirements) == 1 {
			got = "nice"
			if jd.Requirements[0].MustHave {
				got = "must"
			}
		}
		if got != tc.want || len(jd.Requirements) > 1 || jd.Title != "" {
			t.Errorf("%q / %q: title %q, requirements %+v; want no title and %q", heading, tc.line, jd.Title, jd.Requirements, tc.want)
		}
	}
}
