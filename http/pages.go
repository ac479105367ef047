package http

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/dossier-osint/dossier"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// pages are the parsed templates, one set per page, each with the layout.
type pages struct{ t map[string]*template.Template }

var pageNames = []string{"home", "search", "entities", "profile", "section", "timeline", "event", "map", "network", "documents", "reader", "upload", "error"}

func loadPages() (*pages, error) {
	p := &pages{t: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.t[name] = t
	}
	return p, nil
}

// bidiControls are the characters that reorder how text is displayed
// ("Trojan Source"): embeddings, overrides, isolates and marks. A document
// could use them to make a sentence read as something else, so pages show
// them as visible marks.
var bidiControls = strings.NewReplacer(
	"\u202a", "⟨LRE⟩", "\u202b", "⟨RLE⟩", "\u202c", "⟨PDF⟩", "\u202d", "⟨LRO⟩", "\u202e", "⟨RLO⟩",
	"\u2066", "⟨LRI⟩", "\u2067", "⟨RLI⟩", "\u2068", "⟨FSI⟩", "\u2069", "⟨PDI⟩",
	"\u200e", "⟨LRM⟩", "\u200f", "⟨RLM⟩", "\u061c", "⟨ALM⟩",
)

// vis makes text from a document safe to show: html/template escapes
// markup; vis makes bidirectional controls visible.
func vis(s string) string { return bidiControls.Replace(s) }

var funcs = template.FuncMap{
	"vis":   vis,
	"words": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"join": func(sep string, ss []string) string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = vis(s)
		}
		return strings.Join(out, sep)
	},
	"add":    func(a, b int) int { return a + b },
	"mul":    func(a, b int) int { return a * b },
	"short":  func(id string) string { return id[:min(len(id), 10)] },
	"pct":    func(n, total int) int { return 100 * n / max(total, 1) },
	"query":  qs,
	"f1":     func(x float64) string { return fmt.Sprintf("%.1f", x) },
	"bytype": func(m map[string]int, t string) int { return m[t] },
}

// qs builds a query string from key, value pairs, leaving out empty
// values: "?actor=isk&type=attack", or "" when all are empty.
func qs(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// page is what every template gets.
type page struct {
	Title string
	Nav   string // the top bar's current item
	Q     string // the search box's text
	// API is the JSON address of what the page shows; CSV its CSV form
	// when the view is a table.
	API, CSV string
	Write    bool
	Data     any
}

// render writes a page. It renders to a buffer first, so a template error
// becomes a clean error page instead of half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) error {
	t := s.pages.t[name]
	if t == nil {
		return fmt.Errorf("no template %q", name)
	}
	p.Write = s.AllowWrite
	var b bytes.Buffer
	if err := t.Execute(&b, p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := io.Copy(w, &b)
	return err
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	err := s.render(w, status, "error", page{Title: http.StatusText(status), Data: struct {
		Status  int
		Message string
	}{status, msg}})
	if err != nil {
		s.Logger.Error("render error page", "err", err)
		http.Error(w, msg, status)
	}
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) error {
	o, err := overview(r.Context(), s.Pages)
	if err != nil {
		return err
	}
	return s.render(w, 200, "home", page{Title: "Overview", Nav: "home", API: "/api/v1/overview", Data: o})
}

// readSearch answers ?q= with at most ?limit= hits of each kind.
func (s *Server) readSearch(r *http.Request) (*SearchResults, error) {
	limit, err := limitParam(r, dossier.DefaultLimit)
	if err != nil {
		return nil, err
	}
	return search(r.Context(), s.Store, r.FormValue("q"), limit)
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := r.FormValue("q")
	res, err := s.readSearch(r)
	if err != nil {
		return err
	}
	return s.render(w, 200, "search", page{Title: "Search: " + q, Nav: "search", Q: q,
		API: "/api/v1/search" + qs("q", q), Data: res})
}

// readEntities answers a request for a page of the entity list.
func (s *Server) readEntities(r *http.Request) (*EntityList, error) {
	req, err := pageRequest(r)
	if err != nil {
		return nil, err
	}
	l, page, err := entityList(r.Context(), s.Pages, r.FormValue("type"), r.FormValue("sort"), req)
	if err != nil {
		return nil, err
	}
	l.Paging = paging(r, page.Next, page.Total)
	return l, nil
}

func (s *Server) entitiesPage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.readEntities(r)
	if err != nil {
		return err
	}
	q := qs("type", l.Type, "sort", r.FormValue("sort"), "limit", r.FormValue("limit"), "cursor", r.FormValue("cursor"))
	csv := "/api/v1/entities" + q
	if q == "" {
		csv += "?format=csv"
	} else {
		csv += "&format=csv"
	}
	return s.render(w, 200, "entities", page{Title: "Entities", Nav: "entities", API: "/api/v1/entities" + q, CSV: csv, Data: l})
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request) error {
	p, err := buildProfile(r.Context(), s.Pages, r.PathValue("id"))
	if err != nil {
		return err
	}
	id := url.PathEscape(p.ID)
	return s.render(w, 200, "profile", page{Title: p.Name, Nav: "entities", API: "/api/v1/entities/" + id,
		CSV: "/api/v1/events?format=csv&actor=" + url.QueryEscape(p.ID), Data: struct {
			*Profile
			Map *MapSVG
		}{p, profileMap(p)}})
}

// profileMap draws the actor's areas of operation, or nil when none has
// coordinates.
func profileMap(p *Profile) *MapSVG {
	wb, sb, eb, nb := 180.0, 90.0, -180.0, -90.0
	var located []Area
	for _, a := range p.Areas {
		if a.Located {
			located = append(located, a)
			wb, eb, sb, nb = min(wb, a.Lon), max(eb, a.Lon), min(sb, a.Lat), max(nb, a.Lat)
		}
	}
	if len(located) == 0 {
		return nil
	}
	cs, err := basemap()
	if err != nil {
		return nil
	}
	pr := newProjection(wb, sb, eb, nb, 420, 300, 16)
	m := &MapSVG{Width: pr.Width, Height: pr.Height, Countries: pr.paths(cs)}
	for _, a := range located {
		x, y := pr.xy(a.Lon, a.Lat)
		m.Markers = append(m.Markers, Marker{X: x, Y: y, R: 5, Class: "area", Href: "/entities/" + url.PathEscape(a.ID),
			Title: a.Name + " (" + words(a.Why) + ")", Label: a.Name})
	}
	return m
}

func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

func eventFilter(r *http.Request) (EventFilter, error) {
	f := EventFilter{Actor: r.FormValue("actor"), Type: r.FormValue("type"), From: r.FormValue("from"), To: r.FormValue("to")}
	for _, d := range []string{f.From, f.To} {
		if d != "" && !validDate(d) {
			return f, dossier.Errorf(dossier.EINVALID, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
	}
	return f, nil
}

func validDate(d string) bool {
	if len(d) != 4 && len(d) != 7 && len(d) != 10 {
		return false
	}
	for i, c := range d {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func filterQuery(f EventFilter, extra ...string) string {
	return qs(append([]string{"actor", f.Actor, "type", f.Type, "from", f.From, "to", f.To}, extra...)...)
}

// readTimeline answers a request for a page of the timeline.
func (s *Server) readTimeline(r *http.Request) (*Timeline, error) {
	f, err := eventFilter(r)
	if err != nil {
		return nil, err
	}
	req, err := pageRequest(r)
	if err != nil {
		return nil, err
	}
	t, page, err := timeline(r.Context(), s.Pages, f, req)
	if err != nil {
		return nil, err
	}
	t.Paging = paging(r, page.Next, page.Total)
	return t, nil
}

func (s *Server) timelinePage(w http.ResponseWriter, r *http.Request) error {
	t, err := s.readTimeline(r)
	if err != nil {
		return err
	}
	actors, err := actorChoices(r.Context(), s.Pages)
	if err != nil {
		return err
	}
	more := []string{"limit", r.FormValue("limit"), "cursor", r.FormValue("cursor")}
	return s.render(w, 200, "timeline", page{Title: "Timeline", Nav: "events", API: "/api/v1/events" + filterQuery(t.Filter, more...),
		CSV: "/api/v1/events" + filterQuery(t.Filter, append(more, "format", "csv")...), Data: struct {
			*Timeline
			Actors []EntityRow
		}{t, actors}})
}

// actorChoices are the most mentioned groups, people and organisations,
// for the actor filter.
func actorChoices(ctx context.Context, pg dossier.Pages) ([]EntityRow, error) {
	page, err := pg.EntityPage(ctx, dossier.EntityQuery{Types: []dossier.EntityType{dossier.Group, dossier.Person, dossier.Organization},
		PageRequest: dossier.PageRequest{Limit: 200}})
	if err != nil {
		return nil, err
	}
	var out []EntityRow
	for _, e := range page.Items {
		out = append(out, entityRow(e))
	}
	return out, nil
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) error {
	e, err := eventPage(r.Context(), s.Pages, r.PathValue("id"))
	if err != nil {
		return err
	}
	var m *MapSVG
	if e.Located {
		cs, err := basemap()
		if err != nil {
			return err
		}
		pr := newProjection(e.Lon, e.Lat, e.Lon, e.Lat, 420, 300, 16)
		x, y := pr.xy(e.Lon, e.Lat)
		m = &MapSVG{Width: pr.Width, Height: pr.Height, Countries: pr.paths(cs),
			Markers: []Marker{{X: x, Y: y, R: 6, Class: "event", Title: e.Place.Name, Label: e.Place.Name}}}
	}
	return s.render(w, 200, "event", page{Title: words(e.Type) + " " + e.Date, Nav: "events",
		API: "/api/v1/events/" + url.PathEscape(e.ID), Data: struct {
			*EventPage
			Map *MapSVG
		}{e, m}})
}

// readMap answers a request for the map: ?limit= places at most.
func (s *Server) readMap(r *http.Request) (*MapView, error) {
	f, err := eventFilter(r)
	if err != nil {
		return nil, err
	}
	limit, err := limitParam(r, mapLimit)
	if err != nil {
		return nil, err
	}
	return mapView(r.Context(), s.Pages, f, limit, 960)
}

func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.readMap(r)
	if err != nil {
		return err
	}
	lim := r.FormValue("limit")
	return s.render(w, 200, "map", page{Title: "Map", Nav: "map", API: "/api/v1/map" + filterQuery(m.Filter, "limit", lim),
		CSV: "/api/v1/map" + filterQuery(m.Filter, "limit", lim, "format", "geojson"), Data: m})
}

// readNetwork answers a request for the network: ?limit= edges at most.
func (s *Server) readNetwork(r *http.Request) (*Network, error) {
	limit, err := limitParam(r, networkLimit)
	if err != nil {
		return nil, err
	}
	return network(r.Context(), s.Pages, r.FormValue("center"), limit, 960, 640)
}

func (s *Server) networkPage(w http.ResponseWriter, r *http.Request) error {
	n, err := s.readNetwork(r)
	if err != nil {
		return err
	}
	var c *Ref
	for i := range n.Nodes {
		if n.Nodes[i].ID == n.Center {
			c = &n.Nodes[i].Ref
		}
	}
	if c == nil && n.Center != "" {
		ents, err := s.Pages.EntitySummaries(r.Context(), []string{n.Center})
		if err != nil {
			return err
		}
		ref := Ref{ID: n.Center, Name: n.Center}
		if len(ents) == 1 {
			ref = Ref{ID: ents[0].ID, Name: ents[0].Name, Type: ents[0].Type}
		}
		c = &ref
	}
	return s.render(w, 200, "network", page{Title: "Network", Nav: "network",
		API: "/api/v1/network" + qs("center", n.Center, "limit", r.FormValue("limit")), Data: struct {
			*Network
			CenterRef *Ref
		}{n, c}})
}

// readDocuments answers a request for a page of the document list.
func (s *Server) readDocuments(r *http.Request) (*DocList, error) {
	req, err := pageRequest(r)
	if err != nil {
		return nil, err
	}
	page, err := s.Pages.DocumentPage(r.Context(), dossier.DocumentQuery{PageRequest: req})
	if err != nil {
		return nil, err
	}
	rows, err := docRows(r.Context(), s.Pages, page.Items)
	if err != nil {
		return nil, err
	}
	return &DocList{Documents: rows, Paging: paging(r, page.Next, page.Total)}, nil
}

func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.readDocuments(r)
	if err != nil {
		return err
	}
	q := qs("limit", r.FormValue("limit"), "cursor", r.FormValue("cursor"))
	csv := "/api/v1/documents" + q
	if q == "" {
		csv += "?format=csv"
	} else {
		csv += "&format=csv"
	}
	return s.render(w, 200, "documents", page{Title: "Documents", Nav: "documents", API: "/api/v1/documents" + q,
		CSV: csv, Data: l})
}

func (s *Server) buildReader(r *http.Request) (*Reader, error) {
	var hl *dossier.Span
	if v := r.FormValue("hl"); v != "" {
		var err error
		if hl, err = parseSpan(v); err != nil {
			return nil, err
		}
	}
	return buildReader(r.Context(), s.Store, s.Pages, r.PathValue("id"), hl)
}

func (s *Server) readerPage(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.buildReader(r)
	if err != nil {
		return err
	}
	title := rd.Document.Title
	if title == "" {
		title = rd.Document.Source
	}
	return s.render(w, 200, "reader", page{Title: title, Nav: "documents", API: "/api/v1/documents/" + url.PathEscape(rd.Document.ID), Data: rd})
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, 200, "upload", page{Title: "Add a document", Nav: "documents", Data: struct{ Result string }{}})
}

// uploadForm ingests the file posted by the upload page.
func (s *Server) uploadForm(w http.ResponseWriter, r *http.Request) error {
	name, data, err := uploaded(r)
	if err != nil {
		return err
	}
	msg, err := s.ingest(r, name, data)
	if err != nil {
		return err
	}
	return s.render(w, 200, "upload", page{Title: "Add a document", Nav: "documents", Data: struct{ Result string }{msg}})
}
