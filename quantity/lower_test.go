package quantity

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// TestFindWordsLower checks that counts read from a caller's lowered words
// are FindWords' own, ASCII or not (where the caller's are not used).
func TestFindWordsLower(t *testing.T) {
	for _, text := range []string{
		"Three Policemen were killed and 12 others INJURED in Sukma on Monday.",
		"At least twenty-five militants, including Two commanders, were arrested.",
		"Maoists killed a villager’s son and injured ABOUT 1,500 people.",
		"Über 40 Kämpfer wurden getötet, said the police.",
		"",
	} {
		rs := []rune(text)
		words := tokenize.Words(rs, dossier.Span{Start: 0, End: len(rs)})
		want := FindWords(rs, words)
		for _, low := range [][]string{tokenize.Lower(words, strings.ToLower), nil, {"x"}} {
			if got := FindWordsLower(rs, words, low); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: FindWordsLower = %+v, FindWords = %+v", text, got, want)
			}
		}
	}
}
