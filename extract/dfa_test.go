package extract

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// allMatchers returns every matcher extraction uses, by a name for
// failure messages.
func allMatchers() map[string]*matcher {
	ms := map[string]*matcher{"negated": negated, "coordConnector": coordConnector}
	for i, p := range relPatterns {
		for name, m := range map[string]*matcher{"mid": p.mid, "pre": p.pre, "post": p.post, "notPre": p.notPre, "notMid": p.notMid} {
			if m != nil {
				ms[p.pred+"/"+name+"/"+string(rune('A'+i%26))+string(rune('a'+i/26))] = m
			}
		}
	}
	return ms
}

// walk returns a string read along a random path through prog: most such
// strings match or nearly match, which random text seldom does.
func walk(prog *syntax.Prog, rng *rand.Rand) string {
	var b strings.Builder
	pc := uint32(prog.Start)
	for steps := 0; steps < 400; steps++ {
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstMatch, syntax.InstFail:
			return b.String()
		case syntax.InstAlt, syntax.InstAltMatch:
			pc = inst.Out
			if rng.IntN(2) == 0 {
				pc = inst.Arg
			}
		case syntax.InstRune1:
			b.WriteRune(inst.Rune[0])
			pc = inst.Out
		case syntax.InstRune:
			i := rng.IntN(len(inst.Rune)/2) * 2
			lo, hi := inst.Rune[i], inst.Rune[i+1]
			b.WriteRune(lo + rng.Int32N(min(hi-lo+1, 64)))
			pc = inst.Out
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			b.WriteRune(rune("ab ,'-<>\n€"[rng.IntN(10)]))
			pc = inst.Out
		default:
			pc = inst.Out
		}
	}
	return b.String()
}

// TestMatcherAgrees checks the DFA against regexp on every pattern
// extraction uses, for strings read along the patterns' own programs
// (cut, extended and joined, so as to hit both sides of each decision)
// and for random sequences of the patterns' words.
func TestMatcherAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ms := allMatchers()
	var words []string
	for _, m := range ms {
		words = append(words, regexp.MustCompile(`[a-z][a-z'-]*`).FindAllString(m.String(), -1)...)
	}
	words = append(words, "<grp>", "<per>", "<org>", "<loc>", "<nat>", ",", "'s", "’", "é", "2", "", "\n")
	var shared []string
	for range 300 {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(10) > 0 {
				b.WriteByte(' ')
			}
		}
		shared = append(shared, b.String())
	}
	matches := 0
	for name, m := range ms {
		inputs := append([]string(nil), shared...)
		for range 150 {
			s := walk(m.dfa.prog, rng)
			cut := s[:rng.IntN(len(s)+1)]
			inputs = append(inputs, s, cut, s+"the ", ", "+s, s+walk(m.dfa.prog, rng), strings.ToUpper(s))
		}
		for _, s := range inputs {
			want := m.Regexp.MatchString(s)
			if got := m.MatchString(s); got != want {
				t.Errorf("%s: MatchString(%q) = %v, regexp says %v\n%s", name, s, got, want, m.String())
			}
			if want {
				matches++
			}
		}
	}
	if matches < 1000 {
		t.Errorf("only %d inputs matched: the test hardly exercises matching", matches)
	}
}

// TestMatcherAssertions checks the empty-width assertions the DFA must
// honour between runes, and that a full DFA starts again without losing
// answers.
func TestMatcherAssertions(t *testing.T) {
	for _, src := range []string{`^a$`, `\bof\b`, `\Bf`, `(?m)^b$`, `x*$`, `^`, `(?:^| )no(?: |$)`, `é\b`, `a|b$|^c`, `(?i)Σ+k`} {
		m := mustMatcher(src)
		for _, s := range []string{"", "a", "ba", "of", "proof", "of course", "a\nb\nc", "xx", "no", "is no good", "café", "éa", "c", "ab", "σςΣ\u212a", "ΣK"} {
			if got, want := m.MatchString(s), m.Regexp.MatchString(s); got != want {
				t.Errorf("%s: MatchString(%q) = %v, regexp says %v", src, s, got, want)
			}
		}
	}
	m := mustMatcher(`^(?:[a-z]+ )*end$`)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 3 * maxDFAStates {
		var b strings.Builder
		for range 1 + rng.IntN(5) {
			b.WriteString(string(rune('a'+rng.IntN(26))) + string(rune('a'+rng.IntN(26))) + " ")
		}
		if i%2 == 0 {
			b.WriteString("end")
		}
		s := b.String()
		if got, want := m.MatchString(s), m.Regexp.MatchString(s); got != want {
			t.Fatalf("MatchString(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// TestMatcherLargeProgram checks a program of more instructions than the
// code points below the surrogates (the alternation of every relation
// pattern's mid): states must stay apart whatever their threads' pcs.
func TestMatcherLargeProgram(t *testing.T) {
	alts := make([]string, len(relPatterns))
	for i, p := range relPatterns {
		alts[i] = "(?:" + p.mid.String() + ")"
	}
	m := mustMatcher(strings.Join(alts, "|"))
	if m.dfa == nil || len(m.dfa.prog.Inst) <= 0xD800 {
		t.Skipf("the alternation has %d instructions: too few to test", len(m.dfa.prog.Inst))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	inputs := []string{"designated the ", ", the emir of the ", "'s spokesman ", "and "}
	for range 200 {
		inputs = append(inputs, walk(m.dfa.prog, rng))
	}
	for _, s := range inputs {
		if got, want := m.MatchString(s), m.Regexp.MatchString(s); got != want {
			t.Errorf("MatchString(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// FuzzMatcher compares the DFA with regexp on arbitrary text for every
// pattern extraction uses.
func FuzzMatcher(f *testing.F) {
	for _, s := range []string{"", ", the ", "'s senior leader ", "and ", "who was appointed as the emir of the ", "\xff<grp> "} {
		f.Add(s)
	}
	ms := allMatchers()
	f.Fuzz(func(t *testing.T, s string) {
		for name, m := range ms {
			if got, want := m.MatchString(s), m.Regexp.MatchString(s); got != want {
				t.Errorf("%s: MatchString(%q) = %v, regexp says %v", name, s, got, want)
			}
		}
	})
}
