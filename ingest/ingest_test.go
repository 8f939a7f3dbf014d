package ingest

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenBullet is what a golden file pins of each bullet.
type goldenBullet struct {
	Ref, Section, Company, Role, Start, End, Text string
	Skills                                        []string `json:",omitempty"`
}

type golden struct {
	ID, Person, Format string
	Skills             []string `json:",omitempty"`
	Bullets            []goldenBullet
}

func toGolden(r *vitae.Resume) golden {
	g := golden{ID: r.ID, Person: r.Person, Format: r.Format, Skills: r.Skills}
	for _, b := range r.Bullets {
		g.Bullets = append(g.Bullets, goldenBullet{b.Ref, b.Section, b.Company, b.Role, b.Start, b.End, b.Text, b.Skills})
	}
	return g
}

// samples is the one copy of the sample résumés (the demo's data/), which
// the tests here and in web read.
const samples = "../data"

// goldenSamples are the samples pinned by testdata/golden/<name>.json:
// one or more per format.
var goldenSamples = []string{
	"000_e069679e7ee00913.txt", "002_6ca7291b08ba563c.txt", "ana-silva.json", "jordan-lee.md",
	"morgan-blake.docx", "priya-natarajan.html", "riley-chen.pdf", "sam-ortiz.yaml",
}

// writeFixtures regenerates the DOCX and PDF samples with -update.
func writeFixtures(t *testing.T) {
	t.Helper()
	if !*update {
		return
	}
	if err := os.WriteFile(filepath.Join(samples, "morgan-blake.docx"), buildDOCX(t, docxFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(samples, "riley-chen.pdf"), buildPDF(t, pdfFixture), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGolden(t *testing.T) {
	writeFixtures(t)
	formats := map[string]bool{}
	for _, name := range goldenSamples {
		f := filepath.Join(samples, name)
		t.Run(name, func(t *testing.T) {
			r, err := File(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			formats[r.Format] = true
			got, err := json.MarshalIndent(toGolden(r), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", filepath.Base(f)+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
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
		})
	}
	for _, f := range []string{"json", "yaml", "markdown", "text", "html", "docx", "pdf"} {
		if !formats[f] {
			t.Errorf("no golden file covers format %s", f)
		}
	}
}

// TestSeeds pins the facts the issue names, beyond the golden files.
func TestSeeds(t *testing.T) {
	r, err := File(samples+"/000_e069679e7ee00913.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := find(t, r, "Led operationally-focused teams of DevOps engineers and SREs")
	if b.Company != "Planet Labs" || b.Role != "Principal Engineer" || b.Start != "2016-01" || b.End != "2018-08" || b.Section != vitae.SectionWork {
		t.Errorf("Planet Labs bullet: %+v", b)
	}
	vp := find(t, r, "Led a team of product managers")
	if vp.Company != "Diamanti" || vp.Role != "VP, Product" || vp.Start != "2018-12" || vp.End != "" {
		t.Errorf("Diamanti bullet: %+v", vp)
	}
	fleet := find(t, r, "Interacts with systemd via DBus APIs")
	if fleet.Section != vitae.SectionProject || fleet.Company != "fleet" {
		t.Errorf("fleet bullet: %+v", fleet)
	}

	r2, err := File(samples+"/002_6ca7291b08ba563c.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	up := find(t, r2, "Upon becoming a manager, I was responsible for the DevOps team")
	if up.Company != "DUST Identity" || up.Role != "Senior Engineering Manager" {
		t.Errorf("DUST bullet: %+v", up)
	}
	// Every Outcomes paragraph yields bullets.
	for _, start := range []string{"With only one swift developer", "DUST tags rely on", "Our team decided to consolidate on Jira", "We hit a point of maturity", "To increase flexibility", "The DevOps team had been deploying", "We began to experience more", "To prepare proactively"} {
		find(t, r2, start)
	}
	t.Logf("bullets: seed 000 %d, seed 002 %d", len(r.Bullets), len(r2.Bullets))
}

func find(t *testing.T, r *vitae.Resume, prefix string) vitae.Bullet {
	t.Helper()
	for _, b := range r.Bullets {
		if strings.HasPrefix(b.Text, prefix) {
			return b
		}
	}
	t.Fatalf("%s: no bullet starts with %q", r.ID, prefix)
	return vitae.Bullet{}
}

func TestStableIDs(t *testing.T) {
	a, err := File(samples+"/ana-silva.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := File(samples+"/ana-silva.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two parses differ (-first +second):\n%s", diff)
	}
	seen := map[string]bool{}
	for _, bl := range a.Bullets {
		if seen[bl.ID] {
			t.Errorf("duplicate ID %s", bl.ID)
		}
		seen[bl.ID] = true
		if bl.ID != BulletID("ana-silva", bl.Ref) {
			t.Errorf("ID of %s is not derived from résumé and ref", bl.Ref)
		}
	}
	g := find(t, a, "Designed gRPC APIs")
	if g.Ref != "/work/0/highlights/0" || g.Start != "2021-02" || g.End != "" {
		t.Errorf("gRPC bullet: %+v", g)
	}
	if !contains(g.Skills, "Kubernetes") || !contains(g.Skills, "gRPC") || !contains(g.Skills, "Go") {
		t.Errorf("skills should merge résumé skills (canonical) and those named in text: %v", g.Skills)
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
		open, ok bool
	}{
		{"2016-11-07", "2016-11", false, true},
		{"2016-11", "2016-11", false, true},
		{"2019", "2019", false, true},
		{"Dec 2018", "2018-12", false, true},
		{"December, 2018", "2018-12", false, true},
		{"Sept. 2020", "2020-09", false, true},
		{"12/2018", "2018-12", false, true},
		{"07/15/2020", "2020-07", false, true},
		{"Present", "", true, true},
		{"current", "", true, true},
		{"Summer 2019", "2019-06", false, true},
		{"2019-13", "2019", false, true},
		{"", "", false, false},
		{"soon", "", false, false},
		{"1850", "", false, false},
		// Forms the corpus writes (a tryout found three résumés undated).
		{"Sep 1, 2015", "2015-09", false, true},
		{"Jan 9, 2019", "2019-01", false, true},
		{"1 Sep 2015", "2015-09", false, true},
		{"2014, June", "2014-06", false, true},
		{"Aug '16", "2016-08", false, true},
		{"Jun '99", "1999-06", false, true},
		{"Aug '16'", "2016-08", false, true},
		{"Sep-2015", "2015-09", false, true},
		{"- 12/2019", "2019-12", false, true},
		{"-present", "", true, true},
		{"- Aug 2019", "2019-08", false, true},
		{"Summers 2019, 2020", "", false, false},
		{"IBM", "", false, false},
	}
	for _, tt := range tests {
		got, open, ok := normalizeDate(tt.in)
		if got != tt.want || open != tt.open || ok != tt.ok {
			t.Errorf("normalizeDate(%q) = %q, %v, %v; want %q, %v, %v", tt.in, got, open, ok, tt.want, tt.open, tt.ok)
		}
	}
}

// TestCorpus parses every real JSON Resume of the shared corpus.
func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "jsonresume")
	files, err := Expand([]string{dir})
	if err != nil {
		t.Skipf("corpus not present: %v", err)
	}
	bullets := 0
	for _, f := range files {
		r, err := File(f, Options{})
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		bullets += len(r.Bullets)
	}
	if len(files) == 0 || bullets == 0 {
		t.Fatalf("corpus: %d files, %d bullets", len(files), bullets)
	}
	t.Logf("corpus: %d résumés, %d bullets", len(files), bullets)
}

// A bullet glyph lost to a wrong encoding ("?? ", "? ") is dropped; a
// question mark joined to a word, or a real question, is kept.
func TestDropGlyphs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"?? Churn Analysis for an Internet Service Provider", "Churn Analysis for an Internet Service Provider"},
		{"? Develop project as per user requirement.", "Develop project as per user requirement."},
		{"\uFFFD Built the billing service", "Built the billing service"},
		{"??s workload and workflow", "??s workload and workflow"},
		{"Why did churn rise? We found out.", "Why did churn rise? We found out."},
		{"??", "??"},
	}
	for _, tt := range tests {
		if got := dropGlyphs(tt.in); got != tt.want {
			t.Errorf("dropGlyphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	r, err := Parse("glyphs.json", []byte(`{"basics":{"name":"Ada"},"work":[{"name":"Acme","position":"Analyst","highlights":["?? Churn Analysis in R","?"]}]}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range r.Bullets {
		texts = append(texts, b.Text)
	}
	if diff := cmp.Diff([]string{"Churn Analysis in R", "?"}, texts); diff != "" {
		t.Errorf("bullets (-want +got):\n%s", diff)
	}
}
