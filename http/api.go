package http

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dossier-osint/dossier"
)

// openAPIDoc describes every route under /api/v1/; TestOpenAPICoversRoutes
// keeps it and the mux in step.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(openAPIDoc)
	return err
}

// format is the answer's format asked for with ?format=, checked against
// what the route offers (the first is the default).
func format(r *http.Request, offered ...string) (string, error) {
	f := r.FormValue("format")
	if f == "" {
		return offered[0], nil
	}
	for _, o := range offered {
		if f == o {
			return f, nil
		}
	}
	return "", dossier.Errorf(dossier.EINVALID, "unknown format %q (have: %s)", f, strings.Join(offered, ", "))
}

// writeCSV writes a table as an attachment named name. Cells that a
// spreadsheet would take for a formula (=, +, -, @ first) get a leading
// apostrophe: document text must not become a formula on the analyst's
// machine.
func writeCSV(w http.ResponseWriter, name string, header []string, rows [][]string) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		for i, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				row[i] = "'" + c
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func names(rs []Ref) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return strings.Join(out, "; ")
}

func figures(c Count) string {
	out := make([]string, len(c.Figures))
	for i, f := range c.Figures {
		out[i] = fmt.Sprintf("%s [%d]", f.Text, f.N)
	}
	return strings.Join(out, "; ")
}

func (s *Server) apiOverview(w http.ResponseWriter, r *http.Request) error {
	o, err := overview(r.Context(), s.Pages)
	if err != nil {
		return err
	}
	return writeJSON(w, 200, o)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	f, err := format(r, "json", "csv")
	if err != nil {
		return err
	}
	res, err := s.readSearch(r)
	if err != nil {
		return err
	}
	if f == "csv" {
		var rows [][]string
		for _, g := range []struct {
			kind string
			hits []HitView
		}{{"entity", res.Entities}, {"event", res.Events}, {"document", res.Documents}} {
			for _, h := range g.hits {
				rows = append(rows, []string{g.kind, h.ID, h.Title, h.Type, h.Snippet, h.Link})
			}
		}
		return writeCSV(w, "search.csv", []string{"kind", "id", "title", "type", "snippet", "link"}, rows)
	}
	return writeJSON(w, 200, res)
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) error {
	f, err := format(r, "json", "csv")
	if err != nil {
		return err
	}
	l, err := s.readEntities(r)
	if err != nil {
		return err
	}
	linkNext(w, l.Paging)
	if f == "csv" {
		var rows [][]string
		for _, e := range l.Entities {
			rows = append(rows, []string{e.ID, string(e.Type), e.Name, strings.Join(e.Aliases, "; "),
				strconv.Itoa(e.Mentions), strconv.Itoa(e.Documents)})
		}
		return writeCSV(w, "entities.csv", []string{"id", "type", "name", "aliases", "mentions", "documents"}, rows)
	}
	return writeJSON(w, 200, l)
}

func (s *Server) apiProfile(w http.ResponseWriter, r *http.Request) error {
	p, err := buildProfile(r.Context(), s.Pages, r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, 200, p)
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	f, err := format(r, "json", "csv")
	if err != nil {
		return err
	}
	t, err := s.readTimeline(r)
	if err != nil {
		return err
	}
	linkNext(w, t.Paging)
	if f == "csv" {
		return writeCSV(w, "events.csv", eventHeader, eventRows(t.Events))
	}
	return writeJSON(w, 200, t)
}

var eventHeader = []string{"id", "date", "type", "subtype", "place", "lat", "lon", "perpetrators", "targets",
	"killed", "killed_contested", "injured", "injured_contested", "sources", "summary"}

func eventRows(es []EventRow) [][]string {
	var rows [][]string
	for _, e := range es {
		place, lat, lon := "", "", ""
		if e.Place != nil {
			place = e.Place.Name
		}
		if e.Located {
			lat, lon = strconv.FormatFloat(e.Lat, 'f', 5, 64), strconv.FormatFloat(e.Lon, 'f', 5, 64)
		}
		rows = append(rows, []string{e.ID, e.Date, e.Type, e.Subtype, place, lat, lon, names(e.Perpetrators), names(e.Targets),
			figures(e.Killed), strconv.FormatBool(e.Killed.Contested), figures(e.Injured), strconv.FormatBool(e.Injured.Contested),
			strconv.Itoa(e.Sources), e.Summary})
	}
	return rows
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) error {
	e, err := eventPage(r.Context(), s.Pages, r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, 200, e)
}

func (s *Server) apiMap(w http.ResponseWriter, r *http.Request) error {
	f, err := format(r, "json", "geojson")
	if err != nil {
		return err
	}
	m, err := s.readMap(r)
	if err != nil {
		return err
	}
	if f == "geojson" {
		w.Header().Set("Content-Disposition", `attachment; filename="map.geojson"`)
		return writeJSON(w, 200, geoJSON(m))
	}
	return writeJSON(w, 200, m)
}

// geoJSON is the map as a GeoJSON FeatureCollection: a point per place
// with events (kind "event" with the event's fields when it is the only
// one there, else "events" with their number) and the places mentioned,
// [lon, lat] as the format wants.
func geoJSON(m *MapView) any {
	type feature struct {
		Type       string         `json:"type"`
		Geometry   map[string]any `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	fs := []feature{}
	for _, p := range m.Points {
		props := map[string]any{"kind": "events", "place": p.Place.Name, "place_id": p.Place.ID, "events": p.Events,
			"max_killed": p.MaxKilled}
		if e := p.Event; e != nil {
			props["kind"], props["id"], props["type"], props["date"] = "event", e.ID, e.Type, e.Date
			props["killed"], props["killed_contested"] = figures(e.Killed), e.Killed.Contested
		}
		fs = append(fs, feature{"Feature", map[string]any{"type": "Point", "coordinates": []float64{p.Lon, p.Lat}}, props})
	}
	for _, p := range m.Places {
		fs = append(fs, feature{"Feature", map[string]any{"type": "Point", "coordinates": []float64{p.Lon, p.Lat}},
			map[string]any{"kind": "place", "id": p.ID, "name": p.Name, "country": p.Country, "mentions": p.Mentions}})
	}
	return map[string]any{"type": "FeatureCollection", "features": fs}
}

func (s *Server) apiNetwork(w http.ResponseWriter, r *http.Request) error {
	n, err := s.readNetwork(r)
	if err != nil {
		return err
	}
	return writeJSON(w, 200, n)
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) error {
	f, err := format(r, "json", "csv")
	if err != nil {
		return err
	}
	l, err := s.readDocuments(r)
	if err != nil {
		return err
	}
	linkNext(w, l.Paging)
	if f == "csv" {
		var out [][]string
		for _, d := range l.Documents {
			out = append(out, []string{d.ID, d.Title, d.Outlet, d.Published, strings.Join(d.Authors, "; "), d.Source, d.URL,
				d.IngestedAt.UTC().Format("2006-01-02T15:04:05Z"), d.Status, strconv.Itoa(d.Stats.Chars),
				strconv.Itoa(d.Stats.Mentions), strconv.Itoa(d.Stats.Claims)})
		}
		return writeCSV(w, "documents.csv", []string{"id", "title", "outlet", "published", "authors", "source", "url",
			"ingested_at", "status", "chars", "mentions", "claims"}, out)
	}
	return writeJSON(w, 200, l)
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.buildReader(r)
	if err != nil {
		return err
	}
	return writeJSON(w, 200, rd)
}

// apiUpload ingests a document sent as the request body (name from
// ?name=) or as the "file" field of a multipart form.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) error {
	name, data, err := uploaded(r)
	if err != nil {
		return err
	}
	msg, err := s.ingest(r, name, data)
	if err != nil {
		return err
	}
	return writeJSON(w, 200, map[string]string{"result": msg})
}

// uploaded reads the uploaded file: a multipart "file" field, else the
// raw body named by ?name=.
func uploaded(r *http.Request) (string, []byte, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		f, h, err := r.FormFile("file")
		if err != nil {
			return "", nil, dossier.Errorf(dossier.EINVALID, "upload: no file in the form: %v", err)
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return "", nil, err
		}
		return h.Filename, data, nil
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return "", nil, err
	}
	return r.URL.Query().Get("name"), data, nil
}

// ingest hands an upload to the Ingester under a safe file name: the
// base name only, with an extension the pipeline reads.
func (s *Server) ingest(r *http.Request, name string, data []byte) (string, error) {
	if s.Ingest == nil {
		return "", errForbidden("this workbench was started without an ingest pipeline")
	}
	name = filepath.Base(filepath.Clean("/" + strings.ReplaceAll(name, `\`, "/")))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".html", ".htm", ".jsonl":
	default:
		return "", dossier.Errorf(dossier.EINVALID, "upload %q: give a .txt, .md, .html, .htm or .jsonl file", name)
	}
	if len(data) == 0 {
		return "", dossier.Errorf(dossier.EINVALID, "upload %q: the file is empty", name)
	}
	return s.Ingest(r.Context(), name, data)
}
