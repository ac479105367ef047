package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/export"
	"github.com/dossier-osint/dossier/stix"
)

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// filterFlags adds the filters every export takes to fs.
func filterFlags(fs *flag.FlagSet) func() export.Filter {
	var actors, places listFlag
	fs.Var(&actors, "actor", "keep what this actor (`name or ID`) did, suffered or is related to; repeatable")
	fs.Var(&places, "place", "keep events at or inside this place (`name or ID`) and relations to it; repeatable")
	types := fs.String("type", "", "keep only these event types or relation predicates (`list`, comma-separated)")
	from := fs.String("from", "", "keep events dated on or after this `date` (YYYY, YYYY-MM or YYYY-MM-DD)")
	to := fs.String("to", "", "keep events dated on or before this `date`")
	return func() export.Filter {
		return export.Filter{Actors: actors, Places: places, Types: splitComma(*types), From: *from, To: *to}
	}
}

func (m *Main) runExport(ctx context.Context, args []string) error {
	fs, db := m.flags("export", "", `Writes the database in an exchange format:

  json     the native format (contract v1: documents, entities, events,
           relations, attributes, claims; see export/schema/). Every entity
           lists the claims (sentences) that mention it; every claim's quote
           is the cleaned text at its span.
  stix     a STIX 2.1 bundle for OpenCTI, MISP and other threat-intelligence
           platforms: groups as threat actors with aliases, places as
           locations, events as reports, relations as relationships, quotes
           as notes; deterministic ids, so re-imports update, not duplicate.
  csv      one table (--table): events with GTD-like columns (the default),
           entities or relations; RFC 4180, UTF-8, a header row.
  geojson  geocoded places and the events at them as an RFC 7946
           FeatureCollection (QGIS, geopandas); events without a geocoded
           place are left out.
  graphml  the network of actors and their relations, for Gephi or NetworkX.

The filters apply to every format: an event is kept when it matches every
filter given, a relation when its ends and dates do, and the entities the
kept facts refer to come with them. Undated items are left out when --from
or --to is given.
`)
	format := fs.String("format", "json", "output `format`: json, stix, csv, geojson or graphml")
	table := fs.String("table", export.EventsTable, "csv: the `table` to write: events, entities or relations")
	withText := fs.Bool("with-text", false, "json: include each document's cleaned text")
	withMentions := fs.Bool("with-mentions", false, "json: include each entity's mentions with their spans")
	out := fs.String("o", "-", "output `file` (- for stdout)")
	filter := filterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	switch *format {
	case "json", "stix", "csv", "geojson", "graphml":
	default:
		return usageError{fmt.Sprintf("export: unknown format %q (have: json, stix, csv, geojson, graphml)", *format)}
	}
	if fs.NArg() > 0 {
		return usageError{"export: unexpected arguments"}
	}
	f := filter()
	if err := f.Check(); err != nil {
		return usageError{"export: " + dossier.ErrorMessage(err)}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	view, err := f.View(ctx, store)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	w := m.Stdout
	var file *os.File
	if *out != "-" {
		if file, err = os.Create(*out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer file.Close()
		w = file
	}
	bw := bufio.NewWriter(w)
	switch *format {
	case "json":
		err = export.JSON(ctx, bw, view, export.Options{WithText: *withText, WithMentions: *withMentions})
	case "stix":
		err = stix.Write(ctx, bw, view)
	case "csv":
		countries, done, cerr := m.countryNames()
		if cerr != nil {
			return cerr
		}
		err = export.CSV(ctx, bw, view, *table, countries)
		done()
	case "geojson":
		err = export.GeoJSON(ctx, bw, view)
	case "graphml":
		err = export.GraphML(ctx, bw, view)
	}
	if dossier.ErrorCode(err) == dossier.EINVALID {
		return usageError{"export: " + dossier.ErrorMessage(err)}
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if file != nil {
		return file.Close()
	}
	return nil
}

// countryNames names countries by ISO code from the gazetteer that
// geocodes places (the one loaded next to the database, else the embedded
// one); call done when the names are no longer needed.
func (m *Main) countryNames() (names export.Countries, done func(), err error) {
	g, err := m.gazetteer(m.dbFlag)
	if err != nil {
		return nil, nil, err
	}
	cache := map[string]string{}
	return func(code string) string {
		if n, ok := cache[code]; ok {
			return n
		}
		name := ""
		if p, ok := g.Admin(code); ok && p.IsCountry() {
			name = p.Name
		}
		cache[code] = name
		return name
	}, func() { g.Close() }, nil
}

// usageOrHelp turns a flag parse error into a usage error; -h is not one.
func usageOrHelp(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err.Error()}
}
