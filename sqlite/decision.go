package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dossier-osint/dossier"
)

type decisionBody struct {
	Target    []string `json:"target"`
	Other     []string `json:"other,omitempty"`
	Names     []string `json:"names,omitempty"`
	Documents []string `json:"documents,omitempty"`
	Name      string   `json:"name,omitempty"`
}

// AddDecision records d and sets d.Seq.
func (db *DB) AddDecision(ctx context.Context, d *dossier.Decision) error {
	if err := validDecision(d); err != nil {
		return err
	}
	if d.At.IsZero() {
		d.At = time.Now()
	}
	body := decisionBody{d.Target, d.Other, d.Names, d.Documents, d.Name}
	res, err := db.write.ExecContext(ctx, `INSERT INTO decisions (action, body, note, at) VALUES (?, ?, ?, ?)`,
		d.Action, mustJSON(body), d.Note, d.At.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("add decision: %w", err)
	}
	if d.Seq, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("add decision: %w", err)
	}
	return nil
}

func validDecision(d *dossier.Decision) error {
	if d == nil {
		return dossier.Errorf(dossier.EINVALID, "no decision")
	}
	if len(d.Target) == 0 {
		return dossier.Errorf(dossier.EINVALID, "%s: no target entity", d.Action)
	}
	switch d.Action {
	case dossier.Merge:
		if len(d.Other) == 0 {
			return dossier.Errorf(dossier.EINVALID, "merge: no second entity")
		}
	case dossier.Split:
		if len(d.Names) == 0 && len(d.Documents) == 0 {
			return dossier.Errorf(dossier.EINVALID, "split: name the spellings or documents to split off")
		}
	case dossier.Rename:
		if d.Name == "" {
			return dossier.Errorf(dossier.EINVALID, "rename: no new name")
		}
	default:
		return dossier.Errorf(dossier.EINVALID, "unknown decision %q (want merge, split or rename)", d.Action)
	}
	return nil
}

// Decisions returns every decision, oldest first.
func (db *DB) Decisions(ctx context.Context) ([]*dossier.Decision, error) {
	out := []*dossier.Decision{}
	err := eachRowDB(ctx, db.read, `SELECT seq, action, body, note, at FROM decisions ORDER BY seq`, func(rows *sql.Rows) error {
		d := new(dossier.Decision)
		var body, at string
		if err := rows.Scan(&d.Seq, &d.Action, &body, &d.Note, &at); err != nil {
			return err
		}
		var b decisionBody
		if err := json.Unmarshal([]byte(body), &b); err != nil {
			return fmt.Errorf("decision %d: %w", d.Seq, err)
		}
		d.Target, d.Other, d.Names, d.Documents, d.Name = b.Target, b.Other, b.Names, b.Documents, b.Name
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return fmt.Errorf("decision %d: %w", d.Seq, err)
		}
		d.At = t
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	return out, nil
}

// DeleteDecision removes one decision.
func (db *DB) DeleteDecision(ctx context.Context, seq int64) error {
	res, err := db.write.ExecContext(ctx, `DELETE FROM decisions WHERE seq = ?`, seq)
	if err != nil {
		return fmt.Errorf("delete decision %d: %w", seq, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete decision %d: %w", seq, err)
	} else if n == 0 {
		return dossier.Errorf(dossier.ENOTFOUND, "no decision %d", seq)
	}
	return nil
}

func eachRowDB(ctx context.Context, db *sql.DB, query string, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
