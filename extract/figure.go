// Casualty figures of event reports: the counts package quantity finds,
// the one death a singular victim makes, who each figure counts, and how
// a document's figures combine when its reports of one incident join.

package extract

import (
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/quantity"
)

// counts returns the sentence's figures (package quantity) and, when
// they give no death toll, the one death a singular victim makes:
// "killing him", "killing the insurgent", "killed Taliban leader
// Saifullah", "He was engaged and killed", "the death of Maulawi Tayeb".
func (s *sentence) counts() []quantity.Count {
	counts := s.quantities()
	for _, c := range counts {
		if c.Meaning == quantity.Killed {
			return counts
		}
	}
	if n := s.singleDeaths(); n > 0 {
		one := n
		counts = append(counts, quantity.Count{Min: n, Max: &one, Exact: true, Meaning: quantity.Killed, Trigger: "killed"})
	}
	return counts
}

// singularVictims are the nouns that, after "killing the", name one
// person.
var singularVictims = set("insurgent", "individual", "militant", "man", "woman", "suspect", "gunman", "attacker",
	"fighter", "commander", "leader", "shooter", "driver", "bomber", "civilian", "soldier", "policeman", "officer",
	"facilitator", "sub-commander", "boy", "girl", "child", "guard", "journalist", "student", "teacher", "elder")

// singleDeaths counts the people a sentence says were killed one by one,
// by pronoun, by a definite singular noun or by name; 0 when it says
// nothing of the kind.
func (s *sentence) singleDeaths() int {
	person := func(i int) bool {
		mi, ok := s.mentionAt[i]
		return ok && s.ments[mi].EntityType == dossier.Person
	}
	for i, w := range s.low {
		switch w {
		case "killed", "killing":
			// Active: "killing him", "killing the insurgent", "killed
			// Taliban leader Saifullah and his deputy".
			if i+1 < len(s.low) {
				switch n := s.low[i+1]; {
				case n == "him" || n == "her":
					return 1
				case n == "the" && i+2 < len(s.low) && singularVictims[s.low[i+2]]:
					return 1
				}
			}
			for j := i + 1; j < len(s.low) && j <= i+4; j++ {
				if person(j) {
					return 1
				}
				if !s.titleWord(j) {
					break
				}
			}
			// Passive: "He was engaged and killed", "Noorani was killed".
			if w == "killed" && i >= 2 {
				j := i - 1
				if j >= 2 && s.low[j] == "and" {
					j -= 2 // "was engaged and killed"
				}
				if j >= 1 && s.low[j] == "was" {
					if subj := s.low[j-1]; subj == "he" || subj == "she" || person(j-1) {
						return 1
					}
				}
			}
		case "death":
			// "resulted in the death of Maulawi Tayeb"
			if i+2 < len(s.low) && s.low[i+1] == "of" && person(i+2) {
				return 1
			}
		}
	}
	return 0
}

// titleWord reports whether token i may stand between a verb and the name
// it governs: a capitalised word or a role ("Taliban leader Saifullah").
func (s *sentence) titleWord(i int) bool {
	t := s.toks[i]
	r := s.in.text[t.Start]
	return unicode.IsUpper(r) || singularVictims[s.low[i]] || s.low[i] == "senior" || s.low[i] == "local"
}

// figures sets the document's killed, injured and arrested figures from
// the sentence's counts, and a target type from what was counted.
func (s *sentence) figures(d *eventDraft, counts []quantity.Count, c dossier.Claim) {
	ev := d.ev
	one := [][]quantity.Count{counts}
	q := func(meaning string) []dossier.Quantity {
		min, max, ok := quantity.Total(one, meaning)
		if !ok {
			return nil
		}
		return []dossier.Quantity{{Document: s.in.Doc.ID, Min: min, Max: max, Claim: c.ID, Counted: counted(counts, meaning)}}
	}
	ev.Killed = q(quantity.Killed)
	ev.Injured = q(quantity.Injured)
	ev.Arrested = q(quantity.Arrested)
	ev.Kidnapped = q(quantity.Kidnapped)
	// A figure given as adding to one before it ("also detained two",
	// "one additional insurgent") is summed when its report joins that one.
	for _, m := range []string{quantity.Killed, quantity.Injured, quantity.Arrested, quantity.Kidnapped} {
		all, any := true, false
		for _, cnt := range counts {
			if cnt.Meaning == m && !cnt.Background {
				any = true
				all = all && cnt.Additional
			}
		}
		if any && all {
			if d.additive == nil {
				d.additive = map[string]bool{}
			}
			d.additive[m] = true
		}
	}
	if ev.Type == dossier.Attack && ev.Subtype == "" {
		if k := q(quantity.Kidnapped); k != nil {
			ev.Subtype = "kidnapping"
		}
	}
	for _, cnt := range counts {
		if tt := targetType(cnt.Noun); tt != "" && (cnt.Meaning == quantity.Killed || cnt.Meaning == quantity.Injured) {
			ev.TargetType = tt
			break
		}
		for _, p := range cnt.Parts {
			if tt := targetType(p.Noun); tt != "" {
				ev.TargetType = tt
				break
			}
		}
	}
}

// targetType maps a counted noun to a GTD-like target type.
func targetType(noun string) string {
	n := lower(noun)
	switch {
	case n == "":
		return ""
	case strings.HasPrefix(n, "soldier") || strings.HasPrefix(n, "troop") || n == "marines" || n == "servicemen" ||
		strings.HasPrefix(n, "service member"):
		return "military"
	case strings.HasPrefix(n, "police") || strings.HasPrefix(n, "constable") || strings.HasPrefix(n, "officer") ||
		n == "jawans" || n == "personnel" || n == "guards":
		return "police"
	case strings.HasPrefix(n, "official") || n == "ministers" || n == "governor" || n == "lawmakers":
		return "government"
	case strings.HasPrefix(n, "journalist") || n == "reporters":
		return "journalists & media"
	case strings.HasPrefix(n, "worshipper") || n == "pilgrims" || n == "clerics":
		return "religious figures/institutions"
	case strings.HasPrefix(n, "civilian") || n == "people" || n == "persons" || strings.HasPrefix(n, "villager") ||
		n == "children" || n == "women" || n == "students" || n == "mothers" || n == "afghans" || n == "passengers":
		return "private citizens & property"
	}
	return ""
}

// mergeFigures keeps one figure per document: the larger lower bound.
// counted returns the noun phrases the counts of one meaning count, as
// quantity.Total adds them: the parts of a sum one by one ("72 Afghans",
// "13 American soldiers"), without the subsets a toll includes or the
// figures of earlier violence; a bare figure ("killing two") or a count
// read from a verb ("was shot dead") gives none.
func counted(counts []quantity.Count, meaning string) []string {
	var out []string
	for _, c := range counts {
		if c.Meaning != meaning || c.Included || c.Background || c.Implied {
			continue
		}
		parts := c.Parts
		if parts == nil {
			parts = []quantity.Count{c}
		}
		for _, p := range parts {
			if p.Noun != "" && p.Text != "" {
				out = append(out, p.Text)
			}
		}
	}
	return out
}

// addFigures merges b into a, adding a document's figure to the one it
// already gave when additive ("The security force detained one additional
// suspected insurgent" after "captured a Taliban facilitator": two), else
// as mergeFigures does. The sum cites the first figure's claim; the event
// cites both sentences.
func addFigures(a, b []dossier.Quantity, additive bool) []dossier.Quantity {
	if !additive {
		return mergeFigures(a, b)
	}
	return combineFigures(a, b, func(have, q dossier.Quantity) dossier.Quantity {
		sum := have
		sum.Min += q.Min
		sum.Counted = append(append([]string(nil), sum.Counted...), q.Counted...)
		if sum.Max != nil && q.Max != nil {
			m := *sum.Max + *q.Max
			sum.Max = &m
		} else {
			sum.Max = nil
		}
		return sum
	})
}

// mergeFigures merges b into a, keeping for each document the larger of
// the figures it gives (two reports of one incident in one text).
func mergeFigures(a, b []dossier.Quantity) []dossier.Quantity {
	return combineFigures(a, b, func(have, q dossier.Quantity) dossier.Quantity {
		if q.Min > have.Min {
			return q
		}
		return have
	})
}

// combineFigures merges b into a: a document's figure in b is combined
// with the one a already has for that document, else appended.
func combineFigures(a, b []dossier.Quantity, combine func(have, q dossier.Quantity) dossier.Quantity) []dossier.Quantity {
	out := append([]dossier.Quantity(nil), a...)
	for _, q := range b {
		found := false
		for i := range out {
			if out[i].Document == q.Document {
				found = true
				out[i] = combine(out[i], q)
			}
		}
		if !found {
			out = append(out, q)
		}
	}
	return out
}
