package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/dossier-osint/dossier/geo"
	"github.com/dossier-osint/dossier/geonames"
)

// gazetteerFile is the name of a loaded gazetteer, kept next to the
// database it serves.
const gazetteerFile = "gazetteer.dgz"

// maxBadLines is how many unreadable dump lines `gazetteer load` prints
// before it only counts them.
const maxBadLines = 20

func (m *Main) runGazetteer(ctx context.Context, args []string) error {
	sub := "info"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "info":
		return m.gazetteerInfo(args)
	case "load":
		return m.gazetteerLoad(ctx, args)
	case "lookup":
		return m.gazetteerLookup(args)
	}
	return usageError{fmt.Sprintf("gazetteer: unknown subcommand %q (want info, load or lookup)", sub)}
}

// gazetteerPath is where the gazetteer loaded for a database lives.
func (m *Main) gazetteerPath(dbFlag string) (string, error) {
	db, err := m.dbPath(dbFlag)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(db), gazetteerFile), nil
}

// gazetteer returns the gazetteer loaded next to the database, else the
// embedded one. A loaded file that cannot be read is an error, not a
// silent fall-back: the user asked for it.
func (m *Main) gazetteer(dbFlag string) (*geonames.Gazetteer, error) {
	if path, err := m.gazetteerPath(dbFlag); err == nil {
		g, err := geonames.Open(path)
		if err == nil {
			return g, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("gazetteer: %w (remove it or run dossier gazetteer load again)", err)
		}
	}
	return geonames.Embedded()
}

func (m *Main) gazetteerInfo(args []string) error {
	fset, db := m.flags("gazetteer info", "", `Says which gazetteer geocodes places: the one loaded with "dossier gazetteer
load" next to the database, else the one embedded in the binary.
`)
	if err := fset.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	path, _ := m.gazetteerPath(*db)
	g, err := m.gazetteer(*db)
	if err != nil {
		return err
	}
	defer g.Close()
	if g.Source == "embedded" && path != "" {
		fmt.Fprintf(m.Stdout, "gazetteer: embedded (none loaded at %s)\n", path)
	} else {
		fmt.Fprintf(m.Stdout, "gazetteer: %s\n", g.Source)
	}
	fmt.Fprintf(m.Stdout, "data:      %s\n", g.Description())
	fmt.Fprintf(m.Stdout, "places:    %d (%d name keys), %.1f MB\n", g.Len(), g.Keys(), float64(g.Size())/1e6)
	fmt.Fprintln(m.Stdout, "GeoNames data (geonames.org) is licensed CC BY 4.0.")
	return nil
}

func (m *Main) gazetteerLoad(ctx context.Context, args []string) error {
	fset, db := m.flags("gazetteer load", "FILE...", `Builds a gazetteer from GeoNames dump files (download.geonames.org/export/dump)
and keeps it next to the database, where later runs use it instead of the
embedded one. Give the places (allCountries.txt, cities500.txt, cities1000.txt,
a country's XX.txt) with admin1CodesASCII.txt, admin2Codes.txt and
countryInfo.txt for division and country names, and optionally
alternateNamesV2.txt; .zip files of them are read as they are. Files are
streamed: memory stays bounded. Lines that cannot be read are reported with
their file and line and the rest goes on (exit status 3). Classes A
(divisions) and P (populated places) are kept.
`)
	if err := fset.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return usageError{"gazetteer load: give at least one GeoNames file"}
	}
	target, err := m.gazetteerPath(*db)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fmt.Errorf("gazetteer load: %w", err)
	}
	start := time.Now()
	b, err := geonames.NewBuilder(filepath.Dir(target))
	if err != nil {
		return fmt.Errorf("gazetteer load: %w", err)
	}
	defer b.Close()
	bad := 0
	report := func(err error) {
		bad++
		if bad <= maxBadLines {
			fmt.Fprintf(m.Stderr, "error: %v\n", err)
		} else if bad == maxBadLines+1 {
			fmt.Fprintln(m.Stderr, "error: more unreadable lines; counting only")
		}
	}
	var files []string
	for _, path := range fset.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := geonames.Import(b, path, report)
		if err != nil {
			return fmt.Errorf("gazetteer load: %w", err)
		}
		files = append(files, path)
		fmt.Fprintf(m.Stderr, "%s: %d places, %d other features skipped, %d division names, %d alternate names, %d bad lines\n",
			path, st.Places, st.Skipped, st.Divisions, st.Alternates, st.Bad)
	}
	if b.Places() == 0 {
		return fmt.Errorf("gazetteer load: no populated place or division in %v; nothing written (give allCountries.txt, cities500.txt or a country's file too)", files)
	}
	if err := geonames.AddDefaults(b); err != nil {
		return err
	}
	b.Description = fmt.Sprintf("loaded %s from GeoNames files %v", time.Now().UTC().Format("2006-01-02"), files)
	if err := b.WriteFile(target); err != nil {
		return fmt.Errorf("gazetteer load: write %s: %w", target, err)
	}
	g, err := geonames.Open(target)
	if err != nil {
		return err
	}
	defer g.Close()
	fmt.Fprintf(m.Stderr, "gazetteer: %d places (%d name keys, %.1f MB) written to %s in %s\n",
		g.Len(), g.Keys(), float64(g.Size())/1e6, target, time.Since(start).Round(time.Millisecond))
	fmt.Fprintln(m.Stderr, "Re-run dossier ingest on a stored database to geocode its places again with it.")
	if bad > 0 {
		return partialError{bad}
	}
	return nil
}

func (m *Main) gazetteerLookup(args []string) error {
	fset, db := m.flags("gazetteer lookup", "NAME", `Lists the places a name may refer to, best first for the context given
with --country (ISO codes, comma-separated), as the geocoder ranks them.
`)
	country := fset.String("country", "", "context `countries`, e.g. AF,PK")
	if err := fset.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fset.NArg() != 1 {
		fset.Usage()
		return usageError{"gazetteer lookup: give one name (quote it if it has spaces)"}
	}
	g, err := m.gazetteer(*db)
	if err != nil {
		return err
	}
	defer g.Close()
	name, want := geo.Name(fset.Arg(0))
	ctx := geo.Context{Countries: map[string]int{}}
	for _, c := range splitComma(*country) {
		ctx.Countries[c] = 1
	}
	cands := g.Lookup(name)
	pick, ok := geo.Pick(cands, want, ctx)
	for _, c := range geo.Rank(cands, want, ctx) {
		mark := " "
		if ok && c.Index == pick.Index {
			mark = "*"
		}
		fmt.Fprintf(m.Stdout, "%s %-28s %-5s %s %-24s %9.5f %10.5f pop %-9d %s\n", mark, c.Name, c.Code, c.Country,
			g.Admin1Name(c.Place), c.Lat, c.Lon, c.Population, c.GazetteerID())
	}
	if len(cands) == 0 {
		return fmt.Errorf("gazetteer lookup: no place named %q", name)
	}
	return nil
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
