package audit

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// Rates is the raw material of a bias audit (NYC Local Law 144) for one
// job and period — an aid to the independent auditor, not the audit.
// Categories come only from a file the deployer supplies (self-reported
// by candidates); Vitae never uses them to rank and never infers them.
type Rates struct {
	Job         string          `json:"job"`
	Since       time.Time       `json:"since,omitzero"`
	Until       time.Time       `json:"until,omitzero"`
	Rankings    int             `json:"rankings"`    // match or search answers for the job
	Ranked      int             `json:"ranked"`      // distinct candidates ranked
	Shortlisted int             `json:"shortlisted"` // candidates whose latest decision is shortlisted
	Rejected    int             `json:"rejected"`    // … rejected (by a human: Vitae never rejects)
	MedianScore float64         `json:"median_score"`
	Categories  []CategoryRates `json:"categories,omitempty"` // only with a categories file
}

// CategoryRates are one category's counts and rates. Impact ratios
// divide by the highest rate among known categories; "unknown" (no
// category given, or erased) is reported but never the reference.
type CategoryRates struct {
	Category             string  `json:"category"`
	Ranked               int     `json:"ranked"`
	Shortlisted          int     `json:"shortlisted"`
	SelectionRate        float64 `json:"selection_rate"`
	SelectionImpactRatio float64 `json:"selection_impact_ratio"`
	AboveMedian          int     `json:"above_median"`
	ScoringRate          float64 `json:"scoring_rate"`
	ScoringImpactRatio   float64 `json:"scoring_impact_ratio"`
}

// Unknown is the category of a candidate the categories file omits.
const Unknown = "unknown"

// ReadCategories reads "resume_id,category" lines (a header line naming
// resume_id is skipped). Empty categories and duplicate IDs are errors.
func ReadCategories(r io.Reader) (map[string]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 2
	cr.TrimLeadingSpace = true
	out := map[string]string{}
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("categories: %w", err)
		}
		id, cat := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if line == 1 && strings.EqualFold(id, "resume_id") {
			continue
		}
		if id == "" || cat == "" {
			return nil, fmt.Errorf("categories line %d: résumé ID and category are both required", line)
		}
		if _, dup := out[id]; dup {
			return nil, fmt.Errorf("categories line %d: %q appears twice", line, id)
		}
		out[id] = cat
	}
}

// Rates counts, for job in [since, until), the candidates ranked, their
// best score and the latest human decision on each; with categories, the
// selection and scoring rates per category and their impact ratios.
func (l *Log) Rates(job string, since, until time.Time, categories map[string]string) (*Rates, error) {
	if job == "" {
		return nil, errors.New("rates: a job is required")
	}
	out := &Rates{Job: job, Since: since, Until: until}
	best := map[string]float64{}   // pseudonym → best score
	who := map[string]string{}     // pseudonym → résumé ID or Erased
	decided := map[string]Action{} // pseudonym → latest decision
	err := l.Records(Filter{Job: job, Since: since, Until: until}, func(r Record) error {
		for p, id := range r.Subjects {
			who[p] = id
		}
		switch {
		case r.Action.Ranking():
			out.Rankings++
			for _, pl := range r.Ranked {
				if s, ok := best[pl.Subject]; !ok || pl.Score > s {
					best[pl.Subject] = pl.Score
				}
			}
		case r.Action == Shortlisted || r.Action == Rejected:
			decided[r.Subject] = r.Action
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out.Ranked = len(best)
	scores := make([]float64, 0, len(best))
	for _, s := range best {
		scores = append(scores, s)
	}
	out.MedianScore = median(scores)
	for p := range best {
		switch decided[p] {
		case Shortlisted:
			out.Shortlisted++
		case Rejected:
			out.Rejected++
		}
	}
	if categories == nil {
		return out, nil
	}
	byCat := map[string]*CategoryRates{}
	for p, s := range best {
		cat := categories[who[p]]
		if cat == "" {
			cat = Unknown
		}
		c := byCat[cat]
		if c == nil {
			c = &CategoryRates{Category: cat}
			byCat[cat] = c
		}
		c.Ranked++
		if decided[p] == Shortlisted {
			c.Shortlisted++
		}
		if s > out.MedianScore {
			c.AboveMedian++
		}
	}
	var topSel, topScore float64
	for _, c := range byCat {
		c.SelectionRate = float64(c.Shortlisted) / float64(c.Ranked)
		c.ScoringRate = float64(c.AboveMedian) / float64(c.Ranked)
		if c.Category != Unknown {
			topSel, topScore = math.Max(topSel, c.SelectionRate), math.Max(topScore, c.ScoringRate)
		}
	}
	for _, c := range byCat {
		if topSel > 0 {
			c.SelectionImpactRatio = c.SelectionRate / topSel
		}
		if topScore > 0 {
			c.ScoringImpactRatio = c.ScoringRate / topScore
		}
		out.Categories = append(out.Categories, *c)
	}
	sort.Slice(out.Categories, func(i, j int) bool { return out.Categories[i].Category < out.Categories[j].Category })
	return out, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
