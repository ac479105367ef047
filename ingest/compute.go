package ingest

import (
	"context"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/geo"
	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/resolve"
)

// TextSource calls fn with each document whose ID is in ids, one at a
// time, with its text and sentence spans, as dossier.Store.Texts does (a
// store's Texts method is one). Streaming keeps one document's text in
// memory at a time.
type TextSource func(ctx context.Context, ids []string, fn func(doc *dossier.Document, sentences []dossier.Span) error) error

// ReportSource calls fn with each stored extraction report, as
// dossier.Store.ExtractionReports does.
type ReportSource func(ctx context.Context, fn func(*dossier.ExtractionReport) error) error

// Inputs is everything a resolution reads: what Pipeline.Resolve takes
// from the store, given as values and functions so that the computation
// runs (and is measured) without one.
type Inputs struct {
	Lexicon *lexicon.Lexicon
	// Gazetteer, if set, geocodes place entities (geo.Locate).
	Gazetteer *geonames.Gazetteer
	// Mentions are every stored mention, grouped by document in ingest
	// order (Store.Mentions' order). Compute changes them in place
	// (resolve.EntitiesWith fills canonical keys).
	Mentions  []dossier.Mention
	Decisions []*dossier.Decision
	// Texts gives the documents that must be read and extracted.
	Texts TextSource
	// Stored, if set, gives the extraction reports kept from earlier
	// resolutions; a report whose digest matches its document's input is
	// used instead of reading the document again. Nil reads every
	// document.
	Stored ReportSource
}

// Resolution is what Compute makes of its inputs.
type Resolution struct {
	// Entities are the clustered entities, geocoded, each with its
	// mentions and the claims of the sentences that mention it.
	Entities []*dossier.Entity
	// Facts are the events, relations and attributes merged across
	// documents (extract.Merge).
	Facts *dossier.Facts
	// Incidents are the states of the events a later batch may join
	// (extract.MergeAll).
	Incidents []*dossier.Incident
	// Fresh are the reports of the documents read this time (their stored
	// report was missing or stale), encoded for Store.PutExtractionReports,
	// in the order Texts gave the documents.
	Fresh []*dossier.ExtractionReport
}

// Compute is the computing part of a resolution, with no store: it
// clusters the mentions into entities (resolve.EntitiesWith, decisions
// applied), geocodes places (geo.Locate), takes each document's stored
// report where its digest matches and otherwise reads the document
// (extract.Read) and makes the claims of its sentences that mention an
// entity, then merges every document's report (extract.Merge). Errors
// come from the sources, or name a document that has mentions but no
// text.
func Compute(ctx context.Context, in *Inputs) (*Resolution, error) {
	ents := resolve.EntitiesWith(in.Lexicon, in.Mentions, in.Decisions)
	geo.Locate(in.Gazetteer, ents)
	docs, err := extractionInputs(in.Mentions, ents)
	if err != nil {
		return nil, err
	}
	fresh, err := extractAll(ctx, in, docs)
	if err != nil {
		return nil, err
	}
	attachClaims(docs)
	reports := make([]*extract.Report, 0, len(docs))
	for _, d := range docs {
		reports = append(reports, d.report)
	}
	facts, incidents, err := extract.MergeAll(reports, ents, in.Lexicon)
	if err != nil {
		return nil, err
	}
	return &Resolution{Entities: ents, Facts: facts, Incidents: incidents, Fresh: fresh}, nil
}

// attachClaims makes the sentences that mention each entity its claims,
// document by document in ingest order, each entity's mentions in order.
func attachClaims(docs []*docInput) {
	type citation struct {
		ent   *dossier.Entity
		claim string
	}
	cited := map[citation]bool{}
	for _, d := range docs {
		clear(cited)
		for _, h := range d.held {
			c, ok := d.claims[h.m.Sentence]
			if !ok {
				continue
			}
			if key := (citation{h.ent, c.ID}); !cited[key] {
				cited[key] = true
				h.ent.Claims = append(h.ent.Claims, c)
			}
		}
	}
}
