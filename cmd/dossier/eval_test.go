package main

import (
	"strings"
	"testing"
)

// TestEvalNER scores the recogniser on the small gold files in
// eval/testdata through the whole program.
func TestEvalNER(t *testing.T) {
	r := mustRun(t, exitOK, nil, "eval", "ner", "--re3d", "../../eval/testdata/re3d", "--conll", "../../eval/testdata/conll.txt",
		"--systems", "product,tagger,rules")
	for _, want := range []string{"re3d (trained on)", "re3d names (trained on)", "conll conll.txt", "Organisation", "MISC",
		"overall PER/ORG/LOC", "exact F1", "MB/s"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = mustRun(t, exitError, nil, "eval", "ner", "--re3d", "../../eval/testdata/re3d", "--model", "no-such-model.bin")
	if !strings.Contains(r.stderr, "no-such-model.bin") {
		t.Errorf("error does not name the model file: %s", r.stderr)
	}
}
