-- Reference entities imported from reference knowledge (MISP galaxies, STIX
-- bundles). Resolution reads them with the built-in lists; nothing links a
-- mention or a fact to them.
CREATE TABLE references_ (
	id          TEXT PRIMARY KEY,
	type        TEXT NOT NULL,
	name        TEXT NOT NULL,
	aliases     TEXT NOT NULL, -- JSON array of strings
	source      TEXT NOT NULL,
	external_id TEXT NOT NULL,
	description TEXT NOT NULL
);
