package resolve

import (
	"strconv"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

// apply re-applies analysts' decisions, in order, to the clusters that
// automatic resolution made. Each decision names its entities by name keys
// (see dossier.Decision); the cluster holding the most mentions with those
// keys is meant, and a decision that finds no cluster changes nothing.
func apply(cs []*cluster, mentions []dossier.Mention, decisions []*dossier.Decision) []*cluster {
	for _, d := range decisions {
		label := "decision " + strconv.FormatInt(d.Seq, 10)
		switch d.Action {
		case dossier.Merge:
			a, b := find(cs, mentions, d.Target), find(cs, mentions, d.Other)
			if a < 0 || b < 0 || a == b {
				continue
			}
			cs[a].idx = append(cs[a].idx, cs[b].idx...)
			cs[a].why = append(cs[a].why, cs[b].why...)
			cs[a].why = append(cs[a].why, "merged by an analyst ("+label+")")
			if cs[a].name == "" {
				cs[a].name = cs[b].name
			}
			cs = append(cs[:b], cs[b+1:]...)
		case dossier.Split:
			a := find(cs, mentions, d.Target)
			if a < 0 {
				continue
			}
			names, docs := keys(d.Names), keys(d.Documents)
			var stay, leave []int
			for _, i := range cs[a].idx {
				m := mentions[i]
				if (len(names) == 0 || names[lexicon.Key(m.Text)]) && (len(docs) == 0 || docs[m.Document]) {
					leave = append(leave, i)
				} else {
					stay = append(stay, i)
				}
			}
			if len(leave) == 0 || len(stay) == 0 {
				continue
			}
			cs[a].idx = stay
			cs[a].why = append(cs[a].why, "split by an analyst ("+label+")")
			cs = append(cs, &cluster{
				root: "split:" + strconv.FormatInt(d.Seq, 10) + ":" + cs[a].root,
				idx:  leave,
				why:  []string{"split off by an analyst (" + label + ")"},
			})
		case dossier.Rename:
			if a := find(cs, mentions, d.Target); a >= 0 {
				cs[a].name = d.Name
				cs[a].why = append(cs[a].why, "renamed by an analyst ("+label+")")
			}
		}
	}
	return cs
}

// find returns the index of the cluster whose set of name keys is most
// like names (Jaccard similarity), -1 if no cluster shares a key; ties go
// to the cluster with more mentions, then the earlier one. Similarity
// rather than a count keeps "Biden" (one document) apart from "Joe Biden"
// (whose short forms are also "Biden").
func find(cs []*cluster, mentions []dossier.Mention, names []string) int {
	want := keys(names)
	best, bestScore, bestSize := -1, 0.0, 0
	for i, c := range cs {
		have := map[string]bool{}
		for _, j := range c.idx {
			have[lexicon.Key(mentions[j].Text)] = true
		}
		inter := 0
		for k := range have {
			if want[k] {
				inter++
			}
		}
		if inter == 0 {
			continue
		}
		score := float64(inter) / float64(len(have)+len(want)-inter)
		if score > bestScore || score == bestScore && len(c.idx) > bestSize {
			best, bestScore, bestSize = i, score, len(c.idx)
		}
	}
	return best
}

func keys(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// Keys returns the keys a decision uses to name an entity: those of its
// name and aliases.
func Keys(e *dossier.Entity) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append([]string{e.Name}, e.Aliases...) {
		if k := lexicon.Key(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
