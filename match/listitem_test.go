package match

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestListItem: a bullet that names one item of a requirement's list of
// specific things is partial evidence, never strong on that alone (the
// default rules, for which a skill the lexicon knows, SLAM, meets a list
// of tools, aside: the evidence set grades this pair strong, the strict
// rules read "slam" in lower case as a field, one part of three); a
// word shared with a list of qualities, one word of a two-word item, or
// the item as the last word of a longer name ("data mapping") stays no
// evidence; a bullet that says the list back is still strong.
// Under every rule set.
func TestListItem(t *testing.T) {
	const (
		skydio  = "Hands on experience with visual odometry, mapping, and slam"
		forming = "Expertise in manufacturing processes for structural and aesthetic components including machining, extruding, stamping, forging, injection molding, etc."
	)
	tests := []struct {
		name, req, bullet string
		want              Level
		plain             *Level // under the default rules alone, when not want
	}{
		{"one listed skill", skydio,
			"Implemented autonomy on TurtleBot3 with ROS, including obstacle avoidance, SLAM, and waypoint following with a streamlined deployment pipeline.", Partial, ptr(Strong)},
		{"hands-on reads as hands on", "Hands-on experience with visual odometry, mapping, and slam",
			"Implemented autonomy on TurtleBot3 with ROS, including obstacle avoidance, SLAM, and waypoint following with a streamlined deployment pipeline.", Partial, ptr(Strong)},
		{"one listed process", forming, "Designed stamping dies for sheet metal brackets", Partial, nil},
		{"the item as part of a longer name", skydio, "Configured Medidata Rave batch uploader (data mapping) for several studies", None, nil},
		{"one word of a two-word item", skydio, "Built visual regression tests for the web app", None, nil},
		{"a list of qualities", "Direct efforts related to quality, reliability, and safety.",
			"Ran the warehouse safety committee", None, nil},
		{"clauses that ask", "Lead your team to evaluate and analyze new technology and software for feasibility, impact, and viability",
			"Measured the impact of ad campaigns on sales", None, nil},
		{"the list said back", skydio,
			"Built visual odometry, mapping and SLAM for an autonomous drone", Strong, nil},
	}
	for name, g := range ruleSets() {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				want := tt.want
				if name == "default" && tt.plain != nil {
					want = *tt.plain
				}
				if got, score := g.Grade(tt.req, tt.bullet); got != want {
					t.Errorf("Grade(%q, %q) = %v (score %.2f), want %v", tt.req, tt.bullet, got, score, want)
				}
			})
		}
	}
}

// TestHandsOn: "hands on" is "hands-on" without its hyphen, a generic
// word like it, not an object "hand" a requirement asks for.
func TestHandsOn(t *testing.T) {
	z := newAnalyzer(false)
	keys := func(text string) []string {
		var out []string
		for _, u := range z.requirement(text).objects {
			out = append(out, u.key)
		}
		return out
	}
	want := keys("Hands-on experience with visual odometry")
	if diff := cmp.Diff(want, keys("Hands on experience with visual odometry")); diff != "" {
		t.Errorf("objects (-hands-on +hands on):\n%s", diff)
	}
}

func ptr[T any](v T) *T { return &v }
