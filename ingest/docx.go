package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"vitae"
)

// maxZipEntries bounds the archive's directory; a résumé has a few dozen.
const maxZipEntries = 1000

// parseDOCX reads word/document.xml: Heading styles become headings,
// list paragraphs bullets, the rest paragraphs, then the text parser runs.
// The inflated size is counted while reading, never trusted from headers,
// so a zip bomb stops at MaxDecompressed, the request's Budget or ctx's
// end; the text kept stops at MaxText, which bounds the parse's memory
// (paragraphs of one letter cost more as strings than as XML).
func parseDOCX(ctx context.Context, name string, data []byte, o Options) (*vitae.Resume, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed DOCX (not a zip archive)")
	}
	if len(zr.File) > maxZipEntries {
		return nil, vitae.Errorf(vitae.ETOOLARGE, "DOCX has %d entries, more than %d", len(zr.File), maxZipEntries)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return nil, vitae.Errorf(vitae.EINVALID, "malformed DOCX: no word/document.xml")
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed DOCX")
	}
	defer rc.Close()
	in := &inflater{ctx: ctx, r: rc, left: o.MaxDecompressed, budget: o.Budget}
	lines, err := docxLines(in, &textBound{left: o.MaxText})
	if lerr := in.limitError("DOCX", o.MaxDecompressed); lerr != nil {
		return nil, lerr
	}
	if errors.Is(err, errTextBound) {
		return nil, textTooLarge("DOCX", o.MaxText)
	}
	if err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed DOCX XML")
	}
	return parseLines(lines)
}

var errTextBound = errors.New("text bound exceeded")

func docxLines(r io.Reader, bound *textBound) ([]string, error) {
	dec := xml.NewDecoder(r)
	var lines []string
	var cur strings.Builder
	style, list, inText := "", false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				cur.Reset()
				style, list = "", false
			case "pStyle":
				style = attr(t, "val")
			case "numPr":
				list = true
			case "t":
				inText = true
			case "tab":
				cur.WriteByte(' ')
			case "br":
				cur.WriteByte(' ')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				text := strings.TrimSpace(cur.String())
				if !bound.keep(len(text)) {
					return nil, errTextBound
				}
				if text == "" {
					if len(lines) > 0 && lines[len(lines)-1] != "" {
						lines = append(lines, "")
					}
					continue
				}
				ls := strings.ToLower(style)
				switch {
				case strings.HasPrefix(ls, "heading") || ls == "title":
					level := 2
					if ls == "title" || ls == "heading1" {
						level = 1
					} else if len(ls) > 7 && ls[7] >= '3' {
						level = 3
					}
					lines = append(lines, "", strings.Repeat("#", level)+" "+text, "")
				case list || strings.Contains(ls, "list") || strings.Contains(ls, "bullet"):
					lines = append(lines, "- "+text)
				default:
					lines = append(lines, text, "")
				}
			}
		case xml.CharData:
			if inText {
				if int64(cur.Len()+len(t)) > bound.left {
					return nil, errTextBound
				}
				cur.Write(t)
			}
		}
	}
	return lines, nil
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
