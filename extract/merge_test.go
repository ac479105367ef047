package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

// mergeEnts are the entities the cross-document merge tests name: two
// districts of Paktia, the province, Kabul, the country and an armed group.
var mergeEnts = []*dossier.Entity{
	{ID: "zurmat", Type: dossier.Place, Name: "Zurmat district", Place: &dossier.PlaceInfo{Country: "AF", Admin1: "Paktia"}},
	{ID: "gardez", Type: dossier.Place, Name: "Gardez", Place: &dossier.PlaceInfo{Country: "AF", Admin1: "Paktia"}},
	{ID: "paktia", Type: dossier.Place, Name: "Paktia province", Place: &dossier.PlaceInfo{Country: "AF", Admin1: "Paktia"}},
	{ID: "kabul", Type: dossier.Place, Name: "Kabul", Place: &dossier.PlaceInfo{Country: "AF", Admin1: "Kabul"}},
	{ID: "kabul-airport", Type: dossier.Facility, Name: "Kabul airport"},
	{ID: "af", Type: dossier.Place, Name: "Afghanistan", Place: &dossier.PlaceInfo{Country: "AF"}},
	{ID: "taliban", Type: dossier.Group, Name: "Taliban"},
}

// mergeDoc reads one document of a cross-document merge test.
func mergeDoc(t *testing.T, id, text string, ms ...tm) *Report {
	t.Helper()
	in := testInput(t, text, "2011-05-05", ms...)
	in.Doc.ID = id
	for i := range in.Mentions {
		in.Mentions[i].Document = id
	}
	return Read(in)
}

// Two documents' reports of one type on one day are one incident when
// their places agree, one lying inside the other included; when one names
// no place more precise than a country, only a shared actor makes them one.
func TestMergeAcrossDocuments(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		am   []tm
		bm   []tm
		want []string // each event's place, sorted by Merge's order
	}{
		{"the same district",
			"Gunmen killed three policemen in Zurmat district yesterday.", "Militants killed three police officers in Zurmat district yesterday.",
			[]tm{plc("Zurmat district", "zurmat")}, []tm{plc("Zurmat district", "zurmat")},
			[]string{"zurmat"}},
		{"a district and the province it lies in, placed at the district",
			"Gunmen killed three policemen in Paktia province yesterday.", "Militants killed three police officers in Zurmat district yesterday.",
			[]tm{plc("Paktia province", "paktia")}, []tm{plc("Zurmat district", "zurmat")},
			[]string{"zurmat"}},
		{"a facility and the city it is named after",
			"A suicide bomber killed 85 people at Kabul airport yesterday.", "A suicide bomber attacked crowds in Kabul yesterday, killing more than 100 people.",
			[]tm{{"Kabul airport", "kabul-airport", dossier.Facility}}, []tm{plc("Kabul", "kabul")},
			[]string{"kabul-airport"}},
		{"two districts of one province are two incidents",
			"Gunmen killed three policemen in Zurmat district yesterday.", "Militants killed two police officers in Gardez yesterday.",
			[]tm{plc("Zurmat district", "zurmat")}, []tm{plc("Gardez", "gardez")},
			[]string{"gardez", "zurmat"}},
		{"a report with no place and no shared actor stays apart",
			"Gunmen killed three policemen in Kabul yesterday.", "Militants killed two police officers yesterday.",
			[]tm{plc("Kabul", "kabul")}, nil,
			[]string{"", "kabul"}},
		{"a report naming only the country and no shared actor stays apart",
			"Gunmen killed three policemen in Kabul yesterday.", "Militants killed two police officers in Afghanistan yesterday.",
			[]tm{plc("Kabul", "kabul")}, []tm{plc("Afghanistan", "af")},
			[]string{"af", "kabul"}},
		{"a report with no place that shares the perpetrator joins",
			"Taliban fighters killed three policemen in Kabul yesterday.", "The Taliban killed three police officers yesterday.",
			[]tm{grp("Taliban", "taliban"), plc("Kabul", "kabul")}, []tm{grp("Taliban", "taliban")},
			[]string{"kabul"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ra := mergeDoc(t, "doc-a", tc.a, tc.am...)
			rb := mergeDoc(t, "doc-b", tc.b, tc.bm...)
			f := Merge([]*Report{ra, rb}, mergeEnts, nil)
			var got []string
			for _, ev := range f.Events {
				got = append(got, ev.Place)
			}
			slices.Sort(got)
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				for _, ev := range f.Events {
					t.Logf("%s %v", eventString(ev), ev.Documents)
				}
				t.Errorf("event places %q, want %q", got, tc.want)
			}
		})
	}
}
