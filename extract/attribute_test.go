package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

// attrStrings writes attributes as "entity name value|asof|by|min-max".
func attrStrings(as []*dossier.Attribute) []string {
	var out []string
	for _, a := range as {
		q := ""
		if a.Quantity != nil {
			q = fmt.Sprintf("%d-", a.Quantity.Min)
			if a.Quantity.Max != nil {
				q += fmt.Sprint(*a.Quantity.Max)
			}
		}
		out = append(out, fmt.Sprintf("%s %s %s|%s|%s|%s", a.Entity, a.Name, a.Value, a.AsOf, a.By, q))
	}
	sort.Strings(out)
	return out
}

func TestAttributes(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		pub   string
		ments []tm
		want  []string
	}{
		// died
		{"died in a parenthesis", "Its creator was Abdul Rauf Khadem (died 2015), who had left the Taliban.", "",
			[]tm{{"Abdul Rauf Khadem", "p1", dossier.Person}, grp("Taliban", "g1")}, []string{"p1 died 2015|2015||"}},
		{"was killed in", "Hafiz Saeed Khan was killed in a drone strike in July 2016.", "",
			[]tm{{"Hafiz Saeed Khan", "p1", dossier.Person}}, []string{"p1 died 2016-07|2016-07||"}},
		{"killed someone is no death", "Hafiz Saeed Khan killed two men in July 2016.", "",
			[]tm{{"Hafiz Saeed Khan", "p1", dossier.Person}}, nil},
		// founded
		{"was founded in", "The Northern Front was founded in 2015 in Ruritania.", "",
			[]tm{grp("Northern Front", "g1"), plc("Ruritania", "l1")}, []string{"g1 founded 2015|||"}},
		{"apposition founded", "The Northern Front, formed in January 2014, claimed the attack.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 founded 2014-01|||"}},
		{"since its founding", "Since its founding in January 2015, the Northern Front has grown.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 founded 2015-01|||"}},
		{"emerged in", "The Northern Front emerged in 2012.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 founded 2012|||"}},
		{"formation of", "Officials noted the formation of the Northern Front in 2011.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 founded 2011|||"}},
		{"founded by X in", "The Northern Front was established by Abu Omar in 2010.", "",
			[]tm{grp("Northern Front", "g1"), per("Abu Omar", "p1")}, []string{"g1 founded 2010|||"}},
		{"active founded is not a founding date", "Abu Omar, who founded the Northern Front's 1996 emirate, spoke.", "",
			[]tm{per("Abu Omar", "p1"), grp("Northern Front", "g1")}, nil},
		{"announced an attack is not a founding", "The Northern Front announced in 2016 that it had attacked a base.", "",
			[]tm{grp("Northern Front", "g1")}, nil},
		// size
		{"size with UN report and month", "A United Nations report released in June said the Northern Front retains approximately 1,500 to 2,200 fighters.", "2021-08-27",
			[]tm{org("United Nations", "o1"), grp("Northern Front", "g1")}, []string{"g1 size approximately 1,500 to 2,200 fighters|2021-06|United Nations report|1500-2200"}},
		{"number of group fighters", "By 2016, the number of Northern Front fighters was estimated to be between 3000 to 4000.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 size between 3000 to 4000|2016||3000-4000"}},
		{"according to", "According to the State Department, the Northern Front has about 2,000 fighters.", "",
			[]tm{org("State Department", "o1"), grp("Northern Front", "g1")}, []string{"g1 size about 2,000 fighters||State Department|2000-2000"}},
		{"the group refers back", "The Northern Front is active in the north. The group has some 800 fighters.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 size some 800 fighters|||800-800"}},
		{"casualties are not a size", "The Northern Front killed 12 soldiers.", "",
			[]tm{grp("Northern Front", "g1")}, nil},
		{"two groups, no attribution", "The Northern Front and the Red Brigade lost 50 fighters in the battle.", "",
			[]tm{grp("Northern Front", "g1"), grp("Red Brigade", "g2")}, nil},
		// ideology
		{"ideology before name", "The Salafi-jihadist Northern Front rejects elections.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 ideology Salafi-jihadist|||"}},
		{"apposition ideology group", "The Northern Front, a Sunni extremist group, rejects elections.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 ideology Sunni extremist|||"}},
		{"ideology group name", "The Maoist group Red Brigade attacked a police post.", "",
			[]tm{grp("Red Brigade", "g1")}, []string{"g1 ideology Maoist|||"}},
		{"adheres to", "The Northern Front adheres to a Deobandi ideology.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 ideology Deobandi|||"}},
		{"ideology of something else", "The Northern Front attacked a Sunni mosque.", "",
			[]tm{grp("Northern Front", "g1")}, nil},
		// aim
		{"aims to", "The Northern Front aims to establish an emirate in Ruritania, officials said.", "",
			[]tm{grp("Northern Front", "g1"), plc("Ruritania", "l1")}, []string{"g1 aim establish an emirate in Ruritania|||"}},
		{"goal is to", "The Northern Front's stated goal is to overthrow the government.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 aim overthrow the government|||"}},
		{"objective of", "The objective of the Northern Front is to create a separate state.", "",
			[]tm{grp("Northern Front", "g1")}, []string{"g1 aim create a separate state|||"}},
		{"someone else's aim", "The army seeks to defeat the Northern Front.", "",
			[]tm{org("army", "o1"), grp("Northern Front", "g1")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := testInput(t, tt.text, tt.pub, tt.ments...)
			r := Read(in)
			got := attrStrings(r.Attributes)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%s\n got  %q\n want %q", tt.text, got, tt.want)
			}
			for _, a := range r.Attributes {
				if a.Document != "doc1" || !claimed(r, a.Claim) {
					t.Errorf("attribute %+v: want document doc1 and a claim of the report", a)
				}
				if a.Quantity != nil && (a.Quantity.Claim != a.Claim || a.Quantity.Document != "doc1") {
					t.Errorf("attribute %+v: quantity not cited", a)
				}
			}
		})
	}
}
