package tokenize

import (
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

// TestLower checks Lower against strings.ToLower token by token, with
// ASCII, non-ASCII and invalid text.
func TestLower(t *testing.T) {
	for _, text := range []string{
		"The U.S. Army's 3RD Brigade attacked ISKP in Nangarhar.",
		"Über-Kämpfer and ÉCOLE students met AL-QAEDA’s envoy.",
		"all lower case, nothing to fold",
		"",
	} {
		rs := []rune(text)
		toks := Words(rs, dossier.Span{Start: 0, End: len(rs)})
		low := Lower(toks, strings.ToLower)
		if len(low) != len(toks) {
			t.Fatalf("%q: %d lowered for %d tokens", text, len(low), len(toks))
		}
		for i, tok := range toks {
			if want := strings.ToLower(tok.Text); low[i] != want {
				t.Errorf("%q token %d: Lower gives %q, strings.ToLower %q", text, i, low[i], want)
			}
		}
		if got, want := ASCII(toks), strings.IndexFunc(text, func(r rune) bool { return r >= 0x80 }) < 0; got != want {
			t.Errorf("%q: ASCII = %v, want %v", text, got, want)
		}
	}
	// other is asked for non-ASCII texts only.
	toks := []Token{{Text: "ABC"}, {Text: "Äb"}, {Text: "x"}}
	got := Lower(toks, func(s string) string { return "<" + s + ">" })
	if want := []string{"abc", "<Äb>", "x"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Lower = %q, want %q", got, want)
	}
}

// TestWordsIn checks WordsIn against Words on ASCII, non-ASCII and
// invalid text, over every sentence.
func TestWordsIn(t *testing.T) {
	for _, src := range []string{
		"The U.S. Army's 3RD Brigade attacked ISKP. 1,500 fighters fled (reportedly).",
		"Über-Kämpfer met AL-QAEDA’s envoy. Then they left.",
		"bad \xff\xfe bytes . Still, ASCII-length.",
		"",
	} {
		text := []rune(src)
		spans := append(Sentences(text), dossier.Span{Start: 0, End: len(text)}, dossier.Span{Start: 2, End: 2})
		for _, sp := range spans {
			want := Words(text, sp)
			got := WordsIn(text, src, sp)
			if len(got) != len(want) {
				t.Fatalf("%q %v: %d tokens, Words gives %d", src, sp, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%q %v token %d: %+v, Words gives %+v", src, sp, i, got[i], want[i])
				}
			}
		}
	}
}
