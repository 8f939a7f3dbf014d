// Package ingest turns résumé files into bullet documents: each file becomes
// one vitae.Resume whose Bullets are its achievements, one per highlight,
// list item or sentence, each carrying person, company, role, dates,
// section, skills and a reference back into the source (a JSON Pointer for
// JSON and YAML, a line number for text formats).
//
// Formats: JSON Resume (.json) and the same schema in YAML (.yaml, .yml);
// Markdown and plain text (.md, .txt); HTML; DOCX; PDF — all pure Go. A
// file's format comes from its extension, checked against its content.
//
// Every error names the file and says why, with a vitae error code inside
// (EINVALID, ETOOLARGE, EUNSUPPORTED), so a batch can skip the file and go on.
//
// Three readers are shared with job-description parsing (package match), so
// that both kinds of text are cut by one set of rules: Sentences, the one
// sentence splitter, HTMLLines, the one HTML-to-lines walker, and
// PDFLines, the one PDF text extractor. The sample résumés the tests read
// are the demo's, in ../data.
package ingest
