// Package reconcile states what the sources agree on and where they
// disagree. It never averages a disagreement away: every source's figure
// stays on the fact, and a summary figure is chosen by a stated rule,
// GTD's: the most recent credible source, else the majority, else the
// lowest figure. Every source is taken as credible; the rule says which
// step decided.
package reconcile

import (
	"fmt"
	"sort"

	"github.com/dossier-osint/dossier"
)

// Rules, as they appear in Figure.Rule.
const (
	MostRecent = "most recent source"
	Majority   = "majority of sources"
	Lowest     = "lowest figure"
	Single     = "single source"
)

// Figure is the summary of one figure several documents report.
type Figure struct {
	Min int
	Max *int // nil: open ("more than 100")
	// Rule says how the summary was chosen, Document which source's
	// figure it is.
	Rule     string
	Document string
	// Contested is true when two sources' ranges do not overlap: 85 and
	// "more than 100" cannot both be right.
	Contested bool
	Sources   int
}

// Figures summarises the figures of one fact. published returns a
// document's publication date ("" when unknown). ok is false for no
// figures.
func Figures(qs []dossier.Quantity, published func(doc string) string) (f Figure, ok bool) {
	if len(qs) == 0 {
		return Figure{}, false
	}
	f.Sources = len(qs)
	for i := range qs {
		for j := i + 1; j < len(qs); j++ {
			if !overlap(qs[i], qs[j]) {
				f.Contested = true
			}
		}
	}
	pick := func(q dossier.Quantity, rule string) Figure {
		return Figure{Min: q.Min, Max: q.Max, Rule: rule, Document: q.Document, Contested: f.Contested, Sources: f.Sources}
	}
	if len(qs) == 1 {
		return pick(qs[0], Single), true
	}
	// Most recent: only when the latest date is one source's alone, at
	// day precision or the only one dated at all.
	type dated struct {
		q    dossier.Quantity
		date string
	}
	var ds []dated
	for _, q := range qs {
		if d := published(q.Document); d != "" {
			ds = append(ds, dated{q, d})
		}
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].date > ds[j].date })
	if len(ds) > 0 && (len(ds) == 1 || ds[0].date > ds[1].date && !prefixOf(ds[1].date, ds[0].date)) {
		return pick(ds[0].q, MostRecent+" ("+ds[0].date+")"), true
	}
	// Majority: one reading strictly more common than any other.
	counts := map[string]int{}
	first := map[string]dossier.Quantity{}
	for _, q := range qs {
		k := key(q)
		counts[k]++
		if _, ok := first[k]; !ok {
			first[k] = q
		}
	}
	best, bestN, tie := "", 0, false
	for k, n := range counts {
		switch {
		case n > bestN:
			best, bestN, tie = k, n, false
		case n == bestN:
			tie = true
		}
	}
	if bestN > 1 && !tie {
		return pick(first[best], fmt.Sprintf("%s (%d of %d)", Majority, bestN, len(qs))), true
	}
	low := qs[0]
	for _, q := range qs[1:] {
		if q.Min < low.Min || q.Min == low.Min && q.Max != nil && (low.Max == nil || *q.Max < *low.Max) {
			low = q
		}
	}
	return pick(low, Lowest), true
}

// prefixOf reports whether a date at coarser precision contains b
// ("2021" and "2021-08-27"): then the two cannot be ordered.
func prefixOf(a, b string) bool { return len(a) < len(b) && b[:len(a)] == a }

func overlap(a, b dossier.Quantity) bool {
	hiA, hiB := int(^uint(0)>>1), int(^uint(0)>>1)
	if a.Max != nil {
		hiA = *a.Max
	}
	if b.Max != nil {
		hiB = *b.Max
	}
	return a.Min <= hiB && b.Min <= hiA
}

func key(q dossier.Quantity) string {
	if q.Max == nil {
		return fmt.Sprintf("%d+", q.Min)
	}
	return fmt.Sprintf("%d-%d", q.Min, *q.Max)
}

// Value is the summary of a fact stated as words (a founding year, a
// leader's start date) by several sources.
type Value struct {
	Value     string
	Rule      string
	Document  string
	Contested bool
	Sources   int
}

// Values summarises the values several documents give for one fact, by
// the same rule as Figures; values differing only in precision ("2015"
// and "2015-01") agree.
func Values(vals []string, docs []string, published func(doc string) string) (Value, bool) {
	if len(vals) == 0 || len(vals) != len(docs) {
		return Value{}, false
	}
	v := Value{Sources: len(vals)}
	for i := range vals {
		for j := i + 1; j < len(vals); j++ {
			a, b := vals[i], vals[j]
			if a != b && !prefixOf(a, b) && !prefixOf(b, a) {
				v.Contested = true
			}
		}
	}
	pick := func(i int, rule string) Value {
		return Value{Value: vals[i], Rule: rule, Document: docs[i], Contested: v.Contested, Sources: v.Sources}
	}
	if len(vals) == 1 {
		return pick(0, Single), true
	}
	latest, latestDate, unique := -1, "", false
	for i, d := range docs {
		p := published(d)
		switch {
		case p == "":
		case p > latestDate && !prefixOf(latestDate, p) || latestDate == "":
			latest, latestDate, unique = i, p, true
		case p == latestDate || prefixOf(p, latestDate) || prefixOf(latestDate, p):
			unique = false
		}
	}
	if latest >= 0 && unique {
		return pick(latest, MostRecent+" ("+latestDate+")"), true
	}
	counts := map[string]int{}
	for _, x := range vals {
		counts[x]++
	}
	best, bestN, tie := -1, 0, false
	for i, x := range vals {
		n := counts[x]
		switch {
		case n > bestN:
			best, bestN, tie = i, n, false
		case n == bestN && vals[best] != x:
			tie = true
		}
	}
	if bestN > 1 && !tie {
		return pick(best, fmt.Sprintf("%s (%d of %d)", Majority, bestN, len(vals))), true
	}
	low := 0
	for i := range vals {
		if vals[i] < vals[low] {
			low = i
		}
	}
	return pick(low, Lowest), true
}
