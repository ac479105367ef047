package sqlite

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/dossier-osint/dossier"
)

// TestTexts checks that Texts gives the documents asked for, in ID
// order whatever the order asked, as Document and Sentences give them
// (less Raw, Segments and Removed), skipping unknown IDs, and that an
// error from fn stops the walk.
func TestTexts(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	// Ingest order differs from sampleDoc order and from ID order.
	for _, i := range []int{3, 1, 2} {
		doc, r := sampleDoc(i)
		if i == 2 {
			r.Sentences, r.Mentions = nil, nil // a document without sentences
		}
		if _, err := db.PutDocument(ctx, doc, r); err != nil {
			t.Fatal(err)
		}
	}
	metas, err := db.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for i := len(metas) - 1; i >= 0; i-- {
		all = append(all, metas[i].ID)
	}
	all = append(all, "not-stored")
	var got []string
	err = db.Texts(ctx, all, func(doc *dossier.Document, spans []dossier.Span) error {
		got = append(got, doc.ID)
		want, err := db.Document(ctx, doc.ID)
		if err != nil {
			return err
		}
		want.Raw, want.Segments, want.Removed = nil, nil, nil
		if !reflect.DeepEqual(doc, want) {
			t.Errorf("document %s:\n got %+v\nwant %+v", doc.ID, doc, want)
		}
		wantSpans, err := db.Sentences(ctx, doc.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(spans, wantSpans) {
			t.Errorf("sentences of %s: got %v, want %v", doc.ID, spans, wantSpans)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range metas {
		want = append(want, m.ID)
	}
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}

	// A selection: the last and first by ID, not the middle one.
	got = nil
	err = db.Texts(ctx, []string{want[2], want[0]}, func(doc *dossier.Document, _ []dossier.Span) error {
		got = append(got, doc.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{want[0], want[2]}; !reflect.DeepEqual(got, want) {
		t.Errorf("selection: got %v, want %v", got, want)
	}
	if err := db.Texts(ctx, nil, func(*dossier.Document, []dossier.Span) error {
		t.Error("fn called for no IDs")
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	stop := errors.New("stop")
	calls := 0
	err = db.Texts(ctx, all, func(*dossier.Document, []dossier.Span) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("after an error from fn: %d calls, error %v", calls, err)
	}
}
