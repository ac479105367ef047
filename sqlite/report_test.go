package sqlite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/dossier-osint/dossier"
)

func allReports(t *testing.T, db *DB) []*dossier.ExtractionReport {
	t.Helper()
	var out []*dossier.ExtractionReport
	if err := db.ExtractionReports(context.Background(), func(r *dossier.ExtractionReport) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Document < out[j].Document })
	return out
}

// TestExtractionReports checks that reports round-trip, that a document's
// new report replaces its old one, that a bad batch changes nothing and
// that reports survive a reopen.
func TestExtractionReports(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	var ids []string
	for i := 1; i <= 3; i++ {
		doc, r := sampleDoc(i)
		if _, err := db.PutDocument(ctx, doc, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, doc.ID)
	}
	sort.Strings(ids)
	if got := allReports(t, db); len(got) != 0 {
		t.Fatalf("a new store has %d reports", len(got))
	}

	first := []*dossier.ExtractionReport{
		{Document: ids[0], Digest: []byte{1}, Data: []byte(`{"a":1}`)},
		{Document: ids[1], Digest: []byte{2}, Data: []byte{}},
	}
	if err := db.PutExtractionReports(ctx, first); err != nil {
		t.Fatal(err)
	}
	if got := allReports(t, db); !reflect.DeepEqual(got, first) {
		t.Errorf("after the first put:\n got %s\nwant %s", show(got), show(first))
	}

	second := []*dossier.ExtractionReport{
		{Document: ids[1], Digest: []byte{3}, Data: []byte(`{"b":2}`)},
		{Document: ids[2], Digest: []byte{4}, Data: []byte(`{"c":3}`)},
	}
	if err := db.PutExtractionReports(ctx, second); err != nil {
		t.Fatal(err)
	}
	want := append([]*dossier.ExtractionReport{first[0]}, second...)
	if got := allReports(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("after a replacement:\n got %s\nwant %s", show(got), show(want))
	}

	for name, bad := range map[string][]*dossier.ExtractionReport{
		"unknown document": {{Document: ids[0], Digest: []byte{9}, Data: []byte("x")}, {Document: "nope", Digest: []byte{9}, Data: []byte("x")}},
		"no digest":        {{Document: ids[0], Data: []byte("x")}},
		"no document":      {{Digest: []byte{9}, Data: []byte("x")}},
	} {
		err := db.PutExtractionReports(ctx, bad)
		if dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("%s: error %v, want EINVALID", name, err)
		}
		if got := allReports(t, db); !reflect.DeepEqual(got, want) {
			t.Errorf("%s changed the reports:\n got %s\nwant %s", name, show(got), show(want))
		}
	}

	stop := errors.New("stop")
	calls := 0
	if err := db.ExtractionReports(ctx, func(*dossier.ExtractionReport) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("after an error from fn: %d calls, error %v", calls, err)
	}

	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := allReports(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("after a reopen:\n got %s\nwant %s", show(got), show(want))
	}
}

func show(rs []*dossier.ExtractionReport) string {
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("{%s %x %q (nil %v)} ", r.Document, r.Digest, r.Data, r.Data == nil)
	}
	return s
}
