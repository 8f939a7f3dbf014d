package match

import (
	"context"
	"testing"

	"vitae"
)

// TestTitleIsNoEvidenceOfWorkDone: a role title is evidence that the role
// was held ("Agile Developer" for "A background in agile development"),
// never that an act the JD asks was done: "Implement data quality
// frameworks across pipelines owned by agile teams" shares only "agile"
// with it (a tryout saw the title shown as partial evidence).
func TestTitleIsNoEvidenceOfWorkDone(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("agile", "A", "BBC", "Agile Developer", "2012", "2014", "Learned pair programming practices"),
		resume("other", "O", "Y", "Nurse", "2018", "", "Supervised nurses on the night shift"),
	}
	m := newIndexWith(t, corpus)
	jd := "## Requirements\n- Implement data quality frameworks across pipelines owned by agile teams\n- A background in agile development\n"
	res, err := m.Match(context.Background(), Request{JobDescription: jd})
	if err != nil {
		t.Fatal(err)
	}
	var got []Evidence
	for _, c := range res.Candidates {
		if c.ResumeID == "agile" {
			got = c.Matched
		}
	}
	title := 0
	for _, e := range got {
		if e.BulletID != "" {
			continue
		}
		title++
		if e.Requirement != "A background in agile development" {
			t.Errorf("the title %q is evidence for %q", e.Text, e.Requirement)
		}
	}
	if title == 0 {
		t.Errorf("the title is no evidence for the background either: %+v", got)
	}
}
