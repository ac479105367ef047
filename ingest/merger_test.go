package ingest

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/geo"
	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/resolve"
	"github.com/dossier-osint/dossier/sqlite"
)

// TestMergerIsMerge merges the reports of 1,000 SATP summaries with
// extract.Merge in one pass, and with extract.Merger in batches of 250
// over an in-memory store of incidents and relations, with the same
// entities: the events, relations and attributes must be the same. What
// incremental resolution adds to the difference (entities made a batch
// at a time) is TestOrderIndependence's.
func TestMergerIsMerge(t *testing.T) {
	if _, err := os.Stat(satpDev); err != nil {
		t.Skipf("%s absent", satpDev)
	}
	if testing.Short() {
		t.Skip("reads 1,000 documents")
	}
	files := satpBatches(t, 1000, 1)
	ctx := context.Background()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := &Pipeline{Store: db, Lexicon: lex, Reader: ner.New(lex)}
	if sum, err := p.Ingest(ctx, files); err != nil || sum.Failed > 0 {
		t.Fatalf("ingest: %v %v", err, sum.Failures)
	}
	var mentions []dossier.Mention
	if err := db.Mentions(ctx, func(m dossier.Mention) error { mentions = append(mentions, m); return nil }); err != nil {
		t.Fatal(err)
	}
	ents := resolve.EntitiesWith(lex, mentions, nil)
	geo.Locate(gaz, ents)
	docs, err := extractionInputs(mentions, ents)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := extractAll(ctx, &Inputs{Texts: db.Texts}, docs)
	if err != nil {
		t.Fatal(err)
	}
	// Merge changes the reports it is given: each pass decodes its own.
	reports := func(from, to int) []*extract.Report {
		var out []*extract.Report
		for _, s := range stored[from:to] {
			r, _, err := decodeStored(s.Document, s.Data)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}
	want := extract.Merge(reports(0, len(stored)), ents, lex)

	byID := map[string]*dossier.Entity{}
	for _, e := range ents {
		byID[e.ID] = e
	}
	events := map[string]*dossier.Event{}
	incidents := map[string]*dossier.Incident{}
	relations := map[string]*dossier.Relation{}
	var attributes []*dossier.Attribute
	var next int64
	for from := 0; from < len(stored); from += 250 {
		m := &extract.Merger{
			Lexicon: lex,
			Entities: func(ids []string) ([]*dossier.Entity, error) {
				var out []*dossier.Entity
				for _, id := range ids {
					if e := byID[id]; e != nil {
						out = append(out, e)
					}
				}
				return out, nil
			},
			Incidents: func(qs []dossier.IncidentQuery) ([]*dossier.Incident, error) {
				var out []*dossier.Incident
				for _, inc := range incidents {
					for _, q := range qs {
						if inc.Type == q.Type && inc.MMDD == q.MMDD && (q.Date == "" || inc.Date == q.Date || inc.Date == "") {
							out = append(out, inc)
							break
						}
					}
				}
				return out, nil
			},
			Relations: func(ids []string) ([]*dossier.Relation, error) {
				var out []*dossier.Relation
				for _, id := range ids {
					if r := relations[id]; r != nil {
						c := *r
						out = append(out, &c)
					}
				}
				return out, nil
			},
			NextOrd: next,
		}
		got, err := m.Merge(reports(from, min(from+250, len(stored))), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range got.Removed {
			delete(events, id)
			delete(incidents, id)
		}
		for _, e := range got.Facts.Events {
			events[e.ID] = e
		}
		for _, inc := range got.Incidents {
			incidents[inc.Event] = inc
			next = max(next, inc.Ord+1)
		}
		for _, r := range got.Facts.Relations {
			relations[r.ID] = r
		}
		attributes = append(attributes, got.Facts.Attributes...)
	}
	var gotEvents []*dossier.Event
	for _, e := range events {
		gotEvents = append(gotEvents, e)
	}
	sort.Slice(gotEvents, func(i, j int) bool {
		a, b := gotEvents[i], gotEvents[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})
	if len(gotEvents) != len(want.Events) {
		t.Errorf("%d events in batches, %d in one Merge", len(gotEvents), len(want.Events))
	}
	diffs := 0
	for i := range min(len(gotEvents), len(want.Events)) {
		if !reflect.DeepEqual(gotEvents[i], want.Events[i]) && diffs < 5 {
			diffs++
			t.Errorf("event %d: in batches\n%+v\none Merge\n%+v", i, gotEvents[i], want.Events[i])
		}
	}
	var gotRels []*dossier.Relation
	for _, r := range relations {
		gotRels = append(gotRels, r)
	}
	sort.Slice(gotRels, func(i, j int) bool { return gotRels[i].ID < gotRels[j].ID })
	if !reflect.DeepEqual(gotRels, want.Relations) {
		t.Errorf("relations differ: %d in batches, %d in one Merge", len(gotRels), len(want.Relations))
	}
	sort.Slice(attributes, func(i, j int) bool {
		a, b := attributes[i], attributes[j]
		if a.Entity != b.Entity {
			return a.Entity < b.Entity
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	if !reflect.DeepEqual(attributes, want.Attributes) {
		t.Errorf("attributes differ: %d in batches, %d in one Merge", len(attributes), len(want.Attributes))
	}
	t.Logf("%d events, %d relations, %d attributes", len(want.Events), len(want.Relations), len(want.Attributes))
}
