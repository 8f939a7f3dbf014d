// Package ingesttest builds résumé files byte by byte for tests: PDFs with
// exactly the objects a case needs and DOCX archives, including hostile
// ones (zip bombs). Tests of ingest and of the command line share it, as
// net/http/httptest serves the tests of net/http's users.
package ingesttest
