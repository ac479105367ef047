//go:build unix

package geonames

import (
	"io"
	"os"
	"syscall"
)

// mapFile maps f read-only; an empty file is read as empty.
func mapFile(f *os.File) ([]byte, func() error, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	n := fi.Size()
	if n == 0 || int64(int(n)) != n {
		b, err := io.ReadAll(f)
		return b, func() error { return nil }, err
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(n), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() error { return syscall.Munmap(b) }, nil
}
