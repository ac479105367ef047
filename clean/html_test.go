package clean

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/dossier-osint/dossier"
)

const aebDir = "../../shared/data/aeb"

// article is a small but complete news page: enough text for the
// extractor to take it as an article.
const htmlArticle = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kabul airport attack | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-08-27T10:00:00Z">
<link rel="canonical" href="https://news.example.com/kabul-airport">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Kabul airport attack</h1>
<p>Two explosions ripped through crowds waiting outside Kabul airport on Thursday, killing dozens of people including thirteen American soldiers, officials said.</p>
<p>Islamic State-Khorasan claimed responsibility for the attack in a statement released through its news agency, calling the victims spies and collaborators.</p>
%s
<p>The Taliban condemned the bombing and said the attack happened in an area controlled by foreign forces, not by its own fighters.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>`

func htmlPage(extra string) []byte { return []byte(strings.Replace(htmlArticle, "%s", extra, 1)) }

func TestHTML(t *testing.T) {
	raw := htmlPage("")
	doc := &dossier.Document{Format: "html", Raw: raw}
	if err := Document(doc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Two explosions ripped through crowds waiting outside Kabul airport",
		"Islamic State-Khorasan claimed responsibility",
		"not by its own fighters.",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	if strings.Contains(doc.Text, "Home World") {
		t.Errorf("navigation kept:\n%s", doc.Text)
	}
	if doc.Outlet != "Example News" || doc.Published != "2021-08-27" || doc.URL != "https://news.example.com/kabul-airport" {
		t.Errorf("metadata: outlet %q published %q url %q", doc.Outlet, doc.Published, doc.URL)
	}
	if len(doc.Authors) != 1 || doc.Authors[0] != "Jane Doe" {
		t.Errorf("authors %q", doc.Authors)
	}
	if !strings.Contains(doc.Title, "Kabul airport attack") {
		t.Errorf("title %q", doc.Title)
	}
	checkHTMLSegments(t, raw, Result{Text: doc.Text, Segments: doc.Segments})
	for _, s := range doc.Segments {
		if s.RawStart < 0 {
			t.Errorf("paragraph %q not located in the raw page", string([]rune(doc.Text)[s.Start:s.End]))
		}
	}
}

// checkHTMLSegments asserts the segment contract for inexact segments.
func checkHTMLSegments(t testing.TB, raw []byte, res Result) {
	t.Helper()
	n := len([]rune(res.Text))
	pos := 0
	for i, s := range res.Segments {
		if s.Exact {
			t.Fatalf("segment %d claims to be exact", i)
		}
		if s.Start < pos || s.End < s.Start || s.End > n {
			t.Fatalf("segment %d [%d,%d) out of order or range (text %d runes)", i, s.Start, s.End, n)
		}
		if s.RawStart == -1 && s.RawEnd != -1 || s.RawStart != -1 && (s.RawStart < 0 || s.RawEnd < s.RawStart || s.RawEnd > len(raw)) {
			t.Fatalf("segment %d raw [%d,%d) invalid (raw %d bytes)", i, s.RawStart, s.RawEnd, len(raw))
		}
		pos = s.End
	}
}

func TestHTMLHostile(t *testing.T) {
	tests := []struct {
		name  string
		extra string
	}{
		{"script", `<p>The group released a statement.<script>alert(1)</script> It was verified by analysts.</p><script>alert(1)</script>`},
		{"event handler", `<p onmouseover="alert(1)">The group released a statement that analysts later verified.</p><img src=x onerror="alert(1)">`},
		{"style and iframe", `<style>body{display:none}</style><iframe src="javascript:alert(1)">alert(1)</iframe><p>The group released a statement that analysts later verified.</p>`},
		{"noscript", `<noscript><p>alert(1)</p></noscript><p>The group released a statement that analysts later verified.</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := HTML(htmlPage(tt.extra), "")
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"alert(1)", "display:none", "<script", "onerror"} {
				if strings.Contains(res.Text, bad) {
					t.Errorf("text contains %q:\n%s", bad, res.Text)
				}
			}
		})
	}
}

func TestBadHTML(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    string // message prefix; "" when a result is acceptable too
		mustErr bool
	}{
		{"empty", "", "empty document", true},
		{"whitespace only", " \n\t ", "empty document", true},
		{"NUL bytes", "<html><body><p>text\x00</p></body></html>", "binary content (NUL bytes)", true},
		{"no body", "<html><head></head></html>", "HTML has no main text", true},
		{"empty body", "<html><head><title>T</title></head><body>  </body></html>", "HTML has no main text", true},
		{"only a script", "<html><body><script>alert(1)</script></body></html>", "HTML has no main text", true},
		{"broken", "<div><p>unclosed", "", false},
		{"unbalanced", "</p></div><p><b><i>text</b></i></table><td>cell", "", false},
		{"garbage tags", "<<<>>><!-- <p <a href=\"", "", false},
		{"latin-1 bytes", "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 au lait in Kabul, said the owner of the caf\xe9 on the main road into the city.</p></body></html>", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &dossier.Document{Format: "html", Raw: []byte(tt.raw)}
			err := Document(doc)
			if err == nil {
				if tt.mustErr {
					t.Fatalf("no error, text %q", doc.Text)
				}
				checkHTMLSegments(t, doc.Raw, Result{Text: doc.Text, Segments: doc.Segments})
				if strings.Contains(doc.Text, "alert(1)") {
					t.Errorf("script in text %q", doc.Text)
				}
				return
			}
			var e *dossier.Error
			if !errors.As(err, &e) || e.Code != dossier.EINVALID {
				t.Fatalf("err %v, want an EINVALID *dossier.Error", err)
			}
			if tt.want != "" && !strings.HasPrefix(e.Message, tt.want) {
				t.Errorf("message %q, want %q", e.Message, tt.want)
			}
		})
	}
}

func TestHTMLLatin1(t *testing.T) {
	raw := "<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>Caf\xe9 owners in Kabul said the caf\xe9 on the main road into the city had been closed since the Taliban arrived in August, and that customers had stopped coming.</p></article></body></html>"
	res, err := HTML([]byte(raw), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Café owners") {
		t.Errorf("latin-1 not decoded: %q", res.Text)
	}
}

// TestHTMLBenchmarkOverlap measures extraction against the gold article
// bodies of the article-extraction benchmark: word-token F1, averaged.
func TestHTMLBenchmarkOverlap(t *testing.T) {
	gt, err := os.ReadFile(filepath.Join(aebDir, "ground-truth.json"))
	if err != nil {
		t.Skipf("no benchmark data: %v", err)
	}
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(gt, &gold); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	n := 12
	if testing.Short() {
		n = 4
	}
	var sum float64
	count, segs, located := 0, 0, 0
	for _, id := range ids {
		if count == n {
			break
		}
		raw, err := gunzip(filepath.Join(aebDir, "html", id+".html.gz"))
		if err != nil {
			continue
		}
		count++
		res, err := HTML(raw, gold[id].URL)
		f1 := 0.0
		if err == nil {
			f1 = tokenF1(res.Text, gold[id].ArticleBody)
			checkHTMLSegments(t, raw, res)
			for _, s := range res.Segments {
				segs++
				if s.RawStart >= 0 {
					located++
				}
			}
		}
		t.Logf("%s F1 %.3f %v", id[:12], f1, err)
		sum += f1
	}
	if count == 0 {
		t.Skip("no benchmark pages")
	}
	if avg := sum / float64(count); avg < 0.8 {
		t.Errorf("mean token F1 %.3f over %d pages, want >= 0.8", avg, count)
	} else {
		t.Logf("mean token F1 %.3f over %d pages; %d of %d paragraphs located in the raw HTML", avg, count, located, segs)
	}
}

func gunzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// tokenF1 is the bag-of-words F1 of got against want, the benchmark's own
// measure.
func tokenF1(got, want string) float64 {
	tok := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			m[w]++
		}
		return m
	}
	g, w := tok(got), tok(want)
	common, ng, nw := 0, 0, 0
	for k, c := range g {
		ng += c
		common += min(c, w[k])
	}
	for _, c := range w {
		nw += c
	}
	if ng == 0 || nw == 0 || common == 0 {
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	return 2 * p * r / (p + r)
}

func TestLocate(t *testing.T) {
	raw := []byte(`<div><p class="x">Hello &amp; welcome to <a href="/show">the</a> show</p><p>Second paragraph is here and long</p><script>var s = "Not in the page";</script></div>`)
	tests := []struct {
		name, para, want string // want: the raw range found, "" for none
	}{
		{"plain", "Second paragraph is here and long", "<p>Second paragraph is here and long</p>"},
		{"entity and inline markup", "Hello & welcome to the show", `<p class="x">Hello &amp; welcome to <a href="/show">the</a> show</p>`},
		{"script text is not page text", "Not in the page", ""},
		{"absent", "Not in the page at all", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e, ok := indexRaw(raw).locate(tt.para)
			got := ""
			if ok {
				got = string(raw[s:e])
			}
			if got != tt.want {
				t.Errorf("located %q, want %q", got, tt.want)
			}
		})
	}
}
