package profile_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier/internal/synth"
	"github.com/dossier-osint/dossier/profile"
	"github.com/dossier-osint/dossier/sqlite"
)

// TestSummary checks that a summary caps each section at Top entries,
// says how many there are in all, and agrees with the full profile on
// what it shows.
func TestSummary(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := synth.Fill(ctx, db, synth.Sizes{Documents: 240, Groups: 8, People: 30, Places: 20})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := profile.Summary(ctx, db, "g0") // an alias, another case
	if err != nil {
		t.Fatal(err)
	}
	full, err := profile.Build(ctx, db, "Group 0")
	if err != nil {
		t.Fatal(err)
	}
	if sum.ID != c.Big || full.ID != c.Big {
		t.Fatalf("profiles of %s and %s, want %s", sum.ID, full.ID, c.Big)
	}
	tt := sum.Totals
	if tt == nil {
		t.Fatal("a summary without totals")
	}
	for _, s := range []struct {
		what          string
		shown, total  int
		fullLen       int
		wantTruncated bool
	}{
		{"names", len(sum.Aliases), tt.Aliases, len(full.Aliases), false},
		{"sentences", len(sum.Sentences), tt.Sentences, len(full.Sentences), true},
		{"events", len(sum.Events), tt.Events, len(full.Events), true},
		{"leadership", len(sum.Leadership), tt.Leadership, -1, true},
		{"relations", len(sum.Relations), tt.Relations, -1, true},
		{"areas", len(sum.Areas), tt.Areas, -1, true},
	} {
		if s.shown > profile.Top {
			t.Errorf("%s: %d shown, more than %d", s.what, s.shown, profile.Top)
		}
		if s.fullLen >= 0 && s.total != s.fullLen {
			t.Errorf("%s: total %d, the full profile has %d", s.what, s.total, s.fullLen)
		}
		if s.wantTruncated && s.total <= s.shown {
			t.Errorf("%s: %d of %d: the corpus should overflow the summary", s.what, s.shown, s.total)
		}
	}
	if tt.Documents != len(full.Documents) || tt.Documents <= profile.Top {
		t.Errorf("documents: total %d, the full profile has %d", tt.Documents, len(full.Documents))
	}
	// The newest events first, and the sentences spread over the sources.
	for i := 1; i < len(sum.Events); i++ {
		if a, b := sum.Events[i-1].Date, sum.Events[i].Date; b != "" && a < b {
			t.Errorf("events not newest first: %s then %s", a, b)
		}
	}
	cited := map[int]bool{}
	for _, s := range sum.Sentences {
		cited[s.Document] = true
		if s.Document < 1 || s.Document > len(sum.Documents) {
			t.Errorf("sentence cites [%d] of %d sources", s.Document, len(sum.Documents))
		}
	}
	if len(cited) < profile.Top/2 {
		t.Errorf("sentences from %d documents only", len(cited))
	}
	var md bytes.Buffer
	if err := sum.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("- **Seen in:** %d documents, %d sentences", tt.Documents, tt.Sentences),
		fmt.Sprintf("_%d of %d sentences; `dossier profile --full` lists them all._", len(sum.Sentences), tt.Sentences),
		fmt.Sprintf("_The %d most recent of %d events;", len(sum.Events), tt.Events),
		fmt.Sprintf("of %d relations;", tt.Relations),
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	var fmd bytes.Buffer
	full.Markdown(&fmd)
	if strings.Contains(fmd.String(), "--full") || fmd.Len() < 2*md.Len() {
		t.Errorf("full profile %d bytes, summary %d", fmd.Len(), md.Len())
	}
	t.Logf("summary %d bytes, full profile %d bytes", md.Len(), fmd.Len())
}
