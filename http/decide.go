package http

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/resolve"
)

// Decider records an analyst's decision (merge, split, rename) and
// resolves entities again; cmd/dossier wires it to the store and the
// pipeline, as for the CLI's `dossier entity`.
type Decider func(ctx context.Context, d *dossier.Decision) error

// decisionRequest is the body of the decision API (JSON or form).
type decisionRequest struct {
	Other     string   `json:"other"`     // merge: the entity merged into this one
	Aliases   []string `json:"aliases"`   // split: spellings that leave
	Documents []string `json:"documents"` // split: documents whose mentions leave
	Name      string   `json:"name"`      // rename
	Note      string   `json:"note"`
}

// readDecision reads a decision request from JSON or a form; form lists
// are comma-separated.
func readDecision(r *http.Request) (decisionRequest, error) {
	var req decisionRequest
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			return req, dossier.Errorf(dossier.EINVALID, "decision: %v", err)
		}
		return req, nil
	}
	if err := r.ParseForm(); err != nil {
		return req, dossier.Errorf(dossier.EINVALID, "decision: %v", err)
	}
	split := func(s string) []string {
		var out []string
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	req.Other = strings.TrimSpace(r.FormValue("other"))
	req.Aliases = split(r.FormValue("aliases"))
	req.Documents = split(r.FormValue("documents"))
	req.Name = strings.TrimSpace(r.FormValue("name"))
	req.Note = strings.TrimSpace(r.FormValue("note"))
	return req, nil
}

// decide turns a request about entity id into a decision and hands it to
// the Decider. Errors: ENOTFOUND for an unknown entity, EINVALID for a
// request that lacks what its action needs.
func (s *Server) decide(r *http.Request, id, action string) (*dossier.Decision, error) {
	if s.Decide == nil {
		return nil, errForbidden("this workbench was started without a way to record decisions")
	}
	req, err := readDecision(r)
	if err != nil {
		return nil, err
	}
	entity := func(id string) (*dossier.Entity, error) {
		ents, err := s.Store.EntitiesByID(r.Context(), []string{id})
		if err != nil {
			return nil, err
		}
		if len(ents) == 0 {
			return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity %q", id)
		}
		return ents[0], nil
	}
	target, err := entity(id)
	if err != nil {
		return nil, err
	}
	d := &dossier.Decision{Action: action, Target: resolve.Keys(target), Note: req.Note}
	switch action {
	case dossier.Merge:
		if req.Other == "" {
			return nil, dossier.Errorf(dossier.EINVALID, "merge: give the ID of the entity to merge in (other)")
		}
		if req.Other == id {
			return nil, dossier.Errorf(dossier.EINVALID, "merge: an entity cannot be merged with itself")
		}
		other, err := entity(req.Other)
		if err != nil {
			return nil, err
		}
		d.Other = resolve.Keys(other)
	case dossier.Split:
		for _, a := range req.Aliases {
			d.Names = append(d.Names, resolve.Keys(&dossier.Entity{Name: a})...)
		}
		d.Documents = req.Documents
	case dossier.Rename:
		d.Name = req.Name
	}
	if err := s.Decide(r.Context(), d); err != nil {
		return nil, err
	}
	return d, nil
}

// apiDecide answers POST /api/v1/entities/{id}/{merge|split|rename}.
func (s *Server) apiDecide(action string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		d, err := s.decide(r, r.PathValue("id"), action)
		if err != nil {
			return err
		}
		return writeJSON(w, 200, map[string]any{"decision": d.Seq, "action": d.Action})
	}
}

// decideForm answers the profile page's forms and returns to the profile.
func (s *Server) decideForm(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	action := r.FormValue("action")
	if _, err := s.decide(r, id, action); err != nil {
		return err
	}
	// The entity keeps its ID unless the decision dissolved it; the list
	// is the fallback.
	if ents, err := s.Store.EntitiesByID(r.Context(), []string{id}); err == nil && len(ents) == 1 {
		http.Redirect(w, r, "/entities/"+url.PathEscape(id), http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/entities", http.StatusSeeOther)
	return nil
}
