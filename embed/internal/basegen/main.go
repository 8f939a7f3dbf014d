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
//     context distribution smoothed (α 0.75), over those texts and
//     WordNet's glosses (each synset's words, then its definition and
//     examples; weight -gloss): real English that says what a word means,
//     where the corpus is too small to (520 documents);
//  4. truncated SVD by randomized range finding (fixed seed, power
//     iterations), vectors U·√Σ, rows normalised;
//  5. retrofitting (Faruqui et al. 2015) towards synonyms: the lexicon's
//     groups, and WordNet synsets whose members the corpus already puts
//     near each other (cosine above -wn-min), which keeps the senses the
//     résumé domain uses ("lead" the verb, not the metal);
//  6. optionally (-common, off: it did not help, docs/quality.md) the
//     mean and top principal directions taken out;
//  7. int8 rows with a scale each.
//
// Word probabilities (for SIF weights) and the vocabulary come from the
// corpus alone; the glosses only shape the vectors of corpus words.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"

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
	LexWeight  float64 `json:"lexicon_weight,omitempty"`
	WNWeight   float64 `json:"wordnet_weight,omitempty"`
	Common     int     `json:"common_components,omitempty"`
	Gloss      float64 `json:"gloss_weight,omitempty"`
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
	flag.Float64Var(&p.LexWeight, "lex-weight", 1, "retrofitting pull towards the lexicon's synonyms")
	flag.Float64Var(&p.WNWeight, "wn-weight", 0.5, "retrofitting pull towards WordNet's synonyms")
	flag.Float64Var(&p.Gloss, "gloss", 3, "weight of WordNet's glosses as co-occurrence text (0: not read)")
	flag.IntVar(&p.Common, "common", 0, "remove the mean and this many principal components from the vectors")
	flag.Uint64Var(&p.Seed, "seed", 1, "random seed")
	flag.Parse()
	log.SetFlags(0)
	if err := run(*corpus, *wordnet, *out, p); err != nil {
		log.Fatalf("basegen: %v", err)
	}
}

func run(corpus, wordnet, out string, p params) error {
	rec := record{Generator: "basegen v2", Params: p, Inputs: map[string]string{}}
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

	// 3. PPMI, over the corpus and, when asked, WordNet's glosses
	ctext := docs
	if wordnet != "" && p.Gloss > 0 {
		ctext = append([]doc(nil), docs...)
		for _, pos := range []string{"noun", "verb", "adj", "adv"} {
			data, err := hashIn(wordnet, "data."+pos)
			if err != nil {
				return fmt.Errorf("wordnet: %w (install Debian's wordnet-base or pass -wordnet '')", err)
			}
			ctext = append(ctext, glossDocs(data, p.Gloss)...)
		}
		log.Printf("with glosses: %d documents", len(ctext))
	}
	ppmi := cooccurrence(ctext, idx, p)
	// 4. SVD
	vecs := svd(ppmi, len(words), p)
	// 5. retrofitting
	syn := synonyms(lex, idx, p.LexWeight)
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
	if p.Common > 0 {
		vecs = removeCommon(vecs, p.Dim, p.Common)
	}

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
