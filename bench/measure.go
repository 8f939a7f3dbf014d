package bench

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Latency summarises a set of timed calls, in milliseconds.
type Latency struct {
	N      int     `json:"n"`
	P50    float64 `json:"p50_ms"`
	P95    float64 `json:"p95_ms"`
	P99    float64 `json:"p99_ms"`
	Mean   float64 `json:"mean_ms"`
	Max    float64 `json:"max_ms"`
	Errors int     `json:"errors,omitempty"`
	// Cold is the warm-up pass over the queries (QueryLatency). Only
	// the first mode timed (keyword) finds the index's per-term caches
	// (bounds, decoded postings) empty; the later modes' are warm.
	Cold *Latency `json:"cold,omitempty"`
}

// Summarize computes percentiles (nearest rank) of ds.
func Summarize(ds []time.Duration) Latency {
	l := Latency{N: len(ds)}
	if len(ds) == 0 {
		return l
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	ms := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.999999) - 1
		return ms(s[min(max(i, 0), len(s)-1)])
	}
	l.P50, l.P95, l.P99 = at(0.50), at(0.95), at(0.99)
	l.Mean = ms(sum) / float64(len(s))
	l.Max = ms(s[len(s)-1])
	return l
}

// DirSize is the total size of the regular files under dir.
func DirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// PeakRSS is the process's peak resident set size in bytes: VmHWM from
// /proc/self/status, else getrusage's maxrss.
func PeakRSS() int64 {
	if v := procKB("/proc/self/status", "VmHWM:"); v > 0 {
		return v
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		return ru.Maxrss * 1024 // Linux reports KiB
	}
	return 0
}

// RSS is the current resident set size in bytes (VmRSS), 0 if unknown.
func RSS() int64 { return procKB("/proc/self/status", "VmRSS:") }

// ResetPeakRSS makes the kernel forget the peak so far (Linux ≥ 4.0,
// "5" to /proc/self/clear_refs), so each phase reports its own peak. It
// reports whether the reset worked; if not, peaks are since process start.
func ResetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// procKB reads the "key: N kB" line of a /proc file, in bytes.
func procKB(path, key string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, key) {
			continue
		}
		fields := strings.Fields(strings.TrimPrefix(line, key))
		if len(fields) == 0 {
			return 0
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return 0
		}
		return kb * 1024
	}
	return 0
}

// procField is the value of the first "key : value" line of a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// LoadAvg is the 1-minute load average (/proc/loadavg), 0 if unknown.
func LoadAvg() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(data))
	if len(fields) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(fields[0], 64)
	return v
}

// AnonRSS is the anonymous part of the resident set (RssAnon: the heap and
// stacks), without file pages mapped in (the index files bleve and bbolt
// map, which the kernel can drop under pressure). 0 if unknown.
func AnonRSS() int64 { return procKB("/proc/self/status", "RssAnon:") }

// anonPeak samples AnonRSS every interval until stop, which returns the
// highest value seen: the kernel keeps a peak only for the whole RSS.
func anonPeak(interval time.Duration) (stop func() int64) {
	return samplePeak(interval, AnonRSS, func(a, b int64) bool { return a > b })
}

// samplePeak calls sample every interval, and once more at stop, until
// stop, which returns the sample above all others by more.
func samplePeak[T any](interval time.Duration, sample func() T, more func(a, b T) bool) (stop func() T) {
	done := make(chan struct{})
	peak := make(chan T)
	go func() {
		best := sample()
		t := time.NewTicker(interval)
		defer t.Stop()
		keep := func() {
			if v := sample(); more(v, best) {
				best = v
			}
		}
		for {
			select {
			case <-t.C:
				keep()
			case <-done:
				keep()
				peak <- best
				return
			}
		}
	}()
	return func() T {
		close(done)
		return <-peak
	}
}
