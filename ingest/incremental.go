package ingest

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/geo"
	"github.com/dossier-osint/dossier/resolve"
)

// Rebuild re-reads every stored document with the current models (after
// an upgrade): it forgets every entity and fact (ResetResolution, one
// transaction) and resolves the whole store again a batch at a time, as
// Resolve does, in bounded memory and with ResolveProgress called after
// each batch. Decisions and references are kept and applied. A killed
// rebuild is finished by the next Resolve (or ingest), which takes the
// documents still unresolved. A store that is not a dossier.Resolver is
// resolved in full (ResolveAll).
func (p *Pipeline) Rebuild(ctx context.Context) error {
	r, ok := p.Store.(dossier.Resolver)
	if !ok {
		return p.ResolveAll(ctx)
	}
	if err := r.ResetResolution(ctx); err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	return p.Resolve(ctx)
}

// DefaultBatchDocs is how many documents incremental resolution takes at a
// time when Pipeline.BatchDocs is 0.
const DefaultBatchDocs = 1000

// Resolve resolves the documents stored since the last resolution, a
// batch at a time, each batch in proportion to itself and to the
// entities it touches (resolveBatch), whatever the size of the store. A
// store whose entities have no index yet (resolved by an older version,
// or a full resolution that did not finish), or one that does not
// implement dossier.Resolver, is resolved in full (ResolveAll) instead.
// A batch is written in one transaction: a killed resolution leaves the
// batches written so far, and the next one goes on from there.
func (p *Pipeline) Resolve(ctx context.Context) error {
	r, ok := p.Store.(dossier.Resolver)
	if !ok {
		return p.ResolveAll(ctx)
	}
	indexed, err := r.IndexedEntities(ctx)
	if err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	if !indexed {
		return p.ResolveAll(ctx)
	}
	decisions, err := p.Store.Decisions(ctx)
	if err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	size := p.BatchDocs
	if size <= 0 {
		size = DefaultBatchDocs
	}
	total := 0
	if p.ResolveProgress != nil {
		if total, err = r.UnresolvedDocuments(ctx); err != nil {
			return fmt.Errorf("resolve: %w", err)
		}
		p.ResolveProgress(0, total)
	}
	var after int64
	done := 0
	for {
		var mentions []dossier.Mention
		var idx []int
		after, err = r.UnresolvedMentions(ctx, after, size, func(m dossier.Mention, i int) error {
			mentions = append(mentions, m)
			idx = append(idx, i)
			return nil
		})
		if err != nil {
			return fmt.Errorf("resolve: %w", err)
		}
		if len(mentions) == 0 {
			return nil
		}
		if err := p.resolveBatch(ctx, r, mentions, idx, decisions); err != nil {
			return fmt.Errorf("resolve: %w", err)
		}
		if p.ResolveProgress != nil {
			for i, m := range mentions {
				if i == 0 || m.Document != mentions[i-1].Document {
					done++
				}
			}
			p.ResolveProgress(done, max(total, done))
		}
	}
}

// resolveBatch resolves the mentions of a batch of new documents against
// the stored entities:
//   - the entities the batch may belong to are found through the entity
//     index, by the keys the rules link mentions by (knownQuery);
//   - the batch is clustered together with them (resolve.Extend): a
//     cluster that takes in one stored entity extends it under its ID, one
//     that takes in several merges them into the one with most mentions
//     (or the one whose name-derived ID the whole would take), one that
//     takes in none is a new entity;
//   - new places are geocoded with the batch's documents as context;
//     stored ones keep their place;
//   - the batch's documents are read and extracted, and their reports
//     merged into the stored facts;
//   - everything is written in one transaction (dossier.Resolver.ApplyBatch).
func (p *Pipeline) resolveBatch(ctx context.Context, r dossier.Resolver, mentions []dossier.Mention, idx []int, decisions []*dossier.Decision) error {
	resolve.Canonicalize(p.Lexicon, mentions)
	known, err := r.KnownEntities(ctx, knownQuery(mentions, decisions))
	if err != nil {
		return err
	}
	ext := resolve.Extend(p.Lexicon, mentions, known, decisions)
	weight := make(map[string]int, len(known))
	byID := make(map[string]*dossier.KnownEntity, len(known))
	for _, k := range known {
		byID[k.ID] = k
		for _, f := range k.Forms {
			weight[k.ID] += f.Count
		}
	}
	merged := map[string]string{}
	var fresh []*resolve.Extended
	ents := make([]*dossier.Entity, 0, len(ext))
	for _, x := range ext {
		switch len(x.Known) {
		case 0:
			fresh = append(fresh, x)
		default:
			keep := survivor(x, weight)
			for _, k := range x.Known {
				if k != keep {
					merged[k] = keep
				}
			}
			x.ID = keep
		}
		ents = append(ents, x.Entity)
	}
	if err := p.freshIDs(ctx, r, fresh, ents); err != nil {
		return err
	}
	// Places: the batch's new places are read in the batch's context; a
	// stored place keeps its geocode, which a batch does not move.
	geo.Locate(p.Gazetteer, ents)
	for _, x := range ext {
		for _, k := range x.Known {
			if kp := byID[k].Place; kp != nil && (k == x.ID || x.Place == nil) {
				x.Place = kp
			}
		}
	}

	changed, renamed := rowChanges(ext, byID)
	docs, err := extractionInputs(mentions, ents)
	if err != nil {
		return err
	}
	reports, err := extractAll(ctx, &Inputs{Texts: p.Store.Texts}, docs)
	if err != nil {
		return err
	}
	attachClaims(docs)
	next, err := r.NextIncidentOrd(ctx)
	if err != nil {
		return err
	}
	mg := &extract.Merger{
		Lexicon:   p.Lexicon,
		Entities:  func(ids []string) ([]*dossier.Entity, error) { return r.EntityHeads(ctx, ids) },
		Incidents: func(qs []dossier.IncidentQuery) ([]*dossier.Incident, error) { return r.Incidents(ctx, qs) },
		Relations: func(ids []string) ([]*dossier.Relation, error) { return r.RelationsByID(ctx, ids) },
		NextOrd:   next,
	}
	batchReports := make([]*extract.Report, len(docs))
	for i, d := range docs {
		batchReports[i] = d.report
	}
	moved, err := movedRelations(ctx, r, merged)
	if err != nil {
		return err
	}
	facts, err := mg.Merge(batchReports, ents, moved)
	if err != nil {
		return err
	}
	return r.ApplyBatch(ctx, &dossier.Batch{
		Merged: merged, Entities: ents, Links: links(mentions, idx, ents), Changed: changed, Renamed: renamed, Index: resolve.Index(ents), Reports: reports,
		Facts: facts.Facts, RemovedEvents: facts.Removed, RemovedRelations: facts.RemovedRelations, Incidents: facts.Incidents,
	})
}

// links ties each of mentions (idx their indexes) to the entity that
// holds it; mentions at one span go together.
func links(mentions []dossier.Mention, idx []int, ents []*dossier.Entity) []dossier.MentionLink {
	type span struct {
		doc        string
		start, end int
	}
	at := make(map[span][]int, len(mentions))
	for i, m := range mentions {
		k := span{m.Document, m.Start, m.End}
		at[k] = append(at[k], idx[i])
	}
	var out []dossier.MentionLink
	for _, e := range ents {
		for _, m := range e.Mentions {
			k := span{m.Document, m.Start, m.End}
			for _, i := range at[k] {
				out = append(out, dossier.MentionLink{Document: m.Document, Index: i, Entity: e.ID})
			}
			delete(at, k) // a span given twice is one mention to its entity
		}
	}
	return out
}

// knownQuery is what the batch's mentions can link to: their name and
// canonical keys (a bare surname's key links to no stored entity: it
// stays within its document), their transliteration skeletons, the
// surnames a lone surname may be joined to a full name by, and, for each
// decision that names an entity by one of the batch's keys, every key it
// names: a merge then finds its other side, a split the entity it splits.
func knownQuery(mentions []dossier.Mention, decisions []*dossier.Decision) dossier.KnownQuery {
	seen := map[string]bool{}
	var q dossier.KnownQuery
	add := func(list *[]string, kind, s string) {
		if s == "" || seen[kind+s] {
			return
		}
		seen[kind+s] = true
		*list = append(*list, s)
	}
	for _, m := range mentions {
		if m.Type == dossier.Nationality {
			continue
		}
		add(&q.Keys, "k", m.Canonical)
		if lone := resolve.LoneSurname(m); lone != "" {
			add(&q.Surnames, "s", lone)
		} else {
			add(&q.Keys, "k", m.Key)
		}
		sk, _ := resolve.Signature(m)
		add(&q.Skeletons, "t", sk)
	}
	for _, d := range decisions {
		named := append(slices.Clone(d.Target), d.Other...)
		if slices.ContainsFunc(named, func(k string) bool { return seen["k"+k] }) {
			for _, k := range named {
				add(&q.Keys, "k", k)
			}
		}
	}
	sort.Strings(q.Keys)
	sort.Strings(q.Skeletons)
	sort.Strings(q.Surnames)
	return q
}

// survivor is the stored entity a cluster that takes in several keeps the
// ID of: the one whose ID the whole's name gives (the ID a full
// resolution would mint), else the one with most mentions, else the
// least ID.
func survivor(x *resolve.Extended, weight map[string]int) string {
	if slices.Contains(x.Known, x.ID) {
		return x.ID
	}
	best := x.Known[0]
	for _, k := range x.Known[1:] {
		if weight[k] > weight[best] {
			best = k
		}
	}
	return best
}

// freshIDs makes sure each new entity's ID is not a stored entity's (two
// entities of one type and name a full resolution would have told apart
// the same way, by their cluster), nor another entity's of the batch.
func (p *Pipeline) freshIDs(ctx context.Context, r dossier.Resolver, fresh []*resolve.Extended, ents []*dossier.Entity) error {
	if len(fresh) == 0 {
		return nil
	}
	ids := make([]string, 0, len(fresh))
	for _, x := range fresh {
		ids = append(ids, x.ID)
	}
	stored, err := r.EntitiesExist(ctx, ids)
	if err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, e := range ents {
		taken[e.ID] = true
	}
	for _, x := range fresh {
		if !stored[x.ID] {
			continue
		}
		base := x.ID
		for n := 0; ; n++ {
			id := resolve.Rekey(base, x.Mentions[0], n)
			if taken[id] {
				continue
			}
			more, err := r.EntitiesExist(ctx, []string{id})
			if err != nil {
				return err
			}
			if !more[id] {
				x.ID, taken[id] = id, true
				break
			}
		}
	}
	return nil
}

// movedRelations returns the stored relations of the entities merged
// away, their subject and object renamed to the entities they join.
func movedRelations(ctx context.Context, r dossier.Resolver, merged map[string]string) ([]*dossier.Relation, error) {
	if len(merged) == 0 {
		return nil, nil
	}
	losers := make([]string, 0, len(merged))
	for l := range merged {
		losers = append(losers, l)
	}
	sort.Strings(losers)
	rels, err := r.RelationsOf(ctx, losers)
	if err != nil {
		return nil, err
	}
	for _, rel := range rels {
		if to, ok := merged[rel.Subject]; ok {
			rel.Subject = to
		}
		if to, ok := merged[rel.Object]; ok {
			rel.Object = to
		}
	}
	return rels, nil
}

// rowChanges lists the entities of a batch whose stored row must be
// written (new ones, and those whose name, type, reason or place the
// batch changes) and those whose names the search index must read again
// (new ones, renamed ones, those that take in another, those that gain a
// surface form): most entities a batch touches only gain mentions.
func rowChanges(ext []*resolve.Extended, known map[string]*dossier.KnownEntity) (changed, renamed []string) {
	for _, x := range ext {
		k := known[x.ID]
		if k == nil {
			changed = append(changed, x.ID)
			renamed = append(renamed, x.ID)
			continue
		}
		if k.Name != x.Name || k.Type != x.Type || k.Reason != x.Reason || !samePlace(k.Place, x.Place) {
			changed = append(changed, x.ID)
		}
		forms := map[string]bool{}
		for _, id := range x.Known {
			for _, f := range known[id].Forms {
				forms[f.Text] = true
			}
		}
		gains := len(x.Known) > 1 || k.Name != x.Name
		for _, m := range x.Mentions {
			gains = gains || !forms[m.Text]
		}
		if gains {
			renamed = append(renamed, x.ID)
		}
	}
	return changed, renamed
}

func samePlace(a, b *dossier.PlaceInfo) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
