package extract_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/examples"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
)

// corpusFacts runs the whole pipeline over the embedded sample corpus
// and returns what the store holds.
func corpusFacts(t *testing.T) (*dossier.Facts, map[string]*dossier.Entity, map[string]*dossier.Document) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	err := fs.WalkDir(examples.ISK, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(examples.ISK, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	lex := lexicon.MustLoad()
	p := &ingest.Pipeline{Store: store, Lexicon: lex, Reader: ner.New(lex)}
	if _, err := p.Ingest(ctx, []string{dir}); err != nil {
		t.Fatal(err)
	}
	if err := p.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	f, err := store.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := store.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*dossier.Entity{}
	for _, e := range ents {
		byID[e.ID] = e
	}
	docs, err := store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byDoc := map[string]*dossier.Document{}
	for _, d := range docs {
		byDoc[d.ID] = d
	}
	return f, byID, byDoc
}

// TestKabulAirportAttack checks the incident the sample corpus disagrees
// about: one event, reported by several documents, with each document's
// death toll kept and the disagreement visible.
func TestKabulAirportAttack(t *testing.T) {
	f, ents, docs := corpusFacts(t)
	var kabul *dossier.Event
	for _, e := range f.Events {
		if e.Type == dossier.Attack && e.Date == "2021-08-26" {
			if kabul != nil {
				t.Errorf("two attacks on 2021-08-26: %s and %s", kabul.ID, e.ID)
			}
			kabul = e
		}
	}
	if kabul == nil {
		t.Fatalf("no attack dated 2021-08-26 among %d events", len(f.Events))
	}
	if len(kabul.Documents) < 4 {
		t.Errorf("the airport attack is reported by %d documents, want at least 4", len(kabul.Documents))
	}
	isIS := func(ids []string) bool {
		for _, id := range ids {
			if e := ents[id]; e != nil && e.Name == "Islamic State Khorasan Province" {
				return true
			}
		}
		return false
	}
	if !isIS(kabul.Perpetrators) {
		t.Errorf("perpetrators %v lack IS-K", kabul.Perpetrators)
	}
	if !isIS(kabul.Claimants) {
		t.Errorf("claimants %v lack IS-K", kabul.Claimants)
	}
	if p := ents[kabul.Place]; p == nil || (p.Name != "Kabul airport" && p.Name != "Kabul") {
		t.Errorf("place %s, want Kabul airport", kabul.Place)
	}
	for _, e := range f.Events {
		t.Logf("%s %s %s place %s docs %d killed %+v: %.80s", e.Type, e.Subtype, e.Date, e.Place, len(e.Documents), e.Killed, e.Summary)
	}
	byOutletFig := map[int]bool{}
	for _, q := range kabul.Killed {
		if _, ok := docs[q.Document]; !ok {
			t.Errorf("figure from unknown document %s", q.Document)
		}
		byOutletFig[q.Min] = q.Max == nil
	}
	// 72 Afghans + 13 American soldiers; "more than 100"; "more than
	// 170 civilians and 13 U.S. soldiers".
	if open, ok := byOutletFig[85]; !ok || open {
		t.Errorf("no exact 85 killed among %+v", kabul.Killed)
	}
	if open, ok := byOutletFig[100]; !ok || !open {
		t.Errorf("no open 100 killed among %+v", kabul.Killed)
	}
	if open, ok := byOutletFig[183]; !ok || !open {
		t.Errorf("no open 183 killed among %+v", kabul.Killed)
	}
	// Every claim an event cites is in the facts, with its quote.
	claims := map[string]dossier.Claim{}
	for _, c := range f.Claims {
		claims[c.ID] = c
	}
	for _, e := range f.Events {
		for _, c := range e.Claims {
			if claims[c].Quote == "" {
				t.Errorf("event %s cites claim %s, which is not in the facts", e.ID, c)
			}
		}
		for _, q := range append(append(e.Killed, e.Injured...), e.Arrested...) {
			if claims[q.Claim].Quote == "" {
				t.Errorf("event %s: a figure cites claim %q, not in the facts", e.ID, q.Claim)
			}
		}
	}
}

// TestCorpusEvents checks the incidents the sample corpus reports, as the
// texts date and place them (issue 4's list): each present once, with the
// date the text supports.
func TestCorpusEvents(t *testing.T) {
	f, ents, _ := corpusFacts(t)
	name := func(id string) string {
		if e := ents[id]; e != nil {
			return e.Name
		}
		return ""
	}
	for _, w := range []struct {
		what, typ, date, place string
	}{
		{"maternity-ward attack", dossier.Attack, "2020", "Kabul"},
		{"Moscow concert attack", dossier.Attack, "2024-03-22", "Moscow"},
		{"Iran bombings", dossier.Attack, "2024-01", "Iran"},
		{"Russian embassy bombing", dossier.Attack, "2022-09", "Kabul"},
		{"drone strike of 27 August", dossier.Strike, "2021-08-27", ""},
		{"drone strike of 29 August", dossier.Strike, "2021-08-29", "Kabul airport"},
		{"bomb on the cave complex", dossier.Strike, "2017", ""},
		// The RFE/RL text is undated and says "in February" only.
		{"Jalalabad gunbattle", dossier.Clash, "", "Jalalabad"},
		{"Manbij attack", dossier.Attack, "2019", "Manbij"},
		{"designation", dossier.Designation, "2016-01", ""},
		{"pledge", dossier.Pledge, "2015-01", ""},
	} {
		n := 0
		for _, e := range f.Events {
			if e.Type == w.typ && e.Date == w.date && (w.place == "" || name(e.Place) == w.place) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d events of type %s dated %q at %q, want 1", w.what, n, w.typ, w.date, w.place)
		}
	}
}
