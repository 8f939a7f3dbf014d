package match

import (
	"regexp"
	"slices"
	"strings"
)

// A requirement's skills are one slot any of them fills: a list of tools
// is a list of alternatives ("Python, Go or bash", "- Go, Rust", "such
// as Kubernetes, Docker and Prometheus"). A requirement that joins its
// skills with "and" asks for each of them ("Python and AWS", "Go,
// Kubernetes and Terraform", "experience with Kafka and Spark"): a bullet
// that names one of them is strong evidence only when the candidate shows
// the others elsewhere — another bullet or the skills list — and partial
// otherwise (docs/matching.md §2, step 4).

// reAnd is an "and" written as a sign or a phrase: read as "and".
var reAnd = regexp.MustCompile(`(?i)\s+(?:&|\bas well as)\s+`)

// reExamples marks a piece of a requirement that opens or closes a list
// of examples: its skills are alternatives, "and" or not.
var reExamples = regexp.MustCompile(`(?i)(?:\bsuch as|\blike|\be\.g\b|\beg\b|\bincluding|\bincl\b|\bfor example|\bi\.e\b|\bnamely|\bespecially|\bone of|\bany of|\bsome of|\beither|\betc\b|\bother\b|\bsimilar\b|\bequivalent\b)`)

// conjoined returns the lexicon skills requirement text joins with
// "and": a list whose items are each one skill ("Go, Kubernetes and
// Terraform"; the first may end a phrase, "experience with Kafka", the
// last open one, "Spark experience"), joined by commas and at least one
// "and", with no "or", slash or bracket among them and no example
// opener ("such as", "etc.", "and other"); nil when it joins none.
// skills are the requirement's skill keys (reqParts.skills).
func (z *analyzer) conjoined(text string, skills map[string]bool) []string {
	if len(skills) < 2 {
		return nil
	}
	text = reAnd.ReplaceAllString(text, " and ")
	seps := reClause.FindAllString(text, -1)
	var out, run []string
	// The run's joins: an "and"; an example opener; an "or" or bracket.
	and, examples, other := false, false, false
	end := func() {
		if len(run) >= 2 && and && !examples && !other {
			out = append(out, run...)
		}
		run, and, examples, other = nil, false, false, false
	}
	sep := ""       // the separators since the run's last item
	open := false   // the run's last item ends its piece: the list may go on
	opened := false // an example opener came before, and the list goes on
	for i, piece := range reClause.Split(text, -1) {
		if i > 0 {
			sep += " " + strings.ToLower(strings.TrimSpace(seps[i-1]))
		}
		if strings.TrimSpace(piece) == "" {
			continue
		}
		key, first, last := z.item(piece, skills)
		ex := reExamples.MatchString(piece)
		if key == "" || !first || !open || slices.Contains(run, key) {
			examples = examples || ex // "EC2, RDS, S3, etc.": the run was examples
			end()
			if key != "" && last {
				run, examples = []string{key}, ex || opened
			}
			// "Container tooling such as Kubernetes, Docker and Helm": the
			// list after an opener is examples until a piece names none.
			opened = ex || opened && key != ""
			open, sep = key != "" && last, ""
			continue
		}
		for _, s := range strings.Fields(sep) {
			switch s {
			case "and":
				and = true
			case ",":
			default:
				other = true // "Python or Go", "(PostgreSQL, MySQL) and …"
			}
		}
		examples = examples || ex // "such as Kubernetes, Docker and Prometheus"
		run = append(run, key)
		open, sep = last, ""
	}
	end()
	return out
}

// item reads one piece of a list for conjoined: the one lexicon skill of
// skills it names ("" for none or several), and whether that skill is
// its first and its last content word.
func (z *analyzer) item(piece string, skills map[string]bool) (key string, first, last bool) {
	var content []token
	for _, t := range z.tokens(piece) {
		if t.key == "" {
			continue
		}
		content = append(content, t)
		if strings.HasPrefix(t.key, "g:") && skills[t.key] && t.key != key {
			if key != "" {
				return "", false, false
			}
			key = t.key
		}
	}
	if key == "" {
		return "", false, false
	}
	return key, content[0].key == key, content[len(content)-1].key == key
}

// lacks returns the skills of r's conjunction the bullet (b, read from
// text) does not name. A word of one of its lexicon phrases names its
// own skill too: "time series forecasting" (one phrase, Time Series)
// says forecasting.
func (z *analyzer) lacks(r *reqParts, b *textParts, text string) []string {
	var out []string
	var toks []token
	for _, k := range r.conj {
		if b.keys[k] {
			continue
		}
		if toks == nil {
			toks = z.tokens(text)
		}
		if !slices.ContainsFunc(toks, func(t token) bool {
			return t.span > 0 && slices.ContainsFunc(z.wordKeys(t), func(w token) bool { return w.key == k })
		}) {
			out = append(out, k)
		}
	}
	return out
}

// conjoin makes a strong grade partial when the bullet (b, read from
// text) names only some of the skills the requirement joins with "and",
// unless shown reports that the candidate shows each missing one
// elsewhere; shown may be nil (a pair judged alone).
func (z *analyzer) conjoin(r *reqParts, b *textParts, text string, g grade, shown func(keys []string) bool) grade {
	if g.level != Strong || len(r.conj) == 0 {
		return g
	}
	if miss := z.lacks(r, b, text); len(miss) > 0 && (shown == nil || !shown(miss)) {
		g.level, g.demoted, g.bySense = Partial, true, false
	}
	return g
}
