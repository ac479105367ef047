package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// entityOf returns the ID of the exported entity that has alias, "" if none.
func entityOf(d *dump, alias string) string {
	for _, e := range d.Entities {
		for _, a := range e.Aliases {
			if a == alias {
				return e.ID
			}
		}
	}
	return ""
}

// TestEntityDecisions splits, merges and renames through the CLI, then
// ingests a new document and checks the decisions still hold.
func TestEntityDecisions(t *testing.T) {
	dir := corpus(t)
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, exitOK, nil, "ingest", "--db", db, dir)

	d, _ := exportDB(t, db)
	if a, b := entityOf(d, "Abdul Rauf Khadem"), entityOf(d, "Abdul Rauf Khadim"); a == "" || a != b {
		t.Fatalf("before any decision Khadem and Khadim should be one entity: %q, %q", a, b)
	}

	r := mustRun(t, exitOK, nil, "entity", "split", "--db", db, "Abdul Rauf Khadem", "--alias", "Abdul Rauf Khadim", "--note", "two men")
	if !strings.Contains(r.stdout, "decision 1 recorded") {
		t.Errorf("split output: %s", r.stdout)
	}
	// A bare "Khan" in a new document is an entity of its own (a common
	// surname never merges across documents), beside the "Khan" of Hafiz
	// Saeed Khan: the name is ambiguous until an ID is given.
	khan := filepath.Join(t.TempDir(), "khan.txt")
	if err := os.WriteFile(khan, []byte("Peshawar, 2 March 2022\n\nKhan said the talks would resume.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, exitOK, nil, "ingest", "--db", db, khan)
	r = mustRun(t, exitError, nil, "entity", "merge", "--db", db, "Hafiz Saeed Khan", "Khan")
	if !strings.Contains(r.stderr, `2 entities are called "Khan"`) {
		t.Errorf("ambiguous name: stderr %s", r.stderr)
	}
	d, _ = exportDB(t, db)
	var bare string
	for _, e := range d.Entities {
		if e.Name == "Khan" {
			bare = e.ID
		}
	}
	if bare == "" {
		t.Fatal("no entity named Khan alone")
	}
	mustRun(t, exitOK, nil, "entity", "merge", "--db", db, "Hafiz Saeed Khan", bare)
	mustRun(t, exitOK, nil, "entity", "rename", "--db", db, "IS-K", "Islamic State – Khorasan Province (ISKP)")

	check := func(when string) {
		t.Helper()
		d, _ := exportDB(t, db)
		if a, b := entityOf(d, "Abdul Rauf Khadem"), entityOf(d, "Abdul Rauf Khadim"); a == "" || b == "" || a == b {
			t.Errorf("%s: split not applied: %q, %q", when, a, b)
		}
		khans := 0
		for _, e := range d.Entities {
			for _, a := range e.Aliases {
				if a == "Khan" {
					khans++
				}
			}
		}
		if khans != 1 {
			t.Errorf("%s: Khan is in %d entities, want 1 after the merge", when, khans)
		}
		renamed := false
		for _, e := range d.Entities {
			if e.Name == "Islamic State – Khorasan Province (ISKP)" {
				renamed = true
			}
		}
		if !renamed {
			t.Errorf("%s: rename not applied", when)
		}
	}
	check("after the decisions")

	// A new document arrives: resolution runs again and re-applies them.
	extra := filepath.Join(t.TempDir(), "new.txt")
	text := "Kabul, 3 March 2022\n\nAbdul Rauf Khadim was seen in Helmand. Joe Biden spoke about IS-K on Tuesday.\n"
	if err := os.WriteFile(extra, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, exitOK, nil, "ingest", "--db", db, extra)
	check("after a new ingest")

	r = mustRun(t, exitOK, nil, "entity", "decisions", "--db", db)
	for _, want := range []string{"split", "merge", "rename", "two men"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("decisions list lacks %q:\n%s", want, r.stdout)
		}
	}
	mustRun(t, exitOK, nil, "entity", "undo", "--db", db, "1")
	d, _ = exportDB(t, db)
	if a, b := entityOf(d, "Abdul Rauf Khadem"), entityOf(d, "Abdul Rauf Khadim"); a == "" || a != b {
		t.Errorf("after undoing the split: %q, %q", a, b)
	}
	mustRun(t, exitError, nil, "entity", "undo", "--db", db, "1")
	mustRun(t, exitUsage, nil, "entity", "split", "--db", db, "IS-K")
	mustRun(t, exitUsage, nil, "entity", "frobnicate", "--db", db)
}
