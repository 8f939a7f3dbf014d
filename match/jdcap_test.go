package match

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestCapKeepsWhatSaysMost: past MaxRequirements the requirements that
// say least go (soft traits, then those naming no skill, tool or role),
// wherever they stand; within a tier must-haves and nice-to-haves lose in
// proportion, so a nice-to-have section is not lost for coming last (the
// tryout's jd12 lost its "Bonus Points" and kept "Accountable - …"). The
// kept stay in document order, and a warning names the dropped.
func TestCapKeepsWhatSaysMost(t *testing.T) {
	traits := []string{"Excellent written communication skills", "A positive attitude and a willingness to learn", "Self-motivated and curious", "Strong attention to detail"}
	items := func(format string, from, n int) []string {
		var out []string
		for i := from; i < from+n; i++ {
			out = append(out, fmt.Sprintf(format, i))
		}
		return out
	}
	jd := func(must, nice []string) string {
		var b strings.Builder
		b.WriteString("## Requirements\n")
		for _, m := range must {
			fmt.Fprintf(&b, "- %s\n", m)
		}
		b.WriteString("\n## Nice to have\n")
		for _, n := range nice {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		return b.String()
	}
	tools := items("Experience with Go in system %d", 1, 40)
	tests := []struct {
		name       string
		must, nice []string
		dropped    []string
		niceKept   int
	}{
		{
			// The jd12 shape: traits among the must-haves, the tools
			// last, under "Nice to have".
			name:     "traits go, not the last section",
			must:     slices.Concat(traits[:2], tools[:36], traits[2:]),
			nice:     items("Experience with Kubernetes in cluster %d", 1, 4),
			dropped:  traits,
			niceKept: 4,
		},
		{
			name:     "naming nothing goes before naming a tool",
			must:     slices.Concat(items("Experience with system %d", 1, 3), tools[:38]),
			nice:     items("Experience with Kubernetes in cluster %d", 1, 2),
			dropped:  []string{"Experience with system 1", "Experience with system 2", "Experience with system 3"},
			niceKept: 2,
		},
		{
			// One tier: 10 of 50 go, 2 of the 10 nice-to-haves (10 × 10/50)
			// and 8 of the 40 must-haves, each its last.
			name:     "must and nice in proportion",
			must:     tools,
			nice:     items("Experience with Kubernetes in cluster %d", 1, 10),
			dropped:  slices.Concat(tools[32:], items("Experience with Kubernetes in cluster %d", 9, 2)),
			niceKept: 8,
		},
		{
			name:     "within the cap nothing goes",
			must:     tools[:30],
			nice:     slices.Concat(traits, items("Experience with Kubernetes in cluster %d", 1, 6)),
			niceKept: 10,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parsed, err := ParseJD(jd(tt.must, tt.nice), "")
			if err != nil {
				t.Fatal(err)
			}
			got := requirementTexts(parsed)
			want := slices.DeleteFunc(slices.Concat(tt.must, tt.nice), func(s string) bool { return slices.Contains(tt.dropped, s) })
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("kept %q\nwant %q (document order, %q dropped)", got, want, tt.dropped)
			}
			nice := 0
			for _, r := range parsed.Requirements {
				if !r.MustHave {
					nice++
				}
			}
			if nice != tt.niceKept || parsed.Dropped != len(tt.dropped) {
				t.Errorf("%d nice-to-haves kept, %d dropped; want %d and %d", nice, parsed.Dropped, tt.niceKept, len(tt.dropped))
			}
			var warned string
			for _, w := range parsed.Warnings {
				if w.Code == WarnDropped {
					warned = w.Message
				}
			}
			if len(tt.dropped) == 0 {
				if warned != "" || slices.Contains(parsed.WarningCodes, WarnDropped) {
					t.Errorf("warned %q within the cap", warned)
				}
				return
			}
			if !slices.Contains(parsed.WarningCodes, WarnDropped) || !strings.Contains(warned, fmt.Sprintf("%d that say least", len(tt.dropped))) || !strings.Contains(warned, fmt.Sprintf("%q", tt.dropped[0])) {
				t.Errorf("warning %q (codes %q): want it to count the %d dropped and name %q", warned, parsed.WarningCodes, len(tt.dropped), tt.dropped[0])
			}
		})
	}
}
