package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

// The JSON shapes of the documents' list columns. They are spelled out here,
// not taken from the domain types, so that renaming a Go field cannot change
// what is on disk.
type (
	segmentJSON struct {
		Start    int  `json:"start"`
		End      int  `json:"end"`
		RawStart int  `json:"raw_start"`
		RawEnd   int  `json:"raw_end"`
		Exact    bool `json:"exact"`
	}
	removalJSON struct {
		RawStart int    `json:"raw_start"`
		RawEnd   int    `json:"raw_end"`
		Reason   string `json:"reason"`
	}
)

// PutDocument stores doc and its reading (r may be nil) in one transaction,
// or returns Unchanged without writing if a document with doc.ID is stored.
// doc.ID must be the hex SHA-256 of doc.Raw. A zero doc.IngestedAt is stored
// as the current time. On error it returns Unchanged: a failure leaves the
// store as it was.
func (db *DB) PutDocument(ctx context.Context, doc *dossier.Document, r *dossier.Reading) (dossier.IngestResult, error) {
	if err := validDocument(doc, r); err != nil {
		return dossier.Unchanged, err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return dossier.Unchanged, fmt.Errorf("put document %s: %w", doc.ID, err)
	}
	defer tx.Rollback()

	res, err := putDocument(ctx, tx, doc, r)
	if err != nil || res == dossier.Unchanged {
		return dossier.Unchanged, err
	}
	if err := tx.Commit(); err != nil {
		return dossier.Unchanged, fmt.Errorf("put document %s: %w", doc.ID, err)
	}
	return dossier.Added, nil
}

// putDocument is PutDocument's work in tx, for a valid document.
func putDocument(ctx context.Context, tx *sql.Tx, doc *dossier.Document, r *dossier.Reading) (dossier.IngestResult, error) {
	if ok, err := documentExists(ctx, tx, doc.ID); err != nil {
		return dossier.Unchanged, fmt.Errorf("put document %s: %w", doc.ID, err)
	} else if ok {
		return dossier.Unchanged, nil
	}
	// A mention's text is left out when it is the text at its span, as
	// SQLite's substr() will give it back: both count code points alike
	// in valid UTF-8 only.
	var text *runeIndex
	if utf8.ValidString(doc.Text) {
		x := newRuneIndex(doc.Text)
		text = &x
	}
	if err := insertDocument(ctx, tx, doc, r); err != nil {
		return dossier.Unchanged, fmt.Errorf("put document %s: %w", doc.ID, err)
	}
	if r != nil {
		if err := insertMentions(ctx, tx, doc.ID, text, r.Mentions); err != nil {
			return dossier.Unchanged, fmt.Errorf("put document %s: mentions: %w", doc.ID, err)
		}
	}
	return dossier.Added, nil
}

// validDocument checks what the schema cannot, before a transaction starts.
func validDocument(doc *dossier.Document, r *dossier.Reading) error {
	switch {
	case doc == nil:
		return dossier.Errorf(dossier.EINVALID, "no document given")
	case doc.ID == "":
		return dossier.Errorf(dossier.EINVALID, "document from %q has no ID", doc.Source)
	case len(doc.Raw) == 0:
		return dossier.Errorf(dossier.EINVALID, "document %s has no raw bytes", doc.ID)
	}
	sum := sha256.Sum256(doc.Raw)
	if want := hex.EncodeToString(sum[:]); doc.ID != want {
		return dossier.Errorf(dossier.EINVALID, "document ID %s is not the SHA-256 of its raw bytes (%s)", doc.ID, want)
	}
	if r == nil {
		return nil
	}
	for i, s := range r.Sentences {
		if s.Start < 0 || s.End < s.Start {
			return dossier.Errorf(dossier.EINVALID, "document %s: sentence %d has span [%d,%d)", doc.ID, i, s.Start, s.End)
		}
	}
	for i, m := range r.Mentions {
		switch {
		case m.Document != "" && m.Document != doc.ID:
			return dossier.Errorf(dossier.EINVALID, "document %s: mention %d belongs to document %s", doc.ID, i, m.Document)
		case !m.Type.Valid():
			return dossier.Errorf(dossier.EINVALID, "document %s: mention %d has unknown type %q", doc.ID, i, m.Type)
		case m.Start < 0 || m.End < m.Start:
			return dossier.Errorf(dossier.EINVALID, "document %s: mention %d has span [%d,%d)", doc.ID, i, m.Start, m.End)
		}
	}
	return nil
}

func documentExists(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var ok bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)`, id).Scan(&ok)
	return ok, err
}

// insertDocument stores doc, with the sentence spans of its reading r (if
// any) in the document's row (see spansJSON).
func insertDocument(ctx context.Context, tx *sql.Tx, doc *dossier.Document, r *dossier.Reading) error {
	authors := doc.Authors
	if authors == nil {
		authors = []string{}
	}
	segments := make([]segmentJSON, len(doc.Segments))
	for i, s := range doc.Segments {
		segments[i] = segmentJSON(s)
	}
	removed := make([]removalJSON, len(doc.Removed))
	for i, r := range doc.Removed {
		removed[i] = removalJSON(r)
	}
	at := doc.IngestedAt
	if at.IsZero() {
		at = time.Now()
	}
	codec, raw, err := compactRaw(doc.Raw, doc.Text)
	if err != nil {
		return err
	}
	var spans any // NULL: no reading
	if r != nil {
		spans = spansJSON(r.Sentences)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO documents (id, source, format, title, outlet, authors, published, url,
			ingested_at, segments, removed, text, raw, codec, sentence_spans)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.ID, doc.Source, doc.Format, doc.Title, doc.Outlet, mustJSON(authors), doc.Published, doc.URL,
		formatTime(at), mustJSON(segments), mustJSON(removed), doc.Text, raw, codec, spans)
	return err
}

// spansJSON encodes sentence spans as documents.sentence_spans holds
// them: [[start, end], ...].
func spansJSON(spans []dossier.Span) string {
	b := make([]byte, 0, 2+len(spans)*12)
	b = append(b, '[')
	for i, s := range spans {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(s.Start), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(s.End), 10)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

// parseSpans decodes documents.sentence_spans; NULL or [] is no spans (nil).
func parseSpans(src sql.NullString) ([]dossier.Span, error) {
	if !src.Valid {
		return nil, nil
	}
	var pairs [][2]int
	if err := json.Unmarshal([]byte(src.String), &pairs); err != nil {
		return nil, fmt.Errorf("sentence spans: %w", err)
	}
	if len(pairs) == 0 {
		return nil, nil
	}
	spans := make([]dossier.Span, len(pairs))
	for i, p := range pairs {
		spans[i] = dossier.Span{Start: p[0], End: p[1]}
	}
	return spans, nil
}

// insertMentions stores a document's mentions, each without its text when
// that is the document's text at its span (see mentionText).
func insertMentions(ctx context.Context, tx *sql.Tx, doc string, text *runeIndex, ms []dossier.Mention) error {
	if len(ms) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `
		INSERT INTO mentions (document, idx, start, "end", text, type, key, canonical, sentence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, m := range ms {
		var t any = m.Text
		if text != nil {
			if s, ok := text.slice(m.Start, m.End); ok && s == m.Text {
				t = nil
			}
		}
		if _, err := stmt.ExecContext(ctx, doc, i, m.Start, m.End, t, string(m.Type), m.Key, m.Canonical, m.Sentence); err != nil {
			return err
		}
	}
	return nil
}

// Document returns the stored document with that ID.
func (db *DB) Document(ctx context.Context, id string) (*dossier.Document, error) {
	row := db.read.QueryRowContext(ctx, `
		SELECT `+documentColumns+`, segments, removed, text, raw, codec
		FROM documents WHERE id = ?`, id)
	var doc dossier.Document
	var segments, removed string
	var raw []byte
	var codec int
	dest := append(documentDest(&doc), &segments, &removed, &doc.Text, &raw, &codec)
	if err := row.Scan(dest...); errors.Is(err, sql.ErrNoRows) {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no document %s", id)
	} else if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	finishDocument(&doc)
	var err error
	if doc.Raw, err = decompress(codec, raw, doc.Text); err != nil {
		return nil, fmt.Errorf("document %s: raw: %w", id, err)
	}

	var segs []segmentJSON
	if err := json.Unmarshal([]byte(segments), &segs); err != nil {
		return nil, fmt.Errorf("document %s: segments: %w", id, err)
	}
	for _, s := range segs {
		doc.Segments = append(doc.Segments, dossier.Segment(s))
	}
	var rems []removalJSON
	if err := json.Unmarshal([]byte(removed), &rems); err != nil {
		return nil, fmt.Errorf("document %s: removed: %w", id, err)
	}
	for _, r := range rems {
		doc.Removed = append(doc.Removed, dossier.Removal(r))
	}
	return &doc, nil
}

// Documents returns every stored document's metadata, oldest ingest first.
func (db *DB) Documents(ctx context.Context) ([]*dossier.Document, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	docs := []*dossier.Document{}
	for rows.Next() {
		doc := new(dossier.Document)
		if err := rows.Scan(documentDest(doc)...); err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		finishDocument(doc)
		docs = append(docs, doc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	return docs, nil
}

// documentColumns are a document's metadata columns, in the order
// documentDest scans them; finishDocument completes the scan.
const documentColumns = `id, source, format, title, outlet, authors, published, url, ingested_at`

func documentDest(doc *dossier.Document) []any {
	return []any{&doc.ID, &doc.Source, &doc.Format, &doc.Title, &doc.Outlet,
		(*jsonStrings)(&doc.Authors), &doc.Published, &doc.URL, (*timeText)(&doc.IngestedAt)}
}

// finishDocument turns empty lists into nil, as a Document built in Go has
// them.
func finishDocument(doc *dossier.Document) {
	if len(doc.Authors) == 0 {
		doc.Authors = nil
	}
}

// jsonStrings scans a JSON array of strings.
type jsonStrings []string

func (s *jsonStrings) Scan(src any) error {
	b, err := textBytes(src)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, (*[]string)(s))
}

// timeText scans a time stored by formatTime.
type timeText time.Time

func (t *timeText) Scan(src any) error {
	b, err := textBytes(src)
	if err != nil {
		return err
	}
	v, err := parseTime(string(b))
	if err != nil {
		return err
	}
	*t = timeText(v)
	return nil
}

func textBytes(src any) ([]byte, error) {
	switch v := src.(type) {
	case string:
		return []byte(v), nil
	case []byte:
		return v, nil
	}
	return nil, fmt.Errorf("cannot scan %T as text", src)
}

// Sentences returns the sentence spans of a document's reading.
func (db *DB) Sentences(ctx context.Context, doc string) ([]dossier.Span, error) {
	var spans sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT sentence_spans FROM documents WHERE id = ?`, doc).Scan(&spans)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no document %s", doc)
	} else if err != nil {
		return nil, fmt.Errorf("sentences of %s: %w", doc, err)
	}
	out, err := parseSpans(spans)
	if err != nil {
		return nil, fmt.Errorf("sentences of %s: %w", doc, err)
	}
	return out, nil
}

// mentionColumns are the columns of mentions m that mentionDest scans
// (the text is kept only where the document's text at the span is not
// it: see mentionText).
const mentionColumns = `m.document, m.start, m."end", ` + mentionText + `, m.type, m.key, m.canonical, m.sentence`

func mentionDest(m *dossier.Mention) []any {
	return []any{&m.Document, &m.Start, &m.End, &m.Text, &m.Type, &m.Key, &m.Canonical, &m.Sentence}
}

// mentionsQuery is Mentions' query.
const mentionsQuery = `
	SELECT ` + mentionColumnsJoined + `
	FROM documents d JOIN mentions m ON m.document = d.id
	ORDER BY d.seq, m.idx`

// Mentions calls fn with every stored mention, documents in ingest order and
// each document's mentions in the order its reading gave them. Rows are read
// one at a time; the walk sees the store as it was when it began.
func (db *DB) Mentions(ctx context.Context, fn func(dossier.Mention) error) error {
	// The plan walks documents by seq and each one's mentions by the
	// primary key, so SQLite sorts nothing and holds nothing back.
	rows, err := db.read.QueryContext(ctx, mentionsQuery)
	if err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	defer rows.Close()
	var m dossier.Mention
	dest := mentionDest(&m)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("mentions: %w", err)
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	return nil
}

// mustJSON encodes values that cannot fail to encode (strings, ints, bools
// and structs of them).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// HasDocument reports whether a document with that ID is stored.
func (db *DB) HasDocument(ctx context.Context, id string) (bool, error) {
	var one int
	err := db.read.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("has document: %w", err)
	}
	return true, nil
}

// Unresolved reports whether some stored mention belongs to no entity.
// Nationality mentions never do (resolution leaves them out) and do not
// count.
func (db *DB) Unresolved(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM mentions WHERE entity IS NULL AND type <> 'nationality')`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("unresolved: %w", err)
	}
	return n == 1, nil
}
