package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/resolve"
	"github.com/dossier-osint/dossier/sqlite"
)

// TestDecisionsHoldInBatches records a merge, then ingests new documents
// in their own batch, then rebuilds the store a document at a time: the
// new mentions land in the merged entity, as a full resolution puts them.
func TestDecisionsHoldInBatches(t *testing.T) {
	ctx := context.Background()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := &Pipeline{Store: db, Lexicon: lex, Reader: ner.New(lex), Workers: 1}
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ingest := func(paths ...string) {
		t.Helper()
		if sum, err := p.Ingest(ctx, paths); err != nil || sum.Failed > 0 {
			t.Fatalf("ingest: %v %v", err, sum.Failures)
		}
		if err := p.Resolve(ctx); err != nil {
			t.Fatal(err)
		}
	}
	find := func(name string) *dossier.Entity {
		t.Helper()
		es, err := db.FindEntities(ctx, name)
		if err != nil || len(es) != 1 {
			t.Fatalf("find %q: %v, %d entities", name, err, len(es))
		}
		return es[0]
	}
	ingest(write("a.txt", "Lashkar-e-Taiba claimed the attack in Srinagar on Monday.\n\nJaish-e-Mohammed denied any role in the attack."))
	let, jem := find("Lashkar-e-Taiba"), find("Jaish-e-Mohammed")
	if let.ID == jem.ID {
		t.Fatal("the two groups are one entity before any decision")
	}
	decide := func(d *dossier.Decision) {
		t.Helper()
		if err := db.AddDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
		if err := p.ResolveAll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	decide(&dossier.Decision{Action: dossier.Merge, Target: resolve.Keys(let), Other: resolve.Keys(jem), Note: "test"})
	merged := find("Lashkar-e-Taiba")
	if find("Jaish-e-Mohammed").ID != merged.ID {
		t.Fatal("the merge did not hold after the full resolution")
	}

	ingest(write("b.txt", "Jaish-e-Mohammed militants attacked a camp in Pulwama on Friday.\n\nLashkar-e-Taiba praised them."))
	if let, jem := find("Lashkar-e-Taiba"), find("Jaish-e-Mohammed"); let.ID != merged.ID || jem.ID != merged.ID {
		t.Errorf("after a new batch: Lashkar-e-Taiba %s, Jaish-e-Mohammed %s, want both %s", let.ID, jem.ID, merged.ID)
	}
	e := find("Lashkar-e-Taiba")
	if len(e.Documents) != 2 {
		t.Errorf("the merged entity is in %d documents, want 2", len(e.Documents))
	}

	// A rebuild a document at a time, in a store where the merge's sides
	// are never named together: the second batch finds the first side
	// by the decision alone.
	db2, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	p, db = &Pipeline{Store: db2, Lexicon: lex, Reader: p.Reader, Workers: 1}, db2
	ingest(write("x.txt", "Lashkar-e-Taiba claimed the attack in Srinagar on Monday."),
		write("y.txt", "Jaish-e-Mohammed claimed the blast in Anantnag."))
	decide(&dossier.Decision{Action: dossier.Merge, Target: resolve.Keys(find("Lashkar-e-Taiba")), Other: resolve.Keys(find("Jaish-e-Mohammed")), Note: "test"})
	p.BatchDocs = 1
	if err := p.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if let, jem := find("Lashkar-e-Taiba"), find("Jaish-e-Mohammed"); let.ID != jem.ID || len(let.Documents) != 2 {
		t.Errorf("after a rebuild in batches of one: Lashkar-e-Taiba %s (%d documents), Jaish-e-Mohammed %s", let.ID, len(let.Documents), jem.ID)
	}
}
