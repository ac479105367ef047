package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// tm is a mention for a test input: its surface text (with "#2" for the
// second occurrence), the entity it resolves to and the entity's type.
type tm struct {
	text, entity string
	typ          dossier.EntityType
}

// Short constructors keep the tables readable.
func grp(text, id string) tm { return tm{text, id, dossier.Group} }
func per(text, id string) tm { return tm{text, id, dossier.Person} }
func org(text, id string) tm { return tm{text, id, dossier.Organization} }
func plc(text, id string) tm { return tm{text, id, dossier.Place} }
func nat(text, id string) tm { return tm{text, id, dossier.Nationality} }

// testInput builds an Input for one document: its sentences from the
// tokenizer and its mentions at the code points where their text occurs.
func testInput(t testing.TB, text, published string, ms ...tm) *Input {
	t.Helper()
	runes := []rune(text)
	in := &Input{
		Doc:       &dossier.Document{ID: "doc1", Text: text, Published: published},
		Sentences: tokenize.Sentences(runes),
	}
	for _, m := range ms {
		surface, nth := m.text, 1
		if i := strings.LastIndex(surface, "#"); i > 0 {
			fmt.Sscanf(surface[i+1:], "%d", &nth)
			surface = surface[:i]
		}
		at := -1
		for from, k := 0, 0; k < nth; k++ {
			j := strings.Index(text[from:], surface)
			if j < 0 {
				t.Fatalf("mention %q (#%d) not in text", surface, nth)
			}
			at, from = from+j, from+j+len(surface)
		}
		start := len([]rune(text[:at]))
		end := start + len([]rune(surface))
		sent := -1
		for si, sp := range in.Sentences {
			if start >= sp.Start && start < sp.End {
				sent = si
			}
		}
		in.Mentions = append(in.Mentions, Mention{
			Mention: dossier.Mention{Document: "doc1", Start: start, End: end, Text: surface,
				Type: m.typ, Key: strings.ToLower(surface), Sentence: sent},
			Entity:     m.entity,
			EntityType: m.typ,
		})
	}
	sort.Slice(in.Mentions, func(i, j int) bool { return in.Mentions[i].Start < in.Mentions[j].Start })
	return in
}

// relStrings writes relations as "subject predicate object start end".
func relStrings(rs []*dossier.Relation) []string {
	var out []string
	for _, r := range rs {
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s %s %s", r.Subject, r.Predicate, r.Object, dash(r.Start), dash(r.End))))
	}
	sort.Strings(out)
	return out
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func TestRelations(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		pub   string
		ments []tm
		want  []string
	}{
		// leader_of
		{"apposition emir of", "Abu Omar, the emir of the Northern Front, spoke.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 - -"}},
		{"group leader name", "And since May 2020, current Alpha Brigade leader Karim Said has focused on cities.", "",
			[]tm{grp("Alpha Brigade", "g1"), per("Karim Said", "p1")}, []string{"p1 leader_of g1 2020-05 -"}},
		{"possessive emir", "The Northern Front's emir Abu Omar issued a statement.", "",
			[]tm{grp("Northern Front", "g1"), per("Abu Omar", "p1")}, []string{"p1 leader_of g1 - -"}},
		{"chief", "Delta Army chief Musa Khan denied it.", "",
			[]tm{grp("Delta Army", "g1"), per("Musa Khan", "p1")}, []string{"p1 leader_of g1 - -"}},
		{"led by in year with deputy", "In 2014, the Northern Front was led by Delta Army commander Musa Khan and former Delta Army commander Ali Reza as the deputy.", "",
			[]tm{grp("Northern Front", "g1"), grp("Delta Army", "g2"), per("Musa Khan", "p1"), grp("Delta Army#2", "g2"), per("Ali Reza", "p2")},
			[]string{"p1 leader_of g1 2014 -", "p1 member_of g2 - -", "p2 deputy_of g1 2014 -", "p2 member_of g2 - -"}},
		{"headed by", "The Northern Front, headed by Abu Omar, grew quickly.", "",
			[]tm{grp("Northern Front", "g1"), per("Abu Omar", "p1")}, []string{"p1 leader_of g1 - -"}},
		{"under the leadership of", "The Northern Front expanded under the leadership of Abu Omar.", "",
			[]tm{grp("Northern Front", "g1"), per("Abu Omar", "p1")}, []string{"p1 leader_of g1 - -"}},
		{"became the emir", "Abu Omar became the emir of the Northern Front in March 2019.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 2019-03 -"}},
		{"appointed as", "The Northern Front appointed Abu Omar as its new leader in 2019.", "",
			[]tm{grp("Northern Front", "g1"), per("Abu Omar", "p1")}, []string{"p1 leader_of g1 2019 -"}},
		{"succeeded", "Abu Omar succeeded Musa Khan as emir of the Northern Front.", "",
			[]tm{per("Abu Omar", "p1"), per("Musa Khan", "p2"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 - -"}},
		{"led since, killed without date", "Abu Omar, the emir who led the Northern Front since June 2020, was killed by security forces.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 2020-06 -"}},
		{"killed in year ends", "Abu Omar, the founding emir of the Northern Front, was killed in a drone strike in 2016.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 - 2016"}},
		{"led from to", "Abu Omar led the Northern Front from 2015 to 2019.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 2015 2019"}},
		{"until his death", "Abu Omar headed the Northern Front until his death in 2016.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 - 2016"}},
		{"former leader has no start", "Abu Omar, a former leader of the Northern Front, spoke in 2019.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"p1 leader_of g1 - -"}},
		// deputy_of
		{"deputy leader", "Ali Reza, the deputy leader of the Northern Front, was arrested.", "",
			[]tm{per("Ali Reza", "p1"), grp("Northern Front", "g1")}, []string{"p1 deputy_of g1 - -"}},
		// spokesperson_of
		{"a date in another clause", "Northern Front spokesman Ali Reza said that since August 2021 the army has arrested 1,700 militants.", "",
			[]tm{grp("Northern Front", "g1"), per("Ali Reza", "p1")}, []string{"p1 spokesperson_of g1 - -"}},
		{"a date before the match in another clause", "Abu Omar visited Kabul in October 2014, months after Musa Khan, the Delta Army leader, declared a caliphate.", "",
			[]tm{per("Abu Omar", "p2"), plc("Kabul", "l1"), per("Musa Khan", "p1"), grp("Delta Army", "g1")}, []string{"p1 leader_of g1 - -"}},
		{"operates in a place, from a noun", "The Northern Front's fighters in Kunar and Nangarhar were hit.", "",
			[]tm{grp("Northern Front", "g1"), plc("Kunar", "l1"), plc("Nangarhar", "l2")}, []string{"g1 operates_in l1 - -", "g1 operates_in l2 - -"}},
		{"supporting someone is not the supporter's target", "The army will strike Northern Front targets in support of the Red Brigade.", "",
			[]tm{org("army", "o1"), grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, nil},
		{"group spokesman name", "Northern Front spokesman Ali Reza denied the claim.", "",
			[]tm{grp("Northern Front", "g1"), per("Ali Reza", "p1")}, []string{"p1 spokesperson_of g1 - -"}},
		{"a spokesman for", "Ali Reza, a spokesman for the Northern Front, denied the claim.", "",
			[]tm{per("Ali Reza", "p1"), grp("Northern Front", "g1")}, []string{"p1 spokesperson_of g1 - -"}},
		{"said X, Y's spokesman", "\"We did not do it,\" said Ali Reza, the Northern Front's spokesman.", "",
			[]tm{per("Ali Reza", "p1"), grp("Northern Front", "g1")}, []string{"p1 spokesperson_of g1 - -"}},
		{"government spokesman, not the group", "Ali Reza, a spokesman for the Interior Ministry, said the Northern Front was behind the attack.", "",
			[]tm{per("Ali Reza", "p1"), org("Interior Ministry", "o1"), grp("Northern Front", "g1")}, []string{"p1 spokesperson_of o1 - -"}},
		// member_of
		{"member of", "Ali Reza, a member of the Northern Front, was detained.", "",
			[]tm{per("Ali Reza", "p1"), grp("Northern Front", "g1")}, []string{"p1 member_of g1 - -"}},
		{"group commander name", "Northern Front commander Ali Reza was detained.", "",
			[]tm{grp("Northern Front", "g1"), per("Ali Reza", "p1")}, []string{"p1 member_of g1 - -"}},
		{"joined in year", "Ali Reza joined the Northern Front in 2015.", "",
			[]tm{per("Ali Reza", "p1"), grp("Northern Front", "g1")}, []string{"p1 member_of g1 2015 -"}},
		{"defected from ends", "Ali Reza defected from the Northern Front in 2017.", "",
			[]tm{per("Ali Reza", "p1"), grp("Northern Front", "g1")}, []string{"p1 member_of g1 - 2017"}},
		{"leaders including", "Northern Front leaders, including Ali Reza and Musa Khan, were killed.", "",
			[]tm{grp("Northern Front", "g1"), per("Ali Reza", "p1"), per("Musa Khan", "p2")}, []string{"p1 member_of g1 - -", "p2 member_of g1 - -"}},
		// founded_by
		{"founded by", "The Northern Front was founded in 2012 by Abu Omar.", "",
			[]tm{grp("Northern Front", "g1"), per("Abu Omar", "p1")}, []string{"g1 founded_by p1 2012 -"}},
		{"X founded Y", "Abu Omar founded the Northern Front.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"g1 founded_by p1 - -"}},
		{"founder of", "Abu Omar, the founder of the Northern Front, died in 2015.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, []string{"g1 founded_by p1 - 2015"}},
		// affiliate_of
		{"affiliate of with place", "The Northern Front is the Ruritanian affiliate of the Global Caliphate.", "",
			[]tm{grp("Northern Front", "g1"), nat("Ruritanian", "n1"), grp("Global Caliphate", "g2")}, []string{"g1 affiliate_of g2 - -"}},
		{"apposition affiliate", "A statement from the Northern Front, the affiliate of the Global Caliphate in Ruritania, claimed it.", "",
			[]tm{grp("Northern Front", "g1"), grp("Global Caliphate", "g2"), plc("Ruritania", "l1")}, []string{"g1 affiliate_of g2 - -"}},
		{"acted as an X affiliate", "Since its inception in 2014, the Northern Front has acted as a Global Caliphate affiliate in Ruritania.", "",
			[]tm{grp("Northern Front", "g1"), grp("Global Caliphate", "g2"), plc("Ruritania", "l1")}, []string{"g1 affiliate_of g2 2014 -"}},
		{"affiliated with", "The Northern Front is affiliated with the Global Caliphate.", "",
			[]tm{grp("Northern Front", "g1"), grp("Global Caliphate", "g2")}, []string{"g1 affiliate_of g2 - -"}},
		{"pledged allegiance", "The Northern Front pledged allegiance to the Global Caliphate in January 2015.", "",
			[]tm{grp("Northern Front", "g1"), grp("Global Caliphate", "g2")}, []string{"g1 affiliate_of g2 2015-01 -"}},
		// splinter_of
		{"splinter of", "The Red Brigade, a splinter group of the Northern Front, claimed the attack.", "",
			[]tm{grp("Red Brigade", "g1"), grp("Northern Front", "g2")}, []string{"g1 splinter_of g2 - -"}},
		{"broke away from", "The Red Brigade broke away from the Northern Front in 2014.", "",
			[]tm{grp("Red Brigade", "g1"), grp("Northern Front", "g2")}, []string{"g1 splinter_of g2 2014 -"}},
		{"formed by defectors", "The Red Brigade was formed by defectors from the Northern Front.", "",
			[]tm{grp("Red Brigade", "g1"), grp("Northern Front", "g2")}, []string{"g1 splinter_of g2 - -"}},
		// rival_of and allied_with
		{"possessive rival", "The Northern Front's rival the Red Brigade grew stronger.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 rival_of g2 - -"}},
		{"possessive ally", "The Northern Front's ally the Red Brigade grew stronger.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 allied_with g2 - -"}},
		{"clashed with", "The Northern Front clashed with the Red Brigade in Ruritania.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2"), plc("Ruritania", "l1")}, []string{"g1 rival_of g2 - -", "g2 operates_in l1 - -"}},
		{"fighting between", "Fighting between the Northern Front and the Red Brigade has killed hundreds.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 rival_of g2 - -"}},
		{"at war with", "The Northern Front has been at war with the Red Brigade since 2017.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 rival_of g2 2017 -"}},
		{"are enemies", "The Northern Front and the Red Brigade are bitter enemies.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 rival_of g2 - -"}},
		{"offensive against", "The army launched an offensive against the Northern Front.", "",
			[]tm{org("army", "o1"), grp("Northern Front", "g1")}, []string{"o1 rival_of g1 - -"}},
		{"allied with", "The Northern Front is allied with the Red Brigade.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 allied_with g2 - -"}},
		{"alliance with", "The Northern Front formed an alliance with the Red Brigade in 2018.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 allied_with g2 2018 -"}},
		{"ties to", "The Northern Front maintains close ties to the Red Brigade.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 allied_with g2 - -"}},
		{"cooperates with", "The Northern Front cooperates with the Red Brigade.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 allied_with g2 - -"}},
		{"two states are not this program's rivals", "Ruritania clashed with Freedonia.", "",
			[]tm{org("Ruritania", "o1"), org("Freedonia", "o2")}, nil},
		// operates_in
		{"active in coordinated", "The Northern Front is active in Kunar and Nangarhar provinces.", "",
			[]tm{grp("Northern Front", "g1"), plc("Kunar", "l1"), plc("Nangarhar", "l2")}, []string{"g1 operates_in l1 - -", "g1 operates_in l2 - -"}},
		{"based in", "The Northern Front, based in Ruritania, claimed the attack.", "",
			[]tm{grp("Northern Front", "g1"), plc("Ruritania", "l1")}, []string{"g1 operates_in l1 - -"}},
		{"strongholds in", "The Northern Front has strongholds in Ruritania.", "",
			[]tm{grp("Northern Front", "g1"), plc("Ruritania", "l1")}, []string{"g1 operates_in l1 - -"}},
		{"presence in", "The Northern Front's presence in Ruritania has grown.", "",
			[]tm{grp("Northern Front", "g1"), plc("Ruritania", "l1")}, []string{"g1 operates_in l1 - -"}},
		// recruited_from
		{"recruits from", "The Northern Front recruits heavily from Ruritania.", "",
			[]tm{grp("Northern Front", "g1"), plc("Ruritania", "l1")}, []string{"g1 recruited_from l1 - -"}},
		{"recruited among nationality", "The Northern Front recruited among Ruritanian youths.", "",
			[]tm{grp("Northern Front", "g1"), nat("Ruritanian", "n1")}, []string{"g1 recruited_from n1 - -"}},
		{"members defected to", "Many members of the Red Brigade had defected to the Northern Front.", "",
			[]tm{grp("Red Brigade", "g2"), grp("Northern Front", "g1")}, []string{"g1 recruited_from g2 - -"}},
		{"foot soldiers come from", "The Northern Front's leadership and foot soldiers come from the Red Brigade.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, []string{"g1 recruited_from g2 - -"}},
		// designated_by
		{"X designated Y", "The State Department designated the Northern Front a foreign terrorist organization in January 2016.", "",
			[]tm{org("State Department", "o1"), grp("Northern Front", "g1")}, []string{"g1 designated_by o1 2016-01 -"}},
		{"designated by", "The Northern Front was designated as a terrorist organization by the United Nations.", "",
			[]tm{grp("Northern Front", "g1"), org("United Nations", "o1")}, []string{"g1 designated_by o1 - -"}},
		{"banned by a country", "Ruritania banned the Northern Front in 2011.", "",
			[]tm{plc("Ruritania", "l1"), grp("Northern Front", "g1")}, []string{"g1 designated_by l1 2011 -"}},
		// negatives
		{"two people, no pattern", "Abu Omar met Musa Khan in Kabul.", "",
			[]tm{per("Abu Omar", "p1"), per("Musa Khan", "p2"), plc("Kabul", "l1")}, nil},
		{"person and group, no pattern", "Abu Omar condemned the Northern Front.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, nil},
		{"leader of a place is not leader_of", "Abu Omar, the governor of Kunar, spoke.", "",
			[]tm{per("Abu Omar", "p1"), plc("Kunar", "l1")}, nil},
		{"same entity twice", "The Northern Front, the affiliate of the Northern Front, spoke.", "",
			[]tm{grp("Northern Front", "g1"), grp("Northern Front#2", "g1")}, nil},
		{"severed ties is not an alliance", "The Northern Front severed ties with the Red Brigade.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, nil},
		{"negated", "Abu Omar is not the leader of the Northern Front.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, nil},
		{"attack in a place is not operates_in by adjacency", "The Northern Front attacked a market in Kabul.", "",
			[]tm{grp("Northern Front", "g1"), plc("Kabul", "l1")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := testInput(t, tt.text, tt.pub, tt.ments...)
			r := Read(in)
			got := relStrings(r.Relations)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%s\n got  %q\n want %q", tt.text, got, tt.want)
			}
			for _, rel := range r.Relations {
				if len(rel.Claims) != 1 || len(rel.Documents) != 1 || rel.Documents[0] != "doc1" {
					t.Errorf("relation %+v: want one claim and document doc1", rel)
				}
				if !claimed(r, rel.Claims[0]) {
					t.Errorf("relation cites claim %s not in the report", rel.Claims[0])
				}
			}
		})
	}
}

func claimed(r *Report, id string) bool {
	for _, c := range r.Claims {
		if c.ID == id {
			return true
		}
	}
	return false
}

// TestRelationsQuote checks that the claim quotes the sentence verbatim.
func TestRelationsQuote(t *testing.T) {
	text := "Nothing here. Abu Omar, the emir of the Northern Front, spoke."
	in := testInput(t, text, "", per("Abu Omar", "p1"), grp("Northern Front", "g1"))
	r := Read(in)
	if len(r.Relations) != 1 || len(r.Claims) != 1 {
		t.Fatalf("got %d relations and %d claims, want 1 and 1", len(r.Relations), len(r.Claims))
	}
	c := r.Claims[0]
	if c.Quote != "Abu Omar, the emir of the Northern Front, spoke." || string([]rune(text)[c.Start:c.End]) != c.Quote {
		t.Errorf("claim %+v does not quote the sentence", c)
	}
}

// BenchmarkRelations measures relation and attribute reading on a
// sentence with several mentions.
func BenchmarkRelations(b *testing.B) {
	text := "According to reports, in 2014, the Northern Front was led by Delta Army commander Musa Khan and former Delta Army commander Ali Reza as the deputy, and it is active in Kunar and Nangarhar provinces."
	in := testInput(b, text, "2021-08-27", grp("Northern Front", "g1"), grp("Delta Army", "g2"), per("Musa Khan", "p1"),
		grp("Delta Army#2", "g2"), per("Ali Reza", "p2"), plc("Kunar", "l1"), plc("Nangarhar", "l2"))
	b.ReportAllocs()
	for b.Loop() {
		Read(in)
	}
}
