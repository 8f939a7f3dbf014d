// Command basegen builds the built-in embedder's base model (embed/base)
// from the real text of the corpus and WordNet 3.0, reproducibly: the same
// inputs give the same bytes. It records the SHA-256 of every input and of
// the output in base/inputs.json, which a test checks.
//
//	go generate ./embed     # runs: go run ./internal/basegen -corpus ../../shared/corpus -wordnet /usr/share/wordnet -out base
//
// The steps, each deterministic:
//  1. texts: every bullet, summary and skill line of corpus/resumes.jsonl,
//     the sentences of corpus/labeled/*.jsonl résumé texts and the lines of
//     corpus/jobs.jsonl; words are read as the embedder reads them
//     (embed.Analyze: tokens less stop words, Porter stems);
//  2. vocabulary: stems found in at least -min-resumes different résumés
//     (job descriptions do not count), so no name or contact detail enters;
//  3. PPMI of co-occurrences within -window words (weighted 1/distance),
//     context distribution smoothed (α 0.75);
//  4. truncated SVD by randomized range finding (fixed seed, power
//     iterations), vectors U·√Σ, rows normalised;
//  5. retrofitting (Faruqui et al. 2015) towards synonyms: the lexicon's
//     groups, and WordNet synsets whose members the corpus already puts
//     near each other (cosine above -wn-min), which keeps the senses the
//     résumé domain uses ("lead" the verb, not the metal);
//  6. int8 rows with a scale each.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"

	"vitae/embed"
	"vitae/lexicon"
)

type params struct {
	Dim        int     `json:"dim"`
	MinResumes int     `json:"min_resumes"`
	Window     int     `json:"window"`
	Alpha      float64 `json:"cds_alpha"`
	Power      int     `json:"power_iterations"`
	Oversample int     `json:"oversample"`
	WNMin      float64 `json:"wordnet_min_cosine"`
	RetroIters int     `json:"retrofit_iterations"`
	Seed       uint64  `json:"seed"`
}

type record struct {
	Generator string            `json:"generator"`
	Params    params            `json:"params"`
	Inputs    map[string]string `json:"inputs"` // path relative to the input root → sha256
	Output    string            `json:"output_sha256"`
	Words     int               `json:"words"`
}

func main() {
	corpus := flag.String("corpus", "../../shared/corpus", "corpus directory (resumes.jsonl, labeled/, jobs.jsonl)")
	wordnet := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 dict directory (Debian wordnet-base); empty to skip")
	out := flag.String("out", "base", "output directory (model.bin, inputs.json)")
	p := params{}
	flag.IntVar(&p.Dim, "dim", 256, "vector dimension (the embedder's)")
	flag.IntVar(&p.MinResumes, "min-resumes", 5, "a word enters only when found in this many résumés")
	flag.IntVar(&p.Window, "window", 5, "co-occurrence window, words each side")
	flag.Float64Var(&p.Alpha, "alpha", 0.75, "context distribution smoothing")
	flag.IntVar(&p.Power, "power", 4, "power iterations of the randomized SVD")
	flag.IntVar(&p.Oversample, "oversample", 24, "extra columns of the randomized SVD")
	flag.Float64Var(&p.WNMin, "wn-min", 0.05, "WordNet synonyms join only when the corpus puts them this close")
	flag.IntVar(&p.RetroIters, "retrofit", 10, "retrofitting iterations")
	flag.Uint64Var(&p.Seed, "seed", 1, "random seed")
	flag.Parse()
	log.SetFlags(0)
	if err := run(*corpus, *wordnet, *out, p); err != nil {
		log.Fatalf("basegen: %v", err)
	}
}

func run(corpus, wordnet, out string, p params) error {
	rec := record{Generator: "basegen v1", Params: p, Inputs: map[string]string{}}
	hashIn := func(root, rel string) ([]byte, error) {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		rec.Inputs[rel] = hex.EncodeToString(sum[:])
		return data, nil
	}
	// 1. texts
	var docs []doc
	data, err := hashIn(corpus, "resumes.jsonl")
	if err != nil {
		return err
	}
	docs = append(docs, resumeDocs(data)...)
	labeled, _ := filepath.Glob(filepath.Join(corpus, "labeled", "*.jsonl"))
	sort.Strings(labeled)
	for _, f := range labeled {
		rel, _ := filepath.Rel(corpus, f)
		data, err := hashIn(corpus, rel)
		if err != nil {
			return err
		}
		docs = append(docs, textDocs(data, true)...)
	}
	data, err = hashIn(corpus, "jobs.jsonl")
	if err != nil {
		return err
	}
	docs = append(docs, textDocs(data, false)...)
	lexSum := sha256.Sum256([]byte(lexiconText()))
	rec.Inputs["lexicon"] = hex.EncodeToString(lexSum[:])
	log.Printf("%d documents", len(docs))

	// 2. vocabulary
	df := map[string]int{}
	count := map[string]int{}
	concepts := map[string]int{}
	total := 0
	lex := lexicon.Default()
	groups := lex.Groups()
	for _, d := range docs {
		seen := map[string]bool{}
		for _, u := range d.units {
			for _, s := range embed.Analyze(u) {
				count[s]++
				total++
				if d.resume && !seen[s] {
					seen[s] = true
					df[s]++
				}
			}
			for _, m := range lex.Find(u) {
				g := groups[m.Group]
				concepts["concept:"+g.Kind+":"+g.Canonical]++
			}
		}
	}
	var words []string
	for s, n := range df {
		if n >= p.MinResumes && keepWord(s) {
			words = append(words, s)
		}
	}
	sort.Strings(words)
	idx := make(map[string]int, len(words))
	for i, w := range words {
		idx[w] = i
	}
	log.Printf("vocabulary: %d stems of %d", len(words), len(count))

	// 3. PPMI
	ppmi := cooccurrence(docs, idx, p)
	// 4. SVD
	vecs := svd(ppmi, len(words), p)
	// 5. retrofitting
	syn := synonyms(lex, idx, vecs, p.Dim)
	if wordnet != "" {
		n := 0
		for _, pos := range []string{"noun", "verb", "adj", "adv"} {
			data, err := hashIn(wordnet, "data."+pos)
			if err != nil {
				return fmt.Errorf("wordnet: %w (install Debian's wordnet-base or pass -wordnet '')", err)
			}
			n += wordnetSynonyms(data, idx, vecs, p, syn)
		}
		log.Printf("wordnet: %d synonym links", n)
	}
	vecs = retrofit(vecs, syn, p)

	m := &embed.BaseModel{Dim: p.Dim, Words: words, Prob: make([]float32, len(words)), Vecs: vecs, Concepts: map[string]float32{}}
	for i, w := range words {
		m.Prob[i] = float32(float64(count[w]) / float64(total))
	}
	for k, c := range concepts {
		m.Concepts[k] = float32(float64(c) / float64(total))
	}
	enc := m.Encode()
	sum := sha256.Sum256(enc)
	rec.Output = hex.EncodeToString(sum[:])
	rec.Words = len(words)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "model.bin"), enc, 0o644); err != nil {
		return err
	}
	j, _ := json.MarshalIndent(rec, "", "  ")
	log.Printf("wrote %s: %d words, %d bytes", out, len(words), len(enc))
	return os.WriteFile(filepath.Join(out, "inputs.json"), append(j, '\n'), 0o644)
}

// doc is one résumé or job description: its text units (bullets, lines).
type doc struct {
	units  []string
	resume bool
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

// sparse is a symmetric matrix in rows of (column, value), columns sorted.
type sparse [][]entry

type entry struct {
	col int
	val float64
}

func cooccurrence(docs []doc, idx map[string]int, p params) sparse {
	n := len(idx)
	cells := make([]map[int]float64, n)
	for _, d := range docs {
		for _, u := range d.units {
			var ids []int
			for _, s := range embed.Analyze(u) {
				if i, ok := idx[s]; ok {
					ids = append(ids, i)
				}
			}
			for a := range ids {
				for b := a + 1; b < len(ids) && b <= a+p.Window; b++ {
					x, y := ids[a], ids[b]
					if x == y {
						continue
					}
					w := 1 / float64(b-a)
					if cells[x] == nil {
						cells[x] = map[int]float64{}
					}
					if cells[y] == nil {
						cells[y] = map[int]float64{}
					}
					cells[x][y] += w
					cells[y][x] += w
				}
			}
		}
	}
	rowSum := make([]float64, n)
	colSmooth := make([]float64, n)
	var totalSum, smoothSum float64
	rows := make(sparse, n)
	for i, c := range cells {
		cols := make([]int, 0, len(c))
		for j := range c {
			cols = append(cols, j)
		}
		sort.Ints(cols)
		for _, j := range cols {
			rows[i] = append(rows[i], entry{j, c[j]})
			rowSum[i] += c[j]
		}
		totalSum += rowSum[i]
	}
	for i := range rowSum {
		colSmooth[i] = math.Pow(rowSum[i], p.Alpha)
		smoothSum += colSmooth[i]
	}
	nnz := 0
	for i, r := range rows {
		out := r[:0]
		for _, e := range r {
			pmi := math.Log(e.val * totalSum / rowSum[i] * smoothSum / colSmooth[e.col] / totalSum)
			if pmi > 0 {
				out = append(out, entry{e.col, pmi})
			}
		}
		rows[i] = out
		nnz += len(out)
	}
	log.Printf("ppmi: %d non-zero cells", nnz)
	return rows
}

// svd returns the rows of U·√Σ (rank p.Dim) of the symmetric matrix a,
// normalised, by randomized range finding with power iterations.
func svd(a sparse, n int, p params) []float32 {
	k := p.Dim + p.Oversample
	rng := rand.New(rand.NewPCG(p.Seed, p.Seed^0x9e3779b97f4a7c15))
	omega := mat.NewDense(n, k, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < k; j++ {
			omega.Set(i, j, rng.NormFloat64())
		}
	}
	y := mulSparse(a, omega)
	for it := 0; it < p.Power; it++ {
		y = mulSparse(a, orthonormal(y)) // a is symmetric: aᵀ = a
	}
	q := orthonormal(y)
	// b = qᵀ a (k×n) = (a q)ᵀ since a is symmetric.
	aq := mulSparse(a, q)
	var b mat.Dense
	b.CloneFrom(aq.T())
	var dec mat.SVD
	if !dec.Factorize(&b, mat.SVDThin) {
		log.Fatal("svd did not converge")
	}
	var ub mat.Dense
	dec.UTo(&ub)
	sv := dec.Values(nil)
	var u mat.Dense
	u.Mul(q, &ub) // n×k
	out := make([]float32, n*p.Dim)
	for i := 0; i < n; i++ {
		row := out[i*p.Dim : (i+1)*p.Dim]
		var norm float64
		for j := 0; j < p.Dim; j++ {
			x := u.At(i, j) * math.Sqrt(sv[j])
			row[j] = float32(x)
			norm += x * x
		}
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for j := range row {
				row[j] = float32(float64(row[j]) * inv)
			}
		}
	}
	return out
}

func mulSparse(a sparse, x *mat.Dense) *mat.Dense {
	n, k := x.Dims()
	out := mat.NewDense(n, k, nil)
	for i, r := range a {
		dst := out.RawRowView(i)
		for _, e := range r {
			src := x.RawRowView(e.col)
			for j := range dst {
				dst[j] += e.val * src[j]
			}
		}
	}
	return out
}

// orthonormal returns an orthonormal basis of y's columns (modified
// Gram–Schmidt, twice for stability).
func orthonormal(y *mat.Dense) *mat.Dense {
	n, k := y.Dims()
	cols := make([][]float64, k)
	for j := 0; j < k; j++ {
		c := make([]float64, n)
		mat.Col(c, j, y)
		cols[j] = c
	}
	for pass := 0; pass < 2; pass++ {
		for j := 0; j < k; j++ {
			for i := 0; i < j; i++ {
				var d float64
				for t := range cols[j] {
					d += cols[j][t] * cols[i][t]
				}
				for t := range cols[j] {
					cols[j][t] -= d * cols[i][t]
				}
			}
			var norm float64
			for _, v := range cols[j] {
				norm += v * v
			}
			norm = math.Sqrt(norm)
			if norm > 0 {
				for t := range cols[j] {
					cols[j][t] /= norm
				}
			}
		}
	}
	out := mat.NewDense(n, k, nil)
	for j, c := range cols {
		out.SetCol(j, c)
	}
	return out
}

func cosine(vecs []float32, dim, a, b int) float64 {
	x, y := vecs[a*dim:(a+1)*dim], vecs[b*dim:(b+1)*dim]
	var d float64
	for i := range x {
		d += float64(x[i]) * float64(y[i])
	}
	return d
}

// synonyms links the single-word terms of each lexicon group.
func synonyms(lex *lexicon.Lexicon, idx map[string]int, vecs []float32, dim int) []map[int]float64 {
	syn := make([]map[int]float64, len(idx))
	for _, g := range lex.Groups() {
		var ids []int
		for _, t := range g.Terms {
			if strings.Contains(t, " ") {
				continue
			}
			if s := embed.Analyze(t); len(s) == 1 {
				if i, ok := idx[s[0]]; ok {
					ids = append(ids, i)
				}
			}
		}
		link(syn, ids, 1)
	}
	return syn
}

func link(syn []map[int]float64, ids []int, w float64) int {
	n := 0
	for _, a := range ids {
		for _, b := range ids {
			if a == b {
				continue
			}
			if syn[a] == nil {
				syn[a] = map[int]float64{}
			}
			if _, ok := syn[a][b]; !ok {
				n++
			}
			syn[a][b] = max(syn[a][b], w)
		}
	}
	return n
}

// wordnetSynonyms links members of a WordNet synset (single words in the
// vocabulary) whose corpus vectors are already at least p.WNMin close.
func wordnetSynonyms(data []byte, idx map[string]int, vecs []float32, p params, syn []map[int]float64) int {
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == ' ' {
			continue // licence header
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		var cnt int
		if _, err := fmt.Sscanf(f[3], "%x", &cnt); err != nil {
			continue
		}
		var ids []int
		seen := map[int]bool{}
		for i := 0; i < cnt && 4+2*i < len(f); i++ {
			w := strings.ToLower(f[4+2*i])
			if k := strings.IndexByte(w, '('); k > 0 {
				w = w[:k] // adjective markers: "big(a)"
			}
			if strings.ContainsAny(w, "_-") {
				continue
			}
			s := embed.Analyze(w)
			if len(s) != 1 {
				continue
			}
			if id, ok := idx[s[0]]; ok && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		for _, a := range ids {
			for _, b := range ids {
				if a < b && cosine(vecs, p.Dim, a, b) >= p.WNMin {
					n += link(syn, []int{a, b}, 0.5)
				}
			}
		}
	}
	return n
}

// retrofit moves each vector towards its synonyms, keeping it near its
// corpus vector: q = (q̂ + Σ βⱼ qⱼ) / (1 + Σ βⱼ), βⱼ = w/deg.
func retrofit(vecs []float32, syn []map[int]float64, p params) []float32 {
	dim := p.Dim
	orig := make([]float64, len(vecs))
	for i, v := range vecs {
		orig[i] = float64(v)
	}
	cur := append([]float64(nil), orig...)
	next := make([]float64, len(cur))
	order := make([][]int, len(syn)) // neighbours in a fixed order
	for i, s := range syn {
		for j := range s {
			order[i] = append(order[i], j)
		}
		sort.Ints(order[i])
	}
	for it := 0; it < p.RetroIters; it++ {
		for i := range syn {
			row := next[i*dim : (i+1)*dim]
			copy(row, orig[i*dim:(i+1)*dim])
			if len(order[i]) == 0 {
				continue
			}
			wsum := 1.0
			deg := float64(len(order[i]))
			for _, j := range order[i] {
				b := syn[i][j] / deg
				wsum += b
				src := cur[j*dim : (j+1)*dim]
				for t := range row {
					row[t] += b * src[t]
				}
			}
			for t := range row {
				row[t] /= wsum
			}
		}
		cur, next = next, cur
	}
	out := make([]float32, len(vecs))
	for i := 0; i < len(syn); i++ {
		row := cur[i*dim : (i+1)*dim]
		var norm float64
		for _, x := range row {
			norm += x * x
		}
		inv := 1.0
		if norm > 0 {
			inv = 1 / math.Sqrt(norm)
		}
		for t, x := range row {
			out[i*dim+t] = float32(x * inv)
		}
	}
	return out
}
