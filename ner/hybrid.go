package ner

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/tagger"
	"github.com/dossier-osint/dossier/tokenize"
)

// tag runs the tagger on every sentence, headlines and lists included (it
// reads the sentence's case itself, and was trained on title-case lines:
// leaving them to the rules cost 1.4 points of CoNLL dev F1). Its
// multi-word person names join the document's full names before the rules
// read, so that a surname alone ("Winter") is known as that person
// wherever it stands.
func (st *state) tag(toks [][]tokenize.Token) [][]tagger.Span {
	out := make([][]tagger.Span, len(toks))
	var tw tagWords
	for i, ts := range toks {
		out[i] = tw.tag(st.r, ts)
		for _, sp := range out[i] {
			if sp.Type == "PER" && sp.End-sp.Start > 1 && !titleCase(ts) && !namesDivision(ts, sp.Start, sp.End) &&
				builtName(ts, sp.Start, sp.End) == "" && cueType(ts, sp.Start, sp.End) == "" {
				// ("Rue Victor Hugo", "US Army" are no one's full name:
				// "Hugo" alone is not their short form.)
				k := lexicon.Key(st.surface(ts, sp.Start, sp.End))
				st.persons[k] = k
			}
		}
	}
	return out
}

// tagWords turns a sentence's tokens into the tagger's words: an initial
// and its dot ("P." in "P. Simmons"), two tokens for the tokenizer, are one
// word, as in the tagger's training data.
type tagWords struct {
	words []string
	first []int // first token of each word, then len(tokens)
	gaz   []string
}

// tag runs the tagger on ts and returns its names as token spans.
func (tw *tagWords) tag(r *Recognizer, ts []tokenize.Token) []tagger.Span {
	tw.words, tw.first = tw.words[:0], tw.first[:0]
	for i := 0; i < len(ts); i++ {
		tw.first = append(tw.first, i)
		t := ts[i]
		if i+1 < len(ts) && ts[i+1].Text == "." && ts[i+1].Start == t.End && isInitial(t.Text) {
			tw.words = append(tw.words, t.Text+".")
			i++
			continue
		}
		tw.words = append(tw.words, t.Text)
	}
	tw.first = append(tw.first, len(ts))
	tw.gaz = r.gaz.AppendTags(tw.gaz[:0], tw.words)
	spans := r.model.Tag(tw.words, tw.gaz)
	for k := range spans {
		spans[k].Start, spans[k].End = tw.first[spans[k].Start], tw.first[spans[k].End]
	}
	return spans
}

func isInitial(w string) bool {
	rs := []rune(w)
	return len(rs) == 1 && unicode.IsUpper(rs[0])
}

// Name is a name the tagger found, before the rules: a span of code points
// and the tagger's type (PER, ORG, LOC, MISC).
type Name struct {
	Start, End int
	Type       string
}

// Tagged returns what the tagger alone finds in doc, for evaluation; nil
// for a Recognizer without a model.
func (r *Recognizer) Tagged(doc *dossier.Document) []Name {
	if r.model == nil {
		return nil
	}
	text := []rune(doc.Text)
	var out []Name
	var tw tagWords
	for _, s := range tokenize.Sentences(text) {
		ts := tokenize.Words(text, s)
		for _, sp := range tw.tag(r, ts) {
			out = append(out, Name{ts[sp.Start].Start, ts[sp.End-1].End, sp.Type})
		}
	}
	return out
}

// merge joins the tagger's names to the rules' mentions in st.out. The
// tagger reads names in context far better than the rules (see
// docs/evaluation.md), so where the two read the same words differently
// the tagger's name stands, and the rules' mentions under it go, unless a
// rule mention rests on evidence the tagger cannot see:
//
//   - a reference name, an acronym defined in the text, an alias or a
//     by-line author (evRef) keeps its span and type, except inside a
//     longer tagger name that holds it whole ("Northern Ireland", "Air
//     France" hold the places Ireland and France);
//   - a mention typed by the words in or around it (evRule: a cue word
//     such as "Council" or "airport", a title, a name part) keeps its span
//     and type over a tagger name it holds or equals ("Hamid Karzai
//     International Airport" over the person Hamid Karzai, "Abdul Rauf
//     Khadim" over the tagger's "Abdul" and "Khadim"); inside a longer
//     tagger name it gives way.
//
// A tagger name that overlaps no rule mention is added; rule mentions the
// tagger did not see stay.
func (st *state) merge(toks [][]tokenize.Token, tagged [][]tagger.Span) {
	rules, ev := st.out, st.ev
	st.out, st.ev = nil, nil
	drop := make([]bool, len(rules))
	k := 0 // first rule mention of the current sentence
	for si, spans := range tagged {
		for k < len(rules) && rules[k].Sentence < si {
			k++
		}
		end := k
		for end < len(rules) && rules[end].Sentence == si {
			end++
		}
		st.sentence = si
		ts := toks[si]
		title := titleCase(ts)
	spans:
		for _, sp := range spans {
			a, b := sp.Start, sp.End
			if title && hasLower(titleFunction, ts[a].Text) {
				// "One Of The World's Deadliest Groups": in a title-case
				// line a name does not start with a function word.
				continue
			}
			if title && st.commonWords(ts[a:b]) {
				// "Deadliest Groups", "Beyond": in a title-case line, words
				// the document writes in lower case elsewhere are words,
				// not a name.
				continue
			}
			if b-a > 1 && sentenceStart(ts, a) && hasLower(openingPrepositions, ts[a].Text) && isCap(ts[a+1]) {
				// "Near Ar Raqqah, 15 strikes...": a preposition that
				// opens a sentence is capitalised by its place alone.
				a++
			}
			b = cutAtClause(ts, a, b)
			if b-a > 1 && nameParts[ts[a].Text] {
				// "the post-Mullah Omar Afghan Taliban": a person's name
				// part does not open a reference group's name.
				for j := k; j < end; j++ {
					if ev[j] == evRef && rules[j].Type == dossier.Group && rules[j].Start == ts[a+1].Start && rules[j].End == ts[b-1].End {
						a++
						break
					}
				}
			}
			whole := b
			b = cutBeforeDivision(ts, a, b)
			tail := b + 1 // the division after the cut, emitted below
			if tail < whole && ts[tail].Text == "the" {
				tail++
			}
			if b < whole && tail < whole && capitalisedName(ts[tail:whole]) {
				from, to := ts[tail].Start, ts[whole-1].End
				taken := false
				for j := k; j < end; j++ {
					taken = taken || rules[j].Start < to && from < rules[j].End
				}
				if !taken {
					st.emit(ts, tail, whole, dossier.Place, "")
				}
			}
			start, stop := ts[a].Start, ts[b-1].End
			var over []int
			for j := k; j < end; j++ {
				r := rules[j]
				if r.Start >= stop || start >= r.End {
					continue
				}
				inside := r.Start >= start && r.End <= stop && (r.Start > start || r.End < stop)
				same := r.Start == start && r.End == stop
				covers := r.Start <= start && r.End >= stop && !same
				switch {
				case ev[j] == evRef && !inside:
					continue spans
				case ev[j] == evRule && (same || covers):
					continue spans
				}
				over = append(over, j)
			}
			typ, b := st.hybridType(ts, a, b, sp.Type)
			if typ == "" {
				// A name of a kind the product does not keep ("Urus-Martan"
				// as MISC, an event's name): weak readings under it go.
				for _, j := range over {
					drop[j] = drop[j] || ev[j] == evWeak
				}
				continue
			}
			for _, j := range over {
				drop[j] = true
			}
			st.emit(ts, a, b, typ, "")
		}
	}
	added := st.out
	st.out = st.out[:0:0]
	for j, m := range rules {
		if !drop[j] {
			st.out = append(st.out, m)
		}
	}
	st.out = append(st.out, added...)
	sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].Start < st.out[j].Start })
	st.ev = nil
}

// titleFunction are words title case capitalises that never start a name.
var titleFunction = map[string]bool{"of": true, "and": true, "in": true, "on": true, "for": true, "at": true,
	"to": true, "a": true, "an": true, "with": true, "from": true, "by": true, "or": true, "as": true}

// openingPrepositions are prepositions that open sentences before a name
// ("Near Mosul, ...", "In Kabul, ...") and are never its first word there.
var openingPrepositions = set("near", "in", "at", "on", "from", "outside", "inside", "across", "into",
	"around", "after", "before", "during", "since", "for", "with", "by", "under", "throughout", "within")

// sentenceStart reports whether toks[a] is the first word of its sentence
// (only punctuation before it).
func sentenceStart(toks []tokenize.Token, a int) bool {
	for _, t := range toks[:a] {
		if t.IsWord() {
			return false
		}
	}
	return true
}

// hybridType types a name the tagger found in toks[a:b] as one of the
// product's types, or "" to leave it out. It may widen the span by a
// following facility word ("Mosul airport").
func (st *state) hybridType(toks []tokenize.Token, a, b int, tag string) (dossier.EntityType, int) {
	surf := st.surface(toks, a, b)
	if b-a == 1 && (notNames[surf] || calendarWords[surf] || hasLower(titles, surf) || hasLower(divisionWords, surf)) {
		// "in the District": a division word alone names none.
		return "", b
	}
	// A name opens and closes with a capitalised word ("al-Baghdadi"
	// counts): a span that does not is a tagging slip.
	if !hasLetter(surf) || !isCap(toks[a]) || !isCap(toks[b-1]) {
		return "", b
	}
	entry := st.r.lex.Lookup(surf)
	switch tag {
	case "PER":
		// "Helmand Province", "Musa Qaleh district": a division word
		// ending the name or written right after it makes it a place,
		// whatever the tagger thought.
		if namesDivision(toks, a, b) {
			return dossier.Place, b
		}
		if t := builtName(toks, a, b); t != "" {
			return t, b
		}
		if t := cueType(toks, a, b); b-a > 1 && (t == dossier.Group || t == dossier.Organization) {
			return t, b // "US Army", "Defense Ministry": no person's name ends so
		}
		return dossier.Person, b
	case "ORG":
		if entry != nil && (entry.Type == dossier.Group || entry.Type == dossier.Organization) {
			return entry.Type, b
		}
		if cueType(toks, a, b) == dossier.Group {
			return dossier.Group, b
		}
		if builtName(toks, a, b) == dossier.Facility {
			return dossier.Facility, b
		}
		if entry == nil && placeContext(toks, a) && cueType(toks, a, b) == "" && knownPlace(surf) {
			// "the city of Lyon", "in Marseille": a city that names a
			// club in sports pages is a place where things happen.
			return dossier.Place, b
		}
		return dossier.Organization, b
	case "LOC":
		if entry != nil && entry.Type == dossier.Place {
			if b < len(toks) && facilityCues[toks[b].Text] {
				return dossier.Facility, b + 1
			}
			return dossier.Place, b
		}
		last := toks[b-1].Text
		if hasLower(facilityCues, last) && hasUpper(last) {
			return dossier.Facility, b
		}
		if b < len(toks) && facilityCues[toks[b].Text] {
			return dossier.Facility, b + 1
		}
		return dossier.Place, b
	case "MISC":
		if isNationality(surf) {
			return dossier.Nationality, b
		}
	}
	return "", b
}

// isNationality reports whether every word of s ("Afghan-American",
// "Shia Muslims") is a word for a people.
func isNationality(s string) bool {
	words := 0
	for len(s) > 0 {
		i := strings.IndexFunc(s, isWordSep)
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			if !hasLower(nationalities, s[:i]) {
				return false
			}
			words++
		}
		if i == len(s) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	return words > 0
}

// isWordSep splits the words of a nationality: "Afghan-American".
func isWordSep(r rune) bool { return r == ' ' || r == '-' || r == '–' }

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// commonWords reports whether every word of ts is written in lower case
// somewhere else in the document and no reference name covers them.
func (st *state) commonWords(ts []tokenize.Token) bool {
	if st.lowerSeen == nil {
		st.lowerSeen = map[string]bool{}
		for _, s := range st.allToks {
			for _, t := range s {
				if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsLower(r) {
					st.lowerSeen[t.Text] = true
				}
			}
		}
	}
	if len(ts) == 0 || st.r.lex.Lookup(st.surface(ts, 0, len(ts))) != nil {
		return false
	}
	for _, t := range ts {
		if !st.lowerSeen[strings.ToLower(t.Text)] {
			return false
		}
	}
	return true
}

// cutAtClause ends a tagged span ts[a:b] before punctuation that a
// lower-case word follows inside it: no name goes on over ", said"
// ("Kushamond District,” said Schwengler" is "Kushamond District").
func cutAtClause(ts []tokenize.Token, a, b int) int {
	for k := a + 1; k < b; k++ {
		if ts[k].IsWord() {
			continue
		}
		j := k
		for j < b && !ts[j].IsWord() {
			j++
		}
		if j < b {
			if r, _ := utf8.DecodeRuneInString(ts[j].Text); unicode.IsLower(r) {
				return k
			}
		}
		k = j
	}
	return b
}

// namesDivision reports whether the name toks[a:b] ends with a division
// word or has one written in lower case right after it ("Helmand
// Province", "the Musa Qaleh district"): a place, whatever a tagger read.
func namesDivision(toks []tokenize.Token, a, b int) bool {
	return b > a && hasLower(divisionWords, toks[b-1].Text) || b < len(toks) && divisionWords[toks[b].Text]
}

// placeContext reports whether the words before toks[a] say a place
// follows: a preposition of place ("in", "near", "outside") or "city of",
// "town of".
func placeContext(toks []tokenize.Token, a int) bool {
	if a > 0 && placePrepositions[toks[a-1].Text] {
		return true
	}
	return a > 1 && toks[a-1].Text == "of" && (toks[a-2].Text == "city" || toks[a-2].Text == "town")
}

// builtName types a name of two or more words by the form that names a
// structure or a street, whatever the names inside it are: "Camp
// Shorabak" and "Murrah Federal Building" are facilities, "Rue Victor
// Hugo" and "Cavehill Road" places. It returns "" for any other name.
func builtName(toks []tokenize.Token, a, b int) dossier.EntityType {
	if b-a < 2 {
		return ""
	}
	for k := a + 1; k < b-1; k++ {
		if w := toks[k].Text; w == "in" || w == "and" || w == "at" {
			return "" // "Rue Victor Hugo in Lyon" is two names
		}
	}
	first, last := toks[a].Text, toks[b-1].Text
	switch {
	case streetWords[last] || streetPrefixes[first]:
		return dossier.Place
	case facilityPrefixes[first]:
		return dossier.Facility
	case hasLower(facilityCues, last) && hasUpper(last) && !orgCues[last]:
		return dossier.Facility
	}
	return ""
}

// cutBeforeDivision ends a tagged span ts[a:b] before "in" or "at" when
// what follows is a division ("Police in Kondagaon District" is the
// police, and Kondagaon District a place of its own).
func cutBeforeDivision(ts []tokenize.Token, a, b int) int {
	if b-a < 3 || !hasLower(divisionWords, ts[b-1].Text) {
		return b
	}
	for k := a + 1; k < b-1; k++ {
		if ts[k].Text == "in" || ts[k].Text == "at" {
			return k
		}
	}
	return b
}

// capitalisedName reports whether every word of ts is capitalised or "of".
func capitalisedName(ts []tokenize.Token) bool {
	for _, t := range ts {
		if t.Text != "of" && !isCap(t) {
			return false
		}
	}
	return len(ts) > 0
}
