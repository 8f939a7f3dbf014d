package ingest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/ingest/ingesttest"
)

const (
	objCatalog = "<< /Type /Catalog /Pages 2 0 R >>"
	objPages   = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	objPage    = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
	objFont    = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	pageText   = "BT /F1 11 Tf 50 770 Td (Jo Doe) Tj ET\nBT /F1 11 Tf 50 742 Td (- Led the platform team of nine engineers) Tj ET"
)

// TestHostilePDF: PDFs built to make the extractor loop, recurse or inflate
// without end are refused with a coded error well inside the extraction
// timeout — and without leaving a goroutine spinning behind them.
func TestHostilePDF(t *testing.T) {
	var bomb bytes.Buffer
	zw := zlib.NewWriter(&bomb)
	zw.Write([]byte("BT /F1 11 Tf 50 770 Td (x) Tj ET\n"))
	zw.Write(bytes.Repeat([]byte(" "), 8<<20))
	zw.Close()
	cmapOpen := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 beginbfchar <01> <0041"

	tests := []struct {
		name string
		data []byte
		opts Options
		code string
	}{
		// The PDF library's lexer reads past a stream's end as whitespace
		// forever: an open hex string at the end spun a goroutine until the
		// process exited.
		{"hex-open.pdf", ingesttest.PDF(objCatalog, objPages, objPage, ingesttest.Stream("", pageText+"\n<4142 43"), objFont), Options{}, vitae.EINVALID},
		{"hex-lone.pdf", ingesttest.PDF(objCatalog, objPages, objPage, ingesttest.Stream("", pageText+" <T"), objFont), Options{}, vitae.EINVALID},
		{"cmap-open.pdf", ingesttest.PDF(objCatalog, objPages, objPage, ingesttest.Stream("", pageText),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>", ingesttest.Stream("", cmapOpen)), Options{}, vitae.EINVALID},
		{"stream-bomb.pdf", ingesttest.PDF(objCatalog, objPages, objPage,
			fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", bomb.Len(), bomb.String()), objFont),
			Options{MaxDecompressed: 1 << 20}, vitae.ETOOLARGE},
		{"many-pages.pdf", ingesttest.PDF(objCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 100000000 >>", objPage, ingesttest.Stream("", pageText), objFont), Options{}, vitae.ETOOLARGE},
		{"kids-loop.pdf", ingesttest.PDF(objCatalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"), Options{}, vitae.EINVALID},
		{"parent-loop.pdf", ingesttest.PDF(objCatalog, objPages,
			"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", ingesttest.Stream("", pageText), objFont), Options{}, vitae.EINVALID},
		{"ref-loop.pdf", ingesttest.PDF("<< /Type /Catalog /Pages 2 0 R >>", "2 0 R"), Options{}, vitae.EINVALID},
	}
	before := runtime.NumGoroutine()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r, err := Parse(tt.name, tt.data, tt.opts)
			took := time.Since(start)
			if err == nil {
				t.Fatalf("want a %s error, got %d bullets", tt.code, len(r.Bullets))
			}
			if got := vitae.ErrorCode(err); got != tt.code {
				t.Errorf("code = %s, want %s (%v)", got, tt.code, err)
			}
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error does not name the file: %v", err)
			}
			if took > pdfTimeout/2 {
				t.Errorf("took %s: refused by the timeout, not by a check", took)
			}
		})
	}
	// No extraction goroutine is left behind (a spinning one never ends).
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			t.Fatalf("goroutines: %d before, %d after", before, runtime.NumGoroutine())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// The same page with a closed hex string still reads.
	ok := ingesttest.PDF(objCatalog, objPages, objPage, ingesttest.Stream("", pageText+"\nBT /F1 11 Tf 50 700 Td <4142> Tj ET"), objFont)
	r, err := Parse("jo-doe.pdf", ok, Options{})
	if err != nil || len(r.Bullets) == 0 {
		t.Fatalf("valid PDF with a hex string: %v %+v", err, r)
	}
}

func TestOpenHexString(t *testing.T) {
	for s, want := range map[string]bool{
		"":                 false,
		"(a) Tj":           false,
		"<":                true,
		"<41 42":           true,
		"<41 4":            true,
		"<41 42>":          false,
		"<41 42> Tj":       false,
		"<zz":              false,
		"<T\n\n":           true,
		"<4g":              false,
		"(x<y) Tj":         false,
		"<< /A 1 >> <0102": true,
	} {
		if got := openHexString([]byte(s)); got != want {
			t.Errorf("openHexString(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFiftyMegabyteText: a 50 MB text file is refused by size before it is
// read into memory in full, with the file's name in the error.
func TestFiftyMegabyteText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte("- Led the team that shipped the thing on time and under budget\n")
	for n := 0; n < 50<<20; n += len(line) {
		if _, err := f.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = File(path, Options{})
	if vitae.ErrorCode(err) != vitae.ETOOLARGE || !strings.Contains(err.Error(), "huge.txt") {
		t.Fatalf("50 MB text file: %v", err)
	}
}
