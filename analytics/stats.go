package analytics

import (
	"sort"
	"strconv"

	"github.com/dossier-osint/dossier"
)

// Unknown is the key and name of the rows of events whose actor, country
// or year no source gives.
const Unknown = "unknown"

// Row is the summary of the events of one actor, country or year.
type Row struct {
	Key  string `json:"key"` // entity ID, ISO country code or year
	Name string `json:"name"`
	// Events counts every event; Attacks those of type attack.
	Events  int            `json:"events"`
	Attacks int            `json:"attacks"`
	ByType  map[string]int `json:"by_type"`
	Killed  Count          `json:"killed"`
	Injured Count          `json:"injured"`
	// Hostages: see the hostages function; HostageEvents counts the
	// kidnappings and hostage takings.
	Hostages      Count `json:"hostages"`
	HostageEvents int   `json:"hostage_events"`
	// Places are the most active places, most events first (at most
	// TopPlaces).
	Places []PlaceCount `json:"places"`
	// FirstSeen and LastSeen are the earliest and latest event dates, at
	// the sources' precision; empty when no event is dated.
	FirstSeen string `json:"first_seen"`
	LastSeen  string `json:"last_seen"`
	places    map[string]int
}

// PlaceCount is a place and how many of the row's events happened there.
type PlaceCount struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Events int    `json:"events"`
}

// TopPlaces is how many places a row lists.
const TopPlaces = 5

// Stats are the summaries per actor, per country and per year.
type Stats struct {
	Events    int   `json:"events"`
	Actors    []Row `json:"actors"`
	Countries []Row `json:"countries"`
	Years     []Row `json:"years"`
}

// ComputeStats sums up every event. An event counts once for each actor
// responsible for it (perpetrator or claimant), for its country and for
// its year; events with none of those go to an Unknown row. Actors and
// countries come most events first, years in order.
func ComputeStats(in Input) *Stats {
	ix := newIndex(in)
	st := &Stats{}
	actors, countries, years := map[string]*Row{}, map[string]*Row{}, map[string]*Row{}
	row := func(m map[string]*Row, key, name string) *Row {
		r := m[key]
		if r == nil {
			r = &Row{Key: key, Name: name, ByType: map[string]int{}, places: map[string]int{}, Places: []PlaceCount{}}
			m[key] = r
		}
		return r
	}
	for _, e := range in.Facts.Events {
		st.Events++
		var rows []*Row
		ids := actorsOf(e)
		for _, id := range ids {
			name := id
			if ent := ix.byID[id]; ent != nil {
				name = ent.Name
			}
			rows = append(rows, row(actors, id, name))
		}
		if len(ids) == 0 {
			rows = append(rows, row(actors, Unknown, Unknown))
		}
		if c := ix.countryOf(e); c != "" {
			rows = append(rows, row(countries, c, ix.country(c)))
		} else {
			rows = append(rows, row(countries, Unknown, Unknown))
		}
		if len(e.Date) >= 4 {
			rows = append(rows, row(years, e.Date[:4], e.Date[:4]))
		} else {
			rows = append(rows, row(years, Unknown, Unknown))
		}
		for _, r := range rows {
			r.count(e, ix)
		}
	}
	st.Actors = finish(actors, false)
	st.Countries = finish(countries, false)
	st.Years = finish(years, true)
	st.name(ix)
	return st
}

func (r *Row) count(e *dossier.Event, ix *index) {
	r.Events++
	r.ByType[e.Type]++
	if e.Type == dossier.Attack {
		r.Attacks++
	}
	r.Killed.add(e.Killed, ix.pub)
	r.Injured.add(e.Injured, ix.pub)
	r.Hostages.add(hostages(e), ix.pub)
	if isHostageEvent(e) {
		r.HostageEvents++
	}
	if e.Place != "" {
		r.places[e.Place]++
	}
	if e.Date != "" {
		if r.FirstSeen == "" || e.Date < r.FirstSeen {
			r.FirstSeen = e.Date
		}
		// Dates of any precision compare as strings; a coarser date
		// ("2021") sorts before the finer ones it holds.
		if e.Date > r.LastSeen {
			r.LastSeen = e.Date
		}
	}
}

// finish sorts rows and their places.
func finish(m map[string]*Row, byKey bool) []Row {
	out := make([]Row, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	for i := range out {
		r := &out[i]
		for id, n := range r.places {
			r.Places = append(r.Places, PlaceCount{ID: id, Events: n})
		}
		sort.Slice(r.Places, func(a, b int) bool {
			if r.Places[a].Events != r.Places[b].Events {
				return r.Places[a].Events > r.Places[b].Events
			}
			return r.Places[a].ID < r.Places[b].ID
		})
		if len(r.Places) > TopPlaces {
			r.Places = r.Places[:TopPlaces]
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Key == Unknown) != (b.Key == Unknown) {
			return b.Key == Unknown
		}
		if byKey {
			return a.Key < b.Key
		}
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		if a.Killed.Total != b.Killed.Total {
			return a.Killed.Total > b.Killed.Total
		}
		return a.Name < b.Name
	})
	return out
}

// name fills in place names; finish has only their IDs.
func (st *Stats) name(ix *index) {
	for _, rows := range [][]Row{st.Actors, st.Countries, st.Years} {
		for i := range rows {
			for j := range rows[i].Places {
				if e := ix.byID[rows[i].Places[j].ID]; e != nil {
					rows[i].Places[j].Name = e.Name
				}
			}
		}
	}
}

// yearOf returns the year of a date, 0 when there is none.
func yearOf(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil {
		return 0
	}
	return y
}
