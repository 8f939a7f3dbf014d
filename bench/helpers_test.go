package bench

import (
	"net/http"
	"testing"

	"vitae/index/weaviate"
	"vitae/match"
	"vitae/search"
	"vitae/web"
)

// weaviateServer returns the weaviate-server binary, skipping t in -short
// mode or when none is installed.
func weaviateServer(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a weaviate-server")
	}
	bin, err := weaviate.FindServer()
	if err != nil {
		t.Skip(err)
	}
	return bin
}

// webHandler serves an engine as `vitae serve` does.
func webHandler(e *search.Engine, a web.Auditor) (http.Handler, error) {
	return web.New(e, match.New(e, match.Options{}), web.Config{Audit: a})
}
