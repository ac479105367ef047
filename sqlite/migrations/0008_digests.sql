-- ReplaceEntities and ReplaceFacts write only the entities and events that
-- changed (see replaceEntities in entity.go, replaceEvents in facts.go),
-- so the order they were given them can no longer be the rowid: ord holds
-- it, a number that places a new row between two kept ones without moving
-- them (see placeOrds in order.go). digest is a SHA-256 of everything
-- written for the row; NULL (rows from before this migration) matches
-- nothing, so the next resolution rewrites those rows once.
ALTER TABLE entities ADD COLUMN ord REAL NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN digest BLOB;
UPDATE entities SET ord = rowid;
ALTER TABLE events ADD COLUMN ord REAL NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN digest BLOB;
UPDATE events SET ord = rowid;
