package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/dossier-osint/dossier/eval"
	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
)

func (m *Main) runEvalEvents(ctx context.Context, args []string) error {
	fs, _ := m.flags("eval events", "", `Scores event extraction by running the whole product over gold data: each
gold item becomes one line of a JSONL file, which is ingested into a fresh
temporary store (embedded lexicon, recogniser and gazetteer) and resolved;
the stored events and their entities are then compared with the item's
coding. The defaults point at the development data beside the repository
(../shared/data), which the product never reads otherwise.

SATP (Maoist insurgency summaries): total deaths and injuries (accuracy and
mean absolute error), perpetrator class (Maoist, Security, Unknown), state
and district. ISAF press releases: start date, province, target group,
minimum killed and captured. WikiEvents news documents: event-argument
precision, recall and F1 for attacker, target, victim and place, by head
word and by exact text. Each table says how the product's answer is
read; the SATP and ISAF tables give a trivial baseline to judge them by.
The --db flag is not used: the evaluation never touches the analyst's
database.
`)
	satp := fs.String("satp", "../shared/data/satp/dev.jsonl", "SATP `file` (development data)")
	isaf := fs.String("isaf", "../shared/data/isaf/dev.jsonl", "ISAF `file` (development data)")
	wiki := fs.String("wikievents", "../shared/data/wikievents/dev.jsonl", "WikiEvents `file` (development data)")
	data := fs.String("data", "satp,isaf,wikievents", "comma-separated `list` of data sets: satp, isaf, wikievents")
	limit := fs.Int("limit", 0, "score only the first `N` items of each set (0: all)")
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	answers := fs.Bool("answers", false, "with --json, include every item's gold and product answers")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() > 0 {
		return usageError{"eval events: unexpected arguments"}
	}
	if *limit < 0 {
		return usageError{"eval events: --limit must be 0 or more"}
	}
	sets := split(*data)
	for _, d := range sets {
		if d != "satp" && d != "isaf" && d != "wikievents" {
			return usageError{fmt.Sprintf("eval events: unknown data set %q (have: satp, isaf, wikievents)", d)}
		}
	}
	lex, err := lexicon.Load()
	if err != nil {
		return err
	}
	gaz, err := geonames.Embedded()
	if err != nil {
		return err
	}
	var reps []*eval.EventsReport
	for _, d := range sets {
		dir, err := os.MkdirTemp("", "dossier-eval-events-")
		if err != nil {
			return fmt.Errorf("eval events: %w", err)
		}
		opt := eval.EventsOptions{Lexicon: lex, Gazetteer: gaz, Dir: dir, Limit: *limit, Answers: *answers && *asJSON}
		var rep *eval.EventsReport
		switch d {
		case "satp":
			rep, err = eval.SATPEvents(ctx, *satp, opt)
		case "isaf":
			rep, err = eval.ISAFEvents(ctx, *isaf, opt)
		default:
			rep, err = eval.WikiEventsArguments(ctx, *wiki, opt)
		}
		os.RemoveAll(dir)
		if err != nil {
			return fmt.Errorf("eval events: %w", err)
		}
		reps = append(reps, rep)
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reps)
	}
	return eval.WriteEventsTable(m.Stdout, reps)
}
