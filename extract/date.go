package extract

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/timex"
)

// monthDay reads "August 26" or "26 August" from a time expression whose
// year the document cannot give.
var monthDay = regexp.MustCompile(`(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?)\b`)

var monthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// date sets the event's date from the sentence's time expressions: the
// most precise resolved one, else a day and month without a year (kept
// for matching reports, never exported as a date).
func (s *sentence) date(d *eventDraft) {
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
			consider(e.From, e.Relative) // a span of days: the event starts on its first
			continue
		}
		if e.Resolved && e.Value != "" && e.Mod != "since" && e.Mod != "before" && e.Mod != "after" && e.Mod != "until" && e.Mod != "by" {
			consider(e.Value, e.Relative)
			continue
		}
		if !e.Resolved && d.partial == "" {
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
	if best == "" && d.partial != "" && s.in.Doc.Published == "" {
		// An undated document's "August 29": the year of the full dates
		// the document itself gives, when they name one year only.
		if y := s.in.docYear(); y != "" {
			best = y + "-" + d.partial
		}
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
// following "days later".
func (s *sentence) noteTimes() {
	for _, e := range s.times() {
		if e.Resolved && len(e.Value) >= 4 {
			s.in.lastYear = e.Value[:4]
		}
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
		for _, e := range in.findTimes(sp, "") {
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
		s.timexCache = s.in.findTimes(s.span, s.in.Doc.Published)
	}
	return s.timexCache.([]timex.Expr)
}

// findTimes returns timex.Find over the sentence sp anchored on anchor.
// The answers anchored on the publication date are kept for the document:
// sentences, relations and attributes all ask for them, and docYear asks
// for every sentence's with no anchor, the same question when the
// document has no date.
func (in *Input) findTimes(sp dossier.Span, anchor string) []timex.Expr {
	if anchor != in.Doc.Published {
		return timex.Find(in.text, sp, anchor)
	}
	if es, ok := in.timesOf[sp]; ok {
		return es
	}
	es := timex.Find(in.text, sp, anchor)
	if in.timesOf == nil {
		in.timesOf = map[dossier.Span][]timex.Expr{}
	}
	in.timesOf[sp] = es
	return es
}
