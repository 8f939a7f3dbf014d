package ingest

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

	"vitae"
)

// parseHTML renders the document's structure as Markdown-like lines
// (headings, list items, paragraphs) and reads them as text. Markup is
// never kept: only text nodes reach bullets.
func parseHTML(name string, data []byte, o Options) (*vitae.Resume, error) {
	if err := checkBinary(data); err != nil {
		return nil, err
	}
	lines, err := HTMLLines(data)
	if err != nil {
		return nil, err
	}
	return parseLines(lines)
}

// HTMLLines flattens an HTML document into Markdown-like lines: a heading
// becomes "# …" (as many #s as its level), a list item "- …", every other
// block (paragraph, div, section, table row, …) one line followed by a
// blank line, so that separate blocks are never read as one paragraph.
// Scripts, styles, templates, SVG and the head are dropped; only text nodes
// reach the lines, with white space folded. Nesting deeper than 256
// elements is ignored. Résumés (ingest) and job descriptions (match) are
// both read through it.
func HTMLLines(data []byte) ([]string, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed HTML")
	}
	var lines []string
	var cur strings.Builder
	prefix := ""
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			lines = append(lines, prefix+t)
			if prefix != "- " {
				lines = append(lines, "") // blank lines keep paragraphs apart
			}
		}
		cur.Reset()
		prefix = ""
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 256 {
			return // absurd nesting: ignore the rest of this branch
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template", "head", "svg":
				return
			case "h1", "h2", "h3", "h4", "h5", "h6":
				flush()
				prefix = strings.Repeat("#", int(n.Data[1]-'0')) + " "
				defer flush()
			case "li":
				flush()
				prefix = "- "
				defer flush()
			case "p", "div", "section", "article", "header", "footer", "tr", "dt", "dd", "blockquote", "ul", "ol", "table":
				flush()
				defer flush()
			case "br":
				flush()
			}
		}
		if n.Type == html.TextNode {
			cur.WriteString(n.Data)
			cur.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 1)
	flush()
	return lines, nil
}
