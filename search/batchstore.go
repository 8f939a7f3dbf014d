package search

import (
	"context"
	"encoding/json"
	"sync"

	"vitae"
	"vitae/index"
)

// batchStore is the Store of one batch's queries (SearchBatch): the
// requirements of a job description find many of the same bullets, and
// some of them ask the same keyword search, so it loads a bullet once and
// runs a keyword search once, sharing the answer. It lives only as long as
// the batch, which reads one version of the index.
type batchStore struct {
	Store
	mu   sync.Mutex
	seen map[string]vitae.Bullet // absent: not loaded yet or unknown
	lex  map[string]*lexicalOnce // by the request, as JSON
}

// lexicalOnce is one keyword search of the batch, run by the first query
// that asks it; the others wait for its answer.
type lexicalOnce struct {
	once sync.Once
	res  *index.LexicalResult
	err  error
}

func newBatchStore(st Store) *batchStore {
	return &batchStore{Store: st, seen: map[string]vitae.Bullet{}, lex: map[string]*lexicalOnce{}}
}

// Lexical answers a request the batch asked before with the same result:
// the callers only read it.
func (c *batchStore) Lexical(ctx context.Context, req index.LexicalRequest) (*index.LexicalResult, error) {
	key, err := json.Marshal(req)
	if err != nil {
		return c.Store.Lexical(ctx, req)
	}
	c.mu.Lock()
	l := c.lex[string(key)]
	if l == nil {
		l = &lexicalOnce{}
		c.lex[string(key)] = l
	}
	c.mu.Unlock()
	l.once.Do(func() { l.res, l.err = c.Store.Lexical(ctx, req) })
	return l.res, l.err
}

// Bullets loads from the store only the bullets the batch has not loaded.
func (c *batchStore) Bullets(ids []string) (map[string]vitae.Bullet, error) {
	out := make(map[string]vitae.Bullet, len(ids))
	var missing []string
	c.mu.Lock()
	for _, id := range ids {
		if b, ok := c.seen[id]; ok {
			out[id] = b
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	loaded, err := c.Store.Bullets(missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	for id, b := range loaded {
		c.seen[id], out[id] = b, b
	}
	c.mu.Unlock()
	return out, nil
}
