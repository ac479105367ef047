// Package sqlite implements dossier.Store on an embedded SQLite database, one
// file on disk, through modernc.org/sqlite: a pure Go driver, so the program
// still builds with CGO_ENABLED=0.
//
// # Durability
//
// The database runs in WAL mode with synchronous=FULL: a write transaction
// is fsynced to the WAL before its COMMIT returns, so once PutDocument or
// ReplaceEntities returns, the change survives a killed process and also a
// power cut or kernel crash. synchronous=NORMAL would already be safe
// against a killed process (the WAL is in the OS page cache) but could lose
// the last commits on power loss; an ingest that reported "added" and then
// lost the document would be a silent lie in the record. The fsync costs
// about 0.6 ms a document (BenchmarkPutDocument: 2.4 ms against 1.8 ms for a
// 16 KiB document with 100 mentions), little next to cleaning and reading it.
// Resolution commits twice whatever the corpus size, so the fsync is no cost
// there either (measured: its time is in SQLite's own work, not in syncs;
// measured again on 2026-11-23 with synchronous=NORMAL, with mmap_size,
// with a 64 MiB page cache and with 8, 16 and 64 KiB pages, none of which
// made a first resolution of the SATP set measurably cheaper on the shared
// VM, so FULL and the defaults stay; see docs/architecture.md).
//
// Statement journals (the undo log a statement writing many rows keeps of
// itself) are held in memory (temp_store=MEMORY): in temporary files they
// were most of the system calls of a resolution. A larger page cache than
// the default 2 MiB was tried and cost more CPU (allocating its pages) than
// the spills it saved.
//
// # Concurrency
//
// A DB holds two connection pools on the same file. Writes go through a pool
// of one connection: goroutines calling PutDocument at the same time queue
// in database/sql (which honours their contexts) instead of spinning on
// SQLite's lock. Its transactions begin IMMEDIATE (_txlock=immediate), taking
// the write lock up front, so another process writing the same file makes
// them wait under busy_timeout rather than fail when a read lock cannot be
// upgraded. Reads go through a pool of several query-only connections; with
// WAL they see the last committed state and never block the writer, so a
// Mentions walk may call back into the store.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-osint/dossier"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var _ dossier.Store = (*DB)(nil)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Connection settings, as modernc.org/sqlite DSN parameters. busy_timeout
// comes first in the driver's order whatever its place here, so that setting
// journal_mode cannot fail on a lock another process holds.
var (
	writeParams = []string{
		"_pragma=busy_timeout(5000)",
		"_pragma=journal_mode(WAL)",
		"_pragma=synchronous(FULL)",
		"_pragma=foreign_keys(1)",
		// Statement journals (a statement writing many rows keeps one
		// to undo itself alone) in memory, not in temporary files:
		// with files they were most of the system calls of a
		// ReplaceEntities.
		"_pragma=temp_store(MEMORY)",
		// A batch's writes land all over the link tables' indexes
		// (keyed by entity): with SQLite's 2 MB page cache each one
		// read its pages back from the file once the store outgrew it.
		// 128 MB holds the hot pages of a store of about 100,000
		// documents and bounds the writer's memory.
		"_pragma=cache_size(-131072)",
		// A resolution is one large transaction, which grows the WAL
		// file to its size (half the database's at 1,000 documents);
		// SQLite reuses the file from its start after a checkpoint but
		// keeps its size unless told to cut it back, here to the 4 MiB
		// at which it checkpoints on its own.
		"_pragma=journal_size_limit(4194304)",
		"_txlock=immediate",
	}
	readParams = []string{
		"_pragma=busy_timeout(5000)",
		"_pragma=foreign_keys(1)",
		"_pragma=query_only(1)",
	}
)

// DB is a dossier.Store on one SQLite file.
type DB struct {
	path  string
	write *sql.DB // one connection: writers queue here
	read  *sql.DB // query-only connections
	// scanLinksAbove is how many mentions ReplaceEntities looks up by
	// span before it reads their documents' mentions instead (relink);
	// tests lower it to take both ways.
	scanLinksAbove int
}

// Open opens the database at path, creating it and its parent directories
// if needed, and brings its schema up to date. A database written by a newer
// version of the program, with migrations this one does not know, is
// refused with ECONFLICT.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, dossier.Errorf(dossier.EINVALID, "no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	db := &DB{path: abs, scanLinksAbove: 8 * batchRows}
	if db.write, err = sql.Open("sqlite", dsn(abs, writeParams)); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	if err := db.setUp(ctx); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	if db.read, err = sql.Open("sqlite", dsn(abs, readParams)); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	return db, nil
}

// setUp connects the writer, which applies the pragmas, checks that WAL
// took, applies the migrations and converts rows stored before the compact
// store (compact.go).
func (db *DB) setUp(ctx context.Context) error {
	var mode string
	if err := db.write.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return err
	}
	// WAL needs shared memory between processes, which some network file
	// systems lack; SQLite then silently keeps its rollback journal, under
	// which readers and the writer block each other.
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal_mode is %q, want wal (is the file on a network file system?)", mode)
	}
	if err := migrate(ctx, db.write, migrationFS); err != nil {
		return err
	}
	if err := db.compactLegacy(ctx, compactProgress); err != nil {
		return err
	}
	return db.fillEntitySearch(ctx)
}

// dsn makes a modernc.org/sqlite data source name for the file at abs, an
// absolute path. The file: URI form lets the path hold '?' or '#'.
func dsn(abs string, params []string) string {
	p := (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
	return "file:" + p + "?" + strings.Join(params, "&")
}

// Close closes the database. The writer closes last, so that it checkpoints
// the WAL into the main file.
func (db *DB) Close() error {
	return errors.Join(db.read.Close(), db.write.Close())
}

// migration is one numbered schema change, migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// readMigrations returns the migrations in fsys, oldest first.
func readMigrations(fsys fs.FS) ([]migration, error) {
	paths, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, p := range paths {
		num, name, ok := strings.Cut(strings.TrimSuffix(path.Base(p), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || name == "" {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", p)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", ms[i-1].name, ms[i].name, ms[i].version)
		}
	}
	return ms, nil
}

// migrate applies the migrations in fsys that db has not recorded in
// schema_migrations, each in its own transaction.
func migrate(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	ms, err := readMigrations(fsys)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `
		CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}

	applied, err := appliedMigrations(ctx, db)
	if err != nil {
		return err
	}
	known := make(map[int]bool, len(ms))
	latest := 0
	for _, m := range ms {
		known[m.version] = true
		latest = max(latest, m.version)
	}
	for v, name := range applied {
		if !known[v] {
			return dossier.Errorf(dossier.ECONFLICT,
				"the database has schema migration %04d_%s, which this program does not know (it knows up to %04d): it was written by a newer dossier",
				v, name, latest)
		}
	}

	for _, m := range ms {
		if _, ok := applied[m.version]; ok {
			continue
		}
		if err := applyMigration(ctx, db, m); err != nil {
			return fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
		}
	}
	return nil
}

func appliedMigrations(ctx context.Context, db *sql.DB) (map[int]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT version, name FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	applied := make(map[int]string)
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		applied[v] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	return applied, nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	// Another process opening the same file may have applied it since we
	// looked; the IMMEDIATE transaction makes this check and the change
	// one step.
	var done bool
	if err := tx.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, m.version).Scan(&done); err != nil {
		return err
	}
	if done {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, formatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// Times are stored as RFC 3339 text in UTC with all nine fraction digits,
// so that text order is time order (time.RFC3339Nano drops trailing zeros).
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// isForeignKey reports whether err is SQLite refusing a row whose foreign
// key points nowhere.
func isForeignKey(err error) bool {
	var e *msqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}
