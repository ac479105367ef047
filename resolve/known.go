package resolve

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

// Known is a stored entity as incremental resolution sees it: not its
// mentions, which may be millions, but the distinct forms they take, each
// with its count, and the context the evidence rules read. A batch of new
// mentions is clustered together with the known entities it may belong
// to (Extend), and the rules see the same forms, counts and contexts as
// they would over every mention.
type Known = dossier.KnownEntity

// Forms returns the index entries of mentions: their distinct forms with
// counts and index keys (Signature), in first-seen order.
func Forms(mentions []dossier.Mention) []dossier.EntityForm {
	type key struct {
		text, key, canonical string
		typ                  dossier.EntityType
	}
	at := map[key]int{}
	var out []dossier.EntityForm
	for _, m := range mentions {
		if m.Type == dossier.Nationality {
			continue
		}
		k := key{m.Text, m.Key, m.Canonical, m.Type}
		if i, ok := at[k]; ok {
			out[i].Count++
			continue
		}
		at[k] = len(out)
		sk, sur := Signature(m)
		out = append(out, dossier.EntityForm{Text: m.Text, Type: m.Type, Key: m.Key, Canonical: m.Canonical, Count: 1, Skeleton: sk, Surname: sur})
	}
	return out
}

// Extended is an entity that a batch of mentions made or extended: its
// new mentions, and the known entities it takes in (none for a new
// entity, more than one when the batch joins stored entities). Name, type
// and reason are those of the whole, stored forms included.
type Extended struct {
	*dossier.Entity
	Known  []string // sorted
	weight int      // mentions, known ones included
}

// Extend clusters a batch of new mentions together with the known
// entities they may belong to, under the rules and decisions of
// EntitiesWith. Each result holds only new mentions (an extended known
// entity may hold none) and lists the known entities it takes in; every
// known entity given is in exactly one result.
//
// Given every stored entity a batch shares a name key, a canonical key, a
// transliteration skeleton (Signature) or a surname with, the result is
// the clustering of all mentions, stored and new, except where a rule
// would undo an earlier merge (an acronym later defined a second way
// ties only its new uses apart; a full name later found for a lone
// surname does not take in the surname's stored documents): stored
// entities are joined, never taken apart.
func Extend(lex *lexicon.Lexicon, batch []dossier.Mention, known []*Known, decisions []*dossier.Decision) []*Extended {
	ks := &knownSet{start: len(batch), list: known}
	mentions := make([]dossier.Mention, len(batch), len(batch)+len(known)*4)
	copy(mentions, batch)
	for _, k := range known {
		for _, f := range k.Forms {
			if f.Type == dossier.Nationality || f.Count <= 0 {
				continue
			}
			mentions = append(mentions, dossier.Mention{
				Document: knownDoc(k.ID), Text: f.Text, Type: f.Type, Key: f.Key, Canonical: f.Canonical,
			})
			ks.owner = append(ks.owner, k)
			ks.weight = append(ks.weight, f.Count)
		}
	}
	return entities(lex, mentions, decisions, ks)
}

// Signature returns the index keys a mention can be found by as a
// candidate for the transliteration rule (its type and skeleton, empty
// when the rule does not apply to it) and for the surname rule (the last
// part of a person's full name, empty otherwise).
func Signature(m dossier.Mention) (skeleton, surname string) {
	if lexicon.IsAcronym(m.Text) {
		return "", ""
	}
	parts := nameParts(m.Text)
	sk, strong := partsSkeleton(parts)
	switch m.Type {
	case dossier.Person:
		if strong >= 2 {
			skeleton = string(m.Type) + ":" + sk
		}
		if len(parts) >= 2 && !strings.HasPrefix(nodeOf(m), "doc:") {
			surname = parts[len(parts)-1]
		}
	case dossier.Group, dossier.Organization:
		if strings.Count(sk, " ") >= 1 {
			skeleton = string(m.Type) + ":" + sk
		}
	}
	return skeleton, surname
}

// LoneSurname returns the name part a bare person surname would be joined
// to a full name by (mergeSurnames), or "" when the mention is none or
// the rule never joins it (a weak or common name).
func LoneSurname(m dossier.Mention) string {
	if m.Type != dossier.Person || !strings.HasPrefix(nodeOf(m), "doc:") {
		return ""
	}
	if parts := nameParts(m.Text); len(parts) == 1 && !weak[parts[0]] && !commonSurnames[parts[0]] {
		return parts[0]
	}
	return ""
}

// knownSet is the known entities of a clustering and their proxy
// mentions: mentions[start+i] is a form of owner[i], counted weight[i]
// times. A nil set has none.
type knownSet struct {
	start  int
	list   []*Known
	owner  []*Known
	weight []int
}

func (ks *knownSet) proxy(i int) *Known {
	if ks == nil || i < ks.start {
		return nil
	}
	return ks.owner[i-ks.start]
}

// join puts every form of each known entity into one cluster, with the
// node (knownNode) that other known entities' contexts name it by.
func (ks *knownSet) join(uf *union, nodes []string) {
	if ks == nil {
		return
	}
	for _, k := range ks.list {
		uf.add(knownNode(k.ID))
	}
	for i, k := range ks.owner {
		a, b := uf.find(knownNode(k.ID)), uf.find(nodes[ks.start+i])
		if a == b {
			continue
		}
		// Directly: union refuses a bare surname.
		if a < b {
			uf.parent[b] = a
		} else {
			uf.parent[a] = b
		}
	}
}

// findKnown is the root of a known entity's node, which a context may
// name without the entity taking part.
func findKnown(uf *union, id string) string {
	n := knownNode(id)
	uf.add(n)
	return uf.find(n)
}

// knownNode is the union-find node of a known entity; knownDoc is the
// document its proxy mentions are in, which no real document ID can be.
func knownNode(id string) string { return "\x00entity:" + id }
func knownDoc(id string) string  { return "\x00known:" + id }

// Index returns the index entries of entities from their mentions: each
// entity's forms (Forms), and for people the groups named beside them
// (Context) and the actors named in their documents (Actors), as entity
// IDs of ents. Given a batch's entities with the batch's mentions only,
// it is what the batch adds to the index.
func Index(ents []*dossier.Entity) []*Known {
	type sentence struct {
		doc string
		idx int
	}
	groups := map[sentence][]string{}
	actors := map[string][]string{}
	for _, e := range ents {
		for _, m := range e.Mentions {
			switch m.Type {
			case dossier.Group:
				k := sentence{m.Document, m.Sentence}
				if !slices.Contains(groups[k], e.ID) {
					groups[k] = append(groups[k], e.ID)
				}
				fallthrough
			case dossier.Organization:
				if !slices.Contains(actors[m.Document], e.ID) {
					actors[m.Document] = append(actors[m.Document], e.ID)
				}
			}
		}
	}
	out := make([]*Known, 0, len(ents))
	for _, e := range ents {
		k := &Known{ID: e.ID, Type: e.Type, Place: e.Place, Forms: Forms(e.Mentions)}
		// Only the rules that read them need them: the context of a
		// person with a name the transliteration rule reads, the actors
		// of one with a full name (most people in a large corpus are a
		// surname in one document, and need neither).
		var variants, full bool
		for _, f := range k.Forms {
			variants = variants || f.Type == dossier.Person && f.Skeleton != ""
			full = full || f.Surname != ""
		}
		if e.Type == dossier.Person && (variants || full) {
			for _, m := range e.Mentions {
				if m.Type != dossier.Person {
					continue
				}
				for _, g := range groups[sentence{m.Document, m.Sentence}] {
					if variants && g != e.ID && !slices.Contains(k.Context, g) {
						k.Context = append(k.Context, g)
					}
				}
				for _, a := range actors[m.Document] {
					if full && a != e.ID && !slices.Contains(k.Actors, a) {
						k.Actors = append(k.Actors, a)
					}
				}
			}
			slices.Sort(k.Context)
			slices.Sort(k.Actors)
		}
		out = append(out, k)
	}
	return out
}

// Rekey returns the n-th other ID for an entity whose ID is taken,
// derived from its first mention: a full resolution tells two clusters
// with one name apart by their roots, which a batch does not see whole.
func Rekey(id string, first dossier.Mention, n int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s:%d:%d\x00%d", id, first.Document, first.Start, first.End, n))
	return "e-" + hex.EncodeToString(sum[:6])
}
