package search

import (
	"context"
	"sort"

	"vitae"
)

// centroider is a Store that can average stored vectors (the embedded
// one can); Similar needs it.
type centroider interface {
	Centroid(ctx context.Context, ids []string) ([]float32, error)
}

// Similar finds the candidates most like one résumé: the normalised mean
// of its bullets' vectors is searched like a query, the nearest bullets
// of other people are grouped by person, and each person scores their
// best bullet plus the damped next two (as group does). Without vectors
// (keyword-only engine, back-fill pending) it returns EUNAVAILABLE.
func (s *Engine) Similar(ctx context.Context, resumeID string, limit int) ([]vitae.Candidate, error) {
	r, err := s.st.Resume(resumeID)
	if err != nil {
		return nil, err
	}
	if m := s.st.VectorModel(); m == "" || s.emb == nil || m != s.emb.Model() {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "no vectors for this index yet")
	}
	limit = min(max(limit, 1), s.opts.MaxLimit)
	ids := make([]string, len(r.Bullets))
	for i, b := range r.Bullets {
		ids[i] = b.ID
	}
	cs, ok := s.st.(centroider)
	if !ok {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "this storage backend cannot average a résumé's vectors")
	}
	centroid, err := cs.Centroid(ctx, ids)
	if err != nil {
		return nil, err
	}
	if centroid == nil {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "résumé %q has no vectors yet", resumeID)
	}
	// Enough neighbours that the person's own bullets and people with many
	// close bullets still leave limit others.
	k := len(ids) + 20*limit
	ns, err := s.st.Nearest(ctx, centroid, k, vitae.Filters{})
	if err != nil {
		return nil, err
	}
	var keep []string
	scores := map[string]float64{}
	for _, n := range ns {
		keep = append(keep, n.ID)
		scores[n.ID] = float64(n.Score)
	}
	bullets, err := s.st.Bullets(keep)
	if err != nil {
		return nil, err
	}
	var hits []vitae.Hit
	for _, id := range keep {
		b, ok := bullets[id]
		if !ok || b.ResumeID == resumeID || scores[id] <= 0 {
			continue // gone, their own, or unrelated (cosine ≤ 0)
		}
		hits = append(hits, vitae.Hit{Bullet: b, Score: scores[id],
			Details: &vitae.ScoreDetails{Vector: scores[id], VectorRank: len(hits) + 1, Fused: scores[id]}})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].Score > hits[b].Score })
	out, _ := group(hits, 0, limit)
	return out, nil
}
