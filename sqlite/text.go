package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-osint/dossier"
)

// Texts calls fn with the metadata, text and sentence spans of the
// documents with the given IDs, in ID order, from one cursor in one read
// transaction (the spans are in the document's row: see spansJSON), so
// that neither a query per document nor all texts at once are needed. The
// IDs go in as one JSON array; SQLite looks each up in the ID index, which
// also gives the rows in ID order: asking for a few documents of a large
// store costs a few look-ups, and nothing is sorted.
func (db *DB) Texts(ctx context.Context, ids []string, fn func(*dossier.Document, []dossier.Span) error) error {
	if len(ids) == 0 {
		return nil
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	defer tx.Rollback()
	docs, err := tx.QueryContext(ctx, `SELECT `+documentColumns+`, text, sentence_spans FROM documents
		WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, mustJSON(ids))
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	defer docs.Close()
	for docs.Next() {
		doc := new(dossier.Document)
		var raw sql.NullString
		if err := docs.Scan(append(documentDest(doc), &doc.Text, &raw)...); err != nil {
			return fmt.Errorf("texts: %w", err)
		}
		finishDocument(doc)
		spans, err := parseSpans(raw)
		if err != nil {
			return fmt.Errorf("texts: %s: %w", doc.ID, err)
		}
		if err := fn(doc, spans); err != nil {
			return err
		}
	}
	if err := docs.Err(); err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	return nil
}
