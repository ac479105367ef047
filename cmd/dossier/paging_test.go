package main

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier/internal/synth"
	"github.com/dossier-osint/dossier/sqlite"
)

// synthDB writes a synthetic store (package synth) to a new file.
func synthDB(t *testing.T, n synth.Sizes) (string, *synth.Corpus) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "synth.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := synth.Fill(context.Background(), db, n)
	if err != nil {
		t.Fatal(err)
	}
	return path, c
}

// entityIDs reads the IDs column of `dossier entity list`.
func entityIDs(out string) []string {
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		ids = append(ids, strings.Fields(line)[0])
	}
	return ids
}

// TestEntityListPages walks `dossier entity list` page by page with the
// cursor each page prints, and checks that the pages make the whole list.
func TestEntityListPages(t *testing.T) {
	db, c := synthDB(t, synth.Sizes{Documents: 60, Groups: 6, People: 20, Places: 10})
	for _, args := range [][]string{{}, {"--sort", "name"}, {"--type", "person"}} {
		base := append([]string{"entity", "list", "--db", db}, args...)
		all := mustRun(t, exitOK, nil, append(base, "--limit", "500")...)
		want := entityIDs(all.stdout)
		if strings.Contains(all.stderr, "next page") {
			t.Errorf("%v: one page of 500 says there is a next: %s", args, all.stderr)
		}
		var got []string
		cursor, flag := "", "--cursor"
		for pages := 0; ; pages++ {
			if pages > 100 {
				t.Fatal("more than 100 pages")
			}
			a := append(base, "--limit", "7")
			if cursor != "" {
				a = append(a, flag, cursor)
			}
			r := mustRun(t, exitOK, nil, a...)
			ids := entityIDs(r.stdout)
			got = append(got, ids...)
			_, next, ok := strings.Cut(r.stderr, "next page: --cursor ")
			if !ok {
				break
			}
			if len(ids) != 7 {
				t.Errorf("%v: a page of %d with a next page", args, len(ids))
			}
			cursor, flag = strings.TrimSpace(next), map[string]string{"--cursor": "--after", "--after": "--cursor"}[flag]
		}
		if !reflect.DeepEqual(got, want) || len(want) <= 7 {
			t.Errorf("%v: pages\n got %v\nwant %v", args, got, want)
		}
	}
	if ids := entityIDs(mustRun(t, exitOK, nil, "entity", "list", "--db", db, "--limit", "1").stdout); len(ids) != 1 || ids[0] != c.Big {
		t.Errorf("the most mentioned entity is %v, want %s", ids, c.Big)
	}
	for _, bad := range [][]string{{"--limit", "0"}, {"--limit", "501"}, {"--limit", "-1"}, {"--sort", "size"}} {
		r := mustRun(t, exitUsage, nil, append([]string{"entity", "list", "--db", db}, bad...)...)
		if !strings.Contains(r.stderr, bad[0]) {
			t.Errorf("%v: stderr %s", bad, r.stderr)
		}
	}
	mustRun(t, exitUsage, nil, "entity", "list", "--db", db, "--limit", "abc")
	r := mustRun(t, exitError, nil, "entity", "list", "--db", db, "--cursor", "bm9wZQ")
	if !strings.Contains(r.stderr, "cursor") {
		t.Errorf("a foreign cursor: %s", r.stderr)
	}
}

// TestProfileSummaryAndFull checks that `dossier profile` prints a
// summary that says how much it leaves out, and --full everything.
func TestProfileSummaryAndFull(t *testing.T) {
	db, _ := synthDB(t, synth.Sizes{Documents: 120, Groups: 6, People: 20, Places: 10})
	sum := mustRun(t, exitOK, nil, "profile", "--db", db, "Group 0")
	full := mustRun(t, exitOK, nil, "profile", "--db", db, "--full", "Group 0")
	for _, want := range []string{"**Summary:** at most 20 entries a section", "sentences; `dossier profile --full` lists them all.",
		"_The 20 most recent of "} {
		if !strings.Contains(sum.stdout, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if strings.Contains(full.stdout, "--full") || len(full.stdout) < 2*len(sum.stdout) {
		t.Errorf("full profile %d bytes, summary %d", len(full.stdout), len(sum.stdout))
	}
	j := mustRun(t, exitOK, nil, "profile", "--db", db, "--format", "json", "Group 0")
	if !strings.Contains(j.stdout, `"totals": {`) {
		t.Errorf("JSON summary without totals")
	}
	if h := mustRun(t, exitOK, nil, "profile", "-h"); !strings.Contains(h.stderr, "-full") {
		t.Errorf("profile -h does not document --full:\n%s", h.stderr)
	}
}
