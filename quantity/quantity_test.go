package quantity

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// want is one expected count: its text, bounds (max -1 for open), meaning
// and noun.
type want struct {
	text    string
	min     int
	max     int
	meaning string
	noun    string
}

func (w want) String() string {
	return fmt.Sprintf("{%q %d..%d %s %q}", w.text, w.min, w.max, w.meaning, w.noun)
}

func got(c Count) want {
	max := -1
	if c.Max != nil {
		max = *c.Max
	}
	return want{c.Text, c.Min, max, c.Meaning, c.Noun}
}

func find(s string) []Count {
	rs := []rune(s)
	return Find(rs, dossier.Span{Start: 0, End: len(rs)})
}

// TestFind checks every top-level count that has a meaning, in order.
func TestFind(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"sum after predicate", "At time of writing, 72 Afghans are now known to have died along with 13 American soldiers.",
			[]want{{"72 Afghans are now known to have died along with 13 American soldiers", 85, 85, Killed, "Afghans"}}},
		{"open sum", "the August 26 suicide bombing at the Kabul airport, which killed more than 170 civilians and 13 U.S. soldiers.",
			[]want{{"more than 170 civilians and 13 U.S. soldiers", 183, -1, Killed, "civilians"}}},
		{"three coordinated", "a 2020 assault by gunmen on a maternity ward in Kabul, killing 16 mothers and pregnant women, as well as two children and seven other people.",
			[]want{{"16 mothers and pregnant women, as well as two children and seven other people", 25, 25, Killed, "mothers"}}},
		{"more than, with subset", "The attack resulted in more than 100 deaths, including thirteen American soldiers.",
			[]want{{"more than 100 deaths", 100, -1, Killed, "deaths"}, {"thirteen American soldiers", 13, 13, Killed, "soldiers"}}},
		{"scores", "the August 26 bomb attack on Kabul airport that was claimed by Islamic State in Khorasan and which killed scores of people.",
			[]want{{"scores of people", 20, -1, Killed, "people"}}},
		{"hundreds", "Hundreds more people, both civilian and military, are also injured.",
			[]want{{"Hundreds more people", 200, -1, Injured, "people"}}},
		{"dozens", "Dozens of civilians were wounded in the blast.",
			[]want{{"Dozens of civilians", 24, -1, Injured, "civilians"}}},
		{"range of fighters", "The group had 1,500 to 2,200 fighters at its peak.",
			[]want{{"1,500 to 2,200 fighters", 1500, 2200, Fighters, "fighters"}}},
		{"size estimate without noun", "By 2016, the number of IS-K fighters was estimated to be between 3000 to 4000; however, this declined subsequently.",
			[]want{{"between 3000 to 4000", 3000, 4000, Fighters, "fighters"}}},
		{"killed and injured", "Maoists killed two policemen and injured three.",
			[]want{{"two policemen", 2, 2, Killed, "policemen"}, {"three", 3, 3, Injured, ""}}},
		{"perpetrator deaths", "Two Maoists were also killed in the exchange of fire.",
			[]want{{"Two Maoists", 2, 2, Killed, "Maoists"}}},
		{"bounds", "At least 13 people were killed and up to 30 injured, while nearly 200 were arrested.",
			[]want{{"At least 13 people", 13, -1, Killed, "people"}, {"up to 30", 0, 30, Injured, ""}, {"nearly 200", 200, 200, Arrested, ""}}},
		{"article and words", "A policeman was killed and twenty-five villagers were abducted.",
			[]want{{"A policeman", 1, 1, Killed, "policeman"}, {"twenty-five villagers", 25, 25, Kidnapped, "villagers"}}},
		{"one policeman", "One policeman was killed.", []want{{"One policeman", 1, 1, Killed, "policeman"}}},
		{"a dozen", "A dozen soldiers were captured by the rebels.", []want{{"A dozen soldiers", 12, 12, Arrested, "soldiers"}}},
		{"million", "The fighting has displaced 1.5 million people and killed 300 civilians.",
			[]want{{"300 civilians", 300, 300, Killed, "civilians"}}},
		{"implied singular", "Constable Manveer Shah of the CRPF was killed in an exchange of fire.",
			[]want{{"was killed", 1, 1, Killed, "CRPF"}}},
		{"named object", "Suspected cadres shot dead Amar Singh in the night.",
			[]want{{"Amar Singh", 1, 1, Killed, "Amar Singh"}}},
		{"subset with comma", "10 CRPF personnel, including a Deputy Commandant, and three suspected CPI-Maoist cadres were killed during an encounter.",
			[]want{{"10 CRPF personnel, including a Deputy Commandant, and three suspected CPI-Maoist cadres", 13, 13, Killed, "personnel"}, {"a Deputy Commandant", 1, 1, Killed, "Commandant"}}},
		{"active subject is not the victim", "About 50 armed cadres raided the village and shot dead two brothers.",
			[]want{{"two brothers", 2, 2, Killed, "brothers"}}},
		{"injuries to", "the Maoists attacked the security personnel, resulting in injuries to 13 policemen.",
			[]want{{"13 policemen", 13, 13, Injured, "policemen"}}},
		{"another", "A Special Task Force trooper was killed and another injured in a gun fight.",
			[]want{{"A Special Task Force trooper", 1, 1, Killed, "trooper"}, {"another", 1, 1, Injured, ""}}},
		{"one and others", "Security forces responded, killing one and wounding two others.",
			[]want{{"one", 1, 1, Killed, ""}, {"two others", 2, 2, Injured, "others"}}},
		{"attacks", "The group had already launched 77 attacks in the first four months of 2021.",
			[]want{{"77 attacks", 77, 77, Attacks, "attacks"}}},
		{"arrested up to", "their security forces have arrested and imprisoned up to 1,700 IS-K militants and killed close to 1,100 others",
			[]want{{"up to 1,700 IS-K militants", 0, 1700, Arrested, "militants"}, {"close to 1,100 others", 1100, 1100, Killed, "others"}}},
		{"surrendered", "10 CPI-Maoist cadres, including two women, surrendered in Bijapur District.",
			[]want{{"10 CPI-Maoist cadres", 10, 10, Surrendered, "cadres"}, {"two women", 2, 2, Surrendered, "women"}}},
		{"not a count: years, ages, money, dates", "Munna Hemla (26), who carried INR 800,000, was seen on 26 August 2021 and in 2014 at 2.30 pm.",
			nil},
		{"not a count: a year before a plural", "A thirteenth victim died in 1977 of injuries suffered during the attack.",
			[]want{{"A thirteenth victim", 1, 1, Killed, "victim"}}},
		{"not a count: things", "They pumped three bullets into him, leaving him dead.", nil},
		{"no figure", "The attack was condemned.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotW []want
			for _, c := range find(tt.in) {
				if c.Meaning != "" {
					gotW = append(gotW, got(c))
				}
			}
			if fmt.Sprint(gotW) != fmt.Sprint(tt.want) {
				t.Errorf("Find(%q)\n got %v\nwant %v", tt.in, gotW, tt.want)
			}
		})
	}
}

func TestFlags(t *testing.T) {
	cs := find("10 CRPF personnel, including a Deputy Commandant, and three suspected CPI-Maoist cadres were killed.")
	if len(cs) != 2 || len(cs[0].Parts) != 2 || !cs[1].Included || cs[0].Side != "" || cs[0].Parts[0].Side != SideState || cs[0].Parts[1].Side != SideArmed {
		t.Errorf("parts, sides and subset wrong: %+v", cs)
	}
	cs = find("The security force also detained two suspected insurgents.")
	if len(cs) != 1 || !cs[0].Additional || cs[0].Side != SideArmed {
		t.Errorf("additional count wrong: %+v", cs)
	}
	cs = find("A Maoist, wanted in connection with the murder of four villagers, was arrested.")
	for _, c := range cs {
		if c.Meaning == Killed && !c.Background {
			t.Errorf("background count not marked: %+v", c)
		}
	}
}

func TestTotal(t *testing.T) {
	tests := []struct {
		name, text, meaning string
		min, max            int // max -1 for open
	}{
		{"restated toll", "12 CRPF personnel were killed in the blast. Three security personnel were killed in the blast while nine others were killed in the firing.", Killed, 12, 12},
		{"two sides", "12 CRPF personnel were killed in the blast. The troopers retaliated, killing seven insurgents.", Killed, 19, 19},
		{"additional", "The force captured a Taliban leader. Two additional suspected insurgents were detained.", Arrested, 3, 3},
		{"open", "More than 100 people were killed.", Killed, 100, -1},
		{"none", "The attack was condemned.", Killed, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			min, max, ok := Total(docCounts(tt.text), tt.meaning)
			gotMax := -1
			if max != nil {
				gotMax = *max
			}
			if !ok && tt.min == 0 && tt.max == 0 {
				return
			}
			if min != tt.min || gotMax != tt.max {
				t.Errorf("Total = %d..%d, want %d..%d", min, gotMax, tt.min, tt.max)
			}
		})
	}
}

// TestCorpus runs Find over every sentence of the sample corpus and checks
// the Kabul airport tolls each article reports and that every count's
// text is the text at its offsets.
func TestCorpus(t *testing.T) {
	dir := "../../shared/corpus/isk"
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("%s absent", dir)
	}
	tolls := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs := []rune(string(b))
		for _, sp := range tokenize.Sentences(rs) {
			cs := Find(rs, sp)
			if got := FindWords(rs, tokenize.Words(rs, sp)); !reflect.DeepEqual(got, cs) {
				t.Errorf("%s: FindWords gives %+v, Find %+v", f, got, cs)
			}
			for _, c := range cs {
				if c.Start < sp.Start || c.End > sp.End || string(rs[c.Start:c.End]) != c.Text {
					t.Errorf("%s: count %q at %d:%d outside its sentence or text mismatch", f, c.Text, c.Start, c.End)
				}
				if c.Meaning == Killed && !c.Included {
					tolls[fmt.Sprintf("%d..%v", c.Min, maxString(c.Max))] = true
				}
			}
		}
	}
	for _, w := range []string{"85..85", "183..open", "100..open", "20..open", "25..25"} {
		if !tolls[w] {
			t.Errorf("sample corpus: toll %s not found; found %v", w, keys(tolls))
		}
	}
}

func maxString(p *int) string {
	if p == nil {
		return "open"
	}
	return fmt.Sprint(*p)
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return strings.Join(out, " ")
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"72 Afghans are now known to have died along with 13 American soldiers.",
		"killing 16 mothers and pregnant women, as well as two children and seven other people",
		"between 3000 to 4000; 1,500-2,200 fighters, scores of people, a dozen, twenty-five, 1.5 million",
		"10 CRPF personnel, including a Deputy Commandant, and three cadres were killed",
		"shot dead K. Satyam and his wife", "", "(", "a", "one of them", "2016-17", "1,",
	} {
		f.Add(s, 0, len([]rune(s)))
	}
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		rs := []rune(s)
		for _, c := range Find(rs, dossier.Span{Start: start, End: end}) {
			if c.Start < max(start, 0) || c.End > min(end, len(rs)) || c.Start >= c.End {
				t.Fatalf("count %q at %d:%d outside span %d:%d", c.Text, c.Start, c.End, start, end)
			}
			if string(rs[c.Start:c.End]) != c.Text {
				t.Fatalf("Text %q != text at %d:%d", c.Text, c.Start, c.End)
			}
			if c.Max != nil && *c.Max < c.Min {
				t.Fatalf("max %d below min %d in %q", *c.Max, c.Min, c.Text)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := []rune("10 CRPF personnel, including a Deputy Commandant, and three suspected CPI-Maoist cadres were killed during an encounter near Minta village under Chintagufa Police Station in Dantewada District. " +
		"Deputy Commandant Diwakar Tiwari, a sub-inspector, four head constables and four constables were killed in the encounter, while 11 others, including an Assistant Commandant, were injured, an unnamed CRPF officer said in New Delhi.")
	sents := tokenize.Sentences(text)
	b.SetBytes(int64(len(string(text))))
	b.ReportAllocs()
	for b.Loop() {
		for _, sp := range sents {
			Find(text, sp)
		}
	}
}
