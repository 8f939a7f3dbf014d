package bench

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"vitae"
	"vitae/match"
	"vitae/search"
	"vitae/search/searchtest"
	"vitae/web"
)

// TestAuditLoadLogsTheOnSideOnly: the interleaved load alternates the
// two handlers pair by pair, every answer of the "on" side is in the
// verified log, and none of the "off" side is.
func TestAuditLoadLogsTheOnSideOnly(t *testing.T) {
	rs := []*vitae.Resume{
		searchtest.Resume("ana", "Ana", "Acme", "SRE", "2019", "2022", "Led the SRE team through a Kubernetes migration"),
		searchtest.Resume("bo", "Bo", "Initech", "Engineer", "2018", "2020", "Built payment APIs in Go"),
	}
	emb := searchtest.Trained(t, rs)
	eng := search.New(searchtest.Index(t, emb, rs), emb, search.Options{})
	handler := func(a web.Auditor) (http.Handler, error) {
		return web.New(eng, match.New(eng, match.Options{}), web.Config{Audit: a})
	}
	off, err := handler(nil)
	if err != nil {
		t.Fatal(err)
	}
	var offServed, onServed atomic.Int64
	// count counts the answers h gave with 200 (a search cut off by the
	// segment's end may be answered otherwise, and is not logged).
	count := func(h http.Handler, n *atomic.Int64) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := &status{ResponseWriter: w, code: http.StatusOK}
			h.ServeHTTP(rec, r)
			if rec.code == http.StatusOK {
				n.Add(1)
			}
		})
	}
	build := func(a web.Auditor) (http.Handler, error) {
		h, err := handler(a)
		return count(h, &onServed), err
	}
	got, err := auditLoad(context.Background(), count(off, &offServed), build, t.TempDir(),
		[]string{"kubernetes", "payment APIs"}, 2, 2, 150*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Off) != 2 || len(got.On) != 2 || got.Errors != 0 || got.OffPerSec <= 0 || got.OnPerSec <= 0 || got.OffCPUus <= 0 {
		t.Fatalf("load: %+v", got)
	}
	if offServed.Load() == 0 || got.Entries == 0 || int64(got.Entries) != onServed.Load() {
		t.Errorf("log holds %d entries; the on side served %d, the off side %d", got.Entries, onServed.Load(), offServed.Load())
	}
}

type status struct {
	http.ResponseWriter
	code int
}

func (s *status) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}
