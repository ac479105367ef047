package extract

import (
	"testing"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// FuzzRead: any text, read with and without a publication date, gives
// facts whose claims quote the text at their spans, and never panics.
func FuzzRead(f *testing.F) {
	f.Add("Two explosions ripped through the market in Kunduz on 3 March 2020. At least 20 people died.", "2020-03-04")
	f.Add("Between 2017-2018, the Front launched 84 attacks.", "")
	f.Add("claimed responsibility via via through statement", "2021")
	f.Fuzz(func(t *testing.T, text, published string) {
		if !utf8.ValidString(text) {
			return
		}
		runes := []rune(text)
		in := &Input{Doc: &dossier.Document{ID: "d", Text: text, Published: published}, Sentences: tokenize.Sentences(runes)}
		r := Read(in)
		for _, c := range r.Claims {
			if c.Start < 0 || c.End > len(runes) || c.Start > c.End || string(runes[c.Start:c.End]) != c.Quote {
				t.Fatalf("claim %+v does not quote the text", c)
			}
		}
		Merge([]*Report{r}, nil, nil)
	})
}

// FuzzDecodeReport feeds DecodeReport arbitrary bytes, as a damaged store
// might: it must return a report or an error, never panic, and a report it
// returns must encode again.
func FuzzDecodeReport(f *testing.F) {
	for _, text := range []string{
		"On 26 August 2021, the Front attacked crowds outside Kabul airport, killing 72 Afghans and 13 American soldiers.",
		"Three Front cadres were arrested by the Police near Kabul on 3 May 2012. The Front said so.",
	} {
		r := Read(testInput(f, text, "2021-08-27", grp("Front", "front"), plc("Kabul", "kabul")))
		b, err := r.Encode()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"drafts":[{"ev":null}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeReport(b)
		if err != nil {
			return
		}
		if _, err := r.Encode(); err != nil {
			t.Fatalf("a decoded report does not encode: %v", err)
		}
		Merge([]*Report{r}, nil, nil)
	})
}
