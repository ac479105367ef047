package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/resolve"
)

// The search indexes (migration 0013): entity_search holds a row per
// entity, at the entity's rowid, with its names and their parts'
// transliteration skeletons (resolve.SearchSkeletons); event_search a row
// per event, kept by triggers. Search reads them through FTS5, never a
// whole table.

// searchCandidates is how many index matches of each kind Search ranks.
const searchCandidates = 500

// ftsQuery makes an FTS5 query of words (letters and digits only, see
// searchWords): every word, the last as a prefix; with skeletons, a word
// of four letters or more also matches a name part spelled another way.
func ftsQuery(words []string, skeletons bool) string {
	terms := make([]string, len(words))
	for i, w := range words {
		t := `"` + w + `"`
		if i == len(words)-1 {
			t += "*"
		}
		if skeletons {
			t = "names : " + t
			if sk := resolve.SearchSkeletons(w); len([]rune(w)) >= 4 && len(sk) == 1 {
				t = "(" + t + ` OR skeletons : "` + sk[0] + `")`
			}
		}
		terms[i] = t
	}
	return strings.Join(terms, " AND ")
}

// searchEntities finds the entities with a name holding every word (the
// last as a prefix) or a spelling of it (same skeleton), the most
// mentioned first, each with the most used of its names that matches.
func searchEntities(ctx context.Context, tx *sql.Tx, words []string, limit int) ([]dossier.SearchHit, error) {
	type cand struct {
		hit      dossier.SearchHit
		mentions int
		ord      float64
	}
	var cands []*cand
	byID := map[string]*cand{}
	err := eachRow(ctx, tx, `
		SELECT e.id, e.type, e.name, e.ord FROM entity_search s JOIN entities e ON e.rowid = s.rowid
		WHERE entity_search MATCH ? ORDER BY s.rank LIMIT ?`, []any{ftsQuery(words, true), searchCandidates},
		func(rows *sql.Rows) error {
			c := &cand{hit: dossier.SearchHit{Kind: "entity"}}
			if err := rows.Scan(&c.hit.ID, &c.hit.Type, &c.hit.Title, &c.ord); err != nil {
				return err
			}
			cands = append(cands, c)
			byID[c.hit.ID] = c
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.hit.ID
	}
	// The candidates' names, most used first: their mentions, and the
	// name to show beside the entity's own.
	matched := map[string]bool{}
	err = eachRow(ctx, tx, `SELECT entity, alias, count FROM entity_aliases
		WHERE entity IN (SELECT value FROM json_each(?)) ORDER BY entity, count DESC, ord`, []any{idsJSON(ids)},
		func(rows *sql.Rows) error {
			var id, alias string
			var n int
			if err := rows.Scan(&id, &alias, &n); err != nil {
				return err
			}
			c := byID[id]
			c.mentions += n
			if !matched[id] && wordsIn(bare(alias), words) {
				matched[id] = true
				if alias != c.hit.Title {
					c.hit.Snippet = alias
				}
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	slices.SortStableFunc(cands, func(a, b *cand) int {
		if a.mentions != b.mentions {
			return b.mentions - a.mentions
		}
		switch {
		case a.ord < b.ord:
			return -1
		case a.ord > b.ord:
			return 1
		}
		return 0
	})
	hits := make([]dossier.SearchHit, 0, min(limit, len(cands)))
	for _, c := range cands[:min(limit, len(cands))] {
		hits = append(hits, c.hit)
	}
	return hits, nil
}

// wordsIn reports whether each word starts a word of s (the last word
// may end it early, as the index matches it).
func wordsIn(s string, words []string) bool {
	fields := strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
	for _, w := range words {
		if !slices.ContainsFunc(fields, func(f string) bool { return strings.HasPrefix(f, w) }) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// searchEvents finds the events whose type, subtype, date or summary
// holds every word (the last as a prefix), best matches first.
func searchEvents(ctx context.Context, tx *sql.Tx, words []string, limit int) ([]dossier.SearchHit, error) {
	var hits []dossier.SearchHit
	err := eachRow(ctx, tx, `
		SELECT e.id, e.type, e.date, e.summary FROM event_search s JOIN events e ON e.rowid = s.rowid
		WHERE event_search MATCH ? ORDER BY s.rank LIMIT ?`, []any{ftsQuery(words, false), limit},
		func(rows *sql.Rows) error {
			var id, typ, date, summary string
			if err := rows.Scan(&id, &typ, &date, &summary); err != nil {
				return err
			}
			title := strings.TrimSpace(strings.ReplaceAll(typ, "_", " ") + " " + date)
			hits = append(hits, dossier.SearchHit{Kind: "event", ID: id, Title: title, Type: typ, Snippet: summary})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return hits, nil
}

// indexEntities writes the search rows of the entities ids, from their
// names and aliases as stored.
func indexEntities(ctx context.Context, tx *sql.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	type row struct {
		rowid int64
		names []string
	}
	rows := map[string]*row{}
	var order []string
	arg := []any{mustJSON(ids)}
	err := eachRow(ctx, tx, `SELECT id, rowid, name FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rowid`, arg,
		func(r *sql.Rows) error {
			var id, name string
			var rowid int64
			if err := r.Scan(&id, &rowid, &name); err != nil {
				return err
			}
			rows[id] = &row{rowid: rowid, names: []string{name}}
			order = append(order, id)
			return nil
		})
	if err != nil {
		return err
	}
	err = eachRow(ctx, tx, `SELECT entity, alias FROM entity_aliases WHERE entity IN (SELECT value FROM json_each(?))`, arg,
		func(r *sql.Rows) error {
			var id, alias string
			if err := r.Scan(&id, &alias); err != nil {
				return err
			}
			if w := rows[id]; w != nil && !slices.Contains(w.names, alias) {
				w.names = append(w.names, alias)
			}
			return nil
		})
	if err != nil {
		return err
	}
	del := newBatch(ctx, tx, 1, `DELETE FROM entity_search WHERE rowid IN (VALUES `, `)`)
	for _, id := range order {
		del.int(int(rows[id].rowid)).end()
	}
	if err := del.flush(); err != nil {
		return err
	}
	ins := newBatch(ctx, tx, 3, `INSERT INTO entity_search (rowid, names, skeletons) VALUES `, ``)
	for _, id := range order {
		r := rows[id]
		var sks []string
		for _, n := range r.names {
			for _, sk := range resolve.SearchSkeletons(n) {
				if !slices.Contains(sks, sk) {
					sks = append(sks, sk)
				}
			}
		}
		ins.int(int(r.rowid)).str(strings.Join(r.names, " \u2022 ")).str(strings.Join(sks, " ")).end()
	}
	return ins.flush()
}

// fillEntitySearch indexes every entity of a store whose entities were
// resolved before the index existed (once, when it is opened).
func (db *DB) fillEntitySearch(ctx context.Context) error {
	var need int
	err := db.write.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM entities) AND NOT EXISTS (SELECT 1 FROM entity_search)`).Scan(&need)
	if err != nil || need == 0 {
		return err
	}
	fmt.Fprintln(os.Stderr, "dossier: indexing entity names for search (once)")
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var ids []string
	if err := eachRow(ctx, tx, `SELECT id FROM entities ORDER BY rowid`, nil, func(r *sql.Rows) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}); err != nil {
		return err
	}
	for len(ids) > 0 {
		n := min(len(ids), 5000)
		if err := indexEntities(ctx, tx, ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return tx.Commit()
}
