package web

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserMatchPageReadsWithoutClicks: after a match the top
// candidates' evidence bullets are on screen without a click (the rest
// stay folded), and the fit is defined in one short line, the whole
// formula folded under it.
func TestBrowserMatchPageReadsWithoutClicks(t *testing.T) {
	ts := workbenchServer(t, []string{"../data"}) // the 17 samples: more than five candidates
	ctx, _ := browser(t)
	jd := "# Engineer\n## Requirements\n- Migrated services to Kubernetes\n- Led a team of engineers\n- Python\n- SQL\n- Built data pipelines\n- Managed budgets\n## Nice to have\n- Terraform\n- Go\n"
	var cells []struct {
		Col     int  `json:"col"`
		Visible bool `json:"visible"`
	}
	var fitLine string
	var formulaShown bool
	var ncand int
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/match"),
		chromedp.WaitVisible("#jd", chromedp.ByID),
		chromedp.SetValue("#jd", jd, chromedp.ByID),
		chromedp.Submit("#jd", chromedp.ByID),
		chromedp.WaitVisible("table.evidence", chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("table.evidence tbody tr")).flatMap(tr =>
			Array.from(tr.querySelectorAll("td")).map((td, i) => ({td, i})).filter(x => x.td.classList.contains("met")).map(x => ({
				col: x.i, visible: x.td.querySelector("p.ev").checkVisibility()})))`, &cells),
		chromedp.Evaluate(`document.querySelector("table.evidence caption span.fitdef")?.innerText ?? document.querySelector("table.evidence caption").innerText`, &fitLine),
		chromedp.Evaluate(`document.querySelectorAll("table.evidence th.cand").length`, &ncand),
		chromedp.Evaluate(`!!document.querySelector("table.evidence caption details.fitdef span")?.checkVisibility()`, &formulaShown),
	); err != nil {
		t.Fatal(err)
	}
	open, folded := 0, 0
	for _, c := range cells {
		switch {
		case c.Col < 5 && !c.Visible:
			t.Errorf("candidate %d's evidence is folded", c.Col+1)
		case c.Col < 5:
			open++
		case c.Visible:
			t.Errorf("candidate %d's evidence is open: only the top five are", c.Col+1)
		default:
			folded++
		}
	}
	if open == 0 || folded == 0 {
		t.Errorf("%d evidence cells open, %d folded among %d candidates: want both (the fixture ranks more than five)", open, folded, ncand)
	}
	if !strings.HasPrefix(fitLine, "Fit: ") || len(fitLine) > 250 || formulaShown {
		t.Errorf("fit definition line %q (%d bytes), whole formula shown %v: want one short line, the formula folded", fitLine, len(fitLine), formulaShown)
	}
	// The arrow keys scroll the page: it has no list of items for them to
	// move through (a tryout found them swallowed).
	var before, after, room float64
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.activeElement.blur(); window.scrollTo(0, 0); document.documentElement.scrollHeight - window.innerHeight`, &room),
		chromedp.Evaluate(`window.scrollY`, &before),
		chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown),
		chromedp.Sleep(300*time.Millisecond), // smooth scrolling
		chromedp.Evaluate(`window.scrollY`, &after),
	); err != nil {
		t.Fatal(err)
	}
	if room <= 0 {
		t.Fatalf("the match page fits the window (%v px to scroll): nothing to check", room)
	}
	if after <= before {
		t.Errorf("three ArrowDown presses: scrollY %v → %v, want the page scrolled", before, after)
	}
}

// A résumé pasted as the job description is ranked with a warning a
// reader meets before the table: visible, a status for screen readers,
// saying what the text looks like.
func TestBrowserMatchPageWarnsOfAResume(t *testing.T) {
	ts := workbenchServer(t, []string{"../data"})
	ctx, _ := browser(t)
	pasted, err := os.ReadFile("../data/jordan-lee.md")
	if err != nil {
		t.Fatal(err)
	}
	var warn struct {
		Text        string `json:"text"`
		Visible     bool   `json:"visible"`
		BeforeTable bool   `json:"beforeTable"`
	}
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/match"),
		chromedp.WaitVisible("#jd", chromedp.ByID),
		chromedp.SetValue("#jd", string(pasted), chromedp.ByID),
		chromedp.Submit("#jd", chromedp.ByID),
		chromedp.WaitVisible("table.evidence", chromedp.ByQuery),
		chromedp.Evaluate(`(() => { const p = document.querySelector('p.warn[role="status"]');
			return p ? {text: p.innerText, visible: p.checkVisibility(),
				beforeTable: !!(p.compareDocumentPosition(document.querySelector("table.evidence")) & Node.DOCUMENT_POSITION_FOLLOWING)} : {}; })()`, &warn),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(warn.Text, "Warning: the job description looks like a résumé") || !warn.Visible || !warn.BeforeTable {
		t.Errorf("warning %+v: want a visible status before the table saying the text looks like a résumé", warn)
	}
}
