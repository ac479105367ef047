package ner

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

func TestDumpCorpus(t *testing.T) {
	if os.Getenv("NER_DUMP") == "" {
		t.Skip()
	}
	r := New(lexicon.MustLoad())
	files, _ := filepath.Glob("../../shared/corpus/isk/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		doc := &dossier.Document{ID: filepath.Base(f), Text: string(b)}
		rd := r.Read(doc)
		fmt.Println("==", f, len(rd.Sentences))
		for _, m := range rd.Mentions {
			fmt.Printf("%-12s %-40q key=%q can=%q\n", m.Type, m.Text, m.Key, m.Canonical)
		}
	}
}
