package web

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vitae/ingest/ingesttest"
)

// bombUpload is one multipart body of n DOCX bombs of about 300 KB, each
// inflating to 100 MiB of one-letter paragraphs.
func bombUpload(tb testing.TB, n int) ([]byte, string) {
	tb.Helper()
	bomb, err := ingesttest.ZipBomb(100 << 20)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := range n {
		w, err := mw.CreateFormFile("files", fmt.Sprintf("bomb-%02d.docx", i))
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(bomb)
	}
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

func postBytes(tb testing.TB, url string, body []byte, ctype string) (int, string) {
	tb.Helper()
	resp, err := http.Post(url, ctype, bytes.NewReader(body))
	if err != nil {
		tb.Error(err)
		return 0, ""
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(resp.Body)
	return resp.StatusCode, out.String()
}

// TestUploadBombsWithinBounds: 16 DOCX bombs in one request took 43.7 s
// against a 30 s deadline, and one bomb held ~300 MB; 4 such requests at
// once took RSS from 650 MB to 1.55 GB. Now the request ends inside its
// deadline with a 4xx naming every file, and 4 at once keep RSS under
// twice what one left.
func TestUploadBombsWithinBounds(t *testing.T) {
	const deadline = 10 * time.Second
	ts, _ := newTestServer(t, Config{RequestTimeout: deadline})
	body, ctype := bombUpload(t, 16)
	t.Logf("one request: %d KB", len(body)>>10)

	start := time.Now()
	status, out := postBytes(t, ts.URL+"/api/v1/resumes", body, ctype)
	took := time.Since(start)
	t.Logf("16 bombs: %d in %v", status, took)
	if status < 400 || status >= 500 {
		t.Fatalf("status %d, want a 4xx: %s", status, out[:min(len(out), 300)])
	}
	if took > deadline {
		t.Errorf("16 bombs took %v, past the %v deadline", took, deadline)
	}
	for i := range 16 {
		if name := fmt.Sprintf("bomb-%02d.docx", i); !strings.Contains(out, `"file":"`+name+`"`) {
			t.Errorf("answer does not name %s", name)
		}
	}

	baseline := vmRSS(t)
	if baseline == 0 {
		t.Skip("no /proc/self/status: cannot read RSS")
	}
	var peak atomic.Int64
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				if r := vmRSS(t); r > peak.Load() {
					peak.Store(r)
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s, out := postBytes(t, ts.URL+"/api/v1/resumes", body, ctype); s < 400 || s >= 500 {
				t.Errorf("concurrent bombs: status %d: %s", s, out[:min(len(out), 200)])
			}
		}()
	}
	wg.Wait()
	close(stop)
	t.Logf("RSS after one request %d MiB, peak with 4 at once %d MiB", baseline>>20, peak.Load()>>20)
	if peak.Load() > 2*baseline {
		t.Errorf("4 bomb uploads at once took RSS from %d to %d MiB, more than twice", baseline>>20, peak.Load()>>20)
	}
}
