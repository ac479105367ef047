package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// dropIndexes drops the named indexes inside tx and returns a function
// that creates them again, each from the definition it had (read from
// sqlite_schema, so that it follows the migrations). Why: filling an empty
// table whose secondary index is in another order than its rows (a first
// resolution's entity links, in entity order, indexed by document or
// claim) inserts into that index all over it, page after page out of the
// cache; building the index once the rows are in sorts them in one go.
// An index that does not exist is skipped. Should the transaction roll
// back, the indexes are back as they were.
func dropIndexes(ctx context.Context, tx *sql.Tx, names ...string) (recreate func() error, err error) {
	var defs []string
	for _, name := range names {
		var def string
		err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`, name).Scan(&def)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("index %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+quoteIdent(name)); err != nil {
			return nil, fmt.Errorf("drop index %s: %w", name, err)
		}
		defs = append(defs, def)
	}
	return func() error {
		for _, def := range defs {
			if _, err := tx.ExecContext(ctx, def); err != nil {
				return fmt.Errorf("create index again (%s): %w", def, err)
			}
		}
		return nil
	}, nil
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string {
	out := make([]byte, 0, len(s)+2)
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, s[i])
	}
	return string(append(out, '"'))
}
