package main

import (
	"bytes"
	"regexp"
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
