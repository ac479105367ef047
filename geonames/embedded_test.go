package geonames

import (
	"testing"
)

// TestEmbedded checks the layers the issue asks the embedded gazetteer to
// carry: Afghan provinces under their common spellings, Afghan and
// Pakistani districts, countries, and the Nangarhar capital.
func TestEmbedded(t *testing.T) {
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, code string }{
		{"Paktia", "AF.36"}, {"Paktya", "AF.36"},
		{"Nangarhar", "AF.18"}, {"Ningarhar", "AF.18"},
		{"Kunar", "AF.34"}, {"Konar", "AF.34"},
		{"Jowzjan", "AF.31"}, {"Jawzjan", "AF.31"},
		{"Wardak", "AF.27"}, {"Uruzgan", "AF.39"}, {"Oruzgan", "AF.39"},
		{"Khyber Pakhtunkhwa", "PK.03"}, {"Balochistan", "PK.02"},
	} {
		found := false
		for _, c := range g.Lookup(tc.name) {
			if c.Match == Exact && c.Level() == 1 && c.AdminCode() == tc.code {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q): no first-level division %s among %v", tc.name, tc.code, g.Lookup(tc.name))
		}
	}
	for _, tc := range []struct{ name, country string }{
		{"Achin", "AF"}, {"Shinwar", "AF"}, {"Asadabad", "AF"}, {"Spin Boldak", "AF"},
		{"Zhob District", "PK"}, {"North Waziristan", "PK"}, {"Peshawar", "PK"},
	} {
		found := false
		for _, c := range g.Lookup(tc.name) {
			found = found || c.Country == tc.country
		}
		if !found {
			t.Errorf("Lookup(%q): nothing in %s", tc.name, tc.country)
		}
	}
	districts := map[string]int{}
	for i := 0; i < g.Len(); i++ {
		if p := g.Place(i); p.Level() == 2 {
			districts[p.Country]++
		}
	}
	// GeoNames names 398 Afghan and 157 Pakistani second-level divisions;
	// those with no populated place in cities500 are placed at their
	// province's mean position, so all are in.
	if districts["AF"] < 398 || districts["PK"] < 157 {
		t.Errorf("districts: AF %d, PK %d; want all of GeoNames' 398 and 157", districts["AF"], districts["PK"])
	}
	// Indian districts under the names news uses: the official name, the
	// English compass word for the Hindi one (by rule), the short form
	// (variants.tsv), and one with no populated place in cities500.
	for _, tc := range []struct{ name, code string }{
		{"Pashchim Singhbhum", "IN.38.368"}, {"West Singhbhum", "IN.38.368"}, {"East Singhbhum", "IN.38.357"},
		{"Dantewada", "IN.37.416"}, {"West Midnapore", "IN.28.344"}, {"Narayanpur", "IN.37.415"},
	} {
		found := false
		for _, c := range g.Lookup(tc.name) {
			found = found || c.Level() == 2 && c.AdminCode() == tc.code
		}
		if !found {
			t.Errorf("Lookup(%q): no district %s among %v", tc.name, tc.code, g.Lookup(tc.name))
		}
	}
	jal := g.Lookup("Jalalabad")[0]
	if jal.ID != 1139715 || jal.Country != "AF" || g.Admin1Name(jal.Place) != "Nangarhar" {
		t.Errorf("Jalalabad = %+v", jal)
	}
	if c := g.Lookup("Afghanistan"); len(c) == 0 || !c[0].IsCountry() {
		t.Errorf("Afghanistan = %v, want the country", c)
	}
}

func BenchmarkEmbeddedParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"Kabul", "Nangarhar", "Paktya", "Jalalabad", "Springfield", "San Jose", "Hyderabad", "Nowhere Special"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Lookup(names[i%len(names)])
	}
}
