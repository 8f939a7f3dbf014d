package main

import (
	"fmt"
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
