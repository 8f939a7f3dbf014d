package embedtest

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"vitae"
)

// The model answers through the client; a refused request is the
// client's error, and only the requests the fault picks are refused.
func TestServerFault(t *testing.T) {
	srv := Server(t, 32, func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if bytes.Contains(body, []byte("refused")) {
			Refuse(w)
			return true
		}
		return false
	})
	c := Client(t, srv, 32, 5*time.Second)
	vs, err := c.Embed(context.Background(), []string{"led a DevOps team"}, vitae.InputQuery)
	if err != nil || len(vs) != 1 || len(vs[0]) != 32 {
		t.Fatalf("embed: %v, %d vectors", err, len(vs))
	}
	if _, err := c.Embed(context.Background(), []string{"a refused text"}, vitae.InputQuery); err == nil {
		t.Error("a refused request embedded")
	}
}
