package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"vitae/lexicon"
)

// doc is one résumé or job description: its text units (bullets, lines).
type doc struct {
	units  []string
	resume bool
	weight float64 // of its co-occurrences; 0 counts as 1
}

func resumeDocs(data []byte) []doc {
	var out []doc
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct {
			Label   string `json:"label"`
			Summary string `json:"summary"`
			Work    []struct {
				Company, Position string
				Highlights        []string `json:"highlights"`
			} `json:"work"`
			Skills []any `json:"skills"`
		}
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		d := doc{resume: true}
		d.units = append(d.units, r.Label, r.Summary)
		for _, w := range r.Work {
			d.units = append(d.units, w.Position)
			d.units = append(d.units, w.Highlights...)
		}
		for _, s := range r.Skills {
			b, _ := json.Marshal(s)
			d.units = append(d.units, string(b))
		}
		out = append(out, d)
	}
	return out
}

var sentenceEnd = regexp.MustCompile(`[.!?;•*]\s+|\n+`)

// textDocs reads JSONL whose objects carry a "text": a résumé each
// (labelled sets) or a job description (jobs.jsonl).
func textDocs(data []byte, resume bool) []doc {
	var out []doc
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Text == "" {
			continue
		}
		out = append(out, doc{units: sentenceEnd.Split(r.Text, -1), resume: resume})
	}
	return out
}

var onlyLetters = regexp.MustCompile(`^[a-z][a-z+#.\-/']*$`)

// keepWord keeps words: no numbers, nothing with an @, short or long junk.
func keepWord(s string) bool {
	return len(s) >= 2 && len(s) <= 30 && onlyLetters.MatchString(s)
}

func lexiconText() string {
	var b strings.Builder
	for _, g := range lexicon.Default().Groups() {
		fmt.Fprintf(&b, "%s %s: %s\n", g.Kind, g.Canonical, strings.Join(g.Terms, " | "))
	}
	return b.String()
}

// glossDocs reads a WordNet data file: one unit per synset, its words
// followed by its gloss (definition and examples), so a word co-occurs
// with the words that define it. Weighted w against corpus text.
func glossDocs(data []byte, w float64) []doc {
	var out []doc
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == ' ' {
			continue // licence header
		}
		bar := strings.Index(line, " | ")
		f := strings.Fields(line)
		if bar < 0 || len(f) < 4 {
			continue
		}
		var cnt int
		if _, err := fmt.Sscanf(f[3], "%x", &cnt); err != nil {
			continue
		}
		var words []string
		for i := 0; i < cnt && 4+2*i < len(f); i++ {
			lemma := f[4+2*i]
			if k := strings.IndexByte(lemma, '('); k > 0 {
				lemma = lemma[:k]
			}
			words = append(words, strings.ReplaceAll(lemma, "_", " "))
		}
		unit := strings.Join(words, " ") + " " + line[bar+3:]
		out = append(out, doc{units: []string{unit}, weight: w})
	}
	return out
}
