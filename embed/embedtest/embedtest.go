package embedtest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"vitae"
	"vitae/embed"
)

// Fault sees a request's body before the model does. It returns true
// when it has answered the request itself (an error, a request held
// until the caller gives up); false lets the model answer.
type Fault func(w http.ResponseWriter, r *http.Request, body []byte) bool

// Server is the built-in model of dim dimensions on the OpenAI wire,
// closed when the test ends; fault, if not nil, sees every request first.
func Server(tb testing.TB, dim int, fault Fault) *httptest.Server {
	tb.Helper()
	local := embed.NewServer(embed.NewLocal(embed.LocalOptions{Dim: dim}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if fault != nil && fault(w, r, body) {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		local.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// Client reads srv's model as a remote provider is read: the OpenAI
// client, model "vitae-local" of dim dimensions, one retry.
func Client(tb testing.TB, srv *httptest.Server, dim int, timeout time.Duration) vitae.Embedder {
	tb.Helper()
	oa, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "vitae-local", Dimensions: dim, MaxRetries: 1, Timeout: timeout})
	if err != nil {
		tb.Fatal(err)
	}
	return oa
}

// Refuse answers 400 with an OpenAI-shaped error, as a provider that
// rejects a request does.
func Refuse(w http.ResponseWriter) {
	http.Error(w, `{"error":{"message":"no"}}`, http.StatusBadRequest)
}
