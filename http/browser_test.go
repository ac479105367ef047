package http

// End-to-end tests in a real browser: Debian's Chromium, headless, driven
// by chromedp over the DevTools protocol. They follow what an analyst does
// (open the IS-K profile, follow a fact to its sentence, search, open the
// map and the timeline), take screenshots and check them, and prove that a
// hostile article runs nothing.
//
// Without /usr/bin/chromium the tests skip, unless DOSSIER_REQUIRE_BROWSER
// is set (as .ci/run does), when they fail. Screenshots go to
// $DOSSIER_SCREENSHOTS, else to a temporary folder.

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const chromium = "/usr/bin/chromium"

// browser starts headless Chromium and returns a context for chromedp.Run.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("DOSSIER_REQUIRE_BROWSER") != "" {
			t.Fatalf("DOSSIER_REQUIRE_BROWSER is set but %s is missing: apt-get install chromium", chromium)
		}
		t.Skipf("%s not installed (apt-get install chromium); set DOSSIER_REQUIRE_BROWSER=1 to make this a failure", chromium)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "en-GB"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", chromium, err)
	}
	return ctx
}

func screenshotDir(t *testing.T) string {
	if d := os.Getenv("DOSSIER_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// shot takes a screenshot of the viewport, saves it and checks that it is
// not blank: a page that failed to render or lost its styles is mostly
// one colour.
func shot(t *testing.T, ctx context.Context, dir, name string) image.Image {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	b := img.Bounds()
	if b.Dx() < 1000 || b.Dy() < 700 {
		t.Errorf("screenshot %s is %dx%d", name, b.Dx(), b.Dy())
	}
	colours := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}]++
		}
	}
	total, top := 0, 0
	for _, n := range colours {
		total += n
		top = max(top, n)
	}
	if len(colours) < 50 || top > total*97/100 {
		t.Errorf("screenshot %s looks blank: %d colours, the commonest covers %d%%", name, len(colours), 100*top/total)
	}
	// The top bar is dark: the stylesheet loaded.
	if r, g, bl, _ := img.At(b.Dx()/2, 10).RGBA(); r>>8 > 60 || g>>8 > 60 || bl>>8 > 70 {
		t.Errorf("screenshot %s: the top bar is not drawn (pixel %d,%d,%d)", name, r>>8, g>>8, bl>>8)
	}
	t.Logf("screenshot %s", path)
	return img
}

// countColour counts pixels close to c.
func countColour(img image.Image, c color.RGBA, tol int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if abs(int(r>>8)-int(c.R)) <= tol && abs(int(g>>8)-int(c.G)) <= tol && abs(int(bl>>8)-int(c.B)) <= tol {
				n++
			}
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestBrowserWorkbench walks through the workbench as an analyst would.
func TestBrowserWorkbench(t *testing.T) {
	ctx := browser(t)
	st, fx := sharedStore(t)
	s := serve(t, st)
	dir := screenshotDir(t)
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	attr := func(sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil {
			t.Fatalf("%s of %s: %v", name, sel, err)
		}
		return v.Value
	}
	count := func(sel string) int {
		t.Helper()
		return eval[int](t, ctx, `document.querySelectorAll(`+jsString(sel)+`).length`)
	}

	// The overview links to the IS-K profile.
	do("open the overview and the IS-K profile",
		chromedp.Navigate(s.URL()+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.stats`)),
		chromedp.Click(chromedp.CSS(`a.ref[href="/entities/`+fx.isk+`"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`#sentences`)),
	)
	if title := text(`h1`); !strings.HasPrefix(title, "Islamic State Khorasan Province") {
		t.Errorf("profile title %q", title)
	}
	aliases := text(`#names`)
	for _, a := range []string{"IS-K", "ISIS-K", "IS-KP", "Islamic State of Khorasan Province"} {
		if !strings.Contains(aliases, a) {
			t.Errorf("names lack %q", a)
		}
	}
	if attr(`html`, "data-js") != "ready" {
		t.Error("app.js did not run: the page's own script must load under the CSP")
	}
	shot(t, ctx, dir, "1-profile")

	// Follow the first source's death toll to its sentence.
	quote := attr(`#events a.cite`, "title")
	do("follow the citation", chromedp.Click(chromedp.CSS(`#events a.cite`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`#hl`)))
	loc := eval[string](t, ctx, `location.href`)
	inView := eval[bool](t, ctx, `(() => { const r = document.getElementById("hl").getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; })()`)
	hlText := eval[string](t, ctx, `Array.from(document.querySelectorAll("article .hl")).map(e => e.textContent).join("")`)
	if !strings.Contains(loc, "/documents/") || !strings.HasSuffix(loc, "#hl") {
		t.Errorf("citation led to %s", loc)
	}
	if !inView {
		t.Error("the highlighted sentence is not in the viewport")
	}
	// The link's title is "Label: “quote”"; the highlight is that quote.
	if _, q, ok := strings.Cut(quote, ": “"); !ok || strings.TrimSuffix(q, "”") != hlText {
		t.Errorf("highlighted %q, cited %q", hlText, quote)
	}
	img := shot(t, ctx, dir, "2-reader-highlight")
	if n := countColour(img, color.RGBA{0xff, 0xf0, 0x9a, 255}, 6); n < 2000 {
		t.Errorf("reader screenshot: only %d pixels of highlight colour", n)
	}

	// Search from the top bar.
	do("search",
		chromedp.Navigate(s.URL()+"/"),
		chromedp.SendKeys(chromedp.CSS(`input[type=search]`), "Khorasan"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#hits-documents`)),
	)
	if hits := text(`#hits-entities`); !strings.Contains(hits, "Islamic State Khorasan Province") {
		t.Errorf("entity hits: %s", hits)
	}
	if count(`#hits-documents mark`) == 0 {
		t.Error("no match is marked in the document snippets")
	}
	shot(t, ctx, dir, "3-search")
	do("open a document hit", chromedp.Click(chromedp.CSS(`#hits-documents a`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`#hl`)))

	// The map: country outlines and an event marker, sized and linked.
	do("open the map", chromedp.Navigate(s.URL()+"/map"), chromedp.WaitVisible(chromedp.CSS(`svg.map`)))
	countries, events, places := count(`svg.map path.country`), count(`svg.map circle.marker.event`), count(`svg.map circle.marker.place`)
	if countries < 5 || events != 1 || places != 1 {
		t.Errorf("map has %d countries, %d event markers, %d place markers", countries, events, places)
	}
	img = shot(t, ctx, dir, "4-map")
	// Land and sea both show: the basemap was drawn, and the view is a
	// region, not a blank close-up.
	if land, sea := countColour(img, color.RGBA{0xfb, 0xfb, 0xf8, 255}, 2), countColour(img, color.RGBA{0xee, 0xf3, 0xf7, 255}, 2); land < 50000 || sea < 2000 {
		t.Errorf("map screenshot: %d land and %d sea pixels", land, sea)
	}
	// The event marker is drawn in its red.
	if n := countColour(img, color.RGBA{0xdd, 0x99, 0x95, 255}, 30); n < 200 {
		t.Errorf("map screenshot: %d pixels of the event marker", n)
	}
	do("follow the marker", chromedp.Click(chromedp.CSS(`svg.map a[href="/events/ev-kabul"] circle`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`table.figures`)))
	shot(t, ctx, dir, "5-event")

	// The timeline, filtered by actor and type with the form.
	do("filter the timeline",
		chromedp.Navigate(s.URL()+"/events"),
		chromedp.WaitVisible(chromedp.CSS(`form.filters`)),
		chromedp.SetValue(chromedp.CSS(`select[name=actor]`), fx.isk),
		chromedp.SetValue(chromedp.CSS(`select[name=type]`), "attack"),
		chromedp.Click(chromedp.CSS(`form.filters button`)),
	)
	// The unfiltered page has the same table: wait for the new address.
	waitFor(t, ctx, `location.search.includes("actor=") && document.readyState === "complete"`)
	do("wait for the filtered table", chromedp.WaitVisible(chromedp.CSS(`table.events`)))
	loc = eval[string](t, ctx, `location.href`)
	if rows := count(`table.events tbody tr`); rows != 1 || !strings.Contains(loc, "actor="+url.QueryEscape(fx.isk)) {
		t.Errorf("timeline: %d rows at %s", rows, loc)
	}
	shot(t, ctx, dir, "6-timeline")

	do("open the network", chromedp.Navigate(s.URL()+"/network"), chromedp.WaitVisible(chromedp.CSS(`svg.network`)))
	if nodes := count(`svg.network .node`); nodes != 2 {
		t.Errorf("network has %d nodes", nodes)
	}
	shot(t, ctx, dir, "7-network")

	// The sorting script is attached when the page has loaded: click after
	// that, then wait for the script to mark the column (on a loaded
	// machine it may take a moment).
	do("open the documents", chromedp.Navigate(s.URL()+"/documents"), chromedp.WaitVisible(chromedp.CSS(`table.docs`)))
	waitFor(t, ctx, `document.readyState === "complete"`)
	do("sort them", chromedp.Click(chromedp.CSS(`table.docs thead th:nth-child(5)`)))
	waitFor(t, ctx, `document.querySelector("table.docs thead th:nth-child(5)").className.includes("asc")`)
	shot(t, ctx, dir, "8-documents")
}

// waitFor polls a JavaScript condition until it holds, for ten seconds
// at most.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", cond)
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBrowserHostileArticle ingests an article full of script and markup
// and proves, in the browser, that none of it ran and all of it shows as
// text.
func TestBrowserHostileArticle(t *testing.T) {
	ctx := browser(t)
	st := newCorpusDB(t, map[string]string{"hostile.txt": hostile})
	s := serve(t, st)
	dir := screenshotDir(t)
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, d := range docs {
		if strings.HasSuffix(d.Source, "hostile.txt") {
			id = d.ID
		}
	}
	// Every page that shows the article's text, title or a snippet of it.
	pages := []string{"/documents/" + id, "/documents", "/search?q=pwned+window", "/search?q=" + url.QueryEscape(`<img src=x onerror="window.__pwned=2">`), "/"}
	isk := find(t, st, "IS-K")
	pages = append(pages, "/entities/"+isk.ID)
	for _, p := range pages {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(s.URL()+p),
			chromedp.WaitReady(chromedp.CSS(`footer`)),
			// Give any payload a chance: timers, image errors, loads.
			chromedp.Sleep(300*time.Millisecond),
		); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		pwned := eval[string](t, ctx, `String(window.__pwned)`)
		title := eval[string](t, ctx, `document.title`)
		injected := eval[int](t, ctx, `document.querySelectorAll("main script, main img, main iframe, main style, main [onerror], main [onload], main a[href^='javascript:']").length`)
		if pwned != "undefined" || title == "PWNED" {
			t.Errorf("%s: the article's script ran (window.__pwned = %s, title %q)", p, pwned, title)
		}
		if injected != 0 {
			t.Errorf("%s: %d elements from the article became markup", p, injected)
		}
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"/documents/"+id), chromedp.WaitVisible(chromedp.CSS(`article.text`))); err != nil {
		t.Fatal(err)
	}
	text := eval[string](t, ctx, `document.querySelector("article.text").innerText`)
	for _, want := range []string{"<script>document.title='PWNED';window.__pwned=1</script>", `<img src=x onerror="window.__pwned=2">`,
		`<a href="javascript:window.__pwned=3">this link</a>`, "⟨RLO⟩gnp.exe", "<style>body{display:none}</style>"} {
		if !strings.Contains(text, want) {
			t.Errorf("the reader does not show %q as text", want)
		}
	}
	if eval[bool](t, ctx, `document.body.innerText.includes("\u202e")`) {
		t.Error("a right-to-left override reached the page as a control character")
	}
	shot(t, ctx, dir, "9-hostile")
}
