package reconcile

import (
	"testing"

	"github.com/dossier-osint/dossier"
)

func exact(doc string, n int) dossier.Quantity {
	return dossier.Quantity{Document: doc, Min: n, Max: &n}
}
func atLeast(doc string, n int) dossier.Quantity {
	return dossier.Quantity{Document: doc, Min: n}
}

func TestFigures(t *testing.T) {
	dates := map[string]string{"a": "2021-08-27", "b": "", "c": "2021-08-30", "d": "", "e": "2021-08-30"}
	pub := func(d string) string { return dates[d] }
	for _, tc := range []struct {
		name      string
		qs        []dossier.Quantity
		wantMin   int
		wantOpen  bool
		wantRule  string
		contested bool
	}{
		{"one source", []dossier.Quantity{exact("a", 85)}, 85, false, Single, false},
		{"most recent dated source wins", []dossier.Quantity{exact("a", 85), atLeast("b", 100), atLeast("c", 183)}, 183, true, MostRecent + " (2021-08-30)", true},
		{"overlapping ranges are not contested", []dossier.Quantity{atLeast("b", 100), atLeast("d", 183)}, 100, true, Lowest, false},
		{"majority when no date decides", []dossier.Quantity{atLeast("b", 100), atLeast("d", 100), exact("c", 85), exact("e", 90)}, 100, true, Majority + " (2 of 4)", true},
		{"lowest when nothing else decides", []dossier.Quantity{exact("b", 13), exact("d", 11)}, 11, false, Lowest, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := Figures(tc.qs, pub)
			if !ok {
				t.Fatal("no summary")
			}
			if f.Min != tc.wantMin || (f.Max == nil) != tc.wantOpen || f.Rule != tc.wantRule || f.Contested != tc.contested {
				t.Errorf("got min %d open %v rule %q contested %v; want %d %v %q %v",
					f.Min, f.Max == nil, f.Rule, f.Contested, tc.wantMin, tc.wantOpen, tc.wantRule, tc.contested)
			}
		})
	}
	if _, ok := Figures(nil, pub); ok {
		t.Error("a summary of no figures")
	}
}

func TestValues(t *testing.T) {
	dates := map[string]string{"a": "2021-08-27", "b": "2024-03-28", "c": "", "d": ""}
	pub := func(d string) string { return dates[d] }
	for _, tc := range []struct {
		name      string
		vals      []string
		docs      []string
		want      string
		rule      string
		contested bool
	}{
		{"founding year disagreement, most recent wins", []string{"2015", "2014", "2015"}, []string{"a", "b", "c"}, "2014", MostRecent + " (2024-03-28)", true},
		{"precision differences agree", []string{"2015", "2015-01"}, []string{"c", "d"}, "2015", Lowest, false},
		{"majority of undated", []string{"2015", "2015", "2014"}, []string{"c", "d", "c"}, "2015", Majority + " (2 of 3)", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, ok := Values(tc.vals, tc.docs, pub)
			if !ok || v.Value != tc.want || v.Rule != tc.rule || v.Contested != tc.contested {
				t.Errorf("got %+v, want %q by %q contested %v", v, tc.want, tc.rule, tc.contested)
			}
		})
	}
}
