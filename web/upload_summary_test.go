package web

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// An upload says what it did to each résumé: a copy of a stored résumé
// under a new file name is added with all its bullets (never counted as
// unchanged), a re-sent file is unchanged, a changed one replaced; the
// outcomes' bullets add up to the result's and to what /stats gained.
// The status is 201 when anything was written, 200 when all was stored
// already (a retried upload creates nothing).
func TestUploadSaysWhatEachResumeDid(t *testing.T) {
	ts, _ := newTestServer(t, Config{MaxBodyBytes: 1 << 20})
	jordan, err := os.ReadFile("../data/jordan-lee.md")
	if err != nil {
		t.Fatal(err)
	}
	_, stored, _ := do(t, ts, call{method: "GET", path: "/api/v1/resumes/jordan-lee"})
	jordanBullets, _ := stored["bullets"].([]any)
	if len(jordanBullets) == 0 {
		t.Fatalf("jordan-lee: %v", stored)
	}
	const changed = kimLee + "- Shipped a feature store used by four teams\n"
	type outcome struct {
		ID, File, Outcome string
		Bullets           int
	}
	tests := []struct {
		name   string
		files  []upFile
		want   []outcome
		status int
	}{
		{"new", []upFile{{"kim-lee.md", kimLee}}, []outcome{{"kim-lee", "kim-lee.md", "added", 1}}, 201},
		{"re-sent and a copy under a new name", []upFile{{"kim-lee.md", kimLee}, {"dup-jordan.md", string(jordan)}},
			[]outcome{{"kim-lee", "kim-lee.md", "unchanged", 0}, {"dup-jordan", "dup-jordan.md", "added", len(jordanBullets)}}, 201},
		{"re-sent alone", []upFile{{"kim-lee.md", kimLee}}, []outcome{{"kim-lee", "kim-lee.md", "unchanged", 0}}, 200},
		{"changed", []upFile{{"kim-lee.md", changed}}, []outcome{{"kim-lee", "kim-lee.md", "replaced", 2}}, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := statsBullets(t, ts.URL)
			body, ctype := multipartBody(t, tt.files...)
			resp, err := http.Post(ts.URL+"/api/v1/resumes", ctype, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var got struct {
				Outcomes []outcome
				Result   struct{ Resumes, Unchanged, Bullets int }
			}
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d, %v", resp.StatusCode, tt.status, err)
			}
			if diff := cmp.Diff(tt.want, got.Outcomes); diff != "" {
				t.Errorf("outcomes (-want +got):\n%s", diff)
			}
			written, unchanged := 0, 0
			for _, o := range got.Outcomes {
				written += o.Bullets
				if o.Outcome == "unchanged" {
					unchanged++
				}
			}
			if got.Result.Bullets != written || got.Result.Unchanged != unchanged || got.Result.Resumes != len(got.Outcomes)-unchanged {
				t.Errorf("result %+v disagrees with the outcomes %+v", got.Result, got.Outcomes)
			}
			if gained := statsBullets(t, ts.URL) - before; tt.name != "changed" && gained != written {
				t.Errorf("/stats gained %d bullets, the upload says it wrote %d", gained, written)
			}
		})
	}
}

func statsBullets(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var st struct{ Bullets int }
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatalf("stats: %v: %s", err, data)
	}
	return st.Bullets
}
