package extract

import (
	"fmt"
	"regexp"
	"strings"

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
	best := ""
	for _, e := range s.times() {
		if e.Resolved && e.Value != "" && e.Mod != "since" && e.Mod != "before" && e.Mod != "after" && e.Mod != "until" && e.Mod != "by" {
			if len(e.Value) > len(best) {
				best = e.Value
			}
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
	d.ev.Date = best
}

// times returns the sentence's time expressions, anchored on the
// document's publication date.
func (s *sentence) times() []timex.Expr {
	if s.timexCache == nil {
		s.timexCache = timex.Find(s.in.text, s.span, s.in.Doc.Published)
	}
	return s.timexCache.([]timex.Expr)
}
