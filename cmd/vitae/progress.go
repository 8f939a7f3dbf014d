package main

import (
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"vitae/pipeline"
)

// progressStyle is how an indexing run's progress is shown.
type progressStyle int

const (
	progressLog   progressStyle = iota // slog records: serve, --log-format json
	progressLines                      // a human line every few seconds: CI logs, files, pipes
	progressBar                        // a bar redrawn in place on a terminal
)

// progressStyleFor picks the style for w: a bar on a terminal, log
// records when there is no w or the logs are asked for as JSON (a
// machine reads them), text lines otherwise.
func progressStyleFor(w io.Writer, logFormat string) progressStyle {
	switch {
	case w == nil || logFormat == "json":
		return progressLog
	case isTerminal(w):
		return progressBar
	}
	return progressLines
}

// progressView draws an indexing run's events: one progress bar (or
// line, or log record) for the files read and one for the bullets
// embedded.
type progressView struct {
	w     io.Writer
	log   *slog.Logger
	style progressStyle
	bars  map[pipeline.Stage]*progress
}

func newProgressView(w io.Writer, log *slog.Logger, style progressStyle) *progressView {
	return &progressView{w: w, log: log, style: style, bars: map[pipeline.Stage]*progress{}}
}

func (v *progressView) bar(s pipeline.Stage, total int) *progress {
	b := v.bars[s]
	if b == nil {
		b = &progress{w: v.w, log: v.log, style: v.style, stage: s}
		v.bars[s] = b
	}
	b.total = total
	return b
}

func (v *progressView) show(e pipeline.Event) {
	switch e := e.(type) {
	case pipeline.FileParsed:
		if e.Err != nil && v.style == progressLog && v.log != nil {
			// On a terminal or in text the summary lists the file once.
			v.log.Warn("skipped file", "path", e.Path, "reason", e.Err.Error())
		}
		v.bar(pipeline.StageFiles, e.Total).set(e.Done, e.Elapsed, filepath.Base(e.Path))
	case pipeline.VectorsEmbedded:
		v.bar(pipeline.StageVectors, e.Total).set(e.Done, e.Elapsed, "")
	case pipeline.ResumesMigrated:
		v.bar(pipeline.StageMigrate, e.Total).set(e.Done, e.Elapsed, "")
	case pipeline.StageDone:
		b := v.bar(e.Stage, e.Total)
		b.cur = e.Done
		b.done(e.Elapsed)
		delete(v.bars, e.Stage)
	}
}

// progress is one stage's count of done of total.
type progress struct {
	w     io.Writer
	log   *slog.Logger
	style progressStyle
	stage pipeline.Stage
	total int
	cur   int
	last  time.Duration // elapsed when last shown
	shown bool
}

// reportEvery spaces the lines and log records; a bar redraws at most
// every barEvery.
const (
	reportEvery = 2 * time.Second
	barEvery    = 100 * time.Millisecond
)

func (p *progress) set(n int, elapsed time.Duration, note string) {
	p.cur = n
	if p.total == 0 {
		return
	}
	every := reportEvery
	if p.style == progressBar {
		every = barEvery
	}
	if p.shown && elapsed-p.last < every && n < p.total {
		return
	}
	if !p.shown && p.style == progressLines && elapsed < reportEvery {
		return // a short run says only its final line
	}
	p.last, p.shown = elapsed, true
	switch p.style {
	case progressBar:
		p.draw(note)
	case progressLines:
		fmt.Fprintln(p.w, p.line(elapsed))
	default:
		if p.log != nil {
			p.log.Info("progress", "what", string(p.stage), "done", n, "total", p.total)
		}
	}
}

// done ends the bar's line, or says the final count.
func (p *progress) done(elapsed time.Duration) {
	switch p.style {
	case progressBar:
		if p.shown {
			p.draw("")
			fmt.Fprintln(p.w)
		}
	case progressLines:
		if p.total > 0 {
			fmt.Fprintln(p.w, p.line(elapsed))
		}
	default:
		if p.log != nil && p.total > 0 {
			p.log.Info("progress", "what", string(p.stage), "done", p.cur, "total", p.total, "took", elapsed.Round(time.Millisecond))
		}
	}
}

// line is "embedded 1,200/7,419 bullets, 4.1 s".
func (p *progress) line(elapsed time.Duration) string {
	verb, unit := "read", "files"
	switch p.stage {
	case pipeline.StageVectors:
		verb, unit = "embedded", "bullets"
	case pipeline.StageMigrate:
		verb, unit = "copied", "résumés"
	}
	return fmt.Sprintf("%s %s/%s %s, %.1f s", verb, thousands(p.cur), thousands(p.total), unit, elapsed.Seconds())
}

func (p *progress) draw(note string) {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.cur) / float64(p.total)
	}
	filled := min(int(frac*width), width)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	if len(note) > 32 {
		note = note[:29] + "..."
	}
	fmt.Fprintf(p.w, "\r\033[K%-8s [%s] %d/%d %s", p.stage, bar, p.cur, p.total, note)
}

// thousands writes n with comma separators: 7419 → "7,419".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
