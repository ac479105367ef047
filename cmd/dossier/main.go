// Command dossier turns open-source reporting about armed groups into a
// sourced, reconciled picture: ingest articles, then export or profile
// what they say. Run `dossier help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK      = 0
	exitError   = 1 // the command failed
	exitUsage   = 2 // bad flags or arguments
	exitPartial = 3 // the command ran but some inputs failed
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	m.Stdin, m.Stdout, m.Stderr = os.Stdin, os.Stdout, os.Stderr
	m.Getenv = os.Getenv
	m.Terminal = term.IsTerminal(int(os.Stderr.Fd()))
	err := m.Run(ctx, os.Args[1:])
	m.Close()
	stop()
	os.Exit(m.exitCode(err))
}

// Main is the program, wired for tests to run it in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Terminal says whether Stderr is a terminal (for the progress line).
	Terminal bool
	// Listening, if set, is called with the workbench's base URL once
	// `serve` (or `demo --serve`) listens, so that a test can run the
	// server on 127.0.0.1:0 in-process and find it.
	Listening func(url string)

	store dossier.Store
	// dbFlag is the --db value the store was opened with; the gazetteer
	// loaded next to that database geocodes places (gazetteer.go).
	dbFlag string
}

// NewMain returns a Main writing nowhere; set its streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
}

// partialError says a command ran but some inputs failed; their errors
// were already printed.
type partialError struct{ failed int }

func (e partialError) Error() string { return fmt.Sprintf("%d inputs failed", e.failed) }

// usageError is a bad command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `dossier turns open-source reporting about armed groups into a sourced,
reconciled picture: actors under every spelling, each fact pinned to its sentence.

Usage:
  dossier <command> [flags] [arguments]

Commands:
  ingest    read files, folders, .jsonl or stdin into the database
  export    write the database as JSON, STIX 2.1, CSV, GeoJSON or GraphML
  profile   print the profile of an actor, found by any of its names
  conflicts list the facts the sources disagree about, with each side's sources
  entity    list entities; merge, split or rename them (kept across re-ingest)
  rebuild   re-read every stored document with this version's models
  import    add reference entities from a MISP galaxy cluster or a STIX bundle
  stats     events, casualties and places per actor, country and year
  score     impact scores per country-year and group-year (GTI method)
  gazetteer say which gazetteer geocodes places; load GeoNames dumps into it
  serve     serve the analyst's workbench (web UI and JSON API) on loopback
  demo      ingest the embedded sample corpus into a temporary database
            and print the profile of IS-K (--serve: open the workbench on it)
  eval      score the program against gold data: dossier eval ner, dossier eval events
  help      show this help, or a command's: dossier help ingest

Every command that uses a database takes --db PATH; without it the
DOSSIER_DB environment variable, then $XDG_DATA_HOME/dossier/dossier.db
(~/.local/share/dossier/dossier.db) is used.

Exit status: 0 done, 1 failed, 2 bad usage, 3 done but some inputs failed.
`

// Run runs the command line args (without the program name).
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "ingest":
		return m.runIngest(ctx, rest)
	case "export":
		return m.runExport(ctx, rest)
	case "profile":
		return m.runProfile(ctx, rest)
	case "entity":
		return m.runEntity(ctx, rest)
	case "conflicts":
		return m.runConflicts(ctx, rest)
	case "import":
		return m.runImport(ctx, rest)
	case "stats":
		return m.runStats(ctx, rest)
	case "score":
		return m.runScore(ctx, rest)
	case "gazetteer":
		return m.runGazetteer(ctx, rest)
	case "demo":
		return m.runDemo(ctx, rest)
	case "serve":
		return m.runServe(ctx, rest)
	case "eval":
		return m.runEval(ctx, rest)
	case "rebuild":
		return m.runRebuild(ctx, rest)
	case "help", "-h", "--help", "-help":
		if len(rest) > 0 && rest[0] != "help" {
			return m.Run(ctx, []string{rest[0], "-h"})
		}
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprint(m.Stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// Close releases the database.
func (m *Main) Close() error {
	if m.store != nil {
		err := m.store.Close()
		m.store = nil
		return err
	}
	return nil
}

// exitCode prints err for the user and returns the exit status.
func (m *Main) exitCode(err error) int {
	var pe partialError
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &pe):
		return exitPartial
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "dossier: %v\n", err)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(m.Stderr, "dossier: interrupted")
		return exitError
	}
	fmt.Fprintf(m.Stderr, "dossier: %v\n", err)
	return exitError
}

// flags returns a flag set for a subcommand with the --db flag.
func (m *Main) flags(name, args, doc string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	db := fs.String("db", "", "database `path` (default: $DOSSIER_DB, else "+defaultDBHint+")")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: dossier %s [flags] %s\n\n%s\nFlags:\n", name, args, doc)
		fs.PrintDefaults()
	}
	return fs, db
}

const defaultDBHint = "$XDG_DATA_HOME/dossier/dossier.db"

// dbPath resolves the database location: flag, environment, default.
func (m *Main) dbPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if v := m.Getenv("DOSSIER_DB"); v != "" {
		return v, nil
	}
	if v := m.Getenv("XDG_DATA_HOME"); v != "" {
		return filepath.Join(v, "dossier", "dossier.db"), nil
	}
	home := m.Getenv("HOME")
	if home == "" {
		return "", errors.New("no database location: give --db or set DOSSIER_DB")
	}
	return filepath.Join(home, ".local", "share", "dossier", "dossier.db"), nil
}

// open opens the store at the resolved path.
func (m *Main) open(ctx context.Context, flagValue string) (dossier.Store, error) {
	path, err := m.dbPath(flagValue)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	m.store, m.dbFlag = db, flagValue
	return db, nil
}

// pipeline wires the ingest pipeline over a store.
func (m *Main) pipeline(store dossier.Store) (*ingest.Pipeline, error) {
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	refs, err := store.References(context.Background())
	if err != nil {
		return nil, err
	}
	lex = lex.With(refs)
	gaz, err := m.gazetteer(m.dbFlag)
	if err != nil {
		return nil, err
	}
	return &ingest.Pipeline{
		Store:     store,
		Lexicon:   lex,
		Reader:    ner.New(lex),
		Gazetteer: gaz,
		Stdin:     m.Stdin,
	}, nil
}
