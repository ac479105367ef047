package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier/geonames"
)

// TestDemoPlaces checks that the demo export places Kunar, Nangarhar and
// Jalalabad where they are. The ids were read from the embedded data
// (GeoNames 1139715 is Jalalabad; AF.18 and AF.34 are the admin1 codes of
// Nangarhar and Kunar). The province points are the mean of the province's
// places in cities500; the references are the provinces' approximate
// centres as general references give them (Nangarhar 34.3°N 70.5°E, Kunar
// 34.9°N 71.1°E), so a few kilometres' tolerance is allowed there, and
// Jalalabad must be at its GeoNames point.
func TestDemoPlaces(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, exitOK, nil, "demo", "--db", db)
	r := mustRun(t, exitOK, nil, "export", "--db", db, "--format", "json")
	if err := validateExport([]byte(r.stdout)); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Entities []struct {
			Name, Type string
			Place      *struct {
				Lat, Lon        float64
				Country, Admin1 string
				GazetteerID     string `json:"gazetteer_id"`
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, id, admin1 string
		lat, lon, km     float64
	}{
		{"Jalalabad", "geonames:1139715", "Nangarhar", 34.42647, 70.45153, 0.5},
		{"Nangarhar", "geonames:AF.18", "Nangarhar", 34.3, 70.5, 5},
		{"Kunar", "geonames:AF.34", "Kunar", 34.9, 71.1, 5},
		{"Afghanistan", "geonames:AF", "", 33.9, 67.7, 150},
	} {
		found := false
		for _, e := range d.Entities {
			if e.Type != "place" || e.Name != tc.name {
				continue
			}
			found = true
			p := e.Place
			if p == nil {
				t.Errorf("%s: no place", tc.name)
				continue
			}
			if p.GazetteerID != tc.id || p.Country != "AF" || p.Admin1 != tc.admin1 {
				t.Errorf("%s: %+v, want %s in AF/%s", tc.name, p, tc.id, tc.admin1)
			}
			if km := geonames.Distance(p.Lat, p.Lon, tc.lat, tc.lon); km > tc.km {
				t.Errorf("%s at %.4f,%.4f: %.1f km from %.4f,%.4f, want within %.1f", tc.name, p.Lat, p.Lon, km, tc.lat, tc.lon, tc.km)
			}
		}
		if !found {
			t.Errorf("no place entity %q in the demo export", tc.name)
		}
	}
	for _, e := range d.Entities {
		if e.Name == "Khorasan" && e.Place != nil {
			t.Errorf("Khorasan (the historical region) placed at %+v", e.Place)
		}
	}
}

// TestGazetteerLoad loads GeoNames files next to the database, checks that
// info and later ingests use them, and that bad lines are reported with
// file and line while the rest goes on.
func TestGazetteerLoad(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "d.db")
	r := mustRun(t, exitOK, nil, "gazetteer", "info", "--db", db)
	if !strings.Contains(r.stdout, "gazetteer: embedded (none loaded at "+filepath.Join(dir, "data", "gazetteer.dgz")+")") {
		t.Errorf("info before load:\n%s", r.stdout)
	}
	row := func(f ...string) string { return strings.Join(f, "\t") }
	places := strings.Join([]string{
		row("1139715", "Jalālābād", "Jalalabad", "Jelalabad", "34.42647", "70.45153", "P", "PPLA", "AF", "", "18", "801", "", "", "271900", "", "564", "Asia/Kabul", "2024-01-01"),
		row("1136469", "Asadabad", "Asadabad", "", "34.87311", "71.14697", "P", "PPLA", "AF", "", "34", "", "", "", "48400", "", "0", "Asia/Kabul", "2024-01-01"),
		"broken line",
	}, "\n")
	admin1 := "AF.18\tNangarhar\tNangarhar\t1131256\nAF.34\tKunar\tKunar\t1135702\n"
	pf, af := filepath.Join(dir, "cities500.txt"), filepath.Join(dir, "admin1CodesASCII.txt")
	os.WriteFile(pf, []byte(places), 0o644)
	os.WriteFile(af, []byte(admin1), 0o644)
	r = mustRun(t, exitPartial, nil, "gazetteer", "load", "--db", db, pf, af)
	if !strings.Contains(r.stderr, "cities500.txt:3: want 19 tab-separated columns") {
		t.Errorf("load stderr lacks the bad line:\n%s", r.stderr)
	}
	r = mustRun(t, exitOK, nil, "gazetteer", "--db", db)
	if !strings.Contains(r.stdout, "gazetteer: "+filepath.Join(dir, "data", "gazetteer.dgz")) || !strings.Contains(r.stdout, "loaded ") {
		t.Errorf("info after load:\n%s", r.stdout)
	}
	r = mustRun(t, exitOK, nil, "gazetteer", "lookup", "--db", db, "--country", "AF", "Konar")
	if !strings.Contains(r.stdout, "* Kunar") || !strings.Contains(r.stdout, "geonames:1135702") {
		t.Errorf("lookup Konar:\n%s", r.stdout)
	}
	// Ingest geocodes with the loaded gazetteer: Kunar is now GeoNames id
	// 1135702, at Asadabad (its only place in the loaded data).
	mustRun(t, exitOK, nil, "ingest", "--db", db, corpus(t))
	r = mustRun(t, exitOK, nil, "export", "--db", db, "--format", "json")
	if !strings.Contains(r.stdout, `"gazetteer_id":"geonames:1135702"`) && !strings.Contains(r.stdout, `"gazetteer_id": "geonames:1135702"`) {
		t.Errorf("export does not use the loaded gazetteer for Kunar")
	}
	// A damaged file is an error, not a silent fall-back.
	os.WriteFile(filepath.Join(dir, "data", "gazetteer.dgz"), []byte("junk"), 0o644)
	r = mustRun(t, exitError, nil, "gazetteer", "info", "--db", db)
	if !strings.Contains(r.stderr, "not a dossier gazetteer file") {
		t.Errorf("damaged gazetteer: %s", r.stderr)
	}
}
