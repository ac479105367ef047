package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

// Merge turns the reports of many documents into one set of facts.
//
// Events follow GTD's rule for incidents: two reports are one event when
// they have the same type, name the same day (a full date, or a day and
// month that an undated document gives without a year) and the same place
// or places one inside the other by name ("Kabul airport" and "Kabul"),
// or one of them names no place or only a country. Reports with no day are never joined
// across documents: "an attack in Dantewada" in two summaries may be two
// attacks. Each document's figures stay side by side on the event.
//
// Relations with the same subject, predicate, object and time span are
// one relation citing every document; different spans stay apart, so
// that disagreeing sources show. Attributes stay one per document.
//
// IDs derive from content (type and earliest claim for events; subject,
// predicate, object and span for relations), so they are the same on
// every run over the same documents.
func Merge(reports []*Report, ents []*dossier.Entity, lex *lexicon.Lexicon) *dossier.Facts {
	names := map[string]string{}
	countries := map[string]bool{}
	located := map[string]bool{}
	for _, e := range ents {
		names[e.ID] = strings.ToLower(e.Name)
		located[e.ID] = e.Place != nil
		if e.Type == dossier.Place && lex != nil {
			if ref := lex.Lookup(e.Name); ref != nil && ref.Kind == "country" {
				countries[e.ID] = true
			}
		}
	}
	f := &dossier.Facts{Events: []*dossier.Event{}, Relations: []*dossier.Relation{}, Attributes: []*dossier.Attribute{}, Claims: []dossier.Claim{}}
	claims := map[string]bool{}
	for _, r := range reports {
		for _, c := range r.Claims {
			if !claims[c.ID] {
				claims[c.ID] = true
				f.Claims = append(f.Claims, c)
			}
		}
	}

	var events []*eventDraft
	for _, r := range reports {
		r.drafts = joinUndated(r.drafts, countries)
		for _, d := range r.drafts {
			var into *eventDraft
			for _, o := range events {
				if sameIncident(o, d, names, countries) {
					into = o
					break
				}
			}
			if into != nil {
				absorb(into, d)
			} else {
				events = append(events, d)
			}
		}
	}
	for _, d := range events {
		ev := d.ev
		ev.Place = choosePlace(d.places, countries, located, ev.Place)
		ev.ID = "ev-" + hash(ev.Type, firstSorted(ev.Claims))
		f.Events = append(f.Events, ev)
	}
	sort.SliceStable(f.Events, func(i, j int) bool {
		a, b := f.Events[i], f.Events[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})

	rels := map[string]*dossier.Relation{}
	for _, r := range reports {
		for _, rel := range r.Relations {
			if symmetric[rel.Predicate] && rel.Object < rel.Subject {
				// "X rival of Y" and "Y rival of X" are one relation.
				c := *rel
				c.Subject, c.Object = rel.Object, rel.Subject
				rel = &c
			}
			key := hash(rel.Subject, rel.Predicate, rel.Object, rel.Start, rel.End)
			if o, ok := rels[key]; ok {
				o.Documents = uniq(append(o.Documents, rel.Documents...))
				o.Claims = uniqKeep(append(o.Claims, rel.Claims...))
				continue
			}
			c := *rel
			c.ID = "r-" + key
			c.Documents = uniq(append([]string(nil), rel.Documents...))
			c.Claims = uniqKeep(append([]string(nil), rel.Claims...))
			rels[key] = &c
			f.Relations = append(f.Relations, &c)
		}
	}
	sort.SliceStable(f.Relations, func(i, j int) bool { return f.Relations[i].ID < f.Relations[j].ID })

	seen := map[string]bool{}
	for _, r := range reports {
		for _, a := range r.Attributes {
			key := hash(a.Entity, a.Name, a.Value, quantityKey(a.Quantity), a.Document, a.Claim)
			if seen[key] {
				continue
			}
			seen[key] = true
			c := *a
			c.ID = "a-" + key
			f.Attributes = append(f.Attributes, &c)
		}
	}
	sort.SliceStable(f.Attributes, func(i, j int) bool {
		a, b := f.Attributes[i], f.Attributes[j]
		if a.Entity != b.Entity {
			return a.Entity < b.Entity
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return f
}

// symmetric predicates read the same both ways.
var symmetric = map[string]bool{"rival_of": true, "allied_with": true}

// sameIncident applies the GTD rule to two event reports.
func sameIncident(a, b *eventDraft, names map[string]string, countries map[string]bool) bool {
	if a.ev.Type != b.ev.Type {
		return false
	}
	if a.ev.Subtype != "" && b.ev.Subtype != "" && a.ev.Subtype != b.ev.Subtype &&
		!(isBombing(a.ev.Subtype) && isBombing(b.ev.Subtype)) {
		return false
	}
	if !sameDay(a, b) {
		return false
	}
	pa, pb := a.ev.Place, b.ev.Place
	if pa == "" || pb == "" || pa == pb || countries[pa] || countries[pb] {
		// A country is too broad to tell two reports of one day apart.
		return true
	}
	na, nb := names[pa], names[pb]
	return na != "" && nb != "" && (strings.HasPrefix(na, nb+" ") || strings.HasPrefix(nb, na+" "))
}

// joinUndated folds, within one document, a report that gives no day
// into a report of the same type that does, when they share a place (or
// the dated one names only countries): an article's "the Kabul airport
// attack" and its "two explosions ... yesterday" are one incident.
func joinUndated(drafts []*eventDraft, countries map[string]bool) []*eventDraft {
	dated := func(d *eventDraft) bool { return len(d.ev.Date) == 10 || len(d.partial) == 5 }
	precise := func(d *eventDraft) map[string]bool {
		m := map[string]bool{}
		for _, p := range d.places {
			if !countries[p] {
				m[p] = true
			}
		}
		return m
	}
	var out []*eventDraft
	for _, u := range drafts {
		if dated(u) || u.ev.Date != "" {
			out = append(out, u)
			continue
		}
		var into *eventDraft
		up := precise(u)
		for _, v := range drafts {
			if v == u || !dated(v) || v.ev.Type != u.ev.Type || !subtypesAgree(v.ev.Subtype, u.ev.Subtype) || !datesAgree(u, v) {
				continue // "in February" is not the report dated August 26
			}
			vp := precise(v)
			shared := false
			for p := range up {
				shared = shared || vp[p]
			}
			if shared || len(vp) == 0 && len(up) > 0 {
				into = v
				break
			}
		}
		if into == nil {
			out = append(out, u)
			continue
		}
		absorb(into, u)
	}
	return out
}

// choosePlace picks an event's place: a place more precise than a country
// before a country, one the gazetteer placed before one it could not, then
// the one its reports name most often; ties go to the nearest to a
// trigger in the earliest report.
func choosePlace(places []string, countries, located map[string]bool, fallback string) string {
	best, bestN := "", 0
	n := map[string]int{}
	for _, p := range places {
		n[p]++
	}
	for _, p := range places {
		score := n[p]
		if !countries[p] {
			score += 1000
		}
		if located[p] {
			score += 500
		}
		if score > bestN {
			best, bestN = p, score
		}
	}
	if best == "" {
		return fallback
	}
	return best
}

func isBombing(subtype string) bool { return subtype == "bombing" || subtype == "suicide bombing" }

func firstSorted(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	c := append([]string(nil), ss...)
	sort.Strings(c)
	return c[0]
}

func quantityKey(q *dossier.Quantity) string {
	if q == nil {
		return ""
	}
	max := "open"
	if q.Max != nil {
		max = itoa(*q.Max)
	}
	return itoa(q.Min) + ".." + max
}

func itoa(n int) string { return strconv.Itoa(n) }

func hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}
