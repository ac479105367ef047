// Package profile builds an actor profile from the store: the entity found
// by any of its names, how it is named and where, the documents that
// mention it and the sentences about it, each with a citation.
package profile

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dossier-osint/dossier"
)

// Profile is what `dossier profile` prints.
type Profile struct {
	ID        string             `json:"id"`
	Name      string             `json:"name"`
	Type      dossier.EntityType `json:"type"`
	Reason    string             `json:"reason"`
	Aliases   []Alias            `json:"aliases"`
	Documents []Source           `json:"documents"`
	Sentences []Sentence         `json:"sentences"`
	// Others are other entities that also answer to the name asked for.
	Others []Other `json:"others,omitempty"`
	// Totals is set on a summary (see Summary): how many entries each
	// capped section has in all.
	Totals *Totals `json:"totals,omitempty"`

	// Sections built from extracted facts (see facts.go).
	Facts        []KeyFact  `json:"key_facts"`
	Leadership   []Role     `json:"leadership"`
	Sizes        []Size     `json:"size_estimates"`
	Areas        []Role     `json:"areas_of_operation"`
	Relations    []Role     `json:"relations"`
	Events       []EventRow `json:"events"`
	Designations []EventRow `json:"designations"`
	Disputes     []Dispute  `json:"where_sources_disagree"`

	quotes map[string]string
}

// Alias is one name the entity is called by, how often and in which
// documents (by their number in Documents).
type Alias struct {
	Name      string `json:"name"`
	Count     int    `json:"count"`
	Documents []int  `json:"documents"`
}

// Source is a document that mentions the entity, numbered for citations.
type Source struct {
	N         int    `json:"n"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Mentions  int    `json:"mentions"`
}

// Citation is the short form used after quotes: "[3] New Statesman, 2021-08-27".
func (s Source) Citation() string {
	who := s.Outlet
	if who == "" {
		who = s.Title
	}
	if who == "" {
		who = filepath.Base(s.Source)
	}
	when := s.Published
	if when == "" {
		when = "undated"
	}
	return fmt.Sprintf("[%d] %s, %s", s.N, who, when)
}

// Sentence is a claim about the entity with the number of its document.
type Sentence struct {
	Quote    string `json:"quote"`
	Document int    `json:"document"`
	Claim    string `json:"claim"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Other is another entity that answers to the same name.
type Other struct {
	ID       string             `json:"id"`
	Name     string             `json:"name"`
	Type     dossier.EntityType `json:"type"`
	Mentions int                `json:"mentions"`
}

// Build finds the entity named name (any alias, any case; the one with most
// mentions when several answer) and builds its full profile: every name,
// document, sentence and fact, read from the whole store (dossier profile
// --full). Summary reads only what a summary shows. Errors: ENOTFOUND.
func Build(ctx context.Context, s dossier.Store, name string) (*Profile, error) {
	ents, err := s.FindEntities(ctx, name)
	if err != nil {
		return nil, err
	}
	e := ents[0]
	docs, err := s.Documents(ctx)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	byID := map[string]*dossier.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	p := &Profile{ID: e.ID, Name: e.Name, Type: e.Type, Reason: e.Reason}
	for _, o := range ents[1:] {
		p.Others = append(p.Others, Other{o.ID, o.Name, o.Type, len(o.Mentions)})
	}
	// Number documents oldest first, undated last, then by source.
	mentions := map[string]int{}
	for _, m := range e.Mentions {
		mentions[m.Document]++
	}
	ids := append([]string(nil), e.Documents...)
	sort.Slice(ids, func(i, j int) bool {
		a, b := byID[ids[i]], byID[ids[j]]
		if a == nil || b == nil {
			return ids[i] < ids[j]
		}
		if (a.Published == "") != (b.Published == "") {
			return a.Published != ""
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		return a.Source < b.Source
	})
	num := map[string]int{}
	for i, id := range ids {
		num[id] = i + 1
		src := Source{N: i + 1, ID: id, Mentions: mentions[id]}
		if d := byID[id]; d != nil {
			src.Title, src.Outlet, src.Published, src.Source = d.Title, d.Outlet, d.Published, d.Source
		}
		p.Documents = append(p.Documents, src)
	}
	counts := map[string]int{}
	where := map[string]map[int]bool{}
	for _, m := range e.Mentions {
		counts[m.Text]++
		if where[m.Text] == nil {
			where[m.Text] = map[int]bool{}
		}
		where[m.Text][num[m.Document]] = true
	}
	for _, a := range e.Aliases {
		al := Alias{Name: a, Count: counts[a]}
		for n := range where[a] {
			al.Documents = append(al.Documents, n)
		}
		sort.Ints(al.Documents)
		p.Aliases = append(p.Aliases, al)
	}
	for _, c := range e.Claims {
		p.Sentences = append(p.Sentences, Sentence{Quote: c.Quote, Document: num[c.Document], Claim: c.ID, Start: c.Start, End: c.End})
	}
	sort.SliceStable(p.Sentences, func(i, j int) bool {
		a, b := p.Sentences[i], p.Sentences[j]
		if a.Document != b.Document {
			return a.Document < b.Document
		}
		return a.Start < b.Start
	})
	f, err := s.Facts(ctx)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	list, err := s.EntityList(ctx)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	names := map[string]string{}
	for _, e := range list {
		names[e.ID] = e.Name
	}
	p.addFacts(f, names, byID, num)
	return p, nil
}

// Markdown writes the profile as Markdown.
func (p *Profile) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", p.Name)
	fmt.Fprintf(&b, "- **Type:** %s\n- **ID:** %s\n- **Grouped by:** %s\n", p.Type, p.ID, p.Reason)
	docs, sentences := len(p.Documents), len(p.Sentences)
	if t := p.Totals; t != nil {
		docs, sentences = t.Documents, t.Sentences
	}
	fmt.Fprintf(&b, "- **Seen in:** %d documents, %d sentences\n", docs, sentences)
	if p.Totals != nil {
		fmt.Fprintf(&b, "- **Summary:** at most %d entries a section; `dossier profile --full` lists everything\n", Top)
	}
	b.WriteString("\n## Names\n\n| name | times | documents |\n|---|---:|---|\n")
	for _, a := range p.Aliases {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", mdCell(a.Name), a.Count, refs(a.Documents))
	}
	p.more(&b, len(p.Aliases), p.totals().Aliases, "names")
	b.WriteString("\n## Sources\n\n")
	for _, s := range p.Documents {
		title := s.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(&b, "%s — %s (%d mentions; %s)\n", s.Citation(), title, s.Mentions, s.Source)
		b.WriteString("\n")
	}
	if t := p.Totals; t != nil && t.Documents > t.shownDocuments {
		fmt.Fprintf(&b, "The %d most recent of %d documents, and those the facts below cite.\n", t.shownDocuments, t.Documents)
	}
	p.factsMarkdown(&b)
	b.WriteString("\n## What the sources say\n\n")
	for _, s := range p.Sentences {
		fmt.Fprintf(&b, "- %s %s\n", oneLine(s.Quote), p.cite(s.Document))
	}
	p.more(&b, len(p.Sentences), p.totals().Sentences, "sentences")
	if len(p.Others) > 0 {
		b.WriteString("\n## Other entities with this name\n\n")
		for _, o := range p.Others {
			fmt.Fprintf(&b, "- %s (%s, %d mentions, %s)\n", o.Name, o.Type, o.Mentions, o.ID)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// totals is the summary's totals, or the full profile's lengths.
func (p *Profile) totals() Totals {
	if p.Totals != nil {
		return *p.Totals
	}
	return Totals{Aliases: len(p.Aliases), Documents: len(p.Documents), Sentences: len(p.Sentences),
		Events: len(p.Events) + len(p.Designations), Leadership: len(p.Leadership), Areas: len(p.Areas), Relations: len(p.Relations)}
}

// more says, under a section of a summary that shows fewer entries than
// there are, how many there are.
func (p *Profile) more(b *strings.Builder, shown, total int, what string) {
	if p.Totals != nil && total > shown {
		fmt.Fprintf(b, "\n_%d of %d %s; `dossier profile --full` lists them all._\n", shown, total, what)
	}
}

func (p *Profile) cite(n int) string {
	if n >= 1 && n <= len(p.Documents) {
		return p.Documents[n-1].Citation()
	}
	return fmt.Sprintf("[%d]", n)
}

// JSON writes the profile as indented JSON.
func (p *Profile) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

func refs(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprintf("[%d]", n)
	}
	return strings.Join(parts, " ")
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
