package match

import "testing"

// TestMissingNote: a requirement no bullet shows says the years its
// checks counted; when they are met, that no bullet shows the rest; a
// requirement asking no years says nothing.
func TestMissingNote(t *testing.T) {
	const lead, total, plain = "5+ years leading a team", "2+ years in a fast-paced environment", "Kubernetes"
	c := Candidate{Explain: Explain{Years: []YearsCheck{
		{Requirement: lead, Asked: 5, Have: 1.5, Kind: "leadership"},
		{Requirement: total, Asked: 2, Have: 4.6, Kind: "total"},
	}}}
	for _, tt := range []struct{ req, want string }{
		{lead, (&YearsCheck{Asked: 5, Have: 1.5, Kind: "leadership"}).Note()},
		{total, "years met: " + (&YearsCheck{Asked: 2, Have: 4.6, Kind: "total"}).Note() + "; no bullet shows the rest"},
		{plain, ""},
	} {
		if got := c.MissingNote(tt.req); got != tt.want {
			t.Errorf("MissingNote(%q) = %q, want %q", tt.req, got, tt.want)
		}
	}
}
