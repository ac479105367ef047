// Package dossier holds the domain of the dossier program: documents and
// what is read from them (mentions, claims), the entities, events and
// relations built from those readings, and the interfaces that storage and
// the pipeline stages implement. It imports only the standard library; every
// implementation lives in a package named after what it wraps (sqlite,
// clean, ner, resolve, ...), wired together in cmd/dossier.
//
// Offsets. Every Start/End pair on a Mention, Claim or Segment counts Unicode
// code points into a document's cleaned Text, never bytes, so that exports
// can be checked by any language. Raw offsets (RawStart/RawEnd) count bytes
// into the raw document, which need not be valid UTF-8.
package dossier

import (
	"context"
	"time"
)

// Document is one raw input (a file, a JSONL line, stdin) with the cleaned
// text and metadata the clean stage found in it. Its ID is the hex SHA-256 of
// Raw, so the same bytes always make the same document.
type Document struct {
	ID      string
	Source  string // file path, "path#id" for a JSONL line, "-" for stdin
	Format  string // "txt", "md", "html" or "jsonl"
	Title   string
	Outlet  string
	Authors []string
	// Published is the publication date at the precision the source
	// supports: "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when unknown.
	Published string
	URL       string
	Raw       []byte
	Text      string
	// Segments map runs of Text back into Raw, in order. Text outside every
	// segment was written by the cleaner (paragraph breaks).
	Segments []Segment
	// Removed lists the raw byte ranges the cleaner dropped as boilerplate
	// and why, so nothing is thrown away silently.
	Removed    []Removal
	IngestedAt time.Time
}

// Segment says that Text[Start:End) (code points) is a copy of
// Raw[RawStart:RawEnd) (bytes). For HTML, where entities and markup sit
// between the characters, RawStart/RawEnd bound the element the text came
// from and Exact is false; RawStart is -1 when the source could not be found.
type Segment struct {
	Start, End       int
	RawStart, RawEnd int
	Exact            bool
}

// Removal is a raw byte range dropped by the cleaner, with the rule that
// dropped it ("newsletter", "job-list", "video-player", ...).
type Removal struct {
	RawStart, RawEnd int
	Reason           string
}

// EntityType is the kind of thing an entity or mention is.
type EntityType string

const (
	Group        EntityType = "group" // armed group
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Place        EntityType = "place"
	Facility     EntityType = "facility"
	// Nationality is a nationality, ethnic or religious group ("Afghan",
	// "Kurdish", "Sunni"): a people, not an actor or a place.
	Nationality EntityType = "nationality"
)

// Valid reports whether t is one of the known entity types.
func (t EntityType) Valid() bool {
	switch t {
	case Group, Person, Organization, Place, Facility, Nationality:
		return true
	}
	return false
}

// Mention is a span of a document's cleaned text that names an entity.
type Mention struct {
	Document   string
	Start, End int // code points into Document.Text
	Text       string
	Type       EntityType
	// Key is the resolution key the reader gave the mention: mentions with
	// the same key in the same document are the same entity. Resolution
	// across documents starts from keys and may merge or split them.
	Key string
	// Canonical is the key of a name the mention is known to stand for,
	// from an acronym definition ("Islamic State-Khorasan (IS-K)"), an
	// alias phrase ("also known as") or a reference list; empty if none.
	Canonical string
	// Sentence is the index of the sentence holding the mention in the
	// document's Reading.Sentences.
	Sentence int
}

// Span is a range of code points in a document's cleaned text.
type Span struct{ Start, End int }

// Reading is what the read stage finds in one document: its sentences and
// the mentions in them.
type Reading struct {
	Sentences []Span
	Mentions  []Mention
}

// Claim is a verbatim quote from a document that backs a fact: who said it
// (Document), where (Start, End in code points) and what (Quote, which equals
// the cleaned text at that span).
type Claim struct {
	ID         string
	Document   string
	Start, End int
	Quote      string
}

// Entity is a resolved actor, organisation, place or facility: every mention
// that resolution judged to name the same thing.
type Entity struct {
	ID      string
	Type    EntityType
	Name    string
	Aliases []string // every surface form seen, Name included
	// Documents are the IDs of the documents that mention the entity.
	Documents []string
	Mentions  []Mention
	// Claims are the sentences that mention the entity.
	Claims []Claim
	Place  *PlaceInfo
	// Reason says why the mentions were grouped ("same key",
	// "acronym definition", "reference alias list", ...).
	Reason string
}

// PlaceInfo is a geocoded place.
type PlaceInfo struct {
	Lat, Lon    float64
	Country     string
	Admin1      string
	GazetteerID string
}

// Quantity is one document's figure for a count (killed, injured,
// arrested, fighters). Max is nil when the source gives only a lower bound;
// Min equals *Max for an exact figure. Claim is the ID of the claim whose
// quote states the figure.
type Quantity struct {
	Document string
	Min      int
	Max      *int
	Claim    string
	// Counted is who the figure counts, as the text words each part:
	// ["72 Afghans", "13 American soldiers"] for a toll of 85; empty when
	// the text gives a figure without a noun or none at all.
	Counted []string `json:",omitempty"`
}

// Event types, as in the export contract.
const (
	Attack           = "attack"
	Clash            = "clash"
	Strike           = "strike" // air or drone strike
	Arrest           = "arrest"
	Designation      = "designation"
	LeadershipChange = "leadership_change"
	Pledge           = "pledge"
	Plot             = "plot"
	OtherEvent       = "other"
)

// Event is something that happened, as reported by one or more documents.
// Reports of the same incident (same place, continuous time) are one Event
// with several Documents; each figure keeps one Quantity per reporting
// document, so disagreements stay visible.
type Event struct {
	ID      string
	Type    string // one of the event type constants
	Subtype string // "suicide bombing", "armed assault", "kidnapping", ...
	// Date is the event's date at the precision the sources support
	// ("YYYY", "YYYY-MM", "YYYY-MM-DD"); empty when unknown.
	Date         string
	Place        string   // entity ID, empty when unknown
	Perpetrators []string // entity IDs; for a clash, its sides
	// PerpetratorDescriptions are perpetrators the text describes without
	// naming them ("police", "security forces", "gunmen"), as written.
	PerpetratorDescriptions []string
	Targets                 []string // entity IDs
	// TargetDescriptions are what the event was aimed at when the text
	// does not name it ("a checkpoint", "the convoy", "a bakery"), as
	// written.
	TargetDescriptions []string `json:",omitempty"`
	// TargetType is a GTD-like target category ("military", "civilians",
	// "police", "government", "religious figures/institutions", ...).
	TargetType string
	// Claimants are the entity IDs that claimed responsibility, and
	// ClaimedVia says how ("statement via Amaq on Telegram").
	Claimants  []string
	ClaimedVia string
	Killed     []Quantity
	Injured    []Quantity
	Arrested   []Quantity
	// Kidnapped counts people kidnapped or taken hostage.
	Kidnapped []Quantity
	Documents []string
	// Claims are the IDs of the claims (sentences) that report the event.
	Claims []string
	// Summary is a one-sentence description, quoted or built from the
	// arguments.
	Summary string
}

// Relation links two entities ("leader_of", "rival_of", ...) over an
// optional time span, backed by claims.
type Relation struct {
	ID        string
	Subject   string // entity ID
	Predicate string
	Object    string // entity ID
	Start     string // date at source precision, empty when unknown
	End       string
	Documents []string
	Claims    []string
}

// Attribute is one document's statement of a fact about an entity: its
// founding date, a size estimate, its ideology or aims. Several attributes
// with the same Entity and Name are the sources' views of one fact, kept
// side by side when they disagree.
type Attribute struct {
	ID     string
	Entity string // entity ID
	Name   string // "founded", "size", "ideology", "aim", ...
	// Value is the statement normalised (a date for "founded", the words
	// for "ideology"); Quantity carries the figures of a "size".
	Value    string
	Quantity *Quantity
	// AsOf is the date the statement holds for ("June 2021" for a UN
	// estimate), and By who made it ("UN report"), when the text says.
	AsOf     string
	By       string
	Document string
	Claim    string
}

// Facts is everything extraction and reconciliation found across the
// store: events, relations and attributes, with the claims they cite.
type Facts struct {
	Events     []*Event
	Relations  []*Relation
	Attributes []*Attribute
	Claims     []Claim
}

// Decision actions.
const (
	Merge  = "merge"  // Target and Other are one entity
	Split  = "split"  // Names and/or Documents leave Target for an entity of their own
	Rename = "rename" // Target is called Name
)

// Decision is an analyst's correction to automatic resolution. Entities are
// named by their names' keys (lexicon.Key of the name and every alias), not
// by ID, because IDs follow names and clusters and a decision must still
// find its entity after re-ingest: the entity that holds the most of
// those keys is meant.
type Decision struct {
	Seq    int64
	Action string
	Target []string // keys of the entity acted on
	Other  []string // merge: keys of the entity merged into Target
	// Split: the surface forms (keys) and the documents whose mentions
	// leave Target.
	Names     []string
	Documents []string
	Name      string // rename: the new name
	Note      string // why, in the analyst's words
	At        time.Time
}

// Reference is an entity known from reference knowledge rather than from
// the documents: a MISP galaxy cluster's entry, a STIX threat actor. It
// helps recognise and resolve mentions (its aliases join the built-in
// lists); it never creates a mention the text does not contain and never
// counts as a source for a fact.
type Reference struct {
	ID          string // "<source>:<external id>", unique
	Type        EntityType
	Name        string
	Aliases     []string
	Source      string // "misp-galaxy:<galaxy type>", "stix:<file>"
	ExternalID  string // the source's own id (a MISP uuid, a STIX id)
	Description string
}

// ExtractionReport is what extraction read from one document, kept between
// resolutions so that a document whose input to extraction did not change
// is not read again. Data is the pipeline's encoding, opaque to the store;
// Digest is a hash of everything extraction read to make it (the
// document's ID, which stands for its text and sentences since a stored
// document never changes, its mentions with the entities they were
// resolved to, and the extraction rules' version): the pipeline reuses
// Data only while the digest it computes is the stored one.
type ExtractionReport struct {
	Document string
	Digest   []byte
	Data     []byte
}

// IngestResult says what storing a document did.
type IngestResult int

const (
	Added     IngestResult = iota // new document stored
	Unchanged                     // the same bytes were already stored
)

// Store keeps documents, their readings and the resolved entities. The SQLite
// and (later) PostgreSQL backends implement it; the pipeline sees only this.
type Store interface {
	// PutDocument stores doc (with Raw, Text, Segments and metadata) and its
	// reading in one transaction. If a document with doc.ID is already
	// stored it changes nothing and returns Unchanged. A failure leaves the
	// store as it was. Errors: EINVALID for a document without ID or Raw.
	PutDocument(ctx context.Context, doc *Document, r *Reading) (IngestResult, error)

	// HasDocument reports whether a document with that ID is stored.
	HasDocument(ctx context.Context, id string) (bool, error)

	// Unresolved reports whether some stored mention other than a
	// nationality (which resolution never makes an entity) belongs to no
	// entity, that is, documents were stored since the last
	// ReplaceEntities (or a resolution was interrupted) and entities need
	// rebuilding.
	Unresolved(ctx context.Context) (bool, error)

	// Document returns the stored document with that ID, Raw and Text
	// included. Errors: ENOTFOUND.
	Document(ctx context.Context, id string) (*Document, error)

	// Documents returns every stored document's metadata (no Raw, no Text,
	// no Segments), oldest ingest first.
	Documents(ctx context.Context) ([]*Document, error)

	// Mentions calls fn with every stored mention, grouped by document in
	// ingest order, without holding them all in memory. An error from fn
	// stops the walk and is returned.
	Mentions(ctx context.Context, fn func(Mention) error) error

	// Sentences returns the sentence spans of a document's reading.
	// Errors: ENOTFOUND.
	Sentences(ctx context.Context, doc string) ([]Span, error)

	// Texts calls fn with each stored document whose ID is in ids, in ID
	// order, one at a time: its metadata and Text (no Raw, Segments
	// or Removed) and its sentence spans, as Document and Sentences would
	// give them, read in one pass rather than two queries a document. IDs
	// that are not stored are skipped. An error from fn stops the walk and
	// is returned.
	Texts(ctx context.Context, ids []string, fn func(doc *Document, sentences []Span) error) error

	// ExtractionReports calls fn with every stored extraction report, in
	// no particular order, one at a time. An error from fn stops the walk
	// and is returned.
	ExtractionReports(ctx context.Context, fn func(*ExtractionReport) error) error
	// PutExtractionReports stores reports, each replacing the one its
	// document had, in one transaction. Reports are never read by
	// anything but the pipeline, and deleting one costs only a
	// re-extraction. Errors: EINVALID for a report without digest, or
	// whose document is not stored; nothing changes then.
	PutExtractionReports(ctx context.Context, reports []*ExtractionReport) error

	// ReplaceEntities replaces the resolved entities (with their mentions'
	// links and claims) in one transaction.
	ReplaceEntities(ctx context.Context, ents []*Entity) error

	// Entities returns every resolved entity with its aliases, documents,
	// mentions and claims.
	Entities(ctx context.Context) ([]*Entity, error)

	// FindEntities returns the entities whose name or an alias equals name,
	// ignoring case, best first (most mentions). Errors: ENOTFOUND when
	// there is none.
	FindEntities(ctx context.Context, name string) ([]*Entity, error)

	// AddDecision records an analyst's correction to resolution and sets
	// d.Seq. Decisions are never touched by ingest or resolution; they are
	// re-applied, in order, after every resolution. Errors: EINVALID for a
	// decision that is not one of the known actions or lacks what its
	// action needs.
	AddDecision(ctx context.Context, d *Decision) error
	// Decisions returns every recorded decision, oldest first.
	Decisions(ctx context.Context) ([]*Decision, error)
	// DeleteDecision removes the decision with that Seq (undo).
	// Errors: ENOTFOUND.
	DeleteDecision(ctx context.Context, seq int64) error
	// PutReferences stores reference entities (imported from a MISP galaxy,
	// a STIX bundle, ...), replacing any with the same ID, in one
	// transaction; it reports how many were new. Errors: EINVALID for a
	// reference without ID, name or valid type.
	PutReferences(ctx context.Context, refs []*Reference) (added int, err error)
	// References returns every stored reference entity, in ID order.
	References(ctx context.Context) ([]*Reference, error)
	// ReplaceFacts replaces every stored event, relation and attribute
	// with f's, and upserts f.Claims, in one transaction. Every claim an
	// event, relation or attribute cites must be in f.Claims or already
	// stored, and every document it names must be stored: otherwise
	// EINVALID and nothing changes.
	ReplaceFacts(ctx context.Context, f *Facts) error
	// Facts returns every stored event, relation and attribute, with the
	// claims they cite, in the order ReplaceFacts was given them.
	Facts(ctx context.Context) (*Facts, error)
	// Close releases the store.
	Close() error

	// Read-only queries for the web workbench (package http). They answer
	// what one page needs without loading the whole store; none of them
	// changes anything.

	// EntitiesByID returns the entities with those IDs, with aliases,
	// documents, mentions and claims, in the order ReplaceEntities was
	// given them. IDs that name no entity are left out (no error).
	EntitiesByID(ctx context.Context, ids []string) ([]*Entity, error)

	// EntityList returns every entity's name, type, aliases and counts
	// (no mentions or claims), most mentioned first.
	EntityList(ctx context.Context) ([]EntitySummary, error)

	// DocumentStats returns, for every stored document, what its ingest
	// produced, keyed by document ID.
	DocumentStats(ctx context.Context) (map[string]DocumentStats, error)

	// DocumentMentions returns a document's mentions in text order, each
	// with the entity it was resolved to ("" when not resolved).
	// Errors: ENOTFOUND.
	DocumentMentions(ctx context.Context, doc string) ([]ResolvedMention, error)

	// DocumentClaims returns every stored claim quoting the document, in
	// text order. Errors: ENOTFOUND.
	DocumentClaims(ctx context.Context, doc string) ([]Claim, error)

	// Search finds entities (by name or alias), events (by summary, type
	// or subtype) and documents (full text, title, outlet) matching the
	// words of query, at most limit of each kind. An empty query finds
	// nothing. Errors: EINVALID for a query with no searchable word.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
}

// EntitySummary is an entity without its mentions and claims: what a list,
// a search result or a network node shows.
type EntitySummary struct {
	ID        string
	Type      EntityType
	Name      string
	Aliases   []string
	Mentions  int
	Documents int
	Place     *PlaceInfo
}

// DocumentStats is what ingesting one document produced: its reading and
// how much of it resolution and extraction have used.
type DocumentStats struct {
	Chars      int // code points of cleaned text
	Sentences  int
	Mentions   int
	Unresolved int // mentions no entity holds yet
	Claims     int
	Removed    int // boilerplate blocks the cleaner dropped
}

// ResolvedMention is a mention with the ID of the entity it belongs to.
type ResolvedMention struct {
	Mention
	Entity string
}

// SearchHit is one search result. For a document, Start and End locate the
// sentence (code points) that holds the first match, and Snippet is the
// text around it with matched words between \x02 and \x03.
type SearchHit struct {
	Kind       string // "entity", "event" or "document"
	ID         string
	Title      string
	Type       string // entity or event type
	Snippet    string
	Start, End int
}

// DocumentBatcher is a store that writes many new documents in one
// transaction: an ingest then pays one commit for a group of documents
// rather than one each.
type DocumentBatcher interface {
	// PutDocuments does what PutDocument does for each of docs, in one
	// transaction: res and errs are each document's result and its
	// EINVALID error (a document that fails is not written, the others
	// are); err is for a failure that wrote nothing.
	PutDocuments(ctx context.Context, docs []NewDocument) (res []IngestResult, errs []error, err error)
}

// NewDocument is a document with its reading, on its way into a store.
type NewDocument struct {
	Document *Document
	Reading  *Reading
}

// Resolver is what incremental resolution needs of a store besides
// Store: the documents still to resolve, an index of the stored entities
// by the keys resolution links mentions by, and one write for a batch.
// A batch's work is in proportion to the batch and to the entities it
// touches, whatever the store's size.
type Resolver interface {
	// UnresolvedMentions calls fn with every mention of up to limit
	// documents that hold a mention no entity holds yet (nationalities
	// aside), in ingest order from the first after the document whose
	// sequence number is after (0: from the first unresolved), each
	// document's mentions in order, each with its index among them
	// (Reading.Mentions). It returns the sequence number of the
	// last document given, for the next call (after itself when none).
	UnresolvedMentions(ctx context.Context, after int64, limit int, fn func(m Mention, idx int) error) (int64, error)

	// UnresolvedDocuments counts the documents that hold a mention no
	// entity holds yet (nationalities aside).
	UnresolvedDocuments(ctx context.Context) (int, error)

	// ResetResolution forgets, in one transaction, every entity and fact
	// and every mention's entity, keeping documents, readings, decisions
	// and references: every document is then unresolved, for a rebuild.
	ResetResolution(ctx context.Context) error

	// IndexedEntities reports whether the entity index describes the
	// stored entities: true for a store with none, false for one resolved
	// before the index existed or whose full resolution did not finish
	// (a full resolution builds it).
	IndexedEntities(ctx context.Context) (bool, error)

	// KnownEntities returns the stored entities that have a form with one
	// of q's keys (as Key or Canonical), skeletons or surnames, each with
	// every form, its context and its place.
	KnownEntities(ctx context.Context, q KnownQuery) ([]*KnownEntity, error)

	// EntitiesExist reports which of ids are stored entities.
	EntitiesExist(ctx context.Context, ids []string) (map[string]bool, error)

	// EntityHeads returns the stored entities of ids without their
	// mentions, claims and aliases (type, name and place), leaving out
	// those not stored.
	EntityHeads(ctx context.Context, ids []string) ([]*Entity, error)

	// Incidents returns the stored incidents that any of qs finds.
	Incidents(ctx context.Context, qs []IncidentQuery) ([]*Incident, error)

	// RelationsByID returns the stored relations of ids.
	RelationsByID(ctx context.Context, ids []string) ([]*Relation, error)

	// RelationsOf returns the stored relations whose subject or object is
	// one of entities.
	RelationsOf(ctx context.Context, entities []string) ([]*Relation, error)

	// NextIncidentOrd is the creation order after every stored incident's.
	NextIncidentOrd(ctx context.Context) (int64, error)

	// ApplyBatch writes what resolving a batch of documents changed, in
	// one transaction: merged entities, extended and new ones with their
	// new mentions, the index's new counts and context, the batch's
	// extraction reports and its facts. Every claim's quote must be its
	// document's text at its span (as resolve.NewClaim makes them): the
	// store may keep the span alone. Errors: EINVALID for a mention or
	// document that is not stored.
	ApplyBatch(ctx context.Context, b *Batch) error

	// ReplaceIndex replaces the whole entity index and every incident
	// (after a full resolution).
	ReplaceIndex(ctx context.Context, idx []*KnownEntity, incidents []*Incident) error
}

// MentionLink ties the mention Index of Document to Entity.
type MentionLink struct {
	Document string
	Index    int
	Entity   string
}

// KnownQuery names what a batch's mentions can link to.
type KnownQuery struct {
	Keys      []string // name keys and canonical keys
	Skeletons []string // typed transliteration skeletons
	Surnames  []string // last name parts of people named in full
}

// KnownEntity is a stored entity as resolution sees it: the distinct
// forms of its mentions with their counts, and the context its evidence
// rules read. Context, for a person, are the armed groups named in the
// sentences that mention them; Actors, for a person, the armed groups and
// organisations named in their documents.
type KnownEntity struct {
	ID      string
	Type    EntityType
	Name    string
	Reason  string
	Place   *PlaceInfo
	Forms   []EntityForm
	Context []string
	Actors  []string
}

// EntityForm is one distinct surface form of an entity's mentions, with
// the keys it is found by.
type EntityForm struct {
	Text      string
	Type      EntityType
	Key       string
	Canonical string
	Count     int
	Skeleton  string // typed transliteration skeleton, "" when none applies
	Surname   string // last part of a person's full name, else ""
}

// Batch is what resolving a batch of new documents changes.
type Batch struct {
	// Merged maps each stored entity the batch joins to another to the
	// entity it joins: its rows, links and facts move there.
	Merged map[string]string
	// Entities are the new and extended entities: row fields of the
	// whole, and their new mentions, documents and claims only.
	Entities []*Entity
	// Changed are the IDs of Entities whose row (name, type, reason,
	// place) is new or differs from the stored one; Renamed those whose
	// names (name or aliases) do, for the search index. The others' rows
	// are left as they are.
	Changed, Renamed []string
	// Links tie each new mention, by its document and index, to its
	// entity.
	Links []MentionLink
	// Index holds, by entity, the forms to add to (counts are added), and
	// context and actors to add.
	Index []*KnownEntity
	// Reports are the batch's extraction reports.
	Reports []*ExtractionReport
	// Facts are the events and relations the batch made or changed,
	// whole, and the attributes and claims it adds; RemovedEvents are
	// stored events that changed their ID, RemovedRelations relations
	// that did (a merge renamed their subject or object); Incidents are the states of
	// the events a later batch may join.
	Facts            *Facts
	RemovedEvents    []string
	RemovedRelations []string
	Incidents        []*Incident
}

// Incident is a merged event's state between batches: what event merging
// keeps of it so that a later report joins it as it would have in one
// merge over every report (extract.Merger). The store reads it by type
// and day and keeps State as it is.
type Incident struct {
	Event string // the event's ID
	Type  string
	MMDD  string // month and day
	Date  string // "YYYY-MM-DD" when the date is a full one, else ""
	Ord   int64  // creation order
	State []byte
	// Entities are every entity the state names: a merge of entities
	// rewrites the states that name the one merged away.
	Entities []string
}

// IncidentQuery finds the incidents of a type on a month and day; with a
// Date, only those of that date and those with no full date.
type IncidentQuery struct {
	Type, MMDD, Date string
}
