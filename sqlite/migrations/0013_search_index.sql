-- Search by index, not by reading every alias and event: an FTS5 row per
-- entity (its names, and the transliteration skeletons of their parts, so
-- that "Khadim" finds "Khadem"), written by the entity writers, and one
-- per event, kept by triggers. Both rows take their owner's rowid.
CREATE VIRTUAL TABLE entity_search USING fts5(names, skeletons, tokenize = "unicode61 remove_diacritics 2");

CREATE TRIGGER entity_search_delete AFTER DELETE ON entities BEGIN
	DELETE FROM entity_search WHERE rowid = old.rowid;
END;

CREATE VIRTUAL TABLE event_search USING fts5(text, tokenize = "unicode61 remove_diacritics 2");

CREATE TRIGGER event_search_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_search (rowid, text)
	VALUES (new.rowid, replace(new.type, '_', ' ') || ' ' || new.subtype || ' ' || new.date || ' ' || new.summary);
END;

CREATE TRIGGER event_search_delete AFTER DELETE ON events BEGIN
	DELETE FROM event_search WHERE rowid = old.rowid;
END;

CREATE TRIGGER event_search_update AFTER UPDATE OF type, subtype, date, summary ON events BEGIN
	DELETE FROM event_search WHERE rowid = old.rowid;
	INSERT INTO event_search (rowid, text)
	VALUES (new.rowid, replace(new.type, '_', ' ') || ' ' || new.subtype || ' ' || new.date || ' ' || new.summary);
END;

INSERT INTO event_search (rowid, text)
SELECT rowid, replace(type, '_', ' ') || ' ' || subtype || ' ' || date || ' ' || summary FROM events;
