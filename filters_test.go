package vitae

import "testing"

// TestFiltersEmptyIgnoresBlanks: blank values filter nothing (the index
// drops them), so they neither make a filter nor show in its words.
func TestFiltersEmptyIgnoresBlanks(t *testing.T) {
	for _, tc := range []struct {
		f     Filters
		empty bool
		text  string
	}{
		{Filters{}, true, ""},
		{Filters{Company: []string{"  "}, Role: []string{""}, Since: " "}, true, ""},
		{Filters{Company: []string{" ", "Acme"}}, false, "company: Acme"},
		{Filters{Since: "2019"}, false, "since 2019"},
	} {
		if got := tc.f.Empty(); got != tc.empty {
			t.Errorf("%+v: Empty() = %v, want %v", tc.f, got, tc.empty)
		}
		if got := tc.f.String(); got != tc.text {
			t.Errorf("%+v: String() = %q, want %q", tc.f, got, tc.text)
		}
	}
}
