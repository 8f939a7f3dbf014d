package search

import (
	"context"
	"testing"
	"time"

	"vitae"
)

// A search whose embed call outlasts the engine's timeout (the provider
// holds the request until the client gives up) is ETIMEOUT, not a
// degraded keyword answer.
func TestHybridEmbedTimeout(t *testing.T) {
	s, p, _ := providerEngine(t, Options{Timeout: 200 * time.Millisecond})
	p.mode.Store(int32(hang))
	res, err := s.Search(context.Background(), vitae.Query{Text: "DevOps team", Mode: vitae.ModeHybrid})
	if code := vitae.ErrorCode(err); code != vitae.ETIMEOUT {
		t.Errorf("error %v (code %q), result %+v; want code %q", err, code, res, vitae.ETIMEOUT)
	}
	if p.requests.Load() == 0 {
		t.Error("no embed request: the timeout was not the provider's")
	}
}
