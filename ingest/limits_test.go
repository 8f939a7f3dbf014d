package ingest

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"vitae"
	"vitae/ingest/ingesttest"
)

func bomb(tb testing.TB, unit string, inflated int) []byte {
	tb.Helper()
	data, err := ingesttest.Bomb(unit, inflated)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// peakHeap runs f and returns how far the live heap rose above where it
// started, sampled every millisecond.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > base && m.HeapAlloc-base > peak.Load() {
					peak.Store(m.HeapAlloc - base)
				}
			}
		}
	}()
	f()
	close(done)
	return peak.Load()
}

// TestDOCXBombMemory: a 300 KB DOCX of one-letter paragraphs inflating
// to 100 MiB held ~300 MB (its paragraphs as strings cost more than their
// XML); MaxText now stops it after 1 MiB of text, with little held.
func TestDOCXBombMemory(t *testing.T) {
	data := bomb(t, "<w:p><w:r><w:t>a</w:t></w:r></w:p>", 100<<20)
	var err error
	peak := peakHeap(func() { _, err = Parse("bomb.docx", data, Options{}) })
	if vitae.ErrorCode(err) != vitae.ETOOLARGE {
		t.Fatalf("bomb: %v, want too_large", err)
	}
	t.Logf("%d KB bomb: peak heap +%d MiB (%v)", len(data)>>10, peak>>20, err)
	if peak > 64<<20 {
		t.Errorf("one bomb raised the heap by %d MiB, want < 64 MiB", peak>>20)
	}
}

func TestParseBounds(t *testing.T) {
	empty := bomb(t, "<w:x/>", 100<<20) // no text: costs time, keeps nothing
	tests := []struct {
		name    string
		data    []byte
		opts    Options
		timeout time.Duration
		code    string
	}{
		{"file-limit.docx", empty, Options{MaxDecompressed: 1 << 20}, 0, vitae.ETOOLARGE},
		{"budget.docx", empty, Options{Budget: NewBudget(1 << 20)}, 0, vitae.ETOOLARGE},
		{"deadline.docx", empty, Options{}, 100 * time.Millisecond, vitae.ETIMEOUT},
		{"text.docx", bomb(t, "<w:p><w:r><w:t>abcdefgh</w:t></w:r></w:p>", 4<<20), Options{MaxText: 64 << 10}, 0, vitae.ETOOLARGE},
		{"long-paragraph.docx", bomb(t, "<w:t>abcdefgh</w:t>", 4<<20), Options{MaxText: 64 << 10}, 0, vitae.ETOOLARGE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			start := time.Now()
			_, err := ParseContext(ctx, tt.name, tt.data, tt.opts)
			if got := vitae.ErrorCode(err); got != tt.code {
				t.Fatalf("code %s, want %s (%v)", got, tt.code, err)
			}
			// The deadline is honoured at the next read, not after the
			// whole archive: far inside the time the archive takes.
			if tt.timeout > 0 && time.Since(start) > tt.timeout+2*time.Second {
				t.Errorf("parse ran %v past a %v deadline", time.Since(start), tt.timeout)
			}
		})
	}
}

// TestBudgetShared: files of one request draw on one budget; the file
// that overdraws it fails, and so do the files after it.
func TestBudgetShared(t *testing.T) {
	data := bomb(t, "<w:p><w:r><w:t>Led the platform team</w:t></w:r></w:p>", 256<<10)
	b := NewBudget(600 << 10)
	var codes []string
	for _, name := range []string{"a.docx", "b.docx", "c.docx"} {
		_, err := Parse(name, data, Options{Budget: b})
		codes = append(codes, vitae.ErrorCode(err))
	}
	if codes[0] == vitae.ETOOLARGE || codes[2] != vitae.ETOOLARGE {
		t.Errorf("codes %v: want the first within budget, the third over it", codes)
	}
}
