package http

// View models: what each page shows, built from the store. The same values
// are rendered by the templates and served as JSON by the API, so a page
// and its download never disagree. Sections the pipeline has not filled
// yet (events, relations, attributes) are empty lists, never invented.

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// Ref names an entity for links.
type Ref struct {
	ID   string             `json:"id"`
	Name string             `json:"name"`
	Type dossier.EntityType `json:"type"`
}

// Cite is one claim as a citation: the source's number on the page, its
// short label and the quoted sentence. Link opens the source reader with
// the sentence highlighted.
type Cite struct {
	N        int    `json:"n"`
	Document string `json:"document"`
	Claim    string `json:"claim"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Quote    string `json:"quote"`
	Label    string `json:"label"`
	Link     string `json:"link"`
}

// Source is a document cited on a page, numbered in order of first
// citation (profile: oldest first).
type Source struct {
	N         int    `json:"n"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Label     string `json:"label"`
	Mentions  int    `json:"mentions,omitempty"`
}

// readerLink is the source reader at a span, scrolled to it.
func readerLink(doc string, start, end int) string {
	return fmt.Sprintf("/documents/%s?hl=%d-%d#hl", doc, start, end)
}

// sourceLabel is the short form of a citation: "New Statesman, 2021-08-27".
func sourceLabel(d *dossier.Document) string {
	who := d.Outlet
	if who == "" {
		who = d.Title
	}
	if who == "" {
		who = filepath.Base(d.Source)
	}
	when := d.Published
	if when == "" {
		when = "undated"
	}
	return who + ", " + when
}

// world is what every view is built from: the documents, entity names and
// facts, loaded once per request. Stores answer these from indexes; a
// request never loads every entity's mentions.
type world struct {
	docs     []*dossier.Document
	docByID  map[string]*dossier.Document
	ents     []dossier.EntitySummary
	entByID  map[string]*dossier.EntitySummary
	facts    *dossier.Facts
	claimsBy map[string]dossier.Claim
}

func loadWorld(ctx context.Context, st dossier.Store) (*world, error) {
	w := &world{docByID: map[string]*dossier.Document{}, entByID: map[string]*dossier.EntitySummary{}, claimsBy: map[string]dossier.Claim{}}
	var err error
	if w.docs, err = st.Documents(ctx); err != nil {
		return nil, err
	}
	for _, d := range w.docs {
		w.docByID[d.ID] = d
	}
	if w.ents, err = st.EntityList(ctx); err != nil {
		return nil, err
	}
	for i := range w.ents {
		w.entByID[w.ents[i].ID] = &w.ents[i]
	}
	if w.facts, err = st.Facts(ctx); err != nil {
		return nil, err
	}
	for _, c := range w.facts.Claims {
		w.claimsBy[c.ID] = c
	}
	return w, nil
}

// ref names an entity; an ID the store does not know (a fact citing an
// entity resolution later dropped) still gets a link, named by its ID.
func (w *world) ref(id string) Ref {
	if e := w.entByID[id]; e != nil {
		return Ref{ID: e.ID, Name: e.Name, Type: e.Type}
	}
	return Ref{ID: id, Name: id}
}

func (w *world) refs(ids []string) []Ref {
	out := []Ref{}
	for _, id := range ids {
		out = append(out, w.ref(id))
	}
	return out
}

// citer numbers the sources a page cites, in order of first citation
// unless they were numbered beforehand.
type citer struct {
	w       *world
	num     map[string]int
	Sources []Source
}

func newCiter(w *world) *citer { return &citer{w: w, num: map[string]int{}} }

func (c *citer) source(doc string) int {
	if n, ok := c.num[doc]; ok {
		return n
	}
	n := len(c.Sources) + 1
	c.num[doc] = n
	s := Source{N: n, ID: doc, Label: doc}
	if d := c.w.docByID[doc]; d != nil {
		s.Title, s.Outlet, s.Published, s.Source, s.Label = d.Title, d.Outlet, d.Published, d.Source, sourceLabel(d)
	}
	c.Sources = append(c.Sources, s)
	return n
}

func (c *citer) cite(cl dossier.Claim) Cite {
	n := c.source(cl.Document)
	return Cite{N: n, Document: cl.Document, Claim: cl.ID, Start: cl.Start, End: cl.End, Quote: cl.Quote,
		Label: c.Sources[n-1].Label, Link: readerLink(cl.Document, cl.Start, cl.End)}
}

// claim cites a claim by ID; ok is false when the store lacks it.
func (c *citer) claim(id string) (Cite, bool) {
	cl, ok := c.w.claimsBy[id]
	if !ok {
		return Cite{}, false
	}
	return c.cite(cl), true
}

func (c *citer) claims(ids []string) []Cite {
	out := []Cite{}
	for _, id := range ids {
		if ct, ok := c.claim(id); ok {
			out = append(out, ct)
		}
	}
	return out
}

// Figure is one source's number for a count, with its citation.
type Figure struct {
	Min  int    `json:"min"`
	Max  *int   `json:"max"`
	Text string `json:"text"` // "85", "100+", "1,500–2,200"
	N    int    `json:"n"`    // source number
	Cite *Cite  `json:"cite,omitempty"`
	// Counted is who the figure counts, as the source words it.
	Counted []string `json:"counted,omitempty"`
}

// Count is every source's figure for one count of an event (killed,
// injured, arrested), side by side.
type Count struct {
	What      string   `json:"what"`
	Figures   []Figure `json:"figures"`
	Contested bool     `json:"contested"`
	// Summary is the figure chosen by Rule (package reconcile) when
	// several sources give one.
	Summary string `json:"summary,omitempty"`
	Rule    string `json:"rule,omitempty"`
}

func (c *citer) count(what string, qs []dossier.Quantity) Count {
	out := Count{What: what, Figures: []Figure{}}
	published := func(doc string) string {
		if d := c.w.docByID[doc]; d != nil {
			return d.Published
		}
		return ""
	}
	if f, ok := reconcile.Figures(qs, published); ok {
		out.Contested = f.Contested
		if len(qs) > 1 {
			out.Summary, out.Rule = figureText(f.Min, f.Max), f.Rule
		}
	}
	for _, q := range qs {
		f := Figure{Min: q.Min, Max: q.Max, Text: figureText(q.Min, q.Max), N: c.source(q.Document), Counted: q.Counted}
		if ct, ok := c.claim(q.Claim); ok {
			f.Cite = &ct
		}
		out.Figures = append(out.Figures, f)
	}
	return out
}

// figureText writes a figure as sources would: exact, lower bound or range.
func figureText(min int, max *int) string {
	switch {
	case max == nil:
		return thousands(min) + "+"
	case *max == min:
		return thousands(min)
	}
	return thousands(min) + "–" + thousands(*max)
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// EventRow is an event in a table, timeline or map.
type EventRow struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	Subtype      string  `json:"subtype"`
	Date         string  `json:"date"`
	Place        *Ref    `json:"place"`
	Lat          float64 `json:"lat,omitempty"`
	Lon          float64 `json:"lon,omitempty"`
	Located      bool    `json:"located"`
	Perpetrators []Ref   `json:"perpetrators"`
	Targets      []Ref   `json:"targets"`
	Killed       Count   `json:"killed"`
	Injured      Count   `json:"injured"`
	Sources      int     `json:"sources"`
	Summary      string  `json:"summary"`
	// MaxKilled is the largest figure any source gives (lower bounds
	// count as given), for sizing map markers.
	MaxKilled int `json:"max_killed"`
}

func (w *world) eventRow(c *citer, e *dossier.Event) EventRow {
	r := EventRow{ID: e.ID, Type: e.Type, Subtype: e.Subtype, Date: e.Date, Summary: e.Summary,
		Perpetrators: w.refs(e.Perpetrators), Targets: w.refs(e.Targets),
		Killed: c.count("killed", e.Killed), Injured: c.count("injured", e.Injured), Sources: len(e.Documents)}
	if e.Place != "" {
		p := w.ref(e.Place)
		r.Place = &p
		if s := w.entByID[e.Place]; s != nil && s.Place != nil {
			r.Lat, r.Lon, r.Located = s.Place.Lat, s.Place.Lon, true
		}
	}
	for _, q := range e.Killed {
		r.MaxKilled = max(r.MaxKilled, q.Min)
		if q.Max != nil {
			r.MaxKilled = max(r.MaxKilled, *q.Max)
		}
	}
	return r
}

// EventFilter selects events for the timeline, map and downloads.
type EventFilter struct {
	Actor string `json:"actor,omitempty"` // entity ID in any role
	Type  string `json:"type,omitempty"`
	From  string `json:"from,omitempty"` // date prefix bounds, inclusive
	To    string `json:"to,omitempty"`
}

func (f EventFilter) match(e *dossier.Event) bool {
	if f.Type != "" && e.Type != f.Type {
		return false
	}
	if f.From != "" && (e.Date == "" || e.Date < f.From && !strings.HasPrefix(f.From, e.Date)) {
		return false
	}
	if f.To != "" && (e.Date == "" || e.Date > f.To && !strings.HasPrefix(e.Date, f.To)) {
		return false
	}
	if f.Actor != "" {
		return e.Place == f.Actor || slices.Contains(e.Perpetrators, f.Actor) ||
			slices.Contains(e.Targets, f.Actor) || slices.Contains(e.Claimants, f.Actor)
	}
	return true
}

// Timeline is the events page: the filtered events, oldest first, undated
// last.
type Timeline struct {
	Filter    EventFilter `json:"filter"`
	Actor     *Ref        `json:"actor,omitempty"`
	Events    []EventRow  `json:"events"`
	Total     int         `json:"total"` // events in the store
	Types     []string    `json:"types"` // for the filter menu
	Sources   []Source    `json:"sources"`
	Years     []YearCount `json:"years"`
	Extracted bool        `json:"extracted"` // whether any event is stored
}

// YearCount is the number of events in a year, for the timeline strip.
type YearCount struct {
	Year  string `json:"year"`
	Count int    `json:"count"`
	// Pct is Count against the busiest year, for the bar's width.
	Pct int `json:"pct"`
}

var eventTypes = []string{dossier.Attack, dossier.Clash, dossier.Strike, dossier.Arrest, dossier.Designation,
	dossier.LeadershipChange, dossier.Pledge, dossier.Plot, dossier.OtherEvent}

func (w *world) timeline(f EventFilter) *Timeline {
	c := newCiter(w)
	t := &Timeline{Filter: f, Events: []EventRow{}, Total: len(w.facts.Events), Types: eventTypes, Years: []YearCount{},
		Extracted: len(w.facts.Events) > 0}
	if f.Actor != "" {
		r := w.ref(f.Actor)
		t.Actor = &r
	}
	for _, e := range w.facts.Events {
		if f.match(e) {
			t.Events = append(t.Events, w.eventRow(c, e))
		}
	}
	sortEvents(t.Events)
	years := map[string]int{}
	most := 0
	for _, e := range t.Events {
		y := "undated"
		if len(e.Date) >= 4 {
			y = e.Date[:4]
		}
		years[y]++
		most = max(most, years[y])
	}
	for y, n := range years {
		t.Years = append(t.Years, YearCount{Year: y, Count: n, Pct: 100 * n / most})
	}
	sort.Slice(t.Years, func(i, j int) bool { return t.Years[i].Year < t.Years[j].Year })
	t.Sources = c.Sources
	return t
}

func sortEvents(es []EventRow) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i].Date, es[j].Date
		if (a == "") != (b == "") {
			return a != ""
		}
		return a < b
	})
}

// EventPage is one event with every source's account.
type EventPage struct {
	EventRow
	Claimants  []Ref  `json:"claimants"`
	ClaimedVia string `json:"claimed_via"`
	TargetType string `json:"target_type"`
	// Aimed are targets the sources describe without naming them.
	Aimed   []string `json:"target_descriptions,omitempty"`
	Counts  []Count  `json:"counts"`
	Claims  []Cite   `json:"claims"`
	Sources []Source `json:"sources"`
}

func (w *world) eventPage(id string) (*EventPage, error) {
	for _, e := range w.facts.Events {
		if e.ID != id {
			continue
		}
		c := newCiter(w)
		for _, d := range e.Documents {
			c.source(d)
		}
		p := &EventPage{EventRow: w.eventRow(c, e), Claimants: w.refs(e.Claimants), ClaimedVia: e.ClaimedVia, TargetType: e.TargetType, Aimed: e.TargetDescriptions}
		p.Counts = []Count{p.Killed, p.Injured, c.count("arrested", e.Arrested)}
		p.Claims = c.claims(e.Claims)
		p.Sources = c.Sources
		return p, nil
	}
	return nil, dossier.Errorf(dossier.ENOTFOUND, "no event %s", id)
}

// Profile is an actor's page.
type Profile struct {
	Ref
	Reason    string             `json:"reason"`
	Place     *dossier.PlaceInfo `json:"place,omitempty"`
	Aliases   []AliasView        `json:"aliases"`
	Facts     []FactGroup        `json:"facts"`
	Leaders   []RelationView     `json:"leadership"`
	Sizes     []SizeView         `json:"sizes"`
	Areas     []Area             `json:"areas"`
	Relations []RelationView     `json:"relations"`
	Events    []EventRow         `json:"events"`
	Disputes  []Dispute          `json:"disagreements"`
	Sentences []Cite             `json:"sentences"`
	Sources   []Source           `json:"sources"`
	Others    []Ref              `json:"others"` // entities sharing a name
	// Extracted says whether the store holds any event, relation or
	// attribute at all, so that an empty section can say why.
	Extracted bool `json:"extracted"`
}

// AliasView is one name with how often and in which sources it was seen.
type AliasView struct {
	Name    string `json:"name"`
	Count   int    `json:"count"`
	Sources []int  `json:"sources"`
}

// FactGroup is every source's statement of one attribute (founded,
// ideology, aim), side by side.
type FactGroup struct {
	Name      string      `json:"name"`
	Values    []FactValue `json:"values"`
	Contested bool        `json:"contested"`
}

// FactValue is one source's statement.
type FactValue struct {
	Value string `json:"value"`
	AsOf  string `json:"as_of,omitempty"`
	By    string `json:"by,omitempty"`
	Cite  *Cite  `json:"cite,omitempty"`
}

// SizeView is one size estimate.
type SizeView struct {
	AsOf string `json:"as_of"`
	By   string `json:"by"`
	Figure
}

// RelationView is a relation seen from the profile's entity: Other is the
// entity at the other end, Outgoing whether the profile's entity is the
// subject ("IS-K rival_of Taliban") or the object ("X leader_of IS-K").
type RelationView struct {
	ID        string `json:"id"`
	Predicate string `json:"predicate"`
	Label     string `json:"label"`
	Other     Ref    `json:"other"`
	Outgoing  bool   `json:"outgoing"`
	Start     string `json:"start"`
	End       string `json:"end"`
	// EndReason is "died" when the end is the person's reported death,
	// not a source's word on the role.
	EndReason string `json:"end_reason,omitempty"`
	Cites     []Cite `json:"cites"`
}

// Area is a place the actor operates in or where its events happened.
type Area struct {
	Ref
	Lat     float64 `json:"lat,omitempty"`
	Lon     float64 `json:"lon,omitempty"`
	Located bool    `json:"located"`
	Why     string  `json:"why"` // "operates_in", "event"
	Cites   []Cite  `json:"cites"`
}

// Dispute is one point where sources disagree.
type Dispute struct {
	What   string   `json:"what"`
	Link   string   `json:"link,omitempty"`
	Values []string `json:"values"`
	Cites  []Cite   `json:"cites"`
}

// predicateLabels say a relation in words, from the subject's side and
// from the object's.
var predicateLabels = map[string][2]string{
	"leader_of":       {"leads", "led by"},
	"deputy_of":       {"deputy of", "deputy"},
	"spokesperson_of": {"spokesperson of", "spokesperson"},
	"member_of":       {"member of", "member"},
	"founded_by":      {"founded by", "founded"},
	"affiliate_of":    {"affiliate of", "affiliate"},
	"splinter_of":     {"splinter of", "splinter group"},
	"rival_of":        {"rival of", "rival of"},
	"allied_with":     {"allied with", "allied with"},
	"operates_in":     {"operates in", "area of"},
	"recruited_from":  {"recruits from", "recruiting ground of"},
	"designated_by":   {"designated by", "designated"},
}

func relationLabel(pred string, outgoing bool) string {
	l, ok := predicateLabels[pred]
	if !ok {
		return strings.ReplaceAll(pred, "_", " ")
	}
	if outgoing {
		return l[0]
	}
	return l[1]
}

// leadership predicates go to the leadership timeline when the profile's
// entity is their object (the group led).
var leadership = map[string]bool{"leader_of": true, "deputy_of": true, "spokesperson_of": true}

func (w *world) profile(e *dossier.Entity, others []Ref) *Profile {
	c := newCiter(w)
	// Number the entity's documents oldest first, undated last, as the
	// CLI profile does, so [n] means the same source in both.
	docs := append([]string(nil), e.Documents...)
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := w.docByID[docs[i]], w.docByID[docs[j]]
		if a == nil || b == nil {
			return b == nil && a != nil
		}
		if (a.Published == "") != (b.Published == "") {
			return a.Published != ""
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		return a.Source < b.Source
	})
	mentions := map[string]int{}
	for _, m := range e.Mentions {
		mentions[m.Document]++
	}
	for _, d := range docs {
		c.source(d)
	}
	for i := range c.Sources {
		c.Sources[i].Mentions = mentions[c.Sources[i].ID]
	}
	p := &Profile{Ref: Ref{ID: e.ID, Name: e.Name, Type: e.Type}, Reason: e.Reason, Place: e.Place,
		Aliases: []AliasView{}, Facts: []FactGroup{}, Leaders: []RelationView{}, Sizes: []SizeView{}, Areas: []Area{},
		Relations: []RelationView{}, Events: []EventRow{}, Disputes: []Dispute{}, Sentences: []Cite{}, Others: others,
		Extracted: len(w.facts.Events)+len(w.facts.Relations)+len(w.facts.Attributes) > 0}
	if p.Others == nil {
		p.Others = []Ref{}
	}

	counts := map[string]int{}
	where := map[string]map[int]bool{}
	for _, m := range e.Mentions {
		counts[m.Text]++
		if where[m.Text] == nil {
			where[m.Text] = map[int]bool{}
		}
		where[m.Text][c.source(m.Document)] = true
	}
	for _, a := range e.Aliases {
		av := AliasView{Name: a, Count: counts[a], Sources: []int{}}
		for n := range where[a] {
			av.Sources = append(av.Sources, n)
		}
		sort.Ints(av.Sources)
		p.Aliases = append(p.Aliases, av)
	}

	// Attributes: sizes over time, other facts grouped by name.
	groups := map[string]*FactGroup{}
	var order []string
	var groupQuotes = map[string][]Cite{}
	tallies := map[string]bool{} // figures over periods: never contested against each other
	for _, a := range w.facts.Attributes {
		if a.Entity != e.ID {
			continue
		}
		var cite *Cite
		if ct, ok := c.claim(a.Claim); ok {
			cite = &ct
		}
		if a.Name == "size" && a.Quantity != nil {
			f := Figure{Min: a.Quantity.Min, Max: a.Quantity.Max, Text: figureText(a.Quantity.Min, a.Quantity.Max),
				N: c.source(a.Document), Cite: cite}
			p.Sizes = append(p.Sizes, SizeView{AsOf: a.AsOf, By: a.By, Figure: f})
			continue
		}
		g := groups[a.Name]
		if g == nil {
			g = &FactGroup{Name: a.Name}
			groups[a.Name] = g
			order = append(order, a.Name)
		}
		value := a.Value
		if a.Quantity != nil {
			tallies[a.Name] = true
			// A tally: "84 (2017/2018)".
			value = figureText(a.Quantity.Min, a.Quantity.Max)
			if a.Value != "" {
				value += " (" + a.Value + ")"
			}
		}
		g.Values = append(g.Values, FactValue{Value: value, AsOf: a.AsOf, By: a.By, Cite: cite})
		if cite != nil {
			groupQuotes[a.Name] = append(groupQuotes[a.Name], *cite)
		}
	}
	for _, name := range order {
		g := groups[name]
		vals := make([]string, len(g.Values))
		for i, v := range g.Values {
			vals[i] = v.Value
		}
		g.Contested = !tallies[name] && Disagree(vals)
		p.Facts = append(p.Facts, *g)
		if g.Contested {
			p.Disputes = append(p.Disputes, Dispute{What: name, Values: distinct(vals), Cites: groupQuotes[name]})
		}
	}
	sort.SliceStable(p.Sizes, func(i, j int) bool { return p.Sizes[i].AsOf < p.Sizes[j].AsOf })

	// Relations, the leadership timeline and areas of operation.
	areas := map[string]int{}
	addArea := func(id, why string, cites []Cite) {
		i, ok := areas[id]
		if !ok {
			a := Area{Ref: w.ref(id), Why: why, Cites: []Cite{}}
			if s := w.entByID[id]; s != nil && s.Place != nil {
				a.Lat, a.Lon, a.Located = s.Place.Lat, s.Place.Lon, true
			}
			i = len(p.Areas)
			areas[id] = i
			p.Areas = append(p.Areas, a)
		}
		// One citation per source is enough beside a place name.
		for _, ct := range cites {
			dup := false
			for _, have := range p.Areas[i].Cites {
				dup = dup || have.N == ct.N
			}
			if !dup {
				p.Areas[i].Cites = append(p.Areas[i].Cites, ct)
			}
		}
	}
	type relKey struct {
		pred, other string
		out         bool
		start, end  string
	}
	relSeen := map[relKey]int{}
	for _, r := range w.facts.Relations {
		var rv RelationView
		switch e.ID {
		case r.Subject:
			rv = RelationView{Other: w.ref(r.Object), Outgoing: true}
		case r.Object:
			rv = RelationView{Other: w.ref(r.Subject)}
		default:
			continue
		}
		rv.ID, rv.Predicate, rv.Start, rv.End = r.ID, r.Predicate, r.Start, r.End
		rv.Label = relationLabel(r.Predicate, rv.Outgoing)
		rv.Cites = c.claims(r.Claims)
		// The same relation stated by several sources is one row with
		// all their citations.
		if i, ok := relSeen[relKey{rv.Predicate, rv.Other.ID, rv.Outgoing, rv.Start, rv.End}]; ok {
			p.Relations[i].Cites = append(p.Relations[i].Cites, rv.Cites...)
			continue
		}
		switch {
		case leadership[r.Predicate] && !rv.Outgoing:
			p.Leaders = append(p.Leaders, rv)
		case r.Predicate == "operates_in" && rv.Outgoing:
			addArea(r.Object, "operates_in", rv.Cites)
		default:
			relSeen[relKey{rv.Predicate, rv.Other.ID, rv.Outgoing, rv.Start, rv.End}] = len(p.Relations)
			p.Relations = append(p.Relations, rv)
		}
	}
	// A leader's death, reported in any document, ends a role no source
	// ends (as in package profile).
	died := map[string]*dossier.Attribute{}
	for _, a := range w.facts.Attributes {
		if a.Name == "died" && a.Value != "" {
			if o := died[a.Entity]; o == nil || a.Value < o.Value {
				died[a.Entity] = a
			}
		}
	}
	for i := range p.Leaders {
		l := &p.Leaders[i]
		a := died[l.Other.ID]
		if l.End != "" || a == nil || l.Start != "" && a.Value < l.Start[:min(len(l.Start), len(a.Value))] {
			continue
		}
		l.End, l.EndReason = a.Value, "died"
		l.Cites = append(l.Cites, c.claims([]string{a.Claim})...)
	}
	// An undated line for a role the same person also holds with a date
	// adds its citations to the dated line instead of repeating it.
	var leaders []RelationView
	for _, l := range p.Leaders {
		if l.Start != "" || l.End != "" {
			leaders = append(leaders, l)
		}
	}
	for _, l := range p.Leaders {
		if l.Start != "" || l.End != "" {
			continue
		}
		folded := false
		for i := range leaders {
			if leaders[i].Other.ID == l.Other.ID && leaders[i].Predicate == l.Predicate {
				leaders[i].Cites = append(leaders[i].Cites, l.Cites...)
				folded = true
				break
			}
		}
		if !folded {
			leaders = append(leaders, l)
		}
	}
	p.Leaders = append(p.Leaders[:0], leaders...)
	sort.SliceStable(p.Leaders, func(i, j int) bool {
		a, b := p.Leaders[i].Start, p.Leaders[j].Start
		if (a == "") != (b == "") {
			return a != ""
		}
		return a < b
	})

	// Events in any role, and their places as areas.
	f := EventFilter{Actor: e.ID}
	for _, ev := range w.facts.Events {
		if !f.match(ev) {
			continue
		}
		row := w.eventRow(c, ev)
		p.Events = append(p.Events, row)
		if ev.Place != "" && ev.Place != e.ID {
			addArea(ev.Place, "event", c.claims(ev.Claims))
		}
		for _, cnt := range []Count{row.Killed, row.Injured} {
			if !cnt.Contested {
				continue
			}
			d := Dispute{What: fmt.Sprintf("%s in %s %s", cnt.What, strings.ReplaceAll(ev.Type, "_", " "), ev.Date),
				Link: "/events/" + ev.ID}
			for _, fg := range cnt.Figures {
				d.Values = append(d.Values, fmt.Sprintf("%s [%d]", fg.Text, fg.N))
				if fg.Cite != nil {
					d.Cites = append(d.Cites, *fg.Cite)
				}
			}
			p.Disputes = append(p.Disputes, d)
		}
	}
	sortEvents(p.Events)

	for _, cl := range e.Claims {
		p.Sentences = append(p.Sentences, c.cite(cl))
	}
	sort.SliceStable(p.Sentences, func(i, j int) bool {
		a, b := p.Sentences[i], p.Sentences[j]
		if a.N != b.N {
			return a.N < b.N
		}
		return a.Start < b.Start
	})
	p.Sources = c.Sources
	return p
}

func distinct(vals []string) []string {
	var out []string
	for _, v := range vals {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
