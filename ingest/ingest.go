// Package ingest runs the pipeline over inputs: acquire (files, folders,
// JSONL, stdin), clean, read, store; then resolve mentions across the whole
// store into entities. Every dependency arrives in the Pipeline value; the
// stages themselves are plain functions in their own packages.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/clean"
	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/resolve"
)

// DefaultMaxSize is the largest document read by default.
const DefaultMaxSize = 32 << 20

// Pipeline ingests documents into a store.
type Pipeline struct {
	Store   dossier.Store
	Lexicon *lexicon.Lexicon
	Reader  *ner.Recognizer
	// Gazetteer, if set, geocodes place entities after resolution (geo.Locate).
	Gazetteer *geonames.Gazetteer
	// Workers clean and read documents in parallel; 0 means one per CPU.
	Workers int
	// MaxSize is the largest document in bytes; 0 means DefaultMaxSize.
	MaxSize int64
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Progress, if set, is called after each document with the counts so
	// far. It runs on the writing goroutine: keep it quick.
	Progress func(Summary)
	// Now stamps documents; nil means time.Now.
	Now func() time.Time
	// BatchDocs is how many documents Resolve takes at a time; 0 means
	// DefaultBatchDocs.
	BatchDocs int
	// ResolveProgress, if set, is called by Resolve before the first
	// batch and after each with the documents resolved so far and the
	// total to resolve.
	ResolveProgress func(done, total int)
}

// Summary counts what an ingest did.
type Summary struct {
	Added, Unchanged, Failed int
	// Failures hold one error per failed input, each naming the file (and
	// line) and the reason.
	Failures []error
}

type job struct {
	seq int
	item
	reading *dossier.Reading
	known   bool // already stored: not cleaned, read or written again
}

// Ingest reads every input, stores each document that is new and returns
// the counts. A bad input is a failure in the summary and the batch goes
// on; the error return is for what stops the whole batch (the store
// failing, the context ending). Documents are committed in input order, a
// group at a time (storeGroup), and counted once committed, so a run
// killed midway keeps every document reported done.
func (p *Pipeline) Ingest(ctx context.Context, paths []string) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	max := p.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	in := make(chan job, workers)
	out := make(chan job, workers)

	// Acquire: one goroutine reads inputs in order.
	go func() {
		defer close(in)
		seq := 0
		send := func(it item) error {
			select {
			case in <- job{seq: seq, item: it}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		walk(paths, func(path string, err error) error {
			if err != nil {
				return send(item{err: fmt.Errorf("%s: %w", path, err)})
			}
			if Format(path) == "jsonl" {
				return readJSONL(path, max, send)
			}
			doc, err := readFile(path, p.Stdin, max)
			if err != nil {
				err = fmt.Errorf("%s: %w", path, err)
			}
			return send(item{doc: doc, err: err})
		})
	}()

	// Clean and read in parallel.
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				if j.err == nil {
					j.known, j.err = p.known(ctx, j.doc)
				}
				if j.err == nil && !j.known {
					j.reading, j.err = p.prepare(j.doc)
				}
				select {
				case out <- j:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	// Store in input order. A store that can (dossier.DocumentBatcher)
	// takes the documents ready within groupWait, up to groupDocs, in one
	// transaction: a commit a document was most of an ingest's time.
	// Counts and progress follow each commit, so a run killed midway
	// keeps every document reported done.
	var sum Summary
	pending := map[int]job{}
	next := 0
	var group []job
	flush := func() error {
		err := p.storeGroup(ctx, group, &sum)
		group = group[:0]
		return err
	}
	tick := time.NewTicker(groupWait)
	defer tick.Stop()
	for open := true; open; {
		select {
		case j, ok := <-out:
			if !ok {
				open = false
				break
			}
			pending[j.seq] = j
			for {
				j, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				group = append(group, j)
			}
			if len(group) < groupDocs {
				continue
			}
		case <-tick.C:
			if len(group) == 0 {
				continue
			}
		}
		if err := flush(); err != nil {
			return sum, err
		}
	}
	if len(group) > 0 {
		if err := flush(); err != nil {
			return sum, err
		}
	}
	return sum, ctx.Err()
}

// known hashes the document's bytes into its ID and reports whether the
// store already holds it, so re-ingesting costs a hash, not a reading.
func (p *Pipeline) known(ctx context.Context, doc *dossier.Document) (bool, error) {
	sum := sha256.Sum256(doc.Raw)
	doc.ID = hex.EncodeToString(sum[:])
	ok, err := p.Store.HasDocument(ctx, doc.ID)
	if err != nil {
		return false, fmt.Errorf("%s: %w", doc.Source, err)
	}
	return ok, nil
}

// prepare cleans and reads one document. A panic in a stage is an error
// about this document, never the end of the batch.
func (p *Pipeline) prepare(doc *dossier.Document) (rd *dossier.Reading, err error) {
	defer func() {
		if r := recover(); r != nil {
			rd, err = nil, fmt.Errorf("%s: %w", doc.Source, dossier.Errorf(dossier.EINTERNAL, "internal error while reading the document: %v", r))
		}
	}()
	if err := clean.Document(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", doc.Source, err)
	}
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	doc.IngestedAt = now().UTC()
	return p.Reader.Read(doc), nil
}

// groupDocs and groupWait bound a group of documents stored in one
// transaction: so many documents, or those ready within so long.
const (
	groupDocs = 256
	groupWait = 200 * time.Millisecond
)

// storeGroup stores jobs, in order, and counts them, calling Progress
// after each: in one transaction when the store is a
// dossier.DocumentBatcher, else one at a time.
func (p *Pipeline) storeGroup(ctx context.Context, jobs []job, sum *Summary) error {
	progress := func() {
		if p.Progress != nil {
			p.Progress(*sum)
		}
	}
	b, ok := p.Store.(dossier.DocumentBatcher)
	if !ok {
		for _, j := range jobs {
			if err := p.store(ctx, j, sum); err != nil {
				return err
			}
			progress()
		}
		return nil
	}
	var docs []dossier.NewDocument
	for _, j := range jobs {
		if j.err == nil && !j.known {
			docs = append(docs, dossier.NewDocument{Document: j.doc, Reading: j.reading})
		}
	}
	var res []dossier.IngestResult
	var errs []error
	if len(docs) > 0 {
		var err error
		if res, errs, err = b.PutDocuments(ctx, docs); err != nil {
			return fmt.Errorf("store %s: %w", docs[0].Document.Source, err)
		}
	}
	i := 0
	for _, j := range jobs {
		switch {
		case j.err != nil:
			sum.Failed++
			sum.Failures = append(sum.Failures, j.err)
		case j.known:
			sum.Unchanged++
		case errs[i] != nil:
			sum.Failed++
			sum.Failures = append(sum.Failures, fmt.Errorf("%s: %w", j.doc.Source, errs[i]))
			i++
		case res[i] == dossier.Added:
			sum.Added++
			i++
		default:
			sum.Unchanged++
			i++
		}
		progress()
	}
	return nil
}

func (p *Pipeline) store(ctx context.Context, j job, sum *Summary) error {
	if j.err != nil {
		sum.Failed++
		sum.Failures = append(sum.Failures, j.err)
		return nil
	}
	if j.known {
		sum.Unchanged++
		return nil
	}
	res, err := p.Store.PutDocument(ctx, j.doc, j.reading)
	if err != nil {
		if dossier.ErrorCode(err) == dossier.EINVALID {
			sum.Failed++
			sum.Failures = append(sum.Failures, fmt.Errorf("%s: %w", j.doc.Source, err))
			return nil
		}
		return fmt.Errorf("store %s: %w", j.doc.Source, err)
	}
	if res == dossier.Added {
		sum.Added++
	} else {
		sum.Unchanged++
	}
	return nil
}

// ResolveAll clusters every stored mention into entities, attaches the
// sentences that mention them as claims, extracts events, relations and
// attributes, and replaces the stored entities and facts; it then
// rebuilds the entity index of incremental resolution (Resolve). Its cost
// grows with the store: it is the full re-resolution that decisions and
// rebuilds need, not the path of an ingest.
//
// Extraction is the costly part of a re-resolution, and most documents'
// input to it does not change when a few documents are added: their
// mentions land in the same entities. Each document's report is stored
// with a digest of that input (extract.Version included) and reused while
// the digest matches; only the other documents are read and extracted
// (see reports.go). The result is the same as extracting every document.
//
// The computation is Compute's; ResolveAll reads its inputs from the store
// and writes its results back, so that each part can be measured alone.
func (p *Pipeline) ResolveAll(ctx context.Context) error {
	var mentions []dossier.Mention
	if err := p.Store.Mentions(ctx, func(m dossier.Mention) error {
		mentions = append(mentions, m)
		return nil
	}); err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	decisions, err := p.Store.Decisions(ctx)
	if err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	res, err := Compute(ctx, &Inputs{
		Lexicon:   p.Lexicon,
		Gazetteer: p.Gazetteer,
		Mentions:  mentions,
		Decisions: decisions,
		Texts:     p.Store.Texts,
		Stored:    p.Store.ExtractionReports,
	})
	if err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	if err := p.Store.PutExtractionReports(ctx, res.Fresh); err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	if err := p.Store.ReplaceEntities(ctx, res.Entities); err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	if err := p.Store.ReplaceFacts(ctx, res.Facts); err != nil {
		return fmt.Errorf("resolve: facts: %w", err)
	}
	if r, ok := p.Store.(dossier.Resolver); ok {
		if err := r.ReplaceIndex(ctx, resolve.Index(res.Entities), res.Incidents); err != nil {
			return fmt.Errorf("resolve: %w", err)
		}
	}
	return nil
}
