package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vitae/ingest/ingesttest"
)

// hostilePDF is a one-page PDF with the given content stream and pages
// object (a hex string left open makes the PDF library's lexer read for
// ever; a page tree may loop or claim millions of pages).
func hostilePDF(content string, pages string) []byte {
	return ingesttest.PDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		pages,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	)
}

// zipBomb is a DOCX whose document.xml inflates to over 100 MiB (the
// default limit) from about 100 KiB.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	data, err := ingesttest.ZipBomb(110 << 20)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestIndexBatchWithHostileFiles: one directory holds good résumés and
// every kind of hostile file. `vitae index` names each bad file with a
// reason that says which limit it hit, indexes all the good ones, and
// finishes within a bounded time.
func TestIndexBatchWithHostileFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file and a zip bomb")
	}
	dir := workdir(t)
	data := filepath.Join(dir, "data")
	good, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(data, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var many strings.Builder
	many.WriteString("# Pat Many\n\n## Experience\n\n### Engineer — Acme\n2019 – Present\n\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&many, "- Delivered improvement number %d to production\n", i)
	}
	huge, err := os.Create(filepath.Join(data, "huge-50mb.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := []byte("- Led the team that shipped the thing on time and under budget\n")
	for n := 0; n < 50<<20; n += len(line) {
		huge.Write(line)
	}
	huge.Close()
	write("bomb.docx", zipBomb(t))
	write("hex-loop.pdf", hostilePDF("BT /F1 11 Tf 50 770 Td (Jo Doe) Tj ET\n<4142 43", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"))
	write("kids-loop.pdf", hostilePDF("BT ET", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"))
	write("many-pages.pdf", hostilePDF("BT ET", "<< /Type /Pages /Kids [3 0 R] /Count 99999999 >>"))
	write("nul-bytes.txt", []byte("Jo Doe\n\x00\x00\x01\x02 binary junk"))
	write("deep.json", []byte(strings.Repeat(`{"a":[`, 50000)))
	write("ten-thousand-bullets.md", []byte(many.String()))
	// Invalid UTF-8 is repaired, not refused: this one is indexed.
	write("bad-utf8.md", []byte("# Ivo Utf\n\n## Experience\n\n### Engineer — Acme\n2019 – Present\n\n- Cut build times \xff\xfe by half with remote caching\n"))

	want := map[string]string{ // file → words its reason must contain
		"huge-50mb.txt":           "larger than",
		"bomb.docx":               "bytes of text", // ingest.max_text stops it before the inflation cap
		"hex-loop.pdf":            "hex string",
		"kids-loop.pdf":           "page tree",
		"many-pages.pdf":          "pages, more than",
		"nul-bytes.txt":           "NUL byte",
		"deep.json":               "nested deeper",
		"ten-thousand-bullets.md": "bullets, more than",
	}
	start := time.Now()
	code, out, errOut := cli(t, dir, "index", "data", "--json")
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, out, errOut)
	}
	var sum indexSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range sum.Skipped {
		got[filepath.Base(s.Path)] = s.Reason
	}
	for file, words := range want {
		reason, ok := got[file]
		if !ok {
			t.Errorf("%s was not refused", file)
			continue
		}
		if !strings.Contains(reason, words) || !strings.Contains(reason, file) {
			t.Errorf("%s: reason %q should name the file and say %q", file, reason, words)
		}
	}
	if len(got) != len(want) {
		t.Errorf("skipped %d files, want %d: %v", len(got), len(want), got)
	}
	if sum.Resumes != len(good)+1 || sum.Files != len(good)+len(want)+1 {
		t.Errorf("indexed %d résumés of %d files, want the %d good ones and bad-utf8.md", sum.Resumes, sum.Files, len(good))
	}
	if took > 60*time.Second {
		t.Errorf("the batch took %s", took)
	}
	code, out, _ = cli(t, dir, "search", "remote caching build times", "--mode", "keyword", "--json")
	if code != 0 || !strings.Contains(out, "bad-utf8") {
		t.Errorf("the repaired UTF-8 résumé is not searchable: %s", out)
	}
	t.Logf("%d hostile files refused, %d résumés indexed, in %s", len(got), sum.Resumes, took.Round(time.Millisecond))
}
