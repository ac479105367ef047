package ner

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/clean"
	"github.com/dossier-osint/dossier/examples"
	"github.com/dossier-osint/dossier/lexicon"
)

func read(t testing.TB, text string, authors ...string) []dossier.Mention {
	t.Helper()
	r := New(lexicon.MustLoad())
	rd := r.Read(&dossier.Document{ID: "d", Text: text, Authors: authors})
	rs := []rune(text)
	for _, m := range rd.Mentions {
		if string(rs[m.Start:m.End]) != m.Text {
			t.Fatalf("mention %q does not match its span %d:%d", m.Text, m.Start, m.End)
		}
	}
	return rd.Mentions
}

func show(ms []dossier.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s/%s", m.Text, m.Type))
	}
	return out
}

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		authors []string
		want    []string // "text/type", in order; every mention must be listed
	}{
		{"acronym definition", "Its chapter is known as Islamic State-Khorasan (IS-K), a branch.",
			nil, []string{"Islamic State-Khorasan/group", "IS-K/group"}},
		{"also referred to as", "IS-K (also referred to as IS-KP and ISIS-K) is the affiliate.",
			nil, []string{"IS-K/group", "IS-KP/group", "ISIS-K/group"}},
		{"unknown org defines acronym", "The Widget Liberation Council (WLC) said so. Later the WLC struck.",
			nil, []string{"Widget Liberation Council/organization", "WLC/organization", "WLC/organization"}},
		{"title makes person", "Taliban spokesman Zabihullah Mujahid spoke.",
			nil, []string{"Taliban/group", "Zabihullah Mujahid/person"}},
		{"speech verb makes person", "The threat is acute, Charlie Winter said. Winter added more.",
			nil, []string{"Charlie Winter/person", "Winter/person"}},
		{"particles", "Abu Bakr al-Baghdadi, the IS leader, declared it.",
			nil, []string{"Abu Bakr al-Baghdadi/person", "IS/group"}},
		{"surname that is a place", "The chiefs Abdul Hasib and Abu Saad Orakzai were killed in Kunar province.",
			nil, []string{"Abdul Hasib/person", "Abu Saad Orakzai/person", "Kunar/place"}},
		{"facility", "Crowds gathered at Kabul airport and Hamid Karzai International Airport.",
			nil, []string{"Kabul airport/facility", "Hamid Karzai International Airport/facility"}},
		{"named an armed group", "It was blamed on the armed Basque separatist group ETA. Later ETA denied it.",
			nil, []string{"ETA/group", "ETA/group"}},
		{"a title inside a name ends the organisation and opens the person",
			"Coalition spokesman US Army Col. Myles Caggins III told reporters.",
			nil, []string{"US/place", "Army/group", "Myles Caggins III/person"}},
		{"a street's name gives no surname; a known city after 'city of' is a place",
			"Police in the city of Lyon searched Rue Victor Hugo. Nothing was found at Hugo either.",
			nil, []string{"Lyon/place", "Rue Victor Hugo/place", "Hugo/place"}},
		{"camps and buildings by their form", "Gunmen attacked Camp Shorabak. The Murrah Federal Building was shattered.",
			nil, []string{"Camp Shorabak/facility", "Murrah Federal Building/facility"}},
		{"streets named after people are places", "The blast hit a bakery on Rue Victor Hugo in Lyon, not Cavehill Road.",
			nil, []string{"Rue Victor Hugo/place", "Lyon/place", "Cavehill Road/place"}},
		{"author", "By Shiraz Maher\nShiraz Maher wrote this.",
			[]string{"Shiraz Maher"}, []string{"Shiraz Maher/person", "Shiraz Maher/person"}},
		{"connectors split without cue", "Attacks by IS-K in Afghanistan rose.",
			nil, []string{"IS-K/group", "Afghanistan/place"}},
		{"connectors kept with cue", "The Institute for Economics and Peace ranked it.",
			nil, []string{"Institute for Economics and Peace/organization"}},
		{"and splits groups", "Clashes between IS-K and Taliban exist.",
			nil, []string{"IS-K/group", "Taliban/group"}},
		{"headline only reference names", "Explainer: Who Are Islamic State-Khorasan And What Are They After?",
			nil, []string{"Islamic State-Khorasan/group"}},
		{"sentence opener is not a name", "Yesterday the group struck. Finally, nothing.",
			nil, nil},
		{"lower-case acronym-like words", "Let them go. It is what it is.",
			nil, nil},
		{"months are not places", "It happened in February in Jalalabad.",
			nil, []string{"Jalalabad/place"}},
		// merge: the tagger's longer name holds a reference place, and a
		// name found by a speech verb alone does not keep its title.
		{"tagger name holds a reference place", "Ukraine beat Northern Ireland 1-0 in Belfast.",
			nil, []string{"Ukraine/place", "Northern Ireland/place", "Belfast/place"}},
		{"speech verb is weak", "Prime Minister John Major says the union is safe.",
			nil, []string{"John Major/person"}},
		{"a division word makes a place of what the tagger reads as a person", "Forces searched a compound in the Musa Qaleh district, Helmand Province.",
			nil, []string{"Musa Qaleh district/place", "Helmand Province/place"}},
		{"a place before an organisation's word is part of its name", "They formed the first Khorasan Shura, the leadership council.",
			nil, []string{"Khorasan Shura/organization"}},
		{"a headline's preposition is no name", "What Does IS-K’s Resurgence Mean for Afghanistan and Beyond?",
			nil, []string{"IS-K/group", "Afghanistan/place"}},
		{"a name ends before 'in' a division", "Eight cadres surrendered before the SFs in Bijapur District.",
			nil, []string{"SFs/organization", "Bijapur District/place"}},
		{"a group's opening word before a word for its members is the group", "Forces captured a Haqqani leader and killed Afghan fighters.",
			nil, []string{"Haqqani/group", "Afghan/nationality"}},
		{"a person's name part does not open a group's name", "It tapped the weakened al-Qaeda and the post-Mullah Omar Afghan Taliban.",
			nil, []string{"al-Qaeda/group", "Afghan Taliban/group"}},
		{"the head of an administration", "In Afghanistan, the Trump administration’s decision and the State administration’s reply came late.",
			nil, []string{"Afghanistan/place", "Trump/person"}},
		{"no name goes on over a comma and a lower-case word", "There is no refuge in Kushamond District,” said Schwengler.",
			nil, []string{"Kushamond District/place"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := show(read(t, tt.text, tt.authors...))
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("Read(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	ms := read(t, "Islamic State-Khorasan (IS-K) is a branch of the Islamic State (IS). ISIS-K and Isis-K fight. "+
		"The Pakistani Taliban known as Tehrik-i-Taliban (TTP) joined.")
	byText := map[string]string{}
	for _, m := range ms {
		byText[m.Text] = m.Canonical
	}
	isk := byText["IS-K"]
	if isk == "" {
		t.Fatalf("IS-K has no canonical key: %v", byText)
	}
	for _, alias := range []string{"Islamic State-Khorasan", "ISIS-K", "Isis-K"} {
		if byText[alias] != isk {
			t.Errorf("%s -> %q, want %q like IS-K", alias, byText[alias], isk)
		}
	}
	if byText["Islamic State"] == isk || byText["IS"] == isk {
		t.Errorf("the Islamic State must not be IS-K: %v", byText)
	}
	if byText["Pakistani Taliban"] != byText["TTP"] || byText["TTP"] != byText["Tehrik-i-Taliban"] {
		t.Errorf("TTP names differ: %v", byText)
	}
}

// TestCorpus reads the cleaned demo corpus and checks what a reader must get
// right on it.
func TestCorpus(t *testing.T) {
	r := New(lexicon.MustLoad())
	files, _ := fs.Glob(examples.ISK, "isk/*.txt")
	if len(files) != 5 {
		t.Fatalf("want 5 demo files, have %d", len(files))
	}
	types := map[string]map[dossier.EntityType]bool{}
	for _, f := range files {
		raw, _ := fs.ReadFile(examples.ISK, f)
		doc := &dossier.Document{ID: f, Format: "txt", Raw: raw}
		if err := clean.Document(doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, m := range r.Read(doc).Mentions {
			if types[m.Text] == nil {
				types[m.Text] = map[dossier.EntityType]bool{}
			}
			types[m.Text][m.Type] = true
		}
	}
	want := map[string]dossier.EntityType{
		"IS-K": dossier.Group, "ISIS-K": dossier.Group, "IS-KP": dossier.Group, "Taliban": dossier.Group,
		"Islamic State": dossier.Group, "Haqqani Network": dossier.Group, "TTP": dossier.Group,
		"Abu Sayed": dossier.Person, "Abdul Sayed": dossier.Person, "Shahab al-Muhajir": dossier.Person,
		"Hafiz Saeed Khan": dossier.Person, "Sanaullah Ghafari": dossier.Person, "Charlie Winter": dossier.Person,
		"Kabul": dossier.Place, "Nangarhar": dossier.Place, "Kunar": dossier.Place, "Jalalabad": dossier.Place,
		"Afghanistan": dossier.Place, "Moscow": dossier.Place,
		"United Nations": dossier.Organization, "RFE/RL": dossier.Organization,
	}
	for name, typ := range want {
		if !types[name][typ] {
			t.Errorf("%q: found as %v, want %s", name, types[name], typ)
		}
		if len(types[name]) > 1 {
			t.Errorf("%q typed several ways: %v", name, types[name])
		}
	}
	for text := range types {
		for _, junk := range []string{"Board Member", "Corporate Services", "Leave a Reply", "WATCH", "Progressive Media"} {
			if strings.Contains(text, junk) {
				t.Errorf("boilerplate read as a mention: %q", text)
			}
		}
	}
}

// BenchmarkRead measures the recogniser ingest runs (rules and tagger) and,
// for comparison, the rules alone, on the cleaned demo corpus.
func BenchmarkRead(b *testing.B) {
	lex := lexicon.MustLoad()
	b.Run("hybrid", func(b *testing.B) { benchmarkRead(b, New(lex)) })
	b.Run("rules", func(b *testing.B) { benchmarkRead(b, NewWithModel(lex, nil)) })
}

func benchmarkRead(b *testing.B, r *Recognizer) {
	files, _ := fs.Glob(examples.ISK, "isk/*.txt")
	var docs []*dossier.Document
	size := 0
	for _, f := range files {
		raw, _ := fs.ReadFile(examples.ISK, f)
		doc := &dossier.Document{ID: f, Format: "txt", Raw: raw}
		if err := clean.Document(doc); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(doc.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			r.Read(d)
		}
	}
	b.StopTimer()
	if cpu := cpuTime() - cpu; cpu > 0 {
		// MB of text per CPU second: with -cpu 1, the per-core figure.
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}

func TestGazetteerTags(t *testing.T) {
	g := NewGazetteer(lexicon.MustLoad())
	tests := []struct {
		name, words string
		want        []string
	}{
		{"city", "Police in Hangzhou said", []string{"B-geoT", "", "B-geoB", ""}},
		{"lower-case words are not looked up", "police in hangzhou", []string{"", "", ""}},
		{"reference names first", "Kabul , Jalalabad", []string{"B-place", "", "B-place"}},
		{"longest name", "Leicestershire beat Mazar-i-Sharif", []string{"B-geoD", "", "B-place"}},
		{"nationality", "Afghan officials", []string{"nat", ""}},
		{"several words", "in New York state", []string{"", "B-geoA", "I-geoA", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Tags(strings.Fields(tt.words))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Tags(%q) = %q, want %q", tt.words, got, tt.want)
			}
		})
	}
}

// The document's own outlet, named in its text, is one organisation.
func TestOutletInText(t *testing.T) {
	r := New(lexicon.MustLoad())
	text := "Navin Bapat is a permanent contributor at Political Violence At A Glance, and a professor."
	rd := r.Read(&dossier.Document{ID: "d", Text: text, Outlet: "Political Violence At A Glance"})
	got := show(rd.Mentions)
	want := []string{"Navin Bapat/person", "Political Violence At A Glance/organization"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("got %q, want %q", got, want)
	}
}
