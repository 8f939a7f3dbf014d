package index

import (
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"vitae"
)

// Field names of a bullet document in bleve.
const (
	fText         = "text"
	fCompany      = "company"       // exact, for facets
	fRole         = "role"          // exact, for facets
	fPerson       = "person"        // exact
	fSection      = "section"       // exact
	fSkills       = "skills"        // exact, for facets
	fCompanyWords = "company_words" // words (filterText), for filters
	fRoleWords    = "role_words"    // words, for filters
	fPersonWords  = "person_words"  // words, for filters
	fSkillsLC     = "skills_lc"     // lower-cased, for filters
	fRoleText     = "role_text"     // English-analysed role, lightly boosted
	fStart        = "start"         // datetime
	fEnd          = "end"           // datetime; open roles end in the far future
	fResumeID     = "resume_id"     // exact
	fStartS       = "start_s"       // stored display form
	fEndS         = "end_s"         // stored display form
	fSource       = "source"        // stored
	fRef          = "ref"           // stored
	lowerKeyword  = "lower_keyword" // analyzer: whole value, lower-cased
	spaced        = "spaced"        // analyzer: split on spaces, nothing else
)

// bulletDoc is what bleve indexes and stores for one bullet.
type bulletDoc struct {
	Text     string   `json:"text"`
	Company  string   `json:"company"`
	Role     string   `json:"role"`
	Person   string   `json:"person"`
	Section  string   `json:"section"`
	Skills   []string `json:"skills"`
	CompanyW string   `json:"company_words"`
	RoleW    string   `json:"role_words"`
	PersonW  string   `json:"person_words"`
	SkillsLC []string `json:"skills_lc"`
	RoleText string   `json:"role_text"`
	Start    string   `json:"start,omitempty"` // RFC 3339 for the datetime field
	End      string   `json:"end,omitempty"`
	ResumeID string   `json:"resume_id"`
	StartS   string   `json:"start_s"`
	EndS     string   `json:"end_s"`
	Source   string   `json:"source"`
	Ref      string   `json:"ref"`
}

// newMapping builds the bleve mapping in code: BM25 scoring, English
// analysis (stemming, stop words) on text, exact keyword fields for facets,
// the words of company, role and person with their positions for word
// filters (phrases), lower-cased skills for case-insensitive filters,
// datetimes. A change here that an index on disk would answer wrongly
// bumps formatVersion.
func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = bindex.BM25Scoring
	if err := im.AddCustomAnalyzer(lowerKeyword, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(spaced, map[string]any{
		"type":      custom.Name,
		"tokenizer": whitespace.Name,
	}); err != nil {
		return nil, err
	}
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	body := text(en.AnalyzerName, true)
	body.IncludeTermVectors = true
	dm.AddFieldMappingsAt(fText, body)
	for _, f := range []string{fCompany, fRole, fPerson, fSection, fSkills, fResumeID} {
		dm.AddFieldMappingsAt(f, text(keyword.Name, true))
	}
	for _, f := range []string{fCompanyWords, fRoleWords, fPersonWords} {
		w := text(spaced, false)
		w.IncludeTermVectors = true // positions, for phrases
		dm.AddFieldMappingsAt(f, w)
	}
	dm.AddFieldMappingsAt(fSkillsLC, text(lowerKeyword, false))
	dm.AddFieldMappingsAt(fRoleText, text(en.AnalyzerName, false))
	for _, f := range []string{fStart, fEnd} {
		d := bleve.NewDateTimeFieldMapping()
		d.Store = false
		d.IncludeInAll = false
		dm.AddFieldMappingsAt(f, d)
	}
	for _, f := range []string{fStartS, fEndS, fSource, fRef} {
		s := bleve.NewTextFieldMapping()
		s.Index = false
		s.Store = true
		s.IncludeInAll = false
		dm.AddFieldMappingsAt(f, s)
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = en.AnalyzerName
	return im, nil
}

// farFuture stands for the end of a role that has not ended.
const farFuture = "2200-01-01T00:00:00Z"

func toDoc(b vitae.Bullet) bulletDoc {
	d := bulletDoc{
		Text: b.Text, Company: b.Company, Role: b.Role, Person: b.Person, Section: b.Section,
		Skills: b.Skills, CompanyW: filterText(b.Company), RoleW: filterText(b.Role),
		PersonW: filterText(b.Person), RoleText: b.Role, ResumeID: b.ResumeID,
		StartS: b.Start, EndS: b.End, Source: b.Source, Ref: b.Ref,
	}
	for _, s := range b.Skills {
		d.SkillsLC = append(d.SkillsLC, strings.ToLower(s))
	}
	// Dates as bleve compares them (filter.query): the first second of the
	// period and its last, which is what indexes on disk hold.
	if t, ok := vitae.ParseDate(b.Start); ok {
		d.Start = t.Format(time.RFC3339)
		if e, ok := vitae.DateEnd(b.End); ok {
			d.End = e.Add(-time.Second).Format(time.RFC3339)
		} else if b.End == "" {
			d.End = farFuture
		}
	}
	return d
}
