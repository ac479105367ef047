package ner

import (
	"strings"

	"github.com/dossier-osint/dossier/lexicon"
)

// Gazetteer tags the words of a sentence with the reference lists they
// fall in, as features for the trained tagger: "B-group", "I-group" for the
// words of the longest reference name starting there (group, organization,
// place), "nat" for a nationality, ethnic or religious word. The tagger
// was trained with these tags, so tools/trainner and Read must compute
// them the same way: both call Tags.
type Gazetteer struct {
	lex *lexicon.Lexicon
	// prefixes holds the keys of every leading run of words of every
	// reference name ("islamic", "islamic state", ...), so that a lookup
	// stops as soon as the words cannot begin a name.
	prefixes map[string]bool
	maxWords int
}

// NewGazetteer indexes lex.
func NewGazetteer(lex *lexicon.Lexicon) *Gazetteer {
	g := &Gazetteer{lex: lex, prefixes: map[string]bool{}}
	for _, e := range lex.Entries {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			ws := strings.Fields(lexicon.Key(s))
			if len(ws) > g.maxWords {
				g.maxWords = len(ws)
			}
			for i := 1; i <= len(ws); i++ {
				g.prefixes[strings.Join(ws[:i], " ")] = true
			}
		}
	}
	return g
}

// Tags returns one tag per word ("" for none).
func (g *Gazetteer) Tags(words []string) []string {
	tags := make([]string, len(words))
	g.fill(tags, words)
	return tags
}

func (g *Gazetteer) fill(tags, words []string) {
	var key strings.Builder
	for i := 0; i < len(words); {
		lw := lower(words[i])
		if nationalities[lw] {
			tags[i] = "nat"
			i++
			continue
		}
		k := lw
		if !plain(words[i]) {
			k = lexicon.Key(words[i])
		}
		if k == "" || !g.prefixes[k] {
			i++
			continue
		}
		// Grow the run while its key can still begin a reference name;
		// remember the longest run that is one.
		best := -1
		key.Reset()
		key.WriteString(k)
		surf := words[i]
		for j := i + 1; ; j++ {
			if g.lex.Lookup(surf) != nil {
				best = j
			}
			if j >= len(words) || j-i >= 3*g.maxWords {
				break
			}
			nk := lexicon.Key(words[j])
			if nk == "" {
				break
			}
			next := key.String() + " " + nk
			if !g.prefixes[next] {
				break
			}
			key.WriteString(" " + nk)
			surf += " " + words[j]
		}
		if best < 0 {
			i++
			continue
		}
		typ := string(g.lex.Lookup(strings.Join(words[i:best], " ")).Type)
		tags[i] = "B-" + typ
		for k := i + 1; k < best; k++ {
			tags[k] = "I-" + typ
		}
		i = best
	}
}

// plain reports whether w is made of ASCII letters and digits only, so that
// its lexicon key is its lower-case form.
func plain(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
