package timex

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// TestFindWordsLower checks that expressions read from a caller's lowered
// words are FindWords' own, ASCII or not (where the caller's are not
// used).
func TestFindWordsLower(t *testing.T) {
	for _, text := range []string{
		"On Monday, March 3, 2021, Two Days Later, the group attacked.",
		"Between 2017 and 2018 and in EARLY June the fighting went on.",
		"Im März 2020 – and since Last Week – nothing changed.",
		"",
	} {
		rs := []rune(text)
		words := tokenize.Words(rs, dossier.Span{Start: 0, End: len(rs)})
		want := FindWords(rs, words, "2021-03-10")
		for _, low := range [][]string{tokenize.Lower(words, strings.ToLower), nil, {"x"}} {
			if got := FindWordsLower(rs, words, low, "2021-03-10"); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: FindWordsLower = %+v, FindWords = %+v", text, got, want)
			}
		}
	}
}
