package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-osint/dossier"
)

// compactDoc returns document i of three kinds by i%3: plain text whose
// raw bytes are its text, HTML that compresses, and raw bytes too short
// to compress. Each has a mention and a claim whose text is the
// document's at their span, and one of each whose text is not.
func compactDoc(i int) (*dossier.Document, *dossier.Reading, []dossier.Claim) {
	text := fmt.Sprintf("%d. %s", i, sampleText)
	var raw string
	switch i % 3 {
	case 0:
		raw = text
	case 1:
		raw = "<html><body>" + strings.Repeat("<div class=\"nav\">menu</div>", 40) + "<p>" + text + "</p></body></html>"
	case 2:
		raw = fmt.Sprintf("\xff%d", i)
	}
	doc := newDoc(raw, text)
	doc.Format = []string{"txt", "html", "html"}[i%3]
	isk := mention(doc, "IS-K", dossier.Group, "is-k", 0)
	hizb := mention(doc, "Ḥizb ut-Tahrir", dossier.Group, "ḥizb ut-tahrir", 1)
	odd := mention(doc, "Kabul", dossier.Place, "kabul", 0)
	odd.Text = "Kābul" // not the text at its span: kept
	r := &dossier.Reading{Mentions: []dossier.Mention{isk, hizb, odd}}
	if i%2 == 0 { // the others have no sentences
		r.Sentences = []dossier.Span{{Start: 0, End: 62}, {Start: 62, End: 95}, {Start: 95, End: 113}}
	}
	claims := []dossier.Claim{ // in text order, as DocumentClaims gives them
		{ID: fmt.Sprintf("c%d-b", i), Document: doc.ID, Start: isk.Start, End: isk.End, Quote: "IS-K (sic)"},
		{ID: fmt.Sprintf("c%d-a", i), Document: doc.ID, Start: hizb.Start, End: hizb.End + 7, Quote: "Ḥizb ut-Tahrir denied"},
	}
	return doc, r, claims
}

func insertClaims(t *testing.T, db *sql.DB, claims []dossier.Claim) {
	t.Helper()
	for _, c := range claims {
		if _, err := db.Exec(upsertClaimsHead+`(?, ?, ?, ?, ?)`+upsertClaimsTail, c.ID, c.Document, c.Start, c.End, c.Quote); err != nil {
			t.Fatal(err)
		}
	}
}

// checkCompact checks that the store gives back docs, their mentions and
// claims and reports as given, and keeps them compactly.
func checkCompact(t *testing.T, db *DB, docs []*dossier.Document, readings []*dossier.Reading, claims [][]dossier.Claim, reports []*dossier.ExtractionReport) {
	t.Helper()
	ctx := context.Background()
	var mentions []dossier.Mention
	for i, doc := range docs {
		got, err := db.Document(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Raw, doc.Raw) || got.Text != doc.Text {
			t.Errorf("document %d: raw %q text %q, want %q %q", i, got.Raw, got.Text, doc.Raw, doc.Text)
		}
		var codec int
		var stored []byte
		db.read.QueryRow(`SELECT codec, raw FROM documents WHERE id = ?`, doc.ID).Scan(&codec, &stored)
		if want := []int{codecText, codecZstd, codecPlain}[i%3]; codec != want {
			t.Errorf("document %d: codec %d, want %d", i, codec, want)
		}
		if codec != codecPlain && len(stored) >= len(doc.Raw) {
			t.Errorf("document %d: %d bytes stored for %d raw", i, len(stored), len(doc.Raw))
		}
		got2, err := db.DocumentClaims(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got2, claims[i]) {
			t.Errorf("document %d: claims\n got %+v\nwant %+v", i, got2, claims[i])
		}
		spans, err := db.Sentences(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(spans, readings[i].Sentences) {
			t.Errorf("document %d: sentences %v, want %v", i, spans, readings[i].Sentences)
		}
		var rows int
		db.read.QueryRow(`SELECT count(*) FROM sentences WHERE document = ? AND idx = 1 AND start = 62 AND "end" = 95`, doc.ID).Scan(&rows)
		if want := 1 - i%2; rows != want {
			t.Errorf("document %d: %d rows of the sentences view for the second sentence, want %d", i, rows, want)
		}
		ms, err := db.DocumentMentions(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		for j, m := range ms {
			if want := readings[i].Mentions; m.Text != want[j].Text && m.Start == want[j].Start {
				t.Errorf("document %d: DocumentMentions text %q, want %q", i, m.Text, want[j].Text)
			}
		}
		for _, m := range readings[i].Mentions {
			m.Document = doc.ID
			mentions = append(mentions, m)
		}
	}
	var ids []string
	for _, doc := range docs {
		ids = append(ids, doc.ID)
	}
	gotSpans := map[string][]dossier.Span{}
	if err := db.Texts(ctx, ids, func(d *dossier.Document, spans []dossier.Span) error {
		gotSpans[d.ID] = spans
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i, doc := range docs {
		if got, ok := gotSpans[doc.ID]; !ok || !reflect.DeepEqual(got, readings[i].Sentences) {
			t.Errorf("document %d: Texts gave sentences %v (%v), want %v", i, got, ok, readings[i].Sentences)
		}
	}
	var old int
	db.read.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'sentences_0009'`).Scan(&old)
	if old != 0 {
		t.Error("sentences_0009 is still there")
	}
	var got []dossier.Mention
	if err := db.Mentions(ctx, func(m dossier.Mention) error { got = append(got, m); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, mentions) {
		t.Errorf("Mentions:\n got %+v\nwant %+v", got, mentions)
	}
	if got := allReports(t, db); !reflect.DeepEqual(got, reports) {
		t.Errorf("reports:\n got %s\nwant %s", show(got), show(reports))
	}

	// Only the texts that are not the document's at their span are kept.
	var texts, quotes, reportsPlain, unconverted int
	db.read.QueryRow(`SELECT count(text) FROM mentions`).Scan(&texts)
	db.read.QueryRow(`SELECT count(quote) FROM claims`).Scan(&quotes)
	db.read.QueryRow(`SELECT count(*) FROM extraction_reports WHERE codec <> 2`).Scan(&reportsPlain)
	db.read.QueryRow(`SELECT (SELECT count(*) FROM documents WHERE codec = 0) + (SELECT count(*) FROM extraction_reports WHERE codec = 0)`).Scan(&unconverted)
	if texts != len(docs) || quotes != len(docs) {
		t.Errorf("%d mention texts and %d quotes kept, want %d of each", texts, quotes, len(docs))
	}
	if reportsPlain != 1 || unconverted != 0 {
		t.Errorf("%d reports not compressed (want the empty one), %d rows not converted", reportsPlain, unconverted)
	}
}

func compactReports(docs []*dossier.Document) []*dossier.ExtractionReport {
	var reps []*dossier.ExtractionReport
	for i, doc := range docs {
		data := []byte(strings.Repeat(fmt.Sprintf(`{"event":%d,"quote":"IS-K claimed the attack"},`, i), 20))
		if i == 0 {
			data = []byte{}
		}
		reps = append(reps, &dossier.ExtractionReport{Document: doc.ID, Digest: []byte{byte(i)}, Data: data})
	}
	return reps
}

func TestCompactStore(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	var docs []*dossier.Document
	var readings []*dossier.Reading
	var claims [][]dossier.Claim
	for i := range 6 {
		doc, r, cs := compactDoc(i)
		if _, err := db.PutDocument(ctx, doc, r); err != nil {
			t.Fatal(err)
		}
		insertClaims(t, db.write, cs)
		docs, readings, claims = append(docs, doc), append(readings, r), append(claims, cs)
	}
	reports := compactReports(docs)
	if err := db.PutExtractionReports(ctx, reports); err != nil {
		t.Fatal(err)
	}
	sortReports(reports)
	checkCompact(t, db, docs, readings, claims, reports)

	// An unchanged claim is not written again; a changed one is, and its
	// quote left out again.
	res, err := db.write.Exec(upsertClaimsHead+`(?, ?, ?, ?, ?)`+upsertClaimsTail, claims[1][1].ID, docs[1].ID, claims[1][1].Start, claims[1][1].End, claims[1][1].Quote)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 0 {
		t.Errorf("an unchanged claim was written again (%d rows)", n)
	}
	c := claims[1][1]
	c.End -= 7
	c.Quote = "Ḥizb ut-Tahrir"
	insertClaims(t, db.write, []dossier.Claim{c})
	var quote sql.NullString
	db.read.QueryRow(`SELECT quote FROM claims WHERE id = ?`, c.ID).Scan(&quote)
	got, err := db.DocumentClaims(ctx, docs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if quote.Valid || got[1] != c {
		t.Errorf("changed claim: stored quote %v, read %+v, want %+v", quote, got[1], c)
	}
}

func sortReports(reps []*dossier.ExtractionReport) {
	for i := range reps {
		for j := i + 1; j < len(reps); j++ {
			if reps[j].Document < reps[i].Document {
				reps[i], reps[j] = reps[j], reps[i]
			}
		}
	}
}

// TestCompactLegacy converts a store written before migration 0010, in
// batches, resuming after a stop, and telling its progress.
func TestCompactLegacy(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old := fstest.MapFS{}
	ms, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if filepath.Base(m) < "0010" {
			b, _ := fs.ReadFile(migrationFS, m)
			old[m] = &fstest.MapFile{Data: b}
		}
	}
	w, err := sql.Open("sqlite", dsn(path, writeParams))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, w, old); err != nil {
		t.Fatal(err)
	}
	var docs []*dossier.Document
	var readings []*dossier.Reading
	var claims [][]dossier.Claim
	const n = 30
	for i := range n {
		doc, r, cs := compactDoc(i)
		if _, err := w.Exec(`INSERT INTO documents (id, source, format, title, outlet, authors, published, url,
			ingested_at, segments, removed, text, raw) VALUES (?, ?, ?, '', '', '[]', '', '', ?, '[]', '[]', ?, ?)`,
			doc.ID, doc.Source, doc.Format, formatTime(doc.IngestedAt), doc.Text, doc.Raw); err != nil {
			t.Fatal(err)
		}
		for j, sp := range r.Sentences {
			if _, err := w.Exec(`INSERT INTO sentences (document, idx, start, "end") VALUES (?, ?, ?, ?)`, doc.ID, j, sp.Start, sp.End); err != nil {
				t.Fatal(err)
			}
		}
		for j, m := range r.Mentions {
			if _, err := w.Exec(`INSERT INTO mentions (document, idx, start, "end", text, type, key, canonical, sentence)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, doc.ID, j, m.Start, m.End, m.Text, m.Type, m.Key, m.Canonical, m.Sentence); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range cs {
			if _, err := w.Exec(`INSERT INTO claims (id, document, start, "end", quote) VALUES (?, ?, ?, ?, ?)`,
				c.ID, c.Document, c.Start, c.End, c.Quote); err != nil {
				t.Fatal(err)
			}
		}
		docs, readings, claims = append(docs, doc), append(readings, r), append(claims, cs)
	}
	reports := compactReports(docs)
	for _, r := range reports {
		if _, err := w.Exec(`INSERT INTO extraction_reports (document, digest, report) VALUES (?, ?, ?)`, r.Document, r.Digest, r.Data); err != nil {
			t.Fatal(err)
		}
	}
	sortReports(reports)

	// The migration, and one batch of the conversion, then a stop.
	defer func(n int) { compactBatch = n }(compactBatch)
	compactBatch = 4
	if err := migrate(ctx, w, migrationFS); err != nil {
		t.Fatal(err)
	}
	if n, err := (&DB{write: w}).compactDocuments(ctx); err != nil || n != 4 {
		t.Fatalf("first batch: %d, %v", n, err)
	}
	w.Close()

	var progress bytes.Buffer
	defer func(w io.Writer) { compactProgress = w }(compactProgress)
	compactProgress = &progress
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkCompact(t, db, docs, readings, claims, reports)
	if lines := strings.Count(progress.String(), "\n"); lines < 5 || !strings.Contains(progress.String(), fmt.Sprintf("%d of %d", 2*n-4, 2*n-4)) {
		t.Errorf("progress:\n%s", progress.String())
	}
}

// TestRuneIndex checks runeIndex against SQLite's substr(), which readers
// use to give back what it leaves out, on text with and without
// multi-byte code points, across its marks.
func TestRuneIndex(t *testing.T) {
	db, _ := openTest(t)
	for _, s := range []string{
		"",
		"plain ASCII text about IS-K in Kabul",
		strings.Repeat("Ḥizb ut-Tahrir — Khādim, ‘IS-K’ 😀; ", 9),
	} {
		x := newRuneIndex(s)
		runes := []rune(s)
		if x.n != len(runes) {
			t.Fatalf("%d code points, want %d", x.n, len(runes))
		}
		for start := 0; start <= len(runes); start += 7 {
			for end := start; end <= len(runes) && end < start+150; end += 13 {
				got, ok := x.slice(start, end)
				var want string
				if err := db.read.QueryRow(`SELECT substr(?, ?, ?)`, s, start+1, end-start).Scan(&want); err != nil {
					t.Fatal(err)
				}
				if !ok || got != want || got != string(runes[start:end]) {
					t.Fatalf("slice(%d, %d) = %q, %v; substr %q", start, end, got, ok, want)
				}
			}
		}
		if _, ok := x.slice(0, len(runes)+1); ok {
			t.Error("a span past the end was sliced")
		}
	}
}

// TestCompactInvalidUTF8 checks that the mentions of a text that is not
// valid UTF-8, where Go and SQLite may count code points differently,
// keep their texts.
func TestCompactInvalidUTF8(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	doc := newDoc("raw \xff IS-K", "text \xff IS-K")
	m := dossier.Mention{Start: 7, End: 11, Text: "IS-K", Type: dossier.Group, Key: "is-k"}
	if _, err := db.PutDocument(ctx, doc, &dossier.Reading{Mentions: []dossier.Mention{m}}); err != nil {
		t.Fatal(err)
	}
	var text sql.NullString
	db.read.QueryRow(`SELECT text FROM mentions WHERE document = ?`, doc.ID).Scan(&text)
	if text.String != "IS-K" {
		t.Errorf("stored text %v, want IS-K kept", text)
	}
}
