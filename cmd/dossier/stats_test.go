package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/analytics"
	"github.com/dossier-osint/dossier/export/exporttest"
)

// handDB is a database written by hand: two attacks by one group in
// Kabul, 2019 (3 killed) and 2021 (2 killed by the later source, 1 by
// the earlier; 4 injured), and a strike in 2021 that is no attack.
func handDB(t *testing.T) string {
	b := exporttest.New(t)
	g := b.Entity(dossier.Group, "Gamma Group", "GG")
	kabul := b.Place("Kabul", dossier.PlaceInfo{Lat: 34.5, Lon: 69.2, Country: "AF", GazetteerID: "geonames:1138958"})
	d1 := b.Doc("Early", "Wire", "2021-05-01", "Gamma Group hit Kabul. GG hit Kabul again. ")
	d2 := b.Doc("Late", "Daily", "2021-05-09", "Gamma Group killed two in Kabul. ")
	c1, c2, c3 := b.Claim(d1, "Gamma Group hit Kabul."), b.Claim(d1, "GG hit Kabul again."), b.Claim(d2, "Gamma Group killed two in Kabul.")
	b.Event(&dossier.Event{Type: dossier.Attack, Date: "2019-02-03", Place: kabul, Perpetrators: []string{g},
		Killed: []dossier.Quantity{exporttest.Q(d1, 3)}, Documents: []string{d1}, Claims: []string{c1}})
	b.Event(&dossier.Event{Type: dossier.Attack, Date: "2021-05-01", Place: kabul, Perpetrators: []string{g},
		Killed:  []dossier.Quantity{exporttest.Q(d1, 1), exporttest.Q(d2, 2)},
		Injured: []dossier.Quantity{exporttest.Q(d1, 4)}, Documents: []string{d1, d2}, Claims: []string{c2, c3}})
	b.Event(&dossier.Event{Type: dossier.Strike, Date: "2021-06", Place: kabul, Targets: []string{g},
		Documents: []string{d2}, Claims: []string{c3}})
	b.Store()
	return b.Path()
}

func TestScoreCommand(t *testing.T) {
	db := handDB(t)
	r := mustRun(t, exitOK, nil, "score", "--db", db, "--json", "--year", "2021")
	var sc analytics.Scores
	if err := json.Unmarshal([]byte(r.stdout), &sc); err != nil {
		t.Fatal(err)
	}
	// 2021: raw 1 + 3 × 2 + 0.5 × 4 = 9; 2019: 1 + 3 × 3 = 10.
	// Weighted 2021: (16 × 9 + 4 × 10) / 31 = 184 / 31 = 5.935484.
	// Banded, the only unit: 10 ln(184/31) / ln(368/31) = 7.198.
	want := 10 * math.Log(184.0/31) / math.Log(368.0/31)
	if len(sc.Countries) != 1 || len(sc.Groups) != 1 {
		t.Fatalf("scores %+v", sc)
	}
	for _, row := range []analytics.ScoreRow{sc.Countries[0], sc.Groups[0]} {
		if row.Year != 2021 || row.Incidents != 1 || row.Fatalities != 2 || row.Injuries != 4 || row.Raw != 9 ||
			math.Abs(row.Weighted-184.0/31) > 1e-9 || math.Abs(row.Score-want) > 1e-9 || row.Rank != 1 {
			t.Errorf("row %+v, want weighted %v, score %v", row, 184.0/31, want)
		}
	}
	if sc.Countries[0].Name != "Afghanistan" || sc.Groups[0].Name != "Gamma Group" || sc.Incidents != 2 {
		t.Errorf("names %q %q, incidents %d", sc.Countries[0].Name, sc.Groups[0].Name, sc.Incidents)
	}
	text := mustRun(t, exitOK, nil, "score", "--db", db, "--by", "group").stdout
	if !strings.Contains(text, "not a picture of the world") || !strings.Contains(text, "Gamma Group") ||
		strings.Contains(text, "By country") || !strings.Contains(text, "7.198") {
		t.Errorf("score text:\n%s", text)
	}
}

func TestStatsCommand(t *testing.T) {
	db := handDB(t)
	var st analytics.Stats
	r := mustRun(t, exitOK, nil, "stats", "--db", db, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatal(err)
	}
	if st.Events != 3 || len(st.Actors) != 2 || st.Actors[0].Name != "Gamma Group" || st.Actors[0].Killed.Total != 5 ||
		st.Actors[0].Killed.Low != 4 || *st.Actors[0].Killed.High != 5 || st.Actors[0].Killed.Contested != 1 ||
		st.Actors[0].FirstSeen != "2019-02-03" || st.Actors[0].LastSeen != "2021-05-01" {
		t.Errorf("stats %+v", st.Actors)
	}
	text := mustRun(t, exitOK, nil, "stats", "--db", db).stdout
	for _, want := range []string{"3 events in the 2 documents ingested", "By actor", "Gamma Group", "5 [4–5] (1 contested)",
		"Kabul (2)", "By country", "Afghanistan", "By year", "2021"} {
		if !strings.Contains(text, want) {
			t.Errorf("stats text lacks %q:\n%s", want, text)
		}
	}
	// Filters narrow what is summed.
	r = mustRun(t, exitOK, nil, "stats", "--db", db, "--json", "--from", "2020")
	st = analytics.Stats{}
	json.Unmarshal([]byte(r.stdout), &st)
	if st.Events != 2 {
		t.Errorf("stats from 2020: %d events, want 2", st.Events)
	}
}

// TestStatsCorpus runs both commands on the sample corpus: the figures
// add up across the three breakdowns.
func TestStatsCorpus(t *testing.T) {
	db := corpusDB(t)
	var st analytics.Stats
	if err := json.Unmarshal([]byte(mustRun(t, exitOK, nil, "stats", "--db", db, "--json").stdout), &st); err != nil {
		t.Fatal(err)
	}
	sum := func(rows []analytics.Row) (events, killed int) {
		for _, r := range rows {
			events += r.Events
			killed += r.Killed.Total
		}
		return
	}
	ye, yk := sum(st.Years)
	ce, ck := sum(st.Countries)
	if st.Events == 0 || ye != st.Events || ce != st.Events || yk != ck {
		t.Errorf("events %d; by year %d (killed %d), by country %d (killed %d)", st.Events, ye, yk, ce, ck)
	}
	mustRun(t, exitOK, nil, "score", "--db", db)
}
