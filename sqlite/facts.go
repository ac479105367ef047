package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/dossier-osint/dossier"
)

// eventLists is the JSON in events.lists.
type eventLists struct {
	Perpetrators []string           `json:"perpetrators"`
	Targets      []string           `json:"targets"`
	Claimants    []string           `json:"claimants"`
	Killed       []dossier.Quantity `json:"killed"`
	Injured      []dossier.Quantity `json:"injured"`
	Arrested     []dossier.Quantity `json:"arrested"`
	Kidnapped    []dossier.Quantity `json:"kidnapped,omitempty"`
	Documents    []string           `json:"documents"`
	Claims       []string           `json:"claims"`
}

// ReplaceFacts replaces every event, relation and attribute with f's in one
// transaction, upserting f.Claims first. A claim cited but neither in
// f.Claims nor stored, or a document that is not stored, is EINVALID and
// leaves the store as it was.
func (db *DB) ReplaceFacts(ctx context.Context, f *dossier.Facts) error {
	if err := validFacts(f); err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace facts: %w", err)
	}
	defer tx.Rollback()
	if err := replaceFacts(ctx, tx, f); err != nil {
		return fmt.Errorf("replace facts: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace facts: %w", err)
	}
	return nil
}

func validFacts(f *dossier.Facts) error {
	if f == nil {
		return dossier.Errorf(dossier.EINVALID, "no facts")
	}
	for _, c := range f.Claims {
		if c.ID == "" || c.Document == "" || c.Start < 0 || c.End < c.Start {
			return dossier.Errorf(dossier.EINVALID, "claim %q in document %q at [%d,%d) is malformed", c.ID, c.Document, c.Start, c.End)
		}
	}
	seen := map[string]bool{}
	id := func(kind, id string) error {
		if id == "" {
			return dossier.Errorf(dossier.EINVALID, "%s has no ID", kind)
		}
		if seen[id] {
			return dossier.Errorf(dossier.EINVALID, "%s ID %s is used twice", kind, id)
		}
		seen[id] = true
		return nil
	}
	for _, e := range f.Events {
		if e == nil {
			return dossier.Errorf(dossier.EINVALID, "nil event")
		}
		if err := id("event", e.ID); err != nil {
			return err
		}
		if e.Type == "" {
			return dossier.Errorf(dossier.EINVALID, "event %s has no type", e.ID)
		}
	}
	for _, r := range f.Relations {
		if r == nil {
			return dossier.Errorf(dossier.EINVALID, "nil relation")
		}
		if err := id("relation", r.ID); err != nil {
			return err
		}
		if r.Subject == "" || r.Predicate == "" || r.Object == "" {
			return dossier.Errorf(dossier.EINVALID, "relation %s lacks a subject, predicate or object", r.ID)
		}
	}
	for _, a := range f.Attributes {
		if a == nil {
			return dossier.Errorf(dossier.EINVALID, "nil attribute")
		}
		if err := id("attribute", a.ID); err != nil {
			return err
		}
		if a.Entity == "" || a.Name == "" || a.Document == "" || a.Claim == "" {
			return dossier.Errorf(dossier.EINVALID, "attribute %s lacks an entity, name, document or claim", a.ID)
		}
	}
	return nil
}

func replaceFacts(ctx context.Context, tx *sql.Tx, f *dossier.Facts) error {
	for _, q := range []string{
		`DELETE FROM event_claims`, `DELETE FROM event_entities`, `DELETE FROM events`,
		`DELETE FROM relations`, `DELETE FROM attributes`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	stmts := map[string]string{
		"claim": `INSERT INTO claims (id, document, start, "end", quote) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET document = excluded.document, start = excluded.start,
				"end" = excluded."end", quote = excluded.quote`,
		"event": `INSERT INTO events (id, type, subtype, date, place, target_type, claimed_via, summary, lists)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"eventEntity": `INSERT OR IGNORE INTO event_entities (event, entity, role) VALUES (?, ?, ?)`,
		"eventClaim":  `INSERT OR IGNORE INTO event_claims (event, claim) VALUES (?, ?)`,
		"relation": `INSERT INTO relations (id, subject, predicate, object, start, "end", documents, claims)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		"attribute": `INSERT INTO attributes (id, entity, name, value, quantity, as_of, by_whom, document, claim)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"hasClaim": `SELECT count(*) FROM claims WHERE id = ?`,
		"hasDoc":   `SELECT count(*) FROM documents WHERE id = ?`,
	}
	st := map[string]*sql.Stmt{}
	for name, q := range stmts {
		s, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		defer s.Close()
		st[name] = s
	}
	exists := func(stmt, id string) (bool, error) {
		var n int
		err := st[stmt].QueryRowContext(ctx, id).Scan(&n)
		return n > 0, err
	}
	for _, c := range f.Claims {
		if _, err := st["claim"].ExecContext(ctx, c.ID, c.Document, c.Start, c.End, c.Quote); isForeignKey(err) {
			return dossier.Errorf(dossier.EINVALID, "claim %s: document %s is not stored", c.ID, c.Document)
		} else if err != nil {
			return fmt.Errorf("claim %s: %w", c.ID, err)
		}
	}
	needClaims := func(what string, ids []string) error {
		for _, id := range ids {
			ok, err := exists("hasClaim", id)
			if err != nil {
				return err
			}
			if !ok {
				return dossier.Errorf(dossier.EINVALID, "%s cites claim %q, which is not stored", what, id)
			}
		}
		return nil
	}
	needDocs := func(what string, ids []string) error {
		for _, id := range ids {
			ok, err := exists("hasDoc", id)
			if err != nil {
				return err
			}
			if !ok {
				return dossier.Errorf(dossier.EINVALID, "%s cites document %q, which is not stored", what, id)
			}
		}
		return nil
	}
	for _, e := range f.Events {
		what := "event " + e.ID
		if err := needClaims(what, e.Claims); err != nil {
			return err
		}
		docs := append([]string(nil), e.Documents...)
		var figClaims []string
		for _, qs := range [][]dossier.Quantity{e.Killed, e.Injured, e.Arrested, e.Kidnapped} {
			for _, q := range qs {
				docs = append(docs, q.Document)
				if q.Claim != "" {
					figClaims = append(figClaims, q.Claim)
				}
			}
		}
		if err := needDocs(what, docs); err != nil {
			return err
		}
		if err := needClaims(what, figClaims); err != nil {
			return err
		}
		lists := eventLists{e.Perpetrators, e.Targets, e.Claimants, e.Killed, e.Injured, e.Arrested, e.Kidnapped, e.Documents, e.Claims}
		if _, err := st["event"].ExecContext(ctx, e.ID, e.Type, e.Subtype, e.Date, e.Place, e.TargetType,
			e.ClaimedVia, e.Summary, mustJSON(lists)); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		for role, ids := range map[string][]string{"perpetrator": e.Perpetrators, "target": e.Targets, "claimant": e.Claimants, "place": {e.Place}} {
			for _, id := range ids {
				if id == "" {
					continue
				}
				if _, err := st["eventEntity"].ExecContext(ctx, e.ID, id, role); err != nil {
					return fmt.Errorf("%s: %w", what, err)
				}
			}
		}
		for _, c := range e.Claims {
			if _, err := st["eventClaim"].ExecContext(ctx, e.ID, c); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
		}
	}
	for _, r := range f.Relations {
		what := "relation " + r.ID
		if err := needClaims(what, r.Claims); err != nil {
			return err
		}
		if err := needDocs(what, r.Documents); err != nil {
			return err
		}
		if _, err := st["relation"].ExecContext(ctx, r.ID, r.Subject, r.Predicate, r.Object, r.Start, r.End,
			mustJSON(nonNil(r.Documents)), mustJSON(nonNil(r.Claims))); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	for _, a := range f.Attributes {
		what := "attribute " + a.ID
		if err := needClaims(what, []string{a.Claim}); err != nil {
			return err
		}
		var q any
		if a.Quantity != nil {
			q = mustJSON(a.Quantity)
		}
		if _, err := st["attribute"].ExecContext(ctx, a.ID, a.Entity, a.Name, a.Value, q, a.AsOf, a.By, a.Document, a.Claim); isForeignKey(err) {
			return dossier.Errorf(dossier.EINVALID, "%s: document %s is not stored", what, a.Document)
		} else if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Facts returns every stored event, relation and attribute in the order
// ReplaceFacts was given them, with every claim they cite (figures'
// claims included), in document order.
func (db *DB) Facts(ctx context.Context) (*dossier.Facts, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("facts: %w", err)
	}
	defer tx.Rollback()
	f := &dossier.Facts{Events: []*dossier.Event{}, Relations: []*dossier.Relation{}, Attributes: []*dossier.Attribute{}, Claims: []dossier.Claim{}}
	cited := map[string]bool{}
	err = eachRow(ctx, tx, `SELECT id, type, subtype, date, place, target_type, claimed_via, summary, lists FROM events ORDER BY rowid`, nil,
		func(rows *sql.Rows) error {
			e := new(dossier.Event)
			var lists string
			if err := rows.Scan(&e.ID, &e.Type, &e.Subtype, &e.Date, &e.Place, &e.TargetType, &e.ClaimedVia, &e.Summary, &lists); err != nil {
				return err
			}
			var l eventLists
			if err := json.Unmarshal([]byte(lists), &l); err != nil {
				return fmt.Errorf("event %s: %w", e.ID, err)
			}
			e.Perpetrators, e.Targets, e.Claimants = l.Perpetrators, l.Targets, l.Claimants
			e.Killed, e.Injured, e.Arrested, e.Documents, e.Claims = l.Killed, l.Injured, l.Arrested, l.Documents, l.Claims
			e.Kidnapped = l.Kidnapped
			for _, c := range e.Claims {
				cited[c] = true
			}
			for _, qs := range [][]dossier.Quantity{e.Killed, e.Injured, e.Arrested, e.Kidnapped} {
				for _, q := range qs {
					if q.Claim != "" {
						cited[q.Claim] = true
					}
				}
			}
			f.Events = append(f.Events, e)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("facts: events: %w", err)
	}
	err = eachRow(ctx, tx, `SELECT id, subject, predicate, object, start, "end", documents, claims FROM relations ORDER BY rowid`, nil,
		func(rows *sql.Rows) error {
			r := new(dossier.Relation)
			var docs, claims string
			if err := rows.Scan(&r.ID, &r.Subject, &r.Predicate, &r.Object, &r.Start, &r.End, &docs, &claims); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(docs), &r.Documents); err != nil {
				return fmt.Errorf("relation %s: %w", r.ID, err)
			}
			if err := json.Unmarshal([]byte(claims), &r.Claims); err != nil {
				return fmt.Errorf("relation %s: %w", r.ID, err)
			}
			for _, c := range r.Claims {
				cited[c] = true
			}
			f.Relations = append(f.Relations, r)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("facts: relations: %w", err)
	}
	err = eachRow(ctx, tx, `SELECT id, entity, name, value, quantity, as_of, by_whom, document, claim FROM attributes ORDER BY rowid`, nil,
		func(rows *sql.Rows) error {
			a := new(dossier.Attribute)
			var q sql.NullString
			if err := rows.Scan(&a.ID, &a.Entity, &a.Name, &a.Value, &q, &a.AsOf, &a.By, &a.Document, &a.Claim); err != nil {
				return err
			}
			if q.Valid {
				a.Quantity = new(dossier.Quantity)
				if err := json.Unmarshal([]byte(q.String), a.Quantity); err != nil {
					return fmt.Errorf("attribute %s: %w", a.ID, err)
				}
			}
			cited[a.Claim] = true
			f.Attributes = append(f.Attributes, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("facts: attributes: %w", err)
	}
	ids := make([]string, 0, len(cited))
	for id := range cited {
		ids = append(ids, id)
	}
	err = eachRow(ctx, tx, `
		SELECT c.id, c.document, c.start, c."end", c.quote
		FROM claims c JOIN documents d ON d.id = c.document
		WHERE c.id IN (SELECT value FROM json_each(?))
		ORDER BY d.seq, c.start, c."end", c.id`, []any{mustJSON(ids)},
		func(rows *sql.Rows) error {
			var c dossier.Claim
			if err := rows.Scan(&c.ID, &c.Document, &c.Start, &c.End, &c.Quote); err != nil {
				return err
			}
			f.Claims = append(f.Claims, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("facts: claims: %w", err)
	}
	return f, nil
}
