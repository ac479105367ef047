package lexicon

import (
	"testing"

	"github.com/dossier-osint/dossier"
)

func TestWith(t *testing.T) {
	l := MustLoad()
	isk := l.Lookup("IS-K")
	refs := []*dossier.Reference{
		{ID: "misp:1", Type: dossier.Group, Name: "Islamic State Khorasan Province", Aliases: []string{"ISIL-K", "Khorasan Chapter of the Islamic State"}},
		{ID: "misp:2", Type: dossier.Group, Name: "Widget Liberation Front", Aliases: []string{"WLF"}},
	}
	w := l.With(refs)
	if got := w.Lookup("Khorasan Chapter of the Islamic State"); got == nil || got.ID != isk.ID {
		t.Errorf("Khorasan Chapter: got %+v, want the built-in IS-K %s", got, isk.ID)
	}
	if got := w.Lookup("ISIL-K"); got == nil || got.ID != isk.ID {
		t.Errorf("ISIL-K: got %+v", got)
	}
	if got := w.Lookup("WLF"); got == nil || got.Name != "Widget Liberation Front" || got.Type != dossier.Group {
		t.Errorf("WLF: got %+v", got)
	}
	if w.Lookup("wlf") != nil {
		t.Error("an imported acronym matches lower case")
	}
	// l itself is unchanged.
	if l.Lookup("Khorasan Chapter of the Islamic State") != nil || l.Lookup("WLF") != nil {
		t.Error("With changed the lexicon it was called on")
	}
	if len(w.Entries) != len(l.Entries)+1 {
		t.Errorf("%d entries, want %d", len(w.Entries), len(l.Entries)+1)
	}
}
