package cputime

import (
	"syscall"
	"time"
	"unsafe"
)

// Thread is the CPU time of the calling OS thread (lock the goroutine to
// it): one search's own cost. 0 if the clock cannot be read.
func Thread() time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
