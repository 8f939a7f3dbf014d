package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"vitae"
)

// writeJSON answers what c.JSON answers, byte for byte, headers included,
// also from a buffer a larger answer used before.
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
				if got.Code != want.Code || got.Body.String() != want.Body.String() || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
					t.Fatalf("writeJSON: %d %q %q\nc.JSON:    %d %q %q", got.Code, got.Header().Get("Content-Type"), got.Body,
						want.Code, want.Header().Get("Content-Type"), want.Body)
				}
			}
		})
	}
}
