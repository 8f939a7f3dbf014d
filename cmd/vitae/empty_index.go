package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"vitae/pipeline"
)

// emptyIndexError is an index still empty after ensureIndexed offered it
// the sample data: outside the repository there is no ./data, and a
// search then answered "No bullets match" with exit 0, as if the words
// had matched nothing in a full index (a tryout's finding).
type emptyIndexError struct {
	index string   // what is empty: the index directory, or the collection named
	flag  string   // the --index that reaches it again, or ""
	data  []string // data.paths
	sum   *pipeline.Summary
}

func newEmptyIndexError(cfg *Config, sum *pipeline.Summary) *emptyIndexError {
	e := &emptyIndexError{index: cfg.Index.Path, flag: " --index " + cfg.Index.Path, data: cfg.Data.Paths, sum: sum}
	if cfg.Index.Backend == "weaviate" {
		e.index, e.flag = "Weaviate collection "+cfg.Weaviate.Collection, ""
	}
	if e.sum == nil {
		e.sum = &pipeline.Summary{}
	}
	return e
}

func (e *emptyIndexError) Error() string {
	return fmt.Sprintf("index %s is empty and %s; index résumé files first (JSON Resume, YAML, Markdown, text, HTML, DOCX or PDF): vitae%s index DIR",
		e.index, e.why(), e.flag)
}

// why says what became of the sample data: not configured, not there
// (the usual case, run outside the repository), or nothing readable in it.
func (e *emptyIndexError) why() string {
	if len(e.data) == 0 {
		return "there is no sample data to fill it (data.paths is empty)"
	}
	var missing []string
	for _, s := range e.sum.Skipped {
		if errors.Is(s.Err, fs.ErrNotExist) {
			missing = append(missing, s.Path)
		}
	}
	paths := strings.Join(e.data, ", ")
	if len(missing) == len(e.data) {
		where := ""
		if wd, err := os.Getwd(); err == nil && slices.ContainsFunc(missing, func(p string) bool { return !filepath.IsAbs(p) }) {
			where = ", looked for in " + wd
		}
		return fmt.Sprintf("no sample data was found to fill it (data.paths: %s%s)", paths, where)
	}
	return fmt.Sprintf("the sample data (data.paths: %s) holds no résumé that could be read (%d file(s) skipped)", paths, len(e.sum.Skipped))
}
