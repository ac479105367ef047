package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dossier-osint/dossier/examples"
)

func (m *Main) runDemo(ctx context.Context, args []string) error {
	fset, _ := m.flags("demo", "", `Ingests the five sample articles embedded in the binary (examples/isk) into
a temporary database and prints the profile of IS-K. Nothing else needs to
be installed or started. --db keeps the database at a path of your choice.
With --serve it opens the workbench on that database instead of printing
the profile, until interrupted.
`)
	format := fset.String("format", "md", "profile `format`: md or json")
	full := fset.Bool("full", false, "print the full profile, not a summary")
	name := fset.String("name", "IS-K", "whose profile to print")
	serve := fset.Bool("serve", false, "serve the workbench on the demo database until interrupted")
	addr := fset.String("addr", "127.0.0.1:8080", "with --serve: `address` to listen on")
	if err := fset.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	dir, err := os.MkdirTemp("", "dossier-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(dir)
	corpus := filepath.Join(dir, "isk")
	if err := writeFS(examples.ISK, "isk", corpus); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	dbFlag := fset.Lookup("db").Value.String()
	if dbFlag == "" {
		dbFlag = filepath.Join(dir, "demo.db")
	}
	store, err := m.open(ctx, dbFlag)
	if err != nil {
		return err
	}
	p, err := m.pipeline(store)
	if err != nil {
		return err
	}
	if err := m.ingest(ctx, p, []string{corpus}, false); err != nil {
		return err
	}
	fmt.Fprintln(m.Stderr)
	if *serve {
		return m.serve(ctx, store, serveOptions{addr: *addr})
	}
	return m.profile(ctx, store, *name, *format, *full)
}

// writeFS copies the files under root in fsys into the folder dst.
func writeFS(fsys fs.FS, root, dst string) error {
	return fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
