package sqlite

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

// queryStore is a store holding two sample documents, their entities and
// the sample facts of the first.
func queryStore(t *testing.T) (*DB, []*dossier.Document) {
	t.Helper()
	ctx := context.Background()
	db, _ := openTest(t)
	var docs []*dossier.Document
	for i := range 2 {
		doc, r := sampleDoc(i)
		if _, err := db.PutDocument(ctx, doc, r); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	if err := db.ReplaceEntities(ctx, sampleEntities(docs...)); err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceFacts(ctx, sampleFacts(docs[0])); err != nil {
		t.Fatal(err)
	}
	return db, docs
}

func TestEntitiesByID(t *testing.T) {
	ctx := context.Background()
	db, _ := queryStore(t)
	tests := []struct {
		name string
		ids  []string
		want []string
	}{
		{"one", []string{"kabul"}, []string{"kabul"}},
		{"store order, not asked order", []string{"kabul", "isk"}, []string{"isk", "kabul"}},
		{"unknown left out", []string{"nobody", "hizb"}, []string{"hizb"}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ents, err := db.EntitiesByID(ctx, tt.ids)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range ents {
				got = append(got, e.ID)
				if len(e.Mentions) == 0 || len(e.Claims) == 0 {
					t.Errorf("%s: no mentions or claims loaded", e.ID)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEntityList(t *testing.T) {
	db, _ := queryStore(t)
	list, err := db.EntityList(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range list {
		got = append(got, s.ID)
	}
	// IS-K has 3 mentions a document; Ḥizb and Kabul one each, by name.
	if want := []string{"isk", "kabul", "hizb"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	isk := list[0]
	if isk.Mentions != 6 || isk.Documents != 2 || !reflect.DeepEqual(isk.Aliases, []string{"IS-K", "Islamic State-Khorasan"}) {
		t.Errorf("isk summary %+v", isk)
	}
	if list[1].Place == nil || list[1].Place.GazetteerID != "1138958" {
		t.Errorf("kabul place %+v", list[1].Place)
	}
}

func TestDocumentStats(t *testing.T) {
	db, docs := queryStore(t)
	stats, err := db.DocumentStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// sampleFacts adds two claims (sentences 0 and 1) to the first
	// document under new IDs; the entities cite the same two sentences.
	want := map[string]dossier.DocumentStats{
		docs[0].ID: {Chars: 110, Sentences: 3, Mentions: 5, Unresolved: 0, Claims: 4, Removed: 1},
		docs[1].ID: {Chars: 110, Sentences: 3, Mentions: 5, Unresolved: 0, Claims: 2, Removed: 1},
	}
	if !reflect.DeepEqual(stats, want) {
		t.Errorf("stats\n got %+v\nwant %+v", stats, want)
	}
}

func TestDocumentMentionsAndClaims(t *testing.T) {
	ctx := context.Background()
	db, docs := queryStore(t)
	ms, err := db.DocumentMentions(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, m := range ms {
		got = append(got, m.Text+"→"+m.Entity)
		if i > 0 && ms[i-1].Start > m.Start {
			t.Errorf("mentions not in text order at %d", i)
		}
	}
	want := []string{"Islamic State-Khorasan→isk", "IS-K→isk", "Kabul→kabul", "Ḥizb ut-Tahrir→hizb", "IS-K→isk"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mentions %v, want %v", got, want)
	}
	cs, err := db.DocumentClaims(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 4 {
		t.Fatalf("%d claims, want 4", len(cs))
	}
	text := []rune(docs[0].Text)
	for _, c := range cs {
		if string(text[c.Start:c.End]) != c.Quote {
			t.Errorf("claim %s quote %q is not the text at its span", c.ID, c.Quote)
		}
	}
	for _, f := range []func(context.Context, string) error{
		func(ctx context.Context, id string) error { _, err := db.DocumentMentions(ctx, id); return err },
		func(ctx context.Context, id string) error { _, err := db.DocumentClaims(ctx, id); return err },
	} {
		wantCode(t, f(ctx, strings.Repeat("0", 64)), dossier.ENOTFOUND)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db, docs := queryStore(t)
	// A document stored after the index was built is indexed by the
	// trigger; one with a distinctive word shows it.
	doc := newDoc("late raw", "An unrelated report. Zarqawi was mentioned once.")
	r := &dossier.Reading{Sentences: []dossier.Span{{Start: 0, End: 21}, {Start: 21, End: 48}}}
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string // kind:id, in order
	}{
		{"IS-K", []string{"entity:isk", "document:" + docs[0].ID, "document:" + docs[1].ID}},
		{"hizb", []string{"entity:hizb", "document:" + docs[0].ID, "document:" + docs[1].ID}}, // "Ḥizb"
		{"kabul", []string{"entity:kabul", "document:" + docs[0].ID, "document:" + docs[1].ID}},
		{"bombing", []string{"event:ev1"}},
		{"tahreer", []string{"entity:hizb"}},                                                  // spelled another way: the skeleton matches
		{"Khurasan", []string{"entity:isk"}},                                                  // and only the names' index has it
		{"khora", []string{"entity:isk", "document:" + docs[0].ID, "document:" + docs[1].ID}}, // prefix
		{"zarq", []string{"document:" + doc.ID}},                                              // prefix of the last word
		{"denied role", []string{"document:" + docs[0].ID, "document:" + docs[1].ID}},
		{"denied nobody", nil},
		{`"kabul"^(* -`, []string{"entity:kabul", "document:" + docs[0].ID, "document:" + docs[1].ID}}, // FTS5 syntax is only words here
		{"   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := db.Search(ctx, tt.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Kind+":"+h.ID)
			}
			// Documents with equal rank may come in either order.
			if !sameSet(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
		})
	}

	hits, err := db.Search(ctx, "zarqawi", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("zarqawi: %v %v", hits, err)
	}
	h := hits[0]
	if h.Start != 21 || h.End != 48 {
		t.Errorf("sentence of the match [%d,%d), want [21,48)", h.Start, h.End)
	}
	if !strings.Contains(h.Snippet, markStart+"Zarqawi"+markEnd) {
		t.Errorf("snippet %q does not mark the match", h.Snippet)
	}
	_, err = db.Search(ctx, "!!! ---", 10)
	wantCode(t, err, dossier.EINVALID)

	// The index follows the entities: one resolved away is not found.
	if err := db.ReplaceEntities(ctx, sampleEntities(docs...)[2:]); err != nil {
		t.Fatal(err)
	}
	if hits, err := db.Search(ctx, "hizb", 10); err != nil || slices.ContainsFunc(hits, func(h dossier.SearchHit) bool { return h.Kind == "entity" }) {
		t.Errorf("hizb after its entity is gone: %v %v", hits, err)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}
