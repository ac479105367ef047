package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
)

// A System finds names in a gold document's text, typed in the gold set's
// own vocabulary (see Re3dTypes, CoNLLTypes). Mentions of other types are
// ignored by the scorer.
type System struct {
	Name string
	Find func(d *Doc) []Mention
}

// Count holds the span counts of one type.
type Count struct {
	Type string
	Gold int // gold mentions
	Pred int // predicted mentions
	// Exact counts predictions with the same span and type as a gold
	// mention (each gold mention matched at most once).
	Exact int
	// PredOverlap counts predictions that overlap a gold mention of the
	// same type; GoldOverlap counts gold mentions overlapped by a
	// prediction of the same type.
	PredOverlap, GoldOverlap int
}

// Exact returns precision, recall and F1 under exact match.
func (c Count) ExactPRF() (p, r, f float64) { return prf(c.Exact, c.Pred, c.Exact, c.Gold) }

// OverlapPRF returns precision, recall and F1 under overlapping match.
func (c Count) OverlapPRF() (p, r, f float64) {
	return prf(c.PredOverlap, c.Pred, c.GoldOverlap, c.Gold)
}

func prf(tpP, pred, tpG, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(tpP) / float64(pred)
	}
	if gold > 0 {
		r = float64(tpG) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (c *Count) add(o Count) {
	c.Gold += o.Gold
	c.Pred += o.Pred
	c.Exact += o.Exact
	c.PredOverlap += o.PredOverlap
	c.GoldOverlap += o.GoldOverlap
}

// Report is one system scored on one data set.
type Report struct {
	Data   string
	System string
	Types  []Count // one per scored type, in the order given
	Docs   int
	Bytes  int // UTF-8 bytes of text read
	// Elapsed is the time spent in the system's Find calls.
	Elapsed time.Duration
}

// Merge adds the counts and times of o (the same system and types, read on
// other documents) to r.
func (r *Report) Merge(o *Report) {
	for i := range r.Types {
		for _, c := range o.Types {
			if c.Type == r.Types[i].Type {
				r.Types[i].add(c)
			}
		}
	}
	r.Docs += o.Docs
	r.Bytes += o.Bytes
	r.Elapsed += o.Elapsed
}

// Overall sums the counts of the named types (all if none are named).
func (r *Report) Overall(types ...string) Count {
	c := Count{Type: "overall"}
	for _, t := range r.Types {
		if len(types) == 0 || contains(types, t.Type) {
			c.add(t)
		}
	}
	if len(types) > 0 {
		c.Type = "overall " + strings.Join(types, "/")
	}
	return c
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// Score runs sys on docs and counts its mentions against the gold ones of
// the given types. A leading "the" is dropped from both gold and predicted
// spans before they are compared (re3d includes it in some names, CoNLL
// never does, and it is not part of a name).
func Score(data string, sys System, docs []Doc, types []string) *Report {
	rep := &Report{Data: data, System: sys.Name, Docs: len(docs)}
	counts := map[string]*Count{}
	for _, t := range types {
		counts[t] = &Count{Type: t}
	}
	for i := range docs {
		d := &docs[i]
		rep.Bytes += len(d.Text)
		start := time.Now()
		pred := sys.Find(d)
		rep.Elapsed += time.Since(start)
		text := []rune(d.Text)
		gold := normalize(text, d.Gold, counts)
		pred = normalize(text, pred, counts)
		countDoc(gold, pred, counts)
	}
	for _, t := range types {
		rep.Types = append(rep.Types, *counts[t])
	}
	return rep
}

// normalize keeps the mentions of scored types with a sane span, drops a
// leading article, and keeps one of mentions that are then the same span
// and type (re3d marks both "the Global Coalition" and "Global Coalition").
func normalize(text []rune, ms []Mention, counts map[string]*Count) []Mention {
	var out []Mention
	type key struct {
		s, e int
		t    string
	}
	seen := map[key]bool{}
	for _, m := range ms {
		if counts[m.Type] == nil || m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		if m.End-m.Start > 4 && strings.EqualFold(string(text[m.Start:m.Start+4]), "the ") {
			m.Start += 4
		}
		k := key{m.Start, m.End, m.Type}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m)
	}
	return out
}

// pronouns are capitalised at the start of a sentence, but are not names.
var pronouns = map[string]bool{"i": true, "we": true, "they": true, "he": true, "she": true, "it": true,
	"you": true, "us": true, "them": true, "me": true, "him": true, "her": true, "our": true, "their": true}

// NamesOnly returns docs with only the gold mentions that hold a capital
// letter or a digit and are not pronouns: names ("ISIL", "the Government of Iraq"), not the
// pronouns and descriptions ("we", "civilians", "the regime") that re3d
// also marks and that a name recogniser does not look for.
func NamesOnly(docs []Doc) []Doc {
	out := make([]Doc, len(docs))
	for i, d := range docs {
		d.Gold = nil
		for _, g := range docs[i].Gold {
			if pronouns[strings.ToLower(strings.TrimSpace(g.Text))] {
				continue
			}
			if strings.IndexFunc(g.Text, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) >= 0 {
				d.Gold = append(d.Gold, g)
			}
		}
		out[i] = d
	}
	return out
}

func countDoc(gold, pred []Mention, counts map[string]*Count) {
	type key struct {
		s, e int
		t    string
	}
	exact := map[key]int{}
	for _, g := range gold {
		counts[g.Type].Gold++
		exact[key{g.Start, g.End, g.Type}]++
	}
	for _, p := range pred {
		c := counts[p.Type]
		c.Pred++
		k := key{p.Start, p.End, p.Type}
		if exact[k] > 0 {
			exact[k]--
			c.Exact++
		}
		for _, g := range gold {
			if g.Type == p.Type && g.Start < p.End && p.Start < g.End {
				c.PredOverlap++
				break
			}
		}
	}
	for _, g := range gold {
		for _, p := range pred {
			if g.Type == p.Type && g.Start < p.End && p.Start < g.End {
				counts[g.Type].GoldOverlap++
				break
			}
		}
	}
}

// WriteTable prints reports as a table: one row per type and system, then
// the overall rows, with exact and overlapping P/R/F1, and speed.
func WriteTable(w io.Writer, reps []*Report, overall ...[]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "data\tsystem\ttype\tgold\tpred\texact P\texact R\texact F1\toverlap P\toverlap R\toverlap F1\t")
	row := func(r *Report, c Count) {
		p, rc, f := c.ExactPRF()
		op, or, of := c.OverlapPRF()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n",
			r.Data, r.System, c.Type, c.Gold, c.Pred, p, rc, f, op, or, of)
	}
	for _, r := range reps {
		for _, c := range r.Types {
			row(r, c)
		}
		row(r, r.Overall())
		for _, ts := range overall {
			if len(ts) < len(r.Types) && allIn(ts, r.Types) {
				row(r, r.Overall(ts...))
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "data\tsystem\tdocs\tMB\tseconds\tMB/s\t")
	for _, r := range reps {
		mb := float64(r.Bytes) / 1e6
		s := r.Elapsed.Seconds()
		speed := 0.0
		if s > 0 {
			speed = mb / s
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.2f\t%.3f\t%.2f\t\n", r.Data, r.System, r.Docs, mb, s, speed)
	}
	return tw.Flush()
}

func allIn(ts []string, cs []Count) bool {
	for _, t := range ts {
		found := false
		for _, c := range cs {
			found = found || c.Type == t
		}
		if !found {
			return false
		}
	}
	return true
}

// Upper returns docs with their text in capitals, code point for code
// point (so gold spans stay put), to measure how reading degrades on
// wires written in capitals.
func Upper(docs []Doc) []Doc {
	out := make([]Doc, len(docs))
	up := func(s string) string {
		rs := []rune(s)
		for i, r := range rs {
			rs[i] = unicode.ToUpper(r)
		}
		return string(rs)
	}
	for i, d := range docs {
		d.Text = up(d.Text)
		d.Gold = append([]Mention(nil), d.Gold...)
		for j := range d.Gold {
			d.Gold[j].Text = up(d.Gold[j].Text)
		}
		out[i] = d
	}
	return out
}
