package audit_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/audit"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestDeleteRedactsKeptTexts: with texts kept, a person's name, email
// and phone typed into queries or written in notes about someone else
// are replaced by a tombstone when they are erased; texts without them
// stay; the chain still verifies; and no byte of them is left anywhere in
// audit.db (freed pages are zeroed).
func TestDeleteRedactsKeptTexts(t *testing.T) {
	ana := searchtest.Resume("ana-silva", "Ana Silva", "Acme", "SRE", "2019", "2021", "Ran the on-call rotation")
	ana.Email, ana.Phone = "ana.silva@example.com", "+1 (555) 010-2030"
	jo := searchtest.Resume("jordan-lee", "Jordan Lee", "Initech", "SRE", "2018", "2022", "Migrated services to Kubernetes")
	eng := search.New(searchtest.Index(t, nil, []*vitae.Resume{ana, jo}), nil, search.Options{})
	dir, c := t.TempDir(), &clock{t: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	l := openLog(t, dir, c, true)
	ctx := context.Background()
	both := []audit.Ranked{{ResumeID: "ana-silva", Score: 1}, {ResumeID: "jordan-lee", Score: 0.5}}
	texts := map[string]string{ // audit ID → the text as it must read after the erasure
		record(t, l, audit.Event{Action: audit.Search, Text: "Ana Silva kubernetes", Ranked: both}):         "[erased] kubernetes",
		record(t, l, audit.Event{Action: audit.Search, Text: "on-call SILVA,  ana", Ranked: both}):          "on-call [erased]",
		record(t, l, audit.Event{Action: audit.Search, Text: "call 1-555-010-2030 back", Ranked: both}):     "call [erased] back",
		record(t, l, audit.Event{Action: audit.Search, Text: "ANA.SILVA@example.com", Ranked: both}):        "[erased]",
		record(t, l, audit.Event{Action: audit.Search, Text: "like ana-silva or anasilva", Ranked: both}):   "like [erased] or [erased]",
		record(t, l, audit.Event{Action: audit.Search, Text: "kubernetes migration", Ranked: both}):         "kubernetes migration",
		record(t, l, audit.Event{Action: audit.Match, Text: "- Go in production\n- On-call", Job: "sre-1"}): "- Go in production\n- On-call",
	}
	note := record(t, l, audit.Event{Action: audit.Rejected, Subject: "jordan-lee", Reason: "weaker than Ana Silva on on-call"})
	if err := l.Delete(ctx, eng, "ana-silva", "the candidate asked"); err != nil {
		t.Fatal(err)
	}
	if v, err := l.Verify(); err != nil || !v.OK() || v.Entries != 9 {
		t.Fatalf("erasure broke the chain: %+v %v", v, err)
	}
	for id, want := range texts {
		rec, err := l.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Text != want {
			t.Errorf("%s: text %q, want %q", id, rec.Text, want)
		}
		if redacted := strings.Contains(want, audit.Redacted); rec.Redacted != redacted {
			t.Errorf("%s: redacted = %v, want %v", id, rec.Redacted, redacted)
		}
	}
	if rec, _ := l.Get(note); rec.Reason != "weaker than [erased] on on-call" || !rec.Redacted || rec.Subjects[rec.Subject] != "jordan-lee" {
		t.Errorf("a note about another candidate naming her: %+v", rec)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, audit.FileName))
	if err != nil {
		t.Fatal(err)
	}
	raw = bytes.ToLower(raw)
	for _, leak := range []string{"silva", "010-2030", "555-010", "ana.silva@"} {
		if bytes.Contains(raw, []byte(leak)) {
			t.Errorf("audit.db still holds %q after the erasure", leak)
		}
	}
	if !bytes.Contains(raw, []byte("jordan-lee")) || !bytes.Contains(raw, []byte("kubernetes migration")) {
		t.Error("the erasure took others' data with it")
	}
}

func TestIdentifiers(t *testing.T) {
	tests := []struct {
		r    vitae.Resume
		want string
	}{
		{vitae.Resume{Person: "Ana  Maria Silva", Email: "a@x.org", Phone: "+44 20 7946 0958"}, "Ana Maria Silva|Silva Ana Maria|a@x.org|+44 20 7946 0958"},
		{vitae.Resume{Person: "Li"}, ""}, // too short to find safely
		{vitae.Resume{Person: "resume 12", Unnamed: true, Phone: "12"}, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(audit.Identifiers(&tt.r), "|"); got != tt.want {
			t.Errorf("Identifiers(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}
