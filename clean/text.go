package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// Text cleans a plain-text dump of a web page: it drops boilerplate lines
// (each removal recorded with its rule), reads the title, by-line, date line
// and outlet found in the text, and joins the kept lines into paragraphs.
// Every kept line becomes one exact Segment, so that the cleaned text can
// always be traced to the raw bytes.
func Text(raw []byte) (Result, error) {
	return cleanText(raw, false)
}

// role is what a kept line is besides article text.
type role uint8

const (
	roleNone role = iota
	roleTitle
	roleByline
	roleDate
	roleAuthor // a bare author name under the title
)

// line is one line of the raw document.
type line struct {
	lo, hi  int    // raw bytes of the whole line, terminator excluded
	s, e    int    // raw bytes of the text kept from it (trimmed)
	text    string // raw[s:e]
	words   int
	block   int    // lines in the same block have no blank line between them
	heading int    // Markdown heading level, 0 for none
	drop    string // the rule that dropped the line, "" while kept
	role    role
}

func (l *line) blank() bool { return l.s == l.e }
func (l *line) kept() bool  { return !l.blank() && l.drop == "" }

// textDoc is a plain-text document being cleaned.
type textDoc struct {
	raw   []byte
	lines []*line
	md    bool
	meta  Result
}

func cleanText(raw []byte, markdown bool) (Result, error) {
	start, err := checkText(raw)
	if err != nil {
		return Result{}, err
	}
	d := &textDoc{raw: raw, md: markdown, lines: splitLines(raw, start)}
	if markdown {
		d.markdown()
	}
	d.applyRules()
	res := d.assemble()
	if res.Text == "" {
		return Result{}, dossier.Errorf(dossier.EINVALID, "no main text: every line is boilerplate")
	}
	return res, nil
}

// splitLines cuts raw[start:] at "\n", "\r\n" and lone "\r", and at the
// Unicode line and paragraph separators (U+2028, U+2029) that some feeds
// and PDF exports use for the same ends of lines (press releases wrap
// their sentences with them), trimming each line's surrounding whitespace.
// A paragraph separator also ends the block.
func splitLines(raw []byte, start int) []*line {
	var lines []*line
	block := 0
	prevBlank := false
	for i := start; ; {
		j := i
		for j < len(raw) && raw[j] != '\n' && raw[j] != '\r' && !unicodeBreak(raw, j) {
			j++
		}
		l := &line{lo: i, hi: j}
		l.s, l.e = trimRange(raw, i, j)
		l.text = string(raw[l.s:l.e])
		l.words = countWords(l.text)
		if l.blank() {
			if !prevBlank {
				block++
			}
			prevBlank = true
		} else {
			prevBlank = false
		}
		l.block = block
		lines = append(lines, l)
		if j >= len(raw) {
			break
		}
		switch {
		case unicodeBreak(raw, j):
			if raw[j+2] == 0xa9 { // U+2029: a new paragraph
				block++
				prevBlank = true
			}
			j += 2
		case raw[j] == '\r' && j+1 < len(raw) && raw[j+1] == '\n':
			j++
		}
		i = j + 1
	}
	return lines
}

// unicodeBreak reports whether raw[j:] starts with U+2028 or U+2029
// (E2 80 A8 or E2 80 A9 in UTF-8).
func unicodeBreak(raw []byte, j int) bool {
	return raw[j] == 0xe2 && j+2 < len(raw) && raw[j+1] == 0x80 && (raw[j+2] == 0xa8 || raw[j+2] == 0xa9)
}

// isSpace is unicode.IsSpace plus the invisible characters that pasted web
// text carries at line ends (zero-width space, stray byte-order marks).
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2060'
}

func trimRange(raw []byte, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRune(raw[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRune(raw[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

var rxYAMLKey = regexp.MustCompile(`^[A-Za-z_][\w-]*\s*:|^- `)

// markdown strips heading marks and reads a YAML front-matter block.
func (d *textDoc) markdown() {
	i := 0
	for i < len(d.lines) && d.lines[i].blank() {
		i++
	}
	// A front matter is a "---" line, "key: value" lines (and their YAML
	// continuations), and a closing "---"; a thematic break around prose
	// is not one.
	if i < len(d.lines) && d.lines[i].text == "---" {
		for j := i + 1; j < len(d.lines) && j < i+60; j++ {
			l := d.lines[j]
			if l.text == "---" || l.text == "..." {
				for k := i; k <= j; k++ {
					d.lines[k].drop = "front-matter"
					if k > i && k < j {
						d.frontMatter(d.lines[k].text)
					}
				}
				break
			}
			if !l.blank() && !rxYAMLKey.MatchString(l.text) && l.s == l.lo {
				break
			}
		}
	}
	for _, l := range d.lines {
		if l.drop != "" || !strings.HasPrefix(l.text, "#") {
			continue
		}
		level := 0
		for level < len(l.text) && l.text[level] == '#' {
			level++
		}
		if level > 6 || (level < len(l.text) && l.text[level] != ' ' && l.text[level] != '\t') {
			continue // "#hashtag", not a heading
		}
		// An optional closing run of "#" counts only after a space
		// ("# C#" keeps its hash).
		t := l.text
		if u := strings.TrimRight(t, "#"); len(u) < len(t) && (u == "" || strings.HasSuffix(u, " ") || strings.HasSuffix(u, "\t")) && len(u) >= level {
			t = u
		}
		s, e := trimRange(d.raw, l.s+level, l.s+len(t))
		if s == e {
			l.drop = "separator"
			continue
		}
		l.s, l.e = s, e
		l.text = string(d.raw[s:e])
		l.words = countWords(l.text)
		l.heading = level
	}
}

// frontMatter reads one "key: value" line of a Markdown front matter.
func (d *textDoc) frontMatter(kv string) {
	k, v, ok := strings.Cut(kv, ":")
	if !ok {
		return
	}
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	if v == "" {
		return
	}
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "title":
		d.meta.Title = v
	case "author", "authors", "byline":
		for _, a := range strings.Split(strings.Trim(v, "[]"), ",") {
			if a = strings.Trim(strings.TrimSpace(a), `"'`); a != "" {
				d.meta.Authors = append(d.meta.Authors, a)
			}
		}
	case "date", "published", "pubdate":
		if p, _, ok := findDate(v); ok {
			d.meta.Published = p
		}
	case "url", "link", "canonical", "source_url":
		d.meta.URL = v
	case "outlet", "publisher", "site", "sitename", "site_name", "source":
		d.meta.Outlet = v
	}
}

// assemble joins the kept lines into the cleaned text and records the
// segments and removals.
func (d *textDoc) assemble() Result {
	res := d.meta
	var b strings.Builder
	b.Grow(len(d.raw))
	pos := 0 // code points written
	var prev *line
	wrapped := d.wrappedBlocks()
	for _, l := range d.lines {
		if !l.kept() {
			continue
		}
		if prev != nil {
			sep := "\n\n"
			if prev.block == l.block && prev.role == roleNone && l.role == roleNone && (wrapped[l.block] || continues(prev, l)) {
				sep = "\n"
			}
			b.WriteString(sep)
			pos += len(sep)
		}
		n := utf8.RuneCountInString(l.text)
		b.WriteString(l.text)
		res.Segments = append(res.Segments, dossier.Segment{
			Start: pos, End: pos + n, RawStart: l.s, RawEnd: l.e, Exact: true,
		})
		pos += n
		prev = l
	}
	res.Text = b.String()

	// Consecutive dropped lines with the same reason make one removal,
	// blank lines between them included.
	var last *dossier.Removal
	lastKept := true
	for _, l := range d.lines {
		if l.blank() {
			continue
		}
		if l.drop == "" {
			lastKept = true
			continue
		}
		if last != nil && !lastKept && last.Reason == l.drop {
			last.RawEnd = l.hi
		} else {
			res.Removed = append(res.Removed, dossier.Removal{RawStart: l.lo, RawEnd: l.hi, Reason: l.drop})
			last = &res.Removed[len(res.Removed)-1]
		}
		lastKept = false
	}
	return res
}

// wrappedBlocks finds the blocks whose lines were hard-wrapped at a fixed
// width (e-mail, plain-text exports): their lines are one paragraph. Web
// dumps put one paragraph on a line instead.
func (d *textDoc) wrappedBlocks() map[int]bool {
	blocks := map[int][]*line{}
	for _, l := range d.lines {
		if l.kept() {
			blocks[l.block] = append(blocks[l.block], l)
		}
	}
	out := map[int]bool{}
	for id, lines := range blocks {
		// Two lines are too few to tell a wrapped paragraph from a
		// heading over a paragraph; wrapped lines are of similar length.
		if len(lines) < 3 {
			continue
		}
		ok := true
		lo, hi := 1000, 0
		for _, l := range lines[:len(lines)-1] {
			n := utf8.RuneCountInString(l.text)
			lo, hi = min(lo, n), max(hi, n)
			if n < 40 || n > 100 || l.heading > 0 || l.role != roleNone || bulletLen(l.text) > 0 {
				ok = false
				break
			}
		}
		out[id] = ok && hi-lo <= 25
	}
	return out
}

// continues reports whether next carries on the sentence prev broke off
// (tokenize.LineContinues: "... detained several others in" / "Khost
// province last night.").
func continues(prev, next *line) bool {
	if prev.heading > 0 || next.heading > 0 || endsSentence(prev.text) {
		return false
	}
	return tokenize.LineContinues(prev.text, next.text)
}
