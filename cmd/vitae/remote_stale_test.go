package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A serve.addr left by a server of index B that names the address another
// live server (of index A) now listens on is stale: jobs, search and match
// on B refuse it, naming the remedy, and nothing reaches A.
func TestStaleServeAddrNamingAnotherServerIsRefused(t *testing.T) {
	bin := buildVitae(t)
	dirA, dirB := workdir(t), workdir(t)
	_, baseA, _ := startServe(t, bin, dirA)
	startServe(t, bin, dirB) // holds B's index and workbench
	addrB := filepath.Join(dirB, "idx", addrFile)
	b, err := os.ReadFile(addrB)
	if err != nil {
		t.Fatal(err)
	}
	_, idB, _ := strings.Cut(string(b), "\n")
	if err := os.WriteFile(addrB, []byte(baseA+"\n"+idB), 0o600); err != nil {
		t.Fatal(err)
	}
	jd := filepath.Join(dirB, "sre.md")
	if err := os.WriteFile(jd, []byte("# SRE Manager\n## Requirements\n- Kubernetes in production\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"jobs", "add", jd},
		{"jobs", "list"},
		{"search", "led DevOps team"},
		{"match", jd},
	} {
		code, out, errOut := runBinary(t, bin, dirB, args...)
		if code != 1 || !strings.Contains(errOut, "does not serve") || !strings.Contains(errOut, addrFile+" is stale") || strings.Contains(errOut, "asking it") {
			t.Errorf("%v with a stale %s: exit %d\nstdout:\n%s\nstderr:\n%s", args, addrFile, code, out, errOut)
		}
	}
	// A one-line serve.addr (an older vitae's server) has no id: restart, not delete.
	if err := os.WriteFile(addrB, []byte(baseA+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runBinary(t, bin, dirB, "jobs", "list"); code != 1 || !strings.Contains(errOut, "restart `vitae serve`") || strings.Contains(errOut, "is stale") {
		t.Errorf("jobs list with a one-line %s: exit %d\nstdout:\n%s\nstderr:\n%s", addrFile, code, out, errOut)
	}
	if code, out, errOut := runBinary(t, bin, dirA, "jobs", "list"); code != 0 || !strings.Contains(out, "No stored jobs") {
		t.Errorf("A's jobs after B's add: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}
