package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/resolve"
)

const entityDoc = `Corrects automatic resolution. Decisions are kept in the database and
re-applied after every ingest, so they survive re-ingesting and new documents.

  dossier entity list [--type TYPE]          a page of entities with IDs, most mentioned
    [--sort name] [--limit N] [--cursor C]   first (or by name): N rows (default 50, at
                                             most 500) after cursor C, which the page
                                             before printed as "next page: --cursor C"
  dossier entity merge ENTITY OTHER          OTHER becomes part of ENTITY
  dossier entity split ENTITY --alias NAME   mentions spelled NAME (repeatable) and/or
                       [--document ID]       in document ID (repeatable) become an entity
  dossier entity rename ENTITY NEW-NAME      ENTITY is called NEW-NAME
  dossier entity decisions                   every decision recorded, oldest first
  dossier entity undo SEQ                    forget decision SEQ and resolve again

ENTITY is an entity ID (e-...) or any of its names; a name that several
entities share must be given as an ID. merge, split, rename and undo take
--note TEXT to record why.
`

type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ", ") }
func (f *multiFlag) Set(v string) error { *f = append(*f, v); return nil }

func (m *Main) runEntity(ctx context.Context, args []string) error {
	fs, db := m.flags("entity", "list|merge|split|rename|decisions|undo [arguments]", entityDoc)
	note := fs.String("note", "", "why the decision was taken")
	typ := fs.String("type", "", "list: only entities of this `type`")
	order := fs.String("sort", dossier.ByMentions, "list: `order`, mentions (most mentioned first) or name")
	limit := fs.Int("limit", dossier.DefaultLimit, fmt.Sprintf("list: rows a page holds, 1 to %d", dossier.MaxLimit))
	cursor := fs.String("cursor", "", "list: print the page after the one that gave this `cursor`")
	fs.StringVar(cursor, "after", "", "list: the same as --cursor")
	var aliases, docs multiFlag
	fs.Var(&aliases, "alias", "split: a spelling whose mentions leave the entity (repeatable)")
	fs.Var(&docs, "document", "split: a document `ID` whose mentions leave the entity (repeatable)")
	if len(args) == 0 {
		fs.Usage()
		return usageError{"entity: give an action"}
	}
	action, rest := args[0], args[1:]
	if action == "-h" || action == "--help" || action == "-help" {
		return usageOrHelp(fs.Parse(args))
	}
	// Flags may come before or after the arguments.
	var pos []string
	for {
		if err := fs.Parse(rest); err != nil {
			return usageOrHelp(err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	want := map[string]int{"list": 0, "merge": 2, "split": 1, "rename": 2, "decisions": 0, "undo": 1}
	n, ok := want[action]
	if !ok {
		fs.Usage()
		return usageError{fmt.Sprintf("entity: unknown action %q", action)}
	}
	if len(pos) != n {
		return usageError{fmt.Sprintf("entity %s: want %d arguments, got %d", action, n, len(pos))}
	}
	if action == "split" && len(aliases) == 0 && len(docs) == 0 {
		return usageError{"entity split: give --alias or --document"}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	switch action {
	case "list":
		return m.listEntities(ctx, store, dossier.EntityQuery{Sort: *order, PageRequest: dossier.PageRequest{Limit: *limit, Cursor: *cursor}},
			dossier.EntityType(*typ))
	case "decisions":
		return m.listDecisions(ctx, store)
	case "undo":
		seq, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return usageError{fmt.Sprintf("entity undo: %q is not a decision number", pos[0])}
		}
		if err := store.DeleteDecision(ctx, seq); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "decision %d undone\n", seq)
		return m.reresolve(ctx, store)
	}
	target, err := m.entityArg(ctx, store, pos[0])
	if err != nil {
		return err
	}
	d := &dossier.Decision{Action: action, Target: resolve.Keys(target), Note: *note}
	switch action {
	case "merge":
		other, err := m.entityArg(ctx, store, pos[1])
		if err != nil {
			return err
		}
		if other.ID == target.ID {
			return dossier.Errorf(dossier.EINVALID, "entity merge: %q and %q are already one entity (%s)", pos[0], pos[1], target.ID)
		}
		if other.Type != target.Type {
			fmt.Fprintf(m.Stderr, "dossier: note: merging a %s into a %s\n", other.Type, target.Type)
		}
		d.Action, d.Other = dossier.Merge, resolve.Keys(other)
	case "split":
		d.Action = dossier.Split
		for _, a := range aliases {
			d.Names = append(d.Names, lexicon.Key(a))
		}
		d.Documents = docs
	case "rename":
		d.Action, d.Name = dossier.Rename, strings.TrimSpace(pos[1])
	}
	if err := store.AddDecision(ctx, d); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "decision %d recorded: %s %s\n", d.Seq, d.Action, target.Name)
	return m.reresolve(ctx, store)
}

// reresolve rebuilds the entities with every decision applied: a full
// resolution (ingest.Pipeline.ResolveAll), whose cost grows with the
// store, unlike an ingest's.
func (m *Main) reresolve(ctx context.Context, store dossier.Store) error {
	p, err := m.pipeline(store)
	if err != nil {
		return err
	}
	return p.ResolveAll(ctx)
}

// entityArg finds the entity an argument names: an ID, or a name only one
// entity has.
func (m *Main) entityArg(ctx context.Context, store dossier.Store, arg string) (*dossier.Entity, error) {
	if strings.HasPrefix(arg, "e-") {
		ents, err := store.EntitiesByID(ctx, []string{arg})
		if err != nil {
			return nil, err
		}
		if len(ents) == 1 {
			return ents[0], nil
		}
	}
	ents, err := store.FindEntities(ctx, arg)
	if dossier.ErrorCode(err) == dossier.ENOTFOUND {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity is called %q (dossier entity list shows them)", arg)
	} else if err != nil {
		return nil, err
	}
	if len(ents) > 1 {
		var b strings.Builder
		for _, e := range ents {
			fmt.Fprintf(&b, "\n  %s  %s %q, %d mentions in %d documents", e.ID, e.Type, e.Name, len(e.Mentions), len(e.Documents))
		}
		return nil, dossier.Errorf(dossier.EINVALID, "%d entities are called %q; give one of their IDs:%s", len(ents), arg, b.String())
	}
	return ents[0], nil
}

// listEntities prints one page of the entity list, and on stderr how to
// ask for the next.
func (m *Main) listEntities(ctx context.Context, store dossier.Store, q dossier.EntityQuery, typ dossier.EntityType) error {
	if typ != "" && !typ.Valid() {
		return usageError{fmt.Sprintf("entity list: unknown type %q", typ)}
	}
	if q.Limit < 1 || q.Limit > dossier.MaxLimit {
		return usageError{fmt.Sprintf("entity list: --limit %d is not from 1 to %d", q.Limit, dossier.MaxLimit)}
	}
	if q.Sort != dossier.ByMentions && q.Sort != dossier.ByName {
		return usageError{fmt.Sprintf("entity list: unknown --sort %q (have: %s, %s)", q.Sort, dossier.ByMentions, dossier.ByName)}
	}
	pages, ok := store.(dossier.Pages)
	if !ok {
		return fmt.Errorf("entity list: this store cannot list a page at a time")
	}
	if typ != "" {
		q.Types = []dossier.EntityType{typ}
	}
	page, err := pages.EntityPage(ctx, q)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tTYPE\tNAME\tMENTIONS\tDOCUMENTS\tALIASES")
	for _, e := range page.Items {
		var other []string
		for _, a := range e.Aliases {
			if a != e.Name {
				other = append(other, a)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\n", e.ID, e.Type, e.Name, e.Mentions, e.Documents, strings.Join(other, "; "))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if page.Next != "" {
		fmt.Fprintf(m.Stderr, "%d of %d entities; next page: --cursor %s\n", len(page.Items), page.Total, page.Next)
	}
	return nil
}

func (m *Main) listDecisions(ctx context.Context, store dossier.Store) error {
	ds, err := store.Decisions(ctx)
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		fmt.Fprintln(m.Stdout, "no decisions recorded")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SEQ\tWHEN\tACTION\tENTITY\tDETAIL\tNOTE")
	for _, d := range ds {
		var detail string
		switch d.Action {
		case dossier.Merge:
			detail = "with " + strings.Join(d.Other, " / ")
		case dossier.Split:
			var parts []string
			if len(d.Names) > 0 {
				parts = append(parts, "names: "+strings.Join(d.Names, ", "))
			}
			if len(d.Documents) > 0 {
				parts = append(parts, "documents: "+strings.Join(d.Documents, ", "))
			}
			detail = strings.Join(parts, "; ")
		case dossier.Rename:
			detail = "to " + d.Name
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", d.Seq, d.At.Format("2006-01-02 15:04"), d.Action, strings.Join(d.Target, " / "), detail, d.Note)
	}
	return w.Flush()
}
