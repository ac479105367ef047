package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestConflictsOnSampleCorpus: the sample corpus disagrees about the Kabul
// airport death toll; conflicts and the profile must show every side with
// its quote, and the export must carry each document's figure.
func TestConflictsOnSampleCorpus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, exitOK, nil, "ingest", "--db", db, corpus(t))

	r := mustRun(t, exitOK, nil, "conflicts", "--db", db, "--json")
	var cs []struct {
		Kind, Subject, Field, Summary, Rule string
		Sides                               []struct {
			Value     string   `json:"value"`
			Documents []string `json:"documents"`
			Quotes    []string `json:"quotes"`
		} `json:"sides"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &cs); err != nil {
		t.Fatalf("conflicts --json: %v\n%s", err, r.stdout)
	}
	found := false
	for _, c := range cs {
		if c.Kind != "event" || c.Field != "killed" || !strings.Contains(c.Subject, "2021-08-26") {
			continue
		}
		found = true
		values := map[string]string{}
		for _, s := range c.Sides {
			if len(s.Quotes) == 0 || s.Quotes[0] == "" {
				t.Errorf("side %q has no quote", s.Value)
			} else {
				values[s.Value] = s.Quotes[0]
			}
		}
		for _, want := range []string{"85", "at least 183", "at least 100"} {
			if _, ok := values[want]; !ok {
				t.Errorf("the Kabul airport toll lacks the side %q: %v", want, values)
			}
		}
		if !strings.Contains(values["85"], "72 Afghans") {
			t.Errorf("85 is quoted as %q", values["85"])
		}
		if c.Rule == "" || c.Summary == "" {
			t.Errorf("no summary rule: %+v", c)
		}
	}
	if !found {
		t.Fatalf("no conflict over the 2021-08-26 death toll among %d conflicts", len(cs))
	}

	r = mustRun(t, exitOK, nil, "profile", "--db", db, "IS-K")
	for _, want := range []string{"## Leadership", "## Events", "## Where sources disagree", "72 Afghans", "2021-08-26"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("profile lacks %q", want)
		}
	}
	mustRun(t, exitUsage, nil, "conflicts", "--db", db, "extra")
}
