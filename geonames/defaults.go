package geonames

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// variants holds hand-written spellings of countries and divisions (see the
// file's header for where they come from).
//
//go:embed variants.tsv
var variants string

// AddDefaults adds what every gazetteer dossier builds should know besides
// the GeoNames files: English country names from CLDR (golang.org/x/text),
// so that a bare country name is known as a country even when no
// countryInfo.txt was loaded, and the spellings in variants.tsv.
func AddDefaults(b *Builder) error {
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for c := 'A'; c <= 'Z'; c++ {
			code := string([]rune{a, c})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() {
				continue
			}
			if n := names.Name(r); n != "" && n != code {
				b.AddDivision(code, 0, n)
			}
		}
	}
	sc := bufio.NewScanner(strings.NewReader(variants))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		code, rest, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("geonames/variants.tsv:%d: want code<TAB>spelling|spelling", n)
		}
		b.AddDivision(code, 0, strings.Split(rest, "|")...)
	}
	return sc.Err()
}
