package http

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-osint/dossier"
)

// DocMeta is a document's metadata as pages show it.
type DocMeta struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	Outlet     string    `json:"outlet"`
	Authors    []string  `json:"authors"`
	Published  string    `json:"published"`
	Source     string    `json:"source"`
	Format     string    `json:"format"`
	URL        string    `json:"url"`
	Link       string    `json:"-"` // URL when it is http(s), for an <a href>
	IngestedAt time.Time `json:"ingested_at"`
	Label      string    `json:"label"`
}

func docMeta(d *dossier.Document) DocMeta {
	m := DocMeta{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Authors: d.Authors, Published: d.Published,
		Source: d.Source, Format: d.Format, URL: d.URL, IngestedAt: d.IngestedAt, Label: sourceLabel(d)}
	if m.Authors == nil {
		m.Authors = []string{}
	}
	// Only web addresses become links: a "javascript:" or "data:" URL
	// from a hostile document stays text.
	if u, err := url.Parse(d.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		m.Link = u.String()
	}
	return m
}

// Reader is the source reader: a document's cleaned text with its
// mentions and claims, and the span to highlight.
type Reader struct {
	Document  DocMeta               `json:"document"`
	Stats     dossier.DocumentStats `json:"stats"`
	Text      string                `json:"text"`
	Mentions  []ReaderMention       `json:"mentions"`
	Claims    []ReaderClaim         `json:"claims"`
	Highlight *dossier.Span         `json:"highlight,omitempty"`
	// Pieces are Text cut where any span starts or ends, for the page.
	Pieces []Piece `json:"-"`
}

// ReaderMention is a mention with the entity it belongs to.
type ReaderMention struct {
	Start  int                `json:"start"`
	End    int                `json:"end"`
	Text   string             `json:"text"`
	Type   dossier.EntityType `json:"type"`
	Entity *Ref               `json:"entity"`
}

// ReaderClaim is a claim quoting the document and what cites it.
type ReaderClaim struct {
	ID      string   `json:"id"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	CitedBy []string `json:"cited_by"` // "event ev1", "relation r1", "attribute a1"
}

// Piece is a run of text with the same highlights.
type Piece struct {
	Text  string
	Class string // "m m-group c cf hl" ...
	Href  string // the mention's entity page
	Title string
	ID    string // "hl" on the first highlighted piece: the scroll target
}

// parseSpan reads "start-end" (code points).
func parseSpan(s string) (*dossier.Span, error) {
	a, b, ok := strings.Cut(s, "-")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || start < 0 || end < start {
		return nil, dossier.Errorf(dossier.EINVALID, "hl=%q is not a span START-END", s)
	}
	return &dossier.Span{Start: start, End: end}, nil
}

// buildReader reads one document with its mentions and claims, the
// entities those mentions name and what cites each claim: lookups by the
// document and by ID, nothing of the rest of the store.
func buildReader(ctx context.Context, st dossier.Store, pg dossier.Pages, id string, hl *dossier.Span) (*Reader, error) {
	doc, err := st.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	ms, err := st.DocumentMentions(ctx, id)
	if err != nil {
		return nil, err
	}
	cs, err := st.DocumentClaims(ctx, id)
	if err != nil {
		return nil, err
	}
	stats, err := pg.DocumentStatsFor(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	n := newNeeds()
	for _, m := range ms {
		n.entity(m.Entity)
	}
	ents, err := pg.EntitySummaries(ctx, keys(n.ents))
	if err != nil {
		return nil, err
	}
	w := &world{entByID: map[string]*dossier.EntitySummary{}}
	for i := range ents {
		w.entByID[ents[i].ID] = &ents[i]
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	citedBy, err := pg.CitedBy(ctx, ids)
	if err != nil {
		return nil, err
	}
	r := &Reader{Document: docMeta(doc), Stats: stats[id], Text: doc.Text, Mentions: []ReaderMention{}, Claims: []ReaderClaim{}, Highlight: hl}
	for _, m := range ms {
		rm := ReaderMention{Start: m.Start, End: m.End, Text: m.Text, Type: m.Type}
		if m.Entity != "" {
			ref := w.ref(m.Entity)
			rm.Entity = &ref
		}
		r.Mentions = append(r.Mentions, rm)
	}
	for _, c := range cs {
		cb := citedBy[c.ID]
		if cb == nil {
			cb = []string{}
		}
		r.Claims = append(r.Claims, ReaderClaim{ID: c.ID, Start: c.Start, End: c.End, CitedBy: cb})
	}
	r.Pieces = pieces([]rune(doc.Text), r.Mentions, r.Claims, hl)
	return r, nil
}

// pieces cuts text at every boundary of a mention, claim or the highlight
// and gives each run its classes. Spans may overlap in any way (a claim
// boundary inside a mention, two mentions over one word); a run belongs
// to the first mention that covers it. Spans outside the text are
// clipped.
func pieces(text []rune, ms []ReaderMention, cs []ReaderClaim, hl *dossier.Span) []Piece {
	n := len(text)
	clip := func(x int) int { return max(0, min(x, n)) }
	cuts := map[int]bool{0: true, n: true}
	for _, m := range ms {
		cuts[clip(m.Start)], cuts[clip(m.End)] = true, true
	}
	for _, c := range cs {
		cuts[clip(c.Start)], cuts[clip(c.End)] = true, true
	}
	if hl != nil {
		cuts[clip(hl.Start)], cuts[clip(hl.End)] = true, true
	}
	at := make([]int, 0, len(cuts))
	for x := range cuts {
		at = append(at, x)
	}
	sort.Ints(at)

	// Sweep: spans are sorted by start, and each run looks only at the
	// spans that have started; those that ended are dropped as it goes.
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	var out []Piece
	mi, ci := 0, 0
	var openM []ReaderMention
	var openC []ReaderClaim
	firstHL := true
	for k := 0; k+1 < len(at); k++ {
		a, b := at[k], at[k+1]
		if a == b {
			continue
		}
		for mi < len(ms) && ms[mi].Start <= a {
			openM = append(openM, ms[mi])
			mi++
		}
		for ci < len(cs) && cs[ci].Start <= a {
			openC = append(openC, cs[ci])
			ci++
		}
		openM = keepOpen(openM, a, func(m ReaderMention) int { return m.End })
		openC = keepOpen(openC, a, func(c ReaderClaim) int { return c.End })

		p := Piece{Text: string(text[a:b])}
		var cls []string
		if len(openM) > 0 {
			m := openM[0]
			cls = append(cls, "m", "m-"+string(m.Type))
			if m.Entity != nil {
				p.Href = "/entities/" + url.PathEscape(m.Entity.ID)
				p.Title = fmt.Sprintf("%s: %s", m.Type, m.Entity.Name)
			} else {
				p.Title = fmt.Sprintf("%s (not resolved)", m.Type)
			}
		}
		if len(openC) > 0 {
			cls = append(cls, "c")
			for _, c := range openC {
				if len(c.CitedBy) > 0 {
					cls = append(cls, "cf")
					if p.Title == "" {
						p.Title = "cited by " + strings.Join(c.CitedBy, ", ")
					}
					break
				}
			}
		}
		if hl != nil && a >= hl.Start && b <= hl.End && hl.End > hl.Start {
			cls = append(cls, "hl")
			if firstHL {
				p.ID, firstHL = "hl", false
			}
		}
		p.Class = strings.Join(cls, " ")
		out = append(out, p)
	}
	// A highlight that covers no text (an empty or out-of-range span)
	// still gets its anchor, so that #hl does not fail silently.
	if hl != nil && firstHL {
		out = append([]Piece{{ID: "hl"}}, out...)
	}
	return out
}

func keepOpen[T any](open []T, at int, end func(T) int) []T {
	kept := open[:0]
	for _, s := range open {
		if end(s) > at {
			kept = append(kept, s)
		}
	}
	return kept
}
