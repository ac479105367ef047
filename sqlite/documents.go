package sqlite

import (
	"context"
	"fmt"

	"github.com/dossier-osint/dossier"
)

var _ dossier.DocumentBatcher = (*DB)(nil)

// PutDocuments implements dossier.DocumentBatcher: PutDocument for each of
// docs, in one transaction. A document that fails validation gets its
// EINVALID error in errs and is not written; the others are.
func (db *DB) PutDocuments(ctx context.Context, docs []dossier.NewDocument) (res []dossier.IngestResult, errs []error, err error) {
	res, errs = make([]dossier.IngestResult, len(docs)), make([]error, len(docs))
	valid := false
	for i, d := range docs {
		errs[i] = validDocument(d.Document, d.Reading)
		valid = valid || errs[i] == nil
	}
	if !valid {
		return res, errs, nil
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("put documents: %w", err)
	}
	defer tx.Rollback()
	for i, d := range docs {
		if errs[i] != nil {
			continue
		}
		doc, r := d.Document, d.Reading
		if ok, err := documentExists(ctx, tx, doc.ID); err != nil {
			return nil, nil, fmt.Errorf("put document %s: %w", doc.ID, err)
		} else if ok {
			res[i] = dossier.Unchanged
			continue
		}
		if err := insertDocument(ctx, tx, doc); err != nil {
			return nil, nil, fmt.Errorf("put document %s: %w", doc.ID, err)
		}
		if r != nil {
			if err := insertSentences(ctx, tx, doc.ID, r.Sentences); err != nil {
				return nil, nil, fmt.Errorf("put document %s: sentences: %w", doc.ID, err)
			}
			if err := insertMentions(ctx, tx, doc.ID, r.Mentions); err != nil {
				return nil, nil, fmt.Errorf("put document %s: mentions: %w", doc.ID, err)
			}
		}
		res[i] = dossier.Added
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("put documents: %w", err)
	}
	return res, errs, nil
}
