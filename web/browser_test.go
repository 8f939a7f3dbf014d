package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium finds Debian's Chromium; without it the test is skipped on a
// developer machine and fails in CI, where .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed (CI must install it: apt-get install -y chromium)")
	}
	t.Skip("chromium not installed; apt-get install -y chromium")
	return ""
}

func browser(t *testing.T) (context.Context, string) {
	t.Helper()
	// Chromium may still be writing its profile while the test ends, so the
	// profile lives outside t.TempDir and is removed best-effort.
	profile, err := os.MkdirTemp("", "vitae-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		time.Sleep(200 * time.Millisecond)
		os.RemoveAll(profile)
	})
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx, t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, dir, name string, w, h int64) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(w, h, 1, w < 600),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.FullScreenshot(&png, 90),
	); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %dx%d: %s", w, h, path)
}

func TestBrowserSearchUploadAndXSS(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	ctx, shots := browser(t)

	// Search as a hiring manager would: type, submit, read the results.
	var marks []string
	var texts string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible("#q", chromedp.ByID),
		chromedp.SendKeys("#q", "led DevOps team", chromedp.ByID),
		chromedp.Submit("#q", chromedp.ByID),
		chromedp.WaitVisible(".cards", chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".cards .best .text")).slice(0, 5).map(e => e.textContent).join("\n")`, &texts),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".cards mark")).map(e => e.textContent)`, &marks),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(texts, "responsible for the DevOps team") && !strings.Contains(texts, "teams of DevOps engineers and SREs") {
		t.Errorf("the seed's DevOps-team bullet is not in the top 5:\n%s", texts)
	}
	found := false
	for _, m := range marks {
		if strings.EqualFold(m, "DevOps") {
			found = true
		}
	}
	if !found {
		t.Errorf("'DevOps' is not highlighted; marks: %v", marks)
	}
	screenshot(t, ctx, shots, "search-laptop.png", 1366, 900)
	screenshot(t, ctx, shots, "search-phone.png", 390, 844)

	// Upload through the form, then find the new résumé.
	file := filepath.Join(t.TempDir(), "olga-berg.md")
	if err := os.WriteFile(file, []byte("# Olga Berg\n\n## Experience\n\n### Head of Platform — Umbrella\n2021 – Present\n\n- Headed the platform operations crew that runs the zeppelin fleet telemetry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var uploaded, result string
	if err := chromedp.Run(ctx,
		emulation.ClearDeviceMetricsOverride(),
		chromedp.Navigate(ts.URL+"/upload"),
		chromedp.WaitVisible("#files", chromedp.ByID),
		chromedp.SetUploadFiles("#files", []string{file}, chromedp.ByID),
		chromedp.Submit("#files", chromedp.ByID),
		chromedp.WaitVisible(".uploaded", chromedp.ByQuery),
		chromedp.Text(".uploaded", &uploaded, chromedp.ByQuery),
		chromedp.Navigate(ts.URL+"/?q=zeppelin+fleet+telemetry&mode=keyword&view=bullets"),
		chromedp.WaitVisible(".hits", chromedp.ByQuery),
		chromedp.Text(".hits", &result, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(uploaded, "olga-berg") || !strings.Contains(result, "Olga Berg") {
		t.Errorf("uploaded résumé not found: uploaded %q, results %q", uploaded, result)
	}

	// Hostile résumé text stays text.
	var pwned string
	var shown string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/resumes/mallory-xss"),
		chromedp.WaitVisible(".resume", chromedp.ByQuery),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`String(window.pwned)`, &pwned),
		chromedp.Text(".resume", &shown, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if pwned != "undefined" {
		t.Errorf("script in résumé text executed: window.pwned = %s", pwned)
	}
	if !strings.Contains(shown, "<script>window.pwned=1</script>") || !strings.Contains(shown, `onerror="window.pwned=2"`) {
		t.Errorf("hostile text not shown literally: %q", shown)
	}
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/?q=test+harness+payments&mode=keyword"),
		chromedp.WaitVisible(".cards", chromedp.ByQuery),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`String(window.pwned)`, &pwned),
	); err != nil {
		t.Fatal(err)
	}
	if pwned != "undefined" {
		t.Errorf("script in a search result executed: %s", pwned)
	}
}
