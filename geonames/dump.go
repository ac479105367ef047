package geonames

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The GeoNames dump files (download.geonames.org/export/dump, described in
// its readme.txt) are tab-separated UTF-8, one record a line. Import tells
// them apart by name, as GeoNames names them.
type dumpKind int

const (
	kindGeonames   dumpKind = iota // allCountries.txt, cities500.txt, AF.txt, ...: the geoname table
	kindAdmin1                     // admin1CodesASCII.txt
	kindAdmin2                     // admin2Codes.txt
	kindCountry                    // countryInfo.txt
	kindAlternates                 // alternateNamesV2.txt, alternateNames.txt
	kindOther                      // readme.txt, iso-languagecodes.txt, ...: not gazetteer data
)

func kindOf(name string) dumpKind {
	base := strings.ToLower(filepath.Base(name))
	switch {
	case strings.HasPrefix(base, "admin1codes"):
		return kindAdmin1
	case strings.HasPrefix(base, "admin2codes"):
		return kindAdmin2
	case strings.HasPrefix(base, "countryinfo"):
		return kindCountry
	case strings.HasPrefix(base, "alternatenames"):
		return kindAlternates
	case !strings.HasSuffix(base, ".txt"), strings.HasPrefix(base, "readme"),
		strings.HasPrefix(base, "iso-languagecodes"), strings.HasPrefix(base, "featurecodes"),
		strings.HasPrefix(base, "timezones"), strings.HasPrefix(base, "hierarchy"),
		strings.HasPrefix(base, "shapes"), strings.HasPrefix(base, "usertags"),
		strings.HasPrefix(base, "admincode5"), strings.HasPrefix(base, "continentcodes"):
		return kindOther
	}
	return kindGeonames
}

// ImportStats counts what Import read.
type ImportStats struct {
	Files      int // data files read (members of a .zip count one each)
	Places     int // populated places and divisions added
	Skipped    int // records of other feature classes (streams, hotels, ...)
	Alternates int // alternate-name records read
	Divisions  int // admin1/admin2/country names read
	Bad        int // lines that could not be read
}

// LineError is a line of a dump file that could not be read.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Import reads a GeoNames dump file, or a .zip holding them, into b,
// streaming it line by line. A line that cannot be read is reported to bad
// (a *LineError naming the file and line) and the rest goes on; the error
// return is for a file that cannot be read at all.
func Import(b *Builder, path string, bad func(error)) (ImportStats, error) {
	var st ImportStats
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return st, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			if f.FileInfo().IsDir() || kindOf(f.Name) == kindOther {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return st, fmt.Errorf("%s: %s: %w", path, f.Name, err)
			}
			err = importReader(b, path+":"+f.Name, kindOf(f.Name), rc, &st, bad)
			rc.Close()
			if err != nil {
				return st, err
			}
		}
		if st.Files == 0 {
			return st, fmt.Errorf("%s: no GeoNames data file in the archive", path)
		}
		return st, nil
	}
	k := kindOf(path)
	if k == kindOther {
		return st, fmt.Errorf("%s: not a GeoNames data file (want allCountries.txt, cities500.txt, XX.txt, admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt, alternateNamesV2.txt or a .zip of them)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return st, err
	}
	defer f.Close()
	return st, importReader(b, path, k, f, &st, bad)
}

func importReader(b *Builder, name string, k dumpKind, r io.Reader, st *ImportStats, bad func(error)) error {
	st.Files++
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if line == "" && err == io.EOF {
			return nil
		}
		line = strings.TrimRight(line, "\r\n")
		if line != "" && line[0] != '#' {
			if lerr := importLine(b, k, line, st); lerr != nil {
				st.Bad++
				if bad != nil {
					bad(&LineError{name, n, lerr})
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

func importLine(b *Builder, k dumpKind, line string, st *ImportStats) error {
	switch k {
	case kindGeonames:
		r, err := ParseGeoname(line)
		if err != nil {
			return err
		}
		ok, err := b.AddPlace(r)
		if err != nil {
			return err
		}
		if ok {
			st.Places++
		} else {
			st.Skipped++
		}
	case kindAdmin1, kindAdmin2:
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			return fmt.Errorf("want 4 tab-separated columns (code, name, ascii name, geonameid), got %d", len(f))
		}
		want := 2
		if k == kindAdmin2 {
			want = 3
		}
		parts := strings.Split(f[0], ".")
		if len(parts) != want || !isCountryCode(parts[0]) || slicesHasEmpty(parts) {
			return fmt.Errorf("bad admin code %q", f[0])
		}
		id, err := parseID(f[3])
		if err != nil {
			return err
		}
		b.AddDivision(f[0], id, f[1], f[2])
		st.Divisions++
	case kindCountry:
		f := strings.Split(line, "\t")
		if len(f) < 17 {
			return fmt.Errorf("want at least 17 tab-separated columns, got %d", len(f))
		}
		if !isCountryCode(f[0]) {
			return fmt.Errorf("bad country code %q", f[0])
		}
		id, err := parseID(f[16])
		if err != nil {
			return err
		}
		b.AddDivision(f[0], id, f[4])
		st.Divisions++
	case kindAlternates:
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			return fmt.Errorf("want at least 4 tab-separated columns, got %d", len(f))
		}
		id, err := parseID(f[1])
		if err != nil {
			return err
		}
		st.Alternates++
		switch f[2] { // language: skip codes and links
		case "link", "wkdt", "post", "iata", "icao", "faac", "abbr", "unlc", "tcid", "fr_1793", "phon", "piny":
			return nil
		}
		if len(f) >= 8 && f[7] == "1" {
			return nil // historic name
		}
		return b.AddAlternate(id, f[3])
	}
	return nil
}

func slicesHasEmpty(s []string) bool {
	for _, x := range s {
		if x == "" {
			return true
		}
	}
	return false
}

func parseID(s string) (uint32, error) {
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseUint(s, 10, 32)
	if err != nil || id >= idFlag {
		return 0, fmt.Errorf("bad geonameid %q", s)
	}
	return uint32(id), nil
}

// ErrColumns says a line of the geoname table does not have its 19 columns.
var ErrColumns = errors.New("want 19 tab-separated columns")

// ParseGeoname reads one line of the geoname table (allCountries.txt,
// cities500.txt, XX.txt): geonameid, name, asciiname, alternatenames,
// latitude, longitude, feature class, feature code, country code, cc2,
// admin1..admin4 codes, population, elevation, dem, timezone, modification
// date.
func ParseGeoname(line string) (Record, error) {
	f := strings.Split(line, "\t")
	if len(f) != 19 {
		return Record{}, fmt.Errorf("%w, got %d", ErrColumns, len(f))
	}
	id, err := parseID(f[0])
	if err != nil {
		return Record{}, err
	}
	if id == 0 {
		return Record{}, errors.New("no geonameid")
	}
	lat, err := strconv.ParseFloat(f[4], 64)
	if err != nil {
		return Record{}, fmt.Errorf("bad latitude %q", f[4])
	}
	lon, err := strconv.ParseFloat(f[5], 64)
	if err != nil {
		return Record{}, fmt.Errorf("bad longitude %q", f[5])
	}
	var pop uint64
	if f[14] != "" {
		p, err := strconv.ParseInt(f[14], 10, 64)
		if err != nil {
			return Record{}, fmt.Errorf("bad population %q", f[14])
		}
		pop = uint64(max(p, 0))
	}
	r := Record{ID: id, Name: f[1], ASCII: f[2], Lat: lat, Lon: lon, Code: f[7],
		Country: f[8], Admin1: f[10], Admin2: f[11], Population: pop}
	if len(f[6]) == 1 {
		r.Class = f[6][0]
	} else if f[6] != "" {
		return Record{}, fmt.Errorf("bad feature class %q", f[6])
	}
	if f[3] != "" {
		r.Alternates = strings.Split(f[3], ",")
	}
	return r, nil
}
