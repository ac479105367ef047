package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-osint/dossier"
)

// item is one raw document read from an input, or the error that stopped
// it being read.
type item struct {
	doc *dossier.Document
	err error // names the source (and line)
}

// formats maps file extensions to document formats.
var formats = map[string]string{
	".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
	".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
}

// Format returns the document format for a path by its extension, or "".
func Format(path string) string { return formats[strings.ToLower(filepath.Ext(path))] }

// walk sends every file under the given paths (folders recursively, in
// lexical order) to fn. Unreadable paths are errors about that path; files
// of other kinds inside folders are skipped, but named on the command line
// they are errors.
func walk(paths []string, fn func(path string, err error) error) error {
	for _, p := range paths {
		if p == "-" {
			if err := fn("-", nil); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := fn(p, readErr(err)); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if Format(p) == "" {
				err = dossier.Errorf(dossier.EINVALID, "unsupported file type %q (want .txt, .md, .html, .htm or .jsonl)", filepath.Ext(p))
			}
			if err := fn(p, err); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(path, readErr(err))
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if Format(path) == "" || !d.Type().IsRegular() {
				return nil
			}
			return fn(path, nil)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func readErr(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return dossier.Errorf(dossier.EINVALID, "no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return dossier.Errorf(dossier.EINVALID, "permission denied")
	}
	return dossier.Errorf(dossier.EINVALID, "cannot read: %v", err)
}

// readFile reads one .txt/.md/.html file (or stdin for "-") as a document,
// refusing files over max bytes without reading them whole.
func readFile(path string, stdin io.Reader, max int64) (*dossier.Document, error) {
	var r io.Reader
	format := Format(path)
	if path == "-" {
		r, format = stdin, ""
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, readErr(err)
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.Size() > max {
			return nil, dossier.Errorf(dossier.EINVALID, "file is %s, over the %s limit per document", size(info.Size()), size(max))
		}
		r = f
	}
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, readErr(err)
	}
	if int64(len(raw)) > max {
		return nil, dossier.Errorf(dossier.EINVALID, "document is over the %s limit", size(max))
	}
	if format == "" {
		format = sniff(raw)
	}
	return &dossier.Document{Source: path, Format: format, Raw: raw}, nil
}

// sniff tells HTML from plain text for input without a file name.
func sniff(raw []byte) string {
	head := bytes.ToLower(bytes.TrimSpace(raw[:min(len(raw), 512)]))
	if bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<body")) || bytes.Contains(head, []byte("<head")) {
		return "html"
	}
	return "txt"
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Article is one line of a .jsonl input.
type Article struct {
	ID        json.RawMessage `json:"id"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
	Title     string          `json:"title"`
	URL       string          `json:"url"`
	Published string          `json:"published"`
	Outlet    string          `json:"outlet"`
	Authors   []string        `json:"authors"`
}

// readJSONL streams the articles of a .jsonl file to fn, one document a
// line; a bad line is an error naming its line number, and reading goes on.
func readJSONL(path string, max int64, fn func(item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(item{err: fmt.Errorf("%s: %w", path, readErr(err))})
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	for line := 1; ; line++ {
		b, tooLong, err := readLine(br, max)
		if err == io.EOF && len(b) == 0 && !tooLong {
			return nil
		}
		if err != nil && err != io.EOF {
			return fn(item{err: fmt.Errorf("%s:%d: %w", path, line, readErr(err))})
		}
		eof := err == io.EOF
		err = nil
		at := fmt.Sprintf("%s:%d", path, line)
		switch {
		case tooLong:
			err = fn(item{err: fmt.Errorf("%s: %w", at, dossier.Errorf(dossier.EINVALID, "line is over the %s limit per document", size(max)))})
		case len(bytes.TrimSpace(b)) == 0:
			// blank lines are allowed
		default:
			doc, perr := parseArticle(b, path)
			if perr != nil {
				perr = fmt.Errorf("%s: %w", at, perr)
			}
			err = fn(item{doc: doc, err: perr})
		}
		if err != nil || eof {
			return err
		}
	}
}

// readLine reads one line of at most max bytes, not counting its "\n" or
// "\r\n"; a longer line is skipped to its end and reported as too long.
func readLine(br *bufio.Reader, max int64) ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(chunk)) > max+2 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		if int64(len(buf)) > max {
			tooLong, buf = true, nil
		}
		return buf, tooLong, err
	}
}

func parseArticle(line []byte, path string) (*dossier.Document, error) {
	var a Article
	if err := json.Unmarshal(line, &a); err != nil {
		return nil, dossier.Errorf(dossier.EINVALID, "not a JSON object: %v", err)
	}
	id, err := articleID(a.ID)
	if err != nil {
		return nil, err
	}
	doc := &dossier.Document{
		Source:  path + "#" + id,
		Title:   strings.TrimSpace(a.Title),
		URL:     strings.TrimSpace(a.URL),
		Outlet:  strings.TrimSpace(a.Outlet),
		Authors: a.Authors,
	}
	if a.Published != "" {
		p, ok := normalizeDate(a.Published)
		if !ok {
			return nil, dossier.Errorf(dossier.EINVALID, "published %q is not a date", a.Published)
		}
		doc.Published = p
	}
	switch {
	case a.HTML != "":
		doc.Format, doc.Raw = "html", []byte(a.HTML)
	case a.Text != "":
		doc.Format, doc.Raw = "txt", []byte(a.Text)
	default:
		return nil, dossier.Errorf(dossier.EINVALID, `no "text" or "html"`)
	}
	return doc, nil
}

// articleID returns a line's "id", a JSON string (decoded) or number (as
// written).
func articleID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	var id string
	switch {
	case len(raw) == 0 || string(raw) == "null":
	case raw[0] == '"':
		if err := json.Unmarshal(raw, &id); err != nil {
			return "", dossier.Errorf(dossier.EINVALID, `invalid "id": %v`, err)
		}
		id = strings.TrimSpace(id)
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		id = string(raw)
	default:
		return "", dossier.Errorf(dossier.EINVALID, `"id" must be a string or a number`)
	}
	if id == "" {
		return "", dossier.Errorf(dossier.EINVALID, `missing "id"`)
	}
	return id, nil
}

// normalizeDate turns a date or timestamp into YYYY, YYYY-MM or YYYY-MM-DD.
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, l := range []struct{ layout, out string }{
		{time.RFC3339, "2006-01-02"}, {"2006-01-02T15:04:05", "2006-01-02"}, {"2006-01-02 15:04:05", "2006-01-02"},
		{"2006-01-02", "2006-01-02"}, {"2006-01", "2006-01"}, {"2006", "2006"},
		{time.RFC1123Z, "2006-01-02"}, {time.RFC1123, "2006-01-02"}, {"2 January 2006", "2006-01-02"},
		{"January 2, 2006", "2006-01-02"}, {"Jan 2, 2006", "2006-01-02"},
	} {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t.Format(l.out), true
		}
	}
	return "", false
}
