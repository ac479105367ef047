package http

import (
	"context"
	"fmt"
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

// DocList is the documents page: a page of documents in ingest order.
type DocList struct {
	Documents []DocRow `json:"documents"`
	Paging
}

// docRows adds to each document what its ingest produced.
func docRows(ctx context.Context, pg dossier.Pages, docs []*dossier.Document) ([]DocRow, error) {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	stats, err := pg.DocumentStatsFor(ctx, ids)
	if err != nil {
		return nil, err
	}
	rows := []DocRow{}
	for _, d := range docs {
		s := stats[d.ID]
		rows = append(rows, DocRow{DocMeta: docMeta(d), Stats: s, Status: ingestStatus(s)})
	}
	return rows, nil
}

// overviewRows is how many groups, people and documents the overview
// lists.
const overviewRows = 12

func overview(ctx context.Context, pg dossier.Pages) (*Overview, error) {
	counts, err := pg.Counts(ctx)
	if err != nil {
		return nil, err
	}
	o := &Overview{Documents: counts.Documents, Entities: map[string]int{}, Events: counts.Events,
		Relations: counts.Relations, Attributes: counts.Attributes, Groups: []EntityRow{}, People: []EntityRow{}}
	for t, n := range counts.Entities {
		o.Entities[string(t)] = n
	}
	for _, l := range []struct {
		typ  dossier.EntityType
		rows *[]EntityRow
	}{{dossier.Group, &o.Groups}, {dossier.Person, &o.People}} {
		page, err := pg.EntityPage(ctx, dossier.EntityQuery{Types: []dossier.EntityType{l.typ}, PageRequest: dossier.PageRequest{Limit: overviewRows}})
		if err != nil {
			return nil, err
		}
		for _, e := range page.Items {
			*l.rows = append(*l.rows, entityRow(e))
		}
	}
	recent, err := pg.DocumentPage(ctx, dossier.DocumentQuery{Newest: true, PageRequest: dossier.PageRequest{Limit: 8}})
	if err != nil {
		return nil, err
	}
	if o.Recent, err = docRows(ctx, pg, recent.Items); err != nil {
		return nil, err
	}
	return o, nil
}

// EntityList is the entities page, optionally of one type: a page of
// them, most mentioned first or by name.
type EntityList struct {
	Type     string      `json:"type,omitempty"`
	Sort     string      `json:"sort"`
	Types    []TypeCount `json:"types"`
	Entities []EntityRow `json:"entities"`
	Paging
}

// TypeCount is how many entities have a type.
type TypeCount struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

func entityList(ctx context.Context, pg dossier.Pages, typ, order string, req dossier.PageRequest) (*EntityList, *dossier.Page[dossier.EntitySummary], error) {
	if typ != "" && !dossier.EntityType(typ).Valid() {
		return nil, nil, dossier.Errorf(dossier.EINVALID, "unknown entity type %q", typ)
	}
	if order == "" {
		order = dossier.ByMentions
	}
	q := dossier.EntityQuery{Sort: order, PageRequest: req}
	if typ != "" {
		q.Types = []dossier.EntityType{dossier.EntityType(typ)}
	}
	page, err := pg.EntityPage(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	counts, err := pg.Counts(ctx)
	if err != nil {
		return nil, nil, err
	}
	l := &EntityList{Type: typ, Sort: order, Types: []TypeCount{}, Entities: []EntityRow{}}
	for _, e := range page.Items {
		l.Entities = append(l.Entities, entityRow(e))
	}
	for t, n := range counts.Entities {
		l.Types = append(l.Types, TypeCount{string(t), n})
	}
	sort.Slice(l.Types, func(i, j int) bool {
		if l.Types[i].Count != l.Types[j].Count {
			return l.Types[i].Count > l.Types[j].Count
		}
		return l.Types[i].Type < l.Types[j].Type
	})
	return l, page, nil
}

// SearchResults is the search page: at most Limit hits of each kind.
type SearchResults struct {
	Query     string    `json:"query"`
	Limit     int       `json:"limit"`
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

func search(ctx context.Context, st dossier.Store, q string, limit int) (*SearchResults, error) {
	r := &SearchResults{Query: q, Limit: limit, Entities: []HitView{}, Events: []HitView{}, Documents: []HitView{}}
	if strings.TrimSpace(q) == "" {
		return r, nil
	}
	hits, err := st.Search(ctx, q, limit)
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

// Map defaults: the points and places a map shows unless ?limit= says.
const mapLimit = 200

// MapView is the map page: the selected events grouped by place (one
// point a geocoded place, the busiest Limit places; markers sized by
// deaths) and the geocoded places the documents mention most.
type MapView struct {
	Filter EventFilter `json:"filter"`
	Points []MapPoint  `json:"points"`
	// Located counts the selected events at geocoded places, Unlocated
	// those without coordinates; EventPlaces the geocoded places with
	// selected events, shown or not.
	Located     int           `json:"located"`
	Unlocated   int           `json:"unlocated"`
	EventPlaces int           `json:"event_places"`
	Places      []PlaceMarker `json:"places"`
	PlaceTotal  int           `json:"place_total"` // geocoded places in all
	Limit       int           `json:"limit"`
	Extracted   bool          `json:"extracted"`
	SVG         *MapSVG       `json:"-"`
}

// MapPoint is a place and the selected events there.
type MapPoint struct {
	Place     Ref     `json:"place"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Events    int     `json:"events"`
	MaxKilled int     `json:"max_killed"`
	// Event is the event when it is the only one there.
	Event *EventRow `json:"event,omitempty"`
	// Link is the event's page, or the timeline of the place.
	Link string `json:"link"`
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

// mapView groups the filtered events by place on the server: a bounded
// number of points, whatever the number of events.
func mapView(ctx context.Context, pg dossier.Pages, f EventFilter, limit int, width float64) (*MapView, error) {
	pts, err := pg.MapPoints(ctx, dossier.MapQuery{EventQuery: f.query(), Limit: limit})
	if err != nil {
		return nil, err
	}
	places, err := pg.EntityPage(ctx, dossier.EntityQuery{Types: []dossier.EntityType{dossier.Place}, Located: true,
		PageRequest: dossier.PageRequest{Limit: limit}})
	if err != nil {
		return nil, err
	}
	counts, err := pg.Counts(ctx)
	if err != nil {
		return nil, err
	}
	n := newNeeds()
	var single []string
	for _, p := range pts.Points {
		n.entity(p.Place)
		if p.Event != "" {
			single = append(single, p.Event)
		}
	}
	evs, err := pg.EventsByID(ctx, single)
	if err != nil {
		return nil, err
	}
	byID := map[string]*dossier.Event{}
	for _, e := range evs {
		n.event(e)
		byID[e.ID] = e
	}
	w, err := load(ctx, pg, n)
	if err != nil {
		return nil, err
	}
	c := newCiter(w)
	m := &MapView{Filter: f, Points: []MapPoint{}, Located: pts.Located, Unlocated: pts.Unlocated, EventPlaces: pts.Places,
		Places: []PlaceMarker{}, PlaceTotal: places.Total, Limit: limit, Extracted: counts.Events > 0}
	wb, sb, eb, nb := 180.0, 90.0, -180.0, -90.0
	see := func(lon, lat float64) {
		wb, eb, sb, nb = min(wb, lon), max(eb, lon), min(sb, lat), max(nb, lat)
	}
	for _, p := range pts.Points {
		s := w.entByID[p.Place]
		if s == nil || s.Place == nil {
			continue
		}
		mp := MapPoint{Place: w.ref(p.Place), Lat: s.Place.Lat, Lon: s.Place.Lon, Events: p.Events, MaxKilled: p.MaxKilled,
			Link: "/events" + qs("actor", p.Place)}
		if e := byID[p.Event]; e != nil {
			row := w.eventRow(c, e)
			mp.Event, mp.Link = &row, "/events/"+url.PathEscape(e.ID)
		}
		m.Points = append(m.Points, mp)
		see(mp.Lon, mp.Lat)
	}
	for _, e := range places.Items {
		if e.Place == nil || (e.Place.Lat == 0 && e.Place.Lon == 0) {
			continue
		}
		m.Places = append(m.Places, PlaceMarker{Ref: Ref{ID: e.ID, Name: e.Name, Type: e.Type}, Lat: e.Place.Lat,
			Lon: e.Place.Lon, Country: e.Place.Country, Mentions: e.Mentions})
		if len(m.Points) == 0 {
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
	pts2 := slices.Clone(m.Points)
	sort.SliceStable(pts2, func(i, j int) bool { return pts2[i].MaxKilled > pts2[j].MaxKilled })
	for _, pt := range pts2 {
		x, y := p.xy(pt.Lon, pt.Lat)
		var title, cls string
		if e := pt.Event; e != nil {
			title = strings.TrimSpace(e.Date + " " + strings.ReplaceAll(e.Type, "_", " "))
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
			cls = "event"
			if e.Killed.Contested {
				cls += " contested"
			}
		} else {
			title = fmt.Sprintf("%s: %s events, up to %s killed in one", pt.Place.Name, itoa(pt.Events), itoa(pt.MaxKilled))
			cls = "event many"
		}
		svg.Markers = append(svg.Markers, Marker{X: x, Y: y, R: 5 + 2.5*math.Sqrt(float64(pt.MaxKilled)), Class: cls,
			Href: pt.Link, Title: title})
	}
	m.SVG = svg
	return m, nil
}

func itoa(n int) string { return thousands(n) }
