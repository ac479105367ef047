package ner

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
)

// Gazetteer tags the words of a sentence with the reference lists they
// fall in, as features for the trained tagger: "B-group", "I-group" for the
// words of the longest reference name starting there (group, organization,
// place), "nat" for a nationality, ethnic or religious word, and, for
// capitalised words no reference name covers, "B-geoC", "I-geoC" for the
// longest name of the embedded GeoNames gazetteer starting there, by kind
// (see geoClass). The tagger was trained with these tags, so
// tools/trainner and Read must compute them the same way: both call Tags.
type Gazetteer struct {
	lex *lexicon.Lexicon
	// prefixes holds the keys of every leading run of words of every
	// reference name ("islamic", "islamic state", ...), so that a lookup
	// stops as soon as the words cannot begin a name.
	prefixes map[string]bool
	maxWords int
	geo      *geoNames // nil when the embedded gazetteer cannot be read
}

// geoNames holds the folded names of the gazetteer's better-known places
// (countries, first- and second-level divisions, towns of 15,000 people
// or more) by kind; first maps a name's first word to the most words a
// name starting with it has, so that most words cost one lookup.
type geoNames struct {
	class map[string]byte
	first map[string]int
}

// geoMaxWords bounds the names looked for ("Bosnia and Herzegovina").
const geoMaxWords = 4

// geoClass is the kind of a place, in the tag: a country (C), a first-
// (A) or second-level (D) division, a city of 100,000 people or a capital
// (B), a town of 15,000 (T). Smaller places are left out: their names are
// too often words and surnames to be evidence.
func geoClass(p geonames.Place) byte {
	switch {
	case p.Level() == 0:
		return 'C'
	case p.Level() == 1:
		return 'A'
	case p.Level() == 2:
		return 'D'
	case p.Population >= 100000 || p.Code == "PPLC":
		return 'B'
	case p.Population >= 15000:
		return 'T'
	}
	return 0
}

// geoRank orders the kinds when one name has several: the better known
// kind wins.
var geoRank = map[byte]int{'C': 5, 'A': 4, 'B': 3, 'D': 2, 'T': 1}

// embeddedGeo indexes the embedded gazetteer once per process: it is
// read-only data compiled into the binary, like the tagger's model.
var embeddedGeo = sync.OnceValue(func() *geoNames {
	g, err := geonames.Embedded()
	if err != nil {
		return nil
	}
	gn := &geoNames{class: map[string]byte{}, first: map[string]int{}}
	for i := 0; i < g.Len(); i++ {
		p := g.Place(i)
		c := geoClass(p)
		if c == 0 {
			continue
		}
		k := geonames.Fold(p.Name)
		ws := strings.Fields(k)
		if len(ws) == 0 || len(ws) > geoMaxWords {
			continue
		}
		if geoRank[c] > geoRank[gn.class[k]] {
			gn.class[k] = c
		}
		if len(ws) > gn.first[ws[0]] {
			gn.first[ws[0]] = len(ws)
		}
	}
	return gn
})

// NewGazetteer indexes lex.
func NewGazetteer(lex *lexicon.Lexicon) *Gazetteer {
	g := &Gazetteer{lex: lex, prefixes: map[string]bool{}, geo: embeddedGeo()}
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
	return g.AppendTags(nil, words)
}

// AppendTags appends the tags of words to dst and returns it, so that a
// reader can reuse one slice for every sentence.
func (g *Gazetteer) AppendTags(dst []string, words []string) []string {
	n := len(dst)
	for range words {
		dst = append(dst, "")
	}
	tags := dst[n:]
	g.fill(tags, words)
	if g.geo != nil {
		g.fillGeo(tags, words)
	}
	return dst
}

// geoTags are the tags of fillGeo, by kind.
var geoTags = func() map[byte][2]string {
	m := map[byte][2]string{}
	for c := range geoRank {
		m[c] = [2]string{"B-geo" + string(c), "I-geo" + string(c)}
	}
	return m
}()

// fillGeo tags the longest gazetteer name starting at each capitalised
// word that no reference name covers.
func (g *Gazetteer) fillGeo(tags, words []string) {
	var key []byte
	for i := 0; i < len(words); {
		if tags[i] != "" || !startsUpper(words[i]) {
			i++
			continue
		}
		key = foldWord(key[:0], words[i])
		max, ok := g.geo.first[string(key)]
		if !ok {
			// A hyphenated name is one word here and several in the
			// gazetteer: "Mazar-i-Sharif".
			if _, ok := g.geo.class[string(key)]; !ok {
				i++
				continue
			}
			max = 1
		}
		best, class := -1, byte(0)
		for j := i + 1; ; j++ {
			if c, ok := g.geo.class[string(key)]; ok {
				best, class = j, c
			}
			if j >= len(words) || j-i >= max || tags[j] != "" {
				break
			}
			n := len(key)
			key = append(key, ' ')
			key = foldWord(key, words[j])
			if len(key) == n+1 {
				break // punctuation alone: "Kabul , Afghanistan" is two names
			}
		}
		if best < 0 {
			i++
			continue
		}
		t := geoTags[class]
		tags[i] = t[0]
		for k := i + 1; k < best; k++ {
			tags[k] = t[1]
		}
		i = best
	}
}

func startsUpper(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// foldWord appends geonames.Fold(w) to key, without its allocations for
// the plain ASCII words most are.
func foldWord(key []byte, w string) []byte {
	space := false
	n := len(key)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return append(key[:n], geonames.Fold(w)...)
		}
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '\'' || c == '`':
			continue
		default:
			space = len(key) > n
			continue
		}
		if space {
			key = append(key, ' ')
			space = false
		}
		key = append(key, c)
	}
	return key
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
