package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
)

type placeJSON struct {
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Country     string  `json:"country"`
	Admin1      string  `json:"admin1"`
	GazetteerID string  `json:"gazetteer_id"`
}

// ReplaceEntities replaces every resolved entity with ents in one
// transaction: their aliases, documents and claim links go, the mentions
// they held are released, and ents are written in their place. Each entity's
// mentions are found by document and span and linked to it; a mention that
// is not stored, or that two entities claim, is EINVALID, as is a document
// or claim document that is not stored. Claims are upserted by ID and kept
// when no entity cites them any more. Alias counts are how many of the
// entity's mentions have that exact surface form.
//
// Rows are written in batches (insertJSON), and mention links are diffed
// rather than cleared and rewritten: re-resolving a store whose clusters
// barely moved rewrites the entity tables but touches only the mentions
// whose entity changed, which is most of the time what a second run costs.
func (db *DB) ReplaceEntities(ctx context.Context, ents []*dossier.Entity) error {
	if err := validEntities(ents); err != nil {
		return err
	}
	links, err := wantedLinks(ents)
	if err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	defer tx.Rollback()
	if err := replaceEntities(ctx, tx, ents, links); err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	return nil
}

func validEntities(ents []*dossier.Entity) error {
	seen := make(map[string]bool, len(ents))
	for i, e := range ents {
		switch {
		case e == nil:
			return dossier.Errorf(dossier.EINVALID, "entity %d is nil", i)
		case e.ID == "":
			return dossier.Errorf(dossier.EINVALID, "entity %d (%q) has no ID", i, e.Name)
		case seen[e.ID]:
			return dossier.Errorf(dossier.EINVALID, "entity ID %s is used twice", e.ID)
		case !e.Type.Valid():
			return dossier.Errorf(dossier.EINVALID, "entity %s has unknown type %q", e.ID, e.Type)
		case e.Name == "":
			return dossier.Errorf(dossier.EINVALID, "entity %s has no name", e.ID)
		}
		seen[e.ID] = true
		for _, c := range e.Claims {
			if c.ID == "" || c.Document == "" || c.Start < 0 || c.End < c.Start {
				return dossier.Errorf(dossier.EINVALID, "entity %s: claim %q in document %q at [%d,%d) is malformed",
					e.ID, c.ID, c.Document, c.Start, c.End)
			}
		}
	}
	return nil
}

// spanKey names a stored mention by what an entity knows of it.
type spanKey struct {
	doc        string
	start, end int
}

// link is a mention an entity holds.
type link struct {
	spanKey
	ent  *dossier.Entity
	text string
}

// wantedLinks lists each mention of ents once, in order. A mention listed
// twice by one entity is fine; one claimed by two entities is EINVALID,
// named as the second entity's.
func wantedLinks(ents []*dossier.Entity) ([]link, error) {
	owner := map[spanKey]*dossier.Entity{}
	var links []link
	for _, e := range ents {
		for _, m := range e.Mentions {
			k := spanKey{m.Document, m.Start, m.End}
			if o, ok := owner[k]; ok {
				if o != e {
					return nil, notLinkable(e, m.Text, k)
				}
				continue
			}
			owner[k] = e
			links = append(links, link{k, e, m.Text})
		}
	}
	return links, nil
}

func notLinkable(e *dossier.Entity, text string, k spanKey) error {
	return dossier.Errorf(dossier.EINVALID,
		"entity %s: mention %q at %s[%d:%d] is not stored or belongs to another entity",
		e.ID, text, k.doc, k.start, k.end)
}

// replaceEntities does ReplaceEntities' work in tx. Foreign keys are
// checked at commit (defer_foreign_keys lasts until the transaction ends)
// so that entities can be deleted and written again, keeping their rowid
// order the order of ents, while the mentions that stay with the same
// entity keep their link untouched. Everything a deferred check could
// refuse is checked first, by name, so the commit does not fail on it.
func replaceEntities(ctx context.Context, tx *sql.Tx, ents []*dossier.Entity, links []link) error {
	if err := needDocuments(ctx, tx, ents); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	if err := deleteEntities(ctx, tx); err != nil {
		return err
	}

	var entRows, aliasRows, docRows, claimRows, entClaimRows [][]any
	claimAt := map[string]int{} // claim ID -> its row; the last entity's copy wins
	for _, e := range ents {
		var place any // NULL
		if p := e.Place; p != nil {
			place = mustJSON(placeJSON(*p))
		}
		entRows = append(entRows, []any{e.ID, string(e.Type), e.Name, fold(e.Name), e.Reason, place})
		forms := make(map[string]int)
		for _, m := range e.Mentions {
			forms[m.Text]++
		}
		for i, a := range e.Aliases {
			aliasRows = append(aliasRows, []any{e.ID, a, fold(a), forms[a], i})
		}
		for _, d := range e.Documents {
			docRows = append(docRows, []any{e.ID, d})
		}
		for _, c := range e.Claims {
			row := []any{c.ID, c.Document, c.Start, c.End, c.Quote}
			if i, ok := claimAt[c.ID]; ok {
				claimRows[i] = row
			} else {
				claimAt[c.ID] = len(claimRows)
				claimRows = append(claimRows, row)
			}
			entClaimRows = append(entClaimRows, []any{e.ID, c.ID})
		}
	}
	for _, b := range []struct {
		what, query string
		rows        [][]any
	}{
		{"entities", `INSERT INTO entities (id, type, name, name_lower, reason, place)
			SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?) ORDER BY key`, entRows},
		{"aliases", `INSERT OR IGNORE INTO entity_aliases (entity, alias, alias_lower, count, ord)
			SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?) ORDER BY key`, aliasRows},
		{"documents", `INSERT OR IGNORE INTO entity_documents (entity, document)
			SELECT value->>0, value->>1 FROM json_each(?) ORDER BY key`, docRows},
		// An unchanged claim is not written again.
		{"claims", `INSERT INTO claims (id, document, start, "end", quote)
			SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?) WHERE true ORDER BY key
			ON CONFLICT (id) DO UPDATE SET document = excluded.document, start = excluded.start,
				"end" = excluded."end", quote = excluded.quote
			WHERE claims.document <> excluded.document OR claims.start <> excluded.start
				OR claims."end" <> excluded."end" OR claims.quote <> excluded.quote`, claimRows},
		{"claim links", `INSERT OR IGNORE INTO entity_claims (entity, claim)
			SELECT value->>0, value->>1 FROM json_each(?) ORDER BY key`, entClaimRows},
	} {
		if err := insertJSON(ctx, tx, b.query, b.rows); err != nil {
			return fmt.Errorf("%s: %w", b.what, err)
		}
	}
	return relink(ctx, tx, links)
}

// needDocuments returns EINVALID, naming the first entity in order that
// cites it, for a document or claim document that is not stored.
func needDocuments(ctx context.Context, tx *sql.Tx, ents []*dossier.Entity) error {
	seen := map[string]bool{}
	var docs []string
	for _, e := range ents {
		for _, d := range e.Documents {
			if !seen[d] {
				seen[d] = true
				docs = append(docs, d)
			}
		}
		for _, c := range e.Claims {
			if !seen[c.Document] {
				seen[c.Document] = true
				docs = append(docs, c.Document)
			}
		}
	}
	gone, err := missing(ctx, tx, "documents", docs)
	if err != nil || len(gone) == 0 {
		return err
	}
	for _, e := range ents {
		for _, d := range e.Documents {
			if gone[d] {
				return dossier.Errorf(dossier.EINVALID, "entity %s: document %s is not stored", e.ID, d)
			}
		}
		for _, c := range e.Claims {
			if gone[c.Document] {
				return dossier.Errorf(dossier.EINVALID, "entity %s: claim %s: document %s is not stored", e.ID, c.ID, c.Document)
			}
		}
	}
	return nil
}

// relink makes the stored mention links what links says: mentions whose
// entity changed are released or moved, the others are left alone. The
// wanted links go into a temporary table, dropped again before the
// transaction ends, so that each side can be looked up by index.
func relink(ctx context.Context, tx *sql.Tx, links []link) error {
	if _, err := tx.ExecContext(ctx, `
		CREATE TEMP TABLE want_links (
			document TEXT    NOT NULL,
			start    INTEGER NOT NULL,
			"end"    INTEGER NOT NULL,
			entity   TEXT    NOT NULL,
			seq      INTEGER NOT NULL,
			PRIMARY KEY (document, start, "end")
		) WITHOUT ROWID`); err != nil {
		return err
	}
	rows := make([][]any, len(links))
	for i, l := range links {
		rows[i] = []any{l.doc, l.start, l.end, l.ent.ID, i}
	}
	if err := insertJSON(ctx, tx, `
		INSERT INTO temp.want_links (document, start, "end", entity, seq)
		SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)`, rows); err != nil {
		return err
	}
	// A wanted mention that is not stored is the caller's error.
	var seq int
	err := tx.QueryRowContext(ctx, `
		SELECT w.seq FROM temp.want_links w
		WHERE NOT EXISTS (SELECT 1 FROM mentions m
			WHERE m.document = w.document AND m.start = w.start AND m."end" = w."end")
		ORDER BY w.seq LIMIT 1`).Scan(&seq)
	switch {
	case err == nil:
		l := links[seq]
		return notLinkable(l.ent, l.text, l.spanKey)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	for _, q := range []string{
		`UPDATE mentions SET entity = NULL
		WHERE entity IS NOT NULL AND NOT EXISTS (SELECT 1 FROM temp.want_links w
			WHERE w.document = mentions.document AND w.start = mentions.start AND w."end" = mentions."end"
				AND w.entity = mentions.entity)`,
		`UPDATE mentions SET entity = w.entity
		FROM temp.want_links w
		WHERE mentions.document = w.document AND mentions.start = w.start AND mentions."end" = w."end"
			AND mentions.entity IS NOT w.entity`,
		`DROP TABLE temp.want_links`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// deleteEntities removes the entities and the rows that belong to them;
// the mentions' links are left for relink, which only changes those that
// must change (foreign keys are deferred meanwhile).
func deleteEntities(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`DELETE FROM entity_claims`,
		`DELETE FROM entity_documents`,
		`DELETE FROM entity_aliases`,
		`DELETE FROM entities`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// jsonBatch is how many rows one insertJSON statement carries: enough to
// make the per-statement cost of the driver vanish, few enough to keep
// each JSON parameter a few megabytes.
const jsonBatch = 4096

// insertJSON runs query, a statement over json_each(?) that reads each
// row as a JSON array (value->>0, value->>1, ...), for rows, jsonBatch at
// a time and in order. One statement writes thousands of rows: through
// modernc.org/sqlite a statement costs far more than a row.
func insertJSON(ctx context.Context, tx *sql.Tx, query string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for len(rows) > 0 {
		n := min(len(rows), jsonBatch)
		if _, err := stmt.ExecContext(ctx, mustJSON(rows[:n])); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// Entities returns every resolved entity, in the order ReplaceEntities was
// given them. Aliases come most frequent first; documents, mentions and
// claims in document ingest order.
func (db *DB) Entities(ctx context.Context) ([]*dossier.Entity, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer tx.Rollback()
	ents, err := loadEntities(ctx, tx, nil)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return ents, nil
}

// FindEntities returns the entities whose name or an alias equals name under
// Unicode simple case folding (as strings.EqualFold compares), most mentions
// first.
func (db *DB) FindEntities(ctx context.Context, name string) ([]*dossier.Entity, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	defer tx.Rollback()

	key := fold(name)
	rows, err := tx.QueryContext(ctx, `
		SELECT id FROM entities WHERE name_lower = ?1
		UNION
		SELECT entity FROM entity_aliases WHERE alias_lower = ?1`, key)
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find entities %q: %w", name, err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	if len(ids) == 0 {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity named %q", name)
	}

	ents, err := loadEntities(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	slices.SortStableFunc(ents, func(a, b *dossier.Entity) int { return len(b.Mentions) - len(a.Mentions) })
	return ents, nil
}

// loadEntities loads the entities with the given IDs, or all of them when
// ids is nil, in five queries whatever their number.
func loadEntities(ctx context.Context, tx *sql.Tx, ids []string) ([]*dossier.Entity, error) {
	// only restricts a query to the entities in ids. The fragments are
	// constants; the IDs travel as one JSON parameter.
	only := func(col string) (string, []any) {
		if ids == nil {
			return "", nil
		}
		return " AND " + col + " IN (SELECT value FROM json_each(?))", []any{mustJSON(ids)}
	}

	ents := []*dossier.Entity{}
	byID := make(map[string]*dossier.Entity)
	filter, args := only("id")
	err := eachRow(ctx, tx, `
		SELECT id, type, name, reason, place FROM entities WHERE 1 = 1`+filter+`
		ORDER BY rowid`, args, func(rows *sql.Rows) error {
		e := new(dossier.Entity)
		var place sql.NullString
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &e.Reason, &place); err != nil {
			return err
		}
		if place.Valid {
			var p placeJSON
			if err := json.Unmarshal([]byte(place.String), &p); err != nil {
				return fmt.Errorf("entity %s: place: %w", e.ID, err)
			}
			e.Place = (*dossier.PlaceInfo)(&p)
		}
		ents = append(ents, e)
		byID[e.ID] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entities: %w", err)
	}

	filter, args = only("entity")
	err = eachRow(ctx, tx, `
		SELECT entity, alias FROM entity_aliases WHERE 1 = 1`+filter+`
		ORDER BY entity, count DESC, ord`, args, func(rows *sql.Rows) error {
		var id, alias string
		if err := rows.Scan(&id, &alias); err != nil {
			return err
		}
		e := byID[id]
		e.Aliases = append(e.Aliases, alias)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}

	filter, args = only("ed.entity")
	err = eachRow(ctx, tx, `
		SELECT ed.entity, ed.document
		FROM entity_documents ed JOIN documents d ON d.id = ed.document
		WHERE 1 = 1`+filter+`
		ORDER BY d.seq`, args, func(rows *sql.Rows) error {
		var id, doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return err
		}
		e := byID[id]
		e.Documents = append(e.Documents, doc)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entity documents: %w", err)
	}

	filter, args = only("m.entity")
	err = eachRow(ctx, tx, `
		SELECT m.entity, `+mentionColumns+`
		FROM mentions m JOIN documents d ON d.id = m.document
		WHERE m.entity IS NOT NULL`+filter+`
		ORDER BY d.seq, m.idx`, args, func(rows *sql.Rows) error {
		var id string
		var m dossier.Mention
		if err := rows.Scan(append([]any{&id}, mentionDest(&m)...)...); err != nil {
			return err
		}
		e := byID[id]
		e.Mentions = append(e.Mentions, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entity mentions: %w", err)
	}

	filter, args = only("ec.entity")
	err = eachRow(ctx, tx, `
		SELECT ec.entity, c.id, c.document, c.start, c."end", c.quote
		FROM entity_claims ec
		JOIN claims c ON c.id = ec.claim
		JOIN documents d ON d.id = c.document
		WHERE 1 = 1`+filter+`
		ORDER BY d.seq, c.start, c."end", c.id`, args, func(rows *sql.Rows) error {
		var id string
		var c dossier.Claim
		if err := rows.Scan(&id, &c.ID, &c.Document, &c.Start, &c.End, &c.Quote); err != nil {
			return err
		}
		e := byID[id]
		e.Claims = append(e.Claims, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entity claims: %w", err)
	}
	return ents, nil
}

// eachRow runs query and calls fn on each row.
func eachRow(ctx context.Context, tx *sql.Tx, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
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

// fold returns the key under which names are compared: two strings have the
// same key when strings.EqualFold says they are equal. Each rune becomes the
// lower case of the smallest rune in its simple case folding orbit, so that
// 'Σ', 'σ' and 'ς' all become 'σ', and 'K', 'k' and the Kelvin sign U+212A become 'k'.
// SQLite's lower() cannot do this: it only folds ASCII.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		lo := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			lo = min(lo, f)
		}
		b.WriteRune(unicode.ToLower(lo))
	}
	return b.String()
}
