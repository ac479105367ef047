package clean

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// topLines is how far from the top of a text dump the headline, by-line and
// date line are looked for, in non-empty lines.
const topLines = 15

// metadata finds the date line, by-line, title and outlet of a text dump.
// Only the top of the document is read for the first three, so that a date
// or a "By 2016, ..." in an article sentence is never taken for them.
func (d *textDoc) metadata() {
	var top []int
	for i, l := range d.lines {
		if l.blank() {
			continue
		}
		if len(top) == topLines {
			break
		}
		top = append(top, i)
	}

	for _, i := range top {
		l := d.lines[i]
		if !l.kept() {
			continue
		}
		if names, ok := parseByline(l.text); ok {
			l.role = roleByline
			if len(d.meta.Authors) == 0 {
				d.meta.Authors = names
			}
		}
		if p, ok := dateLine(l); ok {
			if l.role == roleNone {
				l.role = roleDate
			}
			if d.meta.Published == "" {
				d.meta.Published = p
			}
		}
	}

	title := d.findTitle(top)
	if title >= 0 {
		t := d.lines[title]
		t.role = roleTitle
		if d.meta.Title == "" {
			d.meta.Title = t.text
		}
		// A bare personal name right under the headline, followed by the
		// article, is the author's.
		if n := d.next(title); n >= 0 && len(d.meta.Authors) == 0 && d.lines[n].role == roleNone {
			nl := d.lines[n]
			after := d.next(n)
			if isBareName(nl.text) && after >= 0 && (isProse(d.lines[after]) || d.lines[after].role == roleDate) {
				nl.role = roleAuthor
				d.meta.Authors = []string{nl.text}
			}
		}
	}

	if d.meta.Published == "" {
		var head []string
		for _, i := range top {
			head = append(head, d.lines[i].text)
		}
		d.meta.Published = datelineDate(strings.Join(head, "\n"))
	}
	if d.meta.Published == "" {
		for _, i := range top {
			if p := writtenDate(d.lines[i].text); p != "" {
				d.meta.Published = p
				break
			}
		}
	}

	if d.meta.Outlet == "" {
		d.meta.Outlet = d.findOutlet()
	}
}

var (
	// rxDateline is a wire-copy dateline: a place in capitals, perhaps a
	// country, and the date in parentheses: "KABUL, Afghanistan (Sept. 1)".
	// Pages pasted from the web put no-break spaces before it, which \s
	// does not match.
	rxDateline = regexp.MustCompile(`(?m)(?:^|\x{2028})[\s\p{Zs}]*\p{Lu}[\p{Lu} .'’-]{2,}(?:,\s*\p{Lu}[\p{L} .]+)?\s*\(([^()]{3,30})\)`)
	// rxMonthDay is a date without its year: "Sept. 1", "1 September".
	rxMonthDay = regexp.MustCompile(`(?i)^(?:` + monthRx + `\.?\s+(\d{1,2})|(\d{1,2})\s+` + monthRx + `\.?)$`)
	rxYear     = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b`)
)

// rxWritten opens a statement of when the text was written: "This
// analysis was completed on the morning of August 28, 2021", "Information
// is current as of 3 May 2024".
var rxWritten = regexp.MustCompile(`(?i)\b(?:completed|written|finali[sz]ed|updated|current|accurate|correct)\s+(?:as\s+(?:of|at)|on)\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?`)

// writtenDate returns the day a line near the top of an undated text says
// it was written, "" when it says none. It stands in for the publication
// date, so that the text's "yesterday" can be read.
func writtenDate(line string) string {
	loc := rxWritten.FindStringIndex(line)
	if loc == nil {
		return ""
	}
	rest := line[loc[1]:]
	if len(rest) > 40 {
		rest = rest[:40]
	}
	p, at, ok := findDate(rest)
	if !ok || len(p) != 10 || at[0] != 0 {
		return ""
	}
	return p
}

// datelineDate reads the publication date from a dateline near the top of
// a wire story or press release. Wires often leave the year out of the
// dateline ("KABUL, Afghanistan (Sept. 1) -"); it is then taken from the
// lines above it (a release number such as "2010-09-CA-005", a date
// line), and the dateline counts only if those name one year.
func datelineDate(head string) string {
	m := rxDateline.FindStringSubmatchIndex(head)
	if m == nil {
		return ""
	}
	inner := strings.TrimSpace(head[m[2]:m[3]])
	if p, _, ok := findDate(inner); ok {
		return p
	}
	md := rxMonthDay.FindStringSubmatch(inner)
	if md == nil {
		return ""
	}
	mon, day := md[1], md[2]
	if mon == "" {
		day, mon = md[3], md[4]
	}
	years := map[string]bool{}
	for _, y := range rxYear.FindAllString(head[:m[0]], -1) {
		years[y] = true
	}
	if len(years) != 1 {
		return ""
	}
	for y := range years {
		if p, ok := ymd(y, months[strings.ToLower(mon[:3])], day); ok {
			return p
		}
	}
	return ""
}

// findTitle returns the index of the headline: the first line near the top
// shaped like one, before the first paragraph of prose; -1 if none is.
func (d *textDoc) findTitle(top []int) int {
	if d.md {
		for _, i := range top {
			if l := d.lines[i]; l.kept() && l.heading == 1 && l.role == roleNone {
				return i
			}
		}
	}
	for _, i := range top {
		l := d.lines[i]
		if !l.kept() || l.role != roleNone {
			continue
		}
		if isProse(l) {
			return -1
		}
		// A wrapped paragraph's first line is not a headline.
		if n := d.next(i); n >= 0 && d.lines[n].block == l.block && continues(l, d.lines[n]) {
			continue
		}
		if isHeadline(l) {
			return i
		}
	}
	return -1
}

func isHeadline(l *line) bool {
	t := l.text
	if bulletLen(t) > 0 || utf8.RuneCountInString(t) < 15 || l.words > 30 || strings.Count(t, "|") >= 2 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	question := last == '?' || last == '!'
	if l.words < 4 && !(question && l.words == 3) {
		return false
	}
	words := 0
	for _, w := range strings.Fields(t) {
		if hasLetter(w) {
			words++
		}
	}
	if words < 3 {
		return false
	}
	if strings.ContainsRune(".,;:", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune(`"'“‘`, first)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// Dates.

const monthRx = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

var (
	rxDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRx + `\.?,?\s+(\d{4})\b`)
	rxMDY = regexp.MustCompile(`(?i)\b` + monthRx + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	rxISO = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	rxMY  = regexp.MustCompile(`(?i)\b` + monthRx + `\.?,?\s+(\d{4})\b`)

	// What may follow the date on a date line: a time, a time zone.
	rxDateTail = regexp.MustCompile(`(?i)^[\s,.;|·•–—-]*((at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s+[a-z]{2,5}([+-]\d{1,2})?)?)?[\s,.;|)]*$`)
	// Lower-case words that may come before the date on a date line.
	dateLead = map[string]bool{"on": true, "at": true, "updated": true, "published": true, "posted": true,
		"last": true, "modified": true, "first": true, "date": true, "dated": true, "created": true}
)

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// findDate finds the first date in s and returns it as "YYYY-MM-DD" (or
// "YYYY-MM" for a month and year) with its byte range in s.
func findDate(s string) (string, [2]int, bool) {
	best, bestLoc, found := "", [2]int{}, false
	if !strings.ContainsAny(s, "0123456789") {
		return best, bestLoc, found
	}
	sawFull := false // a day-month-year was seen, valid or not ("31 February")
	try := func(rx *regexp.Regexp, conv func(m []string) (string, bool)) {
		for _, loc := range rx.FindAllStringSubmatchIndex(s, 4) {
			if found && loc[0] >= bestLoc[0] {
				return
			}
			sawFull = true
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = s[loc[2*i]:loc[2*i+1]]
				}
			}
			if p, ok := conv(m); ok {
				best, bestLoc, found = p, [2]int{loc[0], loc[1]}, true
				return
			}
		}
	}
	try(rxDMY, func(m []string) (string, bool) { return ymd(m[3], months[strings.ToLower(m[2][:3])], m[1]) })
	try(rxMDY, func(m []string) (string, bool) { return ymd(m[3], months[strings.ToLower(m[1][:3])], m[2]) })
	try(rxISO, func(m []string) (string, bool) {
		mo, _ := strconv.Atoi(m[2])
		return ymd(m[1], mo, m[3])
	})
	if !found && !sawFull {
		try(rxMY, func(m []string) (string, bool) {
			y, _ := strconv.Atoi(m[2])
			if y < 1900 || y > 2100 {
				return "", false
			}
			return fmt.Sprintf("%04d-%02d", y, months[strings.ToLower(m[1][:3])]), true
		})
	}
	return best, bestLoc, found
}

func ymd(year string, month int, day string) (string, bool) {
	y, _ := strconv.Atoi(year)
	dd, _ := strconv.Atoi(day)
	if y < 1900 || y > 2100 || month < 1 || month > 12 || dd < 1 {
		return "", false
	}
	if dd > time.Date(y, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, month, dd), true
}

// dateLine reports whether l is a date line ("27 August 2021", "Updated
// Aug. 28, 2021 10:30 GMT", "GP Short Notes # 851, 28 March 2024") and
// returns its date. A sentence that contains a date is not a date line.
func dateLine(l *line) (string, bool) {
	if l.words > 12 {
		return "", false
	}
	p, loc, ok := findDate(l.text)
	if !ok || !rxDateTail.MatchString(l.text[loc[1]:]) {
		return "", false
	}
	for _, w := range strings.Fields(l.text[:loc[0]]) {
		w = strings.Trim(w, ",.:;|()[]")
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !dateLead[w] {
			return "", false
		}
	}
	return p, true
}

// By-lines and names.

var (
	rxByline       = regexp.MustCompile(`(?i)^(?:by|written by|words by|reporting by|authors?\s*:)\s*(.+)$`)
	rxNameSplit    = regexp.MustCompile(`\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*`)
	rxNameWord     = regexp.MustCompile(`^(\p{Lu}[\p{L}\p{M}'’-]*\.?|\p{Lu}\.(\p{Lu}\.)*)$`)
	rxNameParticle = regexp.MustCompile(`^(al|el|ad|as|ash|bin|ibn|bint|abu|de|del|della|van|von|der|den|da|di|du|la|le|dos|das|ul)(-\p{Lu}[\p{L}\p{M}'’-]*)?$`)
)

// notNames are capitalised words that show up where a name would, in site
// chrome and roles, but are not part of personal names. Words that are
// also common surnames (Best, Short, West, Read, Guest) are not here.
var notNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`News Notes Note World Politics Opinion Analysis Explainer
		Comment Commentary Editorial Features Feature Live Latest Breaking Video Videos Photos
		Home Menu Search Share Links More Other Related Topics Watch Listen Staff Writer
		Writers Editor Editors Reporter Correspondent Contributor Press Agency Associated
		Reuters Desk Team Office Bureau Service Services Media Online Times Daily Weekly
		Monthly Journal Review Report Reports Institute University Center Centre Policy
		State Islamic Taliban Army Security Defence Defense Terrorism Asia Africa Europe America
		Middle East Central International National Global Government Ministry
		Department Council Committee Notes Newsletter Subscribe The A An Of And
		In On At For To From With Profile Background Introduction Conclusion Summary Overview
		Base Leadership Areas Who What Why How When Where Next`) {
		m[w] = true
	}
	return m
}()

// parseByline reads the names off a by-line: "By Navin Bapat and guest
// contributor Rebecca Best" gives Navin Bapat and Rebecca Best. It fails on
// anything with a part that is not a name, such as "By 2016, the number".
func parseByline(t string) ([]string, bool) {
	m := rxByline.FindStringSubmatch(t)
	if m == nil || countWords(t) > 15 {
		return nil, false
	}
	s := m[1]
	for _, sep := range []string{"|", "•", " · ", " — ", " – ", " - ", "\t"} {
		if i := strings.Index(s, sep); i >= 0 {
			s = s[:i]
		}
	}
	if _, loc, ok := findDate(s); ok {
		s = s[:loc[0]]
	}
	var names []string
	for _, part := range rxNameSplit.Split(s, -1) {
		words := strings.Fields(part)
		// "guest contributor Rebecca Best": roles come in lower case
		// before the name; "John Smith in Kabul": places after it.
		for len(words) > 0 && isLowerWord(words[0]) {
			words = words[1:]
		}
		for i, w := range words {
			if w == "in" || w == "for" || w == "at" || w == "from" || w == "with" {
				words = words[:i]
				break
			}
		}
		if len(words) == 0 {
			continue
		}
		name := strings.Join(words, " ")
		if !isName(words) {
			if isLowerWord(part) || endsSentence(part) || strings.ContainsAny(part, "0123456789") {
				return nil, false
			}
			continue // a role or an agency: "Staff Writer", "Reuters"
		}
		names = append(names, strings.TrimRight(name, "."))
	}
	return names, len(names) > 0
}

func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// isName reports whether words look like a personal name: two to four
// capitalised words (particles such as "al-" or "van" allowed), none of
// them a word of site chrome.
func isName(words []string) bool {
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	caps := 0
	for _, w := range words {
		w = strings.TrimRight(w, ",")
		switch {
		case notNames[strings.Trim(w, ".")]:
			return false
		case rxNameWord.MatchString(w):
			caps++
		case rxNameParticle.MatchString(w):
		default:
			return false
		}
	}
	return caps >= 2
}

// isBareName is isName for a whole line of two or three words.
func isBareName(t string) bool {
	words := strings.Fields(t)
	return len(words) <= 3 && isName(words) && !strings.ContainsAny(t, ",:;()")
}

// Outlet.

var (
	// "RFE/RL Radio Azadi correspondent Ajmal Aand contributed to this story"
	rxCreditOutlet = regexp.MustCompile(`(?i)^(\S.*?)\s+(?:correspondents?|reporters?|staff writers?|writers?|journalists?|bureau)\s+\S.*?\s+contributed\s+(?:reporting\s+)?to\s+this\s+(?:story|report|article)\.?$`)
	// Credit lines, kept as article text even when short.
	rxCredit = regexp.MustCompile(`(?i)(contributed\s+(reporting\s+)?to\s+this\s+(story|report|article)|^(additional\s+)?reporting\s+by|^(editing|writing|compiled|edited)\s+by)`)
	// "Navin Bapat is a permanent contributor at Political Violence At A Glance"
	rxBio = regexp.MustCompile(`^(.+?) is (?:a|an|the) (?:[\p{Ll}-]+ ){0,3}(?:contributor|columnist|correspondent|writer|editor|reporter)s? (?:at|for|to|with) (.+)$`)
	// "© 2021 Outlet. All rights reserved."
	rxCopyrightOutlet = regexp.MustCompile(`(?i)^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(.+?)\s*(?:[.,]?\s*all rights reserved\.?)?$`)
)

// findOutlet names the publication when the text itself says it in a form
// that holds across sites: a copyright line, a bio of the by-lined author
// ("X is a contributor at Outlet"), a correspondent credit.
func (d *textDoc) findOutlet() string {
	for _, l := range d.lines {
		if l.drop == "copyright" {
			if m := rxCopyrightOutlet.FindStringSubmatch(l.text); m != nil {
				if o := outletName(m[1]); o != "" {
					return o
				}
			}
		}
	}
	for _, l := range d.lines {
		if !l.kept() {
			continue
		}
		for _, a := range d.meta.Authors {
			if !strings.HasPrefix(l.text, a+" is ") {
				continue
			}
			if m := rxBio.FindStringSubmatch(l.text); m != nil && m[1] == a {
				if o := outletName(m[2]); o != "" {
					return o
				}
			}
		}
		if l.words > 25 || !strings.Contains(l.text, "contributed") {
			continue
		}
		if m := rxCreditOutlet.FindStringSubmatch(l.text); m != nil {
			if o := outletName(m[1]); o != "" {
				return o
			}
		}
	}
	return ""
}

// outletLinks may stand in an outlet's name between capitalised words.
var outletLinks = map[string]bool{"of": true, "the": true, "and": true, "at": true, "a": true, "on": true, "for": true, "in": true, "&": true}

// outletName takes the name at the start of s: capitalised words and the
// small words between them, up to the first comma or full stop.
func outletName(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		// A comma or full stop ends the name; the dots of an
		// abbreviation ("U.S.") do not.
		bare := strings.TrimRight(w, ",;.")
		end := bare != w
		if strings.Contains(bare, ".") {
			bare, end = strings.TrimRight(w, ",;"), strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";")
		}
		r, _ := utf8.DecodeRuneInString(bare)
		if !(unicode.IsUpper(r) || unicode.IsDigit(r)) && !outletLinks[bare] {
			break
		}
		out = append(out, bare)
		if end {
			break
		}
	}
	for len(out) > 0 && outletLinks[out[len(out)-1]] {
		out = out[:len(out)-1]
	}
	if len(out) == 0 || len(out) > 6 {
		return ""
	}
	return strings.Join(out, " ")
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
