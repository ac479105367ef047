package extract_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"sort"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/clean"
	"github.com/dossier-osint/dossier/examples"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/resolve"
)

var (
	updateVersion = flag.Bool("update", false, "record Read's output digest at the current Version in testdata/version.golden")
	updateInputs  = flag.Bool("update-inputs", false, "rewrite testdata/version_inputs.json from the embedded sample corpus")
)

// versionInputs is a fixed extraction input: the sample corpus read and
// resolved once and frozen, so that TestVersion sees changes to extract
// (and to what Read calls), not to the reader or the resolver.
type versionInputs struct {
	Documents []versionDoc      `json:"documents"`
	Entities  []*dossier.Entity `json:"entities"` // ID, type, name and place alone
}

type versionDoc struct {
	ID        string            `json:"id"`
	Published string            `json:"published"`
	Text      string            `json:"text"`
	Sentences []dossier.Span    `json:"sentences"`
	Mentions  []extract.Mention `json:"mentions"`
}

const (
	versionInputsFile = "testdata/version_inputs.json"
	versionGolden     = "testdata/version.golden"
)

// makeVersionInputs cleans, reads and resolves the embedded sample corpus
// as ingest.Pipeline.Resolve would.
func makeVersionInputs(t *testing.T) *versionInputs {
	t.Helper()
	lex := lexicon.MustLoad()
	reader := ner.New(lex)
	files, err := fs.Glob(examples.ISK, "isk/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var docs []*dossier.Document
	var readings []*dossier.Reading
	var mentions []dossier.Mention
	for _, name := range files {
		raw, err := fs.ReadFile(examples.ISK, name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(raw)
		doc := &dossier.Document{ID: hex.EncodeToString(sum[:]), Source: path.Base(name), Format: "txt", Raw: raw}
		if err := clean.Document(doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rd := reader.Read(doc)
		docs, readings, mentions = append(docs, doc), append(readings, rd), append(mentions, rd.Mentions...)
	}
	ents := resolve.Entities(lex, mentions)
	in := &versionInputs{}
	byDoc := map[string][]extract.Mention{}
	for _, e := range ents {
		for _, m := range e.Mentions {
			byDoc[m.Document] = append(byDoc[m.Document], extract.Mention{Mention: m, Entity: e.ID, EntityType: e.Type})
		}
		// Merge reads an entity's ID, type, name and whether it is placed.
		in.Entities = append(in.Entities, &dossier.Entity{ID: e.ID, Type: e.Type, Name: e.Name, Place: e.Place})
	}
	for i, doc := range docs {
		ms := byDoc[doc.ID]
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
		for j := range ms {
			ms[j].Document = "" // the document's, filled in when loaded
		}
		in.Documents = append(in.Documents, versionDoc{ID: doc.ID, Published: doc.Published, Text: doc.Text, Sentences: readings[i].Sentences, Mentions: ms})
	}
	return in
}

func loadVersionInputs(t *testing.T) *versionInputs {
	t.Helper()
	if *updateInputs {
		in := makeVersionInputs(t)
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(versionInputsFile, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(versionInputsFile)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run TestVersion -update-inputs to make it)", err)
	}
	var in versionInputs
	if err := json.Unmarshal(b, &in); err != nil {
		t.Fatalf("%s: %v", versionInputsFile, err)
	}
	for _, d := range in.Documents {
		for j := range d.Mentions {
			d.Mentions[j].Document = d.ID
		}
	}
	return &in
}

// readAll runs Read over every frozen document.
func readAll(in *versionInputs) []*extract.Report {
	var out []*extract.Report
	for _, d := range in.Documents {
		doc := &dossier.Document{ID: d.ID, Published: d.Published, Text: d.Text}
		out = append(out, extract.Read(&extract.Input{Doc: doc, Sentences: d.Sentences, Mentions: d.Mentions}))
	}
	return out
}

// TestVersion fails when Read's output over a fixed input changes while
// extract.Version stays the same: stored reports would then be reused
// although the rules that made them changed.
func TestVersion(t *testing.T) {
	in := loadVersionInputs(t)
	h := sha256.New()
	events := 0
	for _, r := range readAll(in) {
		b, err := r.Encode()
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
		h.Write([]byte{'\n'})
		events += len(r.Events)
	}
	if events == 0 {
		t.Fatalf("Read found no event in %s: the test would not see changes", versionInputsFile)
	}
	got := fmt.Sprintf("version %d\nsha256 %x\n", extract.Version, h.Sum(nil))
	if *updateVersion {
		if err := os.WriteFile(versionGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(versionGolden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run TestVersion -update)", err)
	}
	var wantVersion int
	if _, err := fmt.Sscanf(string(want), "version %d\n", &wantVersion); err != nil {
		t.Fatalf("%s: %v", versionGolden, err)
	}
	switch {
	case wantVersion != extract.Version:
		t.Fatalf("extract.Version is %d but %s was recorded at version %d: run go test ./extract -run TestVersion -update", extract.Version, versionGolden, wantVersion)
	case got != string(want):
		t.Fatalf("extract.Read's output over %s changed but extract.Version did not: bump extract.Version (extract/version.go), "+
			"or stored extraction reports made by the old rules will be reused; then run go test ./extract -run TestVersion -update\ngot:\n%swant:\n%s",
			versionInputsFile, got, want)
	}
}

// TestReportRoundTrip checks that a report encoded and decoded merges
// exactly as the report Read returned: what Pipeline.Resolve relies on
// when it reuses stored reports.
func TestReportRoundTrip(t *testing.T) {
	in := loadVersionInputs(t)
	lex := lexicon.MustLoad()
	want := extract.Merge(readAll(in), in.Entities, lex)
	var decoded []*extract.Report
	for _, r := range readAll(in) {
		b, err := r.Encode()
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.DecodeReport(b)
		if err != nil {
			t.Fatal(err)
		}
		again, err := d.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, b) {
			t.Errorf("report of %s encodes differently once decoded", r.Doc)
		}
		if !reflect.DeepEqual(d.Relations, r.Relations) || !reflect.DeepEqual(d.Attributes, r.Attributes) ||
			!reflect.DeepEqual(d.Claims, r.Claims) || !reflect.DeepEqual(d.Events, r.Events) {
			t.Errorf("report of %s differs once decoded", r.Doc)
		}
		decoded = append(decoded, d)
	}
	got := extract.Merge(decoded, in.Entities, lex)
	if len(want.Events) == 0 || len(want.Relations) == 0 {
		t.Fatalf("the fixed input gives %d events and %d relations: too few to test", len(want.Events), len(want.Relations))
	}
	if !reflect.DeepEqual(got, want) {
		gb, _ := json.MarshalIndent(got, "", " ")
		wb, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("Merge over decoded reports differs:\n%s", firstDiff(string(gb), string(wb)))
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("got  ...%s...\nwant ...%s...", a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}
