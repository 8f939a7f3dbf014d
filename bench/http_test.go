package bench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
	"time"
)

// LoadSearch counts answers and errors apart and charges the process's
// CPU to each answered request.
func TestLoadSearchCountsAndCPU(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		n := 0
		for i := range 20000 { // some CPU to charge
			n += int(body[i%len(body)])
		}
		if bytes.Contains(body, []byte("refused")) {
			http.Error(w, "refused", http.StatusBadRequest)
			return
		}
		w.Write([]byte{'[', byte('0' + n%10), ']'})
	})
	res, err := LoadSearch(context.Background(), h, []string{"go", "refused"}, "hybrid", false, 2, 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests == 0 || res.Errors == 0 || res.Errors == res.Requests {
		t.Fatalf("requests %d, errors %d: want both answers and errors", res.Requests, res.Errors)
	}
	if res.CPUms <= 0 {
		t.Errorf("CPU per request %v ms, want > 0", res.CPUms)
	}
	if want := float64(res.Requests-res.Errors) / res.Seconds; res.PerSec != want {
		t.Errorf("searches/s %v, want answers/seconds %v", res.PerSec, want)
	}
}
