package extract

import (
	"math/rand"
	"strings"
	"testing"
)

// TestNegationAgrees checks that counting negation units (relations'
// shortcut) answers what matching negated over the units' string does,
// for single units and for runs of them.
func TestNegationAgrees(t *testing.T) {
	words := []string{
		"not", "never", "no", "neither", "nor", "denied", "denies", "deny", "denying", "without", "rejected", "rejects",
		"don't", "isn't", "can't", "won't", "n't", "'t", "nt", "knot", "nots", "note", "non", "nor'", "denying,",
		"<grp>", "<per>", "<ent>", "the", "leader", "of", ",", "'", "n't'", "xn't", "ain't", "a", "noted", "now",
	}
	for _, w := range words {
		if got, want := negation(w), negated.MatchString(w+" "); got != want {
			t.Errorf("negation(%q) = %v, negated matches %v", w, got, want)
		}
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		any := false
		for n := rng.Intn(6); n > 0; n-- {
			w := words[rng.Intn(len(words))]
			b.WriteString(w + " ")
			any = any || negation(w)
		}
		if got := negated.MatchString(b.String()); got != any {
			t.Fatalf("%q: negated matches %v, a negation unit: %v", b.String(), got, any)
		}
	}
}
