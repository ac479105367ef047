package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/analytics"
)

func (m *Main) runStats(ctx context.Context, args []string) error {
	fs, db := m.flags("stats", "", `Sums up the events in the database per actor (perpetrators and claimants),
per country and per year: events, attacks, killed, injured, kidnappings and
hostage takings, the most active places, first and last seen.

A figure the sources disagree on counts once, by the stated rule (most
recent source, else the majority, else the lowest; its lower bound when it
is open: "more than 100" counts 100), and the range the sources allow is
shown in brackets with the number of contested events. Hostage headcounts
are not extracted yet: kidnappings and hostage takings are counted as
events. The figures reflect only the documents ingested.

The export filters (--actor, --type, --from, --to, --place) narrow the
events summed.
`)
	asJSON := fs.Bool("json", false, "write the figures as JSON")
	top := fs.Int("top", 10, "list at most `n` actors and countries (0: all)")
	filter := filterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() > 0 {
		return usageError{"stats: unexpected arguments"}
	}
	in, done, err := m.analyticsInput(ctx, *db, filter())
	if err != nil {
		return err
	}
	defer done()
	st := analytics.ComputeStats(in)
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	fmt.Fprintf(m.Stdout, "%d events in the %d documents ingested.\n", st.Events, len(in.Documents))
	for _, sec := range []struct {
		title string
		rows  []analytics.Row
		limit bool
	}{{"By actor", st.Actors, true}, {"By country", st.Countries, true}, {"By year", st.Years, false}} {
		rows := sec.rows
		if sec.limit && *top > 0 && len(rows) > *top {
			rows = rows[:*top]
		}
		fmt.Fprintf(m.Stdout, "\n%s", sec.title)
		if len(rows) < len(sec.rows) {
			fmt.Fprintf(m.Stdout, " (first %d of %d)", len(rows), len(sec.rows))
		}
		fmt.Fprintln(m.Stdout)
		writeRows(m.Stdout, rows)
	}
	return nil
}

func writeRows(w io.Writer, rows []analytics.Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  \tevents\tattacks\tkilled\tinjured\tkidnappings\tfirst seen\tlast seen\tmost active places")
	for _, r := range rows {
		var places []string
		for _, p := range r.Places {
			places = append(places, fmt.Sprintf("%s (%d)", p.Name, p.Events))
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\t%d\t%s\t%s\t%s\n", r.Name, r.Events, r.Attacks, figureText(r.Killed),
			figureText(r.Injured), r.HostageEvents, dash(r.FirstSeen), dash(r.LastSeen), dash(strings.Join(places, ", ")))
	}
	tw.Flush()
}

// figureText is a count by the summary rule with, when the sources allow
// other totals, their range and how many events are contested.
func figureText(c analytics.Count) string {
	if c.Events == 0 {
		return "-"
	}
	s := strconv.Itoa(c.Total)
	if c.Low != c.Total || c.High == nil || *c.High != c.Total {
		s += " [" + c.Range() + "]"
	}
	if c.Contested > 0 {
		s += fmt.Sprintf(" (%d contested)", c.Contested)
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// analyticsInput reads what the analytics need from the store, narrowed
// by the filter, with country names from the gazetteer.
func (m *Main) analyticsInput(ctx context.Context, db string, f interface {
	View(context.Context, dossier.Store) (dossier.Store, error)
	Check() error
}) (analytics.Input, func(), error) {
	if err := f.Check(); err != nil {
		return analytics.Input{}, nil, usageError{dossier.ErrorMessage(err)}
	}
	store, err := m.open(ctx, db)
	if err != nil {
		return analytics.Input{}, nil, err
	}
	view, err := f.View(ctx, store)
	if err != nil {
		return analytics.Input{}, nil, err
	}
	var in analytics.Input
	if in.Entities, err = view.Entities(ctx); err != nil {
		return in, nil, err
	}
	if in.Facts, err = view.Facts(ctx); err != nil {
		return in, nil, err
	}
	if in.Documents, err = view.Documents(ctx); err != nil {
		return in, nil, err
	}
	countries, done, err := m.countryNames()
	if err != nil {
		return in, nil, err
	}
	in.Countries = countries
	return in, done, nil
}
