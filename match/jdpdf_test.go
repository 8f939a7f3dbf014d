package match

import (
	"fmt"
	"strings"
	"testing"

	"vitae"
	"vitae/ingest/ingesttest"
)

// jdPDF is a one-page PDF with one Helvetica line per entry, top to
// bottom, as a job description exported from a word processor reads.
func jdPDF(lines ...string) string {
	var content strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 11 Tf 50 %d Td (%s) Tj ET\n", 770-14*i, l)
	}
	return string(ingesttest.PDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		ingesttest.Stream("", content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	))
}

// TestParseJDReadsAPDFAsItsText: a PDF is read as the text on its pages,
// whatever format is named, never as its own syntax ("%PDF-1.4", "2 0
// obj"); a PDF without text, a DOCX and a format there is not are
// EINVALID, saying why.
func TestParseJDReadsAPDFAsItsText(t *testing.T) {
	pdf := jdPDF("SRE Manager", "Requirements:", "- Kubernetes in production", "- Terraform modules")
	tests := []struct {
		name, text, format string
		title              string   // want, when accepted
		reqs               []string // want, when accepted
		msg                string   // "" = accepted
	}{
		{"a PDF", pdf, "", "SRE Manager", []string{"Kubernetes in production", "Terraform modules"}, ""},
		{"a PDF named markdown", pdf, "markdown", "SRE Manager", []string{"Kubernetes in production", "Terraform modules"}, ""},
		{"a PDF without text", jdPDF(), "", "", nil, "PDF without text"},
		{"a truncated PDF", pdf[:200], "", "", nil, "PDF that could not be read"},
		{"a DOCX", "PK\x03\x04\x14\x00\x06\x00word/document.xml", "", "", nil, "DOCX"},
		{"the format pdf", "- Go", "pdf", "", nil, `format "pdf": want one of text, markdown, html, json`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.text, tt.format)
			if tt.msg != "" {
				if vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(vitae.ErrorMessage(err), tt.msg) {
					t.Fatalf("err %v, want EINVALID with %q", err, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := requirementTexts(jd)
			if jd.Title != tt.title || strings.Join(got, "|") != strings.Join(tt.reqs, "|") {
				t.Errorf("title %q, requirements %q; want %q, %q", jd.Title, got, tt.title, tt.reqs)
			}
		})
	}
}

// TestNewJobStoresAPDFAsItsText: a stored job is what a person reads
// back, so a PDF is kept as its text, not its syntax.
func TestNewJobStoresAPDFAsItsText(t *testing.T) {
	j, err := NewJob("", jdPDF("SRE Manager", "Requirements:", "- Kubernetes in production"), "")
	if err != nil {
		t.Fatal(err)
	}
	if j.Title != "SRE Manager" || strings.Contains(j.JobDescription, "%PDF") || !strings.Contains(j.JobDescription, "- Kubernetes in production") {
		t.Errorf("stored %+v", j)
	}
}

// TestReadJD reads a job description file's bytes: a PDF as its text,
// text as it is, binary data refused.
func TestReadJD(t *testing.T) {
	tests := []struct {
		name, data string
		want, msg  string // want: in the text; msg: in the error
	}{
		{"a PDF", jdPDF("SRE Manager", "- Kubernetes in production"), "SRE Manager\n- Kubernetes in production", ""},
		{"Markdown", "# SRE\n- Go\n", "# SRE\n- Go\n", ""},
		{"binary data", randomBytes(300), "", "not UTF-8"},
		{"a NUL", "- Go\x00", "", "U+0000"},
		{"a DOCX", "PK\x03\x04rest", "", "DOCX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadJD([]byte(tt.data))
			if tt.msg != "" {
				if vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(err.Error(), tt.msg) {
					t.Fatalf("err %v, want EINVALID with %q", err, tt.msg)
				}
				return
			}
			if err != nil || !strings.Contains(got, tt.want) {
				t.Errorf("ReadJD = %q, %v; want it to hold %q", got, err, tt.want)
			}
		})
	}
}

// TestParseJDWarnsOfAResume: a JSON Resume sent as the job description is
// read, as before, with a warning that it is a person, not a job; a job
// in JSON Resume's job schema, and text, carry none.
func TestParseJDWarnsOfAResume(t *testing.T) {
	const resume = `{"basics":{"name":"Kai Moss"},"work":[{"name":"Initrode","position":"SRE"}],"skills":[{"name":"Kubernetes","keywords":["Helm"]}]}`
	tests := []struct {
		name, text, format string
		warned             bool
	}{
		{"a JSON Resume", resume, "", true},
		{"a JSON Resume read as JSON", resume, "json", true},
		{"a job in JSON", `{"title":"SRE","skills":[{"name":"Kubernetes"}]}`, "", false},
		{"basics without work", `{"basics":{"name":"x"},"skills":[{"name":"Kubernetes"}]}`, "", false},
		{"text", "# SRE\n- Kubernetes in production", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.text, tt.format)
			if err != nil {
				t.Fatal(err)
			}
			warned := len(jd.Warnings) == 1 && jd.Warnings[0].Code == WarnResume && strings.Contains(jd.Warnings[0].Message, "looks like a résumé")
			if warned != tt.warned || (!tt.warned && len(jd.Warnings) > 0) {
				t.Errorf("warnings %q, want a résumé warning: %v", jd.Warnings, tt.warned)
			}
		})
	}
	// Skills as plain strings, as many résumés write them, do not fit the
	// job schema: the refusal says the file is a résumé, not a Go type.
	_, err := ParseJD(`{"basics":{"name":"Ana"},"work":[],"skills":["Go"]}`, "")
	if msg := vitae.ErrorMessage(err); !strings.Contains(msg, "looks like a résumé") || strings.Contains(msg, "struct") {
		t.Errorf("err %v, want one saying it is a résumé", err)
	}
}

// TestParseJDRefusesAHugePDF: a PDF past MaxJDPDFBytes is refused as too
// large before it is read (review22b: a 5 MB one held a request for
// seconds).
func TestParseJDRefusesAHugePDF(t *testing.T) {
	pdf := jdPDF("SRE Manager", "Requirements:", "- Kubernetes in production")
	huge := pdf + "%" + strings.Repeat("x", MaxJDPDFBytes) + "\n"
	_, err := ParseJD(huge, "")
	if vitae.ErrorCode(err) != vitae.ETOOLARGE {
		t.Fatalf("ParseJD(%d-byte PDF) = %v, want ETOOLARGE", len(huge), err)
	}
	if _, err := ParseJD(pdf, ""); err != nil {
		t.Fatalf("ParseJD(small PDF) = %v", err)
	}
}
