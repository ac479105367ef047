package clean

import (
	"bytes"
	nurl "net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/dossier-osint/dossier"
)

// HTML extracts the main text and metadata of a web page with
// go-trafilatura (go-htmldate finds the date). url, when known, helps the
// extractor and is the fallback for the page's canonical URL. Paragraphs
// are mapped back to the raw element they came from when their first words
// are found in the page's text; those segments are not exact, since
// entities and markup sit between the characters.
func HTML(raw []byte, url string) (res Result, err error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return Result{}, dossier.Errorf(dossier.EINVALID, "empty document")
	}
	utf16 := bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF})
	if !utf16 && bytes.IndexByte(raw, 0) >= 0 {
		return Result{}, dossier.Errorf(dossier.EINVALID, "binary content (NUL bytes)")
	}

	opts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  true,
		// go-htmldate without the multilingual date parser: English and
		// numeric dates at a fraction of the cost of the Extensive mode
		// that EnableFallback would otherwise select.
		HtmlDateMode: trafilatura.Fast,
	}
	if u, perr := nurl.ParseRequestURI(url); perr == nil && url != "" {
		opts.OriginalURL = u
	}

	ext, err := extract(raw, opts)
	if err != nil {
		return Result{}, err
	}
	if ext == nil || ext.ContentNode == nil {
		return Result{}, dossier.Errorf(dossier.EINVALID, "HTML has no main text")
	}

	paras := paragraphs(ext.ContentNode)
	// On a page without body text the extractor's last resort returns the
	// <title>: that is metadata, not main text.
	if len(paras) == 0 || (len(paras) == 1 && paras[0] == validText(ext.Metadata.Title)) {
		return Result{}, dossier.Errorf(dossier.EINVALID, "HTML has no main text")
	}
	idx := indexRaw(raw)
	var b strings.Builder
	pos := 0
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
			pos += 2
		}
		b.WriteString(p)
		n := utf8.RuneCountInString(p)
		seg := dossier.Segment{Start: pos, End: pos + n, RawStart: -1, RawEnd: -1}
		if s, e, ok := idx.locate(p); ok {
			seg.RawStart, seg.RawEnd = s, e
		}
		res.Segments = append(res.Segments, seg)
		pos += n
	}
	res.Text = b.String()

	md := ext.Metadata
	res.Title = validText(md.Title)
	res.Outlet = validText(md.Sitename)
	res.Authors = splitAuthors(validText(md.Author))
	if !md.Date.IsZero() {
		res.Published = md.Date.Format("2006-01-02")
	}
	res.URL = validText(md.URL)
	if res.URL == "" {
		res.URL = url
	}
	return res, nil
}

func validText(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

// extract runs the extractor, turning a panic on hostile or broken markup
// into an error about the document rather than a crash of the batch.
func extract(raw []byte, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			// The panic value describes the extractor's insides, not
			// the document: the user gets the what, not the why.
			res, err = nil, dossier.Errorf(dossier.EINVALID, "HTML could not be parsed")
		}
	}()
	res, err = trafilatura.Extract(bytes.NewReader(raw), opts)
	if err != nil {
		// The extractor fails with an error only when it found nothing
		// worth keeping or could not read the markup at all.
		return nil, dossier.Errorf(dossier.EINVALID, "HTML has no main text")
	}
	return res, nil
}

// splitAuthors splits the extractor's "A; B" author list, leaving out roles
// that some sites put in the author field ("AP Auto Writer").
func splitAuthors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		a = strings.Join(strings.Fields(a), " ")
		if a == "" || isRole(a) || containsFold(out, a) {
			continue
		}
		out = append(out, a)
	}
	return out
}

func isRole(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"writer", "correspondent", "reporter", "staff", "editor", "contributor", "associated press", "news service", "newsroom"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// Block elements: each one ends a paragraph of the extracted text.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"pre": true, "table": true, "tr": true, "td": true, "th": true, "section": true, "article": true,
	"header": true, "footer": true, "figure": true, "figcaption": true, "body": true, "main": true,
	"head": true, "list": true, "item": true, "quote": true, "code": true, "hr": true,
}

// paragraphs flattens the extracted content into paragraphs of text with
// HTML whitespace collapsed. Script and style content never gets here
// (the extractor drops it); they are skipped anyway.
func paragraphs(root *html.Node) []string {
	var out []string
	var cur strings.Builder
	space := false
	flush := func() {
		// A page whose bytes do not match its declared charset can leave
		// invalid UTF-8 in the text; the cleaned text is always valid.
		if t := strings.TrimSpace(strings.ToValidUTF8(cur.String(), "\uFFFD")); t != "" {
			out = append(out, t)
		}
		cur.Reset()
		space = false
	}
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				cur.WriteString(n.Data)
				return
			}
			for _, r := range n.Data {
				if isSpace(r) {
					space = cur.Len() > 0
					continue
				}
				if space {
					cur.WriteByte(' ')
					space = false
				}
				cur.WriteRune(r)
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math":
				return
			case "br":
				if cur.Len() > 0 {
					cur.WriteByte('\n')
				}
				space = false
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre || (n.Type == html.ElementNode && n.Data == "pre"))
		}
		if block {
			flush()
		}
	}
	walk(root, false)
	flush()
	return out
}

// rawIndex is the text of a raw HTML page as a browser would show it
// (entities decoded, whitespace collapsed, script and style left out), with
// the raw element each run of text sits in. It lets a paragraph of the
// extracted text be found in the page even when inline markup or entities
// interrupt it in the source.
type rawIndex struct {
	text  []byte
	spans []rawSpan // in text order
	elems []rawElem
	size  int // of the raw page
	from  int // where the last paragraph was found, to keep them in order
}

type rawSpan struct {
	at   int // offset in text
	raw  int // raw offset of the text token
	elem int // innermost enclosing block element, -1 for none
}

type rawElem struct {
	name       string
	start, end int // raw range, end -1 while open
}

func indexRaw(raw []byte) *rawIndex {
	x := &rawIndex{text: make([]byte, 0, len(raw)/4), size: len(raw)}
	z := html.NewTokenizer(bytes.NewReader(raw))
	var open []int // indices into elems
	hidden := 0    // depth inside script, style and the like
	off := 0
	space := true
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := off
		off += len(z.Raw())
		switch tt {
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if hiddenTags[tag] {
				if tt == html.StartTagToken {
					hidden++
				} else if hidden > 0 {
					hidden--
				}
			}
			if !blockTags[tag] {
				continue
			}
			space = true
			if tt == html.StartTagToken {
				x.elems = append(x.elems, rawElem{name: tag, start: start, end: -1})
				open = append(open, len(x.elems)-1)
				continue
			}
			for i := len(open) - 1; i >= 0; i-- {
				if x.elems[open[i]].name == tag {
					for _, e := range open[i:] {
						x.elems[e].end = off
					}
					open = open[:i]
					break
				}
			}
		case html.TextToken:
			if hidden > 0 {
				continue
			}
			elem := -1
			if len(open) > 0 {
				elem = open[len(open)-1]
			}
			x.spans = append(x.spans, rawSpan{at: len(x.text), raw: start, elem: elem})
			for _, r := range string(z.Text()) {
				if isSpace(r) {
					space = true
					continue
				}
				if space && len(x.text) > 0 {
					x.text = append(x.text, ' ')
				}
				space = false
				x.text = utf8.AppendRune(x.text, r)
			}
		}
	}
	return x
}

var hiddenTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true, "object": true, "svg": true, "math": true, "textarea": true}

// locate finds the raw element a paragraph of extracted text came from by
// searching for the paragraph's first words in the page's text. It returns
// the element's raw range, opening tag to closing tag.
func (x *rawIndex) locate(p string) (int, int, bool) {
	norm := strings.Join(strings.Fields(p), " ")
	for _, n := range []int{48, 20} {
		key := norm
		if len(key) > n {
			cut := n
			for cut > 0 && !utf8.RuneStart(key[cut]) {
				cut--
			}
			key = key[:cut]
		}
		if len(key) < 8 && len(key) < len(norm) {
			continue
		}
		i := bytes.Index(x.text[x.from:], []byte(key))
		if i >= 0 {
			i += x.from
		} else if i = bytes.Index(x.text, []byte(key)); i < 0 {
			continue
		}
		x.from = i
		// The span holding the match start, and its element.
		k := sort.Search(len(x.spans), func(k int) bool { return x.spans[k].at > i }) - 1
		if k < 0 {
			return 0, 0, false
		}
		sp := x.spans[k]
		if sp.elem < 0 {
			end := x.size
			if k+1 < len(x.spans) {
				end = x.spans[k+1].raw
			}
			return sp.raw, max(sp.raw, end), true
		}
		e := x.elems[sp.elem]
		if e.end < 0 {
			e.end = sp.raw
			if k+1 < len(x.spans) {
				e.end = x.spans[k+1].raw
			}
		}
		return e.start, max(e.start, e.end), true
	}
	return 0, 0, false
}
