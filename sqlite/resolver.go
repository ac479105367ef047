package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-osint/dossier"
)

// The entity index and the batch write of incremental resolution
// (dossier.Resolver). Every statement here reads or writes the rows of
// the batch's documents and of the entities it touches, through indexes:
// none walks a whole table.

var _ dossier.Resolver = (*DB)(nil)

// UnresolvedMentions implements dossier.Resolver. The first unresolved
// document is found through the index of unresolved mentions (work in
// proportion to what is left to resolve), the next ones by walking the
// documents in ingest order from there.
func (db *DB) UnresolvedMentions(ctx context.Context, after int64, limit int, fn func(dossier.Mention, int) error) (int64, error) {
	if after <= 0 {
		var first sql.NullInt64
		err := db.read.QueryRowContext(ctx, `SELECT min(seq) FROM documents
			WHERE id IN (SELECT document FROM mentions WHERE entity IS NULL AND type <> 'nationality')`).Scan(&first)
		if err != nil {
			return after, fmt.Errorf("unresolved mentions: %w", err)
		}
		if !first.Valid {
			return after, nil
		}
		after = first.Int64 - 1
	}
	rows, err := db.read.QueryContext(ctx, `
		WITH docs AS (
			SELECT d.id, d.seq FROM documents d
			WHERE d.seq > ? AND EXISTS (SELECT 1 FROM mentions u
				WHERE u.document = d.id AND u.entity IS NULL AND u.type <> 'nationality')
			ORDER BY d.seq LIMIT ?)
		SELECT d.seq, m.idx, `+mentionColumns+`
		FROM docs d JOIN mentions m ON m.document = d.id
		ORDER BY d.seq, m.idx`, after, limit)
	if err != nil {
		return after, fmt.Errorf("unresolved mentions: %w", err)
	}
	defer rows.Close()
	var m dossier.Mention
	var idx int
	dest := append([]any{&after, &idx}, mentionDest(&m)...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return after, fmt.Errorf("unresolved mentions: %w", err)
		}
		if err := fn(m, idx); err != nil {
			return after, err
		}
	}
	if err := rows.Err(); err != nil {
		return after, fmt.Errorf("unresolved mentions: %w", err)
	}
	return after, nil
}

// UnresolvedDocuments implements dossier.Resolver.
func (db *DB) UnresolvedDocuments(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(DISTINCT document) FROM mentions
		WHERE entity IS NULL AND type <> 'nationality'`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("unresolved documents: %w", err)
	}
	return n, nil
}

// ResetResolution implements dossier.Resolver.
func (db *DB) ResetResolution(ctx context.Context) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("reset resolution: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`PRAGMA defer_foreign_keys = ON`,
		`UPDATE mentions SET entity = NULL WHERE entity IS NOT NULL`,
		`DELETE FROM incident_entities`, `DELETE FROM incidents`,
		`DELETE FROM event_claims`, `DELETE FROM event_entities`, `DELETE FROM events`,
		`DELETE FROM relations`, `DELETE FROM attributes`,
		`DELETE FROM entity_forms`, `DELETE FROM entity_context`,
		`DELETE FROM entity_claims`, `DELETE FROM entity_documents`, `DELETE FROM entity_aliases`, `DELETE FROM entities`,
		`DELETE FROM claims`, `DELETE FROM extraction_reports`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("reset resolution: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("reset resolution: %w", err)
	}
	return nil
}

// IndexedEntities implements dossier.Resolver: a store with no entity
// has nothing to index.
func (db *DB) IndexedEntities(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM entity_forms) OR NOT EXISTS (SELECT 1 FROM entities)`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("entity index: %w", err)
	}
	return n == 1, nil
}

// KnownEntities implements dossier.Resolver.
func (db *DB) KnownEntities(ctx context.Context, q dossier.KnownQuery) ([]*dossier.KnownEntity, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("known entities: %w", err)
	}
	defer tx.Rollback()
	out, err := knownEntities(ctx, tx, q)
	if err != nil {
		return nil, fmt.Errorf("known entities: %w", err)
	}
	return out, nil
}

func knownEntities(ctx context.Context, tx *sql.Tx, q dossier.KnownQuery) ([]*dossier.KnownEntity, error) {
	var ids []string
	err := eachRow(ctx, tx, `
		SELECT entity FROM entity_forms WHERE key IN (SELECT value FROM json_each(?1))
		UNION SELECT entity FROM entity_forms WHERE canonical <> '' AND canonical IN (SELECT value FROM json_each(?1))
		UNION SELECT entity FROM entity_forms WHERE skeleton <> '' AND skeleton IN (SELECT value FROM json_each(?2))
		-- A surname: the one full name that ends in it, or two of those
		-- that do, which are enough to tell the rule it is ambiguous.
		UNION SELECT min(entity) FROM entity_forms WHERE surname <> '' AND surname IN (SELECT value FROM json_each(?3)) GROUP BY surname
		UNION SELECT max(entity) FROM entity_forms WHERE surname <> '' AND surname IN (SELECT value FROM json_each(?3)) GROUP BY surname`,
		[]any{mustJSON(nonNil(q.Keys)), mustJSON(nonNil(q.Skeletons)), mustJSON(nonNil(q.Surnames))},
		func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
			return nil
		})
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	byID := make(map[string]*dossier.KnownEntity, len(ids))
	out := make([]*dossier.KnownEntity, 0, len(ids))
	arg := []any{mustJSON(nonNil(ids))}
	err = eachRow(ctx, tx, `SELECT id, type, name, reason, place FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, arg,
		func(rows *sql.Rows) error {
			k := &dossier.KnownEntity{}
			var place sql.NullString
			if err := rows.Scan(&k.ID, &k.Type, &k.Name, &k.Reason, &place); err != nil {
				return err
			}
			p, err := parsePlace(place)
			if err != nil {
				return fmt.Errorf("place of %s: %w", k.ID, err)
			}
			k.Place = p
			byID[k.ID] = k
			out = append(out, k)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT entity, text, type, key, canonical, count, skeleton, surname FROM entity_forms
		WHERE entity IN (SELECT value FROM json_each(?)) ORDER BY entity, text, type, key, canonical`, arg,
		func(rows *sql.Rows) error {
			var id string
			var f dossier.EntityForm
			if err := rows.Scan(&id, &f.Text, &f.Type, &f.Key, &f.Canonical, &f.Count, &f.Skeleton, &f.Surname); err != nil {
				return err
			}
			if k := byID[id]; k != nil {
				k.Forms = append(k.Forms, f)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT entity, kind, other FROM entity_context
		WHERE entity IN (SELECT value FROM json_each(?)) ORDER BY entity, kind, other`, arg,
		func(rows *sql.Rows) error {
			var id, kind, other string
			if err := rows.Scan(&id, &kind, &other); err != nil {
				return err
			}
			if k := byID[id]; k != nil {
				if kind == "g" {
					k.Context = append(k.Context, other)
				} else {
					k.Actors = append(k.Actors, other)
				}
			}
			return nil
		})
	return out, err
}

// EntitiesExist implements dossier.Resolver.
func (db *DB) EntitiesExist(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?))`, mustJSON(nonNil(ids)))
	if err != nil {
		return nil, fmt.Errorf("entities exist: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("entities exist: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// ReplaceIndex implements dossier.Resolver.
func (db *DB) ReplaceIndex(ctx context.Context, idx []*dossier.KnownEntity, incs []*dossier.Incident) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("entity index: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM entity_forms`, `DELETE FROM entity_context`, `DELETE FROM incident_entities`, `DELETE FROM incidents`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("entity index: %w", err)
		}
	}
	if err := addIndex(ctx, tx, idx); err != nil {
		return fmt.Errorf("entity index: %w", err)
	}
	if err := putIncidents(ctx, tx, incs); err != nil {
		return fmt.Errorf("entity index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("entity index: %w", err)
	}
	return nil
}

// addIndex adds idx's form counts and context to the stored index.
func addIndex(ctx context.Context, tx *sql.Tx, idx []*dossier.KnownEntity) error {
	forms := newBatch(ctx, tx, 8, `INSERT INTO entity_forms (entity, text, type, key, canonical, count, skeleton, surname) VALUES `,
		` ON CONFLICT (entity, text, type, key, canonical) DO UPDATE SET count = count + excluded.count`)
	context := newBatch(ctx, tx, 3, `INSERT INTO entity_context (entity, kind, other) VALUES `, ` ON CONFLICT DO NOTHING`)
	for _, k := range idx {
		for _, f := range k.Forms {
			forms.str(k.ID).str(f.Text).str(string(f.Type)).str(f.Key).str(f.Canonical).int(f.Count).str(f.Skeleton).str(f.Surname).end()
		}
		for _, g := range k.Context {
			context.str(k.ID).str("g").str(g).end()
		}
		for _, a := range k.Actors {
			context.str(k.ID).str("a").str(a).end()
		}
	}
	if err := forms.flush(); err != nil {
		return fmt.Errorf("forms: %w", err)
	}
	if err := context.flush(); err != nil {
		return fmt.Errorf("context: %w", err)
	}
	return nil
}

// ApplyBatch implements dossier.Resolver.
func (db *DB) ApplyBatch(ctx context.Context, b *dossier.Batch) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("apply batch: %w", err)
	}
	defer tx.Rollback()
	if err := applyBatch(ctx, tx, b); err != nil {
		return fmt.Errorf("apply batch: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("apply batch: %w", err)
	}
	return nil
}

func applyBatch(ctx context.Context, tx *sql.Tx, b *dossier.Batch) error {
	if err := needDocuments(ctx, tx, b.Entities); err != nil {
		return err
	}
	// Merges first: the batch's rows name the entities that stay.
	losers := make([]string, 0, len(b.Merged))
	for l := range b.Merged {
		losers = append(losers, l)
	}
	slices.Sort(losers)
	for _, l := range losers {
		if err := mergeEntity(ctx, tx, l, b.Merged[l]); err != nil {
			return fmt.Errorf("merge %s into %s: %w", l, b.Merged[l], err)
		}
	}
	var top float64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), 0) FROM entities`).Scan(&top); err != nil {
		return err
	}
	// New entities go last in the order, extended ones keep their place;
	// the digest a full resolution compares against is cleared.
	rows := newBatch(ctx, tx, 7, `INSERT INTO entities (id, type, name, name_lower, reason, place, ord) VALUES `, `
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, name_lower = excluded.name_lower,
			reason = excluded.reason, place = excluded.place, digest = NULL`)
	changed := make(map[string]bool, len(b.Changed))
	for _, id := range b.Changed {
		changed[id] = true
	}
	for i, e := range b.Entities {
		if !changed[e.ID] {
			continue
		}
		var place string
		if e.Place != nil {
			place = mustJSON(placeJSON(*e.Place))
		}
		rows.str(e.ID).str(string(e.Type)).str(e.Name).str(fold(e.Name)).str(e.Reason).
			strOrNull(place, e.Place != nil).float(top + float64(i+1)).end()
	}
	if err := rows.flush(); err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	counts := newBatch(ctx, tx, 2, `UPDATE entities SET mentions = mentions + v.column2 FROM (VALUES `,
		`) AS v WHERE entities.id = v.column1`)
	for _, e := range b.Entities {
		if n := mentionsOf(e); n > 0 {
			counts.str(e.ID).int(n).end()
		}
	}
	if err := counts.flush(); err != nil {
		return fmt.Errorf("mention counts: %w", err)
	}
	if err := addIndex(ctx, tx, b.Index); err != nil {
		return err
	}
	if err := addAliases(ctx, tx, b.Index); err != nil {
		return fmt.Errorf("aliases: %w", err)
	}
	if err := indexEntities(ctx, tx, b.Renamed); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	// Each table's rows are written whole before the next table's (a
	// batch runs as soon as it is full): a claim before its links.
	links := newBatch(ctx, tx, 3, `UPDATE mentions SET entity = v.column3 FROM (VALUES `,
		`) AS v WHERE mentions.document = v.column1 AND mentions.idx = v.column2`)
	for _, l := range b.Links {
		links.str(l.Document).int(l.Index).str(l.Entity).end()
	}
	if err := links.flush(); err != nil {
		return fmt.Errorf("mention links: %w", err)
	}
	docs := newBatch(ctx, tx, 2, `INSERT INTO entity_documents (entity, document) VALUES `, ` ON CONFLICT DO NOTHING`)
	claims := newBatch(ctx, tx, 5, upsertClaimsHead, upsertClaimsTail)
	cites := newBatch(ctx, tx, 2, `INSERT INTO entity_claims (entity, claim) VALUES `, ` ON CONFLICT DO NOTHING`)
	sent := map[string]bool{}
	for _, step := range []struct {
		what string
		b    *batch
		add  func(e *dossier.Entity, b *batch)
	}{
		{"documents", docs, func(e *dossier.Entity, b *batch) {
			for _, d := range e.Documents {
				b.str(e.ID).str(d).end()
			}
		}},
		{"claims", claims, func(e *dossier.Entity, b *batch) {
			for _, c := range e.Claims {
				if !sent[c.ID] {
					sent[c.ID] = true
					// The quote is the text at the span (Resolver.ApplyBatch):
					// the span is kept, not a copy.
					b.str(c.ID).str(c.Document).int(c.Start).int(c.End).strOrNull("", false).end()
				}
			}
		}},
		{"claim links", cites, func(e *dossier.Entity, b *batch) {
			for _, c := range e.Claims {
				b.str(e.ID).str(c.ID).end()
			}
		}},
	} {
		for _, e := range b.Entities {
			step.add(e, step.b)
		}
		if err := step.b.flush(); err != nil {
			return fmt.Errorf("%s: %w", step.what, err)
		}
	}
	if err := putExtractionReports(ctx, tx, b.Reports); err != nil {
		return fmt.Errorf("extraction reports: %w", err)
	}
	return applyFacts(ctx, tx, b)
}

// applyFacts writes a batch's facts: its events and relations whole, in
// place of the stored ones, its attributes and claims added, the events
// it removed deleted, and its incidents' states.
func applyFacts(ctx context.Context, tx *sql.Tx, b *dossier.Batch) error {
	f := b.Facts
	if f == nil {
		f = &dossier.Facts{}
	}
	if err := needDocs(ctx, tx, f); err != nil {
		return err
	}
	claims := newBatch(ctx, tx, 5, upsertClaimsHead, upsertClaimsTail)
	for _, c := range f.Claims {
		claims.str(c.ID).str(c.Document).int(c.Start).int(c.End).strOrNull("", false).end()
	}
	if err := claims.flush(); err != nil {
		return fmt.Errorf("claims: %w", err)
	}
	if err := needClaims(ctx, tx, f); err != nil {
		return err
	}
	// The events gone lose their rows first. An event rewritten keeps its
	// links, which only grow as reports join it, but for its place,
	// which Merge chooses again: writeEvents adds the links it lacks.
	arg := mustJSON(nonNil(b.RemovedEvents))
	for _, q := range []string{
		`DELETE FROM event_claims WHERE event IN (SELECT value FROM json_each(?))`,
		`DELETE FROM event_entities WHERE event IN (SELECT value FROM json_each(?))`,
		`DELETE FROM incident_entities WHERE event IN (SELECT value FROM json_each(?))`,
		`DELETE FROM incidents WHERE event IN (SELECT value FROM json_each(?))`,
	} {
		if _, err := tx.ExecContext(ctx, q, arg); err != nil {
			return fmt.Errorf("events: %w", err)
		}
	}
	places := newBatch(ctx, tx, 2, `DELETE FROM event_entities WHERE role = 'place' AND (event, entity) IN (
		SELECT ee.event, ee.entity FROM (VALUES `, `) AS v JOIN event_entities ee ON ee.event = v.column1 AND ee.role = 'place'
		WHERE ee.entity <> v.column2)`)
	for _, e := range f.Events {
		places.str(e.ID).str(e.Place).end()
	}
	if err := places.flush(); err != nil {
		return fmt.Errorf("event places: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))`, mustJSON(nonNil(b.RemovedEvents))); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id IN (SELECT value FROM json_each(?))`, mustJSON(nonNil(b.RemovedRelations))); err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	rows := make([]eventRow, len(f.Events))
	for i, e := range f.Events {
		rows[i] = eventRow{ev: e, lists: eventListsOf(e)}
	}
	slices.SortFunc(rows, func(a, b eventRow) int { return strings.Compare(a.ev.ID, b.ev.ID) })
	if err := writeEvents(ctx, tx, rows); err != nil {
		return err
	}
	if err := putIncidents(ctx, tx, b.Incidents); err != nil {
		return err
	}
	relations := newBatch(ctx, tx, 8, `INSERT INTO relations (id, subject, predicate, object, start, "end", documents, claims) VALUES `,
		` ON CONFLICT (id) DO UPDATE SET documents = excluded.documents, claims = excluded.claims`)
	for _, r := range f.Relations {
		relations.str(r.ID).str(r.Subject).str(r.Predicate).str(r.Object).str(r.Start).str(r.End).
			str(mustJSON(nonNil(r.Documents))).str(mustJSON(nonNil(r.Claims))).end()
	}
	if err := relations.flush(); err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	return insertAttributes(ctx, tx, f.Attributes, ` ON CONFLICT (id) DO NOTHING`)
}

// putIncidents writes incidents' states, in place of stored ones.
func putIncidents(ctx context.Context, tx *sql.Tx, incs []*dossier.Incident) error {
	rows := newBatch(ctx, tx, 6, `INSERT INTO incidents (event, type, mmdd, date, ord, state) VALUES `, `
		ON CONFLICT (event) DO UPDATE SET type = excluded.type, mmdd = excluded.mmdd, date = excluded.date,
			ord = excluded.ord, state = excluded.state`)
	names := newBatch(ctx, tx, 2, `INSERT INTO incident_entities (entity, event) VALUES `, ` ON CONFLICT DO NOTHING`)
	for _, inc := range incs {
		rows.str(inc.Event).str(inc.Type).str(inc.MMDD).str(inc.Date).int(int(inc.Ord)).blob(inc.State).end()
	}
	if err := rows.flush(); err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	for _, inc := range incs {
		for _, e := range inc.Entities {
			names.str(e).str(inc.Event).end()
		}
	}
	if err := names.flush(); err != nil {
		return fmt.Errorf("incident entities: %w", err)
	}
	return nil
}

// EntityHeads implements dossier.Resolver.
func (db *DB) EntityHeads(ctx context.Context, ids []string) ([]*dossier.Entity, error) {
	var out []*dossier.Entity
	err := db.each(ctx, `SELECT id, type, name, place FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
		[]any{mustJSON(nonNil(ids))}, func(rows *sql.Rows) error {
			e := &dossier.Entity{}
			var place sql.NullString
			if err := rows.Scan(&e.ID, &e.Type, &e.Name, &place); err != nil {
				return err
			}
			p, err := parsePlace(place)
			if err != nil {
				return fmt.Errorf("place of %s: %w", e.ID, err)
			}
			e.Place = p
			out = append(out, e)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("entity heads: %w", err)
	}
	return out, nil
}

// Incidents implements dossier.Resolver.
func (db *DB) Incidents(ctx context.Context, qs []dossier.IncidentQuery) ([]*dossier.Incident, error) {
	type q struct {
		Type string `json:"t"`
		MMDD string `json:"m"`
		Date string `json:"d"`
	}
	list := make([]q, len(qs))
	for i, x := range qs {
		list[i] = q{x.Type, x.MMDD, x.Date}
	}
	var out []*dossier.Incident
	err := db.each(ctx, `
		SELECT DISTINCT i.event, i.type, i.mmdd, i.date, i.ord, i.state
		FROM json_each(?) AS j JOIN incidents i ON i.type = j.value->>'t' AND i.mmdd = j.value->>'m'
			AND (j.value->>'d' = '' OR i.date = j.value->>'d' OR i.date = '')
		ORDER BY i.ord`, []any{mustJSON(list)}, func(rows *sql.Rows) error {
		inc := &dossier.Incident{}
		if err := rows.Scan(&inc.Event, &inc.Type, &inc.MMDD, &inc.Date, &inc.Ord, &inc.State); err != nil {
			return err
		}
		out = append(out, inc)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	return out, nil
}

// RelationsByID implements dossier.Resolver.
func (db *DB) RelationsByID(ctx context.Context, ids []string) ([]*dossier.Relation, error) {
	return db.relations(ctx, `WHERE r.id IN (SELECT value FROM json_each(?1))`, ids)
}

// RelationsOf implements dossier.Resolver.
func (db *DB) RelationsOf(ctx context.Context, entities []string) ([]*dossier.Relation, error) {
	return db.relations(ctx, `WHERE r.subject IN (SELECT value FROM json_each(?1)) OR r.object IN (SELECT value FROM json_each(?1))`, entities)
}

// relations returns the relations where finds, given ids as ?1.
func (db *DB) relations(ctx context.Context, where string, ids []string) ([]*dossier.Relation, error) {
	var out []*dossier.Relation
	err := db.each(ctx, `SELECT `+relationColumns+` FROM relations r `+where+` ORDER BY r.id`,
		[]any{mustJSON(nonNil(ids))}, func(rows *sql.Rows) error {
			r, err := scanRelation(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	return out, nil
}

// NextIncidentOrd implements dossier.Resolver.
func (db *DB) NextIncidentOrd(ctx context.Context) (int64, error) {
	var n int64
	if err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(ord), -1) + 1 FROM incidents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("incidents: %w", err)
	}
	return n, nil
}

// each runs a read query and calls fn with each row.
func (db *DB) each(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// mergeEntity moves every row of entity from onto entity to, and deletes
// from: its mentions, index entries, documents, claims, the context that
// names it, and the facts that name it.
func mergeEntity(ctx context.Context, tx *sql.Tx, from, to string) error {
	for _, q := range []string{
		`UPDATE mentions SET entity = ?2 WHERE entity = ?1`,
		`INSERT INTO entity_forms (entity, text, type, key, canonical, count, skeleton, surname)
			SELECT ?2, text, type, key, canonical, count, skeleton, surname FROM entity_forms WHERE entity = ?1 AND true
			ON CONFLICT (entity, text, type, key, canonical) DO UPDATE SET count = count + excluded.count`,
		`DELETE FROM entity_forms WHERE entity = ?1`,
		`INSERT INTO entity_context (entity, kind, other) SELECT ?2, kind, other FROM entity_context WHERE entity = ?1 AND other <> ?2
			ON CONFLICT DO NOTHING`,
		`DELETE FROM entity_context WHERE entity = ?1`,
		`UPDATE OR IGNORE entity_context SET other = ?2 WHERE other = ?1 AND entity <> ?2`,
		`DELETE FROM entity_context WHERE other = ?1`,
		`INSERT INTO entity_documents (entity, document) SELECT ?2, document FROM entity_documents WHERE entity = ?1 AND true
			ON CONFLICT DO NOTHING`,
		`DELETE FROM entity_documents WHERE entity = ?1`,
		`INSERT INTO entity_claims (entity, claim) SELECT ?2, claim FROM entity_claims WHERE entity = ?1 AND true
			ON CONFLICT DO NOTHING`,
		`DELETE FROM entity_claims WHERE entity = ?1`,
		`INSERT INTO entity_aliases (entity, alias, alias_lower, count, ord)
			SELECT ?2, alias, alias_lower, count, ord + 1000000 FROM entity_aliases WHERE entity = ?1 AND true
			ON CONFLICT (entity, alias) DO UPDATE SET count = count + excluded.count`,
		`DELETE FROM entity_aliases WHERE entity = ?1`,
		// Facts: the events' lists and places, relations and attributes.
		`UPDATE events SET lists = replace(lists, '"' || ?1 || '"', '"' || ?2 || '"'), digest = NULL
			WHERE id IN (SELECT event FROM event_entities WHERE entity = ?1)`,
		`UPDATE events SET place = ?2, digest = NULL WHERE id IN (SELECT event FROM event_entities WHERE entity = ?1 AND role = 'place')`,
		`UPDATE OR IGNORE event_entities SET entity = ?2 WHERE entity = ?1`,
		`DELETE FROM event_entities WHERE entity = ?1`,
		`UPDATE relations SET subject = ?2 WHERE subject = ?1`,
		`UPDATE relations SET object = ?2 WHERE object = ?1`,
		`UPDATE attributes SET entity = ?2 WHERE entity = ?1`,
		`UPDATE incidents SET state = CAST(replace(CAST(state AS TEXT), '"' || ?1 || '"', '"' || ?2 || '"') AS BLOB)
			WHERE event IN (SELECT event FROM incident_entities WHERE entity = ?1)`,
		`UPDATE OR IGNORE incident_entities SET entity = ?2 WHERE entity = ?1`,
		`DELETE FROM incident_entities WHERE entity = ?1`,
		`UPDATE entities SET mentions = mentions + (SELECT l.mentions FROM entities l WHERE l.id = ?1) WHERE id = ?2`,
		`DELETE FROM entities WHERE id = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, from, to); err != nil {
			return err
		}
	}
	return nil
}

// addAliases adds the counts of idx's forms to their entities' aliases,
// by surface form; a new alias goes after the entity's others.
func addAliases(ctx context.Context, tx *sql.Tx, idx []*dossier.KnownEntity) error {
	rows := newBatch(ctx, tx, 5, `INSERT INTO entity_aliases (entity, alias, alias_lower, count, ord)
		SELECT v.column1, v.column2, v.column3, v.column4,
			coalesce((SELECT max(a.ord) + 1 FROM entity_aliases a WHERE a.entity = v.column1), 0) + v.column5
		FROM (VALUES `, `) AS v WHERE true
		ON CONFLICT (entity, alias) DO UPDATE SET count = count + excluded.count`)
	for _, k := range idx {
		counts := map[string]int{}
		var order []string
		for _, f := range k.Forms {
			if _, ok := counts[f.Text]; !ok {
				order = append(order, f.Text)
			}
			counts[f.Text] += f.Count
		}
		for i, text := range order {
			rows.str(k.ID).str(text).str(fold(text)).int(counts[text]).int(i).end()
		}
	}
	return rows.flush()
}

// parsePlace decodes an entities.place column.
func parsePlace(place sql.NullString) (*dossier.PlaceInfo, error) {
	if !place.Valid {
		return nil, nil
	}
	var p placeJSON
	if err := json.Unmarshal([]byte(place.String), &p); err != nil {
		return nil, err
	}
	return &dossier.PlaceInfo{Lat: p.Lat, Lon: p.Lon, Country: p.Country, Admin1: p.Admin1, GazetteerID: p.GazetteerID}, nil
}
