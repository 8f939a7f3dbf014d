package web

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"

	"vitae"
)

// writeJSON answers what c.JSON answers, byte for byte, with the same
// headers plus Content-Length, also from a buffer a larger answer used
// before.
func TestWriteJSONIsGinJSON(t *testing.T) {
	gin.SetMode(gin.TestMode)
	tests := []struct {
		name string
		v    any
	}{
		{"hits", searchResponse{Hits: []vitae.Hit{{Bullet: vitae.Bullet{ID: "b1", Text: "Led <b>ops</b> & \u2028 on-call"}, Score: 0.5,
			Highlights: []string{"Led <mark>ops</mark>"}}}, Total: 1, Facets: map[string][]vitae.FacetCount{"role": {{Value: "SRE", Count: 1}}}}},
		{"empty", searchResponse{}},
		{"map", map[string]any{"z": 1.5, "a": []int{1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(want)
			c.JSON(http.StatusOK, tt.v)
			for range 2 {
				got := httptest.NewRecorder()
				c, _ := gin.CreateTestContext(got)
				writeJSON(c, http.StatusOK, tt.v)
				if got.Code != want.Code || got.Body.String() != want.Body.String() {
					t.Fatalf("writeJSON: %d %q\nc.JSON:    %d %q", got.Code, got.Body, want.Code, want.Body)
				}
				// Content-Length on purpose: the whole body is known, where
				// net/http sends c.JSON's past 2 KB chunked.
				if n := got.Header().Get("Content-Length"); n != strconv.Itoa(got.Body.Len()) || want.Header().Get("Content-Length") != "" {
					t.Errorf("Content-Length %q for %d bytes (c.JSON's %q)", n, got.Body.Len(), want.Header().Get("Content-Length"))
				}
				h := got.Header().Clone()
				h.Del("Content-Length")
				if diff := cmp.Diff(want.Header(), h); diff != "" {
					t.Errorf("headers but Content-Length (-c.JSON +writeJSON):\n%s", diff)
				}
			}
		})
	}
}
