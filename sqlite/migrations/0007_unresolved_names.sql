-- Nationality, ethnic and religious mentions ("Afghan", "Sunni") are kept
-- for extraction but never become entities, so they stay without one;
-- Store.Unresolved asks only about the others.
DROP INDEX mentions_unresolved;
CREATE INDEX mentions_unresolved ON mentions (document) WHERE entity IS NULL AND type <> 'nationality';
