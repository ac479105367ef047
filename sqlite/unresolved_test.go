package sqlite

import (
	"context"
	"testing"
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
