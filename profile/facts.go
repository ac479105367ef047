package profile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/reconcile"
)

// KeyFact is one attribute of the actor (founded, ideology, aim) as the
// sources give it, with the summary value and its rule when several do.
type KeyFact struct {
	Name      string  `json:"name"`
	Value     string  `json:"value"`
	Rule      string  `json:"rule,omitempty"`
	Contested bool    `json:"contested"`
	Readings  []Cited `json:"readings"`
}

// Cited is a value with the documents (by number) and claims that give it.
type Cited struct {
	Value     string   `json:"value"`
	Documents []int    `json:"documents"`
	Claims    []string `json:"claims"`
}

// Role is one line of a leadership timeline or a relation: who, what, when.
type Role struct {
	Entity    string `json:"entity"` // the other entity's ID
	Name      string `json:"name"`
	Predicate string `json:"predicate"`
	// Inverse is true when the actor is the relation's object ("X
	// leader_of actor"), false when it is the subject.
	Inverse bool   `json:"inverse"`
	Start   string `json:"start"`
	End     string `json:"end"`
	// EndReason says why a role ends when no source gives its end: "died"
	// when the person's death is reported (possibly by another document).
	EndReason string   `json:"end_reason,omitempty"`
	Documents []int    `json:"documents"`
	Claims    []string `json:"claims"`
}

// Size is one size estimate.
type Size struct {
	Figure   string   `json:"figure"`
	AsOf     string   `json:"as_of"`
	By       string   `json:"by"`
	Document int      `json:"document"`
	Claims   []string `json:"claims"`
}

// EventRow is an event the actor took part in.
type EventRow struct {
	ID        string   `json:"id"`
	Date      string   `json:"date"`
	Type      string   `json:"type"`
	Subtype   string   `json:"subtype"`
	Place     string   `json:"place"`
	Role      string   `json:"role"` // perpetrator, claimant, target
	Killed    string   `json:"killed"`
	Injured   string   `json:"injured"`
	Rule      string   `json:"rule,omitempty"`
	Contested []string `json:"contested,omitempty"`
	Documents []int    `json:"documents"`
	Claims    []string `json:"claims"`
}

// Dispute is a fact about the actor the sources disagree on.
type Dispute struct {
	Subject string  `json:"subject"`
	Field   string  `json:"field"`
	Summary string  `json:"summary"`
	Rule    string  `json:"rule"`
	Sides   []Cited `json:"sides"`
}

// Leadership predicates: who leads, deputises and speaks for the actor.
var leadership = map[string]string{"leader_of": "leader", "deputy_of": "deputy", "spokesperson_of": "spokesperson", "founded_by": "founder"}

// addFacts fills the sections built from extracted facts: those of f
// about the actor (all of the store's for Build, a few of each kind for
// Summary). names gives entities' names by ID, byID documents' metadata;
// num numbers the documents cited and grows as more are.
func (p *Profile) addFacts(f *dossier.Facts, names map[string]string, byID map[string]*dossier.Document, num map[string]int) {
	name := func(id string) string {
		if n := names[id]; n != "" {
			return n
		}
		return id
	}
	published := func(doc string) string {
		if d := byID[doc]; d != nil {
			return d.Published
		}
		return ""
	}
	// n numbers a document for citation, adding it to Sources when the
	// actor's own mentions did not.
	n := func(doc string) int {
		if k, ok := num[doc]; ok {
			return k
		}
		k := len(p.Documents) + 1
		num[doc] = k
		src := Source{N: k, ID: doc}
		if d := byID[doc]; d != nil {
			src.Title, src.Outlet, src.Published, src.Source = d.Title, d.Outlet, d.Published, d.Source
		}
		p.Documents = append(p.Documents, src)
		return k
	}
	ns := func(docs []string) []int {
		var out []int
		for _, d := range docs {
			out = append(out, n(d))
		}
		sort.Ints(out)
		return out
	}

	// Key facts and size estimates.
	byName := map[string][]*dossier.Attribute{}
	var order []string
	for _, a := range f.Attributes {
		if a.Entity != p.ID {
			continue
		}
		if a.Name == "size" && a.Quantity != nil {
			p.Sizes = append(p.Sizes, Size{Figure: reconcile.FormatRange(a.Quantity.Min, a.Quantity.Max), AsOf: a.AsOf,
				By: a.By, Document: n(a.Document), Claims: []string{a.Claim}})
			continue
		}
		if a.Quantity != nil {
			// A tally ("84 attacks" over 2017/2018) reads as its figure
			// and period.
			c := *a
			c.Value = reconcile.FormatRange(a.Quantity.Min, a.Quantity.Max)
			if a.Value != "" {
				c.Value += " (" + a.Value + ")"
			}
			a = &c
		}
		if byName[a.Name] == nil {
			order = append(order, a.Name)
		}
		byName[a.Name] = append(byName[a.Name], a)
	}
	sort.SliceStable(p.Sizes, func(i, j int) bool { return p.Sizes[i].AsOf < p.Sizes[j].AsOf })
	for _, key := range order {
		as := byName[key]
		var vals, docs []string
		kf := KeyFact{Name: key}
		for _, a := range as {
			vals = append(vals, a.Value)
			docs = append(docs, a.Document)
			kf.Readings = addCited(kf.Readings, a.Value, n(a.Document), a.Claim)
		}
		if as[0].Quantity != nil {
			// Tallies over different periods do not contradict each
			// other (conflicts compares those for the same period).
			kf.Value = strings.Join(vals, "; ")
		} else if v, ok := reconcile.Values(vals, docs, published); ok {
			kf.Value, kf.Contested = v.Value, v.Contested
			if len(as) > 1 {
				kf.Rule = v.Rule
			}
		}
		p.Facts = append(p.Facts, kf)
	}

	// Leadership, areas and other relations.
	for _, r := range f.Relations {
		var other string
		inverse := false
		switch p.ID {
		case r.Subject:
			other = r.Object
		case r.Object:
			other, inverse = r.Subject, true
		default:
			continue
		}
		role := Role{Entity: other, Name: name(other), Predicate: r.Predicate, Inverse: inverse, Start: r.Start, End: r.End,
			Documents: ns(r.Documents), Claims: r.Claims}
		_, lead := leadership[r.Predicate]
		switch {
		case lead && (inverse != (r.Predicate == "founded_by")):
			p.Leadership = append(p.Leadership, role)
		case r.Predicate == "operates_in" && !inverse:
			p.Areas = append(p.Areas, role)
		default:
			p.Relations = append(p.Relations, role)
		}
	}
	byStart := func(rs []Role) {
		sort.SliceStable(rs, func(i, j int) bool {
			if (rs[i].Start == "") != (rs[j].Start == "") {
				return rs[i].Start != ""
			}
			return rs[i].Start < rs[j].Start
		})
	}
	// A leader's death, reported anywhere, ends a role no source ends:
	// "Abdul Rauf Khadem (died 2015)" closes his deputy role from 2014.
	died := map[string]*dossier.Attribute{}
	for _, a := range f.Attributes {
		if a.Name == "died" && a.Value != "" {
			if o := died[a.Entity]; o == nil || a.Value < o.Value {
				died[a.Entity] = a
			}
		}
	}
	for i := range p.Leadership {
		r := &p.Leadership[i]
		a := died[r.Entity]
		if r.End != "" || a == nil || r.Start != "" && a.Value < r.Start[:min(len(r.Start), len(a.Value))] {
			continue
		}
		r.End, r.EndReason = a.Value, "died"
		if d := n(a.Document); !hasInt(r.Documents, d) {
			r.Documents = append(r.Documents, d)
			sort.Ints(r.Documents)
		}
		r.Claims = append(r.Claims, a.Claim)
	}
	p.Leadership = foldUndated(p.Leadership)
	byStart(p.Leadership)
	byStart(p.Relations)

	// Events.
	for _, e := range f.Events {
		role := ""
		switch {
		case has(e.Perpetrators, p.ID) && e.Type == dossier.Clash:
			role = "party" // a clash's sides are all its actors
		case has(e.Perpetrators, p.ID) && (e.Type == dossier.Attack || e.Type == dossier.Strike):
			role = "perpetrator"
		case has(e.Perpetrators, p.ID):
			role = "actor"
		case has(e.Claimants, p.ID):
			role = "claimant"
		case has(e.Targets, p.ID):
			role = "target"
		default:
			continue
		}
		row := EventRow{ID: e.ID, Date: e.Date, Type: e.Type, Subtype: e.Subtype, Role: role,
			Documents: ns(e.Documents), Claims: e.Claims}
		if e.Place != "" {
			row.Place = name(e.Place)
		}
		if s, ok := reconcile.Figures(e.Killed, published); ok {
			row.Killed, row.Rule = reconcile.FormatRange(s.Min, s.Max), s.Rule
			if s.Contested {
				row.Contested = append(row.Contested, "killed")
			}
		}
		if s, ok := reconcile.Figures(e.Injured, published); ok {
			row.Injured = reconcile.FormatRange(s.Min, s.Max)
			if s.Contested {
				row.Contested = append(row.Contested, "injured")
			}
		}
		if e.Type == dossier.Designation {
			p.Designations = append(p.Designations, row)
		} else {
			p.Events = append(p.Events, row)
		}
	}

	// Where sources disagree about the actor or its events.
	mine := map[string]bool{p.ID: true}
	for _, ev := range p.Events {
		mine[ev.ID] = true
	}
	for _, c := range reconcile.Conflicts(f, name, published) {
		if !mine[c.ID] && !strings.Contains(c.Subject, p.Name) {
			continue
		}
		d := Dispute{Subject: c.Subject, Field: c.Field, Summary: c.Summary, Rule: c.Rule}
		for _, side := range c.Sides {
			d.Sides = append(d.Sides, Cited{Value: side.Value, Documents: ns(side.Documents), Claims: side.Claims})
		}
		p.Disputes = append(p.Disputes, d)
	}
	p.quotes = map[string]string{}
	for _, c := range f.Claims {
		p.quotes[c.ID] = c.Quote
	}
}

// foldUndated drops an undated role when the same person holds the same
// role with a date, keeping its citations on the dated line.
func foldUndated(rs []Role) []Role {
	var out []Role
	for _, r := range rs {
		if r.Start != "" || r.End != "" {
			out = append(out, r)
		}
	}
	for _, r := range rs {
		if r.Start != "" || r.End != "" {
			continue
		}
		merged := false
		for i := range out {
			if out[i].Entity == r.Entity && out[i].Predicate == r.Predicate {
				for _, d := range r.Documents {
					if !hasInt(out[i].Documents, d) {
						out[i].Documents = append(out[i].Documents, d)
					}
				}
				sort.Ints(out[i].Documents)
				out[i].Claims = append(out[i].Claims, r.Claims...)
				merged = true
			}
		}
		if !merged {
			out = append(out, r)
		}
	}
	return out
}

func addCited(cs []Cited, value string, doc int, claim string) []Cited {
	for i := range cs {
		if cs[i].Value == value {
			if !hasInt(cs[i].Documents, doc) {
				cs[i].Documents = append(cs[i].Documents, doc)
			}
			cs[i].Claims = append(cs[i].Claims, claim)
			return cs
		}
	}
	return append(cs, Cited{Value: value, Documents: []int{doc}, Claims: []string{claim}})
}

func has(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func hasInt(ns []int, n int) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// factsMarkdown writes the sections built from facts; empty sections say
// so rather than vanish, so a reader knows what was looked for.
func (p *Profile) factsMarkdown(b *strings.Builder) {
	b.WriteString("\n## Key facts\n\n")
	if len(p.Facts) == 0 {
		b.WriteString("No founding date, ideology or aims extracted.\n")
	}
	for _, f := range p.Facts {
		fmt.Fprintf(b, "- **%s:** %s", f.Name, f.Value)
		if f.Contested {
			fmt.Fprintf(b, " (contested; %s)", f.Rule)
		}
		b.WriteString(" —")
		for _, r := range f.Readings {
			fmt.Fprintf(b, " %q %s;", r.Value, refs(r.Documents))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n## Leadership\n\n")
	if len(p.Leadership) == 0 {
		b.WriteString("No leaders, deputies or spokespeople extracted.\n")
	}
	for _, r := range p.Leadership {
		end := ""
		if r.EndReason != "" {
			end = " (" + r.EndReason + ")"
		}
		fmt.Fprintf(b, "- %s %s: %s%s %s\n", span(r.Start, r.End), leadership[r.Predicate], r.Name, end, refs(r.Documents))
	}
	p.more(b, len(p.Leadership), p.totals().Leadership, "leadership statements")
	b.WriteString("\n## Size estimates\n\n")
	if len(p.Sizes) == 0 {
		b.WriteString("No size estimates extracted.\n")
	}
	for _, s := range p.Sizes {
		asOf, by := s.AsOf, s.By
		if asOf == "" {
			asOf = "undated"
		}
		if by != "" {
			by = ", by " + by
		}
		fmt.Fprintf(b, "- %s: %s%s %s\n", asOf, s.Figure, by, p.cite(s.Document))
	}
	b.WriteString("\n## Areas of operation\n\n")
	if len(p.Areas) == 0 {
		b.WriteString("No areas of operation extracted.\n")
	}
	for _, r := range p.Areas {
		fmt.Fprintf(b, "- %s %s\n", r.Name, refs(r.Documents))
	}
	p.more(b, len(p.Areas), p.totals().Areas, "statements of areas")
	b.WriteString("\n## Relations\n\n")
	if len(p.Relations) == 0 {
		b.WriteString("No relations extracted.\n")
	}
	for _, r := range p.Relations {
		if r.Inverse {
			fmt.Fprintf(b, "- %s %s this actor", r.Name, strings.ReplaceAll(r.Predicate, "_", " "))
		} else {
			fmt.Fprintf(b, "- %s %s", strings.ReplaceAll(r.Predicate, "_", " "), r.Name)
		}
		if r.Start != "" || r.End != "" {
			fmt.Fprintf(b, " (%s)", span(r.Start, r.End))
		}
		fmt.Fprintf(b, " %s\n", refs(r.Documents))
	}
	p.more(b, len(p.Relations), p.totals().Relations, "relations")
	events := func(title string, rows []EventRow, none string) {
		fmt.Fprintf(b, "\n## %s\n\n", title)
		if len(rows) == 0 {
			b.WriteString(none + "\n")
			return
		}
		b.WriteString("| date | event | place | role | killed | injured | sources |\n|---|---|---|---|---:|---:|---|\n")
		for _, e := range rows {
			what := e.Type
			if e.Subtype != "" {
				what += ": " + e.Subtype
			}
			killed := e.Killed
			if has(e.Contested, "killed") {
				killed += " (contested)"
			}
			date := e.Date
			if date == "" {
				date = "undated"
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", date, mdCell(what), mdCell(e.Place), e.Role, killed, e.Injured, refs(e.Documents))
		}
	}
	events("Events", p.Events, "No events extracted.")
	events("Designations", p.Designations, "No designations extracted.")
	if t := p.Totals; t != nil && t.Events > len(p.Events)+len(p.Designations) {
		fmt.Fprintf(b, "\n_The %d most recent of %d events; `dossier profile --full` lists them all._\n", len(p.Events)+len(p.Designations), t.Events)
	}
	b.WriteString("\n## Where sources disagree\n\n")
	if len(p.Disputes) == 0 {
		b.WriteString("The sources agree on every extracted fact.\n")
	}
	for _, d := range p.Disputes {
		fmt.Fprintf(b, "- **%s, %s:** summary %s (%s)\n", d.Subject, d.Field, d.Summary, d.Rule)
		for _, s := range d.Sides {
			fmt.Fprintf(b, "  - %s %s", s.Value, refs(s.Documents))
			for _, c := range s.Claims {
				if q := p.quotes[c]; q != "" {
					fmt.Fprintf(b, " — “%s”", oneLine(q))
					break
				}
			}
			b.WriteString("\n")
		}
	}
}

func span(start, end string) string {
	switch {
	case start != "" && end != "":
		return start + "–" + end
	case start != "":
		return "since " + start
	case end != "":
		return "until " + end
	}
	return "undated"
}
