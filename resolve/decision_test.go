package resolve

import (
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

func TestDecisions(t *testing.T) {
	lex := lexicon.MustLoad()
	mentions := []dossier.Mention{
		m("a", "Abdul Rauf Khadem", dossier.Person, ""), m("b", "Abdul Rauf Khadim", dossier.Person, ""),
		m("a", "Joe Biden", dossier.Person, ""), m("a", "Biden", dossier.Person, "joe biden"),
		m("c", "Biden", dossier.Person, ""),
		m("a", "Kabul", dossier.Place, ""), m("b", "Kabul", dossier.Place, ""), m("c", "Kabul", dossier.Place, ""),
	}
	k := func(s ...string) []string {
		for i := range s {
			s[i] = lexicon.Key(s[i])
		}
		return s
	}
	tests := []struct {
		name      string
		decisions []*dossier.Decision
		want      []string
		wantName  map[string]string // mention text → entity name
	}{
		{"none", nil, []string{
			"person a:Abdul Rauf Khadem,b:Abdul Rauf Khadim", "person a:Biden,a:Joe Biden", "person c:Biden",
			"place a:Kabul,b:Kabul,c:Kabul"}, nil},
		{"split a spelling off", []*dossier.Decision{
			{Seq: 1, Action: dossier.Split, Target: k("Abdul Rauf Khadem", "Abdul Rauf Khadim"), Names: k("Abdul Rauf Khadim")},
		}, []string{
			"person a:Abdul Rauf Khadem", "person a:Biden,a:Joe Biden", "person b:Abdul Rauf Khadim", "person c:Biden",
			"place a:Kabul,b:Kabul,c:Kabul"}, nil},
		{"split a document off", []*dossier.Decision{
			{Seq: 1, Action: dossier.Split, Target: k("Kabul"), Documents: []string{"c"}},
		}, []string{
			"person a:Abdul Rauf Khadem,b:Abdul Rauf Khadim", "person a:Biden,a:Joe Biden", "person c:Biden",
			"place a:Kabul,b:Kabul", "place c:Kabul"}, nil},
		{"merge the bare surname into the full name", []*dossier.Decision{
			{Seq: 1, Action: dossier.Merge, Target: k("Joe Biden", "Biden"), Other: k("Biden")},
		}, []string{
			// The bare "Biden" entity is the closer match for its own keys,
			// so the merge joins c's Biden to Joe Biden.
			"person a:Abdul Rauf Khadem,b:Abdul Rauf Khadim", "person a:Biden,a:Joe Biden,c:Biden",
			"place a:Kabul,b:Kabul,c:Kabul"}, nil},
		{"rename, then decisions apply in order", []*dossier.Decision{
			{Seq: 1, Action: dossier.Rename, Target: k("Abdul Rauf Khadem", "Abdul Rauf Khadim"), Name: "Abdul Rauf Aliza"},
			{Seq: 2, Action: dossier.Split, Target: k("Abdul Rauf Khadem", "Abdul Rauf Khadim"), Names: k("Abdul Rauf Khadim")},
		}, []string{
			"person a:Abdul Rauf Khadem", "person a:Biden,a:Joe Biden", "person b:Abdul Rauf Khadim", "person c:Biden",
			"place a:Kabul,b:Kabul,c:Kabul"}, map[string]string{"Abdul Rauf Khadem": "Abdul Rauf Aliza", "Abdul Rauf Khadim": "Abdul Rauf Khadim"}},
		{"a decision whose entity is gone changes nothing", []*dossier.Decision{
			{Seq: 1, Action: dossier.Merge, Target: k("Nobody Here"), Other: k("Kabul")},
		}, []string{
			"person a:Abdul Rauf Khadem,b:Abdul Rauf Khadim", "person a:Biden,a:Joe Biden", "person c:Biden",
			"place a:Kabul,b:Kabul,c:Kabul"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ents := EntitiesWith(lex, mentions, tc.decisions)
			if got := clusters(ents); !equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			ids := map[string]bool{}
			for _, e := range ents {
				if ids[e.ID] {
					t.Errorf("ID %s used twice", e.ID)
				}
				ids[e.ID] = true
				for text, name := range tc.wantName {
					for _, mm := range e.Mentions {
						if mm.Text == text && e.Name != name {
							t.Errorf("%q is in entity %q, want %q", text, e.Name, name)
						}
					}
				}
			}
		})
	}
}
