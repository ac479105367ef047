package quantity

// Total reduces the counts of one document, sentence by sentence, to one
// figure for a meaning (Killed, Injured, Arrested, ...), so that a
// restated toll is not counted twice:
//
//   - Included counts (subsets) and Background counts (earlier violence)
//     are left out;
//   - within a sentence, the counts with that meaning are added, side by
//     side (a coordinated sum is split into its parts' sides);
//   - across sentences, each side takes its largest sentence sum, since
//     news summaries restate a toll ("12 CRPF personnel were killed",
//     then "three security personnel were killed in the blast while nine
//     others were killed in the firing"), and the sides are added ("...
//     killing seven insurgents"); counts of unknown side ("nine others"
//     first in a sentence, a named victim) are taken as restating the
//     known sides, so their largest sentence sum replaces the known total
//     only when it is larger;
//   - counts marked Additional ("also detained two", "two additional
//     insurgents", "another") are added on top, wherever they are.
//
// Max is nil when any count in the chosen sums is open. ok is false when
// no count has the meaning.
func Total(sentences [][]Count, meaning string) (min int, max *int, ok bool) {
	type sum struct {
		min, max int
		open     bool
	}
	var best [4]sum // by side index
	seen := [4]bool{}
	var extra sum
	add := func(s *sum, c Count) {
		s.min += c.Min
		if c.Max == nil {
			s.open = true
		} else {
			s.max += *c.Max
		}
	}
	for _, cs := range sentences {
		var cur [4]sum
		var any [4]bool
		for _, c := range cs {
			if c.Meaning != meaning || c.Included || c.Background {
				continue
			}
			ok = true
			if c.Additional {
				add(&extra, c)
				continue
			}
			parts := c.Parts
			if parts == nil {
				parts = []Count{c}
			}
			for _, p := range parts {
				i := sideIndex(p.Side)
				add(&cur[i], p)
				any[i] = true
			}
		}
		for i := range cur {
			if any[i] && (!seen[i] || cur[i].min > best[i].min) {
				best[i], seen[i] = cur[i], true
			}
		}
	}
	if !ok {
		return 0, nil, false
	}
	var known sum
	for i := 1; i < len(best); i++ {
		if seen[i] {
			known.min += best[i].min
			known.max += best[i].max
			known.open = known.open || best[i].open
		}
	}
	if seen[0] && best[0].min > known.min {
		known = best[0]
	}
	total := extra
	total.min += known.min
	total.max += known.max
	total.open = total.open || known.open
	if !total.open {
		m := total.max
		max = &m
	}
	return total.min, max, true
}

func sideIndex(side string) int {
	switch side {
	case SideState:
		return 1
	case SideArmed:
		return 2
	case SideCivilian:
		return 3
	}
	return 0
}
