package match

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vitae"
	"vitae/embed/embedtest"
	"vitae/search"
	"vitae/search/searchtest"
)

// flakyModel is the built-in model served over the OpenAI wire, except
// that a request holding fail is refused (400), counted, after onFail
// runs (a test ends its context there). asked counts the requests
// holding count.
type flakyModel struct {
	fail   string
	onFail func()
	failed atomic.Int32
	count  string
	asked  atomic.Int32
}

func (f *flakyModel) embedder(t *testing.T) vitae.Embedder {
	t.Helper()
	srv := embedtest.Server(t, 32, func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if f.count != "" && bytes.Contains(body, []byte(f.count)) {
			f.asked.Add(1)
		}
		if f.fail != "" && bytes.Contains(body, []byte(f.fail)) {
			f.failed.Add(1)
			if f.onFail != nil {
				f.onFail()
			}
			embedtest.Refuse(w)
			return true
		}
		return false
	})
	return embedtest.Client(t, srv, 32, 5*time.Second)
}

const (
	senseJD     = "# Site Reliability Engineer\n## Requirements\n- Kubernetes in production\n"
	senseBullet = "Ran Kubernetes clusters in production"
)

// senseMatcher is a Matcher with the sense check over a real index of
// one SRE whose bullet the rules call strong, its model emb.
func senseMatcher(t *testing.T, emb vitae.Embedder) *Matcher {
	t.Helper()
	rs := []*vitae.Resume{resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", senseBullet)}
	eng := search.New(searchtest.Index(t, searchtest.Trained(t, rs), rs), emb, search.Options{})
	return New(eng, Options{Mode: vitae.ModeKeyword, StrongGate: true, StrongSense: 0.01})
}

// TestSenseBulletFailFit: a bullet the sense check could not embed marks
// the answers of Fit and Fits degraded, as it does Match's, and leaves
// no strong evidence standing.
func TestSenseBulletFailFit(t *testing.T) {
	ctx := context.Background()
	up := senseMatcher(t, (&flakyModel{}).embedder(t))
	res, err := up.Fit(ctx, Request{JobDescription: senseJD}, "sre")
	if err != nil {
		t.Fatal(err)
	}
	if res.Degraded || len(res.Candidates) != 1 || res.Candidates[0].Coverage.Strong != 1 {
		t.Fatalf("fixture: with the model up, degraded %v (%q), candidates %+v; want one strong", res.Degraded, res.DegradedReason, res.Candidates)
	}

	m := senseMatcher(t, (&flakyModel{fail: senseBullet}).embedder(t))
	const reason = "some strong evidence was not confirmed by the model"
	res, err = m.Fit(ctx, Request{JobDescription: senseJD}, "sre")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Degraded || !strings.Contains(res.DegradedReason, reason) {
		t.Errorf("Fit: degraded %v (%q); want %q", res.Degraded, res.DegradedReason, reason)
	}
	if len(res.Candidates) != 1 || res.Candidates[0].Coverage.Strong != 0 {
		t.Errorf("Fit: candidates %+v; want one, without strong evidence", res.Candidates)
	}
	fits, err := m.Fits(ctx, "sre", []Job{{ID: "j", JobDescription: senseJD}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fits) != 1 || fits[0].Match == nil || !fits[0].Match.Degraded || !strings.Contains(fits[0].Match.DegradedReason, reason) {
		t.Errorf("Fits: %+v; want the job's answer degraded with %q", fits, reason)
	}
}

// TestSenseCancelled: a context that ends while the sense check reads
// bullets ends Match and Fit with an error (ETIMEOUT), not with an answer
// marked degraded whose strong grades the ended model took away.
func TestSenseCancelled(t *testing.T) {
	for name, run := range map[string]func(*Matcher, context.Context) (*Result, error){
		"match": func(m *Matcher, ctx context.Context) (*Result, error) {
			return m.Match(ctx, Request{JobDescription: senseJD})
		},
		"fit": func(m *Matcher, ctx context.Context) (*Result, error) {
			return m.Fit(ctx, Request{JobDescription: senseJD}, "sre")
		},
	} {
		// The context ends while the model reads the bullet, the
		// requirement or the role titles: each a call of its own.
		for _, fail := range []string{senseBullet, "Kubernetes in production", "Site Reliability Engineer"} {
			t.Run(name+"/"+fail, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				model := &flakyModel{fail: fail, onFail: cancel}
				res, err := run(senseMatcher(t, model.embedder(t)), ctx)
				if model.failed.Load() == 0 {
					t.Fatalf("fixture: %q was never sent to the model", fail)
				}
				if err == nil {
					t.Fatalf("an answer (degraded %v: %q); want context.Canceled as ETIMEOUT", res.Degraded, res.DegradedReason)
				}
				if !errors.Is(err, context.Canceled) || vitae.ErrorCode(err) != vitae.ETIMEOUT {
					t.Fatalf("err %v (code %s); want context.Canceled as ETIMEOUT (a bare context error answers 500)", err, vitae.ErrorCode(err))
				}
			})
		}
	}
}

// TestSenseStopsAfterFailure: a candidate's strong bullets go to the
// model in one call, and once the model fails the sense check asks it
// nothing more in that match: one failed call, not one per strong bullet.
func TestSenseStopsAfterFailure(t *testing.T) {
	const jd = "# Site Reliability Engineer\n## Requirements\n- Kubernetes in production\n- Terraform in production\n- Ansible in production\n"
	rs := []*vitae.Resume{resume("sre", "S", "X", "Site Reliability Engineer", "2018", "",
		"Ran Kubernetes clusters in production", "Ran Terraform modules in production", "Ran Ansible playbooks in production")}
	matcher := func(model *flakyModel) *Matcher {
		eng := search.New(searchtest.Index(t, searchtest.Trained(t, rs), rs), model.embedder(t), search.Options{})
		return New(eng, Options{Mode: vitae.ModeKeyword, StrongGate: true, StrongSense: 0.01})
	}
	ctx := context.Background()
	up := &flakyModel{count: "Ran "}
	res, err := matcher(up).Match(ctx, Request{JobDescription: jd})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) != 1 || res.Candidates[0].Coverage.Strong != 3 {
		t.Fatalf("fixture: with the model up, candidates %+v; want one with 3 strong", res.Candidates)
	}
	if n := up.asked.Load(); n != 1 {
		t.Errorf("the candidate's 3 strong bullets took %d calls to the model, want 1", n)
	}
	model := &flakyModel{fail: "Ran "} // every bullet, no requirement or title
	res, err = matcher(model).Match(ctx, Request{JobDescription: jd})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Degraded || res.Candidates[0].Coverage.Strong != 0 {
		t.Errorf("degraded %v, %d strong; want degraded, none strong", res.Degraded, res.Candidates[0].Coverage.Strong)
	}
	if n := model.failed.Load(); n != 1 {
		t.Errorf("the model was asked %d times after it failed a bullet; want 1 call in all", n)
	}
}

// TestSenseFitDefinition: the fit definition names the sense rule only in
// the answers of a match with the check on; off, it is the text it was
// before the check came, its partial-credit clause whole.
func TestSenseFitDefinition(t *testing.T) {
	if !strings.Contains(FitDefinition, "partial 0.5 to 0.625 (more the nearer the bullet comes to strong)") ||
		strings.Contains(FitDefinition, "embedding model does not find") {
		t.Errorf("FitDefinition = %q; want the partial-credit clause whole and no sense rule", FitDefinition)
	}
	ctx := context.Background()
	on := senseMatcher(t, (&flakyModel{}).embedder(t))
	off := New(on.b, Options{Mode: vitae.ModeKeyword, StrongGate: true})
	for name, tc := range map[string]struct {
		m    *Matcher
		want string
	}{"on": {on, FitDefinition + senseDefinition}, "off": {off, FitDefinition}} {
		res, err := tc.m.Match(ctx, Request{JobDescription: senseJD})
		if err != nil {
			t.Fatal(err)
		}
		if res.FitDefinition != tc.want {
			t.Errorf("check %s: fit definition %q, want %q", name, res.FitDefinition, tc.want)
		}
	}
}

// TestGraderErr: the Grader keeps the model's first failure, a
// requirement's or a bullet's, and asks a failed model nothing more.
func TestGraderErr(t *testing.T) {
	const req = "Kubernetes in production"
	up := NewGraderFor(Options{StrongGate: true}).WithSense((&flakyModel{}).embedder(t), 0.01)
	if lv, _ := up.Grade(req, senseBullet); lv != Strong || up.Err() != nil {
		t.Fatalf("fixture: with the model up %v, err %v; want strong, none", lv, up.Err())
	}
	for name, fail := range map[string]string{"requirement": req, "bullet": senseBullet} {
		model := &flakyModel{fail: fail}
		g := NewGraderFor(Options{StrongGate: true}).WithSense(model.embedder(t), 0.01)
		for range 3 {
			if lv, _ := g.Grade(req, senseBullet); lv != Partial {
				t.Errorf("%s fails: grade %v, want partial", name, lv)
			}
		}
		if g.Err() == nil {
			t.Errorf("%s fails: Err() = nil, want the model's failure", name)
		}
		if n := model.failed.Load(); n != 1 {
			t.Errorf("%s fails: the model was asked %d times, want 1", name, n)
		}
	}
}

// TestLearnedGateBulletFail: with the learned gate on, a bullet the model
// cannot read marks the answer degraded with the learned gate's reason:
// its cosine would read 0, a grade no one asked for.
func TestLearnedGateBulletFail(t *testing.T) {
	ctx := context.Background()
	rs := []*vitae.Resume{resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", senseBullet)}
	matcher := func(model *flakyModel) *Matcher {
		eng := search.New(searchtest.Index(t, searchtest.Trained(t, rs), rs), model.embedder(t), search.Options{})
		return New(eng, Options{Mode: vitae.ModeKeyword, StrongGate: true, LearnedGate: true})
	}
	res, err := matcher(&flakyModel{}).Match(ctx, Request{JobDescription: senseJD})
	if err != nil {
		t.Fatal(err)
	}
	if res.Degraded || len(res.Candidates) != 1 {
		t.Fatalf("fixture: with the model up, degraded %v (%q), %d candidates; want one, not degraded", res.Degraded, res.DegradedReason, len(res.Candidates))
	}
	model := &flakyModel{fail: senseBullet}
	res, err = matcher(model).Match(ctx, Request{JobDescription: senseJD})
	if err != nil {
		t.Fatal(err)
	}
	if model.failed.Load() == 0 {
		t.Fatalf("fixture: the bullet was never sent to the model")
	}
	const reason = "some strong evidence was not read by the model"
	if !res.Degraded || !strings.Contains(res.DegradedReason, reason) {
		t.Errorf("degraded %v (%q); want %q", res.Degraded, res.DegradedReason, reason)
	}
}
