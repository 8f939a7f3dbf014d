package match

import (
	"testing"

	"vitae"
)

// TestTitleAloneIsNotStrong pins a tryout's finding: a role title shown
// alone is not strong evidence (but a leader's title of the family a
// requirement to lead names, leadRole). "Lead Data Engineer (Contract)" was
// strong for "Lead, mentor, and grow a team of data engineers" (a level,
// not people led, admitted by a bullet that mentored), and a title the
// rules grade strong earns partial credit and is shown so.
func TestTitleAloneIsNotStrong(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("level", "L", "Acme", "Lead Data Engineer (Contract)", "2020-11", "2022-03",
			"Trained and mentored data scientists in software engineering best practices",
			"Architected and lead development on a system for rebuild charts"),
		resume("sre", "S", "Northwind", "Site Reliability Engineer", "2018-01", "",
			"Baked bread for the office on Fridays", "Organised the summer party"),
	}
	for _, tc := range []struct {
		jd        string
		wantTitle bool // a title is still shown, as partial
	}{
		{"## Requirements\n- Lead, mentor, and grow a high-performing team of data engineers\n- Python\n", false},
		{"## Requirements\n- Site Reliability Engineer experience\n- Kubernetes in production\n", true},
	} {
		got := matchOne(t, corpus, tc.jd)
		titles := 0
		for id, c := range got {
			for _, ev := range c.Matched {
				if ev.BulletID != "" {
					continue
				}
				titles++
				if ev.Level == Strong.String() {
					t.Errorf("%s: %q for %q shown strong, a title alone", id, ev.Text, ev.Requirement)
				}
			}
		}
		if tc.wantTitle && titles == 0 {
			t.Errorf("%q: no title shown as evidence; the check above read nothing", tc.jd)
		}
	}
}
