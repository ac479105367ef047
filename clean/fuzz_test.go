package clean

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

// addCorpusSeeds seeds with the head and tail of each sample article,
// where the boilerplate and metadata sit. Whole articles would do too, but
// minimising a 10 KB input takes the fuzzer most of a minute.
func addCorpusSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		const n = 1500
		if len(raw) <= 2*n {
			f.Add(raw)
			continue
		}
		head := raw[:n]
		if i := bytes.LastIndexByte(head, '\n'); i > 0 {
			head = head[:i+1]
		}
		tail := raw[len(raw)-n:]
		if i := bytes.IndexByte(tail, '\n'); i >= 0 {
			tail = tail[i+1:]
		}
		f.Add(head)
		f.Add(tail)
	}
}

// FuzzText: Text never panics, fails only with EINVALID, and whatever it
// keeps maps exactly back to the raw bytes.
func FuzzText(f *testing.F) {
	addCorpusSeeds(f)
	for _, s := range []string{
		"", " ", "\ufeff", "a", "\r\n\r\n", "x\ry\r\nz\n", "# Title\n\nText.", "---\ntitle: x\n---\nbody",
		"By John Smith\n27 August 2021\n\nAn article sentence that is long enough to be prose here.",
		"  • a\n  • b\n", "0:00 0:01", "[See also: x]", "\u2028\u00a0x\u200b", "caf\xe9", "a\x00b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, md := range []bool{false, true} {
			res, err := cleanText(raw, md)
			if err != nil {
				if dossier.ErrorCode(err) != dossier.EINVALID {
					t.Fatalf("error %v is not EINVALID", err)
				}
				continue
			}
			checkSegments(t, raw, res)
			for _, r := range res.Removed {
				if r.RawStart < 0 || r.RawEnd < r.RawStart || r.RawEnd > len(raw) {
					t.Fatalf("removal %+v out of range", r)
				}
			}
		}
	})
}

// FuzzHTML: HTML never panics and fails only with EINVALID.
func FuzzHTML(f *testing.F) {
	f.Add(htmlPage(""))
	for _, s := range []string{
		"", "<html><head></head></html>", "<div><p>unclosed", "<p>a &amp; b</p>", "<script>alert(1)</script>",
		"<table><tr><td>x</table>", "<!-- <p>", "<p>\xff\xfe</p>", "<svg><p>x</svg>", "<pre>\n  a\n</pre>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		res, err := HTML(raw, "")
		if err != nil {
			if dossier.ErrorCode(err) != dossier.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		checkHTMLSegments(t, raw, res)
		if !utf8.ValidString(res.Text) {
			t.Fatalf("bad text %q", res.Text)
		}
	})
}
