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

// TestFiltersCheckBlank: a filter value that is empty or only spaces is
// refused naming its filter; an empty since or until is no filter.
func TestFiltersCheckBlank(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Filters
		want string // the message; "" for none
	}{
		{"none", Filters{}, ""},
		{"values", Filters{Skill: []string{"Go"}, Company: []string{"Acme"}, Since: "2019", Until: "2022-06"}, ""},
		{"empty since and until", Filters{Since: "", Until: ""}, ""},
		{"empty skill", Filters{Skill: []string{""}}, `skill filter "" is empty: give a value, or leave it out`},
		{"blank company after a value", Filters{Company: []string{"Acme", "  "}}, `company filter "  " is empty: give a value, or leave it out`},
		{"empty role", Filters{Role: []string{""}}, `role filter "" is empty: give a value, or leave it out`},
		{"empty person", Filters{Person: []string{""}}, `person filter "" is empty: give a value, or leave it out`},
		{"empty section", Filters{Section: []string{"\t"}}, `section filter "\t" is empty: give a value, or leave it out`},
		{"blank since", Filters{Since: " "}, `since filter " " is empty: give YYYY or YYYY-MM, or leave it out`},
		{"blank until", Filters{Until: "  "}, `until filter "  " is empty: give YYYY or YYYY-MM, or leave it out`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.CheckBlank()
			if tc.want == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || ErrorMessage(err) != tc.want {
				t.Errorf("error %v (code %s), want invalid %q", err, ErrorCode(err), tc.want)
			}
		})
	}
}
