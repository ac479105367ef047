package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

// openTest opens a fresh database in a directory that does not exist yet,
// so that every test also checks that Open creates it.
func openTest(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "dossier.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

var ingested = time.Date(2024, 3, 22, 18, 30, 0, 123456789, time.UTC)

// newDoc returns a document whose ID is the SHA-256 of raw.
func newDoc(raw, text string) *dossier.Document {
	sum := sha256.Sum256([]byte(raw))
	return &dossier.Document{
		ID:         hex.EncodeToString(sum[:]),
		Source:     "testdata/article.html",
		Format:     "html",
		Raw:        []byte(raw),
		Text:       text,
		IngestedAt: ingested,
	}
}

// mention returns the mention of the first occurrence of surface in the
// document's text, with code point offsets.
func mention(doc *dossier.Document, surface string, typ dossier.EntityType, key string, sentence int) dossier.Mention {
	i := strings.Index(doc.Text, surface)
	if i < 0 {
		panic(fmt.Sprintf("%q not in %q", surface, doc.Text))
	}
	start := utf8.RuneCountInString(doc.Text[:i])
	return dossier.Mention{
		Document: doc.ID,
		Start:    start,
		End:      start + utf8.RuneCountInString(surface),
		Text:     surface,
		Type:     typ,
		Key:      strings.ToLower(surface),
		Sentence: sentence,
	}
}

// count returns the number of rows in each of the given tables.
func count(t *testing.T, db *DB, tables ...string) map[string]int {
	t.Helper()
	n := make(map[string]int)
	for _, table := range tables {
		var c int
		if err := db.read.QueryRow(`SELECT count(*) FROM ` + table).Scan(&c); err != nil {
			t.Fatal(err)
		}
		n[table] = c
	}
	return n
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := dossier.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

type migrationRow struct {
	Version   int
	Name      string
	AppliedAt string
}

func migrationRows(t *testing.T, path string) []migrationRow {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT version, name, applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []migrationRow
	for rows.Next() {
		var r migrationRow
		if err := rows.Scan(&r.Version, &r.Name, &r.AppliedAt); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		// between runs on the closed database file between two Opens.
		between func(t *testing.T, path string)
		code    string // of the second Open's error
		message string // in the second Open's error
	}{
		{
			name:    "second open is a no-op",
			between: func(*testing.T, string) {},
		},
		{
			name: "newer unknown version",
			between: func(t *testing.T, path string) {
				db, err := sql.Open("sqlite", path)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2099-01-01T00:00:00Z')`); err != nil {
					t.Fatal(err)
				}
			},
			code:    dossier.ECONFLICT,
			message: "9999_future",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a", "b", "dossier.db")
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			before := migrationRows(t, path)
			if len(before) == 0 || before[0].Version != 1 || before[0].Name != "init" {
				t.Fatalf("schema_migrations after first Open = %+v", before)
			}

			tt.between(t, path)
			mid := migrationRows(t, path)
			db, err = Open(ctx, path)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				if msg := dossier.ErrorMessage(err); !strings.Contains(msg, tt.message) {
					t.Fatalf("message %q does not mention %q", msg, tt.message)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if after := migrationRows(t, path); !reflect.DeepEqual(after, mid) {
				t.Fatalf("second Open changed schema_migrations:\nbefore %+v\nafter  %+v", mid, after)
			}
		})
	}
}

func TestOpenPath(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		path string // relative to a fresh working directory
		code string // of Open's error; "" for success
	}{
		{name: "relative", path: "data/dossier.db"},
		{name: "URI characters", path: "a dir/with ?query#and%20escapes.db"},
		{name: "empty", path: "", code: dossier.EINVALID},
		{name: "not a database", path: "notes.txt", code: dossier.EINTERNAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			if err := os.WriteFile("notes.txt", []byte(strings.Repeat("not SQLite\n", 100)), 0o644); err != nil {
				t.Fatal(err)
			}
			db, err := Open(ctx, tt.path)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			doc, r := sampleDoc(1)
			if _, err := db.PutDocument(ctx, doc, r); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, tt.path)); err != nil {
				t.Errorf("database is not where asked: %v", err)
			}
		})
	}
}

// TestMigrate checks that migrate applies only what is missing, each
// migration in its own transaction.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	v1 := fstest.MapFS{"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE a (x); INSERT INTO a VALUES (1);`)}}
	v2 := fstest.MapFS{
		"migrations/0001_a.sql": v1["migrations/0001_a.sql"],
		"migrations/0002_b.sql": {Data: []byte(`CREATE TABLE b (x); INSERT INTO a VALUES (2);`)},
	}
	v3 := fstest.MapFS{
		"migrations/0001_a.sql": v1["migrations/0001_a.sql"],
		"migrations/0002_b.sql": v2["migrations/0002_b.sql"],
		"migrations/0003_c.sql": {Data: []byte(`CREATE TABLE c (x); INSERT INTO nowhere VALUES (1);`)},
	}
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		fails    bool
		versions []int
		rowsInA  int
	}{
		{name: "first", fsys: v1, versions: []int{1}, rowsInA: 1},
		{name: "again", fsys: v1, versions: []int{1}, rowsInA: 1},
		{name: "one more", fsys: v2, versions: []int{1, 2}, rowsInA: 2},
		{name: "failing rolls back", fsys: v3, fails: true, versions: []int{1, 2}, rowsInA: 2},
		{name: "bad name", fsys: fstest.MapFS{"migrations/one.sql": {Data: []byte(`SELECT 1`)}}, fails: true, versions: []int{1, 2}, rowsInA: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := migrate(ctx, db, tt.fsys)
			if tt.fails != (err != nil) {
				t.Fatalf("migrate: %v, want failure %v", err, tt.fails)
			}
			var versions []int
			rows, err := db.Query(`SELECT version FROM schema_migrations ORDER BY version`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v int
				rows.Scan(&v)
				versions = append(versions, v)
			}
			rows.Close()
			if !reflect.DeepEqual(versions, tt.versions) {
				t.Errorf("versions %v, want %v", versions, tt.versions)
			}
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM a`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != tt.rowsInA {
				t.Errorf("%d rows in a, want %d", n, tt.rowsInA)
			}
			var c int
			db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'c'`).Scan(&c)
			if c != 0 {
				t.Errorf("table c of the failed migration exists")
			}
		})
	}
}

func TestPragmas(t *testing.T) {
	db, _ := openTest(t)
	tests := []struct {
		pool   *sql.DB
		pragma string
		want   string
	}{
		{db.write, "journal_mode", "wal"},
		{db.write, "synchronous", "2"}, // FULL
		{db.write, "foreign_keys", "1"},
		{db.write, "busy_timeout", "5000"},
		{db.read, "foreign_keys", "1"},
		{db.read, "busy_timeout", "5000"},
		{db.read, "query_only", "1"},
	}
	for _, tt := range tests {
		name := "write"
		if tt.pool == db.read {
			name = "read"
		}
		t.Run(name+"/"+tt.pragma, func(t *testing.T) {
			var got string
			if err := tt.pool.QueryRow(`PRAGMA ` + tt.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("PRAGMA %s = %s, want %s", tt.pragma, got, tt.want)
			}
		})
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	doc, r := sampleDoc(0)
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	ents := sampleEntities(doc)
	if err := db.ReplaceEntities(ctx, ents); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Document(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, doc) {
		t.Errorf("document after reopen:\n got %+v\nwant %+v", got, doc)
	}
	gotEnts, err := db.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotEnts) != len(ents) {
		t.Fatalf("%d entities after reopen, want %d", len(gotEnts), len(ents))
	}
	var n int
	db.Mentions(ctx, func(dossier.Mention) error { n++; return nil })
	if n != len(r.Mentions) {
		t.Errorf("%d mentions after reopen, want %d", n, len(r.Mentions))
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ a, b string }{
		{"IS-K", "is-k"},
		{"Ḥizb ut-Tahrir", "ḥIZB UT-TAHRIR"},
		{"ΣΟΦΟΣ", "σοφος"},
		{"ΣΟΦΟΣ", "σοφοσ"},
		{"Kelvin", "\u212aelvin"},
		{"Straße", "STRAẞE"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"="+tt.b, func(t *testing.T) {
			if !strings.EqualFold(tt.a, tt.b) {
				t.Fatalf("test case is wrong: strings.EqualFold(%q, %q) is false", tt.a, tt.b)
			}
			if fold(tt.a) != fold(tt.b) {
				t.Errorf("fold(%q) = %q, fold(%q) = %q", tt.a, fold(tt.a), tt.b, fold(tt.b))
			}
		})
	}
}
