package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/dossier-osint/dossier/export"
)

func (m *Main) runExport(ctx context.Context, args []string) error {
	fs, db := m.flags("export", "", `Writes the database in the native JSON format (contract v1: documents,
entities, events, relations, claims; see export/schema/). Every entity lists
the claims (sentences) that mention it; every claim's quote is the cleaned
text at its span.
`)
	format := fs.String("format", "json", "output `format`: json")
	withText := fs.Bool("with-text", false, "include each document's cleaned text")
	withMentions := fs.Bool("with-mentions", false, "include each entity's mentions with their spans")
	out := fs.String("o", "-", "output `file` (- for stdout)")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if *format != "json" {
		return usageError{fmt.Sprintf("export: unknown format %q (have: json)", *format)}
	}
	if fs.NArg() > 0 {
		return usageError{"export: unexpected arguments"}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	w := m.Stdout
	var f *os.File
	if *out != "-" {
		if f, err = os.Create(*out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	if err := export.JSON(ctx, bw, store, export.Options{WithText: *withText, WithMentions: *withMentions}); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		return f.Close()
	}
	return nil
}

// usageOrHelp turns a flag parse error into a usage error; -h is not one.
func usageOrHelp(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err.Error()}
}
