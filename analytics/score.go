package analytics

import (
	"math"
	"sort"

	"github.com/dossier-osint/dossier"
)

// Weights of a year's raw score, after the Global Terrorism Index since its
// 2022 edition: incidents 1, fatalities 3, injuries 0.5, hostages 0.5.
const (
	IncidentWeight = 1.0
	FatalityWeight = 3.0
	InjuryWeight   = 0.5
	HostageWeight  = 0.5
)

// YearWeights weigh the raw scores of the year scored and the four before
// it (16, 8, 4, 2, 1 over their sum, 31), so that an attack keeps weighing
// for five years, less each year.
var YearWeights = [5]float64{16, 8, 4, 2, 1}

// Bands is the number of half-point bands between the lowest and the
// highest banded score (0 to 10), the "root" of the banding.
const Bands = 20

// ScoreRow is the score of one country or group in one year.
type ScoreRow struct {
	Key  string `json:"key"` // ISO country code or entity ID
	Name string `json:"name"`
	Year int    `json:"year"`
	// The year's incidents (attacks), fatalities, injuries and hostages,
	// each event's figure by reconcile's rule.
	Incidents  int `json:"incidents"`
	Fatalities int `json:"fatalities"`
	Injuries   int `json:"injuries"`
	Hostages   int `json:"hostages"`
	// Raw is the year's weighted sum; Weighted the five-year weighted
	// average; Score the banded score (0–10) among the units scored that
	// year; Rank the place by Score (1 is the most affected).
	Raw      float64 `json:"raw"`
	Weighted float64 `json:"weighted"`
	Score    float64 `json:"score"`
	Rank     int     `json:"rank"`
}

// Scores are the country-year and group-year scores, latest year first,
// highest score first within a year.
type Scores struct {
	Countries []ScoreRow `json:"countries"`
	Groups    []ScoreRow `json:"groups"`
	// Incidents counts the attacks scored; Undated those without a year
	// (left out of every score), Unplaced those without a geocoded
	// country (left out of the country scores), Unattributed those
	// without a perpetrator or claimant that is a group (left out of the
	// group scores).
	Incidents    int `json:"incidents"`
	Undated      int `json:"undated"`
	Unplaced     int `json:"unplaced"`
	Unattributed int `json:"unattributed"`
}

// tally is one unit-year's counts.
type tally struct{ incidents, fatalities, injuries, hostages int }

func (t tally) raw() float64 {
	return IncidentWeight*float64(t.incidents) + FatalityWeight*float64(t.fatalities) +
		InjuryWeight*float64(t.injuries) + HostageWeight*float64(t.hostages)
}

// ComputeScores scores every country and armed group by the attacks in
// the store (events of type attack; strikes, clashes, arrests and the
// like are not terrorism incidents). A unit is scored for every year from
// its first attack to the latest year of any attack, while its five-year
// average is above zero. See docs/score.md.
func ComputeScores(in Input) *Scores {
	ix := newIndex(in)
	sc := &Scores{}
	countries, groups := map[string]map[int]*tally{}, map[string]map[int]*tally{}
	get := func(m map[string]map[int]*tally, key string, year int) *tally {
		if m[key] == nil {
			m[key] = map[int]*tally{}
		}
		if m[key][year] == nil {
			m[key][year] = &tally{}
		}
		return m[key][year]
	}
	last := 0
	for _, e := range in.Facts.Events {
		if e.Type != dossier.Attack {
			continue
		}
		year := yearOf(e.Date)
		if year == 0 {
			sc.Undated++
			continue
		}
		sc.Incidents++
		last = max(last, year)
		var t tally
		t.incidents = 1
		t.fatalities = figure(e.Killed, ix)
		t.injuries = figure(e.Injured, ix)
		t.hostages = figure(hostages(e), ix)
		if c := ix.countryOf(e); c != "" {
			get(countries, c, year).plus(t)
		} else {
			sc.Unplaced++
		}
		attributed := false
		for _, id := range actorsOf(e) {
			if g := ix.byID[id]; g != nil && g.Type == dossier.Group {
				get(groups, id, year).plus(t)
				attributed = true
			}
		}
		if !attributed {
			sc.Unattributed++
		}
	}
	sc.Countries = rank(countries, last, func(k string) string { return ix.country(k) })
	sc.Groups = rank(groups, last, func(k string) string { return ix.byID[k].Name })
	return sc
}

func (t *tally) plus(o tally) {
	t.incidents += o.incidents
	t.fatalities += o.fatalities
	t.injuries += o.injuries
	t.hostages += o.hostages
}

// figure is an event's figure by reconcile's rule (its lower bound), 0
// when no source gives one.
func figure(qs []dossier.Quantity, ix *index) int {
	var c Count
	c.add(qs, ix.pub)
	return c.Total
}

// rank computes the five-year averages and the banded scores.
func rank(units map[string]map[int]*tally, last int, name func(string) string) []ScoreRow {
	byYear := map[int][]ScoreRow{}
	for key, years := range units {
		first := last
		for y := range years {
			first = min(first, y)
		}
		for y := first; y <= last; y++ {
			r := ScoreRow{Key: key, Name: name(key), Year: y}
			if t := years[y]; t != nil {
				r.Incidents, r.Fatalities, r.Injuries, r.Hostages = t.incidents, t.fatalities, t.injuries, t.hostages
				r.Raw = t.raw()
			}
			r.Weighted = Weighted(func(year int) float64 {
				if t := years[year]; t != nil {
					return t.raw()
				}
				return 0
			}, y)
			if r.Weighted > 0 {
				byYear[y] = append(byYear[y], r)
			}
		}
	}
	var out []ScoreRow
	var yearList []int
	for y := range byYear {
		yearList = append(yearList, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(yearList)))
	for _, y := range yearList {
		rows := byYear[y]
		highest := 0.0
		for _, r := range rows {
			highest = max(highest, r.Weighted)
		}
		for i := range rows {
			rows[i].Score = Banded(rows[i].Weighted, highest)
		}
		sort.Slice(rows, func(i, j int) bool {
			if rows[i].Weighted != rows[j].Weighted {
				return rows[i].Weighted > rows[j].Weighted
			}
			return rows[i].Name < rows[j].Name
		})
		for i := range rows {
			rows[i].Rank = i + 1
			if i > 0 && rows[i].Weighted == rows[i-1].Weighted {
				rows[i].Rank = rows[i-1].Rank
			}
		}
		out = append(out, rows...)
	}
	return out
}

// Weighted is the five-year weighted average for year: the raw scores of
// year and the four years before it, weighted by YearWeights, over 31.
func Weighted(raw func(year int) float64, year int) float64 {
	sum, total := 0.0, 0.0
	for i, w := range YearWeights {
		sum += w * raw(year-i)
		total += w
	}
	return sum / total
}

// Banded maps a five-year average onto the 0–10 scale, on a logarithmic
// base set by the highest average scored in the same year, after the GTI
// annex: the lowest average (0: a unit without attacks) scores 0; with
// Range = 2 × (highest − lowest) and r = Range^(1/Bands), the cut-off of
// the band scoring n/2 is r^n, and a value between cut-offs is placed on
// the same logarithmic scale: score = log_r(x) / 2 = 10 · ln x / ln Range,
// kept within 0 and 10. A value below 1 (below r^0) scores 0. See
// docs/score.md for what this reconstructs and how it may differ.
func Banded(x, highest float64) float64 {
	const lowest = 0.0
	rng := 2 * (highest - lowest)
	if x < 1 || rng <= 1 {
		return 0
	}
	s := float64(Bands) / 2 * math.Log(x) / math.Log(rng)
	return math.Min(10, math.Max(0, s))
}
