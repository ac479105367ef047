package export

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-osint/dossier"
)

// Filter narrows an export to part of the store. Every format takes the
// same filter, applied once by Select (or View, which wraps a store), so
// that `--actor IS-K` means the same thing in JSON, STIX, CSV, GeoJSON and
// GraphML. The zero Filter keeps everything.
//
// Each field that is set must hold for an item to be kept:
//   - Actors: an event one of them perpetrated, targeted or claimed; a
//     relation or attribute one of them is subject or object of.
//   - Types: event types (attack, strike, ...) and relation predicates
//     (leader_of, rival_of, ...); items of a kind whose types are not
//     listed are left out, and so are attributes.
//   - From, To: dates ("YYYY", "YYYY-MM", "YYYY-MM-DD"), inclusive, at any
//     precision. An event is kept when its date overlaps the range, a
//     relation when its known span does; undated items are left out, since
//     nothing says they fall in the range.
//   - Places: an event at one of them or inside one of them (an event in
//     Kabul is in Afghanistan), a relation with one of them as an end.
//
// Actors and places are named by entity ID or by any name or alias
// (ignoring case); a name that no entity has is an ENOTFOUND error.
// The entities kept are those the kept facts refer to and the named actors
// and places.
type Filter struct {
	Actors   []string
	Types    []string
	From, To string
	Places   []string
}

// Empty reports whether f keeps everything.
func (f Filter) Empty() bool {
	return len(f.Actors) == 0 && len(f.Types) == 0 && f.From == "" && f.To == "" && len(f.Places) == 0
}

// EventTypes and Predicates are the values Filter.Types accepts.
var (
	EventTypes = []string{dossier.Attack, dossier.Clash, dossier.Strike, dossier.Arrest, dossier.Designation,
		dossier.LeadershipChange, dossier.Pledge, dossier.Plot, dossier.OtherEvent}
	Predicates = []string{"leader_of", "deputy_of", "spokesperson_of", "member_of", "affiliate_of", "splinter_of",
		"rival_of", "allied_with", "operates_in", "recruited_from", "designated_by", "founded_by"}
)

// Check returns an EINVALID error for a type no event or relation has or
// a date that is not YYYY, YYYY-MM or YYYY-MM-DD.
func (f Filter) Check() error {
	for _, t := range f.Types {
		if !contains(EventTypes, t) && !contains(Predicates, t) {
			return dossier.Errorf(dossier.EINVALID, "unknown type %q (event types: %s; relation types: %s)",
				t, strings.Join(EventTypes, ", "), strings.Join(Predicates, ", "))
		}
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" && !validDate(d) {
			return dossier.Errorf(dossier.EINVALID, "bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
	}
	if f.From != "" && f.To != "" && lo(f.From) > hi(f.To) {
		return dossier.Errorf(dossier.EINVALID, "date range %s to %s is empty", f.From, f.To)
	}
	return nil
}

func validDate(d string) bool {
	for i, r := range d {
		switch i {
		case 4, 7:
			if r != '-' {
				return false
			}
		default:
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return len(d) == 4 || len(d) == 7 || len(d) == 10
}

// lo and hi are the first and last day of a date at any precision, as
// strings that compare in date order ("2021" → "2021-01-01",
// "2021-12-31"; a day "31" in a short month still orders right).
func lo(d string) string { return d + "-01-01"[len(d)-4:] }
func hi(d string) string { return d + "-12-31"[len(d)-4:] }

// overlaps reports whether the span [start, end] (dates at any precision,
// either may be empty: open) overlaps [from, to] (either may be empty).
func overlaps(start, end, from, to string) bool {
	if start == "" && end == "" {
		return false
	}
	if to != "" && start != "" && lo(start) > hi(to) {
		return false
	}
	if from != "" && end != "" && hi(end) < lo(from) {
		return false
	}
	return true
}

// Selection is what a filter keeps: the entities and facts to export and
// the documents they cite.
type Selection struct {
	Entities  []*dossier.Entity
	Facts     *dossier.Facts
	Documents map[string]bool // nil: every document
}

// Select applies f to ents and facts (as the store returns them), keeping
// their order.
func (f Filter) Select(ents []*dossier.Entity, facts *dossier.Facts) (*Selection, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	if f.Empty() {
		return &Selection{Entities: ents, Facts: facts}, nil
	}
	byID := make(map[string]*dossier.Entity, len(ents))
	for _, e := range ents {
		byID[e.ID] = e
	}
	actors, err := resolveNames(f.Actors, ents, "actor")
	if err != nil {
		return nil, err
	}
	places, err := resolveNames(f.Places, ents, "place")
	if err != nil {
		return nil, err
	}
	inPlace := func(id string) bool {
		if places[id] {
			return true
		}
		e := byID[id]
		if e == nil || e.Place == nil {
			return false
		}
		for p := range places {
			if within(e.Place, byID[p]) {
				return true
			}
		}
		return false
	}
	var evTypes, preds []string
	for _, t := range f.Types {
		if contains(EventTypes, t) {
			evTypes = append(evTypes, t)
		} else {
			preds = append(preds, t)
		}
	}
	dated := f.From != "" || f.To != ""
	out := &dossier.Facts{}
	keepEnt := map[string]bool{}
	for id := range actors {
		keepEnt[id] = true
	}
	for id := range places {
		keepEnt[id] = true
	}
	for _, e := range facts.Events {
		if len(f.Types) > 0 && !contains(evTypes, e.Type) {
			continue
		}
		if len(actors) > 0 && !anyIn(actors, e.Perpetrators, e.Targets, e.Claimants) {
			continue
		}
		if dated && !overlaps(e.Date, e.Date, f.From, f.To) {
			continue
		}
		if len(places) > 0 && (e.Place == "" || !inPlace(e.Place)) {
			continue
		}
		out.Events = append(out.Events, e)
		for _, ids := range [][]string{e.Perpetrators, e.Targets, e.Claimants, {e.Place}} {
			for _, id := range ids {
				keepEnt[id] = true
			}
		}
	}
	for _, r := range facts.Relations {
		if len(f.Types) > 0 && !contains(preds, r.Predicate) {
			continue
		}
		if len(actors) > 0 && !actors[r.Subject] && !actors[r.Object] {
			continue
		}
		if dated && !overlaps(r.Start, r.End, f.From, f.To) {
			continue
		}
		if len(places) > 0 && !inPlace(r.Subject) && !inPlace(r.Object) {
			continue
		}
		out.Relations = append(out.Relations, r)
		keepEnt[r.Subject], keepEnt[r.Object] = true, true
	}
	if len(f.Types) == 0 && !dated && len(places) == 0 {
		for _, a := range facts.Attributes {
			if len(actors) == 0 || actors[a.Entity] {
				out.Attributes = append(out.Attributes, a)
			}
		}
	}
	// Only the claims the kept facts cite.
	cited := map[string]bool{}
	docs := map[string]bool{}
	for _, e := range out.Events {
		mark(cited, e.Claims)
		mark(docs, e.Documents)
	}
	for _, r := range out.Relations {
		mark(cited, r.Claims)
		mark(docs, r.Documents)
	}
	for _, a := range out.Attributes {
		cited[a.Claim] = true
		docs[a.Document] = true
	}
	for _, c := range facts.Claims {
		if cited[c.ID] {
			out.Claims = append(out.Claims, c)
		}
	}
	sel := &Selection{Facts: out, Documents: docs}
	for _, e := range ents {
		if keepEnt[e.ID] {
			sel.Entities = append(sel.Entities, e)
		}
	}
	return sel, nil
}

// within reports whether a geocoded place lies in the place entity p: the
// same gazetteer entry, or p is its country or its first-level division.
func within(pl *dossier.PlaceInfo, p *dossier.Entity) bool {
	if p == nil || p.Place == nil || pl.Country == "" {
		return false
	}
	if pl.GazetteerID != "" && pl.GazetteerID == p.Place.GazetteerID {
		return true
	}
	// GeoNames admin codes: "geonames:AF" is a country, "geonames:AF.18"
	// an admin1; cities carry a numeric id.
	code, ok := strings.CutPrefix(p.Place.GazetteerID, "geonames:")
	if !ok || code == "" || code[0] < 'A' || code[0] > 'Z' {
		return false
	}
	if !strings.Contains(code, ".") {
		return code == pl.Country
	}
	return p.Place.Country == pl.Country && p.Place.Admin1 != "" && p.Place.Admin1 == pl.Admin1
}

// resolveNames maps entity IDs or names to entity IDs.
func resolveNames(names []string, ents []*dossier.Entity, what string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, n := range names {
		found := false
		for _, e := range ents {
			if e.ID == n || strings.EqualFold(e.Name, n) {
				out[e.ID], found = true, true
			}
		}
		if !found {
			for _, e := range ents {
				for _, a := range e.Aliases {
					if strings.EqualFold(a, n) {
						out[e.ID], found = true, true
						break
					}
				}
			}
		}
		if !found {
			return nil, dossier.Errorf(dossier.ENOTFOUND, "no %s is called %q (dossier entity list shows the names)", what, n)
		}
	}
	return out, nil
}

func anyIn(set map[string]bool, lists ...[]string) bool {
	for _, l := range lists {
		for _, id := range l {
			if set[id] {
				return true
			}
		}
	}
	return false
}

func mark(set map[string]bool, ids []string) {
	for _, id := range ids {
		set[id] = true
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// View returns a read-only view of s that answers Documents, Entities and
// Facts with f's selection, so that a writer taking a dossier.Store (the
// native JSON export among them) exports only what f keeps, in the same
// shape. The zero Filter returns s itself.
func (f Filter) View(ctx context.Context, s dossier.Store) (dossier.Store, error) {
	if f.Empty() {
		return s, nil
	}
	ents, err := s.Entities(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	facts, err := s.Facts(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	sel, err := f.Select(ents, facts)
	if err != nil {
		return nil, err
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	// The documents cited by the kept facts or mentioning a kept entity.
	for _, e := range sel.Entities {
		mark(sel.Documents, e.Documents)
	}
	var keptDocs []*dossier.Document
	for _, d := range docs {
		if sel.Documents[d.ID] {
			keptDocs = append(keptDocs, d)
		}
	}
	return &view{Store: s, docs: keptDocs, ents: sel.Entities, facts: sel.Facts}, nil
}

// view is a store narrowed by a filter. Only the three methods exports use
// are narrowed; the others pass through.
type view struct {
	dossier.Store
	docs  []*dossier.Document
	ents  []*dossier.Entity
	facts *dossier.Facts
}

func (v *view) Documents(context.Context) ([]*dossier.Document, error) { return v.docs, nil }
func (v *view) Entities(context.Context) ([]*dossier.Entity, error)    { return v.ents, nil }
func (v *view) Facts(context.Context) (*dossier.Facts, error)          { return v.facts, nil }

// names maps entity IDs to names, for the formats that print names.
func names(ents []*dossier.Entity) map[string]*dossier.Entity {
	m := make(map[string]*dossier.Entity, len(ents))
	for _, e := range ents {
		m[e.ID] = e
	}
	return m
}

// sortedKeys returns a set's keys in order.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
