package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/dossier-osint/dossier"
)

// PutReferences upserts refs in one transaction and reports how many were
// new.
func (db *DB) PutReferences(ctx context.Context, refs []*dossier.Reference) (int, error) {
	for i, r := range refs {
		switch {
		case r == nil || r.ID == "":
			return 0, dossier.Errorf(dossier.EINVALID, "reference %d has no ID", i)
		case r.Name == "":
			return 0, dossier.Errorf(dossier.EINVALID, "reference %s has no name", r.ID)
		case !r.Type.Valid():
			return 0, dossier.Errorf(dossier.EINVALID, "reference %s has unknown type %q", r.ID, r.Type)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("put references: %w", err)
	}
	defer tx.Rollback()
	added := 0
	for _, r := range refs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM references_ WHERE id = ?`, r.ID).Scan(&n); err != nil {
			return 0, fmt.Errorf("put references: %w", err)
		}
		if n == 0 {
			added++
		}
		aliases := r.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO references_ (id, type, name, aliases, source, external_id, description) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, aliases = excluded.aliases,
				source = excluded.source, external_id = excluded.external_id, description = excluded.description`,
			r.ID, r.Type, r.Name, mustJSON(aliases), r.Source, r.ExternalID, r.Description); err != nil {
			return 0, fmt.Errorf("put reference %s: %w", r.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("put references: %w", err)
	}
	return added, nil
}

// References returns every reference entity in ID order.
func (db *DB) References(ctx context.Context) ([]*dossier.Reference, error) {
	out := []*dossier.Reference{}
	err := eachRowDB(ctx, db.read, `SELECT id, type, name, aliases, source, external_id, description FROM references_ ORDER BY id`,
		func(rows *sql.Rows) error {
			r := new(dossier.Reference)
			var aliases string
			if err := rows.Scan(&r.ID, &r.Type, &r.Name, &aliases, &r.Source, &r.ExternalID, &r.Description); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(aliases), &r.Aliases); err != nil {
				return fmt.Errorf("reference %s: %w", r.ID, err)
			}
			out = append(out, r)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("references: %w", err)
	}
	return out, nil
}
