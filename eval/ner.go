package eval

import (
	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/ner"
)

// Re3dProduct maps the product's mention types onto re3d's: armed groups
// and other organisations are both Organisation, facilities are Location.
var Re3dProduct = map[dossier.EntityType]string{
	dossier.Person: "Person", dossier.Group: "Organisation", dossier.Organization: "Organisation",
	dossier.Place: "Location", dossier.Facility: "Location", dossier.Nationality: "Nationality",
}

// CoNLLProduct maps the product's mention types onto CoNLL's. The product
// keeps only nationalities of what CoNLL calls MISC (events, works, other
// adjectives are not mentions it stores), so its MISC recall is low by
// design.
var CoNLLProduct = map[dossier.EntityType]string{
	dossier.Person: "PER", dossier.Group: "ORG", dossier.Organization: "ORG",
	dossier.Place: "LOC", dossier.Facility: "LOC", dossier.Nationality: "MISC",
}

// Re3dTagger maps the tagger's types onto re3d's.
var Re3dTagger = map[string]string{"PER": "Person", "ORG": "Organisation", "LOC": "Location", "MISC": "Nationality"}

// CoNLLTagger maps the tagger's types onto CoNLL's (the same names).
var CoNLLTagger = map[string]string{"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

// Product is the recogniser the program runs (ner.Recognizer.Read), its
// types mapped by types.
func Product(name string, r *ner.Recognizer, types map[dossier.EntityType]string) System {
	return System{Name: name, Find: func(d *Doc) []Mention {
		rd := r.Read(&dossier.Document{ID: d.ID, Text: d.Text})
		out := make([]Mention, 0, len(rd.Mentions))
		for _, m := range rd.Mentions {
			if t, ok := types[m.Type]; ok {
				out = append(out, Mention{Start: m.Start, End: m.End, Type: t, Text: m.Text})
			}
		}
		return out
	}}
}

// Tagger is the statistical tagger alone, without the rules and reference
// names of package ner (but with its gazetteer features and word
// preparation), on the product's sentences and words.
func Tagger(name string, r *ner.Recognizer, types map[string]string) System {
	return System{Name: name, Find: func(d *Doc) []Mention {
		text := []rune(d.Text)
		var out []Mention
		for _, n := range r.Tagged(&dossier.Document{ID: d.ID, Text: d.Text}) {
			if t, ok := types[n.Type]; ok {
				out = append(out, Mention{Start: n.Start, End: n.End, Type: t, Text: string(text[n.Start:n.End])})
			}
		}
		return out
	}}
}
