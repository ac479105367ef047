package sqlite

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/internal/synth"
)

// benchSizes is the store of the page benchmarks: 3,000 documents,
// 3,000 events, 9,000 relations and 3,000 entities, one group in a third
// of the documents.
var benchSizes = synth.Sizes{Documents: 3000, Groups: 300, People: 2000, Places: 700}

var benchStore = sync.OnceValues(func() (*synthDB, error) {
	db, err := Open(context.Background(), filepath.Join(synthDir, "bench.db"))
	if err != nil {
		return nil, err
	}
	c, err := synth.Fill(context.Background(), db, benchSizes)
	if err != nil {
		return nil, err
	}
	return &synthDB{db, c}, nil
})

// BenchmarkPages measures one page of each list the workbench reads, the
// first page and one deep in the list (keyset pagination should make
// them cost the same), and, for comparison, what every page read before
// (documents, entity list and every fact):
//
//	go test ./sqlite -run XXX -bench Pages -benchmem
//
// It reports; it asserts nothing about latency.
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	db, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	deep := func(fetch func(cursor string) (string, error)) string {
		cursor := ""
		for range 20 {
			next, err := fetch(cursor)
			if err != nil {
				b.Fatal(err)
			}
			cursor = next
		}
		return cursor
	}
	entities := func(q dossier.EntityQuery) func(string) (string, error) {
		return func(c string) (string, error) {
			q.Cursor = c
			p, err := db.EntityPage(ctx, q)
			if err != nil {
				return "", err
			}
			return p.Next, nil
		}
	}
	events := func(q dossier.EventQuery) func(string) (string, error) {
		return func(c string) (string, error) {
			q.Cursor = c
			p, err := db.EventPage(ctx, q)
			if err != nil {
				return "", err
			}
			return p.Next, nil
		}
	}
	byName := dossier.EntityQuery{Sort: dossier.ByName}
	for _, bm := range []struct {
		name  string
		fetch func(string) (string, error)
		deep  bool
	}{
		{"entities-by-mentions", entities(dossier.EntityQuery{}), false},
		{"entities-by-mentions-page-21", entities(dossier.EntityQuery{}), true},
		{"entities-by-name", entities(byName), false},
		{"entities-by-name-page-21", entities(byName), true},
		{"events", events(dossier.EventQuery{}), false},
		{"events-page-21", events(dossier.EventQuery{}), true},
		{"events-newest", events(dossier.EventQuery{Newest: true}), false},
		{"events-of-big-group", events(dossier.EventQuery{Actor: db.c.Big, Newest: true, PageRequest: dossier.PageRequest{Limit: 20}}), false},
		{"documents-page-21", func(c string) (string, error) {
			p, err := db.DocumentPage(ctx, dossier.DocumentQuery{PageRequest: dossier.PageRequest{Cursor: c}})
			if err != nil {
				return "", err
			}
			return p.Next, nil
		}, true},
		{"claims-of-big-group", func(c string) (string, error) {
			p, err := db.EntityClaims(ctx, db.c.Big, dossier.PageRequest{Limit: 20, Cursor: c})
			if err != nil {
				return "", err
			}
			return p.Next, nil
		}, false},
	} {
		b.Run(bm.name, func(b *testing.B) {
			cursor := ""
			if bm.deep {
				cursor = deep(bm.fetch)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := bm.fetch(cursor); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("graph-100-edges", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := db.Graph(ctx, dossier.GraphQuery{Limit: 100}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("map-200-points", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.MapPoints(ctx, dossier.MapQuery{Limit: 200}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Search(ctx, "group 12", dossier.DefaultLimit); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole-store-as-before", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Documents(ctx); err != nil {
				b.Fatal(err)
			}
			if _, err := db.EntityList(ctx); err != nil {
				b.Fatal(err)
			}
			if _, err := db.Facts(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
