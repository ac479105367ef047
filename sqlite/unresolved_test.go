package sqlite

import (
	"context"
	"testing"

	"github.com/dossier-osint/dossier"
)

func TestHasDocumentAndUnresolved(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	check := func(when string, want bool) {
		t.Helper()
		got, err := db.Unresolved(ctx)
		if err != nil || got != want {
			t.Fatalf("%s: Unresolved = %v, %v; want %v", when, got, err, want)
		}
	}
	check("empty store", false)
	doc, r := sampleDoc(1)
	if has, err := db.HasDocument(ctx, doc.ID); err != nil || has {
		t.Fatalf("HasDocument before put = %v, %v", has, err)
	}
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	if has, err := db.HasDocument(ctx, doc.ID); err != nil || !has {
		t.Fatalf("HasDocument after put = %v, %v", has, err)
	}
	check("after put", true)
	if err := db.ReplaceEntities(ctx, sampleEntities(doc)); err != nil {
		t.Fatal(err)
	}
	check("after resolving", false)
	doc2, r2 := sampleDoc(2)
	if _, err := db.PutDocument(ctx, doc2, r2); err != nil {
		t.Fatal(err)
	}
	check("after another put", true)
}

// TestUnresolvedIgnoresNationalities: nationality mentions never join an
// entity, so they must not keep the store "unresolved" for ever.
func TestUnresolvedIgnoresNationalities(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc := newDoc("raw afghans", "Afghan villagers fled.")
	r := &dossier.Reading{
		Sentences: []dossier.Span{{Start: 0, End: 22}},
		Mentions:  []dossier.Mention{mention(doc, "Afghan", dossier.Nationality, "afghan", 0)},
	}
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Unresolved(ctx); err != nil || got {
		t.Errorf("Unresolved = %v, %v with only a nationality mention unlinked; want false", got, err)
	}
}
