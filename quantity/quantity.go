// Package quantity finds counts in a sentence and what they count: "72
// Afghans ... along with 13 American soldiers" died is 85 killed, "more
// than 100" is at least 100, "1,500 to 2,200 fighters" is a range, "killed
// two policemen and injured three" is two killed and three injured.
//
// It is a set of rules over word tokens, not a model: a figure (digits,
// number words, vague plurals such as "scores", or "a"/"an" before a noun
// for a person) with its bound words ("more than", "up to", "nearly"), the
// noun phrase after it, the coordinated figures summed with it, and the
// trigger that gives the group its meaning: a transitive verb before it
// ("killing 16 mothers"), a predicate after it ("were killed", "died"), a
// noun with "of"/"to" before it ("the death of", "injuries to") or its own
// noun ("100 deaths", "77 attacks"). Whose dead they are (victims or
// perpetrators) is left to the caller, which gets the head noun and the
// text; see Count.
package quantity

import (
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// Meanings of a count.
const (
	Killed      = "killed"
	Injured     = "injured"
	Arrested    = "arrested"
	Kidnapped   = "kidnapped" // kidnapped, abducted, taken or held hostage
	Surrendered = "surrendered"
	Fighters    = "fighters" // a size estimate of an armed group
	Attacks     = "attacks"  // an aggregate of attacks or incidents
)

// Sides of a count, read from its head noun alone: it says whose dead
// these are when the noun says it ("two Maoists", "13 U.S. soldiers") and
// nothing when it does not ("others" take the side of the count before
// them in the sentence).
const (
	SideState    = "state"    // soldiers, police, security personnel
	SideArmed    = "armed"    // militants, insurgents, Maoists, attackers
	SideCivilian = "civilian" // civilians, villagers, people, women
)

// Count is one figure, or several coordinated figures summed, with what
// they count.
type Count struct {
	// Start and End are code points into the text given to Find; Text is
	// the text there: the figure and its noun phrase ("more than 170
	// civilians and 13 U.S. soldiers"), or for an Implied count the verb
	// phrase ("was shot dead").
	Start, End int
	Text       string
	// Min is the lower bound (0 when only an upper bound is given: "up to
	// 30"); Max the upper bound, nil when open ("more than 100",
	// "scores"). An approximate figure ("nearly 200", "about 30") has the
	// stated figure as both bounds and Exact false.
	Min   int
	Max   *int
	Exact bool
	// Noun is the head noun of what is counted as written ("civilians",
	// "Maoists", "others"); empty when elided ("killing one and wounding
	// two others": "one").
	Noun string
	// Meaning is one of the constants above, or "" when the sentence does
	// not say what happened to what is counted.
	Meaning string
	// Trigger is the word or phrase that gave the meaning ("were killed",
	// "killing", "injuries"); empty when it came from Noun alone.
	Trigger string
	// Side is SideState, SideArmed, SideCivilian or "" (unknown, or a sum
	// over sides: see Parts).
	Side string
	// Background marks a count inside a reference to earlier violence:
	// the sentence says someone is wanted for, accused of, involved in or
	// behind it ("wanted in connection with the murder of four villagers").
	Background bool
	// Included marks a subset of a count before it ("more than 100 deaths,
	// including thirteen American soldiers"): not to be added to totals.
	Included bool
	// Additional marks a count that the text presents as adding to figures
	// reported before it ("also detained two", "two additional
	// insurgents", "another").
	Additional bool
	// Implied marks a count of one read from a singular passive with no
	// figure ("Constable X was killed").
	Implied bool
	// Parts are the coordinated counts summed into this one; nil for a
	// single figure.
	Parts []Count
}

// Find returns the counts in text[span], in text order. Offsets are code
// points into text. It never panics on any input; a span outside text is
// clipped.
func Find(text []rune, span dossier.Span) []Count {
	if span.Start < 0 {
		span.Start = 0
	}
	if span.End > len(text) {
		span.End = len(text)
	}
	if span.Start >= span.End {
		return nil
	}
	return findIn(text, tokenize.Words(text, span))
}

// FindWords is Find for a caller that has tokenised the span already:
// words must be tokenize.Words(text, span) for a span inside text. It
// saves tokenising the sentence once more and does not change words.
func FindWords(text []rune, words []tokenize.Token) []Count {
	if len(words) == 0 {
		return nil
	}
	return findIn(text, words)
}

// FindWordsLower is FindWords for a caller that has lower-cased the
// words too: low[i] is words[i].Text with A-Z folded (tokenize.Lower).
// They are used when every word is ASCII, where that is what this package
// makes of them; otherwise the words are lowered here as FindWords does.
// It saves a list of strings a sentence.
func FindWordsLower(text []rune, words []tokenize.Token, low []string) []Count {
	if len(words) == 0 {
		return nil
	}
	if len(low) != len(words) || !tokenize.ASCII(words) {
		low = nil
	}
	return findLow(text, words, low)
}

func findIn(text []rune, words []tokenize.Token) []Count {
	return findLow(text, words, nil)
}

// findLow is findIn with the words lowered already, or nil.
func findLow(text []rune, words []tokenize.Token, low []string) []Count {
	s := newSentence(text, words, low)
	s.findFigures()
	if len(s.figs) == 0 && !s.hasTrigger() {
		return nil
	}
	s.markIncluded()
	s.group()
	s.assignMeanings()
	s.mergeAfterPredicate()
	return s.counts()
}

// sentence is the working state of one Find call.
type sentence struct {
	text  []rune
	toks  []tokenize.Token
	low   []string
	figs  []*fig
	figAt map[int]*fig // by first token
	used  map[int]bool // trigger start tokens claimed by a figure
}

// fig is one figure and its noun phrase, in token indices.
type fig struct {
	s, e     int // figure words, bounds included
	npEnd    int // end of the noun phrase (>= e)
	headTok  int // token of the head noun, -1 if none
	min, max int
	open     bool // no upper bound
	exact    bool
	article  bool // "a", "an", "another": one only before a person noun
	noun     string
	side     string
	bg       bool
	included bool
	additive bool
	meaning  string
	trig     string
	// group chains coordinated figures: next in the group, and whether
	// this one is a later member
	next   *fig
	member bool
}

func newSentence(text []rune, toks []tokenize.Token, low []string) *sentence {
	if low == nil {
		// lower folds an ASCII text as tokenize.Lower does.
		low = tokenize.Lower(toks, lower)
	}
	// figAt and used are made on first write (most sentences have no
	// figure): a nil map reads as empty.
	return &sentence{text: text, toks: toks, low: low}
}

// use marks the trigger starting at token k as claimed by a figure.
func (s *sentence) use(k int) {
	if s.used == nil {
		s.used = map[int]bool{}
	}
	s.used[k] = true
}

func lower(s string) string {
	for _, r := range s {
		if unicode.IsUpper(r) || r == '’' {
			return strings.ReplaceAll(strings.ToLower(s), "’", "'")
		}
	}
	return s
}

func (s *sentence) hasTrigger() bool {
	for i := range s.low {
		if _, ok := matchTrigger(s.low, i); ok {
			return true
		}
	}
	return false
}

// findFigures finds every figure with its noun phrase, left to right.
func (s *sentence) findFigures() {
	for i := 0; i < len(s.toks); {
		f, ok := s.parseFigure(i)
		if !ok {
			i++
			continue
		}
		s.nounPhrase(f)
		if s.keep(f) {
			s.figs = append(s.figs, f)
			if s.figAt == nil {
				s.figAt = map[int]*fig{}
			}
			s.figAt[f.s] = f
			i = f.npEnd
			if i <= f.s {
				i = f.s + 1
			}
			continue
		}
		i = f.e
	}
}

// keep drops figures that are not counts of anything: "a" before a
// non-person noun, a number of months or years.
func (s *sentence) keep(f *fig) bool {
	n := lower(f.noun)
	if units[n] {
		return false
	}
	if f.article {
		if f.noun == "" {
			// "another injured", "another was killed"
			k := f.e
			for k < len(s.low) && beVerbs[s.low[k]] {
				k++
			}
			if k < len(s.low) {
				if _, ok := matchTrigger(s.low, k); ok {
					return true
				}
			}
			return false
		}
		return isPerson(n)
	}
	return true
}

// isPerson reports whether a singular noun names a person.
func isPerson(n string) bool {
	if i := strings.LastIndexByte(n, '-'); i >= 0 && i+1 < len(n) {
		if personNouns[n] {
			return true
		}
		n = n[i+1:]
	}
	if personNouns[n] {
		return true
	}
	return strings.HasSuffix(n, "man") && len(n) > 4 || strings.HasSuffix(n, "ist") && len(n) > 5
}

// markIncluded flags figures that name a subset of the one before them:
// right after "including", "among them", "of whom", and figures
// coordinated with those before a comma closes the aside.
func (s *sentence) markIncluded() {
	for k, f := range s.figs {
		p := f.s - 1
		if p >= 0 && (s.low[p] == "including" || s.low[p] == "includes" || s.low[p] == "included") {
			f.included = true
			continue
		}
		if p >= 1 && (s.low[p-1] == "among" || s.low[p-1] == "of") && (s.low[p] == "them" || s.low[p] == "whom") {
			f.included = true
			continue
		}
		if k > 0 && s.figs[k-1].included && f.s > s.figs[k-1].npEnd {
			gap := s.low[s.figs[k-1].npEnd:f.s]
			if len(gap) == 1 && (gap[0] == "and" || gap[0] == "or") {
				f.included = true
			}
		}
	}
}

// skipAside returns the token after an "including ..." aside starting at
// k, or k when there is none.
func (s *sentence) skipAside(k int) int {
	for {
		if k < len(s.low) && (s.low[k] == "including" || s.low[k] == "includes") {
			if f := s.figAt[k+1]; f != nil && f.included {
				k = f.npEnd
				for k < len(s.low) && (s.low[k] == "and" || s.low[k] == "or") {
					if g := s.figAt[k+1]; g != nil && g.included {
						k = g.npEnd
						continue
					}
					break
				}
				continue
			}
		}
		return k
	}
}

// group chains figures joined only by commas and coordinators ("16
// mothers and pregnant women, as well as two children and seven other
// people"), stepping over "including" asides.
func (s *sentence) group() {
	var prev *fig
	for _, f := range s.figs {
		if f.included {
			continue
		}
		if prev != nil && s.coordinated(prev, f) {
			prev.next = f
			f.member = true
		}
		prev = f
	}
}

func (s *sentence) coordinated(a, b *fig) bool {
	k := a.npEnd
	if k == a.e && a.noun == "" {
		// an elided noun ("killing one and wounding two") does not
		// coordinate across a verb, and "one and two" alone is rare
		return false
	}
	saw := false
	for k < b.s {
		if n := s.skipAside(k); n != k {
			k = n
			continue
		}
		w := s.low[k]
		switch {
		case w == "," || w == "and" || w == "plus" || w == "&" || w == "besides":
			k++
		case w == "as" && s.is(k, "as", "well", "as"):
			k += 3
		case (w == "along" || w == "together") && k+1 < len(s.low) && s.low[k+1] == "with":
			k += 2
		default:
			return false
		}
		saw = true
	}
	return saw && k == b.s
}

// assignMeanings gives each group one meaning, from the first source that
// says it: a trigger before the first figure, a predicate after the last,
// the head noun, then a size or attack reading.
func (s *sentence) assignMeanings() {
	for _, f := range s.figs {
		if f.member {
			continue
		}
		last := f
		for last.next != nil {
			last = last.next
		}
		meaning, trig := s.leftMeaning(f)
		trigEnd := -1
		if meaning == "" {
			meaning, trig, trigEnd = s.rightMeaning(last)
		}
		if meaning == "" {
			meaning = nounMeanings[lower(f.noun)]
		}
		if meaning == "" {
			meaning = s.kindMeaning(f)
		}
		if victimMeaning(meaning) && thingNouns[lower(f.noun)] {
			meaning, trig = "", ""
		}
		add := f.additive || s.additiveBefore(f.s) || trigEnd > 0 && s.additiveBetween(last.npEnd, trigEnd)
		bg := meaning != "" && s.background(f.s)
		for g := f; g != nil; g = g.next {
			g.meaning, g.trig = meaning, trig
			g.additive, g.bg = add, bg
		}
	}
	// coordinated figures with no meaning are not summed: "1.5 million
	// residents and a dozen checkpoints" are two counts
	for _, f := range s.figs {
		if !f.member && f.meaning == "" {
			for g := f.next; g != nil; {
				n := g.next
				g.member, g.next = false, nil
				g = n
			}
			f.next = nil
		}
	}
	// included figures take the meaning of the figure they belong to,
	// unless their own words say otherwise
	var owner *fig
	for _, f := range s.figs {
		if !f.included {
			owner = f
			continue
		}
		if m, t := s.leftMeaning(f); m != "" {
			f.meaning, f.trig = m, t
			continue
		}
		if m, t, _ := s.rightMeaning(f); m != "" {
			f.meaning, f.trig = m, t
			continue
		}
		if owner != nil {
			f.meaning, f.trig, f.bg = owner.meaning, owner.trig, owner.bg
		}
	}
	// sides: "others" and elided nouns take the side of the figure before
	var prev string
	for _, f := range s.figs {
		n := lower(f.noun)
		if sd, ok := sides[n]; ok {
			f.side = sd
		} else if n == "" || n == "others" || n == "other" {
			f.side = prev
		}
		prev = f.side
	}
}

func victimMeaning(m string) bool {
	return m == Killed || m == Injured || m == Arrested || m == Kidnapped || m == Surrendered
}

// background reports whether a history cue comes before token k in its
// sentence (looking back at most 40 tokens, so a long span stays linear).
func (s *sentence) background(k int) bool {
	for p := k - 1; p >= 0 && p >= k-40; p-- {
		w := s.low[p]
		if w == "." || w == ";" || w == "?" || w == "!" {
			return false
		}
		if historyCues[w] {
			return true
		}
	}
	return false
}

// leftMeaning reads the words before a figure: a transitive verb
// ("killed two policemen"), a noun with "of" or "to" ("the death of",
// "injuries to") or a death toll ("the toll rose to 85").
func (s *sentence) leftMeaning(f *fig) (string, string) {
	p := f.s
	for p > 0 && (s.low[p-1] == "the" || s.low[p-1] == "all" || s.low[p-1] == "also" ||
		s.low[p-1] == "reportedly" || s.low[p-1] == "allegedly") {
		p--
	}
	if t, start, ok := matchTriggerEnding(s.low, p); ok && t.transitive {
		s.use(start)
		return t.meaning, s.join(start, p)
	}
	if p >= 2 && (s.low[p-1] == "of" || s.low[p-1] == "to") {
		q := p - 2
		if m := nominals[s.low[q]]; m != "" && (s.low[p-1] == "of" || m == Injured) {
			return m, s.join(q, p-1)
		}
	}
	// "the death toll rose to 85", "a toll of 13"
	for q := p - 1; q >= 0 && q >= p-5; q-- {
		if s.low[q] == "toll" {
			return Killed, s.join(q, q+1)
		}
		if !tollWords[s.low[q]] {
			break
		}
	}
	return "", ""
}

var deadVerbs = set("found", "left", "declared", "lay", "lying", "confirmed", "feared", "presumed", "now", "all", "also")

var tollWords = set("rose", "risen", "climbed", "increased", "reached", "stood", "stands", "is", "was",
	"to", "at", "of", "has", "had", "now", "mounted", "jumped", "went", "up", "gone")

// rightMeaning reads the predicate after a figure's noun phrase: "were
// killed", "are now known to have died", "injured" (reduced passive).
// It stops at the end of the clause, at the next figure, and at an active
// transitive verb, whose subject is the agent ("two Maoists killed the
// headman"). It returns the trigger's end token.
func (s *sentence) rightMeaning(f *fig) (string, string, int) {
	k := f.npEnd
	for n := 0; k < len(s.low) && n < 14; n++ {
		if j := s.skipAside(k); j != k {
			k = j
			continue
		}
		w := s.low[k]
		if w == "." || w == ";" || w == ":" || w == "?" || w == "!" || w == "(" || w == "“" || w == "\"" {
			break
		}
		if g := s.figAt[k]; g != nil && !g.included {
			break
		}
		if boundaryWords[w] {
			break
		}
		if t, ok := matchTrigger(s.low, k); ok {
			end := k + len(t.words)
			if t.transitive && !s.passive(f, k) && s.objectFollows(end) {
				break // active: the count is the agent
			}
			if end < len(s.low) && s.low[end] == "of" {
				break // "the killing of": another event
			}
			if t.words[0] == "dead" && k != f.npEnd && !beVerbs[s.low[k-1]] && !deadVerbs[s.low[k-1]] {
				break // "shot him dead": someone else
			}
			s.use(k)
			return t.meaning, s.join(k, end), end
		}
		k++
	}
	return "", "", -1
}

// passive reports whether the transitive trigger at k is passive: after a
// form of "be", with adverbs between. Without one it is read as passive
// ("13 people killed in the blast") unless an object follows.
func (s *sentence) passive(f *fig, k int) bool {
	p := k - 1
	for p >= f.npEnd && (strings.HasSuffix(s.low[p], "ly") || s.low[p] == "also" || s.low[p] == "not") {
		p--
	}
	return p >= 0 && beVerbs[s.low[p]]
}

// objectFollows reports whether an object starts at k: a figure, a
// determiner or a name.
func (s *sentence) objectFollows(k int) bool {
	if k >= len(s.low) {
		return false
	}
	if s.figAt[k] != nil || determiners[s.low[k]] {
		return true
	}
	return s.toks[k].Capitalized()
}

// kindMeaning reads a count without a trigger from its noun: attacks, or
// armed members in a sentence that estimates a strength.
func (s *sentence) kindMeaning(f *fig) string {
	if f.noun == "" {
		f.noun = s.numberOf(f.s)
	}
	n := lower(f.noun)
	if attackNouns[n] {
		return Attacks
	}
	if n == "fighters" || n == "combatants" || n == "guerrillas" {
		return Fighters
	}
	if fighterNouns[n] {
		for _, w := range s.low {
			if sizeCues[w] {
				return Fighters
			}
		}
	}
	return ""
}

// numberOf finds the noun of "the number of IS-K fighters was estimated
// to be between 3000 to 4000" for a figure without a noun of its own.
func (s *sentence) numberOf(before int) string {
	for k := before - 1; k > 0; k-- {
		if s.low[k] == "of" && (s.low[k-1] == "number" || s.low[k-1] == "strength" || s.low[k-1] == "size") {
			head := ""
			for m := k + 1; m < before && m-k <= 5 && s.npWord(m); m++ {
				head = s.toks[m].Text
			}
			return head
		}
		if w := s.low[k]; w == "." || w == ";" {
			break
		}
	}
	return ""
}

func (s *sentence) additiveBefore(k int) bool {
	for p := k - 1; p >= 0 && p >= k-3; p-- {
		if additive[s.low[p]] && s.low[p] != "other" && s.low[p] != "others" && s.low[p] != "more" {
			return true
		}
		if s.low[p] == "," || s.low[p] == "." {
			break
		}
	}
	return false
}

func (s *sentence) additiveBetween(from, to int) bool {
	for k := from; k < to && k < len(s.low); k++ {
		if s.low[k] == "also" || s.low[k] == "too" {
			return true
		}
	}
	return false
}

// mergeAfterPredicate joins a figure that follows its predicate through
// "along with", "as well as", "together with", "in addition to" or
// "besides" to the group before it, when it has no meaning of its own:
// "72 Afghans are now known to have died along with 13 American soldiers"
// is 85 dead.
func (s *sentence) mergeAfterPredicate() {
	var prev *fig
	for _, f := range s.figs {
		if f.included || f.member {
			continue
		}
		if prev != nil && prev.meaning != "" && f.trig == "" && (nounMeanings[lower(f.noun)] == "" || nounMeanings[lower(f.noun)] == prev.meaning) &&
			s.followsWith(f.s) && s.noFigureBetween(prev, f) {
			last := prev
			for last.next != nil {
				last = last.next
			}
			last.next = f
			f.member = true
			for g := f; g != nil; g = g.next {
				g.meaning, g.trig, g.additive = prev.meaning, prev.trig, prev.additive
			}
			continue
		}
		prev = f
	}
}

func (s *sentence) is(k int, words ...string) bool { return matchWords(s.low, k, words) }

func (s *sentence) followsWith(k int) bool {
	l := s.low
	switch {
	case k >= 2 && (l[k-2] == "along" || l[k-2] == "together") && l[k-1] == "with":
		return true
	case k >= 3 && l[k-3] == "as" && l[k-2] == "well" && l[k-1] == "as":
		return true
	case k >= 3 && l[k-3] == "in" && l[k-2] == "addition" && l[k-1] == "to":
		return true
	case k >= 1 && l[k-1] == "besides":
		return true
	}
	return false
}

func (s *sentence) noFigureBetween(a, b *fig) bool {
	for _, f := range s.figs {
		if f.s > a.s && f.s < b.s && !f.included && !f.member {
			return false
		}
	}
	for k := a.npEnd; k < b.s; k++ {
		if w := s.low[k]; w == "." || w == ";" || w == ":" {
			return false
		}
	}
	return true
}

// implied returns counts of one that no figure gives: a singular passive
// ("Constable X was killed", "the leader was arrested") or a name as the
// object of an active verb ("Maoists shot dead Amar Singh").
func (s *sentence) implied() []Count {
	var out []Count
	for k := 1; k < len(s.low); k++ {
		if s.used[k] {
			continue
		}
		t, ok := matchTrigger(s.low, k)
		if !ok || t.meaning == Surrendered {
			continue
		}
		end := k + len(t.words)
		if c, ok := s.namedObject(t, k, end); ok {
			out = append(out, c)
			k = end - 1
			continue
		}
		p := k - 1
		for p > 0 && (strings.HasSuffix(s.low[p], "ly") || s.low[p] == "also") {
			p--
		}
		if s.low[p] != "was" && s.low[p] != "is" && !(s.low[p] == "been" && p > 0 && s.low[p-1] == "has") {
			continue
		}
		if !t.transitive && t.words[0] != "were" && t.words[0] != "was" && t.words[0] != "found" {
			continue
		}
		if end < len(s.low) && s.figAt[end] != nil {
			continue
		}
		// "was killed" that follows a figure's phrase in the same clause
		// already belongs to it
		if s.claimedBefore(p) {
			continue
		}
		start := p
		if s.low[p] == "been" {
			start = p - 1
		}
		noun := ""
		if start > 0 && s.toks[start-1].IsWord() {
			noun = s.toks[start-1].Text
		}
		if n := lower(noun); noun != "" && !s.toks[start-1].Capitalized() && !isPerson(n) && n != "he" && n != "she" {
			continue // "a Maoist camp was neutralised"
		}
		one := 1
		c := Count{Start: s.toks[start].Start, End: s.toks[end-1].End, Min: 1, Max: &one, Exact: true,
			Noun: noun, Meaning: t.meaning, Trigger: s.join(k, end), Implied: true,
			Side:       s.sideBefore(start),
			Background: s.background(start),
			Additional: s.additiveBetween(start, k) || s.additiveBefore(start)}
		c.Text = string(s.text[c.Start:c.End])
		out = append(out, c)
		k = end - 1
	}
	return out
}

// namedObject reads a name right after an active verb as a count of one:
// "shot dead Amar Singh", "killed K. Satyam". A capitalised word before a
// lower-case noun is a modifier, not a name ("killed CRPF personnel").
func (s *sentence) namedObject(t trigger, k, end int) (Count, bool) {
	if !t.transitive || end >= len(s.low) || k > 0 && beVerbs[s.low[k-1]] {
		return Count{}, false
	}
	c := end
	for c < len(s.toks) && c-end < 5 {
		tk := s.toks[c]
		if tk.IsWord() && tk.Capitalized() && !monthNames[s.low[c]] && !determiners[s.low[c]] && !stops[s.low[c]] {
			// ("Detained In Kandahar": a title-case preposition is none)
			c++
			continue
		}
		if s.low[c] == "." && c > end && len([]rune(s.toks[c-1].Text)) == 1 {
			c++ // an initial: "K. Satyam"
			continue
		}
		break
	}
	if c == end || c < len(s.toks) && s.toks[c].IsWord() && !stops[s.low[c]] && !s.toks[c].Capitalized() {
		return Count{}, false
	}
	// a title-case headline ("Forces Detain Haqqani Network Leader",
	// "Facilitator Captured Overnight") is not a name
	if last := s.low[c-1]; isPerson(last) || sides[last] != "" || notNames[last] || strings.HasSuffix(last, "s") && isPerson(strings.TrimSuffix(last, "s")) {
		return Count{}, false
	}
	one := 1
	side := ""
	for q := end; q < c; q++ {
		if sd, ok := sides[s.low[q]]; ok {
			side = sd
			break
		}
	}
	cnt := Count{Start: s.toks[end].Start, End: s.toks[c-1].End, Min: 1, Max: &one, Exact: true,
		Noun: s.join(end, c), Meaning: t.meaning, Trigger: s.join(k, end), Implied: true, Side: side,
		Background: s.background(k)}
	cnt.Text = string(s.text[cnt.Start:cnt.End])
	s.use(k)
	return cnt, true
}

var notNames = set("overnight", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "network", "province", "district", "village", "forces", "force", "army",
	"police", "group", "state", "government", "party", "movement", "front")

// sideBefore is the side of the nearest side word before token k in its
// sentence ("Constable X of the CRPF was killed": state).
func (s *sentence) sideBefore(k int) string {
	for p := k - 1; p >= 0 && p >= k-40; p-- {
		w := s.low[p]
		if w == "." || w == ";" || w == "?" || w == "!" {
			break
		}
		if sd, ok := sides[w]; ok {
			return sd
		}
	}
	return ""
}

// claimedBefore reports whether a figure's noun phrase ends in the same
// clause right before token p, with nothing but adverbs between.
func (s *sentence) claimedBefore(p int) bool {
	for _, f := range s.figs {
		if f.npEnd <= p && p-f.npEnd <= 2 {
			return true
		}
	}
	return false
}

// counts turns the figures into Counts: one per group, included figures
// on their own, implied counts after.
func (s *sentence) counts() []Count {
	out := make([]Count, 0, len(s.figs))
	for _, f := range s.figs {
		if f.member {
			continue
		}
		if f.next == nil {
			out = append(out, s.count(f))
			continue
		}
		var parts []Count
		for g := f; g != nil; g = g.next {
			parts = append(parts, s.count(g))
		}
		c := parts[0]
		c.Parts = parts
		c.End = parts[len(parts)-1].End
		c.Text = string(s.text[c.Start:c.End])
		max, open := 0, false
		c.Min = 0
		for _, p := range parts {
			c.Min += p.Min
			c.Exact = c.Exact && p.Exact
			if p.Max == nil {
				open = true
			} else {
				max += *p.Max
			}
		}
		c.Max = nil
		if !open {
			c.Max = &max
		}
		for _, p := range parts[1:] {
			if p.Side != c.Side {
				c.Side = ""
			}
		}
		out = append(out, c)
	}
	imp := s.implied()
	if len(imp) == 0 {
		return out
	}
	out = append(out, imp...)
	// keep text order
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (s *sentence) count(f *fig) Count {
	end := f.npEnd
	if end <= f.s {
		end = f.e
	}
	c := Count{
		Start: s.toks[f.s].Start, End: s.toks[end-1].End,
		Min: f.min, Exact: f.exact, Noun: f.noun, Meaning: f.meaning, Trigger: f.trig,
		Included: f.included, Additional: f.additive, Side: f.side, Background: f.bg,
	}
	if !f.open {
		m := f.max
		c.Max = &m
	}
	c.Text = string(s.text[c.Start:c.End])
	return c
}

// join returns the text of tokens [a, b).
func (s *sentence) join(a, b int) string {
	if a >= b || b > len(s.toks) {
		return ""
	}
	return string(s.text[s.toks[a].Start:s.toks[b-1].End])
}
