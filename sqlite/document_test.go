package sqlite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

const sampleText = "Islamic State-Khorasan (IS-K) claimed the attack in Kabul. " +
	"Ḥizb ut-Tahrir denied any role. IS-K fighters fled."

// sampleDoc returns document i, distinct from every other i, with its
// reading. Its raw bytes are not valid UTF-8 and hold a NUL.
func sampleDoc(i int) (*dossier.Document, *dossier.Reading) {
	raw := fmt.Sprintf("\xff\xfe<html><!-- %d -->\x00<p>%s</p></html>", i, sampleText)
	doc := newDoc(raw, sampleText)
	doc.Title = "IS-K claims Kabul attack"
	doc.Outlet = "Example News"
	doc.Authors = []string{"A. Writer", "B. Writer"}
	doc.Published = "2024-03"
	doc.URL = "https://example.org/isk"
	doc.Segments = []dossier.Segment{
		{Start: 0, End: 59, RawStart: 30, RawEnd: 92, Exact: true},
		{Start: 59, End: 110, RawStart: -1, RawEnd: -1},
	}
	doc.Removed = []dossier.Removal{{RawStart: 0, RawEnd: 2, Reason: "byte-order-mark"}}

	r := &dossier.Reading{}
	for _, s := range strings.SplitAfter(sampleText, ". ") {
		start := 0
		if n := len(r.Sentences); n > 0 {
			start = r.Sentences[n-1].End
		}
		r.Sentences = append(r.Sentences, dossier.Span{Start: start, End: start + utf8.RuneCountInString(s)})
	}
	isk := mention(doc, "Islamic State-Khorasan", dossier.Group, "islamic state-khorasan", 0)
	acronym := mention(doc, "IS-K", dossier.Group, "is-k", 0)
	acronym.Canonical = "islamic state-khorasan"
	kabul := mention(doc, "Kabul", dossier.Place, "kabul", 0)
	hizb := mention(doc, "Ḥizb ut-Tahrir", dossier.Group, "ḥizb ut-tahrir", 1)
	again := acronym
	again.Start = utf8.RuneCountInString(sampleText[:strings.LastIndex(sampleText, "IS-K")])
	again.End = again.Start + 4
	again.Sentence = 2
	// Not in text order: the store keeps the reading's order.
	r.Mentions = []dossier.Mention{isk, acronym, hizb, kabul, again}
	return doc, r
}

func TestPutDocument(t *testing.T) {
	ctx := context.Background()
	doc, r := sampleDoc(1)
	retitled := *doc
	retitled.Title = "Another title"

	tables := []string{"documents", "sentences", "mentions"}
	tests := []struct {
		name   string
		before []*dossier.Document // stored first, with reading r
		doc    *dossier.Document
		r      *dossier.Reading
		want   dossier.IngestResult
		code   string
		stored *dossier.Document // what Document returns afterwards
		counts map[string]int
	}{
		{
			name:   "round trip",
			doc:    doc,
			r:      r,
			want:   dossier.Added,
			stored: doc,
			counts: map[string]int{"documents": 1, "sentences": 3, "mentions": 5},
		},
		{
			name:   "no reading",
			doc:    doc,
			want:   dossier.Added,
			stored: doc,
			counts: map[string]int{"documents": 1, "sentences": 0, "mentions": 0},
		},
		{
			name:   "same bytes again",
			before: []*dossier.Document{doc},
			doc:    &retitled,
			r:      &dossier.Reading{Mentions: r.Mentions[:1]},
			want:   dossier.Unchanged,
			stored: doc,
			counts: map[string]int{"documents": 1, "sentences": 3, "mentions": 5},
		},
		{
			name: "ID mismatch",
			doc: func() *dossier.Document {
				d := *doc
				d.Raw = []byte("other bytes")
				return &d
			}(),
			r:      r,
			code:   dossier.EINVALID,
			counts: map[string]int{"documents": 0, "sentences": 0, "mentions": 0},
		},
		{
			name:   "no ID",
			doc:    &dossier.Document{Raw: []byte("x")},
			code:   dossier.EINVALID,
			counts: map[string]int{"documents": 0},
		},
		{
			name:   "no raw",
			doc:    &dossier.Document{ID: doc.ID},
			code:   dossier.EINVALID,
			counts: map[string]int{"documents": 0},
		},
		{
			name:   "nil document",
			code:   dossier.EINVALID,
			counts: map[string]int{"documents": 0},
		},
		{
			name: "mention of another document",
			doc:  doc,
			r: &dossier.Reading{Mentions: []dossier.Mention{
				{Document: strings.Repeat("0", 64), Start: 0, End: 4, Text: "IS-K", Type: dossier.Group},
			}},
			code:   dossier.EINVALID,
			counts: map[string]int{"documents": 0, "mentions": 0},
		},
		{
			name:   "mention of unknown type",
			doc:    doc,
			r:      &dossier.Reading{Mentions: []dossier.Mention{{Start: 0, End: 4, Text: "IS-K", Type: "militia"}}},
			code:   dossier.EINVALID,
			counts: map[string]int{"documents": 0, "mentions": 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := openTest(t)
			for _, d := range tt.before {
				if res, err := db.PutDocument(ctx, d, r); err != nil || res != dossier.Added {
					t.Fatalf("PutDocument before: %v, %v", res, err)
				}
			}
			res, err := db.PutDocument(ctx, tt.doc, tt.r)
			if tt.code != "" {
				wantCode(t, err, tt.code)
			} else if err != nil {
				t.Fatal(err)
			} else if res != tt.want {
				t.Errorf("PutDocument = %v, want %v", res, tt.want)
			}

			if got := count(t, db, tables...); !containsCounts(got, tt.counts) {
				t.Errorf("rows %v, want %v", got, tt.counts)
			}
			if tt.stored == nil {
				return
			}
			got, err := db.Document(ctx, tt.stored.ID)
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Raw) != string(tt.stored.Raw) {
				t.Errorf("Raw = %q, want %q", got.Raw, tt.stored.Raw)
			}
			if !reflect.DeepEqual(got, tt.stored) {
				t.Errorf("Document:\n got %+v\nwant %+v", got, tt.stored)
			}
		})
	}
}

func containsCounts(got, want map[string]int) bool {
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func TestDocumentNotFound(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc, r := sampleDoc(1)
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
	missing := strings.Repeat("a", 64)
	tests := []struct {
		name string
		call func() error
	}{
		{"Document", func() error { _, err := db.Document(ctx, missing); return err }},
		{"Document empty ID", func() error { _, err := db.Document(ctx, ""); return err }},
		{"Sentences", func() error { _, err := db.Sentences(ctx, missing); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, tt.call(), dossier.ENOTFOUND)
		})
	}
}

func TestSentences(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc, r := sampleDoc(1)
	bare, _ := sampleDoc(2)
	for _, d := range []struct {
		doc *dossier.Document
		r   *dossier.Reading
	}{{doc, r}, {bare, nil}} {
		if _, err := db.PutDocument(ctx, d.doc, d.r); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		doc  string
		want []dossier.Span
	}{
		{"read", doc.ID, r.Sentences},
		{"not read", bare.ID, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.Sentences(ctx, tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDocuments(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	got, err := db.Documents(ctx)
	if err != nil || len(got) != 0 {
		t.Fatalf("Documents of an empty store = %v, %v", got, err)
	}
	var want []*dossier.Document
	for _, i := range []int{5, 3, 9} {
		doc, r := sampleDoc(i)
		if _, err := db.PutDocument(ctx, doc, r); err != nil {
			t.Fatal(err)
		}
		meta := *doc
		meta.Raw, meta.Text, meta.Segments, meta.Removed = nil, "", nil, nil
		want = append(want, &meta)
	}
	if got, err = db.Documents(ctx); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Documents:\n got %+v\nwant %+v", got, want)
	}
}

func TestMentions(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)

	// Ingest order is not ID order.
	var want []dossier.Mention
	for _, i := range []int{7, 2, 4} {
		doc, r := sampleDoc(i)
		if _, err := db.PutDocument(ctx, doc, r); err != nil {
			t.Fatal(err)
		}
		want = append(want, r.Mentions...)
	}
	late, lateReading := sampleDoc(99)
	errStop := errors.New("stop")

	tests := []struct {
		name    string
		fn      func(dossier.Mention) error
		want    []dossier.Mention
		wantErr error
	}{
		{name: "ingest order", want: want},
		{
			name:    "error stops the walk",
			fn:      func(dossier.Mention) error { return errStop },
			want:    want[:1],
			wantErr: errStop,
		},
		{
			// The walk holds a read snapshot, not the writer.
			name: "callback writes",
			fn: func(m dossier.Mention) error {
				_, err := db.PutDocument(ctx, late, lateReading)
				return err
			},
			want: want,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []dossier.Mention
			err := db.Mentions(ctx, func(m dossier.Mention) error {
				got = append(got, m)
				if tt.fn != nil {
					return tt.fn(m)
				}
				return nil
			})
			if err != tt.wantErr {
				t.Fatalf("Mentions: %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Mentions:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestMentionsPlan checks that streaming mentions needs no sort, which
// would make SQLite read every row before returning the first.
func TestMentionsPlan(t *testing.T) {
	db, _ := openTest(t)
	rows, err := db.read.Query(`EXPLAIN QUERY PLAN ` + mentionsQuery)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if p := strings.Join(plan, "; "); strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("Mentions sorts: %s", p)
	}
}

func TestConcurrentPutDocument(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const workers, docs = 8, 20

	// Every worker puts every document, in its own order, so that each
	// document races against seven duplicates.
	results := make(chan dossier.IngestResult, workers*docs)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range docs {
				doc, r := sampleDoc((i + w*3) % docs)
				res, err := db.PutDocument(ctx, doc, r)
				if err != nil {
					t.Error(err)
					return
				}
				results <- res
			}
		})
	}
	wg.Wait()
	close(results)
	added := 0
	for res := range results {
		if res == dossier.Added {
			added++
		}
	}
	if added != docs {
		t.Errorf("%d Added, want %d", added, docs)
	}
	want := map[string]int{"documents": docs, "mentions": docs * 5, "sentences": docs * 3}
	if got := count(t, db, "documents", "mentions", "sentences"); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
}

// BenchmarkPutDocument measures storing new documents of about 16 KiB with
// a reading of 100 mentions in 40 sentences, one writer and eight.
func BenchmarkPutDocument(b *testing.B) {
	ctx := context.Background()
	text := strings.Repeat("Islamic State-Khorasan (IS-K) claimed the attack in Kabul on Friday, officials said. ", 190)
	docFor := func(i int) (*dossier.Document, *dossier.Reading) {
		doc := newDoc(fmt.Sprintf("<!-- %d -->%s", i, text), text)
		doc.Title, doc.Authors = "Benchmark", []string{"A. Writer"}
		r := &dossier.Reading{}
		for s := range 40 {
			r.Sentences = append(r.Sentences, dossier.Span{Start: s * 87, End: s*87 + 86})
			r.Mentions = append(r.Mentions,
				dossier.Mention{Document: doc.ID, Start: s * 87, End: s*87 + 22, Text: "Islamic State-Khorasan", Type: dossier.Group, Key: "isk", Sentence: s},
				dossier.Mention{Document: doc.ID, Start: s*87 + 24, End: s*87 + 28, Text: "IS-K", Type: dossier.Group, Key: "isk", Sentence: s},
				dossier.Mention{Document: doc.ID, Start: s*87 + 52, End: s*87 + 57, Text: "Kabul", Type: dossier.Place, Key: "kabul", Sentence: s})
		}
		r.Mentions = r.Mentions[:100]
		return doc, r
	}
	size := int64(len(fmt.Sprintf("<!-- %d -->%s", 0, text)))

	b.Run("serial", func(b *testing.B) {
		db, _ := openTest(b)
		b.SetBytes(size)
		i := 0
		for b.Loop() {
			doc, r := docFor(i)
			i++
			if _, err := db.PutDocument(ctx, doc, r); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("parallel", func(b *testing.B) {
		db, _ := openTest(b)
		b.SetBytes(size)
		b.SetParallelism(8) // 8 × GOMAXPROCS goroutines
		var mu sync.Mutex
		next := 0
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				doc, r := docFor(i)
				if _, err := db.PutDocument(ctx, doc, r); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(next)/b.Elapsed().Seconds(), "docs/s")
	})
}
