package lexicon

import (
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

// TestASCIIKey checks the ASCII fast path against the general one.
func TestASCIIKey(t *testing.T) {
	slow := func(s string) string {
		// Force the general path: a non-ASCII character that Key drops
		// into a space is not available, so compare on s with a trailing
		// non-ASCII dash, which Key turns into nothing at the end.
		return Key(s + "–")
	}
	for _, s := range []string{"IS-K", "The IS-K's", "U.S.", "Tehrik-i-Taliban  Pakistan", "al_Qaeda/AQIS", "`Abd", "Islamic State'", "  lead", "RFE/RL", "a\tb\nc", ""} {
		if got, want := Key(s), slow(s); got != want {
			t.Errorf("Key(%q) = %q, general path gives %q", s, got, want)
		}
	}
	f := func(s string) bool {
		if k, ok := asciiKey(s); ok {
			return k == slow(s)
		}
		return true
	}
	for _, s := range []string{"x.y.z", "--a--", "A B", "THE END", "it's", "O'Neil's"} {
		if !f(s) {
			t.Errorf("asciiKey(%q) differs", s)
		}
	}
}
