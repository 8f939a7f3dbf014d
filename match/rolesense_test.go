package match

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestRoleSense reads role titles with the built-in model, as a match
// does: a title of the same kind of work is near the JD's role though it
// shares none of its words, an unrelated one scores 0, an old role a
// little less, and without a model there is no role sense.
func TestRoleSense(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	devops := resume("devops", "D", "X", "DevOps Engineer", "2020-01", "", "Ran Kubernetes clusters")
	oldDevops := resume("old-devops", "O", "X", "DevOps Engineer", "2006-01", "2016-01", "Ran Kubernetes clusters")
	nurse := resume("nurse", "N", "Z", "Registered Nurse", "2015-01", "", "Cared for patients")
	sre := resume("sre", "S", "X", "Senior Site Reliability Engineer - Acme", "2021-01", "", "Kept services up")
	pool := map[string]*vitae.Resume{"devops": devops, "old-devops": oldDevops, "nurse": nurse, "sre": sre}
	w := defaultWeights
	w.RecencyHalfLife = 5
	emb := embed.NewLocal(embed.LocalOptions{})
	got, err := roleSense(context.Background(), emb, "Site Reliability Engineer (SRE)", pool, w, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("role sense %v", got)
	if got["sre"] < 0.99 {
		t.Errorf("the role itself, with level and employer: role sense %.3f, want 1", got["sre"])
	}
	if got["devops"] < 0.3 || got["devops"] >= got["sre"] {
		t.Errorf("a DevOps engineer for an SRE job: role sense %.3f, want between 0.3 and the SRE's %.3f", got["devops"], got["sre"])
	}
	if got["nurse"] != 0 {
		t.Errorf("a nurse for an SRE job: role sense %.3f, want 0", got["nurse"])
	}
	if old := got["old-devops"]; old >= got["devops"] || old < 0.7*got["devops"] {
		t.Errorf("a role that ended ten years ago: role sense %.3f, want in [0.7, 1) × %.3f", old, got["devops"])
	}
	for _, tt := range []struct {
		name  string
		emb   vitae.Embedder
		title string
		w     float64
	}{{"no model", nil, "Site Reliability Engineer", 0.75}, {"no title", emb, "", 0.75}, {"weight 0", emb, "Site Reliability Engineer", 0}} {
		w := w
		w.RoleSense = tt.w
		if got, err := roleSense(context.Background(), tt.emb, tt.title, pool, w, now); err != nil || len(got) != 0 {
			t.Errorf("%s: role sense %v, %v; want none", tt.name, got, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := roleSense(ctx, emb, "Site Reliability Engineer", pool, w, now); !errors.Is(err, context.Canceled) {
		t.Errorf("a model that cannot answer: error %v, want it wrapped", err)
	}
}

// TestRoleTitleTexts pins the texts of a JD title the model reads: the
// role without level, employer, team or marker, then its other names.
func TestRoleTitleTexts(t *testing.T) {
	tests := []struct {
		title string
		want  []string
	}{
		{"Site Reliability Engineer (Devops/SRE)", []string{"Site Reliability Engineer", "Devops", "SRE"}},
		{"Senior Analytics Engineer — The LEGO Group", []string{"Analytics Engineer"}},
		{"Data Engineering Lead (m/w/d) — Riverty", []string{"Data Engineering"}}, // "lead" is a level
		{"Software Engineering Manager (Marketing Campaigns)", []string{"Software Engineering Manager"}},
		{"Sr. Staff Backend Engineer | Remote", []string{"Backend Engineer"}},
		{"Team Lead, Payments", []string{"Team Lead"}}, // a lead's role, not "Team"
		{"Senior QA Lead", []string{"QA Lead"}},
		{"Senior", []string{"Senior"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := roleTitleTexts(tt.title); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("roleTitleTexts(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestRoleSenseDownRanksByWords: when the embedding provider fails during
// a match, role fit falls back to the title's words at full weight (not
// words/1.75), the weights say role sense counted 0, and the answer is
// degraded with every reason kept.
func TestRoleSenseDownRanksByWords(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", "Ran Kubernetes clusters in production"),
		resume("nurse", "N", "Y", "Nurse", "2018", "", "Ran Kubernetes clusters in production"),
	}
	up := httptest.NewServer(embed.NewServer(searchtest.Trained(t, corpus)))
	defer up.Close()
	o, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: up.URL + "/v1", Model: "m", MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	ix := searchtest.Index(t, o, corpus)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) }))
	defer down.Close()
	o2, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: down.URL + "/v1", Model: "m", MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	m := New(search.New(ix, o2, search.Options{SemanticRatio: 0.5}), Options{SemanticRatio: 0.5})
	res, err := m.Match(context.Background(), Request{JobDescription: "# Site Reliability Engineer\n## Requirements\n- Run Kubernetes clusters in production\n"})
	if err != nil {
		t.Fatalf("a match must degrade, not fail: %v", err)
	}
	if !res.Degraded || !strings.Contains(res.DegradedReason, "role titles were not read") || res.Weights.RoleSense != 0 || res.Weights.RoleFamily != 0 {
		t.Fatalf("degraded %v, reason %q, role_sense weight %v, role_family %v", res.Degraded, res.DegradedReason, res.Weights.RoleSense, res.Weights.RoleFamily)
	}
	// The rules name the weights the match ended with, not the ones it began with.
	if want := rulesOf(m.opts, "", res.Weights); res.Rules != want {
		t.Errorf("rules %s, want %s (the weights after role sense went)", res.Rules, want)
	}
	if len(res.Candidates) != 2 || res.Candidates[0].ResumeID != "sre" || res.Candidates[0].Explain.RoleFit != 1 {
		t.Fatalf("candidates %+v, want the SRE first with role fit 1", res.Candidates)
	}
}
