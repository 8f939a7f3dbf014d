package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalFitGate: --fit-gate fits on the train pairs only, prints the
// curve and the coefficients' table, and writes the fitted picks; the
// held-out pairs are neither fitted nor written. It is refused without
// --evidence and with an unknown --fit-picks.
func TestEvalFitGate(t *testing.T) {
	dir := indexedDir(t)
	ev := evidenceFile(t, dir,
		judged("e1", "a", "Led a DevOps team", "train", 2),
		judged("e2", "b", "Led a DevOps team", "train", 1),
		judged("e3", "c", "Leading DevOps teams held out", "heldout", 2))
	dump := filepath.Join(dir, "picks.jsonl")
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--fit-gate", "--fit-dump", dump)
	if code != 0 {
		t.Fatalf("eval --fit-gate: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"strong picks, 2 train pairs", "CV by job", "nested CV", "var learnedModel = Logit{", "const learnedAt = ", "// features: score, "} {
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
	model := refusingModel(t, req)
	dir, _ := senseEval(t, model.URL, req)
	ev := evidenceFile(t, dir, judged("e1", "a", req, "train", 2), judged("e2", "b", req, "train", 1))
	dump := filepath.Join(dir, "picks.jsonl")
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--fit-gate", "--fit-dump", dump)
	if code == 0 || !strings.Contains(errOut, "the model failed") {
		t.Errorf("eval --fit-gate with the model failing: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if _, err := os.Stat(dump); !os.IsNotExist(err) {
		t.Errorf("the dump was written with the model failing (stat: %v)", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".picks.jsonl.*")); len(left) > 0 {
		t.Errorf("the dump's temporary file is left: %v", left)
	}
	// A dump that cannot be written is refused before the grading: the
	// model's failure is never reached.
	code, out, errOut = cli(t, dir, "eval", "--evidence", ev, "--fit-gate", "--fit-dump", filepath.Join(dir, "no", "such", "picks.jsonl"))
	if code != 2 || !strings.Contains(errOut, "--fit-dump") || strings.Contains(errOut, "the model failed") {
		t.Errorf("eval --fit-gate --fit-dump into no directory: exit %d, want 2 before grading\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestEvalFitGateRefuses: a penalty or target the fit cannot use, and a
// set cross-validation by job cannot split, exit 2 with the reason
// rather than print an empty curve or a threshold of 0.
func TestEvalFitGateRefuses(t *testing.T) {
	dir := indexedDir(t)
	item := func(id, job, split string) string { return judged(id, job, "Led a DevOps team", split, 2) }
	unknown := `{"id":"u","job":"b","requirement":"Led a DevOps team","split":"train","judgments":[{"ref":"nobody#L1","grade":2}]}`
	for _, c := range []struct {
		name  string
		items []string
		args  []string
		want  string
	}{
		{"l2 NaN", []string{item("e1", "a", "train"), item("e2", "b", "train")}, []string{"--fit-l2", "NaN"}, "--fit-l2 NaN"},
		{"l2 negative", []string{item("e1", "a", "train"), item("e2", "b", "train")}, []string{"--fit-l2", "-1"}, "--fit-l2 -1"},
		{"l2 zero", []string{item("e1", "a", "train"), item("e2", "b", "train")}, []string{"--fit-l2", "0"}, "--fit-l2 0"},
		{"target zero", []string{item("e1", "a", "train"), item("e2", "b", "train")}, []string{"--fit-target", "0"}, "--fit-target 0"},
		{"target above 1", []string{item("e1", "a", "train"), item("e2", "b", "train")}, []string{"--fit-target", "1.5"}, "--fit-target 1.5"},
		{"no train pairs", []string{item("e1", "a", "heldout"), item("e2", "b", "heldout")}, nil, "no train pairs"},
		{"no job", []string{item("e1", "a", "train"), item("e2", "", "train")}, nil, "item e2 has no job"},
		{"no judgments", []string{`{"id":"e1","job":"a","requirement":"Go","split":"train"}`, `{"id":"e2","job":"b","requirement":"Go","split":"train"}`}, nil, "no train pairs"},
		{"one job", []string{item("e1", "a", "train"), item("e2", "a", "train")}, nil, "from 1 job"},
		{"one job indexed", []string{item("e1", "a", "train"), unknown}, nil, "come from 1 job"},
		{"none indexed", []string{unknown, strings.Replace(unknown, `"job":"b"`, `"job":"a"`, 1)}, nil, "none of the 2 train pairs is in the index"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev := evidenceFile(t, t.TempDir(), c.items...)
			code, out, errOut := cli(t, dir, append([]string{"eval", "--evidence", ev, "--fit-gate"}, c.args...)...)
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, want 2 saying %q\nstdout:\n%s\nstderr:\n%s", code, c.want, out, errOut)
			}
		})
	}
}

// TestEvalFitGateNoModel: with no embedding model every pick's cosine
// would read 0, so the fit is refused and --fit-dump left unwritten.
func TestEvalFitGateNoModel(t *testing.T) {
	t.Setenv("VITAE_EMBED_PROVIDER", "none")
	dir := indexedDir(t)
	ev := evidenceFile(t, dir, judged("e1", "a", "Led a DevOps team", "train", 2), judged("e2", "b", "Led a DevOps team", "train", 1))
	dump := filepath.Join(dir, "picks.jsonl")
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--fit-gate", "--fit-dump", dump)
	if code != 2 || !strings.Contains(errOut, "--fit-gate reads the model's cosine: set embed.provider") {
		t.Errorf("eval --fit-gate without a model: exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if _, err := os.Stat(dump); !os.IsNotExist(err) {
		t.Errorf("the dump was written without a model (stat: %v)", err)
	}
}

// TestEvalFitFlags: a flag --fit-gate would silently leave out exits 2
// saying so: a --fit-* flag without --fit-gate, and with it a held-out
// split, --json or --by-kind.
func TestEvalFitFlags(t *testing.T) {
	dir := workdir(t)
	ev := filepath.Join(dir, "ev.jsonl")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--fit-picks", "older"}, "--fit-picks needs --fit-gate"},
		{[]string{"--fit-l2", "10"}, "--fit-l2 needs --fit-gate"},
		{[]string{"--fit-target", "2"}, "--fit-target needs --fit-gate"},
		{[]string{"--fit-dump", filepath.Join(dir, "picks.jsonl")}, "--fit-dump needs --fit-gate"},
		{[]string{"--fit-gate", "--split", "heldout"}, "--fit-gate --split heldout"},
		{[]string{"--fit-gate", "--json"}, "--fit-gate prints a table, not --json"},
		{[]string{"--fit-gate", "--by-kind"}, "--fit-gate prints no --by-kind table"},
	} {
		code, out, errOut := cli(t, dir, append([]string{"eval", "--evidence", ev}, c.args...)...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("eval %v: exit %d, want 2 saying %q\nstdout:\n%s\nstderr:\n%s", c.args, code, c.want, out, errOut)
		}
	}
}
