package extract

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

// Merger merges the reports of one batch of documents into the facts of
// the batches before it, as Merge would over every report in ingest
// order, reading only what the batch's reports can touch:
//   - an event is an incident's state (dossier.Incident) kept between
//     batches; a report's event looks only at the stored incidents of its
//     type that can be on its day (Incidents), in the order they were
//     made, as Merge's does;
//   - a relation is found by its ID, which its subject, predicate, object
//     and span make (Relations);
//   - attributes stay one per document, as in Merge.
//
// Merge reads every entity's name and place once, at the end of
// resolution; a Merger reads those of the places a batch's events name
// when the batch is merged (Entities). That, and an event's place chosen
// again only when a later report joins it, are what may differ from one
// Merge over every report.
type Merger struct {
	Lexicon *lexicon.Lexicon
	// Entities returns the stored entities of ids (type, name and place
	// are read), leaving out those it does not hold.
	Entities func(ids []string) ([]*dossier.Entity, error)
	// Incidents returns the stored incidents that queries find.
	Incidents func(qs []dossier.IncidentQuery) ([]*dossier.Incident, error)
	// Relations returns the stored relations of ids.
	Relations func(ids []string) ([]*dossier.Relation, error)
	// NextOrd is the creation order the first new incident takes.
	NextOrd int64
}

// Merged is what a batch changes among the facts: whole events and
// relations to write, attributes and claims to add, events whose ID is no
// more (a report joined them, and its claim now comes first) and the
// incidents to keep.
type Merged struct {
	Facts            *dossier.Facts
	Removed          []string
	RemovedRelations []string
	Incidents        []*dossier.Incident
}

// normalRelation is rel with the ID its subject, predicate, object and
// span make, a symmetric predicate's subject the lesser ID (as Merge).
func normalRelation(rel *dossier.Relation) *dossier.Relation {
	c := *rel
	if symmetric[c.Predicate] && c.Object < c.Subject {
		c.Subject, c.Object = c.Object, c.Subject
	}
	c.ID = "r-" + hash(c.Subject, c.Predicate, c.Object, c.Start, c.End)
	return &c
}

// incidentState is an incident's state as stored (dossier.Incident.State).
type incidentState struct {
	Draft draftJSON `json:"draft"`
	Sites []string  `json:"sites"`
}

// Merge merges reports, the batch's in ingest order, into the stored
// facts; batch are the batch's entities, which the store may not hold yet.
// moved are stored relations whose subject or object the batch merged
// into another entity, renamed: each is merged again under the ID its new
// names make, before the batch's relations, and its old ID is removed.
func (m *Merger) Merge(reports []*Report, batch []*dossier.Entity, moved []*dossier.Relation) (*Merged, error) {
	pl, located := newPlaceIndex(m.Lexicon)
	pl.add(batch)
	known := map[string]bool{}
	for _, e := range batch {
		known[e.ID] = true
	}
	// learn reads the places of drafts that the index does not know yet.
	learn := func(ds []*eventDraft, sites [][]string) error {
		var ids []string
		want := func(id string) {
			if id != "" && !known[id] {
				known[id] = true
				ids = append(ids, id)
			}
		}
		for _, d := range ds {
			want(d.ev.Place)
			for _, p := range d.places {
				want(p)
			}
		}
		for _, ss := range sites {
			for _, s := range ss {
				want(s)
			}
		}
		if len(ids) == 0 || m.Entities == nil {
			return nil
		}
		sort.Strings(ids)
		ents, err := m.Entities(ids)
		if err != nil {
			return err
		}
		pl.add(ents)
		return nil
	}
	var all []*eventDraft
	for _, r := range reports {
		all = append(all, r.drafts...)
	}
	if err := learn(all, nil); err != nil {
		return nil, err
	}

	// The stored incidents the batch's events can join, by day.
	for _, r := range reports {
		r.drafts = joinUndated(r.drafts, pl.countries)
	}
	var qs []dossier.IncidentQuery
	seenQ := map[dossier.IncidentQuery]bool{}
	for _, r := range reports {
		for _, d := range r.drafts {
			if q, ok := incidentQuery(d); ok && !seenQ[q] {
				seenQ[q] = true
				qs = append(qs, q)
			}
		}
	}
	var stored []*dossier.Incident
	if len(qs) > 0 && m.Incidents != nil {
		var err error
		if stored, err = m.Incidents(qs); err != nil {
			return nil, err
		}
	}
	sort.Slice(stored, func(i, j int) bool { return stored[i].Ord < stored[j].Ord })
	made := map[*eventDraft]int64{}
	storedID := map[*eventDraft]string{}
	byDay := map[string][]*eventDraft{}
	var storedDrafts []*eventDraft
	var storedSites [][]string
	seenInc := map[string]bool{}
	for _, inc := range stored {
		if seenInc[inc.Event] {
			continue
		}
		seenInc[inc.Event] = true
		var st incidentState
		if err := json.Unmarshal(inc.State, &st); err != nil {
			return nil, fmt.Errorf("extract: incident %s: %w", inc.Event, err)
		}
		if st.Draft.Event == nil {
			return nil, fmt.Errorf("extract: incident %s has no event", inc.Event)
		}
		d := draftOf(st.Draft)
		made[d], storedID[d] = inc.Ord, inc.Event
		pl.sites[d] = st.Sites
		storedDrafts = append(storedDrafts, d)
		storedSites = append(storedSites, st.Sites)
		if k := dayKey(d); k != "" {
			byDay[k] = append(byDay[k], d)
		}
	}
	if err := learn(storedDrafts, storedSites); err != nil {
		return nil, err
	}

	// Merge's fold, from where the stored incidents left it.
	insert := func(d *eventDraft) {
		k := dayKey(d)
		if k == "" {
			return
		}
		l := byDay[k]
		i := sort.Search(len(l), func(i int) bool { return made[l[i]] > made[d] })
		byDay[k] = slices.Insert(l, i, d)
	}
	remove := func(d *eventDraft, k string) {
		if k == "" {
			return
		}
		byDay[k] = slices.DeleteFunc(byDay[k], func(o *eventDraft) bool { return o == d })
	}
	var touched []*eventDraft
	dirty := map[*eventDraft]bool{}
	next := m.NextOrd
	for _, r := range reports {
		for _, d := range r.drafts {
			var into *eventDraft
			if k := dayKey(d); k != "" {
				for _, o := range byDay[k] {
					if sameIncident(o, d, pl) {
						into = o
						break
					}
				}
			}
			sites := pl.own(d)
			if into == nil {
				made[d] = next
				next++
				insert(d)
				pl.sites[d] = sites
				into = d
			} else {
				before := dayKey(into)
				absorb(into, d)
				if after := dayKey(into); after != before {
					remove(into, before)
					insert(into)
				}
				pl.sites[into] = append(pl.sites[into], sites...)
			}
			if !dirty[into] {
				dirty[into] = true
				touched = append(touched, into)
			}
		}
	}

	out := &Merged{Facts: &dossier.Facts{Events: []*dossier.Event{}, Relations: []*dossier.Relation{}, Attributes: []*dossier.Attribute{}, Claims: []dossier.Claim{}}}
	for _, d := range touched {
		// The stored state is the fold's, before the place is chosen and
		// the ID made: a later report must find it as Merge would.
		state, err := json.Marshal(incidentState{Draft: jsonOf(d), Sites: nonNilStrings(pl.sites[d])})
		if err != nil {
			return nil, fmt.Errorf("extract: incident state: %w", err)
		}
		ev := *d.ev
		ev.Place = choosePlace(d.places, pl, located, ev.Place)
		ev.ID = "ev-" + hash(ev.Type, firstSorted(ev.Claims))
		if old := storedID[d]; old != "" && old != ev.ID {
			out.Removed = append(out.Removed, old)
		}
		out.Facts.Events = append(out.Facts.Events, &ev)
		if dayKey(d) == "" {
			continue // no later report can join it: nothing to keep
		}
		typ, mmdd, date := incidentDay(d)
		out.Incidents = append(out.Incidents, &dossier.Incident{
			Event: ev.ID, Type: typ, MMDD: mmdd, Date: date, Ord: made[d], State: state, Entities: draftEntities(d, pl.sites[d]),
		})
	}
	sort.Strings(out.Removed)

	// Relations: stored ones first, then the batch's in order, as Merge.
	var rels []*dossier.Relation
	var ids []string
	add := func(rel *dossier.Relation) {
		c := normalRelation(rel)
		rels = append(rels, c)
		ids = append(ids, c.ID)
	}
	for _, rel := range moved {
		if c := normalRelation(rel); c.ID != rel.ID {
			out.RemovedRelations = append(out.RemovedRelations, rel.ID)
		}
		add(rel)
	}
	for _, r := range reports {
		for _, rel := range r.Relations {
			add(rel)
		}
	}
	byRel := map[string]*dossier.Relation{}
	if len(ids) > 0 && m.Relations != nil {
		have, err := m.Relations(uniq(ids))
		if err != nil {
			return nil, err
		}
		gone := map[string]bool{}
		for _, id := range out.RemovedRelations {
			gone[id] = true
		}
		for _, r := range have {
			if gone[r.ID] {
				continue // merged again under its new ID
			}
			c := *r
			byRel[r.ID] = &c
			out.Facts.Relations = append(out.Facts.Relations, &c)
		}
	}
	for _, rel := range rels {
		if o, ok := byRel[rel.ID]; ok {
			o.Documents = uniq(append(o.Documents, rel.Documents...))
			o.Claims = uniqKeep(append(o.Claims, rel.Claims...))
			continue
		}
		rel.Documents = uniq(append([]string(nil), rel.Documents...))
		rel.Claims = uniqKeep(append([]string(nil), rel.Claims...))
		byRel[rel.ID] = rel
		out.Facts.Relations = append(out.Facts.Relations, rel)
	}
	sort.SliceStable(out.Facts.Relations, func(i, j int) bool { return out.Facts.Relations[i].ID < out.Facts.Relations[j].ID })

	seen := map[string]bool{}
	claims := map[string]bool{}
	for _, r := range reports {
		for _, c := range r.Claims {
			if !claims[c.ID] {
				claims[c.ID] = true
				out.Facts.Claims = append(out.Facts.Claims, c)
			}
		}
		for _, a := range r.Attributes {
			key := hash(a.Entity, a.Name, a.Value, quantityKey(a.Quantity), a.Document, a.Claim)
			if seen[key] {
				continue
			}
			seen[key] = true
			c := *a
			c.ID = "a-" + key
			out.Facts.Attributes = append(out.Facts.Attributes, &c)
		}
	}
	return out, nil
}

// dayKey is the list of Merge's that a draft is looked for in: its type
// and day (month and day), "" when it names no day.
func dayKey(d *eventDraft) string {
	typ, mmdd, _ := incidentDay(d)
	if mmdd == "" {
		return ""
	}
	return typ + "\x00" + mmdd
}

// incidentDay is what an incident is found by: its type, its day as
// month and day, and its date when that is a full one.
func incidentDay(d *eventDraft) (typ, mmdd, date string) {
	day := d.partial
	if len(day) != 5 {
		day = ""
	}
	if len(d.ev.Date) == 10 {
		day, date = d.ev.Date[5:], d.ev.Date
	}
	return d.ev.Type, day, date
}

// incidentQuery finds the stored incidents a draft can be one with
// (sameDay): of its type and month and day; with a full date, those of
// that date and those whose date is not a full one.
func incidentQuery(d *eventDraft) (dossier.IncidentQuery, bool) {
	typ, mmdd, date := incidentDay(d)
	return dossier.IncidentQuery{Type: typ, MMDD: mmdd, Date: date}, mmdd != ""
}

// draftEntities are the entities an incident's state names: the entity
// merges that rename them must find it.
func draftEntities(d *eventDraft, sites []string) []string {
	var ids []string
	ids = append(ids, d.ev.Place)
	ids = append(ids, d.places...)
	ids = append(ids, sites...)
	ids = append(ids, d.ev.Perpetrators...)
	ids = append(ids, d.ev.Targets...)
	ids = append(ids, d.ev.Claimants...)
	return uniq(ids)
}

func draftOf(j draftJSON) *eventDraft {
	return &eventDraft{
		ev: j.Event, partial: j.Partial, anaphor: j.Anaphor, specific: j.Specific,
		sentence: j.Sentence, last: j.Last, additive: j.Additive, placeInherited: j.PlaceInherited,
		plural: j.Plural, pluralWord: j.PluralWord, places: j.Places,
	}
}

func jsonOf(d *eventDraft) draftJSON {
	return draftJSON{
		Event: d.ev, Partial: d.partial, Anaphor: d.anaphor, Specific: d.specific,
		Sentence: d.sentence, Last: d.last, Additive: d.additive, PlaceInherited: d.placeInherited,
		Plural: d.plural, PluralWord: d.pluralWord, Places: d.places,
	}
}

func nonNilStrings(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
