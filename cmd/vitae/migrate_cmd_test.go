package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae/pipeline"
)

// testMigrateCommand (run by TestCommandsOnWeaviate, which points
// weaviate.* at a node) indexes the sample data in the embedded backend,
// migrates it to Weaviate twice (the second run copies nothing), searches
// it there, and migrates it back into a new directory: the same semantic
// answers at each step, and nothing trained or embedded again.
func testMigrateCommand(t *testing.T) {
	dir := workdir(t)
	t.Setenv("VITAE_INDEX_BACKEND", "embedded")
	if code, _, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	semantic := func(args ...string) []string {
		t.Helper()
		code, out, errOut := cli(t, dir, append([]string{"search", "led DevOps team", "--mode", "semantic", "--limit", "10", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("search: exit %d: %s", code, errOut)
		}
		if strings.Contains(errOut, "index is empty") || strings.Contains(errOut, "training") {
			t.Errorf("the search indexed or trained again:\n%s", errOut)
		}
		var res struct {
			Hits []struct {
				ID string `json:"id"`
			} `json:"hits"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) == 0 {
			t.Fatalf("search output %v: %s", err, out)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		return ids
	}
	migrate := func(args ...string) pipeline.Migration {
		t.Helper()
		code, out, errOut := cli(t, dir, append([]string{"migrate", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("migrate %v: exit %d: %s", args, code, errOut)
		}
		var m pipeline.Migration
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("migrate output %v: %s", err, out)
		}
		return m
	}
	want := semantic()

	first := migrate("--to", "weaviate")
	if first.Copied == 0 || first.Copied != first.Resumes || first.Vectors != first.Bullets || first.Model == "" {
		t.Fatalf("first migration: %+v", first)
	}
	again := migrate("--to", "weaviate")
	if again.Copied != 0 || again.Unchanged != first.Resumes || again.Vectors != 0 || again.Kept != first.Vectors {
		t.Errorf("second migration copied again: %+v", again)
	}
	if code, _, errOut := cli(t, dir, "migrate", "--to", "embedded"); code != 2 || !strings.Contains(errOut, "already") {
		t.Errorf("migrate to the configured backend: exit %d, %s", code, errOut)
	}

	t.Setenv("VITAE_INDEX_BACKEND", "weaviate")
	if d := cmp.Diff(want, semantic()); d != "" {
		t.Errorf("semantic search on Weaviate (-embedded +weaviate):\n%s", d)
	}
	back := migrate("--to", "embedded", "--path", "back")
	if back.Copied != first.Resumes || back.Vectors != first.Vectors || back.Model != first.Model {
		t.Errorf("migration back: %+v, want %+v", back, first)
	}

	t.Setenv("VITAE_INDEX_BACKEND", "embedded")
	if d := cmp.Diff(want, semantic("--index", "back")); d != "" {
		t.Errorf("semantic search on the index migrated back (-before +after):\n%s", d)
	}
}
