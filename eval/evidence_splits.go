package eval

import (
	"fmt"
	"slices"
	"strings"
)

// CrossSplit notes each requirement text that items of more than one
// split share (case and spacing aside): a model fitted on train has seen
// a held-out requirement's words, so its held-out figure flatters it a
// little. A note, not an error: the judgments differ, and the sets have
// shipped with such a pair.
func CrossSplit(items []EvidenceItem) []string {
	type seen struct {
		text   string
		ids    []string // "id (split)"
		splits map[string]bool
	}
	var order []string
	by := map[string]*seen{}
	for _, it := range items {
		k := strings.ToLower(strings.Join(strings.Fields(it.Requirement), " "))
		s := by[k]
		if s == nil {
			s = &seen{text: it.Requirement, splits: map[string]bool{}}
			by[k] = s
			order = append(order, k)
		}
		s.ids = append(s.ids, fmt.Sprintf("%s (%s)", it.ID, it.Split))
		s.splits[it.Split] = true
	}
	var notes []string
	for _, k := range order {
		if s := by[k]; len(s.splits) > 1 {
			slices.Sort(s.ids)
			notes = append(notes, fmt.Sprintf("requirement %q is in more than one split: %s", s.text, strings.Join(s.ids, ", ")))
		}
	}
	return notes
}
