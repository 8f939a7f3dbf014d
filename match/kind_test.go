package match

import (
	"context"
	"strings"
	"testing"
)

// TestKindOf: each kind of requirement, read from what it asks for; each
// row fails without its kind's rule (the examples are the brief's and
// the issue's, not evidence-set requirements).
func TestKindOf(t *testing.T) {
	for _, c := range []struct {
		req  string
		want Kind
	}{
		{"You have a degree in Computer Science or related field", KindDegree},
		{"BS in Electrical Engineering", KindDegree},
		{"Bachelor's in Statistics", KindDegree},
		{"BS/MS in Computer Science", KindDegree},
		{"MS or PhD in Statistics", KindDegree},
		{"BA degree preferred", KindDegree},
		{"BS Computer Science", KindDegree},
		{"MBA preferred", KindDegree},
		{"MS SQL Server", KindTool}, // capitals of other words, no degree
		{"Advanced MS Excel", KindTool},
		{"5+ years leading a team of SREs or DevOps engineers", KindYears},
		{"3-5 years of Python", KindYears}, // years before the tool
		{"Excellent communication skills", KindSoft},
		{"Critical thinking", KindSoft},
		{"Ability to collaborate with Product and Finance", KindSoft},
		{"Emotionally Intelligent", KindSoft}, // a capitalised trait is no tool
		{"Java, Python or Scala", KindToolList},
		{"Go, Rust", KindToolList},
		{"Terraform", KindTool},
		{"Kubernetes in production", KindTool},
		{"Strong expertise with Linux/Ubuntu internals", KindTool}, // a lexicon tool read as a title run
		{"Built CI/CD pipelines", KindAct},
		{"Designed data pipelines", KindAct},
		{"Experience in the healthcare industry", KindDomain},
	} {
		if got := KindOf(c.req); got != c.want {
			t.Errorf("KindOf(%q) = %s, want %s", c.req, got, c.want)
		}
	}
}

// TestKindOfNoDegree: BS, MS, BA and MA written as other words'
// capitals ask for no degree.
func TestKindOfNoDegree(t *testing.T) {
	for _, req := range []string{
		"MS SQL Server", "Advanced MS Excel", "Fluent with MS Teams and Slack",
		"On site in Boston, MA", "Partner with the BA team", "MS Office",
	} {
		if got := KindOf(req); got == KindDegree {
			t.Errorf("KindOf(%q) = %s, want another kind", req, got)
		}
	}
}

// TestStrongCap: a strong the gate lets stand is shown partial for a
// capped kind and strong for any other; without the cap both are strong.
func TestStrongCap(t *testing.T) {
	pairs := []struct {
		req, bullet string
		kind        Kind
	}{
		{"Communicate clearly with customers", "Communicated clearly with customers about outages", KindSoft},
		{"Terraform", "Wrote Terraform modules for every AWS account", KindTool},
	}
	for _, p := range pairs {
		if k := KindOf(p.req); k != p.kind {
			t.Fatalf("fixture: %q is %s, want %s", p.req, k, p.kind)
		}
		if lv, _ := NewGraderFor(Options{StrongGate: true}).Grade(p.req, p.bullet); lv != Strong {
			t.Fatalf("fixture: %q for %q is %v without a cap, want strong", p.bullet, p.req, lv)
		}
		capped := NewGraderFor(Options{StrongGate: true, StrongCap: []Kind{KindSoft}})
		want := Strong
		if p.kind == KindSoft {
			want = Partial
		}
		if lv, _ := capped.Grade(p.req, p.bullet); lv != want {
			t.Errorf("%q for %q with soft capped: %v, want %v", p.bullet, p.req, lv, want)
		}
	}
}

// TestStrongCapCredit: a capped strong is shown partial but keeps the
// strong credit, so no candidate's score moves.
func TestStrongCapCredit(t *testing.T) {
	const jd = "# Engineer\n## Requirements\n- Communicate clearly with customers\n"
	bullet := "Communicated clearly with customers about outages"
	for _, capKinds := range [][]Kind{nil, {KindSoft}} {
		sc := testScorer(t, jd)
		sc.gate = newGate(newAnalyzer(true), []string{sc.jd.Requirements[0].Text}, capKinds)
		c, ok := sc.candidate(resume("e", "E", "X", "Engineer", "", "", bullet), roleScore{fit: 1})
		if !ok || len(c.Matched) != 1 {
			t.Fatalf("cap %v: candidate %+v, %v; want one requirement met", capKinds, c.Matched, ok)
		}
		want := "strong"
		if capKinds != nil {
			want = "partial"
		}
		if ev := c.Matched[0]; ev.Level != want || ev.Credit != 1 {
			t.Errorf("cap %v: shown %s at credit %.3f; want %s at 1", capKinds, ev.Level, ev.Credit, want)
		}
	}
}

// TestStrongCapLevels: on the corpus with every kind capped, no bullet is
// shown strong where the gate alone shows some, and every candidate
// scores and ranks as without the cap (the cap changes what is shown,
// not the credit).
func TestStrongCapLevels(t *testing.T) {
	def := corpusMatcher(t)
	base := Options{StrongGate: true, SemanticRatio: 0.5, RecencyHalfLife: 5}
	capped := base
	capped.StrongCap = Kinds
	ctx := context.Background()
	without, err := New(def.b, base).Match(ctx, Request{JobDescription: issueJD, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	got, err := New(def.b, capped).Match(ctx, Request{JobDescription: issueJD, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Candidates) != len(without.Candidates) {
		t.Fatalf("%d candidates with the cap, %d without", len(got.Candidates), len(without.Candidates))
	}
	// The definition names a capped strong only when a kind is capped.
	if without.FitDefinition != FitDefinition || !strings.HasSuffix(got.FitDefinition, "capped kind (act, degree, domain, soft, tool, toollist, years) is shown as partial and still counts 1.") {
		t.Errorf("fit definitions: without the cap %q, with it %q", without.FitDefinition, got.FitDefinition)
	}
	strong := func(cs []Candidate) int {
		n := 0
		for _, c := range cs {
			for _, ev := range c.Matched {
				if ev.BulletID != "" && ev.Level == Strong.String() {
					n++
				}
			}
		}
		return n
	}
	if n := strong(without.Candidates); n == 0 {
		t.Fatal("fixture: no strong evidence without the cap")
	}
	if n := strong(got.Candidates); n != 0 {
		t.Errorf("%d bullets shown strong with every kind capped, want 0", n)
	}
	for i, c := range got.Candidates {
		if w := without.Candidates[i]; c.ResumeID != w.ResumeID || c.Score != w.Score {
			t.Errorf("rank %d: %s at %.3f with the cap, %s at %.3f without", i+1, c.ResumeID, c.Score, w.ResumeID, w.Score)
		}
	}
}

// A capital after a label's dash starts the sentence the label
// introduces: it names no tool, so the requirement weighs as one naming
// no skill ("Decisive - Uses a framework …" weighed as a tool's before).
func TestLabelDashNamesNoTool(t *testing.T) {
	z := newAnalyzer(false)
	for _, c := range []struct {
		req      string
		specific bool
	}{
		{"Decisive - Uses a framework or process by which to make decisions.", false},
		{"Persuasive – Bring others to their point of view using logic, data, and emotion.", false},
		{"Data stores - Experience with Cassandra, AWS DynamoDB, Riak", true}, // the tools after it are still tools
		{"Experience with Cassandra, AWS DynamoDB, Riak", true},
	} {
		if got := z.requirement(c.req).specific(); got != c.specific {
			t.Errorf("%q: specific %v, want %v", c.req, got, c.specific)
		}
	}
	if k := KindOf("Decisive - Uses a framework or process by which to make decisions."); k == KindTool {
		t.Errorf("kind %s, want no tool", k)
	}
}
