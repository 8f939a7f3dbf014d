package bench

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// RSSParts is the resident set split by what is mapped, in bytes: the
// index's files by name ("vectors.f32", "vitae.db", "bleve segments",
// ...), "anonymous" (heap, stacks) and "other" (the binary, libraries).
// It says what a peak is made of, which VmHWM alone does not.
type RSSParts map[string]int64

// Total is the sum of the parts.
func (p RSSParts) Total() int64 {
	var n int64
	for _, v := range p {
		n += v
	}
	return n
}

// MappedRSS reads /proc/self/smaps into parts; nil if it cannot.
func MappedRSS() RSSParts {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return nil
	}
	defer f.Close()
	parts := RSSParts{}
	part := "other"
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if kb, ok := strings.CutPrefix(line, "Rss:"); ok {
			fields := strings.Fields(kb)
			if len(fields) > 0 {
				v, _ := strconv.ParseInt(fields[0], 10, 64)
				parts[part] += v * 1024
			}
			continue
		}
		// A mapping's header: "start-end perms offset dev inode [path]";
		// the attribute lines ("Size:", "Rss:", ...) have no '-' range.
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			part = rssPart(fields[5:])
		}
	}
	if sc.Err() != nil {
		return nil
	}
	return parts
}

// rssPart names a mapping by its path (the header's remaining fields).
func rssPart(path []string) string {
	if len(path) == 0 {
		return "anonymous"
	}
	p := strings.Join(path, " ")
	switch base := filepath.Base(p); {
	case strings.HasPrefix(p, "[heap]"), strings.HasPrefix(p, "[stack"), strings.HasPrefix(p, "[anon"):
		return "anonymous"
	case strings.HasSuffix(base, ".zap"):
		return "bleve segments"
	case base == "root.bolt":
		return "bleve root.bolt"
	case base == "vitae.db", strings.HasPrefix(base, "vectors."), strings.HasPrefix(base, "hnsw"):
		return base
	}
	return "other"
}

// peakParts samples MappedRSS every interval until stop, which returns
// the sample with the largest total: what the resident set was made of
// near its peak.
func peakParts(interval time.Duration) (stop func() RSSParts) {
	return samplePeak(interval, MappedRSS, func(a, b RSSParts) bool { return a.Total() > b.Total() })
}
