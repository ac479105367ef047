package lexicon

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The IS-K’s", "is k"},
		{"Tehrik-i-Taliban  Pakistan", "tehrik i taliban pakistan"},
		{"U.S.", "us"},
		{"Islamic State – Khorasan", "islamic state khorasan"},
		{"RFE/RL", "rfe rl"},
		{"al-Qaeda", "al qaeda"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	l := MustLoad()
	tests := []struct {
		surface string
		want    string // entry name, "" for none
		typ     dossier.EntityType
	}{
		{"IS-K", "Islamic State Khorasan Province", dossier.Group},
		{"Isis-K", "Islamic State Khorasan Province", dossier.Group},
		{"Islamic State of Khorasan Province", "Islamic State Khorasan Province", dossier.Group},
		{"Islamic State", "Islamic State", dossier.Group},
		{"IS", "Islamic State", dossier.Group},
		{"is", "", ""},
		{"Is", "", ""},
		{"LeT", "Lashkar-e-Taiba", dossier.Group},
		{"Let", "", ""},
		{"Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan", dossier.Group},
		{"Pakistani Taliban", "Tehrik-i-Taliban Pakistan", dossier.Group},
		{"Afghan Taliban", "Taliban", dossier.Group},
		{"Afghanistan", "Afghanistan", dossier.Place},
		{"U.S.", "United States", dossier.Place},
		{"Ningarhar", "Nangarhar", dossier.Place},
		{"Paktya", "Paktia", dossier.Place},
		{"Konar", "Kunar", dossier.Place},
		{"Jawzjan", "Jowzjan", dossier.Place},
		{"UN", "United Nations", dossier.Organization},
	}
	for _, tt := range tests {
		e := l.Lookup(tt.surface)
		switch {
		case tt.want == "" && e != nil:
			t.Errorf("Lookup(%q) = %q, want none", tt.surface, e.Name)
		case tt.want != "" && e == nil:
			t.Errorf("Lookup(%q) = none, want %q", tt.surface, tt.want)
		case e != nil && (e.Name != tt.want || e.Type != tt.typ):
			t.Errorf("Lookup(%q) = %q (%s), want %q (%s)", tt.surface, e.Name, e.Type, tt.want, tt.typ)
		}
	}
	countries := 0
	for _, e := range l.Entries {
		if e.Kind == "country" {
			countries++
		}
	}
	if countries < 190 {
		t.Errorf("only %d countries", countries)
	}
}

// TestKeyReference checks Key (its fast paths and its buffer) against the
// rune-by-rune reference, on chosen strings and on random strings over an
// alphabet of every character Key treats specially.
func TestKeyReference(t *testing.T) {
	for _, s := range []string{"IS-K", "The IS-K's", "U.S.", "Tehrik-i-Taliban  Pakistan", "al_Qaeda/AQIS",
		"`Abd", "Islamic State'", "  lead", "RFE/RL", "a\tb\nc", "", "x.y.z", "--a--", "A B", "THE END",
		"it's", "O'Neil's", "the the ", "the ", "the'", "'s", "Ça va", "the\u00a0end", "İstanbul", "\xff\xfe",
		"islamic state", "islamic  state", " islamic", "islamic ", "the taliban", "kabul's"} {
		if got, want := Key(s), keyReference(s); got != want {
			t.Errorf("Key(%q) = %q, reference gives %q", s, got, want)
		}
	}
	alphabet := []string{"a", "Z", "the", "The", " ", "  ", "-", "–", "—", "‐", ".", "'", "’", "‘", "`", "ʼ",
		"s", "_", "/", "\t", "\u00a0", "\u0085", "é", "É", "\xff", "7"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(8); n >= 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := Key(s), keyReference(s); got != want {
			t.Fatalf("Key(%q) = %q, reference gives %q", s, got, want)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	l := MustLoad()
	words := []string{"Kabul", "the", "Islamic State", "IS-K", "Taliban", "government", "Mr.", "al-Qaeda"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l.Lookup(words[i%len(words)])
	}
}
