package match

import "testing"

// TestNiceToHaveWords: "is a strong advantage" and its kin mark a
// nice-to-have inside a requirements list; "taking advantage of" and
// "mutually beneficial" do not (a review's cases).
func TestNiceToHaveWords(t *testing.T) {
	for _, tc := range []struct {
		line string
		must bool
	}{
		{"Experience in fintech or financial services is a strong advantage.", false},
		{"AWS certification would be an asset", false},
		{"Knowledge of Kafka is advantageous", false},
		{"Experience with Spark would be beneficial", false},
		{"You will be taking advantage of Kubernetes to run our services", true},
		{"Build mutually beneficial relationships with partners", true},
		{"Must have 5+ years of Go", true},
	} {
		jd, err := ParseJD("## Requirements\n- "+tc.line+"\n", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(jd.Requirements) != 1 || jd.Requirements[0].MustHave != tc.must {
			t.Errorf("%q: %+v, want one requirement, must-have %v", tc.line, jd.Requirements, tc.must)
		}
	}
}
