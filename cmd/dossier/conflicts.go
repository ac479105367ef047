package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

func (m *Main) runConflicts(ctx context.Context, args []string) error {
	fs, db := m.flags("conflicts", "", `Lists the facts the sources disagree about: death tolls and other figures
whose ranges do not overlap, founding dates and other attributes with
different values, relations with different time spans. Each side is shown
with its sources and the sentence that states it, and the summary figure
with the rule that chose it (GTD's: the most recent source, else the
majority, else the lowest).
`)
	asJSON := fs.Bool("json", false, "print the conflicts as JSON")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() > 0 {
		return usageError{"conflicts: unexpected arguments"}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	facts, err := store.Facts(ctx)
	if err != nil {
		return err
	}
	ents, err := store.EntityList(ctx)
	if err != nil {
		return err
	}
	docs, err := store.Documents(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, e := range ents {
		names[e.ID] = e.Name
	}
	byDoc := map[string]*dossier.Document{}
	for _, d := range docs {
		byDoc[d.ID] = d
	}
	quotes := map[string]string{}
	for _, c := range facts.Claims {
		quotes[c.ID] = c.Quote
	}
	cs := reconcile.Conflicts(facts,
		func(id string) string {
			if n := names[id]; n != "" {
				return n
			}
			return id
		},
		func(doc string) string {
			if d := byDoc[doc]; d != nil {
				return d.Published
			}
			return ""
		})
	if *asJSON {
		type side struct {
			Value     string   `json:"value"`
			Documents []string `json:"documents"`
			Claims    []string `json:"claims"`
			Quotes    []string `json:"quotes"`
		}
		type conflict struct {
			Kind    string `json:"kind"`
			ID      string `json:"id"`
			Subject string `json:"subject"`
			Field   string `json:"field"`
			Summary string `json:"summary"`
			Rule    string `json:"rule"`
			Sides   []side `json:"sides"`
		}
		out := []conflict{}
		for _, c := range cs {
			jc := conflict{c.Kind, c.ID, c.Subject, c.Field, c.Summary, c.Rule, nil}
			for _, s := range c.Sides {
				js := side{Value: s.Value, Documents: s.Documents, Claims: s.Claims, Quotes: []string{}}
				if js.Claims == nil {
					js.Claims = []string{}
				}
				for _, id := range s.Claims {
					js.Quotes = append(js.Quotes, quotes[id])
				}
				jc.Sides = append(jc.Sides, js)
			}
			out = append(out, jc)
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(cs) == 0 {
		fmt.Fprintln(m.Stdout, "The sources agree on every extracted fact.")
		return nil
	}
	fmt.Fprintf(m.Stdout, "# Where sources disagree (%d)\n", len(cs))
	for _, c := range cs {
		fmt.Fprintf(m.Stdout, "\n## %s: %s\n\nSummary: %s, by %s.\n\n", c.Subject, c.Field, c.Summary, c.Rule)
		for _, s := range c.Sides {
			var cites []string
			for _, d := range s.Documents {
				cites = append(cites, citation(byDoc[d]))
			}
			fmt.Fprintf(m.Stdout, "- **%s**: %s\n", s.Value, strings.Join(cites, "; "))
			for _, id := range s.Claims {
				if q := quotes[id]; q != "" {
					fmt.Fprintf(m.Stdout, "  > %s\n", q)
				}
			}
		}
	}
	return nil
}

// citation names a document as a reader cites it: outlet or title, date.
func citation(d *dossier.Document) string {
	if d == nil {
		return "unknown document"
	}
	who := d.Outlet
	if who == "" {
		who = d.Title
	}
	if who == "" {
		who = d.Source
	}
	date := d.Published
	if date == "" {
		date = "undated"
	}
	return who + ", " + date
}
