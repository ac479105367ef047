package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/dossier-osint/dossier"
)

func TestDecisions(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ds := []*dossier.Decision{
		{Action: dossier.Merge, Target: []string{"joe biden", "biden"}, Other: []string{"biden"}, Note: "same man", At: at},
		{Action: dossier.Split, Target: []string{"khadem"}, Names: []string{"khadim"}, Documents: []string{"abc"}, At: at},
		{Action: dossier.Rename, Target: []string{"is k"}, Name: "ISKP", At: at},
	}
	for i, d := range ds {
		if err := db.AddDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
		if d.Seq != int64(i+1) {
			t.Errorf("decision %d got Seq %d", i, d.Seq)
		}
	}
	for _, tc := range []struct {
		name string
		d    *dossier.Decision
	}{
		{"unknown action", &dossier.Decision{Action: "delete", Target: []string{"x"}}},
		{"no target", &dossier.Decision{Action: dossier.Rename, Name: "x"}},
		{"merge without other", &dossier.Decision{Action: dossier.Merge, Target: []string{"x"}}},
		{"split without names or documents", &dossier.Decision{Action: dossier.Split, Target: []string{"x"}}},
		{"rename without name", &dossier.Decision{Action: dossier.Rename, Target: []string{"x"}}},
	} {
		wantCode(t, db.AddDecision(ctx, tc.d), dossier.EINVALID)
	}
	// Decisions survive reopening.
	db.Close()
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	got, err := db2.Decisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d decisions, want 3", len(got))
	}
	for i := range got {
		g, w := got[i], ds[i]
		if g.Seq != w.Seq || g.Action != w.Action || g.Name != w.Name || g.Note != w.Note || !g.At.Equal(w.At) ||
			len(g.Target) != len(w.Target) || len(g.Other) != len(w.Other) || len(g.Names) != len(w.Names) || len(g.Documents) != len(w.Documents) {
			t.Errorf("decision %d: got %+v, want %+v", i, g, w)
		}
	}
	if err := db2.DeleteDecision(ctx, 2); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db2.DeleteDecision(ctx, 2), dossier.ENOTFOUND)
	if got, _ := db2.Decisions(ctx); len(got) != 2 || got[1].Seq != 3 {
		t.Errorf("after delete: %+v", got)
	}
}
