-- Each document's extraction report, kept between resolutions so that a
-- document whose mentions' entities did not change is not read and
-- extracted again (see Pipeline.Resolve). report is the pipeline's
-- encoding, opaque here; digest hashes everything extraction read to make
-- it, and a report is reused only while it matches. Documents are never
-- deleted; were they, their reports should go with them. A rowid table,
-- not WITHOUT ROWID: reports are kilobytes, and SQLite advises against
-- WITHOUT ROWID for rows that large.
CREATE TABLE extraction_reports (
	document TEXT PRIMARY KEY REFERENCES documents (id),
	digest   BLOB NOT NULL,
	report   BLOB NOT NULL
);
