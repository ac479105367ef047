package reconcile

import (
	"fmt"
	"sort"

	"github.com/dossier-osint/dossier"
)

// Conflict is one fact the sources disagree about, with every side.
type Conflict struct {
	Kind    string // "event", "attribute" or "relation"
	ID      string // the event's ID, or the entity's for attributes and relations
	Subject string // what the fact is about, for people: "attack 2021-08-26 (Kabul airport)"
	Field   string // "killed", "founded", "leader_of start", ...
	// Summary is the value chosen by Rule.
	Summary string
	Rule    string
	Sides   []Side
}

// Side is one reading of a contested fact and who gives it.
type Side struct {
	Value     string
	Documents []string
	Claims    []string // claim IDs whose quotes state it
}

// Conflicts lists the contested facts in f: event figures whose sources'
// ranges do not overlap, attributes whose sources give different values,
// and relations whose sources give different time spans. names gives an
// entity's name by ID; published a document's publication date.
func Conflicts(f *dossier.Facts, names func(id string) string, published func(doc string) string) []Conflict {
	var out []Conflict
	for _, e := range f.Events {
		subject := e.Type
		if e.Subtype != "" {
			subject = e.Subtype
		}
		if e.Date != "" {
			subject += " " + e.Date
		}
		if e.Place != "" {
			subject += " (" + names(e.Place) + ")"
		}
		for _, fig := range []struct {
			name string
			qs   []dossier.Quantity
		}{{"killed", e.Killed}, {"injured", e.Injured}, {"arrested", e.Arrested}} {
			s, ok := Figures(fig.qs, published)
			if !ok || !s.Contested {
				continue
			}
			c := Conflict{Kind: "event", ID: e.ID, Subject: subject, Field: fig.name,
				Summary: FormatRange(s.Min, s.Max), Rule: s.Rule}
			for _, q := range fig.qs {
				c.Sides = addSide(c.Sides, FormatRange(q.Min, q.Max), q.Document, q.Claim)
			}
			out = append(out, c)
		}
	}

	type key struct{ entity, name string }
	groups := map[key][]*dossier.Attribute{}
	var order []key
	for _, a := range f.Attributes {
		k := key{a.Entity, a.Name}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], a)
	}
	for _, k := range order {
		as := groups[k]
		if len(as) < 2 {
			continue
		}
		c := Conflict{Kind: "attribute", ID: k.entity, Subject: names(k.entity), Field: k.name}
		if as[0].Quantity != nil {
			// Figures such as sizes are a series over time: only estimates
			// for the same date can contradict each other.
			byDate := map[string][]*dossier.Attribute{}
			var dates []string
			for _, a := range as {
				if a.Quantity == nil || a.AsOf == "" {
					continue
				}
				if byDate[a.AsOf] == nil {
					dates = append(dates, a.AsOf)
				}
				byDate[a.AsOf] = append(byDate[a.AsOf], a)
			}
			for _, d := range dates {
				same := byDate[d]
				var qs []dossier.Quantity
				for _, a := range same {
					qs = append(qs, *a.Quantity)
				}
				s, ok := Figures(qs, published)
				if !ok || !s.Contested {
					continue
				}
				cd := c
				cd.Field = k.name + " as of " + d
				cd.Summary, cd.Rule = FormatRange(s.Min, s.Max), s.Rule
				for _, a := range same {
					cd.Sides = addSide(cd.Sides, FormatRange(a.Quantity.Min, a.Quantity.Max), a.Document, a.Claim)
				}
				out = append(out, cd)
			}
			continue
		}
		if false {
			var qs []dossier.Quantity
			for _, a := range as {
				if a.Quantity != nil {
					qs = append(qs, *a.Quantity)
				}
			}
			s, ok := Figures(qs, published)
			if !ok || !s.Contested {
				continue
			}
			c.Summary, c.Rule = FormatRange(s.Min, s.Max), s.Rule
			for _, a := range as {
				if a.Quantity != nil {
					v := FormatRange(a.Quantity.Min, a.Quantity.Max)
					if a.AsOf != "" {
						v += " (as of " + a.AsOf + ")"
					}
					c.Sides = addSide(c.Sides, v, a.Document, a.Claim)
				}
			}
		} else {
			var vals, docs []string
			for _, a := range as {
				vals = append(vals, a.Value)
				docs = append(docs, a.Document)
			}
			v, ok := Values(vals, docs, published)
			if !ok || !v.Contested {
				continue
			}
			c.Summary, c.Rule = v.Value, v.Rule
			for _, a := range as {
				c.Sides = addSide(c.Sides, a.Value, a.Document, a.Claim)
			}
		}
		out = append(out, c)
	}

	type rkey struct{ s, p, o string }
	rels := map[rkey][]*dossier.Relation{}
	var rorder []rkey
	for _, r := range f.Relations {
		k := rkey{r.Subject, r.Predicate, r.Object}
		if rels[k] == nil {
			rorder = append(rorder, k)
		}
		rels[k] = append(rels[k], r)
	}
	for _, k := range rorder {
		rs := rels[k]
		for _, field := range []string{"start", "end"} {
			var vals, docs []string
			var withValue []*dossier.Relation
			for _, r := range rs {
				v := r.Start
				if field == "end" {
					v = r.End
				}
				if v == "" {
					continue
				}
				for _, d := range r.Documents {
					vals = append(vals, v)
					docs = append(docs, d)
				}
				withValue = append(withValue, r)
			}
			v, ok := Values(vals, docs, published)
			if !ok || !v.Contested {
				continue
			}
			c := Conflict{Kind: "relation", ID: k.s, Subject: names(k.s) + " " + k.p + " " + names(k.o),
				Field: field, Summary: v.Value, Rule: v.Rule}
			for _, r := range withValue {
				val := r.Start
				if field == "end" {
					val = r.End
				}
				for i, d := range r.Documents {
					claim := ""
					if i < len(r.Claims) {
						claim = r.Claims[i]
					}
					c.Sides = addSide(c.Sides, val, d, claim)
				}
			}
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

func addSide(sides []Side, value, doc, claim string) []Side {
	for i := range sides {
		if sides[i].Value == value {
			if !contains(sides[i].Documents, doc) {
				sides[i].Documents = append(sides[i].Documents, doc)
			}
			if claim != "" && !contains(sides[i].Claims, claim) {
				sides[i].Claims = append(sides[i].Claims, claim)
			}
			return sides
		}
	}
	s := Side{Value: value, Documents: []string{doc}}
	if claim != "" {
		s.Claims = []string{claim}
	}
	return append(sides, s)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// FormatRange writes a figure as a reader expects: "85", "at least 100",
// "1,500–2,200", "up to 30".
func FormatRange(min int, max *int) string {
	switch {
	case max == nil:
		return "at least " + commas(min)
	case *max == min:
		return commas(min)
	case min == 0:
		return "up to " + commas(*max)
	}
	return commas(min) + "–" + commas(*max)
}

func commas(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}
