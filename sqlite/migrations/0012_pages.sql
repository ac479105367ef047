-- Bounded reads (dossier.Pages, page.go): each list is read a page at a
-- time by its sort key (keyset pagination), so each order a list offers
-- has an index that ends in a unique column, and the lookups a page makes
-- by claim have one too.

-- Entities by name, of one type or of all (FindEntities' name_lower = ?
-- is served by the wider index as well).
DROP INDEX entities_name_lower;
CREATE INDEX entities_name_lower ON entities (name_lower, id);
CREATE INDEX entities_type_name ON entities (type, name_lower, id);

-- Events by date then the order ReplaceFacts was given them, of one type
-- or of all. Undated events ("") are read after the dated ones, as a
-- second range of the same index.
DROP INDEX events_date;
CREATE INDEX events_date ON events (date, ord, id);
CREATE INDEX events_type_date ON events (type, date, ord, id);

-- What cites a claim (the source reader's "cited by").
CREATE INDEX event_claims_claim ON event_claims (claim);
CREATE INDEX attributes_claim ON attributes (claim);

-- A relation keeps its claims as a JSON array; this table, kept by the
-- triggers below, indexes them by claim. ReplaceFacts needs no change:
-- every relation row it deletes or inserts updates it.
CREATE TABLE relation_claims (
	claim    TEXT NOT NULL,
	relation TEXT NOT NULL,
	PRIMARY KEY (claim, relation)
) WITHOUT ROWID;

CREATE TRIGGER relation_claims_insert AFTER INSERT ON relations BEGIN
	INSERT OR IGNORE INTO relation_claims (claim, relation) SELECT value, new.id FROM json_each(new.claims);
END;

CREATE TRIGGER relation_claims_delete AFTER DELETE ON relations BEGIN
	DELETE FROM relation_claims WHERE relation = old.id AND claim IN (SELECT value FROM json_each(old.claims));
END;

CREATE TRIGGER relation_claims_update AFTER UPDATE OF id, claims ON relations BEGIN
	DELETE FROM relation_claims WHERE relation = old.id AND claim IN (SELECT value FROM json_each(old.claims));
	INSERT OR IGNORE INTO relation_claims (claim, relation) SELECT value, new.id FROM json_each(new.claims);
END;

INSERT OR IGNORE INTO relation_claims (claim, relation) SELECT j.value, r.id FROM relations r, json_each(r.claims) j;
