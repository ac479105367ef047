// Package lexicon holds the reference names the reader and the resolver
// share: armed groups with their aliases, organisations, places, and the
// countries of the world. The lists are written by the dossier authors
// (groups.tsv, orgs.tsv, places.tsv); country names come from the CLDR data
// in golang.org/x/text (Unicode licence). Reference names help recognise and
// resolve mentions; they never create a mention the text does not contain.
package lexicon

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed groups.tsv
var groupsTSV []byte

//go:embed orgs.tsv
var orgsTSV []byte

//go:embed places.tsv
var placesTSV []byte

// Entry is one reference entity.
type Entry struct {
	ID      string // "ref:<type>:<key of name>"
	Type    dossier.EntityType
	Name    string
	Kind    string // for places: country, province, city, district, region
	Country string // ISO 3166 alpha-2, for places
	Aliases []string
}

type hit struct {
	entry   *Entry
	alias   string
	acronym bool // the alias is written in capitals: match capitals only
	mixed   bool // a short alias in mixed case ("LeT", "JeM"): match it exactly
}

// Lexicon finds reference entries by surface form.
type Lexicon struct {
	Entries []*Entry
	byKey   map[string][]hit
	// MaxWords is the largest number of words in any alias.
	MaxWords int
	// lastWords holds the last word of every alias of two words or more,
	// keyed: what the reader may find after a name (EndsName).
	lastWords map[string]bool
}

// Load parses the embedded lists. It is not cheap (a few milliseconds):
// build one Lexicon and share it.
func Load() (*Lexicon, error) {
	l := &Lexicon{byKey: map[string][]hit{}}
	if err := l.parse(groupsTSV, dossier.Group, false); err != nil {
		return nil, fmt.Errorf("groups.tsv: %w", err)
	}
	if err := l.parse(orgsTSV, dossier.Organization, false); err != nil {
		return nil, fmt.Errorf("orgs.tsv: %w", err)
	}
	if err := l.parse(placesTSV, dossier.Place, true); err != nil {
		return nil, fmt.Errorf("places.tsv: %w", err)
	}
	l.addCountries()
	return l, nil
}

// MustLoad is Load for callers that cannot go on without the embedded lists
// (which are compiled in and checked by the tests).
func MustLoad() *Lexicon {
	l, err := Load()
	if err != nil {
		panic(err)
	}
	return l
}

func (l *Lexicon) parse(data []byte, typ dossier.EntityType, places bool) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		e := &Entry{Type: typ, Name: strings.TrimSpace(f[0])}
		var aliases string
		if places {
			if len(f) < 3 {
				return fmt.Errorf("line %d: want name, kind, country, aliases", n)
			}
			e.Kind, e.Country = f[1], f[2]
			if len(f) > 3 {
				aliases = f[3]
			}
		} else if len(f) > 1 {
			aliases = f[1]
		}
		for _, a := range strings.Split(aliases, "|") {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
		l.add(e)
	}
	return sc.Err()
}

func (l *Lexicon) addCountries() {
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() {
				continue
			}
			name := names.Name(r)
			if name == "" || name == code {
				continue
			}
			if l.Lookup(name) != nil {
				continue // a written entry wins
			}
			e := &Entry{Type: dossier.Place, Name: name, Kind: "country", Country: code}
			for _, alt := range countryAliases[code] {
				e.Aliases = append(e.Aliases, alt)
			}
			l.add(e)
		}
	}
}

// countryAliases are the everyday names that CLDR does not use.
var countryAliases = map[string][]string{
	"US": {"United States of America", "USA", "U.S.", "US", "America", "U.S.A."},
	"GB": {"Britain", "Great Britain", "UK", "U.K."},
	"RU": {"Russian Federation"},
	"IR": {"Islamic Republic of Iran"},
	"SY": {"Syrian Arab Republic"},
	"CD": {"DRC", "Democratic Republic of the Congo", "DR Congo"},
	"CI": {"Ivory Coast"},
	"MM": {"Burma"},
	"PS": {"Palestine", "Palestinian Territories", "West Bank", "Gaza"},
	"KR": {"South Korea"},
	"KP": {"North Korea"},
	"TR": {"Turkey", "Türkiye"},
	"CZ": {"Czech Republic"},
}

func (l *Lexicon) add(e *Entry) {
	e.ID = "ref:" + string(e.Type) + ":" + Key(e.Name)
	l.Entries = append(l.Entries, e)
	for _, s := range append([]string{e.Name}, e.Aliases...) {
		k := Key(s)
		if k == "" {
			continue
		}
		l.byKey[k] = append(l.byKey[k], hit{entry: e, alias: s, acronym: isAcronym(s), mixed: isMixedAcronym(s)})
		words := strings.Fields(k)
		if n := len(words); n > l.MaxWords {
			l.MaxWords = n
		}
		if len(words) > 1 {
			if l.lastWords == nil {
				l.lastWords = map[string]bool{}
			}
			l.lastWords[words[len(words)-1]] = true
		}
	}
}

// Lookup returns the entry a surface form names, or nil. An alias written in
// capitals ("IS", "AP") matches only text written in capitals, so that "is"
// and "Ap" are not read as names.
//
// The reader calls it for every run of capitalised words it tries, most of
// them no name at all: the key is built in a buffer on the stack, not
// allocated.
func (l *Lexicon) Lookup(surface string) *Entry {
	var buf [64]byte
	hits := l.byKey[string(appendKey(buf[:0], surface))]
	for _, h := range hits {
		if h.acronym && !acronymLike(surface) {
			continue
		}
		// Every hit's alias has the surface's key (that is how it was
		// found); a mixed-case alias must also be written the same.
		if h.mixed && trimPossessive(surface) != h.alias {
			continue
		}
		return h.entry
	}
	return nil
}

// EndsName reports whether a lower-case word ends some alias of two words
// or more ("network" in "Haqqani Network"): only then is a name and the
// word after it worth a LookupFolded.
func (l *Lexicon) EndsName(word string) bool { return l.lastWords[word] }

// LookupFolded is Lookup without the case rule for mixed-case aliases:
// "Haqqani network" finds the Haqqani Network. The reader asks it only
// about a name and the lower-case word after it, where case says nothing.
// An alias in capitals still needs capitals.
func (l *Lexicon) LookupFolded(surface string) *Entry {
	var buf [64]byte
	for _, h := range l.byKey[string(appendKey(buf[:0], surface))] {
		if h.acronym && !acronymLike(surface) {
			continue
		}
		return h.entry
	}
	return nil
}

// Key folds a name to the form mentions are compared by: lower case,
// typographic apostrophes and dashes made plain, dots dropped, a leading
// "the" and a trailing possessive removed, hyphens and runs of spaces made
// one space. "The IS-K’s" and "is k" have the same key.
func Key(s string) string {
	if isKey(s) {
		return s // most lower-case words are their own key: no copy
	}
	var buf [64]byte
	return string(appendKey(buf[:0], s))
}

// isKey reports whether s is its own key: ASCII without capitals, dots,
// dashes, slashes, underscores, backquotes or whitespace other than single
// spaces between words, and nothing for the trims to remove.
func isKey(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c >= 'A' && c <= 'Z', c == '`', c == '.', c == '-', c == '_', c == '/',
			c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		}
	}
	return !strings.HasSuffix(s, "'") && !strings.HasSuffix(s, "'s") && !strings.HasPrefix(s, "the ")
}

// AppendKey appends Key(s) to dst and returns it, for callers that look
// keys up in maps of their own without allocating them.
func AppendKey(dst []byte, s string) []byte { return appendKey(dst, s) }

// appendKey appends the key of s to dst and returns it.
func appendKey(dst []byte, s string) []byte {
	n := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '`':
				c = '\''
			case c == '.':
				continue
			case c == '-' || c == '_' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				if len(dst) > n {
					space = true
				}
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ':
			r = '\''
		case r == '–' || r == '—' || r == '‐' || unicode.IsSpace(r):
			if len(dst) > n {
				space = true
			}
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	k := dst[n:]
	k = bytes.TrimSuffix(k, []byte("'s"))
	k = bytes.TrimSuffix(k, []byte("'"))
	if bytes.HasPrefix(k, []byte("the ")) {
		return append(dst[:n], k[4:]...) // copy moves the rest down
	}
	return dst[:n+len(k)]
}

// keyReference is Key as first written, rune by rune; the tests check
// appendKey against it.
func keyReference(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '’' || r == '‘' || r == '`' || r == 'ʼ' || r == 'ʻ':
			r = '\''
		case r == '.':
			continue
		case r == '-' || r == '–' || r == '—' || r == '‐' || r == '_' || r == '/' || unicode.IsSpace(r):
			if b.Len() > 0 {
				space = true
			}
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	k := b.String()
	k = strings.TrimSuffix(k, "'s")
	k = strings.TrimSuffix(k, "'")
	k = strings.TrimPrefix(k, "the ")
	return k
}

// isAcronym reports whether s is written in capitals (letters all upper case,
// at least two of them), like "IS-K", "TTP" or "RFE/RL".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// acronymLike reports whether surface may stand for an alias written in
// capitals: it is in capitals too, or it is a capitalised word of three or
// more letters ("Isis-K", "Nato"), as some house styles write acronyms.
func acronymLike(surface string) bool {
	if isAcronym(surface) {
		return true
	}
	rs := []rune(surface)
	letters := 0
	for _, r := range rs {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return len(rs) > 0 && unicode.IsUpper(rs[0]) && letters >= 3
}

// isMixedAcronym reports whether s is a short alias with capitals after its
// first letter ("LeT", "JeM", "HuM"), which must match exactly.
func isMixedAcronym(s string) bool {
	if isAcronym(s) {
		return false
	}
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return upper >= 2 && letters <= 5
}

func trimPossessive(s string) string {
	for _, p := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(s, p) {
			return strings.TrimSuffix(s, p)
		}
	}
	return s
}

// IsAcronym is isAcronym for other stages.
func IsAcronym(s string) bool { return isAcronym(s) }
