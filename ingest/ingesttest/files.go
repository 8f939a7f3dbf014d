package ingesttest

import (
	"archive/zip"
	"bytes"
	"fmt"
)

// PDF lays out numbered objects (1 0 obj …) with a correct xref table and
// trailer (root: object 1), so a case differs from a valid PDF only where
// it means to.
func PDF(objs ...string) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return buf.Bytes()
}

// Stream is a PDF stream object with its /Length and extra dictionary
// entries (dict, e.g. "/Filter /FlateDecode ").
func Stream(dict, body string) string {
	return fmt.Sprintf("<< /Length %d %s>>\nstream\n%s\nendstream", len(body), dict, body)
}

// File is one member of a zip archive.
type File struct{ Name, Body string }

// Zip writes files into a zip archive, deflated.
func Zip(files ...File) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f.Body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ZipBomb is a DOCX whose word/document.xml inflates to at least inflated
// bytes of repeated paragraphs, from about a thousandth of that.
func ZipBomb(inflated int) ([]byte, error) {
	return Bomb("<w:p><w:r><w:t>a</w:t></w:r></w:p>", inflated)
}

// Bomb is a DOCX whose word/document.xml repeats unit (XML inside
// <w:body>) until it inflates to at least inflated bytes; a unit without
// text (an empty element) costs a parser time but yields nothing to keep.
func Bomb(unit string, inflated int) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		return nil, err
	}
	if _, err := w.Write([]byte(`<w:document xmlns:w="x"><w:body>`)); err != nil {
		return nil, err
	}
	chunk := bytes.Repeat([]byte(unit), 1<<17/len(unit)+1)
	for n := 0; n < inflated; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
