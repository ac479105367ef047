// Package eval scores the program's output against gold data: for names,
// the re3d defence-domain corpus and CoNLL-2003 (spans and types, exact
// and overlapping match, precision, recall and F1 per type). It reads the
// development data kept outside the repository (../shared/data); the
// product itself never does.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Doc is one gold document: its text and the names in it.
type Doc struct {
	ID     string
	Source string // re3d source folder, or the CoNLL file
	Text   string
	Gold   []Mention
	// Tokens, for CoNLL, are the gold tokenisation: sentence by sentence,
	// code point spans into Text. Nil for re3d.
	Tokens [][]Span
}

// Span is a range of code points.
type Span struct{ Start, End int }

// Mention is a typed span of code points in a Doc's text. Type is the gold
// set's own type name (re3d "Person", CoNLL "PER", ...).
type Mention struct {
	Start, End int
	Type       string
	Text       string
}

// Re3dTypes are the re3d entity types scored for names; the others
// (Temporal, Quantity, Weapon, ...) are not names.
var Re3dTypes = []string{"Person", "Organisation", "Location", "Nationality"}

// CoNLLTypes are the CoNLL-2003 entity types.
var CoNLLTypes = []string{"PER", "ORG", "LOC", "MISC"}

// Re3dSources returns the source folders under root (each holding
// documents.json and entities.json), sorted by name.
func Re3dSources(root string) ([]string, error) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("re3d: %w", err)
	}
	var out []string
	for _, e := range ents {
		if _, err := os.Stat(filepath.Join(root, e.Name(), "documents.json")); e.IsDir() && err == nil {
			out = append(out, filepath.Join(root, e.Name()))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("re3d: no source folders with documents.json in %s", root)
	}
	sort.Strings(out)
	return out, nil
}

// ReadRe3d reads one re3d source folder. Offsets in entities.json
// (begin/end) count UTF-16 code units of the document text as MongoDB
// stores it; they are turned into code points here. Only the name types
// (Re3dTypes) are kept.
func ReadRe3d(dir string) ([]Doc, error) {
	type jdoc struct {
		ID   string `json:"_id"`
		Text string `json:"text"`
	}
	type jent struct {
		Begin, End int
		Type       string
		Value      string
		DocumentID string `json:"documentId"`
	}
	var docs []Doc
	byID := map[string]int{}
	err := readLines(filepath.Join(dir, "documents.json"), func(line []byte) error {
		var d jdoc
		if err := json.Unmarshal(line, &d); err != nil {
			return err
		}
		if d.ID == "" {
			return fmt.Errorf("document without _id")
		}
		byID[d.ID] = len(docs)
		docs = append(docs, Doc{ID: d.ID, Source: filepath.Base(dir), Text: d.Text})
		return nil
	})
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, t := range Re3dTypes {
		keep[t] = true
	}
	err = readLines(filepath.Join(dir, "entities.json"), func(line []byte) error {
		var e jent
		if err := json.Unmarshal(line, &e); err != nil {
			return err
		}
		if !keep[e.Type] {
			return nil
		}
		i, ok := byID[e.DocumentID]
		if !ok {
			return fmt.Errorf("entity of unknown document %q", e.DocumentID)
		}
		d := &docs[i]
		start, end, ok := unitsToRunes(d.Text, e.Begin, e.End)
		if !ok {
			return fmt.Errorf("entity %d:%d outside document %s", e.Begin, e.End, e.DocumentID)
		}
		d.Gold = append(d.Gold, Mention{Start: start, End: end, Type: e.Type, Text: e.Value})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range docs {
		sortMentions(docs[i].Gold)
	}
	return docs, nil
}

// unitsToRunes converts offsets counted in UTF-16 code units into code
// points.
func unitsToRunes(text string, begin, end int) (int, int, bool) {
	units, runes := 0, 0
	start, stop := -1, -1
	for _, r := range text {
		if units == begin {
			start = runes
		}
		if units == end {
			stop = runes
		}
		units++
		if r >= 0x10000 {
			units++
		}
		runes++
	}
	if units == begin {
		start = runes
	}
	if units == end {
		stop = runes
	}
	return start, stop, start >= 0 && stop >= start
}

func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
}

func readLines(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// CoNLLSentence is one sentence of a CoNLL file: words and their gold names
// (word indices).
type CoNLLSentence struct {
	Words []string
	Names []WordSpan
}

// WordSpan is a typed run of words Words[Start:End].
type WordSpan struct {
	Start, End int
	Type       string
}

// ReadCoNLL reads a CoNLL-2003 file (word, POS, chunk, NE tag per line,
// blank lines between sentences, IOB1 or IOB2 tags).
func ReadCoNLL(path string) ([]CoNLLSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []CoNLLSentence
	var cur CoNLLSentence
	var tags []string
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Names = iobSpans(tags)
			out = append(out, cur)
		}
		cur, tags = CoNLLSentence{}, nil
	}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			flush()
			continue
		}
		fs := strings.Fields(line)
		if fs[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(fs) < 2 {
			return nil, fmt.Errorf("%s:%d: want word and tag columns", path, n)
		}
		if !utf8.ValidString(fs[0]) {
			return nil, fmt.Errorf("%s:%d: invalid UTF-8", path, n)
		}
		cur.Words = append(cur.Words, fs[0])
		tags = append(tags, fs[len(fs)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	flush()
	return out, nil
}

// iobSpans reads IOB1 or IOB2 tags: a name starts at B-, or at I- after O
// or a name of another type.
func iobSpans(tags []string) []WordSpan {
	var out []WordSpan
	start, typ := -1, ""
	for i, t := range tags {
		switch {
		case t == "O" || len(t) < 3:
			if start >= 0 {
				out = append(out, WordSpan{start, i, typ})
			}
			start, typ = -1, ""
		case t[0] == 'B' || t[2:] != typ || start < 0:
			if start >= 0 {
				out = append(out, WordSpan{start, i, typ})
			}
			start, typ = i, t[2:]
		}
	}
	if start >= 0 {
		out = append(out, WordSpan{start, len(tags), typ})
	}
	return out
}

// CoNLLDocs groups CoNLL sentences into documents and writes their text:
// words joined by spaces, one sentence a line. The files here have no
// -DOCSTART- lines, so a document is taken to start at the headline before
// each dateline (a short sentence holding a YYYY-MM-DD date, as Reuters
// writes "LONDON 1996-08-30"). source names the file in each Doc.
func CoNLLDocs(sents []CoNLLSentence, source string) []Doc {
	var docs []Doc
	starts := []int{0}
	for i := 1; i < len(sents); i++ {
		if isDateline(sents[i].Words) && i-1 > starts[len(starts)-1] {
			starts = append(starts, i-1)
		}
	}
	starts = append(starts, len(sents))
	for d := 0; d+1 < len(starts); d++ {
		var b strings.Builder
		doc := Doc{ID: fmt.Sprintf("%s#%d", filepath.Base(source), d+1), Source: source}
		pos := 0
		for _, s := range sents[starts[d]:starts[d+1]] {
			var toks []Span
			for i, w := range s.Words {
				if i > 0 {
					b.WriteByte(' ')
					pos++
				}
				n := utf8.RuneCountInString(w)
				toks = append(toks, Span{pos, pos + n})
				b.WriteString(w)
				pos += n
			}
			for _, nm := range s.Names {
				st, en := toks[nm.Start].Start, toks[nm.End-1].End
				doc.Gold = append(doc.Gold, Mention{Start: st, End: en, Type: nm.Type, Text: strings.Join(s.Words[nm.Start:nm.End], " ")})
			}
			doc.Tokens = append(doc.Tokens, toks)
			b.WriteByte('\n')
			pos++
		}
		doc.Text = b.String()
		docs = append(docs, doc)
	}
	return docs
}

func isDateline(words []string) bool {
	if len(words) > 8 {
		return false
	}
	for _, w := range words {
		if len(w) == 10 && w[4] == '-' && w[7] == '-' && strings.Trim(w[:4]+w[5:7]+w[8:], "0123456789") == "" {
			return true
		}
	}
	return false
}
