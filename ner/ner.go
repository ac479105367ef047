// Package ner finds mentions of people, armed groups, organisations, places
// and facilities in a document's cleaned text.
//
// It is a hybrid of three readers. Rules and reference names: names from
// package lexicon, runs of capitalised words typed by the words around them
// (titles, speech verbs, name particles, organisation and group cue words),
// "Full Name (ACRONYM)" definitions, "also known as" aliases, by-line
// authors and, within a document, short forms of names seen in full
// ("Winter" after "Charlie Winter"). A trained sequence tagger (package
// tagger, with this package's Gazetteer as features) finds the names the
// rules cannot type or do not see: people without a title, places and
// organisations without a cue word, text in capitals. Where both read the
// same words the tagger's span and type stand, unless the rules rest on
// evidence it cannot see (a reference name, an acronym defined in the
// text, a cue word that sets where the name ends, a title over exactly its
// words; see merge); the tagger's ORG and LOC are then typed as group or
// organization, place or facility, from the lexicon and cue words, and its
// MISC kept only for nationalities.
package ner

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/tagger"
	"github.com/dossier-osint/dossier/tokenize"
)

// Recognizer reads documents. It holds only read-only data and is safe for
// concurrent use.
type Recognizer struct {
	lex   *lexicon.Lexicon
	model *tagger.Model
	gaz   *Gazetteer
	// groupHeads maps the first word of a reference armed group's name
	// that no other group's name opens with ("Haqqani") to that group.
	groupHeads map[string]*lexicon.Entry
}

// New returns a Recognizer over the given reference names and the tagger
// model embedded in the binary. The model is compiled in and checked by
// the tests, so failing to load it is a broken build: New panics.
func New(lex *lexicon.Lexicon) *Recognizer {
	m, err := tagger.Default()
	if err != nil {
		panic(err)
	}
	return NewWithModel(lex, m)
}

// NewWithModel returns a Recognizer with another tagger model; a nil model
// reads with the rules and reference names alone.
func NewWithModel(lex *lexicon.Lexicon, m *tagger.Model) *Recognizer {
	return &Recognizer{lex: lex, model: m, gaz: NewGazetteer(lex), groupHeads: groupHeads(lex)}
}

// groupHeads returns, for each capitalised word that opens the name or an
// alias of exactly one reference armed group, that group.
func groupHeads(lex *lexicon.Lexicon) map[string]*lexicon.Entry {
	heads := map[string]*lexicon.Entry{}
	taken := map[string]bool{}
	for _, e := range lex.Entries {
		if e.Type != dossier.Group {
			continue
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			first, rest, ok := strings.Cut(n, " ")
			if !ok || rest == "" || !isCapWord(first) || lex.Lookup(first) != nil || isNationality(first) || notNames[first] ||
				nameParts[first] || orgCues[first] || genericGroupWords[first] {
				// "Afghan" opens "Afghan Taliban" but "Afghan fighters" are
				// no Taliban
				continue
			}
			if o, seen := heads[first]; seen && o != e || taken[first] {
				heads[first], taken[first] = nil, true
				continue
			}
			heads[first] = e
		}
	}
	for w, e := range heads {
		if e == nil {
			delete(heads, w)
		}
	}
	return heads
}

// genericGroupWords open many groups' names and say nothing of which:
// "a National leader" is no group.
var genericGroupWords = set("Communist", "Group", "National", "Real", "Provisional", "Revolutionary", "Union",
	"Continuity", "United", "Democratic", "Popular", "Liberation", "Army", "Front", "Islamic", "Islamist",
	"Kurdistan", "Izz", "PMC", "Partiya", "Hayat", "Qaedat", "Turkistan")

func isCapWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && !strings.ContainsAny(w, "-'’") && len(w) > 2
}

// Read splits doc.Text into sentences and returns them with the mentions
// found in them, in text order, without overlaps.
func (r *Recognizer) Read(doc *dossier.Document) *dossier.Reading {
	text, offs := runes(doc.Text)
	sents := tokenize.Sentences(text)
	st := &state{
		r:           r,
		doc:         doc,
		text:        text,
		offs:        offs,
		persons:     map[string]string{},
		weakPersons: map[string]bool{},
		surnames:    map[string]string{},
		defs:        map[string]definition{},
		authors:     map[string]bool{},
	}
	for _, a := range doc.Authors {
		st.authors[lexicon.Key(a)] = true
	}
	toks := make([][]tokenize.Token, len(sents))
	for i, s := range sents {
		toks[i] = tokenize.Words(text, s)
	}
	st.allToks = toks
	var tagged [][]tagger.Span
	if r.model != nil {
		tagged = st.tag(toks)
	}
	// Pass one learns the document's full person names and acronym
	// definitions; pass two reads with them, so that "Winter" and "IS-K"
	// are known wherever they stand.
	for pass := 0; pass < 2; pass++ {
		st.out = st.out[:0]
		st.ev = st.ev[:0]
		if pass == 1 {
			st.indexSurnames()
		}
		for i := range sents {
			st.sentence = i
			st.scan(toks[i])
		}
	}
	if tagged != nil {
		st.merge(toks, tagged)
	}
	st.divisions(toks)
	st.repair(toks)
	st.groupMembers(toks)
	st.administrations(toks)
	st.outlet(toks)
	return &dossier.Reading{Sentences: sents, Mentions: st.out}
}

// repair corrects what a mention's neighbours say about it, after the
// rules and the tagger have been merged:
//
//   - a name and the lower-case word after it that together are a
//     reference name are that reference ("the Haqqani network");
//   - a place and an organisation's word after it are an organisation
//     ("the Khorasan Shura", "Kabul University");
//   - a name that is no reference name, after words that call it an
//     armed group, is one, in the whole document ("the armed Basque
//     separatist group ETA");
//   - a single name before "administration" is a person ("the Obama
//     administration": Obama, Fukui is a town too);
//   - a name made only of words for peoples is a nationality or
//     religious group ("Shia Muslims");
//   - a single capitalised word between "the" and a lower-case noun that
//     is read as a person qualifies the noun: a place when the noun is one
//     places have ("the Geedam police station"), else no one ("the Hanafi
//     madhhab", "the Police station").
func (st *state) repair(toks [][]tokenize.Token) {
	drop := map[int]bool{}
	armed := map[string]bool{}
	var added []dossier.Mention
	for i := range st.out {
		m := &st.out[i]
		if m.Sentence >= len(toks) {
			continue
		}
		ts := toks[m.Sentence]
		first, last := -1, -1
		for k, t := range ts {
			if t.Start == m.Start {
				first = k
			}
			if t.End == m.End {
				last = k
				break
			}
		}
		if first < 0 || last < 0 {
			continue
		}
		var next string
		if last+1 < len(ts) {
			next = ts[last+1].Text
		}
		r, _ := utf8.DecodeRuneInString(next)
		lowerNext := next != "" && unicode.IsLower(r)
		if lowerNext && st.r.lex.EndsName(next) {
			if e := st.r.lex.LookupFolded(m.Text + " " + next); e != nil {
				for j := range st.out {
					if j != i && st.out[j].Start >= ts[last+1].Start && st.out[j].End <= ts[last+1].End {
						drop[j] = true
					}
				}
				m.End = ts[last+1].End
				m.Text = st.surfaceRange(m.Start, m.End)
				m.Type, m.Canonical, m.Key = e.Type, e.ID, lexicon.Key(m.Text)
				continue
			}
		}
		if m.Type == dossier.Place && orgCues[next] && (last+2 >= len(ts) || !isCap(ts[last+2])) {
			// "the first Khorasan Shura", "Kabul University": a place
			// named before an organisation's word is part of its name.
			for j := range st.out {
				if j != i && st.out[j].Start >= ts[last+1].Start && st.out[j].End <= ts[last+1].End {
					drop[j] = true
				}
			}
			m.End = ts[last+1].End
			m.Text = st.surfaceRange(m.Start, m.End)
			m.Type, m.Canonical, m.Key = dossier.Organization, "", lexicon.Key(m.Text)
			if e := st.r.lex.Lookup(m.Text); e != nil {
				m.Type, m.Canonical = e.Type, e.ID
			}
			continue
		}
		if k := innerTitle(ts, first, last); k > 0 {
			// "US Army Col. Myles Caggins III": the title ends the
			// organisation's name and opens the person's.
			p := k
			for p+1 <= last && hasLower(titles, ts[p].Text) && ts[p+1].Text == "." {
				p += 2
			}
			if typ := st.nameType(ts, first, k); typ != "" {
				org := *m
				org.End = ts[k-1].End
				org.Text = st.surfaceRange(org.Start, org.End)
				org.Type, org.Canonical, org.Key = typ, "", lexicon.Key(org.Text)
				if e := st.r.lex.Lookup(org.Text); e != nil {
					org.Canonical = e.ID
				}
				added = append(added, org)
			}
			m.Start = ts[p].Start
			m.Text = st.surfaceRange(m.Start, m.End)
			m.Type, m.Canonical, m.Key = dossier.Person, "", lexicon.Key(m.Text)
			continue
		}
		single := first == last
		switch {
		case (m.Type == dossier.Organization || m.Type == dossier.Person) && m.Canonical == "" && armedGroupBefore(ts, first):
			m.Type = dossier.Group
			armed[m.Key] = true
		case single && next == "administration":
			m.Type = dossier.Person
		case m.Type != dossier.Nationality && allNationality(m.Text):
			m.Type = dossier.Nationality
		case single && m.Type == dossier.Person && first > 0 && ts[first-1].Text == "the" && lowerNext && m.Canonical == "":
			if placeHeads[next] {
				m.Type = dossier.Place // "the Geedam police station", "the Deori forest"
			} else {
				drop[i] = true
			}
		}
	}
	// The document's other mentions of a name it calls an armed group
	// are the group too ("the police concluded that ETA were responsible").
	for i := range st.out {
		m := &st.out[i]
		if m.Type != dossier.Organization || m.Canonical != "" {
			continue
		}
		if armed[m.Key] {
			m.Type = dossier.Group
		}
	}
	st.drop(drop)
	if len(added) > 0 {
		st.out = append(st.out, added...)
		sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].Start < st.out[j].Start })
	}
}

// innerTitle returns the index of an abbreviated title with its full stop
// inside a name ts[first:last+1], with a name on both sides of it ("US
// Army Col. Myles Caggins III"), or -1.
func innerTitle(ts []tokenize.Token, first, last int) int {
	for k := first + 1; k+2 <= last; k++ {
		if ts[k+1].Text == "." && hasLower(titles, ts[k].Text) && isCap(ts[k]) && len(ts[k].Text) <= 4 {
			return k
		}
	}
	return -1
}

// nameType types the words ts[a:b] before a title as a name of their
// own: a reference name's type, else what its cue words say, else "".
func (st *state) nameType(ts []tokenize.Token, a, b int) dossier.EntityType {
	if e := st.r.lex.Lookup(st.surface(ts, a, b)); e != nil {
		return e.Type
	}
	return cueType(ts, a, b)
}

// armedWords before "group", "outfit" or "faction" say the name after it
// is an armed group: "the armed Basque separatist group ETA", "the
// militant outfit Jamaat-ul-Mujahideen".
var armedWords = set("armed", "militant", "terrorist", "terror", "separatist", "rebel", "jihadist", "jihadi",
	"insurgent", "extremist", "islamist", "guerrilla", "paramilitary", "maoist", "secessionist", "banned",
	"outlawed", "proscribed", "underground")

// armedGroupBefore reports whether the words before toks[k] call what
// follows an armed group: a group word right before it and an armed word
// at most three words before that.
func armedGroupBefore(ts []tokenize.Token, k int) bool {
	if k < 2 {
		return false
	}
	switch ts[k-1].Text {
	case "group", "outfit", "faction", "organisation", "organization", "militia":
	default:
		return false
	}
	for j := k - 2; j >= 0 && j >= k-4; j-- {
		if hasLower(armedWords, ts[j].Text) {
			return true
		}
	}
	return false
}

// placeHeads are nouns a place name qualifies: "the Geedam police
// station", "the Kotapalli village".
var placeHeads = set("police", "village", "villages", "area", "areas", "forest", "forests", "district", "block",
	"town", "city", "region", "road", "market", "hills", "hill", "camp", "jungle", "jungles", "border", "valley",
	"river", "bridge", "highway", "station", "outpost", "checkpoint", "province", "mosque", "school", "hospital")

// allNationality reports whether every word of a name is a word for a
// people ("Shia Muslims", "Afghan Sikhs").
func allNationality(name string) bool {
	n := 0
	for rest := name; rest != ""; {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		i := strings.IndexByte(rest, ' ')
		if i < 0 {
			i = len(rest)
		}
		if !hasLower(nationalities, rest[:i]) {
			return false
		}
		n++
		rest = rest[i:]
	}
	return n > 0
}

// outlet marks the document's own outlet, named in its text, as one
// organisation ("a permanent contributor at Political Violence At A
// Glance"): its words would otherwise be cut at the capitalised "At A"
// into names of their own. Mentions inside it are dropped.
func (st *state) outlet(toks [][]tokenize.Token) {
	name := st.doc.Outlet
	if strings.Count(name, " ") < 1 || len(name) > 80 {
		return
	}
	words := strings.Fields(name)
	var add []dossier.Mention
	for si, ts := range toks {
		for a := 0; a+len(words) <= len(ts); a++ {
			ok := true
			for j, w := range words {
				if ts[a+j].Text != w {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			b := a + len(words)
			st.sentence = si
			start, end := ts[a].Start, ts[b-1].End
			out := st.out[:0]
			for _, m := range st.out {
				if m.Start >= end || m.End <= start {
					out = append(out, m)
				}
			}
			st.out = out
			add = append(add, dossier.Mention{Document: st.doc.ID, Start: start, End: end, Text: st.surfaceRange(start, end),
				Type: dossier.Organization, Key: lexicon.Key(name), Sentence: si})
			a = b - 1
		}
	}
	if len(add) == 0 {
		return
	}
	st.out = append(st.out, add...)
	sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].Start < st.out[j].Start })
}

// divisionWords after a place name say what kind of division it is.
var divisionWords = set("district", "province", "provinces", "districts")

// divisions extends a place mention over the division word after it
// ("Ghaziabad district", "Helmand Province"), which tells the geocoder
// what kind of place is meant, and drops a mention of the word alone. The
// key stays the bare name's, so that "Kunar province" and "Kunar" are one
// entity.
func (st *state) divisions(toks [][]tokenize.Token) {
	drop := map[int]bool{}
	for i := range st.out {
		m := &st.out[i]
		if m.Type != dossier.Place || m.Sentence >= len(toks) {
			continue
		}
		ts := toks[m.Sentence]
		for k := 0; k+1 < len(ts); k++ {
			if ts[k].End != m.End {
				continue
			}
			next := ts[k+1]
			if !hasLower(divisionWords, next.Text) {
				break
			}
			if r, _ := utf8.DecodeRuneInString(next.Text); unicode.IsLower(r) && firstLevel(m.Text) {
				// "Jiangsu province", "Kunar province": the name is already
				// a province's, and the word in lower case is no part of it
				// ("Helmand Province" is written as one name).
				break
			}
			for j := range st.out {
				if j != i && st.out[j].Start >= next.Start && st.out[j].End <= next.End {
					drop[j] = true
				}
			}
			m.End = next.End
			m.Text = st.surfaceRange(m.Start, m.End)
			break
		}
	}
	st.drop(drop)
}

// drop removes the mentions whose indexes in st.out are marked.
func (st *state) drop(marked map[int]bool) {
	if len(marked) == 0 {
		return
	}
	out := st.out[:0]
	for j, m := range st.out {
		if !marked[j] {
			out = append(out, m)
		}
	}
	st.out = out
}

// surfaceRange is the text of code points [i, j).
func (st *state) surfaceRange(i, j int) string {
	if st.offs != nil {
		return st.doc.Text[st.offs[i]:st.offs[j]]
	}
	return string(st.text[i:j])
}

type definition struct {
	typ       dossier.EntityType
	canonical string
}

type state struct {
	r    *Recognizer
	doc  *dossier.Document
	text []rune
	// offs[i] is the byte offset in doc.Text of text[i] (and offs[len(text)]
	// its length), so that a span's text is a substring, not a copy; nil
	// when doc.Text is not valid UTF-8 (its runes then differ from its
	// bytes).
	offs     []int32
	sentence int
	out      []dossier.Mention
	// persons maps the key of every multi-word person name in the document
	// to itself; surnames maps a single name part to the one full name that
	// holds it ("" when two full names share it).
	persons map[string]string
	// weakPersons holds the persons' names learned on weak evidence
	// alone (a speech verb): reading them again is no stronger.
	weakPersons map[string]bool
	surnames    map[string]string
	defs        map[string]definition
	authors     map[string]bool
	// ev[i] is the evidence out[i] was found on, which decides whether
	// the tagger may overrule it (see merge); evNext is the evidence of
	// the next emit.
	ev     []evidence
	evNext evidence
	// allToks are the document's tokens by sentence; lowerSeen the
	// words it writes in lower case (commonWords), built on first use.
	allToks   [][]tokenize.Token
	lowerSeen map[string]bool
}

// evidence is what a rule mention stands on.
type evidence uint8

const (
	// evRule: words in or around the name typed it (a title, a cue word
	// such as "Council" or "airport", a name part, a full name seen
	// before).
	evRule evidence = iota
	// evWeak: a speech verb or a preposition typed it.
	evWeak
	// evRef: it is a reference name, an acronym defined in the text, an
	// alias introduced as one ("also known as"), or a by-line author.
	evRef
)

func (st *state) indexSurnames() {
	for full := range st.persons {
		parts := strings.Fields(full)
		for _, p := range parts {
			if particles[p] || len([]rune(p)) < 3 || titles[p] {
				continue
			}
			if prev, ok := st.surnames[p]; ok && prev != full {
				st.surnames[p] = "" // ambiguous: leave alone
				continue
			}
			st.surnames[p] = full
		}
	}
}

// surface returns the text of toks[a:b]. The rules try many spans per
// sentence: a substring of the document costs no allocation.
func (st *state) surface(toks []tokenize.Token, a, b int) string {
	i, j := toks[a].Start, toks[b-1].End
	if st.offs != nil {
		return st.doc.Text[st.offs[i]:st.offs[j]]
	}
	return string(st.text[i:j])
}

// runes returns s as code points and the byte offset of each (and of the
// end); the offsets are nil when s is not valid UTF-8 or too long for them.
func runes(s string) ([]rune, []int32) {
	if len(s) > math.MaxInt32 || !utf8.ValidString(s) {
		return []rune(s), nil
	}
	n := utf8.RuneCountInString(s)
	text := make([]rune, 0, n)
	offs := make([]int32, 0, n+1)
	for i, r := range s {
		text = append(text, r)
		offs = append(offs, int32(i))
	}
	return text, append(offs, int32(len(s)))
}

// titleCase reports whether most words of a sentence are capitalised, as in
// headlines, where capitals say nothing about names.
func titleCase(toks []tokenize.Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if !t.IsWord() {
			continue
		}
		words++
		if t.Capitalized() {
			caps++
		}
	}
	return words >= 4 && caps*100 >= words*85
}

func isCap(t tokenize.Token) bool {
	if !t.IsWord() {
		return false
	}
	if t.Capitalized() {
		return true
	}
	// "al-Qaeda", "al-Muhajir"
	if w := t.Text; len(w) < 4 || w[0] != 'a' && w[0] != 'e' {
		return false // most lower-case words: none of the prefixes below
	}
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "ar-"} {
		if strings.HasPrefix(t.Text, p) {
			rs := []rune(t.Text[len(p):])
			return len(rs) > 0 && unicode.IsUpper(rs[0])
		}
	}
	return false
}

func lower(s string) string { return strings.ToLower(s) }

// hasLower reports whether m holds s in lower case. The rules ask it of
// most capitalised words ("is it a title?"): for ASCII words the lower-case
// form is built on the stack, not allocated as strings.ToLower would.
func hasLower(m map[string]bool, s string) bool {
	var buf [32]byte
	if len(s) > len(buf) {
		return m[strings.ToLower(s)]
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return m[strings.ToLower(s)]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return m[string(b)]
}

// hasUpper reports whether s changes in lower case (s != lower(s)).
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return s != strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isPossessive(t tokenize.Token) bool {
	return t.Text == "’s" || t.Text == "'s" || t.Text == "’S" || t.Text == "'S"
}

// scan finds the mentions of one sentence.
func (st *state) scan(toks []tokenize.Token) {
	headline := titleCase(toks)
	n := len(toks)
	for i := 0; i < n; {
		start := i
		// a lower-case particle may open a name: "al Shabaab", "al Qaeda"
		if (toks[i].Text == "al" || toks[i].Text == "el") && i+1 < n && isCap(toks[i+1]) {
			i++
		}
		if !isCap(toks[i]) {
			i = start + 1
			continue
		}
		end, joined := st.runEnd(toks, i)
		if headline {
			i = st.lexiconOnly(toks, start, end)
			continue
		}
		i = st.run(toks, start, end, joined)
	}
}

// runEnd returns the end of the run of capitalised words starting at i and
// whether connectors joined it.
func (st *state) runEnd(toks []tokenize.Token, i int) (int, bool) {
	n := len(toks)
	j := i + 1
	joined := false
	for j < n {
		t := toks[j]
		switch {
		case isCap(t):
			j++
		case t.Text == "." && hasLower(titles, toks[j-1].Text) && j+1 < n && isCap(toks[j+1]):
			j++ // "Dr. Shahab"
		case (connectors[t.Text] || particles[t.Text]) && j+1 < n && isCap(toks[j+1]):
			if connectors[t.Text] {
				joined = true
			}
			j += 2
		case connectors[t.Text] && j+2 < n && toks[j+1].Text == "the" && isCap(toks[j+2]):
			joined = true // "for the Study of"
			j += 3
		default:
			return j, joined
		}
	}
	return j, joined
}

// lexiconOnly emits the reference names inside toks[a:b] and returns b.
func (st *state) lexiconOnly(toks []tokenize.Token, a, b int) int {
	for i := a; i < b; {
		if articles[toks[i].Text] {
			i++
			continue
		}
		if e, ok := st.longestLexicon(toks, i, b); ok {
			st.emitLexicon(toks, i, e)
			i = e
			continue
		}
		i++
	}
	return b
}

// longestLexicon returns the end of the longest reference name starting at
// toks[a] and ending by b.
func (st *state) longestLexicon(toks []tokenize.Token, a, b int) (int, bool) {
	// Most runs do not begin with the first word of any reference name:
	// say so before trying every length.
	if w := toks[a].Text; !strings.EqualFold(w, "the") {
		var buf [64]byte
		k := appendWordKey(buf[:0], w)
		if i := bytes.IndexByte(k, ' '); i >= 0 {
			k = k[:i]
		}
		if len(k) > 0 && !st.r.gaz.prefix(k) {
			return 0, false
		}
	}
	max := a + st.r.lex.MaxWords*3 // hyphenated names are one token, spaced ones several
	if max > b {
		max = b
	}
	for e := max; e > a; e-- {
		if toks[e-1].Text == "." {
			continue
		}
		if st.r.lex.Lookup(st.surface(toks, a, e)) != nil {
			return e, true
		}
	}
	return 0, false
}

func (st *state) emitLexicon(toks []tokenize.Token, a, e int) dossier.Mention {
	surf := st.surface(toks, a, e)
	entry := st.r.lex.Lookup(surf)
	st.evNext = evRef
	return st.emit(toks, a, e, entry.Type, entry.ID)
}

// run types the capitalised run toks[a:b] and emits what it names; it
// returns where scanning goes on.
func (st *state) run(toks []tokenize.Token, a, b int, joined bool) int {
	for a < b-1 && articles[toks[a].Text] {
		a++
	}
	// "and" joins two names unless it sits inside a reference name
	// ("Islamic State of Iraq and Syria") or an organisation's name
	// ("Institute for Economics and Peace").
	for k := a + 1; k < b-1; k++ {
		if toks[k].Text != "and" {
			continue
		}
		if e, ok := st.longestLexicon(toks, a, b); ok && e > k {
			break
		}
		if orgCues[toks[b-1].Text] || orgCues[toks[a].Text] {
			break
		}
		return st.run(toks, a, k, joinedIn(toks, a, k))
	}
	// A reference name anywhere in the run splits it: what comes before
	// is a run of its own.
	for p := a; p < b; p++ {
		e, ok := st.longestLexicon(toks, p, b)
		if !ok {
			continue
		}
		entry := st.r.lex.Lookup(st.surface(toks, p, e))
		if entry.Type == dossier.Place && e == b && p > a && isPersonName(toks, a, b) {
			// "Abu Saad Orakzai": a tribal surname that is also a place.
			return st.typed(toks, a, b, joined)
		}
		if p > a {
			return st.typed(toks, a, p, false)
		}
		if e < b && joined && cueType(toks, e, b) != "" {
			// "Islamic State Movement of X": a cue word past the
			// reference name makes the longer run a name of its own.
			return st.typed(toks, a, b, joined)
		}
		if entry.Type == dossier.Place && e == b && b < len(toks) && facilityCues[toks[b].Text] {
			// "Kabul airport"
			st.evNext = evRef
			m := st.emit(toks, a, b+1, dossier.Facility, "")
			return st.after(toks, b+1, m)
		}
		m := st.emitLexicon(toks, a, e)
		return st.after(toks, e, m)
	}
	return st.typed(toks, a, b, joined)
}

// cueType returns the type that cue words in toks[a:b] give, or "".
func cueType(toks []tokenize.Token, a, b int) dossier.EntityType {
	for k := a; k < b; k++ {
		w := toks[k].Text
		if groupCues[w] || strings.HasPrefix(w, "al-Qa") || strings.HasPrefix(w, "Tehri") || strings.HasPrefix(w, "Lashkar") || strings.HasPrefix(w, "Jaish") {
			return dossier.Group
		}
		// "Islamic State in Syria", "Islamic State of Uzbekistan": the
		// Islamic State's branches and namesakes are armed groups.
		if w == "Islamic" && k+1 < b && toks[k+1].Text == "State" {
			return dossier.Group
		}
	}
	last := toks[b-1].Text
	if hasLower(facilityCues, last) && hasUpper(last) {
		return dossier.Facility
	}
	if t := builtName(toks, a, b); t != "" {
		return t
	}
	if orgCues[last] || orgCues[toks[a].Text] {
		return dossier.Organization
	}
	return ""
}

// typed types a run without reference names and emits it if it names
// something; it returns where scanning goes on.
func (st *state) typed(toks []tokenize.Token, a, b int, joined bool) int {
	n := len(toks)
	// Titles open person names: "President Joe Biden", "Dr. Shahab al-Muhajir".
	title := a > 0 && hasLower(titles, toks[a-1].Text) ||
		a > 1 && toks[a-1].Text == "," && hasLower(titles, toks[a-2].Text) ||
		a > 1 && toks[a-1].Text == "." && hasLower(titles, toks[a-2].Text)
	for a < b && (hasLower(titles, toks[a].Text) || toks[a].Text == ".") {
		title = true
		a++
	}
	if title && a+1 < b && connectors[toks[a].Text] {
		// "Secretary of State John Kerry": the office goes on past the
		// title; drop its next word and let the tagger judge the rest.
		a += 2
		st.evNext = evWeak
	}
	// A word for a people alone ("Sunni", "Afghans"), even one that opens
	// sentences ("Islamic" does not count: it names no people).
	if b-a == 1 && isNationality(toks[a].Text) {
		st.emit(toks, a, b, dossier.Nationality, "")
		return b
	}
	// Sentence openers and other words that name nothing.
	for a < b && (notNames[toks[a].Text] || toks[a].Text == ".") {
		a++
	}
	end := b
	for b > a && (connectors[toks[b-1].Text] || toks[b-1].Text == "the") {
		b--
	}
	if a >= b {
		return end
	}
	typ := cueType(toks, a, b)
	if typ == dossier.Organization && b-a == 1 {
		typ = "" // "Office", "Times": a cue word alone names nothing
	}
	if joined && hasAnd(toks, a, b) && !orgCues[toks[b-1].Text] && !orgCues[toks[a].Text] {
		typ = "" // "IS-K and Taliban" is two names
	}
	if typ == "" && joined {
		// Connectors hold only inside names with a cue word: "IS-K in
		// Afghanistan" is two names.
		for k := a + 1; k < b; k++ {
			if connectors[toks[k].Text] {
				end := st.typed(toks, a, k, false)
				if end < k {
					return end
				}
				return k + 1
			}
		}
	}
	// A lower-case facility word after the run: "Kabul airport".
	if typ == "" && b < n && facilityCues[toks[b].Text] {
		b++
		typ = dossier.Facility
	}
	surf := st.surface(toks, a, b)
	key := lexicon.Key(surf)
	canonical := ""
	words := b - a
	if typ == "" {
		switch {
		case st.authors[key]:
			typ = dossier.Person
			st.evNext = evRef
		case lexicon.IsAcronym(surf):
			if d, ok := st.defs[key]; ok {
				typ, canonical = d.typ, d.canonical
				st.evNext = evRef
			}
		case title:
			typ = dossier.Person
		case st.persons[key] != "":
			typ = dossier.Person
			if st.weakPersons[key] {
				st.evNext = evWeak
			}
		case words == 1 && st.surnames[key] != "":
			typ, canonical = dossier.Person, st.surnames[key]
			if st.weakPersons[canonical] {
				st.evNext = evWeak
			}
		case isPersonName(toks, a, b):
			typ = dossier.Person
		case words <= 4 && followedBySpeech(toks, b):
			typ = dossier.Person
			st.evNext = evWeak
		case b < n && placeCues[toks[b].Text] && words <= 3:
			typ = dossier.Place
		case words == 1 && a > 0 && placePrepositions[toks[a-1].Text] && !calendarWords[surf] && !lexicon.IsAcronym(surf):
			typ = dossier.Place
			st.evNext = evWeak
		}
	}
	if typ == "" {
		// An unknown name that defines an acronym is an organisation.
		if _, ok := st.definitionAt(toks, b, surf); ok {
			typ = dossier.Organization
		}
	}
	if typ == "" && isNationality(surf) {
		typ = dossier.Nationality // "Afghan", "Sunni Muslims"
	}
	if typ == "" || (words == 1 && calendarWords[surf]) {
		st.evNext = evRule
		return b
	}
	if typ == dossier.Person && words > 1 {
		if st.persons[key] == "" && st.evNext == evWeak {
			st.weakPersons[key] = true
		}
		st.persons[key] = key
	}
	m := st.emit(toks, a, b, typ, canonical)
	return st.after(toks, b, m)
}

func joinedIn(toks []tokenize.Token, a, b int) bool {
	for k := a; k < b; k++ {
		if connectors[toks[k].Text] {
			return true
		}
	}
	return false
}

func hasAnd(toks []tokenize.Token, a, b int) bool {
	for k := a; k < b; k++ {
		if toks[k].Text == "and" {
			return true
		}
	}
	return false
}

// isPersonName reports whether toks[a:b] looks like an Arabic, Persian or
// Pashto personal name: two or more words with a name part ("Abu", "Abdul"),
// an "al-" surname or an "-ullah" compound.
func isPersonName(toks []tokenize.Token, a, b int) bool {
	if b-a < 2 || b-a > 5 {
		return false
	}
	for k := a; k < b; k++ {
		w := toks[k].Text
		if nameParts[w] || (k > a && strings.HasPrefix(w, "al-")) ||
			strings.HasSuffix(w, "ullah") || strings.HasSuffix(w, "uddin") || strings.HasSuffix(w, "ollah") {
			return true
		}
	}
	return false
}

// followedBySpeech reports whether a name ending before toks[b] is followed
// by a speech verb ("Winter said", "Sullivan, warned") or an apposition
// ("Abdul Sayed, an expert", "Rebecca Best is an associate professor").
func followedBySpeech(toks []tokenize.Token, b int) bool {
	n := len(toks)
	k := b
	if k < n && toks[k].Text == "," {
		k++
	}
	if k >= n {
		return false
	}
	if speechVerbs[toks[k].Text] {
		return true
	}
	if toks[k].Text == "is" && k+1 < n && (toks[k+1].Text == "a" || toks[k+1].Text == "an") {
		return true
	}
	if k == b+1 && (toks[k].Text == "a" || toks[k].Text == "an") && k+1 < n && !toks[k+1].Capitalized() {
		return true
	}
	return false
}

// emit records a mention of toks[a:b] and returns it.
func (st *state) emit(toks []tokenize.Token, a, b int, typ dossier.EntityType, canonical string) dossier.Mention {
	surf := st.surface(toks, a, b)
	key := lexicon.Key(surf)
	if canonical == "" && lexicon.IsAcronym(surf) {
		if d, ok := st.defs[key]; ok {
			canonical = d.canonical
		}
	}
	if canonical == "" && typ == dossier.Person && b-a == 1 && st.surnames[key] != "" {
		canonical = st.surnames[key]
	}
	m := dossier.Mention{
		Document:  st.doc.ID,
		Start:     toks[a].Start,
		End:       toks[b-1].End,
		Text:      surf,
		Type:      typ,
		Key:       key,
		Canonical: canonical,
		Sentence:  st.sentence,
	}
	st.out = append(st.out, m)
	st.ev = append(st.ev, st.evNext)
	st.evNext = evRule
	return m
}

// target is what a mention stands for: its canonical key or its own.
func target(m dossier.Mention) string {
	if m.Canonical != "" {
		return m.Canonical
	}
	return m.Key
}

// after looks right after mention m (ending before toks[b]) for an acronym
// definition "(IS-K)" and an alias phrase "also known as X", emits what it
// finds and returns where scanning goes on.
func (st *state) after(toks []tokenize.Token, b int, m dossier.Mention) int {
	n := len(toks)
	if acr, ok := st.definitionAt(toks, b, m.Text); ok {
		k := acr
		st.defs[lexicon.Key(toks[k].Text)] = definition{typ: m.Type, canonical: target(m)}
		st.evNext = evRef
		am := st.emit(toks, k, k+1, m.Type, target(m))
		return st.after(toks, k+1, am)
	}
	// alias phrase: [(|;|,] [also] [adverb] known as | referred to as | called
	k := b
	if k < n && (toks[k].Text == "(" || toks[k].Text == ";" || toks[k].Text == "," || toks[k].Text == ")") {
		k++
	}
	if k < n && toks[k].Text == "also" {
		k++
	}
	if k < n && strings.HasSuffix(toks[k].Text, "ly") {
		k++
	}
	switch {
	case k+1 < n && toks[k].Text == "known" && toks[k+1].Text == "as":
		k += 2
	case k+2 < n && toks[k].Text == "referred" && toks[k+1].Text == "to" && toks[k+2].Text == "as":
		k += 3
	case k < n && toks[k].Text == "called" && k > b:
		k++
	default:
		if b < n && isPossessive(toks[b]) {
			return b + 1
		}
		return b
	}
	// one or more aliases joined by "and", "or" and commas
	for k < n {
		if toks[k].Text == "the" {
			k++
		}
		if k >= n || !isCap(toks[k]) {
			break
		}
		end, _ := st.runEnd(toks, k)
		for c := k + 1; c < end; c++ {
			if toks[c].Text == "and" || toks[c].Text == "or" {
				end = c // "IS-KP and ISIS-K" are two aliases
				break
			}
		}
		surf := st.surface(toks, k, end)
		canonical := target(m)
		if e := st.r.lex.Lookup(surf); e != nil {
			canonical = e.ID
		}
		if lexicon.IsAcronym(surf) {
			st.defs[lexicon.Key(surf)] = definition{typ: m.Type, canonical: canonical}
		}
		st.evNext = evRef
		st.emit(toks, k, end, m.Type, canonical)
		k = end
		if k < n && (toks[k].Text == "and" || toks[k].Text == "or" || toks[k].Text == ",") {
			k++
			continue
		}
		break
	}
	return k
}

// definitionAt reports whether toks[b:] opens an acronym definition of
// name: "(IS-K)", "’s (IS-K)", "(TTP;". It returns the acronym's token index.
func (st *state) definitionAt(toks []tokenize.Token, b int, name string) (int, bool) {
	n := len(toks)
	k := b
	if k < n && isPossessive(toks[k]) {
		k++
	}
	if k+2 >= n || toks[k].Text != "(" {
		return 0, false
	}
	acr := toks[k+1].Text
	if !lexicon.IsAcronym(acr) {
		return 0, false
	}
	if c := toks[k+2].Text; c != ")" && c != ";" && c != "," {
		return 0, false
	}
	if !initialsMatch(acr, name) {
		return 0, false
	}
	return k + 1, true
}

// initialsMatch reports whether the letters of an acronym are, in order,
// the initials of words of name (words split on spaces and hyphens), the
// first letter matching the first word: "IS-K" / "Islamic State-Khorasan",
// "TTP" / "Tehrik-i-Taliban Pakistan", "ICSR" / "International Center for
// the Study of Radicalization".
func initialsMatch(acr, name string) bool {
	var letters []rune
	for _, r := range acr {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToUpper(r))
		}
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '–' })
	var initials []rune
	for _, w := range words {
		rs := []rune(w)
		if len(rs) > 0 {
			initials = append(initials, unicode.ToUpper(rs[0]))
		}
	}
	if len(letters) < 2 || len(initials) == 0 || letters[0] != initials[0] {
		return false
	}
	i := 0
	for _, c := range initials {
		if i < len(letters) && c == letters[i] {
			i++
		}
	}
	return i == len(letters)
}

// groupMembers reads the first word of a reference group's name before a
// word for its members as that group: "captured a Haqqani leader", "a
// senior Haqqani official" (the Haqqani Network), whatever else read the
// word.
func (st *state) groupMembers(toks [][]tokenize.Token) {
	if len(st.r.groupHeads) == 0 {
		return
	}
	added := false
	for si, ts := range toks {
		for k := 0; k+1 < len(ts); k++ {
			e := st.r.groupHeads[ts[k].Text]
			if e == nil || !memberWords[ts[k+1].Text] {
				continue
			}
			covered := false
			for i := range st.out {
				m := &st.out[i]
				if m.Start < ts[k].End && ts[k].Start < m.End {
					covered = true
					if m.Start == ts[k].Start && m.End == ts[k].End && m.Type != dossier.Group {
						m.Type, m.Canonical = dossier.Group, e.ID
					}
				}
			}
			if !covered {
				st.sentence = si
				st.emit(ts, k, k+1, dossier.Group, e.ID)
				added = true
			}
		}
	}
	if added {
		sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].Start < st.out[j].Start })
	}
}

// adminWords qualify an administration without naming its head: "the
// State administration", "the Federal administration".
var adminWords = set("Civil", "Central", "Federal", "Local", "Provincial", "Interim", "Transitional", "Military",
	"National", "Municipal", "Regional", "Union")

// administrations reads a capitalised word between "the" and
// "administration" that nothing else read as the person who leads it:
// "the Trump administration’s decision".
func (st *state) administrations(toks [][]tokenize.Token) {
	added := false
	for si, ts := range toks {
		for k := 1; k+1 < len(ts); k++ {
			if ts[k+1].Text != "administration" || ts[k-1].Text != "the" && ts[k-1].Text != "The" ||
				!isCap(ts[k]) || notNames[ts[k].Text] || lexicon.IsAcronym(ts[k].Text) || orgCues[ts[k].Text] ||
				hasLower(placeCues, ts[k].Text) || adminWords[ts[k].Text] || isNationality(ts[k].Text) {
				continue
			}
			covered := false
			for _, m := range st.out {
				covered = covered || m.Start < ts[k].End && ts[k].Start < m.End
			}
			if !covered {
				st.sentence = si
				st.emit(ts, k, k+1, dossier.Person, "")
				added = true
			}
		}
	}
	if added {
		sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].Start < st.out[j].Start })
	}
}
