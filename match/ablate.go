package match

import (
	"fmt"
	"slices"
	"strings"
)

// Ablations are the names Options.Ablate takes. A comma list of them
// switches several off at once: "role-names,role-share" gives the role
// fit of the build before role short names and role words' share
// (docs/matching.md, "Role titles: short names, and the words no one
// carries").
var Ablations = []string{"role-fit", "years", "levels", "title-search", "role-sense", "role-family", "role-names", "role-share", "length", "role-evidence", "core"}

// CheckAblate returns an error naming the first part of a comma list
// that is not one of Ablations: a misspelt part would be run as none.
func CheckAblate(list string) error {
	for _, a := range splitAblate(list) {
		if !slices.Contains(Ablations, a) {
			return fmt.Errorf("%q: not one of %s", a, strings.Join(Ablations, ", "))
		}
	}
	return nil
}

// ablated reports whether part is switched off.
func (o Options) ablated(part string) bool {
	return slices.Contains(splitAblate(o.Ablate), part)
}

// splitAblate is a comma list's parts, trimmed; none for "".
func splitAblate(list string) []string {
	if list == "" {
		return nil
	}
	parts := strings.Split(list, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// ablateKey is a comma list as the rules id reads it: trimmed, sorted,
// without repeats, so "years,role-fit" and "role-fit, years" are the
// same rules; one part stays as written ("years").
func ablateKey(list string) string {
	parts := slices.DeleteFunc(splitAblate(list), func(p string) bool { return p == "" })
	slices.Sort(parts)
	return strings.Join(slices.Compact(parts), ",")
}
