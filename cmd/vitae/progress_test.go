package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"vitae/pipeline"
)

// Off a terminal, `vitae index` says its progress in human lines; JSON log
// records only when asked for with --log-format json.
func TestIndexProgressOffTerminal(t *testing.T) {
	dir := workdir(t)
	code, _, errOut := cli(t, dir, "index", "data")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, re := range []string{`(?m)^read (\d+)/(\d+) files, \d+\.\d s$`, `(?m)^embedded (\d+)/(\d+) bullets, \d+\.\d s$`} {
		m := regexp.MustCompile(re).FindStringSubmatch(errOut)
		if m == nil || m[1] != m[2] || m[1] == "0" {
			t.Errorf("no final line %s in:\n%s", re, errOut)
		}
	}
	if strings.Contains(errOut, `"msg":"progress"`) {
		t.Errorf("progress as log records:\n%s", errOut)
	}

	dir = workdir(t)
	code, _, errOut = cli(t, dir, "index", "data", "--log-format", "json")
	if code != 0 || !strings.Contains(errOut, `"msg":"progress","what":"vectors"`) || strings.Contains(errOut, "embedded ") {
		t.Errorf("--log-format json: exit %d, want progress log records:\n%s", code, errOut)
	}
}

// A long run says a line every reportEvery, and its final count once.
func TestProgressLines(t *testing.T) {
	var out bytes.Buffer
	v := newProgressView(&out, nil, progressLines)
	for _, s := range []float64{0, 1, 2.5, 3, 4, 4.6, 6, 6.7} {
		v.show(pipeline.VectorsEmbedded{Done: int(s * 1000), Total: 7419, Elapsed: time.Duration(s * float64(time.Second))})
	}
	v.show(pipeline.StageDone{Stage: pipeline.StageVectors, Done: 7419, Total: 7419, Elapsed: 7 * time.Second})
	want := "embedded 2,500/7,419 bullets, 2.5 s\nembedded 4,600/7,419 bullets, 4.6 s\nembedded 6,700/7,419 bullets, 6.7 s\nembedded 7,419/7,419 bullets, 7.0 s\n"
	if out.String() != want {
		t.Errorf("lines:\n%s\nwant:\n%s", out.String(), want)
	}

	// A stage with nothing to do says nothing.
	out.Reset()
	v.show(pipeline.VectorsEmbedded{Done: 0, Total: 0, Elapsed: 3 * time.Second})
	v.show(pipeline.StageDone{Stage: pipeline.StageVectors})
	if out.Len() != 0 {
		t.Errorf("empty stage: %q", out.String())
	}
}

// A migration says résumés copied, as indexing says files read.
func TestMigrateProgressLines(t *testing.T) {
	var out bytes.Buffer
	v := newProgressView(&out, nil, progressLines)
	for _, e := range []struct {
		done int
		s    float64
	}{{100, 1}, {250, 2.5}, {300, 3.5}} {
		v.show(pipeline.ResumesMigrated{Done: e.done, Total: 314, Elapsed: time.Duration(e.s * float64(time.Second))})
	}
	v.show(pipeline.StageDone{Stage: pipeline.StageMigrate, Done: 314, Total: 314, Elapsed: 4 * time.Second})
	want := "copied 250/314 résumés, 2.5 s\ncopied 314/314 résumés, 4.0 s\n"
	if out.String() != want {
		t.Errorf("lines:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 7419: "7,419", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// Off a terminal the default log format is plain text lines, as the
// README says: the index's training note and match's not_english warning
// are key=value lines, never JSON records; --log-format json asks for those.
func TestDefaultLogsArePlainOffTerminal(t *testing.T) {
	dir := workdir(t)
	const german = "# Site Reliability Engineer (m/w/d)\nWir sind ein Softwareunternehmen in Berlin und suchen eine*n SRE für unser Plattform-Team.\n" +
		"## Dein Profil\n- Mindestens drei Jahre Erfahrung im Betrieb von verteilten Systemen\n- Sehr gute Kenntnisse in Linux, Kubernetes und einer Programmiersprache wie Go\n"
	if err := os.WriteFile(filepath.Join(dir, "stelle.md"), []byte(german), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"index", []string{"index", "data"}, `level=INFO msg="training the built-in embedder"`},
		{"match", []string{"match", "stelle.md"}, `level=WARN msg="the job description does not look like English`},
		{"match, JSON asked for", []string{"match", "stelle.md", "--log-format", "json"}, `"level":"WARN","msg":"the job description does not look like English`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := cli(t, dir, tt.args...)
			if code != 0 || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, want 0 with %q in stderr:\n%s", code, tt.want, errOut)
			}
			json := slices.Contains(tt.args, "json")
			for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
				if strings.HasPrefix(line, "{") != json && strings.Contains(line, "msg") {
					t.Errorf("log line %q, want JSON %v", line, json)
				}
			}
		})
	}
}
