package index

import (
	"context"
	"fmt"

	bindex "github.com/blevesearch/bleve_index_api"
)

// TermStats are the keyword index's statistics of some terms, what BM25
// weighs a term by: how many bullets the index holds and how many of
// their texts have each term.
type TermStats struct {
	Bullets int
	DF      map[string]int // by term, as Terms analyses text; 0 when absent
}

// TermStats counts the bullets whose text has each of terms (analysed as
// Terms gives them), and all the bullets, in one snapshot: what ranking
// ad-hoc bullets (search.Engine.Rank) weighs their terms by, so a word is
// as rare as it is in the index, not among the few bullets sent.
func (ix *Index) TermStats(ctx context.Context, terms []string) (TermStats, error) {
	if err := checkCtx(ctx); err != nil {
		return TermStats{}, err
	}
	ix.bleveMu.RLock()
	defer ix.bleveMu.RUnlock()
	st := TermStats{DF: make(map[string]int, len(terms))}
	err := guard(func() error {
		return ix.withBleveReader(func(r bindex.IndexReader) error {
			n, err := r.DocCount()
			if err != nil {
				return err
			}
			st.Bullets = int(n)
			for _, t := range terms {
				if _, ok := st.DF[t]; ok {
					continue
				}
				tfr, err := r.TermFieldReader(ctx, []byte(t), fText, false, false, false)
				if err != nil {
					return fmt.Errorf("term %q: %w", t, err)
				}
				st.DF[t] = int(tfr.Count())
				if err := tfr.Close(); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		return TermStats{}, fmt.Errorf("keyword index term statistics: %w", err)
	}
	return st, nil
}
