-- A compact store (see compact.go): raw bytes and extraction reports
-- compressed, and no copy of the text kept per mention or per claim where
-- the document's text at the span says the same.
--
-- codec says how raw (documents) or report (extraction_reports) is kept:
-- 1 as given, 2 a zstd frame, 3 (documents) not at all, the raw bytes
-- being the text. 0 marks the rows stored before this migration: Open
-- converts them in Go (SQL cannot compress), a batch a transaction, and
-- finds them by the partial indexes, which are empty once it is done.
ALTER TABLE documents ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_unconverted ON documents (seq) WHERE codec = 0;

ALTER TABLE extraction_reports ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
CREATE INDEX extraction_reports_unconverted ON extraction_reports (document) WHERE codec = 0;

-- A mention's text and a claim's quote are NULL when they are the
-- document's text at their span. The columns could not be made nullable
-- in place: each is renamed, a nullable one added (last), the values
-- copied and the old column dropped. The conversion then empties those of
-- each document; PutDocument leaves out the texts of new mentions, and
-- the triggers the quotes of claims as they are written, so that the code
-- writing claims (facts.go, entity.go) writes them as before. An upsert
-- that finds its claim unchanged compares NULL with the quote, which is
-- not true, and leaves the row alone, as it did.
ALTER TABLE mentions RENAME COLUMN text TO text_0009;
ALTER TABLE mentions ADD COLUMN text TEXT;
UPDATE mentions SET text = text_0009;
ALTER TABLE mentions DROP COLUMN text_0009;

ALTER TABLE claims RENAME COLUMN quote TO quote_0009;
ALTER TABLE claims ADD COLUMN quote TEXT;
UPDATE claims SET quote = quote_0009;
ALTER TABLE claims DROP COLUMN quote_0009;

CREATE TRIGGER claims_quote_insert AFTER INSERT ON claims WHEN new.quote IS NOT NULL BEGIN
	UPDATE claims SET quote = NULL WHERE rowid = new.rowid
		AND quote = (SELECT substr(text, new.start + 1, new."end" - new.start) FROM documents WHERE id = new.document);
END;

CREATE TRIGGER claims_quote_update AFTER UPDATE OF quote ON claims WHEN new.quote IS NOT NULL BEGIN
	UPDATE claims SET quote = NULL WHERE rowid = new.rowid
		AND quote = (SELECT substr(text, new.start + 1, new."end" - new.start) FROM documents WHERE id = new.document);
END;

-- Sentence spans were a row each, three quarters of it the document's ID;
-- they are now one JSON array of [start, end] pairs in documents, and the
-- view sentences gives the rows readers had. The conversion fills the
-- older documents' arrays from sentences_0009 and drops it when done.
ALTER TABLE documents ADD COLUMN sentence_spans TEXT; -- JSON [[start, end], ...] in order; NULL: not read
ALTER TABLE sentences RENAME TO sentences_0009;
CREATE VIEW sentences (document, idx, start, "end") AS
	SELECT d.id, j.key, j.value ->> 0, j.value ->> 1 FROM documents d, json_each(d.sentence_spans) j;

-- Mentions were looked up by span through their own index, a copy of
-- every mention's document ID and span; the primary key (document, idx)
-- finds a document's few dozen mentions as fast, and a span among them.
DROP INDEX mentions_span;
