-- Documents, their readings (sentences and mentions) and the resolved
-- entities with their aliases, documents and claims.
--
-- Offsets (start, "end") count code points into documents.text, as in the
-- domain package; SQLite's substr() on TEXT counts the same way. "end" is
-- quoted everywhere because END is an SQL keyword.

-- seq is the ingest order: AUTOINCREMENT never reuses a number, so the order
-- survives deletions. The large columns come last because SQLite walks a
-- row's overflow pages in column order: listing metadata never reads text
-- or raw.
CREATE TABLE documents (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	id          TEXT    NOT NULL UNIQUE CHECK (length(id) = 64), -- hex SHA-256 of raw
	source      TEXT    NOT NULL,
	format      TEXT    NOT NULL,
	title       TEXT    NOT NULL,
	outlet      TEXT    NOT NULL,
	authors     TEXT    NOT NULL, -- JSON array of strings
	published   TEXT    NOT NULL, -- "YYYY", "YYYY-MM", "YYYY-MM-DD" or ""
	url         TEXT    NOT NULL,
	ingested_at TEXT    NOT NULL, -- RFC 3339, UTC
	segments    TEXT    NOT NULL, -- JSON array of {start, end, raw_start, raw_end, exact}
	removed     TEXT    NOT NULL, -- JSON array of {raw_start, raw_end, reason}
	text        TEXT    NOT NULL,
	raw         BLOB    NOT NULL
);

CREATE TABLE sentences (
	document TEXT    NOT NULL REFERENCES documents (id),
	idx      INTEGER NOT NULL,
	start    INTEGER NOT NULL,
	"end"    INTEGER NOT NULL,
	PRIMARY KEY (document, idx)
) WITHOUT ROWID;

-- Entities keep their rowid: it is the order ReplaceEntities was given.
-- name_lower and alias_lower are folded in Go (see fold in entity.go)
-- because SQLite's lower() only knows ASCII.
CREATE TABLE entities (
	id         TEXT PRIMARY KEY,
	type       TEXT NOT NULL,
	name       TEXT NOT NULL,
	name_lower TEXT NOT NULL,
	reason     TEXT NOT NULL,
	place      TEXT -- JSON {lat, lon, country, admin1, gazetteer_id}; NULL unless geocoded
);

CREATE INDEX entities_name_lower ON entities (name_lower);

-- Mentions are clustered by document and position, the order Mentions
-- streams them in. entity is set by ReplaceEntities.
CREATE TABLE mentions (
	document  TEXT    NOT NULL REFERENCES documents (id),
	idx       INTEGER NOT NULL,
	start     INTEGER NOT NULL,
	"end"     INTEGER NOT NULL,
	text      TEXT    NOT NULL,
	type      TEXT    NOT NULL,
	key       TEXT    NOT NULL,
	canonical TEXT    NOT NULL,
	sentence  INTEGER NOT NULL,
	entity    TEXT    REFERENCES entities (id),
	PRIMARY KEY (document, idx)
) WITHOUT ROWID;

-- ReplaceEntities finds a mention by its span.
CREATE INDEX mentions_span ON mentions (document, start, "end");
CREATE INDEX mentions_entity ON mentions (entity) WHERE entity IS NOT NULL;

-- count is how many of the entity's mentions have this surface form; ord
-- is the alias's place in Entity.Aliases and breaks ties.
CREATE TABLE entity_aliases (
	entity      TEXT    NOT NULL REFERENCES entities (id),
	alias       TEXT    NOT NULL,
	alias_lower TEXT    NOT NULL,
	count       INTEGER NOT NULL,
	ord         INTEGER NOT NULL,
	PRIMARY KEY (entity, alias)
) WITHOUT ROWID;

CREATE INDEX entity_aliases_lower ON entity_aliases (alias_lower);

CREATE TABLE entity_documents (
	entity   TEXT NOT NULL REFERENCES entities (id),
	document TEXT NOT NULL REFERENCES documents (id),
	PRIMARY KEY (entity, document)
) WITHOUT ROWID;

CREATE INDEX entity_documents_document ON entity_documents (document);

-- Claims outlive a ReplaceEntities: their IDs are deterministic and events
-- and relations will cite them too.
CREATE TABLE claims (
	id       TEXT    PRIMARY KEY,
	document TEXT    NOT NULL REFERENCES documents (id),
	start    INTEGER NOT NULL,
	"end"    INTEGER NOT NULL,
	quote    TEXT    NOT NULL
);

CREATE INDEX claims_document ON claims (document, start);

CREATE TABLE entity_claims (
	entity TEXT NOT NULL REFERENCES entities (id),
	claim  TEXT NOT NULL REFERENCES claims (id),
	PRIMARY KEY (entity, claim)
) WITHOUT ROWID;

CREATE INDEX entity_claims_claim ON entity_claims (claim);
