package web

import (
	"bytes"
	htmltemplate "html/template"
	"net/http"
	"strconv"
	"strings"
	texttemplate "text/template"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
	"vitae/match"
)

// An explanation packet tells the person concerned, in plain language,
// how Vitae's ranking for one job treated their résumé (AI Act Art. 86,
// GDPR Art. 22): which requirements were assessed, which of their own
// bullets counted as evidence and how strongly, what else counted and
// with what weight, that a human made the decision, and how to contest.
// It holds their data and the job's only — never another candidate's.

// Packet is the content of an explanation.
type Packet struct {
	ResumeID     string              `json:"resume_id"`
	Person       string              `json:"person"`
	Job          string              `json:"job"` // the job's reference in the audit log
	JobTitle     string              `json:"job_title,omitempty"`
	Ranked       bool                `json:"ranked"`         // among the candidates ranked
	Shown        int                 `json:"shown"`          // how many candidates the ranking listed (at most search.max_limit)
	Rank         int                 `json:"rank,omitempty"` // their place in it, from 1, when ranked
	Score        float64             `json:"score"`
	Requirements []PacketRequirement `json:"requirements"`
	Years        float64             `json:"years_experience"`         // their career's, all roles
	YearsWanted  float64             `json:"years_required,omitempty"` // the most years the job description names
	// YearsChecks are the requirements that ask for years and the years
	// the score counted for each (leading SREs, in such roles, in all);
	// YearsFit is the least of their fits, 1 without any.
	YearsChecks []match.YearsCheck `json:"years_checks,omitempty"`
	YearsFit    float64            `json:"years_fit"`
	RoleFit     float64            `json:"role_fit"`
	RoleUnknown bool               `json:"role_unknown,omitempty"` // the job names no role: role fit is half way for everyone
	// Evidence, Adjustment, Bullets, Length and Feedback are the rest of
	// the score's numbers (match.Explain): score = evidence × adjustment
	// (role and years fit, × length) [× feedback].
	Evidence     float64       `json:"evidence"`
	Adjustment   float64       `json:"adjustment"`
	Bullets      int           `json:"bullets"`
	Length       float64       `json:"length"`
	Feedback     *float64      `json:"feedback,omitempty"`
	Weights      match.Weights `json:"weights"`
	IndexVersion string        `json:"index_version"`
	ModelVersion string        `json:"model_version"`
	Contact      string        `json:"contact,omitempty"`
	Markdown     string        `json:"markdown"`
	HTML         string        `json:"html"`
	AuditID      string        `json:"audit_id,omitempty"`
}

// PacketRequirement is one requirement and the person's evidence for it.
type PacketRequirement struct {
	Text     string  `json:"text"`
	MustHave bool    `json:"must_have"`
	Evidence string  `json:"evidence,omitempty"` // their bullet, verbatim
	Where    string  `json:"where,omitempty"`    // role, company, dates of that bullet
	Strength string  `json:"strength"`           // strong, partial (match.Evidence.Level) or none
	Score    float64 `json:"score"`
	// Weight and Credit are what the requirement counts for and what its
	// evidence earned (level, recency, years cap): evidence is
	// Σ weight × credit / Σ weight over the rows.
	Weight float64 `json:"weight"`
	Credit float64 `json:"credit"`
}

// buildPacket matches jd and keeps only what concerns resumeID.
func (s *Server) buildPacket(c *gin.Context, resumeID, jd, job string) (*Packet, error) {
	r, err := s.b.Resume(c.Request.Context(), resumeID)
	if err != nil {
		return nil, err
	}
	res, err := s.m.Match(c.Request.Context(), match.Request{JobDescription: jd, Limit: s.cfg.MaxLimit})
	if err != nil {
		return nil, err
	}
	p := &Packet{ResumeID: r.ID, Person: r.Person, Job: JobRef(job, jd), JobTitle: res.Title, Shown: len(res.Candidates),
		Weights: res.Weights, YearsWanted: res.YearsRequired, IndexVersion: res.IndexVersion, ModelVersion: res.ModelVersion, Contact: s.cfg.Contact}
	var mine *match.Candidate
	for i := range res.Candidates {
		if res.Candidates[i].ResumeID == r.ID {
			mine, p.Rank = &res.Candidates[i], i+1
		}
	}
	for i, req := range res.Requirements {
		pr := PacketRequirement{Text: req.Text, MustHave: req.MustHave, Strength: "none", Weight: req.Weight}
		if mine != nil {
			for _, ev := range mine.Matched {
				if ev.RequirementIndex == i {
					pr.Evidence, pr.Score, pr.Strength, pr.Credit = ev.Text, ev.Score, ev.Level, ev.Credit
					pr.Where = strings.Join(nonEmptyStrings(ev.Role, ev.Company, period(ev.Start, ev.End)), ", ")
				}
			}
		}
		p.Requirements = append(p.Requirements, pr)
	}
	if mine != nil {
		ex := mine.Explain
		p.Ranked, p.Score, p.Years, p.RoleFit, p.RoleUnknown = true, mine.Score, mine.YearsExperience, mine.RoleFit, ex.RoleUnknown
		p.YearsChecks, p.YearsFit, p.Evidence, p.Adjustment, p.Bullets, p.Length = ex.Years, ex.YearsFit, ex.Evidence, ex.Adjustment, ex.Bullets, ex.Length
		if p.Weights.Feedback > 0 {
			p.Feedback = ex.Feedback // read but not applied when off: not a number of the score
		}
	}
	var md, html bytes.Buffer
	if err := packetMarkdown.Execute(&md, p); err != nil {
		return nil, err
	}
	if err := packetHTML.Execute(&html, p); err != nil {
		return nil, err
	}
	p.Markdown, p.HTML = md.String(), html.String()
	return p, nil
}

func nonEmptyStrings(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func period(start, end string) string {
	switch {
	case start == "" && end == "":
		return ""
	case end == "":
		return start + "–present"
	}
	return start + "–" + end
}

// explanation: GET /candidates/{id}/explanation?job=JD text (or
// audit=ID of a logged match whose text was kept)&format=json|markdown|html.
func (s *Server) explanation(c *gin.Context) {
	jd, job := c.Query("job"), c.Query("job_ref")
	if ref := c.Query("audit"); ref != "" {
		log, err := s.auditLog()
		if err != nil {
			s.fail(c, err)
			return
		}
		rec, err := log.Get(ref)
		if err != nil {
			s.fail(c, err)
			return
		}
		if rec.Action != audit.Match || rec.Text == "" {
			s.fail(c, vitae.Errorf(vitae.EINVALID, "audit entry %s is not a match with its job description kept (audit.store_text)", ref))
			return
		}
		jd, job = rec.Text, rec.Job
	}
	if strings.TrimSpace(jd) == "" {
		s.fail(c, vitae.Errorf(vitae.EINVALID, "job (the job description) or audit (a logged match) is required"))
		return
	}
	if utf8.RuneCountInString(jd) > 20000 {
		s.fail(c, vitae.TooLong("job (the job description)", 20000, "characters"))
		return
	}
	format := c.DefaultQuery("format", "json")
	if format != "json" && format != "markdown" && format != "html" {
		s.fail(c, vitae.Errorf(vitae.EINVALID, "format must be json, markdown or html"))
		return
	}
	id, err := s.resolveID(c, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	p, err := s.buildPacket(c, id, jd, job)
	if err != nil {
		s.fail(c, err)
		return
	}
	p.AuditID = s.record(c.Request.Context(), audit.Event{Action: audit.Explained, Subject: id, Job: p.Job})
	switch format {
	case "markdown":
		c.Data(http.StatusOK, "text/markdown; charset=utf-8", []byte(p.Markdown))
	case "html":
		c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(p.HTML))
	default:
		c.JSON(http.StatusOK, p)
	}
}

var packetFuncs = map[string]any{
	"pct":  func(f float64) int { return int(f*100 + 0.5) },
	"f2":   func(f float64) string { return strings.TrimRight(strings.TrimRight(strconvF(f), "0"), ".") },
	"f3":   func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }, // the score's numbers as it has them (3 places)
	"join": strings.Join,
}

// packetFactors are the packet's lines on years, length, feedback and how
// the numbers make the score, shared by its Markdown and HTML: the years
// are those the score counted for each requirement that asks for them
// (leading SREs, in such roles), not the career's, and every factor of
// the score is named with its number.
const packetFactors = `{{define "years"}}{{if not .Ranked}}not read for an application outside those shown{{if .YearsWanted}} (the job description names {{f2 .YearsWanted}} years){{end}}.{{else if .YearsChecks}}{{range .YearsChecks}}{{.Note}} for "{{.Requirement}}"{{with .Roles}} (from {{join . "; "}}){{end}}, a fit of {{f3 .Fit}}; {{end}}` +
	`the lowest fit, {{f3 .YearsFit}}, can take at most {{pct .Weights.Experience}}% off the score. In all your roles: {{f2 .Years}} years.` +
	`{{else if .YearsWanted}}{{f2 .Years}} years in all your roles. The job description names {{f2 .YearsWanted}} years but no requirement asks for them, so years did not count.` +
	`{{else}}{{f2 .Years}} years in all your roles (the job asked for no number of years, so this did not count).{{end}}{{end}}` +
	`{{define "weighs"}}{{if lt .Weights.Soft 1.0}}; one that names no skill, tool or role ("clear communication") weighs {{pct .Weights.Soft}}% of that{{end}}` +
	`{{if gt .Weights.Core 0.0}}; one that names no word of the job's role besides its head noun, {{pct .Weights.Core}}% less{{end}}{{end}}` +
	`{{define "length"}}Length of the résumé: {{if and (gt .Weights.Length 0.0) (gt .Weights.LengthFrom 0.0)}}past {{f2 .Weights.LengthFrom}} sentences, the score is multiplied by ({{f2 .Weights.LengthFrom}} ÷ sentences) to the power {{f2 .Weights.Length}}, so that more sentences are not more chances to match{{if .Ranked}}; yours has {{.Bullets}}, a factor of {{f3 .Length}}{{end}}.{{else}}it did not count.{{end}}{{end}}` +
	`{{define "feedback"}}Likeness to the first ranking's top candidates as a whole: {{f3 .Feedback}}; it can take at most {{pct .Weights.Feedback}}% off the score.{{end}}` +
	`{{define "together"}}Together: score {{f3 .Score}} = evidence {{f3 .Evidence}} (the weighted share of the requirements shown, as above) × adjustment {{f3 .Adjustment}} ` +
	`(max(0, 1 − {{f2 .Weights.RoleFit}} × (1 − role fit {{f3 .RoleFit}}) − {{f2 .Weights.Experience}} × (1 − years fit {{f3 .YearsFit}})) × length {{f3 .Length}})` +
	`{{with .Feedback}} × (1 − {{f2 $.Weights.Feedback}} × (1 − likeness {{f3 .}})){{end}}.{{end}}`

const packetMD = `# How an automated ranking treated your application{{if .JobTitle}}: {{.JobTitle}}{{end}}

Prepared for **{{.Person}}** (résumé {{.ResumeID}}), job reference {{.Job}}.

## What this is

The employer used Vitae, a search tool, to order applications by how well
their text matched the job description. The order is a suggestion: **a
person at the employer reviewed the applications and made the decision.**
Vitae does not reject anyone on its own, and it does not use your name,
contact details, photo, school, age, or any protected characteristic.

## What was assessed

{{if .Ranked}}Vitae ranked your application {{.Rank}} of the {{.Shown}} candidates it ranked for this job, with a fit of {{pct .Score}}% (the share of the job's weighted requirements your résumé shows, adjusted for years and role); a recruiter sees the first ones on a page.{{else}}Vitae did not place your application among the {{.Shown}} candidates it ranked for this job.{{end}}

The job description was read as these requirements. For each, Vitae looked
for the one sentence of your résumé that best shows it:

{{range .Requirements}}- **{{.Text}}** ({{if .MustHave}}must have{{else}}nice to have{{end}}, weight {{f3 .Weight}}): {{if .Evidence}}evidence **{{.Strength}}** ({{f2 .Score}}), credit {{f3 .Credit}} — "{{.Evidence}}"{{if .Where}} ({{.Where}}){{end}}{{else}}no evidence found, credit 0{{end}}
{{end}}
## What else counted, and how much

- Must-have requirements weigh {{f2 .Weights.MustHave}}, nice-to-have ones {{f2 .Weights.NiceToHave}}{{template "weighs" .}}. A sentence scoring {{f2 .Weights.StrongAt}} or more is strong evidence and earns {{pct .Weights.StrongCredit}}% of its requirement; from {{f2 .Weights.PartialAt}} it is partial evidence and earns {{pct .Weights.PartialCredit}}%{{if gt .Weights.PartialCreditTop .Weights.PartialCredit}}, and up to {{pct .Weights.PartialCreditTop}}% when it scores {{f2 .Weights.StrongAt}} or more but the stricter evidence rules did not confirm it as strong{{end}}; below that it does not count.{{if gt .Weights.RoleEvidence 0.0}} A sentence from a role unlike the job's role earns up to {{pct .Weights.RoleEvidence}}% less.{{end}}
- {{if .Weights.RecencyHalfLife}}Older evidence counts less: up to {{pct .Weights.Recency}}% less, half of that after {{f2 .Weights.RecencyHalfLife}} years.{{else}}Older evidence counts as much as recent evidence.{{end}}
- Years of experience: {{template "years" .}}
- Role fit (your job titles against the job's title, by their words and by their meaning under the search's embedding model): {{if .RoleUnknown}}{{f3 .RoleFit}} for every candidate, since the job names no role{{else if .Ranked}}{{f3 .RoleFit}}{{else}}not read for an application outside those shown{{end}}; it can take at most {{pct .Weights.RoleFit}}% off the score.
- {{template "length" .}}
{{with .Feedback}}- {{template "feedback" $}}
{{end}}{{if .Ranked}}- {{template "together" .}}
{{end}}
## How to contest

You may ask a person to review the decision, correct your résumé, or have
your data erased. {{if .Contact}}Write to {{.Contact}}{{else}}Write to the employer{{end}}, quoting the
job reference {{.Job}}. Ranking made on index {{.IndexVersion}} with model {{.ModelVersion}}.
`

var (
	packetMarkdown = texttemplate.Must(texttemplate.Must(texttemplate.New("md").Funcs(packetFuncs).Parse(packetFactors)).Parse(packetMD))
	packetHTML     = htmltemplate.Must(htmltemplate.Must(htmltemplate.New("html").Funcs(packetFuncs).Parse(packetFactors)).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>How an automated ranking treated your application</title></head>
<body>
<h1>How an automated ranking treated your application{{if .JobTitle}}: {{.JobTitle}}{{end}}</h1>
<p>Prepared for <strong>{{.Person}}</strong> (résumé {{.ResumeID}}), job reference {{.Job}}.</p>
<h2>What this is</h2>
<p>The employer used Vitae, a search tool, to order applications by how well their text matched the job description. The order is a suggestion: <strong>a person at the employer reviewed the applications and made the decision.</strong> Vitae does not reject anyone on its own, and it does not use your name, contact details, photo, school, age, or any protected characteristic.</p>
<h2>What was assessed</h2>
<p>{{if .Ranked}}Vitae ranked your application {{.Rank}} of the {{.Shown}} candidates it ranked for this job, with a fit of {{pct .Score}}% (the share of the job's weighted requirements your résumé shows, adjusted for years and role); a recruiter sees the first ones on a page.{{else}}Vitae did not place your application among the {{.Shown}} candidates it ranked for this job.{{end}}</p>
<p>The job description was read as these requirements. For each, Vitae looked for the one sentence of your résumé that best shows it:</p>
<ul>{{range .Requirements}}
<li><strong>{{.Text}}</strong> ({{if .MustHave}}must have{{else}}nice to have{{end}}, weight {{f3 .Weight}}): {{if .Evidence}}evidence <strong>{{.Strength}}</strong> ({{f2 .Score}}), credit {{f3 .Credit}} — “{{.Evidence}}”{{if .Where}} ({{.Where}}){{end}}{{else}}no evidence found, credit 0{{end}}</li>{{end}}
</ul>
<h2>What else counted, and how much</h2>
<ul>
<li>Must-have requirements weigh {{f2 .Weights.MustHave}}, nice-to-have ones {{f2 .Weights.NiceToHave}}{{template "weighs" .}}. A sentence scoring {{f2 .Weights.StrongAt}} or more is strong evidence and earns {{pct .Weights.StrongCredit}}% of its requirement; from {{f2 .Weights.PartialAt}} it is partial evidence and earns {{pct .Weights.PartialCredit}}%{{if gt .Weights.PartialCreditTop .Weights.PartialCredit}}, and up to {{pct .Weights.PartialCreditTop}}% when it scores {{f2 .Weights.StrongAt}} or more but the stricter evidence rules did not confirm it as strong{{end}}; below that it does not count.{{if gt .Weights.RoleEvidence 0.0}} A sentence from a role unlike the job's role earns up to {{pct .Weights.RoleEvidence}}% less.{{end}}</li>
<li>{{if .Weights.RecencyHalfLife}}Older evidence counts less: up to {{pct .Weights.Recency}}% less, half of that after {{f2 .Weights.RecencyHalfLife}} years.{{else}}Older evidence counts as much as recent evidence.{{end}}</li>
<li>Years of experience: {{template "years" .}}</li>
<li>Role fit (your job titles against the job's title, by their words and by their meaning under the search's embedding model): {{if .RoleUnknown}}{{f3 .RoleFit}} for every candidate, since the job names no role{{else if .Ranked}}{{f3 .RoleFit}}{{else}}not read for an application outside those shown{{end}}; it can take at most {{pct .Weights.RoleFit}}% off the score.</li>
<li>{{template "length" .}}</li>
{{with .Feedback}}<li>{{template "feedback" $}}</li>
{{end}}{{if .Ranked}}<li>{{template "together" .}}</li>
{{end}}</ul>
<h2>How to contest</h2>
<p>You may ask a person to review the decision, correct your résumé, or have your data erased. {{if .Contact}}Write to {{.Contact}}{{else}}Write to the employer{{end}}, quoting the job reference {{.Job}}. Ranking made on index {{.IndexVersion}} with model {{.ModelVersion}}.</p>
</body></html>
`))
)

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
