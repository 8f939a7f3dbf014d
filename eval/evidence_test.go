package eval

import (
	"slices"
	"strings"
	"testing"
)

// TestScorePlaced: precision and recall per level, "any" counting strong
// and partial alike.
func TestScorePlaced(t *testing.T) {
	pairs := []PairLabel{
		{Requirement: "r", Bullet: "a", Grade: 2},
		{Requirement: "r", Bullet: "b", Grade: 2},
		{Requirement: "r", Bullet: "c", Grade: 1},
		{Requirement: "r", Bullet: "d", Grade: 0},
	}
	predicted := map[string]int{"a": 2, "b": 1, "c": 2, "d": 0}
	rep := ScorePlaced(pairs, func(p PairLabel) int { return predicted[p.Bullet] })
	want := map[string][2]float64{ // precision, recall
		"strong":  {0.5, 0.5},
		"partial": {0, 0},
		"none":    {1, 1},
		"any":     {1, 1},
	}
	for _, l := range rep.Levels {
		if w := want[l.Level]; l.Precision != w[0] || l.Recall != w[1] {
			t.Errorf("%s: precision %v recall %v, want %v", l.Level, l.Precision, l.Recall, w)
		}
	}
	if rep.Accuracy != 0.5 || rep.Pairs != 4 {
		t.Errorf("accuracy %v over %d pairs, want 0.5 over 4", rep.Accuracy, rep.Pairs)
	}
}

func TestReadEvidenceRefusesEmptyRequirement(t *testing.T) {
	_, err := ReadEvidence(strings.NewReader(`{"id":"e1","requirement":"Go","judgments":[]}` + "\n" + `{"id":"e2","requirement":""}` + "\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err %v, want one naming line 2", err)
	}
}

// TestCrossSplit: a requirement in two splits is noted once, whatever its
// case and spacing; one repeated within a split is not.
func TestCrossSplit(t *testing.T) {
	items := []EvidenceItem{
		{ID: "e132", Requirement: "Open to feedback.", Split: "train"},
		{ID: "e061", Requirement: "open to  feedback.", Split: "heldout"},
		{ID: "e1", Requirement: "Go", Split: "train"},
		{ID: "e2", Requirement: "Go", Split: "train"},
	}
	got := CrossSplit(items)
	want := []string{`requirement "Open to feedback." is in more than one split: e061 (heldout), e132 (train)`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
