package index

import (
	"slices"
	"testing"
)

// A filter value's key has no accents; one with accents also gives its
// key with them, which an index built before accents were folded holds.
func TestWordKeysFoldAccents(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  []string
	}{
		{"Acme", []string{"|acme|"}},
		{"Ácme 株式会社", []string{"|acme|株式会社|", "|ácme|株式会社|"}},
		{"Zürich Versicherung", []string{"|zurich|versicherung|", "|zürich|versicherung|"}},
	} {
		got, err := WordKeys("company", []string{tc.value})
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("WordKeys(%q) = %v, %v; want %v", tc.value, got, err, tc.want)
		}
	}
}
