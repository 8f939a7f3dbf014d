package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vitae/web/workbench"
)

// When another process holds the workbench: without a server named in
// serve.addr the remedy does not assume a server; with a server that shows
// its id but never answers /api/v1/jobs, `jobs list` fails at jobsTimeout
// instead of hanging for match's minutes (the guard kills it at 60 s).
func TestJobsListWhenTheHolderDoesNotAnswer(t *testing.T) {
	bin := buildVitae(t)
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	if err := os.MkdirAll(idx, 0o700); err != nil {
		t.Fatal(err)
	}
	wb, err := workbench.Open(idx) // this process is the holder
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	code, _, errOut := runBinary(t, bin, dir, "jobs", "list")
	if code != 1 || !strings.Contains(errOut, "another vitae process holds it") || strings.Contains(errOut, "stop the server") {
		t.Errorf("list with a holder that is no server: exit %d %s", code, errOut)
	}

	const id = "0123456789abcdef"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(instanceHeader, id)
		if r.URL.Path == "/readyz" {
			return
		}
		<-r.Context().Done() // accepts, never answers
	}))
	defer srv.Close()
	if err := os.WriteFile(filepath.Join(idx, addrFile), []byte(srv.URL+"\n"+id+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "jobs", "list")
	cmd.Dir, cmd.Env = dir, crashEnv(dir)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	_ = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(errb.String(), "ask the server at "+srv.URL) {
		t.Errorf("list with a server that never answers: exit %d (ctx %v) %s", code, ctx.Err(), errb.String())
	}
}
