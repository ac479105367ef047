package sqlite

// Bounded reads (dossier.Pages): every list a page at a time by keyset
// pagination. A page's query asks for the rows after the last row of the
// previous page in the list's order ("(a, b) > (?, ?)" on an index of the
// order's columns, see migration 0012), never for an OFFSET, so the
// hundredth page costs what the first does. The cursor is that last row's
// sort key as JSON in base64, tagged with the list it belongs to.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dossier-osint/dossier"
)

var _ dossier.Pages = (*DB)(nil)

// pageLimit checks a page request's limit and returns the rows to read.
func pageLimit(n int) (int, error) {
	switch {
	case n == 0:
		return dossier.DefaultLimit, nil
	case n < 0 || n > dossier.MaxLimit:
		return 0, dossier.Errorf(dossier.EINVALID, "limit %d is not from 1 to %d", n, dossier.MaxLimit)
	}
	return n, nil
}

// cursorJSON is what a cursor holds: the list it was made for and the
// sort key of the last row of its page.
type cursorJSON struct {
	List string `json:"l"`
	Key  []any  `json:"k"`
}

// makeCursor encodes the sort key of a page's last row.
func makeCursor(list string, key ...any) string {
	b, _ := json.Marshal(cursorJSON{list, key})
	return base64.RawURLEncoding.EncodeToString(b)
}

// readCursor decodes a cursor made by makeCursor for list with n key
// values; "" is no cursor (nil, nil). Numbers come back as int64 when
// whole, else float64, as they went in.
func readCursor(list, s string, n int) ([]any, error) {
	if s == "" {
		return nil, nil
	}
	bad := dossier.Errorf(dossier.EINVALID, "cursor %q is not one this list gave (start again without it)", s)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var c cursorJSON
	if err := dec.Decode(&c); err != nil || c.List != list || len(c.Key) != n {
		return nil, bad
	}
	for i, v := range c.Key {
		switch v := v.(type) {
		case json.Number:
			if k, err := v.Int64(); err == nil {
				c.Key[i] = k
			} else if f, err := v.Float64(); err == nil {
				c.Key[i] = f
			} else {
				return nil, bad
			}
		case string:
		default:
			return nil, bad
		}
	}
	return c.Key, nil
}

// keyCol is one column (or expression) of a list's order.
type keyCol struct {
	expr string
	desc bool
}

// orderBy writes cols as an ORDER BY list.
func orderBy(cols []keyCol) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.expr
		if c.desc {
			parts[i] += " DESC"
		}
	}
	return strings.Join(parts, ", ")
}

// after is the condition that a row comes after the key vals in the order
// of cols. When every column runs the same way it is one row-value
// comparison, which SQLite answers with a range of an index on those
// columns; otherwise it is spelled out column by column.
func after(cols []keyCol, vals []any) (string, []any) {
	same := true
	for _, c := range cols {
		same = same && c.desc == cols[0].desc
	}
	op := func(desc bool) string {
		if desc {
			return "<"
		}
		return ">"
	}
	if same {
		exprs := make([]string, len(cols))
		marks := make([]string, len(cols))
		for i, c := range cols {
			exprs[i], marks[i] = c.expr, "?"
		}
		return "(" + strings.Join(exprs, ", ") + ") " + op(cols[0].desc) + " (" + strings.Join(marks, ", ") + ")", vals
	}
	var ors []string
	var args []any
	for i, c := range cols {
		var ands []string
		for j := 0; j < i; j++ {
			ands = append(ands, cols[j].expr+" = ?")
			args = append(args, vals[j])
		}
		ands = append(ands, c.expr+" "+op(c.desc)+" ?")
		args = append(args, vals[i])
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// where joins conditions with AND; no condition is "1 = 1".
func where(conds []string) string {
	if len(conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(conds, " AND ")
}

// readTx begins a read-only transaction, so that a page and its total
// see the same state.
func (db *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	return db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
}

// countRows runs a query that counts.
func countRows(ctx context.Context, tx *sql.Tx, query string, args ...any) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// idsJSON is ids as the one JSON parameter json_each reads.
func idsJSON(ids []string) string { return mustJSON(nonNil(ids)) }

// Counts says how much the store holds.
func (db *DB) Counts(ctx context.Context) (*dossier.Counts, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("counts: %w", err)
	}
	defer tx.Rollback()
	c := &dossier.Counts{Entities: map[dossier.EntityType]int{}}
	// The totals the triggers keep (migration 0015).
	err = eachRow(ctx, tx, `SELECT name, n FROM counts WHERE name IN ('documents', 'events', 'relations', 'attributes')
		OR name >= 'entities:' AND name < 'entities;'`, nil, func(rows *sql.Rows) error {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return err
		}
		switch name {
		case "documents":
			c.Documents = n
		case "events":
			c.Events = n
		case "relations":
			c.Relations = n
		case "attributes":
			c.Attributes = n
		default:
			if t := strings.TrimPrefix(name, "entities:"); n > 0 {
				c.Entities[dossier.EntityType(t)] = n
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}

// mentionCount is an entity's number of mentions on entities e: the
// column the writers keep (migration 0014), which the entities_mentions
// indexes rank.
const mentionCount = `e.mentions`

// entityFilter is the condition on entities e that q's filters make.
func entityFilter(q dossier.EntityQuery) (string, []any) {
	var conds []string
	var args []any
	switch len(q.Types) {
	case 0:
	case 1:
		conds, args = append(conds, "e.type = ?"), append(args, string(q.Types[0]))
	default:
		ts := make([]string, len(q.Types))
		for i, t := range q.Types {
			ts[i] = string(t)
		}
		conds, args = append(conds, "e.type IN (SELECT value FROM json_each(?))"), append(args, mustJSON(ts))
	}
	if q.Located {
		conds = append(conds, "e.place IS NOT NULL")
	}
	return where(conds), args
}

// EntityPage returns a page of entities, most mentioned first or by name.
func (db *DB) EntityPage(ctx context.Context, q dossier.EntityQuery) (*dossier.Page[dossier.EntitySummary], error) {
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	var cols []keyCol
	switch q.Sort {
	case "", dossier.ByMentions:
		q.Sort = dossier.ByMentions
		cols = []keyCol{{"mentions", true}, {"name_lower", false}, {"id", false}}
	case dossier.ByName:
		cols = []keyCol{{"name_lower", false}, {"id", false}}
	default:
		return nil, dossier.Errorf(dossier.EINVALID, "unknown entity order %q (have: %s, %s)", q.Sort, dossier.ByMentions, dossier.ByName)
	}
	list := "entities:" + q.Sort
	key, err := readCursor(list, q.Cursor, len(cols))
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("entity page: %w", err)
	}
	defer tx.Rollback()
	filter, args := entityFilter(q)
	page := &dossier.Page[dossier.EntitySummary]{Items: []dossier.EntitySummary{}}
	if !q.Located {
		// By type, the counts the triggers keep (migration 0015).
		names := []string{}
		for _, t := range q.Types {
			names = append(names, "entities:"+string(t))
		}
		page.Total, err = countRows(ctx, tx, `SELECT coalesce(sum(n), 0) FROM counts
			WHERE CASE WHEN ?1 = '[]' THEN name >= 'entities:' AND name < 'entities;' ELSE name IN (SELECT value FROM json_each(?1)) END`,
			mustJSON(names))
	} else {
		page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM entities e WHERE `+filter, args...)
	}
	if err != nil {
		return nil, fmt.Errorf("entity page: %w", err)
	}
	// By name the index on (type, name_lower, id) gives the rows in order
	// from the cursor on; by mentions every selected entity's count is
	// summed and the page is the top of them.
	inner := `SELECT e.id, e.type, e.name, e.place, e.name_lower, 0 AS mentions FROM entities e WHERE ` + filter
	if q.Sort == dossier.ByMentions {
		inner = `SELECT e.id, e.type, e.name, e.place, e.name_lower, ` + mentionCount + ` AS mentions FROM entities e WHERE ` + filter
	}
	cond := "1 = 1"
	if key != nil {
		var kargs []any
		cond, kargs = after(cols, key)
		args = append(args, kargs...)
	}
	type row struct {
		s        dossier.EntitySummary
		lower    string
		mentions int
	}
	var rows []row
	err = eachRow(ctx, tx, `SELECT id, type, name, place, name_lower, mentions FROM (`+inner+`)
		WHERE `+cond+` ORDER BY `+orderBy(cols)+` LIMIT ?`, append(args, limit+1), func(r *sql.Rows) error {
		var x row
		var place sql.NullString
		if err := r.Scan(&x.s.ID, &x.s.Type, &x.s.Name, &place, &x.lower, &x.mentions); err != nil {
			return err
		}
		if err := scanPlace(&x.s, place); err != nil {
			return err
		}
		rows = append(rows, x)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("entity page: %w", err)
	}
	if len(rows) > limit {
		last := rows[limit-1]
		if q.Sort == dossier.ByMentions {
			page.Next = makeCursor(list, int64(last.mentions), last.lower, last.s.ID)
		} else {
			page.Next = makeCursor(list, last.lower, last.s.ID)
		}
		rows = rows[:limit]
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.s.ID
		page.Items = append(page.Items, r.s)
	}
	if err := fillSummaries(ctx, tx, page.Items, true); err != nil {
		return nil, fmt.Errorf("entity page: %w", err)
	}
	return page, nil
}

// scanPlace decodes an entities.place column into s.
func scanPlace(s *dossier.EntitySummary, place sql.NullString) error {
	if !place.Valid {
		return nil
	}
	var p placeJSON
	if err := json.Unmarshal([]byte(place.String), &p); err != nil {
		return fmt.Errorf("entity %s: place: %w", s.ID, err)
	}
	s.Place = (*dossier.PlaceInfo)(&p)
	return nil
}

// fillSummaries sets the counts of ss (and their ListAliases most
// frequent names, with aliases), a few index lookups per entity.
func fillSummaries(ctx context.Context, tx *sql.Tx, ss []dossier.EntitySummary, aliases bool) error {
	if len(ss) == 0 {
		return nil
	}
	at := make(map[string]int, len(ss))
	ids := make([]string, len(ss))
	for i := range ss {
		at[ss[i].ID] = i
		ids[i] = ss[i].ID
	}
	arg := []any{idsJSON(ids)}
	err := eachRow(ctx, tx, `SELECT entity, alias, count FROM entity_aliases
		WHERE entity IN (SELECT value FROM json_each(?)) ORDER BY entity, count DESC, ord`, arg, func(rows *sql.Rows) error {
		var id, alias string
		var n int
		if err := rows.Scan(&id, &alias, &n); err != nil {
			return err
		}
		s := &ss[at[id]]
		s.Mentions += n
		if aliases && len(s.Aliases) < dossier.ListAliases {
			s.Aliases = append(s.Aliases, alias)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("aliases: %w", err)
	}
	err = eachRow(ctx, tx, `SELECT entity, count(*) FROM entity_documents
		WHERE entity IN (SELECT value FROM json_each(?)) GROUP BY entity`, arg, func(rows *sql.Rows) error {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		ss[at[id]].Documents = n
		return nil
	})
	if err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	return nil
}

// EntitySummaries returns the entities with those IDs, with counts.
func (db *DB) EntitySummaries(ctx context.Context, ids []string) ([]dossier.EntitySummary, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("entity summaries: %w", err)
	}
	defer tx.Rollback()
	out, err := summaries(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("entity summaries: %w", err)
	}
	return out, nil
}

// summaries reads the entities with those IDs, in their order, with
// counts and no aliases.
func summaries(ctx context.Context, tx *sql.Tx, ids []string) ([]dossier.EntitySummary, error) {
	out := []dossier.EntitySummary{}
	if len(ids) == 0 {
		return out, nil
	}
	err := eachRow(ctx, tx, `SELECT id, type, name, place FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY ord`,
		[]any{idsJSON(ids)}, func(rows *sql.Rows) error {
			var s dossier.EntitySummary
			var place sql.NullString
			if err := rows.Scan(&s.ID, &s.Type, &s.Name, &place); err != nil {
				return err
			}
			if err := scanPlace(&s, place); err != nil {
				return err
			}
			out = append(out, s)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, fillSummaries(ctx, tx, out, false)
}

// EntityCard returns one entity's heading and counts.
func (db *DB) EntityCard(ctx context.Context, id string) (*dossier.EntityCard, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", id, err)
	}
	defer tx.Rollback()
	c := &dossier.EntityCard{}
	var place sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT id, type, name, place, reason,
			(SELECT count(*) FROM entity_aliases WHERE entity = ?1),
			(SELECT count(*) FROM entity_claims WHERE entity = ?1)
		FROM entities WHERE id = ?1`, id).Scan(&c.ID, &c.Type, &c.Name, &place, &c.Reason, &c.Aliases, &c.Claims)
	if err == sql.ErrNoRows {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity %s", id)
	}
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", id, err)
	}
	if err := scanPlace(&c.EntitySummary, place); err != nil {
		return nil, err
	}
	ss := []dossier.EntitySummary{c.EntitySummary}
	if err := fillSummaries(ctx, tx, ss, false); err != nil {
		return nil, fmt.Errorf("entity %s: %w", id, err)
	}
	c.EntitySummary = ss[0]
	return c, nil
}

// EntityAliases pages an entity's names, most used first.
func (db *DB) EntityAliases(ctx context.Context, id string, p dossier.PageRequest) (*dossier.Page[dossier.AliasCount], error) {
	limit, err := pageLimit(p.Limit)
	if err != nil {
		return nil, err
	}
	cols := []keyCol{{"count", true}, {"ord", false}}
	const list = "aliases"
	key, err := readCursor(list, p.Cursor, len(cols))
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("aliases of %s: %w", id, err)
	}
	defer tx.Rollback()
	page := &dossier.Page[dossier.AliasCount]{Items: []dossier.AliasCount{}}
	if page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM entity_aliases WHERE entity = ?`, id); err != nil {
		return nil, fmt.Errorf("aliases of %s: %w", id, err)
	}
	cond, args := "1 = 1", []any{id}
	if key != nil {
		var kargs []any
		cond, kargs = after(cols, key)
		args = append(args, kargs...)
	}
	var ords []int64
	err = eachRow(ctx, tx, `SELECT alias, count, ord FROM entity_aliases WHERE entity = ? AND `+cond+`
		ORDER BY `+orderBy(cols)+` LIMIT ?`, append(args, limit+1), func(rows *sql.Rows) error {
		var a dossier.AliasCount
		var ord int64
		if err := rows.Scan(&a.Name, &a.Count, &ord); err != nil {
			return err
		}
		page.Items = append(page.Items, a)
		ords = append(ords, ord)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("aliases of %s: %w", id, err)
	}
	if len(page.Items) > limit {
		page.Next = makeCursor(list, int64(page.Items[limit-1].Count), ords[limit-1])
		page.Items = page.Items[:limit]
	}
	return page, nil
}

// EntityDocuments pages the documents that mention an entity, most
// recently published first.
func (db *DB) EntityDocuments(ctx context.Context, id string, p dossier.PageRequest) (*dossier.Page[dossier.DocumentCount], error) {
	limit, err := pageLimit(p.Limit)
	if err != nil {
		return nil, err
	}
	cols := []keyCol{{"d.published", true}, {"d.seq", true}}
	const list = "entity-documents"
	key, err := readCursor(list, p.Cursor, len(cols))
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("documents of %s: %w", id, err)
	}
	defer tx.Rollback()
	page := &dossier.Page[dossier.DocumentCount]{Items: []dossier.DocumentCount{}}
	if page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM entity_documents WHERE entity = ?`, id); err != nil {
		return nil, fmt.Errorf("documents of %s: %w", id, err)
	}
	cond, args := "1 = 1", []any{id}
	if key != nil {
		var kargs []any
		cond, kargs = after(cols, key)
		args = append(args, kargs...)
	}
	var seqs []int64
	// An entity in thousands of documents fills a page from the newest
	// documents, probed one by one along their index by date; a rare
	// one's few documents are gathered and sorted.
	from := `FROM entity_documents ed JOIN documents d ON d.id = ed.document WHERE ed.entity = ?`
	if page.Total > probeActorsAbove {
		from = `FROM documents d WHERE EXISTS (SELECT 1 FROM entity_documents ed WHERE ed.entity = ? AND ed.document = d.id)`
	}
	err = eachRow(ctx, tx, `SELECT `+docColumns("d")+`, d.seq `+from+` AND `+cond+` ORDER BY `+orderBy(cols)+` LIMIT ?`,
		append(args, limit+1), func(rows *sql.Rows) error {
			doc := new(dossier.Document)
			var seq int64
			if err := rows.Scan(append(documentDest(doc), &seq)...); err != nil {
				return err
			}
			finishDocument(doc)
			page.Items = append(page.Items, dossier.DocumentCount{Document: doc})
			seqs = append(seqs, seq)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("documents of %s: %w", id, err)
	}
	if len(page.Items) > limit {
		page.Next = makeCursor(list, page.Items[limit-1].Published, seqs[limit-1])
		page.Items = page.Items[:limit]
	}
	at := map[string]int{}
	docs := make([]string, len(page.Items))
	for i, d := range page.Items {
		at[d.ID], docs[i] = i, d.ID
	}
	err = eachRow(ctx, tx, `SELECT document, count(*) FROM mentions
		WHERE entity = ? AND document IN (SELECT value FROM json_each(?)) GROUP BY document`, []any{id, idsJSON(docs)},
		func(rows *sql.Rows) error {
			var doc string
			var n int
			if err := rows.Scan(&doc, &n); err != nil {
				return err
			}
			page.Items[at[doc]].Mentions = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("documents of %s: mentions: %w", id, err)
	}
	return page, nil
}

// docColumns is documentColumns of the documents table under alias t.
func docColumns(t string) string {
	cols := strings.Split(documentColumns, ", ")
	for i, c := range cols {
		cols[i] = t + "." + c
	}
	return strings.Join(cols, ", ")
}

// MentionForms counts the entity's names in each of docs.
func (db *DB) MentionForms(ctx context.Context, id string, docs []string) ([]dossier.MentionForm, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("names of %s: %w", id, err)
	}
	defer tx.Rollback()
	out := []dossier.MentionForm{}
	err = eachRow(ctx, tx, `SELECT `+mentionTextJoined+` AS form, m.document, count(*)
		FROM mentions m JOIN documents d ON d.id = m.document
		WHERE m.entity = ? AND m.document IN (SELECT value FROM json_each(?)) GROUP BY form, m.document ORDER BY form, m.document`,
		[]any{id, idsJSON(docs)}, func(rows *sql.Rows) error {
			var f dossier.MentionForm
			if err := rows.Scan(&f.Text, &f.Document, &f.Count); err != nil {
				return err
			}
			out = append(out, f)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("names of %s: %w", id, err)
	}
	return out, nil
}

// EntityClaims pages the sentences that mention an entity, the most
// recently published documents' first.
func (db *DB) EntityClaims(ctx context.Context, id string, p dossier.PageRequest) (*dossier.Page[dossier.Claim], error) {
	limit, err := pageLimit(p.Limit)
	if err != nil {
		return nil, err
	}
	cols := []keyCol{{"d.published", true}, {"d.seq", true}, {"c.start", false}, {"c.id", false}}
	const list = "entity-claims"
	key, err := readCursor(list, p.Cursor, len(cols))
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("claims of %s: %w", id, err)
	}
	defer tx.Rollback()
	page := &dossier.Page[dossier.Claim]{Items: []dossier.Claim{}}
	if page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM entity_claims WHERE entity = ?`, id); err != nil {
		return nil, fmt.Errorf("claims of %s: %w", id, err)
	}
	cond, args := "1 = 1", []any{id}
	if key != nil {
		var kargs []any
		cond, kargs = after(cols, key)
		args = append(args, kargs...)
	}
	type sortKey struct {
		published string
		seq       int64
	}
	var keys []sortKey
	err = eachRow(ctx, tx, `SELECT c.id, c.document, c.start, c."end", `+claimQuoteJoined+`, d.published, d.seq
		FROM entity_claims ec JOIN claims c ON c.id = ec.claim JOIN documents d ON d.id = c.document
		WHERE ec.entity = ? AND `+cond+` ORDER BY `+orderBy(cols)+` LIMIT ?`, append(args, limit+1), func(rows *sql.Rows) error {
		var c dossier.Claim
		var k sortKey
		if err := rows.Scan(&c.ID, &c.Document, &c.Start, &c.End, &c.Quote, &k.published, &k.seq); err != nil {
			return err
		}
		page.Items = append(page.Items, c)
		keys = append(keys, k)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claims of %s: %w", id, err)
	}
	if len(page.Items) > limit {
		c, k := page.Items[limit-1], keys[limit-1]
		page.Next = makeCursor(list, k.published, k.seq, int64(c.Start), c.ID)
		page.Items = page.Items[:limit]
	}
	return page, nil
}

// SharedNames returns other entities with one of the entity's names.
func (db *DB) SharedNames(ctx context.Context, id string, limit int) ([]dossier.EntitySummary, error) {
	if limit <= 0 {
		limit = dossier.DefaultLimit
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("names shared with %s: %w", id, err)
	}
	defer tx.Rollback()
	var ids []string
	err = eachRow(ctx, tx, `SELECT e.id FROM entities e
		WHERE e.id IN (SELECT b.entity FROM entity_aliases a JOIN entity_aliases b ON b.alias_lower = a.alias_lower
			WHERE a.entity = ?1 AND b.entity <> ?1)
		ORDER BY `+mentionCount+` DESC, e.name_lower, e.id LIMIT ?2`, []any{id, limit}, func(rows *sql.Rows) error {
		var o string
		err := rows.Scan(&o)
		ids = append(ids, o)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("names shared with %s: %w", id, err)
	}
	ss, err := summaries(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("names shared with %s: %w", id, err)
	}
	return inOrder(ids, ss), nil
}

// EntityQuotes returns the first perDocument sentences mentioning an
// entity in each of docs.
func (db *DB) EntityQuotes(ctx context.Context, id string, docs []string, perDocument int) ([]dossier.Claim, error) {
	if perDocument < 1 {
		perDocument = 1
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("quotes of %s: %w", id, err)
	}
	defer tx.Rollback()
	byDoc := map[string][]dossier.Claim{}
	err = eachRow(ctx, tx, `SELECT id, document, start, "end", quote FROM (
			SELECT c.id, c.document, c.start, c."end", `+claimQuote+` AS quote,
				row_number() OVER (PARTITION BY c.document ORDER BY c.start, c.id) AS k
			-- From the few documents asked for to their claims, then to the
			-- entity's links: a big entity has more claims than a page has
			-- documents.
			FROM json_each(?2) AS j CROSS JOIN claims c ON c.document = j.value
				CROSS JOIN entity_claims ec ON ec.entity = ?1 AND ec.claim = c.id)
		WHERE k <= ? ORDER BY document, start, id`, []any{id, idsJSON(docs), perDocument}, func(rows *sql.Rows) error {
		var c dossier.Claim
		if err := rows.Scan(&c.ID, &c.Document, &c.Start, &c.End, &c.Quote); err != nil {
			return err
		}
		byDoc[c.Document] = append(byDoc[c.Document], c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("quotes of %s: %w", id, err)
	}
	out := []dossier.Claim{}
	for _, d := range docs {
		out = append(out, byDoc[d]...)
		delete(byDoc, d) // a document given twice is quoted once
	}
	return out, nil
}

// EntitiesNamed returns the entities called name, most mentioned first.
func (db *DB) EntitiesNamed(ctx context.Context, name string, limit int) ([]dossier.EntitySummary, error) {
	if limit <= 0 {
		limit = dossier.DefaultLimit
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("entities named %q: %w", name, err)
	}
	defer tx.Rollback()
	var ids []string
	err = eachRow(ctx, tx, `SELECT e.id FROM entities e
		WHERE e.id IN (SELECT id FROM entities WHERE name_lower = ?1 UNION SELECT entity FROM entity_aliases WHERE alias_lower = ?1)
		ORDER BY `+mentionCount+` DESC, e.ord LIMIT ?2`, []any{fold(name), limit}, func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("entities named %q: %w", name, err)
	}
	if len(ids) == 0 {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity named %q", name)
	}
	ss, err := summaries(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("entities named %q: %w", name, err)
	}
	return inOrder(ids, ss), nil
}

// inOrder returns ss in the order of ids.
func inOrder(ids []string, ss []dossier.EntitySummary) []dossier.EntitySummary {
	byID := make(map[string]dossier.EntitySummary, len(ss))
	for _, s := range ss {
		byID[s.ID] = s
	}
	out := []dossier.EntitySummary{}
	for _, id := range ids {
		if s, ok := byID[id]; ok {
			out = append(out, s)
		}
	}
	return out
}
