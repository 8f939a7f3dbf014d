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
		}
		cur.Reset()
		prefix = ""
	}
	depth := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		depth++
		defer func() { depth-- }()
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
			walk(c)
		}
	}
	walk(doc)
	flush()
	// Blank lines between blocks keep paragraphs apart.
	return parseLines(interleave(lines))
}

// interleave puts a blank line after every paragraph line so the text
// parser does not join separate HTML blocks into one paragraph.
func interleave(lines []string) []string {
	out := make([]string, 0, 2*len(lines))
	for _, l := range lines {
		out = append(out, l)
		if !strings.HasPrefix(l, "- ") {
			out = append(out, "")
		}
	}
	return out
}
