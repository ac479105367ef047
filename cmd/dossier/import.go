package main

import (
	"context"
	"fmt"
	"os"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/misp"
)

func (m *Main) runImport(ctx context.Context, args []string) error {
	fs, db := m.flags("import", "misp-galaxy FILE...", `Adds reference entities to the database. Their names and aliases help
recognise and resolve mentions in documents ingested from now on, and tie
mentions already stored to the same entity at the next resolution (run at
the end of this command). They never create a mention the text does not
contain and never count as a source for a fact.

  misp-galaxy FILE   a MISP galaxy cluster (github.com/MISP/misp-galaxy
                     clusters/*.json): each value with its synonyms or, as in
                     the terrorist-groups cluster, the aliases of meta.summary
`)
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		return usageOrHelp(fs.Parse(args))
	}
	if len(args) == 0 {
		fs.Usage()
		return usageError{"import: give a kind (misp-galaxy) and files"}
	}
	kind := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return usageOrHelp(err)
	}
	if kind != "misp-galaxy" {
		return usageError{fmt.Sprintf("import: unknown kind %q (have: misp-galaxy)", kind)}
	}
	if fs.NArg() == 0 {
		return usageError{"import misp-galaxy: give at least one file"}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	failed := 0
	for _, path := range fs.Args() {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(m.Stderr, "dossier: import %s: %v\n", path, err)
			failed++
			continue
		}
		refs, err := misp.Read(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(m.Stderr, "dossier: import %s: %s\n", path, dossier.ErrorMessage(err))
			failed++
			continue
		}
		added, err := store.PutReferences(ctx, refs)
		if err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
		fmt.Fprintf(m.Stdout, "%s: %s (%d new, %d updated)\n", path, misp.Describe(refs), added, len(refs)-added)
	}
	if failed == len(fs.Args()) {
		return fmt.Errorf("import: no file could be read")
	}
	if err := m.reresolve(ctx, store); err != nil {
		return err
	}
	if failed > 0 {
		return partialError{failed}
	}
	return nil
}
