package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-osint/dossier"
)

// Texts calls fn with the metadata, text and sentence spans of the
// documents with the given IDs, in ID order. Two cursors walk side by side
// in one read transaction: the documents by ID, and their sentences in the
// same order, so that neither a query per document nor all
// texts at once are needed. The IDs go in as one JSON array; SQLite looks
// each up in the ID index, which also gives the rows in ID order: asking
// for a few documents of a large store costs a few look-ups, and nothing
// is sorted (ordered by seq, every row asked for, texts included, went
// through a temporary B-tree).
func (db *DB) Texts(ctx context.Context, ids []string, fn func(*dossier.Document, []dossier.Span) error) error {
	if len(ids) == 0 {
		return nil
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	defer tx.Rollback()
	want := mustJSON(ids)
	docs, err := tx.QueryContext(ctx, `SELECT `+documentColumns+`, text FROM documents
		WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, want)
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	defer docs.Close()
	sents, err := tx.QueryContext(ctx, `
		SELECT document, start, "end" FROM sentences
		WHERE document IN (SELECT value FROM json_each(?))
		ORDER BY document, idx`, want)
	if err != nil {
		return fmt.Errorf("texts: sentences: %w", err)
	}
	defer sents.Close()

	// next is the sentence row read ahead of its document, if any.
	var (
		next     dossier.Span
		nextDoc  string
		haveNext bool
	)
	advance := func() error {
		haveNext = sents.Next()
		if !haveNext {
			return sents.Err()
		}
		return sents.Scan(&nextDoc, &next.Start, &next.End)
	}
	if err := advance(); err != nil {
		return fmt.Errorf("texts: sentences: %w", err)
	}
	for docs.Next() {
		doc := new(dossier.Document)
		if err := docs.Scan(append(documentDest(doc), &doc.Text)...); err != nil {
			return fmt.Errorf("texts: %w", err)
		}
		finishDocument(doc)
		var spans []dossier.Span
		for haveNext && nextDoc <= doc.ID {
			if nextDoc == doc.ID {
				spans = append(spans, next)
			}
			if err := advance(); err != nil {
				return fmt.Errorf("texts: sentences of %s: %w", doc.ID, err)
			}
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
