package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// crashEnv names the database a child process of TestCrashSafety writes to.
const crashEnv = "DOSSIER_SQLITE_CRASH_DB"

// TestCrashSafety kills a process that is writing documents and checks that
// the database is intact and holds every document whose PutDocument had
// returned. The child is this test binary run again with crashEnv set.
func TestCrashSafety(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}

	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	// Kill the child while it writes, then take the lines it printed before
	// it died: each names a document it was told was stored.
	const before = 40
	var ids []string
	lines := bufio.NewScanner(out)
	killed := false
	for lines.Scan() {
		id, ok := strings.CutPrefix(lines.Text(), "put ")
		if !ok || len(id) != 64 {
			continue
		}
		ids = append(ids, id)
		if len(ids) == before && !killed {
			if err := cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("child stopped after %d documents: %v\n%s", len(ids), err, stderr.Bytes())
	}
	t.Logf("child killed after reporting %d documents", len(ids))

	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.write.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil {
		t.Fatal(err)
	}
	if check != "ok" {
		t.Fatalf("integrity_check: %s", check)
	}
	for _, id := range ids {
		if _, err := db.Document(ctx, id); err != nil {
			t.Errorf("document %s, reported stored, is lost: %v", id, err)
		}
	}
	// A document torn by the kill would show as one without its reading.
	docs, err := db.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if spans, err := db.Sentences(ctx, d.ID); err != nil || len(spans) != 3 {
			t.Errorf("document %s has %d sentences (%v), want 3", d.ID, len(spans), err)
		}
	}
	if len(docs) < len(ids) {
		t.Errorf("%d documents stored, %d reported", len(docs), len(ids))
	}
	// And the store still takes writes.
	doc, r := sampleDoc(-1)
	if _, err := db.PutDocument(ctx, doc, r); err != nil {
		t.Fatal(err)
	}
}

// crashChild puts documents from four goroutines until it is killed, and
// prints "put ID" after each PutDocument returns. It gives up after a while
// in case its parent is gone.
func crashChild(path string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// Large documents make the kill likely to land inside a transaction.
	pad := strings.Repeat("filler ", 10000)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; ctx.Err() == nil; i += 4 {
				doc, r := sampleDoc(i)
				doc.Raw = append(doc.Raw, pad...)
				doc.ID = newDoc(string(doc.Raw), "").ID
				for j := range r.Mentions {
					r.Mentions[j].Document = doc.ID
				}
				if _, err := db.PutDocument(ctx, doc, r); err != nil {
					if ctx.Err() == nil {
						fmt.Fprintln(os.Stderr, err)
						os.Exit(2)
					}
					return
				}
				// One write(2) per line, so lines from the goroutines do
				// not interleave.
				os.Stdout.WriteString("put " + doc.ID + "\n")
			}
		})
	}
	wg.Wait()
	os.Exit(0)
}
