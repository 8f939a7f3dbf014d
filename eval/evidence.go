package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"vitae/match"
)

// EvidenceItem is one line of an evidence set (eval/evidence.jsonl): a
// requirement of a job and graded bullets, 2 strong, 1 partial, 0 none.
type EvidenceItem struct {
	ID          string     `json:"id"`
	Job         string     `json:"job"`
	Requirement string     `json:"requirement"`
	Kind        string     `json:"kind"`
	Split       string     `json:"split"`
	Judgments   []Judgment `json:"judgments"`
}

// ReadEvidence reads an evidence set (JSONL); errors name the line.
func ReadEvidence(r io.Reader) ([]EvidenceItem, error) {
	return readJSONL(r, func(e EvidenceItem) error {
		if e.Requirement == "" {
			return errors.New("empty requirement")
		}
		return nil
	})
}

// Grader judges a (requirement, bullet) pair; *match.Grader satisfies it.
type Grader interface {
	Grade(requirement, bullet string) (match.Level, float64)
}

// LevelStats is the precision and recall of one level: predicted means
// graded at that level by the Grader, relevant labelled at it.
type LevelStats struct {
	Level     string  `json:"level"`
	Predicted int     `json:"predicted"`
	Relevant  int     `json:"relevant"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// EvidenceReport is a Grader's outcome on one split of an evidence set.
type EvidenceReport struct {
	Split      string       `json:"split"`
	Pairs      int          `json:"pairs"`
	Unresolved int          `json:"unresolved"` // judged bullets the index does not hold
	Accuracy   float64      `json:"accuracy"`   // share of pairs graded at their labelled level
	Levels     []LevelStats `json:"levels"`     // strong, partial, none, and "any" (strong or partial)
}

// PairLabel is one resolved pair: the bullet's text, where it sits in its
// résumé, its job and its labelled grade.
type PairLabel struct {
	Split, Job, Requirement, Bullet string
	Place                           match.Place
	Grade                           int
}

// ResolvePairs reads every judged bullet's text from l; pairs whose
// bullet is not indexed are counted, not dropped silently.
func ResolvePairs(ctx context.Context, l Lookup, items []EvidenceItem) (pairs []PairLabel, unresolved map[string]int, err error) {
	unresolved = map[string]int{}
	type placed struct {
		text  string
		place match.Place
	}
	texts := map[string]map[string]placed{} // résumé → ref → bullet
	for _, it := range items {
		for _, j := range it.Judgments {
			id, ptr, _ := strings.Cut(j.Ref, "#")
			byRef, ok := texts[id]
			if !ok {
				byRef = map[string]placed{}
				if r, err := l.Resume(ctx, id); err == nil {
					for i, b := range r.Bullets {
						byRef[b.Ref] = placed{b.Text, match.PlaceOf(r.Bullets, i)}
					}
				}
				texts[id] = byRef
			}
			b, ok := byRef[ptr]
			if !ok {
				unresolved[it.Split]++
				continue
			}
			pairs = append(pairs, PairLabel{Split: it.Split, Job: it.Job, Requirement: it.Requirement, Bullet: b.text, Place: b.place, Grade: j.Grade})
		}
	}
	return pairs, unresolved, ctx.Err()
}

// EvaluateEvidence grades every pair with g and reports precision and
// recall per level, for each split and for all pairs.
func EvaluateEvidence(ctx context.Context, l Lookup, g Grader, items []EvidenceItem) ([]*EvidenceReport, error) {
	pairs, unresolved, err := ResolvePairs(ctx, l, items)
	if err != nil {
		return nil, fmt.Errorf("evidence pairs: %w", err)
	}
	var splits []string
	seen := map[string]bool{}
	for _, it := range items {
		if !seen[it.Split] {
			seen[it.Split] = true
			splits = append(splits, it.Split)
		}
	}
	var reps []*EvidenceReport
	for _, split := range append(splits, "all") {
		var ps []PairLabel
		un := 0
		for _, p := range pairs {
			if split == "all" || p.Split == split {
				ps = append(ps, p)
			}
		}
		for s, n := range unresolved {
			if split == "all" || s == split {
				un += n
			}
		}
		rep := ScorePlaced(ps, func(p PairLabel) int {
			lv, _ := gradeOne(g, p)
			return int(lv)
		})
		rep.Split, rep.Unresolved = split, un
		reps = append(reps, rep)
	}
	return reps, nil
}

// GradedPair is one pair as a Grader judged it beside its label: what
// `vitae eval --evidence --pairs` writes, to read the errors behind a
// level's precision and recall.
type GradedPair struct {
	Split       string     `json:"split"`
	Job         string     `json:"job,omitempty"`
	Requirement string     `json:"requirement"`
	Kind        match.Kind `json:"kind"` // of the requirement (match.KindOf)
	Bullet      string     `json:"bullet"`
	Grade       int        `json:"grade"` // labelled: 2 strong, 1 partial, 0 none
	Level       int        `json:"level"` // graded, on the same scale
	Score       float64    `json:"score"`
}

// GradePairs grades every resolved pair of items with g, in the items'
// order; pairs whose bullet is not indexed are left out, as
// EvaluateEvidence counts them.
func GradePairs(ctx context.Context, l Lookup, g Grader, items []EvidenceItem) ([]GradedPair, error) {
	pairs, _, err := ResolvePairs(ctx, l, items)
	if err != nil {
		return nil, fmt.Errorf("evidence pairs: %w", err)
	}
	kinds := map[string]match.Kind{}
	out := make([]GradedPair, len(pairs))
	for i, p := range pairs {
		k, ok := kinds[p.Requirement]
		if !ok {
			k = match.KindOf(p.Requirement)
			kinds[p.Requirement] = k
		}
		lv, score := gradeOne(g, p)
		out[i] = GradedPair{Split: p.Split, Job: p.Job, Requirement: p.Requirement, Kind: k, Bullet: p.Bullet, Grade: p.Grade, Level: int(lv), Score: score}
	}
	return out, nil
}

// gradeOne grades a pair, by the bullet's place when g reads it.
func gradeOne(g Grader, p PairLabel) (match.Level, float64) {
	if pg, ok := g.(PlacedGrader); ok {
		return pg.GradeAt(p.Requirement, p.Bullet, p.Place)
	}
	return g.Grade(p.Requirement, p.Bullet)
}

// PlacedGrader also judges a pair by where the bullet sits in its résumé
// (the learned strong gate reads it); *match.Grader satisfies it.
type PlacedGrader interface {
	GradeAt(requirement, bullet string, pl match.Place) (match.Level, float64)
}

// ScorePlaced grades pairs with grade (0, 1 or 2), which reads the whole
// pair, the bullet's place included, and counts precision and recall per
// level against their labels.
func ScorePlaced(pairs []PairLabel, grade func(PairLabel) int) *EvidenceReport {
	rep := &EvidenceReport{Pairs: len(pairs)}
	type count struct{ pred, rel, ok int }
	var c [4]count // 0 none, 1 partial, 2 strong, 3 any evidence
	right := 0
	for _, p := range pairs {
		got := grade(p)
		if got == p.Grade {
			right++
		}
		c[got].pred++
		c[p.Grade].rel++
		if got == p.Grade {
			c[got].ok++
		}
		if got > 0 {
			c[3].pred++
		}
		if p.Grade > 0 {
			c[3].rel++
			if got > 0 {
				c[3].ok++
			}
		}
	}
	if len(pairs) > 0 {
		rep.Accuracy = float64(right) / float64(len(pairs))
	}
	for _, lv := range []struct {
		name string
		i    int
	}{{"strong", 2}, {"partial", 1}, {"none", 0}, {"any", 3}} {
		s := LevelStats{Level: lv.name, Predicted: c[lv.i].pred, Relevant: c[lv.i].rel, Correct: c[lv.i].ok}
		if s.Predicted > 0 {
			s.Precision = float64(s.Correct) / float64(s.Predicted)
		}
		if s.Relevant > 0 {
			s.Recall = float64(s.Correct) / float64(s.Relevant)
		}
		rep.Levels = append(rep.Levels, s)
	}
	return rep
}
