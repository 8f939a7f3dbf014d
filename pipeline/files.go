package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"vitae"
	"vitae/ingest"
)

// indexFiles parses every supported file under paths and writes the
// résumés in batches; a file that cannot be parsed is skipped with its
// reason. It returns the files it found.
func (x *Indexer) indexFiles(ctx context.Context, paths []string, sum *Summary) (files []string, err error) {
	files, missing := expand(paths)
	sum.Skipped = append(sum.Skipped, missing...)
	sum.Files = len(files)
	start := time.Now()
	done := 0
	defer func() {
		x.emit(StageDone{Stage: StageFiles, Done: done, Total: len(files), Elapsed: time.Since(start)})
	}()
	batch := make([]*vitae.Resume, 0, x.opts.Batch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ch, err := x.opts.Store.Upsert(ctx, batch)
		if err != nil {
			return fmt.Errorf("write index: %w", err)
		}
		sum.Resumes += ch.Added + ch.Updated
		sum.Unchanged += ch.Unchanged
		sum.Bullets += ch.Bullets
		batch = batch[:0]
		x.emit(BatchStored{Resumes: sum.Resumes, Unchanged: sum.Unchanged, Bullets: sum.Bullets, Elapsed: time.Since(start)})
		return nil
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		r, err := ingest.File(f, x.opts.Ingest)
		if err != nil {
			sum.Skipped = append(sum.Skipped, Skipped{Path: f, Reason: err.Error(), Err: err})
			x.opts.Logger.Warn("skipped file", "path", f, "reason", err.Error())
		} else {
			batch = append(batch, r)
		}
		if len(batch) == x.opts.Batch {
			if err := flush(); err != nil {
				return files, err
			}
		}
		done++
		x.emit(FileParsed{Path: f, Err: err, Done: done, Total: len(files), Elapsed: time.Since(start)})
	}
	return files, flush()
}

// expand lists the supported files under paths, sorted and once each; a
// path that cannot be read is reported as skipped.
func expand(paths []string) ([]string, []Skipped) {
	var files []string
	var bad []Skipped
	for _, p := range paths {
		fs, err := ingest.Expand([]string{p})
		if err != nil {
			bad = append(bad, Skipped{Path: p, Reason: err.Error(), Err: err})
			continue
		}
		files = append(files, fs...)
	}
	sort.Strings(files)
	out := files[:0]
	for i, f := range files {
		if i == 0 || f != files[i-1] {
			out = append(out, f)
		}
	}
	return out, bad
}

// removeVanished deletes the résumés whose source file lay under one of
// the indexed roots and is no longer there.
func (x *Indexer) removeVanished(ctx context.Context, roots, files []string) (int, error) {
	ix := x.opts.Store
	sources, err := ix.Sources()
	if err != nil {
		return 0, err
	}
	present := make(map[string]bool, len(files))
	for _, f := range files {
		present[f] = true
	}
	removed := 0
	for src, id := range sources {
		if present[src] || !under(src, roots) {
			continue
		}
		if _, err := os.Stat(src); err == nil {
			continue // still there, perhaps unsupported now or failing to parse: keep the old bullets
		}
		if err := ix.Delete(ctx, id); err != nil {
			return removed, fmt.Errorf("remove %s: %w", src, err)
		}
		x.opts.Logger.Info("removed résumé of deleted file", "path", src, "resume", id)
		removed++
	}
	return removed, nil
}

// under reports whether path is one of roots or inside one of them.
func under(path string, roots []string) bool {
	p := filepath.Clean(path)
	for _, r := range roots {
		r = filepath.Clean(r)
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) || r == "." && !filepath.IsAbs(p) {
			return true
		}
	}
	return false
}

// File is an uploaded file: its name gives the format (extension) and
// the résumé ID (stem).
type File struct {
	Name string
	Data []byte
}

// AddFiles parses uploaded files and adds the résumés read (see Add); a
// file that cannot be parsed is skipped with its reason and the others
// still go in. Each résumé's source is "upload:" and the file name.
func (x *Indexer) AddFiles(ctx context.Context, files []File) (*Summary, error) {
	var resumes []*vitae.Resume
	var skipped []Skipped
	for _, f := range files {
		r, err := ingest.Parse(f.Name, f.Data, x.opts.Ingest)
		if err != nil {
			skipped = append(skipped, Skipped{Path: f.Name, Reason: err.Error(), Err: err})
			x.opts.Logger.Warn("skipped upload", "file", f.Name, "reason", err.Error())
			continue
		}
		r.Source = "upload:" + f.Name
		for i := range r.Bullets {
			r.Bullets[i].Source = r.Source
		}
		resumes = append(resumes, r)
	}
	sum := &Summary{}
	if len(resumes) > 0 {
		s, err := x.Add(ctx, resumes)
		if err != nil {
			return nil, err
		}
		sum = s
	}
	sum.Files, sum.Skipped = len(files), skipped
	for _, r := range resumes {
		sum.IDs = append(sum.IDs, r.ID)
	}
	return sum, nil
}
