package main

import (
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"vitae/pipeline"
)

// progressView draws an indexing run's events: one progress bar (or log
// lines) for the files read and one for the bullets embedded.
type progressView struct {
	w    io.Writer
	log  *slog.Logger
	bars map[pipeline.Stage]*progress
}

func newProgressView(w io.Writer, log *slog.Logger) *progressView {
	return &progressView{w: w, log: log, bars: map[pipeline.Stage]*progress{}}
}

func (v *progressView) bar(s pipeline.Stage, total int) *progress {
	b := v.bars[s]
	if b == nil {
		b = newProgress(v.w, v.log, string(s), total)
		v.bars[s] = b
	}
	b.total = total
	return b
}

func (v *progressView) show(e pipeline.Event) {
	switch e := e.(type) {
	case pipeline.FileParsed:
		v.bar(pipeline.StageFiles, e.Total).set(e.Done, filepath.Base(e.Path))
	case pipeline.VectorsEmbedded:
		v.bar(pipeline.StageVectors, e.Total).set(e.Done, "")
	case pipeline.StageDone:
		v.bar(e.Stage, e.Total).done()
		delete(v.bars, e.Stage)
	}
}

// progress reports long work: a bar redrawn in place on a terminal, a log
// line every few seconds otherwise (CI logs, files, pipes).
type progress struct {
	w     io.Writer // nil or not a terminal: log lines instead of a bar
	tty   bool
	log   *slog.Logger
	what  string
	total int
	cur   int
	start time.Time
	last  time.Time
	drawn bool
}

const logEvery = 2 * time.Second

func newProgress(w io.Writer, log *slog.Logger, what string, total int) *progress {
	return &progress{w: w, tty: w != nil && isTerminal(w), log: log, what: what, total: total, start: time.Now()}
}

func (p *progress) set(n int, note string) {
	p.cur = n
	now := time.Now()
	if p.tty {
		if now.Sub(p.last) < 100*time.Millisecond && n < p.total {
			return
		}
		p.last = now
		p.draw(note)
		return
	}
	if now.Sub(p.last) >= logEvery && p.log != nil {
		p.last = now
		p.log.Info("progress", "what", p.what, "done", n, "total", p.total)
	}
}

func (p *progress) draw(note string) {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.cur) / float64(p.total)
	}
	filled := int(frac * width)
	if filled > width {
		filled = width
	}
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	if len(note) > 32 {
		note = note[:29] + "..."
	}
	fmt.Fprintf(p.w, "\r\033[K%-8s [%s] %d/%d %s", p.what, bar, p.cur, p.total, note)
	p.drawn = true
}

// done ends the bar's line, or logs the final count.
func (p *progress) done() {
	if p.tty {
		if p.drawn {
			p.draw("")
			fmt.Fprintln(p.w)
		}
		return
	}
	if p.log != nil && p.total > 0 {
		p.log.Info("progress", "what", p.what, "done", p.cur, "total", p.total, "took", time.Since(p.start).Round(time.Millisecond))
	}
}
