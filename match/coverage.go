package match

import "fmt"

// How a candidate's coverage is said to people. "Met" counts partial
// evidence too (a bare "Skills: AWS" meets "Reduced cloud costs on AWS"
// partly); the ranking needs that count, a reader needs to see how much
// of it is partial, so every summary splits it.

// Summary is the coverage in words, as the CLI and the page show it:
// "must-haves met 4/4 (1 strong, 3 partial), nice-to-haves 1/2 (1 partial)".
func (c Coverage) Summary() string {
	return "must-haves met " + split(c.MustMet, c.MustTotal, c.MustStrong) +
		", nice-to-haves " + split(c.NiceMet, c.NiceTotal, c.NiceStrong)
}

// split is "met/total" and, when any is met, how many strong and partial.
func split(met, total, strong int) string {
	s := fmt.Sprintf("%d/%d", met, total)
	switch partial := met - strong; {
	case met == 0:
		return s
	case partial == 0:
		return fmt.Sprintf("%s (%d strong)", s, strong)
	case strong == 0:
		return fmt.Sprintf("%s (%d partial)", s, partial)
	default:
		return fmt.Sprintf("%s (%d strong, %d partial)", s, strong, partial)
	}
}

// Mark is the sign of an evidence level in text answers: ✓ strong,
// ◐ partial, ✗ none (Legend says so).
func Mark(level string) string {
	switch level {
	case Strong.String():
		return "✓"
	case Partial.String():
		return "◐"
	}
	return "✗"
}

// Legend explains Mark and what "met" counts.
const Legend = "✓ strong evidence · ◐ partial evidence (counts as met, for less) · ✗ not shown"

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
