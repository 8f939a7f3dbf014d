package web

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadClient is one HTTP client shared by every simulated user, with
// enough idle connections that users do not churn ports.
func loadClient(users int) *http.Client {
	return &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConns: users * 2, MaxIdleConnsPerHost: users * 2}}
}

// send makes one request and returns its status and body.
func send(c *http.Client, method, url, body string) (int, []byte, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// jsonResume is an upload body whose bullets carry token, so a search for
// token finds exactly this résumé.
func jsonResume(name, token string, variant int) string {
	return fmt.Sprintf(`{"basics":{"name":%q},"work":[{"name":"Initech","position":"SRE","startDate":"2020-01","highlights":[
		"Ran the %s incident review for the payments platform (variant %d)",
		"Cut the %s paging volume by half with SLO alerts"]}]}`, name, token, variant, token)
}

// TestConcurrentSearchUploadDelete runs searches, job matches, uploads and
// deletes at the same time against the real router and index (meant for
// `go test -race`), then checks the index is exactly what the writes said.
func TestConcurrentSearchUploadDelete(t *testing.T) {
	ts, eng := newTestServer(t, Config{})
	c := loadClient(16)
	st0, err := eng.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	const writers, perWriter, readers, perReader = 4, 12, 8, 25
	var wg sync.WaitGroup
	errs := make(chan string, 1000)
	fail := func(format string, args ...any) { errs <- fmt.Sprintf(format, args...) }
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				id := fmt.Sprintf("conc-%d-%d", w, i)
				token := fmt.Sprintf("tokc%dx%d", w, i)
				if s, body, err := send(c, "POST", ts.URL+"/api/v1/resumes?id="+id, jsonResume("Conc "+id, token, 0)); err != nil || s != 201 {
					fail("upload %s: %d %v %s", id, s, err, body)
					return
				}
				// Replace it once (a write of changed bullets), and delete
				// every other one.
				if s, body, err := send(c, "POST", ts.URL+"/api/v1/resumes?id="+id, jsonResume("Conc "+id, token, 1)); err != nil || s != 201 {
					fail("re-upload %s: %d %v %s", id, s, err, body)
				}
				if i%2 == 1 {
					if s, body, err := send(c, "DELETE", ts.URL+"/api/v1/resumes/"+id, ""); err != nil || s != 200 {
						fail("delete %s: %d %v %s", id, s, err, body)
					}
				}
			}
		}()
	}
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perReader; i++ {
				var s int
				var body []byte
				var err error
				switch i % 5 {
				case 0, 1:
					s, body, err = send(c, "POST", ts.URL+"/api/v1/search", `{"query":"incident review paging","limit":20,"group_by":"candidate"}`)
				case 2:
					s, body, err = send(c, "POST", ts.URL+"/api/v1/search", `{"query":"SLO alerts","mode":"keyword","filters":{"company":["Initech"]}}`)
				case 3:
					s, body, err = send(c, "POST", ts.URL+"/api/v1/match", `{"job_description":"## Requirements\n- Ran incident reviews\n- SLO based alerting","limit":5}`)
				case 4:
					s, body, err = send(c, "GET", ts.URL+"/api/v1/stats", "")
				}
				if err != nil || s != 200 {
					fail("read %d: %d %v %s", i, s, err, body)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	st, err := eng.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	kept := writers * perWriter / 2
	if st.Resumes != st0.Resumes+kept || st.Bullets != st0.Bullets+2*kept || st.Vectors != st.Bullets {
		t.Errorf("after concurrent writes: %+v, want %d more résumés and %d more bullets, each with a vector (before: %+v)", st, kept, 2*kept, st0)
	}
	for w := 0; w < writers; w++ {
		for i := 0; i < perWriter; i++ {
			_, body, err := send(c, "POST", ts.URL+"/api/v1/search", fmt.Sprintf(`{"query":"tokc%dx%d","mode":"keyword"}`, w, i))
			if err != nil {
				t.Fatal(err)
			}
			var res searchResponse
			if err := json.Unmarshal(body, &res); err != nil {
				t.Fatal(err)
			}
			want := 2 * (1 - i%2)
			if len(res.Hits) != want {
				t.Errorf("conc-%d-%d: %d hits, want %d", w, i, len(res.Hits), want)
			}
			for _, h := range res.Hits {
				if !strings.Contains(h.Text, "variant 1") && strings.Contains(h.Text, "variant") {
					t.Errorf("stale bullet after replacement: %q", h.Text)
				}
			}
		}
	}
}

// rssBytes reads this process's resident set size.
func rssBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func mean(xs []int64) float64 {
	var s float64
	for _, x := range xs {
		s += float64(x)
	}
	return s / float64(len(xs))
}

// TestLoad holds 64 clients on loopback for VITAE_LOAD_SECONDS (default 5)
// doing mixed searches, job matches and uploads: no request may fail, and
// resident memory must level off. Figures go to the test log.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	seconds := 5.0
	if v := os.Getenv("VITAE_LOAD_SECONDS"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			t.Fatalf("VITAE_LOAD_SECONDS=%q", v)
		}
		seconds = f
	}
	const users = 64
	ts, eng := newTestServer(t, Config{})
	st0, err := eng.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c := loadClient(users)
	dur := time.Duration(seconds * float64(time.Second))

	var requests, failures atomic.Int64
	var firstErr atomic.Value
	type sample struct {
		kind string
		d    time.Duration
	}
	lat := make([][]sample, users)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for u := 0; u < users; u++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var method, path, body string
				want, kind := 200, "search"
				switch n := (u + i) % 20; {
				case n < 14:
					method, path, body = "POST", "/api/v1/search", `{"query":"led DevOps team","limit":10}`
					if n%3 == 0 {
						body = `{"query":"site reliability paging","mode":"keyword","group_by":"candidate"}`
					}
				case n < 17:
					kind, method, path, body = "match", "POST", "/api/v1/match", `{"job_description":"## Requirements\n- Lead a team of SREs\n- Kubernetes in production","limit":5}`
				default:
					// Uploads cycle over a fixed pool with two versions each,
					// so the index stays the same size: memory should level off.
					id := fmt.Sprintf("load-%02d", (u*7+i)%32)
					kind, method, path, body, want = "upload", "POST", "/api/v1/resumes?id="+id, jsonResume("Load "+id, "tokl"+id[5:], i%2), 201
				}
				start := time.Now()
				s, data, err := send(c, method, ts.URL+path, body)
				lat[u] = append(lat[u], sample{kind, time.Since(start)})
				requests.Add(1)
				if kind == "upload" && s == 200 {
					s = want // another user sent this version first: stored already, unchanged
				}
				if err != nil || s != want {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%s %s: %d %v %.200s", method, path, s, err, data))
				}
			}
		}()
	}
	var rss []int64
	start := time.Now()
	tick := time.NewTicker(100 * time.Millisecond)
	for time.Since(start) < dur {
		<-tick.C
		rss = append(rss, rssBytes())
	}
	tick.Stop()
	close(stop)
	wg.Wait()
	elapsed := time.Since(start)

	byKind := map[string][]time.Duration{}
	var all []time.Duration
	for _, l := range lat {
		for _, x := range l {
			byKind[x.kind] = append(byKind[x.kind], x.d)
			all = append(all, x.d)
		}
	}
	pct := func(ds []time.Duration, p float64) time.Duration {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[min(len(ds)-1, int(p*float64(len(ds))))].Round(time.Millisecond)
	}
	st, _ := eng.Stats(t.Context())
	var peak int64
	for _, r := range rss {
		peak = max(peak, r)
	}
	t.Logf("load: %d users for %s: %d requests (%.0f/s), %d errors, p50 %s, p99 %s; RSS peak %.0f MiB; index %d résumés",
		users, elapsed.Round(time.Millisecond), requests.Load(), float64(requests.Load())/elapsed.Seconds(), failures.Load(),
		pct(all, 0.50), pct(all, 0.99), float64(peak)/(1<<20), st.Resumes)
	for _, k := range []string{"search", "match", "upload"} {
		if ds := byKind[k]; len(ds) > 0 {
			t.Logf("  %-6s %5d requests, p50 %s, p99 %s", k, len(ds), pct(ds, 0.5), pct(ds, 0.99))
		}
	}
	if failures.Load() > 0 {
		t.Errorf("%d of %d requests failed; first: %v", failures.Load(), requests.Load(), firstErr.Load())
	}
	if requests.Load() < users {
		t.Errorf("only %d requests in %s", requests.Load(), elapsed)
	}
	// Memory levels off: after a warm-up fifth, the last third of the
	// samples averages at most 1.5 times the first third.
	if warm := rss[len(rss)/5:]; len(warm) >= 9 {
		third := len(warm) / 3
		first, last := mean(warm[:third]), mean(warm[len(warm)-third:])
		t.Logf("RSS after warm-up: first third %.0f MiB, last third %.0f MiB", first/(1<<20), last/(1<<20))
		if last > 1.5*first {
			t.Errorf("resident memory keeps growing: %.0f MiB → %.0f MiB", first/(1<<20), last/(1<<20))
		}
	}
	if st.Resumes > st0.Resumes+32 {
		t.Errorf("index grew past the upload pool: %d résumés", st.Resumes)
	}
}
