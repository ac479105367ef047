package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/eval"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/tagger"
)

func (m *Main) runEval(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "events" {
		return m.runEvalEvents(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "ner" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprint(m.Stdout, evalUsage)
			return nil
		}
		fmt.Fprint(m.Stderr, evalUsage)
		if len(args) == 0 {
			return usageError{"eval: give what to score: ner, events"}
		}
		return usageError{fmt.Sprintf("eval: unknown evaluation %q (have: ner, events)", args[0])}
	}
	return m.runEvalNER(ctx, args[1:])
}

const evalUsage = `Usage: dossier eval ner|events [flags]

Scores the program against gold data. ner: name mentions on re3d and
CoNLL-2003; see dossier eval ner -h. events: event extraction by the whole
pipeline on SATP and ISAF; see dossier eval events -h.
`

func (m *Main) runEvalNER(ctx context.Context, args []string) error {
	fs, _ := m.flags("eval ner", "", `Scores the name recogniser against gold data and prints precision, recall
and F1 per type and overall, for exact and overlapping span match, and the
speed. It reads re3d source folders (documents.json, entities.json) and a
CoNLL-2003 file; the defaults point at the development data beside the
repository (../shared/data), which the product never reads otherwise.

Systems: "product" is the recogniser ingest runs (rules, reference names
and the tagger); "tagger" is the trained tagger alone; "rules" is the
rules and reference names without the tagger.

re3d marks pronouns and descriptions ("we", "civilians", "the regime") as
well as names; "re3d names" rows score against the gold spans that hold a
capital letter or digit only. A leading "the" is ignored on both sides.

The embedded model was trained on all of re3d: its re3d figures measure
fit, not generalisation. For honest re3d figures train one model per
held-out source (go run ./tools/trainner -cv DIR) and pass --cv DIR: each
source is then read by the model that never saw it. CoNLL dev is never
trained on.
`)
	re3d := fs.String("re3d", "../shared/data/re3d", "re3d `folder` of source folders (development data)")
	conll := fs.String("conll", "../shared/data/conll2003/dev.txt", "CoNLL-2003 `file` (development data)")
	modelPath := fs.String("model", "", "tagger model `file` to use instead of the embedded one")
	cv := fs.String("cv", "", "score each re3d source with DIR/ner-SOURCE.bin, trained without it (leave-one-source-out)")
	systems := fs.String("systems", "product,tagger", "comma-separated `list` of systems: product, tagger, rules")
	data := fs.String("data", "re3d,conll", "comma-separated `list` of data sets: re3d, conll")
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	upper := fs.Bool("upper", false, "also score every data set written in capitals, as some wires are")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() > 0 {
		return usageError{"eval ner: unexpected arguments"}
	}
	for _, s := range split(*systems) {
		if s != "product" && s != "tagger" && s != "rules" {
			return usageError{fmt.Sprintf("eval ner: unknown system %q (have: product, tagger, rules)", s)}
		}
	}
	for _, d := range split(*data) {
		if d != "re3d" && d != "conll" {
			return usageError{fmt.Sprintf("eval ner: unknown data set %q (have: re3d, conll)", d)}
		}
	}
	lex, err := lexicon.Load()
	if err != nil {
		return err
	}
	model, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	run := evalRun{lex: lex, systems: split(*systems), upper: *upper}
	var reps []*eval.Report
	for _, d := range split(*data) {
		if err := ctx.Err(); err != nil {
			return err
		}
		switch d {
		case "re3d":
			rs, err := run.re3d(*re3d, model, *cv)
			if err != nil {
				return err
			}
			reps = append(reps, rs...)
		case "conll":
			sents, err := eval.ReadCoNLL(*conll)
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			docs := eval.CoNLLDocs(sents, *conll)
			for _, s := range run.systems {
				reps = append(reps, eval.Score("conll "+filepath.Base(*conll), run.system(s, model, eval.CoNLLProduct, eval.CoNLLTagger), docs, eval.CoNLLTypes))
			}
			if run.upper {
				up := eval.Upper(docs)
				for _, s := range run.systems {
					reps = append(reps, eval.Score("CONLL "+filepath.Base(*conll), run.system(s, model, eval.CoNLLProduct, eval.CoNLLTagger), up, eval.CoNLLTypes))
				}
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reps)
	}
	return eval.WriteTable(m.Stdout, reps, []string{"Person", "Organisation", "Location"}, []string{"PER", "ORG", "LOC"})
}

type evalRun struct {
	lex     *lexicon.Lexicon
	systems []string
	upper   bool
}

func (r evalRun) system(name string, model *tagger.Model, product map[dossier.EntityType]string, tag map[string]string) eval.System {
	switch name {
	case "tagger":
		return eval.Tagger(name, ner.NewWithModel(r.lex, model), tag)
	case "rules":
		return eval.Product(name, ner.NewWithModel(r.lex, nil), product)
	}
	return eval.Product(name, ner.NewWithModel(r.lex, model), product)
}

// re3d scores every source; with cv, each with its held-out model, and the
// counts are summed into one report per system.
func (r evalRun) re3d(root string, model *tagger.Model, cv string) ([]*eval.Report, error) {
	sources, err := eval.Re3dSources(root)
	if err != nil {
		return nil, fmt.Errorf("eval ner: %w", err)
	}
	label := "(trained on)"
	if cv != "" {
		label = "(held out)"
	}
	sum := map[string]*eval.Report{}
	names := map[string]*eval.Report{}
	upper := map[string]*eval.Report{}
	add := func(to map[string]*eval.Report, s string, rep *eval.Report) {
		if to[s] == nil {
			to[s] = rep
			return
		}
		to[s].Merge(rep)
	}
	for _, dir := range sources {
		docs, err := eval.ReadRe3d(dir)
		if err != nil {
			return nil, fmt.Errorf("eval ner: %w", err)
		}
		m := model
		if cv != "" {
			if m, err = loadModel(filepath.Join(cv, "ner-"+filepath.Base(dir)+".bin")); err != nil {
				return nil, err
			}
		}
		nameDocs := eval.NamesOnly(docs)
		for _, s := range r.systems {
			sys := r.system(s, m, eval.Re3dProduct, eval.Re3dTagger)
			add(sum, s, eval.Score("re3d "+label, sys, docs, eval.Re3dTypes))
			add(names, s, eval.Score("re3d names "+label, sys, nameDocs, eval.Re3dTypes))
			if r.upper {
				add(upper, s, eval.Score("RE3D NAMES "+label, sys, eval.Upper(nameDocs), eval.Re3dTypes))
			}
		}
	}
	var out []*eval.Report
	for _, s := range r.systems {
		out = append(out, sum[s])
	}
	for _, s := range r.systems {
		out = append(out, names[s])
	}
	if r.upper {
		for _, s := range r.systems {
			out = append(out, upper[s])
		}
	}
	return out, nil
}

func loadModel(path string) (*tagger.Model, error) {
	if path == "" {
		return tagger.Default()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval ner: %w", err)
	}
	m, err := tagger.Load(data)
	if err != nil {
		return nil, fmt.Errorf("eval ner: %s: %w", path, err)
	}
	return m, nil
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
