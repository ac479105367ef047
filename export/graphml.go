package export

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dossier-osint/dossier"
)

// GraphML writes the network of actors as a directed GraphML graph
// (graphml.graphdrawing.org), which Gephi, yEd, Cytoscape, igraph and
// NetworkX (networkx.read_graphml) load. Nodes are the groups, people and
// organisations, and every other entity a relation or event links them to
// (places a group operates in, facilities targeted); edges are the
// relations (leader_of, rival_of, ...) and, from events, who targeted
// whom ("targeted", one edge per event). Attributes are declared as
// GraphML keys: node label, type, aliases ("; "-separated), document and
// mention counts, coordinates of places; edge label (the predicate),
// start and end dates at source precision, event, document and claim
// counts. Nodes and edges are written as they are built.
func GraphML(ctx context.Context, w io.Writer, s dossier.Store) error {
	ents, err := s.Entities(ctx)
	if err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	facts, err := s.Facts(ctx)
	if err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	linked := map[string]bool{}
	for _, r := range facts.Relations {
		linked[r.Subject], linked[r.Object] = true, true
	}
	for _, e := range facts.Events {
		if len(e.Perpetrators) > 0 && len(e.Targets) > 0 {
			mark(linked, e.Perpetrators)
			mark(linked, e.Targets)
		}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	io.WriteString(bw, xml.Header)
	io.WriteString(bw, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`+"\n")
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	for _, k := range GraphMLKeys {
		if err := enc.Encode(k); err != nil {
			return fmt.Errorf("export graphml: %w", err)
		}
	}
	if err := enc.Flush(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	io.WriteString(bw, "\n<graph id=\"dossier\" edgedefault=\"directed\">\n")
	nodes := map[string]bool{}
	for _, e := range ents {
		actor := e.Type == dossier.Group || e.Type == dossier.Person || e.Type == dossier.Organization
		if !actor && !linked[e.ID] {
			continue
		}
		nodes[e.ID] = true
		n := GraphMLNode{ID: e.ID, Data: []GraphMLData{
			{"label", e.Name}, {"type", string(e.Type)}, {"aliases", strings.Join(e.Aliases, "; ")},
			{"documents", strconv.Itoa(len(e.Documents))}, {"mentions", strconv.Itoa(len(e.Mentions))}}}
		if p := e.Place; p != nil {
			n.Data = append(n.Data, GraphMLData{"latitude", coord(p.Lat)}, GraphMLData{"longitude", coord(p.Lon)},
				GraphMLData{"country", p.Country})
		}
		if err := enc.Encode(n); err != nil {
			return fmt.Errorf("export graphml: %w", err)
		}
	}
	for _, r := range facts.Relations {
		if !nodes[r.Subject] || !nodes[r.Object] {
			continue
		}
		ed := GraphMLEdge{ID: r.ID, Source: r.Subject, Target: r.Object, Data: []GraphMLData{
			{"predicate", r.Predicate}, {"documents", strconv.Itoa(len(r.Documents))},
			{"claims", strconv.Itoa(len(r.Claims))}}}
		if r.Start != "" {
			ed.Data = append(ed.Data, GraphMLData{"start", r.Start})
		}
		if r.End != "" {
			ed.Data = append(ed.Data, GraphMLData{"end", r.End})
		}
		if err := enc.Encode(ed); err != nil {
			return fmt.Errorf("export graphml: %w", err)
		}
	}
	for _, e := range facts.Events {
		for _, p := range e.Perpetrators {
			for _, t := range e.Targets {
				if !nodes[p] || !nodes[t] || p == t {
					continue
				}
				ed := GraphMLEdge{ID: e.ID + ":" + p + ":" + t, Source: p, Target: t, Data: []GraphMLData{
					{"predicate", "targeted"}, {"event", e.ID}, {"event_type", e.Type},
					{"documents", strconv.Itoa(len(e.Documents))}, {"claims", strconv.Itoa(len(e.Claims))}}}
				if e.Date != "" {
					ed.Data = append(ed.Data, GraphMLData{"start", e.Date}, GraphMLData{"end", e.Date})
				}
				if err := enc.Encode(ed); err != nil {
					return fmt.Errorf("export graphml: %w", err)
				}
			}
		}
	}
	if err := enc.Flush(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	io.WriteString(bw, "\n</graph>\n</graphml>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	return nil
}

// GraphMLKey declares an attribute. The key's id is its name, so that the
// data elements read plainly.
type GraphMLKey struct {
	XMLName  xml.Name `xml:"key"`
	ID       string   `xml:"id,attr"`
	For      string   `xml:"for,attr"`
	AttrName string   `xml:"attr.name,attr"`
	AttrType string   `xml:"attr.type,attr"`
}

// GraphMLNode, GraphMLEdge and GraphMLData are the graph's elements, as
// written and as a test parses them back.
type GraphMLNode struct {
	XMLName xml.Name      `xml:"node"`
	ID      string        `xml:"id,attr"`
	Data    []GraphMLData `xml:"data"`
}

type GraphMLEdge struct {
	XMLName xml.Name      `xml:"edge"`
	ID      string        `xml:"id,attr"`
	Source  string        `xml:"source,attr"`
	Target  string        `xml:"target,attr"`
	Data    []GraphMLData `xml:"data"`
}

type GraphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// GraphMLKeys are the attributes the graph declares.
var GraphMLKeys = []GraphMLKey{
	{ID: "label", For: "node", AttrName: "label", AttrType: "string"},
	{ID: "type", For: "node", AttrName: "type", AttrType: "string"},
	{ID: "aliases", For: "node", AttrName: "aliases", AttrType: "string"},
	{ID: "documents", For: "all", AttrName: "documents", AttrType: "int"},
	{ID: "mentions", For: "node", AttrName: "mentions", AttrType: "int"},
	{ID: "latitude", For: "node", AttrName: "latitude", AttrType: "double"},
	{ID: "longitude", For: "node", AttrName: "longitude", AttrType: "double"},
	{ID: "country", For: "node", AttrName: "country", AttrType: "string"},
	{ID: "predicate", For: "edge", AttrName: "label", AttrType: "string"},
	{ID: "start", For: "edge", AttrName: "start", AttrType: "string"},
	{ID: "end", For: "edge", AttrName: "end", AttrType: "string"},
	{ID: "event", For: "edge", AttrName: "event", AttrType: "string"},
	{ID: "event_type", For: "edge", AttrName: "event_type", AttrType: "string"},
	{ID: "claims", For: "edge", AttrName: "claims", AttrType: "int"},
}
