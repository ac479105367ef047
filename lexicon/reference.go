package lexicon

import (
	"github.com/dossier-osint/dossier"
)

// With returns a new Lexicon holding l's entries and the reference
// entities refs (imported from MISP galaxies or STIX bundles). A reference
// whose names overlap a built-in entry of the same type adds its aliases
// to that entry (the entry with the most names in common wins), so that an
// imported "ISIL-K" joins the built-in IS-K; any other reference becomes
// an entry of its own. l is not changed.
func (l *Lexicon) With(refs []*dossier.Reference) *Lexicon {
	if len(refs) == 0 {
		return l
	}
	entries := make([]*Entry, len(l.Entries))
	for i, e := range l.Entries {
		c := *e
		c.Aliases = append([]string(nil), e.Aliases...)
		entries[i] = &c
	}
	// keys maps a name key to the entries (by index) of each type having it.
	keys := map[string][]int{}
	index := func(i int) {
		e := entries[i]
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			k := Key(s)
			keys[k] = append(keys[k], i)
		}
	}
	for i := range entries {
		index(i)
	}
	for _, r := range refs {
		names := append([]string{r.Name}, r.Aliases...)
		votes := map[int]int{}
		for _, s := range names {
			seen := map[int]bool{}
			for _, i := range keys[Key(s)] {
				if entries[i].Type == r.Type && !seen[i] {
					seen[i] = true
					votes[i]++
				}
			}
		}
		best, bestN := -1, 0
		for i, n := range votes {
			if n > bestN || n == bestN && i < best {
				best, bestN = i, n
			}
		}
		if best < 0 {
			entries = append(entries, &Entry{Type: r.Type, Name: r.Name, Aliases: append([]string(nil), r.Aliases...)})
			index(len(entries) - 1)
			continue
		}
		e := entries[best]
		have := map[string]bool{Key(e.Name): true}
		for _, a := range e.Aliases {
			have[Key(a)] = true
		}
		for _, s := range names {
			if k := Key(s); k != "" && !have[k] {
				have[k] = true
				e.Aliases = append(e.Aliases, s)
				keys[k] = append(keys[k], best)
			}
		}
	}
	out := &Lexicon{byKey: map[string][]hit{}}
	for _, e := range entries {
		out.add(e)
	}
	return out
}
