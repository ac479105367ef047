package sqlite

// Bounded reads of facts: events, relations and attributes a page at a
// time, the network's heaviest edges and the map's busiest places.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/dossier-osint/dossier"
)

// eventColumns are the columns of events e that scanEvent reads.
const eventColumns = `e.id, e.type, e.subtype, e.date, e.place, e.target_type, e.claimed_via, e.summary, e.lists`

// scanEvent reads an event from eventColumns and extra destinations.
func scanEvent(rows *sql.Rows, extra ...any) (*dossier.Event, error) {
	e := new(dossier.Event)
	var lists string
	dest := append([]any{&e.ID, &e.Type, &e.Subtype, &e.Date, &e.Place, &e.TargetType, &e.ClaimedVia, &e.Summary, &lists}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	var l eventLists
	if err := json.Unmarshal([]byte(lists), &l); err != nil {
		return nil, fmt.Errorf("event %s: %w", e.ID, err)
	}
	e.Perpetrators, e.Targets, e.Claimants = l.Perpetrators, l.Targets, l.Claimants
	e.PerpetratorDescriptions = l.Described
	e.TargetDescriptions = l.Aimed
	e.Killed, e.Injured, e.Arrested, e.Documents, e.Claims = l.Killed, l.Injured, l.Arrested, l.Documents, l.Claims
	e.Kidnapped = l.Kidnapped
	return e, nil
}

// eventFilter is the condition on events e that q's filters make, with
// the timeline's date semantics (see dossier.EventQuery).
func eventFilter(q dossier.EventQuery) (string, []any) { return eventFilterProbing(q, false) }

// eventFilterProbing is eventFilter; with probe, an actor's events are
// probed event by event rather than gathered first: an actor of
// thousands of events fills a page from the first events the date index
// gives, where gathering them all would cost thousands of rows a page (a
// rare actor's few events are cheaper gathered).
func eventFilterProbing(q dossier.EventQuery, probe bool) (string, []any) {
	var conds []string
	var args []any
	if q.Type != "" {
		conds, args = append(conds, "e.type = ?"), append(args, q.Type)
	}
	switch {
	case q.Actor != "" && probe:
		conds, args = append(conds, "EXISTS (SELECT 1 FROM event_entities x WHERE x.event = e.id AND x.entity = ?)"), append(args, q.Actor)
	case q.Actor != "":
		conds, args = append(conds, "e.id IN (SELECT event FROM event_entities WHERE entity = ?)"), append(args, q.Actor)
	}
	if q.From != "" {
		conds = append(conds, "e.date <> '' AND (e.date >= ? OR substr(?, 1, length(e.date)) = e.date)")
		args = append(args, q.From, q.From)
	}
	if q.To != "" {
		conds = append(conds, "e.date <> '' AND (e.date <= ? OR substr(e.date, 1, length(?)) = ?)")
		args = append(args, q.To, q.To, q.To)
	}
	return where(conds), args
}

// probeActorsAbove is how many events an actor has before EventPage
// probes for them rather than gathering them (eventFilterProbing).
const probeActorsAbove = 500

// EventPage returns a page of events. Oldest first is two ranges of the
// index on (date, ord, id): the dated events, then the undated ones (""
// sorts first, and an index on an expression would not serve a keyset);
// newest first is one range read backwards, where "" comes last anyway.
func (db *DB) EventPage(ctx context.Context, q dossier.EventQuery) (*dossier.Page[*dossier.Event], error) {
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	list, n := "events:oldest", 4 // undated (0 or 1), date, ord, id
	if q.Newest {
		list, n = "events:newest", 3
	}
	key, err := readCursor(list, q.Cursor, n)
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("event page: %w", err)
	}
	defer tx.Rollback()
	page := &dossier.Page[*dossier.Event]{Items: []*dossier.Event{}}
	// An actor's events are counted on the actor's index alone.
	actorEvents := 0
	if q.Actor != "" {
		if actorEvents, err = countRows(ctx, tx, `SELECT count(DISTINCT event) FROM event_entities WHERE entity = ?`, q.Actor); err != nil {
			return nil, fmt.Errorf("event page: %w", err)
		}
	}
	filter, fargs := eventFilterProbing(q, actorEvents > probeActorsAbove)
	switch {
	case q.Actor != "" && q.Type == "" && q.From == "" && q.To == "":
		page.Total = actorEvents
	case q.Actor == "" && q.Type == "" && q.From == "" && q.To == "":
		// Every event: the count the triggers keep (migration 0015).
		page.Total, err = countRows(ctx, tx, `SELECT n FROM counts WHERE name = 'events'`)
	default:
		page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM events e WHERE `+filter, fargs...)
	}
	if err != nil {
		return nil, fmt.Errorf("event page: %w", err)
	}
	var ords []float64
	read := func(cond string, cols []keyCol, key []any, max int) error {
		args := slices.Clone(fargs)
		if key != nil {
			c, kargs := after(cols, key)
			cond += " AND " + c
			args = append(args, kargs...)
		}
		return eachRow(ctx, tx, `SELECT `+eventColumns+`, e.ord FROM events e WHERE `+filter+` AND `+cond+`
			ORDER BY `+orderBy(cols)+` LIMIT ?`, append(args, max), func(rows *sql.Rows) error {
			var ord float64
			e, err := scanEvent(rows, &ord)
			if err != nil {
				return err
			}
			page.Items = append(page.Items, e)
			ords = append(ords, ord)
			return nil
		})
	}
	dated := []keyCol{{"e.date", false}, {"e.ord", false}, {"e.id", false}}
	undated := []keyCol{{"e.ord", false}, {"e.id", false}}
	switch {
	case q.Newest:
		err = read("1 = 1", []keyCol{{"e.date", true}, {"e.ord", true}, {"e.id", true}}, key, limit+1)
	case key != nil && key[0] == int64(1):
		err = read("e.date = ''", undated, key[2:], limit+1)
	default:
		var k []any
		if key != nil {
			k = key[1:]
		}
		if err = read("e.date <> ''", dated, k, limit+1); err == nil && len(page.Items) <= limit {
			err = read("e.date = ''", undated, nil, limit+1-len(page.Items))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("event page: %w", err)
	}
	if len(page.Items) > limit {
		e := page.Items[limit-1]
		if q.Newest {
			page.Next = makeCursor(list, e.Date, ords[limit-1], e.ID)
		} else {
			undated := int64(0)
			if e.Date == "" {
				undated = 1
			}
			page.Next = makeCursor(list, undated, e.Date, ords[limit-1], e.ID)
		}
		page.Items = page.Items[:limit]
	}
	return page, nil
}

// EventYears counts the selected events by year.
func (db *DB) EventYears(ctx context.Context, q dossier.EventQuery) ([]dossier.Bucket, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("event years: %w", err)
	}
	defer tx.Rollback()
	filter, args := eventFilter(q)
	out := []dossier.Bucket{}
	if q.Type == "" && q.Actor == "" && q.From == "" && q.To == "" {
		// Every event: the counts the triggers keep (migration 0015).
		err = eachRow(ctx, tx, `SELECT substr(name, 8) AS y, n FROM counts WHERE name >= 'events:' AND name < 'events;' AND n > 0
			ORDER BY y = 'undated', y`, nil, func(rows *sql.Rows) error {
			var b dossier.Bucket
			if err := rows.Scan(&b.Key, &b.Count); err != nil {
				return err
			}
			out = append(out, b)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("event years: %w", err)
		}
		return out, nil
	}
	err = eachRow(ctx, tx, `SELECT y, count(*) FROM (
			SELECT CASE WHEN e.date = '' THEN 'undated' ELSE substr(e.date, 1, 4) END AS y FROM events e WHERE `+filter+`)
		GROUP BY y ORDER BY y = 'undated', y`, args, func(rows *sql.Rows) error {
		var b dossier.Bucket
		if err := rows.Scan(&b.Key, &b.Count); err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("event years: %w", err)
	}
	return out, nil
}

// EventsByID returns the events with those IDs, in the order
// ReplaceFacts was given them.
func (db *DB) EventsByID(ctx context.Context, ids []string) ([]*dossier.Event, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("events by id: %w", err)
	}
	defer tx.Rollback()
	out := []*dossier.Event{}
	err = eachRow(ctx, tx, `SELECT `+eventColumns+` FROM events e WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.ord`,
		[]any{idsJSON(ids)}, func(rows *sql.Rows) error {
			e, err := scanEvent(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("events by id: %w", err)
	}
	return out, nil
}

// relationKind is the condition on relations r (and its arguments) that
// selects one kind of an entity's relations.
func relationKind(entity, kind string) (string, []any, error) {
	lead := `r.predicate IN (SELECT value FROM json_each(?))`
	leaders := mustJSON(dossier.LeadershipPredicates)
	switch kind {
	case "":
		return `(r.subject = ? OR r.object = ?)`, []any{entity, entity}, nil
	case dossier.LeadershipRelations:
		return `r.object = ? AND ` + lead, []any{entity, leaders}, nil
	case dossier.AreaRelations:
		return `r.subject = ? AND r.predicate = 'operates_in'`, []any{entity}, nil
	case dossier.OtherRelations:
		return `(r.subject = ? OR r.object = ?) AND NOT (r.object = ? AND ` + lead + `)
			AND NOT (r.subject = ? AND r.predicate = 'operates_in')`, []any{entity, entity, entity, leaders, entity}, nil
	}
	return "", nil, dossier.Errorf(dossier.EINVALID, "unknown kind of relation %q (have: %s, %s, %s)", kind,
		dossier.LeadershipRelations, dossier.AreaRelations, dossier.OtherRelations)
}

// relationColumns are the columns of relations r that scanRelation reads.
const relationColumns = `r.id, r.subject, r.predicate, r.object, r.start, r."end", r.documents, r.claims`

func scanRelation(rows *sql.Rows, extra ...any) (*dossier.Relation, error) {
	r := new(dossier.Relation)
	var docs, claims string
	if err := rows.Scan(append([]any{&r.ID, &r.Subject, &r.Predicate, &r.Object, &r.Start, &r.End, &docs, &claims}, extra...)...); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(docs), &r.Documents); err != nil {
		return nil, fmt.Errorf("relation %s: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(claims), &r.Claims); err != nil {
		return nil, fmt.Errorf("relation %s: %w", r.ID, err)
	}
	return r, nil
}

// RelationPage returns a page of one entity's relations, in the order
// ReplaceFacts was given them (rowid, which the indexes on subject and on
// object carry).
func (db *DB) RelationPage(ctx context.Context, q dossier.RelationQuery) (*dossier.Page[*dossier.Relation], error) {
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	if q.Entity == "" {
		return nil, dossier.Errorf(dossier.EINVALID, "relations: no entity given")
	}
	cond, args, err := relationKind(q.Entity, q.Kind)
	if err != nil {
		return nil, err
	}
	list := "relations:" + q.Kind
	key, err := readCursor(list, q.Cursor, 1)
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", q.Entity, err)
	}
	defer tx.Rollback()
	page := &dossier.Page[*dossier.Relation]{Items: []*dossier.Relation{}}
	if page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM relations r WHERE `+cond, args...); err != nil {
		return nil, fmt.Errorf("relations of %s: %w", q.Entity, err)
	}
	if key != nil {
		cond += " AND r.rowid > ?"
		args = append(args, key[0])
	}
	var rowids []int64
	err = eachRow(ctx, tx, `SELECT `+relationColumns+`, r.rowid FROM relations r WHERE `+cond+` ORDER BY r.rowid LIMIT ?`,
		append(args, limit+1), func(rows *sql.Rows) error {
			var rowid int64
			r, err := scanRelation(rows, &rowid)
			if err != nil {
				return err
			}
			page.Items = append(page.Items, r)
			rowids = append(rowids, rowid)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", q.Entity, err)
	}
	if len(page.Items) > limit {
		page.Next = makeCursor(list, rowids[limit-1])
		page.Items = page.Items[:limit]
	}
	return page, nil
}

// AttributePage returns a page of one entity's attributes.
func (db *DB) AttributePage(ctx context.Context, q dossier.AttributeQuery) (*dossier.Page[*dossier.Attribute], error) {
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	const list = "attributes"
	key, err := readCursor(list, q.Cursor, 1)
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("attributes of %s: %w", q.Entity, err)
	}
	defer tx.Rollback()
	cond, args := "entity = ?", []any{q.Entity}
	if q.Name != "" {
		cond, args = cond+" AND name = ?", append(args, q.Name)
	}
	page := &dossier.Page[*dossier.Attribute]{Items: []*dossier.Attribute{}}
	if page.Total, err = countRows(ctx, tx, `SELECT count(*) FROM attributes WHERE `+cond, args...); err != nil {
		return nil, fmt.Errorf("attributes of %s: %w", q.Entity, err)
	}
	if key != nil {
		cond, args = cond+" AND rowid > ?", append(args, key[0])
	}
	var rowids []int64
	err = eachRow(ctx, tx, `SELECT id, entity, name, value, quantity, as_of, by_whom, document, claim, rowid
		FROM attributes WHERE `+cond+` ORDER BY rowid LIMIT ?`, append(args, limit+1), func(rows *sql.Rows) error {
		var rowid int64
		a, err := scanAttribute(rows, &rowid)
		if err != nil {
			return err
		}
		page.Items = append(page.Items, a)
		rowids = append(rowids, rowid)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attributes of %s: %w", q.Entity, err)
	}
	if len(page.Items) > limit {
		page.Next = makeCursor(list, rowids[limit-1])
		page.Items = page.Items[:limit]
	}
	return page, nil
}

// scanAttribute reads an attribute's columns (id, entity, name, value,
// quantity, as_of, by_whom, document, claim) and extra destinations.
func scanAttribute(rows *sql.Rows, extra ...any) (*dossier.Attribute, error) {
	a := new(dossier.Attribute)
	var q sql.NullString
	if err := rows.Scan(append([]any{&a.ID, &a.Entity, &a.Name, &a.Value, &q, &a.AsOf, &a.By, &a.Document, &a.Claim}, extra...)...); err != nil {
		return nil, err
	}
	if q.Valid {
		a.Quantity = new(dossier.Quantity)
		if err := json.Unmarshal([]byte(q.String), a.Quantity); err != nil {
			return nil, fmt.Errorf("attribute %s: %w", a.ID, err)
		}
	}
	return a, nil
}

// AttributeNames counts an entity's attributes by name.
func (db *DB) AttributeNames(ctx context.Context, entity string) ([]dossier.Bucket, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("attributes of %s: %w", entity, err)
	}
	defer tx.Rollback()
	out := []dossier.Bucket{}
	err = eachRow(ctx, tx, `SELECT name, count(*) FROM attributes WHERE entity = ? GROUP BY name ORDER BY min(rowid)`,
		[]any{entity}, func(rows *sql.Rows) error {
			var b dossier.Bucket
			if err := rows.Scan(&b.Key, &b.Count); err != nil {
				return err
			}
			out = append(out, b)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("attributes of %s: %w", entity, err)
	}
	return out, nil
}

// Graph returns the heaviest edges of the network: relations grouped by
// the pair of entities they join, weighed by their claims. One pass over
// the relations (those touching Center) groups them, counts the groups
// and keeps the top; the predicates are then read for those pairs only.
func (db *DB) Graph(ctx context.Context, q dossier.GraphQuery) ([]dossier.GraphEdge, int, error) {
	limit, err := aggregateLimit(q.Limit)
	if err != nil {
		return nil, 0, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("graph: %w", err)
	}
	defer tx.Rollback()
	cond, args := "r.subject <> r.object", []any{}
	if q.Center != "" {
		cond, args = cond+" AND (r.subject = ? OR r.object = ?)", []any{q.Center, q.Center}
	}
	edges := []dossier.GraphEdge{}
	total := 0
	err = eachRow(ctx, tx, `SELECT t.n, t.w, t.total, f.id, f.subject, f.object FROM (
			SELECT min(r.subject, r.object) AS a, max(r.subject, r.object) AS b, count(*) AS n,
				sum(json_array_length(r.claims)) AS w, min(r.rowid) AS first, count(*) OVER () AS total
			FROM relations r WHERE `+cond+` GROUP BY a, b ORDER BY w DESC, n DESC, first LIMIT ?) t
		JOIN relations f ON f.rowid = t.first ORDER BY t.w DESC, t.n DESC, t.first`, append(args, limit),
		func(rows *sql.Rows) error {
			var e dossier.GraphEdge
			if err := rows.Scan(&e.Relations, &e.Claims, &total, &e.Relation, &e.Subject, &e.Object); err != nil {
				return err
			}
			edges = append(edges, e)
			return nil
		})
	if err != nil {
		return nil, 0, fmt.Errorf("graph: %w", err)
	}
	type pair struct{ a, b string }
	at := map[pair]int{}
	var ends []string
	for i, e := range edges {
		at[pair{min(e.Subject, e.Object), max(e.Subject, e.Object)}] = i
		ends = append(ends, e.Subject, e.Object)
	}
	err = eachRow(ctx, tx, `SELECT DISTINCT min(r.subject, r.object), max(r.subject, r.object), r.predicate FROM relations r
		WHERE r.subject IN (SELECT value FROM json_each(?1)) AND r.object IN (SELECT value FROM json_each(?1)) AND r.subject <> r.object`,
		[]any{idsJSON(ends)}, func(rows *sql.Rows) error {
			var p pair
			var pred string
			if err := rows.Scan(&p.a, &p.b, &pred); err != nil {
				return err
			}
			if i, ok := at[p]; ok {
				edges[i].Predicates = append(edges[i].Predicates, pred)
			}
			return nil
		})
	if err != nil {
		return nil, 0, fmt.Errorf("graph: predicates: %w", err)
	}
	for i := range edges {
		slices.Sort(edges[i].Predicates)
	}
	return edges, total, nil
}

// aggregateLimit checks the limit of a grouped read (graph, map), which
// has no cursor: 0 is dossier.DefaultLimit.
func aggregateLimit(n int) (int, error) {
	if n == 0 {
		return dossier.DefaultLimit, nil
	}
	return pageLimit(n)
}

// maxKilled is the largest figure any source gives for the killed of
// event e (a lower bound counts as given), read from its lists.
const maxKilled = `coalesce((SELECT max(max(coalesce(json_extract(k.value, '$.Min'), 0), coalesce(json_extract(k.value, '$.Max'), 0)))
	FROM json_each(e.lists, '$.killed') k), 0)`

// MapPoints groups the selected events by geocoded place, the busiest
// places first. One pass groups the events by place and counts what the
// map leaves out; the death tolls are read for the places shown only.
func (db *DB) MapPoints(ctx context.Context, q dossier.MapQuery) (*dossier.MapPoints, error) {
	limit, err := aggregateLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	defer tx.Rollback()
	filter, args := eventFilter(q.EventQuery)
	m := &dossier.MapPoints{Points: []dossier.MapPoint{}}
	all := 0
	at := map[string]int{}
	err = eachRow(ctx, tx, `WITH g AS (
			SELECT e.place, count(*) AS n, max(e.id) AS one FROM events e WHERE `+filter+` GROUP BY e.place),
		l AS (SELECT g.*, p.id IS NOT NULL AS located FROM g LEFT JOIN entities p ON p.id = g.place AND p.place IS NOT NULL)
		SELECT place, n, one, located, sum(n) OVER (), sum(located * n) OVER (), sum(located) OVER ()
		FROM l ORDER BY located DESC, n DESC, place LIMIT ?`, append(args, limit), func(rows *sql.Rows) error {
		var p dossier.MapPoint
		var located bool
		if err := rows.Scan(&p.Place, &p.Events, &p.Event, &located, &all, &m.Located, &m.Places); err != nil {
			return err
		}
		if located {
			if p.Events > 1 {
				p.Event = ""
			}
			at[p.Place] = len(m.Points)
			m.Points = append(m.Points, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	m.Unlocated = all - m.Located
	places := make([]string, len(m.Points))
	for i, p := range m.Points {
		places[i] = p.Place
	}
	err = eachRow(ctx, tx, `SELECT e.place, max(`+maxKilled+`) FROM events e
		WHERE `+filter+` AND e.place IN (SELECT value FROM json_each(?)) GROUP BY e.place`, append(slices.Clone(args), idsJSON(places)),
		func(rows *sql.Rows) error {
			var place string
			var k int
			if err := rows.Scan(&place, &k); err != nil {
				return err
			}
			m.Points[at[place]].MaxKilled = k
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("map: tolls: %w", err)
	}
	return m, nil
}

// ClaimsByID returns the claims with those IDs, in document order.
func (db *DB) ClaimsByID(ctx context.Context, ids []string) ([]dossier.Claim, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("claims by id: %w", err)
	}
	defer tx.Rollback()
	out := []dossier.Claim{}
	err = eachRow(ctx, tx, `SELECT c.id, c.document, c.start, c."end", `+claimQuote+` FROM claims c
		WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.document, c.start, c.id`, []any{idsJSON(ids)},
		func(rows *sql.Rows) error {
			var c dossier.Claim
			if err := rows.Scan(&c.ID, &c.Document, &c.Start, &c.End, &c.Quote); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("claims by id: %w", err)
	}
	return out, nil
}

// CitedBy says which events, relations and attributes cite each claim,
// by the indexes on their claims (migration 0012).
func (db *DB) CitedBy(ctx context.Context, claims []string) (map[string][]string, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("cited by: %w", err)
	}
	defer tx.Rollback()
	out := map[string][]string{}
	arg := []any{idsJSON(claims)}
	for _, q := range []string{
		`SELECT c.claim, 'event ' || c.event FROM event_claims c JOIN events e ON e.id = c.event
			WHERE c.claim IN (SELECT value FROM json_each(?)) ORDER BY e.ord`,
		`SELECT c.claim, 'relation ' || c.relation FROM relation_claims c JOIN relations r ON r.id = c.relation
			WHERE c.claim IN (SELECT value FROM json_each(?)) ORDER BY r.rowid`,
		`SELECT claim, 'attribute ' || id FROM attributes WHERE claim IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
	} {
		err := eachRow(ctx, tx, q, arg, func(rows *sql.Rows) error {
			var c, by string
			if err := rows.Scan(&c, &by); err != nil {
				return err
			}
			out[c] = append(out[c], by)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("cited by: %w", err)
		}
	}
	return out, nil
}
