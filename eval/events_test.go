package eval

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
)

// eventsData is the development data beside the repository.
const eventsData = "../../shared/data"

func TestSameName(t *testing.T) {
	for _, c := range []struct {
		name      string
		gold, got string
		want      bool
	}{
		{"same", "Jharkhand", "Jharkhand", true},
		{"case and filler word", "Bijapur", "Bijapur District", true},
		{"transliteration", "paktya", "Paktia", true},
		{"glide", "khost", "Khowst", true},
		{"run of words", "wardak", "Maidan Wardak Province", true},
		{"vowels only", "sar-e pul", "Sar-e Pol Province", true},
		{"diacritics", "Nangarhar", "Nangarhār", true},
		{"other place", "Dantewada", "Bijapur", false},
		{"side of a district", "West Singhbhum", "East Singhbhum", false},
		{"gold longer", "West Midnapore", "Midnapore", false},
		{"empty", "Bihar", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := sameName(c.gold, c.got); got != c.want {
				t.Errorf("sameName(%q, %q) = %v, want %v", c.gold, c.got, got, c.want)
			}
		})
	}
}

func TestSplitCodes(t *testing.T) {
	got := splitCodes([]string{"Taliban;aq", ""})
	if len(got) != 2 || got[0] != "aq" || got[1] != "taliban" {
		t.Errorf("splitCodes = %q, want [aq taliban]", got)
	}
}

func TestFieldScore(t *testing.T) {
	var f FieldScore
	f.addNum(2, 2, true, 0)
	f.addNum(3, 0, false, 0)
	f.addNum(0, 1, true, 0)
	f.finish()
	if f.N != 3 || f.Correct != 1 || f.Answered != 2 {
		t.Fatalf("counts %+v", f)
	}
	if *f.MAE != 4.0/3 || *f.BaselineMAE != 5.0/3 || f.BaselineAccuracy != 1.0/3 {
		t.Errorf("MAE %v baseline MAE %v baseline accuracy %v", *f.MAE, *f.BaselineMAE, f.BaselineAccuracy)
	}
}

// TestEvents runs the whole product over the first SATP summaries and
// every ISAF release and checks the scores stay above floors set below
// the figures measured when the test was written (docs/evaluation.md), so
// that a regression fails. Run with -v for the table.
func TestEvents(t *testing.T) {
	satp := filepath.Join(eventsData, "satp", "dev.jsonl")
	isaf := filepath.Join(eventsData, "isaf", "dev.jsonl")
	for _, p := range []string{satp, isaf} {
		if _, err := os.Stat(p); os.IsNotExist(err) {
			t.Skipf("%s absent", p)
		}
	}
	if testing.Short() {
		t.Skip("runs the whole pipeline over 648 documents")
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := SATPEvents(ctx, satp, EventsOptions{Lexicon: lex, Gazetteer: gaz, Dir: t.TempDir(), Limit: 300})
	if err != nil {
		t.Fatal(err)
	}
	i, err := ISAFEvents(ctx, isaf, EventsOptions{Lexicon: lex, Gazetteer: gaz, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteEventsTable(&buf, []*EventsReport{s, i}); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	if s.Items != 300 || i.Items != 348 {
		t.Errorf("scored %d SATP and %d ISAF items, want 300 and 348", s.Items, i.Items)
	}
	for _, r := range []*EventsReport{s, i} {
		if r.Failed > 0 {
			t.Errorf("%s: %d items failed to ingest", r.Data, r.Failed)
		}
		if len(r.Fields) != len(eventFloors)/2 {
			t.Errorf("%s: %d fields scored, want %d", r.Data, len(r.Fields), len(eventFloors)/2)
		}
		for _, f := range r.Fields {
			floor, ok := eventFloors[r.Data+" "+f.Field]
			if !ok {
				t.Errorf("%s %s: no floor", r.Data, f.Field)
			}
			if f.Accuracy < floor {
				t.Errorf("%s %s: accuracy %.3f below floor %.2f", r.Data, f.Field, f.Accuracy, floor)
			}
		}
	}
}

// eventFloors are accuracy floors below the figures measured on the
// test's subset (300 SATP, 348 ISAF) at 30a4a81 and f7dfe93 (in comments): about five
// points below, except ISAF province, kept within two points of it.
var eventFloors = map[string]float64{
	"SATP deaths (sum of events)":       0.89, // measured 0.940
	"SATP deaths (largest event)":       0.90, // 0.957
	"SATP injuries (sum of events)":     0.93, // 0.983
	"SATP injuries (largest event)":     0.93, // 0.983
	"SATP perpetrator":                  0.41, // 0.457
	"SATP state":                        0.56, // 0.610
	"SATP district":                     0.59, // 0.637
	"ISAF start date":                   0.63, // 0.678
	"ISAF province":                     0.94, // 0.963
	"ISAF target group":                 0.83, // 0.885
	"ISAF min killed (sum of events)":   0.80, // 0.853
	"ISAF min killed (largest event)":   0.85, // 0.902
	"ISAF min captured (sum of events)": 0.56, // 0.615
	"ISAF min captured (largest event)": 0.62, // 0.670
}

// TestSATPEventsWiring runs the product over three hand-written
// summaries (one repeated, which the store keeps as one document) and
// checks that each item is matched with its own document's events.
func TestSATPEventsWiring(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	bomb := `{"text": "Two CRPF troopers were killed and three injured in an IED blast in Dantewada District.", "deaths.total_fatalities": "2", "injuries.total_injuries": "3", "perpetrator.perpetrator": "Maoist", "location_info.state": "Chhattisgarh", "location_info.district": "Dantewada"}`
	quiet := `{"text": "The weather was fine.", "deaths.total_fatalities": "0", "injuries.total_injuries": "NA", "perpetrator.perpetrator": "Unknown", "location_info.state": "Bihar", "location_info.district": "NA"}`
	if err := os.WriteFile(gold, []byte(bomb+"\n\n"+quiet+"\n"+bomb+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := SATPEvents(context.Background(), gold, EventsOptions{Lexicon: lex, Dir: filepath.Join(dir, "run"), Answers: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Items != 3 || len(rep.Answers) != 3 {
		t.Fatalf("%d items, %d answers, want 3 and 3", rep.Items, len(rep.Answers))
	}
	for _, f := range rep.Fields {
		want := 3
		switch f.Field {
		case "injuries (sum of events)", "injuries (largest event)":
			want = 2 // "NA" is not a figure
		case "district":
			want = 2
		}
		if f.N != want {
			t.Errorf("%s: n = %d, want %d", f.Field, f.N, want)
		}
	}
	a := rep.Answers
	if len(a[0].Events) == 0 || len(a[2].Events) != len(a[0].Events) {
		t.Errorf("events per item %q %q %q: the bombing and its repeat should both have events", a[0].Events, a[1].Events, a[2].Events)
	}
	if len(a[1].Events) != 0 {
		t.Errorf("item 2 has events %q, want none", a[1].Events)
	}
	if a[1].Got["deaths"] != "0" || a[1].Got["perpetrator"] != "Unknown" {
		t.Errorf("item 2 answers %v, want deaths 0 and perpetrator Unknown", a[1].Got)
	}
}
