package ner

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/examples"
	"github.com/dossier-osint/dossier/lexicon"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// listing is one line per mention: document, span, type, text.
func listing(r *Recognizer, docs []*dossier.Document) string {
	var b strings.Builder
	for _, d := range docs {
		for _, m := range r.Read(d).Mentions {
			fmt.Fprintf(&b, "%s\t%d\t%d\t%s\t%s\n", d.ID, m.Start, m.End, m.Type, m.Text)
		}
	}
	return b.String()
}

// TestGoldenISK pins the mentions of the demo corpus (raw text dumps, read
// without cleaning so that changes to package clean do not move them).
// Speed work on the recogniser must leave them unchanged; a deliberate
// change of what it reads is recorded with -update and reviewed in the diff.
func TestGoldenISK(t *testing.T) {
	files, _ := fs.Glob(examples.ISK, "isk/*.txt")
	var docs []*dossier.Document
	for _, f := range files {
		raw, _ := fs.ReadFile(examples.ISK, f)
		docs = append(docs, &dossier.Document{ID: filepath.Base(f), Text: string(raw)})
	}
	got := listing(New(lexicon.MustLoad()), docs)
	compareGolden(t, "testdata/isk.golden", got)
}

// TestGoldenSATP pins the mentions of the first 2000 SATP summaries in
// ../shared/data by a digest of their listing (the text itself may not be
// copied into the repository). On a mismatch the listing is written to a
// temporary file, to diff against one made before the change.
func TestGoldenSATP(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	f, err := os.Open("../../shared/data/satp/dev.jsonl")
	if err != nil {
		t.Skip("SATP data absent:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var docs []*dossier.Document
	for sc.Scan() && len(docs) < 2000 {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("satp/dev.jsonl line %d: %v", len(docs)+1, err)
		}
		docs = append(docs, &dossier.Document{ID: fmt.Sprint(len(docs)), Text: rec.Text})
	}
	got := listing(New(lexicon.MustLoad()), docs)
	sum := fmt.Sprintf("%x  %d mentions\n", sha256.Sum256([]byte(got)), strings.Count(got, "\n"))
	if sum != readGolden(t, "testdata/satp2000.sha256", sum) {
		out := filepath.Join(os.TempDir(), "ner-satp2000.txt")
		os.WriteFile(out, []byte(got), 0o644)
		t.Errorf("mentions of the first 2000 SATP texts changed: digest %s (listing in %s)", strings.TrimSpace(sum), out)
	}
}

func readGolden(t *testing.T, path, got string) string {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v (run with -update to create it)", path, err)
	}
	return string(want)
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	want := readGolden(t, path, got)
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	shown := 0
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			t.Errorf("%s line %d:\n got  %q\n want %q", path, i+1, a, b)
			if shown++; shown == 10 {
				break
			}
		}
	}
}
