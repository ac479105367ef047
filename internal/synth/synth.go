// Package synth fills a store with a synthetic corpus for tests and
// benchmarks of the bounded reads: documents whose sentences name groups,
// people and places, the entities resolution would make of them, and an
// event, relations and attributes per document, all stored through the
// dossier.Store interface (PutDocument, ReplaceEntities, ReplaceFacts), so
// no extraction runs. The corpus is skewed as real ones are: one group
// appears in a third of the documents.
package synth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

// Sizes says how large a corpus to make.
type Sizes struct {
	Documents int
	Groups    int
	People    int
	Places    int
}

// Corpus names what Fill stored.
type Corpus struct {
	Documents []string // IDs, in ingest order
	Entities  []string // IDs, in the order given to ReplaceEntities
	Big       string   // the group in a third of the documents
	Events    int
	Relations int
}

// Group, person and place IDs.
func groupID(i int) string  { return fmt.Sprintf("e-g%04d", i) }
func personID(i int) string { return fmt.Sprintf("e-p%04d", i) }
func placeID(i int) string  { return fmt.Sprintf("e-l%04d", i) }

// Fill stores a corpus of the given sizes in st, which should be empty.
func Fill(ctx context.Context, st dossier.Store, n Sizes) (*Corpus, error) {
	if n.Documents < 1 || n.Groups < 2 || n.People < 1 || n.Places < 1 {
		return nil, fmt.Errorf("synth: sizes %+v too small", n)
	}
	c := &Corpus{Big: groupID(0)}
	type ent struct {
		e    *dossier.Entity
		docs map[string]bool
	}
	ents := map[string]*ent{}
	var order []string
	entity := func(id string, typ dossier.EntityType, name string, aliases ...string) *ent {
		if e := ents[id]; e != nil {
			return e
		}
		e := &ent{e: &dossier.Entity{ID: id, Type: typ, Name: name, Aliases: append([]string{name}, aliases...), Reason: "synthetic"},
			docs: map[string]bool{}}
		if typ == dossier.Place {
			i := len(ents)
			e.e.Place = &dossier.PlaceInfo{Lat: 20 + float64(i%170)/10, Lon: 60 + float64(i%230)/10, Country: "XX", GazetteerID: id}
		}
		ents[id] = e
		order = append(order, id)
		return e
	}
	group := func(i int) *ent {
		return entity(groupID(i), dossier.Group, fmt.Sprintf("Group %d", i), fmt.Sprintf("G%d", i))
	}
	person := func(i int) *ent { return entity(personID(i), dossier.Person, fmt.Sprintf("Person %d", i)) }
	place := func(i int) *ent { return entity(placeID(i), dossier.Place, fmt.Sprintf("Place %d", i)) }

	facts := &dossier.Facts{}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for j := 0; j < n.Documents; j++ {
		g := 1 + (j*7)%(n.Groups-1)
		if j%3 == 0 {
			g = 0
		}
		g2 := (g + 1 + j%5) % n.Groups
		if g2 == g {
			g2 = (g + 1) % n.Groups
		}
		p, l := (j*13)%n.People, (j*11)%n.Places
		gr, gr2, pe, pl := group(g), group(g2), person(p), place(l)
		published := base.AddDate(0, 0, j/3).Format("2006-01-02")
		date := published
		if j%10 == 9 {
			date = ""
		}
		when := "on " + date
		if date == "" {
			when = "recently"
		}
		killed := j % 17
		sentences := []string{
			fmt.Sprintf("%s attacked %s %s, killing %d people.", gr.e.Name, pl.e.Name, when, killed),
			fmt.Sprintf("%s leads %s.", pe.e.Name, gr.e.Aliases[1]),
			fmt.Sprintf("%s is a rival of %s in %s.", gr.e.Aliases[1], gr2.e.Name, pl.e.Name),
		}
		text := strings.Join(sentences, " ")
		raw := fmt.Sprintf("synthetic document %d\n%s\n", j, text)
		sum := sha256.Sum256([]byte(raw))
		doc := &dossier.Document{ID: hex.EncodeToString(sum[:]), Source: fmt.Sprintf("synth/%05d.txt", j), Format: "txt",
			Title: fmt.Sprintf("Report %d", j), Outlet: fmt.Sprintf("Outlet %d", j%7), Published: published,
			Raw: []byte(raw), Text: text, IngestedAt: base.Add(time.Duration(j) * time.Minute)}
		rd := &dossier.Reading{}
		var claims []dossier.Claim
		at := 0 // code points
		for s, sentence := range sentences {
			start := at
			end := start + utf8.RuneCountInString(sentence)
			rd.Sentences = append(rd.Sentences, dossier.Span{Start: start, End: end})
			cl := dossier.Claim{ID: fmt.Sprintf("c-%05d-%d", j, s), Document: doc.ID, Start: start, End: end, Quote: sentence}
			claims = append(claims, cl)
			for _, who := range []*ent{gr, gr2, pe, pl} {
				for _, name := range who.e.Aliases {
					i := strings.Index(sentence, name)
					// A name must not be the start of a longer one
					// ("Group 1" in "Group 12").
					if i < 0 || i+len(name) < len(sentence) && sentence[i+len(name)] >= '0' && sentence[i+len(name)] <= '9' {
						continue
					}
					ms := start + utf8.RuneCountInString(sentence[:i])
					m := dossier.Mention{Document: doc.ID, Start: ms, End: ms + utf8.RuneCountInString(name), Text: name,
						Type: who.e.Type, Key: strings.ToLower(name), Sentence: s}
					rd.Mentions = append(rd.Mentions, m)
					who.e.Mentions = append(who.e.Mentions, m)
					if !who.docs[doc.ID] {
						who.docs[doc.ID] = true
						who.e.Documents = append(who.e.Documents, doc.ID)
					}
					if n := len(who.e.Claims); n == 0 || who.e.Claims[n-1].ID != cl.ID {
						who.e.Claims = append(who.e.Claims, cl)
					}
					break
				}
			}
			at = end + 1
		}
		if _, err := st.PutDocument(ctx, doc, rd); err != nil {
			return nil, fmt.Errorf("synth: document %d: %w", j, err)
		}
		c.Documents = append(c.Documents, doc.ID)
		facts.Claims = append(facts.Claims, claims...)
		k := killed
		ev := &dossier.Event{ID: fmt.Sprintf("ev-%05d", j), Type: dossier.Attack, Subtype: "armed assault", Date: date, Place: pl.e.ID,
			Perpetrators: []string{gr.e.ID}, Killed: []dossier.Quantity{{Document: doc.ID, Min: k, Max: &k, Claim: claims[0].ID}},
			Documents: []string{doc.ID}, Claims: []string{claims[0].ID}, Summary: sentences[0]}
		if j%2 == 1 {
			ev.Targets = []string{gr2.e.ID}
		}
		facts.Events = append(facts.Events, ev)
		facts.Relations = append(facts.Relations,
			&dossier.Relation{ID: fmt.Sprintf("r-%05d-lead", j), Subject: pe.e.ID, Predicate: "leader_of", Object: gr.e.ID,
				Documents: []string{doc.ID}, Claims: []string{claims[1].ID}},
			&dossier.Relation{ID: fmt.Sprintf("r-%05d-rival", j), Subject: gr.e.ID, Predicate: "rival_of", Object: gr2.e.ID,
				Documents: []string{doc.ID}, Claims: []string{claims[2].ID}},
			&dossier.Relation{ID: fmt.Sprintf("r-%05d-ops", j), Subject: gr.e.ID, Predicate: "operates_in", Object: pl.e.ID,
				Documents: []string{doc.ID}, Claims: []string{claims[2].ID}})
		if j%5 == 0 {
			facts.Attributes = append(facts.Attributes, &dossier.Attribute{ID: fmt.Sprintf("a-%05d-founded", j), Entity: gr.e.ID,
				Name: "founded", Value: fmt.Sprint(2000 + j%3), Document: doc.ID, Claim: claims[0].ID})
		}
		if j%7 == 0 {
			lo, hi := 100*(1+j%9), 200*(1+j%9)
			facts.Attributes = append(facts.Attributes, &dossier.Attribute{ID: fmt.Sprintf("a-%05d-size", j), Entity: gr.e.ID,
				Name: "size", Quantity: &dossier.Quantity{Document: doc.ID, Min: lo, Max: &hi, Claim: claims[0].ID},
				AsOf: published, Document: doc.ID, Claim: claims[0].ID})
		}
	}
	list := make([]*dossier.Entity, 0, len(order))
	for _, id := range order {
		list = append(list, ents[id].e)
	}
	if err := st.ReplaceEntities(ctx, list); err != nil {
		return nil, fmt.Errorf("synth: entities: %w", err)
	}
	if err := st.ReplaceFacts(ctx, facts); err != nil {
		return nil, fmt.Errorf("synth: facts: %w", err)
	}
	c.Entities = order
	c.Events, c.Relations = len(facts.Events), len(facts.Relations)
	return c, nil
}
