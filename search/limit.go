package search

import "vitae"

// DefaultLimit is the page size a request gets when it asks for none.
const DefaultLimit = 10

// CheckLimit is the one rule for a requested page size, shared by the CLI
// and the API so that both refuse the same values: 0 asks for
// DefaultLimit, 1..max is served, anything else is an EINVALID error that
// names the limit. what names the flag or field; max is search.max_limit.
func CheckLimit(what string, n, max int) error {
	if n < 0 || n > max {
		return vitae.Errorf(vitae.EINVALID, "%s %d is outside 1..%d (0 means %d; the maximum is search.max_limit)", what, n, max, DefaultLimit)
	}
	return nil
}
