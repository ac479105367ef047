// Package timex finds time expressions in a sentence and normalises them
// against the document's publication date: absolute dates ("26 August
// 2021", "January 2016", "in 2014"), relative ones ("yesterday", "last
// month", "Thursday", "earlier this year"), bounds ("since June 2020",
// "by 2016") and ranges ("between 2017-2018", "from 2016 to 2020", "the
// first four months of 2021"), each with the precision the text supports.
//
// It is hand-written rules over word tokens rather than go-dateparser:
// that library parses a given string well, but its Search returns no
// offsets, reads stray numbers as years ("3000") and takes about 0.4 ms a
// sentence; here the finding, the anchoring and the precision are ours.
// Without a publication date a relative expression is found but left
// unresolved, never guessed.
package timex

import (
	"strings"
	"time"
	"unicode"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// Expr is one time expression.
type Expr struct {
	// Start and End are code points into the text given to Find; Text is
	// the text there.
	Start, End int
	Text       string
	// Value is the date as YYYY, YYYY-MM or YYYY-MM-DD; empty for a range
	// and for an expression that could not be resolved.
	Value string
	// From and To bound a range ("2017-2018", "last week") or an open
	// interval ("since June 2020": From only; "until 2019", "by 2016": To
	// only); empty ends are open.
	From, To string
	// Precision is Year, Month or Day: what the text supports, also when
	// unresolved.
	Precision string
	// Mod qualifies Value: "since", "until", "before", "after", "by",
	// "approx", "early", "mid", "late", or "".
	Mod string
	// Relative is true when the date depends on the publication date
	// ("yesterday", "last month", "26 August" without a year).
	Relative bool
	// Resolved is true when Value (or From/To) could be computed; false
	// for a relative expression without a publication date precise
	// enough.
	Resolved bool
}

// Find returns the time expressions in text[span], in text order.
// anchor is the document's publication date ("YYYY", "YYYY-MM",
// "YYYY-MM-DD"; "" or anything else when unknown). It never panics; a span
// outside text is clipped.
func Find(text []rune, span dossier.Span, anchor string) []Expr {
	if span.Start < 0 {
		span.Start = 0
	}
	if span.End > len(text) {
		span.End = len(text)
	}
	if span.Start >= span.End {
		return nil
	}
	return findIn(text, tokenize.Words(text, span), anchor)
}

// FindWords is Find for a caller that has tokenised the span already:
// words must be tokenize.Words(text, span) for a span inside text. It
// saves tokenising the sentence once more and does not change words.
func FindWords(text []rune, words []tokenize.Token, anchor string) []Expr {
	if len(words) == 0 {
		return nil
	}
	return findIn(text, words, anchor)
}

// FindWordsLower is FindWords for a caller that has lower-cased the
// words too: low[i] is words[i].Text with A-Z folded (tokenize.Lower).
// They are used when every word is ASCII, where that is what this package
// makes of them; otherwise the words are lowered here as FindWords does.
// It saves a list of strings a sentence.
func FindWordsLower(text []rune, words []tokenize.Token, low []string, anchor string) []Expr {
	if len(words) == 0 {
		return nil
	}
	if len(low) != len(words) || !tokenize.ASCII(words) {
		low = nil
	}
	return findLow(text, words, low, anchor)
}

func findIn(text []rune, words []tokenize.Token, anchor string) []Expr {
	return findLow(text, words, nil, anchor)
}

// findLow is findIn with the words lowered already, or nil.
func findLow(text []rune, words []tokenize.Token, low []string, anchor string) []Expr {
	s := &scanner{text: text, toks: words, low: low}
	s.anchor, _ = parseDate(anchor)
	if s.low == nil {
		s.low = tokenize.Lower(s.toks, strings.ToLower)
	}
	var out []Expr
	for i := 0; i < len(s.toks); {
		e, next, ok := s.expr(i, out)
		if !ok {
			i++
			continue
		}
		e.Start, e.End = s.toks[i].Start, s.toks[next-1].End
		e.Text = string(text[e.Start:e.End])
		out = append(out, e)
		i = next
	}
	return out
}

type scanner struct {
	text   []rune
	toks   []tokenize.Token
	low    []string
	anchor date
}

// value is what a core expression means before it becomes an Expr: a
// point or a range, and what it needs from the anchor.
type value struct {
	from, to date // to.prec == 0 for a point
	relative bool
	resolved bool
	prec     int
}

func point(d date) value { return value{from: d, resolved: d.y != 0, prec: d.prec} }

func (s *scanner) is(i int, words ...string) bool {
	if i+len(words) > len(s.low) {
		return false
	}
	for k, w := range words {
		if s.low[i+k] != w {
			return false
		}
	}
	return true
}

var modWords = map[string]string{
	"since": "since", "until": "until", "till": "until", "before": "before", "after": "after",
	"by": "by", "around": "approx", "about": "approx", "circa": "approx", "approximately": "approx",
	"early": "early", "mid": "mid", "late": "late", "prior": "before",
}

// expr reads one expression at token i.
func (s *scanner) expr(i int, prev []Expr) (Expr, int, bool) {
	// ranges: "between 2017 and 2018", "from June to August 2020"
	if s.low[i] == "between" || s.low[i] == "from" {
		if v, next, ok := s.rangeAt(i + 1); ok {
			return s.make(v, ""), next, true
		}
		if s.low[i] == "between" {
			if v, next, ok := s.core(i+1, prev); ok && v.to.prec != 0 {
				return s.make(v, ""), next, true
			}
		}
	}
	// modifiers: "since June 2020", "early 2020", "the end of 2020"
	mod, j := "", i
	if m, ok := modWords[s.low[i]]; ok {
		mod, j = m, i+1
		if s.low[i] == "prior" && s.is(i+1, "to") {
			j++
		}
		if s.is(j, "-") {
			j++ // "mid - 2019" written apart
		}
	} else if n, m := s.partOf(i); n > 0 {
		mod, j = m, i+n
	} else if strings.HasPrefix(s.low[i], "mid-") {
		// "mid-2019", "mid-August": one token
		if d, ok := s.yearOrMonthWord(strings.TrimPrefix(s.low[i], "mid-"), i); ok {
			return s.make(d, "mid"), i + 1, true
		}
	}
	if j < len(s.toks) {
		if v, next, ok := s.core(j, prev); ok {
			return s.make(v, mod), next, true
		}
		// "the first four months of 2021", "the first half of 2021"
		if v, next, ok := s.partRange(j); ok {
			return s.make(v, ""), next, true
		}
	}
	if mod != "" {
		return Expr{}, 0, false
	}
	if v, next, ok := s.partRange(i); ok {
		return s.make(v, ""), next, true
	}
	return Expr{}, 0, false
}

// partOf reads "the end of", "the beginning of", "the middle of", "end
// of" and returns their length and modifier.
func (s *scanner) partOf(i int) (int, string) {
	k := i
	if s.low[k] == "the" {
		k++
	}
	if k+1 >= len(s.low) || s.low[k+1] != "of" {
		return 0, ""
	}
	switch s.low[k] {
	case "end", "close":
		return k + 2 - i, "late"
	case "beginning", "start":
		return k + 2 - i, "early"
	case "middle":
		return k + 2 - i, "mid"
	}
	return 0, ""
}

// partRange reads "the first four months of 2021", "the first half of
// 2021", "the last quarter of 2020".
func (s *scanner) partRange(i int) (value, int, bool) {
	k := i
	if s.is(k, "the") {
		k++
	}
	if k >= len(s.low) || (s.low[k] != "first" && s.low[k] != "last" && s.low[k] != "second") {
		return value{}, 0, false
	}
	first := s.low[k] != "last"
	second := s.low[k] == "second"
	k++
	n := 1
	if k < len(s.low) {
		if v, ok := numberWord(s.low[k]); ok {
			n = v
			k++
		}
	}
	if k+1 >= len(s.low) || s.low[k+1] != "of" {
		return value{}, 0, false
	}
	months := 0
	switch s.low[k] {
	case "month", "months":
		months = n
	case "quarter", "quarters":
		months = 3 * n
	case "half":
		months = 6
	default:
		return value{}, 0, false
	}
	if months < 1 || months > 12 {
		return value{}, 0, false
	}
	y, next, ok := s.yearAt(k + 2)
	if !ok {
		return value{}, 0, false
	}
	v := value{resolved: true, prec: pMonth}
	switch {
	case second:
		v.from, v.to = date{y: y, m: months + 1, prec: pMonth}, date{y: y, m: min(2*months, 12), prec: pMonth}
	case first:
		v.from, v.to = date{y: y, m: 1, prec: pMonth}, date{y: y, m: months, prec: pMonth}
	default:
		v.from, v.to = date{y: y, m: 13 - months, prec: pMonth}, date{y: y, m: 12, prec: pMonth}
	}
	return v, next, true
}

// rangeAt reads "X to Y", "X and Y", "X-Y" from token i.
func (s *scanner) rangeAt(i int) (value, int, bool) {
	if i >= len(s.toks) {
		return value{}, 0, false
	}
	a, k, ok := s.core(i, nil)
	if !ok || a.to.prec != 0 {
		// "between 2017-2018": the range is one token
		if ok && a.to.prec != 0 {
			return a, k, true
		}
		return value{}, 0, false
	}
	if k >= len(s.low) {
		return value{}, 0, false
	}
	switch s.low[k] {
	case "to", "and", "until", "till", "through", "-", "–", "—":
	default:
		return value{}, 0, false
	}
	b, next, ok := s.core(k+1, nil)
	if !ok || b.to.prec != 0 {
		return value{}, 0, false
	}
	// "from June to August 2020": the first end borrows the year
	if a.from.y == 0 && b.from.y != 0 && !a.relative {
		a.from.y = b.from.y
		a.resolved = b.resolved
	}
	if a.relative && !b.relative && a.from.prec >= pMonth && b.from.y != 0 {
		a.from.y = b.from.y
		if a.from.m > b.from.m {
			a.from.y--
		}
		a.relative, a.resolved = false, true
	}
	return value{from: a.from, to: b.from, relative: a.relative || b.relative,
		resolved: a.resolved && b.resolved, prec: max(a.prec, b.prec)}, next, true
}

// make turns a value and modifier into an Expr.
func (s *scanner) make(v value, mod string) Expr {
	e := Expr{Mod: mod, Relative: v.relative, Resolved: v.resolved, Precision: precName(v.prec)}
	if v.from.y < 1 || v.from.y > 9999 || v.to.prec != 0 && (v.to.y < 1 || v.to.y > 9999) {
		// an anchor far in the past or "5000 years ago": no writable date
		e.Resolved = false
	}
	if !e.Resolved {
		return e
	}
	if v.to.prec != 0 {
		e.From, e.To = v.from.String(), v.to.String()
		return e
	}
	e.Value = v.from.String()
	switch mod {
	case "since", "after":
		e.From = e.Value
	case "until", "before", "by":
		e.To = e.Value
	}
	return e
}

// core reads a date, a relative expression or a year range at token i.
func (s *scanner) core(i int, prev []Expr) (value, int, bool) {
	if i >= len(s.low) {
		return value{}, 0, false
	}
	if v, n, ok := s.relativeAt(i, prev); ok {
		return v, n, true
	}
	if v, n, ok := s.absoluteAt(i); ok {
		return v, n, true
	}
	return value{}, 0, false
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var partsOfDay = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true}

// relativeAt reads expressions anchored on the publication date.
func (s *scanner) relativeAt(i int, prev []Expr) (value, int, bool) {
	w := s.low[i]
	switch w {
	case "yesterday", "today", "tonight", "tomorrow":
		n := map[string]int{"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
		next := i + 1
		if i+1 < len(s.low) && partsOfDay[s.low[i+1]] {
			next++
		}
		return s.dayShift(n), next, true
	case "the":
		if s.is(i, "the", "day", "before", "yesterday") {
			return s.dayShift(-2), i + 4, true
		}
		if s.is(i, "the", "same", "period", "last", "year") || s.is(i, "the", "same", "period", "a", "year", "earlier") {
			return s.samePeriod(prev), i + 5 + boolInt(s.low[i+3] == "a"), true
		}
		if s.is(i, "the", "previous", "year") || s.is(i, "the", "past", "year") {
			return s.yearShift(-1), i + 3, true
		}
	case "overnight":
		// news reports an overnight operation the morning after it began
		return s.dayShift(-1), i + 1, true
	case "last", "next", "this", "past", "previous", "coming":
		if i+1 >= len(s.low) {
			break
		}
		if w == "last" && s.low[i+1] == "night" {
			return s.dayShift(-1), i + 2, true
		}
		if w == "this" && partsOfDay[s.low[i+1]] {
			return s.dayShift(0), i + 2, true
		}
		dir := map[string]int{"last": -1, "next": 1, "this": 0, "past": -1, "previous": -1, "coming": 1}[w]
		switch s.low[i+1] {
		case "year":
			return s.yearShift(dir), i + 2, true
		case "month":
			return s.monthShift(dir), i + 2, true
		case "week", "weekend":
			return s.weekShift(dir), i + 2, true
		}
		if wd, ok := weekdays[s.low[i+1]]; ok && s.toks[i+1].Capitalized() {
			next := i + 2
			if next < len(s.low) && partsOfDay[s.low[next]] {
				next++
			}
			return s.weekday(wd, dir, true), next, true
		}
	case "earlier", "later":
		if i+2 < len(s.low) && (s.low[i+1] == "this" || s.low[i+1] == "last") {
			dir := 0
			if s.low[i+1] == "last" {
				dir = -1
			}
			switch s.low[i+2] {
			case "year":
				return s.yearShift(dir), i + 3, true
			case "month":
				return s.monthShift(dir), i + 3, true
			case "week":
				return s.weekShift(dir), i + 3, true
			}
		}
	}
	if wd, ok := weekdays[w]; ok && s.toks[i].Capitalized() {
		// "Thursday 26 August" is a date: let absoluteAt read it
		if v, n, ok := s.absoluteAt(i); ok {
			return v, n, true
		}
		next := i + 1
		if next < len(s.low) && partsOfDay[s.low[next]] {
			next++
		}
		return s.weekday(wd, 0, false), next, true
	}
	// "three days ago", "two years ago", "a week ago"
	if n, ok := numberWord(w); ok || w == "a" || w == "an" {
		if !ok {
			n = 1
		}
		if i+2 < len(s.low) && s.low[i+2] == "ago" {
			switch strings.TrimSuffix(s.low[i+1], "s") {
			case "day":
				return s.dayShift(-n), i + 3, true
			case "week":
				return s.dayShift(-7 * n), i + 3, true
			case "month":
				return s.monthShift(-n), i + 3, true
			case "year":
				return s.yearShift(-n), i + 3, true
			}
		}
	}
	return value{}, 0, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *scanner) dayShift(n int) value {
	v := value{relative: true, prec: pDay}
	if s.anchor.prec == pDay {
		v.from, v.resolved = s.anchor.addDays(n), true
	}
	return v
}

func (s *scanner) monthShift(n int) value {
	v := value{relative: true, prec: pMonth}
	if s.anchor.prec >= pMonth {
		v.from, v.resolved = date{y: s.anchor.y, m: s.anchor.m, prec: pMonth}.addMonths(n), true
	}
	return v
}

func (s *scanner) yearShift(n int) value {
	v := value{relative: true, prec: pYear}
	if s.anchor.prec >= pYear {
		v.from, v.resolved = date{y: s.anchor.y + n, prec: pYear}, true
	}
	return v
}

// weekShift is the Monday-to-Sunday week before, of or after the anchor.
func (s *scanner) weekShift(n int) value {
	v := value{relative: true, prec: pDay}
	if s.anchor.prec == pDay {
		t := s.anchor.time()
		monday := t.AddDate(0, 0, -((int(t.Weekday())+6)%7)+7*n)
		v.from, v.to = fromTime(monday, pDay), fromTime(monday.AddDate(0, 0, 6), pDay)
		v.resolved = true
	}
	return v
}

// weekday resolves a day name: bare or "this", the last such day on or
// before the anchor (news reports the past week); "last", the one
// strictly before; "next", the one strictly after.
func (s *scanner) weekday(wd time.Weekday, dir int, explicit bool) value {
	v := value{relative: true, prec: pDay}
	if s.anchor.prec != pDay {
		return v
	}
	t := s.anchor.time()
	back := (int(t.Weekday()) - int(wd) + 7) % 7
	switch {
	case dir < 0 && back == 0:
		back = 7
	case dir > 0:
		fwd := (int(wd) - int(t.Weekday()) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		back = -fwd
	}
	v.from, v.resolved = fromTime(t.AddDate(0, 0, -back), pDay), true
	return v
}

// samePeriod shifts the last range found in the sentence back a year:
// "77 attacks in the first four months of 2021, from 21 in the same period
// last year".
func (s *scanner) samePeriod(prev []Expr) value {
	for k := len(prev) - 1; k >= 0; k-- {
		p := prev[k]
		if p.From == "" || p.To == "" {
			continue
		}
		a, ok1 := parseDate(p.From)
		b, ok2 := parseDate(p.To)
		if ok1 && ok2 {
			a.y--
			b.y--
			return value{from: a, to: b, relative: true, resolved: true, prec: a.prec}
		}
	}
	return s.yearShift(-1)
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
	"nov": 11, "dec": 12,
}

// month reads a capitalised month name (and the dot of an abbreviation).
func (s *scanner) month(i int) (int, int, bool) {
	if i >= len(s.low) {
		return 0, 0, false
	}
	m, ok := months[s.low[i]]
	if !ok || !s.toks[i].Capitalized() {
		return 0, 0, false
	}
	next := i + 1
	if len(s.low[i]) <= 4 && s.low[i] != "june" && s.low[i] != "july" {
		if next < len(s.low) && s.low[next] == "." {
			next++
		}
	}
	return m, next, true
}

// day reads a day of the month: "26", "26th", "1st".
func (s *scanner) day(i int) (int, int, bool) {
	if i >= len(s.low) {
		return 0, 0, false
	}
	w := s.low[i]
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			break
		}
	}
	if len(w) == 0 || len(w) > 2 {
		return 0, 0, false
	}
	d, err := atoi(w)
	if err != nil || d < 1 || d > 31 {
		return 0, 0, false
	}
	return d, i + 1, true
}

// yearAt reads a four-digit year from 1000 to 2199.
func (s *scanner) yearAt(i int) (int, int, bool) {
	if i >= len(s.low) {
		return 0, 0, false
	}
	y, ok := yearWord(s.low[i])
	if !ok {
		return 0, 0, false
	}
	return y, i + 1, true
}

func yearWord(w string) (int, bool) {
	if len(w) != 4 {
		return 0, false
	}
	for i := 0; i < 4; i++ {
		if w[i] < '0' || w[i] > '9' {
			return 0, false
		}
	}
	y, _ := atoi(w)
	return y, y >= 1000 && y < 2200
}

// yearOrMonthWord reads the part after "mid-": "2019" or "August".
func (s *scanner) yearOrMonthWord(w string, i int) (value, bool) {
	if y, ok := yearWord(w); ok {
		return point(date{y: y, prec: pYear}), true
	}
	if m, ok := months[w]; ok {
		return s.monthNoYear(m), true
	}
	return value{}, false
}

// absoluteAt reads dates written out: "Thursday, August 26, 2021", "26
// August 2021", "26 August", "Sept. 1", "January 2016", "in 2014",
// "2021-08-26", "2017-2018", "the 1990s".
func (s *scanner) absoluteAt(i int) (value, int, bool) {
	k := i
	if _, ok := weekdays[s.low[k]]; ok && s.toks[k].Capitalized() {
		k++
		if k < len(s.low) && s.low[k] == "," {
			k++
		}
	}
	// D Month [YYYY], D of Month
	if d, n, ok := s.day(k); ok {
		if n < len(s.low) && s.low[n] == "of" {
			n++
		}
		if m, n2, ok := s.month(n); ok && validDay(2000, m, d) {
			return s.dayMonthYear(d, m, n2), s.afterYear(d, m, n2), true
		}
	}
	// Month D[, YYYY], Month [of] YYYY, Month
	if m, n, ok := s.month(k); ok {
		if d, n2, ok := s.day(n); ok && validDay(2000, m, d) && !(n2 < len(s.low) && isPluralWord(s.low, n2)) {
			return s.dayMonthYear(d, m, n2), s.afterYear(d, m, n2), true
		}
		n2 := n
		if n2 < len(s.low) && (s.low[n2] == "," || s.low[n2] == "of") {
			n2++
		}
		if y, n3, ok := s.yearAt(n2); ok {
			return point(date{y: y, m: m, prec: pMonth}), n3, true
		}
		if k == i && s.monthAlone(i) {
			if v, n3, ok := s.yearWords(n); ok {
				v.from.m, v.from.prec, v.prec = m, pMonth, pMonth
				return v, n3, true
			}
			return s.monthNoYear(m), n, true
		}
		return value{}, 0, false
	}
	if k != i {
		return value{}, 0, false
	}
	w := s.low[i]
	// ISO and other one-token dates
	if d, ok := parseDate(w); ok && len(w) == 10 {
		return point(d), i + 1, true
	}
	if v, ok := slashDate(w); ok {
		return v, i + 1, true
	}
	// "2017-2018", "2016-17"
	if a, b, ok := strings.Cut(w, "-"); ok {
		if ya, ok := yearWord(a); ok {
			yb, okb := yearWord(b)
			if !okb && len(b) == 2 {
				if n, err := atoi(b); err == nil {
					yb, okb = ya/100*100+n, true
				}
			}
			if okb && yb > ya && yb-ya < 100 {
				return value{from: date{y: ya, prec: pYear}, to: date{y: yb, prec: pYear}, resolved: true, prec: pYear}, i + 1, true
			}
		}
	}
	// "the 1990s"
	if len(w) == 5 && w[4] == 's' {
		if y, ok := yearWord(w[:4]); ok && y%10 == 0 {
			return value{from: date{y: y, prec: pYear}, to: date{y: y + 9, prec: pYear}, resolved: true, prec: pYear}, i + 1, true
		}
	}
	// a bare year, unless it counts something ("2000 fighters")
	if y, n, ok := s.yearAt(i); ok && s.yearContext(i) {
		// "2017 – 2018", "2016 to 2020"
		if n+1 < len(s.low) && (s.low[n] == "–" || s.low[n] == "—" || s.low[n] == "-") {
			if y2, n2, ok := s.yearAt(n + 1); ok && y2 > y {
				return value{from: date{y: y, prec: pYear}, to: date{y: y2, prec: pYear}, resolved: true, prec: pYear}, n2, true
			}
		}
		return point(date{y: y, prec: pYear}), n, true
	}
	return value{}, 0, false
}

// afterYear returns the token after "26 August[,] 2021": past the year if
// there is one.
func (s *scanner) afterYear(d, m, n int) int {
	k := n
	if k < len(s.low) && s.low[k] == "," {
		k++
	}
	if _, n2, ok := s.yearAt(k); ok {
		return n2
	}
	return n
}

// dayMonthYear resolves a day and month with the year that follows, or
// the anchor's.
func (s *scanner) dayMonthYear(d, m, n int) value {
	k := n
	if k < len(s.low) && s.low[k] == "," {
		k++
	}
	if y, _, ok := s.yearAt(k); ok {
		if !validDay(y, m, d) {
			return value{prec: pDay}
		}
		return point(date{y: y, m: m, d: d, prec: pDay})
	}
	v := value{relative: true, prec: pDay}
	if s.anchor.prec >= pYear {
		y := nearestYear(m, d, s.anchor)
		if validDay(y, m, d) {
			v.from, v.resolved = date{y: y, m: m, d: d, prec: pDay}, true
		}
	}
	return v
}

// monthNoYear resolves a month written alone ("in August") with the
// year that puts it nearest the anchor.
func (s *scanner) monthNoYear(m int) value {
	v := value{relative: true, prec: pMonth}
	if s.anchor.prec >= pYear {
		v.from, v.resolved = date{y: nearestYear(m, 0, s.anchor), m: m, prec: pMonth}, true
	}
	return v
}

// yearWords reads "last year", "this year", "next year" after a month.
func (s *scanner) yearWords(i int) (value, int, bool) {
	if i+1 >= len(s.low) || s.low[i+1] != "year" {
		return value{}, 0, false
	}
	switch s.low[i] {
	case "last", "previous":
		return s.yearShift(-1), i + 2, true
	case "this":
		return s.yearShift(0), i + 2, true
	case "next":
		return s.yearShift(1), i + 2, true
	}
	return value{}, 0, false
}

// monthAlone reports whether a month name without day or year is used as
// a date: after a preposition or modifier ("in August", "since May",
// "early March"), or before "last year"/"this year".
func (s *scanner) monthAlone(i int) bool {
	if i > 0 {
		switch s.low[i-1] {
		case "in", "since", "until", "till", "by", "during", "from", "of", "early", "late", "mid", "last",
			"next", "this", "before", "after", "to", "and", "through", "throughout", "between", "around":
			return true
		}
	}
	if _, _, ok := s.yearWords(i + 1); ok {
		return true
	}
	return false
}

// yearContext reports whether a bare four-digit number is a year: not
// before a plural noun it counts, not money or a label.
func (s *scanner) yearContext(i int) bool {
	if i > 0 {
		switch s.low[i-1] {
		case "$", "rs", "inr", "no", "number", "#", "route", "usd", "€", "£", "about", "nearly", "over",
			"than", "some", "approximately", "estimated", "least":
			return false
		}
	}
	if i+1 < len(s.low) && (s.low[i+1] == ":" || s.low[i+1] == "%") {
		return false
	}
	if s.countedNoun(i + 1) {
		return false
	}
	// "2000 armed fighters": one modifier between
	return !(i+2 < len(s.low) && s.toks[i+1].IsWord() && !s.toks[i+1].Capitalized() && !notModifiers[s.low[i+1]] &&
		s.countedNoun(i+2))
}

var notModifiers = map[string]bool{"after": true, "before": true, "in": true, "on": true, "at": true, "and": true,
	"or": true, "when": true, "as": true, "with": true, "by": true, "for": true, "to": true, "of": true,
	"from": true, "since": true, "until": true, "the": true, "a": true, "an": true, "was": true, "were": true}

// countedNoun reports whether token k is a lower-case plural noun a
// number before it would count.
func (s *scanner) countedNoun(k int) bool {
	return k < len(s.toks) && !s.toks[k].Capitalized() && isPluralWord(s.low, k)
}

// isPluralWord reports whether low[k] is a lower-case plural noun or a
// collective ("people").
func isPluralWord(low []string, k int) bool {
	if k >= len(low) {
		return false
	}
	w := low[k]
	switch w {
	case "people", "personnel", "police", "men", "women", "children", "troops", "staff":
		return true
	case "years", "days", "months", "weeks", "hours", "minutes": // "2021 years" is odd, "1,000 days" has a comma
		return true
	}
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") ||
		strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return false
	}
	for _, r := range w {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return true
}

// slashDate reads "26/08/2021" or "08/26/2021" when the order is
// unambiguous (one part above 12), and "2021/08/26".
func slashDate(w string) (value, bool) {
	if strings.Count(w, "/") != 2 {
		return value{}, false
	}
	parts := strings.Split(w, "/")
	if len(parts) != 3 {
		return value{}, false
	}
	n := make([]int, 3)
	for k, p := range parts {
		v, err := atoi(p)
		if err != nil {
			return value{}, false
		}
		n[k] = v
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4:
		y, m, d = n[0], n[1], n[2]
	case len(parts[2]) == 4 && n[0] > 12:
		d, m, y = n[0], n[1], n[2]
	case len(parts[2]) == 4 && n[1] > 12:
		m, d, y = n[0], n[1], n[2]
	default:
		return value{}, false
	}
	if !validDay(y, m, d) {
		return value{}, false
	}
	return point(date{y: y, m: m, d: d, prec: pDay}), true
}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "several": 0,
}

// numberWord reads a small count: digits or a word up to twelve.
func numberWord(w string) (int, bool) {
	if n, ok := numberWords[w]; ok && n > 0 {
		return n, true
	}
	if len(w) > 0 && len(w) <= 3 {
		if n, err := atoi(w); err == nil && n > 0 {
			return n, true
		}
	}
	return 0, false
}
