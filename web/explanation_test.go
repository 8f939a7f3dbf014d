package web

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"net/url"
	"strings"
	"testing"

	"vitae/match"
)

// The packet's "what else counted" says every number of the score: for a
// requirement to lead SREs for years, the years leading (what its years
// fit counts), not the career's; the length factor; and how the numbers
// make the score.
func TestExplanationSaysTheNumbersTheScoreUses(t *testing.T) {
	ts, _, _, _ := auditedServer(t)
	api := newSession(t, ts)
	jd := "SRE Manager\n\nRequirements:\n- 9+ years leading a team of site reliability engineers\n- Kubernetes in production\n\nNice to have:\n- Terraform"
	var res match.Result
	body, _ := json.Marshal(map[string]string{"job_description": jd})
	if err := json.Unmarshal([]byte(api.ok("POST", "/api/v1/match", "application/json", string(body))), &res); err != nil {
		t.Fatal(err)
	}
	var jordan *match.Candidate
	for i := range res.Candidates {
		if res.Candidates[i].ResumeID == "jordan-lee" {
			jordan = &res.Candidates[i]
		}
	}
	if jordan == nil || len(jordan.Explain.Years) != 1 || jordan.Explain.Years[0].Kind != "leadership" {
		t.Fatalf("jordan-lee's match: %+v", jordan)
	}
	ex, y := jordan.Explain, jordan.Explain.Years[0]
	if y.Have == jordan.YearsExperience || y.Fit >= 1 {
		t.Fatalf("leadership years %v, career %v, fit %v: nothing to tell apart", y.Have, jordan.YearsExperience, y.Fit)
	}
	var p Packet
	if err := json.Unmarshal([]byte(api.ok("GET", "/api/v1/candidates/jordan-lee/explanation?job="+url.QueryEscape(jd), "", "")), &p); err != nil {
		t.Fatal(err)
	}
	f := func(x float64) string { return fmt.Sprint(x) }
	wants := []string{
		fmt.Sprintf("Years of experience: %.1f of 9 years leading", y.Have), // the years the fit counts, first
		"a fit of " + f(y.Fit),
		"the lowest fit, " + f(ex.YearsFit),
		fmt.Sprintf("yours has %d, a factor of %s", ex.Bullets, f(ex.Length)),
		"Together: score " + f(ex.Score) + " = evidence " + f(ex.Evidence) + " ",
		"× adjustment " + f(ex.Adjustment),
		"× length " + f(ex.Length),
		// where the ranking put them, not "among the 100 shown" (a tryout's finding)
		fmt.Sprintf("Vitae ranked your application %d of the %d candidates it ranked", rankOf(res.Candidates, "jordan-lee"), len(res.Candidates)),
	}
	for name, doc := range map[string]string{"markdown": p.Markdown, "html": html.UnescapeString(p.HTML)} {
		for _, want := range wants {
			if !strings.Contains(doc, want) {
				t.Errorf("%s packet lacks %q:\n%s", name, want, doc)
			}
		}
	}
	if p.YearsFit != ex.YearsFit || p.Length != ex.Length || p.Evidence != ex.Evidence || len(p.YearsChecks) != 1 {
		t.Errorf("packet numbers %+v, want those of %+v", p, ex)
	}
	// review22a: the evidence is rebuilt from the rows shown ("as above").
	var sum, wsum float64
	for _, r := range p.Requirements {
		sum += r.Weight * r.Credit
		wsum += r.Weight
		row := "(must have, weight " + f(r.Weight) + ")"
		if !r.MustHave {
			row = "(nice to have, weight " + f(r.Weight) + ")"
		}
		if !strings.Contains(p.Markdown, "**"+r.Text+"** "+row) {
			t.Errorf("markdown packet lacks the row %q %s:\n%s", r.Text, row, p.Markdown)
		}
	}
	if wsum == 0 || math.Abs(sum/wsum-p.Evidence) > 0.002 {
		t.Errorf("Σ weight × credit / Σ weight = %v over %+v, evidence %v", sum/wsum, p.Requirements, p.Evidence)
	}
}

// rankOf is id's place in cs, from 1; 0 when absent.
func rankOf(cs []match.Candidate, id string) int {
	for i, c := range cs {
		if c.ResumeID == id {
			return i + 1
		}
	}
	return 0
}

// The packet's factor lines for what a served match may hold besides:
// feedback on, a job whose years no requirement asks for, and a person
// not ranked (no numbers of theirs to show).
func TestExplanationFactorLines(t *testing.T) {
	sim := 0.8
	w := match.DefaultWeights()
	fb := w
	fb.Feedback = 0.3
	tests := []struct {
		name      string
		p         Packet
		want, not []string
	}{
		{"feedback on", Packet{Ranked: true, Score: 0.4, Evidence: 0.6, Adjustment: 0.83, Length: 1, Bullets: 4, YearsFit: 1, RoleFit: 0.8, Weights: fb, Feedback: &sim},
			[]string{"Likeness to the first ranking's top candidates as a whole: 0.8; it can take at most 30% off", "× (1 − 0.3 × (1 − likeness 0.8))", "yours has 4, a factor of 1"}, nil},
		{"bare years", Packet{Ranked: true, Years: 7.25, YearsWanted: 5, YearsFit: 1, Weights: w},
			[]string{"7.25 years in all your roles. The job description names 5 years but no requirement asks for them, so years did not count."}, []string{"Likeness", "can take at most 15%"}},
		{"not ranked", Packet{Weights: w, YearsWanted: 5},
			[]string{"Years of experience: not read for an application outside those shown (the job description names 5 years).", "past 10 sentences"},
			[]string{"Together:", "yours has", "0 years", "fit of 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var md, h strings.Builder
			if err := packetMarkdown.Execute(&md, tt.p); err != nil {
				t.Fatal(err)
			}
			if err := packetHTML.Execute(&h, tt.p); err != nil {
				t.Fatal(err)
			}
			for name, doc := range map[string]string{"markdown": md.String(), "html": html.UnescapeString(h.String())} {
				for _, want := range tt.want {
					if !strings.Contains(doc, want) {
						t.Errorf("%s lacks %q:\n%s", name, want, doc)
					}
				}
				for _, not := range tt.not {
					if strings.Contains(doc, not) {
						t.Errorf("%s holds %q:\n%s", name, not, doc)
					}
				}
			}
		})
	}
}
