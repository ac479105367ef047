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

// Network is the graph of actors and the relations between them, laid out
// on the server (a force-directed layout, the same for the same data).
type Network struct {
	Nodes      []Node   `json:"nodes"`
	Edges      []Edge   `json:"edges"`
	Predicates []string `json:"predicates"`
	Width      float64  `json:"-"`
	Height     float64  `json:"-"`
	// Center is the entity the view is about, if any: only its
	// neighbourhood is shown.
	Center string `json:"center,omitempty"`
	// Total counts the edges there are; the Limit heaviest are shown.
	Total int `json:"total"`
	Limit int `json:"limit"`
}

// Node is an entity in the graph.
type Node struct {
	Ref
	Degree int     `json:"degree"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	R      float64 `json:"-"`
	Href   string  `json:"-"`
}

// Edge is a relation.
type Edge struct {
	ID        string  `json:"id"`
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Predicate string  `json:"predicate"`
	Label     string  `json:"label"`
	Claims    int     `json:"claims"`
	Relations int     `json:"relations"`
	X1        float64 `json:"-"`
	Y1        float64 `json:"-"`
	X2        float64 `json:"-"`
	Y2        float64 `json:"-"`
	// LX, LY place the label at the middle.
	LX float64 `json:"-"`
	LY float64 `json:"-"`
}

// networkLimit is how many edges the network shows unless ?limit= says.
const networkLimit = 100

// network reads the heaviest edges (the relations between two actors,
// weighed by their claims) and lays them out: a bounded graph, whatever
// the number of relations.
func network(ctx context.Context, pg dossier.Pages, center string, limit int, width, height float64) (*Network, error) {
	edges, total, err := pg.Graph(ctx, dossier.GraphQuery{Center: center, Limit: limit})
	if err != nil {
		return nil, err
	}
	nd := newNeeds()
	nd.entity(center)
	for _, e := range edges {
		nd.entity(e.Subject, e.Object)
	}
	w, err := load(ctx, pg, nd)
	if err != nil {
		return nil, err
	}
	n := &Network{Nodes: []Node{}, Edges: []Edge{}, Predicates: []string{}, Width: width, Height: height, Center: center,
		Total: total, Limit: limit}
	idx := map[string]int{}
	node := func(id string) int {
		if i, ok := idx[id]; ok {
			return i
		}
		idx[id] = len(n.Nodes)
		n.Nodes = append(n.Nodes, Node{Ref: w.ref(id), Href: "/entities/" + url.PathEscape(id)})
		return idx[id]
	}
	preds := map[string]bool{}
	// Relations between the same two actors share one line, its label
	// listing each predicate once, so that labels do not pile up.
	for _, e := range edges {
		a, b := node(e.Subject), node(e.Object)
		n.Nodes[a].Degree++
		n.Nodes[b].Degree++
		var labels []string
		for _, p := range e.Predicates {
			if l := relationLabel(p, true); !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
			preds[p] = true
		}
		n.Edges = append(n.Edges, Edge{ID: e.Relation, Source: e.Subject, Target: e.Object, Predicate: e.Predicates[0],
			Label: strings.Join(labels, " · "), Claims: e.Claims, Relations: e.Relations})
	}
	for p := range preds {
		n.Predicates = append(n.Predicates, p)
	}
	sort.Strings(n.Predicates)
	layout(n, idx)
	return n, nil
}

// layout places nodes by Fruchterman and Reingold's force model: edges
// pull, every pair pushes, and the step cools each round. Nodes start on
// a circle in their order, so the same graph always gets the same picture.
func layout(n *Network, idx map[string]int) {
	N := len(n.Nodes)
	if N == 0 {
		return
	}
	W, H := n.Width, n.Height
	k := math.Sqrt(W * H / float64(N))
	x, y := make([]float64, N), make([]float64, N)
	for i := range n.Nodes {
		a := 2 * math.Pi * float64(i) / float64(N)
		x[i], y[i] = W/2+W/3*math.Cos(a), H/2+H/3*math.Sin(a)
	}
	temp := W / 8
	dx, dy := make([]float64, N), make([]float64, N)
	for round := 0; round < 300; round++ {
		clear(dx)
		clear(dy)
		for i := 0; i < N; i++ {
			for j := i + 1; j < N; j++ {
				ex, ey := x[i]-x[j], y[i]-y[j]
				d := math.Max(math.Hypot(ex, ey), 0.01)
				f := k * k / d
				dx[i] += ex / d * f
				dy[i] += ey / d * f
				dx[j] -= ex / d * f
				dy[j] -= ey / d * f
			}
		}
		for _, e := range n.Edges {
			i, j := idx[e.Source], idx[e.Target]
			ex, ey := x[i]-x[j], y[i]-y[j]
			d := math.Max(math.Hypot(ex, ey), 0.01)
			f := d * d / k
			dx[i] -= ex / d * f
			dy[i] -= ey / d * f
			dx[j] += ex / d * f
			dy[j] += ey / d * f
		}
		for i := 0; i < N; i++ {
			// A weak pull to the middle keeps unconnected parts in view.
			dx[i] += (W/2 - x[i]) * 0.05
			dy[i] += (H/2 - y[i]) * 0.05
			d := math.Max(math.Hypot(dx[i], dy[i]), 0.01)
			step := math.Min(d, temp)
			x[i] += dx[i] / d * step
			y[i] += dy[i] / d * step
		}
		temp = math.Max(temp*0.98, 1)
	}
	// Fit into the frame with a margin for labels.
	minX, maxX, minY, maxY := x[0], x[0], y[0], y[0]
	for i := range x {
		minX, maxX = math.Min(minX, x[i]), math.Max(maxX, x[i])
		minY, maxY = math.Min(minY, y[i]), math.Max(maxY, y[i])
	}
	const margin = 70
	sx := (W - 2*margin) / math.Max(maxX-minX, 1)
	sy := (H - 2*margin) / math.Max(maxY-minY, 1)
	for i := range n.Nodes {
		nd := &n.Nodes[i]
		nd.X = margin + (x[i]-minX)*sx
		nd.Y = margin + (y[i]-minY)*sy
		if N == 1 {
			nd.X, nd.Y = W/2, H/2
		}
		nd.R = 6 + 2*math.Sqrt(float64(nd.Degree))
	}
	for i := range n.Edges {
		e := &n.Edges[i]
		a, b := n.Nodes[idx[e.Source]], n.Nodes[idx[e.Target]]
		e.X1, e.Y1, e.X2, e.Y2 = a.X, a.Y, b.X, b.Y
		e.LX, e.LY = (a.X+b.X)/2, (a.Y+b.Y)/2
	}
}
