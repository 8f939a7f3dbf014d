//go:build !linux

package cputime

import "time"

// Thread is not measured off Linux: benchmarks' thread CPU metrics read 0.
func Thread() time.Duration { return 0 }
