package ingest

import (
	"bytes"
	"context"
	"io"
	"math"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"

	"vitae"
)

// pdfTimeout bounds text extraction: a PDF with looping or huge objects
// must cost one file a few seconds, not the batch.
var pdfTimeout = 10 * time.Second

// parsePDF extracts text row by row, page by page, then reads it as text.
// ctx's end stops it between pages and streams.
func parsePDF(ctx context.Context, name string, data []byte, o Options) (*vitae.Resume, error) {
	lines, err := PDFLines(ctx, data, o)
	if err != nil {
		return nil, err
	}
	return parseLines(lines)
}

// IsPDF reports whether data is a PDF file, by its header.
func IsPDF(data []byte) bool { return bytes.HasPrefix(data, []byte("%PDF-")) }

// PDFLines is a PDF's text, one line per row of the page and a blank line
// after a paragraph and a page, within o's page and text limits (zero
// values are the defaults). Résumés (ingest) and job descriptions (match)
// are both read through it. A malformed PDF is EINVALID; one that takes
// longer than pdfTimeout is ETIMEOUT; ctx's end stops it between pages
// and streams.
func PDFLines(ctx context.Context, data []byte, o Options) ([]string, error) {
	o = o.WithDefaults()
	type result struct {
		lines []string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: vitae.Errorf(vitae.EINVALID, "malformed PDF (%v)", p)}
			}
		}()
		lines, err := pdfLines(ctx, data, o)
		done <- result{lines, err}
	}()
	select {
	case r := <-done:
		return r.lines, r.err
	case <-ctx.Done():
		return nil, ctxError(ctx.Err())
	case <-time.After(pdfTimeout):
		// The goroutine is abandoned; its work is bounded by the input size.
		return nil, vitae.Errorf(vitae.ETIMEOUT, "PDF text extraction took longer than %s", pdfTimeout)
	}
}

func pdfLines(ctx context.Context, data []byte, o Options) ([]string, error) {
	maxPages := o.MaxPages
	bound := &textBound{left: o.MaxText}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		// The reader writes "missing %%EOF" for the %EOF marker.
		return nil, vitae.Errorf(vitae.EINVALID, "malformed PDF: %s", strings.ReplaceAll(err.Error(), "%%", "%"))
	}
	n := r.NumPage()
	if n > maxPages {
		return nil, vitae.Errorf(vitae.ETOOLARGE, "PDF has %d pages, more than %d", n, maxPages)
	}
	var lines []string
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, ctxError(err)
		}
		p, err := pdfPage(r, i)
		if err != nil {
			return nil, err
		}
		if p.V.IsNull() {
			continue
		}
		if err := checkPage(ctx, p, o); err != nil {
			return nil, err
		}
		// Characters come in content-stream order with their positions; a
		// change of baseline starts a new line, a large drop a paragraph.
		var b strings.Builder
		var y, lastX float64
		first := true
		for _, t := range p.Content().Text {
			switch {
			case first:
				first = false
			case math.Abs(t.Y-y) > 1:
				if !bound.keep(b.Len()) {
					return nil, textTooLarge("PDF", o.MaxText)
				}
				lines = append(lines, b.String())
				if y-t.Y > 20 {
					lines = append(lines, "")
				}
				b.Reset()
			case t.X-lastX > 2*t.FontSize && t.FontSize > 0 && !strings.HasSuffix(b.String(), " "):
				b.WriteByte(' ') // words set apart on the page are apart in text
			}
			y, lastX = t.Y, t.X+t.W
			b.WriteString(t.S)
		}
		if b.Len() > 0 {
			lines = append(lines, b.String())
		}
		lines = append(lines, "")
	}
	return lines, nil
}

// maxTreeDepth bounds the walks through a PDF's page tree, down through
// /Kids and up through /Parent: real files nest a few levels, a loop
// nests forever (the library's own walks have no bound).
const maxTreeDepth = 64

// pdfPage finds page num (1-based) as the library's Reader.Page does, but
// refuses a page tree that descends, or a page whose parents climb, past
// maxTreeDepth.
func pdfPage(r *pdf.Reader, num int) (pdf.Page, error) {
	loop := vitae.Errorf(vitae.EINVALID, "malformed PDF: page tree deeper than %d levels (a loop?)", maxTreeDepth)
	num-- // 0-based
	node := r.Trailer().Key("Root").Key("Pages")
	var found pdf.Value
	for depth := 0; found.IsNull() && node.Key("Type").Name() == "Pages"; depth++ {
		if depth > maxTreeDepth {
			return pdf.Page{}, loop
		}
		if int(node.Key("Count").Int64()) < num {
			return pdf.Page{}, nil
		}
		kids, next := node.Key("Kids"), pdf.Value{}
		for i := 0; i < kids.Len() && next.IsNull() && found.IsNull(); i++ {
			kid := kids.Index(i)
			switch kid.Key("Type").Name() {
			case "Pages":
				if c := int(kid.Key("Count").Int64()); num < c {
					next = kid
				} else {
					num -= c
				}
			case "Page":
				if num == 0 {
					found = kid
				}
				num--
			}
		}
		if next.IsNull() {
			break
		}
		node = next
	}
	for v, depth := found, 0; !v.IsNull(); v, depth = v.Key("Parent"), depth+1 {
		if depth > maxTreeDepth {
			return pdf.Page{}, loop
		}
	}
	return pdf.Page{V: found}, nil
}

// checkPage refuses, before the PDF library interprets them, the streams it
// would loop on forever: its lexer reads past the end of a stream as
// endless whitespace, so a hex string ("<0A1B…") left open at the end never
// ends, and the goroutine running it could not be stopped. It also bounds
// the inflated size of each stream.
func checkPage(ctx context.Context, p pdf.Page, o Options) error {
	streams := []pdf.Value{}
	c := p.V.Key("Contents")
	if c.Kind() == pdf.Array {
		for i := 0; i < c.Len(); i++ {
			streams = append(streams, c.Index(i))
		}
	} else {
		streams = append(streams, c)
	}
	fonts := p.Resources().Key("Font")
	for _, name := range fonts.Keys() {
		streams = append(streams, fonts.Key(name).Key("ToUnicode"))
	}
	for _, v := range streams {
		if v.Kind() != pdf.Stream {
			continue
		}
		in := &inflater{ctx: ctx, r: v.Reader(), left: o.MaxDecompressed, budget: o.Budget}
		data, err := io.ReadAll(in)
		if lerr := in.limitError("PDF stream", o.MaxDecompressed); lerr != nil {
			return lerr
		}
		if err != nil {
			return vitae.Wrap(vitae.EINVALID, err, "malformed PDF stream")
		}
		if openHexString(data) {
			return vitae.Errorf(vitae.EINVALID, "malformed PDF: stream ends inside a hex string")
		}
	}
	return nil
}

// openHexString reports whether a hex string begun at the last '<' is still
// open at the end of s — the one shape on which the lexer never stops. The
// lexer reads digits in pairs, skipping whitespace; a '>' in first place
// closes the string and any other non-hex byte makes it give up, but a pair
// still wanting its second byte at the end waits forever. Any other '<'
// that opened such a string would itself be that lone last byte.
func openHexString(s []byte) bool {
	i := bytes.LastIndexByte(s, '<')
	if i < 0 {
		return false
	}
	var tail []byte
	for _, c := range s[i+1:] {
		switch c {
		case 0, '\t', '\n', '\f', '\r', ' ':
		default:
			tail = append(tail, c)
		}
	}
	for k := 0; k < len(tail); k += 2 {
		if tail[k] == '>' {
			return false
		}
		if k+1 == len(tail) {
			return true
		}
		if !isHex(tail[k]) || !isHex(tail[k+1]) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
