package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/export"
	"github.com/dossier-osint/dossier/export/exporttest"
)

// world is a hand-made database: three events (two in Afghanistan, one
// undated in Pakistan), two relations and the entities they name.
type world struct {
	store                           dossier.Store
	isk, ttp, tal, leader           string
	kabul, jalalabad, nangarhar     string
	afghanistan, peshawar, pakistan string
	d1, d2                          string
}

func newWorld(t testing.TB) *world {
	b := exporttest.New(t)
	w := &world{}
	w.isk = b.Entity(dossier.Group, "Islamic State Khorasan", "IS-K")
	w.ttp = b.Entity(dossier.Group, "Tehrik-i-Taliban Pakistan", "TTP")
	w.tal = b.Entity(dossier.Group, "Taliban")
	w.leader = b.Entity(dossier.Person, "Shahab al-Muhajir")
	w.afghanistan = b.Place("Afghanistan", dossier.PlaceInfo{Lat: 33.0, Lon: 66.0, Country: "AF", GazetteerID: "geonames:AF"})
	w.nangarhar = b.Place("Nangarhar", dossier.PlaceInfo{Lat: 34.3, Lon: 70.5, Country: "AF", Admin1: "Nangarhar", GazetteerID: "geonames:AF.18"})
	w.kabul = b.Place("Kabul", dossier.PlaceInfo{Lat: 34.52813, Lon: 69.17233, Country: "AF", Admin1: "Kabul", GazetteerID: "geonames:1138958"})
	w.jalalabad = b.Place("Jalalabad", dossier.PlaceInfo{Lat: 34.42647, Lon: 70.45153, Country: "AF", Admin1: "Nangarhar", GazetteerID: "geonames:1139715"})
	w.pakistan = b.Place("Pakistan", dossier.PlaceInfo{Lat: 30.0, Lon: 70.0, Country: "PK", GazetteerID: "geonames:PK"})
	w.peshawar = b.Place("Peshawar", dossier.PlaceInfo{Lat: 34.008, Lon: 71.578, Country: "PK", Admin1: "Khyber Pakhtunkhwa", GazetteerID: "geonames:1168197"})
	w.d1 = b.Doc("Kabul blast", "Wire", "2021-08-27",
		"IS-K bombed Kabul airport, killing 85, \"witnesses\" said. IS-K fighters attacked the Taliban in Jalalabad. Shahab al-Muhajir leads IS-K in Afghanistan and Nangarhar. ")
	w.d2 = b.Doc("Toll rises", "Daily", "2021-08-30",
		"More than 170 died in Kabul. The TTP attacked police in Peshawar, Pakistan. TTP is a rival of IS-K. ")
	c1 := b.Claim(w.d1, "IS-K bombed Kabul airport, killing 85, \"witnesses\" said.")
	c2 := b.Claim(w.d2, "More than 170 died in Kabul.")
	c3 := b.Claim(w.d1, "IS-K fighters attacked the Taliban in Jalalabad.")
	c4 := b.Claim(w.d2, "The TTP attacked police in Peshawar, Pakistan.")
	c5 := b.Claim(w.d1, "Shahab al-Muhajir leads IS-K in Afghanistan and Nangarhar.")
	c6 := b.Claim(w.d2, "TTP is a rival of IS-K.")
	b.Event(&dossier.Event{ID: "ev-airport", Type: dossier.Attack, Subtype: "suicide bombing", Date: "2021-08-26",
		Place: w.kabul, Perpetrators: []string{w.isk}, Claimants: []string{w.isk}, TargetType: "private citizens & property",
		Killed:    []dossier.Quantity{exporttest.Q(w.d1, 85), exporttest.AtLeast(w.d2, 170)},
		Documents: []string{w.d1, w.d2}, Claims: []string{c1, c2}, Summary: "Bombing at Kabul airport, \"witnesses\" said."})
	b.Event(&dossier.Event{ID: "ev-jalalabad", Type: dossier.Clash, Date: "2021-11", Place: w.jalalabad,
		Perpetrators: []string{w.isk}, Targets: []string{w.tal}, Injured: []dossier.Quantity{exporttest.Q(w.d1, 4)},
		Documents: []string{w.d1}, Claims: []string{c3}, Summary: "IS-K fighters attacked the Taliban in Jalalabad."})
	b.Event(&dossier.Event{ID: "ev-peshawar", Type: dossier.Attack, Subtype: "armed assault", Place: w.peshawar,
		Perpetrators: []string{w.ttp}, TargetType: "police", Documents: []string{w.d2}, Claims: []string{c4},
		Summary: "The TTP attacked police in Peshawar, Pakistan."})
	b.Relation(&dossier.Relation{Subject: w.leader, Predicate: "leader_of", Object: w.isk, Start: "2020-06",
		Documents: []string{w.d1}, Claims: []string{c5}})
	b.Relation(&dossier.Relation{Subject: w.ttp, Predicate: "rival_of", Object: w.isk, Documents: []string{w.d2}, Claims: []string{c6}})
	b.Relation(&dossier.Relation{Subject: w.isk, Predicate: "operates_in", Object: w.nangarhar, Start: "2015", End: "2019",
		Documents: []string{w.d1}, Claims: []string{c5}})
	b.Attribute(&dossier.Attribute{Entity: w.isk, Name: "founded", Value: "2015", Document: w.d1, Claim: c5})
	w.store = b.Store()
	return w
}

func TestFilter(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	ents, _ := w.store.Entities(ctx)
	facts, _ := w.store.Facts(ctx)
	tests := []struct {
		name      string
		f         export.Filter
		events    []string
		relations []string // predicates
		entities  []string // names, when checked
		attrs     int
		err       string
	}{
		{"none", export.Filter{}, []string{"ev-peshawar", "ev-airport", "ev-jalalabad"},
			[]string{"leader_of", "rival_of", "operates_in"}, nil, 1, ""},
		{"actor by alias", export.Filter{Actors: []string{"is-k"}}, []string{"ev-airport", "ev-jalalabad"},
			[]string{"leader_of", "rival_of", "operates_in"},
			[]string{"Islamic State Khorasan", "Tehrik-i-Taliban Pakistan", "Taliban", "Shahab al-Muhajir", "Nangarhar", "Kabul", "Jalalabad"}, 1, ""},
		{"target is an actor too", export.Filter{Actors: []string{"Taliban"}}, []string{"ev-jalalabad"}, nil,
			[]string{"Islamic State Khorasan", "Taliban", "Jalalabad"}, 0, ""},
		{"actor by ID", export.Filter{Actors: []string{w.ttp}}, []string{"ev-peshawar"}, []string{"rival_of"}, nil, 0, ""},
		{"event type", export.Filter{Types: []string{"attack"}}, []string{"ev-peshawar", "ev-airport"}, nil, nil, 0, ""},
		{"predicate", export.Filter{Types: []string{"leader_of"}}, nil, []string{"leader_of"},
			[]string{"Islamic State Khorasan", "Shahab al-Muhajir"}, 0, ""},
		{"day in a month", export.Filter{From: "2021-08-26", To: "2021-08-26"}, []string{"ev-airport"}, []string{"leader_of"}, nil, 0, ""},
		{"month overlaps", export.Filter{From: "2021-11-30"}, []string{"ev-jalalabad"}, []string{"leader_of"}, nil, 0, ""},
		{"year range and span", export.Filter{From: "2016", To: "2017"}, nil, []string{"operates_in"}, nil, 0, ""},
		{"open span", export.Filter{From: "2024"}, nil, []string{"leader_of"}, nil, 0, ""},
		{"country holds its towns", export.Filter{Places: []string{"Afghanistan"}}, []string{"ev-airport", "ev-jalalabad"},
			[]string{"operates_in"}, nil, 0, ""},
		{"province holds its towns", export.Filter{Places: []string{"Nangarhar"}}, []string{"ev-jalalabad"},
			[]string{"operates_in"}, nil, 0, ""},
		{"town", export.Filter{Places: []string{"peshawar"}}, []string{"ev-peshawar"}, nil, nil, 0, ""},
		{"all at once", export.Filter{Actors: []string{"IS-K"}, Types: []string{"attack", "clash"}, From: "2021", To: "2021-12",
			Places: []string{"Afghanistan"}}, []string{"ev-airport", "ev-jalalabad"}, nil, nil, 0, ""},
		{"unknown actor", export.Filter{Actors: []string{"Nobody"}}, nil, nil, nil, 0, `no actor is called "Nobody"`},
		{"unknown type", export.Filter{Types: []string{"massacre"}}, nil, nil, nil, 0, `unknown type "massacre"`},
		{"bad date", export.Filter{From: "26/08/2021"}, nil, nil, nil, 0, "bad date"},
		{"empty range", export.Filter{From: "2022", To: "2021"}, nil, nil, nil, 0, "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := tt.f.Select(ents, facts)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var evs, rels, names []string
			for _, e := range sel.Facts.Events {
				evs = append(evs, e.ID)
			}
			for _, r := range sel.Facts.Relations {
				rels = append(rels, r.Predicate)
			}
			for _, e := range sel.Entities {
				names = append(names, e.Name)
			}
			if !reflect.DeepEqual(evs, tt.events) {
				t.Errorf("events %v, want %v", evs, tt.events)
			}
			if !reflect.DeepEqual(rels, tt.relations) {
				t.Errorf("relations %v, want %v", rels, tt.relations)
			}
			if tt.entities != nil && !sameSet(names, tt.entities) {
				t.Errorf("entities %v, want %v", names, tt.entities)
			}
			if len(sel.Facts.Attributes) != tt.attrs {
				t.Errorf("%d attributes, want %d", len(sel.Facts.Attributes), tt.attrs)
			}
			// Kept facts cite only kept claims, and every claim they cite.
			cited := map[string]bool{}
			for _, e := range sel.Facts.Events {
				for _, c := range e.Claims {
					cited[c] = true
				}
			}
			for _, r := range sel.Facts.Relations {
				for _, c := range r.Claims {
					cited[c] = true
				}
			}
			for _, a := range sel.Facts.Attributes {
				cited[a.Claim] = true
			}
			if !tt.f.Empty() && len(cited) != len(sel.Facts.Claims) {
				t.Errorf("%d claims kept, %d cited", len(sel.Facts.Claims), len(cited))
			}
		})
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// export runs one format over the store narrowed by f.
func run(t *testing.T, s dossier.Store, f export.Filter, write func(io.Writer, dossier.Store) error) []byte {
	t.Helper()
	v, err := f.View(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := write(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func csvOf(table string) func(io.Writer, dossier.Store) error {
	return func(w io.Writer, s dossier.Store) error {
		return export.CSV(context.Background(), w, s, table, func(code string) string {
			return map[string]string{"AF": "Afghanistan"}[code]
		})
	}
}

func TestCSVEvents(t *testing.T) {
	w := newWorld(t)
	raw := run(t, w.store, export.Filter{}, csvOf(export.EventsTable))
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not read back: %v\n%s", err, raw)
	}
	if !reflect.DeepEqual(rows[0], export.EventColumns) {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want a header and 3 events", len(rows))
	}
	get := func(row []string) map[string]string {
		m := map[string]string{}
		for i, c := range rows[0] {
			m[c] = row[i]
		}
		return m
	}
	// The store gives events by date, then ID.
	byID := map[string]map[string]string{}
	for _, row := range rows[1:] {
		byID[get(row)["eventid"]] = get(row)
	}
	airport, jalalabad, peshawar := byID["ev-airport"], byID["ev-jalalabad"], byID["ev-peshawar"]
	for col, want := range map[string]string{
		"eventid": "ev-airport", "iyear": "2021", "imonth": "8", "iday": "26", "approxdate": "",
		"country_txt": "Afghanistan", "provstate": "Kabul", "city": "Kabul", "latitude": "34.52813", "longitude": "69.17233",
		"attacktype1_txt": "Bombing/Explosion", "targtype1_txt": "Private Citizens & Property",
		"gname": "Islamic State Khorasan", "gname2": "", "claimed": "1",
		// 170+ from the most recent source, the range shown per source.
		"nkill": "170", "nkill_max": "", "nkill_rule": "most recent source (2021-08-30)",
		"kill_sources": "85 (Kabul blast (Wire, 2021-08-27)); at least 170 (Toll rises (Daily, 2021-08-30))",
		"nwound":       "", "contested": "killed", "summary": "Bombing at Kabul airport, \"witnesses\" said.",
		"sources": "Kabul blast (Wire, 2021-08-27); Toll rises (Daily, 2021-08-30)",
	} {
		if airport[col] != want {
			t.Errorf("airport %s = %q, want %q", col, airport[col], want)
		}
	}
	for col, want := range map[string]string{"iyear": "2021", "imonth": "11", "iday": "0", "approxdate": "2021-11",
		"attacktype1_txt": "", "event_type": "clash", "nwound": "4", "nwound_max": "4", "provstate": "Nangarhar",
		"targets": "Taliban", "claimed": ""} {
		if jalalabad[col] != want {
			t.Errorf("jalalabad %s = %q, want %q", col, jalalabad[col], want)
		}
	}
	// Pakistan is not in the given names: the store's country entity names it.
	for col, want := range map[string]string{"iyear": "", "imonth": "", "country_txt": "Pakistan",
		"attacktype1_txt": "Armed Assault", "targtype1_txt": "Police"} {
		if peshawar[col] != want {
			t.Errorf("peshawar %s = %q, want %q", col, peshawar[col], want)
		}
	}
}

func TestCSVTables(t *testing.T) {
	w := newWorld(t)
	for _, tt := range []struct {
		table  string
		f      export.Filter
		header []string
		rows   int
	}{
		{export.EntitiesTable, export.Filter{}, export.EntityColumns, 10},
		{export.RelationsTable, export.Filter{}, export.RelationColumns, 3},
		{export.EventsTable, export.Filter{Actors: []string{"TTP"}}, export.EventColumns, 1},
		{export.EntitiesTable, export.Filter{Types: []string{"leader_of"}}, export.EntityColumns, 2},
		{export.RelationsTable, export.Filter{Actors: []string{"Shahab al-Muhajir"}}, export.RelationColumns, 1},
	} {
		rows, err := csv.NewReader(bytes.NewReader(run(t, w.store, tt.f, csvOf(tt.table)))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tt.table, err)
		}
		if !reflect.DeepEqual(rows[0], tt.header) || len(rows)-1 != tt.rows {
			t.Errorf("%s %+v: header %v, %d rows, want %d", tt.table, tt.f, rows[0], len(rows)-1, tt.rows)
		}
	}
	err := export.CSV(context.Background(), io.Discard, w.store, "people", nil)
	if dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("unknown table: %v", err)
	}
}

func TestGeoJSON(t *testing.T) {
	w := newWorld(t)
	raw := run(t, w.store, export.Filter{}, func(wr io.Writer, s dossier.Store) error {
		return export.GeoJSON(context.Background(), wr, s)
	})
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			ID       string `json:"id"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, raw)
	}
	checkRFC7946(t, raw)
	kinds := map[string]int{}
	for _, f := range fc.Features {
		kinds[f.Properties["kind"].(string)]++
		lon, lat := f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]
		if f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			t.Errorf("%s: geometry %+v", f.ID, f.Geometry)
		}
		if f.ID == "ev-airport" {
			if lon != 69.17233 || lat != 34.52813 {
				t.Errorf("airport at [%v, %v]: want [lon, lat] = [69.17233, 34.52813]", lon, lat)
			}
			p := f.Properties
			if p["killed"] != 170.0 || p["killed_max"] != nil || !reflect.DeepEqual(p["contested"], []any{"killed"}) ||
				p["place_name"] != "Kabul" || !reflect.DeepEqual(p["perpetrators"], []any{"Islamic State Khorasan"}) {
				t.Errorf("airport properties %v", p)
			}
		}
	}
	// Six towns, provinces and countries, three events at them.
	if kinds["place"] != 6 || kinds["event"] != 3 {
		t.Errorf("features by kind %v", kinds)
	}
	raw = run(t, w.store, export.Filter{Places: []string{"Pakistan"}}, func(wr io.Writer, s dossier.Store) error {
		return export.GeoJSON(context.Background(), wr, s)
	})
	fc.Features = nil
	json.Unmarshal(raw, &fc)
	if len(fc.Features) != 3 { // Pakistan, Peshawar and the event there
		t.Errorf("filtered to Pakistan: %d features\n%s", len(fc.Features), raw)
	}
}

// checkRFC7946 checks what RFC 7946 asks of a FeatureCollection that the
// decoding above does not: the members' types, a "geometry" and
// "properties" member on every feature, no "crs" (§4), a string or
// number id (§3.2).
func checkRFC7946(t *testing.T, raw []byte) {
	t.Helper()
	var fc map[string]any
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	if fc["type"] != "FeatureCollection" || fc["crs"] != nil {
		t.Errorf("collection: type %v, crs %v", fc["type"], fc["crs"])
	}
	features, ok := fc["features"].([]any)
	if !ok {
		t.Fatalf("features is %T", fc["features"])
	}
	for i, f := range features {
		m := f.(map[string]any)
		_, hasGeom := m["geometry"]
		_, hasProps := m["properties"]
		if m["type"] != "Feature" || !hasGeom || !hasProps || m["crs"] != nil {
			t.Errorf("feature %d: %v", i, m)
		}
		switch m["id"].(type) {
		case string, float64, nil:
		default:
			t.Errorf("feature %d: id %v", i, m["id"])
		}
	}
}

func TestGraphML(t *testing.T) {
	w := newWorld(t)
	write := func(wr io.Writer, s dossier.Store) error { return export.GraphML(context.Background(), wr, s) }
	var g struct {
		XMLName xml.Name            `xml:"graphml"`
		Keys    []export.GraphMLKey `xml:"key"`
		Graph   struct {
			EdgeDefault string               `xml:"edgedefault,attr"`
			Nodes       []export.GraphMLNode `xml:"node"`
			Edges       []export.GraphMLEdge `xml:"edge"`
		} `xml:"graph"`
	}
	raw := run(t, w.store, export.Filter{}, write)
	if err := xml.Unmarshal(raw, &g); err != nil {
		t.Fatalf("GraphML does not parse back: %v\n%s", err, raw)
	}
	if g.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" || g.Graph.EdgeDefault != "directed" {
		t.Errorf("graphml header: %v %q", g.XMLName, g.Graph.EdgeDefault)
	}
	keys := map[string]bool{}
	for _, k := range g.Keys {
		keys[k.ID] = true
	}
	nodes := map[string]map[string]string{}
	for _, n := range g.Graph.Nodes {
		nodes[n.ID] = data(t, n.Data, keys)
	}
	// Four actors, and Nangarhar (where IS-K operates); other places are
	// no actor's end of a relation.
	if len(nodes) != 5 || nodes[w.nangarhar] == nil || nodes[w.kabul] != nil {
		t.Errorf("nodes %v", nodes)
	}
	if n := nodes[w.isk]; n["label"] != "Islamic State Khorasan" || n["type"] != "group" || n["aliases"] != "IS-K; Islamic State Khorasan" {
		t.Errorf("IS-K node %v", n)
	}
	var edges []string
	for _, e := range g.Graph.Edges {
		if !contains(nodes, e.Source) || !contains(nodes, e.Target) {
			t.Errorf("edge %s: dangling end", e.ID)
		}
		d := data(t, e.Data, keys)
		edges = append(edges, d["predicate"]+" "+d["start"]+" "+d["end"])
	}
	want := []string{"leader_of 2020-06 ", "rival_of  ", "operates_in 2015 2019", "targeted 2021-11 2021-11"}
	if !reflect.DeepEqual(edges, want) {
		t.Errorf("edges %q, want %q", edges, want)
	}
	raw = run(t, w.store, export.Filter{Types: []string{"rival_of"}}, write)
	g.Graph.Nodes, g.Graph.Edges = nil, nil
	if err := xml.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Graph.Nodes) != 2 || len(g.Graph.Edges) != 1 {
		t.Errorf("rival_of only: %d nodes, %d edges", len(g.Graph.Nodes), len(g.Graph.Edges))
	}
}

func data(t *testing.T, ds []export.GraphMLData, keys map[string]bool) map[string]string {
	m := map[string]string{}
	for _, d := range ds {
		if !keys[d.Key] {
			t.Errorf("data key %q is not declared", d.Key)
		}
		m[d.Key] = d.Value
	}
	return m
}

func contains(m map[string]map[string]string, k string) bool { _, ok := m[k]; return ok }

// TestJSONFiltered: the native export through a filtered view keeps its
// shape and holds only what the filter keeps.
func TestJSONFiltered(t *testing.T) {
	w := newWorld(t)
	raw := run(t, w.store, export.Filter{Actors: []string{"TTP"}}, func(wr io.Writer, s dossier.Store) error {
		return export.JSON(context.Background(), wr, s, export.Options{})
	})
	var d struct {
		Documents []struct{ ID string }        `json:"documents"`
		Entities  []struct{ Name string }      `json:"entities"`
		Events    []struct{ ID string }        `json:"events"`
		Relations []struct{ Predicate string } `json:"relations"`
		Claims    []struct{ ID string }        `json:"claims"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 || d.Events[0].ID != "ev-peshawar" || len(d.Relations) != 1 || len(d.Documents) != 2 {
		t.Errorf("filtered JSON: %s", raw)
	}
}
