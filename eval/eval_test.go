package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadRe3d(t *testing.T) {
	docs, err := ReadRe3d("testdata/re3d/Source_A")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	var got []string
	text := []rune(docs[0].Text)
	for _, g := range docs[0].Gold {
		if s := string(text[g.Start:g.End]); s != g.Text {
			t.Errorf("gold %q has span text %q", g.Text, s)
		}
		got = append(got, g.Type+":"+g.Text)
	}
	// Temporal is not a name type; offsets past the emoji count it once.
	want := []string{"Organisation:The Widget Front", "Organisation:Widget Front", "Location:Springfield",
		"Person:Jane Roe", "Organisation:the Springfield council"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gold\n got %q\nwant %q", got, want)
	}
	srcs, err := Re3dSources("testdata/re3d")
	if err != nil || len(srcs) != 1 {
		t.Errorf("Re3dSources = %v, %v", srcs, err)
	}
	if _, err := ReadRe3d("testdata/nothing"); err == nil {
		t.Error("no error for a missing folder")
	}
}

func TestCoNLL(t *testing.T) {
	sents, err := ReadCoNLL("testdata/conll.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 6 {
		t.Fatalf("%d sentences, want 6", len(sents))
	}
	docs := CoNLLDocs(sents, "testdata/conll.txt")
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2 (split before each dateline's headline)", len(docs))
	}
	var got []string
	for _, d := range docs {
		text := []rune(d.Text)
		for _, g := range d.Gold {
			got = append(got, g.Type+":"+string(text[g.Start:g.End]))
		}
	}
	// IOB1: I- opens a name after O; B- splits two names of one type.
	want := []string{"ORG:WIDGETS", "LOC:LONDON", "PER:Jane Roe", "ORG:Widget Front",
		"LOC:SPRINGFIELD", "LOC:PARIS", "MISC:Polish", "MISC:Dutch"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gold\n got %q\nwant %q", got, want)
	}
}

func TestScore(t *testing.T) {
	text := "The Widget Front met Jane Roe in Springfield and Shelbyville."
	span := func(s, typ string) Mention {
		i := strings.Index(text, s)
		return Mention{Start: i, End: i + len(s), Type: typ, Text: s}
	}
	gold := []Mention{span("The Widget Front", "Organisation"), span("Widget Front", "Organisation"),
		span("Jane Roe", "Person"), span("Springfield", "Location"), span("Shelbyville", "Location")}
	tests := []struct {
		name string
		pred []Mention
		want map[string]Count
	}{
		{"perfect without the article", []Mention{span("Widget Front", "Organisation"), span("Jane Roe", "Person"),
			span("Springfield", "Location"), span("Shelbyville", "Location")},
			map[string]Count{"Organisation": {Gold: 1, Pred: 1, Exact: 1, PredOverlap: 1, GoldOverlap: 1},
				"Person":   {Gold: 1, Pred: 1, Exact: 1, PredOverlap: 1, GoldOverlap: 1},
				"Location": {Gold: 2, Pred: 2, Exact: 2, PredOverlap: 2, GoldOverlap: 2}}},
		{"overlap and wrong type", []Mention{span("Widget", "Organisation"), span("Jane", "Location"),
			span("Springfield and Shelbyville", "Location"), span("met", "Weapon")},
			map[string]Count{"Organisation": {Gold: 1, Pred: 1, Exact: 0, PredOverlap: 1, GoldOverlap: 1},
				"Person":   {Gold: 1},
				"Location": {Gold: 2, Pred: 2, Exact: 0, PredOverlap: 1, GoldOverlap: 2}}},
		{"nothing found", nil, map[string]Count{"Organisation": {Gold: 1}, "Person": {Gold: 1}, "Location": {Gold: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := System{Name: "s", Find: func(*Doc) []Mention { return tt.pred }}
			rep := Score("d", sys, []Doc{{Text: text, Gold: gold}}, []string{"Person", "Organisation", "Location"})
			for _, c := range rep.Types {
				w := tt.want[c.Type]
				w.Type = c.Type
				if c != w {
					t.Errorf("%s: got %+v, want %+v", c.Type, c, w)
				}
			}
		})
	}
}

func TestPRF(t *testing.T) {
	c := Count{Gold: 4, Pred: 2, Exact: 1, PredOverlap: 2, GoldOverlap: 2}
	if p, r, f := c.ExactPRF(); p != 0.5 || r != 0.25 || f < 0.333 || f > 0.334 {
		t.Errorf("exact P/R/F = %v %v %v", p, r, f)
	}
	if p, r, f := c.OverlapPRF(); p != 1 || r != 0.5 || f < 0.666 || f > 0.667 {
		t.Errorf("overlap P/R/F = %v %v %v", p, r, f)
	}
	if p, r, f := (Count{}).ExactPRF(); p != 0 || r != 0 || f != 0 {
		t.Error("empty counts are not zero")
	}
}

func TestNamesOnly(t *testing.T) {
	docs := NamesOnly([]Doc{{Gold: []Mention{{Text: "We"}, {Text: "civilians"}, {Text: "the regime"}, {Text: "ISIL"}, {Text: "30 Britons"}}}})
	var got []string
	for _, g := range docs[0].Gold {
		got = append(got, g.Text)
	}
	if want := []string{"ISIL", "30 Britons"}; !reflect.DeepEqual(got, want) {
		t.Errorf("NamesOnly kept %q, want %q", got, want)
	}
}

func TestWriteTable(t *testing.T) {
	rep := &Report{Data: "d", System: "s", Types: []Count{{Type: "PER", Gold: 2, Pred: 1, Exact: 1, PredOverlap: 1, GoldOverlap: 1}}, Docs: 1, Bytes: 10}
	var b bytes.Buffer
	if err := WriteTable(&b, []*Report{rep}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"exact F1", "overlap F1", "0.667", "MB/s"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// TestSharedData reads the development data when it is there: every gold
// span must hold the text the annotators wrote (a few re3d values differ
// from their spans in whitespace).
func TestSharedData(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no ../shared/data")
	}
	srcs, err := Re3dSources(filepath.Join(root, "re3d"))
	if err != nil {
		t.Fatal(err)
	}
	n, bad := 0, 0
	for _, s := range srcs {
		docs, err := ReadRe3d(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			text := []rune(d.Text)
			for _, g := range d.Gold {
				n++
				if string(text[g.Start:g.End]) != g.Text {
					bad++
				}
			}
		}
	}
	if n < 2000 || bad*100 > n {
		t.Errorf("re3d: %d gold names, %d not matching their spans", n, bad)
	}
	sents, err := ReadCoNLL(filepath.Join(root, "conll2003", "dev.txt"))
	if err != nil {
		t.Fatal(err)
	}
	docs := CoNLLDocs(sents, "dev.txt")
	if len(sents) < 3000 || len(docs) < 100 {
		t.Errorf("conll dev: %d sentences in %d documents", len(sents), len(docs))
	}
}

func TestUpper(t *testing.T) {
	docs := Upper([]Doc{{Text: "Straße in Köln", Gold: []Mention{{Start: 10, End: 14, Type: "LOC", Text: "Köln"}}}})
	rs := []rune(docs[0].Text)
	if got := string(rs[10:14]); got != "KÖLN" || docs[0].Gold[0].Text != "KÖLN" {
		t.Errorf("upper-cased span %q, gold %q", got, docs[0].Gold[0].Text)
	}
}
