package sqlite

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
)

type placeJSON struct {
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Country     string  `json:"country"`
	Admin1      string  `json:"admin1"`
	GazetteerID string  `json:"gazetteer_id"`
}

// ReplaceEntities replaces every resolved entity with ents in one
// transaction: their aliases, documents and claim links go, the mentions
// they held are released, and ents are written in their place. Each entity's
// mentions are found by document and span and linked to it; a mention that
// is not stored, or that two entities claim, is EINVALID, as is a document
// or claim document that is not stored. Claims are upserted by ID and kept
// when no entity cites them any more. Alias counts are how many of the
// entity's mentions have that exact surface form.
//
// Only what changed is written (see replaceEntities): re-resolving a store
// whose clusters barely moved touches the few entities, rows and mention
// links that did move. Rows are written in batches (see batch).
func (db *DB) ReplaceEntities(ctx context.Context, ents []*dossier.Entity) error {
	if err := validEntities(ents); err != nil {
		return err
	}
	links, err := wantedLinks(ents)
	if err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	defer tx.Rollback()
	if err := replaceEntities(ctx, tx, ents, links, db.scanLinksAbove); err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace entities: %w", err)
	}
	return nil
}

func validEntities(ents []*dossier.Entity) error {
	seen := make(map[string]bool, len(ents))
	for i, e := range ents {
		switch {
		case e == nil:
			return dossier.Errorf(dossier.EINVALID, "entity %d is nil", i)
		case e.ID == "":
			return dossier.Errorf(dossier.EINVALID, "entity %d (%q) has no ID", i, e.Name)
		case seen[e.ID]:
			return dossier.Errorf(dossier.EINVALID, "entity ID %s is used twice", e.ID)
		case !e.Type.Valid():
			return dossier.Errorf(dossier.EINVALID, "entity %s has unknown type %q", e.ID, e.Type)
		case e.Name == "":
			return dossier.Errorf(dossier.EINVALID, "entity %s has no name", e.ID)
		}
		seen[e.ID] = true
		for _, c := range e.Claims {
			if c.ID == "" || c.Document == "" || c.Start < 0 || c.End < c.Start {
				return dossier.Errorf(dossier.EINVALID, "entity %s: claim %q in document %q at [%d,%d) is malformed",
					e.ID, c.ID, c.Document, c.Start, c.End)
			}
		}
	}
	return nil
}

// spanKey names a stored mention by what an entity knows of it.
type spanKey struct {
	doc        string
	start, end int
}

// link is a mention an entity holds.
type link struct {
	spanKey
	ent  *dossier.Entity
	text string
}

// wantedLinks lists each mention of ents once, in order. A mention listed
// twice by one entity is fine; one claimed by two entities is EINVALID,
// named as the second entity's.
func wantedLinks(ents []*dossier.Entity) ([]link, error) {
	owner := map[spanKey]*dossier.Entity{}
	var links []link
	for _, e := range ents {
		for _, m := range e.Mentions {
			k := spanKey{m.Document, m.Start, m.End}
			if o, ok := owner[k]; ok {
				if o != e {
					return nil, notLinkable(e, m.Text, k)
				}
				continue
			}
			owner[k] = e
			links = append(links, link{k, e, m.Text})
		}
	}
	return links, nil
}

func compareSpans(a, b spanKey) int {
	return cmp.Or(strings.Compare(a.doc, b.doc), a.start-b.start, a.end-b.end)
}

func notLinkable(e *dossier.Entity, text string, k spanKey) error {
	return dossier.Errorf(dossier.EINVALID,
		"entity %s: mention %q at %s[%d:%d] is not stored or belongs to another entity",
		e.ID, text, k.doc, k.start, k.end)
}

// replaceEntities does ReplaceEntities' work in tx, writing only what
// changed. Each stored entity carries a digest of everything
// ReplaceEntities writes for it (its row, aliases, documents, claims and
// the spans and texts of its mentions). An entity of ents whose digest is
// stored under its ID is kept as it is but for its place in the order
// (ord); a changed one has its row and aliases rewritten and its document
// and claim links diffed against the stored ones (a large entity gaining
// a few documents writes a few rows); a new one is written; a stored one
// that is gone is deleted with its rows. A re-resolution changes few
// entities, so it writes little; the first writes everything once.
//
// Foreign keys are checked at commit (defer_foreign_keys lasts until the
// transaction ends) so that an entity can be deleted and written again
// while the mentions that stay with it keep their link untouched.
// Everything a deferred check could refuse is checked first, by name, so
// the commit does not fail on it.
func replaceEntities(ctx context.Context, tx *sql.Tx, ents []*dossier.Entity, links []link, scanLinksAbove int) error {
	if err := needDocuments(ctx, tx, ents); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	// The entity index of incremental resolution describes the entities
	// replaced: it goes with them, and a full resolution writes it anew
	// (ReplaceEntityIndex). A store left without one is resolved in full.
	for _, q := range []string{`DELETE FROM entity_forms`, `DELETE FROM entity_context`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	stored, err := storedDigests(ctx, tx)
	if err != nil {
		return err
	}
	first := len(stored) == 0

	// Sort ents into kept (only ord may change, see placeOrds), changed
	// and new; what is left of stored is gone.
	places := make([]string, len(ents))
	write := make(map[*dossier.Entity]bool) // changed or new
	var changed, gone []string
	keptOrd := make([]*float64, len(ents))
	sums := make([][sha256.Size]byte, len(ents))
	var h digester
	for i, e := range ents {
		if p := e.Place; p != nil {
			places[i] = mustJSON(placeJSON(*p))
		}
		sums[i] = h.sum(e, places[i])
		s, ok := stored[e.ID]
		delete(stored, e.ID)
		switch {
		case ok && s.digest == sums[i]:
			keptOrd[i] = &s.ord
			continue
		case ok:
			changed = append(changed, e.ID)
		}
		write[e] = true
	}
	ords, reordered := placeOrds(keptOrd)
	reorder := newBatch(ctx, tx, 2, `UPDATE entities SET ord = v.column2 FROM (VALUES `,
		`) AS v WHERE entities.id = v.column1`)
	for i, e := range ents {
		if reordered[i] {
			reorder.str(e.ID).float(ords[i]).end()
		}
	}
	for id := range stored {
		gone = append(gone, id)
	}
	slices.Sort(gone)
	slices.Sort(changed)
	if err := deleteEntities(ctx, tx, gone); err != nil {
		return err
	}
	if err := reorder.flush(); err != nil {
		return fmt.Errorf("order: %w", err)
	}
	// A changed entity's aliases are rewritten (they are few, and their
	// counts move), its documents and claim links diffed.
	if len(changed) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM entity_aliases WHERE entity IN (SELECT value FROM json_each(?))`, mustJSON(changed)); err != nil {
			return err
		}
	}
	haveDocs, err := storedPairs(ctx, tx, `SELECT entity, document FROM entity_documents WHERE entity IN (SELECT value FROM json_each(?))`, changed)
	if err != nil {
		return err
	}
	haveClaims, err := storedPairs(ctx, tx, `SELECT entity, claim FROM entity_claims WHERE entity IN (SELECT value FROM json_each(?))`, changed)
	if err != nil {
		return err
	}
	// The stored copies of the claims a changed entity cites: one that
	// is as it should be is not upserted again.
	haveQuotes := map[string]dossier.Claim{}
	if len(changed) > 0 {
		err = eachRow(ctx, tx, `SELECT DISTINCT c.id, c.document, c.start, c."end", `+claimQuote+`
			FROM entity_claims ec JOIN claims c ON c.id = ec.claim
			WHERE ec.entity IN (SELECT value FROM json_each(?))`, []any{mustJSON(changed)}, func(rows *sql.Rows) error {
			var c dossier.Claim
			if err := rows.Scan(&c.ID, &c.Document, &c.Start, &c.End, &c.Quote); err != nil {
				return err
			}
			haveQuotes[c.ID] = c
			return nil
		})
		if err != nil {
			return err
		}
	}

	// The claims of the written entities, each with its last copy in ents
	// (the last entity's copy wins, whether or not that entity is written).
	winner := map[string]*dossier.Claim{}
	for _, e := range ents {
		for i := range e.Claims {
			winner[e.Claims[i].ID] = &e.Claims[i]
		}
	}
	// Each table's rows go in its key order: SQLite then appends to the
	// B-trees instead of splitting pages all over them.
	type aliasRow struct {
		ent, alias string
		count, ord int
	}
	var (
		written   []int // indexes in ents
		aliases   []aliasRow
		docs      []pair
		entClaims []pair
		claims    []*dossier.Claim
	)
	claimSent := map[string]bool{}
	forms := make(map[string]int)
	for i, e := range ents {
		if !write[e] {
			continue
		}
		written = append(written, i)
		clear(forms)
		for _, m := range e.Mentions {
			forms[m.Text]++
		}
		for j, a := range e.Aliases {
			aliases = append(aliases, aliasRow{e.ID, a, forms[a], j})
		}
		for _, d := range e.Documents {
			p := pair{e.ID, d}
			if _, ok := haveDocs[p]; !ok {
				docs = append(docs, p)
			} else {
				haveDocs[p] = false // stored and still wanted
			}
		}
		for _, c := range e.Claims {
			if !claimSent[c.ID] {
				claimSent[c.ID] = true
				if w := winner[c.ID]; haveQuotes[c.ID] != *w {
					claims = append(claims, w)
				}
			}
			p := pair{e.ID, c.ID}
			if _, ok := haveClaims[p]; !ok {
				entClaims = append(entClaims, p)
			} else {
				haveClaims[p] = false
			}
		}
	}
	slices.SortFunc(written, func(i, j int) int { return strings.Compare(ents[i].ID, ents[j].ID) })
	// An alias given twice keeps its first place.
	slices.SortFunc(aliases, func(a, b aliasRow) int {
		return cmp.Or(strings.Compare(a.ent, b.ent), strings.Compare(a.alias, b.alias), a.ord-b.ord)
	})
	aliases = slices.CompactFunc(aliases, func(a, b aliasRow) bool { return a.ent == b.ent && a.alias == b.alias })
	slices.SortFunc(docs, comparePairs)
	docs = slices.Compact(docs)
	slices.SortFunc(entClaims, comparePairs)
	entClaims = slices.Compact(entClaims)
	slices.SortFunc(claims, func(a, b *dossier.Claim) int { return strings.Compare(a.ID, b.ID) })

	// The links a changed entity no longer has.
	for _, d := range []struct {
		what, query string
		have        map[pair]bool
	}{
		{"documents", `DELETE FROM entity_documents WHERE (entity, document) IN (VALUES `, haveDocs},
		{"claim links", `DELETE FROM entity_claims WHERE (entity, claim) IN (VALUES `, haveClaims},
	} {
		var rows []pair
		for p, stale := range d.have {
			if stale {
				rows = append(rows, p)
			}
		}
		slices.SortFunc(rows, comparePairs)
		b := newBatch(ctx, tx, 2, d.query, `)`)
		for _, p := range rows {
			b.str(p.ent).str(p.other).end()
		}
		if err := b.flush(); err != nil {
			return fmt.Errorf("%s: %w", d.what, err)
		}
	}

	// A first resolution fills the link tables from empty: their
	// secondary indexes are built after the rows, not row by row.
	recreate := func() error { return nil }
	if first {
		if recreate, err = dropIndexes(ctx, tx, "entity_aliases_lower", "entity_documents_document", "entity_claims_claim"); err != nil {
			return err
		}
	}
	b := newBatch(ctx, tx, 9, `INSERT INTO entities (id, type, name, name_lower, reason, place, ord, digest, mentions) VALUES `, `
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, name_lower = excluded.name_lower,
			reason = excluded.reason, place = excluded.place, ord = excluded.ord, digest = excluded.digest,
			mentions = excluded.mentions`)
	for _, i := range written {
		e := ents[i]
		b.str(e.ID).str(string(e.Type)).str(e.Name).str(fold(e.Name)).str(e.Reason).
			strOrNull(places[i], e.Place != nil).float(ords[i]).blob(sums[i][:]).int(mentionsOf(e)).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	b = newBatch(ctx, tx, 5, `INSERT INTO entity_aliases (entity, alias, alias_lower, count, ord) VALUES `, ``)
	for _, a := range aliases {
		b.str(a.ent).str(a.alias).str(fold(a.alias)).int(a.count).int(a.ord).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("aliases: %w", err)
	}
	b = newBatch(ctx, tx, 2, `INSERT INTO entity_documents (entity, document) VALUES `, ``)
	for _, d := range docs {
		b.str(d.ent).str(d.other).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	// An unchanged claim is not written again.
	b = newBatch(ctx, tx, 5, upsertClaimsHead, upsertClaimsTail)
	for _, c := range claims {
		b.str(c.ID).str(c.Document).int(c.Start).int(c.End).str(c.Quote).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("claims: %w", err)
	}
	b = newBatch(ctx, tx, 2, `INSERT INTO entity_claims (entity, claim) VALUES `, ``)
	for _, c := range entClaims {
		b.str(c.ent).str(c.other).end()
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("claim links: %w", err)
	}
	if err := recreate(); err != nil {
		return err
	}
	ids := make([]string, len(written))
	for k, i := range written {
		ids[k] = ents[i].ID
	}
	if err := indexEntities(ctx, tx, ids); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	// Only the written entities' mentions can have moved: a kept entity
	// has the mentions it had, and no other entity may hold one of them.
	var moved []link
	for _, l := range links {
		if write[l.ent] {
			moved = append(moved, l)
		}
	}
	return relink(ctx, tx, moved, append(changed, gone...), scanLinksAbove)
}

// pair is a row of a link table: entity_documents or entity_claims.
type pair struct{ ent, other string }

func comparePairs(a, b pair) int {
	return cmp.Or(strings.Compare(a.ent, b.ent), strings.Compare(a.other, b.other))
}

// storedPairs returns the rows query finds for the entities ids, each
// mapped to true ("stale" until the caller finds it still wanted).
func storedPairs(ctx context.Context, tx *sql.Tx, query string, ids []string) (map[pair]bool, error) {
	out := map[pair]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	err := eachRow(ctx, tx, query, []any{mustJSON(ids)}, func(rows *sql.Rows) error {
		var p pair
		if err := rows.Scan(&p.ent, &p.other); err != nil {
			return err
		}
		out[p] = true
		return nil
	})
	return out, err
}

// storedEntity is what replaceEntities compares an entity with.
type storedEntity struct {
	ord    float64
	digest [sha256.Size]byte // zero for a row written before digests were kept
}

func storedDigests(ctx context.Context, tx *sql.Tx) (map[string]storedEntity, error) {
	out := map[string]storedEntity{}
	err := eachRow(ctx, tx, `SELECT id, ord, digest FROM entities`, nil, func(rows *sql.Rows) error {
		var id string
		var s storedEntity
		var d []byte
		if err := rows.Scan(&id, &s.ord, &d); err != nil {
			return err
		}
		copy(s.digest[:], d)
		out[id] = s
		return nil
	})
	return out, err
}

// digester hashes an entity as replaceEntities writes it, reusing its
// buffer. Every field is length-prefixed, so that no two entities share
// a serialisation. A change to what is written for an entity must change
// digestVersion, so that stored digests stop matching.
type digester struct {
	buf []byte
}

const digestVersion = 1

func (h *digester) sum(e *dossier.Entity, place string) [sha256.Size]byte {
	b := append(h.buf[:0], digestVersion)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	str(string(e.Type))
	str(e.Name)
	str(e.Reason)
	str(place)
	num(len(e.Aliases))
	for _, a := range e.Aliases {
		str(a)
	}
	num(len(e.Documents))
	for _, d := range e.Documents {
		str(d)
	}
	num(len(e.Claims))
	for _, c := range e.Claims {
		str(c.ID)
		str(c.Document)
		num(c.Start)
		num(c.End)
		str(c.Quote)
	}
	// The mentions' texts make the aliases' counts.
	num(len(e.Mentions))
	for _, m := range e.Mentions {
		str(m.Document)
		num(m.Start)
		num(m.End)
		str(m.Text)
	}
	h.buf = b
	return sha256.Sum256(b)
}

// needDocuments returns EINVALID, naming the first entity in order that
// cites it, for a document or claim document that is not stored.
func needDocuments(ctx context.Context, tx *sql.Tx, ents []*dossier.Entity) error {
	seen := map[string]bool{}
	var docs []string
	for _, e := range ents {
		for _, d := range e.Documents {
			if !seen[d] {
				seen[d] = true
				docs = append(docs, d)
			}
		}
		for _, c := range e.Claims {
			if !seen[c.Document] {
				seen[c.Document] = true
				docs = append(docs, c.Document)
			}
		}
	}
	gone, err := missing(ctx, tx, "documents", docs)
	if err != nil || len(gone) == 0 {
		return err
	}
	for _, e := range ents {
		for _, d := range e.Documents {
			if gone[d] {
				return dossier.Errorf(dossier.EINVALID, "entity %s: document %s is not stored", e.ID, d)
			}
		}
		for _, c := range e.Claims {
			if gone[c.Document] {
				return dossier.Errorf(dossier.EINVALID, "entity %s: claim %s: document %s is not stored", e.ID, c.ID, c.Document)
			}
		}
	}
	return nil
}

// relink makes the stored mention links what links says, given that only
// the mentions in links or held by the dropped entities can change: those
// of the dropped entities that links does not give them back are
// released, and those in links that are not linked as wanted are linked.
// The stored links are read (one row a mention, far cheaper than a write)
// and compared here, so that only the mentions that change are written,
// each found by its primary key. Links whose mention no dropped entity
// holds are looked up by span, or, above scanAbove of them, read with all
// the mentions of their documents.
//
// A span stored twice (a reading may give one twice) has all its
// mentions linked when it is looked up; one a dropped entity holds is
// taken to have its twins linked alike, as every earlier replacement
// left them.
func relink(ctx context.Context, tx *sql.Tx, links []link, dropped []string, scanAbove int) error {
	type stored struct {
		idx    int
		entity string
	}
	// A reading may give one span twice: every mention with the span
	// is linked.
	at := make(map[spanKey][]stored)
	var held []spanKey // mentions the dropped entities hold
	drop := make(map[string]bool, len(dropped))
	for _, id := range dropped {
		drop[id] = true
	}
	// Read are the mentions the dropped entities hold (by index), then
	// those of the links that are not among them (by span, in batches):
	// a re-resolution that grew a large entity by a few mentions reads
	// that entity's mentions and looks up the few new ones, not every
	// document's.
	type rowKey struct {
		doc string
		idx int
	}
	seen := map[rowKey]bool{}
	scan := func(rows *sql.Rows) error {
		var k spanKey
		var s stored
		if err := rows.Scan(&k.doc, &s.idx, &k.start, &k.end, &s.entity); err != nil {
			return err
		}
		if key := (rowKey{k.doc, s.idx}); !seen[key] {
			seen[key] = true
			at[k] = append(at[k], s)
			if drop[s.entity] {
				held = append(held, k)
			}
		}
		return nil
	}
	if len(dropped) > 0 {
		if err := eachRow(ctx, tx, `SELECT document, idx, start, "end", entity FROM mentions WHERE entity IN (SELECT value FROM json_each(?))`,
			[]any{mustJSON(dropped)}, scan); err != nil {
			return err
		}
	}
	var unknown []spanKey
	for _, l := range links {
		if _, ok := at[l.spanKey]; !ok {
			unknown = append(unknown, l.spanKey)
		}
	}
	slices.SortFunc(unknown, compareSpans)
	unknown = slices.Compact(unknown)
	if len(unknown) > scanAbove {
		// Many (a first resolution): reading their documents' mentions
		// in key order is cheaper than looking each up.
		var docs []string
		for i, k := range unknown {
			if i == 0 || k.doc != unknown[i-1].doc {
				docs = append(docs, k.doc)
			}
		}
		unknown = nil
		if err := eachRow(ctx, tx, `SELECT document, idx, start, "end", coalesce(entity, '') FROM mentions
			WHERE document IN (SELECT value FROM json_each(?))`, []any{mustJSON(docs)}, scan); err != nil {
			return err
		}
	}
	for len(unknown) > 0 {
		n := min(len(unknown), batchRows)
		q := `SELECT m.document, m.idx, m.start, m."end", coalesce(m.entity, '')
			FROM (VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", n), ", ") + `) AS v
			JOIN mentions m ON m.document = v.column1 AND m.start = v.column2 AND m."end" = v.column3`
		args := make([]any, 0, 3*n)
		for _, k := range unknown[:n] {
			args = append(args, k.doc, int64(k.start), int64(k.end))
		}
		if err := eachRow(ctx, tx, q, args, scan); err != nil {
			return err
		}
		unknown = unknown[n:]
	}
	type change struct {
		doc    string
		idx    int
		entity string // "" releases the mention
	}
	var changes []change
	wanted := make(map[spanKey]bool, len(links))
	for _, l := range links {
		ss, ok := at[l.spanKey]
		if !ok {
			// A wanted mention that is not stored is the caller's error.
			return notLinkable(l.ent, l.text, l.spanKey)
		}
		wanted[l.spanKey] = true
		for _, s := range ss {
			if s.entity != l.ent.ID {
				changes = append(changes, change{l.doc, s.idx, l.ent.ID})
			}
		}
	}
	for _, k := range held {
		if wanted[k] {
			continue
		}
		for _, s := range at[k] {
			if drop[s.entity] {
				changes = append(changes, change{k.doc, s.idx, ""})
			}
		}
	}
	// In key order, so that the writes walk the table once instead of
	// dirtying pages all over it (which the page cache then spills).
	slices.SortFunc(changes, func(a, b change) int { return cmp.Or(strings.Compare(a.doc, b.doc), a.idx-b.idx) })
	changes = slices.CompactFunc(changes, func(a, b change) bool { return a.doc == b.doc && a.idx == b.idx })
	set := newBatch(ctx, tx, 3, `UPDATE mentions SET entity = v.column3 FROM (VALUES `,
		`) AS v WHERE mentions.document = v.column1 AND mentions.idx = v.column2`)
	for _, c := range changes {
		set.str(c.doc).int(c.idx).strOrNull(c.entity, c.entity != "").end()
	}
	return set.flush()
}

// deleteEntities removes the entities with those IDs and the rows that
// belong to them; the mentions' links are left for relink, which only
// changes those that must change (foreign keys are deferred meanwhile).
func deleteEntities(ctx context.Context, tx *sql.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	arg := mustJSON(ids)
	for _, q := range []string{
		`DELETE FROM entity_claims WHERE entity IN (SELECT value FROM json_each(?))`,
		`DELETE FROM entity_documents WHERE entity IN (SELECT value FROM json_each(?))`,
		`DELETE FROM entity_aliases WHERE entity IN (SELECT value FROM json_each(?))`,
		`DELETE FROM entity_forms WHERE entity IN (SELECT value FROM json_each(?))`,
		`DELETE FROM entity_context WHERE entity IN (SELECT value FROM json_each(?))`,
		`DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?))`,
	} {
		if _, err := tx.ExecContext(ctx, q, arg); err != nil {
			return err
		}
	}
	return nil
}

// Entities returns every resolved entity, in the order ReplaceEntities was
// given them. Aliases come most frequent first; documents, mentions and
// claims in document ingest order.
func (db *DB) Entities(ctx context.Context) ([]*dossier.Entity, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer tx.Rollback()
	ents, err := loadEntities(ctx, tx, nil)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return ents, nil
}

// FindEntities returns the entities whose name or an alias equals name under
// Unicode simple case folding (as strings.EqualFold compares), most mentions
// first.
func (db *DB) FindEntities(ctx context.Context, name string) ([]*dossier.Entity, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	defer tx.Rollback()

	key := fold(name)
	rows, err := tx.QueryContext(ctx, `
		SELECT id FROM entities WHERE name_lower = ?1
		UNION
		SELECT entity FROM entity_aliases WHERE alias_lower = ?1`, key)
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find entities %q: %w", name, err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	if len(ids) == 0 {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity named %q", name)
	}

	ents, err := loadEntities(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", name, err)
	}
	slices.SortStableFunc(ents, func(a, b *dossier.Entity) int { return len(b.Mentions) - len(a.Mentions) })
	return ents, nil
}

// loadEntities loads the entities with the given IDs, or all of them when
// ids is nil, in five queries whatever their number.
func loadEntities(ctx context.Context, tx *sql.Tx, ids []string) ([]*dossier.Entity, error) {
	// only restricts a query to the entities in ids. The fragments are
	// constants; the IDs travel as one JSON parameter.
	only := func(col string) (string, []any) {
		if ids == nil {
			return "", nil
		}
		return " AND " + col + " IN (SELECT value FROM json_each(?))", []any{mustJSON(ids)}
	}

	ents := []*dossier.Entity{}
	byID := make(map[string]*dossier.Entity)
	filter, args := only("id")
	err := eachRow(ctx, tx, `
		SELECT id, type, name, reason, place FROM entities WHERE 1 = 1`+filter+`
		ORDER BY ord`, args, func(rows *sql.Rows) error {
		e := new(dossier.Entity)
		var place sql.NullString
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &e.Reason, &place); err != nil {
			return err
		}
		if place.Valid {
			var p placeJSON
			if err := json.Unmarshal([]byte(place.String), &p); err != nil {
				return fmt.Errorf("entity %s: place: %w", e.ID, err)
			}
			e.Place = (*dossier.PlaceInfo)(&p)
		}
		ents = append(ents, e)
		byID[e.ID] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entities: %w", err)
	}

	filter, args = only("entity")
	err = eachRow(ctx, tx, `
		SELECT entity, alias FROM entity_aliases WHERE 1 = 1`+filter+`
		ORDER BY entity, count DESC, ord`, args, func(rows *sql.Rows) error {
		var id, alias string
		if err := rows.Scan(&id, &alias); err != nil {
			return err
		}
		e := byID[id]
		e.Aliases = append(e.Aliases, alias)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}

	filter, args = only("ed.entity")
	err = eachRow(ctx, tx, `
		SELECT ed.entity, ed.document
		FROM entity_documents ed JOIN documents d ON d.id = ed.document
		WHERE 1 = 1`+filter+`
		ORDER BY d.seq`, args, func(rows *sql.Rows) error {
		var id, doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return err
		}
		e := byID[id]
		e.Documents = append(e.Documents, doc)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entity documents: %w", err)
	}

	filter, args = only("m.entity")
	err = eachRow(ctx, tx, `
		SELECT m.entity, `+mentionColumnsJoined+`
		FROM mentions m JOIN documents d ON d.id = m.document
		WHERE m.entity IS NOT NULL`+filter+`
		ORDER BY d.seq, m.idx`, args, func(rows *sql.Rows) error {
		var id string
		var m dossier.Mention
		if err := rows.Scan(append([]any{&id}, mentionDest(&m)...)...); err != nil {
			return err
		}
		e := byID[id]
		e.Mentions = append(e.Mentions, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entity mentions: %w", err)
	}

	filter, args = only("ec.entity")
	err = eachRow(ctx, tx, `
		SELECT ec.entity, c.id, c.document, c.start, c."end", `+claimQuoteJoined+`
		FROM entity_claims ec
		JOIN claims c ON c.id = ec.claim
		JOIN documents d ON d.id = c.document
		WHERE 1 = 1`+filter+`
		ORDER BY d.seq, c.start, c."end", c.id`, args, func(rows *sql.Rows) error {
		var id string
		var c dossier.Claim
		if err := rows.Scan(&id, &c.ID, &c.Document, &c.Start, &c.End, &c.Quote); err != nil {
			return err
		}
		e := byID[id]
		e.Claims = append(e.Claims, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load entity claims: %w", err)
	}
	return ents, nil
}

// eachRow runs query and calls fn on each row.
func eachRow(ctx context.Context, tx *sql.Tx, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
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

// fold returns the key under which names are compared: two strings have the
// same key when strings.EqualFold says they are equal. Each rune becomes the
// lower case of the smallest rune in its simple case folding orbit, so that
// 'Σ', 'σ' and 'ς' all become 'σ', and 'K', 'k' and the Kelvin sign U+212A become 'k'.
// SQLite's lower() cannot do this: it only folds ASCII.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		lo := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			lo = min(lo, f)
		}
		b.WriteRune(unicode.ToLower(lo))
	}
	return b.String()
}

// mentionsOf is the entities.mentions of e: its mentions, nationalities
// aside (as its alias counts count them).
func mentionsOf(e *dossier.Entity) int {
	n := 0
	for _, m := range e.Mentions {
		if m.Type != dossier.Nationality {
			n++
		}
	}
	return n
}
