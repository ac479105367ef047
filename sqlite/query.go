package sqlite

// Read-only queries for the web workbench: each answers what one page needs
// without loading the whole store (see the last block of dossier.Store).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
	"golang.org/x/text/unicode/norm"
)

// EntitiesByID returns the entities with those IDs in the order
// ReplaceEntities was given them; unknown IDs are left out.
func (db *DB) EntitiesByID(ctx context.Context, ids []string) ([]*dossier.Entity, error) {
	if ids == nil {
		ids = []string{} // nil would mean "all" to loadEntities
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("entities by id: %w", err)
	}
	defer tx.Rollback()
	ents, err := loadEntities(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("entities by id: %w", err)
	}
	return ents, nil
}

// EntityList returns every entity without its mentions and claims, most
// mentioned first, then by name.
func (db *DB) EntityList(ctx context.Context) ([]dossier.EntitySummary, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("entity list: %w", err)
	}
	defer tx.Rollback()
	list := []dossier.EntitySummary{}
	idx := map[string]int{}
	err = eachRow(ctx, tx, `
		SELECT e.id, e.type, e.name, e.place,
			(SELECT count(*) FROM mentions m WHERE m.entity = e.id),
			(SELECT count(*) FROM entity_documents ed WHERE ed.entity = e.id)
		FROM entities e ORDER BY e.ord`, nil, func(rows *sql.Rows) error {
		var s dossier.EntitySummary
		var place sql.NullString
		if err := rows.Scan(&s.ID, &s.Type, &s.Name, &place, &s.Mentions, &s.Documents); err != nil {
			return err
		}
		if place.Valid {
			var p placeJSON
			if err := json.Unmarshal([]byte(place.String), &p); err != nil {
				return fmt.Errorf("entity %s: place: %w", s.ID, err)
			}
			s.Place = (*dossier.PlaceInfo)(&p)
		}
		idx[s.ID] = len(list)
		list = append(list, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("entity list: %w", err)
	}
	err = eachRow(ctx, tx, `SELECT entity, alias FROM entity_aliases ORDER BY entity, count DESC, ord`, nil,
		func(rows *sql.Rows) error {
			var id, alias string
			if err := rows.Scan(&id, &alias); err != nil {
				return err
			}
			if i, ok := idx[id]; ok {
				list[i].Aliases = append(list[i].Aliases, alias)
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("entity list: aliases: %w", err)
	}
	slices.SortStableFunc(list, func(a, b dossier.EntitySummary) int {
		if a.Mentions != b.Mentions {
			return b.Mentions - a.Mentions
		}
		return strings.Compare(a.Name, b.Name)
	})
	return list, nil
}

// DocumentStats counts what each document's ingest produced.
func (db *DB) DocumentStats(ctx context.Context) (map[string]dossier.DocumentStats, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT d.id, length(d.text), json_array_length(d.removed),
			(SELECT count(*) FROM sentences s WHERE s.document = d.id),
			(SELECT count(*) FROM mentions m WHERE m.document = d.id),
			(SELECT count(*) FROM mentions m WHERE m.document = d.id AND m.entity IS NULL),
			(SELECT count(*) FROM claims c WHERE c.document = d.id)
		FROM documents d`)
	if err != nil {
		return nil, fmt.Errorf("document stats: %w", err)
	}
	defer rows.Close()
	out := map[string]dossier.DocumentStats{}
	for rows.Next() {
		var id string
		var s dossier.DocumentStats
		if err := rows.Scan(&id, &s.Chars, &s.Removed, &s.Sentences, &s.Mentions, &s.Unresolved, &s.Claims); err != nil {
			return nil, fmt.Errorf("document stats: %w", err)
		}
		out[id] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("document stats: %w", err)
	}
	return out, nil
}

// DocumentMentions returns a document's mentions by position, with their
// entities.
func (db *DB) DocumentMentions(ctx context.Context, doc string) ([]dossier.ResolvedMention, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("mentions of %s: %w", doc, err)
	}
	defer tx.Rollback()
	if ok, err := documentExists(ctx, tx, doc); err != nil {
		return nil, fmt.Errorf("mentions of %s: %w", doc, err)
	} else if !ok {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no document %s", doc)
	}
	out := []dossier.ResolvedMention{}
	err = eachRow(ctx, tx, `
		SELECT `+mentionColumns+`, coalesce(m.entity, '')
		FROM mentions m WHERE m.document = ? ORDER BY m.start, m."end"`, []any{doc},
		func(rows *sql.Rows) error {
			var m dossier.ResolvedMention
			if err := rows.Scan(append(mentionDest(&m.Mention), &m.Entity)...); err != nil {
				return err
			}
			out = append(out, m)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("mentions of %s: %w", doc, err)
	}
	return out, nil
}

// DocumentClaims returns the claims quoting a document, by position.
func (db *DB) DocumentClaims(ctx context.Context, doc string) ([]dossier.Claim, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("claims of %s: %w", doc, err)
	}
	defer tx.Rollback()
	if ok, err := documentExists(ctx, tx, doc); err != nil {
		return nil, fmt.Errorf("claims of %s: %w", doc, err)
	} else if !ok {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no document %s", doc)
	}
	out := []dossier.Claim{}
	err = eachRow(ctx, tx, `
		SELECT c.id, c.document, c.start, c."end", `+claimQuote+` FROM claims c
		WHERE c.document = ? ORDER BY c.start, c."end", c.id`, []any{doc},
		func(rows *sql.Rows) error {
			var c dossier.Claim
			if err := rows.Scan(&c.ID, &c.Document, &c.Start, &c.End, &c.Quote); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("claims of %s: %w", doc, err)
	}
	return out, nil
}

// Snippet markers: Store.Search puts matched words between them. They are
// control characters no cleaned text is expected to use; a document that
// does only gets a wrong highlight, since pages escape every piece.
const (
	markStart = "\x02"
	markEnd   = "\x03"
)

// searchWords splits a query into the folded words the index knows:
// runs of letters and digits. Everything else (quotes, operators, FTS5
// syntax) is dropped, so a query can never be an FTS5 expression.
func searchWords(q string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words = append(words, bare(w))
	}
	return words
}

// Search finds entities, events and documents matching every word of
// query (the last word as a prefix in documents, so that typing "Khoras"
// already finds "Khorasan").
func (db *DB) Search(ctx context.Context, query string, limit int) ([]dossier.SearchHit, error) {
	words := searchWords(query)
	if len(words) == 0 {
		if strings.TrimSpace(query) == "" {
			return []dossier.SearchHit{}, nil
		}
		return nil, dossier.Errorf(dossier.EINVALID, "search %q: no word to search for", query)
	}
	if limit <= 0 {
		limit = 20
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer tx.Rollback()
	hits := []dossier.SearchHit{}
	for _, f := range []func(context.Context, *sql.Tx, []string, int) ([]dossier.SearchHit, error){
		searchEntities, searchEvents, searchDocuments,
	} {
		h, err := f(ctx, tx, words, limit)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		hits = append(hits, h...)
	}
	return hits, nil
}

// containsAll reports whether s (folded) holds every word.
func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// bare folds s and drops its combining marks, as the full-text index's
// remove_diacritics does.
func bare(s string) string {
	if ascii(s) { // folding is lower-casing, and nothing decomposes
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(fold(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// errEnough stops a walk of rows that has found what it needs.
var errEnough = errors.New("enough rows")

// searchDocuments asks the full-text index, best match first, then finds
// the sentence holding the first matched word so that a result can open
// the reader there.
func searchDocuments(ctx context.Context, tx *sql.Tx, words []string, limit int) ([]dossier.SearchHit, error) {
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = `"` + w + `"` // words hold no quote: see searchWords
	}
	terms[len(terms)-1] += "*"
	type row struct {
		hit  dossier.SearchHit
		text string
	}
	var rs []row
	err := eachRow(ctx, tx, `
		SELECT d.id, d.title, d.source, snippet(documents_fts, 2, ?, ?, '…', 24), d.text
		FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
		WHERE documents_fts MATCH ?
		ORDER BY rank LIMIT ?`, []any{markStart, markEnd, strings.Join(terms, " AND "), limit},
		func(rows *sql.Rows) error {
			var r row
			var source string
			if err := rows.Scan(&r.hit.ID, &r.hit.Title, &source, &r.hit.Snippet, &r.text); err != nil {
				return err
			}
			r.hit.Kind = "document"
			if r.hit.Title == "" {
				r.hit.Title = source
			}
			rs = append(rs, r)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	hits := make([]dossier.SearchHit, 0, len(rs))
	for _, r := range rs {
		h := r.hit
		if at := firstMatch(r.text, words); at >= 0 {
			err := tx.QueryRowContext(ctx, `
				SELECT start, "end" FROM sentences WHERE document = ? AND start <= ? AND "end" > ?
				ORDER BY start DESC LIMIT 1`, h.ID, at, at).Scan(&h.Start, &h.End)
			if err != nil && err != sql.ErrNoRows {
				return nil, fmt.Errorf("documents: sentence of %s: %w", h.ID, err)
			}
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// firstMatch returns the code point offset of the first word of text that
// starts with one of words (folded), or -1.
func firstMatch(text string, words []string) int {
	i, start := 0, -1
	var cur strings.Builder
	check := func() bool {
		w := bare(cur.String())
		cur.Reset()
		for _, q := range words {
			if strings.HasPrefix(w, q) {
				return true
			}
		}
		return false
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			cur.WriteRune(r)
		} else if start >= 0 {
			if check() {
				return start
			}
			start = -1
		}
		i++
	}
	if start >= 0 && check() {
		return start
	}
	return -1
}
