package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
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
	f, _, _ := merge(reports, ents, lex, false)
	return f
}

// MergeAll is Merge, with the state of each event a later report may join
// (see Merger), in the order the events were made.
func MergeAll(reports []*Report, ents []*dossier.Entity, lex *lexicon.Lexicon) (*dossier.Facts, []*dossier.Incident, error) {
	return merge(reports, ents, lex, true)
}

// merge is the fold of a Merger with nothing stored: every report is new,
// so that one Merge and a Merger over batches are the same fold.
func merge(reports []*Report, ents []*dossier.Entity, lex *lexicon.Lexicon, states bool) (*dossier.Facts, []*dossier.Incident, error) {
	out, err := (&Merger{Lexicon: lex}).Merge(reports, ents, nil)
	if err != nil {
		return nil, nil, err
	}
	f := out.Facts
	sort.SliceStable(f.Events, func(i, j int) bool {
		a, b := f.Events[i], f.Events[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})
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
	if !states {
		return f, nil, nil
	}
	return f, out.Incidents, nil
}

// symmetric predicates read the same both ways.
var symmetric = map[string]bool{"rival_of": true, "allied_with": true}

// placeIndex is what Merge knows of the places events name: entity
// names, which are countries, their first-level divisions, and the places
// each merged incident's reports name themselves (sites).
type placeIndex struct {
	names, admin1, country map[string]string
	countries, located     map[string]bool
	sites                  map[*eventDraft][]string
	lex                    *lexicon.Lexicon
}

// newPlaceIndex returns an empty index, and the set of placed entities
// that add fills with it.
func newPlaceIndex(lex *lexicon.Lexicon) (*placeIndex, map[string]bool) {
	pl := &placeIndex{names: map[string]string{}, countries: map[string]bool{}, admin1: map[string]string{},
		country: map[string]string{}, sites: map[*eventDraft][]string{}, lex: lex, located: map[string]bool{}}
	return pl, pl.located
}

// add makes ents known to the index.
func (pl *placeIndex) add(ents []*dossier.Entity) {
	for _, e := range ents {
		pl.names[e.ID] = strings.ToLower(e.Name)
		pl.located[e.ID] = e.Place != nil
		if e.Place != nil {
			pl.admin1[e.ID] = strings.ToLower(e.Place.Admin1)
			pl.country[e.ID] = e.Place.Country
		}
		if e.Type == dossier.Place && pl.lex != nil {
			if ref := pl.lex.Lookup(e.Name); ref != nil && ref.Kind == "country" {
				pl.countries[e.ID] = true
			}
		}
	}
}

// own returns the places more precise than a country that the draft's
// own sentences name; places inherited from the sentences before do not
// tell incidents apart.
func (pl *placeIndex) own(d *eventDraft) []string {
	if d.placeInherited {
		return nil
	}
	var out []string
	for _, p := range append([]string{d.ev.Place}, d.places...) {
		if p != "" && !pl.countries[p] && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// near reports whether two places can be the site of one incident: the
// same entity, or one inside the other.
func (pl *placeIndex) near(a, b string) bool {
	return a == b || pl.within(a, b) || pl.within(b, a)
}

// within reports whether place a lies inside place b by what Merge knows:
// a's name extends b's ("kabul airport", "kabul"), or b is the
// first-level division the gazetteer puts a in ("Tarin Kot district",
// "Uruzgan province"), or b is a country a is in.
func (pl *placeIndex) within(a, b string) bool {
	na, nb := pl.names[a], pl.names[b]
	if a == b || na == "" || nb == "" {
		return false
	}
	if strings.HasPrefix(na, nb+" ") {
		return true
	}
	if d := pl.admin1[a]; d != "" && pl.admin1[b] == d && (nb == d || strings.HasPrefix(nb, d+" ")) && pl.names[a] != d {
		return true
	}
	return pl.countries[b] && pl.country[a] != "" && pl.country[a] == pl.country[b]
}

// sameIncident applies the GTD rule to an incident o (reports merged so
// far) and a report d: the same type, the same day, and the same place.
// A report that names no place more precise than a country joins only an
// incident it shares an actor or a document with: on a day of operations
// across a country, type and day alone do not make two reports one
// incident.
func sameIncident(o, d *eventDraft, pl *placeIndex) bool {
	if o.ev.Type != d.ev.Type {
		return false
	}
	if o.ev.Subtype != "" && d.ev.Subtype != "" && o.ev.Subtype != d.ev.Subtype &&
		!(isBombing(o.ev.Subtype) && isBombing(d.ev.Subtype)) {
		return false
	}
	if !sameDay(o, d) {
		return false
	}
	so, sd := pl.sites[o], pl.own(d)
	if len(so) > 0 && len(sd) > 0 {
		for _, a := range so {
			for _, b := range sd {
				if pl.near(a, b) {
					return true
				}
			}
		}
		return false
	}
	for _, doc := range d.ev.Documents {
		if slices.Contains(o.ev.Documents, doc) {
			return true // one writer's "the August 26 attack" is the attack of August 26 they reported
		}
	}
	for _, a := range append(slices.Clone(o.ev.Perpetrators), o.ev.Targets...) {
		if slices.Contains(d.ev.Perpetrators, a) || slices.Contains(d.ev.Targets, a) {
			return true
		}
	}
	return false
}

// joinUndated folds, within one document, a report that gives no day
// into a report of the same type that does, when they share a place (or
// the dated one names only countries): an article's "the Kabul airport
// attack" and its "two explosions ... yesterday" are one incident.
func joinUndated(drafts []*eventDraft, countries map[string]bool) []*eventDraft {
	dated := func(d *eventDraft) bool { return len(d.ev.Date) == 10 || len(d.partial) == 5 }
	precise := func(d *eventDraft) map[string]bool {
		m := map[string]bool{}
		if d.placeInherited {
			return m // places from the sentences before tell no incidents apart
		}
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
// before a country, one inside another place its reports name before that
// other ("Derry" before "Northern Ireland", "Kabul airport" before
// "Kabul"), one the gazetteer placed before one it could not, then the one
// its reports name most often; ties go to the nearest to a trigger in the
// earliest report.
func choosePlace(places []string, pl *placeIndex, located map[string]bool, fallback string) string {
	best, bestN := "", 0
	n := map[string]int{}
	for _, p := range places {
		n[p]++
	}
	for _, p := range places {
		score := n[p]
		if !pl.countries[p] {
			score += 1000
		}
		if located[p] {
			score += 500
		}
		for q := range n {
			if q != p && pl.within(p, q) {
				score += 2000
				break
			}
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
