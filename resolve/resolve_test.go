package resolve

import (
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

func m(doc, text string, typ dossier.EntityType, canonical string) dossier.Mention {
	return dossier.Mention{Document: doc, Text: text, Type: typ, Key: lexicon.Key(text), Canonical: canonical}
}

// clusters renders entities as sorted "name: alias, alias" lines.
func clusters(ents []*dossier.Entity) []string {
	var out []string
	for _, e := range ents {
		var forms []string
		for _, m := range e.Mentions {
			forms = append(forms, m.Document+":"+m.Text)
		}
		sort.Strings(forms)
		out = append(out, string(e.Type)+" "+strings.Join(forms, ","))
	}
	sort.Strings(out)
	return out
}

func TestEntities(t *testing.T) {
	lex := lexicon.MustLoad()
	isk := lex.Lookup("IS-K").ID
	is := lex.Lookup("Islamic State").ID
	tests := []struct {
		name     string
		mentions []dossier.Mention
		want     []string
	}{
		{"reference aliases join, parent stays apart", []dossier.Mention{
			m("a", "IS-K", dossier.Group, isk), m("b", "ISIS-K", dossier.Group, isk),
			m("b", "Islamic State", dossier.Group, is),
		}, []string{"group a:IS-K,b:ISIS-K", "group b:Islamic State"}},
		{"same full name across documents", []dossier.Mention{
			m("a", "Charlie Winter", dossier.Person, ""), m("b", "Charlie Winter", dossier.Person, ""),
		}, []string{"person a:Charlie Winter,b:Charlie Winter"}},
		{"similar names stay apart", []dossier.Mention{
			m("a", "Abu Sayed", dossier.Person, ""), m("b", "Abdul Sayed", dossier.Person, ""),
		}, []string{"person a:Abu Sayed", "person b:Abdul Sayed"}},
		{"bare surnames never merge across documents", []dossier.Mention{
			m("a", "Khan", dossier.Person, ""), m("b", "Khan", dossier.Person, ""),
		}, []string{"person a:Khan", "person b:Khan"}},
		{"short form joins its full name in the document", []dossier.Mention{
			m("a", "Charlie Winter", dossier.Person, ""), m("a", "Winter", dossier.Person, "charlie winter"),
			m("b", "Winter", dossier.Person, ""),
		}, []string{"person a:Charlie Winter,a:Winter", "person b:Winter"}},
		{"a lone surname joins the one full name ending in it when the documents name the same actors", []dossier.Mention{
			m("a", "Joe Biden", dossier.Person, ""), m("a", "IS-K", dossier.Group, isk),
			m("b", "Biden", dossier.Person, ""), m("b", "ISIS-K", dossier.Group, isk),
		}, []string{"group a:IS-K,b:ISIS-K", "person a:Joe Biden,b:Biden"}},
		{"but not when two full names end in it, nor a common surname", []dossier.Mention{
			m("a", "Abu Sayed", dossier.Person, ""), m("a", "Hafiz Saeed Khan", dossier.Person, ""), m("a", "IS-K", dossier.Group, isk),
			m("c", "Abdul Sayed", dossier.Person, ""), m("c", "IS-K", dossier.Group, isk),
			m("b", "Sayed", dossier.Person, ""), m("b", "Khan", dossier.Person, ""), m("b", "IS-K", dossier.Group, isk),
		}, []string{"group a:IS-K,b:IS-K,c:IS-K", "person a:Abu Sayed", "person a:Hafiz Saeed Khan", "person b:Khan", "person b:Sayed", "person c:Abdul Sayed"}},
		{"acronym defined once stands for its definition elsewhere", []dossier.Mention{
			m("a", "Widget Liberation Council", dossier.Organization, ""),
			m("a", "WLC", dossier.Organization, "widget liberation council"),
			m("b", "WLC", dossier.Organization, ""),
		}, []string{"organization a:WLC,a:Widget Liberation Council,b:WLC"}},
		{"acronym defined two ways stays ambiguous", []dossier.Mention{
			m("a", "WLC", dossier.Organization, "widget liberation council"),
			m("b", "WLC", dossier.Organization, "western land company"),
			m("c", "WLC", dossier.Organization, ""),
		}, []string{"organization a:WLC", "organization b:WLC", "organization c:WLC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clusters(Entities(lex, tt.mentions))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestEntitiesStable(t *testing.T) {
	lex := lexicon.MustLoad()
	isk := lex.Lookup("IS-K").ID
	ms := []dossier.Mention{
		m("a", "IS-K", dossier.Group, isk), m("b", "Islamic State Khorasan", dossier.Group, isk),
		m("a", "Charlie Winter", dossier.Person, ""), m("b", "Kabul", dossier.Place, lex.Lookup("Kabul").ID),
		m("a", "Winter", dossier.Person, "charlie winter"), m("c", "Khan", dossier.Person, ""),
	}
	first := Entities(lex, ms)
	ids := map[string]string{}
	for _, e := range first {
		ids[e.Name] = e.ID
	}
	if first[0].Name != "Islamic State Khorasan Province" && first[0].Name != "Charlie Winter" {
		t.Errorf("unexpected first entity %q", first[0].Name)
	}
	for i := 0; i < 5; i++ {
		rand.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		for _, e := range Entities(lex, ms) {
			if ids[e.Name] != e.ID {
				t.Fatalf("entity %q changed ID %s -> %s when mentions were reordered", e.Name, ids[e.Name], e.ID)
			}
		}
	}
}

func TestClaims(t *testing.T) {
	lex := lexicon.MustLoad()
	ents := Entities(lex, []dossier.Mention{
		{Document: "a", Text: "IS-K", Type: dossier.Group, Key: "is k", Sentence: 0},
		{Document: "a", Text: "IS-K", Type: dossier.Group, Key: "is k", Sentence: 0},
		{Document: "a", Text: "IS-K", Type: dossier.Group, Key: "is k", Sentence: 1},
	})
	sents := []string{"IS-K struck IS-K targets.", "IS-K denied it."}
	Claims(ents, func(doc string, idx int) (dossier.Span, string, bool) {
		start := 0
		for i := 0; i < idx; i++ {
			start += len([]rune(sents[i])) + 1
		}
		return dossier.Span{Start: start, End: start + len([]rune(sents[idx]))}, sents[idx], true
	})
	if len(ents) != 1 || len(ents[0].Claims) != 2 {
		t.Fatalf("want one entity with two claims, got %+v", ents)
	}
	c := ents[0].Claims[1]
	if c.Quote != "IS-K denied it." || c.Start != 26 || c.ID != NewClaim("a", dossier.Span{Start: 26, End: 41}, "").ID {
		t.Errorf("claim %+v", c)
	}
}
