// Command nerbaseline scores prose v2 (github.com/jdkato/prose/v2), a
// pure-Go NLP library with a named-entity extractor, next to dossier's
// recogniser, with the same scorer on the same data in the same run. It is
// a module of its own so that prose never becomes a dependency of the
// dossier binary.
//
//	cd tools/nerbaseline && go run . [-cv DIR]
//
// prose finds people (PERSON) and geographical/political entities (GPE)
// only; they are scored as Person/PER and Location/LOC, and its
// Organisation and MISC rows are empty by construction. prose returns
// entity texts without offsets, so they are placed by searching the text
// from the end of the previous one.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier/eval"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/tagger"
	"github.com/jdkato/prose/v2"
)

func main() {
	log.SetFlags(0)
	re3d := flag.String("re3d", "../../../shared/data/re3d", "re3d `folder` of source folders (development data)")
	conll := flag.String("conll", "../../../shared/data/conll2003/dev.txt", "CoNLL-2003 `file` (development data)")
	cv := flag.String("cv", "", "score each re3d source with DIR/ner-SOURCE.bin, trained without it (see tools/trainner -cv)")
	flag.Parse()

	lex := lexicon.MustLoad()
	def, err := tagger.Default()
	if err != nil {
		log.Fatal(err)
	}
	var reps []*eval.Report
	label := "re3d (trained on)"
	if *cv != "" {
		label = "re3d (held out)"
	}
	sources, err := eval.Re3dSources(*re3d)
	if err != nil {
		log.Fatal(err)
	}
	sum := map[string]*eval.Report{}
	var order []string
	add := func(rep *eval.Report) {
		k := rep.Data + "\x00" + rep.System
		if sum[k] == nil {
			sum[k] = rep
			order = append(order, k)
			return
		}
		sum[k].Merge(rep)
	}
	for _, dir := range sources {
		docs, err := eval.ReadRe3d(dir)
		if err != nil {
			log.Fatal(err)
		}
		m := def
		if *cv != "" {
			data, err := os.ReadFile(filepath.Join(*cv, "ner-"+filepath.Base(dir)+".bin"))
			if err != nil {
				log.Fatal(err)
			}
			if m, err = tagger.Load(data); err != nil {
				log.Fatalf("%s: %v", dir, err)
			}
		}
		names := eval.NamesOnly(docs)
		for _, set := range []struct {
			label string
			docs  []eval.Doc
		}{{label, docs}, {strings.Replace(label, "re3d", "re3d names", 1), names}} {
			add(eval.Score(set.label, eval.Product("dossier", ner.NewWithModel(lex, m), eval.Re3dProduct), set.docs, eval.Re3dTypes))
			add(eval.Score(set.label, prose2("prose v2", map[string]string{"PERSON": "Person", "GPE": "Location"}), set.docs, eval.Re3dTypes))
		}
	}
	for _, k := range order {
		reps = append(reps, sum[k])
	}
	sents, err := eval.ReadCoNLL(*conll)
	if err != nil {
		log.Fatal(err)
	}
	docs := eval.CoNLLDocs(sents, *conll)
	name := "conll " + filepath.Base(*conll)
	reps = append(reps,
		eval.Score(name, eval.Product("dossier", ner.NewWithModel(lex, def), eval.CoNLLProduct), docs, eval.CoNLLTypes),
		eval.Score(name, prose2("prose v2", map[string]string{"PERSON": "PER", "GPE": "LOC"}), docs, eval.CoNLLTypes))
	if err := eval.WriteTable(os.Stdout, reps, []string{"Person", "Organisation", "Location"}, []string{"PER", "ORG", "LOC"}, []string{"Person", "Location"}, []string{"PER", "LOC"}); err != nil {
		log.Fatal(err)
	}
}

// proseModel is prose's default model, loaded once: prose.NewDocument
// would otherwise load it for every document, which is not what a user of
// the library would do and not what we measure.
var proseModel *prose.Model

// prose2 runs prose's extractor and places its entities in the text.
func prose2(name string, types map[string]string) eval.System {
	if proseModel == nil {
		doc, err := prose.NewDocument("", prose.WithSegmentation(false))
		if err != nil {
			log.Fatalf("prose: %v", err)
		}
		proseModel = doc.Model
	}
	return eval.System{Name: name, Find: func(d *eval.Doc) []eval.Mention {
		doc, err := prose.NewDocument(d.Text, prose.WithSegmentation(false), prose.UsingModel(proseModel))
		if err != nil {
			log.Printf("prose: %s: %v", d.ID, err)
			return nil
		}
		text := []rune(d.Text)
		var out []eval.Mention
		at := 0
		for _, e := range doc.Entities() {
			s, end, ok := locate(text, e.Text, at)
			if !ok {
				continue
			}
			at = end
			if t, ok := types[e.Label]; ok {
				out = append(out, eval.Mention{Start: s, End: end, Type: t, Text: string(text[s:end])})
			}
		}
		return out
	}}
}

// locate finds the words of ent in text from position at on, allowing any
// spacing between them (prose joins its tokens with spaces).
func locate(text []rune, ent string, at int) (int, int, bool) {
	words := strings.Fields(ent)
	if len(words) == 0 {
		return 0, 0, false
	}
	first := []rune(words[0])
	for s := at; s+len(first) <= len(text); s++ {
		if !hasPrefix(text[s:], first) {
			continue
		}
		p := s + len(first)
		ok := true
		for _, w := range words[1:] {
			for p < len(text) && unicode.IsSpace(text[p]) {
				p++
			}
			rw := []rune(w)
			if !hasPrefix(text[p:], rw) {
				ok = false
				break
			}
			p += len(rw)
		}
		if ok {
			return s, p, true
		}
	}
	return 0, 0, false
}

func hasPrefix(s, p []rune) bool {
	if len(p) > len(s) {
		return false
	}
	for i := range p {
		if s[i] != p[i] {
			return false
		}
	}
	return true
}
