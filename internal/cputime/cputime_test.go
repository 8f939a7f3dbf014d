package cputime

import (
	"runtime"
	"testing"
)

// Both clocks move forward while this goroutine burns CPU on its thread.
func TestClocksAdvance(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if x == 0 {
		t.Fatal("loop optimised away")
	}
	if p := Process(); p <= p0 {
		t.Errorf("process CPU %v, then %v: want it to grow", p0, p)
	}
	if runtime.GOOS == "linux" {
		if th := Thread(); th <= t0 {
			t.Errorf("thread CPU %v, then %v: want it to grow", t0, th)
		}
	}
}
