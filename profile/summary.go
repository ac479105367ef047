package profile

import (
	"context"
	"fmt"
	"sort"

	"github.com/dossier-osint/dossier"
)

// Top is how many entries each section of a summary shows at most.
const Top = 20

// Totals is how many entries each section of a summary has in all; the
// section shows at most Top of them.
type Totals struct {
	Aliases    int `json:"aliases"`
	Documents  int `json:"documents"`
	Sentences  int `json:"sentences"`
	Events     int `json:"events"`
	Leadership int `json:"leadership"`
	Areas      int `json:"areas"`
	Relations  int `json:"relations"`

	shownDocuments int // the most recent documents listed for themselves
}

// Summary finds the entity named name as Build does and builds a summary
// of its profile from bounded reads: its Top most used names, the Top
// most recently published documents that mention it with a few sentences
// from each, its Top most recent events and the first Top relations of
// each kind and statements of each fact, with Totals saying how many
// there are in all. What it reads does not grow with the store, only with
// Top. Errors: ENOTFOUND.
func Summary(ctx context.Context, pg dossier.Pages, name string) (*Profile, error) {
	ents, err := pg.EntitiesNamed(ctx, name, Top+1)
	if err != nil {
		return nil, err
	}
	id := ents[0].ID
	card, err := pg.EntityCard(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	p := &Profile{ID: card.ID, Name: card.Name, Type: card.Type, Reason: card.Reason}
	for _, o := range ents[1:] {
		p.Others = append(p.Others, Other{o.ID, o.Name, o.Type, o.Mentions})
	}
	top := dossier.PageRequest{Limit: Top}
	aliases, err := pg.EntityAliases(ctx, id, top)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	docs, err := pg.EntityDocuments(ctx, id, top)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	ids := make([]string, len(docs.Items))
	for i, d := range docs.Items {
		ids[i] = d.ID
	}
	forms, err := pg.MentionForms(ctx, id, ids)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	quotes, err := pg.EntityQuotes(ctx, id, ids, max(1, Top/max(1, len(ids))))
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}

	// Number the documents oldest first, undated last, then by source,
	// as Build does.
	shown := docs.Items
	sort.SliceStable(shown, func(i, j int) bool {
		a, b := shown[i], shown[j]
		if (a.Published == "") != (b.Published == "") {
			return a.Published != ""
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		return a.Source < b.Source
	})
	byID := map[string]*dossier.Document{}
	num := map[string]int{}
	for i, d := range shown {
		byID[d.ID], num[d.ID] = d.Document, i+1
		p.Documents = append(p.Documents, Source{N: i + 1, ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published,
			Source: d.Source, Mentions: d.Mentions})
	}
	where := map[string][]int{}
	for _, f := range forms {
		where[f.Text] = append(where[f.Text], num[f.Document])
	}
	for _, a := range aliases.Items {
		ds := where[a.Name]
		sort.Ints(ds)
		p.Aliases = append(p.Aliases, Alias{Name: a.Name, Count: a.Count, Documents: ds})
	}
	for _, c := range quotes {
		p.Sentences = append(p.Sentences, Sentence{Quote: c.Quote, Document: num[c.Document], Claim: c.ID, Start: c.Start, End: c.End})
	}
	sort.SliceStable(p.Sentences, func(i, j int) bool {
		a, b := p.Sentences[i], p.Sentences[j]
		if a.Document != b.Document {
			return a.Document < b.Document
		}
		return a.Start < b.Start
	})

	f, totals, err := summaryFacts(ctx, pg, id)
	if err != nil {
		return nil, err
	}
	names, err := factNames(ctx, pg, f, byID)
	if err != nil {
		return nil, err
	}
	p.addFacts(f, names, byID, num)
	totals.Aliases, totals.Documents, totals.Sentences = aliases.Total, docs.Total, card.Claims
	totals.shownDocuments = len(shown)
	p.Totals = totals
	return p, nil
}

// summaryFacts reads the facts a summary shows: the Top most recent
// events of the entity, the first Top relations of each kind, the first
// Top statements of each of its attributes, the reported deaths of its
// leaders and founders, and the claims they all cite.
func summaryFacts(ctx context.Context, pg dossier.Pages, id string) (*dossier.Facts, *Totals, error) {
	top := dossier.PageRequest{Limit: Top}
	f := &dossier.Facts{}
	t := &Totals{}
	events, err := pg.EventPage(ctx, dossier.EventQuery{Actor: id, Newest: true, PageRequest: top})
	if err != nil {
		return nil, nil, fmt.Errorf("profile: %w", err)
	}
	f.Events, t.Events = events.Items, events.Total
	for _, k := range []struct {
		kind  string
		total *int
	}{{dossier.LeadershipRelations, &t.Leadership}, {dossier.AreaRelations, &t.Areas}, {dossier.OtherRelations, &t.Relations}} {
		page, err := pg.RelationPage(ctx, dossier.RelationQuery{Entity: id, Kind: k.kind, PageRequest: top})
		if err != nil {
			return nil, nil, fmt.Errorf("profile: %w", err)
		}
		f.Relations, *k.total = append(f.Relations, page.Items...), page.Total
	}
	names, err := pg.AttributeNames(ctx, id)
	if err != nil {
		return nil, nil, fmt.Errorf("profile: %w", err)
	}
	for _, b := range names {
		page, err := pg.AttributePage(ctx, dossier.AttributeQuery{Entity: id, Name: b.Key, PageRequest: top})
		if err != nil {
			return nil, nil, fmt.Errorf("profile: %w", err)
		}
		f.Attributes = append(f.Attributes, page.Items...)
	}
	// A leader's reported death ends the role (see addFacts).
	seen := map[string]bool{id: true}
	for _, r := range f.Relations {
		other := r.Subject
		if r.Predicate == "founded_by" {
			other = r.Object
		} else if _, lead := leadership[r.Predicate]; !lead || r.Object != id {
			continue
		}
		if seen[other] {
			continue
		}
		seen[other] = true
		page, err := pg.AttributePage(ctx, dossier.AttributeQuery{Entity: other, Name: "died", PageRequest: top})
		if err != nil {
			return nil, nil, fmt.Errorf("profile: %w", err)
		}
		f.Attributes = append(f.Attributes, page.Items...)
	}
	var claims []string
	for _, e := range f.Events {
		claims = append(claims, e.Claims...)
		for _, qs := range [][]dossier.Quantity{e.Killed, e.Injured, e.Arrested, e.Kidnapped} {
			for _, q := range qs {
				claims = append(claims, q.Claim)
			}
		}
	}
	for _, r := range f.Relations {
		claims = append(claims, r.Claims...)
	}
	for _, a := range f.Attributes {
		claims = append(claims, a.Claim)
	}
	if f.Claims, err = pg.ClaimsByID(ctx, claims); err != nil {
		return nil, nil, fmt.Errorf("profile: %w", err)
	}
	return f, t, nil
}

// factNames reads the names of the entities the facts name and adds the
// metadata of the documents they cite to byID.
func factNames(ctx context.Context, pg dossier.Pages, f *dossier.Facts, byID map[string]*dossier.Document) (map[string]string, error) {
	var ents, docs []string
	for _, e := range f.Events {
		ents = append(append(append(append(ents, e.Perpetrators...), e.Targets...), e.Claimants...), e.Place)
		docs = append(docs, e.Documents...)
		for _, qs := range [][]dossier.Quantity{e.Killed, e.Injured, e.Arrested, e.Kidnapped} {
			for _, q := range qs {
				docs = append(docs, q.Document)
			}
		}
	}
	for _, r := range f.Relations {
		ents = append(ents, r.Subject, r.Object)
		docs = append(docs, r.Documents...)
	}
	for _, a := range f.Attributes {
		docs = append(docs, a.Document)
	}
	for _, c := range f.Claims {
		docs = append(docs, c.Document)
	}
	list, err := pg.EntitySummaries(ctx, ents)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	names := map[string]string{}
	for _, e := range list {
		names[e.ID] = e.Name
	}
	var more []string
	for _, d := range docs {
		if byID[d] == nil {
			more = append(more, d)
		}
	}
	ds, err := pg.DocumentsByID(ctx, more)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	for _, d := range ds {
		byID[d.ID] = d
	}
	return names, nil
}
