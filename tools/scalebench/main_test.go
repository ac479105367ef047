package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRun ingests 60 synthetic documents in 3 batches and checks the
// report: one row a batch, the reads at the end, the tables' sizes.
func TestRun(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(shared, "gtd", "dev.jsonl")); err != nil {
		t.Skip("no development data beside the repository:", err)
	}
	db := filepath.Join(t.TempDir(), "bench.db")
	var out, table bytes.Buffer
	c := config{Docs: 60, Batch: 20, DB: db, Shared: shared, Clients: 2, Requests: 4, ReadTime: time.Minute, Reads: true, JSON: true}
	if err := run(context.Background(), c, &out, &table); err != nil {
		t.Fatalf("run: %v\n%s", err, table.String())
	}
	var rep report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out.String())
	}
	if len(rep.Batches) != 3 {
		t.Fatalf("got %d batch rows, want 3:\n%s", len(rep.Batches), table.String())
	}
	for i, b := range rep.Batches {
		if b.Batch != i+1 || b.Docs != 20*(i+1) || b.WallS <= 0 || b.StoreMB <= 0 || b.TextMB <= 0 {
			t.Errorf("batch row %d: %+v", i, b)
		}
	}
	// About 1.2 KB a document.
	if per := rep.Batches[2].TextMB * 1e6 / 60; per < 1100 || per > 2500 {
		t.Errorf("%.0f bytes of text a document, want about 1,200", per)
	}
	if len(rep.Reads) != 6 {
		t.Fatalf("got %d read rows, want 6 (one checkpoint, at the end):\n%s", len(rep.Reads), table.String())
	}
	for _, r := range rep.Reads {
		if r.Docs != 60 || r.Failed != 0 || r.P50Ms <= 0 || r.P99Ms < r.P50Ms {
			t.Errorf("read row %+v", r)
		}
	}
	if len(rep.Objects) == 0 {
		t.Error("no table sizes")
	}
	for _, want := range []string{"batch    docs", "reads at 60 docs", "store by object", "documents"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("-db was not kept: %v", err)
	}
}
