-- Mentions no entity holds yet: documents stored since the last resolution.
-- Store.Unresolved asks for one of them; this keeps that question cheap
-- when the answer is no.
CREATE INDEX mentions_unresolved ON mentions (document) WHERE entity IS NULL;
