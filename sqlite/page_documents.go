package sqlite

// Bounded reads of documents: their metadata a page at a time, by ID,
// and what ingest produced for the few a page shows.

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-osint/dossier"
)

// DocumentPage returns a page of documents' metadata in ingest order
// (seq), oldest or newest first.
func (db *DB) DocumentPage(ctx context.Context, q dossier.DocumentQuery) (*dossier.Page[*dossier.Document], error) {
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	list, cols := "documents:oldest", []keyCol{{"seq", false}}
	if q.Newest {
		list, cols = "documents:newest", []keyCol{{"seq", true}}
	}
	key, err := readCursor(list, q.Cursor, 1)
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("document page: %w", err)
	}
	defer tx.Rollback()
	page := &dossier.Page[*dossier.Document]{Items: []*dossier.Document{}}
	if page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM documents`); err != nil {
		return nil, fmt.Errorf("document page: %w", err)
	}
	cond, args := "1 = 1", []any{}
	if key != nil {
		cond, args = after(cols, key)
	}
	var seqs []int64
	err = eachRow(ctx, tx, `SELECT `+documentColumns+`, seq FROM documents WHERE `+cond+` ORDER BY `+orderBy(cols)+` LIMIT ?`,
		append(args, limit+1), func(rows *sql.Rows) error {
			doc := new(dossier.Document)
			var seq int64
			if err := rows.Scan(append(documentDest(doc), &seq)...); err != nil {
				return err
			}
			finishDocument(doc)
			page.Items = append(page.Items, doc)
			seqs = append(seqs, seq)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("document page: %w", err)
	}
	if len(page.Items) > limit {
		page.Next = makeCursor(list, seqs[limit-1])
		page.Items = page.Items[:limit]
	}
	return page, nil
}

// DocumentsByID returns the metadata of the documents with those IDs, in
// ingest order.
func (db *DB) DocumentsByID(ctx context.Context, ids []string) ([]*dossier.Document, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("documents by id: %w", err)
	}
	defer tx.Rollback()
	out := []*dossier.Document{}
	err = eachRow(ctx, tx, `SELECT `+documentColumns+` FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
		[]any{idsJSON(ids)}, func(rows *sql.Rows) error {
			doc := new(dossier.Document)
			if err := rows.Scan(documentDest(doc)...); err != nil {
				return err
			}
			finishDocument(doc)
			out = append(out, doc)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("documents by id: %w", err)
	}
	return out, nil
}

// DocumentStatsFor counts what ingest produced for each of docs.
func (db *DB) DocumentStatsFor(ctx context.Context, docs []string) (map[string]dossier.DocumentStats, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("document stats: %w", err)
	}
	defer tx.Rollback()
	out := map[string]dossier.DocumentStats{}
	err = eachRow(ctx, tx, `
		SELECT d.id, length(d.text), json_array_length(d.removed),
			(SELECT count(*) FROM sentences s WHERE s.document = d.id),
			(SELECT count(*) FROM mentions m WHERE m.document = d.id),
			(SELECT count(*) FROM mentions m WHERE m.document = d.id AND m.entity IS NULL),
			(SELECT count(*) FROM claims c WHERE c.document = d.id)
		FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))`, []any{idsJSON(docs)}, func(rows *sql.Rows) error {
		var id string
		var s dossier.DocumentStats
		if err := rows.Scan(&id, &s.Chars, &s.Removed, &s.Sentences, &s.Mentions, &s.Unresolved, &s.Claims); err != nil {
			return err
		}
		out[id] = s
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("document stats: %w", err)
	}
	return out, nil
}
