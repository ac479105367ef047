package extract

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/timex"
	"github.com/dossier-osint/dossier/tokenize"
)

// monthDay reads "August 26" or "26 August" from a time expression whose
// year the document cannot give.
var monthDay = regexp.MustCompile(`(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?)\b`)

// monthOnly reads the month of "February", "in Feb." without a year.
var monthOnly = regexp.MustCompile(`(?i)^(?:in\s+|during\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$`)

var monthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// date sets the event's date from the sentence's time expressions: the
// most precise resolved one, else a day and month without a year (kept
// for matching reports, never exported as a date).
func (s *sentence) date(d *eventDraft) {
	best := s.bestDate(d)
	if best == "" && d.partial != "" && s.in.Doc.Published == "" {
		// An undated document's "August 29": the year of the full dates
		// the document itself gives, when they name one year only.
		if y := s.in.docYear(); y != "" {
			best = y + "-" + d.partial
		}
	}
	if best == "" && d.partial == "" && len(s.times()) == 0 {
		best = s.inheritedDay()
	}
	if best == "" && s.startsLater() {
		// "Days later it killed two soldiers": the time of the sentence
		// before, at the precision that survives "later" (the year).
		if y := s.in.lastYear; y != "" {
			best = y
		}
	}
	d.ev.Date = best
}

// bestDate returns the sentence's resolved date that best dates an event
// in it, and sets d.partial from a day and month without a year when d is
// not nil.
func (s *sentence) bestDate(d *eventDraft) string {
	// The most precise date wins; between dates as precise, one that is
	// not the publication date itself: a dateline's "(June 7, 2011)" is
	// when the report was written, "yesterday" or "during the past two
	// days" when the event happened.
	best, bestScore := "", -1
	consider := func(v string, relative bool) {
		score := 10 * len(v)
		if v != s.in.Doc.Published {
			score += 5
		}
		if relative {
			score += 2
		}
		if score > bestScore {
			best, bestScore = v, score
		}
	}
	for _, e := range s.times() {
		if e.Resolved && e.Value == "" && len(e.From) == 10 && len(e.To) == 10 && e.Mod == "" {
			// "during the past two days": the event starts on the first;
			// "last week" says no day, at most the month.
			if spanDays(e.From, e.To) <= 3 {
				consider(e.From, e.Relative)
			} else if e.From[:7] == e.To[:7] {
				consider(e.From[:7], e.Relative)
			}
			continue
		}
		if e.Resolved && e.Value != "" && e.Mod != "since" && e.Mod != "before" && e.Mod != "after" && e.Mod != "until" && e.Mod != "by" {
			consider(e.Value, e.Relative)
			continue
		}
		if !e.Resolved && d != nil && d.partial == "" {
			if e.Precision == timex.Month && e.Mod == "" && !d.plural {
				// "in February" of a year the text does not give: kept so
				// that it is told apart from reports of other months ("In
				// July, it deployed 19 times as many attacks" is activity
				// over a month, not an incident).
				if m := monthOnly.FindStringSubmatch(e.Text); m != nil {
					d.partial = fmt.Sprintf("%02d", monthNum[strings.ToLower(m[1])])
				}
				continue
			}
			if m := monthDay.FindStringSubmatch(e.Text); m != nil {
				day, mon := m[1], m[2]
				if day == "" {
					day, mon = m[4], m[3]
				}
				var n int
				fmt.Sscan(day, &n)
				if n >= 1 && n <= 31 {
					d.partial = fmt.Sprintf("%02d-%02d", monthNum[strings.ToLower(mon)], n)
				}
			}
		}
	}
	return best
}

// inheritedDay returns the day an event in a sentence with no time
// expression of its own ("since August 2021" is one) took
// place by the sentences before it: the day the last dated sentence of the
// same paragraph gives ("A patrol found a weapons cache yesterday. The
// patrol detained an individual"), or the dateline's when the sentence is
// in the first paragraph under a dateline set on a line of its own
// ("KABUL, Afghanistan (Oct. 5, 2011)\nIn Ghorak district, a force
// detained ..."): wire style dates the lead's undated news to the
// dateline's day. Otherwise
// "": an undated event stays undated rather than take a day from another
// paragraph.
func (s *sentence) inheritedDay() string {
	in := s.in
	if in.lastDay == "" || in.lastDaySent >= s.idx {
		return ""
	}
	if in.sameParagraph(in.lastDaySent, s.idx) {
		return in.lastDay
	}
	if in.datelineOnly(in.lastDaySent) && in.sameParagraph(in.lastDaySent+1, s.idx) {
		return in.lastDay
	}
	if in.lastEventSent < in.lastDaySent && in.nextParagraph(in.lastDaySent, s.idx) {
		return in.lastDay
	}
	return ""
}

// nextParagraph reports whether sentence j is in the paragraph right
// after sentence i's. A dated sentence that drafted no event sets the
// scene for the paragraph after it ("a patrol discovered a weapons cache
// yesterday.\n\nThe patrol detained an individual associated with the
// cache"); Read asks only when no event came between them.
func (in *Input) nextParagraph(i, j int) bool {
	for k := i + 1; k <= j; k++ {
		if !in.sameParagraph(k-1, k) {
			return in.sameParagraph(k, j)
		}
	}
	return false
}

// sameParagraph reports whether no paragraph break (a blank line, a
// paragraph separator) separates sentences i and j. A lone line break is
// no paragraph break: the cleaner keeps a wrapped paragraph's lines.
func (in *Input) sameParagraph(i, j int) bool {
	for k := i; k < j; k++ {
		from, to := in.Sentences[k].End, in.Sentences[k+1].Start
		breaks := 0
		for p := from; p < to && p < len(in.text); p++ {
			switch in.text[p] {
			case '\n', '\u2028':
				breaks++
			case '\u2029':
				breaks += 2
			}
		}
		if breaks >= 2 {
			return false
		}
	}
	return true
}

// rxDatelineOnly is a sentence that is a wire dateline and nothing else:
// "KABUL, Afghanistan (Oct. 5, 2011)", "MOGADISHU (1 March) -".
var rxDatelineOnly = regexp.MustCompile(`^[\s\p{Zs}]*\p{Lu}[\p{Lu} .'’-]{2,}(?:,\s*\p{Lu}[\p{L} .]+)?\s*\([^()]{3,30}\)[\s\p{Zs}\p{Pd}:]*$`)

// rxDatelineStart is a wire dateline opening a sentence.
var rxDatelineStart = regexp.MustCompile(`^[\s\p{Zs}]*\p{Lu}[\p{Lu} .'’-]{2,}(?:,\s*\p{Lu}[\p{L} .]+)?\s*\([^()]{3,30}\)`)

// datelineEnd returns the text offset where a dateline opening the
// sentence ends, or -1 when the sentence opens with none.
func (s *sentence) datelineEnd() int {
	if s.span.End-s.span.Start < 8 || !unicode.IsUpper(s.in.text[s.span.Start]) {
		return -1
	}
	head := string(s.in.text[s.span.Start:min(s.span.End, s.span.Start+80)])
	loc := rxDatelineStart.FindStringIndex(head)
	if loc == nil {
		return -1
	}
	return s.span.Start + utf8.RuneCountInString(head[:loc[1]])
}

// datelineOnly reports whether sentence i is a dateline alone.
func (in *Input) datelineOnly(i int) bool {
	sp := in.Sentences[i]
	return rxDatelineOnly.MatchString(string(in.text[sp.Start:sp.End]))
}

// startsLater reports whether the sentence opens with a relative time
// ("Days later", "Hours later", "A week later").
func (s *sentence) startsLater() bool {
	for i := 0; i < len(s.low) && i < 4; i++ {
		if s.low[i] == "later" {
			return true
		}
	}
	return false
}

// noteTimes remembers the year of the sentence's last resolved time, for a
// following "days later", and the day it gives, for the undated events
// after it (inheritedDay).
func (s *sentence) noteTimes() {
	for _, e := range s.times() {
		if e.Resolved && len(e.Value) >= 4 {
			s.in.lastYear = e.Value[:4]
		}
	}
	if day := s.bestDate(nil); len(day) == 10 {
		s.in.lastDay, s.in.lastDaySent = day, s.idx
	}
}

// docYear returns the one year of the document's full, absolute dates
// ("August 28, 2021"), "" when it gives none or several.
func (in *Input) docYear() string {
	if in.yearDone {
		return in.year
	}
	in.yearDone = true
	years := map[string]bool{}
	for _, sp := range in.Sentences {
		for _, e := range in.findTimes(sp, nil, "") {
			if e.Resolved && !e.Relative && len(e.Value) == 10 {
				years[e.Value[:4]] = true
			}
		}
	}
	if len(years) == 1 {
		for y := range years {
			in.year = y
		}
	}
	return in.year
}

// times returns the sentence's time expressions, anchored on the
// document's publication date.
func (s *sentence) times() []timex.Expr {
	if s.timexCache == nil {
		s.timexCache = s.in.findTimes(s.span, s.toks, s.in.Doc.Published)
	}
	return s.timexCache.([]timex.Expr)
}

// findTimes returns timex.Find over the sentence sp anchored on anchor.
// The answers anchored on the publication date are kept for the document:
// sentences, relations and attributes all ask for them, and docYear asks
// for every sentence's with no anchor, the same question when the
// document has no date.
func (in *Input) findTimes(sp dossier.Span, toks []tokenize.Token, anchor string) []timex.Expr {
	find := func() []timex.Expr {
		if toks != nil {
			return timex.FindWords(in.text, toks, anchor)
		}
		return timex.Find(in.text, sp, anchor)
	}
	if anchor != in.Doc.Published {
		return find()
	}
	if es, ok := in.timesOf[sp]; ok {
		return es
	}
	es := find()
	if in.timesOf == nil {
		in.timesOf = map[dossier.Span][]timex.Expr{}
	}
	in.timesOf[sp] = es
	return es
}

// notePlaces remembers the places the sentence names outside a dateline,
// for an event in the next sentences that names none (inheritedPlaces).
func (s *sentence) notePlaces() {
	dateline := s.datelineEnd()
	var ps []string
	for mi, m := range s.ments {
		if m.EntityType != dossier.Place || m.Entity == "" || m.Start < dateline {
			continue
		}
		// Only a place named as where ("in Zurmat district", "Zurmat,
		// Paktia"), not one named as an actor ("a U.S. campaign").
		if tok := s.tokOf(mi); tok > 0 && !s.placeAsModifier(mi) && (placeWords[s.low[tok-1]] ||
			tok > 1 && s.low[tok-1] == "the" && placeWords[s.low[tok-2]] || s.apposedPlace(tok)) {
			ps = append(ps, m.Entity)
		}
	}
	if len(ps) > 0 {
		s.in.lastPlaces, s.in.lastPlacesSent = ps, s.idx
	}
}

// inheritedPlaces returns the places of the sentence before an event that
// names none, when it is one of the two before it in the same paragraph:
// "An ISAF patrol spotted armed insurgents in Reg-e Khan Neshin district,
// Helmand province. After gaining positive identification, coalition
// forces engaged the enemy position"; or at the end of the paragraph
// before, when that paragraph reported no event (as for days:
// inheritedDay).
func (s *sentence) inheritedPlaces() []string {
	in := s.in
	if len(in.lastPlaces) == 0 || in.lastPlacesSent >= s.idx || s.idx-in.lastPlacesSent > 2 {
		return nil
	}
	if !in.sameParagraph(in.lastPlacesSent, s.idx) &&
		!(in.lastEventSent < in.lastPlacesSent && in.nextParagraph(in.lastPlacesSent, s.idx)) {
		return nil
	}
	return append([]string(nil), in.lastPlaces...)
}

// actorHeads after a place name make it the modifier of an actor or a
// weapon, not a location: "in U.S. air strikes", "by Afghan forces".
var actorHeads = set("air", "military", "forces", "force", "troops", "soldiers", "officials", "government", "strike",
	"strikes", "drone", "drones", "army", "campaign", "special", "police", "security", "authorities", "commanders",
	"aircraft", "warplanes", "jets", "intelligence", "president", "embassy", "envoy")

// placeAsModifier reports whether the place mention mi qualifies the noun
// after it ("U.S. air strikes") rather than naming where.
func (s *sentence) placeAsModifier(mi int) bool {
	end := s.lastTokOf(mi)
	return end >= 0 && end+1 < len(s.low) && actorHeads[s.low[end+1]]
}

// spanDays returns the days from one YYYY-MM-DD to another, or a large
// number when either does not parse.
func spanDays(from, to string) int {
	a, err1 := time.Parse(time.DateOnly, from)
	b, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 1 << 30
	}
	return int(b.Sub(a).Hours() / 24)
}
