-- Totals kept by triggers, so that the overview, the lists and the
-- timeline's years read a row rather than count a table: "documents",
-- "events", "relations", "attributes", "entities:<type>" and
-- "events:<year>" ("events:undated" for the events with no date).
CREATE TABLE counts (
	name TEXT    PRIMARY KEY,
	n    INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO counts (name, n) SELECT 'documents', count(*) FROM documents;
INSERT INTO counts (name, n) SELECT 'events', count(*) FROM events;
INSERT INTO counts (name, n) SELECT 'relations', count(*) FROM relations;
INSERT INTO counts (name, n) SELECT 'attributes', count(*) FROM attributes;
INSERT INTO counts (name, n) SELECT 'entities:' || type, count(*) FROM entities GROUP BY type;
INSERT INTO counts (name, n)
SELECT 'events:' || CASE WHEN date = '' THEN 'undated' ELSE substr(date, 1, 4) END, count(*) FROM events GROUP BY 1;

CREATE TRIGGER counts_documents_insert AFTER INSERT ON documents BEGIN
	UPDATE counts SET n = n + 1 WHERE name = 'documents';
END;
CREATE TRIGGER counts_documents_delete AFTER DELETE ON documents BEGIN
	UPDATE counts SET n = n - 1 WHERE name = 'documents';
END;
CREATE TRIGGER counts_relations_insert AFTER INSERT ON relations BEGIN
	UPDATE counts SET n = n + 1 WHERE name = 'relations';
END;
CREATE TRIGGER counts_relations_delete AFTER DELETE ON relations BEGIN
	UPDATE counts SET n = n - 1 WHERE name = 'relations';
END;
CREATE TRIGGER counts_attributes_insert AFTER INSERT ON attributes BEGIN
	UPDATE counts SET n = n + 1 WHERE name = 'attributes';
END;
CREATE TRIGGER counts_attributes_delete AFTER DELETE ON attributes BEGIN
	UPDATE counts SET n = n - 1 WHERE name = 'attributes';
END;

CREATE TRIGGER counts_entities_insert AFTER INSERT ON entities BEGIN
	INSERT INTO counts (name, n) VALUES ('entities:' || new.type, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER counts_entities_delete AFTER DELETE ON entities BEGIN
	UPDATE counts SET n = n - 1 WHERE name = 'entities:' || old.type;
END;
CREATE TRIGGER counts_entities_type AFTER UPDATE OF type ON entities WHEN new.type <> old.type BEGIN
	UPDATE counts SET n = n - 1 WHERE name = 'entities:' || old.type;
	INSERT INTO counts (name, n) VALUES ('entities:' || new.type, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_events_insert AFTER INSERT ON events BEGIN
	UPDATE counts SET n = n + 1 WHERE name = 'events';
	INSERT INTO counts (name, n) VALUES ('events:' || CASE WHEN new.date = '' THEN 'undated' ELSE substr(new.date, 1, 4) END, 1)
	ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER counts_events_delete AFTER DELETE ON events BEGIN
	UPDATE counts SET n = n - 1 WHERE name = 'events';
	UPDATE counts SET n = n - 1 WHERE name = 'events:' || CASE WHEN old.date = '' THEN 'undated' ELSE substr(old.date, 1, 4) END;
END;
CREATE TRIGGER counts_events_date AFTER UPDATE OF date ON events
WHEN substr(new.date, 1, 4) <> substr(old.date, 1, 4) BEGIN
	UPDATE counts SET n = n - 1 WHERE name = 'events:' || CASE WHEN old.date = '' THEN 'undated' ELSE substr(old.date, 1, 4) END;
	INSERT INTO counts (name, n) VALUES ('events:' || CASE WHEN new.date = '' THEN 'undated' ELSE substr(new.date, 1, 4) END, 1)
	ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;

-- The documents newest first: the pages of a big entity's documents walk it.
CREATE INDEX documents_published ON documents (published, seq);
