package sqlite

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-osint/dossier"
)

// eventLists is the JSON in events.lists.
type eventLists struct {
	Perpetrators []string           `json:"perpetrators"`
	Described    []string           `json:"perpetrator_descriptions,omitempty"`
	Targets      []string           `json:"targets"`
	Claimants    []string           `json:"claimants"`
	Killed       []dossier.Quantity `json:"killed"`
	Injured      []dossier.Quantity `json:"injured"`
	Arrested     []dossier.Quantity `json:"arrested"`
	Kidnapped    []dossier.Quantity `json:"kidnapped,omitempty"`
	Documents    []string           `json:"documents"`
	Claims       []string           `json:"claims"`
	Aimed        []string           `json:"target_descriptions,omitempty"`
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

// replaceFacts does ReplaceFacts' work in tx. What a document or claim
// must exist for is checked first, in two queries, and the first offence in
// the order of f is named; then every table is written in batches
// (see batch), since a statement costs far more than a row.
func replaceFacts(ctx context.Context, tx *sql.Tx, f *dossier.Facts) error {
	// The incidents' states describe the events replaced: a full
	// resolution writes them anew (ReplaceIndex).
	for _, q := range []string{`DELETE FROM incident_entities`, `DELETE FROM incidents`, `DELETE FROM relations`, `DELETE FROM attributes`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := needDocs(ctx, tx, f); err != nil {
		return err
	}
	// Claims first: the facts may cite the ones they bring. A claim given
	// twice is written once, with its last copy's span and quote.
	last := make(map[string]int, len(f.Claims))
	for i, c := range f.Claims {
		last[c.ID] = i
	}
	claims := newBatch(ctx, tx, 5, upsertClaimsHead, upsertClaimsTail)
	for _, c := range f.Claims {
		j, ok := last[c.ID]
		if !ok {
			continue // written already
		}
		delete(last, c.ID)
		c = f.Claims[j]
		claims.str(c.ID).str(c.Document).int(c.Start).int(c.End).str(c.Quote).end()
	}
	if err := claims.flush(); err != nil {
		return fmt.Errorf("claims: %w", err)
	}
	if err := needClaims(ctx, tx, f); err != nil {
		return err
	}

	if err := replaceEvents(ctx, tx, f.Events); err != nil {
		return err
	}
	relations := newBatch(ctx, tx, 8, `INSERT INTO relations (id, subject, predicate, object, start, "end", documents, claims) VALUES `, ``)
	for _, r := range f.Relations {
		relations.str(r.ID).str(r.Subject).str(r.Predicate).str(r.Object).str(r.Start).str(r.End).
			str(mustJSON(nonNil(r.Documents))).str(mustJSON(nonNil(r.Claims))).end()
	}
	if err := relations.flush(); err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	if err := insertAttributes(ctx, tx, f.Attributes, ``); err != nil {
		return err
	}
	return nil
}

// insertAttributes inserts attribute rows; tail ends the statement (an
// ON CONFLICT clause, or nothing).
func insertAttributes(ctx context.Context, tx *sql.Tx, attrs []*dossier.Attribute, tail string) error {
	b := newBatch(ctx, tx, 9, `INSERT INTO attributes (id, entity, name, value, quantity, as_of, by_whom, document, claim) VALUES `, tail)
	for _, a := range attrs {
		var q string
		if a.Quantity != nil {
			q = mustJSON(a.Quantity)
		}
		b.str(a.ID).str(a.Entity).str(a.Name).str(a.Value).strOrNull(q, a.Quantity != nil).
			str(a.AsOf).str(a.By).str(a.Document).str(a.Claim).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("attributes: %w", err)
	}
	return nil
}

// replaceEvents makes the stored events evs, writing only what changed,
// as replaceEntities does for entities: an event whose digest (of its
// row, which holds every list its event_entities and event_claims rows
// derive from) is stored under its ID keeps its rows, but for its place
// in the order (ord); a changed one is rewritten with its rows; a gone one
// is deleted.
func replaceEvents(ctx context.Context, tx *sql.Tx, evs []*dossier.Event) error {
	type storedEvent struct {
		ord    float64
		digest [sha256.Size]byte
	}
	stored := map[string]storedEvent{}
	err := eachRow(ctx, tx, `SELECT id, ord, digest FROM events`, nil, func(rows *sql.Rows) error {
		var id string
		var s storedEvent
		var d []byte
		if err := rows.Scan(&id, &s.ord, &d); err != nil {
			return err
		}
		copy(s.digest[:], d)
		stored[id] = s
		return nil
	})
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	lists := make([]string, len(evs))
	sums := make([][sha256.Size]byte, len(evs))
	keptOrd := make([]*float64, len(evs))
	var written []int // indexes in evs
	var dropped []string
	var buf []byte
	for i, e := range evs {
		lists[i] = eventListsOf(e)
		buf = append(buf[:0], digestVersion)
		for _, v := range []string{e.Type, e.Subtype, e.Date, e.Place, e.TargetType, e.ClaimedVia, e.Summary, lists[i]} {
			buf = binary.AppendUvarint(buf, uint64(len(v)))
			buf = append(buf, v...)
		}
		sums[i] = sha256.Sum256(buf)
		st, ok := stored[e.ID]
		delete(stored, e.ID)
		switch {
		case ok && st.digest == sums[i]:
			keptOrd[i] = &st.ord
			continue
		case ok:
			dropped = append(dropped, e.ID)
		}
		written = append(written, i)
	}
	ords, moved := placeOrds(keptOrd)
	reorder := newBatch(ctx, tx, 2, `UPDATE events SET ord = v.column2 FROM (VALUES `, `) AS v WHERE events.id = v.column1`)
	for i, e := range evs {
		if moved[i] {
			reorder.str(e.ID).float(ords[i]).end()
		}
	}
	if err := reorder.flush(); err != nil {
		return fmt.Errorf("events: order: %w", err)
	}
	var gone []string
	for id := range stored {
		gone = append(gone, id)
	}
	dropped = append(dropped, gone...)
	if len(dropped) > 0 {
		slices.Sort(dropped)
		slices.Sort(gone)
		for _, d := range []struct{ query, ids string }{
			{`DELETE FROM event_claims WHERE event IN (SELECT value FROM json_each(?))`, mustJSON(dropped)},
			{`DELETE FROM event_entities WHERE event IN (SELECT value FROM json_each(?))`, mustJSON(dropped)},
			{`DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))`, mustJSON(nonNil(gone))},
		} {
			if _, err := tx.ExecContext(ctx, d.query, d.ids); err != nil {
				return fmt.Errorf("events: %w", err)
			}
		}
	}

	slices.SortFunc(written, func(i, j int) int { return strings.Compare(evs[i].ID, evs[j].ID) })
	rows := make([]eventRow, len(written))
	for k, i := range written {
		rows[k] = eventRow{evs[i], lists[i], ords[i], sums[i][:]}
	}
	return writeEvents(ctx, tx, rows)
}

// eventRow is an event with what its row holds besides its fields.
type eventRow struct {
	ev     *dossier.Event
	lists  string // eventListsOf
	ord    float64
	digest []byte // nil: none, which the next ReplaceFacts rewrites
}

// eventListsOf is the JSON of an event's lists column.
func eventListsOf(e *dossier.Event) string {
	return mustJSON(eventLists{e.Perpetrators, e.PerpetratorDescriptions, e.Targets, e.Claimants, e.Killed, e.Injured, e.Arrested, e.Kidnapped, e.Documents, e.Claims, e.TargetDescriptions})
}

// writeEvents upserts the rows of events, sorted by ID, and adds the
// entity and claim links they do not have yet.
func writeEvents(ctx context.Context, tx *sql.Tx, rows []eventRow) error {
	// Every event is written before the rows that refer to it (a batch
	// runs as soon as it is full), each table in its key order.
	events := newBatch(ctx, tx, 11, `INSERT INTO events (id, type, subtype, date, place, target_type, claimed_via, summary, lists, ord, digest) VALUES `, `
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, subtype = excluded.subtype, date = excluded.date,
			place = excluded.place, target_type = excluded.target_type, claimed_via = excluded.claimed_via,
			summary = excluded.summary, lists = excluded.lists, ord = excluded.ord, digest = excluded.digest`)
	for _, r := range rows {
		e := r.ev
		events.str(e.ID).str(e.Type).str(e.Subtype).str(e.Date).str(e.Place).str(e.TargetType).str(e.ClaimedVia).str(e.Summary).
			str(r.lists).float(r.ord).blob(r.digest).end()
	}
	if err := events.flush(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	type roleRow struct{ event, entity, role string }
	var roles []roleRow
	var cites []pair
	for _, row := range rows {
		e := row.ev
		for _, r := range []struct {
			role string
			ids  []string
		}{{"perpetrator", e.Perpetrators}, {"target", e.Targets}, {"claimant", e.Claimants}, {"place", []string{e.Place}}} {
			for _, id := range r.ids {
				if id != "" {
					roles = append(roles, roleRow{e.ID, id, r.role})
				}
			}
		}
		for _, c := range e.Claims {
			cites = append(cites, pair{e.ID, c})
		}
	}
	slices.SortFunc(roles, func(a, b roleRow) int {
		return cmp.Or(strings.Compare(a.event, b.event), strings.Compare(a.entity, b.entity), strings.Compare(a.role, b.role))
	})
	roles = slices.Compact(roles)
	slices.SortFunc(cites, comparePairs)
	cites = slices.Compact(cites)
	b := newBatch(ctx, tx, 3, `INSERT INTO event_entities (event, entity, role) VALUES `, ` ON CONFLICT DO NOTHING`)
	for _, r := range roles {
		b.str(r.event).str(r.entity).str(r.role).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("event entities: %w", err)
	}
	b = newBatch(ctx, tx, 2, `INSERT INTO event_claims (event, claim) VALUES `, ` ON CONFLICT DO NOTHING`)
	for _, c := range cites {
		b.str(c.ent).str(c.other).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("event claims: %w", err)
	}
	return nil
}

// upsertClaimsHead and upsertClaimsTail make a batch writing claims rows
// (id, document, start, end, quote) that leaves an unchanged claim
// unwritten.
const (
	upsertClaimsHead = `INSERT INTO claims (id, document, start, "end", quote) VALUES `
	upsertClaimsTail = `
	ON CONFLICT (id) DO UPDATE SET document = excluded.document, start = excluded.start,
		"end" = excluded."end", quote = excluded.quote
	WHERE claims.document <> excluded.document OR claims.start <> excluded.start
		OR claims."end" <> excluded."end" OR claims.quote <> excluded.quote`
)

// missing returns those of ids (in one query) that table does not hold
// in column id.
func missing(ctx context.Context, tx *sql.Tx, table string, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := eachRow(ctx, tx, `SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM `+table+`)`,
		[]any{mustJSON(nonNil(ids))}, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			out[id] = true
			return err
		})
	return out, err
}

// factDocs calls fn with what every claim and fact cites as a document,
// in the order ReplaceFacts checks them.
func factDocs(f *dossier.Facts, fn func(what, doc string, claim *dossier.Claim) error) error {
	for i := range f.Claims {
		if err := fn("", f.Claims[i].Document, &f.Claims[i]); err != nil {
			return err
		}
	}
	for _, e := range f.Events {
		for _, d := range e.Documents {
			if err := fn("event "+e.ID, d, nil); err != nil {
				return err
			}
		}
		for _, qs := range [][]dossier.Quantity{e.Killed, e.Injured, e.Arrested, e.Kidnapped} {
			for _, q := range qs {
				if err := fn("event "+e.ID, q.Document, nil); err != nil {
					return err
				}
			}
		}
	}
	for _, r := range f.Relations {
		for _, d := range r.Documents {
			if err := fn("relation "+r.ID, d, nil); err != nil {
				return err
			}
		}
	}
	for _, a := range f.Attributes {
		if err := fn("attribute "+a.ID, a.Document, nil); err != nil {
			return err
		}
	}
	return nil
}

// needDocs returns EINVALID for the first claim or fact citing a document
// that is not stored.
func needDocs(ctx context.Context, tx *sql.Tx, f *dossier.Facts) error {
	var docs []string
	factDocs(f, func(_, d string, _ *dossier.Claim) error { docs = append(docs, d); return nil })
	gone, err := missing(ctx, tx, "documents", docs)
	if err != nil || len(gone) == 0 {
		return err
	}
	return factDocs(f, func(what, d string, c *dossier.Claim) error {
		switch {
		case !gone[d]:
			return nil
		case c != nil:
			return dossier.Errorf(dossier.EINVALID, "claim %s: document %s is not stored", c.ID, d)
		case strings.HasPrefix(what, "attribute "):
			return dossier.Errorf(dossier.EINVALID, "%s: document %s is not stored", what, d)
		}
		return dossier.Errorf(dossier.EINVALID, "%s cites document %q, which is not stored", what, d)
	})
}

// factClaims calls fn with every claim ID a fact cites, in order.
func factClaims(f *dossier.Facts, fn func(what, claim string) error) error {
	for _, e := range f.Events {
		for _, c := range e.Claims {
			if err := fn("event "+e.ID, c); err != nil {
				return err
			}
		}
		for _, qs := range [][]dossier.Quantity{e.Killed, e.Injured, e.Arrested, e.Kidnapped} {
			for _, q := range qs {
				if q.Claim != "" {
					if err := fn("event "+e.ID, q.Claim); err != nil {
						return err
					}
				}
			}
		}
	}
	for _, r := range f.Relations {
		for _, c := range r.Claims {
			if err := fn("relation "+r.ID, c); err != nil {
				return err
			}
		}
	}
	for _, a := range f.Attributes {
		if err := fn("attribute "+a.ID, a.Claim); err != nil {
			return err
		}
	}
	return nil
}

// needClaims returns EINVALID for the first fact citing a claim that is
// not stored (f.Claims are stored by then).
func needClaims(ctx context.Context, tx *sql.Tx, f *dossier.Facts) error {
	var ids []string
	factClaims(f, func(_, c string) error { ids = append(ids, c); return nil })
	gone, err := missing(ctx, tx, "claims", ids)
	if err != nil || len(gone) == 0 {
		return err
	}
	return factClaims(f, func(what, c string) error {
		if gone[c] {
			return dossier.Errorf(dossier.EINVALID, "%s cites claim %q, which is not stored", what, c)
		}
		return nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Facts returns every stored event (by date, then ID), relation (by ID)
// and attribute (by entity, name and ID): the order extract.Merge makes,
// whichever batches wrote them. Every claim they cite (figures' claims
// included) comes in document order.
func (db *DB) Facts(ctx context.Context) (*dossier.Facts, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("facts: %w", err)
	}
	defer tx.Rollback()
	f := &dossier.Facts{Events: []*dossier.Event{}, Relations: []*dossier.Relation{}, Attributes: []*dossier.Attribute{}, Claims: []dossier.Claim{}}
	cited := map[string]bool{}
	err = eachRow(ctx, tx, `SELECT `+eventColumns+` FROM events e ORDER BY e.date, e.id`, nil, func(rows *sql.Rows) error {
		e, err := scanEvent(rows)
		if err != nil {
			return err
		}
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
	err = eachRow(ctx, tx, `SELECT `+relationColumns+` FROM relations r ORDER BY r.id`, nil, func(rows *sql.Rows) error {
		r, err := scanRelation(rows)
		if err != nil {
			return err
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
	err = eachRow(ctx, tx, `SELECT id, entity, name, value, quantity, as_of, by_whom, document, claim FROM attributes ORDER BY entity, name, id`, nil,
		func(rows *sql.Rows) error {
			a, err := scanAttribute(rows)
			if err != nil {
				return err
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
		SELECT c.id, c.document, c.start, c."end", `+claimQuoteJoined+`
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
