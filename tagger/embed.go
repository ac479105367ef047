package tagger

import (
	_ "embed"
	"fmt"
	"sync"
)

// model/ner.bin is written by tools/trainner (see README.md).
//
//go:embed model/ner.bin
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loaded on first use and shared
// afterwards. Loading reads the tables in place, so it costs well under a
// millisecond; programs that never read text never pay it.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(embedded)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("embedded tagger model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}
