package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"vitae/embed/embedtest"
)

// refusingModel is the built-in model on the OpenAI wire, refusing
// every request that embeds req.
func refusingModel(t *testing.T, req string) *httptest.Server {
	t.Helper()
	return embedtest.Server(t, 32, func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if bytes.Contains(body, []byte(req)) {
			embedtest.Refuse(w)
			return true
		}
		return false
	})
}

// TestEvalEvidenceSenseModelFails: with match.strong_sense on, a model
// that fails while `eval --evidence` grades makes the command fail with
// the key named, not print levels the outage made. The model is the
// built-in one on the OpenAI wire, refusing the requirement's request.
func TestEvalEvidenceSenseModelFails(t *testing.T) {
	const req = "Led a DevOps team"
	model := refusingModel(t, req)
	dir, ev := senseEval(t, model.URL, req)
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--json")
	if code == 0 || !strings.Contains(errOut, "match.strong_sense") || strings.Contains(out, `"split"`) {
		t.Errorf("eval --evidence with the model failing: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestEvalEvidenceLearnedModelFails: with match.learned_gate on alone,
// the failure names that key, not the sense check that is off.
func TestEvalEvidenceLearnedModelFails(t *testing.T) {
	const req = "Led a DevOps team"
	model := refusingModel(t, req)
	dir, ev := senseEval(t, model.URL, req)
	t.Setenv("VITAE_MATCH_STRONG_SENSE", "0")
	t.Setenv("VITAE_MATCH_LEARNED_GATE", "true")
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--json")
	if code == 0 || !strings.Contains(errOut, "match.learned_gate: the model failed") || strings.Contains(errOut, "match.strong_sense") {
		t.Errorf("eval --evidence with the learned gate's model failing: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestEvalEvidenceByKindSenseModelFails: --by-kind grades the pairs a
// second time; a model that fails only then makes the command fail too,
// not print a table by kind the outage made.
func TestEvalEvidenceByKindSenseModelFails(t *testing.T) {
	const req = "Led a DevOps team"
	var asked, answers atomic.Int32 // the requirement's requests; how many are answered
	answers.Store(1 << 30)
	model := embedtest.Server(t, 32, func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if bytes.Contains(body, []byte(req)) && asked.Add(1) > answers.Load() {
			embedtest.Refuse(w)
			return true
		}
		return false
	})
	dir, ev := senseEval(t, model.URL, req)
	// The first grading's requests, counted on a run that prints no table
	// by kind; then the model answers those and fails the rest.
	if code, out, errOut := cli(t, dir, "eval", "--evidence", ev); code != 0 {
		t.Fatalf("eval --evidence with the model up: exit %d\n%s\n%s", code, out, errOut)
	}
	first := asked.Swap(0)
	answers.Store(first)
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--by-kind")
	if asked.Load() <= first {
		t.Fatalf("fixture: the requirement went to the model %d times, %d in the first grading; want a second grading", asked.Load(), first)
	}
	if code == 0 || !strings.Contains(errOut, "graded by kind") {
		t.Errorf("eval --evidence --by-kind with the model failing in the second grading: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestStrongSenseWithoutModelWarns: the check set with no embedding model
// to read with says it is off, rather than doing nothing unsaid.
func TestStrongSenseWithoutModelWarns(t *testing.T) {
	t.Setenv("VITAE_EMBED_PROVIDER", "none")
	t.Setenv("VITAE_MATCH_STRONG_SENSE", "0.35")
	dir := workdir(t)
	if _, _, errOut := cli(t, dir, "search", "kubernetes"); !strings.Contains(errOut, "match.strong_sense is set but embed.provider is none") {
		t.Errorf("stderr does not warn:\n%s", errOut)
	}
	t.Setenv("VITAE_MATCH_STRONG_SENSE", "0")
	if _, _, errOut := cli(t, dir, "search", "kubernetes"); strings.Contains(errOut, "match.strong_sense") {
		t.Errorf("a warning with the check off:\n%s", errOut)
	}
}

// senseEval indexes the demo data through the model at url with the sense
// check on, and writes a one-pair evidence set for requirement req: the
// work directory and the set's path.
func senseEval(t *testing.T, url, req string) (dir, ev string) {
	t.Helper()
	for k, v := range map[string]string{
		"VITAE_EMBED_PROVIDER":        "openai",
		"VITAE_EMBED_BASE_URL":        url + "/v1",
		"VITAE_EMBED_MODEL":           "vitae-local",
		"VITAE_EMBED_DIMENSIONS":      "32",
		"VITAE_EMBED_MAX_RETRIES":     "1",
		"VITAE_EMBED_CACHE":           "false",
		"VITAE_MATCH_STRONG_SENSE":    "0.01",
		"VITAE_MATCH_STRONG_GATE":     "true",
		"VITAE_MATCH_STRICT_EVIDENCE": "false",
	} {
		t.Setenv(k, v)
	}
	dir = indexedDir(t)
	return dir, evidenceFile(t, dir, judged("e1", "", req, "train", 2))
}
