package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/ingest"
	"vitae/match"
	"vitae/search"
	"vitae/web/workbench"
)

const testKey = "s3cret-key"

// dropFlash removes the page's message, so that waiting for one after a
// form is sent waits for the next page's.
const dropFlash = `document.querySelectorAll(".flash").forEach(e => e.remove())`

// workbenchServer indexes the résumé files in dirs or files into a real
// index with a workbench store beside it, behind an API key.
func workbenchServer(t *testing.T, paths []string) *httptest.Server {
	t.Helper()
	files, err := ingest.Expand(paths)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ix, err := index.Open(index.Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	var rs []*vitae.Resume
	var texts []string
	for _, f := range files {
		r, err := ingest.File(f, ingest.Options{})
		if err != nil {
			continue // the corpus has a few files ingest refuses, with reasons
		}
		rs = append(rs, r)
		for _, b := range r.Bullets {
			texts = append(texts, b.Text)
		}
	}
	l, err := embed.TrainLocal(texts, embed.LocalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eng := search.New(ix, l, search.Options{SemanticRatio: 0.5})
	if _, err := eng.Add(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	wb, err := workbench.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	srv, err := New(eng, match.New(eng, match.Options{}), Config{APIKey: testKey, Workbench: wb})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Logf("indexed %d résumés", len(rs))
	return ts
}

// axeJS is axe-core's axe.min.js: VITAE_AXE_JS (.ci/run sets it from
// .ci/axe). Without it the check is skipped locally and fails in CI.
func axeJS(t *testing.T) string {
	t.Helper()
	path := os.Getenv("VITAE_AXE_JS")
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("VITAE_AXE_JS is not set: .ci/run installs axe-core with .ci/axe")
		}
		t.Log("VITAE_AXE_JS not set (export VITAE_AXE_JS=$(bash .ci/axe)); accessibility not checked")
		return ""
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	return string(data)
}

// checkAxe runs axe-core on the current page and fails on any serious or
// critical violation; every page must also have one <h1>.
func checkAxe(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	var h1 int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll("h1").length`, &h1)); err != nil {
		t.Fatal(err)
	}
	if h1 != 1 {
		t.Errorf("%s: %d <h1> elements, want 1", name, h1)
	}
	if axe == "" {
		return
	}
	var out []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  int    `json:"nodes"`
		First  string `json:"first"`
	}
	run := `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, first: v.nodes[0].html})))`
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	var version string
	var rules int
	if err := chromedp.Run(ctx, chromedp.Evaluate(axe, nil), chromedp.Evaluate(`axe.version`, &version),
		chromedp.Evaluate(`axe.getRules().length`, &rules), chromedp.Evaluate(run, &out, await)); err != nil {
		t.Fatalf("%s: axe: %v", name, err)
	}
	t.Logf("%s: axe-core %s, %d rules: %d violation(s)", name, version, rules, len(out))
	for _, v := range out {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: axe %s violation %s (%s) on %d node(s), e.g. %s", name, v.Impact, v.ID, v.Help, v.Nodes, v.First)
		} else {
			t.Logf("%s: axe %s: %s (%d)", name, v.Impact, v.ID, v.Nodes)
		}
	}
}

// shot saves a full-page PNG at width w (quality 100 makes chromedp
// capture PNG).
func shot(t *testing.T, ctx context.Context, dir, name string, w, h int64) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(w, h, 1, w < 600), chromedp.Sleep(150*time.Millisecond),
		chromedp.ActionFunc(func(ctx context.Context) error {
			if strings.Contains(name, "-top") { // the first screen only
				return chromedp.CaptureScreenshot(&png).Do(ctx)
			}
			return chromedp.FullScreenshot(&png, 100).Do(ctx)
		})); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %dx%d: %s", w, h, path)
}

// screensDir is where screenshots go: VITAE_SCREENS, or a temp dir.
func screensDir(t *testing.T) string {
	if d := os.Getenv("VITAE_SCREENS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// fetchText fetches a same-origin URL inside the page (with its cookies).
func fetchText(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	var s string
	if err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`fetch(%q).then(r => r.text())`, url), &s,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	return s
}

func readCSV(t *testing.T, s string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("export is not CSV (%v): %q", err, s)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func TestWorkbenchFlowDemo(t *testing.T) {
	ts := workbenchServer(t, []string{"../data"})
	walkWorkbench(t, ts, "led DevOps team", "demo")
}

func TestWorkbenchFlowCorpus(t *testing.T) {
	corpus := os.Getenv("VITAE_CORPUS") // a checkout elsewhere than beside shared/
	if corpus == "" {
		corpus = filepath.Join("..", "..", "shared", "corpus", "jsonresume")
	}
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("the corpus (../shared/corpus/jsonresume, or VITAE_CORPUS) is absent; the demo flow still runs")
	}
	ts := workbenchServer(t, []string{corpus, "../data"})
	walkWorkbench(t, ts, "built CI/CD pipelines with Kubernetes", "corpus")
}

// walkWorkbench is the done-when flow: search → refine by two facets →
// open a candidate → back → shortlist two → export CSV → delete one with
// the key → gone from results, shortlist and export; screenshots at 1,400
// and 390 px; axe-core on every page.
func walkWorkbench(t *testing.T, ts *httptest.Server, query, tag string) {
	ctx, _ := browser(t)
	shots := screensDir(t)
	axe := axeJS(t)
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	var s string
	var n int
	run("bypass CSP for axe", page.SetBypassCSP(true), emulation.SetDeviceMetricsOverride(1400, 900, 1, false))

	// Start page; "/" focuses the search box.
	run("start", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible("#q", chromedp.ByID),
		chromedp.Evaluate(`document.activeElement.blur()`, nil),
		chromedp.KeyEvent("/"), chromedp.Evaluate(`document.activeElement.id`, &s), chromedp.Evaluate(`document.getElementById("q").value = ""`, nil))
	if s != "q" {
		t.Errorf(`"/" focused %q, want the search box`, s)
	}
	checkAxe(t, ctx, axe, "start page")
	run("search", chromedp.SendKeys("#q", query, chromedp.ByID), chromedp.Submit("#q", chromedp.ByID),
		chromedp.WaitVisible(".cards", chromedp.ByQuery), chromedp.Text("#results-h", &s, chromedp.ByID))
	if !strings.HasSuffix(s, "candidates") && !strings.HasSuffix(s, "candidate") {
		t.Errorf("grouped summary %q does not count candidates", s)
	}
	checkAxe(t, ctx, axe, "results")

	// Refine by two facets: a skill, then a company of what is left.
	for _, facet := range []string{"skill", "company"} {
		var href string
		run("pick "+facet, chromedp.Evaluate(fmt.Sprintf(`(Array.from(document.querySelectorAll("#filters a")).find(a => a.getAttribute("href").includes("%s=") && !a.classList.contains("on") && new URL(a.href).searchParams.getAll("%s").length == 1) || {}).href || ""`, facet, facet), &href))
		if href == "" {
			t.Fatalf("no %s facet link to refine by", facet)
		}
		run("refine by "+facet, chromedp.Navigate(href), chromedp.WaitVisible("#results-h", chromedp.ByID))
	}
	var chips, cards int
	var url string
	run("refined", chromedp.Evaluate(`document.querySelectorAll(".chips li a:not(.clear)").length`, &chips),
		chromedp.Evaluate(`document.querySelectorAll(".cards > .card").length`, &cards), chromedp.Location(&url))
	if chips != 2 || cards == 0 {
		t.Fatalf("after two facets: %d chips, %d cards at %s", chips, cards, url)
	}
	shot(t, ctx, shots, tag+"-results-1400.png", 1400, 900)
	shot(t, ctx, shots, tag+"-results-390.png", 390, 844)
	// At 390 px the first result is on the first screen; the facets wait
	// behind the Filters button.
	var firstTop float64
	var facetsShown bool
	run("phone layout", chromedp.Evaluate(`document.querySelector(".cards > .card").getBoundingClientRect().top`, &firstTop),
		chromedp.Evaluate(`getComputedStyle(document.getElementById("filters")).display != "none"`, &facetsShown))
	if firstTop > 844 || facetsShown {
		t.Errorf("at 390 px: first result at %.0f px, facets shown %v", firstTop, facetsShown)
	}
	run("filters button", chromedp.Click(".filters-toggle", chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.getElementById("filters")).display != "none"`, &facetsShown))
	if !facetsShown {
		t.Error("the Filters button does not show the facets")
	}
	shot(t, ctx, shots, tag+"-filters-390.png", 390, 844)
	checkAxe(t, ctx, axe, "results at 390 px")
	run("back to laptop", emulation.SetDeviceMetricsOverride(1400, 900, 1, false), chromedp.Navigate(url), chromedp.WaitVisible(".cards", chromedp.ByQuery))

	// Keyboard: ↓ to the first result, Enter opens the candidate.
	var first string
	run("keyboard", chromedp.Evaluate(`document.activeElement.blur()`, nil),
		chromedp.Evaluate(`document.querySelector(".cards > .card h3 a").textContent`, &first),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.Evaluate(`document.activeElement.textContent`, &s))
	if s != first {
		t.Errorf("↓ focused %q, want the first result %q", s, first)
	}
	var marks int
	run("open", chromedp.KeyEvent("\r"), chromedp.WaitVisible(".resume", chromedp.ByQuery),
		chromedp.Text("h1", &s, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".bullets li.best-match").length`, &marks))
	if s != first || marks == 0 {
		t.Errorf("candidate page: h1 %q (want %q), %d matching bullets marked", s, first, marks)
	}
	shot(t, ctx, shots, tag+"-candidate-1400.png", 1400, 900)
	shot(t, ctx, shots, tag+"-candidate-390.png", 390, 844)
	shot(t, ctx, shots, tag+"-candidate-top-390.png", 390, 844)
	shot(t, ctx, shots, tag+"-candidate-top-1400.png", 1400, 900)
	run("laptop", emulation.SetDeviceMetricsOverride(1400, 900, 1, false))
	checkAxe(t, ctx, axe, "candidate")
	var back string
	run("back", chromedp.Click(".back a", chromedp.ByQuery), chromedp.WaitVisible(".cards", chromedp.ByQuery), chromedp.Location(&back))
	if back != url {
		t.Errorf("back to results went to %s, want %s", back, url)
	}

	// Shortlist the first two candidates; the first add asks for the key.
	var ids []string
	run("ids", chromedp.Evaluate(`Array.from(document.querySelectorAll(".cards > .card")).slice(0, 2).map(c => c.id.slice(2))`, &ids))
	if len(ids) < 2 {
		// two facets can leave one candidate: widen to the unrefined search
		run("unrefined", chromedp.Navigate(ts.URL+"/?q="+strings.ReplaceAll(query, " ", "+")), chromedp.WaitVisible(".cards", chromedp.ByQuery),
			chromedp.Evaluate(`Array.from(document.querySelectorAll(".cards > .card")).slice(0, 2).map(c => c.id.slice(2))`, &ids))
	}
	if len(ids) < 2 {
		t.Fatalf("fewer than two candidates to shortlist: %v", ids)
	}
	for i, id := range ids {
		card := "#c-" + id
		actions := []chromedp.Action{chromedp.Click(card+" .add summary", chromedp.ByQuery), chromedp.SendKeys(card+" textarea[name=note]", "note on "+id, chromedp.ByQuery)}
		if i == 0 {
			actions = append(actions, chromedp.SetValue(card+" select[name=shortlist]", "new", chromedp.ByQuery),
				chromedp.SetValue(card+" input[name=name]", "Platform leads", chromedp.ByQuery),
				chromedp.SendKeys(card+" input[name=api_key]", testKey, chromedp.ByQuery))
		}
		actions = append(actions, chromedp.Evaluate(dropFlash, nil), chromedp.Submit(card+" .add form", chromedp.ByQuery), chromedp.WaitVisible(".flash", chromedp.ByQuery), chromedp.Text(".flash", &s, chromedp.ByQuery))
		run("shortlist "+id, actions...)
		if !strings.HasPrefix(s, "Added ") {
			t.Fatalf("shortlisting %s: %q", id, s)
		}
	}
	var listURL string
	run("shortlists", chromedp.Navigate(ts.URL+"/shortlists"), chromedp.WaitVisible("h1", chromedp.ByQuery))
	checkAxe(t, ctx, axe, "shortlists")
	run("shortlist", chromedp.Click(".saved a", chromedp.ByQuery), chromedp.WaitVisible(".cards", chromedp.ByQuery),
		chromedp.Location(&listURL), chromedp.Evaluate(`document.querySelectorAll(".cards > .card").length`, &n))
	if n != 2 {
		t.Fatalf("the shortlist shows %d candidates, want 2", n)
	}
	checkAxe(t, ctx, axe, "shortlist")
	shot(t, ctx, shots, tag+"-shortlist-1400.png", 1400, 900)
	run("laptop", emulation.SetDeviceMetricsOverride(1400, 900, 1, false))
	listID := listURL[strings.LastIndex(listURL, "/")+1:]
	rows := readCSV(t, fetchText(t, ctx, "/shortlists/"+listID+"/export?format=csv"))
	if len(rows) != 2 {
		t.Fatalf("shortlist CSV has %d rows, want 2", len(rows))
	}
	for _, r := range rows {
		if (r["resume_id"] != ids[0] && r["resume_id"] != ids[1]) || r["name"] == "" || r["note"] != "note on "+r["resume_id"] || r["matched_bullets"] == "" || r["score"] == "" {
			t.Errorf("shortlist CSV row: %v", r)
		}
	}
	searchRows := readCSV(t, fetchText(t, ctx, "/export?q="+strings.ReplaceAll(query, " ", "+")+"&format=csv"))
	if len(searchRows) < 2 || searchRows[0]["matched_bullets"] == "" {
		t.Fatalf("search CSV: %d rows, first %v", len(searchRows), searchRows)
	}

	// Delete the first shortlisted candidate with the key: a browser
	// without the key's cookie is asked for it.
	victim := ids[0]
	run("forget the key", network.ClearBrowserCookies(),
		chromedp.Navigate(ts.URL+"/resumes/"+victim+"?back="+strings.ReplaceAll("q="+query, " ", "%2B")), chromedp.WaitVisible(".resume", chromedp.ByQuery),
		chromedp.Click(".danger summary", chromedp.ByQuery), chromedp.Click(".danger input[name=confirm]", chromedp.ByQuery),
		chromedp.SendKeys("#del-key", testKey, chromedp.ByID), chromedp.Evaluate(dropFlash, nil), chromedp.Submit(".danger form", chromedp.ByQuery),
		chromedp.WaitVisible(".flash", chromedp.ByQuery), chromedp.Text(".flash", &s, chromedp.ByQuery))
	if !strings.HasPrefix(s, "Deleted ") {
		t.Fatalf("delete: %q", s)
	}
	var left int
	run("results after delete", chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll("#c-%s").length`, victim), &left))
	if left != 0 {
		t.Errorf("%s is still in the results after delete", victim)
	}
	run("shortlist after delete", chromedp.Navigate(listURL), chromedp.WaitVisible("h1", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".cards > .card").length`, &n))
	if n != 1 {
		t.Errorf("the shortlist shows %d candidates after the delete, want 1", n)
	}
	csvAfter := fetchText(t, ctx, "/shortlists/"+listID+"/export?format=csv")
	if rows := readCSV(t, csvAfter); len(rows) != 1 || strings.Contains(csvAfter, victim) {
		t.Errorf("shortlist CSV after delete still names %s or has %d rows", victim, len(rows))
	}
	if all := fetchText(t, ctx, "/export?q="+strings.ReplaceAll(query, " ", "+")+"&format=json"); strings.Contains(all, `"`+victim+`"`) {
		t.Errorf("the search export still holds %s", victim)
	}
	var api struct {
		Shortlists []workbench.Shortlist `json:"shortlists"`
	}
	if err := json.Unmarshal([]byte(fetchText(t, ctx, "/api/v1/shortlists")), &api); err != nil {
		t.Fatal(err)
	}
	for _, l := range api.Shortlists {
		for _, e := range l.Entries {
			if e.ResumeID == victim {
				t.Errorf("the API's shortlist %s still holds %s", l.Name, victim)
			}
		}
	}

	// The other pages pass axe too.
	for _, p := range []string{"/match", "/upload", "/?q=zzzqqq+nothing", "/?q=" + strings.ReplaceAll(query, " ", "+") + "&page=999", "/?q=" + strings.ReplaceAll(query, " ", "+") + "&view=bullets&sort=recent"} {
		run(p, chromedp.Navigate(ts.URL+p), chromedp.WaitVisible("h1", chromedp.ByQuery), chromedp.Sleep(50*time.Millisecond))
		checkAxe(t, ctx, axe, p)
	}
}
