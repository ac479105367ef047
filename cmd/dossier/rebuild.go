package main

import (
	"context"
	"fmt"
	"time"

	"github.com/dossier-osint/dossier/ingest"
)

func (m *Main) runRebuild(ctx context.Context, args []string) error {
	fs, db := m.flags("rebuild", "", `Re-reads every stored document with the models of this version (after an
upgrade): entities, events, relations and attributes are made again from the
stored documents, a batch of documents at a time, in bounded memory.
Analysts' decisions and imported references are kept and applied again.
A killed rebuild leaves the batches it finished; run it again, or any
ingest, to finish it: both take the documents not resolved yet.
`)
	quiet := fs.Bool("q", false, "no progress line")
	batch := fs.Int("batch", ingest.DefaultBatchDocs, "documents resolved per `batch`")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() > 0 {
		return usageError{"rebuild: unexpected arguments"}
	}
	if *batch <= 0 {
		return usageError{"rebuild: --batch must be positive"}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	p, err := m.pipeline(store)
	if err != nil {
		return err
	}
	p.BatchDocs = *batch
	start := time.Now()
	if !*quiet {
		p.ResolveProgress = m.resolveProgress(start)
	}
	if err := p.Rebuild(ctx); err != nil {
		return err
	}
	m.endProgress(!*quiet)
	fmt.Fprintf(m.Stderr, "rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// resolveProgress returns a Pipeline.ResolveProgress that shows, on a
// terminal, the documents resolved of the total, the rate and the time
// left; elsewhere it says nothing.
func (m *Main) resolveProgress(start time.Time) func(done, total int) {
	if !m.Terminal {
		return nil
	}
	return func(done, total int) {
		elapsed := time.Since(start)
		eta := "?"
		if done > 0 && total >= done {
			eta = (time.Duration(float64(elapsed) / float64(done) * float64(total-done))).Round(time.Second).String()
		}
		pct := 100.0
		if total > 0 {
			pct = 100 * float64(done) / float64(total)
		}
		fmt.Fprintf(m.Stderr, "\r\033[Kresolving %d/%d documents (%.0f%%)  %.0f/s  %s left",
			done, total, pct, float64(done)/max(elapsed.Seconds(), 1e-3), eta)
	}
}

// endProgress clears the progress line, if one was shown.
func (m *Main) endProgress(shown bool) {
	if shown && m.Terminal {
		fmt.Fprint(m.Stderr, "\r\033[K")
	}
}
