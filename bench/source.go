package bench

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"vitae"
	"vitae/eval"
	"vitae/ingest"
)

// LoadResumes parses every supported résumé file under dir. Files that do
// not parse are skipped and counted, as `vitae index` does.
func LoadResumes(dir string) (resumes []*vitae.Resume, skipped int, err error) {
	files, err := ingest.Expand([]string{dir})
	if err != nil {
		return nil, 0, fmt.Errorf("bench: corpus %s: %w", dir, err)
	}
	opts := ingest.Options{}.WithDefaults()
	for _, f := range files {
		r, err := ingest.File(f, opts)
		if err != nil {
			skipped++
			continue
		}
		resumes = append(resumes, r)
	}
	if len(resumes) == 0 {
		return nil, skipped, fmt.Errorf("bench: no résumés parsed under %s", dir)
	}
	return resumes, skipped, nil
}

// Bullets flattens résumés into their bullets, in order.
func Bullets(resumes []*vitae.Resume) []vitae.Bullet {
	var out []vitae.Bullet
	for _, r := range resumes {
		out = append(out, r.Bullets...)
	}
	return out
}

// Count is the number of bullets in resumes.
func Count(resumes []*vitae.Resume) int {
	n := 0
	for _, r := range resumes {
		n += len(r.Bullets)
	}
	return n
}

// ReadEvalFile reads a relevance set (JSONL) from path.
func ReadEvalFile(path string) ([]eval.Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	qs, err := eval.ReadQueries(f)
	if err != nil {
		return nil, fmt.Errorf("bench: %s: %w", path, err)
	}
	return qs, nil
}

// Queries is the query set of a run: every dev eval query, then n
// generated ones of two to four consecutive words cut from source
// bullets (what a recruiter types: "kubernetes migration", "reduced
// cloud costs"), from a fixed seed.
func Queries(set []eval.Query, source []vitae.Bullet, n int, seed uint64) []string {
	out := make([]string, 0, len(set)+n)
	for _, q := range set {
		out = append(out, q.Query)
	}
	if len(source) == 0 {
		return out
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	for tries := 0; len(out) < len(set)+n && tries < 100*n+100; tries++ {
		words := queryWords(source[rng.IntN(len(source))].Text)
		if len(words) < 2 {
			continue
		}
		k := 2 + rng.IntN(3)
		if k > len(words) {
			k = len(words)
		}
		at := rng.IntN(len(words) - k + 1)
		out = append(out, strings.Join(words[at:at+k], " "))
	}
	return out
}

// queryWords keeps the words of a bullet that carry meaning: letters
// first, not a stop word, punctuation trimmed.
func queryWords(text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, `.,;:()[]"'!?`)
		if len(w) < 2 || stopWords[strings.ToLower(w)] {
			continue
		}
		if c := w[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			continue
		}
		out = append(out, w)
	}
	return out
}

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("a an and are as at be by for from has have in into is it its of on or our that the their this to was were which while with we i my") {
		stopWords[w] = true
	}
}

// FirstSource loads the bullets of the first directory in dirs that holds
// résumés, so Go benchmarks run on the real corpus when ../shared is there
// and on the repository's sample résumés otherwise. It names the one used.
func FirstSource(dirs ...string) ([]vitae.Bullet, string, error) {
	var errs []string
	for _, d := range dirs {
		rs, _, err := LoadResumes(d)
		if err == nil {
			return Bullets(rs), d, nil
		}
		errs = append(errs, err.Error())
	}
	return nil, "", fmt.Errorf("bench: no source résumés: %s", strings.Join(errs, "; "))
}
