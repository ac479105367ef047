//go:build !unix

package geonames

import (
	"io"
	"os"
)

// mapFile reads f whole where memory mapping is not available.
func mapFile(f *os.File) ([]byte, func() error, error) {
	b, err := io.ReadAll(f)
	return b, func() error { return nil }, err
}
