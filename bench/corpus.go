package bench

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"

	"vitae"
)

// CorpusOptions shape a generated corpus.
type CorpusOptions struct {
	Bullets          int    // total bullets to generate
	BulletsPerResume int    // default 20
	Seed             uint64 // same seed, same corpus
}

// clauseSplit cuts bullets where a clause boundary is likely, keeping
// pieces that still read as achievements.
var clauseSplit = regexp.MustCompile(`(?:[,;:]\s+|\s+(?:and|while|by|to improve|resulting in|which)\s+)`)

// Generate recombines the source bullets into a corpus of opts.Bullets
// bullets. A third of the bullets are source bullets verbatim; the rest
// join a clause of one bullet to a clause of another, so vocabulary and
// phrasing stay real while the count grows past the source.
func Generate(source []vitae.Bullet, opts CorpusOptions) ([]*vitae.Resume, error) {
	if len(source) == 0 {
		return nil, fmt.Errorf("bench: no source bullets")
	}
	if opts.Bullets <= 0 {
		return nil, fmt.Errorf("bench: bullets must be positive, got %d", opts.Bullets)
	}
	per := opts.BulletsPerResume
	if per <= 0 {
		per = 20
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))

	var clauses []string
	companies := map[string]bool{}
	roles := map[string]bool{}
	var skills []string
	seenSkill := map[string]bool{}
	for _, b := range source {
		for _, c := range clauseSplit.Split(b.Text, -1) {
			c = strings.TrimSpace(strings.TrimRight(c, "."))
			if len(strings.Fields(c)) >= 3 {
				clauses = append(clauses, c)
			}
		}
		if b.Company != "" {
			companies[b.Company] = true
		}
		if b.Role != "" {
			roles[b.Role] = true
		}
		for _, s := range b.Skills {
			if !seenSkill[s] {
				seenSkill[s] = true
				skills = append(skills, s)
			}
		}
	}
	if len(clauses) == 0 {
		return nil, fmt.Errorf("bench: source bullets have no usable clauses")
	}
	companyList, roleList := sortedKeys(companies), sortedKeys(roles)
	if len(companyList) == 0 {
		companyList = []string{"Acme"}
	}
	if len(roleList) == 0 {
		roleList = []string{"Engineer"}
	}

	n := (opts.Bullets + per - 1) / per
	resumes := make([]*vitae.Resume, 0, n)
	made := 0
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("bench-%07d", i)
		r := &vitae.Resume{ID: id, Person: fmt.Sprintf("Candidate %07d", i), Format: "bench", Source: id}
		// A few jobs per person, each with its own dates and metadata.
		year := 2000 + rng.IntN(20)
		var company, role, start, end string
		for j := 0; j < per && made < opts.Bullets; j++ {
			if j%5 == 0 {
				company = companyList[rng.IntN(len(companyList))]
				role = roleList[rng.IntN(len(roleList))]
				start = fmt.Sprintf("%04d-%02d", year, 1+rng.IntN(12))
				year += 1 + rng.IntN(3)
				end = fmt.Sprintf("%04d-%02d", year, 1+rng.IntN(12))
				if year >= 2025 {
					end = ""
				}
			}
			var text string
			if rng.IntN(3) == 0 {
				text = source[rng.IntN(len(source))].Text
			} else {
				a, b := clauses[rng.IntN(len(clauses))], clauses[rng.IntN(len(clauses))]
				text = upperFirst(a) + ", " + b + "."
			}
			var bs []string
			for k := rng.IntN(3); k > 0 && len(skills) > 0; k-- {
				bs = append(bs, skills[rng.IntN(len(skills))])
			}
			ref := fmt.Sprintf("/work/%d/highlights/%d", j/5, j%5)
			r.Bullets = append(r.Bullets, vitae.Bullet{
				ID: fmt.Sprintf("%s-%03d", id, j), ResumeID: id, Person: r.Person,
				Company: company, Role: role, Section: vitae.SectionWork,
				Start: start, End: end, Text: text, Skills: bs, Source: id, Ref: ref,
			})
			made++
		}
		r.Hash = fmt.Sprintf("bench-%d-%d", opts.Seed, i)
		resumes = append(resumes, r)
	}
	return resumes, nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	// Sorted so the same seed gives the same corpus whatever map order.
	slices.Sort(out)
	return out
}
