package main

import (
	"context"
	"fmt"
	"time"

	"github.com/dossier-osint/dossier/ingest"
)

func (m *Main) runIngest(ctx context.Context, args []string) error {
	fs, db := m.flags("ingest", "PATH...", `Reads files and folders (recursively) of .txt, .md, .html/.htm and .jsonl
(one article a line: "id", "text" or "html", optional "title", "url",
"published", "outlet", "authors"), or one document from stdin for "-".
Each document is stored under the SHA-256 of its bytes: ingesting the same
bytes again changes nothing. A bad input is reported with its file (and
line) and the rest goes on; the exit status is 3 if any input failed.
After storing, the new documents' mentions are resolved into entities
across the database, a batch at a time: an ingest's cost follows what it
adds, not the size of the database.
`)
	maxSize := fs.Int64("max-size", ingest.DefaultMaxSize, "largest document in `bytes`")
	quiet := fs.Bool("q", false, "no progress line")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"ingest: give at least one path (or - for stdin)"}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	p, err := m.pipeline(store)
	if err != nil {
		return err
	}
	p.MaxSize = *maxSize
	return m.ingest(ctx, p, fs.Args(), !*quiet)
}

// ingest runs the pipeline over paths, reports failures and the summary,
// and resolves entities.
func (m *Main) ingest(ctx context.Context, p *ingest.Pipeline, paths []string, progress bool) error {
	start := time.Now()
	if progress && m.Terminal {
		last := time.Time{}
		p.Progress = func(s ingest.Summary) {
			if time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			n := s.Added + s.Unchanged + s.Failed
			rate := float64(n) / time.Since(start).Seconds()
			fmt.Fprintf(m.Stderr, "\r\033[K%s %d documents  %.0f/s  (%d added, %d unchanged, %d failed)",
				spinner(n), n, rate, s.Added, s.Unchanged, s.Failed)
		}
	}
	sum, err := p.Ingest(ctx, paths)
	if progress && m.Terminal {
		fmt.Fprint(m.Stderr, "\r\033[K")
	}
	for _, f := range sum.Failures {
		fmt.Fprintf(m.Stderr, "error: %v\n", f)
	}
	if err != nil {
		return err
	}
	// Resolve when documents were added, or when an earlier run stored
	// documents but was stopped before it resolved them.
	stale := sum.Added > 0
	if !stale {
		if stale, err = p.Store.Unresolved(ctx); err != nil {
			return err
		}
	}
	if stale {
		if progress {
			p.ResolveProgress = m.resolveProgress(time.Now())
		}
		err := p.Resolve(ctx)
		m.endProgress(progress)
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(m.Stderr, "ingested %d documents in %s: %d added, %d unchanged, %d failed\n",
		sum.Added+sum.Unchanged+sum.Failed, time.Since(start).Round(time.Millisecond), sum.Added, sum.Unchanged, sum.Failed)
	if sum.Failed > 0 {
		return partialError{sum.Failed}
	}
	return nil
}

func spinner(n int) string { return string(`|/-\`[n%4]) }
