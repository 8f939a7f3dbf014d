package audit

import (
	"fmt"
	"strings"
	"time"

	"vitae"
)

// Policy is retention.resumes: how long a résumé is kept without
// activity, by default and by source. A zero duration keeps résumés
// until deleted.
type Policy struct {
	Default time.Duration
	// Rules override Default for the résumés whose source starts with
	// their prefix; the longest matching prefix wins.
	Rules []Rule
}

// Rule keeps the résumés of one source for Keep.
type Rule struct {
	// Source is a prefix of the résumé's source (vitae.Resume.Source):
	// "upload:" for every upload, or the start of the path `vitae index`
	// was given, such as "data/agency-x/".
	Source string        `json:"source"`
	Keep   time.Duration `json:"keep"` // 0: keep until deleted
}

// DefaultRule names the policy's default in plans and reasons.
const DefaultRule = "default"

// Validate reports every problem at once.
func (p Policy) Validate() error {
	var errs []string
	if p.Default < 0 {
		errs = append(errs, "the default must not be negative")
	}
	seen := map[string]bool{}
	for i, r := range p.Rules {
		switch {
		case r.Source == "":
			errs = append(errs, fmt.Sprintf("rule %d: source is empty", i+1))
		case seen[r.Source]:
			errs = append(errs, fmt.Sprintf("rule %d: source %q is given twice", i+1, r.Source))
		}
		seen[r.Source] = true
		if r.Keep < 0 {
			errs = append(errs, fmt.Sprintf("rule %d (%s): keep must not be negative", i+1, r.Source))
		}
	}
	if len(errs) > 0 {
		return vitae.Errorf(vitae.EINVALID, "retention policy: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Active reports whether the policy can erase anything.
func (p Policy) Active() bool {
	if p.Default > 0 {
		return true
	}
	for _, r := range p.Rules {
		if r.Keep > 0 {
			return true
		}
	}
	return false
}

// For is the period for a résumé read from source, and the rule that
// gave it: DefaultRule, or "source " and the rule's prefix.
func (p Policy) For(source string) (time.Duration, string) {
	keep, rule, best := p.Default, DefaultRule, -1
	for _, r := range p.Rules {
		if len(r.Source) > best && strings.HasPrefix(source, r.Source) {
			keep, rule, best = r.Keep, "source "+r.Source, len(r.Source)
		}
	}
	return keep, rule
}
