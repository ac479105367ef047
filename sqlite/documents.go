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
		if res[i], err = putDocument(ctx, tx, d.Document, d.Reading); err != nil {
			return nil, nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("put documents: %w", err)
	}
	return res, errs, nil
}
