package match

import (
	"context"
	"math"
	"testing"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestAblateRoleNamesAndShare: each ablation does what it says, and a
// comma list does both — the role fit of the build before short names
// and role words' share. "analytics" is in no pooled title, and
// "operations" only in the DevOps engineer's as its long name.
func TestAblateRoleNamesAndShare(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("devops", "D", "Z", "DevOps Engineer", "2018", "", "Ran Kubernetes clusters in production"),
		resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", "Ran Kubernetes clusters in production"),
		resume("nurse", "N", "Y", "Nurse", "2018", "", "Ran Kubernetes clusters in production"),
	}
	l := searchtest.Trained(t, corpus)
	eng := search.New(searchtest.Index(t, l, corpus), l, search.Options{SemanticRatio: 0.5})
	jd := "# Analytics Operations Engineer\n## Requirements\n- Run Kubernetes clusters in production\n"
	explains := func(ablate string) map[string]Explain {
		res, err := New(eng, Options{SemanticRatio: 0.5, Ablate: ablate}).Match(context.Background(), Request{JobDescription: jd})
		if err != nil {
			t.Fatalf("ablate %q: %v", ablate, err)
		}
		out := map[string]Explain{}
		for _, c := range res.Candidates {
			out[c.ResumeID] = c.Explain
			if got := Rescore(c.Explain, res.Weights); math.Abs(got-c.Score) > 0.0015 {
				t.Errorf("ablate %q, %s: rescored %v, answer %v", ablate, c.ResumeID, got, c.Score)
			}
		}
		if len(out) != len(corpus) {
			t.Fatalf("ablate %q: %d candidates, want %d", ablate, len(out), len(corpus))
		}
		return out
	}
	full, names, share, both := explains(""), explains("role-names"), explains("role-share"), explains("role-names,role-share")
	s := full["devops"].RoleWordsShare
	if s <= 0 || s >= 1 {
		t.Fatalf("share %v, want between 0 and 1: no title says analytics", s)
	}
	if got := names["devops"].RoleWordsShare; got >= s {
		t.Errorf("role-names: share %v, want below %v (DevOps no longer carries operations)", got, s)
	}
	for id, ex := range share {
		if ex.RoleWordsShare != 1 || ex.RoleWords != full[id].RoleWords {
			t.Errorf("role-share, %s: share %v, role words %v; want 1 and %v", id, ex.RoleWordsShare, ex.RoleWords, full[id].RoleWords)
		}
	}
	w := defaultWeights
	for id, ex := range both {
		want := round3(roleFitOf(names[id].RoleWords, 1, names[id].RoleSense, names[id].TitleSearch, w))
		if ex.RoleWordsShare != 1 || ex.RoleWords != names[id].RoleWords || ex.RoleFit != want {
			t.Errorf("role-names,role-share, %s: %+v; want share 1, role words %v, role fit %v", id, ex, names[id].RoleWords, want)
		}
	}
}

// TestCheckAblate: a comma list of known parts passes, a misspelt part
// is named.
func TestCheckAblate(t *testing.T) {
	if err := CheckAblate("role-names, role-share"); err != nil {
		t.Errorf("role-names, role-share: %v", err)
	}
	if err := CheckAblate("role-names,rolefit"); err == nil {
		t.Error("rolefit: no error")
	}
	if !(Options{Ablate: "years,length"}).ablated("length") || (Options{Ablate: "years"}).ablated("length") {
		t.Error("ablated does not read the comma list")
	}
}
