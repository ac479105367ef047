package extract

import (
	"github.com/dossier-osint/dossier"
)

// leaderNouns introduce a list of a group's successive heads: "IS-K's
// chiefs, including A, B and C". "Leaders" and "commanders" are senior
// members, not necessarily heads (relation.go reads them as member_of).
var leaderNouns = set("chiefs", "emirs", "amirs")

// leaderLists reads lists of a group's leaders: "IS-K's founding emir,
// Hafiz Saeed Khan, and the chiefs, including Abdul Hasib, Abu Sayed, and
// Abu Saad Orakzai, were exterminated in targeted strikes in 2016, 2017
// and 2018, respectively". Each listed person leads the group the sentence
// names first; when "respectively" pairs the list with as many years, each
// year ends that person's role. A list and years of different lengths are
// not paired: which year goes with whom is then not in the text.
func leaderLists(s *sentence, r *Report) {
	group := ""
	for _, m := range s.ments {
		if m.EntityType == dossier.Group && m.Entity != "" {
			group = m.Entity
			break
		}
	}
	if group == "" {
		return
	}
	for i := 0; i+2 < len(s.low); i++ {
		if !leaderNouns[s.low[i]] || s.low[i+1] != "," || s.low[i+2] != "including" {
			continue
		}
		// The persons listed after "including", up to the verb.
		var people []string
		for j := i + 3; j < len(s.low); j++ {
			if mi, ok := s.mentAt(j); ok {
				m := s.ments[mi]
				if m.EntityType == dossier.Person && m.Entity != "" && (len(people) == 0 || people[len(people)-1] != m.Entity) {
					people = append(people, m.Entity)
				}
				continue
			}
			if w := s.low[j]; w != "," && w != "and" {
				break
			}
		}
		if len(people) == 0 {
			continue
		}
		var ends []string
		if hasWord(s.low, "respectively") {
			for _, t := range s.times() {
				if t.Resolved && len(t.Value) == 4 {
					ends = append(ends, t.Value)
				}
			}
			// Pair only when the sentence names exactly as many people as
			// years: "the founding emir, A, and the chiefs, including B, C
			// and D, ... in 2016, 2017 and 2018, respectively" does not say
			// which of the four goes with which year.
			named := map[string]bool{}
			for _, m := range s.ments {
				if m.EntityType == dossier.Person && m.Entity != "" {
					named[m.Entity] = true
				}
			}
			if len(ends) != len(people) || len(named) != len(people) {
				ends = nil
			}
		}
		c := s.claim(r)
		for k, p := range people {
			rel := &dossier.Relation{Subject: p, Predicate: LeaderOf, Object: group,
				Documents: []string{s.in.Doc.ID}, Claims: []string{c.ID}}
			if ends != nil {
				rel.End = ends[k]
			}
			r.Relations = append(r.Relations, rel)
		}
	}
}

func hasWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
