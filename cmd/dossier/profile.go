package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/profile"
)

func (m *Main) runProfile(ctx context.Context, args []string) error {
	fs, db := m.flags("profile", "NAME", `Prints the profile of the entity called NAME (any alias, any case): its
names with how often and where each was seen, the documents that mention it
with outlet and date, the facts extracted about it and the sentences about
it, each cited as "[n] Outlet, date".

By default the profile is a summary: each section shows at most 20 entries
(the most used names, the most recently published documents with a few
sentences from each, the most recent events, the first relations and
statements of each fact) and says how many there are in all, so that it
stays short however much the sources say. --full prints every entry, read
from the whole store.
`)
	format := fs.String("format", "md", "output `format`: md or json")
	full := fs.Bool("full", false, "print every name, document, sentence, event and relation, not a summary")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"profile: give a name"}
	}
	if *format != "md" && *format != "json" {
		return usageError{fmt.Sprintf("profile: unknown format %q (have: md, json)", *format)}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	return m.profile(ctx, store, strings.Join(fs.Args(), " "), *format, *full)
}

// profile prints the profile of the entity called name: a summary, or
// with full every entry.
func (m *Main) profile(ctx context.Context, store dossier.Store, name, format string, full bool) error {
	var p *profile.Profile
	var err error
	pages, ok := store.(dossier.Pages)
	if full || !ok {
		p, err = profile.Build(ctx, store, name)
	} else {
		p, err = profile.Summary(ctx, pages, name)
	}
	if err != nil {
		if dossier.ErrorCode(err) == dossier.ENOTFOUND {
			return fmt.Errorf("profile: no entity is called %q", name)
		}
		return err
	}
	if format == "json" {
		return p.JSON(m.Stdout)
	}
	return p.Markdown(m.Stdout)
}
