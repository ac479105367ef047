package resolve

import (
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

func TestNameSkeleton(t *testing.T) {
	same := [][]string{
		{"Abdul Rauf Khadem", "Abdul Rauf Khadim"},
		{"Zabihullah Mujahid", "Zabiullah Mujahed"},
		{"Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Tehrik-e Taliban Pakistan", "Tehrik e Taliban Pakistan"},
		{"Abd al-Rahman Mustafa", "Abdul Rahman Mustafa", "Abdel Rahman Mustafa", "Abd-ul-Rahman Mustafa"},
		{"Mullah Mohammed Omar", "Mohammed Omar", "Mohammad Omar"},
		{"Abu Bakr al-Baghdadi", "Abu Bakr Baghdadi"},
		{"Qari Hussain", "Hussein"},
		{"Qasim Mehsud", "Kasim Mehsud"},
		{"Sayed Mustafa", "Saeed Mustafa"},
		{"Jamaat-ul-Ahrar", "Jamaat ul Ahrar", "Jama'at-ul-Ahrar"},
		{"Ḥaqqānī Network", "Haqqani Network"},
	}
	for _, names := range same {
		want, _ := nameSkeleton(names[0])
		for _, n := range names[1:] {
			if got, _ := nameSkeleton(n); got != want {
				t.Errorf("skeleton(%q) = %q, want %q as for %q", n, got, want, names[0])
			}
		}
	}
	different := [][2]string{
		{"Hakimullah Mehsud", "Baitullah Mehsud"},
		{"Abu Sayed", "Abdul Sayed"},
		{"Ahmad Shah", "Mohammad Shah"},
		{"Hafiz Saeed Khan", "Hafiz Saeed"},
		{"Noor Wali Mehsud", "Noor Ali Mehsud"},
	}
	for _, p := range different {
		a, _ := nameSkeleton(p[0])
		b, _ := nameSkeleton(p[1])
		if a == b {
			t.Errorf("%q and %q share skeleton %q", p[0], p[1], a)
		}
	}
	for _, tc := range []struct {
		name   string
		strong int
	}{
		{"Abu Bakr", 1}, {"Abdul Rauf Khadem", 2}, {"Muhammad Ali", 0}, {"Mullah Omar", 1}, {"Zabihullah Mujahid", 2},
	} {
		if _, got := nameSkeleton(tc.name); got != tc.strong {
			t.Errorf("strong parts of %q = %d, want %d", tc.name, got, tc.strong)
		}
	}
}

func TestTransliterationMerges(t *testing.T) {
	lex := lexicon.MustLoad()
	at := func(mm dossier.Mention, sentence int) dossier.Mention { mm.Sentence = sentence; return mm }
	isk := lex.Lookup("IS-K").ID
	taliban := lex.Lookup("Taliban").ID
	tests := []struct {
		name     string
		mentions []dossier.Mention
		want     []string
	}{
		{"spellings of one person beside the same group merge", []dossier.Mention{
			at(m("a", "Abdul Rauf Khadem", dossier.Person, ""), 1), at(m("a", "IS-K", dossier.Group, isk), 1),
			at(m("b", "Abdul Rauf Khadim", dossier.Person, ""), 4), at(m("b", "ISKP", dossier.Group, isk), 4),
		}, []string{"group a:IS-K,b:ISKP", "person a:Abdul Rauf Khadem,b:Abdul Rauf Khadim"}},
		{"one side without group context still merges", []dossier.Mention{
			m("a", "Zabihullah Mujahid", dossier.Person, ""), m("b", "Zabiullah Mujahed", dossier.Person, ""),
		}, []string{"person a:Zabihullah Mujahid,b:Zabiullah Mujahed"}},
		{"same skeleton, different groups: kept apart", []dossier.Mention{
			at(m("a", "Abdul Rauf Khadem", dossier.Person, ""), 0), at(m("a", "IS-K", dossier.Group, isk), 0),
			at(m("b", "Abdul Rauf Khadim", dossier.Person, ""), 0), at(m("b", "Taliban", dossier.Group, taliban), 0),
		}, []string{"group a:IS-K", "group b:Taliban", "person a:Abdul Rauf Khadem", "person b:Abdul Rauf Khadim"}},
		{"kunyas and common names are weak evidence", []dossier.Mention{
			m("a", "Abu Bakr", dossier.Person, ""), m("b", "Abu Bakir", dossier.Person, ""),
			m("a", "Muhammad Ali", dossier.Person, ""), m("b", "Mohammad Ali", dossier.Person, ""),
		}, []string{"person a:Abu Bakr", "person a:Muhammad Ali", "person b:Abu Bakir", "person b:Mohammad Ali"}},
		{"-ullah compounds compared whole", []dossier.Mention{
			m("a", "Hakimullah Mehsud", dossier.Person, ""), m("b", "Baitullah Mehsud", dossier.Person, ""),
		}, []string{"person a:Hakimullah Mehsud", "person b:Baitullah Mehsud"}},
		{"group spellings merge", []dossier.Mention{
			m("a", "Jamaat-ul-Ahrar", dossier.Group, ""), m("b", "Jamaat ul Ahrar", dossier.Group, ""), m("c", "Jamat-ul-Ahrar", dossier.Group, ""),
		}, []string{"group a:Jamaat-ul-Ahrar,b:Jamaat ul Ahrar,c:Jamat-ul-Ahrar"}},
		{"spelling variants of different types stay apart", []dossier.Mention{
			m("a", "Jamaat-ul-Ahrar", dossier.Group, ""), m("b", "Jamat ul Ahrar", dossier.Organization, ""),
		}, []string{"group a:Jamaat-ul-Ahrar", "organization b:Jamat ul Ahrar"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := clusters(Entities(lex, tc.mentions))
			if !equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
