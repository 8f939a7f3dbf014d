package weaviate

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ServerVersion is the weaviate-server release Vitae is built and tested
// against.
const ServerVersion = "v1.35.2"

// FindServer returns the path of weaviate-server: on PATH, in $GOBIN, or
// in the bin directory of each GOPATH entry (where `go install` puts it).
// The bench starts it as a peer and the tests start it on loopback.
func FindServer() (string, error) {
	if p, err := exec.LookPath("weaviate-server"); err == nil {
		return p, nil
	}
	var dirs []string
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, p := range filepath.SplitList(strings.TrimSpace(string(out))) {
			dirs = append(dirs, filepath.Join(p, "bin"))
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "weaviate-server")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", errors.New("weaviate-server not found on PATH or in the Go bin directory " +
		"(go install github.com/weaviate/weaviate/cmd/weaviate-server@" + ServerVersion + ")")
}
