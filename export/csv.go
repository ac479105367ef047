package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// Tables the CSV export writes.
const (
	EventsTable    = "events"
	EntitiesTable  = "entities"
	RelationsTable = "relations"
)

// Countries names a country by its ISO 3166-1 alpha-2 code ("AF" →
// "Afghanistan"), "" when it does not know it. The command line passes
// the gazetteer's names.
type Countries func(code string) string

// EventColumns are the columns of the event table. The first ones are the
// Global Terrorism Database's (GTD codebook names and meanings, so that
// scripts written for GTD read it); the rest are dossier's.
//
//   - iyear, imonth, iday: the event date; 0 for an unknown month or day,
//     as in GTD, and an empty iyear for an undated event.
//   - approxdate: the date as the sources give it when it is less precise
//     than a day.
//   - country_txt, provstate, city, latitude, longitude: the event's
//     place, geocoded (city only when the place is a town, not a country
//     or province).
//   - attacktype1_txt, targtype1_txt: GTD's attack and target type names,
//     for attacks; other events (strikes, clashes, arrests, ...) say what
//     they are in event_type.
//   - gname, gname2: the first two perpetrators (named, else as the text
//     describes them: "police", "gunmen"); claimed: 1 when a group
//     claimed the event, empty when no document says.
//   - nkill, nkill_max, nwound, nwound_max: the summary figure chosen by
//     reconcile's stated rule (nkill_rule says which step decided); an
//     empty *_max is an open figure ("more than 100"), every source's
//     figure is in kill_sources.
//   - contested: the figures whose sources cannot all be right.
var EventColumns = []string{"eventid", "iyear", "imonth", "iday", "approxdate", "country_txt", "provstate", "city",
	"latitude", "longitude", "attacktype1_txt", "targtype1_txt", "gname", "gname2", "claimed", "nkill", "nkill_max",
	"nwound", "nwound_max", "summary", "sources", "contested",
	"event_type", "subtype", "date", "place", "perpetrators", "targets", "claimants", "narrest", "narrest_max",
	"nkill_rule", "nwound_rule", "kill_sources", "wound_sources", "documents", "claims"}

// EntityColumns and RelationColumns are the columns of the other tables.
// Lists within a cell are separated by "; ".
var (
	EntityColumns = []string{"id", "type", "name", "aliases", "documents", "mentions", "latitude", "longitude",
		"country", "admin1", "gazetteer_id"}
	RelationColumns = []string{"id", "subject", "subject_name", "predicate", "object", "object_name", "start", "end",
		"documents", "claims"}
)

// CSV writes one table (EventsTable, EntitiesTable or RelationsTable) of
// what s holds as RFC 4180 CSV in UTF-8, with a header row, one row per
// item, written as it is built.
func CSV(ctx context.Context, w io.Writer, s dossier.Store, table string, countries Countries) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	ents, err := s.Entities(ctx)
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	byID := names(ents)
	switch table {
	case EventsTable:
		err = eventRows(ctx, cw, s, byID, countries)
	case EntitiesTable:
		err = entityRows(cw, ents)
	case RelationsTable:
		err = relationRows(ctx, cw, s, byID)
	default:
		return dossier.Errorf(dossier.EINVALID, "unknown table %q (have: events, entities, relations)", table)
	}
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

func eventRows(ctx context.Context, cw *csv.Writer, s dossier.Store, byID map[string]*dossier.Entity, countries Countries) error {
	docs, err := s.Documents(ctx)
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	facts, err := s.Facts(ctx)
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	doc := make(map[string]*dossier.Document, len(docs))
	for _, d := range docs {
		doc[d.ID] = d
	}
	pub := func(id string) string {
		if d := doc[id]; d != nil {
			return d.Published
		}
		return ""
	}
	country := countryNamer(byID, countries)
	if err := cw.Write(EventColumns); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	row := make([]string, len(EventColumns))
	for _, e := range facts.Events {
		for i := range row {
			row[i] = ""
		}
		set := func(col, v string) { row[columnIndex[col]] = v }
		set("eventid", e.ID)
		y, m, d := dateParts(e.Date)
		set("iyear", y)
		if y != "" {
			set("imonth", m)
			set("iday", d)
		}
		if len(e.Date) < 10 {
			set("approxdate", e.Date)
		}
		if p := byID[e.Place]; p != nil {
			set("place", p.Name)
			if pl := p.Place; pl != nil {
				set("country_txt", country(pl.Country))
				set("provstate", pl.Admin1)
				if isTown(pl) {
					set("city", p.Name)
				}
				set("latitude", coord(pl.Lat))
				set("longitude", coord(pl.Lon))
			}
		}
		if e.Type == dossier.Attack {
			set("attacktype1_txt", AttackType(e.Subtype))
		}
		set("targtype1_txt", TargetType(e.TargetType))
		perps := entityNames(byID, e.Perpetrators)
		// GTD writes an unnamed perpetrator as described ("Gunmen"); so
		// does dossier when the text names none.
		perps = append(perps, e.PerpetratorDescriptions...)
		if len(perps) > 0 {
			set("gname", perps[0])
		}
		if len(perps) > 1 {
			set("gname2", perps[1])
		}
		if len(e.Claimants) > 0 {
			set("claimed", "1")
		}
		var contested []string
		figure := func(name, minCol, maxCol, ruleCol, srcCol string, qs []dossier.Quantity) {
			f, ok := reconcile.Figures(qs, pub)
			if !ok {
				return
			}
			set(minCol, strconv.Itoa(f.Min))
			if f.Max != nil {
				set(maxCol, strconv.Itoa(*f.Max))
			}
			if ruleCol != "" {
				set(ruleCol, f.Rule)
			}
			if srcCol != "" {
				var parts []string
				for _, q := range qs {
					parts = append(parts, reconcile.FormatRange(q.Min, q.Max)+" ("+docLabel(doc[q.Document], q.Document)+")")
				}
				set(srcCol, strings.Join(parts, "; "))
			}
			if f.Contested {
				contested = append(contested, name)
			}
		}
		figure("killed", "nkill", "nkill_max", "nkill_rule", "kill_sources", e.Killed)
		figure("injured", "nwound", "nwound_max", "nwound_rule", "wound_sources", e.Injured)
		figure("arrested", "narrest", "narrest_max", "", "", e.Arrested)
		set("contested", strings.Join(contested, "; "))
		set("summary", e.Summary)
		var sources []string
		for _, id := range e.Documents {
			sources = append(sources, docLabel(doc[id], id))
		}
		set("sources", strings.Join(sources, "; "))
		set("event_type", e.Type)
		set("subtype", e.Subtype)
		set("date", e.Date)
		set("perpetrators", strings.Join(perps, "; "))
		set("targets", strings.Join(append(entityNames(byID, e.Targets), e.TargetDescriptions...), "; "))
		set("claimants", strings.Join(entityNames(byID, e.Claimants), "; "))
		set("documents", strings.Join(e.Documents, "; "))
		set("claims", strings.Join(e.Claims, "; "))
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
	}
	return nil
}

var columnIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range EventColumns {
		m[c] = i
	}
	return m
}()

func entityRows(cw *csv.Writer, ents []*dossier.Entity) error {
	if err := cw.Write(EntityColumns); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	for _, e := range ents {
		row := []string{e.ID, string(e.Type), e.Name, strings.Join(e.Aliases, "; "), strconv.Itoa(len(e.Documents)),
			strconv.Itoa(len(e.Mentions)), "", "", "", "", ""}
		if p := e.Place; p != nil {
			row[6], row[7], row[8], row[9], row[10] = coord(p.Lat), coord(p.Lon), p.Country, p.Admin1, p.GazetteerID
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
	}
	return nil
}

func relationRows(ctx context.Context, cw *csv.Writer, s dossier.Store, byID map[string]*dossier.Entity) error {
	facts, err := s.Facts(ctx)
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	if err := cw.Write(RelationColumns); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	name := func(id string) string {
		if e := byID[id]; e != nil {
			return e.Name
		}
		return ""
	}
	for _, r := range facts.Relations {
		row := []string{r.ID, r.Subject, name(r.Subject), r.Predicate, r.Object, name(r.Object), r.Start, r.End,
			strings.Join(r.Documents, "; "), strings.Join(r.Claims, "; ")}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
	}
	return nil
}

// dateParts splits a date at any precision into GTD's iyear, imonth, iday
// ("0" for an unknown month or day).
func dateParts(d string) (y, m, day string) {
	if len(d) < 4 {
		return "", "", ""
	}
	y, m, day = d[:4], "0", "0"
	if len(d) >= 7 {
		m = strings.TrimPrefix(d[5:7], "0")
	}
	if len(d) >= 10 {
		day = strings.TrimPrefix(d[8:10], "0")
	}
	return y, m, day
}

// isTown reports whether a geocoded place is a populated place rather than
// a country or division: GeoNames divisions carry an admin code
// ("geonames:AF", "geonames:AF.18"), towns a numeric id.
func isTown(p *dossier.PlaceInfo) bool {
	id, ok := strings.CutPrefix(p.GazetteerID, "geonames:")
	return ok && id != "" && id[0] >= '0' && id[0] <= '9'
}

func coord(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// countryNamer returns country names from countries, else from a country
// entity in the store, else the code itself.
func countryNamer(byID map[string]*dossier.Entity, countries Countries) func(string) string {
	fromStore := map[string]string{}
	for _, e := range byID {
		if e.Place != nil && e.Place.GazetteerID == "geonames:"+e.Place.Country {
			fromStore[e.Place.Country] = e.Name
		}
	}
	return func(code string) string {
		if code == "" {
			return ""
		}
		if countries != nil {
			if n := countries(code); n != "" {
				return n
			}
		}
		if n := fromStore[code]; n != "" {
			return n
		}
		return code
	}
}

func entityNames(byID map[string]*dossier.Entity, ids []string) []string {
	var out []string
	for _, id := range ids {
		if e := byID[id]; e != nil {
			out = append(out, e.Name)
		} else {
			out = append(out, id)
		}
	}
	return out
}

// docLabel names a source document for a reader: title, outlet and date.
func docLabel(d *dossier.Document, id string) string {
	if d == nil {
		return id
	}
	label := d.Title
	if label == "" {
		label = d.Source
	}
	var meta []string
	if d.Outlet != "" {
		meta = append(meta, d.Outlet)
	}
	if d.Published != "" {
		meta = append(meta, d.Published)
	}
	if len(meta) > 0 {
		label += " (" + strings.Join(meta, ", ") + ")"
	}
	return label
}

// AttackType is GTD's attack type (attacktype1_txt) of an attack subtype.
func AttackType(subtype string) string {
	switch subtype {
	case "suicide bombing", "bombing":
		return "Bombing/Explosion"
	case "armed assault":
		return "Armed Assault"
	case "assassination":
		return "Assassination"
	case "kidnapping":
		return "Hostage Taking (Kidnapping)"
	case "hostage taking":
		return "Hostage Taking (Barricade Incident)"
	case "facility attack":
		return "Facility/Infrastructure Attack"
	case "hijacking":
		return "Hijacking"
	case "unarmed assault":
		return "Unarmed Assault"
	}
	return "Unknown"
}

// TargetType is GTD's target type (targtype1_txt) of a dossier target
// type; "" when unknown.
func TargetType(t string) string {
	switch t {
	case "":
		return ""
	case "military":
		return "Military"
	case "police":
		return "Police"
	case "government":
		return "Government (General)"
	case "journalists & media":
		return "Journalists & Media"
	case "religious figures/institutions":
		return "Religious Figures/Institutions"
	case "private citizens & property":
		return "Private Citizens & Property"
	}
	return strings.ToUpper(t[:1]) + t[1:]
}
