-- Analysts' corrections to resolution (merge, split, rename). Ingest and
-- resolution never write here; resolution reads every row, in seq order,
-- and re-applies it.
CREATE TABLE decisions (
	seq    INTEGER PRIMARY KEY AUTOINCREMENT,
	action TEXT NOT NULL CHECK (action IN ('merge', 'split', 'rename')),
	body   TEXT NOT NULL, -- JSON {target, other, names, documents, name}
	note   TEXT NOT NULL,
	at     TEXT NOT NULL  -- RFC 3339, UTC
);
