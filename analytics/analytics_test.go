package analytics_test

import (
	"context"
	"math"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/analytics"
	"github.com/dossier-osint/dossier/export/exporttest"
)

// handMade is a small database whose figures are worked out by hand below:
//
//	ev1 2018-05-01 Kabul     attack  A      killed 10 (d1)            injured 4
//	ev2 2020-03-02 Kabul     attack  A      killed 5 (d1), 8+ (d2)    contested; d2 is later: 8
//	ev3 2020-06    Peshawar  attack  B (and claimed by B) killed 2, injured 6
//	ev4 (undated)  Kabul     attack  A
//	ev5 2020       Kabul     clash   A      (not an attack: not scored)
//	ev6 2019-01-01 (no place) attack B      killed 1 (d2)
func handMade(t *testing.T) analytics.Input {
	b := exporttest.New(t)
	a := b.Entity(dossier.Group, "Alpha Front", "AF-G")
	g := b.Entity(dossier.Group, "Beta Brigade")
	kabul := b.Place("Kabul", dossier.PlaceInfo{Lat: 34.5, Lon: 69.2, Country: "AF", Admin1: "Kabul", GazetteerID: "geonames:1138958"})
	pesh := b.Place("Peshawar", dossier.PlaceInfo{Lat: 34.0, Lon: 71.6, Country: "PK", GazetteerID: "geonames:1168197"})
	d1 := b.Doc("First report", "Wire", "2020-01-10", "Alpha Front struck Kabul. Beta Brigade struck Peshawar. ")
	d2 := b.Doc("Second report", "Daily", "2020-02-01", "Alpha Front struck Kabul again. Beta Brigade was blamed. ")
	c1 := b.Claim(d1, "Alpha Front struck Kabul.")
	c2 := b.Claim(d1, "Beta Brigade struck Peshawar.")
	c3 := b.Claim(d2, "Alpha Front struck Kabul again.")
	c4 := b.Claim(d2, "Beta Brigade was blamed.")
	q, atLeast := exporttest.Q, exporttest.AtLeast
	ev := func(id, typ, date, place string, perps []string, killed, injured []dossier.Quantity, claims ...string) *dossier.Event {
		docs := []string{}
		for _, qs := range [][]dossier.Quantity{killed, injured} {
			for _, x := range qs {
				docs = append(docs, x.Document)
			}
		}
		if len(docs) == 0 {
			docs = []string{d1}
		}
		return b.Event(&dossier.Event{ID: id, Type: typ, Date: date, Place: place, Perpetrators: perps,
			Killed: killed, Injured: injured, Documents: dedupe(docs), Claims: claims})
	}
	ev("ev1", dossier.Attack, "2018-05-01", kabul, []string{a}, []dossier.Quantity{q(d1, 10)}, []dossier.Quantity{q(d1, 4)}, c1)
	ev("ev2", dossier.Attack, "2020-03-02", kabul, []string{a}, []dossier.Quantity{q(d1, 5), atLeast(d2, 8)}, nil, c1, c3)
	ev("ev3", dossier.Attack, "2020-06", pesh, []string{g}, []dossier.Quantity{q(d1, 2)}, []dossier.Quantity{q(d1, 6)}, c2).Claimants = []string{g}
	ev("ev4", dossier.Attack, "", kabul, []string{a}, nil, nil, c1)
	ev("ev5", dossier.Clash, "2020", kabul, []string{a}, nil, nil, c3)
	ev("ev6", dossier.Attack, "2019-01-01", "", []string{g}, []dossier.Quantity{q(d2, 1)}, nil, c4)
	s := b.Store()
	ctx := context.Background()
	ents, _ := s.Entities(ctx)
	facts, _ := s.Facts(ctx)
	docs, _ := s.Documents(ctx)
	return analytics.Input{Entities: ents, Facts: facts, Documents: docs,
		Countries: func(code string) string { return map[string]string{"AF": "Afghanistan"}[code] }}
}

func dedupe(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestScores(t *testing.T) {
	sc := analytics.ComputeScores(handMade(t))
	if sc.Incidents != 4 || sc.Undated != 1 || sc.Unplaced != 1 || sc.Unattributed != 0 {
		t.Errorf("incidents %d, undated %d, unplaced %d, unattributed %d; want 4, 1, 1, 0",
			sc.Incidents, sc.Undated, sc.Unplaced, sc.Unattributed)
	}
	type want struct {
		name                            string
		year                            int
		incidents, fatalities, injuries int
		raw, weighted, score            float64
		rank                            int
	}
	// Raw: incidents + 3 × fatalities + 0.5 × injuries.
	// Afghanistan 2018: 1 + 30 + 2 = 33; 2020: 1 + 3 × 8 = 25 (ev2's
	// most recent source; ev4 is undated). Pakistan 2020: 1 + 6 + 3 = 10.
	// Weighted, (16 y + 8 (y-1) + 4 (y-2) + 2 (y-3) + (y-4)) / 31:
	// AF 2018 16 × 33 / 31 = 17.032258; 2019 8 × 33 / 31 = 8.516129;
	// 2020 (16 × 25 + 4 × 33) / 31 = 17.161290; PK 2020 160 / 31 = 5.161290.
	// Banded, 10 ln x / ln(2 × highest of the year):
	// AF 2020 10 ln 17.161290 / ln 34.322581 = 8.039633,
	// PK 2020 10 ln 5.161290 / ln 34.322581 = 4.641623,
	// AF 2019 10 ln 8.516129 / ln 17.032258 = 7.555130,
	// AF 2018 10 ln 17.032258 / ln 34.064516 = 8.035440.
	countries := []want{
		{"Afghanistan", 2020, 1, 8, 0, 25, 532.0 / 31, 8.039633177184223, 1},
		{"PK", 2020, 1, 2, 6, 10, 160.0 / 31, 4.6416228356611535, 2},
		{"Afghanistan", 2019, 0, 0, 0, 0, 264.0 / 31, 7.555130468735359, 1},
		{"Afghanistan", 2018, 1, 10, 4, 33, 528.0 / 31, 8.035439805035711, 1},
	}
	// Groups: Alpha as Afghanistan; Beta 2019: 1 + 3 = 4, weighted
	// 64 / 31; 2020: 10, weighted (160 + 32) / 31 = 6.193548, banded
	// 10 ln 6.193548 / ln 34.322581 = 5.157267; 2019 banded against
	// Alpha's 8.516129: 10 ln 2.064516 / ln 17.032258 = 2.556854.
	groups := []want{
		{"Alpha Front", 2020, 1, 8, 0, 25, 532.0 / 31, 8.039633177184223, 1},
		{"Beta Brigade", 2020, 1, 2, 6, 10, 192.0 / 31, 5.157266758116784, 2},
		{"Alpha Front", 2019, 0, 0, 0, 0, 264.0 / 31, 7.555130468735359, 1},
		{"Beta Brigade", 2019, 1, 1, 0, 4, 64.0 / 31, 2.5568535764192712, 2},
		{"Alpha Front", 2018, 1, 10, 4, 33, 528.0 / 31, 8.035439805035711, 1},
	}
	for _, tt := range []struct {
		unit string
		got  []analytics.ScoreRow
		want []want
	}{{"countries", sc.Countries, countries}, {"groups", sc.Groups, groups}} {
		if len(tt.got) != len(tt.want) {
			t.Errorf("%s: %d rows, want %d: %+v", tt.unit, len(tt.got), len(tt.want), tt.got)
			continue
		}
		for i, w := range tt.want {
			g := tt.got[i]
			if g.Name != w.name || g.Year != w.year || g.Incidents != w.incidents || g.Fatalities != w.fatalities ||
				g.Injuries != w.injuries || !near(g.Raw, w.raw) || !near(g.Weighted, w.weighted) ||
				!near(g.Score, w.score) || g.Rank != w.rank {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", tt.unit, i, g, w)
			}
		}
	}
}

func TestBanded(t *testing.T) {
	tests := []struct {
		name       string
		x, highest float64
		want       float64
	}{
		{"nothing", 0, 50, 0},
		{"below the first cut-off", 0.9, 50, 0},
		{"first cut-off", 1, 50, 0},
		{"band n/2 at r^n", math.Pow(100, 7.0/20), 50, 3.5}, // Range 100, r^7
		{"highest", 50, 50, 10 * math.Log(50) / math.Log(100)},
		{"no spread", 0.4, 0.4, 0},
	}
	for _, tt := range tests {
		if got := analytics.Banded(tt.x, tt.highest); !near(got, tt.want) {
			t.Errorf("%s: Banded(%v, %v) = %v, want %v", tt.name, tt.x, tt.highest, got, tt.want)
		}
	}
	if w := analytics.Weighted(func(y int) float64 { return map[int]float64{2020: 31, 2015: 1000}[y] }, 2020); w != 16 {
		t.Errorf("weighted %v: a year six years back must not count", w)
	}
}

func TestStats(t *testing.T) {
	st := analytics.ComputeStats(handMade(t))
	if st.Events != 6 {
		t.Errorf("%d events, want 6", st.Events)
	}
	rows := func(rs []analytics.Row) map[string]analytics.Row {
		m := map[string]analytics.Row{}
		for _, r := range rs {
			m[r.Name] = r
		}
		return m
	}
	actors := rows(st.Actors)
	a := actors["Alpha Front"]
	// ev1, ev2, ev4, ev5; killed 10 + 8 by the rule, sources span
	// 10 + 5 = 15 to open (ev2's "at least 8").
	if a.Events != 4 || a.Attacks != 3 || a.ByType["clash"] != 1 || a.Killed.Total != 18 || a.Killed.Low != 15 ||
		a.Killed.High != nil || a.Killed.Contested != 1 || a.Killed.Range() != "at least 15" || a.Injured.Total != 4 ||
		a.FirstSeen != "2018-05-01" || a.LastSeen != "2020-03-02" ||
		len(a.Places) != 1 || a.Places[0].Name != "Kabul" || a.Places[0].Events != 4 {
		t.Errorf("Alpha: %+v", a)
	}
	b := actors["Beta Brigade"]
	if b.Events != 2 || b.Killed.Total != 3 || b.Killed.High == nil || *b.Killed.High != 3 || b.Injured.Total != 6 ||
		b.FirstSeen != "2019-01-01" || b.LastSeen != "2020-06" {
		t.Errorf("Beta (claimant and perpetrator of ev3, counted once): %+v", b)
	}
	if st.Actors[0].Name != "Alpha Front" {
		t.Errorf("actors not most events first: %v", st.Actors[0].Name)
	}
	countries := rows(st.Countries)
	if countries["Afghanistan"].Events != 4 || countries["PK"].Events != 1 || countries[analytics.Unknown].Events != 1 {
		t.Errorf("countries %+v", st.Countries)
	}
	var years []string
	for _, y := range st.Years {
		years = append(years, y.Key+":"+string(rune('0'+y.Events)))
	}
	if got := join(years); got != "2018:1 2019:1 2020:3 unknown:1" {
		t.Errorf("years %s", got)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
