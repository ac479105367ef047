package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"sort"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/resolve"
)

// reportFormat names the layout of a stored report (storedEncoder) and of
// the digest (digester.digest).
// Bump it when either changes (or when resolve.NewClaim makes different
// claims), so that reports stored by an older program are not reused.
const reportFormat = 1

// held is a mention with the entity resolution put it in.
type held struct {
	ent *dossier.Entity
	m   dossier.Mention
}

// docInput is one document's part in a resolution: its mentions with
// their entities, what extraction reads, and, once extractAll has run, its
// report and the claims of its sentences that mention an entity.
type docInput struct {
	id string
	// held are the document's mentions in entity order, each entity's
	// mentions in order: the order entity claims are made in.
	held []held
	// mentions is extraction's input, in text order.
	mentions []extract.Mention
	digest   []byte
	report   *extract.Report
	claims   map[int]dossier.Claim // by sentence index
}

// A stored report (dossier.ExtractionReport.Data) is the extraction
// report (extract.Report.Encode) and the claims of the document's
// sentences that mention an entity, so that a document whose digest
// matches needs neither its text nor its sentences: the report's length
// as a uvarint, the report, then the claims as JSON.
type sentenceClaim struct {
	Sentence int    `json:"s"`
	ID       string `json:"id"`
	Start    int    `json:"b"`
	End      int    `json:"e"`
	Quote    string `json:"q"` // the document is the report's
}

// storedEncoder encodes stored reports, keeping its buffers from one report to the
// next, so that each report costs one allocation (the result) rather than
// a copy at each step.
type storedEncoder struct {
	rep []byte
	cs  bytes.Buffer
}

func (e *storedEncoder) encode(r *extract.Report, claims []sentenceClaim) ([]byte, error) {
	rep, err := r.AppendEncode(e.rep[:0])
	if err != nil {
		return nil, err
	}
	e.rep = rep
	// json.Marshal's bytes: an Encoder's, less the line break it ends with.
	e.cs.Reset()
	if err := json.NewEncoder(&e.cs).Encode(claims); err != nil {
		return nil, fmt.Errorf("claims of %s: %w", r.Doc, err)
	}
	cs := bytes.TrimSuffix(e.cs.Bytes(), []byte("\n"))
	b := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+len(rep)+len(cs)), uint64(len(rep)))
	return append(append(b, rep...), cs...), nil
}

func decodeStored(doc string, b []byte) (*extract.Report, map[int]dossier.Claim, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return nil, nil, fmt.Errorf("stored report of %s is truncated", doc)
	}
	r, err := extract.DecodeReport(b[k : k+int(n)])
	if err != nil {
		return nil, nil, err
	}
	if r.Doc != doc {
		return nil, nil, fmt.Errorf("stored report of %s is of %s", doc, r.Doc)
	}
	var cs []sentenceClaim
	if err := json.Unmarshal(b[k+int(n):], &cs); err != nil {
		return nil, nil, fmt.Errorf("stored claims of %s: %w", doc, err)
	}
	claims := make(map[int]dossier.Claim, len(cs))
	for _, c := range cs {
		claims[c.Sentence] = dossier.Claim{ID: c.ID, Document: doc, Start: c.Start, End: c.End, Quote: c.Quote}
	}
	return r, claims, nil
}

// extractionInputs groups the resolved mentions by document, in the order
// the store gave the mentions (ingest order), and leaves out documents
// none of whose mentions became an entity (nationalities only).
func extractionInputs(mentions []dossier.Mention, ents []*dossier.Entity) ([]*docInput, error) {
	var docs []*docInput
	byID := map[string]*docInput{}
	for _, m := range mentions {
		if byID[m.Document] == nil {
			d := &docInput{id: m.Document}
			byID[m.Document] = d
			docs = append(docs, d)
		}
	}
	// Count first, so that each document's lists are allocated once.
	count := make(map[*docInput]int, len(docs))
	for _, e := range ents {
		for _, m := range e.Mentions {
			d := byID[m.Document]
			if d == nil {
				// resolve only groups the mentions it was given.
				return nil, fmt.Errorf("entity %s has a mention in document %s, which has no stored mention", e.ID, m.Document)
			}
			count[d]++
		}
	}
	for _, e := range ents {
		e.Claims = e.Claims[:0]
		for _, m := range e.Mentions {
			d := byID[m.Document]
			if d.held == nil {
				d.held = make([]held, 0, count[d])
			}
			d.held = append(d.held, held{e, m})
		}
	}
	var dg digester
	out := docs[:0]
	for _, d := range docs {
		if len(d.held) == 0 {
			continue
		}
		d.mentions = make([]extract.Mention, 0, len(d.held))
		for _, h := range d.held {
			d.mentions = append(d.mentions, extract.Mention{Mention: h.m, Entity: h.ent.ID, EntityType: h.ent.Type})
		}
		sort.Slice(d.mentions, func(i, j int) bool { return d.mentions[i].Start < d.mentions[j].Start })
		d.digest = dg.digest(d.id, d.mentions)
		out = append(out, d)
	}
	return out, nil
}

// digester computes input digests, keeping its hash and buffer from one
// document to the next.
type digester struct {
	h   hash.Hash
	buf []byte
}

// digest hashes everything extract.Read and the entity claims read
// from one document: its ID, which stands for its text, publication date
// and sentences (a stored document is never changed: its ID is the hash
// of its bytes, and a document already stored is left as it is), its
// mentions in the order Read is given them, each with every field and the
// entity and type it was resolved to, and the versions of the rules and
// of this format.
func (dg *digester) digest(doc string, ms []extract.Mention) []byte {
	if dg.h == nil {
		dg.h, dg.buf = sha256.New(), make([]byte, 0, 8192)
	}
	h := dg.h
	h.Reset()
	buf := dg.buf[:0]
	num := func(n int) { buf = binary.AppendVarint(buf, int64(n)) }
	str := func(s string) { num(len(s)); buf = append(buf, s...) }
	num(extract.Version)
	num(reportFormat)
	str(doc)
	num(len(ms))
	for _, m := range ms {
		num(m.Start)
		num(m.End)
		num(m.Sentence)
		str(m.Document)
		str(m.Text)
		str(string(m.Type))
		str(m.Key)
		str(m.Canonical)
		str(m.Entity)
		str(string(m.EntityType))
		if len(buf) > 4096 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	dg.buf = buf
	return h.Sum(nil)
}

// extractAll gives every document its report and sentence claims: the
// stored ones (in.Stored) where the digest matches, else by reading the
// document (in.Texts) and running extract.Read. It returns the reports it
// made, encoded for storing.
func extractAll(ctx context.Context, in *Inputs, docs []*docInput) ([]*dossier.ExtractionReport, error) {
	byID := make(map[string]*docInput, len(docs))
	for _, d := range docs {
		byID[d.id] = d
	}
	if in.Stored != nil {
		err := in.Stored(ctx, func(r *dossier.ExtractionReport) error {
			d := byID[r.Document]
			if d == nil || !bytes.Equal(d.digest, r.Digest) {
				return nil
			}
			report, claims, err := decodeStored(d.id, r.Data)
			if err != nil {
				// A report that does not decode is made again, not trusted.
				return nil
			}
			d.report, d.claims = report, claims
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var missing []string
	for _, d := range docs {
		if d.report == nil {
			missing = append(missing, d.id)
		}
	}
	var fresh []*dossier.ExtractionReport
	var enc storedEncoder
	err := in.Texts(ctx, missing, func(doc *dossier.Document, spans []dossier.Span) error {
		d := byID[doc.ID]
		if d == nil || d.report != nil {
			return nil
		}
		// The quote of a span: code points are bytes in ASCII text (most
		// texts), which then need no conversion.
		quote := func(sp dossier.Span) string { return doc.Text[sp.Start:sp.End] }
		if !isASCII(doc.Text) {
			text := []rune(doc.Text)
			quote = func(sp dossier.Span) string { return string(text[sp.Start:sp.End]) }
		}
		// A sentence's claim is the same for every mention in it: make it
		// (a hash and a quote) once.
		d.claims = map[int]dossier.Claim{}
		var claims []sentenceClaim
		for _, h := range d.held {
			if h.m.Sentence < 0 || h.m.Sentence >= len(spans) {
				continue
			}
			if _, ok := d.claims[h.m.Sentence]; !ok {
				sp := spans[h.m.Sentence]
				c := resolve.NewClaim(doc.ID, sp, quote(sp))
				d.claims[h.m.Sentence] = c
				claims = append(claims, sentenceClaim{h.m.Sentence, c.ID, c.Start, c.End, c.Quote})
			}
		}
		in := &extract.Input{Doc: doc, Sentences: spans, Mentions: d.mentions}
		d.report = extract.Read(in)
		data, err := enc.encode(d.report, claims)
		if err != nil {
			return fmt.Errorf("extraction report of %s: %w", doc.ID, err)
		}
		fresh = append(fresh, &dossier.ExtractionReport{Document: doc.ID, Digest: d.digest, Data: data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if d.report == nil {
			return nil, fmt.Errorf("document %s has mentions but no stored text", d.id)
		}
	}
	return fresh, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
