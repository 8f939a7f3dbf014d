package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vitae/index/weaviate/weaviatetest"
)

// TestCommandsOnWeaviate runs the command tests of search, match and eval
// again with index.backend: weaviate, against one real node on loopback
// (a collection per test): the sample data is indexed into it on first
// use, and every command answers as on the embedded index.
func TestCommandsOnWeaviate(t *testing.T) {
	node := weaviatetest.Start(t)
	t.Setenv("VITAE_INDEX_BACKEND", "weaviate")
	t.Setenv("VITAE_WEAVIATE_HOSTS", node.Hosts()[0])
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"search indexes the sample data on first use", TestSearchIndexesSampleDataOnFirstUse},
		{"match and eval", TestMatchAndEvalCommands},
		{"migrate to embedded and back", testMigrateCommand},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("VITAE_WEAVIATE_COLLECTION", fmt.Sprintf("Cli%d", i))
			tt.run(t)
		})
	}
}

// Commands that work on the embedded index's files, and migrations that
// make no sense, are refused as usage errors before anything is opened:
// nothing is created under index.path.
func TestBackendUsageErrors(t *testing.T) {
	tests := []struct {
		name, backend string
		args          []string
		want          string
	}{
		{"purge on weaviate", "weaviate", []string{"purge"}, "vitae purge works on the embedded index"},
		{"rebuild on weaviate", "weaviate", []string{"index", "--rebuild"}, "vitae index --rebuild works on the embedded index"},
		{"migrate without a target", "embedded", []string{"migrate"}, "--to is required"},
		{"migrate to an unknown backend", "embedded", []string{"migrate", "--to", "mysql"}, `--to: "mysql" is not one of embedded, weaviate`},
		{"migrate to the configured backend", "weaviate", []string{"migrate", "--to", "weaviate"}, "index.backend is weaviate already"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
			t.Setenv("VITAE_INDEX_BACKEND", tt.backend)
			t.Setenv("VITAE_WEAVIATE_HOSTS", "127.0.0.1:1") // nothing listens
			code, _, errOut := cli(t, dir, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, tt.want, errOut)
			}
			if _, err := os.Stat(filepath.Join(dir, "vitae-data")); err == nil {
				t.Error("the refused command created the index directory")
			}
		})
	}
}
