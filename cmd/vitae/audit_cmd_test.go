package main

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae/audit"
)

// TestAuditTrailFromServeToVerifyReplayAndRates: a served session
// (search, match, a human decision, a delete) leaves a log that `vitae
// audit verify` accepts, `export` prints, `replay` reproduces and
// `rates` counts; an edited entry makes verify fail.
func TestAuditTrailFromServeToVerifyReplayAndRates(t *testing.T) {
	dir := workdir(t)
	t.Setenv("VITAE_AUDIT_STORE_TEXT", "true")
	idx := filepath.Join(dir, "idx")
	proc, base, stderr := startServe(t, buildVitae(t), dir)
	var sr struct {
		AuditID string `json:"audit_id"`
	}
	if st := postJSON(t, base+"/api/v1/search", `{"query":"led DevOps team","group_by":"candidate"}`, &sr); st != 200 || sr.AuditID != "A1" {
		t.Fatalf("search: %d %+v", st, sr)
	}
	if st := postJSON(t, base+"/api/v1/search", `{"query":"kubernetes migration","limit":5}`, nil); st != 200 {
		t.Fatalf("search: %d", st)
	}
	if st := postJSON(t, base+"/api/v1/match", `{"job_description":"- Kubernetes in production\n- Lead a team","job":"sre-1"}`, nil); st != 200 {
		t.Fatalf("match: %d", st)
	}
	if st := postJSON(t, base+"/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"shortlisted","job":"sre-1"}`, nil); st != 201 {
		t.Fatalf("decision: %d", st)
	}
	if err := proc.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := proc.Wait(); err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	}

	code, out, errOut := cli(t, dir, "--index", idx, "audit", "verify")
	if code != 0 || !strings.Contains(out, "4 entries") || !strings.Contains(out, "chain intact") {
		t.Fatalf("verify: %d %s %s", code, out, errOut)
	}
	code, out, _ = cli(t, dir, "--index", idx, "audit", "export", "--since", "1h")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 4 {
		t.Fatalf("export: %d %d lines\n%s", code, len(lines), out)
	}
	var rec audit.Record
	if err := json.Unmarshal([]byte(lines[2]), &rec); err != nil || rec.Action != audit.Match || rec.Job != "sre-1" || rec.IndexVersion == "" {
		t.Errorf("exported match: %+v %v", rec, err)
	}
	for _, id := range []string{"A1", "A2", "A3"} {
		code, out, errOut = cli(t, dir, "--index", idx, "replay", id)
		if code != 0 || !strings.Contains(out, "same order and scores") || !strings.Contains(out, "(same)") {
			t.Errorf("replay %s: %d\n%s%s", id, code, out, errOut)
		}
	}
	// A3 is the match: its rules were logged, and a replay under other
	// options says so beside any difference.
	if code, out, _ = cli(t, dir, "--index", idx, "replay", "A3"); code != 0 || !regexp.MustCompile(`rules mr-[0-9a-f]{12} → mr-[0-9a-f]{12} \(same\)`).MatchString(out) {
		t.Errorf("replay of the match, same rules: %d\n%s", code, out)
	}
	t.Run("other options", func(t *testing.T) {
		t.Setenv("VITAE_MATCH_STRONG_GATE", "false")
		if _, out, _ := cli(t, dir, "--index", idx, "replay", "A3"); !regexp.MustCompile(`rules mr-[0-9a-f]{12} → mr-[0-9a-f]{12} \(changed\)`).MatchString(out) {
			t.Errorf("replay of the match under other options does not say the rules changed:\n%s", out)
		}
	})
	if code, _, errOut = cli(t, dir, "--index", idx, "replay", "A4"); code != 2 || !strings.Contains(errOut, "not a search or match") {
		t.Errorf("replay of a decision: %d %s", code, errOut)
	}
	cats := filepath.Join(dir, "categories.csv")
	write(t, cats, "resume_id,category\njordan-lee,B\nana-silva,A\n")
	code, out, errOut = cli(t, dir, "--index", idx, "audit", "rates", "--job", "sre-1", "--categories", cats, "--json")
	var r audit.Rates
	if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil || r.Rankings != 1 || r.Shortlisted != 1 || len(r.Categories) == 0 {
		t.Errorf("rates: %d %v %+v %s", code, err, r, errOut)
	}

	// Erase a person after the fact: the chain still verifies, and
	// replaying a ranking that showed them reports the change.
	code, _, errOut = cli(t, dir, "--index", idx, "--log-level", "warn", "retention", "plan")
	if code != 2 || !strings.Contains(errOut, "retention.resumes is 0") {
		t.Errorf("plan without retention: %d %s", code, errOut)
	}
	t.Setenv("VITAE_RETENTION_RESUMES", "17520h")
	if code, out, errOut = cli(t, dir, "--index", idx, "retention", "plan"); code != 0 || !strings.Contains(out, "0 of ") {
		t.Errorf("plan: %d %s %s", code, out, errOut)
	}
	// A ranking that showed Jordan Lee, before he is erased.
	var shown string
	for _, line := range lines {
		var r audit.Record
		if json.Unmarshal([]byte(line), &r) == nil && r.Action.Ranking() && slices.Contains(r.ResumeIDs(), "jordan-lee") {
			shown = r.ID
			break
		}
	}
	if shown == "" {
		t.Fatal("no logged ranking shows jordan-lee")
	}
	// A source rule (his file, kept a nanosecond) erases him and only him;
	// the plan names the rule.
	prefix := filepath.Join(dir, "data", "jordan")
	write(t, filepath.Join(dir, "config.yaml"), "retention:\n  sources:\n    - {prefix: \""+prefix+"\", keep: 1ns}\n")
	code, out, errOut = cli(t, dir, "--index", idx, "retention", "plan")
	if code != 0 || !strings.Contains(out, "1 of ") || !strings.Contains(out, "jordan-lee") || !strings.Contains(out, "rule source "+prefix+" (1ns)") {
		t.Errorf("plan with a source rule: %d %s %s", code, out, errOut)
	}
	if code, out, errOut = cli(t, dir, "--index", idx, "retention", "sweep"); code != 0 || !strings.Contains(out, "1 of ") || !strings.Contains(out, "erased") {
		t.Errorf("sweep: %d %s %s", code, out, errOut)
	}
	if code, out, _ = cli(t, dir, "--index", idx, "audit", "verify"); code != 0 || !strings.Contains(out, "5 entries") {
		t.Errorf("verify after the sweep: %d %s", code, out)
	}
	// Replaying the ranking that showed him now reports the change.
	if code, out, _ = cli(t, dir, "--index", idx, "replay", shown); code != 1 || !strings.Contains(out, "(erased)") {
		t.Errorf("replay %s after the erasure: %d\n%s", shown, code, out)
	}
	os.Remove(filepath.Join(dir, "config.yaml"))

	// An edited entry fails verify with exit status 1.
	db, err := bolt.Open(filepath.Join(idx, audit.FileName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("entries"))
		var k [8]byte
		binary.BigEndian.PutUint64(k[:], 3)
		return b.Put(k[:], []byte(strings.Replace(string(b.Get(k[:])), `"job":"sre-1"`, `"job":"sre-2"`, 1)))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, out, _ = cli(t, dir, "--index", idx, "audit", "verify"); code != 1 || !strings.Contains(out, "entry 3: content does not match its hash") {
		t.Errorf("verify after tampering: %d %s", code, out)
	}
}
