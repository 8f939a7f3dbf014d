package web

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae/audit"
	"vitae/search"
	"vitae/web/workbench"
)

// auditedServer is the test server with an audit log and a fixed
// pseudonym key; the log is returned for inspection.
func auditedServer(tb testing.TB) (*httptest.Server, *search.Engine, *audit.Log, *audit.Pseudonyms) {
	tb.Helper()
	return auditedServerIn(tb, tb.TempDir())
}

// auditedServerIn keeps the audit log in dir.
func auditedServerIn(tb testing.TB, dir string) (*httptest.Server, *search.Engine, *audit.Log, *audit.Pseudonyms) {
	tb.Helper()
	log, err := audit.Open(audit.Options{Dir: dir, StoreText: true, FlushEvery: time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { log.Close() })
	names := audit.NewPseudonyms([]byte("test-key-test-key-test-key-32byt"))
	wb, err := workbench.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { wb.Close() })
	ts, eng := newTestServer(tb, Config{Audit: log, Pseudonyms: names, Contact: "privacy@example.com", Workbench: wb})
	return ts, eng, log, names
}

// session is a browser-like client: it keeps cookies (page session,
// blind switch) between requests.
type session struct {
	tb testing.TB
	ts *httptest.Server
	c  *http.Client
}

func newSession(tb testing.TB, ts *httptest.Server) *session {
	jar, _ := cookiejar.New(nil)
	return &session{tb: tb, ts: ts, c: &http.Client{Jar: jar}}
}

// send makes a request and returns the status and the raw body.
func (s *session) send(method, path, ctype, body string) (int, string) {
	s.tb.Helper()
	req, err := http.NewRequest(method, s.ts.URL+path, strings.NewReader(body))
	if err != nil {
		s.tb.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := s.c.Do(req)
	if err != nil {
		s.tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		s.tb.Fatal(err)
	}
	return resp.StatusCode, string(data)
}

func (s *session) ok(method, path, ctype, body string) string {
	s.tb.Helper()
	status, out := s.send(method, path, ctype, body)
	if status/100 != 2 {
		s.tb.Fatalf("%s %s: %d %s", method, path, status, out)
	}
	return out
}

// TestAuditLogsRankingsAndHumanActions: search, match, a page search, an
// opened résumé, an export, a shortlist decision and a delete all land in
// the log, in order, with who and which versions; the chain verifies,
// and an entry edited on disk afterwards is caught.
func TestAuditLogsRankingsAndHumanActions(t *testing.T) {
	dir := t.TempDir()
	ts, _, log, _ := auditedServerIn(t, dir)
	api := newSession(t, ts)
	var sr struct {
		AuditID      string `json:"audit_id"`
		IndexVersion string `json:"index_version"`
		ModelVersion string `json:"model_version"`
	}
	body := api.ok("POST", "/api/v1/search", "application/json", `{"query":"led a team","filters":{"section":["work"]}}`)
	if err := json.Unmarshal([]byte(body), &sr); err != nil || sr.AuditID == "" || sr.IndexVersion == "" || sr.ModelVersion == "" {
		t.Fatalf("search answer lacks audit and versions: %v %s", err, body)
	}
	api.ok("POST", "/api/v1/match", "application/json", `{"job_description":"- Kubernetes in production\n- Lead a team","job":"sre-1"}`)
	page := newSession(t, ts)
	page.ok("GET", "/?q=kubernetes", "", "")
	page.ok("GET", "/resumes/ana-silva", "", "")
	if csv := page.ok("GET", "/export?q=kubernetes&format=csv", "", ""); !strings.Contains(csv, "\n") {
		t.Fatalf("export: %q", csv)
	}
	api.ok("POST", "/api/v1/decisions", "application/json", `{"resume_id":"jordan-lee","decision":"shortlisted","reason":"led a migration, unlike Ana Silva","ref":"`+sr.AuditID+`"}`)
	api.ok("DELETE", "/api/v1/resumes/ana-silva", "", "")

	var got []audit.Record
	if err := log.Records(audit.Filter{}, func(r audit.Record) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []audit.Action{audit.Search, audit.Match, audit.Search, audit.Opened, audit.Exported, audit.Shortlisted, audit.Deleted}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(got), len(want), got)
	}
	for i, r := range got {
		if r.Action != want[i] {
			t.Errorf("entry %d is %s, want %s", i+1, r.Action, want[i])
		}
	}
	first := got[0]
	if first.ID != sr.AuditID || first.Text != "led a team" || first.IndexVersion != sr.IndexVersion || !strings.Contains(string(first.Params), `"section":["work"]`) || len(first.Ranked) == 0 {
		t.Errorf("search entry: %+v", first)
	}
	if !strings.HasPrefix(first.Actor, "anonymous") || !strings.HasPrefix(got[2].Actor, "page:") || got[2].Actor != got[3].Actor {
		t.Errorf("actors: %q %q %q", first.Actor, got[2].Actor, got[3].Actor)
	}
	if got[1].Job != "sre-1" || got[5].Job != "" || got[5].Ref != sr.AuditID || got[5].Reason != "led a migration, unlike [erased]" || !got[5].Redacted {
		t.Errorf("match / decision entries: %+v / %+v", got[1], got[5])
	}
	if got[4].Actor != got[2].Actor || len(got[4].Ranked) == 0 {
		t.Errorf("export entry: %+v", got[4])
	}
	// After the delete, ana-silva is a tombstone everywhere in the log,
	// and her name is gone from the note about another candidate.
	for _, r := range got {
		for p, id := range r.Subjects {
			if id == "ana-silva" {
				t.Errorf("entry %s still names ana-silva (%s)", r.ID, p)
			}
		}
	}
	if got[6].Subjects[got[6].Subject] != audit.Erased {
		t.Errorf("delete entry: %+v", got[6])
	}
	v, err := log.Verify()
	if err != nil || !v.OK() || v.Entries != 7 {
		t.Errorf("verify: %+v %v", v, err)
	}
	// The export route answers the same entries.
	var exp struct{ Entries []audit.Record }
	if err := json.Unmarshal([]byte(api.ok("GET", "/api/v1/audit?action=shortlisted", "", "")), &exp); err != nil || len(exp.Entries) != 1 {
		t.Errorf("export: %+v %v", exp, err)
	}

	// A score raised on disk in the export's entry breaks the chain there.
	if err := log.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(dir, audit.FileName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("entries"))
		k := make([]byte, 8)
		binary.BigEndian.PutUint64(k, got[4].Seq)
		var e map[string]any
		if err := json.Unmarshal(b.Get(k), &e); err != nil {
			return err
		}
		e["ranked"].([]any)[0].(map[string]any)["score"] = 99.0
		data, _ := json.Marshal(e)
		return b.Put(k, data)
	})
	if cerr := db.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	reopened, err := audit.Open(audit.Options{Dir: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	v, err = reopened.Verify()
	if err != nil || v.OK() || !strings.Contains(v.Problems[0].Reason, "edited") {
		t.Fatalf("verify after tampering with entry %d: %+v %v", got[4].Seq, v, err)
	}
	for _, p := range v.Problems {
		if p.Seq != got[4].Seq {
			t.Errorf("tampering with entry %d is reported at %d: %s", got[4].Seq, p.Seq, p.Reason)
		}
	}
}

// blindResume has everything blind review must hide.
const blindResume = `{"basics":{"name":"Imogen Quartermaine","label":"Platform Engineer","email":"imogen.q@example.org",
"location":{"city":"Galway"},"summary":"Imogen Quartermaine: reach me on +353 87 123 4567 or https://imogen-q.dev/photo.jpg"},
"work":[{"name":"Harbour Systems","position":"Platform Engineer","startDate":"2015-02",
"highlights":["Imogen led the Kubernetes migration of 80 services, documented at https://imogen-q.dev/k8s",
"Mentored four engineers; contact imogen.q@example.org"]}],
"education":[{"institution":"Wexford Polytechnic Institute","area":"Computer Science","studyType":"BSc","endDate":"1987"}]}`

// TestBlindSessionLeaksNothing runs a blind session over the API and the
// pages — search (bullets and grouped), match, candidate page by
// pseudonym and by ID — and greps every answer for what identifies the
// person. Only the logged reveal names her.
func TestBlindSessionLeaksNothing(t *testing.T) {
	ts, _, log, names := auditedServer(t)
	api := newSession(t, ts)
	api.ok("POST", "/api/v1/resumes?id=imogen-quartermaine", "application/json", blindResume)
	pseudo := names.ID("imogen-quartermaine")
	secrets := []string{"Imogen", "Quartermaine", "imogen-quartermaine", "imogen.q@example.org", "123 4567", "imogen-q.dev",
		"photo.jpg", "Galway", "Wexford", "Polytechnic", "1987"}

	var answers []string
	for _, body := range []string{
		`{"query":"kubernetes migration","blind":true}`,
		`{"query":"Imogen Quartermaine","mode":"keyword","blind":true}`,
		`{"query":"polytechnic computer science","blind":true,"explain":true}`,
		`{"query":"mentored engineers","blind":true,"group_by":"candidate"}`,
	} {
		answers = append(answers, api.ok("POST", "/api/v1/search", "application/json", body))
	}
	answers = append(answers,
		api.ok("POST", "/api/v1/match", "application/json", `{"job_description":"Platform Engineer\n\nRequirements:\n- Kubernetes migration\n- BSc in Computer Science\n- Mentoring","blind":true}`),
		api.ok("GET", "/api/v1/resumes/"+pseudo, "", ""),
		api.ok("GET", "/api/v1/resumes/imogen-quartermaine?blind=true", "", ""))

	page := newSession(t, ts)
	answers = append(answers,
		page.ok("GET", "/?q=kubernetes+migration&blind=0&blind=1", "", ""),
		page.ok("GET", "/?q=computer+science", "", ""), // the session stays blind
		page.ok("GET", "/?q=mentored+engineers+computer+science&view=bullets", "", ""),
		page.ok("GET", "/resumes/"+pseudo, "", ""),
		page.ok("GET", "/resumes/imogen-quartermaine", "", ""),
		page.ok("POST", "/match", "application/x-www-form-urlencoded", url.Values{"jd": {"Requirements:\n- Kubernetes migration\n- Computer Science degree"}}.Encode()))
	// The workbench of a blind session: she is shortlisted by pseudonym
	// (with a note naming her), and every export is masked.
	page.ok("POST", "/shortlists/add", "application/x-www-form-urlencoded", url.Values{"resume_id": {pseudo}, "shortlist": {"new"},
		"name": {"Platform"}, "query": {"kubernetes migration"}, "note": {"Imogen from Galway, call imogen.q@example.org"}}.Encode())
	lists, err := auditWorkbench(t, page)
	if err != nil || len(lists) != 1 || len(lists[0].Entries) != 1 || lists[0].Entries[0].ResumeID != "imogen-quartermaine" {
		t.Fatalf("shortlist by pseudonym: %+v %v", lists, err)
	}
	list := "/shortlists/" + lists[0].ID
	answers = append(answers,
		page.ok("GET", list, "", ""),
		page.ok("GET", list+"/export?format=csv", "", ""),
		page.ok("GET", list+"/export?format=json", "", ""),
		page.ok("GET", "/export?q=kubernetes+migration&format=csv", "", ""),
		page.ok("GET", "/export?q=mentored+engineers&format=json", "", ""))

	shown := 0
	for i, a := range answers {
		// The shortlist's random ID may hold a secret's digits by chance
		// ("e45bdad198713e22" has 1987): it is no leak, so it is not read.
		text := strings.ReplaceAll(html.UnescapeString(a), lists[0].ID, "LIST-ID")
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(text), strings.ToLower(s)) {
				t.Errorf("answer %d shows %q:\n%.800s", i+1, s, text)
			}
		}
		if strings.Contains(text, names.Name("imogen-quartermaine")) || strings.Contains(text, pseudo) {
			shown++
		}
	}
	if shown < len(answers)-2 { // the keyword searches for her name or school may find nothing
		t.Errorf("only %d of %d answers show her pseudonym: the test would pass on empty answers", shown, len(answers))
	}

	// Leaving blind mode shows her again; revealing is logged.
	if out := page.ok("GET", "/?q=kubernetes+migration&blind=0", "", ""); !strings.Contains(out, "Imogen") {
		t.Error("with blind review off the page does not show the name")
	}
	out := api.ok("POST", "/api/v1/candidates/"+pseudo+"/reveal?reason=interview", "", "")
	if !strings.Contains(out, "Imogen Quartermaine") {
		t.Errorf("reveal: %s", out)
	}
	var revealed []audit.Record
	_ = log.Records(audit.Filter{Action: audit.Revealed}, func(r audit.Record) error { revealed = append(revealed, r); return nil })
	if len(revealed) != 1 || revealed[0].Subjects[revealed[0].Subject] != "imogen-quartermaine" || revealed[0].Reason != "interview" {
		t.Errorf("reveal entries: %+v", revealed)
	}
	// The page's reveal shows her, and is logged too.
	if out := page.ok("POST", "/resumes/"+pseudo+"/reveal", "application/x-www-form-urlencoded", "reason=call+back"); !strings.Contains(out, "Imogen Quartermaine") {
		t.Errorf("page reveal does not name her:\n%.600s", out)
	}
	// The shortlisting and the four exports are in the log, blind, naming
	// the real candidate behind the pseudonym.
	var human []audit.Record
	_ = log.Records(audit.Filter{}, func(r audit.Record) error {
		if r.Action == audit.Shortlisted || r.Action == audit.Exported || r.Action == audit.Revealed {
			human = append(human, r)
		}
		return nil
	})
	counts := map[audit.Action]int{}
	for _, r := range human {
		counts[r.Action]++
		if r.Action == audit.Shortlisted && (!r.Blind || r.Subjects[r.Subject] != "imogen-quartermaine") {
			t.Errorf("shortlisted entry: %+v", r)
		}
		if r.Action == audit.Exported && (!r.Blind || len(r.Ranked) == 0) {
			t.Errorf("exported entry: %+v", r)
		}
	}
	if counts[audit.Shortlisted] != 1 || counts[audit.Exported] != 4 || counts[audit.Revealed] != 2 {
		t.Errorf("human actions logged: %v", counts)
	}
}

// auditWorkbench lists the shortlists over the API.
func auditWorkbench(t *testing.T, s *session) ([]workbench.Shortlist, error) {
	t.Helper()
	var out struct{ Shortlists []workbench.Shortlist }
	err := json.Unmarshal([]byte(s.ok("GET", "/api/v1/shortlists", "", "")), &out)
	return out.Shortlists, err
}

// TestExplanationHoldsOnlyTheirData: the packet for Jordan Lee names his
// evidence and the weights, says a human decided and how to contest, and
// holds nothing of the other candidates.
func TestExplanationHoldsOnlyTheirData(t *testing.T) {
	ts, eng, _, _ := auditedServer(t)
	api := newSession(t, ts)
	jd := "SRE Manager\n\nRequirements:\n- Lead a team of site reliability engineers\n- Kubernetes in production\n- 5+ years of experience\n\nNice to have:\n- Terraform"
	out := api.ok("GET", "/api/v1/candidates/jordan-lee/explanation?job="+url.QueryEscape(jd), "", "")
	var p Packet
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	if !p.Ranked || len(p.Requirements) < 3 || p.AuditID == "" {
		t.Fatalf("packet: %+v", p)
	}
	for _, doc := range []string{p.Markdown, html.UnescapeString(p.HTML)} {
		for _, want := range []string{"Jordan Lee", "Managed a group of six site reliability engineers", "Kubernetes",
			"made the decision", "privacy@example.com", "must have", "Years of experience", "Role fit"} {
			if !strings.Contains(doc, want) {
				t.Errorf("packet lacks %q:\n%s", want, doc)
			}
		}
	}
	// Nobody else: no other person's name, ID or bullet.
	others, _, err := eng.Resumes(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, o := range others {
		if o.ID == "jordan-lee" {
			continue
		}
		r, err := eng.Resume(context.Background(), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		needles := []string{r.Person, r.ID}
		for _, b := range r.Bullets {
			if len(b.Text) > 25 {
				needles = append(needles, b.Text)
			}
		}
		for _, n := range needles {
			checked++
			if strings.Contains(out, n) || strings.Contains(html.UnescapeString(p.HTML), n) {
				t.Errorf("the packet holds %q of %s", n, r.ID)
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d values of other candidates checked", checked)
	}
	// The page button gives the same packet as HTML.
	page := newSession(t, ts)
	form := url.Values{"resume_id": {"jordan-lee"}, "jd": {jd}}.Encode()
	if out := page.ok("POST", "/explanation", "application/x-www-form-urlencoded", form); !strings.Contains(out, "Managed a group of six") {
		t.Errorf("page packet: %.500s", out)
	}
}
