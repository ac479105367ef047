package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
)

// satpDev is the SATP development data (../shared beside the checkout).
var satpDev = filepath.Join("..", "..", "shared", "data", "satp", "dev.jsonl")

// TestOrderIndependence ingests the first 2,000 SATP development
// summaries into one store in one batch and into another in four batches
// of 500, one resolution after each, and compares the pictures: how the
// mentions are grouped into entities (B-cubed F1 of one partition against
// the other), the events (type, date, place and perpetrators by name),
// the relations and the attributes. One batch into an empty store is the
// full resolution; four batches may differ only where incremental
// resolution documents that it does (resolve.Extend, extract.Merger). The
// floors sit below the figures measured when the test was written
// (docs/scale.md); run with -v for the figures.
func TestOrderIndependence(t *testing.T) {
	if _, err := os.Stat(satpDev); err != nil {
		t.Skipf("%s absent", satpDev)
	}
	if testing.Short() {
		t.Skip("ingests 2,000 documents twice")
	}
	ctx := context.Background()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	reader := ner.New(lex)
	files := satpBatches(t, 2000, 4)
	open := func(batch int) (*sqlite.DB, *Pipeline) {
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db, &Pipeline{Store: db, Lexicon: lex, Reader: reader, Gazetteer: gaz, BatchDocs: batch}
	}
	run := func(p *Pipeline, paths ...string) {
		t.Helper()
		if sum, err := p.Ingest(ctx, paths); err != nil || sum.Failed != 0 {
			t.Fatalf("ingest: %v (%v)", err, sum.Failures)
		}
		if err := p.Resolve(ctx); err != nil {
			t.Fatal(err)
		}
	}
	one, p1 := open(2000)
	run(p1, files...)
	four, p4 := open(500)
	for _, f := range files {
		run(p4, f)
	}

	a, b := picture(t, one), picture(t, four)
	checkMentionCounts(t, four)
	checkCounts(t, one)
	checkCounts(t, four)
	f1 := bcubed(a.partition, b.partition)
	events := overlap(a.events, b.events)
	relations := overlap(a.relations, b.relations)
	attributes := overlap(a.attributes, b.attributes)
	t.Logf("one batch: %d entities, %d events, %d relations, %d attributes", len(a.entities), len(a.events), len(a.relations), len(a.attributes))
	t.Logf("four batches: %d entities, %d events, %d relations, %d attributes", len(b.entities), len(b.events), len(b.relations), len(b.attributes))
	t.Logf("mention partition B-cubed F1 %.4f; events agree %.4f, relations %.4f, attributes %.4f", f1, events, relations, attributes)
	for _, c := range []struct {
		what       string
		got, floor float64
	}{
		{"mention partition B-cubed F1", f1, 0.99},
		{"events", events, 0.95},
		{"relations", relations, 0.95},
		{"attributes", attributes, 0.98},
	} {
		if c.got < c.floor {
			t.Errorf("%s: one batch and four agree %.4f, below %.2f", c.what, c.got, c.floor)
		}
	}
}

// satpBatches writes the first n SATP summaries as k JSONL files, each
// line given an ID (the shared file has none).
func satpBatches(t *testing.T, n, k int) []string {
	t.Helper()
	f, err := os.Open(satpDev)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dir := t.TempDir()
	var paths []string
	var out *os.File
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for i := 0; i < n && sc.Scan(); i++ {
		if i%(n/k) == 0 {
			if out != nil {
				out.Close()
			}
			path := filepath.Join(dir, fmt.Sprintf("batch-%d.jsonl", len(paths)))
			if out, err = os.Create(path); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
		}
		var doc map[string]any
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		doc["id"] = fmt.Sprintf("satp-%d", i)
		line, _ := json.Marshal(doc)
		out.Write(append(line, '\n'))
	}
	if out != nil {
		out.Close()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return paths
}

// storePicture is a store's entities and facts by content, not by ID:
// IDs may differ where the batches minted them at different times.
type storePicture struct {
	entities   map[string]string // ID → name
	partition  map[string]string // mention span → entity ID
	events     map[string]int    // type|date|place|perpetrators → count
	relations  map[string]int    // subject|predicate|object|span
	attributes map[string]int    // entity|name|value|document
}

func picture(t *testing.T, db *sqlite.DB) *storePicture {
	t.Helper()
	ctx := context.Background()
	ents, err := db.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := &storePicture{entities: map[string]string{}, partition: map[string]string{}, events: map[string]int{},
		relations: map[string]int{}, attributes: map[string]int{}}
	for _, e := range ents {
		p.entities[e.ID] = e.Name
		for _, m := range e.Mentions {
			p.partition[fmt.Sprintf("%s:%d:%d", m.Document, m.Start, m.End)] = e.ID
		}
	}
	name := func(id string) string {
		if id == "" {
			return ""
		}
		return strings.ToLower(p.entities[id])
	}
	names := func(ids []string) string {
		var out []string
		for _, id := range ids {
			out = append(out, name(id))
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	f, err := db.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range f.Events {
		p.events[strings.Join([]string{e.Type, e.Subtype, e.Date, name(e.Place), names(e.Perpetrators), names(e.Targets), fmt.Sprint(len(e.Documents))}, "|")]++
	}
	for _, r := range f.Relations {
		subject, object := name(r.Subject), name(r.Object)
		if (r.Predicate == "rival_of" || r.Predicate == "allied_with") && object < subject {
			// Symmetric: its stored direction follows the IDs.
			subject, object = object, subject
		}
		p.relations[strings.Join([]string{subject, r.Predicate, object, r.Start, r.End}, "|")]++
	}
	for _, a := range f.Attributes {
		p.attributes[strings.Join([]string{name(a.Entity), a.Name, a.Value, a.Document}, "|")]++
	}
	return p
}

// bcubed is the B-cubed F1 of partition b against a, over the items both
// hold (each maps an item to its cluster).
func bcubed(a, b map[string]string) float64 {
	type pair struct{ a, b string }
	sizeA, sizeB, both := map[string]int{}, map[string]int{}, map[pair]int{}
	for item, ca := range a {
		if cb, ok := b[item]; ok {
			sizeA[ca]++
			sizeB[cb]++
			both[pair{ca, cb}]++
		}
	}
	var prec, rec float64
	n := 0
	for item, ca := range a {
		cb, ok := b[item]
		if !ok {
			continue
		}
		n++
		k := float64(both[pair{ca, cb}])
		prec += k / float64(sizeB[cb])
		rec += k / float64(sizeA[ca])
	}
	if n == 0 {
		return 0
	}
	prec, rec = prec/float64(n), rec/float64(n)
	return 2 * prec * rec / (prec + rec)
}

// overlap is the share of two multisets that agree: twice the common
// count over the sum of sizes (1 when both are empty).
func overlap(a, b map[string]int) float64 {
	total, common := 0, 0
	for k, n := range a {
		total += n
		common += min(n, b[k])
	}
	for _, n := range b {
		total += n
	}
	if total == 0 {
		return 1
	}
	return 2 * float64(common) / float64(total)
}

// checkMentionCounts checks that the mention counts the store keeps for
// its lists (entities.mentions) are each entity's mentions.
func checkMentionCounts(t *testing.T, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	ents, err := db.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The list ranks by the kept count and shows the aliases' sums: in
	// order only if the two agree.
	kept := map[string]int{}
	cursor, last := "", -1
	for {
		page, err := db.EntityPage(ctx, dossier.EntityQuery{PageRequest: dossier.PageRequest{Limit: 500, Cursor: cursor}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			kept[e.ID] = e.Mentions
			if last >= 0 && e.Mentions > last {
				t.Fatalf("entity list out of order at %s (%s): %d mentions after %d", e.ID, e.Name, e.Mentions, last)
			}
			last = e.Mentions
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	bad := 0
	for _, e := range ents {
		if kept[e.ID] != len(e.Mentions) {
			if bad++; bad <= 5 {
				t.Errorf("entity %s (%s): %d mentions, the store counts %d", e.ID, e.Name, len(e.Mentions), kept[e.ID])
			}
		}
	}
}

// checkCounts checks the totals the store keeps (the counts table)
// against the rows they count.
func checkCounts(t *testing.T, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	c, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := db.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byType := map[dossier.EntityType]int{}
	for _, e := range ents {
		byType[e.Type]++
	}
	f, err := db.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	years := map[string]int{}
	for _, e := range f.Events {
		y := "undated"
		if e.Date != "" {
			y = e.Date[:4]
		}
		years[y]++
	}
	buckets, err := db.EventYears(ctx, dossier.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]int{}
	for _, b := range buckets {
		kept[b.Key] = b.Count
	}
	docs, err := db.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(c.Entities, byType) || c.Events != len(f.Events) || c.Relations != len(f.Relations) ||
		c.Attributes != len(f.Attributes) || c.Documents != len(docs) || !maps.Equal(kept, years) {
		t.Errorf("kept counts %+v, years %v; the rows: entities %v, %d events, %d relations, %d attributes, %d documents, years %v",
			c, kept, byType, len(f.Events), len(f.Relations), len(f.Attributes), len(docs), years)
	}
}
