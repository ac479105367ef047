package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/dossier-osint/dossier"
)

// TestTexts checks that Texts gives every document, in ingest order, as
// Document and Sentences give it (less Raw, Segments and Removed), and
// that an error from fn stops the walk.
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
	var got []string
	err = db.Texts(ctx, func(doc *dossier.Document, spans []dossier.Span) error {
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
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}

	stop := errors.New("stop")
	calls := 0
	err = db.Texts(ctx, func(*dossier.Document, []dossier.Span) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("after an error from fn: %d calls, error %v", calls, err)
	}
}
