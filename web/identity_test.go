package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"vitae/embed"
	"vitae/index"
	"vitae/match"
	"vitae/search"
)

// identityServer is the real stack over an empty index, embedding through
// an OpenAI-wire provider on loopback whose requests it counts.
func identityServer(tb testing.TB, dup string) (*httptest.Server, *embed.Server, *search.Engine) {
	tb.Helper()
	provider := embed.NewServer(embed.NewLocal(embed.LocalOptions{Dim: 32}))
	ps := httptest.NewServer(provider)
	tb.Cleanup(ps.Close)
	oa, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: ps.URL + "/v1", Model: "vitae-local", Dimensions: 32})
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := index.Open(index.Options{Path: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	eng := search.New(ix, oa, search.Options{})
	srv, err := New(eng, match.New(eng, match.Options{}), Config{Uploads: UploadLimits{Duplicates: dup}})
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	return ts, provider, eng
}

const anaBody = "# Ana Silva\nana.silva@example.com\n\n## Experience\n\n### Staff Engineer — Initech\n2021 – Present\n\n- Led the payments platform team of nine engineers\n- Cut checkout latency by 40% with a new cache tier\n"

func sendFiles(tb testing.TB, ts *httptest.Server, files ...upFile) (int, map[string]any) {
	tb.Helper()
	body, ctype := multipartBody(tb, files...)
	status, out, _ := do(tb, ts, call{method: "POST", path: "/api/v1/resumes", body: body, ctype: ctype})
	return status, out
}

// TestSamePersonTwice: an unchanged re-upload embeds nothing; the same
// person under another file name is reported as a duplicate and kept,
// and erasure by identity removes every copy.
func TestSamePersonTwice(t *testing.T) {
	ts, provider, eng := identityServer(t, "")
	if s, out := sendFiles(t, ts, upFile{"ana.md", anaBody}); s != 201 {
		t.Fatalf("upload: %d %v", s, out)
	}
	embedded := provider.Requests()
	if embedded == 0 {
		t.Fatal("the first upload embedded nothing")
	}
	s, out := sendFiles(t, ts, upFile{"ana.md", anaBody})
	if s != 200 || out["result"].(map[string]any)["unchanged"] != 1.0 {
		t.Fatalf("re-upload: %d %v", s, out)
	}
	if n := provider.Requests(); n != embedded {
		t.Errorf("an unchanged re-upload made %d embedding requests", n-embedded)
	}

	// Same person, other file name, a line changed: a new résumé ID.
	copyBody := strings.Replace(anaBody, "40%", "41%", 1)
	s, out = sendFiles(t, ts, upFile{"Ana Silva CV.md", copyBody})
	if s != 201 {
		t.Fatalf("copy: %d %v", s, out)
	}
	dups := out["duplicates"].([]any)
	if len(dups) != 1 || dups[0].(map[string]any)["id"] != "ana-silva-cv" || dups[0].(map[string]any)["action"] != "kept" ||
		dups[0].(map[string]any)["duplicate_of"].([]any)[0] != "ana" {
		t.Fatalf("duplicates %v, want ana-silva-cv kept as a duplicate of ana", dups)
	}
	r, err := eng.Resume(t.Context(), "ana")
	if err != nil || r.Identity == "" {
		t.Fatalf("stored identity: %v %+v", err, r)
	}

	s, out, _ = do(t, ts, call{method: "DELETE", path: "/api/v1/candidates/" + r.Identity})
	if s != 200 || len(out["deleted"].([]any)) != 2 {
		t.Fatalf("erase by identity: %d %v", s, out)
	}
	for _, id := range []string{"ana", "ana-silva-cv"} {
		if s, _, _ := do(t, ts, call{method: "GET", path: "/api/v1/resumes/" + id}); s != 404 {
			t.Errorf("%s after erasure: %d", id, s)
		}
	}
	if s, _, _ := do(t, ts, call{method: "DELETE", path: "/api/v1/candidates/" + r.Identity}); s != 404 {
		t.Errorf("erasing an erased identity: %d, want 404", s)
	}
}

// TestDuplicatePolicies: merge stores the copy over the stored résumé;
// reject refuses it naming the stored one; all_copies erases both.
func TestDuplicatePolicies(t *testing.T) {
	copyBody := strings.Replace(anaBody, "Ana Silva", "Ana M. Silva", 1)
	t.Run("merge", func(t *testing.T) {
		ts, _, eng := identityServer(t, DuplicatesMerge)
		sendFiles(t, ts, upFile{"ana.md", anaBody})
		s, out := sendFiles(t, ts, upFile{"ana-2.md", copyBody})
		if s != 201 || out["ids"].([]any)[0] != "ana" || out["duplicates"].([]any)[0].(map[string]any)["action"] != "merged" {
			t.Fatalf("merge: %d %v", s, out)
		}
		rs, total, err := eng.Resumes(t.Context(), 0, 10)
		if err != nil || total != 1 || rs[0].Person != "Ana M. Silva" {
			t.Errorf("after merge: %d résumés, %v", total, err)
		}
	})
	t.Run("reject", func(t *testing.T) {
		ts, _, _ := identityServer(t, DuplicatesReject)
		sendFiles(t, ts, upFile{"ana.md", anaBody})
		s, out := sendFiles(t, ts, upFile{"ana-2.md", copyBody})
		f := out["failed"].([]any)
		if s != 409 || len(f) != 1 || f[0].(map[string]any)["duplicate_of"].([]any)[0] != "ana" {
			t.Fatalf("reject: %d %v", s, out)
		}
	})
	t.Run("all copies", func(t *testing.T) {
		ts, _, eng := identityServer(t, "")
		sendFiles(t, ts, upFile{"ana.md", anaBody}, upFile{"ana-2.md", copyBody}, upFile{"kim-lee.md", kimLee})
		s, out, _ := do(t, ts, call{method: "DELETE", path: "/api/v1/resumes/ana-2?all_copies=true"})
		if s != 200 || len(out["deleted"].([]any)) != 2 {
			t.Fatalf("all_copies: %d %v", s, out)
		}
		if _, total, _ := eng.Resumes(t.Context(), 0, 10); total != 1 {
			t.Errorf("%d résumés left, want kim-lee only", total)
		}
	})
}
