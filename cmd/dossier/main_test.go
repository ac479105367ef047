package main

// Whole-program tests: the program runs in-process through Main, on real
// SQLite files in temporary folders, over the sample corpus embedded in
// examples.ISK and over generated inputs. The kill test re-executes the
// test binary as a child process (TestHelperProcess).

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	_ "modernc.org/sqlite" // database/sql driver "sqlite", for PRAGMA integrity_check

	"github.com/dossier-osint/dossier/examples"
	"github.com/dossier-osint/dossier/export"
	"github.com/dossier-osint/dossier/sqlite"
)

// result is what one run of the program did.
type result struct {
	code           int // exit status, through Main.exitCode
	err            error
	stdout, stderr string
}

// run runs the program with args in-process, stdin as its standard input
// (empty if nil) and an empty environment, and closes it.
func run(t testing.TB, stdin io.Reader, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr = &out, &errb
	m.Stdin = strings.NewReader("")
	if stdin != nil {
		m.Stdin = stdin
	}
	m.Getenv = func(string) string { return "" }
	err := m.Run(context.Background(), args)
	if cerr := m.Close(); cerr != nil {
		t.Errorf("dossier %s: Close: %v", strings.Join(args, " "), cerr)
	}
	code := m.exitCode(err)
	return result{code: code, err: err, stdout: out.String(), stderr: errb.String()}
}

// mustRun runs the program and fails the test unless it exits with want.
func mustRun(t testing.TB, want int, stdin io.Reader, args ...string) result {
	t.Helper()
	r := run(t, stdin, args...)
	if r.code != want {
		t.Fatalf("dossier %s: exit %d, want %d\nerr: %v\nstderr:\n%s", strings.Join(args, " "), r.code, want, r.err, r.stderr)
	}
	return r
}

// corpus writes the five embedded sample articles to a new folder.
func corpus(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "isk")
	if err := writeFS(examples.ISK, "isk", dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// summaryRE matches the line ingest ends with.
var summaryRE = regexp.MustCompile(`ingested (\d+) documents in \S+: (\d+) added, (\d+) unchanged, (\d+) failed`)

type summary struct{ total, added, unchanged, failed int }

// parseSummary reads the summary line of an ingest's stderr.
func parseSummary(t testing.TB, stderr string) summary {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in stderr:\n%s", stderr)
	}
	n := func(s string) int { i, _ := strconv.Atoi(s); return i }
	return summary{n(m[1]), n(m[2]), n(m[3]), n(m[4])}
}

// dump is the native JSON export, as the tests read it.
type dump struct {
	Version   int `json:"dossier_export"`
	Documents []struct {
		ID         string   `json:"id"`
		Source     string   `json:"source"`
		Title      string   `json:"title"`
		Outlet     string   `json:"outlet"`
		Authors    []string `json:"authors"`
		Published  *string  `json:"published"`
		Format     string   `json:"format"`
		IngestedAt string   `json:"ingested_at"`
		Text       *string  `json:"text"`
	} `json:"documents"`
	Entities []struct {
		ID        string   `json:"id"`
		Type      string   `json:"type"`
		Name      string   `json:"name"`
		Aliases   []string `json:"aliases"`
		Documents []string `json:"documents"`
		Claims    []string `json:"claims"`
		Mentions  []struct {
			Document   string `json:"document"`
			Start, End int
			Text       string `json:"text"`
		} `json:"mentions"`
	} `json:"entities"`
	Claims []struct {
		ID         string `json:"id"`
		Document   string `json:"document"`
		Start, End int
		Quote      string `json:"quote"`
	} `json:"claims"`
}

// exportDB runs `export --format json --with-text --with-mentions` on db,
// validates the output against export.Schema and checks the contract.
func exportDB(t testing.TB, db string) (*dump, []byte) {
	t.Helper()
	r := mustRun(t, exitOK, nil, "export", "--db", db, "--format", "json", "--with-text", "--with-mentions")
	raw := []byte(r.stdout)
	if err := validateExport(raw); err != nil {
		t.Fatalf("export does not validate against export.Schema: %v", err)
	}
	return checkContract(t, raw), raw
}

// validateExport validates raw against the embedded JSON Schema, formats
// (date-time) asserted.
func validateExport(raw []byte) error {
	const url = "https://github.com/dossier-osint/dossier/export/schema/dossier-export-v1.schema.json"
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(export.Schema))
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, schemaDoc); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("export is not JSON: %w", err)
	}
	return sch.Validate(inst)
}

// boilerplate is text the cleaner must have removed from the sample corpus.
var boilerplate = []string{
	"Select and enter your email address",
	"Leave a Reply",
	"please wait",
	"Click below links for year wise archive",
}

// checkContract decodes an export and checks what the schema cannot:
// quotes and mention texts equal the document text at their code point
// spans, and every ID an entity refers to is in the export.
func checkContract(t testing.TB, raw []byte) *dump {
	t.Helper()
	var d dump
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("decode export: %v", err)
	}
	text := map[string][]rune{}
	for _, doc := range d.Documents {
		if doc.Text == nil {
			t.Fatalf("document %s has no text (--with-text)", doc.Source)
		}
		if strings.TrimSpace(*doc.Text) == "" {
			t.Errorf("document %s has an empty text", doc.Source)
		}
		if _, dup := text[doc.ID]; dup {
			t.Errorf("document %s exported twice", doc.ID)
		}
		text[doc.ID] = []rune(*doc.Text)
		for _, b := range boilerplate {
			if strings.Contains(strings.ToLower(*doc.Text), strings.ToLower(b)) {
				t.Errorf("document %s: cleaned text still contains boilerplate %q", doc.Source, b)
			}
		}
	}
	at := func(doc string, start, end int) (string, bool) {
		r, ok := text[doc]
		if !ok || start < 0 || end > len(r) || start > end {
			return "", false
		}
		return string(r[start:end]), true
	}
	claims := map[string]bool{}
	for _, c := range d.Claims {
		if claims[c.ID] {
			t.Errorf("claim %s exported twice", c.ID)
		}
		claims[c.ID] = true
		if s, ok := at(c.Document, c.Start, c.End); !ok || s != c.Quote {
			t.Errorf("claim %s: quote %q, but the text of %s at [%d:%d) is %q", c.ID, c.Quote, c.Document, c.Start, c.End, s)
		}
	}
	for _, e := range d.Entities {
		for _, c := range e.Claims {
			if !claims[c] {
				t.Errorf("entity %s (%s): claim %s is not in the claims", e.ID, e.Name, c)
			}
		}
		for _, doc := range e.Documents {
			if _, ok := text[doc]; !ok {
				t.Errorf("entity %s (%s): document %s is not in the documents", e.ID, e.Name, doc)
			}
		}
		for _, m := range e.Mentions {
			if s, ok := at(m.Document, m.Start, m.End); !ok || s != m.Text {
				t.Errorf("entity %s: mention %q, but the text of %s at [%d:%d) is %q", e.ID, m.Text, m.Document, m.Start, m.End, s)
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return &d
}

// TestDemo runs the demo: a Markdown (or JSON) profile of IS-K built from
// the embedded corpus, named by all its spellings and citing the sources.
func TestDemo(t *testing.T) {
	t.Run("markdown", func(t *testing.T) {
		r := mustRun(t, exitOK, nil, "demo")
		heading, names, cited, sources := readProfile(t, r.stdout)
		if !strings.Contains(heading, "Khorasan") && !strings.Contains(heading, "IS-K") {
			t.Errorf("heading %q does not name IS-K", heading)
		}
		for _, want := range [][]string{{"IS-K"}, {"ISIS-K"}, {"IS-KP"}, {"Islamic State Khorasan", "Islamic State-Khorasan"}} {
			found := false
			for _, w := range want {
				found = found || names[w]
			}
			if !found {
				t.Errorf("names table lacks %q; has %v", want, names)
			}
		}
		if len(cited) < 4 {
			t.Errorf("sentences cite %d distinct documents %v, want at least 4", len(cited), cited)
		}
		for n := range cited {
			if n < 1 || n > sources {
				t.Errorf("citation [%d] but %d sources are listed", n, sources)
			}
		}
		if !strings.Contains(r.stderr, "5 added, 0 unchanged, 0 failed") {
			t.Errorf("demo stderr lacks the ingest summary:\n%s", r.stderr)
		}
	})
	t.Run("json", func(t *testing.T) {
		r := mustRun(t, exitOK, nil, "demo", "--format", "json")
		var p struct {
			Name    string
			Aliases []struct {
				Name      string
				Count     int
				Documents []int
			}
			Documents []struct{ N int }
			Sentences []struct {
				Quote    string
				Document int
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
			t.Fatalf("profile is not JSON: %v\n%s", err, r.stdout)
		}
		aliases := map[string]bool{}
		for _, a := range p.Aliases {
			aliases[a.Name] = true
		}
		for _, want := range []string{"IS-K", "ISIS-K", "IS-KP"} {
			if !aliases[want] {
				t.Errorf("aliases lack %q: %v", want, aliases)
			}
		}
		if len(p.Documents) < 4 || len(p.Sentences) == 0 {
			t.Errorf("%d documents, %d sentences; want at least 4 and some", len(p.Documents), len(p.Sentences))
		}
		for _, s := range p.Sentences {
			if s.Document < 1 || s.Document > len(p.Documents) || s.Quote == "" {
				t.Errorf("sentence %+v cites no listed document", s)
			}
		}
	})
	t.Run("database kept with --db, found by another name", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "demo.db")
		demo := mustRun(t, exitOK, nil, "demo", "--db", db)
		prof := mustRun(t, exitOK, nil, "profile", "--db", db, "isis-k")
		h1, _, _, _ := readProfile(t, demo.stdout)
		h2, _, _, _ := readProfile(t, prof.stdout)
		if h1 != h2 {
			t.Errorf("profile of isis-k is %q, demo printed %q", h2, h1)
		}
	})
}

// readProfile reads a Markdown profile: its heading, the names in its
// names table, the document numbers its sentences cite and how many
// sources it lists.
func readProfile(t testing.TB, md string) (heading string, names map[string]bool, cited map[int]bool, sources int) {
	t.Helper()
	names, cited = map[string]bool{}, map[int]bool{}
	section := ""
	ref := regexp.MustCompile(`\[(\d+)\]`)
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "# "):
			heading = strings.TrimPrefix(line, "# ")
		case strings.HasPrefix(line, "## "):
			section = strings.TrimPrefix(line, "## ")
		case section == "Names" && strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| name "):
			cells := strings.Split(line, " | ")
			names[strings.TrimPrefix(cells[0], "| ")] = true
		case section == "Sources" && strings.HasPrefix(line, "["):
			sources++
		case section == "What the sources say" && strings.HasPrefix(line, "- "):
			m := ref.FindAllStringSubmatch(line, -1)
			if m == nil {
				t.Errorf("sentence without a citation: %q", line)
				continue
			}
			n, _ := strconv.Atoi(m[len(m)-1][1])
			cited[n] = true
		}
	}
	if heading == "" || len(names) == 0 {
		t.Fatalf("not a profile:\n%s", md)
	}
	return heading, names, cited, sources
}

// TestIngestExportContract ingests the sample corpus and checks the export
// against the JSON Schema and the contract: quotes and mentions match the
// text at their code point spans, references resolve, boilerplate is gone.
func TestIngestExportContract(t *testing.T) {
	dir := corpus(t)
	db := filepath.Join(t.TempDir(), "d.db")
	r := mustRun(t, exitOK, nil, "ingest", "--db", db, dir)
	if s := parseSummary(t, r.stderr); s != (summary{5, 5, 0, 0}) {
		t.Fatalf("summary %+v, want 5 added", s)
	}
	d, raw := exportDB(t, db)
	if len(d.Documents) != 5 || len(d.Entities) == 0 || len(d.Claims) == 0 {
		t.Fatalf("export has %d documents, %d entities, %d claims; want 5 and some", len(d.Documents), len(d.Entities), len(d.Claims))
	}
	mentions := 0
	for _, e := range d.Entities {
		mentions += len(e.Mentions)
	}
	if mentions == 0 {
		t.Error("no entity has mentions (--with-mentions)")
	}
	for _, doc := range d.Documents {
		if filepath.Dir(doc.Source) != dir || doc.Format != "txt" {
			t.Errorf("document source %q format %q; want a file in %s, txt", doc.Source, doc.Format, dir)
		}
	}

	// The schema is not vacuous: broken exports fail it.
	for name, breakIt := range map[string]func(map[string]any){
		"no documents":     func(v map[string]any) { delete(v, "documents") },
		"id not SHA-256":   func(v map[string]any) { v["documents"].([]any)[0].(map[string]any)["id"] = "abc" },
		"empty quote":      func(v map[string]any) { v["claims"].([]any)[0].(map[string]any)["quote"] = "" },
		"negative start":   func(v map[string]any) { v["claims"].([]any)[0].(map[string]any)["start"] = -1 },
		"bad ingested_at":  func(v map[string]any) { v["documents"].([]any)[0].(map[string]any)["ingested_at"] = "yesterday" },
		"unknown type":     func(v map[string]any) { v["entities"].([]any)[0].(map[string]any)["type"] = "militia" },
		"wrong version":    func(v map[string]any) { v["dossier_export"] = 2 },
		"duplicate claims": func(v map[string]any) { e := v["entities"].([]any)[0].(map[string]any); e["claims"] = []any{"c", "c"} },
	} {
		var v map[string]any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		breakIt(v)
		broken, _ := json.Marshal(v)
		if validateExport(broken) == nil {
			t.Errorf("schema accepts an export with %s", name)
		}
	}
}

// ingestedAt matches the one field of an export that changes between runs.
var ingestedAt = regexp.MustCompile(`"ingested_at":"[^"]*"`)

// TestIngestIdempotent ingests the same bytes again, from the same folder
// and from a copy: nothing is added and the export does not change.
func TestIngestIdempotent(t *testing.T) {
	dir := corpus(t)
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, exitOK, nil, "ingest", "--db", db, dir)
	_, before := exportDB(t, db)

	cp := filepath.Join(t.TempDir(), "copy")
	if err := writeFS(examples.ISK, "isk", cp); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, dir string }{{"same folder", dir}, {"copy under other names", cp}} {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRun(t, exitOK, nil, "ingest", "--db", db, tt.dir)
			if !strings.Contains(r.stderr, "0 added, 5 unchanged") {
				t.Errorf("second ingest says:\n%s\nwant \"0 added, 5 unchanged\"", r.stderr)
			}
			_, after := exportDB(t, db)
			if !bytes.Equal(ingestedAt.ReplaceAll(before, nil), ingestedAt.ReplaceAll(after, nil)) {
				t.Errorf("export changed:\n%s", firstDiff(before, after))
			}
		})
	}

	// export -o writes the same bytes as stdout.
	out := filepath.Join(t.TempDir(), "export.json")
	mustRun(t, exitOK, nil, "export", "--db", db, "--with-text", "--with-mentions", "-o", out)
	file, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, before) {
		t.Errorf("export -o differs from stdout:\n%s", firstDiff(before, file))
	}
}

// firstDiff shows where two outputs first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n- %q\n+ %q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

// TestIngestBadInputs ingests one batch of good files and every kind of bad
// input: each bad one is reported with its path (and line) and a reason,
// the good ones are stored, and the exit status is 3.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write := func(name string, content []byte) string {
		t.Helper()
		p := filepath.Join(in, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const max = 1000 // --max-size: every good input is under it

	// Good inputs.
	write("good.txt", []byte("Gunmen attacked a police checkpoint in Jalalabad on Monday, killing two officers, officials said.\n\nIslamic State Khorasan (IS-K) claimed the attack."))
	write("good.md", []byte("# Attack near Kabul\n\nThe Taliban denied involvement and blamed IS-K, which has carried out several attacks in the capital this year.\n"))
	write("good.html", []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Blast in Jalalabad</title></head>
<body><article><h1>Blast in Jalalabad</h1><p>A roadside bomb killed three Taliban fighters in Jalalabad on Monday, officials in Nangarhar province said.</p>
<p>Islamic State Khorasan (IS-K) claimed responsibility for the attack.</p></article></body></html>`))
	jsonl := write("articles.jsonl", []byte(`{"id":"a1","text":"Taliban fighters attacked a checkpoint in Kunduz."}
not json at all
{"id":"a3","title":"a line without text"}
{"id":"a4","text":"IS-K claimed an attack on a mosque in Herat.","published":"2024-03-28T10:00:00Z"}
`))

	// Bad inputs, each with the reason the report must give.
	type bad struct{ path, reason string }
	random := make([]byte, 960) // under --max-size, so that it fails as binary
	rand.Read(random)
	random[10], random[500] = 0, 0
	big := bytes.Repeat([]byte("The Taliban said the attack was repelled. "), 50) // 2.1 KB
	bads := []bad{
		{write("empty.txt", nil), "empty document"},
		{write("blank.txt", []byte(" \n\t\n   \r\n")), "empty document"},
		{write("binary.txt", random), "binary content"},
		{write("latin1.txt", []byte("Attack in K\xe2bul \xff\xfe claimed by IS-K.")), "invalid UTF-8"},
		{write("nobody.html", []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"></head></html>`)), "HTML has no main text"},
		{write("big.txt", big), "over the 1000 bytes limit"},
		{jsonl + ":2", "not a JSON object"},
		{jsonl + ":3", `no "text" or "html"`},
		{filepath.Join(dir, "missing.txt"), "no such file or folder"},
		{write("report.pdf", []byte("%PDF-1.4")), "unsupported file type"},
	}
	args := []string{"ingest", "--db", filepath.Join(dir, "d.db"), "--max-size", strconv.Itoa(max), in, filepath.Join(dir, "missing.txt"), filepath.Join(in, "report.pdf")}
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Log("running as root (or on Windows): the unreadable-file case is skipped")
	} else {
		p := write("locked.txt", []byte("Nobody may read this."))
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		bads = append(bads, bad{p, "permission denied"})
	}

	r := run(t, nil, args...)
	if r.code != exitPartial {
		t.Errorf("exit %d, want %d (some inputs failed); err: %v", r.code, exitPartial, r.err)
	}
	var pe partialError
	if !errors.As(r.err, &pe) || pe.failed != len(bads) {
		t.Errorf("Run returned %#v, want partialError{%d}", r.err, len(bads))
	}
	lines := strings.Split(r.stderr, "\n")
	for _, b := range bads {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, "error: "+b.path+": ") && strings.Contains(l, b.reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("stderr has no line \"error: %s: ...%s...\"", b.path, b.reason)
		}
	}
	if s := parseSummary(t, r.stderr); s.failed != len(bads) || s.added != 5 || s.unchanged != 0 {
		t.Errorf("summary %+v; want 5 added, 0 unchanged, %d failed", s, len(bads))
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", r.stderr)
	}

	d, _ := exportDB(t, filepath.Join(dir, "d.db"))
	var got []string
	for _, doc := range d.Documents {
		got = append(got, strings.TrimPrefix(doc.Source, in+string(filepath.Separator)))
	}
	want := []string{"articles.jsonl#a1", "articles.jsonl#a4", "good.html", "good.md", "good.txt"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stored %q, want %q", got, want)
	}
}

// TestIngestHTMLWithoutBody ingests pages that have no body text: each is
// refused as a document.
func TestIngestHTMLWithoutBody(t *testing.T) {
	tests := []struct{ name, html string }{
		{"head only", `<!DOCTYPE html><html><head><meta charset="utf-8"></head></html>`},
		{"empty body", `<html><head></head><body></body></html>`},
		{"scripts only", `<html><head><script>var a = 1;</script></head><body><script>a++</script></body></html>`},
		{"title only", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kabul attack</title></head></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "page.html")
			if err := os.WriteFile(page, []byte(tt.html), 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, nil, "ingest", "--db", filepath.Join(dir, "d.db"), page)
			if r.code != exitPartial || !strings.Contains(r.stderr, "error: "+page+": HTML has no main text") {
				t.Errorf("exit %d, want %d with \"error: %s: HTML has no main text\"; stderr:\n%s", r.code, exitPartial, page, r.stderr)
			}
		})
	}
}

// TestIngestHugeFile ingests a 100 MB file (sparse: it takes no time to
// write): it is refused by its size, under the default limit, without being
// read into memory.
func TestIngestHugeFile(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := run(t, nil, "ingest", "--db", filepath.Join(dir, "d.db"), huge)
	runtime.ReadMemStats(&after)
	if r.code != exitPartial || !strings.Contains(r.stderr, "error: "+huge+": file is 100.0 MiB, over the 32.0 MiB limit") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 3 and the error naming the size limit", r.code, r.stderr)
	}
	// Everything the run allocated, freed or not: far less than the file.
	alloc := after.TotalAlloc - before.TotalAlloc
	if alloc > 32<<20 {
		t.Errorf("the run allocated %d MiB: the file was read", alloc>>20)
	}
	t.Logf("the run allocated %.1f MiB", float64(alloc)/(1<<20))
}

// TestIngestStdin ingests one document from standard input ("-").
func TestIngestStdin(t *testing.T) {
	const article = "Gunmen attacked a police checkpoint in Jalalabad on Monday. Islamic State Khorasan (IS-K) claimed the attack.\n"
	tests := []struct {
		name       string
		stdin      io.Reader
		flags      []string
		wantCode   int
		wantFormat string // of the one stored document; "" for none
		wantErr    string // in stderr
	}{
		{name: "text", stdin: strings.NewReader(article), wantCode: exitOK, wantFormat: "txt"},
		{name: "html", stdin: strings.NewReader("<!DOCTYPE html><html><head><title>Attack</title></head><body><article><p>" + article + "</p></article></body></html>"),
			wantCode: exitOK, wantFormat: "html"},
		{name: "empty", stdin: strings.NewReader(""), wantCode: exitPartial, wantErr: "error: -: empty document"},
		{name: "endless, over the limit", stdin: endless{}, flags: []string{"--max-size", "1000"}, wantCode: exitPartial,
			wantErr: "error: -: document is over the 1000 bytes limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "d.db")
			args := append(append([]string{"ingest", "--db", db}, tt.flags...), "-")
			r := mustRun(t, tt.wantCode, tt.stdin, args...)
			if !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, r.stderr)
			}
			d, _ := exportDB(t, db)
			if tt.wantFormat == "" {
				if len(d.Documents) != 0 {
					t.Errorf("%d documents stored, want none", len(d.Documents))
				}
				return
			}
			if len(d.Documents) != 1 || d.Documents[0].Source != "-" || d.Documents[0].Format != tt.wantFormat {
				t.Fatalf("stored %+v, want one %s document with source \"-\"", d.Documents, tt.wantFormat)
			}
			if !strings.Contains(*d.Documents[0].Text, "claimed the attack") {
				t.Errorf("text %q lacks the article", *d.Documents[0].Text)
			}
		})
	}
}

// endless is a standard input that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// helperEnv makes the test binary run the program instead of the tests
// (TestHelperProcess), for the kill test.
const helperEnv = "DOSSIER_TEST_HELPER"

// TestHelperProcess is not a test: run by TestIngestKilled as a child
// process, it ingests DOSSIER_TEST_DIR into DOSSIER_TEST_DB.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "ingest" {
		return
	}
	m := NewMain()
	m.Stdout, m.Stderr = os.Stdout, os.Stderr
	err := m.Run(context.Background(), []string{"ingest", "-q", "--db", os.Getenv("DOSSIER_TEST_DB"), os.Getenv("DOSSIER_TEST_DIR")})
	m.Close()
	os.Exit(m.exitCode(err))
}

// TestIngestKilled kills (SIGKILL) an ingest of 3,000 articles midway, then
// checks that the database opens and is intact, that what it holds is
// whole, and that ingesting again finishes the job.
func TestIngestKilled(t *testing.T) {
	const n = 3000
	dir := filepath.Join(t.TempDir(), "articles")
	writeArticles(t, dir, n)
	db := filepath.Join(t.TempDir(), "d.db")

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"=ingest", "DOSSIER_TEST_DB="+db, "DOSSIER_TEST_DIR="+dir)
	var child bytes.Buffer
	cmd.Stdout, cmd.Stderr = &child, &child
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it midway: 300 ms after its first write to the database, or
	// once it has committed 300 documents if that comes first (so that a
	// fast machine does not finish before the kill).
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the child wrote nothing to %s in 30 s; its output:\n%s", db, child.String())
		}
	}
	watch, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < 300*time.Millisecond; time.Sleep(5 * time.Millisecond) {
		var done int
		if watch.QueryRow(`SELECT count(*) FROM documents`).Scan(&done) == nil && done >= 300 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	watch.Close()
	if err := cmd.Wait(); err == nil {
		t.Logf("the child finished before it was killed; output:\n%s", child.String())
	}

	integrity(t, db)
	d, _ := exportDB(t, db) // opens through the program, checks every quote
	stored := len(d.Documents)
	t.Logf("%d of %d documents were stored before the kill", stored, n)

	r := mustRun(t, exitOK, nil, "ingest", "-q", "--db", db, dir)
	s := parseSummary(t, r.stderr)
	if s.added+s.unchanged != n || s.failed != 0 || s.unchanged != stored {
		t.Errorf("second ingest: %+v; want %d added + unchanged (%d unchanged: the ones stored before), 0 failed", s, n, stored)
	}
	integrity(t, db)
	d, _ = exportDB(t, db)
	if len(d.Documents) != n || len(d.Entities) == 0 || len(d.Claims) == 0 {
		t.Errorf("after the second ingest: %d documents, %d entities, %d claims; want %d and some", len(d.Documents), len(d.Entities), len(d.Claims), n)
	}
}

// integrity runs SQLite's own checks on the database file.
func integrity(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatalf("foreign_key_check: %v", err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check reports dangling references")
	}
}

// writeArticles writes n distinct small articles to dir: the SATP incident
// summaries when the gold set is there, generated ones otherwise.
func writeArticles(t testing.TB, dir string, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var texts []string
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "satp", "dev.jsonl")); err == nil {
		for _, line := range bytes.Split(b, []byte("\n")) {
			var rec struct{ Text string }
			if json.Unmarshal(line, &rec) == nil && strings.TrimSpace(rec.Text) != "" {
				texts = append(texts, rec.Text)
			}
		}
	}
	places := []string{"Kabul", "Jalalabad", "Kunduz", "Herat", "Bijapur", "Dantewada", "Sukma", "Gadchiroli"}
	groups := []string{"IS-K", "the Taliban", "CPI-Maoist", "Lashkar-e-Taiba"}
	for i := 0; i < n; i++ {
		text := ""
		if i < len(texts) {
			text = texts[i]
		} else {
			text = fmt.Sprintf("Report %d. Gunmen attacked a police post in %s on day %d, killing %d people. Officials blamed %s, which did not comment.\n",
				i, places[i%len(places)], i, i%7+1, groups[i%len(groups)])
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUsage checks help, -h and bad command lines.
func TestUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string // in stdout or stderr
	}{
		{"help", []string{"help"}, exitOK, "Usage:\n  dossier <command>"},
		{"--help", []string{"--help"}, exitOK, "Usage:\n  dossier <command>"},
		{"help ingest", []string{"help", "ingest"}, exitOK, "Usage: dossier ingest"},
		{"ingest -h", []string{"ingest", "-h"}, exitOK, "Usage: dossier ingest [flags] PATH..."},
		{"export -h", []string{"export", "-h"}, exitOK, "Usage: dossier export"},
		{"profile -h", []string{"profile", "-h"}, exitOK, "Usage: dossier profile [flags] NAME"},
		{"demo -h", []string{"demo", "-h"}, exitOK, "Usage: dossier demo"},
		{"eval ner -h", []string{"eval", "ner", "-h"}, exitOK, "Usage: dossier eval ner"},
		{"help eval", []string{"help", "eval"}, exitOK, "Usage: dossier eval ner"},
		{"eval without what", []string{"eval"}, exitUsage, "give what to score"},
		{"eval unknown", []string{"eval", "bogus"}, exitUsage, `unknown evaluation "bogus"`},
		{"eval ner unknown system", []string{"eval", "ner", "--systems", "spacy"}, exitUsage, `unknown system "spacy"`},
		{"serve -h", []string{"serve", "-h"}, exitOK, "Usage: dossier serve"},
		{"help lists serve", []string{"help"}, exitOK, "serve     serve the analyst's workbench"},
		{"serve write without token", []string{"serve", "--db", db, "--allow-write"}, exitUsage, "needs --token"},
		{"serve with arguments", []string{"serve", "--db", db, "extra"}, exitUsage, "unexpected arguments"},
		{"export --help lists flags", []string{"export", "--help"}, exitOK, "-with-mentions"},
		{"help lists gazetteer", []string{"help"}, exitOK, "gazetteer say which gazetteer geocodes places"},
		{"gazetteer load -h", []string{"gazetteer", "load", "-h"}, exitOK, "Usage: dossier gazetteer load [flags] FILE..."},
		{"gazetteer load without files", []string{"gazetteer", "load", "--db", db}, exitUsage, "give at least one GeoNames file"},
		{"gazetteer unknown subcommand", []string{"gazetteer", "frob"}, exitUsage, `unknown subcommand "frob"`},
		{"no command", nil, exitUsage, "Usage:\n  dossier <command>"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"help for unknown command", []string{"help", "frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"ingest without paths", []string{"ingest", "--db", db}, exitUsage, "give at least one path"},
		{"unknown flag", []string{"ingest", "--no-such-flag", "x"}, exitUsage, "flag provided but not defined: -no-such-flag"},
		{"export unknown format", []string{"export", "--db", db, "--format", "pdf"}, exitUsage, `unknown format "pdf"`},
		{"export bad filter date", []string{"export", "--db", db, "--from", "26/08/2021"}, exitUsage, "bad date"},
		{"export unknown type", []string{"export", "--db", db, "--type", "massacre"}, exitUsage, `unknown type "massacre"`},
		{"help lists stats", []string{"help"}, exitOK, "stats     events, casualties and places"},
		{"help lists score", []string{"help"}, exitOK, "score     impact scores per country-year"},
		{"stats -h", []string{"stats", "-h"}, exitOK, "Usage: dossier stats"},
		{"score -h", []string{"score", "-h"}, exitOK, "reflect only the documents ingested"},
		{"score bad unit", []string{"score", "--db", db, "--by", "city"}, exitUsage, `--by "city"`},
		{"import -h lists stix", []string{"import", "-h"}, exitOK, "stix FILE"},
		{"export with arguments", []string{"export", "--db", db, "extra"}, exitUsage, "unexpected arguments"},
		{"profile without name", []string{"profile", "--db", db}, exitUsage, "give a name"},
		{"profile unknown format", []string{"profile", "--db", db, "--format", "pdf", "IS-K"}, exitUsage, `unknown format "pdf"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, nil, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d (err: %v)", r.code, tt.wantCode, r.err)
			}
			if !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("output lacks %q:\nstdout:\n%s\nstderr:\n%s", tt.want, r.stdout, r.stderr)
			}
		})
	}
}

// TestProfileNoEntity asks a populated database for a name nobody has.
func TestProfileNoEntity(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, exitOK, nil, "ingest", "--db", db, corpus(t))
	r := mustRun(t, exitError, nil, "profile", "--db", db, "NOPE")
	if want := `dossier: profile: no entity is called "NOPE"`; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q lacks %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing", r.stdout)
	}
}

// TestDBPath checks where the database is found: flag, DOSSIER_DB,
// XDG_DATA_HOME, then HOME.
func TestDBPath(t *testing.T) {
	tests := []struct {
		name, flag string
		env        map[string]string
		want       string // "" for an error
	}{
		{"flag wins", "/a/d.db", map[string]string{"DOSSIER_DB": "/b/d.db", "HOME": "/h"}, "/a/d.db"},
		{"DOSSIER_DB", "", map[string]string{"DOSSIER_DB": "/b/d.db", "XDG_DATA_HOME": "/x", "HOME": "/h"}, "/b/d.db"},
		{"XDG_DATA_HOME", "", map[string]string{"XDG_DATA_HOME": "/x", "HOME": "/h"}, filepath.Join("/x", "dossier", "dossier.db")},
		{"HOME", "", map[string]string{"HOME": "/h"}, filepath.Join("/h", ".local", "share", "dossier", "dossier.db")},
		{"nothing", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain()
			m.Getenv = func(k string) string { return tt.env[k] }
			got, err := m.dbPath(tt.flag)
			if tt.want == "" {
				if err == nil {
					t.Errorf("got %q, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	// And through the program: DOSSIER_DB is where export looks.
	db := filepath.Join(t.TempDir(), "env.db")
	var errb bytes.Buffer
	m := NewMain()
	m.Stderr = &errb
	m.Getenv = func(k string) string {
		if k == "DOSSIER_DB" {
			return db
		}
		return ""
	}
	err := m.Run(context.Background(), []string{"export"})
	m.Close()
	if code := m.exitCode(err); code != exitOK {
		t.Fatalf("export with DOSSIER_DB: exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("DOSSIER_DB not used: %v", err)
	}
}

// TestIngestResolvesInterruptedRun stores documents without resolving them,
// as a run stopped between storing and resolving leaves them, and checks
// that the next ingest of the same inputs (all unchanged) resolves them.
func TestIngestResolvesInterruptedRun(t *testing.T) {
	ctx := context.Background()
	dir := corpus(t)
	db := filepath.Join(t.TempDir(), "d.db")
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMain()
	p, err := m.pipeline(store)
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := p.Ingest(ctx, []string{dir}); err != nil || sum.Added != 5 {
		t.Fatalf("ingest without resolve: %+v %v", sum, err)
	}
	if stale, err := store.Unresolved(ctx); err != nil || !stale {
		t.Fatalf("Unresolved = %v, %v after storing without resolving", stale, err)
	}
	store.Close()

	r := mustRun(t, exitOK, nil, "ingest", "--db", db, dir)
	if s := parseSummary(t, r.stderr); s.added != 0 || s.unchanged != 5 {
		t.Fatalf("second ingest: %+v", s)
	}
	d, _ := exportDB(t, db)
	if len(d.Entities) == 0 {
		t.Fatal("no entities after the unchanged re-ingest: the interrupted resolution was not redone")
	}
	mustRun(t, exitOK, nil, "profile", "--db", db, "IS-K")
}
