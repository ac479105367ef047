// Command scalebench measures how ingest, resolution, the store's size and
// the workbench's read latency grow with the number of documents.
//
//	go run ./tools/scalebench -docs 10000              # batches of 1,000
//	go run ./tools/scalebench -docs 1000 -batch 250 -clients 50 -json
//
// It builds a synthetic news-like corpus from the development data beside
// the repository (../shared/data: SATP and GTD incident summaries, read at
// run time, never copied into the repository): each document is three to
// five summaries of one source, about 1.2 KB, with a unique id and a
// publication date that moves on with each batch. The documents are
// written as JSONL batches to a temporary folder and ingested batch after
// batch into one store, in this process, through ingest.Pipeline as
// `dossier ingest` does (store, then resolve the whole store). After each
// batch it prints the documents stored so far, the batch's time, the peak
// resident memory of the process and the store's size on disk (database
// and WAL). At 1,000, 10,000 and 100,000 documents and at the end it
// serves the store with the workbench (package http) on a free loopback
// port and times GET requests: the profile of the most mentioned entity,
// the entity list, the event list, two searches and a document page.
// Each kind of request gets -requests requests or -read-time, whichever
// ends first; the table per database object (dbstat) closes the report.
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dossier-osint/dossier/geonames"
	dhttp "github.com/dossier-osint/dossier/http"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
)

type config struct {
	ProfileAfter int `json:"profile_after,omitempty"`
	cpuProfile   string
	Docs         int           `json:"docs"`
	Batch        int           `json:"batch"`
	DB           string        `json:"db,omitempty"`
	Shared       string        `json:"shared"`
	Clients      int           `json:"clients"`
	Requests     int           `json:"requests"`
	ReadTime     time.Duration `json:"read_time_ns"`
	Reads        bool          `json:"reads"`
	JSON         bool          `json:"-"`
}

// batchRow is one ingested batch. Docs counts the documents stored so far;
// TextMB is the text of the documents this run has ingested so far (their
// raw bytes: plain text), what the store's size is compared with.
type batchRow struct {
	Batch     int     `json:"batch"`
	Docs      int     `json:"docs"`
	IngestS   float64 `json:"ingest_s"`
	ResolveS  float64 `json:"resolve_s"`
	WallS     float64 `json:"wall_s"`
	CPUS      float64 `json:"cpu_s"` // the process's CPU time over the batch, steadier than wall time on a busy machine
	DocsPerS  float64 `json:"docs_per_s"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	StoreMB   float64 `json:"store_mb"` // the files: database and WAL
	DBMB      float64 `json:"db_mb"`    // the database's pages, the WAL's included

	TextMB float64 `json:"text_mb"`
}

// readRow is the latency of one kind of request at a checkpoint, over N
// requests; the first request of each kind warms up and is not counted.
type readRow struct {
	Docs    int     `json:"docs"`
	Request string  `json:"request"`
	Path    string  `json:"path"`
	N       int     `json:"n"`
	P50Ms   float64 `json:"p50_ms"`
	P99Ms   float64 `json:"p99_ms"`
	Failed  int     `json:"failed"`
	Clients int     `json:"clients"`
}

type objectSize struct {
	Name string  `json:"name"`
	MB   float64 `json:"mb"`
}

type report struct {
	Config   config       `json:"config"`
	Started  string       `json:"started"`
	Batches  []batchRow   `json:"batches"`
	Reads    []readRow    `json:"reads,omitempty"`
	Objects  []objectSize `json:"objects,omitempty"`
	TotalS   float64      `json:"total_s"`
	Failures int          `json:"failures"`
}

func main() {
	var c config
	flag.IntVar(&c.Docs, "docs", 1000, "synthetic documents to ingest")
	flag.IntVar(&c.Batch, "batch", 1000, "documents per ingest")
	flag.StringVar(&c.DB, "db", "", "database `path` to keep (default: a temporary one, removed)")
	flag.StringVar(&c.Shared, "shared", "../shared/data", "development data `dir` (satp/dev.jsonl, gtd/dev.jsonl)")
	flag.IntVar(&c.Clients, "clients", 1, "concurrent clients for the read latencies")
	flag.IntVar(&c.Requests, "requests", 200, "requests per kind at each checkpoint")
	flag.DurationVar(&c.ReadTime, "read-time", 15*time.Second, "at most this long per kind of request at each checkpoint (fewer requests then)")
	flag.BoolVar(&c.Reads, "reads", true, "measure read latencies at 1k, 10k, 100k documents and at the end")
	flag.BoolVar(&c.JSON, "json", false, "print the report as JSON on stdout (the table goes to stderr)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the batches after the first -profile-after documents to `file`")
	flag.IntVar(&c.ProfileAfter, "profile-after", 0, "start the CPU profile once this many documents are stored")
	flag.Parse()
	c.cpuProfile = *cpuProfile
	if err := run(context.Background(), c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "scalebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, c config, stdout, stderr io.Writer) error {
	if c.Docs <= 0 || c.Batch <= 0 || c.Clients <= 0 || c.Requests <= 0 {
		return errors.New("-docs, -batch, -clients and -requests must be positive")
	}
	start := time.Now()
	rep := &report{Config: c, Started: start.UTC().Format(time.RFC3339)}
	table := stdout
	if c.JSON {
		table = stderr
	}

	tmp, err := os.MkdirTemp("", "scalebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	files, sizes, firstDoc, err := writeCorpus(c, filepath.Join(tmp, "corpus"))
	if err != nil {
		return err
	}
	fmt.Fprintf(table, "corpus: %d documents in %d batches, written in %.1f s\n", c.Docs, len(files), time.Since(start).Seconds())

	dbPath := c.DB
	if dbPath == "" {
		dbPath = filepath.Join(tmp, "dossier.db")
	}
	store, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	p, err := pipeline(ctx, store)
	if err != nil {
		return err
	}
	// A second, read-only handle counts documents and reads dbstat.
	stat, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		return err
	}
	defer stat.Close()
	stored, err := countDocuments(ctx, stat)
	if err != nil {
		return err
	}
	var textBytes float64

	var srv *dhttp.Server
	defer func() {
		if srv != nil {
			srv.Close(context.Background())
		}
	}()
	checkpoints := []int{1000, 10000, 100000}
	fmt.Fprintf(table, "%5s %7s %9s %9s %8s %7s %7s %12s %9s %8s %7s\n",
		"batch", "docs", "ingest_s", "resolve_s", "wall_s", "cpu_s", "docs/s", "peak_rss_MB", "store_MB", "db_MB", "x_text")
	var profile *os.File
	defer func() {
		if profile != nil {
			pprof.StopCPUProfile()
			profile.Close()
		}
	}()
	for i, f := range files {
		if c.cpuProfile != "" && profile == nil && stored >= c.ProfileAfter {
			if profile, err = os.Create(c.cpuProfile); err != nil {
				return err
			}
			if err := pprof.StartCPUProfile(profile); err != nil {
				return err
			}
		}
		t0, cpu0 := time.Now(), cpuTime()
		sum, err := p.Ingest(ctx, []string{f})
		if err != nil {
			return err
		}
		for _, e := range sum.Failures {
			fmt.Fprintln(stderr, "error:", e)
		}
		rep.Failures += sum.Failed
		t1 := time.Now()
		if sum.Added > 0 {
			if err := p.Resolve(ctx); err != nil {
				return err
			}
		}
		t2 := time.Now()
		before := stored
		if stored, err = countDocuments(ctx, stat); err != nil {
			return err
		}
		textBytes += float64(sizes[i])
		pages, err := dbPages(ctx, stat)
		if err != nil {
			return err
		}
		row := batchRow{
			Batch: i + 1, Docs: stored,
			IngestS: t1.Sub(t0).Seconds(), ResolveS: t2.Sub(t1).Seconds(), WallS: t2.Sub(t0).Seconds(),
			CPUS:      (cpuTime() - cpu0).Seconds(),
			PeakRSSMB: float64(peakRSS()) / 1e6, StoreMB: float64(storeSize(dbPath)) / 1e6,
			DBMB:   float64(pages) / 1e6,
			TextMB: textBytes / 1e6,
		}
		row.DocsPerS = float64(sum.Added+sum.Unchanged) / row.WallS
		rep.Batches = append(rep.Batches, row)
		ratio := 0.0
		if row.TextMB > 0 {
			ratio = row.DBMB / row.TextMB
		}
		fmt.Fprintf(table, "%5d %7d %9.2f %9.2f %8.2f %7.2f %7.1f %12.1f %9.1f %8.1f %7.1f\n",
			row.Batch, row.Docs, row.IngestS, row.ResolveS, row.WallS, row.CPUS, row.DocsPerS, row.PeakRSSMB, row.StoreMB, row.DBMB, ratio)

		last := i == len(files)-1
		due := last
		for _, cp := range checkpoints {
			due = due || before < cp && stored >= cp
		}
		if !c.Reads || !due {
			continue
		}
		if srv == nil {
			srv = &dhttp.Server{Store: store, Addr: "127.0.0.1:0"}
			if err := srv.Open(); err != nil {
				return err
			}
		}
		rows, err := measureReads(ctx, store, srv.URL(), firstDoc, stored, c)
		if err != nil {
			return err
		}
		for _, r := range rows {
			fmt.Fprintf(table, "      reads at %d docs, %d clients: %-14s p50 %8.1f ms  p99 %8.1f ms  n %3d  failed %d  (%s)\n",
				r.Docs, r.Clients, r.Request, r.P50Ms, r.P99Ms, r.N, r.Failed, r.Path)
		}
		rep.Reads = append(rep.Reads, rows...)
	}

	if rep.Objects, err = objectSizes(ctx, stat); err != nil {
		return err
	}
	fmt.Fprintf(table, "store by object (dbstat; those under 0.01 MB left out), %.2f MB of text:\n", textBytes/1e6)
	total := 0.0
	for _, o := range rep.Objects {
		total += o.MB
		if o.MB >= 0.01 {
			fmt.Fprintf(table, "  %-40s %9.2f MB\n", o.Name, o.MB)
		}
	}
	fmt.Fprintf(table, "  %-40s %9.2f MB\n", "all", total)
	rep.TotalS = time.Since(start).Seconds()
	fmt.Fprintf(table, "total %.1f s, %d failed inputs\n", rep.TotalS, rep.Failures)
	if c.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	}
	if rep.Failures > 0 {
		return fmt.Errorf("%d inputs failed", rep.Failures)
	}
	return nil
}

// pipeline builds the ingest pipeline as cmd/dossier does, with the
// embedded gazetteer.
func pipeline(ctx context.Context, store *sqlite.DB) (*ingest.Pipeline, error) {
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	refs, err := store.References(ctx)
	if err != nil {
		return nil, err
	}
	lex = lex.With(refs)
	gaz, err := geonames.Embedded()
	if err != nil {
		return nil, err
	}
	return &ingest.Pipeline{Store: store, Lexicon: lex, Reader: ner.New(lex), Gazetteer: gaz}, nil
}

// summary is one incident summary of the development data.
type summary struct {
	Text string `json:"text"`
}

func readSummaries(path string) ([]summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []summary
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var s summary
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if s.Text = strings.TrimSpace(s.Text); s.Text != "" {
			out = append(out, s)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no summaries", path)
	}
	return out, nil
}

// article is one line of a batch, as ingest reads JSONL.
type article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

// writeCorpus writes c.Docs synthetic articles into dir, c.Batch a file,
// and returns the files, the bytes of text in each and the ID of the first
// document. The corpus is
// the same on every run (a fixed seed). Every third document is made of
// GTD summaries, the others of SATP ones, as the sets' sizes go; no two
// documents have the same text, since the store keeps one copy of equal
// bytes. The summaries' own dates are not used: each document gets one.
func writeCorpus(c config, dir string) (files []string, sizes []int64, first string, err error) {
	satp, err := readSummaries(filepath.Join(c.Shared, "satp", "dev.jsonl"))
	if err != nil {
		return nil, nil, "", err
	}
	gtd, err := readSummaries(filepath.Join(c.Shared, "gtd", "dev.jsonl"))
	if err != nil {
		return nil, nil, "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, "", err
	}
	rng := rand.New(rand.NewPCG(14, 8))
	seen := map[[32]byte]bool{}
	base := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf []byte
	flush := func() error {
		name := filepath.Join(dir, fmt.Sprintf("batch-%05d.jsonl", len(files)+1))
		files = append(files, name)
		err := os.WriteFile(name, buf, 0o644)
		buf = buf[:0]
		return err
	}
	for k := 0; k < c.Docs; k++ {
		if k > 0 && k%c.Batch == 0 {
			if err := flush(); err != nil {
				return nil, nil, "", err
			}
		}
		if k%c.Batch == 0 {
			sizes = append(sizes, 0)
		}
		pool := satp
		if k%3 == 0 {
			pool = gtd
		}
		var parts []string
		var text string
		var sum [32]byte
		for n := 0; ; {
			parts = append(parts, pool[rng.IntN(len(pool))].Text)
			if n += len(parts[len(parts)-1]) + 2; n < 1100 {
				continue
			}
			text = strings.Join(parts, "\n\n")
			if sum = sha256.Sum256([]byte(text)); !seen[sum] {
				break
			}
		}
		seen[sum] = true
		if k == 0 {
			first = hex.EncodeToString(sum[:])
		}
		sizes[len(sizes)-1] += int64(len(text))
		// Dates fall in 2012-2020, each batch a week later than the one
		// before, so that batches overlap in time but do not repeat it.
		day := base.AddDate(0, 0, rng.IntN(3000)+7*(k/c.Batch))
		b, err := json.Marshal(article{
			ID:        fmt.Sprintf("sb-%07d", k+1),
			Title:     title(parts[0]),
			Outlet:    "Scalebench Wire",
			Published: day.Format("2006-01-02"),
			Text:      text,
		})
		if err != nil {
			return nil, nil, "", err
		}
		buf = append(append(buf, b...), '\n')
	}
	return files, sizes, first, flush()
}

// title is the first words of a summary, as a headline.
func title(s string) string {
	words := strings.Fields(s)
	if len(words) > 9 {
		words = words[:9]
	}
	return strings.TrimRight(strings.Join(words, " "), ".,;:")
}

// countDocuments counts the stored documents.
func countDocuments(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n)
	return n, err
}

// dbPages is the size of the database's pages in bytes, as of the last
// commit (pages still in the WAL included, free pages too).
func dbPages(ctx context.Context, db *sql.DB) (int64, error) {
	var count, size int64
	if err := db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&count); err != nil {
		return 0, err
	}
	if err := db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return 0, err
	}
	return count * size, nil
}

// peakRSS is the process's peak resident set in bytes (VmHWM), or 0 where
// /proc is missing.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1000
		}
	}
	return 0
}

// storeSize is the database file and its WAL, in bytes.
func storeSize(path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// measureReads times GET requests of each kind against the workbench.
// Each kind gets c.Requests requests or c.ReadTime, whichever ends first.
func measureReads(ctx context.Context, store *sqlite.DB, base, doc string, docs int, c config) ([]readRow, error) {
	clients := c.Clients
	list, err := store.EntityList(ctx)
	if err != nil {
		return nil, err
	}
	top := ""
	most := -1
	for _, e := range list {
		if e.Mentions > most {
			top, most = e.ID, e.Mentions
		}
	}
	targets := []struct{ name, path string }{
		{"profile", "/entities/" + url.PathEscape(top)},
		{"entity list", "/entities"},
		{"event list", "/events"},
		{"search suicide", "/search?q=" + url.QueryEscape("suicide bombing")},
		{"search kabul", "/search?q=" + url.QueryEscape("Kabul airport")},
		{"document", "/documents/" + doc},
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 2 * time.Minute}
	defer client.CloseIdleConnections()
	var rows []readRow
	for _, t := range targets {
		get := func() error {
			resp, err := client.Get(base + t.path)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				return err
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("GET %s: %s", t.path, resp.Status)
			}
			return nil
		}
		if err := get(); err != nil { // warm-up, and a check
			return nil, err
		}
		var (
			mu     sync.Mutex
			lat    []time.Duration
			failed int
			wg     sync.WaitGroup
			next   atomic.Int64
		)
		deadline := time.Now().Add(c.ReadTime)
		if c.ReadTime <= 0 {
			deadline = time.Now().Add(24 * time.Hour)
		}
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= int64(c.Requests) && time.Now().Before(deadline) {
					t0 := time.Now()
					err := get()
					d := time.Since(t0)
					mu.Lock()
					lat = append(lat, d)
					if err != nil {
						failed++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		n := len(lat)
		slices.Sort(lat)
		q := func(p float64) float64 {
			return float64(lat[min(n-1, int(p*float64(n)))].Microseconds()) / 1000
		}
		rows = append(rows, readRow{Docs: docs, Request: t.name, Path: t.path, N: n, P50Ms: q(0.50), P99Ms: q(0.99),
			Failed: failed, Clients: clients})
	}
	return rows, nil
}

// objectSizes reads the size of each table and index from SQLite's dbstat
// table, largest first.
func objectSizes(ctx context.Context, db *sql.DB) ([]objectSize, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC`)
	if err != nil {
		return nil, fmt.Errorf("dbstat: %w", err)
	}
	defer rows.Close()
	var out []objectSize
	for rows.Next() {
		var o objectSize
		var size int64
		if err := rows.Scan(&o.Name, &size); err != nil {
			return nil, err
		}
		o.MB = float64(size) / 1e6
		out = append(out, o)
	}
	return out, rows.Err()
}
