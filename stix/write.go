package stix

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// creatorTime is the created/modified time of the identity that names
// dossier as the creator of every object: fixed, so that every export
// names the same version of it.
const creatorTime = "2024-01-01T00:00:00.000Z"

// CreatorID is the STIX id of the identity object naming dossier as the
// producer of the bundle (created_by_ref of every other object).
var CreatorID = ID("identity", "dossier")

// Write writes everything in s as one STIX 2.1 bundle to w. Objects are
// encoded one at a time as they are built; the bundle's id, a UUIDv5 over
// the ids of its objects, comes last.
func Write(ctx context.Context, w io.Writer, s dossier.Store) error {
	docs, err := s.Documents(ctx)
	if err != nil {
		return fmt.Errorf("stix: %w", err)
	}
	ents, err := s.Entities(ctx)
	if err != nil {
		return fmt.Errorf("stix: %w", err)
	}
	facts, err := s.Facts(ctx)
	if err != nil {
		return fmt.Errorf("stix: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	wr := &writer{w: bw, enc: json.NewEncoder(bw), hash: sha1.New(), docs: map[string]*dossier.Document{},
		ids: map[string]string{}, refs: map[string][]string{}}
	wr.enc.SetEscapeHTML(false)
	for _, d := range docs {
		wr.docs[d.ID] = d
	}
	io.WriteString(bw, "{\"type\":\"bundle\",\"objects\":[\n")
	wr.put(&Object{Type: "identity", ID: CreatorID, Created: creatorTime, Modified: creatorTime,
		Name: "dossier", IdentityClass: "system",
		Description: "dossier (github.com/dossier-osint/dossier): a sourced picture of armed groups built from open-source reporting"})
	wr.entities(ents, facts)
	wr.relations(facts)
	wr.events(facts)
	wr.attributes(facts)
	wr.quotes(facts)
	if wr.err != nil {
		return wr.err
	}
	id := "bundle--" + uuid.NewSHA1(Namespace, wr.hash.Sum(nil)).String()
	fmt.Fprintf(bw, "],\n\"id\":%q}\n", id)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("stix: %w", err)
	}
	return nil
}

type writer struct {
	w    *bufio.Writer
	enc  *json.Encoder
	hash hash.Hash
	n    int
	err  error
	docs map[string]*dossier.Document
	// ids maps the entity IDs written to their STIX ids.
	ids map[string]string
	// refs maps a claim ID to the STIX objects it backs, for its note.
	refs   map[string][]string
	claims map[string]dossier.Claim
	names  map[string]string // entity ID → name
}

// put writes one object, filling in what every object has.
func (wr *writer) put(o *Object) {
	if wr.err != nil {
		return
	}
	o.SpecVersion = "2.1"
	if o.ID != CreatorID {
		o.CreatedByRef = CreatorID
	}
	if wr.n > 0 {
		wr.w.WriteString(",")
	}
	wr.n++
	wr.hash.Write([]byte(o.ID))
	if err := wr.enc.Encode(o); err != nil {
		wr.err = fmt.Errorf("stix: %s: %w", o.ID, err)
	}
}

// docTime is when a document's statement was made: its publication date,
// else when it was ingested.
func (wr *writer) docTime(id string) time.Time {
	d := wr.docs[id]
	if d == nil {
		return time.Time{}
	}
	if t, ok := dateStart(d.Published); ok {
		return t
	}
	return d.IngestedAt.UTC().Truncate(time.Millisecond)
}

// times returns created (the earliest source) and modified (the latest).
func (wr *writer) times(docs []string) (string, string) {
	var first, last time.Time
	for _, d := range docs {
		t := wr.docTime(d)
		if t.IsZero() {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if first.IsZero() {
		return creatorTime, creatorTime
	}
	return Timestamp(first), Timestamp(last)
}

// docRefs returns the external references to the documents.
func (wr *writer) docRefs(docs []string) []ExternalReference {
	var out []ExternalReference
	for _, id := range docs {
		if d := wr.docs[id]; d != nil {
			out = append(out, DocumentReference(d, ""))
		}
	}
	return out
}

// DocumentReference is the external reference to a source document; where
// says which part of it, if not all.
func DocumentReference(d *dossier.Document, where string) ExternalReference {
	r := ExternalReference{SourceName: d.Outlet, ExternalID: d.ID}
	if r.SourceName == "" {
		r.SourceName = "dossier document"
	}
	desc := d.Title
	if desc == "" {
		desc = d.Source
	}
	if d.Published != "" {
		desc += " (published " + d.Published + ")"
	}
	if where != "" {
		desc += ", " + where
	}
	r.Description = desc
	if u, err := url.Parse(d.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		r.URL = d.URL
	}
	if len(d.ID) == 64 {
		r.Hashes = map[string]string{"SHA-256": d.ID}
	}
	return r
}

// personActs are the relations that make a person an actor of a group.
var personActs = map[string]bool{"leader_of": true, "deputy_of": true, "spokesperson_of": true, "member_of": true}

func (wr *writer) entities(ents []*dossier.Entity, facts *dossier.Facts) {
	terrorist, actor := map[string]bool{}, map[string]bool{}
	first, last := map[string]string{}, map[string]string{}
	for _, e := range facts.Events {
		for _, p := range append(append([]string(nil), e.Perpetrators...), e.Claimants...) {
			actor[p] = true
			if e.Type == dossier.Attack || e.Type == dossier.Plot {
				terrorist[p] = true
			}
			if _, ok := dateStart(e.Date); ok {
				if first[p] == "" || lessDate(e.Date, first[p]) {
					first[p] = e.Date
				}
				if last[p] == "" || lessDate(last[p], e.Date) {
					last[p] = e.Date
				}
			}
		}
	}
	for _, r := range facts.Relations {
		switch {
		case r.Predicate == "designated_by":
			terrorist[r.Subject] = true
		case personActs[r.Predicate]:
			actor[r.Subject] = true
		case r.Predicate == "founded_by":
			actor[r.Object] = true
		}
	}
	used := map[string]bool{}
	wr.names = make(map[string]string, len(ents))
	for _, e := range ents {
		wr.names[e.ID] = e.Name
	}
	for _, e := range ents {
		created, modified := wr.times(e.Documents)
		o := &Object{ID: "", Name: e.Name, Created: created, Modified: modified, DossierID: e.ID,
			Confidence: Confidence(len(e.Documents), false), ExternalReferences: wr.docRefs(e.Documents)}
		aliases := otherNames(e)
		switch e.Type {
		case dossier.Group:
			o.Type, o.Aliases = "threat-actor", aliases
			if terrorist[e.ID] {
				o.ThreatActorTypes = []string{"terrorist"}
			}
		case dossier.Person:
			if actor[e.ID] {
				o.Type, o.Aliases, o.ResourceLevel = "threat-actor", aliases, "individual"
				if terrorist[e.ID] {
					o.ThreatActorTypes = []string{"terrorist"}
				}
			} else {
				o.Type, o.IdentityClass, o.OpenCTIAliases = "identity", "individual", aliases
			}
		case dossier.Organization:
			o.Type, o.IdentityClass, o.OpenCTIAliases = "identity", "organization", aliases
		case dossier.Place, dossier.Facility:
			o.Type, o.OpenCTIAliases = "location", aliases
			if p := e.Place; p != nil {
				lat, lon := p.Lat, p.Lon
				o.Latitude, o.Longitude = &lat, &lon
				o.Country, o.AdministrativeArea = p.Country, p.Admin1
			} else if r := regions[strings.ToLower(e.Name)]; r != "" {
				o.Region = r
			} else {
				continue // neither coordinates, country nor region: not a valid location
			}
		default:
			continue
		}
		if o.Type == "threat-actor" {
			if d, ok := dateStart(first[e.ID]); ok {
				o.FirstSeen = Timestamp(d)
			}
			if d, ok := dateEnd(last[e.ID]); ok {
				o.LastSeen = Timestamp(d)
			}
		}
		// Identified by type and name (a gazetteer id for a located
		// place), so that two databases name the same actor alike; two
		// entities resolution kept apart under one name (two people
		// called alike) are told apart by their entity IDs.
		key := strings.ToLower(e.Name)
		if e.Place != nil && e.Place.GazetteerID != "" {
			key = e.Place.GazetteerID
		}
		o.ID = ID(o.Type, string(e.Type), key)
		if used[o.ID] {
			o.ID = ID(o.Type, string(e.Type), key, e.ID)
		}
		used[o.ID] = true
		o.DossierType = string(e.Type)
		wr.ids[e.ID] = o.ID
		wr.put(o)
	}
}

// lessDate orders dates of any precision by their first day.
func lessDate(a, b string) bool {
	ta, _ := dateStart(a)
	tb, _ := dateStart(b)
	return ta.Before(tb)
}

// otherNames returns an entity's aliases other than its name, deduplicated
// ignoring case.
func otherNames(e *dossier.Entity) []string {
	seen := map[string]bool{strings.ToLower(e.Name): true}
	var out []string
	for _, a := range e.Aliases {
		if k := strings.ToLower(a); !seen[k] && strings.TrimSpace(a) != "" {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

// regions maps region names to STIX 2.1's region vocabulary (region-ov,
// after the UN M49 geoscheme), for places the gazetteer does not locate.
var regions = map[string]string{
	"africa": "africa", "east africa": "eastern-africa", "eastern africa": "eastern-africa",
	"middle africa": "middle-africa", "central africa": "middle-africa", "north africa": "northern-africa",
	"northern africa": "northern-africa", "southern africa": "southern-africa", "west africa": "western-africa",
	"western africa": "western-africa", "americas": "americas", "latin america": "latin-america-caribbean",
	"caribbean": "caribbean", "central america": "central-america", "north america": "northern-america",
	"northern america": "northern-america", "south america": "south-america", "asia": "asia",
	"central asia": "central-asia", "east asia": "eastern-asia", "eastern asia": "eastern-asia",
	"south asia": "southern-asia", "southern asia": "southern-asia", "southeast asia": "south-eastern-asia",
	"south-east asia": "south-eastern-asia", "south-eastern asia": "south-eastern-asia",
	"western asia": "western-asia", "europe": "europe", "eastern europe": "eastern-europe",
	"northern europe": "northern-europe", "southern europe": "southern-europe", "western europe": "western-europe",
	"oceania": "oceania", "melanesia": "melanesia", "micronesia": "micronesia", "polynesia": "polynesia",
	"antarctica": "antarctica",
}

// relationTypes maps dossier predicates to STIX relationship types: the
// standard ones where STIX has them; the others become custom types in
// STIX's spelling (lower case, hyphens).
func relationType(pred string, objectIsLocation bool) string {
	if pred == "operates_in" && objectIsLocation {
		return "located-at"
	}
	return strings.ReplaceAll(strings.ToLower(pred), "_", "-")
}

func (wr *writer) relations(facts *dossier.Facts) {
	for _, r := range facts.Relations {
		src, dst := wr.ids[r.Subject], wr.ids[r.Object]
		if src == "" || dst == "" {
			continue
		}
		typ := relationType(r.Predicate, strings.HasPrefix(dst, "location--"))
		created, modified := wr.times(r.Documents)
		o := &Object{Type: "relationship", ID: ID("relationship", src, typ, dst, r.Predicate),
			Created: created, Modified: modified, RelationshipType: typ, SourceRef: src, TargetRef: dst,
			Confidence: Confidence(len(r.Documents), false), ExternalReferences: wr.docRefs(r.Documents),
			DossierID: r.ID, DossierType: r.Predicate, DossierStartDate: r.Start, DossierEndDate: r.End}
		start, okStart := dateStart(r.Start)
		stop, okStop := dateEnd(r.End)
		if okStart {
			o.StartTime = Timestamp(start)
		}
		if okStop && (!okStart || stop.After(start)) {
			o.StopTime = Timestamp(stop)
		}
		wr.put(o)
		wr.cite(r.Claims, o.ID)
	}
}

// cite records that the claims back the STIX object id.
func (wr *writer) cite(claims []string, id string) {
	for _, c := range claims {
		wr.refs[c] = append(wr.refs[c], id)
	}
}

func (wr *writer) events(facts *dossier.Facts) {
	pub := func(doc string) string {
		if d := wr.docs[doc]; d != nil {
			return d.Published
		}
		return ""
	}
	for _, e := range facts.Events {
		created, modified := wr.times(e.Documents)
		o := &Object{Type: "report", ID: ID("report", e.ID), Created: created, Modified: modified,
			Name: eventName(e, wr), Description: e.Summary, Published: created,
			ReportTypes: []string{"threat-report"}, Labels: []string{e.Type},
			ExternalReferences: wr.docRefs(e.Documents), DossierID: e.ID, DossierType: e.Type,
			DossierSubtype: e.Subtype, DossierDate: e.Date, DossierTargetType: e.TargetType,
			DossierClaimedVia: e.ClaimedVia}
		if e.Subtype != "" {
			o.Labels = append(o.Labels, e.Subtype)
		}
		contested := false
		for _, f := range []struct {
			name string
			qs   []dossier.Quantity
		}{{"killed", e.Killed}, {"injured", e.Injured}, {"arrested", e.Arrested}} {
			s, ok := reconcile.Figures(f.qs, pub)
			if !ok {
				continue
			}
			fig := Figure{Min: s.Min, Max: s.Max, Rule: s.Rule, Contested: s.Contested}
			for _, q := range f.qs {
				fig.Sources = append(fig.Sources, Source{q.Document, q.Min, q.Max})
			}
			if o.DossierFigures == nil {
				o.DossierFigures = map[string]Figure{}
			}
			o.DossierFigures[f.name] = fig
			if s.Contested {
				contested = true
				o.DossierContested = append(o.DossierContested, f.name)
			}
		}
		o.Confidence = Confidence(len(e.Documents), contested)
		seen := map[string]bool{}
		add := func(id string) {
			if id != "" && !seen[id] {
				seen[id] = true
				o.ObjectRefs = append(o.ObjectRefs, id)
			}
		}
		for _, ids := range [][]string{e.Perpetrators, e.Claimants, e.Targets, {e.Place}} {
			for _, id := range ids {
				add(wr.ids[id])
			}
		}
		for _, c := range e.Claims {
			add(ID("note", c))
		}
		if len(o.ObjectRefs) == 0 {
			add(CreatorID)
		}
		wr.put(o)
		wr.cite(e.Claims, o.ID)
		// Who targeted whom, as STIX's standard "targets" relationship.
		for _, p := range e.Perpetrators {
			for _, t := range e.Targets {
				src, dst := wr.ids[p], wr.ids[t]
				if src == "" || dst == "" || src == dst || !strings.HasPrefix(src, "threat-actor--") {
					continue
				}
				r := &Object{Type: "relationship", ID: ID("relationship", src, "targets", dst, e.ID),
					Created: created, Modified: modified, RelationshipType: "targets", SourceRef: src, TargetRef: dst,
					Confidence: o.Confidence, ExternalReferences: o.ExternalReferences, DossierID: e.ID}
				if d, ok := dateStart(e.Date); ok {
					r.StartTime = Timestamp(d)
					end, _ := dateEnd(e.Date)
					r.StopTime = Timestamp(end)
				}
				wr.put(r)
				wr.cite(e.Claims, r.ID)
			}
		}
	}
}

// eventName is a report's title: what, where, when.
func eventName(e *dossier.Event, wr *writer) string {
	what := e.Subtype
	if what == "" {
		what = strings.ReplaceAll(e.Type, "_", " ")
	}
	parts := []string{strings.ToUpper(what[:1]) + what[1:]}
	if n := wr.names[e.Place]; n != "" {
		parts = append(parts, n)
	}
	if e.Date != "" {
		parts = append(parts, e.Date)
	}
	return strings.Join(parts, ", ")
}

func (wr *writer) attributes(facts *dossier.Facts) {
	wr.claimIndex(facts)
	for _, a := range facts.Attributes {
		id := wr.ids[a.Entity]
		c, ok := wr.claims[a.Claim]
		if id == "" || !ok {
			continue
		}
		abstract := a.Name + ": " + a.Value
		if a.By != "" {
			abstract += " (according to " + a.By + ")"
		}
		if a.AsOf != "" {
			abstract += " as of " + a.AsOf
		}
		t, _ := wr.times([]string{a.Document})
		start, end := c.Start, c.End
		o := &Object{Type: "note", ID: ID("note", "attribute", a.ID), Created: t, Modified: t,
			Abstract: abstract, Content: c.Quote, ObjectRefs: []string{id}, Confidence: Confidence(1, false),
			DossierID: a.ID, DossierType: a.Name, DossierDocument: a.Document, DossierStart: &start, DossierEnd: &end}
		if d := wr.docs[a.Document]; d != nil {
			o.Authors = nonEmpty(d.Authors)
			o.ExternalReferences = []ExternalReference{DocumentReference(d, span(c))}
		}
		wr.put(o)
	}
}

func (wr *writer) claimIndex(facts *dossier.Facts) {
	if wr.claims != nil {
		return
	}
	wr.claims = make(map[string]dossier.Claim, len(facts.Claims))
	for _, c := range facts.Claims {
		wr.claims[c.ID] = c
	}
}

// quotes writes a note per claim that backs an exported event or
// relation, in document and text order.
func (wr *writer) quotes(facts *dossier.Facts) {
	wr.claimIndex(facts)
	ids := make([]string, 0, len(wr.refs))
	for id := range wr.refs {
		if _, ok := wr.claims[id]; ok {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := wr.claims[ids[i]], wr.claims[ids[j]]
		if a.Document != b.Document {
			return a.Document < b.Document
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.ID < b.ID
	})
	for _, id := range ids {
		c := wr.claims[id]
		t, _ := wr.times([]string{c.Document})
		start, end := c.Start, c.End
		o := &Object{Type: "note", ID: ID("note", c.ID), Created: t, Modified: t, Content: c.Quote,
			ObjectRefs: dedupe(wr.refs[id]), Confidence: Confidence(1, false), DossierID: c.ID,
			DossierDocument: c.Document, DossierStart: &start, DossierEnd: &end}
		if d := wr.docs[c.Document]; d != nil {
			title := d.Title
			if title == "" {
				title = d.Source
			}
			o.Abstract = "Quote from " + title
			o.Authors = nonEmpty(d.Authors)
			o.ExternalReferences = []ExternalReference{DocumentReference(d, span(c))}
		}
		wr.put(o)
	}
}

func span(c dossier.Claim) string {
	return fmt.Sprintf("characters %d-%d of the cleaned text", c.Start, c.End)
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func nonEmpty(s []string) []string {
	var out []string
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}
