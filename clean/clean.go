// Package clean turns raw documents into main text and metadata: HTML pages
// through go-trafilatura, plain-text and Markdown dumps of web pages through
// line rules that drop the boilerplate a copy-paste or a text export carries
// along (newsletter sign-ups, menus, video-player text, comment forms,
// related-article lists). Nothing is thrown away silently: every dropped
// range of the raw document is recorded with the rule that dropped it, and
// every kept run of text is mapped back to the raw bytes it came from.
package clean

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

// Result is what cleaning one raw document finds: the main text, where it
// came from, what was dropped, and the metadata read from the document.
type Result struct {
	Text      string
	Segments  []dossier.Segment
	Removed   []dossier.Removal
	Title     string
	Outlet    string
	Authors   []string
	Published string // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when unknown
	URL       string
}

// Document fills doc.Text, doc.Segments, doc.Removed and any EMPTY metadata field
// (Title, Outlet, Authors, Published, URL) from doc.Raw according to doc.Format
// ("txt", "md", "html"; "jsonl" documents arrive with Format "txt" or "html" already set by the caller).
// Metadata already set by the caller (e.g. from a JSONL line) wins.
// Errors are *dossier.Error with code dossier.EINVALID and a message saying what is wrong:
// "empty document", "binary content (NUL bytes)", "invalid UTF-8 at byte N", "HTML has no main text", etc.
func Document(doc *dossier.Document) error {
	if doc == nil {
		return dossier.Errorf(dossier.EINVALID, "no document")
	}
	format := strings.ToLower(strings.TrimPrefix(doc.Format, "."))
	if format == "" || format == "jsonl" {
		// A caller that did not say what the bytes are gets a sniff rather
		// than an error: HTML announces itself in its first bytes.
		format = "txt"
		if looksLikeHTML(doc.Raw) {
			format = "html"
		}
	}
	var (
		res Result
		err error
	)
	switch format {
	case "txt", "text":
		res, err = Text(doc.Raw)
	case "md", "markdown":
		res, err = cleanText(doc.Raw, true)
	case "html", "htm", "xhtml":
		res, err = HTML(doc.Raw, doc.URL)
	default:
		return dossier.Errorf(dossier.EINVALID, "unknown document format %q", doc.Format)
	}
	if err != nil {
		return err
	}
	doc.Text = res.Text
	doc.Segments = res.Segments
	doc.Removed = res.Removed
	if doc.Title == "" {
		doc.Title = res.Title
	}
	if doc.Outlet == "" {
		doc.Outlet = res.Outlet
	}
	if len(doc.Authors) == 0 && len(res.Authors) > 0 {
		doc.Authors = res.Authors
	}
	if doc.Published == "" {
		doc.Published = res.Published
	}
	if doc.URL == "" {
		doc.URL = res.URL
	}
	return nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkText rejects what cannot be a text document and returns the offset
// at which the text starts (after a byte-order mark).
func checkText(raw []byte) (int, error) {
	if len(raw) == 0 {
		return 0, dossier.Errorf(dossier.EINVALID, "empty document")
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return 0, dossier.Errorf(dossier.EINVALID, "binary content (NUL bytes)")
	}
	if !utf8.Valid(raw) {
		return 0, dossier.Errorf(dossier.EINVALID, "invalid UTF-8 at byte %d", invalidUTF8At(raw))
	}
	start := 0
	if bytes.HasPrefix(raw, utf8BOM) {
		start = len(utf8BOM)
	}
	if isBlank(string(raw[start:])) {
		return 0, dossier.Errorf(dossier.EINVALID, "empty document")
	}
	// Valid UTF-8 without NULs can still be binary (a stripped executable,
	// compressed data that happens to decode): control characters other
	// than the whitespace ones give it away.
	ctrl, n := 0, 0
	for _, r := range string(raw[start:]) {
		n++
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v') || r == 0x7f {
			ctrl++
		}
	}
	if ctrl >= 4 && ctrl*100 >= n {
		return 0, dossier.Errorf(dossier.EINVALID, "binary content (%d control characters)", ctrl)
	}
	return start, nil
}

// invalidUTF8At returns the byte offset of the first invalid UTF-8 sequence.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

func isBlank(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// looksLikeHTML reports whether raw starts, after whitespace and a BOM, with
// markup that only HTML documents start with.
func looksLikeHTML(raw []byte) bool {
	b := bytes.TrimPrefix(raw, utf8BOM)
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) > 512 {
		b = b[:512]
	}
	lb := bytes.ToLower(b)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<div", "<p>", "<article"} {
		if bytes.HasPrefix(lb, []byte(p)) {
			return true
		}
	}
	return false
}
