package ner

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
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
	// known marks the keys of every leading run of words of every
	// reference name ("islamic", "islamic state", ...) with isPrefix, so
	// that a lookup stops as soon as the words cannot begin a name, and
	// the nationality words with nationalityFlag: for most words, which
	// are plain and lower-case to their key, one lookup answers both.
	known    map[string]uint8
	maxWords int
	geo      *geoNames // nil when the embedded gazetteer cannot be read
	// tags holds the B- and I- tags of each entity type.
	tags map[dossier.EntityType][2]string
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

// firstLevel reports whether the embedded gazetteer's best-known place of
// this name is a country or a first-level division.
func firstLevel(name string) bool {
	gn := embeddedGeo()
	if gn == nil {
		return false
	}
	c := gn.class[geonames.Fold(name)]
	return c == 'A' || c == 'C'
}

// knownPlace reports whether the embedded gazetteer knows name as a
// country, a division or a city of 100,000 people.
func knownPlace(name string) bool {
	gn := embeddedGeo()
	if gn == nil {
		return false
	}
	switch gn.class[geonames.Fold(name)] {
	case 'A', 'C', 'B', 'D':
		return true
	}
	return false
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
	g := &Gazetteer{lex: lex, known: map[string]uint8{}, geo: embeddedGeo(), tags: map[dossier.EntityType][2]string{}}
	for w := range nationalities {
		g.known[w] |= nationalityFlag
	}
	for _, e := range lex.Entries {
		g.tags[e.Type] = [2]string{"B-" + string(e.Type), "I-" + string(e.Type)}
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			ws := strings.Fields(lexicon.Key(s))
			if len(ws) > g.maxWords {
				g.maxWords = len(ws)
			}
			for i := 1; i <= len(ws); i++ {
				g.known[strings.Join(ws[:i], " ")] |= isPrefix
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
	// Keys and surfaces are built in reused buffers: most words are
	// looked up and found in no list, and each lookup used to allocate.
	var lw, key, surf []byte
	for i := 0; i < len(words); {
		var k uint8
		if plain(words[i]) {
			key = appendLower(key[:0], words[i]) // its key
			k = g.known[string(key)]
		} else {
			lw = appendLower(lw[:0], words[i])
			k = g.known[string(lw)] & nationalityFlag
			key = lexicon.AppendKey(key[:0], words[i])
			if k == 0 {
				k = g.known[string(key)] & isPrefix
			}
		}
		if k&nationalityFlag != 0 {
			tags[i] = "nat"
			i++
			continue
		}
		if len(key) == 0 || k&isPrefix == 0 {
			i++
			continue
		}
		// Grow the run while its key can still begin a reference name;
		// remember the longest run that is one.
		best := -1
		var entry *lexicon.Entry
		surf = append(surf[:0], words[i]...)
		for j := i + 1; ; j++ {
			if e := g.lex.Lookup(string(surf)); e != nil {
				best, entry = j, e
			}
			if j >= len(words) || j-i >= 3*g.maxWords {
				break
			}
			n := len(key)
			key = append(key, ' ')
			key = lexicon.AppendKey(key, words[j])
			if len(key) == n+1 || g.known[string(key)]&isPrefix == 0 {
				break
			}
			surf = append(surf, ' ')
			surf = append(surf, words[j]...)
		}
		if best < 0 {
			i++
			continue
		}
		t := g.tags[entry.Type]
		tags[i] = t[0]
		for k := i + 1; k < best; k++ {
			tags[k] = t[1]
		}
		i = best
	}
}

// Flags of Gazetteer.known.
const (
	isPrefix uint8 = 1 << iota
	nationalityFlag
)

// prefix reports whether key (of one or more words) begins a reference
// name.
func (g *Gazetteer) prefix(key []byte) bool { return g.known[string(key)]&isPrefix != 0 }

// appendLower appends lower(w) to dst: in place for ASCII, through
// strings.ToLower otherwise.
func appendLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return append(dst[:len(dst)-i], strings.ToLower(w)...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// appendWordKey appends the lexicon key of a word to dst: its lower-case
// form when it is plain letters and digits (the key then is that), else
// lexicon.Key of it.
func appendWordKey(dst []byte, w string) []byte {
	if plain(w) {
		return appendLower(dst, w)
	}
	return lexicon.AppendKey(dst, w)
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
