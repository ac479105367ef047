package profile_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/profile"
	"github.com/dossier-osint/dossier/sqlite"
)

func TestBuild(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	jsonl := `{"id":"a","outlet":"Daily Wire Service","published":"2021-08-27T09:00:00Z","title":"Blast","text":"Islamic State-Khorasan (IS-K) claimed the blast in Kabul. IS-K said more would follow."}
{"id":"b","title":"Analysis","text":"ISIS-K remains active in Nangarhar. Analysts doubt the Islamic State directs it."}
`
	path := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(path, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lex := lexicon.MustLoad()
	p := &ingest.Pipeline{Store: db, Lexicon: lex, Reader: ner.New(lex)}
	if sum, err := p.Ingest(ctx, []string{path}); err != nil || sum.Added != 2 {
		t.Fatalf("ingest: %+v %v", sum, err)
	}
	if err := p.Resolve(ctx); err != nil {
		t.Fatal(err)
	}

	pr, err := profile.Build(ctx, db, "isis-k") // any alias, any case
	if err != nil {
		t.Fatal(err)
	}
	if pr.Name != "Islamic State Khorasan Province" || pr.Type != dossier.Group {
		t.Errorf("profile of %q (%s)", pr.Name, pr.Type)
	}
	if len(pr.Documents) != 2 || pr.Documents[0].Citation() != "[1] Daily Wire Service, 2021-08-27" ||
		pr.Documents[1].Citation() != "[2] Analysis, undated" {
		t.Errorf("documents %+v", pr.Documents)
	}
	counts := map[string]int{}
	for _, a := range pr.Aliases {
		counts[a.Name] = a.Count
	}
	if counts["IS-K"] != 2 || counts["Islamic State-Khorasan"] != 1 || counts["ISIS-K"] != 1 || counts["Islamic State"] != 0 {
		t.Errorf("aliases %+v", pr.Aliases)
	}
	if len(pr.Sentences) != 3 {
		t.Errorf("want 3 sentences, got %+v", pr.Sentences)
	}
	var md bytes.Buffer
	if err := pr.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Islamic State Khorasan Province", "| IS-K | 2 | [1] |",
		"- IS-K said more would follow. [1] Daily Wire Service, 2021-08-27"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if _, err := profile.Build(ctx, db, "Nobody At All"); dossier.ErrorCode(err) != dossier.ENOTFOUND {
		t.Errorf("unknown name: %v", err)
	}
}

// A leader's death reported by another document ends a role no source
// ends, and says so.
func TestDeathEndsRole(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	jsonl := `{"id":"a","published":"2024-03-28T09:00:00Z","title":"Profile","text":"Abdul Rauf Khadem was appointed deputy of IS-K in 2014."}
{"id":"b","published":"2021-08-27T09:00:00Z","title":"Who","text":"One of the founders of IS-K was Abdul Rauf Khadem (died 2015), who had left the Taliban."}
`
	path := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(path, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lex := lexicon.MustLoad()
	p := &ingest.Pipeline{Store: db, Lexicon: lex, Reader: ner.New(lex)}
	if _, err := p.Ingest(ctx, []string{path}); err != nil {
		t.Fatal(err)
	}
	if err := p.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	pr, err := profile.Build(ctx, db, "IS-K")
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := pr.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "- 2014–2015 deputy: Abdul Rauf Khadem (died) [1] [2]") {
		t.Errorf("leadership lacks the deputy's end by death:\n%s", md.String())
	}
}
