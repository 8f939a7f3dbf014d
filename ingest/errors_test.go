package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"vitae"
	"vitae/ingest/ingesttest"
)

func TestBadInput(t *testing.T) {
	pdf := buildPDF(t, pdfFixture)
	tests := []struct {
		name string
		data []byte
		opts Options
		code string
	}{
		{"corrupt.json", []byte(`{"basics": {"name": "A"`), Options{}, vitae.EINVALID},
		{"array.json", []byte(`[1,2,3]`), Options{}, vitae.EINVALID},
		{"deep.json", []byte(strings.Repeat("[", 100000)), Options{}, vitae.ETOOLARGE},
		{"deep.yaml", []byte("a: " + strings.Repeat("[", 5000)), Options{}, vitae.ETOOLARGE},
		{"bad.yaml", []byte("basics: [unclosed"), Options{}, vitae.EINVALID},
		{"truncated.pdf", pdf[:len(pdf)/2], Options{}, vitae.EINVALID},
		{"garbage.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj trailer << /Root 1 0 R >>"), Options{}, vitae.EINVALID},
		{"notzip.docx", []byte("hello"), Options{}, vitae.EINVALID},
		{"nul.txt", []byte("Jane Doe\n\x00\x01binary"), Options{}, vitae.EINVALID},
		{"big.txt", bytes.Repeat([]byte("Led the team.\n"), 2000), Options{MaxFileSize: 1000}, vitae.ETOOLARGE},
		{"many.md", []byte(strings.Repeat("- Shipped another important feature to customers\n", 200)), Options{MaxBullets: 100}, vitae.ETOOLARGE},
		{"resume.exe", []byte("MZ"), Options{}, vitae.EUNSUPPORTED},
		{"a-b?#%.md", []byte("- Led the platform team\n"), Options{}, vitae.EINVALID},
		{"..md", []byte("- Led the platform team\n"), Options{}, vitae.EINVALID},
		{"аlice.md", []byte("- Led the platform team\n"), Options{}, vitae.EINVALID}, // Cyrillic а
		{strings.Repeat("x", 5000) + ".md", []byte("- Led the platform team\n"), Options{}, vitae.EINVALID},
		{"empty.txt", []byte("\n\n"), Options{}, vitae.EUNPROCESSABLE},
		{"aaaa.txt", bytes.Repeat([]byte("a"), 3<<20), Options{}, vitae.EUNPROCESSABLE},
		{"José Núñez.md", []byte("- Led the platform team\n"), Options{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name[:min(len(tt.name), 40)], func(t *testing.T) {
			r, err := Parse(tt.name, tt.data, tt.opts)
			if tt.code == "" {
				// Accents leave the ID, the rest of the name stays.
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if r.ID != "jose-nunez" || len(r.Bullets) != 1 {
					t.Errorf("ID %q, %d bullets; want jose-nunez, 1", r.ID, len(r.Bullets))
				}
				return
			}
			if err == nil {
				t.Fatalf("want a %s error, got a résumé with %d bullets", tt.code, len(r.Bullets))
			}
			if got := vitae.ErrorCode(err); got != tt.code {
				t.Errorf("code = %s, want %s (%v)", got, tt.code, err)
			}
			if !strings.Contains(err.Error(), tt.name[:min(len(tt.name), 100)]) {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

// TestPDFErrorText: a file that is no PDF says so in plain text, its
// marker written once ("missing %EOF"; the reader's message doubles it).
func TestPDFErrorText(t *testing.T) {
	_, err := Parse("fake.pdf", []byte("%PDF-1.4\nbroken"), Options{})
	if err == nil || !strings.Contains(err.Error(), "missing %EOF") || strings.Contains(err.Error(), "%%") {
		t.Errorf("error %v, want one naming the file and \"missing %%EOF\" with one %%", err)
	}
}

// TestZipBomb: a DOCX whose document.xml inflates past the limit is
// refused while reading, whatever its headers claim.
func TestZipBomb(t *testing.T) {
	bomb, err := ingesttest.ZipBomb(28 << 20) // ~100 KiB compressed
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("bomb.docx", bomb, Options{MaxDecompressed: 1 << 20})
	if vitae.ErrorCode(err) != vitae.ETOOLARGE {
		t.Fatalf("zip bomb: got %v, want too_large", err)
	}
	t.Logf("compressed %d bytes refused: %v", len(bomb), err)
}

func TestInvalidUTF8IsRepaired(t *testing.T) {
	r, err := Parse("x.md", []byte("# Jo Doe\n\n- Improved the build \xff\xfe speed by half\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Bullets) != 1 || !strings.Contains(r.Bullets[0].Text, "\uFFFD") {
		t.Errorf("bullets: %+v", r.Bullets)
	}
}

func TestTenThousandBulletsWithinLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Pat Doe\n\n## Experience\n\n### Engineer — Acme\n2019 – Present\n\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&b, "- Delivered improvement number %d to production\n", i)
	}
	_, err := Parse("pat.md", []byte(b.String()), Options{})
	if vitae.ErrorCode(err) != vitae.ETOOLARGE {
		t.Fatalf("10,000 bullets with the default limit: %v", err)
	}
	r, err := Parse("pat.md", []byte(b.String()), Options{MaxBullets: 20000})
	if err != nil || len(r.Bullets) != 10000 {
		t.Fatalf("with a raised limit: %v, %d bullets", err, len(r.Bullets))
	}
}

func TestExpandNamesMissingPath(t *testing.T) {
	_, err := Expand([]string{filepath.Join(t.TempDir(), "nope")})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Expand of a missing path: %v", err)
	}
	var pe interface{ Error() string }
	if !errors.As(err, &pe) {
		t.Error("not an error")
	}
}
