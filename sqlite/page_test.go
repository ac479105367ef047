package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/internal/synth"
)

// synthStore is one synthetic store shared by the page tests (they only
// read).
var synthStore = sync.OnceValues(func() (*synthDB, error) {
	db, err := Open(context.Background(), filepath.Join(synthDir, "synth.db"))
	if err != nil {
		return nil, err
	}
	c, err := synth.Fill(context.Background(), db, synth.Sizes{Documents: 300, Groups: 12, People: 40, Places: 25})
	if err != nil {
		return nil, err
	}
	return &synthDB{db, c}, nil
})

// synthDir holds the shared synthetic store; TestMain removes it.
var synthDir string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		var err error
		if synthDir, err = os.MkdirTemp("", "dossier-sqlite-test-"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(synthDir)
		code := m.Run()
		if s, err := synthStore(); err == nil {
			s.Close()
		}
		return code
	}())
}

type synthDB struct {
	*DB
	c *synth.Corpus
}

func openSynth(t *testing.T) *synthDB {
	t.Helper()
	s, err := synthStore()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// walk reads every page of a list with fetch and returns the rows' keys,
// failing on a repeated row, a total that changes or a last page with a
// cursor.
func walk[T any](t *testing.T, fetch func(cursor string) (*dossier.Page[T], error), key func(T) string) []string {
	t.Helper()
	var keys []string
	seen := map[string]bool{}
	cursor, total := "", -1
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("more than 1000 pages: the cursor does not advance")
		}
		p, err := fetch(cursor)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		if total >= 0 && p.Total != total {
			t.Fatalf("page %d: total %d, was %d", pages, p.Total, total)
		}
		total = p.Total
		for _, it := range p.Items {
			k := key(it)
			if seen[k] {
				t.Fatalf("page %d repeats %s", pages, k)
			}
			seen[k] = true
			keys = append(keys, k)
		}
		if p.Next == "" {
			break
		}
		if len(p.Items) == 0 {
			t.Fatalf("page %d is empty but has a next cursor", pages)
		}
		cursor = p.Next
	}
	if len(keys) != total {
		t.Errorf("walked %d rows, total says %d", len(keys), total)
	}
	return keys
}

func TestEntityPages(t *testing.T) {
	ctx := context.Background()
	db := openSynth(t)
	all, err := db.EntityList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		q    dossier.EntityQuery
		keep func(dossier.EntitySummary) bool
		less func(a, b dossier.EntitySummary) int
	}{
		{"by mentions", dossier.EntityQuery{}, nil, nil},
		{"groups by mentions", dossier.EntityQuery{Types: []dossier.EntityType{dossier.Group}},
			func(e dossier.EntitySummary) bool { return e.Type == dossier.Group }, nil},
		{"actors by mentions", dossier.EntityQuery{Types: []dossier.EntityType{dossier.Group, dossier.Person}},
			func(e dossier.EntitySummary) bool { return e.Type == dossier.Group || e.Type == dossier.Person }, nil},
		{"located places", dossier.EntityQuery{Types: []dossier.EntityType{dossier.Place}, Located: true},
			func(e dossier.EntitySummary) bool { return e.Place != nil }, nil},
		{"by name", dossier.EntityQuery{Sort: dossier.ByName}, nil,
			byName},
		{"people by name", dossier.EntityQuery{Sort: dossier.ByName, Types: []dossier.EntityType{dossier.Person}},
			func(e dossier.EntitySummary) bool { return e.Type == dossier.Person },
			byName},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want []dossier.EntitySummary
			for _, e := range all {
				if tt.keep == nil || tt.keep(e) {
					want = append(want, e)
				}
			}
			if tt.less != nil {
				slices.SortStableFunc(want, tt.less)
			}
			var wantKeys []string
			for _, e := range want {
				wantKeys = append(wantKeys, fmt.Sprintf("%s %d %d", e.ID, e.Mentions, e.Documents))
			}
			got := walk(t, func(c string) (*dossier.Page[dossier.EntitySummary], error) {
				q := tt.q
				q.Limit, q.Cursor = 7, c
				return db.EntityPage(ctx, q)
			}, func(e dossier.EntitySummary) string { return fmt.Sprintf("%s %d %d", e.ID, e.Mentions, e.Documents) })
			if !reflect.DeepEqual(got, wantKeys) {
				t.Errorf("pages\n got %v\nwant %v", got, wantKeys)
			}
		})
	}
}

func byName(a, b dossier.EntitySummary) int {
	return cmp.Or(strings.Compare(fold(a.Name), fold(b.Name)), strings.Compare(a.ID, b.ID))
}

// matches is the timeline's filter, as http applied it to every event.
func matches(q dossier.EventQuery, e *dossier.Event) bool {
	if q.Type != "" && e.Type != q.Type {
		return false
	}
	if q.From != "" && (e.Date == "" || e.Date < q.From && !strings.HasPrefix(q.From, e.Date)) {
		return false
	}
	if q.To != "" && (e.Date == "" || e.Date > q.To && !strings.HasPrefix(e.Date, q.To)) {
		return false
	}
	if q.Actor != "" {
		return e.Place == q.Actor || slices.Contains(e.Perpetrators, q.Actor) ||
			slices.Contains(e.Targets, q.Actor) || slices.Contains(e.Claimants, q.Actor)
	}
	return true
}

func TestEventPages(t *testing.T) {
	ctx := context.Background()
	db := openSynth(t)
	f, err := db.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []dossier.EventQuery{
		{}, {Newest: true}, {Actor: db.c.Big}, {Actor: db.c.Big, Newest: true}, {Actor: "e-l0003"},
		{From: "2020-02"}, {To: "2020-02-10"}, {From: "2020-01-15", To: "2020-03", Actor: db.c.Big},
		{Type: dossier.Attack, Newest: true}, {Type: dossier.Clash}, {From: "2020"},
	} {
		t.Run(fmt.Sprintf("%+v", q), func(t *testing.T) {
			var want []*dossier.Event
			for _, e := range f.Events {
				if matches(q, e) {
					want = append(want, e)
				}
			}
			// Oldest first, undated last, ties as given; newest first is
			// the reverse, undated still last.
			if q.Newest {
				slices.Reverse(want)
			}
			slices.SortStableFunc(want, func(a, b *dossier.Event) int {
				if (a.Date == "") != (b.Date == "") {
					if a.Date == "" {
						return 1
					}
					return -1
				}
				if q.Newest {
					return strings.Compare(b.Date, a.Date)
				}
				return strings.Compare(a.Date, b.Date)
			})
			var wantKeys []string
			for _, e := range want {
				wantKeys = append(wantKeys, e.ID)
			}
			got := walk(t, func(c string) (*dossier.Page[*dossier.Event], error) {
				q := q
				q.Limit, q.Cursor = 9, c
				return db.EventPage(ctx, q)
			}, func(e *dossier.Event) string { return e.ID })
			if !reflect.DeepEqual(got, wantKeys) {
				t.Errorf("pages\n got %v\nwant %v", got, wantKeys)
			}
			years, err := db.EventYears(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, y := range years {
				n += y.Count
			}
			if n != len(want) {
				t.Errorf("years %v add up to %d, want %d", years, n, len(want))
			}
		})
	}
}

func TestRelationAndAttributePages(t *testing.T) {
	ctx := context.Background()
	db := openSynth(t)
	f, err := db.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kind := func(r *dossier.Relation, id string) string {
		switch {
		case r.Object == id && slices.Contains(dossier.LeadershipPredicates, r.Predicate):
			return dossier.LeadershipRelations
		case r.Subject == id && r.Predicate == "operates_in":
			return dossier.AreaRelations
		}
		return dossier.OtherRelations
	}
	for _, id := range []string{db.c.Big, "e-g0003", "e-p0001", "e-l0002"} {
		for _, k := range []string{"", dossier.LeadershipRelations, dossier.AreaRelations, dossier.OtherRelations} {
			var want []string
			for _, r := range f.Relations {
				if (r.Subject == id || r.Object == id) && (k == "" || kind(r, id) == k) {
					want = append(want, r.ID)
				}
			}
			got := walk(t, func(c string) (*dossier.Page[*dossier.Relation], error) {
				return db.RelationPage(ctx, dossier.RelationQuery{Entity: id, Kind: k, PageRequest: dossier.PageRequest{Limit: 11, Cursor: c}})
			}, func(r *dossier.Relation) string { return r.ID })
			// Pages go in the order relations were written, Facts by ID.
			if !reflect.DeepEqual(sorted(got), sorted(want)) {
				t.Errorf("relations of %s, kind %q:\n got %v\nwant %v", id, k, got, want)
			}
		}
		for _, name := range []string{"", "founded", "size"} {
			var want []string
			for _, a := range f.Attributes {
				if a.Entity == id && (name == "" || a.Name == name) {
					want = append(want, a.ID)
				}
			}
			got := walk(t, func(c string) (*dossier.Page[*dossier.Attribute], error) {
				return db.AttributePage(ctx, dossier.AttributeQuery{Entity: id, Name: name, PageRequest: dossier.PageRequest{Limit: 3, Cursor: c}})
			}, func(a *dossier.Attribute) string { return a.ID })
			// Pages go in the order attributes were written, Facts by name.
			if !slices.Equal(sorted(got), sorted(want)) {
				t.Errorf("attributes of %s named %q:\n got %v\nwant %v", id, name, got, want)
			}
		}
	}
	if _, err := db.RelationPage(ctx, dossier.RelationQuery{Entity: db.c.Big, Kind: "enemies"}); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestEntityListPages(t *testing.T) {
	ctx := context.Background()
	db := openSynth(t)
	ents, err := db.EntitiesByID(ctx, []string{db.c.Big, "e-p0002"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		// Documents: most recently published first.
		docs, err := db.DocumentsByID(ctx, e.Documents)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortStableFunc(docs, func(a, b *dossier.Document) int { return strings.Compare(b.Published, a.Published) })
		var want []string
		mentions := map[string]int{}
		for _, m := range e.Mentions {
			mentions[m.Document]++
		}
		for _, d := range docs {
			want = append(want, fmt.Sprintf("%s %d", d.ID, mentions[d.ID]))
		}
		got := walk(t, func(c string) (*dossier.Page[dossier.DocumentCount], error) {
			return db.EntityDocuments(ctx, e.ID, dossier.PageRequest{Limit: 13, Cursor: c})
		}, func(d dossier.DocumentCount) string { return fmt.Sprintf("%s %d", d.ID, d.Mentions) })
		if !sameSet(got, want) || len(got) != len(want) {
			t.Errorf("documents of %s: got %d, want %d", e.ID, len(got), len(want))
		}
		// Claims: every one, once.
		want = want[:0]
		for _, c := range e.Claims {
			want = append(want, c.ID)
		}
		got = walk(t, func(c string) (*dossier.Page[dossier.Claim], error) {
			return db.EntityClaims(ctx, e.ID, dossier.PageRequest{Limit: 17, Cursor: c})
		}, func(c dossier.Claim) string { return c.ID })
		if !sameSet(got, want) || len(got) != len(want) {
			t.Errorf("claims of %s: got %d, want %d", e.ID, len(got), len(want))
		}
		got = walk(t, func(c string) (*dossier.Page[dossier.AliasCount], error) {
			return db.EntityAliases(ctx, e.ID, dossier.PageRequest{Limit: 1, Cursor: c})
		}, func(a dossier.AliasCount) string { return a.Name })
		if !sameSet(got, e.Aliases) {
			t.Errorf("aliases of %s: %v, want %v", e.ID, got, e.Aliases)
		}
		card, err := db.EntityCard(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if card.Name != e.Name || card.Mentions != len(e.Mentions) || card.Documents != len(e.Documents) ||
			card.Claims != len(e.Claims) || card.Aliases != len(e.Aliases) || card.Reason != e.Reason {
			t.Errorf("card %+v for %s with %d mentions", card, e.ID, len(e.Mentions))
		}
	}
	if _, err := db.EntityCard(ctx, "e-nobody"); dossier.ErrorCode(err) != dossier.ENOTFOUND {
		t.Errorf("unknown entity: %v", err)
	}
}

func TestDocumentPages(t *testing.T) {
	ctx := context.Background()
	db := openSynth(t)
	for _, newest := range []bool{false, true} {
		want := slices.Clone(db.c.Documents)
		if newest {
			slices.Reverse(want)
		}
		got := walk(t, func(c string) (*dossier.Page[*dossier.Document], error) {
			return db.DocumentPage(ctx, dossier.DocumentQuery{Newest: newest, PageRequest: dossier.PageRequest{Limit: 29, Cursor: c}})
		}, func(d *dossier.Document) string { return d.ID })
		if !slices.Equal(got, want) {
			t.Errorf("newest %v: %d documents, want %d", newest, len(got), len(want))
		}
	}
	stats, err := db.DocumentStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	some, err := db.DocumentStatsFor(ctx, db.c.Documents[:3])
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range db.c.Documents[:3] {
		if some[id] != stats[id] {
			t.Errorf("stats of %s: %+v, want %+v", id, some[id], stats[id])
		}
	}
}

func TestPageRequests(t *testing.T) {
	ctx := context.Background()
	db := openSynth(t)
	for _, n := range []int{-1, dossier.MaxLimit + 1} {
		if _, err := db.EntityPage(ctx, dossier.EntityQuery{PageRequest: dossier.PageRequest{Limit: n}}); dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("limit %d: %v", n, err)
		}
	}
	p, err := db.EventPage(ctx, dossier.EventQuery{})
	if err != nil || len(p.Items) != dossier.DefaultLimit {
		t.Fatalf("default limit: %d items, %v", len(p.Items), err)
	}
	// A cursor of another list, or none at all, is refused.
	for _, c := range []string{p.Next, "!!", "e30"} {
		if _, err := db.EntityPage(ctx, dossier.EntityQuery{PageRequest: dossier.PageRequest{Cursor: c}}); dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("cursor %q: %v", c, err)
		}
	}
	if _, err := db.EventPage(ctx, dossier.EventQuery{Newest: true, PageRequest: dossier.PageRequest{Cursor: p.Next}}); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("oldest-first cursor for newest first: %v", err)
	}
}

func TestGraphAndMap(t *testing.T) {
	ctx := context.Background()
	db := openSynth(t)
	f, err := db.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	weight := map[[2]string]int{}
	for _, r := range f.Relations {
		if r.Subject != r.Object {
			weight[[2]string{min(r.Subject, r.Object), max(r.Subject, r.Object)}] += len(r.Claims)
		}
	}
	edges, total, err := db.Graph(ctx, dossier.GraphQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(weight) || len(edges) != 10 {
		t.Fatalf("%d edges of %d, want 10 of %d", len(edges), total, len(weight))
	}
	for i, e := range edges {
		w := weight[[2]string{min(e.Subject, e.Object), max(e.Subject, e.Object)}]
		if e.Claims != w || i > 0 && e.Claims > edges[i-1].Claims {
			t.Errorf("edge %d %+v: weight %d, want %d, heaviest first", i, e, e.Claims, w)
		}
	}
	edges, _, err = db.Graph(ctx, dossier.GraphQuery{Center: "e-p0001", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edges {
		if e.Subject != "e-p0001" && e.Object != "e-p0001" {
			t.Errorf("edge %+v does not touch the center", e)
		}
	}

	m, err := db.MapPoints(ctx, dossier.MapQuery{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Points) != 5 || m.Places != 25 || m.Located != len(f.Events) || m.Unlocated != 0 {
		t.Errorf("map %+v", m)
	}
	m, err = db.MapPoints(ctx, dossier.MapQuery{EventQuery: dossier.EventQuery{Actor: "e-l0004"}})
	if err != nil {
		t.Fatal(err)
	}
	n, most := 0, 0
	for _, e := range f.Events {
		if e.Place == "e-l0004" {
			n++
			most = max(most, e.Killed[0].Min)
		}
	}
	if len(m.Points) != 1 || m.Points[0].Events != n || m.Points[0].MaxKilled != most {
		t.Errorf("map of one place %+v, want %d events, %d killed at most", m, n, most)
	}
}

// sorted returns a sorted copy of ss.
func sorted(ss []string) []string {
	c := slices.Clone(ss)
	slices.Sort(c)
	return c
}
