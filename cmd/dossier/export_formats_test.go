package main

// Whole-program tests of the exchange formats on the sample corpus: STIX
// validated against the official schemas and imported back, CSV read back
// row for row, GeoJSON checked against RFC 7946, GraphML parsed back, and
// the filters through the command line.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/export"
	"github.com/dossier-osint/dossier/sqlite"
	"github.com/dossier-osint/dossier/stix/stixtest"
)

const stixSchemas = "../../../shared/data/stix2-json-schemas/schemas"

// corpusDB ingests the sample corpus into a new database.
func corpusDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, exitOK, nil, "ingest", "--db", db, corpus(t))
	return db
}

// facts is the part of the native export these tests compare with.
type facts struct {
	Entities []struct {
		ID      string   `json:"id"`
		Type    string   `json:"type"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
		Place   *struct {
			Lat, Lon float64
			Country  string `json:"country"`
		} `json:"place"`
	} `json:"entities"`
	Events []struct {
		ID           string   `json:"id"`
		Type         string   `json:"type"`
		Date         *string  `json:"date"`
		Place        *string  `json:"place"`
		Perpetrators []string `json:"perpetrators"`
		Targets      []string `json:"targets"`
		Claimants    []string `json:"claimants"`
	} `json:"events"`
	Relations []struct {
		ID      string `json:"id"`
		Subject string `json:"subject"`
		Object  string `json:"object"`
	} `json:"relations"`
}

func nativeFacts(t *testing.T, db string, filter ...string) *facts {
	t.Helper()
	r := mustRun(t, exitOK, nil, append([]string{"export", "--db", db}, filter...)...)
	var f facts
	if err := json.Unmarshal([]byte(r.stdout), &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

func TestExportSTIXCorpus(t *testing.T) {
	db := corpusDB(t)
	raw := mustRun(t, exitOK, nil, "export", "--db", db, "--format", "stix").stdout
	if again := mustRun(t, exitOK, nil, "export", "--db", db, "--format", "stix").stdout; again != raw {
		t.Error("two STIX exports of the same database differ")
	}
	if _, err := os.Stat(stixSchemas); err == nil {
		v, err := stixtest.New(stixSchemas)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Validate([]byte(raw)); err != nil {
			t.Errorf("STIX export of the sample corpus does not validate: %v", err)
		}
	} else {
		t.Log("../shared/data is not here: schema validation skipped")
	}
	var b struct {
		Objects []struct {
			Type string `json:"type"`
		} `json:"objects"`
	}
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, o := range b.Objects {
		types[o.Type]++
	}
	f := nativeFacts(t, db)
	if types["report"] != len(f.Events) || types["threat-actor"] == 0 || types["location"] == 0 || types["note"] == 0 ||
		types["relationship"] < len(f.Relations)/2 {
		t.Errorf("objects by type %v for %d events and %d relations", types, len(f.Events), len(f.Relations))
	}

	// Round trip: every actor (group, person, organisation) and each of its
	// aliases comes back as a reference in a fresh database.
	file := filepath.Join(t.TempDir(), "bundle.json")
	if err := os.WriteFile(file, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	r := mustRun(t, exitOK, nil, "import", "stix", "--db", fresh, file)
	if !strings.Contains(r.stdout, "bundle.json:") || !strings.Contains(r.stdout, "new, 0 updated") {
		t.Errorf("import output %q", r.stdout)
	}
	store, err := sqlite.Open(context.Background(), fresh)
	if err != nil {
		t.Fatal(err)
	}
	refs, err := store.References(context.Background())
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, ref := range refs {
		for _, n := range append([]string{ref.Name}, ref.Aliases...) {
			have[string(ref.Type)+"|"+strings.ToLower(n)] = true
		}
	}
	var missing []string
	actors := 0
	for _, e := range f.Entities {
		if e.Type != string(dossier.Group) && e.Type != string(dossier.Person) && e.Type != string(dossier.Organization) {
			continue
		}
		actors++
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if !have[e.Type+"|"+strings.ToLower(n)] {
				missing = append(missing, e.Type+" "+n)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 || actors == 0 {
		t.Errorf("%d actors; lost in the round trip: %v", actors, missing)
	}
	// Importing again updates, never duplicates.
	r = mustRun(t, exitOK, nil, "import", "stix", "--db", fresh, file)
	if !strings.Contains(r.stdout, "(0 new,") {
		t.Errorf("reimport: %s", r.stdout)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"type":"report"}`), 0o644)
	r = mustRun(t, exitError, nil, "import", "stix", "--db", fresh, bad)
	if !strings.Contains(r.stderr, "bad.json: not a STIX bundle") {
		t.Errorf("bad bundle: %s", r.stderr)
	}
}

func TestExportCSVCorpus(t *testing.T) {
	db := corpusDB(t)
	f := nativeFacts(t, db)
	for _, tt := range []struct {
		table  string
		header []string
		ids    []string
	}{
		{"events", export.EventColumns, func() (ids []string) {
			for _, e := range f.Events {
				ids = append(ids, e.ID)
			}
			return
		}()},
		{"entities", export.EntityColumns, func() (ids []string) {
			for _, e := range f.Entities {
				ids = append(ids, e.ID)
			}
			return
		}()},
		{"relations", export.RelationColumns, func() (ids []string) {
			for _, r := range f.Relations {
				ids = append(ids, r.ID)
			}
			return
		}()},
	} {
		out := filepath.Join(t.TempDir(), tt.table+".csv")
		mustRun(t, exitOK, nil, "export", "--db", db, "--format", "csv", "--table", tt.table, "-o", out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: not RFC 4180 CSV: %v", tt.table, err)
		}
		if strings.Join(rows[0], ",") != strings.Join(tt.header, ",") {
			t.Errorf("%s header %v", tt.table, rows[0])
		}
		var ids []string
		for _, row := range rows[1:] {
			if len(row) != len(tt.header) {
				t.Errorf("%s: row of %d fields", tt.table, len(row))
			}
			ids = append(ids, row[0])
		}
		if strings.Join(ids, " ") != strings.Join(tt.ids, " ") {
			t.Errorf("%s: rows %v, want the export's %v", tt.table, ids, tt.ids)
		}
	}
	// The default table is events.
	r := mustRun(t, exitOK, nil, "export", "--db", db, "--format", "csv")
	if !strings.HasPrefix(r.stdout, "eventid,iyear,") {
		t.Errorf("default table: %.80s", r.stdout)
	}
	mustRun(t, exitUsage, nil, "export", "--db", db, "--format", "csv", "--table", "people")
}

func TestExportGeoJSONAndGraphMLCorpus(t *testing.T) {
	db := corpusDB(t)
	f := nativeFacts(t, db)
	geocoded := map[string]bool{}
	places := 0
	for _, e := range f.Entities {
		if e.Place != nil {
			geocoded[e.ID] = true
			places++
		}
	}
	located := 0
	for _, e := range f.Events {
		if e.Place != nil && geocoded[*e.Place] {
			located++
		}
	}
	raw := mustRun(t, exitOK, nil, "export", "--db", db, "--format", "geojson").stdout
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				Kind string `json:"kind"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(raw), &fc); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, ft := range fc.Features {
		kinds[ft.Properties.Kind]++
		c := ft.Geometry.Coordinates
		if ft.Type != "Feature" || ft.Geometry.Type != "Point" || len(c) != 2 || c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
			t.Errorf("feature %+v", ft)
		}
	}
	if fc.Type != "FeatureCollection" || kinds["place"] != places || kinds["event"] != located {
		t.Errorf("%s with %v features, want %d places and %d events", fc.Type, kinds, places, located)
	}

	raw = mustRun(t, exitOK, nil, "export", "--db", db, "--format", "graphml").stdout
	var g struct {
		Graph struct {
			Nodes []export.GraphMLNode `xml:"node"`
			Edges []export.GraphMLEdge `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal([]byte(raw), &g); err != nil {
		t.Fatalf("GraphML does not parse back: %v", err)
	}
	nodes := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		nodes[n.ID] = true
	}
	for _, e := range g.Graph.Edges {
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %s has an end that is no node", e.ID)
		}
	}
	if len(g.Graph.Nodes) == 0 || len(g.Graph.Edges) < len(f.Relations)/2 {
		t.Errorf("%d nodes, %d edges for %d relations", len(g.Graph.Nodes), len(g.Graph.Edges), len(f.Relations))
	}
}

// TestExportFilters runs each filter through the command line on the
// sample corpus and checks every kept event against it.
func TestExportFilters(t *testing.T) {
	db := corpusDB(t)
	all := nativeFacts(t, db)
	find := func(name string) string {
		for _, e := range all.Entities {
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				if a == name {
					return e.ID
				}
			}
		}
		t.Fatalf("no entity %q in the sample corpus", name)
		return ""
	}
	isk, afg := find("IS-K"), find("Afghanistan")
	byID := map[string]string{}
	for _, e := range all.Entities {
		if e.Place != nil {
			byID[e.ID] = e.Place.Country
		}
	}
	tests := []struct {
		name string
		args []string
		keep func(date, typ, place string, ids []string) bool
	}{
		{"actor", []string{"--actor", "ISIS-K"}, func(_, _, _ string, ids []string) bool { return contains(ids, isk) }},
		{"type", []string{"--type", "attack,strike"}, func(_, typ, _ string, _ []string) bool { return typ == "attack" || typ == "strike" }},
		{"dates", []string{"--from", "2021-08", "--to", "2023"}, func(date, _, _ string, _ []string) bool {
			return date != "" && date[:4] >= "2021" && date[:4] <= "2023" && !(len(date) >= 7 && date[:7] < "2021-08")
		}},
		{"place", []string{"--place", "Afghanistan"}, func(_, _, place string, _ []string) bool {
			return place == afg || byID[place] == "AF"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := nativeFacts(t, db, tt.args...)
			kept := map[string]bool{}
			for _, e := range got.Events {
				kept[e.ID] = true
			}
			for _, e := range all.Events {
				date, place := "", ""
				if e.Date != nil {
					date = *e.Date
				}
				if e.Place != nil {
					place = *e.Place
				}
				ids := append(append(append([]string{}, e.Perpetrators...), e.Targets...), e.Claimants...)
				if want := tt.keep(date, e.Type, place, ids); want != kept[e.ID] {
					t.Errorf("event %s (%s, %s, %s): kept %v, want %v", e.ID, e.Type, date, place, kept[e.ID], want)
				}
			}
			// The same filter narrows the other formats alike.
			csvOut := mustRun(t, exitOK, nil, append([]string{"export", "--db", db, "--format", "csv"}, tt.args...)...).stdout
			rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
			if err != nil || len(rows)-1 != len(got.Events) {
				t.Errorf("csv: %d rows (%v), json: %d events", len(rows)-1, err, len(got.Events))
			}
			stixOut := mustRun(t, exitOK, nil, append([]string{"export", "--db", db, "--format", "stix"}, tt.args...)...).stdout
			if n := strings.Count(stixOut, `{"type":"report"`); n != len(got.Events) {
				t.Errorf("stix: %d reports, json: %d events", n, len(got.Events))
			}
		})
	}
	r := mustRun(t, exitError, nil, "export", "--db", db, "--actor", "Nobody At All")
	if !strings.Contains(r.stderr, `no actor is called "Nobody At All"`) {
		t.Errorf("unknown actor: %s", r.stderr)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
