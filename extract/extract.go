// Package extract reads events, relations and attributes out of one
// document whose mentions have been resolved to entities, and merges what
// many documents say into one set of facts.
//
// Read works sentence by sentence with rules over tokens and resolved
// mentions: trigger words give an event its type ("suicide bomber",
// "clashes", "drone strike", "arrested"), the mentions around the trigger
// its arguments, package quantity its casualty figures and package timex
// its date. Relations come from patterns between two mentions ("X, the
// emir of Y", "Y spokesman X", "X, an affiliate of Y"), attributes from
// patterns about one ("Y was founded in 2015", "1,500 to 2,200 fighters").
// Every fact cites the sentence that says it, as a claim.
//
// Merge applies the GTD rule for incidents: reports of the same type, at
// the same place and on compatible dates are one event, however many
// documents report it; each document's figures stay side by side.
// Aggregates ("77 attacks in the first four months of 2021") are
// attributes of the actor, not events.
package extract

import (
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/quantity"
	"github.com/dossier-osint/dossier/resolve"
	"github.com/dossier-osint/dossier/timex"
	"github.com/dossier-osint/dossier/tokenize"
)

// Mention is a mention with the entity it was resolved to.
type Mention struct {
	dossier.Mention
	Entity string // entity ID
	// EntityType is the resolved entity's type, which may differ from
	// the mention's own (a majority vote across the corpus).
	EntityType dossier.EntityType
}

// Input is one document as extraction sees it.
type Input struct {
	Doc       *dossier.Document // ID, Text and Published are used
	Sentences []dossier.Span
	Mentions  []Mention // in text order

	text    []rune
	bySent  map[int][]Mention
	entName map[string]string
	// year is the one year of the document's full dates (docYear);
	// lastYear the year of the last resolved time read so far.
	year, lastYear string
	yearDone       bool
	// lastDay is the day the sentence lastDaySent gives (noteTimes).
	lastDay     string
	lastDaySent int
	// lastEventSent is the last sentence that drafted an event, -1 before
	// the first.
	lastEventSent int
	// lastPlaces are the places the sentence lastPlacesSent names
	// (notePlaces).
	lastPlaces     []string
	lastPlacesSent int
	// lastGroups are the armed groups the sentence lastGroupsSent names
	// (noteGroups).
	lastGroups     []string
	lastGroupsSent int
	// lastSubject is the armed group sentence lastGroupsSent opens with,
	// "" when it opens with none.
	lastSubject string
	// timesOf keeps each sentence's time expressions (findTimes).
	timesOf map[dossier.Span][]timex.Expr
	// units is relations' list of a sentence's units, reused from one
	// sentence to the next.
	units []runit
	negs  []int32
}

// Report is what one document says: facts whose IDs are empty until Merge
// and whose Documents hold just this document.
type Report struct {
	Doc        string
	Published  string
	Events     []*dossier.Event
	Relations  []*dossier.Relation
	Attributes []*dossier.Attribute
	Claims     []dossier.Claim
	claimed    map[string]bool
	drafts     []*eventDraft
}

// Read extracts the events, relations and attributes of one document.
func Read(in *Input) *Report {
	in.text = []rune(in.Doc.Text)
	in.timesOf = nil
	in.lastDay, in.lastDaySent, in.lastEventSent = "", 0, -1
	in.lastPlaces, in.lastPlacesSent = nil, 0
	in.lastGroups, in.lastGroupsSent, in.lastSubject = nil, 0, ""
	in.bySent = groupBySentence(in.Mentions)
	r := &Report{Doc: in.Doc.ID, Published: in.Doc.Published, claimed: map[string]bool{}}
	for i, sp := range in.Sentences {
		s := newSentence(in, i, sp)
		drafted := len(r.drafts)
		events(s, r)
		if len(r.drafts) > drafted {
			in.lastEventSent = i
		}
		relations(s, r)
		leaderLists(s, r)
		attributes(s, r)
		s.noteTimes()
		s.notePlaces()
		s.noteGroups()
	}
	mergeDocEvents(r)
	return r
}

// sentence is one sentence with its tokens and resolved mentions.
type sentence struct {
	in    *Input
	idx   int
	span  dossier.Span
	toks  []tokenize.Token
	low   []string // lower-cased token texts
	ments []Mention
	// mentionAt maps a token index to the mention covering it;
	// firstTok and lastTok are each mention's first and last token there,
	// -1 when it covers none.
	mentionAt         map[int]int
	firstTok, lastTok []int
	// tokMent holds mentionAt as a slice (-1: no mention), for the
	// loops that ask for every token (mentAt); nil when the sentence
	// names nothing.
	tokMent    []int32
	timexCache any
	// found holds quantity.Find's counts once quantities has run.
	found     []quantity.Count
	foundDone bool
	// claimed is the sentence's claim once claim has made it.
	claimed *dossier.Claim
}

// quantities returns the sentence's counts (quantity.Find), found once:
// events and attributes both read them. Each caller gets its own slice.
func (s *sentence) quantities() []quantity.Count {
	if !s.foundDone {
		// s.low is quantity's lower-casing where it is used (ASCII).
		s.found, s.foundDone = quantity.FindWordsLower(s.in.text, s.toks, s.low), true
	}
	return slices.Clone(s.found)
}

func newSentence(in *Input, idx int, sp dossier.Span) *sentence {
	s := &sentence{in: in, idx: idx, span: sp, ments: in.bySent[idx]}
	s.toks = tokenize.WordsIn(in.text, in.Doc.Text, sp)
	s.low = tokenize.Lower(s.toks, lower)
	if len(s.ments) == 0 {
		// Most sentences name nothing: they keep a nil map, which reads
		// as empty.
		return s
	}
	s.tokMent = make([]int32, len(s.toks))
	for ti := range s.tokMent {
		s.tokMent[ti] = -1
	}
	n := 0
	for mi, m := range s.ments {
		// The tokens inside the mention: tokens are in text order and
		// not empty, so they start at or after m.Start and before m.End.
		// A later mention overrides an earlier one on a shared token.
		first := sort.Search(len(s.toks), func(k int) bool { return s.toks[k].Start >= m.Start })
		for ti := first; ti < len(s.toks) && s.toks[ti].Start < m.End; ti++ {
			if s.toks[ti].End <= m.End {
				if s.tokMent[ti] < 0 {
					n++
				}
				s.tokMent[ti] = int32(mi)
			}
		}
	}
	s.mentionAt = make(map[int]int, n)
	s.firstTok = make([]int, 2*len(s.ments))
	s.firstTok, s.lastTok = s.firstTok[:len(s.ments)], s.firstTok[len(s.ments):]
	for mi := range s.ments {
		s.firstTok[mi], s.lastTok[mi] = -1, -1
	}
	for ti, mi := range s.tokMent {
		if mi < 0 {
			continue
		}
		s.mentionAt[ti] = int(mi)
		if s.firstTok[mi] < 0 {
			s.firstTok[mi] = ti
		}
		s.lastTok[mi] = ti
	}
	return s
}

// mentAt is s.mentionAt[ti], read from a slice.
func (s *sentence) mentAt(ti int) (int, bool) {
	if ti < 0 || ti >= len(s.tokMent) || s.tokMent[ti] < 0 {
		return 0, false
	}
	return int(s.tokMent[ti]), true
}

// claim returns the sentence as a claim, recording it in r once.
func (s *sentence) claim(r *Report) dossier.Claim {
	if s.claimed == nil {
		// Made once: events, relations and attributes each ask.
		c := resolve.NewClaim(s.in.Doc.ID, s.span, s.in.quote(s.span))
		s.claimed = &c
	}
	c := *s.claimed
	if !r.claimed[c.ID] {
		r.claimed[c.ID] = true
		r.Claims = append(r.Claims, c)
	}
	return c
}

// quote returns the text of span sp: a slice of the document's text
// where its code points are bytes (ASCII), else converted from them.
func (in *Input) quote(sp dossier.Span) string {
	if len(in.Doc.Text) == len(in.text) && sp.Start >= 0 && sp.Start <= sp.End && sp.End <= len(in.Doc.Text) {
		if q := in.Doc.Text[sp.Start:sp.End]; isASCII(q) {
			return q
		}
	}
	return string(in.text[sp.Start:sp.End])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// tokOf returns the first token index of mention mi, -1 if none.
func (s *sentence) tokOf(mi int) int {
	if mi < 0 || mi >= len(s.firstTok) {
		return -1
	}
	return s.firstTok[mi]
}

// lastTokOf returns the last token index of mention mi, -1 if none.
func (s *sentence) lastTokOf(mi int) int {
	if mi < 0 || mi >= len(s.lastTok) {
		return -1
	}
	return s.lastTok[mi]
}

// mentionsOf returns the mentions of the given entity types, in order.
func (s *sentence) mentionsOf(types ...dossier.EntityType) []int {
	var out []int
	for i, m := range s.ments {
		for _, t := range types {
			if m.EntityType == t {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// lower folds ASCII upper-case letters only. In valid UTF-8 (a token's
// text) those are single bytes, so folding bytes gives the same as
// folding code points; a string with none is returned as it is.
func lower(s string) string {
	if !utf8.ValidString(s) {
		// Converting to code points turns invalid bytes into U+FFFD.
		b := []rune(s)
		for i, r := range b {
			if r >= 'A' && r <= 'Z' {
				b[i] = r + 32
			}
		}
		return string(b)
	}
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// groupBySentence returns the mentions of each sentence, in the order
// given. Mentions in text order come sorted by sentence: each sentence's
// are then a slice of ms (capped, so that an append copies), not copies
// appended one by one, which were a tenth of Read's allocated bytes.
// Mentions out of order are copied into lists.
func groupBySentence(ms []Mention) map[int][]Mention {
	out := map[int][]Mention{}
	if !slices.IsSortedFunc(ms, func(a, b Mention) int { return a.Sentence - b.Sentence }) {
		for _, m := range ms {
			out[m.Sentence] = append(out[m.Sentence], m)
		}
		return out
	}
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].Sentence == ms[i].Sentence {
			j++
		}
		out[ms[i].Sentence] = ms[i:j:j]
		i = j
	}
	return out
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
