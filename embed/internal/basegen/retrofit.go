package main

import (
	"fmt"
	"sort"
	"strings"

	"vitae/embed"
	"vitae/lexicon"
)

func cosine(vecs []float32, dim, a, b int) float64 {
	x, y := vecs[a*dim:(a+1)*dim], vecs[b*dim:(b+1)*dim]
	var d float64
	for i := range x {
		d += float64(x[i]) * float64(y[i])
	}
	return d
}

// synonyms links the single-word terms of each lexicon group.
func synonyms(lex *lexicon.Lexicon, idx map[string]int, w float64) []map[int]float64 {
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
		link(syn, ids, w)
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
					n += link(syn, []int{a, b}, p.WNWeight)
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
		putUnit(out[i*dim:(i+1)*dim], cur[i*dim:(i+1)*dim])
	}
	return out
}
