package geonames

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Nangarhār", "nangarhar"},
		{"Mazar-i-Sharif", "mazar i sharif"},
		{"Mazār-e Sharīf", "mazar e sharif"},
		{"La‘l", "lal"},
		{"Sar-e Pol Province", "sar e pol province"},
		{"  KABUL  ", "kabul"},
		{"Kraków", "krakow"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"Sant Julià de Lòria", "sant julia de loria"},
		{"D.I. Khan", "d i khan"},
		{"Кабул", ""},
		{"كابل", ""},
		{"", ""},
		{"123", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSkeleton(t *testing.T) {
	for _, group := range [][]string{
		{"Paktia", "Paktya", "Paktiya"},
		{"Nangarhar", "Ningarhar", "Nengarhar"},
		{"Kunar", "Konar"},
		{"Jowzjan", "Jawzjan", "Jozjan"},
		{"Uruzgan", "Oruzgan", "Urozgan"},
		{"Mazar-i-Sharif", "Mazar-e Sharif", "Mazar Sharif"},
		{"Qandahar", "Kandahar"},
	} {
		want := Skeleton(Fold(group[0]))
		if want == "" {
			t.Errorf("Skeleton(%q) is empty", group[0])
		}
		for _, s := range group[1:] {
			if got := Skeleton(Fold(s)); got != want {
				t.Errorf("Skeleton(%q) = %q, want %q as for %q", s, got, want, group[0])
			}
		}
	}
	for _, s := range []string{"Ai", "Oyo", "Bo"} {
		if got := Skeleton(Fold(s)); got != "" {
			t.Errorf("Skeleton(%q) = %q, want empty (too short to match on)", s, got)
		}
	}
	if Skeleton(Fold("Kabul")) == Skeleton(Fold("Kunar")) {
		t.Error("Kabul and Kunar share a skeleton")
	}
}

// geoname builds a line of the geoname table.
func geoname(id, name, ascii, alts, lat, lon, class, code, cc, a1, a2, pop string) string {
	return strings.Join([]string{id, name, ascii, alts, lat, lon, class, code, cc, "", a1, a2, "", "", pop, "", "0", "Asia/Kabul", "2024-01-01"}, "\t")
}

// dump writes a small set of GeoNames files: places (with a stream to skip
// and bad lines), admin1 and admin2 names, country info, alternate names.
func dump(t *testing.T, dir string) []string {
	t.Helper()
	places := strings.Join([]string{
		geoname("1138958", "Kabul", "Kabul", "Cabool,Kabol,KBL,Кабул", "34.52813", "69.17233", "P", "PPLC", "AF", "13", "101", "4434550"),
		geoname("1139715", "Jalālābād", "Jalalabad", "Dzhalalabad,Jelalabad", "34.42647", "70.45153", "P", "PPLA", "AF", "18", "801", "271900"),
		geoname("1469706", "Markaz-e Woluswalī-ye Āchīn", "Markaz-e Woluswali-ye Achin", "Achin", "34.12629", "70.70807", "P", "PPLA2", "AF", "18", "810", "15098"),
		geoname("1136469", "Asadabad", "Asadabad", "", "34.87311", "71.14697", "P", "PPLA", "AF", "34", "", "48400"),
		geoname("1131256", "Nangarhār", "Nangarhar", "Ningarhar", "34.25", "70.5", "A", "ADM1", "AF", "18", "", "1436000"),
		geoname("1149361", "Afghanistan", "Afghanistan", "Afganistan", "33", "66", "A", "PCLI", "AF", "00", "", "37172386"),
		geoname("1133616", "Kabul River", "Kabul River", "", "34", "71", "H", "STM", "AF", "", "", "0"),
		"not a line of the geoname table",
		geoname("1", "Nowhere", "Nowhere", "", "95", "0", "P", "PPL", "AF", "", "", "0"),
		geoname("1168197", "Peshawar", "Peshawar", "Pishawar", "34.008", "71.57849", "P", "PPLA", "PK", "03", "1168195", "1218773"),
	}, "\n") + "\n"
	admin1 := "AF.13\tKabul\tKabul\t1138957\nAF.18\tNangarhar\tNangarhar\t1131256\nAF.34\tKunar\tKunar\t1135702\nAF\tbroken\n"
	admin2 := "AF.18.801\tJalālābād\tJalalabad\t0\nAF.18.810\tĀchīn\tAchin\t0\nPK.03.1168195\tPeshawar District\tPeshawar District\t1168195\n"
	country := "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n" +
		"AF\tAFG\t004\tAF\tAfghanistan\tKabul\t647500\t37172386\tAS\t.af\tAFN\tAfghani\t93\t\t\tfa-AF,ps,uz-AF,tk\t1149361\tTM,CN,IR,TJ,PK,UZ\t\n" +
		"PK\tPAK\t586\tPK\tPakistan\tIslamabad\t803940\t212215030\tAS\t.pk\tPKR\tRupee\t92\t#####\t^(\\d{5})$\tur-PK,en-PK,pa,sd,ps,brh\t1168579\tCN,AF,IR,IN\t\n"
	alts := "1\t1136469\ten\tAsadābād\t\t\t\t\t\t\n2\t1136469\tlink\thttps://en.wikipedia.org/wiki/Asadabad\t\t\t\t\t\t\n3\t1139715\ten\tJellalabad\t\t\t\t1\t\t\n4\t999\ten\tGhost Town\t\t\t\t\t\t\nbad\n"
	files := map[string]string{"allCountries.txt": places, "admin1CodesASCII.txt": admin1,
		"admin2Codes.txt": admin2, "countryInfo.txt": country, "alternateNamesV2.txt": alts}
	var paths []string
	for _, name := range []string{"allCountries.txt", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	// The alternate names come zipped, with the readme GeoNames puts beside them.
	zp := filepath.Join(dir, "alternateNamesV2.zip")
	f, err := os.Create(zp)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, m := range []struct{ name, body string }{{"alternateNamesV2.txt", alts}, {"iso-languagecodes.txt", "ISO 639-3\n"}} {
		w, _ := zw.Create(m.name)
		w.Write([]byte(m.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return append(paths, zp)
}

func build(t *testing.T, chunk int) (*Gazetteer, []error) {
	t.Helper()
	dir := t.TempDir()
	b, err := NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.ChunkKeys = chunk
	b.Description = "test"
	var bad []error
	for _, p := range dump(t, dir) {
		if _, err := Import(b, p, func(err error) { bad = append(bad, err) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := AddDefaults(b); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "g.dgz")
	if err := b.WriteFile(out); err != nil {
		t.Fatal(err)
	}
	g, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g, bad
}

func TestBuildAndLookup(t *testing.T) {
	// Chunks of 3 keys force the external merge; 0 keeps all in memory.
	for _, chunk := range []int{3, 0} {
		g, bad := build(t, chunk)
		var msgs []string
		for _, e := range bad {
			var le *LineError
			if !errors.As(e, &le) {
				t.Errorf("bad line error %v is not a *LineError", e)
			}
			msgs = append(msgs, e.Error())
		}
		for _, want := range []string{"allCountries.txt:8: want 19 tab-separated columns, got 1",
			"allCountries.txt:9: bad record: coordinates 95,0 out of range",
			"admin1CodesASCII.txt:4: want 4 tab-separated columns",
			"alternateNamesV2.zip:alternateNamesV2.txt:5: want at least 4"} {
			if !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, want) }) {
				t.Errorf("chunk %d: no bad-line error containing %q in %q", chunk, want, msgs)
			}
		}
		if g.Description() != "test" {
			t.Errorf("Description() = %q", g.Description())
		}
		for _, tc := range []struct {
			name, want string // want: GazetteerID of the first exact candidate
			match      Match
		}{
			{"Kabul", "geonames:1138958", Exact},
			{"Kabol", "geonames:1138958", Exact},
			{"Jalalabad", "geonames:1139715", Exact},
			{"Jellalabad", "", Exact}, // historic name: dropped
			{"Asadābād", "geonames:1136469", Exact},
			{"Nangarhar", "geonames:1131256", Exact},
			{"Ningarhar", "geonames:1131256", Exact},
			{"Nengarhar", "geonames:1131256", Exact}, // variants.tsv
			{"Kunar", "geonames:1135702", Exact},     // synthesized from admin1CodesASCII, id kept
			{"Konar", "geonames:1135702", Exact},
			{"Paktya", "", Exact}, // no place in Paktia: no position, no entry
			{"Peshawar District", "geonames:1168195", Exact},
			{"Afghanistan", "geonames:1149361", Exact},
			{"Pakistan", "geonames:1168579", Exact}, // countryInfo id, synthesized from Peshawar
			{"Kabul River", "", Exact},              // class H: skipped
			{"KBL", "", Exact},                      // a code, not a name
			{"Ghost Town", "", Exact},
		} {
			cs := g.Lookup(tc.name)
			got := ""
			for _, c := range cs {
				if c.Match == tc.match {
					got = c.GazetteerID()
					break
				}
			}
			if got != tc.want {
				t.Errorf("chunk %d: Lookup(%q) = %s, want %s (%v)", chunk, tc.name, got, tc.want, cs)
			}
		}
		p, ok := g.Admin("AF.18")
		if !ok || p.ID != 1131256 || p.Lat != 34.25 || p.Level() != 1 {
			t.Errorf("Admin(AF.18) = %+v, %v", p, ok)
		}
		if got := g.Admin1Name(g.Lookup("Jalalabad")[0].Place); got != "Nangarhār" {
			t.Errorf("Admin1Name(Jalalabad) = %q", got)
		}
		k, ok := g.Admin("AF.34")
		if !ok || k.Lat != 34.87311 || k.Code != "ADM1" {
			t.Errorf("Admin(AF.34) = %+v: want a division at the mean of its places (Asadabad)", k)
		}
	}
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	b, err := NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, name := range []string{"readme.txt", "missing.txt"} {
		p := filepath.Join(dir, name)
		if name == "readme.txt" {
			os.WriteFile(p, []byte("hello"), 0o644)
		}
		if _, err := Import(b, p, nil); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("Import(%s) = %v, want an error naming the file", name, err)
		}
	}
}

func TestParseRejects(t *testing.T) {
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"magic":     []byte(strings.Repeat("x", 100)),
		"truncated": embedded[:200],
	} {
		if _, err := Parse(data); err == nil {
			t.Errorf("Parse(%s) succeeded", name)
		}
	}
	_ = g
}
