package eval

// Relation scoring on re3d. The product's relation patterns (package
// extract) run on each re3d document with the GOLD names as their
// mentions, so the figures measure the patterns alone, not the recogniser.
//
// re3d's relation types are not the product's predicates; the mapping is
// approximate and written down here so that the figures can be read
// honestly:
//
//	re3d gold (source → target types)     product predicate(s) scored against it
//	InChargeOf   Person → Organisation    leader_of
//	BelongsTo    Person → Organisation    member_of, deputy_of, spokesperson_of
//	BelongsTo    Organisation → Org.      affiliate_of (re3d also uses it for a
//	                                      country in a coalition, a unit in a regiment)
//	FightingAgainst Org. ↔ Organisation   rival_of (both directions: symmetric)
//	AlliesOf     Organisation ↔ Org.      allied_with (symmetric; re3d's AlliesOf
//	                                      is mostly "supports", which the
//	                                      product also reads as allied_with)
//	CoLocated    Organisation → Location  operates_in (re3d: any "X in Y")
//
// founded_by, splinter_of, recruited_from and designated_by have no re3d
// counterpart; their predictions are counted but not scored. re3d
// Organisation covers states, agencies, armed forces and armed groups
// alike; the product's patterns type-check their slots, so each gold
// Organisation is typed "group" when it names an armed group (the
// lexicon's group list, or a word such as "ISIL", "militia",
// "terrorists" in it: armedWords) and "organization" otherwise. A gold
// relation is "in scope" when the product's types allow it at all (for
// rival_of and allied_with: one side an armed group); recall is given
// over all gold and over the gold in scope.

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/tokenize"
)

// RelationPredicates are the product predicates scored against re3d, in
// table order.
var RelationPredicates = []string{extract.LeaderOf, extract.MemberOf, extract.AffiliateOf, extract.RivalOf,
	extract.AlliedWith, extract.OperatesIn}

// RelationCount is the score of one predicate.
type RelationCount struct {
	Predicate string
	Gold      int // gold relations mapped to the predicate
	InScope   int // of which the product's type constraints allow
	Pred      int // predicted relations mapped to the predicate
	Correct   int // predictions matching a gold relation
}

// PRF returns precision, recall over all gold, F1, and recall over the
// gold in scope.
func (c RelationCount) PRF() (p, r, f, rScope float64) {
	p, r, f = prf(c.Correct, c.Pred, c.Correct, c.Gold)
	if c.InScope > 0 {
		rScope = float64(c.Correct) / float64(c.InScope)
	}
	return p, r, f, rScope
}

// RelationError is a wrong or missed relation, for reading.
type RelationError struct {
	Kind      string // "false positive" or "missed"
	Predicate string
	Subject   string
	Object    string
	Sentence  string
}

// RelationReport is the relation score on one gold set.
type RelationReport struct {
	Data   string
	Docs   int
	Counts []RelationCount
	// Unscored counts predictions of predicates without a gold
	// counterpart.
	Unscored map[string]int
	Errors   []RelationError
}

// Overall sums the scored predicates.
func (r *RelationReport) Overall() RelationCount {
	o := RelationCount{Predicate: "all"}
	for _, c := range r.Counts {
		o.Gold += c.Gold
		o.InScope += c.InScope
		o.Pred += c.Pred
		o.Correct += c.Correct
	}
	return o
}

// armedWords mark an Organisation name as an armed group when the
// lexicon does not know it. Written by the dossier authors: general words
// and the names of the armed groups re3d's sources write about, nothing
// taken from a gold relation.
var armedWords = []string{"isil", "isis", "daesh", "dae'sh", "da'esh", "islamic state", "qaida", "qaeda",
	"nusra", "taliban", "hezbollah", "hizballah", "hizbollah", "militia", "militias", "terrorist", "terrorists",
	"fighters", "rebel", "rebels", "insurgent", "insurgents", "jihadist", "jihadists", "extremists",
	"syrian democratic forces", "sdf", "ypg", "pkk", "free syrian army", "fsa", "opposition forces",
	"armed group", "armed groups", "peshmerga", "al-shabaab", "boko haram", "jabhat", "ahrar", "hamas",
	"popular mobilisation", "popular mobilization", "tribal fighters", "tribe", "the enemy", "caliphate"}

// re3dEntityType maps a re3d name type to the product's entity types.
func re3dEntityType(lex *lexicon.Lexicon, typ, text string) dossier.EntityType {
	switch typ {
	case "Person":
		return dossier.Person
	case "Location":
		return dossier.Place
	case "Nationality":
		return dossier.Nationality
	case "Organisation":
		if e := lex.Lookup(text); e != nil && e.Type == dossier.Group {
			return dossier.Group
		}
		low := " " + strings.ToLower(strings.ReplaceAll(text, "’", "'")) + " "
		for _, w := range armedWords {
			if strings.Contains(low, w) && wordBounded(low, w) {
				return dossier.Group
			}
		}
		return dossier.Organization
	}
	return ""
}

// wordBounded reports whether w occurs in s between non-letters.
func wordBounded(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		if !isLetterByte(s[a-1]) && (b >= len(s) || !isLetterByte(s[b])) {
			return true
		}
		i = a + 1
	}
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// goldRelation is one re3d relation between two gold names, mapped.
type goldRelation struct {
	pred      string
	subj      string // mention key "start:end"
	obj       string
	symmetric bool
}

// re3dMapping maps a re3d relation type and its endpoints' re3d types to
// a product predicate; "" when not scored.
func re3dMapping(typ, src, tgt string) string {
	switch {
	case typ == "InChargeOf" && src == "Person" && tgt == "Organisation":
		return extract.LeaderOf
	case typ == "BelongsTo" && src == "Person" && tgt == "Organisation":
		return extract.MemberOf
	case typ == "BelongsTo" && src == "Organisation" && tgt == "Organisation":
		return extract.AffiliateOf
	case typ == "FightingAgainst" && src == "Organisation" && tgt == "Organisation":
		return extract.RivalOf
	case typ == "AlliesOf" && src == "Organisation" && tgt == "Organisation":
		return extract.AlliedWith
	case typ == "CoLocated" && src == "Organisation" && tgt == "Location":
		return extract.OperatesIn
	}
	return ""
}

// productScored maps a product predicate to the predicate it is scored
// as; "" when it has no re3d counterpart.
func productScored(pred string) string {
	switch pred {
	case extract.LeaderOf, extract.MemberOf, extract.AffiliateOf, extract.RivalOf, extract.AlliedWith, extract.OperatesIn:
		return pred
	case extract.DeputyOf, extract.SpokespersonOf:
		return extract.MemberOf
	}
	return ""
}

// inScope reports whether the product's patterns could give a relation of
// pred between entities of these types.
func inScope(pred string, a, b dossier.EntityType) bool {
	actor := func(t dossier.EntityType) bool { return t == dossier.Group || t == dossier.Organization }
	switch pred {
	case extract.LeaderOf, extract.MemberOf:
		return a == dossier.Person && b == dossier.Group || pred == extract.MemberOf && a == dossier.Person && b == dossier.Organization
	case extract.AffiliateOf:
		return a == dossier.Group && b == dossier.Group
	case extract.RivalOf, extract.AlliedWith:
		return actor(a) && actor(b) && (a == dossier.Group || b == dossier.Group)
	case extract.OperatesIn:
		return a == dossier.Group && b == dossier.Place
	}
	return false
}

// Re3dRelations scores the product's relation patterns on every re3d
// source folder under root.
func Re3dRelations(root string) (*RelationReport, error) {
	srcs, err := Re3dSources(root)
	if err != nil {
		return nil, err
	}
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	rep := &RelationReport{Data: "re3d", Unscored: map[string]int{}}
	counts := map[string]*RelationCount{}
	for _, p := range RelationPredicates {
		counts[p] = &RelationCount{Predicate: p}
	}
	for _, dir := range srcs {
		docs, err := ReadRe3d(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		gold, err := readRe3dRelations(dir, docs)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			rep.Docs++
			scoreRelationDoc(lex, &d, gold[d.ID], counts, rep)
		}
	}
	for _, p := range RelationPredicates {
		rep.Counts = append(rep.Counts, *counts[p])
	}
	return rep, nil
}

// readRe3dRelations reads a source folder's relations.json, keeping those
// re3dMapping scores, keyed by document. Endpoints are named by their
// code point spans, as the gold mentions of ReadRe3d are.
func readRe3dRelations(dir string, docs []Doc) (map[string][]goldRelation, error) {
	type jrel struct {
		Type                   string
		SourceBegin, SourceEnd int
		TargetBegin, TargetEnd int
		DocumentID             string `json:"documentId"`
	}
	byID := map[string]*Doc{}
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	out := map[string][]goldRelation{}
	path := filepath.Join(dir, "relations.json")
	err := readLines(path, func(line []byte) error {
		var r jrel
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		d := byID[r.DocumentID]
		if d == nil {
			return fmt.Errorf("relation of unknown document %q", r.DocumentID)
		}
		ss, se, ok1 := unitsToRunes(d.Text, r.SourceBegin, r.SourceEnd)
		ts, te, ok2 := unitsToRunes(d.Text, r.TargetBegin, r.TargetEnd)
		if !ok1 || !ok2 {
			return fmt.Errorf("relation %s outside document %s", r.Type, r.DocumentID)
		}
		src, tgt := goldType(d, ss, se), goldType(d, ts, te)
		pred := re3dMapping(r.Type, src, tgt)
		if pred == "" {
			return nil
		}
		out[d.ID] = append(out[d.ID], goldRelation{pred: pred, subj: spanKey(ss, se), obj: spanKey(ts, te),
			symmetric: extract.Symmetric(pred)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("re3d %s: %w", path, err)
	}
	return out, nil
}

// goldType is the re3d type of the gold name at a span, "" if none.
func goldType(d *Doc, start, end int) string {
	for _, g := range d.Gold {
		if g.Start == start && g.End == end {
			return g.Type
		}
	}
	return ""
}

func spanKey(start, end int) string { return fmt.Sprintf("%d:%d", start, end) }

// relKey names a relation for matching; symmetric ones in span order.
func relKey(pred, a, b string, symmetric bool) string {
	if symmetric && b < a {
		a, b = b, a
	}
	return pred + " " + a + " " + b
}

// scoreRelationDoc runs extraction on one document with its gold names
// as mentions and adds its counts.
func scoreRelationDoc(lex *lexicon.Lexicon, d *Doc, gold []goldRelation, counts map[string]*RelationCount, rep *RelationReport) {
	text := []rune(d.Text)
	in := &extract.Input{
		Doc:       &dossier.Document{ID: d.ID, Text: d.Text},
		Sentences: tokenize.Sentences(text),
	}
	types := map[string]dossier.EntityType{}
	// re3d names may nest ("3rd Battalion" in "Abel Battery, 3rd
	// Battalion"); extraction wants them apart: keep the longest of each
	// overlapping run (gold relations on the others become misses).
	ms := append([]Mention(nil), d.Gold...)
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
	last := -1
	for _, g := range ms {
		key := spanKey(g.Start, g.End)
		types[key] = re3dEntityType(lex, g.Type, g.Text)
		if g.Start < last {
			continue
		}
		last = g.End
		sent := -1
		for si, sp := range in.Sentences {
			if g.Start >= sp.Start && g.Start < sp.End {
				sent = si
				break
			}
		}
		if sent < 0 {
			continue
		}
		in.Mentions = append(in.Mentions, extract.Mention{
			Mention: dossier.Mention{Document: d.ID, Start: g.Start, End: g.End, Text: g.Text,
				Type: types[key], Key: key, Sentence: sent},
			Entity:     key,
			EntityType: types[key],
		})
	}
	r := extract.Read(in)
	quote := map[string]string{}
	for _, c := range r.Claims {
		quote[c.ID] = c.Quote
	}
	name := func(key string) string {
		var s, e int
		fmt.Sscanf(key, "%d:%d", &s, &e)
		if s < 0 || e > len(text) || s >= e {
			return key
		}
		return string(text[s:e])
	}
	goldSet := map[string]goldRelation{}
	for _, g := range gold {
		k := relKey(g.pred, g.subj, g.obj, g.symmetric)
		if _, dup := goldSet[k]; dup {
			continue
		}
		goldSet[k] = g
		c := counts[g.pred]
		c.Gold++
		if inScope(g.pred, types[g.subj], types[g.obj]) || g.symmetric && inScope(g.pred, types[g.obj], types[g.subj]) {
			c.InScope++
		}
	}
	found := map[string]bool{}
	for _, rel := range r.Relations {
		pred := productScored(rel.Predicate)
		if pred == "" {
			rep.Unscored[rel.Predicate]++
			continue
		}
		k := relKey(pred, rel.Subject, rel.Object, extract.Symmetric(pred))
		if found[k] {
			continue
		}
		found[k] = true
		c := counts[pred]
		c.Pred++
		if _, ok := goldSet[k]; ok {
			c.Correct++
			continue
		}
		rep.Errors = append(rep.Errors, RelationError{Kind: "false positive", Predicate: rel.Predicate,
			Subject: name(rel.Subject), Object: name(rel.Object), Sentence: quote[rel.Claims[0]]})
	}
	for k, g := range goldSet {
		if !found[k] {
			rep.Errors = append(rep.Errors, RelationError{Kind: "missed", Predicate: g.pred,
				Subject: name(g.subj), Object: name(g.obj), Sentence: sentenceAt(text, in.Sentences, g.subj)})
		}
	}
}

// sentenceAt returns the text of the sentence holding the span key.
func sentenceAt(text []rune, sents []dossier.Span, key string) string {
	var s, e int
	fmt.Sscanf(key, "%d:%d", &s, &e)
	for _, sp := range sents {
		if s >= sp.Start && s < sp.End {
			return string(text[sp.Start:sp.End])
		}
	}
	return ""
}

// WriteRelationTable writes a report as a table: per predicate, gold and
// predicted counts, precision, recall (over all gold and over the gold in
// scope) and F1.
func WriteRelationTable(w io.Writer, rep *RelationReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s (%d docs)\tgold\tin scope\tpred\tcorrect\tP\tR\tF1\tR in scope\t\n", rep.Data, rep.Docs)
	row := func(c RelationCount) {
		p, r, f, rs := c.PRF()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t\n", c.Predicate, c.Gold, c.InScope, c.Pred, c.Correct, p, r, f, rs)
	}
	for _, c := range rep.Counts {
		row(c)
	}
	row(rep.Overall())
	if err := tw.Flush(); err != nil {
		return err
	}
	var un []string
	for p, n := range rep.Unscored {
		un = append(un, fmt.Sprintf("%s %d", p, n))
	}
	sort.Strings(un)
	if len(un) > 0 {
		_, err := fmt.Fprintf(w, "predicted without a re3d counterpart (not scored): %s\n", strings.Join(un, ", "))
		return err
	}
	return nil
}
