// Package misp reads MISP galaxy clusters (github.com/MISP/misp-galaxy) as
// reference entities: each cluster value becomes a dossier.Reference with
// the aliases the cluster gives in meta.synonyms or, as in the terrorist
// groups cluster, in a free-text meta.summary list.
package misp

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/dossier-osint/dossier"
)

// cluster is the part of a galaxy cluster file that is read.
type cluster struct {
	Type     string `json:"type"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Values   []struct {
		Value       string `json:"value"`
		UUID        string `json:"uuid"`
		Description string `json:"description"`
		Meta        struct {
			Synonyms []string `json:"synonyms"`
			Summary  string   `json:"summary"`
			Country  any      `json:"country"`
		} `json:"meta"`
	} `json:"values"`
}

// MaxSize is the largest cluster file read (the biggest published galaxy
// clusters are a few MB).
const MaxSize = 64 << 20

// Read parses a galaxy cluster. Entries are typed as armed groups for
// threat-actor and terrorist clusters and as organisations otherwise. An
// entry without a value is skipped; a file that is not a cluster is an
// EINVALID error.
func Read(r io.Reader) ([]*dossier.Reference, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, dossier.Errorf(dossier.EINVALID, "larger than %d MB: not a galaxy cluster", MaxSize>>20)
	}
	var c cluster
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, dossier.Errorf(dossier.EINVALID, "not a MISP galaxy cluster: %v", err)
	}
	if c.Type == "" || c.Values == nil {
		return nil, dossier.Errorf(dossier.EINVALID, "not a MISP galaxy cluster: no type or values")
	}
	typ := dossier.Organization
	if c.Category == "threat-actor" || strings.Contains(c.Type, "terror") || strings.Contains(c.Type, "threat-actor") {
		typ = dossier.Group
	}
	var out []*dossier.Reference
	for _, v := range c.Values {
		name := strings.TrimSpace(v.Value)
		if name == "" {
			continue
		}
		id := v.UUID
		if id == "" {
			id = name
		}
		ref := &dossier.Reference{
			ID:          "misp:" + id,
			Type:        typ,
			Name:        name,
			Source:      "misp-galaxy:" + c.Type,
			ExternalID:  v.UUID,
			Description: v.Description,
		}
		seen := map[string]bool{strings.ToLower(name): true}
		addAlias := func(a string) {
			a = strings.TrimSpace(a)
			if a == "" || seen[strings.ToLower(a)] || len([]rune(a)) < 2 || len([]rune(a)) > 120 {
				return
			}
			seen[strings.ToLower(a)] = true
			ref.Aliases = append(ref.Aliases, a)
		}
		for _, a := range nameAcronyms(name) {
			addAlias(a)
		}
		for _, s := range v.Meta.Synonyms {
			addAlias(s)
		}
		for _, a := range SummaryAliases(v.Meta.Summary) {
			addAlias(a)
		}
		out = append(out, ref)
	}
	if len(out) == 0 {
		return nil, dossier.Errorf(dossier.EINVALID, "galaxy cluster %q has no named values", c.Name)
	}
	return out, nil
}

var (
	parenRE   = regexp.MustCompile(`\s*\(([^()]*)\)`)
	acronymRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9'’-]{1,11}$`)
	leadRE    = regexp.MustCompile(`(?i)^(?:and|or|also|aka|a\.k\.a\.|formerly|the)\s+`)
)

// nameAcronyms returns the acronyms a value carries in parentheses:
// "Islamic State Khorasan Province (ISKP)".
func nameAcronyms(name string) []string {
	var out []string
	for _, m := range parenRE.FindAllStringSubmatch(name, -1) {
		if a := strings.TrimSpace(m[1]); acronymRE.MatchString(a) && strings.ToUpper(a) != strings.ToLower(a) {
			out = append(out, a)
		}
	}
	return out
}

// SummaryAliases splits a free-text alias list ("A, B (BB), the C; and D.")
// into names. "N/A" and empty lists give none; a parenthesised acronym
// becomes an alias of its own.
func SummaryAliases(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "N/A") {
		return nil
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "."))
		for {
			p := leadRE.ReplaceAllString(part, "")
			if p == part {
				break
			}
			part = p
		}
		out = append(out, nameAcronyms(part)...)
		part = strings.TrimSpace(parenRE.ReplaceAllString(part, ""))
		if part == "" || strings.EqualFold(part, "N/A") {
			continue
		}
		out = append(out, part)
	}
	return out
}

// Describe is a one-line account of what Read found, for the CLI.
func Describe(refs []*dossier.Reference) string {
	n := 0
	for _, r := range refs {
		n += len(r.Aliases)
	}
	return fmt.Sprintf("%d entries with %d aliases", len(refs), n)
}
