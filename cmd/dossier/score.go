package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/dossier-osint/dossier/analytics"
)

func (m *Main) runScore(ctx context.Context, args []string) error {
	fs, db := m.flags("score", "", `Scores the impact of the attacks in the database per country-year and per
group-year, by the method of the Global Terrorism Index (docs/score.md):
a year's raw score is incidents × 1 + fatalities × 3 + injuries × 0.5 +
hostages × 0.5; the five-year weighted average weighs that year and the
four before it 16, 8, 4, 2, 1 over 31; the banded score places it on a
0-10 logarithmic scale set by the highest average of the same year.

The scores reflect only the documents ingested: a country or group the
documents do not report on scores nothing, and a corpus of a few articles
says little about the world. Fatalities and injuries are each attack's
figure by the stated rule (its lower bound when open); hostage headcounts
are not extracted yet and count 0. Undated attacks are not scored.
`)
	asJSON := fs.Bool("json", false, "write the scores as JSON")
	year := fs.Int("year", 0, "show only this `year` (default: every year, latest first)")
	by := fs.String("by", "both", "score `units`: country, group or both")
	filter := filterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() > 0 {
		return usageError{"score: unexpected arguments"}
	}
	if *by != "both" && *by != "country" && *by != "group" {
		return usageError{fmt.Sprintf("score: --by %q: want country, group or both", *by)}
	}
	in, done, err := m.analyticsInput(ctx, *db, filter())
	if err != nil {
		return err
	}
	defer done()
	sc := analytics.ComputeScores(in)
	keep := func(rows []analytics.ScoreRow) []analytics.ScoreRow {
		out := []analytics.ScoreRow{}
		for _, r := range rows {
			if *year == 0 || r.Year == *year {
				out = append(out, r)
			}
		}
		return out
	}
	sc.Countries, sc.Groups = keep(sc.Countries), keep(sc.Groups)
	if *by == "country" {
		sc.Groups = []analytics.ScoreRow{}
	}
	if *by == "group" {
		sc.Countries = []analytics.ScoreRow{}
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sc)
	}
	fmt.Fprintf(m.Stdout, "Impact scores from %d dated attacks in the %d documents ingested (not a picture of the world).\n",
		sc.Incidents, len(in.Documents))
	if sc.Undated+sc.Unplaced+sc.Unattributed > 0 {
		fmt.Fprintf(m.Stdout, "Left out: %d undated attacks; %d without a geocoded country (country scores); %d without a group (group scores).\n",
			sc.Undated, sc.Unplaced, sc.Unattributed)
	}
	for _, sec := range []struct {
		title string
		rows  []analytics.ScoreRow
		skip  bool
	}{{"country", sc.Countries, *by == "group"}, {"group", sc.Groups, *by == "country"}} {
		if sec.skip {
			continue
		}
		fmt.Fprintf(m.Stdout, "\nBy %s\n", sec.title)
		if len(sec.rows) == 0 {
			fmt.Fprintln(m.Stdout, "  (none)")
			continue
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "year\trank\t%s\tscore\t5-year avg\traw\tincidents\tfatalities\tinjuries\thostages\t\n", sec.title)
		for _, r := range sec.rows {
			fmt.Fprintf(tw, "%d\t%d\t%s\t%.3f\t%.3f\t%.1f\t%d\t%d\t%d\t%d\t\n", r.Year, r.Rank, r.Name, r.Score, r.Weighted,
				r.Raw, r.Incidents, r.Fatalities, r.Injuries, r.Hostages)
		}
		tw.Flush()
	}
	return nil
}
