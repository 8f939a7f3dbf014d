package match

import "testing"

// Incident work is evidence of incident management: the lexicon's skill
// "Incident Management" and its concept of incidents, outages, on-call
// and postmortems are one thing to the grader, so a bullet of an
// incident commander meets "Incident management: on-call rotations,
// postmortems" (its skill slot was met only by the words "incident
// management"), while agile retrospectives do not.
func TestGradeIncidentManagement(t *testing.T) {
	const req = "Incident management: on-call rotations, postmortems"
	tests := []struct {
		req, bullet string
		want        Level
	}{
		{req, "Serve as incident commander in on call rotation. Participates in 12x2 incident command rotation. Coordinates delivery of root cause analysis documents", Strong},
		{req, "Served as incident commander for major outages and ran retrospectives afterwards", Strong},
		{req, "Ran sprint retrospectives and daily standups for the team", None},
		{req, "Led agile retrospectives and sprint planning", None},
		// review22a: web pages and customer escalations are not incidents.
		{req, "Built 20 landing pages in React and Next.js", None},
		{req, "Handled customer escalations for enterprise accounts", None},
		{"Experience with incident management", "Built 20 landing pages in React and Next.js", None},
		{"Experience with incident management", "Handled customer escalations for enterprise accounts", None},
		// The incident commander's words still say incidents to a
		// requirement about incidents, not their management.
		{"Demonstrable experience effectively coordinating response for outages and incidents.", "Serve as incident commander in on call rotation. Participates in 12x2 incident command rotation.", Partial},
	}
	for name, g := range map[string]*Grader{"default": NewGrader(), "strict": NewStrictGrader(), "gate": NewGateGrader()} {
		for _, tt := range tests {
			t.Run(name+"/"+tt.bullet, func(t *testing.T) {
				if got, score := g.Grade(tt.req, tt.bullet); got != tt.want {
					t.Errorf("%q for %q: level %v (score %.2f), want %v", tt.bullet, tt.req, got, score, tt.want)
				}
			})
		}
	}
}
