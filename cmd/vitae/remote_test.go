package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runBinary runs the built binary in dir with the environment of the
// server next to it and returns its exit code and output.
func runBinary(t *testing.T, bin, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, crashEnv(dir)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

// With `vitae serve` holding the index, search and match ask it over
// loopback and print what they would print alone; commands that need the
// index itself fail at once, naming the remedy. A clean stop removes the
// address file.
func TestCommandsAskTheRunningServer(t *testing.T) {
	bin := buildVitae(t)
	dir := workdir(t)
	srv, base, stderr := startServe(t, bin, dir)
	addrPath := filepath.Join(dir, "idx", addrFile)
	b, err := os.ReadFile(addrPath)
	if first, _, _ := strings.Cut(string(b), "\n"); err != nil || first != base {
		t.Fatalf("%s: %q, %v; the server announced %s", addrFile, b, err, base)
	}

	code, out, errOut := runBinary(t, bin, dir, "search", "led DevOps team", "-n", "3")
	if code != 0 || !strings.Contains(out, "DevOps") || !strings.Contains(out, "3 of ") || !strings.Contains(errOut, "held by the server at "+base) {
		t.Errorf("search: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, errOut = runBinary(t, bin, dir, "search", "led DevOps team", "--by", "candidate", "--json", "--skill", "Kubernetes")
	var res struct {
		Hits []struct {
			Details *struct{ Fused float64 } `json:"score_details"`
		} `json:"hits"`
		Candidates []json.RawMessage `json:"candidates"`
	}
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || len(res.Hits) == 0 || len(res.Candidates) == 0 || res.Hits[0].Details == nil {
		t.Errorf("search --json: exit %d, %v\nstdout:\n%.600s\nstderr:\n%s", code, err, out, errOut)
	}
	// The server's refusal of a flag value is still a usage error.
	if code, _, errOut := runBinary(t, bin, dir, "search", "x", "--until", "later"); code != 2 || !strings.Contains(errOut, `until "later"`) {
		t.Errorf("bad --until through the server: exit %d %s", code, errOut)
	}
	jd := filepath.Join(dir, "job.md")
	os.WriteFile(jd, []byte("# SRE Lead\n\n## Requirements\n- Lead a team of site reliability engineers\n- Run Kubernetes in production\n"), 0o644)
	if code, out, errOut := runBinary(t, bin, dir, "match", jd, "-n", "2"); code != 0 || !strings.Contains(out, "must-haves met") {
		t.Errorf("match: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	// index writes: it cannot go through the server's read API.
	start := time.Now()
	code, out, errOut = runBinary(t, bin, dir, "index", "data")
	if code != 1 || !strings.Contains(errOut, "in use by another process: another vitae process holds it") || strings.Contains(errOut, "damaged") || out != "" {
		t.Errorf("index on a held index: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	t.Logf("index on a held index failed after %s", time.Since(start).Round(time.Millisecond))
	// Without the address file, search says the same.
	if err := os.Rename(addrPath, addrPath+".aside"); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runBinary(t, bin, dir, "search", "x"); code != 1 || !strings.Contains(errOut, "another vitae process holds it (a server, or a command still running); stop it or use --index DIR") {
		t.Errorf("search without %s: exit %d %s", addrFile, code, errOut)
	}
	if err := os.Rename(addrPath+".aside", addrPath); err != nil {
		t.Fatal(err)
	}

	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := srv.Wait(); err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	}
	if _, err := os.Stat(addrPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s left after a clean stop: %v", addrFile, err)
	}
	// With the server gone the CLI opens the index itself.
	if code, out, errOut := runBinary(t, bin, dir, "search", "led DevOps team"); code != 0 || !strings.Contains(out, "DevOps") || strings.Contains(errOut, "server") {
		t.Errorf("search after the stop: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestServeAddrIsLoopbackOnly(t *testing.T) {
	tests := []struct {
		file string
		ok   bool
	}{
		{"http://127.0.0.1:8080\n", true},
		{"http://127.0.0.1:8080\n0123abcd\n", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"http://10.1.2.3:8080", false},
		{"http://example.com:8080", false},
		{"https://127.0.0.1:8080", false},
		{"http://127.0.0.1:8080/elsewhere", false},
		{"not a url", false},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, addrFile), []byte(tt.file), 0o600)
		base, _, err := readServeAddr(dir)
		if first, _, _ := strings.Cut(tt.file, "\n"); (err == nil) != tt.ok || (tt.ok && base != first) {
			t.Errorf("%q: %q, %v; want ok=%v", tt.file, base, err, tt.ok)
		}
	}
	for addr, want := range map[string]string{"0.0.0.0:9000": "http://127.0.0.1:9000", "[::]:9000": "http://[::1]:9000", "127.0.0.1:8080": "http://127.0.0.1:8080"} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := serverBase(a); got != want {
			t.Errorf("serverBase(%s) = %s, want %s", addr, got, want)
		}
	}
}
