package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
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
func (db *DB) ReplaceEntities(ctx context.Context, ents []*dossier.Entity) error {
	if err := validEntities(ents); err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	defer tx.Rollback()

	if err := deleteEntities(ctx, tx); err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	w, err := newEntityWriter(ctx, tx)
	if err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	defer w.close()
	for _, e := range ents {
		if err := w.put(ctx, e); err != nil {
			return fmt.Errorf("replace entities: %w", err)
		}
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

// deleteEntities removes the entities and everything that points at them,
// children first so that no foreign key is left dangling.
func deleteEntities(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`UPDATE mentions SET entity = NULL WHERE entity IS NOT NULL`,
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

// entityWriter holds the statements that write entities, prepared once per
// ReplaceEntities.
type entityWriter struct {
	entity, alias, document, claim, entityClaim, link *sql.Stmt
}

func newEntityWriter(ctx context.Context, tx *sql.Tx) (*entityWriter, error) {
	w := new(entityWriter)
	for _, s := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&w.entity, `INSERT INTO entities (id, type, name, name_lower, reason, place) VALUES (?, ?, ?, ?, ?, ?)`},
		{&w.alias, `INSERT OR IGNORE INTO entity_aliases (entity, alias, alias_lower, count, ord) VALUES (?, ?, ?, ?, ?)`},
		{&w.document, `INSERT OR IGNORE INTO entity_documents (entity, document) VALUES (?, ?)`},
		{&w.claim, `
			INSERT INTO claims (id, document, start, "end", quote) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET document = excluded.document, start = excluded.start,
				"end" = excluded."end", quote = excluded.quote`},
		{&w.entityClaim, `INSERT OR IGNORE INTO entity_claims (entity, claim) VALUES (?, ?)`},
		// Matching rows count as changed even when entity already holds
		// ?1, so a mention listed twice in one entity is not an error.
		{&w.link, `
			UPDATE mentions SET entity = ?1
			WHERE document = ?2 AND start = ?3 AND "end" = ?4 AND (entity IS NULL OR entity = ?1)`},
	} {
		stmt, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*s.stmt = stmt
	}
	return w, nil
}

func (w *entityWriter) close() {
	for _, s := range []*sql.Stmt{w.entity, w.alias, w.document, w.claim, w.entityClaim, w.link} {
		if s != nil {
			s.Close()
		}
	}
}

func (w *entityWriter) put(ctx context.Context, e *dossier.Entity) error {
	var place any // NULL
	if p := e.Place; p != nil {
		place = mustJSON(placeJSON(*p))
	}
	if _, err := w.entity.ExecContext(ctx, e.ID, string(e.Type), e.Name, fold(e.Name), e.Reason, place); err != nil {
		return fmt.Errorf("entity %s: %w", e.ID, err)
	}

	forms := make(map[string]int)
	for _, m := range e.Mentions {
		forms[m.Text]++
	}
	for i, a := range e.Aliases {
		if _, err := w.alias.ExecContext(ctx, e.ID, a, fold(a), forms[a], i); err != nil {
			return fmt.Errorf("entity %s: alias %q: %w", e.ID, a, err)
		}
	}

	for _, d := range e.Documents {
		if _, err := w.document.ExecContext(ctx, e.ID, d); isForeignKey(err) {
			return dossier.Errorf(dossier.EINVALID, "entity %s: document %s is not stored", e.ID, d)
		} else if err != nil {
			return fmt.Errorf("entity %s: document %s: %w", e.ID, d, err)
		}
	}

	for _, c := range e.Claims {
		if _, err := w.claim.ExecContext(ctx, c.ID, c.Document, c.Start, c.End, c.Quote); isForeignKey(err) {
			return dossier.Errorf(dossier.EINVALID, "entity %s: claim %s: document %s is not stored", e.ID, c.ID, c.Document)
		} else if err != nil {
			return fmt.Errorf("entity %s: claim %s: %w", e.ID, c.ID, err)
		}
		if _, err := w.entityClaim.ExecContext(ctx, e.ID, c.ID); err != nil {
			return fmt.Errorf("entity %s: claim %s: %w", e.ID, c.ID, err)
		}
	}

	for _, m := range e.Mentions {
		res, err := w.link.ExecContext(ctx, e.ID, m.Document, m.Start, m.End)
		if err != nil {
			return fmt.Errorf("entity %s: mention %s[%d:%d]: %w", e.ID, m.Document, m.Start, m.End, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("entity %s: mention %s[%d:%d]: %w", e.ID, m.Document, m.Start, m.End, err)
		} else if n == 0 {
			// Either no such mention, or one another entity took.
			return dossier.Errorf(dossier.EINVALID,
				"entity %s: mention %q at %s[%d:%d] is not stored or belongs to another entity",
				e.ID, m.Text, m.Document, m.Start, m.End)
		}
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
