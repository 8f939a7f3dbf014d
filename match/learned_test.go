package match

import (
	"bufio"
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

// learnedPick is one line of testdata/learned_picks.jsonl: a strong pick
// of the strong gate among the train pairs of eval/evidence.jsonl, as
// `vitae eval --evidence eval/evidence.jsonl --fit-gate --fit-l2 50
// --fit-dump match/testdata/learned_picks.jsonl` wrote it (the cosine
// read by the built-in model trained on the corpus).
type learnedPick struct {
	Requirement, Bullet string
	Work, Latest        bool
	X                   []float64
	Strong              bool
}

func readPicks(tb testing.TB) []learnedPick {
	tb.Helper()
	f, err := os.Open("testdata/learned_picks.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var ps []learnedPick
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p learnedPick
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			tb.Fatal(err)
		}
		ps = append(ps, p)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return ps
}

// TestLearnedModelFit: the coefficients in learned_model.go are the fit
// of the picks in testdata (printed to 6 significant digits).
func TestLearnedModelFit(t *testing.T) {
	ps := readPicks(t)
	var x [][]float64
	var y []bool
	for _, p := range ps {
		x, y = append(x, p.X), append(y, p.Strong)
	}
	m, err := FitLogit(x, y, 50)
	if err != nil {
		t.Fatal(err)
	}
	same := func(name string, i int, got, want float64) {
		if math.Abs(got-want) > 1e-5*max(1, math.Abs(want)) {
			t.Errorf("%s %d: fitted %.6g, the table holds %.6g", name, i, got, want)
		}
	}
	same("bias", 0, m.Bias, learnedModel.Bias)
	for i := range FeatureNames {
		same("weight", i, m.Weights[i], learnedModel.Weights[i])
		same("mean", i, m.Mean[i], learnedModel.Mean[i])
		same("scale", i, m.Scale[i], learnedModel.Scale[i])
	}
}

// TestLearnedFeatures: the features the gate computes today are those it
// was fitted on, but for the cosine, which needs the model trained on the
// corpus (no model here: it reads 0).
func TestLearnedFeatures(t *testing.T) {
	g := NewGateGrader()
	cos := 6 // FeatureNames
	for _, p := range readPicks(t) {
		if KindOf(p.Requirement) == KindDegree && !reStudy.MatchString(p.Bullet) {
			continue // a degree is met only by study shown (degree.go, after the fit): "technical disciplines" is none now
		}
		rd := g.Read(p.Requirement, p.Bullet, Place{Work: p.Work, Latest: p.Latest})
		if rd.Gated != Strong {
			t.Errorf("%q for %q: the gate says %v; the fit read a strong pick", p.Bullet, p.Requirement, rd.Gated)
		}
		for i, v := range rd.Features {
			if i != cos && math.Abs(v-p.X[i]) > 1e-9 {
				t.Errorf("%q for %q: %s %.4f, fitted on %.4f", p.Bullet, p.Requirement, FeatureNames[i], v, p.X[i])
			}
		}
	}
}

// TestLearnedGateGrades: pairs of the fit the gate grades as labelled,
// each of which turns when the named feature says nothing (held at its
// mean over the fit).
func TestLearnedGateGrades(t *testing.T) {
	ps := readPicks(t)
	for _, c := range []struct {
		feature, requirement, bullet string
		keeps                        bool
	}{
		{"context_strong", "Strong iOS", "Developed internal iOS applications for clerical tasks.", true},
		{"verbatim", "Experience with system monitoring and alerting for availability and performance", "Ensured all Siebel CRM user sites were up and running", false},
		{"latest", "Strong experience building and maintaining production systems on AWS", "Owned and managed AWS cloud infrastructure", true},
		{"names", "Strong experience building and maintaining production systems on AWS", "Designed and implemented a server-less system for audio analysis", true},
		{"kind_toollist", "Strong iOS", "Provided support on Android/iOS parity issues", false},
	} {
		t.Run(c.feature, func(t *testing.T) {
			var p *learnedPick
			for i := range ps {
				if len(ps[i].Requirement) >= len(c.requirement) && ps[i].Requirement[:len(c.requirement)] == c.requirement &&
					len(ps[i].Bullet) >= len(c.bullet) && ps[i].Bullet[:len(c.bullet)] == c.bullet {
					p = &ps[i]
				}
			}
			if p == nil {
				t.Fatalf("no pick %q for %q in testdata", c.bullet, c.requirement)
			}
			if p.Strong != c.keeps {
				t.Fatalf("fixture: labelled strong %v", p.Strong)
			}
			if got := learnedModel.Prob(p.X) >= learnedAt; got != c.keeps {
				t.Errorf("keeps %v, want %v (p %.3f)", got, c.keeps, learnedModel.Prob(p.X))
			}
			f := -1
			for i, n := range FeatureNames {
				if n == c.feature {
					f = i
				}
			}
			x := append([]float64(nil), p.X...)
			x[f] = learnedModel.Mean[f]
			if got := learnedModel.Prob(x) >= learnedAt; got == c.keeps {
				t.Errorf("without %s it still keeps %v (p %.3f): the feature decides nothing here", c.feature, got, learnedModel.Prob(x))
			}
		})
	}
}

// TestPlaceOf: a work bullet of the ongoing role is of the latest role,
// one of an ended role is not, and a project or a title is no work.
func TestPlaceOf(t *testing.T) {
	r := resume("p", "P", "Acme", "Engineer", "2020-01", "", "Ran Kubernetes")
	old := r.Bullets[0]
	old.ID, old.Start, old.End, old.Text = "old", "2015-01", "2019-12", "Ran Docker"
	proj := r.Bullets[0]
	proj.ID, proj.Section = "proj", "project"
	title := r.Bullets[0]
	title.ID = ""
	bs := append(r.Bullets, old, proj, title)
	for i, want := range []Place{{Work: true, Latest: true}, {Work: true}, {}, {}} {
		if got := PlaceOf(bs, i); got != want {
			t.Errorf("bullet %d: %+v, want %+v", i, got, want)
		}
	}
}

// TestLearnedGateLevels (on the corpus): with the learned gate a match
// ranks and scores every candidate as without it, shows fewer strongs,
// and a strong the model does not keep is shown partial at the strong
// credit.
func TestLearnedGateLevels(t *testing.T) {
	def := corpusMatcher(t)
	base := Options{StrongGate: true, SemanticRatio: 0.5, RecencyHalfLife: 5}
	learned := base
	learned.LearnedGate = true
	ctx := context.Background()
	without, err := New(def.b, base).Match(ctx, Request{JobDescription: issueJD, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	got, err := New(def.b, learned).Match(ctx, Request{JobDescription: issueJD, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got.Degraded {
		t.Fatalf("degraded: %s", got.DegradedReason)
	}
	if !strings.HasSuffix(got.FitDefinition, learnedDefinition) || strings.Contains(without.FitDefinition, learnedDefinition) {
		t.Errorf("fit definition names the learned gate only with it on")
	}
	if len(got.Candidates) != len(without.Candidates) {
		t.Fatalf("%d candidates with the gate, %d without", len(got.Candidates), len(without.Candidates))
	}
	strong := func(c Candidate) (n int) {
		for _, ev := range c.Matched {
			if ev.Level == Strong.String() {
				n++
			}
		}
		return n
	}
	was, is, kept := 0, 0, 0
	for i, c := range got.Candidates {
		w := without.Candidates[i]
		if c.ResumeID != w.ResumeID || c.Score != w.Score {
			t.Errorf("rank %d: %s at %.3f with the gate, %s at %.3f without", i+1, c.ResumeID, c.Score, w.ResumeID, w.Score)
		}
		was, is = was+strong(w), is+strong(c)
		if len(c.Matched) != len(w.Matched) {
			t.Errorf("%s: %d evidence rows with the gate, %d without", c.ResumeID, len(c.Matched), len(w.Matched))
			continue
		}
		for j, ev := range c.Matched {
			if ev.BulletID != "" && ev.Level == Partial.String() && w.Matched[j].Level == Strong.String() {
				kept++
				if got := ev.Credit / ev.Recency; math.Abs(got-1) > 0.01 {
					t.Errorf("%s, %q: a strong the model does not keep earns %.3f, want 1", c.ResumeID, ev.Text, got)
				}
			}
		}
	}
	if is >= was || kept == 0 {
		t.Errorf("%d strongs shown with the gate, %d without, %d shown partial at the strong credit; want fewer and some", is, was, kept)
	}
}
