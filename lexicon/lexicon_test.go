package lexicon

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultParses(t *testing.T) {
	l := Default()
	if n := len(l.Groups()); n < 150 {
		t.Errorf("shipped lexicon has %d groups, want a few hundred", n)
	}
	kinds := map[string]int{}
	for _, g := range l.Groups() {
		kinds[g.Kind]++
	}
	for _, k := range []string{"skill", "verb", "role", "concept"} {
		if kinds[k] == 0 {
			t.Errorf("no %s groups", k)
		}
	}
}

func TestSkills(t *testing.T) {
	l := Default()
	tests := []struct {
		text string
		want []string
	}{
		{"Deployed and operated k8s on AWS and GCP", []string{"AWS", "GCP", "Kubernetes"}},
		{"Backend: Python, FastAPI, Swift", []string{"FastAPI", "Python", "Swift"}},
		{"Database: Postgres, hosted via RDS in AWS", []string{"AWS", "PostgreSQL"}},
		{"Wrote services in Go and Node.js", []string{"Go", "Node.js"}},
		{"We go to the office and go home", nil}, // "go" in lower case is a verb
		{"Built CI/CD pipelines with GitHub Actions", []string{"CI/CD", "GitHub Actions"}},
		{"Improved C++ and C# code", []string{"C#", "C++"}},
		// A name in text written without spaces is a word of its own.
		{"Kubernetesの本番運用経験5年以上", []string{"Kubernetes"}},
		{"TerraformとAWSでのIaC経験、Goでの開発", []string{"AWS", "Go", "Infrastructure as Code", "Terraform"}},
		{"C++経験、Node.jsでの開発", []string{"C++", "Node.js"}},
		{"熟悉Kubernetes和Docker", []string{"Docker", "Kubernetes"}},
		{"Kafka를 사용한 경험", []string{"Kafka"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, l.Skills(tt.text)); diff != "" {
				t.Errorf("Skills(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestLookupAndExpand(t *testing.T) {
	l := Default()
	g, ok := l.Lookup("K8S")
	if !ok || g.Canonical != "Kubernetes" {
		t.Fatalf("Lookup(K8S) = %+v, %v", g, ok)
	}
	exp := l.Expand("sre")
	if !contains(exp, "devops") || !contains(exp, "site reliability engineer") {
		t.Errorf("Expand(sre) = %v, want devops and site reliability engineer", exp)
	}
	if _, ok := l.Lookup("no such thing"); ok {
		t.Error("Lookup found a term that is not there")
	}
}

func TestFindPrefersLongestPhrase(t *testing.T) {
	l := Default()
	ms := l.Find("I was responsible for the site reliability engineers")
	var got []string
	for _, m := range ms {
		got = append(got, l.Groups()[m.Group].Canonical)
	}
	if diff := cmp.Diff([]string{"lead", "DevOps / SRE"}, got); diff != "" {
		t.Errorf("Find (-want +got):\n%s", diff)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, in := range []string{
		"skill Go: go\nbogus Thing: x\n",
		"skill Go: go\nskill : x\n",
		"skill Go: go\nskill Empty: | |\n",
		"skill Go: go\nskill\n",
	} {
		_, err := Parse(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("Parse(%q) = %v, want an error naming line 2", in, err)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// Incident work, as a skill ("incident commander") or as things that
// happen ("outages", "on call"), is one name, which the matcher reads as
// one key: a bullet of either meets a requirement of the other. Agile
// retrospectives are not incident reviews.
func TestIncidentWorkIsIncidentManagement(t *testing.T) {
	l := Default()
	tests := []struct {
		text string
		want []string // the canonical names of the things found, verbs aside
	}{
		{"Served as incident commander", []string{"Incident Management"}},
		{"in the on call rotation", []string{"Incident Management"}},
		{"blameless postmortems after outages", []string{"root cause analysis", "Incident Management"}},
		{"incident management", []string{"Incident Management"}},
		{"ran incident retrospectives", []string{"Incident Management"}},
		{"ran sprint retrospectives", []string{"agile ceremonies"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, m := range l.Find(tt.text) {
				if g := l.Groups()[m.Group]; g.Kind != "verb" {
					got = append(got, g.Canonical)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// A phrase of the lexicon never spans punctuation: "credit, risk, and
// analytics teams" named Credit Analysis and "Product, Marketing,
// Finance" Product Marketing (a tryout).
func TestPhrasesStopAtPunctuation(t *testing.T) {
	l := Default()
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"credit risk models", []string{"Credit Analysis"}},
		{"company's credit, risk, and analytics teams", nil},
		{"product marketing launches", []string{"Product Marketing"}},
		{"across Product, Marketing, Finance", nil},
		{"machine learning (ML) in production", []string{"Machine Learning"}},
		{"Go, Rust", []string{"Go", "Rust"}},
		{"Splunk alerts", []string{"Splunk"}},
		{"the fine art of balancing time", nil},
		{"not just using emotional appeals", nil},
	} {
		if got := l.Skills(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Skills(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
