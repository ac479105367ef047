package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
)

// TestParseArticle checks how one JSONL line becomes a document: which
// fields are read, how ids and dates are normalised, and what is refused.
func TestParseArticle(t *testing.T) {
	const path = "in/articles.jsonl"
	tests := []struct {
		name    string
		line    string
		want    *dossier.Document // Source, Format, Raw and metadata only
		wantErr string            // substring of the error; "" for none
	}{
		{
			name: "text with string id",
			line: `{"id":"a1","text":"Gunmen attacked a checkpoint in Kabul."}`,
			want: &dossier.Document{Source: path + "#a1", Format: "txt", Raw: []byte("Gunmen attacked a checkpoint in Kabul.")},
		},
		{
			name: "id as number",
			line: `{"id":42,"text":"IS-K claimed the attack."}`,
			want: &dossier.Document{Source: path + "#42", Format: "txt", Raw: []byte("IS-K claimed the attack.")},
		},
		{
			name: "id as large number keeps its digits",
			line: `{"id":12345678901234567890,"text":"x"}`,
			want: &dossier.Document{Source: path + "#12345678901234567890", Format: "txt", Raw: []byte("x")},
		},
		{
			name: "id with JSON escapes is decoded",
			line: `{"id":"satp\/2021\u002f7","text":"x"}`,
			want: &dossier.Document{Source: path + "#satp/2021/7", Format: "txt", Raw: []byte("x")},
		},
		{
			name: "all metadata, published as RFC 3339 timestamp",
			line: `{"id":"m","text":"Body.","title":"  A title ","url":" https://example.org/a ","published":"2024-03-28T10:15:00Z","outlet":" ORF ","authors":["A. Writer","B. Writer"]}`,
			want: &dossier.Document{Source: path + "#m", Format: "txt", Raw: []byte("Body."), Title: "A title",
				URL: "https://example.org/a", Published: "2024-03-28", Outlet: "ORF", Authors: []string{"A. Writer", "B. Writer"}},
		},
		{
			name: "published timestamp keeps the date of its own offset",
			line: `{"id":"o","text":"x","published":"2024-03-28T23:30:00-05:00"}`,
			want: &dossier.Document{Source: path + "#o", Format: "txt", Raw: []byte("x"), Published: "2024-03-28"},
		},
		{
			name: "published with fractional seconds",
			line: `{"id":"f","text":"x","published":"2021-08-27T06:01:02.123456Z"}`,
			want: &dossier.Document{Source: path + "#f", Format: "txt", Raw: []byte("x"), Published: "2021-08-27"},
		},
		{
			name: "published as month",
			line: `{"id":"mo","text":"x","published":"2021-08"}`,
			want: &dossier.Document{Source: path + "#mo", Format: "txt", Raw: []byte("x"), Published: "2021-08"},
		},
		{
			name: "published as year",
			line: `{"id":"y","text":"x","published":"2015"}`,
			want: &dossier.Document{Source: path + "#y", Format: "txt", Raw: []byte("x"), Published: "2015"},
		},
		{
			name: "published in words",
			line: `{"id":"w","text":"x","published":"August 27, 2021"}`,
			want: &dossier.Document{Source: path + "#w", Format: "txt", Raw: []byte("x"), Published: "2021-08-27"},
		},
		{
			name: "html field",
			line: `{"id":"h","html":"<html><body><p>Hi</p></body></html>"}`,
			want: &dossier.Document{Source: path + "#h", Format: "html", Raw: []byte("<html><body><p>Hi</p></body></html>")},
		},
		{
			name: "html wins over text",
			line: `{"id":"ht","text":"plain","html":"<p>marked up</p>"}`,
			want: &dossier.Document{Source: path + "#ht", Format: "html", Raw: []byte("<p>marked up</p>")},
		},
		{name: "missing id", line: `{"text":"x"}`, wantErr: `missing "id"`},
		{name: "null id", line: `{"id":null,"text":"x"}`, wantErr: `missing "id"`},
		{name: "empty id", line: `{"id":"","text":"x"}`, wantErr: `missing "id"`},
		{name: "blank id", line: `{"id":"  ","text":"x"}`, wantErr: `missing "id"`},
		{name: "id as object", line: `{"id":{"n":1},"text":"x"}`, wantErr: `"id" must be a string or a number`},
		{name: "id as bool", line: `{"id":true,"text":"x"}`, wantErr: `"id" must be a string or a number`},
		{name: "no text or html", line: `{"id":3,"title":"only a title"}`, wantErr: `no "text" or "html"`},
		{name: "empty text", line: `{"id":3,"text":""}`, wantErr: `no "text" or "html"`},
		{name: "not JSON", line: `not json`, wantErr: "not a JSON object"},
		{name: "JSON array", line: `[1,2,3]`, wantErr: "not a JSON object"},
		{name: "truncated object", line: `{"id":1,"text":"cut`, wantErr: "not a JSON object"},
		{name: "text of the wrong type", line: `{"id":1,"text":7}`, wantErr: "not a JSON object"},
		{name: "published not a date", line: `{"id":1,"text":"x","published":"last Tuesday"}`, wantErr: `published "last Tuesday" is not a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseArticle([]byte(tt.line), path)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("got document %+v, want error containing %q", doc, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %q does not contain %q", err, tt.wantErr)
				}
				if code := dossier.ErrorCode(err); code != dossier.EINVALID {
					t.Errorf("error code %q, want %q", code, dossier.EINVALID)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(doc, tt.want) {
				t.Errorf("got  %+v\nwant %+v", doc, tt.want)
			}
		})
	}
}

// TestReadJSONL checks the line reader over whole files: blank lines are
// skipped, every bad line is reported with its number and reading goes on,
// and a line over the size limit does not stop the lines after it.
func TestReadJSONL(t *testing.T) {
	const max = 100 // bytes a line
	long := `{"id":"long","text":"` + strings.Repeat("x", 200) + `"}`
	exact := `{"id":"exact","text":"` + strings.Repeat("y", max-len(`{"id":"exact","text":""}`)) + `"}`
	if len(exact) != max {
		t.Fatalf("exact line is %d bytes, want %d", len(exact), max)
	}
	tests := []struct {
		name    string
		content string
		// want lists what comes out, in order: "doc SOURCE" or
		// "error SUBSTRING" (the file is called f.jsonl in both).
		want []string
	}{
		{
			name:    "two lines",
			content: "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\"}\n",
			want:    []string{"doc f.jsonl#1", "doc f.jsonl#2"},
		},
		{
			name:    "blank lines skipped, numbering kept",
			content: "\n{\"id\":1,\"text\":\"a\"}\n   \n\t\n\nnope\n",
			want:    []string{"doc f.jsonl#1", "error f.jsonl:6: not a JSON object"},
		},
		{
			name:    "CRLF line endings",
			content: "{\"id\":1,\"text\":\"a\"}\r\n\r\n{\"id\":2,\"text\":\"b\"}\r\n",
			want:    []string{"doc f.jsonl#1", "doc f.jsonl#2"},
		},
		{
			name:    "last line without newline",
			content: "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\"}",
			want:    []string{"doc f.jsonl#1", "doc f.jsonl#2"},
		},
		{
			name:    "bad lines reported with their numbers, reading goes on",
			content: "{\"id\":1,\"text\":\"a\"}\nnot json\n{\"id\":3}\n{\"text\":\"no id\"}\n{\"id\":5,\"text\":\"e\"}\n",
			want: []string{"doc f.jsonl#1", "error f.jsonl:2: not a JSON object", `error f.jsonl:3: no "text" or "html"`,
				`error f.jsonl:4: missing "id"`, "doc f.jsonl#5"},
		},
		{
			name:    "line over the limit reported, next line still read",
			content: "{\"id\":1,\"text\":\"a\"}\n" + long + "\n{\"id\":3,\"text\":\"c\"}\n",
			want:    []string{"doc f.jsonl#1", "error f.jsonl:2: line is over the 100 bytes limit", "doc f.jsonl#3"},
		},
		{
			name:    "line over the limit at the end without newline",
			content: "{\"id\":1,\"text\":\"a\"}\n" + long,
			want:    []string{"doc f.jsonl#1", "error f.jsonl:2: line is over the 100 bytes limit"},
		},
		{
			name:    "line of exactly the limit is read, its newline not counted",
			content: exact + "\n" + exact + "\r\n" + exact,
			want:    []string{"doc f.jsonl#exact", "doc f.jsonl#exact", "doc f.jsonl#exact"},
		},
		{
			name:    "whitespace after the last line",
			content: "{\"id\":1,\"text\":\"a\"}\n  ",
			want:    []string{"doc f.jsonl#1"},
		},
		{
			name:    "empty file",
			content: "",
			want:    nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.jsonl")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			var got []string
			err := readJSONL(path, max, func(it item) error {
				if it.err != nil {
					got = append(got, "error "+strings.ReplaceAll(it.err.Error(), path, "f.jsonl"))
				} else {
					got = append(got, "doc "+strings.ReplaceAll(it.doc.Source, path, "f.jsonl"))
				}
				return nil
			})
			if err != nil {
				t.Fatalf("readJSONL returned %v; a finished file must return nil or the batch stops", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d items, want %d:\ngot  %q\nwant %q", len(got), len(tt.want), got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("item %d: got %q, want it to start with %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestReadLineLongerThanBuffer reads lines longer than the bufio buffer,
// under and over the limit.
func TestReadLineLongerThanBuffer(t *testing.T) {
	big := strings.Repeat("z", 200_000)
	br := bufio.NewReaderSize(strings.NewReader(big+"\n"+big+"\nend"), 16)
	if b, long, err := readLine(br, 300_000); err != nil || long || string(b) != big {
		t.Fatalf("line 1: %d bytes, tooLong=%v, err=%v; want %d bytes", len(b), long, err, len(big))
	}
	if _, long, err := readLine(br, 1000); err != nil || !long {
		t.Fatalf("line 2: tooLong=%v, err=%v; want tooLong", long, err)
	}
	if b, long, _ := readLine(br, 1000); long || string(b) != "end" {
		t.Fatalf("line 3: %q, tooLong=%v; want \"end\"", b, long)
	}
}

// TestPipelineIngest runs the pipeline on a real SQLite store over a folder
// and named files and checks the counts, the failures and what is stored.
func TestPipelineIngest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// a.jsonl ends with a whitespace-only line and no newline: the files
	// after it must still be read.
	write("in/a.jsonl", "{\"id\":1,\"text\":\"Taliban fighters attacked a checkpoint in Kabul.\"}\n{\"id\":2}\n \t")
	write("in/b.txt", "IS-K claimed the attack in Jalalabad on Monday.")
	write("in/c.md", "# Kunduz\n\nThe Taliban said its forces repelled an attack in Kunduz.")
	write("in/notes.pdf", "skipped: not a document type")
	write("in/.hidden/d.txt", "skipped: hidden folder")
	write("in/e.txt", "IS-K claimed the attack in Jalalabad on Monday.") // same bytes as b.txt
	write("in/sub/f.html", "<!DOCTYPE html><html><head><title>Blast</title></head><body><article><p>A bomb killed three people in Kabul on Tuesday, police said. Nobody claimed the attack.</p></article></body></html>")
	store, err := sqlite.Open(ctx, filepath.Join(dir, "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	stamp := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var progress []Summary
	p := &Pipeline{Store: store, Lexicon: lex, Reader: ner.New(lex), Workers: 3,
		Now: func() time.Time { return stamp }, Progress: func(s Summary) { progress = append(progress, s) }}
	sum, err := p.Ingest(ctx, []string{filepath.Join(dir, "in"), filepath.Join(dir, "missing.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 4 || sum.Unchanged != 1 || sum.Failed != 2 {
		t.Errorf("summary %d added, %d unchanged, %d failed; want 4, 1, 2 (failures: %v)", sum.Added, sum.Unchanged, sum.Failed, sum.Failures)
	}
	wantFail := []string{filepath.Join(dir, "in/a.jsonl") + `:2: no "text" or "html"`, filepath.Join(dir, "missing.txt") + ": no such file or folder"}
	if len(sum.Failures) != len(wantFail) {
		t.Fatalf("failures %v, want %q", sum.Failures, wantFail)
	}
	for i, f := range sum.Failures {
		if f.Error() != wantFail[i] {
			t.Errorf("failure %d: %q, want %q", i, f, wantFail[i])
		}
	}
	if n := len(progress); n != 7 || progress[n-1].Added != sum.Added || progress[n-1].Failed != sum.Failed {
		t.Errorf("progress called %d times (%+v); want 7 calls, one a document, ending with the summary", n, progress)
	}
	docs, err := store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, d := range docs {
		sources = append(sources, strings.TrimPrefix(filepath.ToSlash(d.Source), filepath.ToSlash(dir)+"/"))
		if !d.IngestedAt.Equal(stamp) {
			t.Errorf("%s ingested at %v, want %v", d.Source, d.IngestedAt, stamp)
		}
	}
	// Stored in input order: lexical order within the folder; e.txt has
	// the bytes of b.txt, so it is the same document.
	want := []string{"in/a.jsonl#1", "in/b.txt", "in/c.md", "in/sub/f.html"}
	if !reflect.DeepEqual(sources, want) {
		t.Errorf("stored sources %q, want %q", sources, want)
	}
	if err := p.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	ents, err := store.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) == 0 {
		t.Fatal("no entities after Resolve")
	}
	for _, e := range ents {
		for _, c := range e.Claims {
			doc, err := store.Document(ctx, c.Document)
			if err != nil {
				t.Fatal(err)
			}
			r := []rune(doc.Text)
			if c.Start < 0 || c.End > len(r) || c.Start >= c.End || string(r[c.Start:c.End]) != c.Quote {
				t.Errorf("claim %s [%d:%d) quote %q does not match the text", c.ID, c.Start, c.End, c.Quote)
			}
		}
	}
}

var datePattern = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)

// FuzzParseArticle checks that no line makes parseArticle panic, and that
// what it returns is either an EINVALID error or a document the rest of
// the pipeline can take.
func FuzzParseArticle(f *testing.F) {
	for _, s := range []string{
		`{"id":"a1","text":"Gunmen attacked a checkpoint in Kabul."}`,
		`{"id":42,"html":"<p>x</p>","published":"2024-03-28T10:15:00Z","authors":["A"]}`,
		`{"id":"x","text":"t","published":"August 27, 2021","title":" T ","url":"u","outlet":"o"}`,
		`{"id":{"a":1},"text":"x"}`,
		`{"id":"\u0000\"","text":"x"}`,
		`{"id":1e400,"text":"x"}`,
		`{"id":-0.5,"text":"x"}`,
		`{"id":"1","text":"x","published":"2024-02-30"}`,
		`null`, `[]`, `"s"`, `{`, ``, "\xff\xfe{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		doc, err := parseArticle(line, "f.jsonl")
		if (doc == nil) == (err == nil) {
			t.Fatalf("got document %v and error %v: want exactly one", doc, err)
		}
		if err != nil {
			if dossier.ErrorCode(err) != dossier.EINVALID {
				t.Fatalf("error %v has code %q, want %q", err, dossier.ErrorCode(err), dossier.EINVALID)
			}
			return
		}
		if !strings.HasPrefix(doc.Source, "f.jsonl#") || len(doc.Source) == len("f.jsonl#") {
			t.Fatalf("source %q", doc.Source)
		}
		if doc.Format != "txt" && doc.Format != "html" {
			t.Fatalf("format %q", doc.Format)
		}
		if len(doc.Raw) == 0 {
			t.Fatal("empty Raw")
		}
		if doc.Published != "" && !datePattern.MatchString(doc.Published) {
			t.Fatalf("published %q is not YYYY[-MM[-DD]]", doc.Published)
		}
	})
}

// BenchmarkIngestSATP ingests the 5,021 incident summaries of the SATP
// gold set (one JSONL file) into a fresh SQLite database and resolves
// entities, reporting documents and megabytes per second of the ingest and
// the time taken by resolution.
//
//	go test ./ingest -run XXX -bench IngestSATP -benchtime 1x -benchmem
func BenchmarkIngestSATP(b *testing.B) {
	input, docs, bytes := satpInput(b)
	lex, err := lexicon.Load()
	if err != nil {
		b.Fatal(err)
	}
	reader := ner.New(lex)
	ctx := context.Background()
	var ingestTime, resolveTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		store, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("satp%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		p := &Pipeline{Store: store, Lexicon: lex, Reader: reader}
		b.StartTimer()
		start := time.Now()
		sum, err := p.Ingest(ctx, []string{input})
		if err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := p.Resolve(ctx); err != nil {
			b.Fatal(err)
		}
		end := time.Now()
		b.StopTimer()
		ingestTime += mid.Sub(start)
		resolveTime += end.Sub(mid)
		if sum.Added != docs || sum.Failed != 0 {
			b.Fatalf("%d added, %d failed of %d; failures: %v", sum.Added, sum.Failed, docs, sum.Failures[:min(5, len(sum.Failures))])
		}
		store.Close()
	}
	b.ReportMetric(float64(docs*b.N)/ingestTime.Seconds(), "docs/s")
	b.ReportMetric(float64(bytes*b.N)/1e6/ingestTime.Seconds(), "MB/s")
	b.ReportMetric(resolveTime.Seconds()/float64(b.N), "resolve-s/op")
}
