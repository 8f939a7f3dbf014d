package weaviate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/fault"

	"vitae"
)

// Store is Vitae's storage on a Weaviate cluster, safe for concurrent use.
type Store struct {
	opts    Options
	clients []*wv.Client // one per host
	cur     atomic.Int32 // the host that answered last
	bullet  string       // collection names
	resume  string
	meta    string
	ns      uuid.UUID // namespace of the objects' UUIDs
}

// Open connects to the cluster, creates the collections if missing and
// brings those of an older Vitae up to its format (format.go).
// A cluster that cannot be reached is EUNAVAILABLE.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	s := &Store{
		opts: opts, bullet: opts.Collection + "Bullet", resume: opts.Collection + "Resume",
		meta: opts.Collection + "Meta", ns: uuid.NewSHA1(uuid.NameSpaceURL, []byte("vitae:"+opts.Collection)),
	}
	for _, h := range opts.Hosts {
		cfg := wv.Config{Host: h, Scheme: opts.Scheme, Timeout: opts.Timeout, ConnectionClient: &http.Client{Timeout: opts.Timeout}}
		if opts.APIKey != "" {
			// A bearer header, not auth.ApiKey: that one asks the server
			// for its OIDC settings before the first request.
			cfg.Headers = map[string]string{"Authorization": "Bearer " + opts.APIKey}
		}
		c, err := wv.NewClient(cfg)
		if err != nil {
			return nil, fmt.Errorf("weaviate client for %s: %w", h, err)
		}
		s.clients = append(s.clients, c)
	}
	if err := s.ensureSchema(ctx); err != nil {
		return nil, fmt.Errorf("open weaviate %v: %w", opts.Hosts, err)
	}
	up, stop := untilCanceled(ctx)
	defer stop()
	if err := s.upgrade(up); err != nil {
		return nil, fmt.Errorf("open weaviate %v: %w", opts.Hosts, err)
	}
	return s, nil
}

// Close releases nothing: the cluster keeps the data and HTTP connections
// are pooled by the client.
func (s *Store) Close() error { return nil }

// call runs fn against the host that answered last, trying the others in
// turn while a host cannot be reached. Errors Weaviate answers with are
// returned as they are; a cluster no host of which answers is EUNAVAILABLE.
func (s *Store) call(ctx context.Context, fn func(c *wv.Client) error) error {
	start := int(s.cur.Load())
	var err error
	for i := range s.clients {
		n := (start + i) % len(s.clients)
		err = s.settled(ctx, func() error { return fn(s.clients[n]) })
		if err == nil || !unreachable(err) || ctx.Err() != nil {
			if err == nil && n != start {
				s.cur.Store(int32(n))
			}
			return s.classify(ctx, err)
		}
		s.opts.Logger.Warn("weaviate host unreachable, trying the next", "host", s.opts.Hosts[n], "error", err)
	}
	return vitae.Wrap(vitae.EUNAVAILABLE, err, "no weaviate host answers")
}

// consistencyWaits are the pauses before each retry of a call Weaviate
// refused for a consistency level: in the seconds after a node dies,
// until the cluster marks it dead (about 20 s on the 3-node TestCluster,
// more than 32 s on 2 loaded cores), calls that need its replicas are
// refused ("cannot achieve consistency level") although the data is
// there. 96 s in all; a write still refused after them fails as before.
var consistencyWaits = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 16 * time.Second, 16 * time.Second, 16 * time.Second, 16 * time.Second}

// settled runs fn, again after each of consistencyWaits while Weaviate
// answers that it cannot reach a consistency level; any other answer, or
// ctx ending, ends it. Shards resolving to uneven levels is not retried:
// it lasts until the dead node returns (see unevenReplicas).
func (s *Store) settled(ctx context.Context, fn func() error) error {
	err := fn()
	for _, d := range consistencyWaits {
		if err == nil || !strings.Contains(err.Error(), "consistency level") || unevenReplicas(err) {
			return err
		}
		s.opts.Logger.Warn("weaviate replicas not settled, retrying", "after", d, "error", err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(d):
		}
		err = fn()
	}
	return err
}

// unreachable reports whether err is the transport failing rather than
// Weaviate answering (a status code, an error in a GraphQL answer).
func unreachable(err error) bool {
	var ce *fault.WeaviateClientError
	if errors.As(err, &ce) {
		return !ce.IsUnexpectedStatusCode
	}
	return false
}

// classify gives a failed call its vitae code: ETIMEOUT when ctx ended.
func (s *Store) classify(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return vitae.Wrap(vitae.ETIMEOUT, ctx.Err(), "weaviate request cancelled")
	}
	return err
}

// objectID is the UUID of a bullet or résumé ID in this store.
func (s *Store) objectID(kind, id string) string {
	return uuid.NewSHA1(s.ns, []byte(kind+"\x00"+id)).String()
}

func (s *Store) bulletUUID(id string) string { return s.objectID("bullet", id) }
func (s *Store) resumeUUID(id string) string { return s.objectID("resume", id) }
func (s *Store) metaUUID() string            { return s.objectID("meta", "vectors") }

func checkCtx(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return vitae.Wrap(vitae.ETIMEOUT, err, "request cancelled")
	}
	return nil
}

// notFound reports whether Weaviate answered 404.
func notFound(err error) bool {
	var ce *fault.WeaviateClientError
	return errors.As(err, &ce) && ce.IsUnexpectedStatusCode && ce.StatusCode == 404
}
