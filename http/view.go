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

// world is what a view is built from: the documents, entity names and
// claims that the page's facts name, loaded by ID for that page alone
// (see needs), never the whole store.
type world struct {
	docByID  map[string]*dossier.Document
	entByID  map[string]*dossier.EntitySummary
	claimsBy map[string]dossier.Claim
}

// needs collects the IDs of the documents, entities and claims that the
// facts a page shows name, so that one query of each kind loads them.
type needs struct{ ents, docs, claims map[string]bool }

func newNeeds() *needs {
	return &needs{ents: map[string]bool{}, docs: map[string]bool{}, claims: map[string]bool{}}
}

func (n *needs) entity(ids ...string) {
	for _, id := range ids {
		if id != "" {
			n.ents[id] = true
		}
	}
}

func (n *needs) doc(ids ...string) {
	for _, id := range ids {
		if id != "" {
			n.docs[id] = true
		}
	}
}

func (n *needs) claim(ids ...string) {
	for _, id := range ids {
		if id != "" {
			n.claims[id] = true
		}
	}
}

func (n *needs) quantities(qs ...[]dossier.Quantity) {
	for _, q := range qs {
		for _, x := range q {
			n.doc(x.Document)
			n.claim(x.Claim)
		}
	}
}

func (n *needs) event(e *dossier.Event) {
	n.entity(e.Perpetrators...)
	n.entity(e.Targets...)
	n.entity(e.Claimants...)
	n.entity(e.Place)
	n.doc(e.Documents...)
	n.claim(e.Claims...)
	n.quantities(e.Killed, e.Injured, e.Arrested, e.Kidnapped)
}

func (n *needs) relation(r *dossier.Relation) {
	n.entity(r.Subject, r.Object)
	n.doc(r.Documents...)
	n.claim(r.Claims...)
}

func (n *needs) attribute(a *dossier.Attribute) {
	n.entity(a.Entity)
	n.doc(a.Document)
	n.claim(a.Claim)
	if a.Quantity != nil {
		n.quantities([]dossier.Quantity{*a.Quantity})
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// load reads what n names: three queries by ID, whatever the size of the
// store.
func load(ctx context.Context, pg dossier.Pages, n *needs) (*world, error) {
	w := &world{docByID: map[string]*dossier.Document{}, entByID: map[string]*dossier.EntitySummary{}, claimsBy: map[string]dossier.Claim{}}
	ents, err := pg.EntitySummaries(ctx, keys(n.ents))
	if err != nil {
		return nil, err
	}
	for i := range ents {
		w.entByID[ents[i].ID] = &ents[i]
	}
	claims, err := pg.ClaimsByID(ctx, keys(n.claims))
	if err != nil {
		return nil, err
	}
	for _, c := range claims {
		w.claimsBy[c.ID] = c
		n.doc(c.Document)
	}
	docs, err := pg.DocumentsByID(ctx, keys(n.docs))
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		w.docByID[d.ID] = d
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

// query is the filter as the store's event query.
func (f EventFilter) query() dossier.EventQuery {
	return dossier.EventQuery{Actor: f.Actor, Type: f.Type, From: f.From, To: f.To}
}

// Timeline is the events page: a page of the filtered events, oldest
// first, undated last. Total (in Paging) counts the filtered events,
// Stored every event in the store.
type Timeline struct {
	Filter EventFilter `json:"filter"`
	Actor  *Ref        `json:"actor,omitempty"`
	Events []EventRow  `json:"events"`
	Paging
	Stored    int         `json:"stored"`
	Types     []string    `json:"types"` // for the filter menu
	Sources   []Source    `json:"sources"`
	Years     []YearCount `json:"years"`     // of the filtered events, every page
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

// timeline reads one page of the filtered events and what they name.
func timeline(ctx context.Context, pg dossier.Pages, f EventFilter, req dossier.PageRequest) (*Timeline, *dossier.Page[*dossier.Event], error) {
	q := f.query()
	q.PageRequest = req
	page, err := pg.EventPage(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	years, err := pg.EventYears(ctx, f.query())
	if err != nil {
		return nil, nil, err
	}
	counts, err := pg.Counts(ctx)
	if err != nil {
		return nil, nil, err
	}
	n := newNeeds()
	n.entity(f.Actor)
	for _, e := range page.Items {
		n.event(e)
	}
	w, err := load(ctx, pg, n)
	if err != nil {
		return nil, nil, err
	}
	c := newCiter(w)
	t := &Timeline{Filter: f, Events: []EventRow{}, Stored: counts.Events, Types: eventTypes, Years: []YearCount{},
		Extracted: counts.Events > 0}
	if f.Actor != "" {
		r := w.ref(f.Actor)
		t.Actor = &r
	}
	for _, e := range page.Items {
		t.Events = append(t.Events, w.eventRow(c, e))
	}
	most := 0
	for _, y := range years {
		most = max(most, y.Count)
	}
	for _, y := range years {
		t.Years = append(t.Years, YearCount{Year: y.Key, Count: y.Count, Pct: 100 * y.Count / most})
	}
	t.Sources = c.Sources
	return t, page, nil
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

// eventPage reads one event and what it names.
func eventPage(ctx context.Context, pg dossier.Pages, id string) (*EventPage, error) {
	evs, err := pg.EventsByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(evs) == 0 {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no event %s", id)
	}
	e := evs[0]
	n := newNeeds()
	n.event(e)
	w, err := load(ctx, pg, n)
	if err != nil {
		return nil, err
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

// ProfileTop is how many entries each section of a profile shows at
// most: the most used names, the most recent documents and events, a few
// sentences from each of those documents, the first relations and
// statements of each fact. Totals says
// how many there are in all; each section links to its whole list, a page
// at a time.
const ProfileTop = 20

// Profile is an actor's page: a summary, each section capped at
// ProfileTop entries.
type Profile struct {
	Ref
	Reason    string             `json:"reason"`
	Place     *dossier.PlaceInfo `json:"place,omitempty"`
	Mentions  int                `json:"mentions"`
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
	Totals    ProfileTotals      `json:"totals"`
	// Extracted says whether the store holds any event, relation or
	// attribute at all, so that an empty section can say why.
	Extracted bool `json:"extracted"`
}

// ProfileTotals is how many entries each section of a profile has in
// all, of which it shows at most ProfileTop.
type ProfileTotals struct {
	Aliases    int `json:"aliases"`
	Documents  int `json:"documents"`
	Sentences  int `json:"sentences"`
	Events     int `json:"events"`
	Leadership int `json:"leadership"`
	Areas      int `json:"areas"` // operates_in relations
	Relations  int `json:"relations"`
	Attributes int `json:"attributes"`
}

// AliasView is one name with how often and in which sources it was seen.
type AliasView struct {
	Name    string `json:"name"`
	Count   int    `json:"count"`
	Sources []int  `json:"sources"`
}

// FactGroup is every source's statement of one attribute (founded,
// ideology, aim), side by side; Total counts the statements, of which
// Values holds at most ProfileTop.
type FactGroup struct {
	Name      string      `json:"name"`
	Values    []FactValue `json:"values"`
	Contested bool        `json:"contested"`
	Total     int         `json:"total"`
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

// profileData is what a profile is built from: the entity's heading and
// one short page of each of its lists.
type profileData struct {
	card                   *dossier.EntityCard
	aliases                *dossier.Page[dossier.AliasCount]
	docs                   *dossier.Page[dossier.DocumentCount]
	forms                  []dossier.MentionForm
	quotes                 []dossier.Claim // a few from each document shown
	events                 *dossier.Page[*dossier.Event]
	leaders, areas, others *dossier.Page[*dossier.Relation]
	attrs                  []*dossier.Attribute // at most ProfileTop of each name
	attrTotals             map[string]int       // statements of each name
	died                   []*dossier.Attribute // of the leaders
	shared                 []dossier.EntitySummary
	extracted              bool
}

// readProfile reads what the profile of entity id shows: a few short
// pages, each query bounded by ProfileTop.
func readProfile(ctx context.Context, pg dossier.Pages, id string) (*profileData, error) {
	d := &profileData{attrTotals: map[string]int{}}
	var err error
	if d.card, err = pg.EntityCard(ctx, id); err != nil {
		return nil, err
	}
	top := dossier.PageRequest{Limit: ProfileTop}
	if d.aliases, err = pg.EntityAliases(ctx, id, top); err != nil {
		return nil, err
	}
	if d.docs, err = pg.EntityDocuments(ctx, id, top); err != nil {
		return nil, err
	}
	docs := make([]string, len(d.docs.Items))
	for i, dc := range d.docs.Items {
		docs[i] = dc.ID
	}
	if d.forms, err = pg.MentionForms(ctx, id, docs); err != nil {
		return nil, err
	}
	if d.quotes, err = pg.EntityQuotes(ctx, id, docs, max(1, ProfileTop/max(1, len(docs)))); err != nil {
		return nil, err
	}
	if d.events, err = pg.EventPage(ctx, dossier.EventQuery{Actor: id, Newest: true, PageRequest: top}); err != nil {
		return nil, err
	}
	for _, k := range []struct {
		kind string
		page **dossier.Page[*dossier.Relation]
	}{{dossier.LeadershipRelations, &d.leaders}, {dossier.AreaRelations, &d.areas}, {dossier.OtherRelations, &d.others}} {
		if *k.page, err = pg.RelationPage(ctx, dossier.RelationQuery{Entity: id, Kind: k.kind, PageRequest: top}); err != nil {
			return nil, err
		}
	}
	names, err := pg.AttributeNames(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, b := range names {
		d.attrTotals[b.Key] = b.Count
		page, err := pg.AttributePage(ctx, dossier.AttributeQuery{Entity: id, Name: b.Key, PageRequest: top})
		if err != nil {
			return nil, err
		}
		d.attrs = append(d.attrs, page.Items...)
	}
	seen := map[string]bool{}
	for _, r := range d.leaders.Items {
		if seen[r.Subject] {
			continue
		}
		seen[r.Subject] = true
		page, err := pg.AttributePage(ctx, dossier.AttributeQuery{Entity: r.Subject, Name: "died", PageRequest: top})
		if err != nil {
			return nil, err
		}
		d.died = append(d.died, page.Items...)
	}
	if d.shared, err = pg.SharedNames(ctx, id, ProfileTop); err != nil {
		return nil, err
	}
	counts, err := pg.Counts(ctx)
	if err != nil {
		return nil, err
	}
	d.extracted = counts.Events+counts.Relations+counts.Attributes > 0
	return d, nil
}

// needs names what the profile's facts cite.
func (d *profileData) needs() *needs {
	n := newNeeds()
	for _, e := range d.events.Items {
		n.event(e)
	}
	for _, p := range []*dossier.Page[*dossier.Relation]{d.leaders, d.areas, d.others} {
		for _, r := range p.Items {
			n.relation(r)
		}
	}
	for _, a := range d.attrs {
		n.attribute(a)
	}
	for _, a := range d.died {
		n.attribute(a)
	}
	for _, dc := range d.docs.Items {
		n.doc(dc.ID)
	}
	return n
}

// buildProfile reads and builds the profile of entity id.
func buildProfile(ctx context.Context, pg dossier.Pages, id string) (*Profile, error) {
	d, err := readProfile(ctx, pg, id)
	if err != nil {
		return nil, err
	}
	w, err := load(ctx, pg, d.needs())
	if err != nil {
		return nil, err
	}
	for _, dc := range d.docs.Items {
		w.docByID[dc.ID] = dc.Document
	}
	return w.profile(d), nil
}

func (w *world) profile(d *profileData) *Profile {
	c := newCiter(w)
	e := d.card
	// Number the documents shown oldest first, undated last, as the CLI
	// profile does.
	docs := slices.Clone(d.docs.Items)
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i], docs[j]
		if (a.Published == "") != (b.Published == "") {
			return a.Published != ""
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		return a.Source < b.Source
	})
	mentions := map[string]int{}
	for _, dc := range docs {
		c.source(dc.ID)
		mentions[dc.ID] = dc.Mentions
	}
	p := &Profile{Ref: Ref{ID: e.ID, Name: e.Name, Type: e.Type}, Reason: e.Reason, Place: e.Place, Mentions: e.Mentions,
		Aliases: []AliasView{}, Facts: []FactGroup{}, Leaders: []RelationView{}, Sizes: []SizeView{}, Areas: []Area{},
		Relations: []RelationView{}, Events: []EventRow{}, Disputes: []Dispute{}, Sentences: []Cite{}, Others: []Ref{},
		Extracted: d.extracted,
		Totals: ProfileTotals{Aliases: d.aliases.Total, Documents: d.docs.Total, Sentences: d.card.Claims, Events: d.events.Total,
			Leadership: d.leaders.Total, Areas: d.areas.Total, Relations: d.others.Total}}
	for _, o := range d.shared {
		p.Others = append(p.Others, Ref{ID: o.ID, Name: o.Name, Type: o.Type})
	}
	for _, n := range d.attrTotals {
		p.Totals.Attributes += n
	}

	where := map[string]map[int]bool{}
	for _, f := range d.forms {
		if where[f.Text] == nil {
			where[f.Text] = map[int]bool{}
		}
		where[f.Text][c.source(f.Document)] = true
	}
	for _, a := range d.aliases.Items {
		av := AliasView{Name: a.Name, Count: a.Count, Sources: []int{}}
		for n := range where[a.Name] {
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
	for _, a := range d.attrs {
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
			g = &FactGroup{Name: a.Name, Total: d.attrTotals[a.Name]}
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
	var rels []*dossier.Relation
	for _, page := range []*dossier.Page[*dossier.Relation]{d.leaders, d.areas, d.others} {
		rels = append(rels, page.Items...)
	}
	for _, r := range rels {
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
	for _, a := range d.died {
		if a.Value != "" {
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

	// The most recent events in any role, and their places as areas.
	for _, ev := range d.events.Items {
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

	for _, cl := range d.quotes {
		p.Sentences = append(p.Sentences, c.cite(cl))
	}
	sort.SliceStable(p.Sentences, func(i, j int) bool {
		a, b := p.Sentences[i], p.Sentences[j]
		if a.N != b.N {
			return a.N < b.N
		}
		return a.Start < b.Start
	})
	for i := range c.Sources {
		c.Sources[i].Mentions = mentions[c.Sources[i].ID]
	}
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
