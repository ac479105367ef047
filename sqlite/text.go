package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-osint/dossier"
)

// Texts calls fn with every document's metadata, text and sentence spans,
// in ingest order. Two cursors walk side by side in one read transaction:
// the documents by seq, and the sentences joined to them in the same order,
// so that neither a query per document nor all texts at once are needed.
func (db *DB) Texts(ctx context.Context, fn func(*dossier.Document, []dossier.Span) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	defer tx.Rollback()
	docs, err := tx.QueryContext(ctx, `SELECT seq, `+documentColumns+`, text FROM documents ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	defer docs.Close()
	sents, err := tx.QueryContext(ctx, `
		SELECT d.seq, s.start, s."end"
		FROM documents d JOIN sentences s ON s.document = d.id
		ORDER BY d.seq, s.idx`)
	if err != nil {
		return fmt.Errorf("texts: sentences: %w", err)
	}
	defer sents.Close()

	// next is the sentence row read ahead of its document, if any.
	var (
		next     dossier.Span
		nextSeq  int64
		haveNext bool
	)
	advance := func() error {
		haveNext = sents.Next()
		if !haveNext {
			return sents.Err()
		}
		return sents.Scan(&nextSeq, &next.Start, &next.End)
	}
	if err := advance(); err != nil {
		return fmt.Errorf("texts: sentences: %w", err)
	}
	for docs.Next() {
		var seq int64
		doc := new(dossier.Document)
		if err := docs.Scan(append(append([]any{&seq}, documentDest(doc)...), &doc.Text)...); err != nil {
			return fmt.Errorf("texts: %w", err)
		}
		finishDocument(doc)
		var spans []dossier.Span
		for haveNext && nextSeq <= seq {
			if nextSeq == seq {
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
