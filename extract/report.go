package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dossier-osint/dossier"
)

// reportJSON is a Report as it is kept between resolutions (see Version):
// everything Merge reads, the event drafts' unexported state included, so
// that Merge over decoded reports gives what it gives over Read's. The
// events are the drafts' events (Read leaves one draft per event, in the
// same order), so they are written once, inside their drafts.
type reportJSON struct {
	Doc        string               `json:"doc"`
	Published  string               `json:"published"`
	Drafts     []draftJSON          `json:"drafts"`
	Relations  []*dossier.Relation  `json:"relations"`
	Attributes []*dossier.Attribute `json:"attributes"`
	Claims     []dossier.Claim      `json:"claims"`
}

// draftJSON carries every field of eventDraft (TestDraftFields checks
// that none is forgotten).
type draftJSON struct {
	Event          *dossier.Event  `json:"event"`
	Partial        string          `json:"partial,omitempty"`
	Anaphor        bool            `json:"anaphor,omitempty"`
	Specific       bool            `json:"specific,omitempty"`
	Sentence       int             `json:"sentence"`
	Last           int             `json:"last"`
	Additive       map[string]bool `json:"additive"`
	PlaceInherited bool            `json:"place_inherited,omitempty"`
	Plural         bool            `json:"plural,omitempty"`
	PluralWord     bool            `json:"plural_word,omitempty"`
	Places         []string        `json:"places"`
}

// Encode returns the report as Read returned it, before Merge (which
// changes the drafts it is given), for DecodeReport. It is lossless: nil
// and empty lists stay apart, and strings are the valid UTF-8 of a
// cleaned text.
//
// The document's ID recurs in every event, figure, attribute and claim;
// it is written once, on the first line, and each JSON string equal to it
// becomes "<", which json.Marshal cannot write otherwise (it escapes '<'
// as \u003c): a third less to store and to parse.
func (r *Report) Encode() ([]byte, error) {
	return r.AppendEncode(nil)
}

// AppendEncode appends what Encode returns to dst and returns the longer
// slice: a caller encoding many reports can keep one buffer.
func (r *Report) AppendEncode(dst []byte) ([]byte, error) {
	if len(r.drafts) != len(r.Events) {
		return nil, fmt.Errorf("extract: report of %s has %d events but %d drafts: encode it before Merge", r.Doc, len(r.Events), len(r.drafts))
	}
	out := reportJSON{Doc: r.Doc, Published: r.Published, Relations: r.Relations, Attributes: r.Attributes, Claims: r.Claims}
	if r.drafts != nil {
		out.Drafts = make([]draftJSON, len(r.drafts))
	}
	for i, d := range r.drafts {
		if d.ev != r.Events[i] {
			return nil, fmt.Errorf("extract: report of %s: event %d is not its draft's: encode it before Merge", r.Doc, i)
		}
		out.Drafts[i] = draftJSON{
			Event: d.ev, Partial: d.partial, Anaphor: d.anaphor, Specific: d.specific,
			Sentence: d.sentence, Last: d.last, Additive: d.additive, PlaceInherited: d.placeInherited,
			Plural: d.plural, PluralWord: d.pluralWord, Places: d.places,
		}
	}
	if strings.Contains(r.Doc, "\n") {
		return nil, fmt.Errorf("extract: encode report: document ID %q holds a line break", r.Doc)
	}
	// What json.Marshal writes, into a buffer kept between calls (an
	// Encoder ends it with a line break, dropped here), then copied once
	// into dst with the document's ID replaced.
	buf := encodeBuffers.Get().(*bytes.Buffer)
	defer encodeBuffers.Put(buf)
	buf.Reset()
	if err := json.NewEncoder(buf).Encode(out); err != nil {
		return nil, fmt.Errorf("extract: encode report of %s: %w", r.Doc, err)
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	// bytes.ReplaceAll(b, mark, docMark) in one pass. The search is for
	// the mark's first 32 bytes, which bytes.Index matches with vector
	// instructions (a whole quoted ID is past their reach, and was
	// searched for byte by byte), each hit then checked in full.
	mark := []byte(`"` + r.Doc + `"`)
	head := mark[:min(len(mark), 32)]
	dst = slices.Grow(dst, len(r.Doc)+1+len(b))
	dst = append(append(dst, r.Doc...), '\n')
	for {
		i := bytes.Index(b, head)
		if i < 0 {
			break
		}
		if !bytes.HasPrefix(b[i:], mark) {
			dst = append(dst, b[:i+1]...)
			b = b[i+1:]
			continue
		}
		dst = append(append(dst, b[:i]...), docMark...)
		b = b[i+len(mark):]
	}
	return append(dst, b...), nil
}

// encodeBuffers hold JSON on its way into an encoded report.
var encodeBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// docMark stands for the document's ID in an encoded report.
var docMark = []byte(`"<"`)

// DecodeReport decodes what Encode encoded.
func DecodeReport(b []byte) (*Report, error) {
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("extract: decode report: no document ID line")
	}
	doc := string(b[:nl])
	b = bytes.ReplaceAll(b[nl+1:], docMark, []byte(`"`+doc+`"`))
	var in reportJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, fmt.Errorf("extract: decode report of %s: %w", doc, err)
	}
	r := &Report{Doc: in.Doc, Published: in.Published, Relations: in.Relations, Attributes: in.Attributes, Claims: in.Claims,
		claimed: make(map[string]bool, len(in.Claims))}
	for _, c := range in.Claims {
		r.claimed[c.ID] = true
	}
	if in.Drafts != nil {
		r.drafts = make([]*eventDraft, len(in.Drafts))
		r.Events = make([]*dossier.Event, len(in.Drafts))
	}
	for i, d := range in.Drafts {
		if d.Event == nil {
			return nil, fmt.Errorf("extract: decode report of %s: draft %d has no event", doc, i)
		}
		r.drafts[i] = &eventDraft{
			ev: d.Event, partial: d.Partial, anaphor: d.Anaphor, specific: d.Specific,
			sentence: d.Sentence, last: d.Last, additive: d.Additive, placeInherited: d.PlaceInherited,
			plural: d.Plural, pluralWord: d.PluralWord, places: d.Places,
		}
		r.Events[i] = d.Event
	}
	return r, nil
}
