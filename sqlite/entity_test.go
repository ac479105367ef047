package sqlite

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

// sampleEntities resolves the mentions of sampleDoc documents: IS-K (three
// mentions per document), Ḥizb ut-Tahrir and Kabul.
func sampleEntities(docs ...*dossier.Document) []*dossier.Entity {
	isk := &dossier.Entity{ID: "isk", Type: dossier.Group, Name: "Islamic State-Khorasan",
		Aliases: []string{"Islamic State-Khorasan", "IS-K"}, Reason: "acronym definition"}
	hizb := &dossier.Entity{ID: "hizb", Type: dossier.Group, Name: "Ḥizb ut-Tahrir",
		Aliases: []string{"Ḥizb ut-Tahrir"}, Reason: "same key"}
	kabul := &dossier.Entity{ID: "kabul", Type: dossier.Place, Name: "Kabul", Aliases: []string{"Kabul"},
		Reason: "same key", Place: &dossier.PlaceInfo{Lat: 34.52813, Lon: 69.17233, Country: "AF", Admin1: "13", GazetteerID: "1138958"}}
	for _, doc := range docs {
		_, r := readingOf(doc)
		first := dossier.Claim{ID: "c0-" + doc.ID[:8], Document: doc.ID, Start: r.Sentences[0].Start, End: r.Sentences[0].End,
			Quote: string([]rune(doc.Text)[r.Sentences[0].Start:r.Sentences[0].End])}
		second := dossier.Claim{ID: "c1-" + doc.ID[:8], Document: doc.ID, Start: r.Sentences[1].Start, End: r.Sentences[1].End,
			Quote: string([]rune(doc.Text)[r.Sentences[1].Start:r.Sentences[1].End])}
		isk.Mentions = append(isk.Mentions, r.Mentions[0], r.Mentions[1], r.Mentions[4])
		isk.Documents = append(isk.Documents, doc.ID)
		isk.Claims = append(isk.Claims, first)
		hizb.Mentions = append(hizb.Mentions, r.Mentions[2])
		hizb.Documents = append(hizb.Documents, doc.ID)
		hizb.Claims = append(hizb.Claims, second)
		kabul.Mentions = append(kabul.Mentions, r.Mentions[3])
		kabul.Documents = append(kabul.Documents, doc.ID)
		kabul.Claims = append(kabul.Claims, first)
	}
	return []*dossier.Entity{isk, hizb, kabul}
}

// readingOf returns the reading sampleDoc gave doc, found by its raw bytes.
func readingOf(doc *dossier.Document) (*dossier.Document, *dossier.Reading) {
	for i := range 1000 {
		if d, r := sampleDoc(i); d.ID == doc.ID {
			return d, r
		}
	}
	panic("not a sample document")
}

// stored returns e as the store gives it back: aliases most frequent first.
func stored(e *dossier.Entity) *dossier.Entity {
	c := *e
	if e.ID == "isk" {
		c.Aliases = []string{"IS-K", "Islamic State-Khorasan"}
	}
	return &c
}

func TestReplaceEntities(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc1, r1 := sampleDoc(1)
	doc2, r2 := sampleDoc(2)
	for _, d := range []struct {
		doc *dossier.Document
		r   *dossier.Reading
	}{{doc1, r1}, {doc2, r2}} {
		if _, err := db.PutDocument(ctx, d.doc, d.r); err != nil {
			t.Fatal(err)
		}
	}
	first := sampleEntities(doc1, doc2)

	// The second resolution splits IS-K's acronym off into an entity of its
	// own in doc2 and forgets the rest.
	_, r2again := readingOf(doc2)
	acronym := &dossier.Entity{ID: "isk-2", Type: dossier.Group, Name: "IS-K", Aliases: []string{"IS-K"},
		Documents: []string{doc2.ID}, Mentions: []dossier.Mention{r2again.Mentions[1], r2again.Mentions[4]},
		Claims: []dossier.Claim{{ID: "c0-" + doc2.ID[:8], Document: doc2.ID, Start: 0, End: 10, Quote: "Islamic St"}}}
	second := []*dossier.Entity{acronym}

	notStored := *first[1]
	notStored.Mentions = append([]dossier.Mention{{Document: doc1.ID, Start: 1, End: 3, Text: "sl"}}, first[1].Mentions...)
	twice := *first[1]
	twice.ID, twice.Mentions = "twice", first[0].Mentions[:1]
	noDoc := *first[1]
	noDoc.Documents = []string{strings.Repeat("f", 64)}
	claimNoDoc := *first[1]
	claimNoDoc.Claims = []dossier.Claim{{ID: "c-x", Document: strings.Repeat("f", 64), Start: 0, End: 1, Quote: "x"}}
	dup := *first[1]
	badType := *first[1]
	badType.Type = "militia"

	tests := []struct {
		name  string
		ents  []*dossier.Entity
		code  string
		want  []*dossier.Entity // after the call, failed or not
		links int               // mentions linked to an entity
		rows  map[string]int
	}{
		{
			name:  "first",
			ents:  first,
			want:  []*dossier.Entity{stored(first[0]), first[1], first[2]},
			links: 10,
			rows:  map[string]int{"entities": 3, "entity_aliases": 4, "entity_documents": 6, "entity_claims": 6, "claims": 4},
		},
		{
			name:  "mention not stored",
			ents:  []*dossier.Entity{first[0], &notStored},
			code:  dossier.EINVALID,
			want:  []*dossier.Entity{stored(first[0]), first[1], first[2]},
			links: 10,
			rows:  map[string]int{"entities": 3, "entity_aliases": 4, "entity_documents": 6, "entity_claims": 6, "claims": 4},
		},
		{
			name:  "mention in two entities",
			ents:  []*dossier.Entity{first[0], &twice},
			code:  dossier.EINVALID,
			want:  []*dossier.Entity{stored(first[0]), first[1], first[2]},
			links: 10,
		},
		{
			name:  "document not stored",
			ents:  []*dossier.Entity{&noDoc},
			code:  dossier.EINVALID,
			want:  []*dossier.Entity{stored(first[0]), first[1], first[2]},
			links: 10,
		},
		{
			name:  "claim document not stored",
			ents:  []*dossier.Entity{&claimNoDoc},
			code:  dossier.EINVALID,
			want:  []*dossier.Entity{stored(first[0]), first[1], first[2]},
			links: 10,
			rows:  map[string]int{"claims": 4},
		},
		{
			name:  "duplicate ID",
			ents:  []*dossier.Entity{first[1], &dup},
			code:  dossier.EINVALID,
			want:  []*dossier.Entity{stored(first[0]), first[1], first[2]},
			links: 10,
		},
		{
			name:  "unknown type",
			ents:  []*dossier.Entity{&badType},
			code:  dossier.EINVALID,
			want:  []*dossier.Entity{stored(first[0]), first[1], first[2]},
			links: 10,
		},
		{
			// Claims stay, upserted: c0 of doc2 gets the new span.
			name:  "second replaces",
			ents:  second,
			want:  second,
			links: 2,
			rows:  map[string]int{"entities": 1, "entity_aliases": 1, "entity_documents": 1, "entity_claims": 1, "claims": 4},
		},
		{
			name: "none",
			ents: nil,
			want: []*dossier.Entity{},
			rows: map[string]int{"entities": 0, "entity_aliases": 0, "entity_documents": 0, "entity_claims": 0, "claims": 4},
		},
	}
	// The cases run in order on one store: each starts from what the one
	// before left.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.ReplaceEntities(ctx, tt.ents)
			if tt.code != "" {
				wantCode(t, err, tt.code)
			} else if err != nil {
				t.Fatal(err)
			}
			got, err := db.Entities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Entities:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
			var links int
			db.read.QueryRow(`SELECT count(*) FROM mentions WHERE entity IS NOT NULL`).Scan(&links)
			if links != tt.links {
				t.Errorf("%d mentions linked, want %d", links, tt.links)
			}
			if tt.rows != nil {
				var tables []string
				for k := range tt.rows {
					tables = append(tables, k)
				}
				if got := count(t, db, tables...); !reflect.DeepEqual(got, tt.rows) {
					t.Errorf("rows %v, want %v", got, tt.rows)
				}
			}
		})
	}

	var quote string
	db.read.QueryRow(`SELECT `+claimQuote+` FROM claims c WHERE c.id = ?`, "c0-"+doc2.ID[:8]).Scan(&quote)
	if quote != "Islamic St" {
		t.Errorf("claim not upserted: quote %q", quote)
	}
}

func dump(ents []*dossier.Entity) string {
	var b strings.Builder
	for _, e := range ents {
		fmt.Fprintf(&b, "\n\t%+v", *e)
		if e.Place != nil {
			fmt.Fprintf(&b, " place %+v", *e.Place)
		}
	}
	return b.String()
}

func TestFindEntities(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc1, r1 := sampleDoc(1)
	doc2, r2 := sampleDoc(2)
	for _, d := range []struct {
		doc *dossier.Document
		r   *dossier.Reading
	}{{doc1, r1}, {doc2, r2}} {
		if _, err := db.PutDocument(ctx, d.doc, d.r); err != nil {
			t.Fatal(err)
		}
	}
	ents := sampleEntities(doc1)
	// A second, smaller entity also called IS-K, from doc2.
	other := &dossier.Entity{ID: "isk-2", Type: dossier.Group, Name: "IS-K", Aliases: []string{"IS-K"},
		Documents: []string{doc2.ID}, Mentions: []dossier.Mention{r2.Mentions[1]}}
	ents = append(ents, other)
	if err := db.ReplaceEntities(ctx, ents); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		find string
		want []string // entity IDs, best first
	}{
		{"name", "Islamic State-Khorasan", []string{"isk"}},
		{"name other case", "ISLAMIC STATE-KHORASAN", []string{"isk"}},
		{"alias, most mentions first", "is-k", []string{"isk", "isk-2"}},
		{"non-ASCII alias", "Ḥizb ut-Tahrir", []string{"hizb"}},
		{"non-ASCII alias lower case", "ḥizb ut-tahrir", []string{"hizb"}},
		{"non-ASCII alias upper case", "ḤIZB UT-TAHRIR", []string{"hizb"}},
		{"place", "kabul", []string{"kabul"}},
		{"part of a name", "Islamic", nil},
		{"without diacritic", "Hizb ut-Tahrir", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.FindEntities(ctx, tt.find)
			if tt.want == nil {
				wantCode(t, err, dossier.ENOTFOUND)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range got {
				ids = append(ids, e.ID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("FindEntities(%q) = %v, want %v", tt.find, ids, tt.want)
			}
			// The entities come whole.
			for _, e := range got {
				if len(e.Mentions) == 0 || len(e.Aliases) == 0 || len(e.Documents) == 0 {
					t.Errorf("entity %s is not loaded whole: %+v", e.ID, e)
				}
			}
		})
	}
}

// TestReplaceEntitiesRelinks replaces entities that keep, move and lose
// mentions, and checks the links and the order of the entities after each
// call: links are diffed rather than rewritten, entities are written again
// in the order given, and batches larger than one statement's hold
// (batchRows) arrive whole.
func TestReplaceEntitiesRelinks(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc, r := sampleDoc(1)
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	m := r.Mentions // IS-K: 0, 1, 4; Ḥizb ut-Tahrir: 2; Kabul: 3
	ent := func(id string, ms ...int) *dossier.Entity {
		e := &dossier.Entity{ID: id, Type: dossier.Group, Name: id, Aliases: []string{id}, Documents: []string{doc.ID}}
		for _, i := range ms {
			e.Mentions = append(e.Mentions, m[i])
		}
		return e
	}
	many := ent("many", 0, 1)
	for i := range batchRows + 10 {
		many.Aliases = append(many.Aliases, fmt.Sprintf("alias %d", i))
	}
	tests := []struct {
		name    string
		ents    []*dossier.Entity
		order   []string // entity IDs as Entities returns them
		links   []string // entity of each of m, "" for none
		aliases int
	}{
		{"first", []*dossier.Entity{ent("isk", 0, 1, 4), ent("hizb", 2), ent("kabul", 3)},
			[]string{"isk", "hizb", "kabul"}, []string{"isk", "isk", "hizb", "kabul", "isk"}, 3},
		{"same, reordered", []*dossier.Entity{ent("kabul", 3), ent("hizb", 2), ent("isk", 0, 1, 4)},
			[]string{"kabul", "hizb", "isk"}, []string{"isk", "isk", "hizb", "kabul", "isk"}, 3},
		{"moved and released", []*dossier.Entity{ent("isk-2", 4), ent("isk", 0, 1), ent("kabul", 3)},
			[]string{"isk-2", "isk", "kabul"}, []string{"isk", "isk", "", "kabul", "isk-2"}, 3},
		{"swapped", []*dossier.Entity{ent("isk", 4), ent("isk-2", 0, 1, 2)},
			[]string{"isk", "isk-2"}, []string{"isk-2", "isk-2", "isk-2", "", "isk"}, 2},
		{"many rows", []*dossier.Entity{many, ent("kabul", 3)},
			[]string{"many", "kabul"}, []string{"many", "many", "", "kabul", ""}, batchRows + 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.ReplaceEntities(ctx, tt.ents); err != nil {
				t.Fatal(err)
			}
			ents, err := db.Entities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var order []string
			for _, e := range ents {
				order = append(order, e.ID)
			}
			if !reflect.DeepEqual(order, tt.order) {
				t.Errorf("entities %v, want %v", order, tt.order)
			}
			rms, err := db.DocumentMentions(ctx, doc.ID)
			if err != nil {
				t.Fatal(err)
			}
			at := map[int]string{}
			for _, rm := range rms {
				at[rm.Start] = rm.Entity
			}
			var links []string
			for _, mm := range m {
				links = append(links, at[mm.Start])
			}
			if !reflect.DeepEqual(links, tt.links) {
				t.Errorf("links %q, want %q", links, tt.links)
			}
			if n := count(t, db, "entity_aliases")["entity_aliases"]; n != tt.aliases {
				t.Errorf("%d aliases, want %d", n, tt.aliases)
			}
		})
	}
}

// TestReplaceEntitiesErrorNames checks that a refused replacement names
// the entity and the mention or document at fault.
func TestReplaceEntitiesErrorNames(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc, r := sampleDoc(1)
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	isk := &dossier.Entity{ID: "isk", Type: dossier.Group, Name: "IS-K", Mentions: r.Mentions[:2]}
	ghost := dossier.Mention{Document: doc.ID, Start: 1, End: 3, Text: "sl"}
	gone := strings.Repeat("f", 64)
	tests := []struct {
		name string
		ents []*dossier.Entity
		msg  string
	}{
		{"mention not stored", []*dossier.Entity{isk, {ID: "b", Type: dossier.Group, Name: "b", Mentions: []dossier.Mention{r.Mentions[2], ghost}}},
			fmt.Sprintf(`entity b: mention "sl" at %s[1:3] is not stored`, doc.ID)},
		{"mention in two entities", []*dossier.Entity{isk, {ID: "b", Type: dossier.Group, Name: "b", Mentions: r.Mentions[1:2]}},
			fmt.Sprintf(`entity b: mention %q at %s[%d:%d]`, r.Mentions[1].Text, doc.ID, r.Mentions[1].Start, r.Mentions[1].End)},
		{"document", []*dossier.Entity{isk, {ID: "b", Type: dossier.Group, Name: "b", Documents: []string{gone}}},
			"entity b: document " + gone + " is not stored"},
		{"claim document", []*dossier.Entity{isk, {ID: "b", Type: dossier.Group, Name: "b",
			Claims: []dossier.Claim{{ID: "c", Document: gone, Start: 0, End: 1, Quote: "x"}}}},
			"entity b: claim c: document " + gone + " is not stored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.ReplaceEntities(ctx, tt.ents)
			wantCode(t, err, dossier.EINVALID)
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if n := count(t, db, "entities")["entities"]; n != 0 {
				t.Errorf("%d entities stored after a refused replacement", n)
			}
		})
	}
}

// TestReplaceEntitiesDiff checks that writing only what changed leaves
// the store as writing everything would: each step replaces the entities
// of one store that went through the steps before it, and of a fresh
// store, and every table ReplaceEntities writes must then hold the same
// rows in both (the digests aside, and ord compared as the order it gives).
func TestReplaceEntitiesDiff(t *testing.T) {
	for _, scanAbove := range []int{0, 1000} {
		t.Run(fmt.Sprintf("scan above %d", scanAbove), func(t *testing.T) {
			testReplaceEntitiesDiff(t, scanAbove)
		})
	}
}

func testReplaceEntitiesDiff(t *testing.T, scanAbove int) {
	ctx := context.Background()
	doc1, r1 := sampleDoc(1)
	doc2, r2 := sampleDoc(2)
	doc3, r3 := sampleDoc(3)
	put := func(db *DB) {
		for _, d := range []struct {
			doc *dossier.Document
			r   *dossier.Reading
		}{{doc1, r1}, {doc2, r2}, {doc3, r3}} {
			if _, err := db.PutDocument(ctx, d.doc, d.r); err != nil {
				t.Fatal(err)
			}
		}
	}
	incremental, _ := openTest(t)
	incremental.scanLinksAbove = scanAbove
	put(incremental)

	two := sampleEntities(doc1, doc2)
	three := sampleEntities(doc1, doc2, doc3)
	// IS-K loses a document, a claim and a mention and gains an alias;
	// Kabul moves; Ḥizb ut-Tahrir is unchanged.
	shrunk := sampleEntities(doc1, doc2, doc3)
	shrunk[0].Documents = shrunk[0].Documents[1:]
	shrunk[0].Claims = shrunk[0].Claims[1:]
	shrunk[0].Mentions = shrunk[0].Mentions[1:]
	shrunk[0].Aliases = append(shrunk[0].Aliases, "ISKP")
	shrunk[2].Place = &dossier.PlaceInfo{Lat: 1, Lon: 2, Country: "AF"}
	// Ḥizb ut-Tahrir's mentions go to a new entity under another ID.
	renamed := sampleEntities(doc1, doc2, doc3)
	renamed[1].ID = "hizb-2"
	// A document listed twice, a claim cited by two entities with
	// different quotes (the last wins).
	doubled := sampleEntities(doc1, doc2, doc3)
	doubled[1].Documents = append(doubled[1].Documents, doc1.ID)
	doubled[2].Claims = append(doubled[2].Claims, dossier.Claim{ID: doubled[1].Claims[0].ID,
		Document: doc1.ID, Start: 0, End: 4, Quote: "Isla"})

	steps := []struct {
		name string
		ents []*dossier.Entity
	}{
		{"first", two},
		{"unchanged", two},
		{"reordered", []*dossier.Entity{two[2], two[0], two[1]}},
		{"grown", three},
		{"shrunk", shrunk},
		{"renamed", renamed},
		{"doubled", doubled},
		{"back", three},
		{"one", three[1:2]},
		{"none", nil},
		{"again", three},
	}
	tables := []string{
		`SELECT id, type, name, name_lower, reason, coalesce(place, 'null') FROM entities ORDER BY ord`,
		`SELECT entity, alias, alias_lower, count, ord FROM entity_aliases ORDER BY entity, alias`,
		`SELECT entity, document FROM entity_documents ORDER BY entity, document`,
		`SELECT entity, claim FROM entity_claims ORDER BY entity, claim`,
		`SELECT id, document, start, "end", quote FROM claims ORDER BY id`,
		`SELECT document, idx, coalesce(entity, '') FROM mentions ORDER BY document, idx`,
	}
	dumpTables := func(db *DB) []string {
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
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			fresh, _ := openTest(t)
			put(fresh)
			// The claims table keeps what earlier steps wrote: give the
			// fresh store the same history of claims.
			for _, prev := range steps {
				if prev.name == st.name {
					break
				}
				if err := fresh.ReplaceEntities(ctx, prev.ents); err != nil {
					t.Fatal(err)
				}
			}
			if err := fresh.ReplaceEntities(ctx, nil); err != nil {
				t.Fatal(err)
			}
			if err := fresh.ReplaceEntities(ctx, st.ents); err != nil {
				t.Fatal(err)
			}
			if err := incremental.ReplaceEntities(ctx, st.ents); err != nil {
				t.Fatal(err)
			}
			got, want := dumpTables(incremental), dumpTables(fresh)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("rows after an incremental replacement:\n%s\nafter a full one:\n%s",
					strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			gotEnts, err := incremental.Entities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wantEnts, err := fresh.Entities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotEnts, wantEnts) {
				t.Errorf("Entities:\n got %s\nwant %s", dump(gotEnts), dump(wantEnts))
			}
		})
	}
}

// TestReplaceEntitiesKeepsIndexes checks that a first resolution, which
// builds the link tables' secondary indexes after their rows, leaves every
// index the migrations made, with the same definition, and that a failed
// one leaves them too.
func TestReplaceEntitiesKeepsIndexes(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	indexes := func() map[string]string {
		out := map[string]string{}
		rows, err := db.read.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var name, def string
			if err := rows.Scan(&name, &def); err != nil {
				t.Fatal(err)
			}
			out[name] = def
		}
		return out
	}
	want := indexes()
	for _, name := range []string{"entity_aliases_lower", "entity_documents_document", "entity_claims_claim"} {
		if want[name] == "" {
			t.Fatalf("index %s missing before any resolution: %v", name, want)
		}
	}
	doc1, r1 := sampleDoc(1)
	doc2, r2 := sampleDoc(2)
	for _, d := range []struct {
		doc *dossier.Document
		r   *dossier.Reading
	}{{doc1, r1}, {doc2, r2}} {
		if _, err := db.PutDocument(ctx, d.doc, d.r); err != nil {
			t.Fatal(err)
		}
	}
	// A mention that is not stored fails the resolution after the rows
	// are written: the transaction, indexes dropped and made again, rolls
	// back.
	bad := sampleEntities(doc1, doc2)
	bad[1].Mentions = append([]dossier.Mention{{Document: doc1.ID, Start: 1, End: 3, Text: "sl"}}, bad[1].Mentions...)
	if err := db.ReplaceEntities(ctx, bad); err == nil {
		t.Fatal("ReplaceEntities with a mention that is not stored succeeded")
	}
	if got := count(t, db, "entities", "entity_claims"); got["entities"] != 0 || got["entity_claims"] != 0 {
		t.Fatalf("a failed first resolution left rows: %v", got)
	}
	if got := indexes(); !reflect.DeepEqual(got, want) {
		t.Errorf("indexes after a failed first resolution:\n got %v\nwant %v", got, want)
	}
	if err := db.ReplaceEntities(ctx, sampleEntities(doc1, doc2)); err != nil {
		t.Fatal(err)
	}
	if got := indexes(); !reflect.DeepEqual(got, want) {
		t.Errorf("indexes after a first resolution:\n got %v\nwant %v", got, want)
	}
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM entity_claims INDEXED BY entity_claims_claim WHERE claim > ''`).Scan(&n); err != nil || n == 0 {
		t.Errorf("entity_claims_claim holds %d rows (%v)", n, err)
	}
}
