package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vitae/embed/embedtest"
)

// TestEvalFitGate: --fit-gate fits on the train pairs only, prints the
// curve and the coefficients' table, and writes the fitted picks; the
// held-out pairs are neither fitted nor written. It is refused without
// --evidence and with an unknown --fit-picks.
func TestEvalFitGate(t *testing.T) {
	dir := workdir(t)
	ev := filepath.Join(dir, "ev.jsonl")
	os.WriteFile(ev, []byte(strings.Join([]string{
		`{"id":"e1","job":"a","requirement":"Led a DevOps team","split":"train","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":2}]}`,
		`{"id":"e2","job":"b","requirement":"Led a DevOps team","split":"train","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":1}]}`,
		`{"id":"e3","job":"c","requirement":"Leading DevOps teams held out","split":"heldout","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":2}]}`,
	}, "\n")+"\n"), 0o644)
	if code, out, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: exit %d\n%s\n%s", code, out, errOut)
	}
	dump := filepath.Join(dir, "picks.jsonl")
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--fit-gate", "--fit-dump", dump)
	if code != 0 {
		t.Fatalf("eval --fit-gate: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"strong picks, 2 train pairs", "CV by job", "nested CV", "var learnedModel = Logit{", "// features: score, "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n != 2 || !strings.Contains(string(b), `"requirement":"Led a DevOps team"`) {
		t.Errorf("dump: %d picks, want the 2 train ones:\n%s", n, b)
	}
	if strings.Contains(out+string(b), "held out") {
		t.Errorf("a held-out pair was read into the fit:\n%s\n%s", out, b)
	}
	for _, args := range [][]string{{"--queries", ev, "--fit-gate"}, {"--evidence", ev, "--fit-gate", "--fit-picks", "all"}} {
		if code, _, errOut := cli(t, dir, append([]string{"eval"}, args...)...); code != 2 || !strings.Contains(errOut, "--fit-gate needs --evidence") {
			t.Errorf("eval %v: exit %d\n%s", args, code, errOut)
		}
	}
}

// TestEvalFitGateModelFails: a model that fails while the pairs are read
// fails the fit and leaves --fit-dump unwritten: a dump of cosines read
// as 0 would overwrite the testdata the table is checked against.
func TestEvalFitGateModelFails(t *testing.T) {
	const req = "Led a DevOps team"
	model := embedtest.Server(t, 32, func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if bytes.Contains(body, []byte(req)) {
			embedtest.Refuse(w)
			return true
		}
		return false
	})
	dir, ev := senseEval(t, model.URL, req)
	os.WriteFile(ev, []byte(strings.Join([]string{
		`{"id":"e1","job":"a","requirement":"` + req + `","split":"train","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":2}]}`,
		`{"id":"e2","job":"b","requirement":"` + req + `","split":"train","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":1}]}`,
	}, "\n")+"\n"), 0o644)
	dump := filepath.Join(dir, "picks.jsonl")
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--fit-gate", "--fit-dump", dump)
	if code == 0 || !strings.Contains(errOut, "the model failed") {
		t.Errorf("eval --fit-gate with the model failing: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if _, err := os.Stat(dump); !os.IsNotExist(err) {
		t.Errorf("the dump was written with the model failing (stat: %v)", err)
	}
}
