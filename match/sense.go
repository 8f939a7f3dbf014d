package match

import (
	"context"
	"fmt"
	"sync"

	"vitae"
)

// senseCheck is the strong gate's third reader (Options.StrongSense): a
// strong grade also needs the requirement and the bullet to be near in
// meaning under the search's embedding model. The rule sets read the
// words a pair shares; the model reads the whole of both, so a bullet
// that carries a requirement's words in another sense ("Performed daily
// system monitoring" for "monitoring and alerting for availability and
// performance") scores low. Chosen on the train pairs by leave-one-JD-out
// (docs/matching.md, "The strong gate, third round: sense").
type senseCheck struct {
	ctx  context.Context // of the one match or grading the check serves
	emb  vitae.Embedder
	at   float64     // the cosine a strong pair needs
	reqs [][]float32 // each requirement's vector, embedded as a query

	mu      sync.Mutex
	bullets map[string][]float32 // embedded as documents, per text
	err     error                // the first bullet that could not be embedded
}

// newSenseCheck embeds the requirements; it fails when the model does.
func newSenseCheck(ctx context.Context, emb vitae.Embedder, at float64, texts []string) (*senseCheck, error) {
	vs, err := emb.Embed(ctx, texts, vitae.InputQuery)
	if err != nil {
		return nil, fmt.Errorf("embedding %d requirements: %w", len(texts), err)
	}
	if len(vs) != len(texts) {
		return nil, fmt.Errorf("embedding %d requirements: the model answered %d vectors", len(texts), len(vs))
	}
	return &senseCheck{ctx: ctx, emb: emb, at: at, reqs: vs, bullets: map[string][]float32{}}, nil
}

// near reports whether bullet text is near requirement ri in meaning. A
// text the model cannot read is not near (strong is not shown); the
// error is kept for the answer's degraded reason, and once the model has
// failed it is not asked again in this match: a model that is down
// would otherwise be called (and waited on) for every strong bullet.
func (s *senseCheck) near(ri int, text string) bool {
	v, ok := s.vector(text)
	return ok && cosine(s.reqs[ri], v) >= s.at
}

// cosine is how near bullet text is to requirement ri in meaning, 0 when
// the model cannot read it (as near).
func (s *senseCheck) cosine(ri int, text string) float64 {
	v, ok := s.vector(text)
	if !ok {
		return 0
	}
	return cosine(s.reqs[ri], v)
}

// vector is a bullet's vector, read once; ok is false when the model
// cannot read it or has failed before.
func (s *senseCheck) vector(text string) (v []float32, ok bool) {
	if s.reqs == nil {
		return nil, false // the requirements could not be read (err)
	}
	s.mu.Lock()
	v, ok = s.bullets[text]
	failed := s.err != nil
	s.mu.Unlock()
	if ok || failed {
		return v, ok
	}
	vs, err := s.emb.Embed(s.ctx, []string{text}, vitae.InputDocument)
	if err == nil && len(vs) != 1 {
		err = fmt.Errorf("the model answered %d vectors for one bullet", len(vs))
	}
	if err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = fmt.Errorf("embedding a bullet for the strong sense check: %w", err)
		}
		s.mu.Unlock()
		return nil, false
	}
	s.mu.Lock()
	s.bullets[text] = vs[0]
	s.mu.Unlock()
	return vs[0], true
}

// embed reads the bullet texts not read yet in one call to the model, so
// near finds them; a failure is kept as near's is, and once the model
// has failed it is not asked again.
func (s *senseCheck) embed(texts []string) {
	if s.reqs == nil || len(texts) == 0 {
		return
	}
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return
	}
	var todo []string
	seen := map[string]bool{}
	for _, t := range texts {
		if _, ok := s.bullets[t]; !ok && !seen[t] {
			seen[t] = true
			todo = append(todo, t)
		}
	}
	s.mu.Unlock()
	if len(todo) == 0 {
		return
	}
	vs, err := s.emb.Embed(s.ctx, todo, vitae.InputDocument)
	if err == nil && len(vs) != len(todo) {
		err = fmt.Errorf("the model answered %d vectors for %d bullets", len(vs), len(todo))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		if s.err == nil {
			s.err = fmt.Errorf("embedding %d bullets for the strong sense check: %w", len(todo), err)
		}
		return
	}
	for i, t := range todo {
		s.bullets[t] = vs[i]
	}
}

// failed is the first embedding error of the check, nil for none.
func (s *senseCheck) failed() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}
