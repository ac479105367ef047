package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportMISPGalaxy imports the terrorist-groups galaxy: a document
// naming IS-K by an alias only the galaxy knows ("Khorasan Chapter of the
// Islamic State") then resolves to the same entity as "IS-K".
func TestImportMISPGalaxy(t *testing.T) {
	galaxy := "../../../shared/data/misp-galaxy/terrorist-groups.json"
	if _, err := os.Stat(galaxy); err != nil {
		t.Skip("../shared/data is not here")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "d.db")
	doc := filepath.Join(dir, "a.txt")
	text := "Kabul, 3 March 2022\n\nThe Khorasan Chapter of the Islamic State attacked a checkpoint. IS-K said it had done so.\n"
	if err := os.WriteFile(doc, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"not": "a galaxy"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, exitPartial, nil, "import", "misp-galaxy", "--db", db, galaxy, bad)
	if !strings.Contains(r.stdout, "new") || !strings.Contains(r.stderr, "bad.json: not a MISP galaxy cluster") {
		t.Errorf("import output:\n%s\n%s", r.stdout, r.stderr)
	}
	mustRun(t, exitOK, nil, "ingest", "--db", db, doc)
	d, _ := exportDB(t, db)
	a, b := entityOf(d, "Khorasan Chapter of the Islamic State"), entityOf(d, "IS-K")
	if a == "" || a != b {
		t.Errorf("galaxy alias and IS-K: %q, %q (want one entity)", a, b)
	}
	// Reimporting updates instead of duplicating.
	r = mustRun(t, exitOK, nil, "import", "misp-galaxy", "--db", db, galaxy)
	if !strings.Contains(r.stdout, "(0 new,") {
		t.Errorf("reimport: %s", r.stdout)
	}
	mustRun(t, exitUsage, nil, "import", "stixx", "--db", db, galaxy)
	mustRun(t, exitError, nil, "import", "misp-galaxy", "--db", db, filepath.Join(dir, "missing.json"))
}
