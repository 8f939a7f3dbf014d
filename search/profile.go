package search

import "context"

// Profile is the normalised mean of the stored vectors of the given
// bullets (one résumé's: "what this person did"), for comparing people
// by meaning (match's pseudo-relevance feedback). It is nil, with no
// error, when the engine has no vectors of its model or the store cannot
// average them: the caller then reads no profile.
func (s *Engine) Profile(ctx context.Context, bulletIDs []string) ([]float32, error) {
	if m := s.st.VectorModel(); m == "" || s.emb == nil || m != s.emb.Model() {
		return nil, nil
	}
	cs, ok := s.st.(centroider)
	if !ok {
		return nil, nil
	}
	return cs.Centroid(ctx, bulletIDs)
}
