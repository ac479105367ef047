-- Events, relations and attributes: what extraction and reconciliation found
-- across the store, each citing claims. They are replaced wholesale by
-- ReplaceFacts, like entities by ReplaceEntities; rowid keeps the order they
-- were given. Lists that are only ever read with their row are JSON arrays;
-- the links a query filters on (event actors, claims) are tables.

CREATE TABLE events (
	id          TEXT PRIMARY KEY,
	type        TEXT NOT NULL,
	subtype     TEXT NOT NULL,
	date        TEXT NOT NULL, -- "YYYY", "YYYY-MM", "YYYY-MM-DD" or ""
	place       TEXT NOT NULL, -- entity ID or ""
	target_type TEXT NOT NULL,
	claimed_via TEXT NOT NULL,
	summary     TEXT NOT NULL,
	lists       TEXT NOT NULL  -- JSON {perpetrators, targets, claimants, killed, injured, arrested, documents, claims}
);

CREATE INDEX events_date ON events (date);

-- role is "perpetrator", "target", "claimant" or "place".
CREATE TABLE event_entities (
	event  TEXT NOT NULL REFERENCES events (id),
	entity TEXT NOT NULL,
	role   TEXT NOT NULL,
	PRIMARY KEY (event, entity, role)
) WITHOUT ROWID;

CREATE INDEX event_entities_entity ON event_entities (entity);

CREATE TABLE event_claims (
	event TEXT NOT NULL REFERENCES events (id),
	claim TEXT NOT NULL REFERENCES claims (id),
	PRIMARY KEY (event, claim)
) WITHOUT ROWID;

CREATE TABLE relations (
	id        TEXT PRIMARY KEY,
	subject   TEXT NOT NULL,
	predicate TEXT NOT NULL,
	object    TEXT NOT NULL,
	start     TEXT NOT NULL,
	"end"     TEXT NOT NULL,
	documents TEXT NOT NULL, -- JSON array of document IDs
	claims    TEXT NOT NULL  -- JSON array of claim IDs
);

CREATE INDEX relations_subject ON relations (subject);
CREATE INDEX relations_object ON relations (object);

CREATE TABLE attributes (
	id       TEXT PRIMARY KEY,
	entity   TEXT NOT NULL,
	name     TEXT NOT NULL,
	value    TEXT NOT NULL,
	quantity TEXT, -- JSON {document, min, max, claim}; NULL when not a figure
	as_of    TEXT NOT NULL,
	by_whom  TEXT NOT NULL,
	document TEXT NOT NULL REFERENCES documents (id),
	claim    TEXT NOT NULL REFERENCES claims (id)
);

CREATE INDEX attributes_entity ON attributes (entity, name);
