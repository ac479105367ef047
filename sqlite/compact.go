package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"sync"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/klauspost/compress/zstd"
)

// The compact store (migration 0010). What the store keeps is what
// readers get back, byte for byte; what changes is how:
//
//   - A document's raw bytes are kept compressed with zstd, or not at all
//     when they are its cleaned text (plain text nothing was cleaned out
//     of), which the text column holds anyway. documents.codec says which.
//   - An extraction report is kept compressed (extraction_reports.codec).
//   - A mention's text and a claim's quote are not kept when they are the
//     document's text at their span, which is nearly always: they are
//     NULL, and readers take substr(documents.text, start + 1, end - start)
//     (SQLite counts code points in TEXT, as offsets do). PutDocument
//     leaves out the mentions' texts; triggers leave out the claims'
//     quotes as they are written, so that the code writing claims need
//     not know.
//   - A document's sentence spans are one JSON array in its row
//     (documents.sentence_spans), not a row each; the view sentences
//     gives the rows readers had.
//
// Rows stored before 0010 have codec 0 and are converted at Open, a batch
// of documents (with their sentences, mentions and claims) or reports a
// transaction, so that a killed conversion resumes where it stopped;
// converting a row again would change nothing.

// Codecs of documents.raw (codecPlain..codecText) and
// extraction_reports.report (codecPlain, codecZstd). 0 is a row from
// before migration 0010, not converted yet: stored as given.
const (
	codecUnconverted = 0
	codecPlain       = 1 // stored as given (compressing did not make it smaller)
	codecZstd        = 2 // a zstd frame
	codecText        = 3 // documents only: raw is empty, the raw bytes are documents.text
)

// One encoder and one decoder serve every goroutine: EncodeAll and
// DecodeAll may be called concurrently. Documents and reports are a few
// kilobytes to a few hundred; a 256 KiB window holds nearly all of them
// whole, and level 3 (SpeedDefault) compresses them within a few percent
// of the slower levels (see docs/scale.md).
var (
	zstdOnce sync.Once
	zstdEnc  *zstd.Encoder
	zstdDec  *zstd.Decoder
	zstdErr  error
)

func zstdCodec() (*zstd.Encoder, *zstd.Decoder, error) {
	zstdOnce.Do(func() {
		zstdEnc, zstdErr = zstd.NewWriter(nil,
			zstd.WithEncoderLevel(zstd.SpeedDefault),
			zstd.WithWindowSize(1<<18),
			zstd.WithEncoderCRC(false), // SQLite pages carry no corruption this would catch first
			zstd.WithLowerEncoderMem(true))
		if zstdErr != nil {
			return
		}
		zstdDec, zstdErr = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0))
	})
	return zstdEnc, zstdDec, zstdErr
}

// compress returns b's codec and the bytes to store: a zstd frame, or b
// itself when that is not smaller.
func compress(b []byte) (int, []byte, error) {
	enc, _, err := zstdCodec()
	if err != nil {
		return 0, nil, err
	}
	z := enc.EncodeAll(b, make([]byte, 0, len(b)/2))
	if len(z) >= len(b) {
		return codecPlain, b, nil
	}
	return codecZstd, z, nil
}

// decompress returns the bytes stored under codec; text is the document's
// text, for codecText.
func decompress(codec int, b []byte, text string) ([]byte, error) {
	switch codec {
	case codecUnconverted, codecPlain:
		return b, nil
	case codecZstd:
		_, dec, err := zstdCodec()
		if err != nil {
			return nil, err
		}
		return dec.DecodeAll(b, nil)
	case codecText:
		return []byte(text), nil
	}
	return nil, fmt.Errorf("unknown codec %d", codec)
}

// compactRaw returns the codec and stored bytes of a document's raw bytes.
func compactRaw(raw []byte, text string) (int, []byte, error) {
	if string(raw) == text {
		return codecText, []byte{}, nil
	}
	return compress(raw)
}

// mentionText is the SQL for a mention's text (mentions m): the stored
// copy, or when there is none (NULL), the document's text at its span.
const mentionText = `coalesce(m.text,
	(SELECT substr(d_.text, m.start + 1, m."end" - m.start) FROM documents d_ WHERE d_.id = m.document))`

// mentionTextJoined is mentionText for a query that joins the mention's
// document as d: it reads the text from the row at hand, where the
// subquery would look the document up again for each mention.
const mentionTextJoined = `coalesce(m.text, substr(d.text, m.start + 1, m."end" - m.start))`

// mentionColumnsJoined is mentionColumns for a query that joins the
// mention's document as d.
const mentionColumnsJoined = `m.document, m.start, m."end", ` + mentionTextJoined + `, m.type, m.key, m.canonical, m.sentence`

// claimQuote is the SQL for a claim's quote (claims c): the stored copy,
// or when there is none (NULL), the document's text at its span.
const claimQuote = `coalesce(c.quote,
	(SELECT substr(d_.text, c.start + 1, c."end" - c.start) FROM documents d_ WHERE d_.id = c.document))`

// claimQuoteJoined is claimQuote for a query that joins the claim's
// document as d.
const claimQuoteJoined = `coalesce(c.quote, substr(d.text, c.start + 1, c."end" - c.start))`

// runeIndex maps code-point offsets into a string to byte offsets. It
// keeps the byte offset of every 64th code point (none for ASCII, where
// they are the same), so that it costs an eighth of the text's size at
// most and a look-up walks at most 63 code points.
type runeIndex struct {
	s     string
	marks []int // byte offset of code points 0, 64, 128, ...; nil when s is ASCII
	n     int   // code points in s
}

func newRuneIndex(s string) runeIndex {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return runeIndex{s: s, n: len(s)}
	}
	x := runeIndex{s: s, marks: make([]int, 0, len(s)/64+1)}
	for i := range s {
		if x.n%64 == 0 {
			x.marks = append(x.marks, i)
		}
		x.n++
	}
	return x
}

// byteAt is the byte offset of code point r, 0 <= r <= n.
func (x runeIndex) byteAt(r int) int {
	if x.marks == nil {
		return r
	}
	if r == x.n {
		return len(x.s)
	}
	b := x.marks[r/64]
	for k := r % 64; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(x.s[b:])
		b += size
	}
	return b
}

// slice returns s's code points [start, end), and false when the span is
// not within s.
func (x runeIndex) slice(start, end int) (string, bool) {
	if start < 0 || end < start || end > x.n {
		return "", false
	}
	return x.s[x.byteAt(start):x.byteAt(end)], true
}

// compactBatch is how many documents or reports one conversion
// transaction takes.
var compactBatch = 200

// compactLegacy converts the rows stored before migration 0010, telling
// progress (a line every tenth of the way) when there are many.
func (db *DB) compactLegacy(ctx context.Context, progress io.Writer) error {
	var docs, reports int
	var oldSentences bool
	if err := db.write.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents WHERE codec = 0),
		(SELECT count(*) FROM extraction_reports WHERE codec = 0),
		EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sentences_0009')`).Scan(&docs, &reports, &oldSentences); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	if docs == 0 && reports == 0 && !oldSentences {
		return nil
	}
	total, done, told := docs+reports, 0, 0
	tell := func(n int) {
		done += n
		if progress == nil || total < 10*compactBatch {
			return
		}
		if step := done * 10 / total; step > told || done == total {
			told = step
			fmt.Fprintf(progress, "dossier: compacting the store (migration 0010): %d of %d documents and reports\n", done, total)
		}
	}
	for {
		n, err := db.compactDocuments(ctx)
		if err != nil {
			return fmt.Errorf("compact documents: %w", err)
		}
		if n == 0 {
			break
		}
		tell(n)
	}
	// Every document has its spans: the old rows can go (IF EXISTS:
	// another process opening the store may have dropped them first).
	if oldSentences {
		if _, err := db.write.ExecContext(ctx, `DROP TABLE IF EXISTS sentences_0009`); err != nil {
			return fmt.Errorf("compact: drop sentences_0009: %w", err)
		}
	}
	for {
		n, err := db.compactReports(ctx)
		if err != nil {
			return fmt.Errorf("compact extraction reports: %w", err)
		}
		if n == 0 {
			break
		}
		tell(n)
	}
	// The pages freed stay in the file until it is rebuilt. VACUUM needs
	// as much free disk again as the store takes; without it the store
	// works as well, only larger, so a failure is a warning.
	if progress != nil && total >= 10*compactBatch {
		fmt.Fprintf(progress, "dossier: compacting the store (migration 0010): rebuilding the file to give back the space freed\n")
	}
	if _, err := db.write.ExecContext(ctx, `VACUUM`); err != nil && progress != nil {
		fmt.Fprintf(progress, "dossier: warning: the store was compacted but its file could not be rebuilt, so it keeps its size: %v\n", err)
	}
	return nil
}

// compactDocuments converts up to compactBatch unconverted documents with
// their mentions and claims, in one transaction, and returns how many.
func (db *DB) compactDocuments(ctx context.Context) (int, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	type doc struct {
		seq      int64
		id, text string
		raw      []byte
	}
	var docs []doc
	err = eachRow(ctx, tx, `SELECT seq, id, text, raw FROM documents WHERE codec = 0 ORDER BY seq LIMIT ?`,
		[]any{compactBatch}, func(rows *sql.Rows) error {
			var d doc
			if err := rows.Scan(&d.seq, &d.id, &d.text, &d.raw); err != nil {
				return err
			}
			docs = append(docs, d)
			return nil
		})
	if err != nil || len(docs) == 0 {
		return 0, err
	}
	for _, d := range docs {
		codec, raw, err := compactRaw(d.raw, d.text)
		if err != nil {
			return 0, err
		}
		var spans []dossier.Span
		err = eachRow(ctx, tx, `SELECT start, "end" FROM sentences_0009 WHERE document = ? ORDER BY idx`, []any{d.id},
			func(rows *sql.Rows) error {
				var s dossier.Span
				err := rows.Scan(&s.Start, &s.End)
				spans = append(spans, s)
				return err
			})
		if err != nil {
			return 0, err
		}
		var packed any // NULL: the document was stored unread
		if len(spans) > 0 {
			packed = spansJSON(spans)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET raw = ?, codec = ?, sentence_spans = ? WHERE seq = ?`,
			raw, codec, packed, d.seq); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentions SET text = NULL
			WHERE document = ?1 AND text = substr(?2, start + 1, "end" - start)`, d.id, d.text); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET quote = NULL
			WHERE document = ?1 AND quote = substr(?2, start + 1, "end" - start)`, d.id, d.text); err != nil {
			return 0, err
		}
	}
	return len(docs), tx.Commit()
}

// compactReports compresses up to compactBatch unconverted extraction
// reports in one transaction and returns how many.
func (db *DB) compactReports(ctx context.Context) (int, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	type report struct {
		rowid int64
		data  []byte
	}
	var reps []report
	err = eachRow(ctx, tx, `SELECT rowid, report FROM extraction_reports WHERE codec = 0 LIMIT ?`,
		[]any{compactBatch}, func(rows *sql.Rows) error {
			var r report
			if err := rows.Scan(&r.rowid, &r.data); err != nil {
				return err
			}
			reps = append(reps, r)
			return nil
		})
	if err != nil || len(reps) == 0 {
		return 0, err
	}
	for _, r := range reps {
		codec, data, err := compress(r.data)
		if err != nil {
			return 0, err
		}
		if data == nil {
			data = []byte{}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE extraction_reports SET report = ?, codec = ? WHERE rowid = ?`, data, codec, r.rowid); err != nil {
			return 0, err
		}
	}
	return len(reps), tx.Commit()
}

// compactProgress is where Open tells the progress of a long conversion.
var compactProgress io.Writer = os.Stderr
