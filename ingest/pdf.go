package ingest

import (
	"bytes"
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
func parsePDF(name string, data []byte, o Options) (*vitae.Resume, error) {
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
		lines, err := pdfLines(data, o.MaxPages)
		done <- result{lines, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		return parseLines(r.lines)
	case <-time.After(pdfTimeout):
		// The goroutine is abandoned; its work is bounded by the input size.
		return nil, vitae.Errorf(vitae.ETIMEOUT, "PDF text extraction took longer than %s", pdfTimeout)
	}
}

func pdfLines(data []byte, maxPages int) ([]string, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed PDF")
	}
	n := r.NumPage()
	if n > maxPages {
		return nil, vitae.Errorf(vitae.ETOOLARGE, "PDF has %d pages, more than %d", n, maxPages)
	}
	var lines []string
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
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
