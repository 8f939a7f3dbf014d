package index

import (
	"context"
	"testing"

	"vitae"
)

// Upsert, replace, delete and restart are in the conformance suite
// (storetest, run by conformance_test.go); these are the embedded
// backend's own rules.

// A second process opening a busy index is told so, quickly, and the
// first keeps working.
func TestOpenBusyIndexFails(t *testing.T) {
	dir := t.TempDir()
	ix := open(t, Options{Path: dir})
	if _, err := ix.Upsert(context.Background(), sample()); err != nil {
		t.Fatal(err)
	}
	if again, err := Open(Options{Path: dir}); err == nil {
		again.Close()
		t.Fatal("a second Open of a busy index should fail clearly")
	} else if vitae.ErrorCode(err) != vitae.EUNAVAILABLE {
		t.Errorf("second Open: %v, want EUNAVAILABLE", err)
	}
	if st, err := ix.Stats(); err != nil || st.Resumes != 3 {
		t.Errorf("first index after the refused Open: %+v, %v", st, err)
	}
}
