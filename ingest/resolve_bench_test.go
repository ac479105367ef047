package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
)

// satpInput writes the texts of the SATP gold set as a JSONL input (the
// gold set has no ids) and returns its path, the number of documents and
// their total text bytes. It skips b when the gold set is absent.
func satpInput(b *testing.B) (path string, docs, bytes int) {
	b.Helper()
	paths, docs, bytes := satpInputs(b, 1)
	return paths[0], docs, bytes
}

// satpInputs is satpInput split in two JSONL files: the documents before
// the last 1/tail of them, and that tail (tail 1 puts them all in one).
func satpInputs(b *testing.B, tail int) (paths []string, docs, bytes int) {
	b.Helper()
	src := filepath.Join("..", "..", "shared", "data", "satp", "dev.jsonl")
	f, err := os.Open(src)
	if err != nil {
		b.Skipf("SATP gold set not found: %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatalf("%s:%d: %v", src, len(texts)+1, err)
		}
		texts = append(texts, rec.Text)
		bytes += len(rec.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("%s: %v", src, err)
	}
	split := len(texts)
	if tail > 1 {
		split -= len(texts) / tail
	}
	write := func(name string, from, to int) {
		path := filepath.Join(b.TempDir(), name)
		out, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		enc := json.NewEncoder(out)
		for i := from; i < to; i++ {
			if err := enc.Encode(map[string]any{"id": i + 1, "text": texts[i]}); err != nil {
				b.Fatal(err)
			}
		}
		if err := out.Close(); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, path)
	}
	write("satp.jsonl", 0, split)
	if split < len(texts) {
		write("satp-tail.jsonl", split, len(texts))
	}
	return paths, len(texts), bytes
}

// BenchmarkResolveSATP measures what issue 4 asks to keep at 2 MB/s per
// core: event extraction plus a full resolution (Pipeline.ResolveAll:
// clustering, claims, extraction, merging and both replacements, the path
// of decisions; an ingest's is BenchmarkBatch's) over the 5,021 SATP
// summaries, MB/s counting all their text. Each iteration resolves a copy
// of a store prepared outside the timer:
//
//   - first: all the summaries freshly ingested, never resolved: what the
//     first "dossier ingest" of a corpus pays, every row written;
//   - added: the first 95% ingested and resolved, then the last 5%
//     ingested: what a later ingest of a few new documents pays;
//   - unchanged: the whole store resolved, resolved again.
//
// MB/cpu-s is text per CPU second of the process spent in Resolve alone.
//
//	go test ./ingest -run XXX -bench ResolveSATP -benchtime 3x -benchmem -cpu 1
func BenchmarkResolveSATP(b *testing.B) {
	inputs, docs, bytes := satpInputs(b, 20)
	lex, err := lexicon.Load()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	reader := ner.New(lex)
	dir := b.TempDir()
	open := func(path string) (*sqlite.DB, *Pipeline) {
		store, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		return store, &Pipeline{Store: store, Lexicon: lex, Reader: reader}
	}
	ingest := func(p *Pipeline, input string) {
		if sum, err := p.Ingest(ctx, []string{input}); err != nil || sum.Failed != 0 {
			b.Fatalf("ingest %s: %v (%d failed)", input, err, sum.Failed)
		}
	}
	resolve := func(p *Pipeline) {
		if err := p.ResolveAll(ctx); err != nil {
			b.Fatal(err)
		}
	}
	// Three stores, each closed (so its WAL is checkpointed into the one
	// file) before it is copied, each made when a benchmark first needs it.
	first, added, unchanged := filepath.Join(dir, "first.db"), filepath.Join(dir, "added.db"), filepath.Join(dir, "unchanged.db")
	made := map[string]bool{}
	var prepare func(path string)
	prepare = func(path string) {
		if made[path] {
			return
		}
		made[path] = true
		var store *sqlite.DB
		var p *Pipeline
		switch path {
		case first:
			store, p = open(first)
			ingest(p, inputs[0])
			ingest(p, inputs[1])
		case added:
			store, p = open(added)
			ingest(p, inputs[0])
			resolve(p)
			ingest(p, inputs[1])
		case unchanged:
			prepare(first)
			copyFile(b, first, unchanged)
			store, p = open(unchanged)
			resolve(p)
		}
		store.Close()
	}

	for _, bc := range []struct{ name, db string }{{"first", first}, {"added", added}, {"unchanged", unchanged}} {
		b.Run(bc.name, func(b *testing.B) {
			prepare(bc.db)
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			var cpu float64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				path := filepath.Join(b.TempDir(), "satp.db")
				copyFile(b, bc.db, path)
				store, p := open(path)
				c := cpuTime()
				b.StartTimer()
				resolve(p)
				b.StopTimer()
				cpu += cpuTime() - c
				store.Close()
			}
			if cpu > 0 {
				// MB of text per CPU second: with -cpu 1, the per-core figure.
				b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu, "MB/cpu-s")
			}
			b.ReportMetric(float64(docs), "docs")
		})
	}
}

// BenchmarkBatch measures what an ingest's resolution costs (Pipeline.
// Resolve: one batch of 500 SATP summaries clustered against the stored
// entities, extracted, merged into the stored incidents and written) as
// the store grows: 0, 1,500 and 4,500 summaries already stored and
// resolved. Flat ns/op across the sizes is what incremental resolution
// is for. Each iteration resolves the batch in a copy of a store prepared
// outside the timer.
//
//	go test ./ingest -run XXX -bench Batch -benchtime 3x -benchmem -cpu 1
func BenchmarkBatch(b *testing.B) {
	inputs, _, _ := satpInputs(b, 1)
	lex, err := lexicon.Load()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	reader := ner.New(lex)
	// The first 5,000 summaries: the stored ones, then the batch.
	parts := splitJSONL(b, inputs[0], 1500, 3000, 4500, 5000)
	for _, n := range []int{0, 1500, 4500} {
		b.Run(fmt.Sprintf("stored=%d", n), func(b *testing.B) {
			base := filepath.Join(b.TempDir(), "base.db")
			store, err := sqlite.Open(ctx, base)
			if err != nil {
				b.Fatal(err)
			}
			p := &Pipeline{Store: store, Lexicon: lex, Reader: reader}
			for i := 0; i < n/1500; i++ {
				if _, err := p.Ingest(ctx, []string{parts[i]}); err != nil {
					b.Fatal(err)
				}
				if err := p.Resolve(ctx); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := p.Ingest(ctx, []string{parts[3]}); err != nil {
				b.Fatal(err)
			}
			store.Close()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				path := filepath.Join(b.TempDir(), "satp.db")
				copyFile(b, base, path)
				store, err := sqlite.Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				p := &Pipeline{Store: store, Lexicon: lex, Reader: reader}
				b.StartTimer()
				if err := p.Resolve(ctx); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				store.Close()
			}
		})
	}
}

// splitJSONL writes the lines of a JSONL file before each of ends (the
// first from line 0, each next from the end before) to files of their own.
func splitJSONL(b *testing.B, path string, ends ...int) []string {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	lines := slices.Collect(func(yield func([]byte) bool) {
		for len(data) > 0 {
			i := slices.Index(data, '\n')
			if i < 0 {
				i = len(data) - 1
			}
			if !yield(data[:i+1]) {
				return
			}
			data = data[i+1:]
		}
	})
	var out []string
	from := 0
	for k, end := range ends {
		end = min(end, len(lines))
		p := filepath.Join(b.TempDir(), fmt.Sprintf("part-%d.jsonl", k))
		var buf []byte
		for _, l := range lines[from:end] {
			buf = append(buf, l...)
		}
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			b.Fatal(err)
		}
		out = append(out, p)
		from = end
	}
	return out
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(fmt.Errorf("copy %s: %w", from, err))
	}
}

// BenchmarkExtractResolve measures Compute, the computation of a
// resolution without its storage, over the same 5,021 SATP summaries as
// BenchmarkResolveSATP, MB/s counting all their text. Outside the timer,
// the summaries are ingested once into a store and its mentions, texts and
// sentence spans are read into memory; each iteration gives Compute a
// fresh copy of the mentions and reads texts from memory.
//
// It includes clustering (resolve.EntitiesWith), geocoding (geo.Locate,
// with no gazetteer, as BenchmarkResolveSATP), the extraction inputs and
// their digests, the sentence claims, extract.Read, encoding the fresh
// reports for storing, and extract.Merge. It excludes everything the store
// does: reading mentions, texts and stored reports, and writing reports,
// entities and facts (ReplaceEntities, ReplaceFacts, their commits).
//
//   - first: no stored reports: every document is read and extracted, as
//     in a first resolution;
//   - unchanged: every document's report comes from the previous
//     resolution (given already encoded, as the store keeps them), as in
//     a re-resolution of an unchanged store.
//
// MB/cpu-s is text per CPU second of the process spent in Compute alone.
//
//	go test ./ingest -run XXX -bench ExtractResolve -benchtime 3x -benchmem -cpu 1
func BenchmarkExtractResolve(b *testing.B) {
	input, docs, bytes := satpInput(b)
	lex, err := lexicon.Load()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "satp.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	p := &Pipeline{Store: store, Lexicon: lex, Reader: ner.New(lex)}
	if sum, err := p.Ingest(ctx, []string{input}); err != nil || sum.Failed != 0 {
		b.Fatalf("ingest %s: %v (%d failed)", input, err, sum.Failed)
	}
	var mentions []dossier.Mention
	if err := store.Mentions(ctx, func(m dossier.Mention) error {
		mentions = append(mentions, m)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	stored, err := store.Documents(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(stored))
	for i, d := range stored {
		ids[i] = d.ID
	}
	texts := memoryTexts{}
	if err := store.Texts(ctx, ids, func(doc *dossier.Document, spans []dossier.Span) error {
		texts[doc.ID] = textOf{doc, spans}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	in := func() *Inputs {
		return &Inputs{Lexicon: lex, Mentions: slices.Clone(mentions), Texts: texts.source}
	}
	// The reports of a first resolution, as the store would give them back.
	res, err := Compute(ctx, in())
	if err != nil {
		b.Fatal(err)
	}
	reports := res.Fresh

	for _, bc := range []struct {
		name   string
		stored ReportSource
	}{
		{"first", nil},
		{"unchanged", func(_ context.Context, fn func(*dossier.ExtractionReport) error) error {
			for _, r := range reports {
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			var cpu float64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				w := in()
				w.Stored = bc.stored
				c := cpuTime()
				b.StartTimer()
				if _, err := Compute(ctx, w); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuTime() - c
			}
			if cpu > 0 {
				// MB of text per CPU second: with -cpu 1, the per-core figure.
				b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu, "MB/cpu-s")
			}
			b.ReportMetric(float64(docs), "docs")
		})
	}
}

// textOf is one document as a TextSource gives it.
type textOf struct {
	doc   *dossier.Document
	spans []dossier.Span
}

// memoryTexts is a TextSource over documents held in memory, giving them
// in ID order as the store does.
type memoryTexts map[string]textOf

func (m memoryTexts) source(_ context.Context, ids []string, fn func(*dossier.Document, []dossier.Span) error) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for _, id := range ids {
		t, ok := m[id]
		if !ok {
			continue
		}
		// A copy: a reader may keep what it is given.
		doc := *t.doc
		if err := fn(&doc, slices.Clone(t.spans)); err != nil {
			return err
		}
	}
	return nil
}
