package match

import (
	"context"
	"math"
	"strings"

	"vitae"
)

// The learned strong gate (Options.LearnedGate): a logistic regression
// over what the rule sets already compute about a pair, fitted on the
// train pairs of eval/evidence.jsonl (`vitae eval --evidence … --fit-gate`)
// and applied to the strong picks of the strong gate: a pick whose
// probability is below the threshold is shown partial and keeps the
// strong credit, as the sense check's, so no ranking moves. Its features
// are the rules' numbers, the model's cosine and the bullet's place
// (docs/matching.md, "The strong gate, fifth round: learned").

// FeatureNames names the learned gate's features, in their order.
var FeatureNames = []string{
	"score",          // the default rules' evidence score
	"parts_share",    // the share of the requirement's parts carried
	"verbatim",       // the skill slot filled by a word the requirement writes
	"action_missing", // the requirement asks for an act the bullet does not show
	"context_strong", // the context rules call it strong too
	"context_score",  // … and their score
	"cosine",         // requirement and bullet under the search's embedding model
	"log_words",      // ln of the bullet's words
	"list",           // a bare tool list or a self-claim
	"in_passing",     // the requirement's one skill named only in passing
	"names",          // ln(1 + the words the bullet writes as names)
	"kind_soft",      // the requirement's kind (KindOf); degree, years and act are the base
	"kind_toollist",
	"kind_tool",
	"kind_domain",
	"log_req_words", // ln of the requirement's words
	"work",          // the bullet is in the work section
	"latest",        // … of the résumé's latest role
}

// Place is where a bullet sits in its résumé, for the learned gate.
type Place struct {
	Work   bool // in the work section (not a project, summary or title)
	Latest bool // of the résumé's latest role: ongoing, or the last to end
}

// PlaceOf is where bullets[i] sits among a résumé's bullets.
func PlaceOf(bullets []vitae.Bullet, i int) Place {
	return placeIn(bullets[i], lastEnd(bullets))
}

// placesOf is where each of a résumé's bullets sits.
func placesOf(bullets []vitae.Bullet) []Place {
	last := lastEnd(bullets)
	ps := make([]Place, len(bullets))
	for i, b := range bullets {
		ps[i] = placeIn(b, last)
	}
	return ps
}

// lastEnd is the end of a résumé's latest work role, "9999" when one is
// ongoing, "" when none is dated.
func lastEnd(bullets []vitae.Bullet) string {
	last := ""
	for _, o := range bullets {
		if o.Section == vitae.SectionWork && o.Start != "" {
			last = max(last, endOf(o))
		}
	}
	return last
}

func endOf(b vitae.Bullet) string {
	if b.End == "" && b.Start != "" {
		return "9999" // ongoing
	}
	return b.End
}

func placeIn(b vitae.Bullet, last string) Place {
	p := Place{Work: b.Section == vitae.SectionWork && b.ID != ""}
	p.Latest = p.Work && last != "" && endOf(b) == last
	return p
}

// learnedGate reads the pairs the strong gate calls strong with the
// context rules and the model, and keeps a strong when the fitted model
// says so.
type learnedGate struct {
	ctx   *analyzer   // the strict rules with their context rules
	reqs  []*reqParts // the context rules' parts of each requirement
	kinds []Kind
	words []int // each requirement's words
	sense *senseCheck
	model Logit
	at    float64 // the probability a strong needs
}

// newLearnedGate reads the requirements with zc, the strict rules with
// their context rules (contextAnalyzer; a Matcher keeps one, so bullets
// are read once across matches); sense embeds them (at 0: the cosine is
// read, no threshold).
func newLearnedGate(zc *analyzer, strict []*reqParts, texts []string, sense *senseCheck) *learnedGate {
	l := &learnedGate{ctx: zc, sense: sense, model: learnedModel, at: learnedAt}
	for i, t := range texts {
		l.reqs = append(l.reqs, l.ctx.requirement(t))
		l.kinds = append(l.kinds, kindOf(t, strict[i]))
		l.words = append(l.words, len(strings.Fields(t)))
	}
	return l
}

// learnedDefinition ends FitDefinition in the answers of a match with the
// learned gate on (Options.LearnedGate).
const learnedDefinition = " With the learned strong gate on, a bullet the rules call strong that the fitted model does not keep is shown as partial and still counts 1."

// learned is the learned gate of one match over the strong gate's
// requirements (strict, texts), nil when it is off or no model can read
// the cosine. A model that cannot read the requirements degrades res and
// the cosine reads 0; an ended context is the error.
func (m *Matcher) learned(ctx context.Context, strict []*reqParts, texts []string, res *Result) (*learnedGate, error) {
	if m.zc == nil || m.emb == nil {
		return nil, nil
	}
	res.FitDefinition += learnedDefinition
	sense, err := newSenseCheck(ctx, m.emb, 0, texts)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		sense = &senseCheck{err: err} // the cosine reads 0: the model could not read the requirements
		degrade(res, "strong evidence was not read by the model: "+err.Error())
	}
	return newLearnedGate(m.zc, strict, texts, sense), nil
}

// contextAnalyzer is the strict rules with their context rules, as the
// learned gate reads them.
func contextAnalyzer() *analyzer {
	z := newAnalyzer(true)
	z.context = true
	return z
}

// features describes a pair graded d by the default rules (dr, b: the
// requirement's and the bullet's default parts) for requirement ri.
func (l *learnedGate) features(ri int, dr *reqParts, d grade, b *textParts, text string, pl Place) []float64 {
	c := judge(l.reqs[ri], l.ctx.bullet(text))
	cos := 0.0
	if l.sense != nil {
		cos = l.sense.cosine(ri, text)
	}
	x := make([]float64, len(FeatureNames))
	x[0] = d.score
	if d.parts > 0 {
		x[1] = float64(d.matched) / float64(d.parts)
	}
	x[2] = b2f(d.verbatim)
	x[3] = b2f(len(dr.actions) > 0 && !shows(dr, b))
	x[4] = b2f(c.level == Strong)
	x[5] = c.score
	x[6] = cos
	x[7] = math.Log(float64(max(1, len(strings.Fields(text)))))
	x[8] = b2f(b.list)
	x[9] = b2f(d.skill && len(d.hit) > 0 && b.passing[d.hit[0]])
	x[10] = math.Log1p(float64(len(b.names)))
	switch l.kinds[ri] {
	case KindSoft:
		x[11] = 1
	case KindToolList:
		x[12] = 1
	case KindTool:
		x[13] = 1
	case KindDomain:
		x[14] = 1
	}
	x[15] = math.Log(float64(max(1, l.words[ri])))
	x[16] = b2f(pl.Work)
	x[17] = b2f(pl.Latest)
	return x
}

// keeps reports whether the model keeps a strong grade.
func (l *learnedGate) keeps(ri int, dr *reqParts, d grade, b *textParts, text string, pl Place) bool {
	return l.model.Prob(l.features(ri, dr, d, b, text, pl)) >= l.at
}

// shows reports whether a bullet shows one of the acts r asks for.
func shows(r *reqParts, b *textParts) bool {
	for a := range r.actions {
		if b.actions[a] {
			return true
		}
	}
	return false
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
