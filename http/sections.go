package http

import (
	"context"
	"net/http"
	"net/url"

	"github.com/dossier-osint/dossier"
)

// A profile shows the top ProfileTop entries of each section; the whole
// of a section is a list of its own, a page at a time:
// /entities/{id}/aliases, /documents, /sentences and /relations (and
// the same under /api/v1/). An entity's events are the timeline filtered
// by it.

// sections are the lists of an entity, with their titles.
var sections = map[string]string{
	"aliases":   "Names",
	"documents": "Documents",
	"sentences": "What the sources say",
	"relations": "Relations",
}

// Section is one page of one of an entity's lists. Items holds
// []AliasCount for aliases, []EntityDoc for documents, []Cite for
// sentences (numbered against Sources) and []RelationView for relations.
type Section struct {
	Entity  Ref    `json:"entity"`
	Section string `json:"section"`
	Title   string `json:"title"`
	// Kind narrows relations to one kind: "leadership", "areas" or
	// "other"; "" is all of them.
	Kind    string   `json:"kind,omitempty"`
	Items   any      `json:"items"`
	Sources []Source `json:"sources,omitempty"`
	Paging
}

// AliasCount is a name and how many of the entity's mentions use it.
type AliasCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// EntityDoc is a document that mentions the entity, and how often.
type EntityDoc struct {
	DocMeta
	Mentions int `json:"mentions"`
}

// section reads one page of entity id's list called name.
func section(ctx context.Context, pg dossier.Pages, id, name, kind string, req dossier.PageRequest) (*Section, string, int, error) {
	title, ok := sections[name]
	if !ok {
		return nil, "", 0, dossier.Errorf(dossier.ENOTFOUND, "no list %q of an entity (have: aliases, documents, sentences, relations)", name)
	}
	card, err := pg.EntityCard(ctx, id)
	if err != nil {
		return nil, "", 0, err
	}
	s := &Section{Entity: Ref{ID: card.ID, Name: card.Name, Type: card.Type}, Section: name, Title: title}
	var next string
	var total int
	switch name {
	case "aliases":
		p, err := pg.EntityAliases(ctx, id, req)
		if err != nil {
			return nil, "", 0, err
		}
		items := []AliasCount{}
		for _, a := range p.Items {
			items = append(items, AliasCount{a.Name, a.Count})
		}
		s.Items, next, total = items, p.Next, p.Total
	case "documents":
		p, err := pg.EntityDocuments(ctx, id, req)
		if err != nil {
			return nil, "", 0, err
		}
		items := []EntityDoc{}
		for _, d := range p.Items {
			items = append(items, EntityDoc{DocMeta: docMeta(d.Document), Mentions: d.Mentions})
		}
		s.Items, next, total = items, p.Next, p.Total
	case "sentences":
		p, err := pg.EntityClaims(ctx, id, req)
		if err != nil {
			return nil, "", 0, err
		}
		n := newNeeds()
		for _, c := range p.Items {
			n.doc(c.Document)
		}
		w, err := load(ctx, pg, n)
		if err != nil {
			return nil, "", 0, err
		}
		c := newCiter(w)
		items := []Cite{}
		for _, cl := range p.Items {
			items = append(items, c.cite(cl))
		}
		s.Items, s.Sources, next, total = items, c.Sources, p.Next, p.Total
	case "relations":
		s.Kind = kind
		p, err := pg.RelationPage(ctx, dossier.RelationQuery{Entity: id, Kind: kind, PageRequest: req})
		if err != nil {
			return nil, "", 0, err
		}
		n := newNeeds()
		for _, r := range p.Items {
			n.relation(r)
		}
		w, err := load(ctx, pg, n)
		if err != nil {
			return nil, "", 0, err
		}
		c := newCiter(w)
		items := []RelationView{}
		for _, r := range p.Items {
			rv := RelationView{ID: r.ID, Predicate: r.Predicate, Start: r.Start, End: r.End, Cites: c.claims(r.Claims)}
			if r.Subject == id {
				rv.Other, rv.Outgoing = w.ref(r.Object), true
			} else {
				rv.Other = w.ref(r.Subject)
			}
			rv.Label = relationLabel(r.Predicate, rv.Outgoing)
			items = append(items, rv)
		}
		s.Items, s.Sources, next, total = items, c.Sources, p.Next, p.Total
	}
	return s, next, total, nil
}

// readSection answers a request for one of an entity's lists.
func (s *Server) readSection(r *http.Request, name string) (*Section, error) {
	req, err := pageRequest(r)
	if err != nil {
		return nil, err
	}
	sec, next, total, err := section(r.Context(), s.Pages, r.PathValue("id"), name, r.FormValue("kind"), req)
	if err != nil {
		return nil, err
	}
	sec.Paging = paging(r, next, total)
	return sec, nil
}

func (s *Server) sectionPage(name string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		sec, err := s.readSection(r, name)
		if err != nil {
			return err
		}
		api := "/api/v1/entities/" + url.PathEscape(sec.Entity.ID) + "/" + name
		if q := r.URL.RawQuery; q != "" {
			api += "?" + q
		}
		return s.render(w, 200, "section", page{Title: sec.Entity.Name + ": " + sec.Title, Nav: "entities", API: api, Data: sec})
	}
}

func (s *Server) apiSection(name string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		sec, err := s.readSection(r, name)
		if err != nil {
			return err
		}
		return writeJSON(w, 200, sec)
	}
}
