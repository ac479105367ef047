package http

// How the workbench judges disagreement: package reconcile's rule, the
// same the CLI, the profile and the export use. Sources contradict each
// other when their ranges cannot both be true ("85" against "more than
// 100"); a summary figure is chosen by GTD's rule (most recent source, else
// the majority, else the lowest) and says which step chose it.

import (
	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// Contested reports whether sources give ranges for one count that cannot
// all be true: "85" against "more than 100" is contested; "more than 100"
// against "more than 170" is not.
func Contested(qs []dossier.Quantity) bool {
	f, ok := reconcile.Figures(qs, func(string) string { return "" })
	return ok && f.Contested
}

// Disagree reports whether sources state different values for one
// attribute ("founded 2014" against "founded 2015"); values that differ
// only in precision ("2015", "2015-01") agree.
func Disagree(values []string) bool {
	docs := make([]string, len(values))
	v, ok := reconcile.Values(values, docs, func(string) string { return "" })
	return ok && v.Contested
}
