package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestUploadPageSendsBearer: with an API key set, the upload page still
// works in a real browser: its script sends the key typed into the form
// as an Authorization header (the server no longer reads it from the
// form), and a wrong key shows the refusal.
func TestUploadPageSendsBearer(t *testing.T) {
	ctx, _ := browser(t)
	ts, _ := newTestServer(t, Config{APIKey: "s3cret"})
	file := filepath.Join(t.TempDir(), "pia-holm.md")
	if err := os.WriteFile(file, []byte("# Pia Holm\n\n## Experience\n\n### SRE — Umbrella\n2021 – Present\n\n- Rebuilt the paging pipeline for the quasar telemetry fleet\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	submit := func(key string) (string, error) {
		var page string
		err := chromedp.Run(ctx,
			chromedp.Navigate(ts.URL+"/upload"),
			chromedp.WaitVisible("#api_key", chromedp.ByID),
			chromedp.SetUploadFiles("#files", []string{file}, chromedp.ByID),
			chromedp.SendKeys("#api_key", key, chromedp.ByID),
			chromedp.Click("button[type=submit]", chromedp.ByQuery),
			// The answer replaces the page: a fresh form, or the refusal.
			chromedp.Poll(`(function () { var k = document.getElementById("api_key"); return !k || k.value === ""; })()`, nil),
			chromedp.Text("body", &page, chromedp.ByQuery),
		)
		return page, err
	}
	page, err := submit("wrong")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "pia-holm") {
		t.Errorf("a wrong key uploaded: %q", page)
	}
	page, err = submit("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "pia-holm") {
		t.Errorf("upload with the key failed: %q", page)
	}
}
