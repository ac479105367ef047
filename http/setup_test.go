package http

// Test fixtures: a real SQLite database filled by the real ingest pipeline
// from the embedded sample corpus, served by a real server on 127.0.0.1:0.
// Facts (events, relations, attributes) are hand-made from the stored
// sentences with ReplaceFacts, because extraction does not fill them yet;
// they cite real claims, so every link they make can be followed.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/examples"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
)

// corpusDB ingests the sample corpus (and any extra files, name to text)
// into a new database in dir.
func corpusDB(dir string, extra map[string]string) (*sqlite.DB, error) {
	ctx := context.Background()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		return nil, err
	}
	if err := writeCorpus(in); err != nil {
		return nil, err
	}
	for name, text := range extra {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "test.db"))
	if err != nil {
		return nil, err
	}
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	p := &ingest.Pipeline{Store: db, Lexicon: lex, Reader: ner.New(lex), Stdin: strings.NewReader("")}
	sum, err := p.Ingest(ctx, []string{in})
	if err == nil && sum.Failed > 0 {
		err = fmt.Errorf("ingest failures: %v", sum.Failures)
	}
	if err == nil {
		err = p.Resolve(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// newCorpusDB is corpusDB in the test's temporary directory.
func newCorpusDB(t testing.TB, extra map[string]string) *sqlite.DB {
	t.Helper()
	db, err := corpusDB(t.TempDir(), extra)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func writeCorpus(dst string) error {
	entries, err := examples.ISK.ReadDir("isk")
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := examples.ISK.ReadFile("isk/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// fixture names the entities and claims the hand-made facts use.
type fixture struct {
	isk, taliban, kabul string
	docs                []string // two documents that mention IS-K and Kabul
	claims              []dossier.Claim
}

// find returns the ID of the entity called name, failing the test if none.
func find(t testing.TB, st dossier.Store, name string) *dossier.Entity {
	t.Helper()
	ents, err := st.FindEntities(context.Background(), name)
	if err != nil {
		t.Fatalf("find %q: %v", name, err)
	}
	return ents[0]
}

// addFacts stores hand-made facts citing real sentences of the corpus:
// an attack in Kabul whose death toll two sources give differently, a
// rivalry, a founding date the sources disagree on and a size estimate.
func addFacts(t testing.TB, st dossier.Store) fixture {
	t.Helper()
	ctx := context.Background()
	isk, taliban, kabul := find(t, st, "IS-K"), find(t, st, "Taliban"), find(t, st, "Kabul")
	f := fixture{isk: isk.ID, taliban: taliban.ID, kabul: kabul.ID}
	// One IS-K sentence from each of two documents that also mention Kabul.
	inKabul := map[string]bool{}
	for _, d := range kabul.Documents {
		inKabul[d] = true
	}
	seen := map[string]bool{}
	for _, c := range isk.Claims {
		if inKabul[c.Document] && !seen[c.Document] {
			seen[c.Document] = true
			f.docs = append(f.docs, c.Document)
			f.claims = append(f.claims, c)
		}
		if len(f.claims) == 2 {
			break
		}
	}
	if len(f.claims) < 2 {
		t.Fatalf("fixture: fewer than two documents mention IS-K and Kabul")
	}
	c0, c1 := f.claims[0], f.claims[1]
	n85 := 85
	facts := &dossier.Facts{
		Claims: f.claims,
		Events: []*dossier.Event{{
			ID: "ev-kabul", Type: dossier.Attack, Subtype: "suicide bombing", Date: "2021-08-26", Place: f.kabul,
			Perpetrators: []string{f.isk}, Targets: []string{f.taliban}, Claimants: []string{f.isk},
			TargetType: "civilians", Summary: "Suicide bombing at Kabul airport.",
			Killed:    []dossier.Quantity{{Document: c0.Document, Min: 85, Max: &n85, Claim: c0.ID}, {Document: c1.Document, Min: 100, Claim: c1.ID}},
			Documents: f.docs, Claims: []string{c0.ID, c1.ID},
		}},
		Relations: []*dossier.Relation{{ID: "rel-rival", Subject: f.isk, Predicate: "rival_of", Object: f.taliban,
			Documents: []string{c0.Document}, Claims: []string{c0.ID}}},
		Attributes: []*dossier.Attribute{
			{ID: "at-founded-0", Entity: f.isk, Name: "founded", Value: "2015", Document: c0.Document, Claim: c0.ID},
			{ID: "at-founded-1", Entity: f.isk, Name: "founded", Value: "2014", Document: c1.Document, Claim: c1.ID},
			{ID: "at-size", Entity: f.isk, Name: "size", Quantity: &dossier.Quantity{Document: c1.Document, Min: 1500, Max: ptr(2200), Claim: c1.ID},
				AsOf: "2021-06", By: "UN report", Document: c1.Document, Claim: c1.ID},
		},
	}
	if err := st.ReplaceFacts(ctx, facts); err != nil {
		t.Fatal(err)
	}
	// Geocode Kabul by hand, as the gazetteer stage will.
	ents, err := st.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.ID == f.kabul {
			e.Place = &dossier.PlaceInfo{Lat: 34.5553, Lon: 69.2075, Country: "AF", GazetteerID: "test"}
		}
	}
	if err := st.ReplaceEntities(ctx, ents); err != nil {
		t.Fatal(err)
	}
	return f
}

func ptr(n int) *int { return &n }

// serve starts a server on 127.0.0.1:0 over st.
func serve(t testing.TB, st dossier.Store, configure ...func(*Server)) *Server {
	t.Helper()
	s := &Server{Store: st, Addr: "127.0.0.1:0"}
	for _, c := range configure {
		c(s)
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Close(ctx)
	})
	return s
}

// shared is one database with the corpus and the facts, built once by
// TestMain for the tests that only read.
var shared struct {
	db dossier.Store
	fx fixture
}

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "dossier-http-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		testDir = dir
		defer closeSynth()
		db, err := corpusDB(dir, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "shared test database:", err)
			return 1
		}
		defer db.Close()
		shared.db = db
		return m.Run()
	}())
}

// sharedStore is the shared database, with its facts added on first use
// (addFacts needs a testing.TB to report to).
func sharedStore(t testing.TB) (dossier.Store, fixture) {
	t.Helper()
	sharedFacts.Do(func() { shared.fx = addFacts(t, shared.db) })
	if shared.fx.isk == "" {
		t.Fatal("shared fixture failed to build")
	}
	return shared.db, shared.fx
}

var sharedFacts sync.Once

// testDir is TestMain's temporary directory, removed after the tests.
var testDir string

// get fetches a URL and returns the status, headers and body.
func get(t testing.TB, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}
