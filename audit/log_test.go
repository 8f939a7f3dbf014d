package audit_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae/audit"
)

// clock is a fake clock tests move by hand.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func openLog(tb testing.TB, dir string, c *clock, storeText bool) *audit.Log {
	tb.Helper()
	l, err := audit.Open(audit.Options{Dir: dir, Now: c.Now, StoreText: storeText, FlushEvery: time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

func record(tb testing.TB, l *audit.Log, ev audit.Event) string {
	tb.Helper()
	id, err := l.Record(context.Background(), ev)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// A log of every kind of event verifies, survives a restart and keeps
// candidates out of the chained bytes.
func TestLogChainsEveryAction(t *testing.T) {
	dir, c := t.TempDir(), &clock{t: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)}
	l := openLog(t, dir, c, true)
	ctx := audit.WithActor(context.Background(), "key:ab12")
	search, err := l.Record(ctx, audit.Event{Action: audit.Search, Text: "led a devops team", Params: json.RawMessage(`{"mode":"hybrid"}`),
		IndexVersion: "ix1", ModelVersion: "m1", Ranked: []audit.Ranked{{ResumeID: "ana-silva", Ref: "/work/0/highlights/1", Score: 0.9}, {ResumeID: "jordan-lee", Score: 0.5}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []audit.Action{audit.Match, audit.Opened, audit.Shortlisted, audit.Rejected, audit.Exported, audit.Deleted} {
		c.Advance(time.Minute)
		record(t, l, audit.Event{Action: a, Subject: "ana-silva", Ref: search, Reason: "Ana Silva: strong on-call record"})
	}
	if _, err := l.Record(ctx, audit.Event{Action: "fired"}); err == nil {
		t.Error("an unknown action was recorded")
	}
	v, err := l.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if !v.OK() || v.Entries != 7 {
		t.Fatalf("verify: %+v, want 7 entries and no problems", v)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened: same chain, the next entry continues it.
	l = openLog(t, dir, c, true)
	next := record(t, l, audit.Event{Action: audit.Opened, Subject: "jordan-lee"})
	if next != "A8" {
		t.Errorf("after a restart the next ID is %s, want A8", next)
	}
	if v, _ := l.Verify(); !v.OK() || v.Entries != 8 {
		t.Errorf("after a restart: %+v", v)
	}
	rec, err := l.Get(search)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Actor != "key:ab12" || rec.Text != "led a devops team" || rec.IndexVersion != "ix1" {
		t.Errorf("record %s = %+v", search, rec)
	}
	if got := rec.ResumeIDs(); strings.Join(got, ",") != "ana-silva,jordan-lee" {
		t.Errorf("ranked = %v", got)
	}
	raw := rawEntries(t, l, dir)
	for _, leak := range []string{"ana-silva", "jordan-lee", "Ana Silva", "devops"} {
		if strings.Contains(raw, leak) {
			t.Errorf("the chained entries contain %q", leak)
		}
	}
}

// rawEntries closes l and returns every chained byte.
func rawEntries(tb testing.TB, l *audit.Log, dir string) string {
	tb.Helper()
	if err := l.Close(); err != nil {
		tb.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(dir, audit.FileName), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var sb strings.Builder
	_ = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("entries")).ForEach(func(_, v []byte) error { sb.Write(v); return nil })
	})
	return sb.String()
}

// tamper rewrites entry seq of the closed log at dir.
func tamper(tb testing.TB, dir string, seq uint64, edit func(e map[string]any)) {
	tb.Helper()
	db, err := bolt.Open(filepath.Join(dir, audit.FileName), 0o600, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("entries"))
		var k [8]byte
		binary.BigEndian.PutUint64(k[:], seq)
		if edit == nil {
			return b.Delete(k[:])
		}
		var e map[string]any
		if err := json.Unmarshal(b.Get(k[:]), &e); err != nil {
			return err
		}
		edit(e)
		data, _ := json.Marshal(e)
		return b.Put(k[:], data)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	tests := []struct {
		name string
		seq  uint64
		edit func(map[string]any)
		want string
	}{
		{"score raised", 2, func(e map[string]any) { e["ranked"].([]any)[0].(map[string]any)["score"] = 0.99 }, "edited"},
		{"action changed", 3, func(e map[string]any) { e["action"] = "shortlisted" }, "edited"},
		{"entry removed", 2, nil, "missing"},
		{"rehashed after an edit", 2, func(e map[string]any) { e["actor"] = "someone else"; e["hash"] = "00" }, "edited"},
		{"field added", 3, func(e map[string]any) { e["note"] = "x" }, "canonical"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, c := t.TempDir(), &clock{t: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
			l := openLog(t, dir, c, false)
			for i := range 4 {
				record(t, l, audit.Event{Action: audit.Search, Text: "q", Ranked: []audit.Ranked{{ResumeID: "r", Score: float64(i)}}})
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			tamper(t, dir, tt.seq, tt.edit)
			l = openLog(t, dir, c, false)
			v, err := l.Verify()
			if err != nil {
				t.Fatal(err)
			}
			if v.OK() {
				t.Fatalf("tampering went unnoticed: %+v", v)
			}
			var reasons []string
			for _, p := range v.Problems {
				reasons = append(reasons, p.Reason)
			}
			if !strings.Contains(strings.Join(reasons, "; "), tt.want) {
				t.Errorf("problems %v do not say %q", reasons, tt.want)
			}
		})
	}
}

// Erasure tombstones the person: the chain still verifies, their
// entries resolve to "erased", the reasons about them are gone.
func TestEraseKeepsTheChain(t *testing.T) {
	dir, c := t.TempDir(), &clock{t: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	l := openLog(t, dir, c, true)
	s := record(t, l, audit.Event{Action: audit.Search, Text: "sre", Ranked: []audit.Ranked{{ResumeID: "ana-silva", Score: 1}, {ResumeID: "jordan-lee", Score: 0.5}}})
	d := record(t, l, audit.Event{Action: audit.Rejected, Subject: "ana-silva", Reason: "Ana Silva lacks Go"})
	if err := l.Erase("ana-silva"); err != nil {
		t.Fatal(err)
	}
	if v, _ := l.Verify(); !v.OK() {
		t.Fatalf("erasure broke the chain: %+v", v)
	}
	rec, _ := l.Get(s)
	if got := rec.ResumeIDs(); got[0] != "" || got[1] != "jordan-lee" {
		t.Errorf("after erasure the ranking names %v, want the first erased", got)
	}
	rec, _ = l.Get(d)
	if rec.Reason != "" || rec.Subjects[rec.Subject] != audit.Erased || rec.ReasonSHA256 == "" {
		t.Errorf("erased person's decision: %+v", rec)
	}
	// The same ID indexed again is a new person to the log.
	record(t, l, audit.Event{Action: audit.Opened, Subject: "ana-silva"})
	recs := collect(t, l, audit.Filter{Action: audit.Opened})
	if recs[0].Subject == rec.Subject {
		t.Error("a re-indexed résumé got the erased pseudonym back")
	}
}

func collect(tb testing.TB, l *audit.Log, f audit.Filter) []audit.Record {
	tb.Helper()
	var out []audit.Record
	if err := l.Records(f, func(r audit.Record) error { out = append(out, r); return nil }); err != nil {
		tb.Fatal(err)
	}
	return out
}

// Entries past audit.retention go; the anchor keeps the rest verifiable.
func TestPruneKeepsAnAnchor(t *testing.T) {
	dir, c := t.TempDir(), &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := openLog(t, dir, c, true)
	for range 3 {
		record(t, l, audit.Event{Action: audit.Search, Text: "old"})
		c.Advance(30 * 24 * time.Hour)
	}
	c.Advance(120 * 24 * time.Hour) // first entry is 210 days old, the last 150
	last := record(t, l, audit.Event{Action: audit.Search, Text: "new"})
	n, err := l.Prune()
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("pruned %d entries, want 1 (older than 4380h)", n)
	}
	v, err := l.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if !v.OK() || v.Entries != 3 || v.First != 2 || v.Anchor == "" {
		t.Errorf("after pruning: %+v", v)
	}
	if _, err := l.Get("A1"); err == nil {
		t.Error("a pruned entry is still readable")
	}
	if r, err := l.Get(last); err != nil || r.Text != "new" {
		t.Errorf("kept entry: %v %v", r, err)
	}
	// Removing the oldest kept entry by hand is still caught.
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	tamper(t, dir, 2, nil)
	l = openLog(t, dir, c, true)
	if v, _ := l.Verify(); v.OK() {
		t.Error("deleting the oldest kept entry went unnoticed")
	}
}

// Without audit.store_text, only the hash of a query is kept.
func TestTextsOnlyByConfig(t *testing.T) {
	c := &clock{t: time.Now()}
	l := openLog(t, t.TempDir(), c, false)
	id := record(t, l, audit.Event{Action: audit.Match, Text: "Senior SRE", Job: "sre-1"})
	r, err := l.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("Senior SRE"))
	if r.Text != "" || r.TextSHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("text kept without store_text: %+v", r)
	}
}
