// Package exporttest builds small hand-made databases for the tests of the
// exports and analytics: real SQLite stores holding documents whose
// mentions, claims, events and relations are written by the test, so that
// every figure a test checks can be worked out by hand. It also builds the
// synthetic store the export benchmarks run on.
package exporttest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/sqlite"
)

// Builder collects a database's content; Store writes it.
type Builder struct {
	path  string
	t     testing.TB
	ctx   context.Context
	db    *sqlite.DB
	ents  []*dossier.Entity
	docs  map[string]*dossier.Document
	facts dossier.Facts
	n     int
}

// New opens an empty SQLite store in a temporary folder.
func New(t testing.TB) *Builder {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Builder{path: path, t: t, ctx: ctx, db: db, docs: map[string]*dossier.Document{}}
}

// Path is the database file, for a test that runs the program on it.
func (b *Builder) Path() string { return b.path }

// Entity declares an entity; documents put afterwards mention it wherever
// its name or an alias occurs. It returns the entity's ID.
func (b *Builder) Entity(typ dossier.EntityType, name string, aliases ...string) string {
	return b.add(&dossier.Entity{Type: typ, Name: name, Aliases: append([]string{name}, aliases...)})
}

// Place declares a geocoded place.
func (b *Builder) Place(name string, p dossier.PlaceInfo, aliases ...string) string {
	return b.add(&dossier.Entity{Type: dossier.Place, Name: name, Aliases: append([]string{name}, aliases...), Place: &p})
}

func (b *Builder) add(e *dossier.Entity) string {
	e.ID = fmt.Sprintf("e-%s", strings.ToLower(strings.NewReplacer(" ", "-", "'", "").Replace(e.Name)))
	for _, o := range b.ents {
		if o.ID == e.ID {
			e.ID = fmt.Sprintf("%s-%d", e.ID, len(b.ents))
		}
	}
	e.Reason = "test"
	b.ents = append(b.ents, e)
	return e.ID
}

// Doc stores a document (sentences split after ". ") with a mention of
// every declared entity whose name or alias occurs in text, and returns
// its ID. published is "YYYY[-MM[-DD]]" or "".
func (b *Builder) Doc(title, outlet, published, text string) string {
	b.t.Helper()
	b.n++
	raw := fmt.Sprintf("%s\n%d\n%s", title, b.n, text)
	sum := sha256.Sum256([]byte(raw))
	doc := &dossier.Document{ID: hex.EncodeToString(sum[:]), Source: fmt.Sprintf("test/%03d.txt", b.n), Format: "txt",
		Title: title, Outlet: outlet, Published: published, Raw: []byte(raw), Text: text,
		IngestedAt: time.Date(2025, 1, 1, 0, 0, b.n, 0, time.UTC),
		Segments:   []dossier.Segment{{Start: 0, End: utf8.RuneCountInString(text), RawStart: len(raw) - len(text), RawEnd: len(raw), Exact: true}}}
	r := &dossier.Reading{}
	start := 0
	for _, s := range strings.SplitAfter(text, ". ") {
		n := utf8.RuneCountInString(s)
		r.Sentences = append(r.Sentences, dossier.Span{Start: start, End: start + n})
		start += n
	}
	for _, e := range b.ents {
		for _, a := range e.Aliases {
			for off := 0; ; {
				i := strings.Index(text[off:], a)
				if i < 0 {
					break
				}
				bs := off + i
				cs := utf8.RuneCountInString(text[:bs])
				m := dossier.Mention{Document: doc.ID, Start: cs, End: cs + utf8.RuneCountInString(a), Text: a,
					Type: e.Type, Key: strings.ToLower(e.Name), Sentence: sentenceOf(r.Sentences, cs)}
				r.Mentions = append(r.Mentions, m)
				e.Mentions = append(e.Mentions, m)
				if !contains(e.Documents, doc.ID) {
					e.Documents = append(e.Documents, doc.ID)
				}
				off = bs + len(a)
			}
		}
	}
	if _, err := b.db.PutDocument(b.ctx, doc, r); err != nil {
		b.t.Fatalf("put document %q: %v", title, err)
	}
	b.docs[doc.ID] = doc
	return doc.ID
}

func sentenceOf(ss []dossier.Span, at int) int {
	for i, s := range ss {
		if at >= s.Start && at < s.End {
			return i
		}
	}
	return len(ss) - 1
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Claim returns the ID of a claim quoting the first occurrence of quote in
// the document, recording it for Store.
func (b *Builder) Claim(doc, quote string) string {
	b.t.Helper()
	d := b.docs[doc]
	if d == nil {
		b.t.Fatalf("claim: no document %s", doc)
	}
	i := strings.Index(d.Text, quote)
	if i < 0 {
		b.t.Fatalf("claim: %q is not in document %s", quote, doc)
	}
	start := utf8.RuneCountInString(d.Text[:i])
	c := dossier.Claim{ID: fmt.Sprintf("c-%s-%d", doc[:8], start), Document: doc, Start: start,
		End: start + utf8.RuneCountInString(quote), Quote: quote}
	for _, o := range b.facts.Claims {
		if o.ID == c.ID {
			return c.ID
		}
	}
	b.facts.Claims = append(b.facts.Claims, c)
	return c.ID
}

// Event, Relation and Attribute add facts; an event without ID gets one.
func (b *Builder) Event(e *dossier.Event) *dossier.Event {
	if e.ID == "" {
		e.ID = fmt.Sprintf("ev-%d", len(b.facts.Events)+1)
	}
	b.facts.Events = append(b.facts.Events, e)
	return e
}

func (b *Builder) Relation(r *dossier.Relation) {
	if r.ID == "" {
		r.ID = fmt.Sprintf("r-%d", len(b.facts.Relations)+1)
	}
	b.facts.Relations = append(b.facts.Relations, r)
}

func (b *Builder) Attribute(a *dossier.Attribute) {
	if a.ID == "" {
		a.ID = fmt.Sprintf("a-%d", len(b.facts.Attributes)+1)
	}
	b.facts.Attributes = append(b.facts.Attributes, a)
}

// Store writes the entities and facts and returns the store.
func (b *Builder) Store() *sqlite.DB {
	b.t.Helper()
	if err := b.db.ReplaceEntities(b.ctx, b.ents); err != nil {
		b.t.Fatalf("replace entities: %v", err)
	}
	if err := b.db.ReplaceFacts(b.ctx, &b.facts); err != nil {
		b.t.Fatalf("replace facts: %v", err)
	}
	return b.db
}

// Q is one document's exact figure.
func Q(doc string, n int) dossier.Quantity { return dossier.Quantity{Document: doc, Min: n, Max: &n} }

// AtLeast is one document's open figure ("more than n").
func AtLeast(doc string, n int) dossier.Quantity { return dossier.Quantity{Document: doc, Min: n} }

// Synthetic fills b with n events spread over 20 groups, 50 geocoded places,
// 100 documents and eleven years, with figures from one or two sources
// (some contested), and a relation per group pair: the fixture of the
// export benchmarks.
func Synthetic(b *Builder, n int) {
	b.t.Helper()
	var groups, places []string
	for i := range 20 {
		groups = append(groups, b.Entity(dossier.Group, fmt.Sprintf("Front %d", i), fmt.Sprintf("F%d", i)))
	}
	for i := range 50 {
		places = append(places, b.Place(fmt.Sprintf("Town %d", i), dossier.PlaceInfo{Lat: 30 + float64(i)/10,
			Lon: 60 + float64(i)/7, Country: []string{"AF", "PK", "IQ", "SY", "NG"}[i%5], Admin1: fmt.Sprintf("Province %d", i%7),
			GazetteerID: fmt.Sprintf("geonames:%d", 1000+i)}))
	}
	var docs, claims []string
	for i := range 100 {
		var sb strings.Builder
		for j := range 10 {
			fmt.Fprintf(&sb, "Front %d attacked Town %d, killing %d people. ", (i+j)%20, (i*j)%50, j)
		}
		d := b.Doc(fmt.Sprintf("Report %d", i), "Wire", fmt.Sprintf("%d-%02d-%02d", 2014+i%11, 1+i%12, 1+i%28), sb.String())
		docs = append(docs, d)
		claims = append(claims, b.Claim(d, fmt.Sprintf("Front %d attacked", i%20)))
	}
	types := []string{dossier.Attack, dossier.Attack, dossier.Clash, dossier.Strike, dossier.Arrest}
	for i := range n {
		d1, d2 := i%len(docs), (i*7+3)%len(docs)
		e := &dossier.Event{ID: fmt.Sprintf("ev-%06d", i), Type: types[i%len(types)], Subtype: "bombing",
			Date: fmt.Sprintf("%d-%02d-%02d", 2014+i%11, 1+i%12, 1+i%28), Place: places[i%len(places)],
			Perpetrators: []string{groups[i%len(groups)]}, Targets: []string{groups[(i+1)%len(groups)]},
			Killed:    []dossier.Quantity{Q(docs[d1], i%13)},
			Injured:   []dossier.Quantity{Q(docs[d1], i%7)},
			Documents: []string{docs[d1]}, Claims: []string{claims[d1]},
			Summary: fmt.Sprintf("Synthetic event %d.", i)}
		if i%3 == 0 {
			e.Killed = append(e.Killed, AtLeast(docs[d2], i%13+20))
			e.Documents = append(e.Documents, docs[d2])
			e.Claims = append(e.Claims, claims[d2])
		}
		b.Event(e)
	}
	for i := range groups {
		b.Relation(&dossier.Relation{Subject: groups[i], Predicate: "rival_of", Object: groups[(i+1)%len(groups)],
			Start: fmt.Sprint(2014 + i%11), Documents: []string{docs[i]}, Claims: []string{claims[i]}})
	}
}
