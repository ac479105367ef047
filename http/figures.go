package http

// How the workbench judges disagreement. Until a reconciliation stage
// summarises figures by a stated rule (most recent credible source, else
// the majority, else the lowest), pages show every source's figure side by
// side and only mark where they differ. These two functions are the whole
// rule, so that reconciliation can replace them in one place.

import "github.com/dossier-osint/dossier"

// Contested reports whether sources give different ranges for one count:
// "85" against "more than 100" is contested, two sources both saying "85"
// are not. An open upper bound differs from every closed one.
func Contested(qs []dossier.Quantity) bool {
	for i := 1; i < len(qs); i++ {
		a, b := qs[0], qs[i]
		if a.Min != b.Min || (a.Max == nil) != (b.Max == nil) || (a.Max != nil && *a.Max != *b.Max) {
			return true
		}
	}
	return false
}

// Disagree reports whether sources state different values for one
// attribute ("founded 2014" against "founded 2015").
func Disagree(values []string) bool {
	for _, v := range values[min(1, len(values)):] {
		if v != values[0] {
			return true
		}
	}
	return false
}
