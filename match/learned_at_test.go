package match_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"vitae/eval"
	"vitae/match"
)

// TestLearnedAtChosen: learnedAt is the threshold `vitae eval --fit-gate`
// chooses on the picks in testdata, cross-validated by their jobs, at L2
// 50 and target 0.85; recall counts every train strong of
// eval/evidence.jsonl, picked or not, as the fit does.
func TestLearnedAtChosen(t *testing.T) {
	f, err := os.Open("testdata/learned_picks.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []eval.GatePair
	picked := 0 // picks labelled strong
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p struct {
			Job    string
			X      []float64
			Strong bool
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.Job == "" {
			t.Fatalf("a pick without its job: re-dump testdata with --fit-dump")
		}
		pairs = append(pairs, eval.GatePair{Job: p.Job, X: p.X, Pick: true, Strong: p.Strong})
		if p.Strong {
			picked++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	ev, err := os.Open("../eval/evidence.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	items, err := eval.ReadEvidence(ev)
	if err != nil {
		t.Fatal(err)
	}
	strong := 0
	for _, it := range items {
		for _, j := range it.Judgments {
			if it.Split == "train" && j.Grade == 2 {
				strong++
			}
		}
	}
	for range strong - picked { // strongs the gate did not pick count in recall alone
		pairs = append(pairs, eval.GatePair{Job: pairs[0].Job, X: pairs[0].X, Strong: true})
	}
	fit, err := eval.FitGate(pairs, 50, 0.85)
	if err != nil {
		t.Fatal(err)
	}
	if fit.At != match.LearnedAt {
		t.Errorf("the fit chooses %.2f, learned_model.go holds %.2f (CV curve %+v)", fit.At, match.LearnedAt, fit.CV)
	}
}
