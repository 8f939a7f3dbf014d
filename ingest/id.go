package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vitae"
)

// MaxIDLen bounds a résumé ID: it is a bbolt key, a bleve field value
// and a URL segment.
const MaxIDLen = 128

// ValidID is the one rule for résumé IDs, wherever they come from (a JSON
// upload's ?id=, a file name's stem, a route parameter): 1 to MaxIDLen
// ASCII letters, digits, '.', '_' or '-', and neither "." nor "..". The
// error is EINVALID and says which rule the ID breaks.
func ValidID(id string) error {
	switch {
	case id == "":
		return vitae.Errorf(vitae.EINVALID, "empty résumé ID")
	case len(id) > MaxIDLen:
		return vitae.Errorf(vitae.EINVALID, "résumé ID longer than %d characters", MaxIDLen)
	case id == "." || id == "..":
		return vitae.Errorf(vitae.EINVALID, "résumé ID %q is not allowed", id)
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return vitae.Errorf(vitae.EINVALID, "résumé IDs may contain ASCII letters, digits, '-', '_' and '.' only")
		}
	}
	return nil
}

// ID returns the résumé ID of a file name: its stem lower-cased, accents
// dropped ("José" → "jose"), runs of spaces as one dash. It may break
// ValidID ("a?b", Cyrillic, 5,000 characters); FileID checks.
func ID(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if len(stem) > 4*MaxIDLen {
		stem = stem[:4*MaxIDLen] // invalid anyway; bound the work below
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(stem) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Join(strings.Fields(b.String()), "-")
}

// FileID is ID(name) when that is a valid ID, else an EINVALID error
// naming the rule it breaks.
func FileID(name string) (string, error) {
	id := ID(name)
	if err := ValidID(id); err != nil {
		return "", err
	}
	return id, nil
}

// BulletID is stable: the same résumé and reference give the same ID.
func BulletID(resumeID, ref string) string {
	sum := sha256.Sum256([]byte(resumeID + "\x00" + ref))
	return hex.EncodeToString(sum[:8])
}

// Rename moves r to the résumé ID id: its bullets take IDs under it.
func Rename(r *vitae.Resume, id string) {
	r.ID = id
	for i := range r.Bullets {
		r.Bullets[i].ResumeID = id
		r.Bullets[i].ID = BulletID(id, r.Bullets[i].Ref)
	}
}
