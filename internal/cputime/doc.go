// Package cputime reads the CPU clocks Vitae's benchmarks report: the
// process's user and system time, and the calling OS thread's. On a
// shared machine other processes inflate wall time far more than these,
// so a benchmark's cost per search is read from them.
package cputime
