package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// GeoJSON writes the geocoded places and the events at them as one RFC 7946
// FeatureCollection (QGIS, Leaflet, kepler.gl and geopandas read it):
// Point geometries in WGS 84, [longitude, latitude] order, coordinates
// rounded to six decimals (about 10 cm, as RFC 7946 §11.2 suggests), no
// "crs" member. Each feature's properties say what it is ("kind": "place"
// or "event"). Events whose place is unknown or not geocoded have no point
// to draw and are left out; places come first, then events, in store
// order, each written as it is built.
func GeoJSON(ctx context.Context, w io.Writer, s dossier.Store) error {
	ents, err := s.Entities(ctx)
	if err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	facts, err := s.Facts(ctx)
	if err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	published := map[string]string{}
	for _, d := range docs {
		published[d.ID] = d.Published
	}
	pub := func(id string) string { return published[id] }
	byID := names(ents)
	events := map[string]int{}
	for _, e := range facts.Events {
		events[e.Place]++
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	io.WriteString(bw, "{\"type\":\"FeatureCollection\",\"features\":[\n")
	n := 0
	put := func(f *feature) error {
		if n > 0 {
			bw.WriteString(",")
		}
		n++
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("export geojson: %w", err)
		}
		return nil
	}
	for _, e := range ents {
		if e.Place == nil || !validPoint(e.Place) {
			continue
		}
		props := map[string]any{"kind": "place", "id": e.ID, "type": string(e.Type), "name": e.Name,
			"aliases": nonNil(e.Aliases), "country": e.Place.Country, "admin1": e.Place.Admin1,
			"gazetteer_id": e.Place.GazetteerID, "documents": len(e.Documents), "events": events[e.ID]}
		if err := put(&feature{Type: "Feature", ID: e.ID, Geometry: point(e.Place), Properties: props}); err != nil {
			return err
		}
	}
	for _, e := range facts.Events {
		p := byID[e.Place]
		if p == nil || p.Place == nil || !validPoint(p.Place) {
			continue
		}
		props := map[string]any{"kind": "event", "id": e.ID, "type": e.Type, "subtype": e.Subtype, "date": e.Date,
			"place": e.Place, "place_name": p.Name, "perpetrators": nonNil(entityNames(byID, e.Perpetrators)),
			"targets": nonNil(entityNames(byID, e.Targets)), "claimants": nonNil(entityNames(byID, e.Claimants)),
			"target_type": e.TargetType, "summary": e.Summary, "documents": nonNil(e.Documents),
			"claims": nonNil(e.Claims)}
		contested := []string{}
		for _, f := range []struct {
			name string
			qs   []dossier.Quantity
		}{{"killed", e.Killed}, {"injured", e.Injured}, {"arrested", e.Arrested}} {
			s, ok := reconcile.Figures(f.qs, pub)
			if !ok {
				continue
			}
			// Flat properties, since GIS tools style by plain columns:
			// killed (summary minimum), killed_max (null: open),
			// killed_rule.
			props[f.name] = s.Min
			props[f.name+"_max"] = s.Max
			props[f.name+"_rule"] = s.Rule
			if s.Contested {
				contested = append(contested, f.name)
			}
		}
		props["contested"] = contested
		if err := put(&feature{Type: "Feature", ID: e.ID, Geometry: point(p.Place), Properties: props}); err != nil {
			return err
		}
	}
	io.WriteString(bw, "]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	return nil
}

type feature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   geometry       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func point(p *dossier.PlaceInfo) geometry {
	return geometry{Type: "Point", Coordinates: [2]float64{round6(p.Lon), round6(p.Lat)}}
}

func round6(f float64) float64 { return math.Round(f*1e6) / 1e6 }

// validPoint rejects coordinates outside WGS 84's range (a corrupt row)
// and the exact (0, 0) a failed geocode would leave.
func validPoint(p *dossier.PlaceInfo) bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180 && !(p.Lat == 0 && p.Lon == 0) &&
		!math.IsNaN(p.Lat) && !math.IsNaN(p.Lon)
}
