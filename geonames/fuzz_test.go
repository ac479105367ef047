package geonames

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseGeoname feeds arbitrary lines to the dump parser and the
// builder: a bad line is an error, never a panic.
func FuzzParseGeoname(f *testing.F) {
	f.Add(geoname("1139715", "Jalālābād", "Jalalabad", "Dzhalalabad,Jelalabad", "34.42647", "70.45153", "P", "PPLA", "AF", "18", "801", "271900"))
	f.Add(geoname("1", "x", "x", "", "NaN", "1e400", "PP", "", "A", "", "", "-5"))
	f.Add("a\tb")
	b, err := NewBuilder(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	defer b.Close()
	f.Fuzz(func(t *testing.T, line string) {
		r, err := ParseGeoname(line)
		if err != nil {
			return
		}
		b.AddPlace(r)
		st := &ImportStats{}
		for _, k := range []dumpKind{kindAdmin1, kindAdmin2, kindCountry, kindAlternates} {
			importLine(b, k, line, st)
		}
	})
}

// FuzzParse damages a small compact file: Parse rejects it or every read
// stays in bounds.
func FuzzParse(f *testing.F) {
	dir := f.TempDir()
	b, err := NewBuilder(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range []string{
		geoname("1138958", "Kabul", "Kabul", "Kabol", "34.52813", "69.17233", "P", "PPLC", "AF", "13", "101", "4434550"),
		geoname("1131256", "Nangarhār", "Nangarhar", "Ningarhar", "34.25", "70.5", "A", "ADM1", "AF", "18", "", "1436000"),
	} {
		r, _ := ParseGeoname(l)
		b.AddPlace(r)
	}
	b.AddDivision("AF", 0, "Afghanistan")
	path := dir + "/g.dgz"
	if err := b.WriteFile(path); err != nil {
		f.Fatal(err)
	}
	b.Close()
	g, err := Open(path)
	if err != nil {
		f.Fatal(err)
	}
	good := bytes.Clone(g.data)
	g.Close()
	f.Add(good, 0, byte(0))
	f.Add(good, 30, byte(0xff))
	f.Add(good, 100, byte(7))
	f.Fuzz(func(t *testing.T, data []byte, at int, v byte) {
		data = bytes.Clone(data)
		if len(data) > 0 {
			if at < 0 {
				at = -at
			}
			data[at%len(data)] = v
		}
		g, err := Parse(data)
		if err != nil {
			return
		}
		for i := 0; i < min(g.Len(), 50); i++ {
			g.Place(i)
		}
		for _, n := range []string{"Kabul", "Ningarhar", "Afghanistan", strings.Repeat("a", 3)} {
			for _, c := range g.Lookup(n) {
				g.Admin1Name(c.Place)
				c.GazetteerID()
			}
		}
		g.Admin("AF")
		g.Description()
	})
}
