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
with outlet and date, and the sentences about it, each cited as
"[n] Outlet, date".
`)
	format := fs.String("format", "md", "output `format`: md or json")
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
	return m.profile(ctx, store, strings.Join(fs.Args(), " "), *format)
}

func (m *Main) profile(ctx context.Context, store dossier.Store, name, format string) error {
	p, err := profile.Build(ctx, store, name)
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
