package stix_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/export/exporttest"
	"github.com/dossier-osint/dossier/stix"
	"github.com/dossier-osint/dossier/stix/stixtest"
)

const schemas = "../../shared/data/stix2-json-schemas/schemas"

// fixture is a hand-made database: two documents disagreeing on a death
// toll, a group with aliases, a leader, a rival, two places (one only a
// region) and an organisation.
func fixture(t testing.TB) dossier.Store {
	b := exporttest.New(t)
	isk := b.Entity(dossier.Group, "Islamic State Khorasan", "IS-K", "ISKP")
	tal := b.Entity(dossier.Group, "Taliban")
	leader := b.Entity(dossier.Person, "Sanaullah Ghafari", "Shahab al-Muhajir")
	un := b.Entity(dossier.Organization, "United Nations", "UN")
	kabul := b.Place("Kabul", dossier.PlaceInfo{Lat: 34.52813, Lon: 69.17233, Country: "AF", Admin1: "Kabul", GazetteerID: "geonames:1138958"})
	asia := b.Entity(dossier.Place, "Central Asia")
	nowhere := b.Entity(dossier.Place, "Khorasan")
	d1 := b.Doc("Blast at Kabul airport", "Wire", "2021-08-27",
		"IS-K attacked Kabul airport on 26 August, killing 85 people. The Taliban condemned it. Shahab al-Muhajir has led IS-K since June 2020. The UN says IS-K is active in Central Asia. ISKP is a rival of the Taliban. ")
	d2 := b.Doc("Kabul toll rises", "Daily", "2021-08-30",
		"More than 170 people died when Islamic State Khorasan bombed Kabul airport. Sanaullah Ghafari leads the group. Khorasan is its name. ")
	c1 := b.Claim(d1, "IS-K attacked Kabul airport on 26 August, killing 85 people.")
	c2 := b.Claim(d2, "More than 170 people died when Islamic State Khorasan bombed Kabul airport.")
	c3 := b.Claim(d1, "Shahab al-Muhajir has led IS-K since June 2020.")
	c4 := b.Claim(d1, "The UN says IS-K is active in Central Asia.")
	c5 := b.Claim(d1, "ISKP is a rival of the Taliban.")
	b.Event(&dossier.Event{ID: "ev-airport", Type: dossier.Attack, Subtype: "suicide bombing", Date: "2021-08-26",
		Place: kabul, Perpetrators: []string{isk}, Targets: []string{tal}, TargetType: "private citizens & property",
		Killed:    []dossier.Quantity{exporttest.Q(d1, 85), exporttest.AtLeast(d2, 170)},
		Documents: []string{d1, d2}, Claims: []string{c1, c2}, Summary: "Suicide bombing at Kabul airport."})
	b.Relation(&dossier.Relation{Subject: leader, Predicate: "leader_of", Object: isk, Start: "2020-06",
		Documents: []string{d1}, Claims: []string{c3}})
	b.Relation(&dossier.Relation{Subject: isk, Predicate: "operates_in", Object: asia, Documents: []string{d1}, Claims: []string{c4}})
	b.Relation(&dossier.Relation{Subject: isk, Predicate: "rival_of", Object: tal, Start: "2021-08-26", End: "2021-08-26",
		Documents: []string{d1}, Claims: []string{c5}})
	b.Attribute(&dossier.Attribute{Entity: isk, Name: "founded", Value: "2015", Document: d1, Claim: c3})
	_, _ = un, nowhere
	return b.Store()
}

func write(t testing.TB, s dossier.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := stix.Write(context.Background(), &buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type bundle struct {
	Type    string           `json:"type"`
	ID      string           `json:"id"`
	Objects []map[string]any `json:"objects"`
}

func decode(t testing.TB, raw []byte) bundle {
	t.Helper()
	var b bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatalf("bundle is not JSON: %v", err)
	}
	return b
}

func byName(b bundle, typ, name string) map[string]any {
	for _, o := range b.Objects {
		if o["type"] == typ && o["name"] == name {
			return o
		}
	}
	return nil
}

func TestWriteValidates(t *testing.T) {
	if _, err := os.Stat(schemas); err != nil {
		t.Skip("../shared/data is not here")
	}
	v, err := stixtest.New(schemas)
	if err != nil {
		t.Fatal(err)
	}
	raw := write(t, fixture(t))
	if err := v.Validate(raw); err != nil {
		t.Fatalf("bundle does not validate: %v\n%s", err, raw)
	}
	// The validator is not a rubber stamp.
	for name, bad := range map[string]string{
		"null property":     `"confidence":85`,
		"seconds only":      `.000Z"`,
		"empty alias list":  `"aliases":[`,
		"identity no class": `"identity_class":"organization"`,
	} {
		var broken []byte
		switch name {
		case "null property":
			broken = bytes.Replace(raw, []byte(bad), []byte(`"confidence":null`), 1)
		case "seconds only":
			broken = bytes.Replace(raw, []byte(bad), []byte(`Z"`), 1)
		case "empty alias list":
			i := bytes.Index(raw, []byte(bad))
			j := bytes.IndexByte(raw[i:], ']')
			broken = append(append([]byte{}, raw[:i+len(bad)]...), raw[i+j:]...)
		case "identity no class":
			broken = bytes.Replace(raw, []byte(`"name":"United Nations"`), []byte(`"name":7`), 1)
		}
		if bytes.Equal(broken, raw) {
			t.Fatalf("%s: nothing to break", name)
		}
		if err := v.Validate(broken); err == nil {
			t.Errorf("%s: broken bundle validates", name)
		}
	}
}

func TestWriteContent(t *testing.T) {
	s := fixture(t)
	raw := write(t, s)
	if again := write(t, s); !bytes.Equal(raw, again) {
		t.Error("two exports of the same database differ")
	}
	b := decode(t, raw)
	if b.Type != "bundle" || !strings.HasPrefix(b.ID, "bundle--") {
		t.Errorf("bundle header: %q %q", b.Type, b.ID)
	}
	ids := map[string]map[string]any{}
	for _, o := range b.Objects {
		id := o["id"].(string)
		if ids[id] != nil {
			t.Errorf("id %s used twice", id)
		}
		ids[id] = o
	}
	// Every reference resolves inside the bundle.
	for _, o := range b.Objects {
		refs := []any{o["created_by_ref"], o["source_ref"], o["target_ref"]}
		if l, ok := o["object_refs"].([]any); ok {
			refs = append(refs, l...)
		}
		for _, r := range refs {
			if r != nil && ids[r.(string)] == nil {
				t.Errorf("%s refers to %s, not in the bundle", o["id"], r)
			}
		}
		if o["type"] != "identity" || o["name"] != "dossier" {
			if _, ok := o["confidence"]; !ok {
				t.Errorf("%s has no confidence", o["id"])
			}
			if _, ok := o["external_references"]; !ok {
				t.Errorf("%s has no external references", o["id"])
			}
		}
	}
	isk := byName(b, "threat-actor", "Islamic State Khorasan")
	if isk == nil {
		t.Fatalf("no threat actor for IS-K in %s", raw)
	}
	if got := isk["aliases"]; !reflect.DeepEqual(got, []any{"IS-K", "ISKP"}) {
		t.Errorf("IS-K aliases %v", got)
	}
	if got := isk["threat_actor_types"]; !reflect.DeepEqual(got, []any{"terrorist"}) {
		t.Errorf("IS-K threat_actor_types %v (it perpetrated an attack)", got)
	}
	if got := isk["first_seen"]; got != "2021-08-26T00:00:00.000Z" {
		t.Errorf("IS-K first_seen %v", got)
	}
	if tal := byName(b, "threat-actor", "Taliban"); tal == nil || tal["threat_actor_types"] != nil {
		t.Errorf("Taliban: %v (a target, not a perpetrator: no type)", tal)
	}
	if p := byName(b, "threat-actor", "Sanaullah Ghafari"); p == nil || p["resource_level"] != "individual" ||
		!reflect.DeepEqual(p["aliases"], []any{"Shahab al-Muhajir"}) {
		t.Errorf("leader: %v", p)
	}
	if un := byName(b, "identity", "United Nations"); un == nil || un["identity_class"] != "organization" ||
		!reflect.DeepEqual(un["x_opencti_aliases"], []any{"UN"}) {
		t.Errorf("UN: %v", un)
	}
	if k := byName(b, "location", "Kabul"); k == nil || k["latitude"] != 34.52813 || k["longitude"] != 69.17233 ||
		k["country"] != "AF" || k["administrative_area"] != "Kabul" {
		t.Errorf("Kabul: %v", k)
	}
	if a := byName(b, "location", "Central Asia"); a == nil || a["region"] != "central-asia" {
		t.Errorf("Central Asia: %v", a)
	}
	if byName(b, "location", "Khorasan") != nil {
		t.Error("Khorasan has no coordinates, country or region: it cannot be a valid location")
	}
	rels := map[string]map[string]any{}
	for _, o := range b.Objects {
		if o["type"] == "relationship" {
			rels[o["relationship_type"].(string)] = o
		}
	}
	for typ, want := range map[string]struct{ src, dst, start, stop string }{
		"leader-of":  {"threat-actor", "threat-actor", "2020-06-01T00:00:00.000Z", ""},
		"located-at": {"threat-actor", "location", "", ""},
		"rival-of":   {"threat-actor", "threat-actor", "2021-08-26T00:00:00.000Z", "2021-08-26T23:59:59.999Z"},
		"targets":    {"threat-actor", "threat-actor", "2021-08-26T00:00:00.000Z", "2021-08-26T23:59:59.999Z"},
	} {
		r := rels[typ]
		if r == nil {
			t.Errorf("no %s relationship", typ)
			continue
		}
		if !strings.HasPrefix(r["source_ref"].(string), want.src+"--") || !strings.HasPrefix(r["target_ref"].(string), want.dst+"--") {
			t.Errorf("%s: %v → %v", typ, r["source_ref"], r["target_ref"])
		}
		if r["start_time"] != nilIfEmpty(want.start) || r["stop_time"] != nilIfEmpty(want.stop) {
			t.Errorf("%s: span %v – %v, want %q – %q", typ, r["start_time"], r["stop_time"], want.start, want.stop)
		}
	}
	var report map[string]any
	for _, o := range b.Objects {
		if o["type"] == "report" {
			report = o
		}
	}
	if report == nil {
		t.Fatal("no report for the event")
	}
	if report["published"] != "2021-08-27T00:00:00.000Z" || report["modified"] != "2021-08-30T00:00:00.000Z" {
		t.Errorf("report times: published %v, modified %v", report["published"], report["modified"])
	}
	if report["confidence"] != float64(stix.Low) {
		t.Errorf("report confidence %v: its death tolls (85, more than 170) conflict", report["confidence"])
	}
	killed := report["x_dossier_figures"].(map[string]any)["killed"].(map[string]any)
	if killed["min"] != 170.0 || killed["max"] != nil || killed["contested"] != true || len(killed["sources"].([]any)) != 2 {
		t.Errorf("killed figure: %v (want the most recent source's 170+, contested, both sources)", killed)
	}
	// Each quote is a note whose content is the quote, on what it backs.
	notes := 0
	for _, o := range b.Objects {
		if o["type"] != "note" {
			continue
		}
		notes++
		content := o["content"].(string)
		if !strings.HasSuffix(content, ".") || o["object_refs"] == nil {
			t.Errorf("note %v", o)
		}
	}
	if notes != 6 { // five quotes and one attribute
		t.Errorf("%d notes, want 6", notes)
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	s := fixture(t)
	refs, err := stix.Read(bytes.NewReader(write(t, s)), "fixture.json")
	if err != nil {
		t.Fatal(err)
	}
	ents, err := s.Entities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range refs {
		for _, n := range append([]string{r.Name}, r.Aliases...) {
			have[string(r.Type)+"|"+strings.ToLower(n)] = true
		}
		if r.ID != "stix:"+r.ExternalID || r.Source != "stix:fixture.json" {
			t.Errorf("reference %+v", r)
		}
	}
	var missing []string
	for _, e := range ents {
		if e.Type == dossier.Place && e.Place == nil && e.Name == "Khorasan" {
			continue // not exportable
		}
		for _, n := range e.Aliases {
			if !have[string(e.Type)+"|"+strings.ToLower(n)] {
				missing = append(missing, string(e.Type)+" "+n)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("lost in the round trip: %v", missing)
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		bundle  string
		want    []string // "type name [aliases]"
		wantErr string
	}{
		{"OpenCTI export", `{"type":"bundle","id":"bundle--1","objects":[
			{"type":"intrusion-set","id":"intrusion-set--1","name":"ISKP","aliases":["IS-K","ISKP","Daesh-K"]},
			{"type":"threat-actor","id":"threat-actor--2","name":"Abu Omar","x_opencti_type":"Threat-Actor-Individual","aliases":["Abu Umar"]},
			{"type":"threat-actor","id":"threat-actor--3","name":"TTP","threat_actor_types":["terrorist"]},
			{"type":"identity","id":"identity--4","name":"UNAMA","identity_class":"organization","x_opencti_aliases":["UN Assistance Mission"]},
			{"type":"identity","id":"identity--5","name":"Government","identity_class":"class"},
			{"type":"location","id":"location--6","name":"Nangarhar","x_opencti_aliases":["Ningrahar"]},
			{"type":"threat-actor","id":"threat-actor--7","name":"Old name","revoked":true},
			{"type":"malware","id":"malware--8","name":"Not an actor"},
			{"type":"threat-actor","id":"threat-actor--9","name":"  "}]}`,
			[]string{"group ISKP [IS-K Daesh-K]", "person Abu Omar [Abu Umar]", "group TTP []",
				"organization UNAMA [UN Assistance Mission]", "place Nangarhar [Ningrahar]"}, ""},
		{"not JSON", `{"type":`, nil, "not a STIX bundle"},
		{"not a bundle", `{"type":"threat-actor","id":"threat-actor--1","name":"X"}`, nil, `type is "threat-actor"`},
		{"nothing usable", `{"type":"bundle","objects":[{"type":"malware","id":"malware--1","name":"X"}]}`, nil, "no named threat actor"},
		{"bad object", `{"type":"bundle","objects":[{"type":"threat-actor","id":"threat-actor--1","name":"X","aliases":"X"}]}`, nil, "object 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs, err := stix.Read(strings.NewReader(tt.bundle), "b.json")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || dossier.ErrorCode(err) != dossier.EINVALID {
					t.Fatalf("error %v, want EINVALID containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range refs {
				got = append(got, string(r.Type)+" "+r.Name+" ["+strings.Join(r.Aliases, " ")+"]")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestID(t *testing.T) {
	a, b := stix.ID("threat-actor", "group", "is-k"), stix.ID("threat-actor", "group", "is-k")
	if a != b || a == stix.ID("threat-actor", "group", "isis-k") || !strings.HasPrefix(a, "threat-actor--") {
		t.Errorf("ids: %s %s", a, b)
	}
	// Version 5, RFC 4122 variant, as the identifier schema requires.
	if a[len("threat-actor--")+14] != '5' || !strings.ContainsRune("89ab", rune(a[len("threat-actor--")+19])) {
		t.Errorf("%s is not a UUIDv5", a)
	}
}
