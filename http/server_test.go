package http

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
)

// TestPages fetches every page through the real server and checks that
// it renders what the data holds.
func TestPages(t *testing.T) {
	st, fx := sharedStore(t)
	s := serve(t, st)
	doc := fx.claims[0]
	tests := []struct {
		name, path string
		want       []string
	}{
		{"overview", "/", []string{"Islamic State Khorasan Province", "documents", "armed groups"}},
		{"entities", "/entities", []string{"Taliban", "Also called"}},
		{"entities of a type", "/entities?type=person", []string{"Abdul Rauf Khadem"}},
		{"profile", "/entities/" + fx.isk, []string{"IS-KP", "Key facts", "2015", "2014", "sources disagree",
			"1,500–2,200", "UN report", "rival of", "Where sources disagree", "contested", "What the sources say",
			"Areas of operation", `class="marker area"`}},
		{"timeline", "/events", []string{"2021-08-26", "suicide bombing", "85", "100&#43;", "contested", `class="years"`}},
		{"timeline by actor", "/events?actor=" + fx.isk + "&type=attack&from=2021&to=2021-12", []string{"2021-08-26"}},
		{"timeline filtered out", "/events?from=2022", []string{"No event matches these filters"}},
		{"event", "/events/ev-kabul", []string{"Casualties by source", "85", "100&#43;", "contested", "Suicide bombing at Kabul airport."}},
		{"map", "/map", []string{`class="country"`, `class="marker event contested"`, `class="marker place"`}},
		{"network", "/network", []string{`class="node t-group"`, "rival of"}},
		{"network around one actor", "/network?center=" + fx.taliban, []string{"rival of"}},
		{"documents", "/documents", []string{"resolved", "Published", "boilerplate blocks dropped"}},
		{"reader", fmt.Sprintf("/documents/%s?hl=%d-%d", doc.Document, doc.Start, doc.End), []string{`id="hl"`, `class="m m-group`, "cited by event ev-kabul"}},
		{"search", "/search?q=khorasan", []string{"Islamic State Khorasan Province", "<mark>", "hits-documents"}},
		{"search nothing", "/search?q=zzzzqqq", []string{"No entity has a name with these words."}},
		{"upload read-only", "/upload", []string{"This workbench is read-only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := get(t, s.URL()+tt.path)
			if status != 200 {
				t.Fatalf("status %d\n%s", status, body)
			}
			if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

// TestEmptySections checks that a store without facts says so instead of
// showing empty tables.
func TestEmptySections(t *testing.T) {
	st := newCorpusDB(t, nil)
	// As if extraction found nothing.
	if err := st.ReplaceFacts(context.Background(), &dossier.Facts{}); err != nil {
		t.Fatal(err)
	}
	s := serve(t, st)
	isk := find(t, st, "IS-K")
	for path, want := range map[string][]string{
		"/entities/" + isk.ID: {"No events extracted yet", "No relations extracted yet", "No attributes extracted yet"},
		"/events":             {"No events extracted yet"},
		"/network":            {"No relations extracted yet"},
		"/map":                {"No events extracted yet"},
	} {
		_, _, body := get(t, s.URL()+path)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
}

// TestErrors checks that errors become the right statuses, as pages for
// people and as JSON for the API.
func TestErrors(t *testing.T) {
	st, fx := sharedStore(t)
	s := serve(t, st)
	tests := []struct {
		name, path string
		status     int
		want       string
	}{
		{"unknown entity", "/entities/nobody", 404, "no entity nobody"},
		{"unknown entity api", "/api/v1/entities/nobody", 404, `"message": "no entity nobody"`},
		{"unknown event", "/events/nothing", 404, "no event nothing"},
		{"unknown document", "/documents/" + strings.Repeat("0", 64), 404, "no document"},
		{"bad highlight", "/documents/" + fx.docs[0] + "?hl=x", 400, "is not a span"},
		{"bad date", "/api/v1/events?from=yesterday", 400, "is not YYYY"},
		{"bad format", "/api/v1/entities?format=xml", 400, `unknown format \"xml\"`},
		{"bad entity type", "/entities?type=robot", 400, "unknown entity type"},
		{"unknown api route", "/api/v1/nothing", 404, `"status": 404`},
		{"unknown page", "/nothing/here", 404, "no page at /nothing/here"},
		{"wrong method", "/api/v1/entities", 405, ""},
		{"write on read-only", "/api/v1/documents", 403, "read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var status int
			var body string
			switch tt.status {
			case 405:
				resp, err := http.Post(s.URL()+tt.path, "text/plain", nil)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				status = resp.StatusCode
			case 403:
				resp, err := http.Post(s.URL()+tt.path+"?name=a.txt", "text/plain", strings.NewReader("text"))
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				b.ReadFrom(resp.Body)
				resp.Body.Close()
				status, body = resp.StatusCode, b.String()
			default:
				status, _, body = get(t, s.URL()+tt.path)
			}
			if status != tt.status {
				t.Errorf("status %d, want %d\n%s", status, tt.status, body)
			}
			if !strings.Contains(body, tt.want) {
				t.Errorf("body lacks %q:\n%s", tt.want, body)
			}
		})
	}
}

// TestSecurity checks headers, the Host check and that only embedded
// assets are served.
func TestSecurity(t *testing.T) {
	st, _ := sharedStore(t)
	s := serve(t, st)
	for _, path := range []string{"/", "/api/v1/overview", "/assets/style.css", "/nothing"} {
		_, h, _ := get(t, s.URL()+path)
		if got := h.Get("Content-Security-Policy"); got != CSP {
			t.Errorf("%s: CSP %q", path, got)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	if !strings.Contains(CSP, "script-src 'self'") || strings.Contains(CSP, "unsafe-inline") {
		t.Errorf("CSP allows inline script: %s", CSP)
	}

	// Paths that try to leave the assets: none may answer with a file
	// from outside them.
	for _, path := range []string{"/assets/../server.go", "/assets/%2e%2e/server.go", "/assets/..%2fserver.go",
		"/assets/%2e%2e%2f%2e%2e%2fgo.mod", "/assets//etc/passwd", "/assets/../templates/layout.html"} {
		req, _ := http.NewRequest("GET", s.URL()+path, nil)
		req.URL.Opaque = path // send the path as written, unnormalised
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		resp.Body.Close()
		if body := b.String(); strings.Contains(body, "package http") || strings.Contains(body, "module ") ||
			strings.Contains(body, "root:") || strings.Contains(body, "{{define") {
			t.Errorf("%s: served a file outside the assets (status %d)", path, resp.StatusCode)
		}
	}
	if status, _, body := get(t, s.URL()+"/assets/app.js"); status != 200 || !strings.Contains(body, "sortable") {
		t.Errorf("app.js: status %d", status)
	}

	// DNS rebinding: a foreign Host is refused on a loopback server.
	req, _ := http.NewRequest("GET", s.URL()+"/", nil)
	req.Host = "attacker.example:80"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: status %d, want 421", resp.StatusCode)
	}
	for _, host := range []string{"localhost", "127.0.0.1:9", "[::1]:80"} {
		if !s.hostAllowed(host) {
			t.Errorf("Host %q refused", host)
		}
	}
}

// TestAPIProfile checks the profile JSON and follows a fact's citation to
// the reader, where the highlighted span is the quoted sentence.
func TestAPIProfile(t *testing.T) {
	st, fx := sharedStore(t)
	s := serve(t, st)
	var p Profile
	getJSON(t, s.URL()+"/api/v1/entities/"+fx.isk, &p)
	if p.Name != "Islamic State Khorasan Province" || p.Type != dossier.Group {
		t.Errorf("profile of %q (%s)", p.Name, p.Type)
	}
	var names []string
	for _, a := range p.Aliases {
		names = append(names, a.Name)
	}
	for _, want := range []string{"IS-K", "ISIS-K", "IS-KP"} {
		if !contains(names, want) {
			t.Errorf("aliases %v lack %q", names, want)
		}
	}
	if len(p.Events) != 1 || !p.Events[0].Killed.Contested || len(p.Events[0].Killed.Figures) != 2 {
		t.Fatalf("events %+v", p.Events)
	}
	if len(p.Disputes) != 2 {
		t.Errorf("disagreements %+v, want founded and killed", p.Disputes)
	}
	if len(p.Facts) != 1 || p.Facts[0].Name != "founded" || !p.Facts[0].Contested {
		t.Errorf("facts %+v", p.Facts)
	}
	if len(p.Sizes) != 1 || p.Sizes[0].Text != "1,500–2,200" {
		t.Errorf("sizes %+v", p.Sizes)
	}
	if len(p.Relations) != 1 || p.Relations[0].Other.ID != fx.taliban || p.Relations[0].Label != "rival of" {
		t.Errorf("relations %+v", p.Relations)
	}
	if len(p.Areas) != 1 || p.Areas[0].ID != fx.kabul || !p.Areas[0].Located {
		t.Errorf("areas %+v", p.Areas)
	}
	// A summary: the top sentences, and how many there are in all.
	if len(p.Sentences) != ProfileTop || p.Totals.Sentences < 50 {
		t.Errorf("%d sentences shown of %d, want %d of at least 50", len(p.Sentences), p.Totals.Sentences, ProfileTop)
	}

	// Follow the citation of the first source's figure.
	cite := p.Events[0].Killed.Figures[0].Cite
	if cite == nil {
		t.Fatal("figure without a citation")
	}
	u, err := url.Parse(cite.Link)
	if err != nil {
		t.Fatal(err)
	}
	var rd Reader
	getJSON(t, s.URL()+"/api/v1"+u.Path+"?"+u.RawQuery, &rd)
	if rd.Highlight == nil || rd.Highlight.Start != cite.Start || rd.Highlight.End != cite.End {
		t.Fatalf("highlight %+v, want [%d,%d)", rd.Highlight, cite.Start, cite.End)
	}
	if got := string([]rune(rd.Text)[cite.Start:cite.End]); got != cite.Quote {
		t.Errorf("text at the cited span is %q, quote is %q", got, cite.Quote)
	}
	var cited bool
	for _, c := range rd.Claims {
		if c.ID == cite.Claim && contains(c.CitedBy, "event ev-kabul") {
			cited = true
		}
	}
	if !cited {
		t.Errorf("reader does not say that claim %s is cited by the event", cite.Claim)
	}
	for _, m := range rd.Mentions {
		if got := string([]rune(rd.Text)[m.Start:m.End]); got != m.Text {
			t.Errorf("mention %q at [%d,%d) is %q in the text", m.Text, m.Start, m.End, got)
		}
	}
}

// TestAPI checks the other API answers and downloads.
func TestAPI(t *testing.T) {
	st, fx := sharedStore(t)
	s := serve(t, st)

	var tl Timeline
	getJSON(t, s.URL()+"/api/v1/events?actor="+fx.isk, &tl)
	if len(tl.Events) != 1 || tl.Events[0].Place == nil || tl.Events[0].Place.ID != fx.kabul || !tl.Events[0].Located {
		t.Errorf("timeline %+v", tl.Events)
	}
	var ev EventPage
	getJSON(t, s.URL()+"/api/v1/events/ev-kabul", &ev)
	if len(ev.Counts) != 3 || len(ev.Sources) != 2 || len(ev.Claims) != 2 {
		t.Errorf("event counts %d, sources %d, claims %d", len(ev.Counts), len(ev.Sources), len(ev.Claims))
	}
	var sr SearchResults
	getJSON(t, s.URL()+"/api/v1/search?q=Islamic+State+Khorasan", &sr)
	if len(sr.Entities) == 0 || sr.Entities[0].ID != fx.isk || len(sr.Documents) == 0 {
		t.Errorf("search %+v", sr)
	}
	if strings.ContainsAny(sr.Documents[0].Snippet, "\x02\x03") {
		t.Errorf("snippet keeps the match markers: %q", sr.Documents[0].Snippet)
	}
	var net Network
	getJSON(t, s.URL()+"/api/v1/network", &net)
	if len(net.Nodes) != 2 || len(net.Edges) != 1 {
		t.Errorf("network %+v", net)
	}
	var docs struct{ Documents []DocRow }
	getJSON(t, s.URL()+"/api/v1/documents", &docs)
	if len(docs.Documents) != 5 || docs.Documents[0].Status != "resolved" || docs.Documents[2].Outlet != "Political Violence At A Glance" {
		t.Errorf("documents %+v", docs.Documents)
	}
	var ov Overview
	getJSON(t, s.URL()+"/api/v1/overview", &ov)
	if ov.Documents != 5 || ov.Events != 1 || ov.Relations != 1 || ov.Entities["group"] == 0 {
		t.Errorf("overview %+v", ov)
	}
	var geo struct {
		Type     string
		Features []struct {
			Geometry struct{ Coordinates []float64 }
		}
	}
	getJSON(t, s.URL()+"/api/v1/map?format=geojson", &geo)
	if geo.Type != "FeatureCollection" || len(geo.Features) != 2 || geo.Features[0].Geometry.Coordinates[0] != 69.2075 {
		t.Errorf("geojson %+v", geo)
	}

	for path, want := range map[string]string{
		"/api/v1/events?format=csv":         "ev-kabul,2021-08-26,attack,suicide bombing,Kabul,34.55530,69.20750",
		"/api/v1/entities?format=csv":       "id,type,name,aliases,mentions,documents",
		"/api/v1/documents?format=csv":      "resolved",
		"/api/v1/search?q=kabul&format=csv": "entity," + fx.kabul,
	} {
		status, h, body := get(t, s.URL()+path)
		if status != 200 || h.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: status %d, headers %v", path, status, h)
		}
		if !strings.Contains(body, want) {
			t.Errorf("%s lacks %q:\n%s", path, want, body)
		}
	}
}

// TestOpenAPICoversRoutes keeps openapi.json and the routes in step.
func TestOpenAPICoversRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	routes := map[string]bool{}
	for _, r := range (&Server{}).apiRoutes() {
		method, path, _ := strings.Cut(r.pattern, " ")
		key := strings.ToLower(method) + " " + path
		routes[key] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("openapi.json does not document %s", r.pattern)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !routes[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which is no route", method, path)
			}
		}
	}
	// Every documented reference (schema or parameter) resolves.
	var all map[string]any
	json.Unmarshal(openAPIDoc, &all)
	components := all["components"].(map[string]any)
	for _, ref := range refs(all) {
		kind, name, _ := strings.Cut(strings.TrimPrefix(ref, "#/components/"), "/")
		if c, ok := components[kind].(map[string]any); !ok || c[name] == nil {
			t.Errorf("dangling $ref %s", ref)
		}
	}
}

func refs(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && k == "$ref" {
				out = append(out, s)
			}
			out = append(out, refs(e)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, refs(e)...)
		}
	}
	return out
}

// TestWrite checks that uploads need writes enabled, the token and the
// same origin, and that an accepted upload is ingested.
func TestWrite(t *testing.T) {
	st := newCorpusDB(t, nil)
	const token = "0123456789abcdef-test"
	s := serve(t, st, func(s *Server) {
		s.AllowWrite, s.Token, s.Ingest = true, token, testIngester(t, st)
	})
	article := "Fighters of Islamic State Khorasan attacked a checkpoint in Jalalabad on Tuesday.\n"
	post := func(auth string, header map[string]string, name string) (int, string) {
		req, _ := http.NewRequest("POST", s.URL()+"/api/v1/documents?name="+url.QueryEscape(name), strings.NewReader(article))
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	tests := []struct {
		name   string
		auth   string
		header map[string]string
		file   string
		status int
		want   string
	}{
		{"no token", "", nil, "a.txt", 401, "missing or wrong token"},
		{"wrong token", "0123456789abcdef-nope", nil, "a.txt", 401, "missing or wrong token"},
		{"cross-site browser request", token, map[string]string{"Sec-Fetch-Site": "cross-site"}, "a.txt", 403, ""},
		{"foreign origin", token, map[string]string{"Origin": "https://attacker.example"}, "a.txt", 403, ""},
		{"unreadable kind", token, nil, "a.exe", 400, "give a .txt"},
		{"accepted", token, nil, "../../etc/new.txt", 200, "new.txt: 1 added, 0 unchanged"},
		{"same bytes again", token, map[string]string{"Sec-Fetch-Site": "same-origin"}, "again.txt", 200, "0 added, 1 unchanged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := post(tt.auth, tt.header, tt.file)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want %d; body %s", status, tt.status, body)
			}
		})
	}
	var docs struct{ Documents []DocRow }
	getJSON(t, s.URL()+"/api/v1/documents", &docs)
	if n := len(docs.Documents); n != 6 {
		t.Errorf("%d documents after the upload, want 6", n)
	}
	if _, _, body := get(t, s.URL()+"/upload"); !strings.Contains(body, `name="token"`) {
		t.Errorf("upload page has no form when writes are allowed")
	}
}

// testIngester runs the real pipeline on an upload, as cmd/dossier does.
func testIngester(t *testing.T, st dossier.Store) Ingester {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(ctx context.Context, name string, data []byte) (string, error) {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return "", err
		}
		p := &ingest.Pipeline{Store: st, Lexicon: lex, Reader: ner.New(lex)}
		sum, err := p.Ingest(ctx, []string{path})
		if err != nil {
			return "", err
		}
		if sum.Added > 0 {
			if err := p.Resolve(ctx); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("%s: %d added, %d unchanged", name, sum.Added, sum.Unchanged), nil
	}
}

// hostile is an article whose text tries everything: script, event
// handlers, javascript: links, markup in the title line, bidirectional
// overrides and zero-width characters. A dump of a web page keeps such
// text literally, so the store holds it as text.
const hostile = "Hostile <script>document.title='PWNED';window.__pwned=1</script> report on IS-K\n\n" +
	"Islamic State Khorasan claimed an attack in Kabul. <img src=x onerror=\"window.__pwned=2\"> " +
	"Read more at <a href=\"javascript:window.__pwned=3\">this link</a> or javascript:window.__pwned=4 .\n\n" +
	"The file was named \u202egnp.exe and the spokesman\u200b said <svg onload=\"window.__pwned=5\"></svg> nothing. " +
	"\"><iframe src=\"javascript:window.__pwned=6\"></iframe> <style>body{display:none}</style>\n"

// TestHostileArticle checks, at the HTML level, that a hostile article's
// markup reaches pages only as escaped text. The browser test proves that
// nothing runs.
func TestHostileArticle(t *testing.T) {
	st := newCorpusDB(t, map[string]string{"hostile.txt": hostile})
	s := serve(t, st)
	var id string
	docs, _ := st.Documents(context.Background())
	for _, d := range docs {
		if strings.HasSuffix(d.Source, "hostile.txt") {
			id = d.ID
		}
	}
	if id == "" {
		t.Fatal("hostile article not stored")
	}
	pages := []string{"/documents/" + id, "/documents", "/search?q=pwned", "/search?q=" + url.QueryEscape("<script>"), "/"}
	isk := find(t, st, "IS-K")
	pages = append(pages, "/entities/"+isk.ID)
	for _, path := range pages {
		status, _, body := get(t, s.URL()+path)
		if status != 200 {
			t.Fatalf("%s: status %d", path, status)
		}
		for _, bad := range []string{"<script>document", "<img src=x", "<svg onload", "<iframe", `href="javascript:`, "<style>body", "\u202e"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q unescaped", path, bad)
			}
		}
	}
	_, _, body := get(t, s.URL()+"/documents/"+id)
	for _, want := range []string{"&lt;script&gt;", "&lt;img src=x onerror=", "⟨RLO⟩gnp.exe"} {
		if !strings.Contains(body, want) {
			t.Errorf("reader lacks %q: the payload should show as text", want)
		}
	}
}

func TestPieces(t *testing.T) {
	text := []rune("IS-K hit Kabul. Then left.")
	isk := &Ref{ID: "isk", Name: "IS-K", Type: dossier.Group}
	tests := []struct {
		name string
		ms   []ReaderMention
		cs   []ReaderClaim
		hl   *dossier.Span
		want []string // text|class|id of each piece
	}{
		{"plain", nil, nil, nil, []string{"IS-K hit Kabul. Then left.||"}},
		{"mention in highlighted claim", []ReaderMention{{Start: 0, End: 4, Type: dossier.Group, Entity: isk}},
			[]ReaderClaim{{ID: "c", Start: 0, End: 15, CitedBy: []string{"event e"}}}, &dossier.Span{Start: 0, End: 15},
			[]string{"IS-K|m m-group c cf hl|hl", " hit Kabul.|c cf hl|", " Then left.||"}},
		{"claim boundary inside a mention", []ReaderMention{{Start: 9, End: 14, Type: dossier.Place}},
			[]ReaderClaim{{ID: "c", Start: 0, End: 12}}, nil,
			[]string{"IS-K hit |c|", "Kab|m m-place c|", "ul|m m-place|", ". Then left.||"}},
		{"overlapping mentions: the first wins", []ReaderMention{{Start: 0, End: 8, Type: dossier.Group}, {Start: 5, End: 14, Type: dossier.Place}},
			nil, nil, []string{"IS-K |m m-group|", "hit|m m-group|", " Kabul|m m-place|", ". Then left.||"}},
		{"spans past the end are clipped", []ReaderMention{{Start: 20, End: 99, Type: dossier.Place}}, nil, &dossier.Span{Start: 90, End: 95},
			[]string{"||hl", "IS-K hit Kabul. Then||", " left.|m m-place|"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range pieces(text, tt.ms, tt.cs, tt.hl) {
				got = append(got, p.Text+"|"+p.Class+"|"+p.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("pieces\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestContested(t *testing.T) {
	n := func(v int) *int { return &v }
	q := func(min int, max *int) dossier.Quantity { return dossier.Quantity{Min: min, Max: max} }
	tests := []struct {
		name string
		qs   []dossier.Quantity
		want bool
	}{
		{"none", nil, false},
		{"one source", []dossier.Quantity{q(85, n(85))}, false},
		{"same exact figure", []dossier.Quantity{q(85, n(85)), q(85, n(85))}, false},
		{"same lower bound", []dossier.Quantity{q(100, nil), q(100, nil)}, false},
		{"exact against lower bound", []dossier.Quantity{q(85, n(85)), q(100, nil)}, true},
		{"same min, open against closed: both can be true", []dossier.Quantity{q(100, n(100)), q(100, nil)}, false},
		{"overlapping ranges", []dossier.Quantity{q(1500, n(2200)), q(1500, n(2000))}, false},
		{"disjoint ranges", []dossier.Quantity{q(1500, n(2200)), q(3000, n(4000))}, true},
		{"lower bounds never contradict", []dossier.Quantity{q(100, nil), q(183, nil)}, false},
		{"third source differs", []dossier.Quantity{q(13, n(13)), q(13, n(13)), q(170, nil)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Contested(tt.qs); got != tt.want {
				t.Errorf("Contested = %v, want %v", got, tt.want)
			}
		})
	}
	if Disagree([]string{"2015", "2015"}) || !Disagree([]string{"2015", "2014"}) || Disagree(nil) {
		t.Error("Disagree")
	}
}

func TestFigureText(t *testing.T) {
	n := func(v int) *int { return &v }
	for _, tt := range []struct {
		min  int
		max  *int
		want string
	}{{85, n(85), "85"}, {100, nil, "100+"}, {1500, n(2200), "1,500–2,200"}, {1234567, n(1234567), "1,234,567"}, {0, n(0), "0"}} {
		if got := figureText(tt.min, tt.max); got != tt.want {
			t.Errorf("figureText(%d, %v) = %q, want %q", tt.min, tt.max, got, tt.want)
		}
	}
}

func TestWriteCSVDefusesFormulas(t *testing.T) {
	rec := &recorder{h: http.Header{}}
	writeCSV(rec, "x.csv", []string{"a", "b"}, [][]string{{"=HYPERLINK(\"http://x\")", "+1"}, {"-2", "plain"}})
	want := "a,b\n\"'=HYPERLINK(\"\"http://x\"\")\",'+1\n'-2,plain\n"
	if got := rec.b.String(); got != want {
		t.Errorf("csv\n got %q\nwant %q", got, want)
	}
}

type recorder struct {
	h http.Header
	b bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) Write(p []byte) (int, error) { return r.b.Write(p) }
func (r *recorder) WriteHeader(int)             {}

func TestBasemap(t *testing.T) {
	cs, err := basemap()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 200 {
		t.Fatalf("%d countries", len(cs))
	}
	var af *country
	for i := range cs {
		if cs[i].Name == "Afghanistan" {
			af = &cs[i]
		}
	}
	if af == nil || af.W < 60 || af.E > 75.5 || af.S < 29 || af.N > 39 {
		t.Fatalf("Afghanistan's box is wrong: %+v", af)
	}
	p := newProjection(69.2, 34.5, 69.2, 34.5, 400, 300, 14)
	x, y := p.xy(69.2, 34.5)
	if math.Abs(x-200) > 1 || math.Abs(y-150) > 1 {
		t.Errorf("Kabul projects to %.0f,%.0f in a %.0fx%.0f view", x, y, p.Width, p.Height)
	}
	paths := p.paths(cs)
	names := map[string]bool{}
	for _, c := range paths {
		names[c.Name] = true
	}
	if !names["Afghanistan"] || !names["Pakistan"] || names["Brazil"] {
		t.Errorf("countries in a view of Kabul: %v", names)
	}
}

func getJSON(t testing.TB, u string, v any) {
	t.Helper()
	status, h, body := get(t, u)
	if status != 200 {
		t.Fatalf("GET %s: status %d\n%s", u, status, body)
	}
	if h.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", u, h.Get("Content-Type"))
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestIngestStatus(t *testing.T) {
	tests := []struct {
		s    dossier.DocumentStats
		want string
	}{
		{dossier.DocumentStats{}, "no text"},
		{dossier.DocumentStats{Chars: 10}, "read, no mentions found"},
		{dossier.DocumentStats{Chars: 10, Mentions: 3, Unresolved: 3}, "awaiting resolution"},
		{dossier.DocumentStats{Chars: 10, Mentions: 3, Unresolved: 1}, "resolved"},
		{dossier.DocumentStats{Chars: 10, Mentions: 3}, "resolved"},
	}
	for _, tt := range tests {
		if got := ingestStatus(tt.s); got != tt.want {
			t.Errorf("ingestStatus(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
