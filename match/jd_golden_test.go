package match

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The -update flag rewrites golden files. Another test file of this
// package may register it first; then that registration is used.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updateGoldens() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// jdFormats maps a test JD's extension to the format ParseJD is given.
var jdFormats = map[string]string{".txt": "text", ".md": "markdown", ".html": "html", ".json": "json"}

// TestParseJDGolden parses every JD under testdata/jd and compares the
// result, as indented JSON, with testdata/jd/golden/<name>.json. Run with
// -update to rewrite the goldens, then read the diff: must/nice, years,
// skills and dropped boilerplate are what the goldens pin.
func TestParseJDGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "jd", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		ext := filepath.Ext(f)
		format, ok := jdFormats[ext]
		if !ok {
			continue
		}
		seen[format] = true
		name := strings.TrimSuffix(filepath.Base(f), ext)
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			jd, err := ParseJD(string(text), format)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(jd, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "jd", "golden", name+".json")
			if updateGoldens() {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
				t.Errorf("golden mismatch (-want +got):\n%s", diff)
			}
			// Detection from the content must agree with the named format
			// (Markdown and plain text share one parser).
			auto, err := ParseJD(string(text), "")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(jd, auto); diff != "" {
				t.Errorf("detected format parses differently (-named +detected):\n%s", diff)
			}
			for _, r := range jd.Requirements {
				if boilerplate.MatchString(r.Text) {
					t.Errorf("boilerplate kept as a requirement: %q", r.Text)
				}
			}
		})
	}
	for _, f := range []string{"text", "markdown", "html", "json"} {
		if !seen[f] {
			t.Errorf("no golden JD in format %s", f)
		}
	}
}
