package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"vitae/ingest/ingesttest"
)

// docxParagraph is one paragraph of a generated DOCX: a style and text.
type docxParagraph struct{ style, text string }

// buildDOCX writes a minimal, valid DOCX with the given paragraphs.
func buildDOCX(tb testing.TB, paras []docxParagraph) []byte {
	tb.Helper()
	var body strings.Builder
	for _, p := range paras {
		body.WriteString("<w:p>")
		if p.style != "" {
			fmt.Fprintf(&body, `<w:pPr><w:pStyle w:val="%s"/></w:pPr>`, p.style)
		}
		fmt.Fprintf(&body, `<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, xmlEscape(p.text))
	}
	files := []ingesttest.File{
		{Name: "[Content_Types].xml", Body: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{Name: "_rels/.rels", Body: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{Name: "word/document.xml", Body: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	}
	data, err := ingesttest.Zip(files...)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// buildPDF writes a minimal PDF 1.4 with one Helvetica text line per entry,
// top to bottom, with correct xref offsets.
func buildPDF(tb testing.TB, lines []string) []byte {
	tb.Helper()
	var content strings.Builder
	y := 770
	for _, l := range lines {
		if l == "" {
			y -= 28
			continue
		}
		l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
		fmt.Fprintf(&content, "BT /F1 11 Tf 50 %d Td (%s) Tj ET\n", y, l)
		y -= 14
	}
	return ingesttest.PDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

var docxFixture = []docxParagraph{
	{"Title", "Morgan Blake"},
	{"Heading1", "Experience"},
	{"Heading2", "Account Executive — Litware"},
	{"", "Feb 2019 – Present"},
	{"ListBullet", "Closed $2.4M in new annual recurring revenue in 2023, 130% of quota"},
	{"ListBullet", "Built a partner channel that sourced a third of the pipeline"},
	{"Heading2", "Sales Development Rep — Proseware"},
	{"", "2016 – 2019"},
	{"ListBullet", "Booked 40 qualified meetings a month through cold outreach in Salesforce"},
}

var pdfFixture = []string{
	"Riley Chen",
	"",
	"Experience",
	"",
	"Math Teacher - Lincoln High School",
	"Aug 2015 - Present",
	"- Taught algebra and statistics to 150 students a year",
	"- Raised the pass rate on state exams from 68% to 84%",
	"",
	"Tutor - Learning Lab",
	"2012 - 2015",
	"- Coached small groups of students through SAT preparation",
}
