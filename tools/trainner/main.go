// Command trainner trains the name tagger (package tagger) on CoNLL-2003
// train and the re3d sources, and writes the model file that package
// tagger embeds. Training is deterministic: the same data and flags give
// the same bytes.
//
//	go run ./tools/trainner                        # the shipped model: tagger/model/ner.bin
//	go run ./tools/trainner -holdout CENTCOM -o /tmp/ner-CENTCOM.bin
//	go run ./tools/trainner -cv /tmp/cv            # one held-out model per re3d source
//
// With -holdout the named re3d source is left out, so that
// `dossier eval ner --model FILE` can score that source with a model that
// never saw it (leave-one-source-out cross-validation). CoNLL dev is never
// read. See tagger/README.md.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/dossier-osint/dossier/eval"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/tagger"
	"github.com/dossier-osint/dossier/tokenize"
)

// Types are the tagger's entity types; re3d's are mapped onto them.
var types = []string{"PER", "ORG", "LOC", "MISC"}

var re3dType = map[string]string{"Person": "PER", "Organisation": "ORG", "Location": "LOC", "Nationality": "MISC"}

func main() {
	log.SetFlags(0)
	conll := flag.String("conll", "../shared/data/conll2003/train.txt", "CoNLL-2003 training `file` (development data)")
	re3d := flag.String("re3d", "../shared/data/re3d", "re3d `folder` of source folders (development data)")
	holdout := flag.String("holdout", "", "re3d `source` folder name to leave out")
	cv := flag.String("cv", "", "write one model per re3d source, each trained without it, into `dir` as ner-SOURCE.bin")
	out := flag.String("o", "tagger/model/ner.bin", "model `file` to write")
	epochs := flag.Int("epochs", 12, "training passes over the data")
	upper := flag.Int("upper", 10, "add an upper-cased copy of every `n`th sentence (0: none), so that text in capitals reads")
	re3dRepeat := flag.Int("re3d-repeat", 2, "times each re3d sentence is seen per epoch (the domain data is small)")
	minWeight := flag.Float64("min-weight", 1, "drop features whose averaged weights all stay below this")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	nclusters := flag.Int("clusters", 0, "word clusters to compute from the unlabelled text beside the repository (0: none); see clusters.go")
	data := flag.String("data", "../shared/data", "`folder` of the unlabelled text for -clusters (development data)")
	dev := flag.String("dev", "", "CoNLL `file` to report the tagger's F1 on after each epoch (information only: it never changes what is trained)")
	flag.Parse()

	lex := lexicon.MustLoad()
	gaz := ner.NewGazetteer(lex)
	sents, err := eval.ReadCoNLL(*conll)
	if err != nil {
		log.Fatalf("trainner: %v", err)
	}
	var base []tagger.Example
	for _, s := range sents {
		ex := tagger.Example{Words: s.Words, Gaz: gaz.Tags(s.Words)}
		for _, n := range s.Names {
			ex.Spans = append(ex.Spans, tagger.Span{Start: n.Start, End: n.End, Type: n.Type})
		}
		base = append(base, ex)
	}
	log.Printf("conll: %d sentences from %s", len(base), *conll)
	sources, err := eval.Re3dSources(*re3d)
	if err != nil {
		log.Fatalf("trainner: %v", err)
	}
	bySource := map[string][]tagger.Example{}
	for _, dir := range sources {
		docs, err := eval.ReadRe3d(dir)
		if err != nil {
			log.Fatalf("trainner: %v", err)
		}
		for _, d := range docs {
			bySource[filepath.Base(dir)] = append(bySource[filepath.Base(dir)], re3dExamples(d, gaz)...)
		}
	}
	if *dev != "" {
		ds, err := eval.ReadCoNLL(*dev)
		if err != nil {
			log.Fatalf("trainner: %v", err)
		}
		for _, s := range ds {
			ex := tagger.Example{Words: s.Words, Gaz: gaz.Tags(s.Words)}
			for _, n := range s.Names {
				ex.Spans = append(ex.Spans, tagger.Span{Start: n.Start, End: n.End, Type: n.Type})
			}
			devSet = append(devSet, ex)
		}
	}
	cfg := config{epochs: *epochs, upper: *upper, re3dRepeat: *re3dRepeat, minWeight: float32(*minWeight), seed: *seed, gaz: gaz}
	if *nclusters > 0 {
		conllWords := make([][]string, len(sents))
		for i, s := range sents {
			conllWords[i] = s.Words
		}
		text, err := clusterText(*data, conllWords)
		if err != nil {
			log.Fatalf("trainner: %v", err)
		}
		t0 := time.Now()
		cfg.clusters = clusterWords(text, 30000, 2000, *nclusters, 5, 8, *seed)
		log.Printf("clusters: %d words in %d clusters from %d sentences, %s", len(cfg.clusters), *nclusters, len(text), time.Since(t0).Round(time.Millisecond))
	}
	if *cv != "" {
		if err := os.MkdirAll(*cv, 0o755); err != nil {
			log.Fatalf("trainner: %v", err)
		}
		for _, dir := range sources {
			name := filepath.Base(dir)
			path := filepath.Join(*cv, "ner-"+name+".bin")
			if err := train(base, bySource, name, cfg, path); err != nil {
				log.Fatalf("trainner: %v", err)
			}
		}
		return
	}
	if *holdout != "" {
		if _, ok := bySource[*holdout]; !ok {
			log.Fatalf("trainner: no re3d source %q in %s", *holdout, *re3d)
		}
	}
	if err := train(base, bySource, *holdout, cfg, *out); err != nil {
		log.Fatalf("trainner: %v", err)
	}
}

type config struct {
	epochs, upper, re3dRepeat int
	minWeight                 float32
	seed                      uint64
	gaz                       *ner.Gazetteer
	clusters                  map[string]string // nil: no cluster features
}

func train(base []tagger.Example, bySource map[string][]tagger.Example, holdout string, cfg config, out string) error {
	gaz := cfg.gaz
	exs := append([]tagger.Example(nil), base...)
	var names []string
	for name := range bySource {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if name == holdout {
			continue
		}
		for r := 0; r < cfg.re3dRepeat; r++ {
			exs = append(exs, bySource[name]...)
		}
	}
	if cfg.upper > 0 {
		n := len(exs)
		for i := 0; i < n; i += cfg.upper {
			exs = append(exs, upperCase(exs[i], gaz))
		}
	}
	log.Printf("training on %d sentences (held out: %q)", len(exs), holdout)
	tr := tagger.NewTrainer(types, cfg.clusters)
	rng := rand.New(rand.NewPCG(cfg.seed, 0))
	words := 0
	for _, ex := range exs {
		words += len(ex.Words)
	}
	for e := 1; e <= cfg.epochs; e++ {
		t0 := time.Now()
		errs, err := tr.Epoch(exs, rng)
		if err != nil {
			return err
		}
		log.Printf("epoch %d: %.2f%% of %d words wrong, %d features, %s", e, 100*float64(errs)/float64(words), words, tr.Features(), time.Since(t0).Round(time.Millisecond))
		if devSet != nil {
			m, err := tr.Model(cfg.minWeight)
			if err != nil {
				return err
			}
			log.Printf("  dev: %s", devF1(m, devSet))
		}
	}
	m, err := tr.Model(cfg.minWeight)
	if err != nil {
		return err
	}
	data := m.Marshal()
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s: %d features, %d bytes", out, m.Features(), len(data))
	return nil
}

// devSet is the -dev data, gold words and names.
var devSet []tagger.Example

// devF1 returns exact-match span P/R/F1 of m on exs, over all types.
func devF1(m *tagger.Model, exs []tagger.Example) string {
	tp, pred, gold := 0, 0, 0
	for _, ex := range exs {
		got := m.Tag(ex.Words, ex.Gaz)
		want := map[tagger.Span]bool{}
		for _, s := range ex.Spans {
			want[s] = true
		}
		for _, s := range got {
			if want[s] {
				tp++
			}
		}
		pred += len(got)
		gold += len(ex.Spans)
	}
	p, r := float64(tp)/float64(pred), float64(tp)/float64(gold)
	return fmt.Sprintf("P %.4f R %.4f F1 %.4f", p, r, 2*p*r/(p+r))
}

// re3dExamples splits a re3d document into sentences with the product's
// tokenizer and projects the gold names onto its words. Names are made
// plain for a name tagger: a leading "the" is dropped, nested names give
// way to the longest one around them, and spans with no capital letter or
// digit ("the city", "coalition forces") are left out, as they are
// descriptions rather than names.
func re3dExamples(d eval.Doc, gaz *ner.Gazetteer) []tagger.Example {
	text := []rune(d.Text)
	var out []tagger.Example
	for _, s := range tokenize.Sentences(text) {
		toks := tokenize.Words(text, s)
		if len(toks) == 0 {
			continue
		}
		ex := tagger.Example{}
		for _, t := range toks {
			ex.Words = append(ex.Words, t.Text)
		}
		ex.Gaz = gaz.Tags(ex.Words)
		var cands []tagger.Span
		for _, g := range d.Gold {
			if g.Start < s.Start || g.End > s.End {
				continue
			}
			a, b := -1, -1
			for i, t := range toks {
				if t.Start >= g.Start && t.End <= g.End {
					if a < 0 {
						a = i
					}
					b = i + 1
				}
			}
			if a < 0 {
				continue
			}
			for a < b-1 && strings.EqualFold(toks[a].Text, "the") {
				a++
			}
			if !hasCapital(toks[a:b]) {
				continue
			}
			cands = append(cands, tagger.Span{Start: a, End: b, Type: re3dType[g.Type]})
		}
		// longest first; drop any span overlapping one already kept
		sortSpans(cands)
		used := make([]bool, len(toks))
	next:
		for _, c := range cands {
			for i := c.Start; i < c.End; i++ {
				if used[i] {
					continue next
				}
			}
			for i := c.Start; i < c.End; i++ {
				used[i] = true
			}
			ex.Spans = append(ex.Spans, c)
		}
		out = append(out, ex)
	}
	return out
}

func hasCapital(toks []tokenize.Token) bool {
	for _, t := range toks {
		for _, r := range t.Text {
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				return true
			}
		}
	}
	return false
}

func sortSpans(s []tagger.Span) {
	sort.SliceStable(s, func(i, j int) bool {
		if li, lj := s[i].End-s[i].Start, s[j].End-s[j].Start; li != lj {
			return li > lj
		}
		return s[i].Start < s[j].Start
	})
}

// upperCase returns ex with every word in capitals and its gazetteer tags
// read again from them, as Read will see a wire written in capitals.
func upperCase(ex tagger.Example, gaz *ner.Gazetteer) tagger.Example {
	up := tagger.Example{Spans: ex.Spans}
	for _, w := range ex.Words {
		up.Words = append(up.Words, strings.ToUpper(w))
	}
	up.Gaz = gaz.Tags(up.Words)
	return up
}

func init() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: go run ./tools/trainner [flags]\n\nTrains the name tagger and writes its model file.\n\nFlags:\n")
		flag.PrintDefaults()
	}
}
