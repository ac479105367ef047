package http

// The offline basemap: country outlines from Natural Earth (1:50m), as
// TopoJSON from the npm package world-atlas (see basemap/README.md),
// decoded once and projected to SVG on the server, so the map needs no
// script, no tiles and no network.

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
)

//go:embed basemap/countries-50m.json
var countriesTopoJSON []byte

// country is one country's outline in degrees.
type country struct {
	Name  string
	Rings [][][2]float64 // lon, lat
	// bbox in degrees: west, south, east, north
	W, S, E, N float64
}

var basemap = sync.OnceValues(func() ([]country, error) { return decodeTopoJSON(countriesTopoJSON, "countries") })

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

// decodeTopoJSON turns the named object of a TopoJSON topology into
// countries: arcs are delta-encoded integers under a transform; a negative
// arc index ~i means arc i reversed; rings join arcs, each arc's first
// point being the previous one's last.
func decodeTopoJSON(data []byte, object string) ([]country, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	obj, ok := t.Objects[object]
	if t.Type != "Topology" || !ok {
		return nil, fmt.Errorf("basemap: not a topology with %q", object)
	}
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, p := range a {
			if t.Transform != nil {
				x, y = x+p[0], y+p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) ([][2]float64, error) {
		var out [][2]float64
		for k, i := range idx {
			rev := i < 0
			if rev {
				i = ^i
			}
			if i >= len(arcs) {
				return nil, fmt.Errorf("basemap: arc %d out of range", i)
			}
			a := arcs[i]
			for j := range a {
				p := a[j]
				if rev {
					p = a[len(a)-1-j]
				}
				if k > 0 && j == 0 {
					continue
				}
				out = append(out, p)
			}
		}
		return out, nil
	}
	var out []country
	for _, g := range obj.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("basemap: %s: %w", g.Properties.Name, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("basemap: %s: %w", g.Properties.Name, err)
			}
		default:
			continue
		}
		c := country{Name: g.Properties.Name, W: 180, S: 90, E: -180, N: -90}
		for _, poly := range polys {
			for _, idx := range poly {
				r, err := ring(idx)
				if err != nil {
					return nil, err
				}
				// Rings that cross the antimeridian (Russia, Fiji,
				// Antarctica) jump by 360° there; keep longitudes
				// continuous so that no line is drawn across the map.
				for i := 1; i < len(r); i++ {
					for r[i][0]-r[i-1][0] > 180 {
						r[i][0] -= 360
					}
					for r[i][0]-r[i-1][0] < -180 {
						r[i][0] += 360
					}
				}
				for _, p := range r {
					c.W, c.E = min(c.W, p[0]), max(c.E, p[0])
					c.S, c.N = min(c.S, p[1]), max(c.N, p[1])
				}
				c.Rings = append(c.Rings, r)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// projection maps degrees to SVG user units: equirectangular, with
// longitudes shrunk by the cosine of the view's middle latitude so that
// shapes near it keep their proportions.
type projection struct {
	W, S, E, N float64 // view in degrees
	k, cos     float64
	Width      float64
	Height     float64
}

// newProjection fits the box (degrees) into a width×height frame,
// padding it, keeping at least minSpan degrees each way so that one point
// still shows its surroundings, and widening the box in one direction to
// the frame's shape.
func newProjection(w, s, e, n, width, height, minSpan float64) projection {
	if w > e || s > n { // nothing to show: the world
		w, s, e, n = -170, -58, 190, 80
	}
	padX, padY := max((e-w)*0.15, (minSpan-(e-w))/2), max((n-s)*0.15, (minSpan-(n-s))/2)
	w, e = w-padX, e+padX
	s, n = max(-85, s-padY), min(85, n+padY)
	cos := math.Cos((s + n) / 2 * math.Pi / 180)
	k := min(width/((e-w)*cos), height/(n-s))
	// Widen the narrower side around its middle to fill the frame.
	midX, midY := (w+e)/2, (s+n)/2
	halfX, halfY := width/k/cos/2, height/k/2
	return projection{W: midX - halfX, S: midY - halfY, E: midX + halfX, N: midY + halfY, k: k, cos: cos, Width: width, Height: height}
}

func (p projection) xy(lon, lat float64) (float64, float64) {
	return (lon - p.W) * p.cos * p.k, (p.N - lat) * p.k
}

// CountryPath is one country outline in SVG path syntax.
type CountryPath struct {
	Name string
	D    string
}

// paths projects the countries that meet the view, dropping points closer
// than half a unit to the last one drawn.
func (p projection) paths(cs []country) []CountryPath {
	var out []CountryPath
	for _, c := range cs {
		if c.E < p.W || c.W > p.E || c.N < p.S || c.S > p.N {
			continue
		}
		var b strings.Builder
		for _, r := range c.Rings {
			lx, ly := math.Inf(1), math.Inf(1)
			n := 0
			for i, pt := range r {
				x, y := p.xy(pt[0], pt[1])
				if i > 0 && i < len(r)-1 && math.Abs(x-lx) < 0.5 && math.Abs(y-ly) < 0.5 {
					continue
				}
				if n == 0 {
					fmt.Fprintf(&b, "M%.1f %.1f", x, y)
				} else {
					fmt.Fprintf(&b, "L%.1f %.1f", x, y)
				}
				lx, ly = x, y
				n++
			}
			b.WriteString("Z")
		}
		out = append(out, CountryPath{Name: c.Name, D: b.String()})
	}
	return out
}
