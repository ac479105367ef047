package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batchRows is how many rows one batch statement carries: enough to make
// the per-statement cost of the driver vanish, few enough to stay under
// SQLite's 32,766 parameters with the widest row.
const batchRows = 512

// batch writes rows through a statement with a multi-row VALUES list,
// batchRows rows a statement: through modernc.org/sqlite a statement
// costs far more than a row. Parameters beat the JSON array read with
// json_each that this replaced: SQLite re-parsed a row's JSON for every
// value->>n, and that parsing and the encoding before it were most of
// the cost of a row.
//
// The statement is head, then "(?, ...), (?, ...)" with cols parameters a
// row, then tail: head ends with VALUES, or with "FROM (VALUES" and tail
// begins with ")" to join the rows as v.column1, v.column2, ...
//
// Use: b.str(x).int(y).end() for each row, then b.flush() once at the end.
// The full-size statement is prepared once, at the first full batch.
type batch struct {
	ctx        context.Context
	tx         *sql.Tx
	head, tail string
	cols       int
	args       []any
	rows       int
	full       *sql.Stmt
	err        error
}

func newBatch(ctx context.Context, tx *sql.Tx, cols int, head, tail string) *batch {
	return &batch{ctx: ctx, tx: tx, head: head, tail: tail, cols: cols}
}

func (b *batch) str(s string) *batch { b.args = append(b.args, s); return b }

func (b *batch) int(n int) *batch { b.args = append(b.args, int64(n)); return b }

func (b *batch) float(x float64) *batch { b.args = append(b.args, x); return b }

// strOrNull adds s, or SQL NULL when ok is false.
func (b *batch) strOrNull(s string, ok bool) *batch {
	if !ok {
		b.args = append(b.args, nil)
		return b
	}
	return b.str(s)
}

// blob adds a BLOB.
func (b *batch) blob(p []byte) *batch { b.args = append(b.args, p); return b }

// end ends a row, running the statement when the batch is full. An error
// is kept and returned by flush; rows after it are dropped.
func (b *batch) end() {
	b.rows++
	if len(b.args) != b.rows*b.cols {
		panic(fmt.Sprintf("batch: row %d has %d values, want %d", b.rows, len(b.args)-(b.rows-1)*b.cols, b.cols))
	}
	if b.rows == batchRows {
		b.exec()
	}
}

func (b *batch) query(rows int) string {
	var q strings.Builder
	row := "(" + strings.Repeat("?, ", b.cols-1) + "?)"
	q.Grow(len(b.head) + len(b.tail) + rows*(len(row)+2))
	q.WriteString(b.head)
	for i := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	q.WriteString(b.tail)
	return q.String()
}

func (b *batch) exec() {
	rows, args := b.rows, b.args
	b.rows, b.args = 0, b.args[:0]
	if b.err != nil || rows == 0 {
		return
	}
	if rows < batchRows {
		_, b.err = b.tx.ExecContext(b.ctx, b.query(rows), args...)
		return
	}
	if b.full == nil {
		if b.full, b.err = b.tx.PrepareContext(b.ctx, b.query(rows)); b.err != nil {
			return
		}
	}
	_, b.err = b.full.ExecContext(b.ctx, args...)
}

// flush writes the rows still held and closes the statement; it returns
// the first error of the batch.
func (b *batch) flush() error {
	b.exec()
	if b.full != nil {
		b.full.Close()
		b.full = nil
	}
	return b.err
}
