//go:build unix

package ner

import "syscall"

// cpuTime returns the CPU time the process has used, user and system, in
// seconds. BenchmarkRead reports throughput per CPU second beside the
// wall-clock figure: on a machine shared with other work the wall clock
// measures the neighbours as much as the code.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
