-- Full-text search over documents for the web workbench (Store.Search).
-- The index keeps no copy of the text (external content on documents,
-- keyed by seq); a trigger indexes each new document. Documents are never
-- updated or deleted (they are content-addressed), so no other trigger is
-- needed. remove_diacritics folds "Khādim" onto "Khadim".
CREATE VIRTUAL TABLE documents_fts USING fts5(
	title, outlet, text,
	content = 'documents', content_rowid = 'seq',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
	INSERT INTO documents_fts (rowid, title, outlet, text) VALUES (new.seq, new.title, new.outlet, new.text);
END;

-- Index what was stored before this migration.
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
