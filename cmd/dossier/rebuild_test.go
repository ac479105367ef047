package main

import (
	"path/filepath"
	"testing"
)

// TestRebuild rebuilds a store of the sample corpus a document at a time
// and in one batch: each export is the one the ingest made (one batch
// into an empty store is a full resolution; batches of one differ from it
// only where docs/scale.md says incremental resolution may), and the
// store is usable after.
func TestRebuild(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, 0, nil, "ingest", "--db", db, "-q", corpus(t))
	before := mustRun(t, 0, nil, "export", "--db", db, "--format", "json").stdout
	mustRun(t, 0, nil, "rebuild", "--db", db, "-q")
	if after := mustRun(t, 0, nil, "export", "--db", db, "--format", "json").stdout; after != before {
		t.Errorf("the export after a rebuild differs from the ingest's (%d bytes, was %d)", len(after), len(before))
	}
	mustRun(t, 0, nil, "rebuild", "--db", db, "-q", "--batch", "1")
	r := mustRun(t, 0, nil, "profile", "--db", db, "Islamic State Khorasan Province")
	if r.stdout == "" {
		t.Error("no profile after a rebuild in batches of one")
	}
	if r := run(t, nil, "rebuild", "--db", db, "--batch", "0"); r.code != 2 {
		t.Errorf("rebuild --batch 0: exit %d, want 2", r.code)
	}
}
