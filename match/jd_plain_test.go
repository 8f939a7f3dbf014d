package match

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseJDPlainAsMarked: a real JD with its list markers and Markdown
// stripped, as it is pasted from a web page (blank lines kept or lost), or
// as a PDF gives it (wrapped at 80 columns, with or without bullets), has
// the requirements of the original, each must or nice as there. The plain
// files are testdata/jd/real-NAME-VARIANT.txt, made from real-NAME.md.
func TestParseJDPlainAsMarked(t *testing.T) {
	tests := []struct {
		plain, marked string
	}{
		{"real-ios-plain.txt", "real-ios.md"},                             // markers and headings stripped
		{"real-security-plain.txt", "real-security.md"},                   // the same
		{"real-qa-pasted.txt", "real-qa.md"},                              // and no blank lines
		{"real-frontend-manager-wrapped.txt", "real-frontend-manager.md"}, // wrapped at 80, no markers
		{"real-data-eng-lead-pdf.txt", "real-data-eng-lead.md"},           // wrapped at 80, bullets kept
	}
	for _, tt := range tests {
		t.Run(tt.plain, func(t *testing.T) {
			want := requirementLines(t, tt.marked)
			got := requirementLines(t, tt.plain)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("requirements differ from the marked JD's (-marked +plain):\n%s", diff)
			}
		})
	}
}

// requirementLines parses testdata/jd/name and lists its requirements as
// requirementsOf does.
func requirementLines(tb testing.TB, name string) []string {
	tb.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "jd", name))
	if err != nil {
		tb.Fatal(err)
	}
	return requirementsOf(tb, string(text))
}

// requirementsOf parses a JD and lists its requirements as "must: text" or
// "nice: text", spaces collapsed and a final full stop dropped (a paragraph
// sentence loses it, a list item keeps it).
func requirementsOf(tb testing.TB, text string) []string {
	tb.Helper()
	jd, err := ParseJD(text, "")
	if err != nil {
		tb.Fatalf("%q: %v", text, err)
	}
	var out []string
	for _, r := range jd.Requirements {
		level := "nice"
		if r.MustHave {
			level = "must"
		}
		out = append(out, fmt.Sprintf("%s: %s", level, strings.TrimSuffix(strings.Join(strings.Fields(r.Text), " "), ".")))
	}
	return out
}

// TestParseJDPlainLines: how plain lines are read — as one requirement
// each, as headings, as wrapped sentences — case by case.
func TestParseJDPlainLines(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			"short lines under a named section are items; a tool-only line names a skill",
			"Senior SRE\n\nRequirements\nKubernetes in production\nGo, Rust\nTeamwork\n\nNice to have\nTerraform\n",
			[]string{"must: Kubernetes in production", "must: Go, Rust", "nice: Terraform"},
		},
		{
			"sub-headings stay headings, requirement lines with a heading word stay requirements",
			"Requirements\nStrong scripting experience\nTerraform is a plus\nTechnical skills\nGo, Rust\nAbout you\nCalm under pressure\nWhat we offer\nFree lunch every day\n",
			[]string{"must: Strong scripting experience", "nice: Terraform is a plus", "must: Go, Rust", "must: Calm under pressure"},
		},
		{
			"lines without full stops are sentences of their own, not one run-on",
			"Platform Engineer\n\nWe run Kubernetes in production\nWe cut cloud costs on AWS\nWe build CI/CD pipelines\n",
			[]string{"must: We run Kubernetes in production", "must: We cut cloud costs on AWS", "must: We build CI/CD pipelines"},
		},
		{
			"a line wrapped mid-sentence joins the next when it starts lower-case",
			"Requirements\nExperience running services on Kubernetes in production\nenvironments at scale, on call one week a month\nTerraform\n",
			[]string{"must: Experience running services on Kubernetes in production environments at scale, on call one week a month", "must: Terraform"},
		},
		{
			"a line cut at the wrap column on a word that cannot end it joins the next",
			"Requirements\nFive years of building and operating production systems on AWS with\nTerraform and Kubernetes, for a regulated industry such as banking or insurance\nA degree in computer science\n",
			[]string{"must: Five years of building and operating production systems on AWS with Terraform and Kubernetes, for a regulated industry such as banking or insurance", "must: A degree in computer science"},
		},
		{
			"a full line without a full stop, among items that end with one, was cut",
			"Requirements\nA bachelor's or master's degree in Computer Science, Data Engineering, Information\nSystems, or a related field.\nFive years of SQL in production.\n",
			[]string{"must: A bachelor's or master's degree in Computer Science, Data Engineering, Information Systems, or a related field", "must: Five years of SQL in production"},
		},
		{
			"a list line ending on such a word, short of the column, does not",
			"Requirements\nExceptionally easy to work with and get along with\nTeam lead experience\nA track record of shipping web applications used by millions of people every day\n",
			[]string{"must: Exceptionally easy to work with and get along with", "must: Team lead experience", "must: A track record of shipping web applications used by millions of people every day"},
		},
		{
			"a word cut at its hyphen is one word again",
			"Requirements\nBuild and maintain pipelines that deliver high-\nquality data products to the analysts of the commercial teams\n",
			[]string{"must: Build and maintain pipelines that deliver high-quality data products to the analysts of the commercial teams"},
		},
		{
			"a lead-in ending with a colon makes the lines after it a list",
			"Our team\nWe are especially fond of people who care about the people using their work:\nFocus on project goals.\nIterate until customers love it.\n",
			[]string{"must: Focus on project goals", "must: Iterate until customers love it"},
		},
		{
			"a heading introduces a paragraph; the paragraph stays blurb beside a list",
			"Backend Engineer\n\nOur Stack\nWe run Go services on Kubernetes across three regions.\n\nRequirements\nGo in production\nPostgreSQL\n",
			[]string{"must: Go in production", "must: PostgreSQL"},
		},
		{
			"a single line is still a requirement, not a title over nothing",
			"Kubernetes",
			[]string{"must: Kubernetes"},
		},
		{
			"HTML paragraphs read as plain lines",
			"<h1>SRE</h1><p>Requirements</p><p>Kubernetes in production</p><p>Terraform</p><p>What we offer</p><p>Free lunch</p>",
			[]string{"must: Kubernetes in production", "must: Terraform"},
		},
		{
			"HTML lines cut by line breaks under a bold heading",
			"<p><b>Requirements</b><br>Kubernetes in production<br>Built CI/CD pipelines</p><p><b>Nice to have</b><br>Terraform</p>",
			[]string{"must: Kubernetes in production", "must: Built CI/CD pipelines", "nice: Terraform"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, requirementsOf(t, tt.text)); diff != "" {
				t.Errorf("requirements (-want +got):\n%s", diff)
			}
		})
	}
}
