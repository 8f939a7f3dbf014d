package match

import (
	"slices"
	"testing"
)

// TestRequirementSkills: the skills a requirement lists are those the
// lexicon reads in it. Tools joined by a slash are each a tool, as in a
// comma list (tryout: "Java/Golang", "AWS/GCP" gave no skills while
// "(Java, Golang, Riak)" gave three); a name the lexicon knows with its
// slash is read whole.
func TestRequirementSkills(t *testing.T) {
	tests := []struct {
		req    string
		skills []string
		kind   Kind // "" when the row pins no kind
	}{
		{"Experience with Java/Golang", []string{"Go", "Java"}, KindToolList},
		{"Riak/Cassandra experience", []string{"Cassandra", "Riak"}, KindToolList},
		{"AWS/GCP", []string{"AWS", "GCP"}, KindToolList},
		{"Python/Go", []string{"Go", "Python"}, KindToolList},
		{"React/Vue experience", []string{"React", "Vue"}, KindToolList},
		{"Proficient across a highly diverse set of technologies (Java/Golang, Riak/Cassandra, Solr/Lucene) OR expert in at least one technology", []string{"Cassandra", "Go", "Java", "Riak", "Solr"}, KindToolList},
		{"Experience with (Java, Golang, Riak)", []string{"Go", "Java", "Riak"}, KindToolList},
		// Read whole, as before.
		{"CI/CD pipelines", []string{"CI/CD"}, ""},
		{"A/B testing experience", []string{"Statistics"}, ""},
		{"TCP/IP networking", []string{"Networking"}, ""},
		{"Kubernetes-based platforms", []string{"Kubernetes"}, ""},
	}
	for _, tt := range tests {
		jd, err := ParseJD("## Requirements\n- "+tt.req, "markdown")
		if err != nil {
			t.Errorf("%q: %v", tt.req, err)
			continue
		}
		if len(jd.Requirements) != 1 {
			t.Errorf("%q: requirements %q, want it alone", tt.req, requirementTexts(jd))
			continue
		}
		if got := jd.Requirements[0].Skills; !slices.Equal(got, tt.skills) {
			t.Errorf("%q: skills %q, want %q", tt.req, got, tt.skills)
		}
		if k := KindOf(tt.req); tt.kind != "" && k != tt.kind {
			t.Errorf("%q: kind %s, want %s", tt.req, k, tt.kind)
		}
	}
}
