// Package export writes what the store holds in exchange formats. JSON is
// the native contract v1 of PRODUCT.md, described by the JSON Schema in
// schema/ (embedded as Schema) and checked against it by the tests.
package export

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// Schema is the JSON Schema of the native export, contract v1.
//
//go:embed schema/dossier-export-v1.schema.json
var Schema []byte

// Options choose what an export includes.
type Options struct {
	WithText     bool // each document's cleaned text
	WithMentions bool // each entity's mentions with their spans
}

type jsonDocument struct {
	ID         string   `json:"id"`
	Source     string   `json:"source"`
	Title      string   `json:"title"`
	Outlet     string   `json:"outlet"`
	Authors    []string `json:"authors"`
	Published  *string  `json:"published"`
	URL        string   `json:"url,omitempty"`
	Format     string   `json:"format"`
	IngestedAt string   `json:"ingested_at"`
	Text       *string  `json:"text,omitempty"`
}

type jsonMention struct {
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Type     string `json:"type"`
}

type jsonPlace struct {
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Country     string  `json:"country"`
	Admin1      string  `json:"admin1"`
	GazetteerID string  `json:"gazetteer_id"`
}

type jsonEntity struct {
	ID        string         `json:"id"`
	Type      string         `json:"type"`
	Name      string         `json:"name"`
	Aliases   []string       `json:"aliases"`
	Documents []string       `json:"documents"`
	Claims    []string       `json:"claims"`
	Reason    string         `json:"reason,omitempty"`
	Place     *jsonPlace     `json:"place,omitempty"`
	Mentions  *[]jsonMention `json:"mentions,omitempty"`
}

type jsonQuantity struct {
	Document string   `json:"document"`
	Min      int      `json:"min"`
	Max      *int     `json:"max"`
	Claim    string   `json:"claim,omitempty"`
	Counted  []string `json:"counted,omitempty"`
}

// jsonSummary is a figure reconciled across sources (package reconcile).
type jsonSummary struct {
	Min       int    `json:"min"`
	Max       *int   `json:"max"`
	Rule      string `json:"rule"`
	Document  string `json:"document"`
	Contested bool   `json:"contested"`
}

type jsonEvent struct {
	ID           string                 `json:"id"`
	Type         string                 `json:"type"`
	Subtype      string                 `json:"subtype"`
	Date         *string                `json:"date"`
	Place        *string                `json:"place"`
	Perpetrators []string               `json:"perpetrators"`
	Described    []string               `json:"perpetrator_descriptions"`
	Targets      []string               `json:"targets"`
	Aimed        []string               `json:"target_descriptions,omitempty"`
	TargetType   string                 `json:"target_type,omitempty"`
	Claimants    []string               `json:"claimants"`
	ClaimedVia   string                 `json:"claimed_via,omitempty"`
	Killed       []jsonQuantity         `json:"killed"`
	Injured      []jsonQuantity         `json:"injured"`
	Arrested     []jsonQuantity         `json:"arrested"`
	Kidnapped    []jsonQuantity         `json:"kidnapped"`
	Summary      map[string]jsonSummary `json:"summary,omitempty"`
	Contested    []string               `json:"contested"`
	Documents    []string               `json:"documents"`
	Claims       []string               `json:"claims"`
	Description  string                 `json:"description,omitempty"`
}

type jsonRelation struct {
	ID        string   `json:"id"`
	Subject   string   `json:"subject"`
	Predicate string   `json:"predicate"`
	Object    string   `json:"object"`
	Start     *string  `json:"start"`
	End       *string  `json:"end"`
	Documents []string `json:"documents"`
	Claims    []string `json:"claims"`
}

type jsonAttribute struct {
	ID       string        `json:"id"`
	Entity   string        `json:"entity"`
	Name     string        `json:"name"`
	Value    string        `json:"value,omitempty"`
	Quantity *jsonQuantity `json:"quantity,omitempty"`
	AsOf     *string       `json:"as_of"`
	By       string        `json:"by,omitempty"`
	Document string        `json:"document"`
	Claim    string        `json:"claim"`
}

type jsonClaim struct {
	ID       string `json:"id"`
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Quote    string `json:"quote"`
}

// JSON writes the native export of everything in s to w. Sections are
// written one item at a time; documents' texts are loaded one at a time.
func JSON(ctx context.Context, w io.Writer, s dossier.Store, opt Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	docs, err := s.Documents(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	ents, err := s.Entities(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	io.WriteString(bw, "{\"dossier_export\":1,\n\"documents\":[\n")
	for i, d := range docs {
		jd := jsonDocument{
			ID: d.ID, Source: d.Source, Title: d.Title, Outlet: d.Outlet, Authors: d.Authors,
			URL: d.URL, Format: d.Format, IngestedAt: d.IngestedAt.UTC().Format(time.RFC3339),
		}
		if jd.Authors == nil {
			jd.Authors = []string{}
		}
		if d.Published != "" {
			p := d.Published
			jd.Published = &p
		}
		if opt.WithText {
			full, err := s.Document(ctx, d.ID)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			jd.Text = &full.Text
		}
		if err := item(bw, enc, i, jd); err != nil {
			return err
		}
	}
	io.WriteString(bw, "],\n\"entities\":[\n")
	claims := map[string]dossier.Claim{}
	for i, e := range ents {
		je := jsonEntity{ID: e.ID, Type: string(e.Type), Name: e.Name, Aliases: e.Aliases,
			Documents: e.Documents, Reason: e.Reason, Claims: []string{}}
		if je.Aliases == nil {
			je.Aliases = []string{}
		}
		if je.Documents == nil {
			je.Documents = []string{}
		}
		for _, c := range e.Claims {
			je.Claims = append(je.Claims, c.ID)
			claims[c.ID] = c
		}
		if e.Place != nil {
			je.Place = &jsonPlace{e.Place.Lat, e.Place.Lon, e.Place.Country, e.Place.Admin1, e.Place.GazetteerID}
		}
		if opt.WithMentions {
			ms := make([]jsonMention, 0, len(e.Mentions))
			for _, m := range e.Mentions {
				ms = append(ms, jsonMention{m.Document, m.Start, m.End, m.Text, string(m.Type)})
			}
			je.Mentions = &ms
		}
		if err := item(bw, enc, i, je); err != nil {
			return err
		}
	}
	facts, err := s.Facts(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for _, c := range facts.Claims {
		claims[c.ID] = c
	}
	published := map[string]string{}
	for _, d := range docs {
		published[d.ID] = d.Published
	}
	pub := func(doc string) string { return published[doc] }
	io.WriteString(bw, "],\n\"events\":[\n")
	for i, e := range facts.Events {
		if err := item(bw, enc, i, eventJSON(e, pub)); err != nil {
			return err
		}
	}
	io.WriteString(bw, "],\n\"relations\":[\n")
	for i, r := range facts.Relations {
		jr := jsonRelation{ID: r.ID, Subject: r.Subject, Predicate: r.Predicate, Object: r.Object,
			Start: optional(r.Start), End: optional(r.End), Documents: nonNil(r.Documents), Claims: nonNil(r.Claims)}
		if err := item(bw, enc, i, jr); err != nil {
			return err
		}
	}
	io.WriteString(bw, "],\n\"attributes\":[\n")
	for i, a := range facts.Attributes {
		ja := jsonAttribute{ID: a.ID, Entity: a.Entity, Name: a.Name, Value: a.Value, AsOf: optional(a.AsOf), By: a.By,
			Document: a.Document, Claim: a.Claim}
		if a.Quantity != nil {
			ja.Quantity = &jsonQuantity{a.Quantity.Document, a.Quantity.Min, a.Quantity.Max, a.Quantity.Claim, a.Quantity.Counted}
		}
		if err := item(bw, enc, i, ja); err != nil {
			return err
		}
	}
	io.WriteString(bw, "],\n\"claims\":[\n")
	ids := make([]string, 0, len(claims))
	for id := range claims {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := claims[ids[i]], claims[ids[j]]
		if a.Document != b.Document {
			return a.Document < b.Document
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.ID < b.ID
	})
	for i, id := range ids {
		c := claims[id]
		if err := item(bw, enc, i, jsonClaim{c.ID, c.Document, c.Start, c.End, c.Quote}); err != nil {
			return err
		}
	}
	io.WriteString(bw, "]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func item(w *bufio.Writer, enc *json.Encoder, i int, v any) error {
	if i > 0 {
		w.WriteString(",")
	}
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// eventJSON writes an event with each source's figures and, per figure,
// the summary chosen by reconcile's stated rule.
func eventJSON(e *dossier.Event, pub func(string) string) jsonEvent {
	je := jsonEvent{ID: e.ID, Type: e.Type, Subtype: e.Subtype, Date: optional(e.Date), Place: optional(e.Place),
		Perpetrators: nonNil(e.Perpetrators), Described: nonNil(e.PerpetratorDescriptions), Targets: nonNil(e.Targets), Aimed: e.TargetDescriptions, TargetType: e.TargetType,
		Claimants: nonNil(e.Claimants), ClaimedVia: e.ClaimedVia, Contested: []string{},
		Documents: nonNil(e.Documents), Claims: nonNil(e.Claims), Description: e.Summary}
	figs := func(name string, qs []dossier.Quantity) []jsonQuantity {
		out := []jsonQuantity{}
		for _, q := range qs {
			out = append(out, jsonQuantity{q.Document, q.Min, q.Max, q.Claim, q.Counted})
		}
		if f, ok := reconcile.Figures(qs, pub); ok {
			if je.Summary == nil {
				je.Summary = map[string]jsonSummary{}
			}
			je.Summary[name] = jsonSummary{f.Min, f.Max, f.Rule, f.Document, f.Contested}
			if f.Contested {
				je.Contested = append(je.Contested, name)
			}
		}
		return out
	}
	je.Killed = figs("killed", e.Killed)
	je.Injured = figs("injured", e.Injured)
	je.Arrested = figs("arrested", e.Arrested)
	je.Kidnapped = figs("kidnapped", e.Kidnapped)
	return je
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
