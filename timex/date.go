package timex

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Precisions of a date.
const (
	Year  = "year"
	Month = "month"
	Day   = "day"
)

// date is a calendar date known to a precision: y alone, y and m, or y, m
// and d. A zero y means unknown.
type date struct {
	y, m, d int
	prec    int // 1 year, 2 month, 3 day
}

const (
	pYear  = 1
	pMonth = 2
	pDay   = 3
)

func precName(p int) string {
	switch p {
	case pYear:
		return Year
	case pMonth:
		return Month
	case pDay:
		return Day
	}
	return ""
}

// String writes the date as YYYY, YYYY-MM or YYYY-MM-DD.
func (d date) String() string {
	switch d.prec {
	case pYear:
		return fmt.Sprintf("%04d", d.y)
	case pMonth:
		return fmt.Sprintf("%04d-%02d", d.y, d.m)
	case pDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
	}
	return ""
}

func (d date) time() time.Time {
	return time.Date(d.y, time.Month(max(d.m, 1)), max(d.d, 1), 0, 0, 0, 0, time.UTC)
}

func fromTime(t time.Time, prec int) date {
	return date{y: t.Year(), m: int(t.Month()), d: t.Day(), prec: prec}
}

// addDays shifts a day-precision date.
func (d date) addDays(n int) date { return fromTime(d.time().AddDate(0, 0, n), pDay) }

// addMonths shifts a month-precision date.
func (d date) addMonths(n int) date {
	t := time.Date(d.y, time.Month(d.m)+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	return date{y: t.Year(), m: int(t.Month()), prec: pMonth}
}

// parseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ok is false for
// anything else or an impossible date.
func parseDate(s string) (date, bool) {
	var d date
	switch len(s) {
	case 4, 7, 10:
	default:
		return d, false
	}
	y, err := atoi(s[:4])
	if err != nil || y < 1 {
		return d, false
	}
	d.y, d.prec = y, pYear
	if len(s) == 4 {
		return d, true
	}
	if s[4] != '-' {
		return date{}, false
	}
	m, err := atoi(s[5:7])
	if err != nil || m < 1 || m > 12 {
		return date{}, false
	}
	d.m, d.prec = m, pMonth
	if len(s) == 7 {
		return d, true
	}
	if s[7] != '-' {
		return date{}, false
	}
	dd, err := atoi(s[8:10])
	if err != nil || !validDay(y, m, dd) {
		return date{}, false
	}
	d.d, d.prec = dd, pDay
	return d, true
}

func validDay(y, m, d int) bool {
	if d < 1 || d > 31 || m < 1 || m > 12 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// nearestYear picks the year for a month (and day) written without one:
// the one that puts the date nearest the anchor, so "26 August" in an
// article of 27 August 2021 is 2021 and "December" in one of January 2022
// is December 2021.
func nearestYear(m, d int, anchor date) int {
	if anchor.prec < pMonth {
		return anchor.y
	}
	ad := anchor.d
	if anchor.prec < pDay {
		ad = 15
	}
	at := time.Date(anchor.y, time.Month(anchor.m), ad, 0, 0, 0, 0, time.UTC)
	best, bestDist := anchor.y, time.Duration(1<<62)
	for y := anchor.y - 1; y <= anchor.y+1; y++ {
		dd := d
		if dd == 0 {
			dd = 15
		}
		t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
		dist := t.Sub(at)
		if dist < 0 {
			dist = -dist
		} else {
			dist += 24 * time.Hour // news looks back: a tie goes to the past
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// atoi is strconv.Atoi for the short numbers of dates, with an error
// that costs no allocation: the scanner tries every word as a number,
// and strconv's error for a word that is none was a tenth of its memory.
func atoi(s string) (int, error) {
	if len(s) == 0 || len(s) > 9 {
		return strconv.Atoi(s)
	}
	neg := false
	digits := s
	if s[0] == '+' || s[0] == '-' {
		neg, digits = s[0] == '-', s[1:]
		if digits == "" {
			return 0, errNotNumber
		}
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, errNotNumber
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}

// errNotNumber is atoi's error for a string that is not a number.
var errNotNumber = errors.New("not a number")
