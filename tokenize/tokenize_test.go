package tokenize

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/dossier-osint/dossier"
)

func sentences(s string) []string {
	rs := []rune(s)
	var out []string
	for _, sp := range Sentences(rs) {
		out = append(out, string(rs[sp.Start:sp.End]))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two", "IS-K claimed it. The Taliban condemned it.", []string{"IS-K claimed it.", "The Taliban condemned it."}},
		{"abbreviation", "Dr. Shahab al-Muhajir leads. He was appointed.", []string{"Dr. Shahab al-Muhajir leads.", "He was appointed."}},
		{"dotted acronym", "The U.S. military struck. Officials said so.", []string{"The U.S. military struck.", "Officials said so."}},
		{"closing quote", "“We will not forget.” Biden said it.", []string{"“We will not forget.”", "Biden said it."}},
		{"quote then quote", "defected to IS-K.” IS-K’s emir died.", []string{"defected to IS-K.”", "IS-K’s emir died."}},
		{"lines", "Title line\nFirst sentence.", []string{"Title line", "First sentence."}},
		{"wrapped lines are one sentence", "Forces killed a\nsuspected insurgent in\nKhost province.\nThe force left.",
			[]string{"Forces killed a\nsuspected insurgent in\nKhost province.", "The force left."}},
		{"a wrap after a comma", "In Ghorak district,\nForces detained two men.", []string{"In Ghorak district,\nForces detained two men."}},
		{"a blank line always ends", "Forces killed a\n\nsuspected insurgent.", []string{"Forces killed a", "suspected insurgent."}},
		{"a heading over a paragraph", "Attack in Kabul\nGunmen attacked a school.", []string{"Attack in Kabul", "Gunmen attacked a school."}},
		{"lower after dot", "It rose 3.5 per cent. e.g. this stays.", []string{"It rose 3.5 per cent. e.g. this stays."}},
		{"question", "What is IS-K? It is a group.", []string{"What is IS-K?", "It is a group."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"hyphen and possessive", "IS-K’s emir", []string{"IS-K", "’s", "emir"}},
		{"acronym with dots", "the U.S. military", []string{"the", "U.S.", "military"}},
		{"number", "1,500 to 2,200 fighters.", []string{"1,500", "to", "2,200", "fighters", "."}},
		{"parenthesis", "Islamic State (IS)", []string{"Islamic", "State", "(", "IS", ")"}},
		{"apostrophe inside", "Shi'ite Hazara", []string{"Shi'ite", "Hazara"}},
		{"slash", "RFE/RL reported", []string{"RFE/RL", "reported"}},
		{"comma not digits", "Kabul,Herat", []string{"Kabul", ",", "Herat"}},
		{"non-ASCII", "Tehrik-i-Taliban’s “emir” in Kūnar — Zabiullah", []string{"Tehrik-i-Taliban", "’s", "“", "emir", "”", "in", "Kūnar", "—", "Zabiullah"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.in)
			var got []string
			for _, tok := range Words(rs, dossier.Span{Start: 0, End: len(rs)}) {
				if string(rs[tok.Start:tok.End]) != tok.Text {
					t.Fatalf("token %q does not match its span", tok.Text)
				}
				got = append(got, tok.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Words(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("IS-K claimed it. The Taliban “condemned” it.\nU.S. forces left.")
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		prev := 0
		for _, sp := range Sentences(rs) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(rs) {
				t.Fatalf("bad span %+v after %d in %q", sp, prev, s)
			}
			for _, tok := range Words(rs, sp) {
				if tok.Start < sp.Start || tok.End > sp.End || tok.End <= tok.Start {
					t.Fatalf("bad token %+v in %+v", tok, sp)
				}
				if want := string(rs[tok.Start:tok.End]); tok.Text != want {
					t.Fatalf("token %+v has text %q, its span %q", tok, tok.Text, want)
				}
			}
			prev = sp.End
		}
	})
}

func TestSentencesUnicodeSeparators(t *testing.T) {
	text := []rune("KABUL, Afghanistan (Feb. 21, 2011)\u2028Forces detained one insurgent yesterday.\u2028\u2028One leader operates in Sabari.\u2029The end")
	var got []string
	for _, sp := range Sentences(text) {
		got = append(got, string(text[sp.Start:sp.End]))
	}
	want := []string{"KABUL, Afghanistan (Feb. 21, 2011)", "Forces detained one insurgent yesterday.", "One leader operates in Sabari.", "The end"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestIsWordRuneASCII checks isWordRune's ASCII shortcut against the
// Unicode tables it stands for.
func TestIsWordRuneASCII(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestWordsTexts checks that each token's text is its span's, for spans
// inside a text and for code points a string cannot hold (Words slices
// the texts out of one string made from the span).
func TestWordsTexts(t *testing.T) {
	rs := append([]rune("Über 1,500 Kämpfer’s "), 0xD800, 'x', ' ', -1, 'é', 0x10FFFF+1, ' ', 'ß', '.')
	for start := 0; start < len(rs); start++ {
		for end := start; end <= len(rs); end++ {
			for _, tok := range Words(rs, dossier.Span{Start: start, End: end}) {
				if want := string(rs[tok.Start:tok.End]); tok.Text != want {
					t.Fatalf("span [%d,%d): token %+v has text %q, its span %q", start, end, tok, tok.Text, want)
				}
			}
		}
	}
}
