-- Search by index, not by reading every alias and event: an FTS5 row per
-- entity (its names, and the transliteration skeletons of their parts, so
-- that "Khadim" finds "Khadem"), written by the entity writers, and one
-- per event, kept by triggers. Both rows take their owner's rowid.
CREATE VIRTUAL TABLE entity_search USING fts5(names, skeletons, tokenize = "unicode61 remove_diacritics 2");

CREATE TRIGGER entity_search_delete AFTER DELETE ON entities BEGIN
	DELETE FROM entity_search WHERE rowid = old.rowid;
END;

-- The events' own columns are the content (external content): the index
-- holds no copy of the summaries. The tokenizer splits "facility_attack"
-- at its underscore.
CREATE VIRTUAL TABLE event_search USING fts5(type, subtype, date, summary, content = 'events', content_rowid = 'rowid',
	tokenize = "unicode61 remove_diacritics 2");

CREATE TRIGGER event_search_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_search (rowid, type, subtype, date, summary)
	VALUES (new.rowid, new.type, new.subtype, new.date, new.summary);
END;

CREATE TRIGGER event_search_delete AFTER DELETE ON events BEGIN
	INSERT INTO event_search (event_search, rowid, type, subtype, date, summary)
	VALUES ('delete', old.rowid, old.type, old.subtype, old.date, old.summary);
END;

CREATE TRIGGER event_search_update AFTER UPDATE OF type, subtype, date, summary ON events BEGIN
	INSERT INTO event_search (event_search, rowid, type, subtype, date, summary)
	VALUES ('delete', old.rowid, old.type, old.subtype, old.date, old.summary);
	INSERT INTO event_search (rowid, type, subtype, date, summary)
	VALUES (new.rowid, new.type, new.subtype, new.date, new.summary);
END;

INSERT INTO event_search (event_search) VALUES ('rebuild');
