-- The entity index of incremental resolution (dossier.Resolver): each
-- entity's distinct mention forms with their counts and the keys a new
-- mention finds them by, and the context its evidence rules read. A batch
-- of documents reads the entries its mentions share a key with, never the
-- whole store. Built by a full resolution; empty in a store resolved
-- before it existed, which the next ingest resolves in full.
CREATE TABLE entity_forms (
	entity    TEXT    NOT NULL REFERENCES entities (id),
	text      TEXT    NOT NULL,
	type      TEXT    NOT NULL,
	key       TEXT    NOT NULL,
	canonical TEXT    NOT NULL,
	count     INTEGER NOT NULL,
	skeleton  TEXT    NOT NULL,
	surname   TEXT    NOT NULL,
	PRIMARY KEY (entity, text, type, key, canonical)
) WITHOUT ROWID;

CREATE INDEX entity_forms_key ON entity_forms (key);
-- A batch's new entities go after the last (ApplyBatch reads max(ord)).
CREATE INDEX entities_ord ON entities (ord);
CREATE INDEX entity_forms_canonical ON entity_forms (canonical) WHERE canonical <> '';
CREATE INDEX entity_forms_skeleton ON entity_forms (skeleton) WHERE skeleton <> '';
CREATE INDEX entity_forms_surname ON entity_forms (surname) WHERE surname <> '';

-- kind 'g': an armed group named beside a person; 'a': an actor named in
-- a person's documents.
CREATE TABLE entity_context (
	entity TEXT NOT NULL REFERENCES entities (id),
	kind   TEXT NOT NULL CHECK (kind IN ('g', 'a')),
	other  TEXT NOT NULL,
	PRIMARY KEY (entity, kind, other)
) WITHOUT ROWID;

CREATE INDEX entity_context_other ON entity_context (other);

-- The state of each merged event that a later report may join (see
-- extract.Merger), found by type and day: a batch's reports read the
-- incidents of their days, never every event.
CREATE TABLE incidents (
	event TEXT    PRIMARY KEY REFERENCES events (id),
	type  TEXT    NOT NULL,
	mmdd  TEXT    NOT NULL,
	date  TEXT    NOT NULL, -- "YYYY-MM-DD" or ""
	ord   INTEGER NOT NULL,
	state BLOB    NOT NULL
);

CREATE INDEX incidents_day ON incidents (type, mmdd, date);
CREATE INDEX incidents_ord ON incidents (ord);

-- Every entity an incident's state names, so that a merge of entities
-- finds the states to rewrite.
CREATE TABLE incident_entities (
	entity TEXT NOT NULL,
	event  TEXT NOT NULL REFERENCES incidents (event),
	PRIMARY KEY (entity, event)
) WITHOUT ROWID;

CREATE INDEX incident_entities_event ON incident_entities (event);
