package extract_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/clean"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/resolve"
)

// satpInputs cleans and reads the SATP gold set's texts, resolves their
// mentions across the set and returns one extraction input per document
// that has a resolved mention, built as ingest.Pipeline.Resolve builds
// them, with the total bytes of their texts. It skips b when the gold set
// is absent.
func satpInputs(b *testing.B) ([]*extract.Input, int) {
	b.Helper()
	src := filepath.Join("..", "..", "shared", "data", "satp", "dev.jsonl")
	f, err := os.Open(src)
	if err != nil {
		b.Skipf("SATP gold set not found: %v", err)
	}
	defer f.Close()
	lex := lexicon.MustLoad()
	reader := ner.New(lex)
	var (
		docs     []*dossier.Document
		readings []*dossier.Reading
		mentions []dossier.Mention
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for line := 1; sc.Scan(); line++ {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatalf("%s:%d: %v", src, line, err)
		}
		doc := &dossier.Document{ID: fmt.Sprint(line), Source: fmt.Sprintf("%s#%d", src, line), Format: "txt", Raw: []byte(rec.Text)}
		if err := clean.Document(doc); err != nil {
			b.Fatalf("%s:%d: %v", src, line, err)
		}
		rd := reader.Read(doc)
		docs = append(docs, doc)
		readings = append(readings, rd)
		mentions = append(mentions, rd.Mentions...)
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("%s: %v", src, err)
	}

	ents := resolve.Entities(lex, mentions)
	byDoc := map[string][]extract.Mention{}
	for _, e := range ents {
		for _, m := range e.Mentions {
			byDoc[m.Document] = append(byDoc[m.Document], extract.Mention{Mention: m, Entity: e.ID, EntityType: e.Type})
		}
	}
	var ins []*extract.Input
	bytes := 0
	for i, doc := range docs {
		ms := byDoc[doc.ID]
		if len(ms) == 0 {
			continue
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
		ins = append(ins, &extract.Input{Doc: doc, Sentences: readings[i].Sentences, Mentions: ms})
		bytes += len(doc.Text)
	}
	return ins, bytes
}

// BenchmarkExtractRead measures extract.Read alone over the SATP
// summaries whose mentions are resolved; MB/s counts the cleaned text of
// the documents read. Cleaning, reading and resolution happen once, outside
// the timer.
//
//	go test ./extract -run XXX -bench ExtractRead -benchtime 3x -benchmem -cpu 1
func BenchmarkExtractRead(b *testing.B) {
	ins, bytes := satpInputs(b)
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, in := range ins {
			// Read keeps state in its input: give it a fresh copy.
			fresh := *in
			extract.Read(&fresh)
		}
	}
	b.StopTimer()
	if cpu := cpuTime() - cpu; cpu > 0 {
		// MB of text per CPU second: with -cpu 1, the per-core figure.
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}
