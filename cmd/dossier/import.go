package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/misp"
	"github.com/dossier-osint/dossier/stix"
)

func (m *Main) runImport(ctx context.Context, args []string) error {
	fs, db := m.flags("import", "misp-galaxy|stix FILE...", `Adds reference entities to the database. Their names and aliases help
recognise and resolve mentions in documents ingested from now on, and tie
mentions already stored to the same entity at the next resolution (run at
the end of this command). They never create a mention the text does not
contain and never count as a source for a fact.

  misp-galaxy FILE   a MISP galaxy cluster (github.com/MISP/misp-galaxy
                     clusters/*.json): each value with its synonyms or, as in
                     the terrorist-groups cluster, the aliases of meta.summary
  stix FILE          a STIX 2.1 bundle (an OpenCTI export, a dossier export
                     --format stix): threat actors and intrusion sets as
                     groups or people, identities as people or organisations,
                     locations as places, each with its aliases (aliases,
                     x_opencti_aliases) and its STIX id as external id
`)
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		return usageOrHelp(fs.Parse(args))
	}
	if len(args) == 0 {
		fs.Usage()
		return usageError{"import: give a kind (misp-galaxy or stix) and files"}
	}
	kind := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return usageOrHelp(err)
	}
	var read func(r io.Reader, path string) ([]*dossier.Reference, error)
	var describe func([]*dossier.Reference) string
	switch kind {
	case "misp-galaxy":
		read = func(r io.Reader, _ string) ([]*dossier.Reference, error) { return misp.Read(r) }
		describe = misp.Describe
	case "stix":
		read = func(r io.Reader, path string) ([]*dossier.Reference, error) { return stix.Read(r, filepath.Base(path)) }
		describe = stix.Describe
	default:
		return usageError{fmt.Sprintf("import: unknown kind %q (have: misp-galaxy, stix)", kind)}
	}
	if fs.NArg() == 0 {
		return usageError{"import " + kind + ": give at least one file"}
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
		refs, err := read(f, path)
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
		fmt.Fprintf(m.Stdout, "%s: %s (%d new, %d updated)\n", path, describe(refs), added, len(refs)-added)
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
