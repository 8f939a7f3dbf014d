package match

import (
	"context"
	"math"
	"slices"
	"testing"

	"vitae"
)

// twoRoles is one résumé of two work roles: the JD's role, with a bullet
// that says nothing the JD asks, and an unrelated older one whose bullet
// meets the requirement.
func twoRoles() *vitae.Resume {
	r := resume("mixed", "M", "X", "Site Reliability Engineer", "2020-01", "", "Kept the on-call rota fair")
	other := resume("mixed-nurse", "M", "Y", "Registered Nurse", "2015-01", "2019-12", "Ran Kubernetes clusters in production")
	for _, b := range other.Bullets {
		b.ID, b.ResumeID = "mixed-n"+b.ID, "mixed"
		r.Bullets = append(r.Bullets, b)
	}
	return r
}

// matchWith matches text over m's backend with o, at semantic ratio 0.5.
func matchWith(t *testing.T, m *Matcher, o Options, text string) *Result {
	t.Helper()
	o.SemanticRatio = 0.5
	res, err := New(m.b, o).Match(context.Background(), Request{JobDescription: text})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRoleEvidence: with Weights.RoleEvidence a requirement's credit is
// × (1 − RoleEvidence × (1 − fit of the role the bullet comes from)), the
// evidence shows that fit, and the résumé whose evidence comes from the
// JD's role ranks first; off, ablated or without a title, nothing moves.
func TestRoleEvidence(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("fits", "F", "Z", "Site Reliability Engineer", "2020-01", "", "Ran Kubernetes clusters in production"),
		twoRoles(),
	}
	m := newIndexWith(t, corpus)
	jd := "# Site Reliability Engineer\n## Requirements\n- Run Kubernetes clusters in production\n"
	match := func(o Options, text string) *Result { t.Helper(); return matchWith(t, m, o, text) }
	byID := func(res *Result) map[string]Candidate {
		out := map[string]Candidate{}
		for _, c := range res.Candidates {
			out[c.ResumeID] = c
		}
		return out
	}
	off, on := match(Options{}, jd), match(Options{RoleEvidence: 1}, jd)
	if off.Weights.RoleEvidence != 0 || on.Weights.RoleEvidence != 1 || off.Rules == on.Rules {
		t.Fatalf("weights %v / %v, rules %s / %s: want role_evidence 0 and 1 and two rules ids", off.Weights.RoleEvidence, on.Weights.RoleEvidence, off.Rules, on.Rules)
	}
	before, after := byID(off), byID(on)
	for id, c := range before {
		for _, e := range c.Matched {
			if e.RoleFit != nil {
				t.Errorf("%s: off, evidence shows role fit %v", id, *e.RoleFit)
			}
		}
	}
	fits, mixed := after["fits"], after["mixed"]
	if len(fits.Matched) != 1 || len(mixed.Matched) != 1 || fits.Matched[0].RoleFit == nil || mixed.Matched[0].RoleFit == nil {
		t.Fatalf("on: matched %+v and %+v, want one piece of evidence each with its role fit", fits.Matched, mixed.Matched)
	}
	if f := *fits.Matched[0].RoleFit; f != 1 || fits.Matched[0].Credit != before["fits"].Matched[0].Credit {
		t.Errorf("evidence from the JD's own role: role fit %v, credit %v, want 1 and the credit as before %v", f, fits.Matched[0].Credit, before["fits"].Matched[0].Credit)
	}
	e := mixed.Matched[0]
	if e.Role != "Registered Nurse" || *e.RoleFit >= 0.5 {
		t.Errorf("evidence from the nurse role: %+v, want role fit below 0.5", e)
	}
	// The credit is the one before × the role's fit (RoleEvidence 1), to
	// the rounding of both.
	if want := before["mixed"].Matched[0].Credit * *e.RoleFit; math.Abs(e.Credit-want) > 0.002 {
		t.Errorf("credit %v, want %v × %v = %v", e.Credit, before["mixed"].Matched[0].Credit, *e.RoleFit, want)
	}
	if on.Candidates[0].ResumeID != "fits" || mixed.Score >= before["mixed"].Score {
		t.Errorf("on: first %s, mixed score %v (off %v): want fits first and mixed lower", on.Candidates[0].ResumeID, mixed.Score, before["mixed"].Score)
	}
	for name, res := range map[string]*Result{
		"ablated":          match(Options{RoleEvidence: 1, Ablate: "role-evidence"}, jd),
		"role fit ablated": match(Options{RoleEvidence: 1, Ablate: "role-fit"}, jd),
		"no title":         match(Options{RoleEvidence: 1}, "## Requirements\n- Run Kubernetes clusters in production\n"),
	} {
		if res.Weights.RoleEvidence != 0 {
			t.Errorf("%s: role_evidence %v, want 0", name, res.Weights.RoleEvidence)
		}
		for _, c := range res.Candidates {
			for _, e := range c.Matched {
				if e.RoleFit != nil {
					t.Errorf("%s: %s shows role fit %v", name, c.ResumeID, *e.RoleFit)
				}
			}
		}
	}
}

// TestRoleCoreWeight: with Weights.Core a requirement that names a word of
// the JD's role (besides its head noun) keeps its weight and the others
// lose that share: the candidate who meets the core requirement ranks
// above the one who meets the other, each evidence is the coverage so
// weighed, the parsed JD is left as parsed, and a title with no such
// word, or none, weighs as before.
func TestRoleCoreWeight(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("writer", "W", "Y", "Site Reliability Engineer", "2020-01", "", "Wrote Terraform modules for every AWS account"),
		resume("k8s", "K", "Z", "Site Reliability Engineer", "2020-01", "", "Kept Kubernetes clusters reliable in production"),
	}
	m := newIndexWith(t, corpus)
	body := "## Requirements\n- Kubernetes clusters, reliable in production\n- Terraform modules\n"
	jd := "# Site Reliability Engineer\n" + body
	match := func(o Options, text string) *Result { t.Helper(); return matchWith(t, m, o, text) }
	off, on := match(Options{}, jd), match(Options{Core: 0.6}, jd)
	for _, rq := range off.Requirements {
		if rq.Core {
			t.Errorf("off: requirement %q shows core", rq.Text)
		}
	}
	if on.Weights.Core != 0.6 || on.Rules == off.Rules {
		t.Fatalf("core_weight %v, rules %s / %s: want 0.6 and two rules ids", on.Weights.Core, on.Rules, off.Rules)
	}
	if len(on.Requirements) != 2 || !on.Requirements[0].Core || on.Requirements[1].Core {
		t.Fatalf("requirements %+v, want the first core (\"reliable\" of the role) and the second not", on.Requirements)
	}
	parsed, err := ParseJD(jd, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, rq := range parsed.Requirements {
		if rq.Core {
			t.Errorf("parsed requirement %q is core: the parse must not change", rq.Text)
		}
	}
	weight := []float64{on.Weights.MustHave, on.Weights.MustHave * (1 - on.Weights.Core)}
	if len(on.Candidates) != 2 || on.Candidates[0].ResumeID != "k8s" || on.Candidates[0].Score <= on.Candidates[1].Score {
		t.Fatalf("on: candidates %+v, want k8s strictly first", on.Candidates)
	}
	for _, c := range on.Candidates {
		var sum float64
		for _, e := range c.Matched {
			sum += weight[e.RequirementIndex] * e.Credit
		}
		if want := round3(sum / (weight[0] + weight[1])); math.Abs(c.Explain.Evidence-want) > 0.002 {
			t.Errorf("%s: evidence %v, want the coverage weighed by core %v", c.ResumeID, c.Explain.Evidence, want)
		}
	}
	for name, text := range map[string]string{"no title": body, "a head noun alone": "# Senior Engineer\n" + body} {
		res := match(Options{Core: 0.6}, text)
		if res.Weights.Core != 0 {
			t.Errorf("%s: core_weight %v, want 0", name, res.Weights.Core)
		}
		for _, rq := range res.Requirements {
			if rq.Core {
				t.Errorf("%s: requirement %q is core", name, rq.Text)
			}
		}
	}
	if ab := match(Options{Core: 0.6, Ablate: "core"}, jd); ab.Weights.Core != 0 {
		t.Errorf("ablated: core_weight %v, want 0", ab.Weights.Core)
	}
}

// TestRoleCoreOf reads a JD title's role words in requirements as the index
// reads words: stems meet, head nouns, generic words, level words and
// connectives are no part of what the role is about.
func TestRoleCoreOf(t *testing.T) {
	for _, tt := range []struct {
		title string
		reqs  []string
		want  []bool
	}{
		{"Senior Data Engineer", []string{"Build data pipelines", "Excellent written communication", "5+ years as an engineer"}, []bool{true, false, false}},
		{"Head of Support", []string{"Ran a customer support team", "Head of a department"}, []bool{true, false}},
		{"Site Reliability Engineer (Devops/SRE)", []string{"DevOps culture", "Reliability of services", "Kubernetes"}, []bool{true, true, false}},
		{"Director Hardware Engineering", []string{"Shipped hardware products", "Managed engineering directors"}, []bool{true, false}},
		// Generic title words make nothing core; a skill written with a
		// symbol is that skill ("C++" is not "C", though the index reads
		// both as "c").
		{"Site Reliability Engineer", []string{"Work on site in San Francisco", "Reliability of services"}, []bool{false, true}},
		{"Software Engineer", []string{"Communication with software teams"}, nil},
		{"Team Lead", []string{"Works well in a team"}, nil},
		{"Front-End Developer", []string{"End-to-end testing", "Front-end frameworks"}, []bool{false, true}},
		{"C++ Engineer", []string{"C programming", "Modern C++ (17/20)", "C# services"}, []bool{false, true, false}},
		{"C/C++ Engineer", []string{"C programming", "C++ templates"}, []bool{true, true}},
		{"Node.js Developer", []string{"Node.js services", "Built APIs"}, []bool{true, false}},
	} {
		reqs := make([]Requirement, len(tt.reqs))
		for i, r := range tt.reqs {
			reqs[i].Text = r
		}
		if got := roleCoreOf(tt.title, reqs); !slices.Equal(got, tt.want) {
			t.Errorf("%s: core %v, want %v", tt.title, got, tt.want)
		}
	}
	if got := roleCoreOf("Senior Engineering Manager", []Requirement{{Text: "Engineering management"}}); got != nil {
		t.Errorf("a title of head nouns alone: core %v, want nil", got)
	}
}
