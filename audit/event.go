package audit

import (
	"encoding/json"
	"time"

	"vitae"
)

// Action is what an entry records.
type Action string

// Automated rankings a person saw, and the human actions that followed.
const (
	Search      Action = "search"      // a search answer
	Match       Action = "match"       // a job-matching answer
	Opened      Action = "opened"      // a candidate's page or résumé was viewed
	Shortlisted Action = "shortlisted" // a human decision
	Rejected    Action = "rejected"    // a human decision; Vitae never rejects by itself
	Exported    Action = "exported"    // candidates left Vitae as CSV or JSON
	Deleted     Action = "deleted"     // a résumé was erased (API, page or retention)
	Revealed    Action = "revealed"    // a blind-review pseudonym was resolved to a person
	Explained   Action = "explained"   // an explanation packet was produced for a person
)

var actions = map[Action]bool{Search: true, Match: true, Opened: true, Shortlisted: true, Rejected: true,
	Exported: true, Deleted: true, Revealed: true, Explained: true}

// Valid reports whether a is a known action.
func (a Action) Valid() bool { return actions[a] }

// Ranking reports whether a is an automated ranking.
func (a Action) Ranking() bool { return a == Search || a == Match }

// Ranked is one place of a ranking as the caller knows it.
type Ranked struct {
	ResumeID string  `json:"resume_id"`
	Ref      string  `json:"ref,omitempty"` // the bullet's place in its source, for bullet rankings
	Score    float64 `json:"score"`
}

// Event is what a caller records: a ranking with its inputs and
// versions, or a human action on one candidate (Subject).
type Event struct {
	Time  time.Time // zero: now
	Actor string    // "key:…" (API key fingerprint), "page:…" (page session); empty: from the context
	// Action is required.
	Action Action
	// Text is the query or job description; its SHA-256 is always
	// chained, the text itself kept only with Options.StoreText.
	Text string
	// Params are the request's other inputs (mode, filters, limit…), as
	// replay needs them. Never put names or contact details here.
	Params       json.RawMessage
	Job          string // a job reference (the match's job label, or its JD hash)
	IndexVersion string
	ModelVersion string
	Blind        bool
	Ranked       []Ranked
	// Subject is the résumé ID a human action concerns.
	Subject string
	// Reason is the human's optional note; kept beside the chain.
	Reason string
	// Ref is the audit ID of the ranking this action followed.
	Ref string
}

// Place is one place of a ranking as the chain stores it: the candidate
// by pseudonym.
type Place struct {
	Subject string  `json:"subject"`
	Ref     string  `json:"ref,omitempty"`
	Score   float64 `json:"score"`
}

// Entry is one chained record. Candidates appear only as pseudonyms
// ("s-" and 16 hex digits), free text only as SHA-256.
type Entry struct {
	Seq          uint64          `json:"seq"`
	Time         time.Time       `json:"time"`
	Actor        string          `json:"actor"`
	Action       Action          `json:"action"`
	TextSHA256   string          `json:"text_sha256,omitempty"`
	Params       json.RawMessage `json:"params,omitempty"`
	Job          string          `json:"job,omitempty"`
	IndexVersion string          `json:"index_version,omitempty"`
	ModelVersion string          `json:"model_version,omitempty"`
	Blind        bool            `json:"blind,omitempty"`
	Ranked       []Place         `json:"ranked,omitempty"`
	Subject      string          `json:"subject,omitempty"`
	ReasonSHA256 string          `json:"reason_sha256,omitempty"`
	Ref          string          `json:"ref,omitempty"`
	Prev         string          `json:"prev"`
	Hash         string          `json:"hash"`
}

// ID is the entry's audit ID, as responses and `vitae replay` name it.
func (e *Entry) ID() string { return FormatID(e.Seq) }

// Texts are an entry's free texts, stored beside the chain.
type Texts struct {
	Text   string `json:"text,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Redacted: an erased person's identifiers were replaced in these
	// texts, so they no longer match their chained hashes.
	Redacted bool `json:"redacted,omitempty"`
}

// Record is an entry as an export shows it: the chained entry, its
// texts when kept, and its pseudonyms resolved (an erased person shows
// as Erased).
type Record struct {
	Entry
	Texts
	ID       string            `json:"id"`
	Subjects map[string]string `json:"subjects,omitempty"` // pseudonym → résumé ID, or "erased"
}

// Erased is what a tombstoned pseudonym resolves to.
const Erased = "erased"

// SearchRanking is the ranking of a search answer as the log keeps it:
// candidates when grouped, else bullets (by résumé and place in source).
func SearchRanking(res *vitae.Results) []Ranked {
	var out []Ranked
	if len(res.Candidates) > 0 {
		for _, c := range res.Candidates {
			out = append(out, Ranked{ResumeID: c.ResumeID, Score: c.Score})
		}
		return out
	}
	for _, h := range res.Hits {
		out = append(out, Ranked{ResumeID: h.ResumeID, Ref: h.Ref, Score: h.Score})
	}
	return out
}
