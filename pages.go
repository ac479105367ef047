package dossier

import "context"

// Bounded reads. Pages answers what one screen of the workbench, one API
// answer or one CLI listing shows, a page at a time, without loading the
// whole store: a list comes back one page of at most MaxLimit rows, with
// an opaque cursor for the next page (keyset pagination: the cursor holds
// the last row's sort key, so a page costs the same however deep it is)
// and the size of the whole list.

// Page sizes.
const (
	DefaultLimit = 50  // rows a page holds when the request says nothing
	MaxLimit     = 500 // the most rows a page may hold
)

// PageRequest asks for one page of a list: at most Limit rows (0 means
// DefaultLimit; more than MaxLimit or less than 0 is EINVALID), following
// the row that Cursor names. Cursor is a previous page's Next, opaque to
// the caller; "" asks for the first page. A cursor made for another list
// is EINVALID.
type PageRequest struct {
	Limit  int
	Cursor string
}

// Page is one page of a list. Next is the cursor of the following page,
// "" on the last one. Total is the number of rows in the whole list (all
// its pages), counted when the page was read.
type Page[T any] struct {
	Items []T
	Next  string
	Total int
}

// Entity list orders.
const (
	ByMentions = "mentions" // most mentioned first, then by name
	ByName     = "name"     // by name, ignoring case
)

// EntityQuery selects entities for a list.
type EntityQuery struct {
	Types   []EntityType // only these types; none means every type
	Located bool         // only geocoded entities
	Sort    string       // ByMentions (the default) or ByName
	PageRequest
}

// ListAliases is how many of an entity's names a list row carries (its
// most frequent); the entity's own page lists them all.
const ListAliases = 10

// EventQuery selects events for a list. Its filters are those of the
// timeline: Actor is an entity in any role (perpetrator, target, claimant
// or place); From and To bound dates inclusively at any precision, so an
// event dated "2021" matches From "2021-08", and undated events match
// neither.
type EventQuery struct {
	Actor    string
	Type     string
	From, To string
	// Newest lists the most recent first; otherwise the oldest come
	// first. Undated events come last either way.
	Newest bool
	PageRequest
}

// Relation kinds: the parts of an entity's relations that a profile shows
// apart.
const (
	// LeadershipRelations are leader_of, deputy_of and spokesperson_of
	// with the entity as their object: who leads it.
	LeadershipRelations = "leadership"
	// AreaRelations are operates_in with the entity as their subject.
	AreaRelations = "areas"
	// OtherRelations are all the others.
	OtherRelations = "other"
)

// LeadershipPredicates are the predicates of LeadershipRelations.
var LeadershipPredicates = []string{"leader_of", "deputy_of", "spokesperson_of"}

// RelationQuery selects the relations of one entity (as subject or
// object), in the order ReplaceFacts was given them.
type RelationQuery struct {
	Entity string
	Kind   string // one of the relation kinds, or "" for every relation
	PageRequest
}

// AttributeQuery selects the attributes of one entity, optionally of one
// name, in the order ReplaceFacts was given them.
type AttributeQuery struct {
	Entity string
	Name   string
	PageRequest
}

// DocumentQuery selects documents for a list, oldest ingest first unless
// Newest.
type DocumentQuery struct {
	Newest bool
	PageRequest
}

// Counts is how much the store holds.
type Counts struct {
	Documents  int
	Entities   map[EntityType]int // by type
	Events     int
	Relations  int
	Attributes int
}

// Bucket is a value and how many rows have it.
type Bucket struct {
	Key   string
	Count int
}

// EntityCard is an entity without its lists: a profile's heading. Its
// EntitySummary has no Aliases (EntityAliases pages them).
type EntityCard struct {
	EntitySummary
	Reason  string
	Aliases int // names it is called by
	Claims  int // sentences that mention it
}

// AliasCount is a name an entity is called by and how many of its
// mentions use it.
type AliasCount struct {
	Name  string
	Count int
}

// DocumentCount is a document (metadata only) and how many of an
// entity's mentions it holds.
type DocumentCount struct {
	*Document
	Mentions int
}

// MentionForm is how often an entity is called Text in one document.
type MentionForm struct {
	Text     string
	Document string
	Count    int
}

// GraphQuery selects the network of relations: the Limit heaviest edges,
// only those touching Center when it is set. Limit 0 means DefaultLimit.
type GraphQuery struct {
	Center string
	Limit  int
}

// GraphEdge is every relation between two entities, in either direction:
// one line of the network. Relation is the first of them (its ID,
// subject and object); Claims, the sum of their claims, is the edge's
// weight.
type GraphEdge struct {
	Relation   string
	Subject    string
	Object     string
	Predicates []string // each once, in order of first use
	Relations  int
	Claims     int
}

// MapQuery selects the points of the map: the events EventQuery's filters
// select (its order and page are ignored), grouped by place, the Limit
// places with the most events. Limit 0 means DefaultLimit.
type MapQuery struct {
	EventQuery
	Limit int
}

// MapPoint is a geocoded place and the events there.
type MapPoint struct {
	Place  string // entity ID
	Events int
	// MaxKilled is the largest death toll any source gives for any of
	// the events (lower bounds count as given).
	MaxKilled int
	// Event is the event's ID when there is only one.
	Event string
}

// MapPoints is the map's points and what they leave out.
type MapPoints struct {
	Points []MapPoint
	Places int // geocoded places with events, shown or not
	// Located counts the selected events at geocoded places, Unlocated
	// those without a place or at one without coordinates.
	Located, Unlocated int
}

// Pages are the bounded reads of the workbench and the CLI: every list a
// page at a time, every lookup by ID. None of them changes anything. The
// SQLite store implements it beside Store.
type Pages interface {
	// Counts says how much the store holds.
	Counts(ctx context.Context) (*Counts, error)

	// EntityPage returns a page of entities (with their ListAliases
	// most frequent names and their counts).
	EntityPage(ctx context.Context, q EntityQuery) (*Page[EntitySummary], error)
	// EntitySummaries returns the entities with those IDs, with counts
	// but no aliases, in no particular order; unknown IDs are left out.
	EntitySummaries(ctx context.Context, ids []string) ([]EntitySummary, error)
	// EntityCard returns one entity's heading. Errors: ENOTFOUND.
	EntityCard(ctx context.Context, id string) (*EntityCard, error)
	// EntityAliases pages an entity's names, most used first.
	EntityAliases(ctx context.Context, id string, p PageRequest) (*Page[AliasCount], error)
	// EntityDocuments pages the documents that mention an entity, most
	// recently published first (undated last), with its mentions in
	// each.
	EntityDocuments(ctx context.Context, id string, p PageRequest) (*Page[DocumentCount], error)
	// MentionForms says how often the entity is called by each of its
	// names in each of docs.
	MentionForms(ctx context.Context, id string, docs []string) ([]MentionForm, error)
	// EntityClaims pages the sentences that mention an entity, those of
	// the most recently published documents first, in text order within
	// a document.
	EntityClaims(ctx context.Context, id string, p PageRequest) (*Page[Claim], error)
	// EntityQuotes returns the first perDocument sentences (in text
	// order) that mention an entity in each of docs, in docs' order: a
	// summary's quotes, spread over its sources.
	EntityQuotes(ctx context.Context, id string, docs []string, perDocument int) ([]Claim, error)
	// EntitiesNamed returns at most limit entities whose name or an alias
	// equals name (ignoring case), most mentioned first, with counts but
	// no aliases. Errors: ENOTFOUND when there is none.
	EntitiesNamed(ctx context.Context, name string, limit int) ([]EntitySummary, error)
	// SharedNames returns at most limit other entities that have one of
	// the entity's names (ignoring case), most mentioned first.
	SharedNames(ctx context.Context, id string, limit int) ([]EntitySummary, error)

	// EventPage returns a page of events.
	EventPage(ctx context.Context, q EventQuery) (*Page[*Event], error)
	// EventYears counts the events q's filters select by year ("undated"
	// for those without a date), oldest first.
	EventYears(ctx context.Context, q EventQuery) ([]Bucket, error)
	// EventsByID returns the events with those IDs; unknown IDs are left
	// out.
	EventsByID(ctx context.Context, ids []string) ([]*Event, error)
	// RelationPage returns a page of one entity's relations. Errors:
	// EINVALID for a query without entity or with an unknown kind.
	RelationPage(ctx context.Context, q RelationQuery) (*Page[*Relation], error)
	// AttributePage returns a page of one entity's attributes.
	AttributePage(ctx context.Context, q AttributeQuery) (*Page[*Attribute], error)
	// AttributeNames counts an entity's attributes by name, in order of
	// first statement.
	AttributeNames(ctx context.Context, entity string) ([]Bucket, error)
	// Graph returns the heaviest edges of the network of relations and
	// how many edges there are in all.
	Graph(ctx context.Context, q GraphQuery) (edges []GraphEdge, total int, err error)
	// MapPoints groups the selected events by place.
	MapPoints(ctx context.Context, q MapQuery) (*MapPoints, error)

	// ClaimsByID returns the claims with those IDs; unknown IDs are left
	// out.
	ClaimsByID(ctx context.Context, ids []string) ([]Claim, error)
	// CitedBy says, for each of claims that a fact cites, which: "event
	// ID", "relation ID", "attribute ID".
	CitedBy(ctx context.Context, claims []string) (map[string][]string, error)

	// DocumentPage returns a page of documents' metadata.
	DocumentPage(ctx context.Context, q DocumentQuery) (*Page[*Document], error)
	// DocumentsByID returns the metadata of the documents with those
	// IDs; unknown IDs are left out.
	DocumentsByID(ctx context.Context, ids []string) ([]*Document, error)
	// DocumentStatsFor returns what ingest produced for each of docs,
	// keyed by document ID; unknown IDs are left out.
	DocumentStatsFor(ctx context.Context, docs []string) (map[string]DocumentStats, error)
}
