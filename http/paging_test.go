package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/internal/synth"
	"github.com/dossier-osint/dossier/sqlite"
)

// synthSizes is the synthetic corpus of the paging tests: every list
// fits in one page of dossier.MaxLimit, to compare the walk with.
var synthSizes = synth.Sizes{Documents: 300, Groups: 12, People: 40, Places: 25}

var synthOnce struct {
	sync.Once
	db  *sqlite.DB
	c   *synth.Corpus
	err error
}

// synthStore is a store filled by package synth, built once.
func synthStore(t testing.TB) (*sqlite.DB, *synth.Corpus) {
	t.Helper()
	synthOnce.Do(func() {
		ctx := context.Background()
		db, err := sqlite.Open(ctx, filepath.Join(testDir, "synth.db"))
		if err != nil {
			synthOnce.err = err
			return
		}
		synthOnce.db = db
		synthOnce.c, synthOnce.err = synth.Fill(ctx, db, synthSizes)
	})
	if synthOnce.err != nil {
		t.Fatal(synthOnce.err)
	}
	return synthOnce.db, synthOnce.c
}

func closeSynth() {
	if synthOnce.db != nil {
		synthOnce.db.Close()
	}
}

// walkAPI follows an API list's next cursors from its first page and
// returns the key of every row, failing on a repeated row, a total that
// moves or a next cursor on a page shorter than the limit.
func walkAPI(t *testing.T, base, path, items, key string, limit int) (keys []string, total int) {
	t.Helper()
	seen := map[string]bool{}
	total = -1
	u := path + sep(path) + fmt.Sprintf("limit=%d", limit)
	for pages := 0; ; pages++ {
		if pages > 500 {
			t.Fatalf("%s: more than 500 pages", path)
		}
		var page map[string]any
		getJSON(t, base+u, &page)
		rows, _ := page[items].([]any)
		if n := int(page["total"].(float64)); total >= 0 && n != total {
			t.Fatalf("%s: total %d, was %d", u, n, total)
		} else {
			total = n
		}
		if len(rows) > limit {
			t.Fatalf("%s: %d rows, limit %d", u, len(rows), limit)
		}
		for _, r := range rows {
			k := fmt.Sprint(r.(map[string]any)[key])
			if seen[k] {
				t.Fatalf("%s repeats %s", u, k)
			}
			seen[k] = true
			keys = append(keys, k)
		}
		next, _ := page["next"].(string)
		if next == "" {
			return keys, total
		}
		if len(rows) < limit {
			t.Fatalf("%s: a short page (%d rows) with a next cursor", u, len(rows))
		}
		u = path + sep(path) + fmt.Sprintf("limit=%d&cursor=%s", limit, url.QueryEscape(next))
	}
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}

// TestPaginatedLists walks every paginated list of the API with a small
// limit and checks that the pages together are the whole list, in order,
// each row once, the last page without a next cursor.
func TestPaginatedLists(t *testing.T) {
	db, c := synthStore(t)
	s := serve(t, db)
	big := c.Big
	for _, tt := range []struct {
		path, items, key string
		limit            int
	}{
		{"/api/v1/entities", "entities", "id", 7},
		{"/api/v1/entities?sort=name", "entities", "id", 10},
		{"/api/v1/entities?type=person&sort=name", "entities", "id", 3},
		{"/api/v1/entities?type=place", "entities", "id", 4},
		{"/api/v1/events", "events", "id", 9},
		{"/api/v1/events?actor=" + big, "events", "id", 8},
		{"/api/v1/events?from=2020-02&to=2020-03-15&type=attack", "events", "id", 6},
		{"/api/v1/documents", "documents", "id", 13},
		{"/api/v1/entities/" + big + "/aliases", "items", "name", 1},
		{"/api/v1/entities/" + big + "/documents", "items", "id", 23},
		{"/api/v1/entities/" + big + "/sentences", "items", "claim", 37},
		{"/api/v1/entities/" + big + "/relations", "items", "id", 41},
		{"/api/v1/entities/" + big + "/relations?kind=leadership", "items", "id", 11},
		{"/api/v1/entities/e-l0003/relations?kind=other", "items", "id", 2},
	} {
		t.Run(tt.path, func(t *testing.T) {
			got, total := walkAPI(t, s.URL(), tt.path, tt.items, tt.key, tt.limit)
			all, allTotal := walkAPI(t, s.URL(), tt.path, tt.items, tt.key, dossier.MaxLimit)
			if total != allTotal || len(all) != allTotal {
				t.Fatalf("total %d by %d, %d in one page of %d rows", total, tt.limit, allTotal, len(all))
			}
			if len(all) <= tt.limit {
				t.Errorf("%d rows: the list fits in one page of %d, so the walk tests nothing", len(all), tt.limit)
			}
			if !reflect.DeepEqual(got, all) {
				t.Errorf("pages of %d\n got %v\nwant %v", tt.limit, got, all)
			}
		})
	}
}

// TestLimits checks that a bad limit or cursor is a 400 that says why,
// on every list, page or API.
func TestLimits(t *testing.T) {
	db, c := synthStore(t)
	s := serve(t, db)
	paths := []string{"/api/v1/entities", "/api/v1/events", "/api/v1/documents", "/api/v1/search?q=group",
		"/api/v1/map", "/api/v1/network", "/api/v1/entities/" + c.Big + "/sentences", "/api/v1/entities/" + c.Big + "/relations",
		"/entities", "/events", "/documents", "/map", "/network", "/search?q=group", "/entities/" + c.Big + "/aliases"}
	for _, path := range paths {
		for _, limit := range []string{"0", "-1", "abc", "501", "1.5", ""} {
			u := path + sep(path) + "limit=" + limit
			if limit == "" {
				u = path + sep(path) + "limit="
			}
			status, _, body := get(t, s.URL()+u)
			if limit == "" {
				if status != 200 {
					t.Errorf("%s: status %d; an empty limit is the default", u, status)
				}
				continue
			}
			if status != 400 || !strings.Contains(body, "limit=") || !strings.Contains(body, "from 1 to 500") {
				t.Errorf("%s: status %d, want 400 saying why\n%.300s", u, status, body)
			}
		}
		if strings.Contains(path, "search") || strings.Contains(path, "map") || strings.Contains(path, "network") {
			continue // not paged by cursor
		}
		status, _, body := get(t, s.URL()+path+sep(path)+"cursor=bm9wZQ")
		if status != 400 || !strings.Contains(body, "cursor") {
			t.Errorf("%s with a foreign cursor: status %d\n%.300s", path, status, body)
		}
	}
	// The maximum is allowed.
	if status, _, body := get(t, s.URL()+"/api/v1/events?limit=500"); status != 200 {
		t.Errorf("limit=500: status %d\n%.300s", status, body)
	}
}

// TestNextPageLinks follows a page's "next page" link to the end.
func TestNextPageLinks(t *testing.T) {
	db, _ := synthStore(t)
	s := serve(t, db)
	for _, start := range []string{"/entities?type=person&limit=15", "/events?limit=120", "/documents?limit=100"} {
		u, pages := start, 0
		for ; u != ""; pages++ {
			status, _, body := get(t, s.URL()+u)
			if status != 200 {
				t.Fatalf("%s: status %d", u, status)
			}
			u = ""
			if i := strings.Index(body, `class="next" rel="next" href="`); i >= 0 {
				rest := body[i+len(`class="next" rel="next" href="`):]
				u = strings.ReplaceAll(rest[:strings.Index(rest, `"`)], "&amp;", "&")
			}
			if pages > 0 && !strings.Contains(body, "first page") {
				t.Errorf("%s: a later page without a link to the first", u)
			}
		}
		if pages != 3 {
			t.Errorf("%s: %d pages, want 3", start, pages)
		}
	}
}

// TestProfileSummary checks that a profile is a summary: each section
// capped, with the size of the whole list and a link to it.
func TestProfileSummary(t *testing.T) {
	db, c := synthStore(t)
	s := serve(t, db)
	var p Profile
	getJSON(t, s.URL()+"/api/v1/entities/"+c.Big, &p)
	var tl Timeline
	getJSON(t, s.URL()+"/api/v1/events?limit=1&actor="+c.Big, &tl)
	if len(p.Events) != ProfileTop || p.Totals.Events != tl.Total || tl.Total <= ProfileTop {
		t.Errorf("%d events shown, %d in all (timeline: %d), want %d shown", len(p.Events), p.Totals.Events, tl.Total, ProfileTop)
	}
	// The most recent first.
	for i := 1; i < len(p.Events); i++ {
		if a, b := p.Events[i-1].Date, p.Events[i].Date; b != "" && a < b {
			t.Errorf("events not most recent first: %s before %s", a, b)
		}
	}
	if len(p.Sentences) != ProfileTop || p.Totals.Sentences <= ProfileTop {
		t.Errorf("%d sentences shown of %d", len(p.Sentences), p.Totals.Sentences)
	}
	if len(p.Relations) > ProfileTop || len(p.Leaders) > ProfileTop || p.Totals.Leadership <= ProfileTop || p.Totals.Relations <= ProfileTop {
		t.Errorf("%d relations of %d, %d leaders of %d", len(p.Relations), p.Totals.Relations, len(p.Leaders), p.Totals.Leadership)
	}
	if p.Totals.Documents <= ProfileTop || p.Totals.Aliases != 2 || p.Mentions < 300 {
		t.Errorf("totals %+v, %d mentions", p.Totals, p.Mentions)
	}
	// Sources: the documents shown and those the shown sections cite,
	// at most ProfileTop a section.
	if len(p.Sources) > 8*ProfileTop {
		t.Errorf("%d sources", len(p.Sources))
	}
	for _, f := range p.Facts {
		if len(f.Values) > ProfileTop || f.Total < len(f.Values) {
			t.Errorf("fact %s: %d values of %d", f.Name, len(f.Values), f.Total)
		}
	}
	status, _, body := get(t, s.URL()+"/entities/"+c.Big)
	if status != 200 {
		t.Fatalf("profile page: status %d", status)
	}
	for _, want := range []string{
		fmt.Sprintf("all %d events on the timeline", p.Totals.Events), "/events?actor=" + c.Big,
		fmt.Sprintf("all %d sentences", p.Totals.Sentences), "/entities/" + c.Big + "/sentences",
		fmt.Sprintf("all %d documents", p.Totals.Documents), "/entities/" + c.Big + "/documents",
		fmt.Sprintf("all %d relations", p.Totals.Relations), "/entities/" + c.Big + "/relations?kind=other",
		fmt.Sprintf("all %d leadership statements", p.Totals.Leadership),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("profile page lacks %q", want)
		}
	}
	// The lists it links to.
	for _, sec := range []string{"sentences", "documents", "relations?kind=other", "aliases"} {
		if status, _, body := get(t, s.URL()+"/entities/"+c.Big+"/"+sec); status != 200 || !strings.Contains(body, "Group 0") {
			t.Errorf("%s: status %d", sec, status)
		}
	}
	b, _ := json.Marshal(p)
	t.Logf("profile of the group in a third of %d documents: %d bytes of JSON", synthSizes.Documents, len(b))
}

// TestMapAndNetworkBounded checks that the map and the network are
// aggregated on the server: at most limit points and links.
func TestMapAndNetworkBounded(t *testing.T) {
	db, _ := synthStore(t)
	s := serve(t, db)
	var m MapView
	getJSON(t, s.URL()+"/api/v1/map?limit=5", &m)
	if len(m.Points) != 5 || m.EventPlaces != synthSizes.Places || m.Located != synthSizes.Documents || len(m.Places) != 5 ||
		m.PlaceTotal != synthSizes.Places {
		t.Errorf("map: %d points of %d places, %d located, %d place markers of %d", len(m.Points), m.EventPlaces, m.Located, len(m.Places), m.PlaceTotal)
	}
	for i := 1; i < len(m.Points); i++ {
		if m.Points[i].Events > m.Points[i-1].Events {
			t.Errorf("points not busiest first: %d after %d", m.Points[i].Events, m.Points[i-1].Events)
		}
	}
	var n Network
	getJSON(t, s.URL()+"/api/v1/network?limit=10", &n)
	if len(n.Edges) != 10 || n.Total <= 10 || len(n.Nodes) > 20 {
		t.Errorf("network: %d edges of %d, %d nodes", len(n.Edges), n.Total, len(n.Nodes))
	}
	for i := 1; i < len(n.Edges); i++ {
		if n.Edges[i].Claims > n.Edges[i-1].Claims {
			t.Errorf("edges not heaviest first")
		}
	}
	if status, _, body := get(t, s.URL()+"/map?limit=3"); status != 200 || !strings.Contains(body, "the 3 with the most events shown") {
		t.Errorf("map page: status %d", status)
	}
}
