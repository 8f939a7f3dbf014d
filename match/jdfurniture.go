package match

import (
	"regexp"
	"strings"

	"vitae/lexicon"
)

// A JD copied from a job board or an e-mail carries the page and the
// letter around it: LinkedIn's "Show more" and its job-criteria block,
// Indeed's "8 hour shift", a greeting, a sign-off and a signature. None of
// it is a requirement, and read as plain lines it would become must-haves
// that no résumé meets. unfurnish blanks it before the lines are read.

// criteria are job-board labels whose value is on the next line
// ("Seniority level" / "Mid-Senior level").
var criteria = map[string]bool{
	"seniority level": true, "employment type": true, "job function": true, "industries": true,
}

// furniture are whole lines of a job board's page.
var furniture = map[string]bool{
	"show more": true, "show less": true, "8 hour shift": true, "10 hour shift": true, "12 hour shift": true,
	"monday to friday": true, "weekends as needed": true, "day shift": true, "night shift": true, "on call": true,
}

var (
	reGreeting = regexp.MustCompile(`(?i)^(?:hi|hello|hey|dear|good (?:morning|afternoon))\b[^.!?]{0,40},$`)
	reSignOff  = regexp.MustCompile(`(?i)^(?:thanks|thank you|many thanks|best|best regards|kind regards|warm regards|regards|cheers|sincerely|all the best)[,.!]?$`)
	reQuote    = regexp.MustCompile(`^\s*(?:>\s?)+`)
)

// unfurnish returns raw with e-mail quote marks ("> ") stripped when the
// text is a quoted e-mail (quotedMail), and the
// page and letter furniture blanked: job-board lines (furniture, criteria
// and the value after each label, a signature line), a greeting as the
// first line, and a
// sign-off with everything after it (the name and signature under
// "Best regards,").
func unfurnish(raw []string) []string {
	out := make([]string, len(raw))
	first, quoted := true, quotedMail(raw)
	for i := 0; i < len(raw); i++ {
		line := raw[i] // indented as written: an indent continues an item
		if quoted {
			line = reQuote.ReplaceAllString(line, "")
		}
		t := strings.TrimSpace(line)
		k := strings.ToLower(t)
		switch {
		case t == "":
		case first && reGreeting.MatchString(t):
			t = ""
		case reSignOff.MatchString(t):
			return out
		case furniture[k] || signature(t):
			t = ""
		case criteria[k]:
			t = ""
			if i+1 < len(raw) {
				i++ // the label's value
			}
		}
		if t != "" {
			first = false
			out[i] = line
		}
	}
	return out
}

// signature reports whether a line is an e-mail signature's: three or more
// short parts between " | " that name no skill ("Jane Doe | Head of Talent
// | Acme Corp"; "Go | Kubernetes | AWS" is a list).
func signature(line string) bool {
	parts := strings.Split(line, " | ")
	if len(parts) < 3 || len(lexicon.Default().Skills(line)) > 0 {
		return false
	}
	for _, p := range parts {
		if len(strings.Fields(p)) > 5 {
			return false
		}
	}
	return true
}

// quotedMail reports whether most lines that are not blank start with a
// quote mark: a forwarded e-mail, not a line that happens to ("…team size"
// / ">10. Proven success…").
func quotedMail(raw []string) bool {
	quoted, n := 0, 0
	for _, r := range raw {
		if t := strings.TrimSpace(r); t != "" {
			n++
			if strings.HasPrefix(t, ">") {
				quoted++
			}
		}
	}
	return quoted*2 > n
}
