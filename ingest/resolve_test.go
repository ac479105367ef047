package ingest

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/examples"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/resolve"
	"github.com/dossier-osint/dossier/sqlite"
)

// textSpy is a store that records which documents Resolve reads the text
// of, so that a test can tell reuse from re-extraction.
type textSpy struct {
	dossier.Store
	read []string
}

func (s *textSpy) Texts(ctx context.Context, ids []string, fn func(*dossier.Document, []dossier.Span) error) error {
	s.read = append(s.read, ids...)
	return s.Store.Texts(ctx, ids, fn)
}

// sampleFiles writes the embedded sample corpus to a folder and returns
// the files' paths in the order a folder ingest reads them.
func sampleFiles(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	err := fs.WalkDir(examples.ISK, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(examples.ISK, p)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, filepath.Base(p))
		paths = append(paths, path)
		return os.WriteFile(path, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	if len(paths) < 3 {
		t.Fatalf("the sample corpus has %d files", len(paths))
	}
	return paths
}

// resolved is what a resolution leaves in the store, as JSON, so that a
// difference shows readably.
func resolved(t *testing.T, s dossier.Store) string {
	t.Helper()
	ctx := context.Background()
	f, err := s.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := s.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(struct {
		Entities []*dossier.Entity
		Facts    *dossier.Facts
	}{ents, f}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestResolveIncremental checks that resolving after each ingest, reusing
// stored extraction reports, leaves the same entities and facts as one
// resolution of a fresh store, and that reports are reused: an unchanged
// store reads no text again, a store given new documents reads fewer than
// all, a report that does not decode is made again, and an analyst's
// decision that moves mentions makes the documents involved read again.
func TestResolveIncremental(t *testing.T) {
	ctx := context.Background()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	reader := ner.New(lex)
	paths := sampleFiles(t)
	open := func() (*sqlite.DB, *textSpy, *Pipeline) {
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		spy := &textSpy{Store: db}
		return db, spy, &Pipeline{Store: spy, Lexicon: lex, Reader: reader, Workers: 1}
	}
	ingest := func(p *Pipeline, paths ...string) {
		t.Helper()
		if sum, err := p.Ingest(ctx, paths); err != nil || sum.Failed != 0 {
			t.Fatalf("ingest: %v (%+v)", err, sum.Failures)
		}
	}
	resolveOnce := func(p *Pipeline, spy *textSpy) []string {
		t.Helper()
		spy.read = nil
		if err := p.Resolve(ctx); err != nil {
			t.Fatal(err)
		}
		return spy.read
	}
	compare := func(what string, got, want dossier.Store) {
		t.Helper()
		g, w := resolved(t, got), resolved(t, want)
		if g != w {
			t.Errorf("%s: the store differs from a fresh one's:\n%s", what, diffLines(g, w))
		}
	}

	// From scratch: every file, one resolution.
	_, fullSpy, full := open()
	ingest(full, paths...)
	if read := resolveOnce(full, fullSpy); len(read) != len(paths) {
		t.Fatalf("a first resolution read %d texts, want %d", len(read), len(paths))
	}

	// Incremental: all but two files, resolved; the last two, resolved.
	_, incSpy, inc := open()
	ingest(inc, paths[:len(paths)-2]...)
	resolveOnce(inc, incSpy)
	ingest(inc, paths[len(paths)-2:]...)
	read := resolveOnce(inc, incSpy)
	if len(read) < 2 || len(read) >= len(paths) {
		t.Errorf("after 2 new documents, resolution read %d texts; want at least the 2 new, fewer than all %d", len(read), len(paths))
	}
	compare("ingest, resolve, ingest more, resolve", incSpy.Store, fullSpy.Store)

	// Resolved again, nothing changed: nothing is read.
	if read := resolveOnce(inc, incSpy); len(read) != 0 {
		t.Errorf("an unchanged store read %d texts again", len(read))
	}
	compare("resolved again", incSpy.Store, fullSpy.Store)

	// An analyst merges the two armed groups with the most documents: the
	// documents that mention them change input, and must be read again.
	ents, err := incSpy.Store.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var groups []*dossier.Entity
	for _, e := range ents {
		if e.Type == dossier.Group {
			groups = append(groups, e)
		}
	}
	if len(groups) < 2 {
		t.Fatalf("the sample corpus gives %d armed groups", len(groups))
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].Documents) > len(groups[j].Documents) })
	decide := func(s dossier.Store) {
		d := &dossier.Decision{Action: dossier.Merge, Target: resolve.Keys(groups[0]), Other: resolve.Keys(groups[1]), Note: "test"}
		if err := s.AddDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// Reports that do not decode are made again, not trusted.
	var broken []*dossier.ExtractionReport
	if err := incSpy.Store.ExtractionReports(ctx, func(r *dossier.ExtractionReport) error {
		r.Data = r.Data[:len(r.Data)/2]
		broken = append(broken, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := incSpy.Store.PutExtractionReports(ctx, broken); err != nil {
		t.Fatal(err)
	}
	if read := resolveOnce(inc, incSpy); len(read) != len(broken) {
		t.Errorf("with %d reports broken, resolution read %d texts", len(broken), len(read))
	}
	compare("reports broken", incSpy.Store, fullSpy.Store)

	decide(incSpy.Store)
	if read := resolveOnce(inc, incSpy); len(read) == 0 {
		t.Errorf("a merge of %s and %s read no text again", groups[0].Name, groups[1].Name)
	}
	_, freshSpy, fresh := open()
	ingest(fresh, paths...)
	decide(freshSpy.Store)
	resolveOnce(fresh, freshSpy)
	compare("after a merge decision", incSpy.Store, freshSpy.Store)
}

// diffLines shows the first lines where two texts differ, with context.
func diffLines(got, want string) string {
	g, w := splitLines(got), splitLines(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(0, i-5)
	out := ""
	for j := from; j < i+5; j++ {
		if j < len(g) {
			out += "got:  " + g[j] + "\n"
		}
		if j < len(w) {
			out += "want: " + w[j] + "\n"
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}
