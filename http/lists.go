package http

import (
	"context"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-osint/dossier"
)

// Overview is the home page: what the database holds.
type Overview struct {
	Documents  int            `json:"documents"`
	Entities   map[string]int `json:"entities"` // by type
	Events     int            `json:"events"`
	Relations  int            `json:"relations"`
	Attributes int            `json:"attributes"`
	Groups     []EntityRow    `json:"groups"` // most mentioned armed groups
	People     []EntityRow    `json:"people"`
	Recent     []DocRow       `json:"recent"`
}

// EntityRow is an entity in a list.
type EntityRow struct {
	Ref
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mentions"`
	Documents int      `json:"documents"`
	Located   bool     `json:"located"`
}

func entityRow(s dossier.EntitySummary) EntityRow {
	r := EntityRow{Ref: Ref{ID: s.ID, Name: s.Name, Type: s.Type}, Aliases: s.Aliases, Mentions: s.Mentions,
		Documents: s.Documents, Located: s.Place != nil}
	if r.Aliases == nil {
		r.Aliases = []string{}
	}
	return r
}

// DocRow is a document in the documents list.
type DocRow struct {
	DocMeta
	Stats  dossier.DocumentStats `json:"stats"`
	Status string                `json:"status"`
}

// ingestStatus says in words how far the pipeline has taken a document.
// Resolution may leave some mentions without an entity on purpose (a
// nationality, a word it judged no name), so a document counts as
// awaiting resolution only when none of its mentions is linked yet.
func ingestStatus(s dossier.DocumentStats) string {
	switch {
	case s.Chars == 0:
		return "no text"
	case s.Mentions == 0:
		return "read, no mentions found"
	case s.Unresolved == s.Mentions:
		return "awaiting resolution"
	}
	return "resolved"
}

func docRows(ctx context.Context, st dossier.Store, w *world) ([]DocRow, error) {
	stats, err := st.DocumentStats(ctx)
	if err != nil {
		return nil, err
	}
	rows := []DocRow{}
	for _, d := range w.docs {
		s := stats[d.ID]
		rows = append(rows, DocRow{DocMeta: docMeta(d), Stats: s, Status: ingestStatus(s)})
	}
	return rows, nil
}

func (w *world) overview(docs []DocRow) *Overview {
	o := &Overview{Documents: len(w.docs), Entities: map[string]int{}, Events: len(w.facts.Events),
		Relations: len(w.facts.Relations), Attributes: len(w.facts.Attributes), Groups: []EntityRow{}, People: []EntityRow{}}
	for _, e := range w.ents {
		o.Entities[string(e.Type)]++
		switch {
		case e.Type == dossier.Group && len(o.Groups) < 12:
			o.Groups = append(o.Groups, entityRow(e))
		case e.Type == dossier.Person && len(o.People) < 12:
			o.People = append(o.People, entityRow(e))
		}
	}
	o.Recent = docs[max(0, len(docs)-8):]
	slices.Reverse(o.Recent)
	return o
}

// EntityList is the entities page, optionally of one type.
type EntityList struct {
	Type     string      `json:"type,omitempty"`
	Types    []TypeCount `json:"types"`
	Entities []EntityRow `json:"entities"`
}

// TypeCount is how many entities have a type.
type TypeCount struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

func (w *world) entityList(typ string) (*EntityList, error) {
	if typ != "" && !dossier.EntityType(typ).Valid() && !slices.ContainsFunc(w.ents, func(e dossier.EntitySummary) bool { return string(e.Type) == typ }) {
		return nil, dossier.Errorf(dossier.EINVALID, "unknown entity type %q", typ)
	}
	l := &EntityList{Type: typ, Types: []TypeCount{}, Entities: []EntityRow{}}
	counts := map[string]int{}
	for _, e := range w.ents {
		counts[string(e.Type)]++
		if typ == "" || string(e.Type) == typ {
			l.Entities = append(l.Entities, entityRow(e))
		}
	}
	for t, n := range counts {
		l.Types = append(l.Types, TypeCount{t, n})
	}
	sort.Slice(l.Types, func(i, j int) bool { return l.Types[i].Count > l.Types[j].Count })
	return l, nil
}

// SearchResults is the search page.
type SearchResults struct {
	Query     string    `json:"query"`
	Entities  []HitView `json:"entities"`
	Events    []HitView `json:"events"`
	Documents []HitView `json:"documents"`
}

// HitView is a search hit with its link; Marks cut the snippet into
// matched and unmatched runs for the page.
type HitView struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Type    string `json:"type,omitempty"`
	Snippet string `json:"snippet"`
	Link    string `json:"link"`
	Marks   []Mark `json:"-"`
}

// Mark is a run of a snippet; Hit runs matched the query.
type Mark struct {
	Text string
	Hit  bool
}

// marks splits a snippet at the store's match markers (\x02 ... \x03).
func marks(s string) ([]Mark, string) {
	var out []Mark
	var plain strings.Builder
	hit := false
	for s != "" {
		sep := "\x02"
		if hit {
			sep = "\x03"
		}
		before, after, found := strings.Cut(s, sep)
		if before != "" {
			out = append(out, Mark{before, hit})
			plain.WriteString(before)
		}
		if !found {
			break
		}
		hit, s = !hit, after
	}
	return out, plain.String()
}

func search(ctx context.Context, st dossier.Store, q string) (*SearchResults, error) {
	r := &SearchResults{Query: q, Entities: []HitView{}, Events: []HitView{}, Documents: []HitView{}}
	if strings.TrimSpace(q) == "" {
		return r, nil
	}
	hits, err := st.Search(ctx, q, 25)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		v := HitView{ID: h.ID, Title: h.Title, Type: h.Type}
		v.Marks, v.Snippet = marks(h.Snippet)
		switch h.Kind {
		case "entity":
			v.Link = "/entities/" + url.PathEscape(h.ID)
			r.Entities = append(r.Entities, v)
		case "event":
			v.Link = "/events/" + url.PathEscape(h.ID)
			r.Events = append(r.Events, v)
		case "document":
			v.Link = "/documents/" + url.PathEscape(h.ID)
			if h.End > h.Start {
				v.Link = readerLink(h.ID, h.Start, h.End)
			}
			r.Documents = append(r.Documents, v)
		}
	}
	return r, nil
}

// MapView is the map page: located events (markers sized by deaths) and
// the geocoded places the documents mention.
type MapView struct {
	Filter    EventFilter   `json:"filter"`
	Events    []EventRow    `json:"events"`
	Unlocated int           `json:"unlocated"` // events without coordinates
	Places    []PlaceMarker `json:"places"`
	Extracted bool          `json:"extracted"`
	SVG       *MapSVG       `json:"-"`
}

// PlaceMarker is a geocoded place entity.
type PlaceMarker struct {
	Ref
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Country  string  `json:"country"`
	Mentions int     `json:"mentions"`
}

// MapSVG is the drawn map.
type MapSVG struct {
	Width, Height float64
	Countries     []CountryPath
	Markers       []Marker
}

// Marker is a circle on the map linking to its event or place.
type Marker struct {
	X, Y, R float64
	Class   string
	Href    string
	Title   string
	Label   string
}

func (w *world) mapView(f EventFilter, width float64) (*MapView, error) {
	t := w.timeline(f)
	m := &MapView{Filter: f, Events: []EventRow{}, Places: []PlaceMarker{}, Extracted: t.Extracted}
	wb, sb, eb, nb := 180.0, 90.0, -180.0, -90.0
	see := func(lon, lat float64) {
		wb, eb, sb, nb = min(wb, lon), max(eb, lon), min(sb, lat), max(nb, lat)
	}
	for _, e := range t.Events {
		if !e.Located {
			m.Unlocated++
			continue
		}
		m.Events = append(m.Events, e)
		see(e.Lon, e.Lat)
	}
	for _, e := range w.ents {
		if e.Place == nil || (e.Place.Lat == 0 && e.Place.Lon == 0) {
			continue
		}
		m.Places = append(m.Places, PlaceMarker{Ref: Ref{ID: e.ID, Name: e.Name, Type: e.Type}, Lat: e.Place.Lat,
			Lon: e.Place.Lon, Country: e.Place.Country, Mentions: e.Mentions})
		if len(m.Events) == 0 {
			see(e.Place.Lon, e.Place.Lat)
		}
	}
	cs, err := basemap()
	if err != nil {
		return nil, err
	}
	p := newProjection(wb, sb, eb, nb, width, width*9/16, 30)
	svg := &MapSVG{Width: p.Width, Height: p.Height, Countries: p.paths(cs)}
	for _, pl := range m.Places {
		x, y := p.xy(pl.Lon, pl.Lat)
		svg.Markers = append(svg.Markers, Marker{X: x, Y: y, R: 3, Class: "place", Href: "/entities/" + url.PathEscape(pl.ID),
			Title: pl.Name + " (place, " + itoa(pl.Mentions) + " mentions)", Label: pl.Name})
	}
	// Largest first, so small markers stay clickable on top.
	evs := slices.Clone(m.Events)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].MaxKilled > evs[j].MaxKilled })
	for _, e := range evs {
		x, y := p.xy(e.Lon, e.Lat)
		title := strings.TrimSpace(e.Date + " " + strings.ReplaceAll(e.Type, "_", " "))
		if e.Place != nil {
			title += ", " + e.Place.Name
		}
		if len(e.Killed.Figures) > 0 {
			var fs []string
			for _, f := range e.Killed.Figures {
				fs = append(fs, f.Text)
			}
			title += ": killed " + strings.Join(fs, " / ")
		}
		cls := "event"
		if e.Killed.Contested {
			cls += " contested"
		}
		svg.Markers = append(svg.Markers, Marker{X: x, Y: y, R: 5 + 2.5*math.Sqrt(float64(e.MaxKilled)), Class: cls,
			Href: "/events/" + url.PathEscape(e.ID), Title: title})
	}
	m.SVG = svg
	return m, nil
}

func itoa(n int) string { return thousands(n) }
