-- Each entity's number of mentions, kept by the writers, so that lists
-- ranked by it read an index instead of summing every entity's aliases.
ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;

UPDATE entities SET mentions = coalesce((SELECT sum(a.count) FROM entity_aliases a WHERE a.entity = entities.id), 0);

CREATE INDEX entities_mentions ON entities (mentions DESC, name_lower, id);
CREATE INDEX entities_type_mentions ON entities (type, mentions DESC, name_lower, id);
