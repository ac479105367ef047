package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-osint/dossier"
)

// ExtractionReports calls fn with every stored extraction report.
func (db *DB) ExtractionReports(ctx context.Context, fn func(*dossier.ExtractionReport) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT document, digest, report, codec FROM extraction_reports`)
	if err != nil {
		return fmt.Errorf("extraction reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r := new(dossier.ExtractionReport)
		var data []byte
		var codec int
		if err := rows.Scan(&r.Document, &r.Digest, &data, &codec); err != nil {
			return fmt.Errorf("extraction reports: %w", err)
		}
		var err error
		if r.Data, err = decompress(codec, data, ""); err != nil {
			return fmt.Errorf("extraction report of %s: %w", r.Document, err)
		}
		if r.Data == nil {
			r.Data = []byte{} // the driver reads an empty BLOB as nil
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("extraction reports: %w", err)
	}
	return nil
}

// PutExtractionReports upserts reports in one transaction, in batches.
func (db *DB) PutExtractionReports(ctx context.Context, reports []*dossier.ExtractionReport) error {
	for _, r := range reports {
		if r.Document == "" || len(r.Digest) == 0 {
			return dossier.Errorf(dossier.EINVALID, "extraction report of document %q has no document or no digest", r.Document)
		}
	}
	if len(reports) == 0 {
		return nil
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put extraction reports: %w", err)
	}
	defer tx.Rollback()
	if err := putExtractionReports(ctx, tx, reports); err != nil {
		if isForeignKey(err) {
			return dossier.Errorf(dossier.EINVALID, "extraction reports name a document that is not stored")
		}
		return fmt.Errorf("put extraction reports: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put extraction reports: %w", err)
	}
	return nil
}

func putExtractionReports(ctx context.Context, tx *sql.Tx, reports []*dossier.ExtractionReport) error {
	b := newBatch(ctx, tx, 4, `INSERT INTO extraction_reports (document, digest, report, codec) VALUES `,
		` ON CONFLICT (document) DO UPDATE SET digest = excluded.digest, report = excluded.report, codec = excluded.codec`)
	for _, r := range reports {
		codec, data, err := compress(r.Data)
		if err != nil {
			return err
		}
		if data == nil {
			data = []byte{} // NOT NULL: an empty report is still a report
		}
		b.str(r.Document).blob(r.Digest).blob(data).int(codec).end()
	}
	return b.flush()
}
