package index

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"

	"vitae"
)

// formatVersion is what the index on disk holds and this Vitae reads:
// the bleve mapping and the vectors' filter metadata (metaOf). Bump it
// when either changes so that an index written before would answer
// wrongly; Open then refuses the old index (ErrFormat) and `vitae index
// --rebuild` makes it anew from its records.
//
//	1  company, role, person filters matched the whole lower-cased value
//	2  they match by words (words.go): fields company_words, role_words,
//	   person_words; vector metadata holds WordKeys
const formatVersion = 2

// formatKey is where bleve's internal store keeps the version. An index
// without it is format 1.
var formatKey = []byte("vitae_format")

// ErrFormat is wrapped by Open's error when the index was written by a
// Vitae of another format; the message says what to do.
var ErrFormat = errors.New("index format outdated")

// setFormat records formatVersion in a new bleve index.
func setFormat(bi bleve.Index) error {
	return bi.SetInternal(formatKey, []byte(strconv.Itoa(formatVersion)))
}

// checkFormat refuses a bleve index of another format than formatVersion.
func checkFormat(dir string, bi bleve.Index) error {
	raw, err := bi.GetInternal(formatKey)
	if err != nil {
		return fmt.Errorf("read index format: %w", err)
	}
	v := 1
	if raw != nil {
		if v, err = strconv.Atoi(string(raw)); err != nil {
			return fmt.Errorf("read index format %q: %w", raw, err)
		}
	}
	switch {
	case v == formatVersion:
		return nil
	case v < formatVersion:
		return vitae.Wrap(vitae.EUNAVAILABLE, fmt.Errorf("%w: format %d, this Vitae reads %d", ErrFormat, v, formatVersion), fmt.Sprintf(
			"index %s was written by an older Vitae (format %d; this one reads format %d: company, role and person filters match by words); rebuild it from its records with `vitae index --rebuild` (the old directory is kept aside)",
			dir, v, formatVersion))
	default:
		return vitae.Wrap(vitae.EUNAVAILABLE, fmt.Errorf("%w: format %d, this Vitae reads %d", ErrFormat, v, formatVersion), fmt.Sprintf(
			"index %s was written by a newer Vitae (format %d; this one reads format %d); run that version, or rebuild the index with this one (`vitae index --rebuild`)",
			dir, v, formatVersion))
	}
}
