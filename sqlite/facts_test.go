package sqlite

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

func sampleFacts(doc *dossier.Document) *dossier.Facts {
	_, r := readingOf(doc)
	quote := func(i int) dossier.Claim {
		s := r.Sentences[i]
		return dossier.Claim{ID: "f" + string(rune('0'+i)) + "-" + doc.ID[:8], Document: doc.ID, Start: s.Start, End: s.End,
			Quote: string([]rune(doc.Text)[s.Start:s.End])}
	}
	c0, c1 := quote(0), quote(1)
	hundred := 100
	return &dossier.Facts{
		Claims: []dossier.Claim{c0, c1},
		Events: []*dossier.Event{{
			ID: "ev1", Type: dossier.Attack, Subtype: "suicide bombing", Date: "2021-08-26", Place: "kabul",
			Perpetrators: []string{"isk"}, Targets: []string{}, Claimants: []string{"isk"}, ClaimedVia: "Amaq",
			TargetType: "civilians",
			Killed:     []dossier.Quantity{{Document: doc.ID, Min: 85, Max: ptr(85), Claim: c0.ID}, {Document: doc.ID, Min: hundred, Claim: c1.ID}},
			Injured:    []dossier.Quantity{}, Arrested: []dossier.Quantity{},
			Documents: []string{doc.ID}, Claims: []string{c0.ID}, Summary: "A bombing.",
		}},
		Relations: []*dossier.Relation{{ID: "r1", Subject: "isk", Predicate: "rival_of", Object: "hizb", Start: "2015",
			Documents: []string{doc.ID}, Claims: []string{c1.ID}}},
		Attributes: []*dossier.Attribute{
			{ID: "a1", Entity: "isk", Name: "founded", Value: "2015", Document: doc.ID, Claim: c0.ID},
			{ID: "a2", Entity: "isk", Name: "size", Quantity: &dossier.Quantity{Document: doc.ID, Min: 1500, Max: ptr(2200), Claim: c1.ID},
				AsOf: "2021-06", By: "UN report", Document: doc.ID, Claim: c1.ID},
		},
	}
}

func ptr(n int) *int { return &n }

func TestReplaceFacts(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc, r := sampleDoc(1)
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	want := sampleFacts(doc)
	if err := db.ReplaceFacts(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := db.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Facts round trip:\n got %+v\nwant %+v", got, want)
		for i := range got.Events {
			t.Logf("event %+v", *got.Events[i])
		}
	}

	// Replacing with fewer facts removes the others.
	if err := db.ReplaceFacts(ctx, &dossier.Facts{}); err != nil {
		t.Fatal(err)
	}
	got, err = db.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events)+len(got.Relations)+len(got.Attributes) != 0 {
		t.Errorf("after an empty ReplaceFacts: %+v", got)
	}
	if n := count(t, db, "event_entities", "event_claims")["event_entities"]; n != 0 {
		t.Errorf("event_entities left: %d", n)
	}
}

func TestReplaceFactsInvalid(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc, r := sampleDoc(2)
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	good := sampleFacts(doc)
	if err := db.ReplaceFacts(ctx, good); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		break_ func(f *dossier.Facts)
		msg    string // what the error must say
	}{
		{"unknown claim", func(f *dossier.Facts) { f.Events[0].Claims = []string{"nope"} }, `event ev1 cites claim "nope"`},
		{"figure's unknown claim", func(f *dossier.Facts) { f.Events[0].Killed[0].Claim = "nope" }, `event ev1 cites claim "nope"`},
		{"unknown document", func(f *dossier.Facts) { f.Relations[0].Documents = []string{"0123"} }, `relation r1 cites document "0123"`},
		{"figure's unknown document", func(f *dossier.Facts) { f.Events[0].Injured = []dossier.Quantity{{Document: "0123", Min: 1}} }, `event ev1 cites document "0123"`},
		{"attribute's unknown document", func(f *dossier.Facts) { f.Attributes[1].Document = "0123" }, "attribute a2: document 0123 is not stored"},
		{"attribute's unknown claim", func(f *dossier.Facts) { f.Attributes[1].Claim = "nope" }, `attribute a2 cites claim "nope"`},
		{"claim in unknown document", func(f *dossier.Facts) { f.Claims[0].Document = "0123"; f.Claims[0].ID = "new" }, "claim new: document 0123 is not stored"},
		{"duplicate ID", func(f *dossier.Facts) { f.Relations[0].ID = "ev1" }, "ev1 is used twice"},
		{"event without type", func(f *dossier.Facts) { f.Events[0].Type = "" }, "event ev1 has no type"},
		{"attribute without claim", func(f *dossier.Facts) { f.Attributes[0].Claim = "" }, "attribute a1 lacks"},
		{"relation without object", func(f *dossier.Facts) { f.Relations[0].Object = "" }, "relation r1 lacks"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := sampleFacts(doc)
			tc.break_(f)
			err := db.ReplaceFacts(ctx, f)
			wantCode(t, err, dossier.EINVALID)
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
			got, err := db.Facts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, good) {
				t.Errorf("a failed ReplaceFacts changed the store")
			}
		})
	}
}

// TestReplaceFactsDiff checks that writing only the events that changed
// leaves the same rows as writing them all, and Facts the same answer.
func TestReplaceFactsDiff(t *testing.T) {
	ctx := context.Background()
	doc, r := sampleDoc(1)
	base := sampleFacts(doc)
	ev := func(id string, mod func(e *dossier.Event)) *dossier.Event {
		e := *base.Events[0]
		e.ID = id
		if mod != nil {
			mod(&e)
		}
		return &e
	}
	with := func(evs ...*dossier.Event) *dossier.Facts {
		f := *base
		f.Events = evs
		return &f
	}
	a, b, c := ev("a", nil), ev("b", func(e *dossier.Event) { e.Targets = []string{"hizb"} }), ev("c", func(e *dossier.Event) { e.Place = "" })
	steps := []struct {
		name string
		f    *dossier.Facts
	}{
		{"first", with(a, b)},
		{"unchanged", with(a, b)},
		{"reordered", with(b, a)},
		{"added", with(b, c, a)},
		{"changed", with(ev("b", func(e *dossier.Event) { e.Perpetrators = []string{"hizb"}; e.Claims = []string{base.Claims[1].ID} }), c, a)},
		{"gone", with(c)},
		{"none", with()},
		{"again", with(a, b, c)},
	}
	tables := []string{
		`SELECT id, type, subtype, date, place, target_type, claimed_via, summary, lists FROM events ORDER BY ord`,
		`SELECT event, entity, role FROM event_entities ORDER BY event, entity, role`,
		`SELECT event, claim FROM event_claims ORDER BY event, claim`,
	}
	rowsOf := func(db *DB) []string {
		var out []string
		for _, q := range tables {
			rows, err := db.read.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				out = append(out, fmt.Sprint(vals...))
			}
			rows.Close()
		}
		return out
	}
	incremental, _ := openTest(t)
	if _, err := incremental.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			fresh, _ := openTest(t)
			if _, err := fresh.PutDocument(ctx, doc, r); err != nil {
				t.Fatal(err)
			}
			for _, db := range []*DB{fresh, incremental} {
				if err := db.ReplaceFacts(ctx, st.f); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := rowsOf(incremental), rowsOf(fresh); !reflect.DeepEqual(got, want) {
				t.Errorf("rows after an incremental replacement:\n%s\nafter a full one:\n%s",
					strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			got, err := incremental.Facts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want, err := fresh.Facts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Facts:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}
