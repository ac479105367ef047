package geo

import (
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/geonames"
)

func gazetteer(t testing.TB) *geonames.Gazetteer {
	t.Helper()
	g, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestName(t *testing.T) {
	for _, tc := range []struct {
		in, name string
		want     Want
	}{
		{"Nangarhar province", "Nangarhar", WantAdmin1},
		{"the city of Kabul", "Kabul", WantCity},
		{"Achin district", "Achin", WantAdmin2},
		{"Kabul", "Kabul", WantAny},
		{"Mexico City", "Mexico", WantCity},
		{"City", "City", WantAny},
	} {
		name, want := Name(tc.in)
		if name != tc.name || want != tc.want {
			t.Errorf("Name(%q) = %q, %v; want %q, %v", tc.in, name, want, tc.name, tc.want)
		}
	}
}

// place is a place entity named in the given documents.
func place(name string, docs ...string) *dossier.Entity {
	return &dossier.Entity{ID: name, Type: dossier.Place, Name: name, Aliases: []string{name}, Documents: docs}
}

func TestLocate(t *testing.T) {
	g := gazetteer(t)
	for _, tc := range []struct {
		name string
		ents []*dossier.Entity
		// want maps entity name to gazetteer id ("" for no place) and country.
		want map[string][2]string
	}{
		{"country name is the country", []*dossier.Entity{place("Mexico", "d"), place("Georgia", "d")},
			map[string][2]string{"Mexico": {"geonames:MX", "MX"}, "Georgia": {"geonames:GE", "GE"}}},
		{"division only a division bears", []*dossier.Entity{place("Nangarhar", "d"), place("Kunar", "d"), place("Paktya", "d")},
			map[string][2]string{"Nangarhar": {"geonames:AF.18", "AF"}, "Kunar": {"geonames:AF.34", "AF"}, "Paktya": {"geonames:AF.36", "AF"}}},
		{"capital over its province", []*dossier.Entity{place("Kabul", "d"), place("Jalalabad", "d")},
			map[string][2]string{"Kabul": {"geonames:1138958", "AF"}, "Jalalabad": {"geonames:1139715", "AF"}}},
		{"wording asks for the province", []*dossier.Entity{{Type: dossier.Place, Name: "Kandahar province", Aliases: []string{"Kandahar province"}, Documents: []string{"d"}}},
			map[string][2]string{"Kandahar province": {"geonames:AF.23", "AF"}}},
		{"country named nearby beats population", []*dossier.Entity{place("Hyderabad", "d"), place("Pakistan", "d")},
			map[string][2]string{"Hyderabad": {"", "PK"}}},
		{"without context, the more populous", []*dossier.Entity{place("Hyderabad", "d")},
			map[string][2]string{"Hyderabad": {"", "IN"}}},
		{"context from other documents does not count", []*dossier.Entity{place("Hyderabad", "d1"), place("Pakistan", "d2")},
			map[string][2]string{"Hyderabad": {"", "IN"}}},
		{"a region is not pinned to a village abroad", []*dossier.Entity{place("Khorasan", "d"), place("Afghanistan", "d"), place("Kunar", "d")},
			map[string][2]string{"Khorasan": {"", ""}, "Afghanistan": {"geonames:AF", "AF"}}},
		{"spelling variant only in context", []*dossier.Entity{place("Paktiya", "d"), place("Khost", "d")},
			map[string][2]string{"Paktiya": {"geonames:AF.36", "AF"}}},
		{"a province named nearby picks its town", []*dossier.Entity{place("Asadabad", "d"), place("Kunar", "d")},
			map[string][2]string{"Asadabad": {"", "AF"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			Locate(g, tc.ents)
			for _, e := range tc.ents {
				want, ok := tc.want[e.Name]
				if !ok {
					continue
				}
				switch {
				case want[1] == "" && e.Place != nil:
					t.Errorf("%s: placed at %+v, want no place", e.Name, e.Place)
				case want[1] == "":
				case e.Place == nil:
					t.Errorf("%s: no place, want %v", e.Name, want)
				case e.Place.Country != want[1] || want[0] != "" && e.Place.GazetteerID != want[0]:
					t.Errorf("%s: %+v, want %v", e.Name, e.Place, want)
				}
			}
		})
	}
}

func TestLocateSkipsOtherTypes(t *testing.T) {
	e := &dossier.Entity{Type: dossier.Group, Name: "Kabul", Documents: []string{"d"}}
	Locate(gazetteer(t), []*dossier.Entity{e})
	if e.Place != nil {
		t.Errorf("group placed: %+v", e.Place)
	}
	Locate(nil, []*dossier.Entity{place("Kabul")}) // no gazetteer: nothing to do
}

func TestPlaceFacilities(t *testing.T) {
	kabul := &dossier.Entity{ID: "k", Type: dossier.Place, Name: "Kabul", Place: &dossier.PlaceInfo{Lat: 34.5, Lon: 69.2, Country: "AF", Admin1: "Kabul", GazetteerID: "1138958"}}
	airport := &dossier.Entity{ID: "a", Type: dossier.Facility, Name: "Kabul airport"}
	embassy := &dossier.Entity{ID: "e", Type: dossier.Facility, Name: "Russian embassy in Kabul"}
	hkia := &dossier.Entity{ID: "h", Type: dossier.Facility, Name: "Hamid Karzai International Airport"}
	placeFacilities([]*dossier.Entity{kabul, airport, embassy, hkia})
	for _, f := range []*dossier.Entity{airport, embassy} {
		if f.Place == nil || f.Place.GazetteerID != "1138958" {
			t.Errorf("%s: place %+v, want Kabul's", f.Name, f.Place)
		}
	}
	if hkia.Place != nil {
		t.Errorf("%s names no geocoded place but got %+v", hkia.Name, hkia.Place)
	}
	if airport.Place == kabul.Place {
		t.Error("the facility shares the town's PlaceInfo pointer")
	}
}

func TestWithinDivision(t *testing.T) {
	g, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, admin1 string }{
		// Whether or not the gazetteer has the district, the place must
		// end up in the division the text names.
		{"Bijapur District of Chhattisgarh", "Chhattisgarh"},
		{"Dantewada District of Chhattisgarh", "Chhattisgarh"},
		{"Chak district of Wardak", "Maidan Wardak Province"},
		{"Lashkar Gah district, Helmand", "Helmand"},
		{"Terayzai district, Khost province", "Khowst"},
	} {
		e := &dossier.Entity{ID: "x", Type: dossier.Place, Name: tc.name, Documents: []string{"d"}}
		Locate(g, []*dossier.Entity{e})
		if e.Place == nil || e.Place.Admin1 != tc.admin1 {
			t.Errorf("%s: placed %+v, want in %s", tc.name, e.Place, tc.admin1)
		}
	}
	if _, _, ok := within(g, "Islamic State of Iraq"); ok {
		t.Error("a name that is not 'X district of Y' was read as one")
	}
}

// A division named as one is not placed in a country the documents do not
// name, however large its namesake there.
func TestDivisionAbroad(t *testing.T) {
	g, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{"d"}
	af := &dossier.Entity{ID: "af", Type: dossier.Place, Name: "Afghanistan", Documents: docs}
	kunar := &dossier.Entity{ID: "k", Type: dossier.Place, Name: "Kunar", Aliases: []string{"Kunar province"}, Documents: docs}
	dist := &dossier.Entity{ID: "g", Type: dossier.Place, Name: "Ghaziabad", Aliases: []string{"Ghaziabad district"}, Documents: docs}
	city := &dossier.Entity{ID: "m", Type: dossier.Place, Name: "Moscow", Documents: docs}
	kabul := &dossier.Entity{ID: "kb", Type: dossier.Place, Name: "Kabul", Documents: docs}
	us := &dossier.Entity{ID: "us", Type: dossier.Place, Name: "United States", Documents: docs}
	archi := &dossier.Entity{ID: "a", Type: dossier.Place, Name: "Archi district", Documents: docs}
	Locate(g, []*dossier.Entity{af, kunar, dist, city, kabul, us, archi})
	if archi.Place != nil && archi.Place.Country != "AF" {
		t.Errorf("Archi district in a report on Kunar that names the U.S. placed in %+v", archi.Place)
	}
	if dist.Place != nil && dist.Place.Country != "AF" {
		t.Errorf("Ghaziabad district in a report on Kunar placed in %+v", dist.Place)
	}
	if city.Place == nil || city.Place.Country != "RU" {
		t.Errorf("a prominent city abroad is still placed: Moscow %+v", city.Place)
	}
}

// A province named exactly is placed in a country the documents name even
// when more of their places lie in another: a release on Paktika whose
// soldiers come from Delaware, Ohio.
func TestProvinceInMinorityCountry(t *testing.T) {
	g, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{"d"}
	af := &dossier.Entity{ID: "af", Type: dossier.Place, Name: "Afghanistan", Documents: docs}
	us := &dossier.Entity{ID: "us", Type: dossier.Place, Name: "United States", Documents: docs}
	ohio := &dossier.Entity{ID: "oh", Type: dossier.Place, Name: "Ohio", Documents: docs}
	del := &dossier.Entity{ID: "de", Type: dossier.Place, Name: "Delaware", Documents: docs}
	paktika := &dossier.Entity{ID: "p", Type: dossier.Place, Name: "Paktika Province", Documents: docs}
	archi := &dossier.Entity{ID: "a", Type: dossier.Place, Name: "Archi district", Documents: docs}
	Locate(g, []*dossier.Entity{af, us, ohio, del, paktika, archi})
	if paktika.Place == nil || paktika.Place.Country != "AF" || paktika.Place.Admin1 != "Paktika" {
		t.Errorf("Paktika Province placed in %+v, want Paktika, AF", paktika.Place)
	}
	if archi.Place != nil && archi.Place.Country != "US" {
		t.Errorf("a district is still placed in the country most places lie in: Archi district in %+v", archi.Place)
	}
}

// A village is placed in the division the documents' other places are in,
// or not at all: "Kothi village ... of Gadchiroli District" is not the
// Kothi of Madhya Pradesh.
func TestVillageInContextDivision(t *testing.T) {
	g, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{"d"}
	dist := &dossier.Entity{ID: "g", Type: dossier.Place, Name: "Gadchiroli District", Documents: docs}
	village := &dossier.Entity{ID: "k", Type: dossier.Place, Name: "Kothi", Documents: docs}
	alone := &dossier.Entity{ID: "k2", Type: dossier.Place, Name: "Kothi", Documents: []string{"other"}}
	Locate(g, []*dossier.Entity{dist, village, alone})
	if dist.Place == nil || dist.Place.Admin1 != "Maharashtra" {
		t.Fatalf("Gadchiroli District placed in %+v", dist.Place)
	}
	if village.Place != nil && village.Place.Admin1 != "Maharashtra" {
		t.Errorf("Kothi beside Gadchiroli District placed in %+v", village.Place)
	}
	if alone.Place == nil {
		t.Errorf("Kothi with no context is not placed at all; want the gazetteer's Kothi")
	}
}

// A spelling variant of a large town elsewhere is no reading of a village
// beside a district ("Jujumura forest in Sambalpur District" is not Ajmer,
// Rajasthan); "X District of Y" with Y no state is X ("Kanker District of
// Bastar region").
func TestVariantAndDistrictOfRegion(t *testing.T) {
	g, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{"d"}
	dist := &dossier.Entity{ID: "s", Type: dossier.Place, Name: "Sambalpur District", Documents: docs}
	village := &dossier.Entity{ID: "j", Type: dossier.Place, Name: "Jujumura", Documents: docs}
	kanker := &dossier.Entity{ID: "k", Type: dossier.Place, Name: "Kanker District of Bastar", Documents: []string{"other"}}
	Locate(g, []*dossier.Entity{dist, village, kanker})
	if village.Place != nil && village.Place.Admin1 != "Odisha" {
		t.Errorf("Jujumura beside Sambalpur District placed in %+v", village.Place)
	}
	if kanker.Place == nil || kanker.Place.Admin1 != "Chhattisgarh" {
		t.Errorf("Kanker District of Bastar placed in %+v, want Chhattisgarh", kanker.Place)
	}
}
