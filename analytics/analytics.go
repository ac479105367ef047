// Package analytics sums up the events in the store: counts of events,
// casualties and places per actor, country and year (Stats), and an impact
// score in the manner of the Global Terrorism Index (Score, described in
// docs/score.md). Both are plain functions of the entities, facts and
// documents the store returns, so that every figure can be checked by
// hand; both reflect only the documents ingested, never the world.
//
// A figure several sources give differently is counted once, by
// reconcile's stated rule (most recent source, else majority, else
// lowest), and the range the sources span is kept beside the total.
package analytics

import (
	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// Input is what the analytics read from the store.
type Input struct {
	Entities  []*dossier.Entity
	Facts     *dossier.Facts
	Documents []*dossier.Document
	// Countries names countries by ISO code; nil or "" leaves the
	// name of a country entity in the store, else the code.
	Countries func(code string) string
}

// Count is a casualty count summed over events.
type Count struct {
	// Total sums, over events, the figure reconcile's rule chooses (its
	// lower bound when it is a range or open: "more than 100" counts
	// 100).
	Total int `json:"total"`
	// Low and High bound what the sources allow: the sum of each event's
	// lowest and highest source figure. High is nil when some source
	// gives only a lower bound.
	Low  int  `json:"low"`
	High *int `json:"high"`
	// Contested counts the events whose sources' figures cannot all be
	// right.
	Contested int `json:"contested"`
	// Events counts the events that give the figure at all.
	Events int `json:"events"`
	open   bool
}

// add counts one event's figures.
func (c *Count) add(qs []dossier.Quantity, pub func(string) string) {
	f, ok := reconcile.Figures(qs, pub)
	if !ok {
		return
	}
	c.Events++
	c.Total += f.Min
	if f.Contested {
		c.Contested++
	}
	low, high, open := qs[0].Min, 0, false
	for _, q := range qs {
		low = min(low, q.Min)
		if q.Max == nil {
			open = true
		} else {
			high = max(high, *q.Max)
		}
	}
	c.Low += low
	if open || c.open {
		c.open, c.High = true, nil
	} else {
		if c.High == nil {
			c.High = new(int)
		}
		*c.High += high
	}
}

// Range is the span of the sources as text: "85–170", "at least 85".
func (c Count) Range() string { return reconcile.FormatRange(c.Low, c.High) }

// index holds what every computation looks up.
type index struct {
	byID    map[string]*dossier.Entity
	pub     func(string) string
	country func(code string) string
}

func newIndex(in Input) *index {
	ix := &index{byID: make(map[string]*dossier.Entity, len(in.Entities))}
	fromStore := map[string]string{}
	for _, e := range in.Entities {
		ix.byID[e.ID] = e
		if e.Place != nil && e.Place.GazetteerID == "geonames:"+e.Place.Country {
			fromStore[e.Place.Country] = e.Name
		}
	}
	published := map[string]string{}
	for _, d := range in.Documents {
		published[d.ID] = d.Published
	}
	ix.pub = func(doc string) string { return published[doc] }
	ix.country = func(code string) string {
		if in.Countries != nil {
			if n := in.Countries(code); n != "" {
				return n
			}
		}
		if n := fromStore[code]; n != "" {
			return n
		}
		return code
	}
	return ix
}

// countryOf returns the ISO code of the country an event took place in,
// "" when its place is unknown or not geocoded.
func (ix *index) countryOf(e *dossier.Event) string {
	if p := ix.byID[e.Place]; p != nil && p.Place != nil {
		return p.Place.Country
	}
	return ""
}

// actorsOf returns the actors responsible for an event: its perpetrators
// and those who claimed it, each once.
func actorsOf(e *dossier.Event) []string {
	var out []string
	seen := map[string]bool{}
	for _, ids := range [][]string{e.Perpetrators, e.Claimants} {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// hostages returns an event's figures of people kidnapped or taken
// hostage, one per reporting document; kidnapping events are also counted
// in Row.HostageEvents.
func hostages(e *dossier.Event) []dossier.Quantity { return e.Kidnapped }

func isHostageEvent(e *dossier.Event) bool {
	return e.Subtype == "kidnapping" || e.Subtype == "hostage taking"
}
