//go:build !unix

package ner

// cpuTime is unknown here; BenchmarkRead then leaves out its CPU figure.
func cpuTime() float64 { return 0 }
