package http

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier-osint/dossier/internal/synth"
	"github.com/dossier-osint/dossier/sqlite"
)

// BenchmarkProfileAPI measures the latency of the profile endpoint (IS-K,
// on the sample corpus with the test facts) under 50 concurrent clients on
// loopback. The run is bounded by -benchtime as a count of requests:
//
//	go test ./http -run XXX -bench ProfileAPI -benchtime 2000x
//
// It reports p50 and p99 latency; it asserts nothing about them.
func BenchmarkProfileAPI(b *testing.B) {
	st, fx := sharedStore(b)
	s := serve(b, st)
	url := s.URL() + "/api/v1/entities/" + fx.isk
	const clients = 50
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}

	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				start := time.Now()
				resp, err := client.Get(url)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						failed.Add(1)
					}
				}
				if err != nil {
					failed.Add(1)
				}
				lat[i] = time.Since(start)
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	slices.Sort(lat)
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// benchSizes is the synthetic store of BenchmarkPages: 3,000 documents,
// events and entities, 9,000 relations, one group in a third of the
// documents (package synth).
var benchSizes = synth.Sizes{Documents: 3000, Groups: 300, People: 2000, Places: 700}

// BenchmarkPages measures the latency of one request to each bounded
// page and list, one client at a time on loopback, over a synthetic store
// of a few thousand entities and events, and reports the size of the
// answer:
//
//	go test ./http -run XXX -bench Pages -benchmem
//
// It asserts nothing about latency.
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	c, err := synth.Fill(ctx, db, benchSizes)
	if err != nil {
		b.Fatal(err)
	}
	s := serve(b, db)
	small := c.Entities[len(c.Entities)-1]
	for _, bm := range []struct{ name, path string }{
		{"api-entities-limit-20", "/api/v1/entities?limit=20"},
		{"api-entities-by-name", "/api/v1/entities?sort=name"},
		{"api-events", "/api/v1/events"},
		{"api-events-of-big-group", "/api/v1/events?actor=" + c.Big},
		{"api-documents", "/api/v1/documents"},
		{"api-profile-big-group", "/api/v1/entities/" + c.Big},
		{"api-profile-small", "/api/v1/entities/" + small},
		{"api-sentences-of-big-group", "/api/v1/entities/" + c.Big + "/sentences"},
		{"api-map", "/api/v1/map"},
		{"api-network", "/api/v1/network"},
		{"page-overview", "/"},
		{"page-entities", "/entities"},
		{"page-events", "/events"},
		{"page-profile-big-group", "/entities/" + c.Big},
		{"page-map", "/map"},
		{"page-network", "/network"},
		{"page-reader", "/documents/" + c.Documents[0]},
	} {
		b.Run(bm.name, func(b *testing.B) {
			size := 0
			for b.Loop() {
				resp, err := http.Get(s.URL() + bm.path)
				if err != nil {
					b.Fatal(err)
				}
				n, err := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					b.Fatalf("%s: status %d, %v", bm.path, resp.StatusCode, err)
				}
				size = int(n)
			}
			b.ReportMetric(float64(size), "bytes/answer")
		})
	}
}
