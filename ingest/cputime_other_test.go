//go:build !unix

package ingest

// cpuTime is unknown here; benchmarks then leave out their CPU figures.
func cpuTime() float64 { return 0 }
