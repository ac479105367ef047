// Package tokenize splits cleaned text into sentences and word tokens. It
// works on code points, so every span it returns is a code-point offset
// into the document's text, as the export contract requires.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

// Token is a word, number or punctuation mark.
type Token struct {
	Start, End int // code points
	Text       string
}

// Capitalized reports whether the token starts with an upper-case letter.
func (t Token) Capitalized() bool {
	for _, r := range t.Text {
		return unicode.IsUpper(r)
	}
	return false
}

// IsWord reports whether the token starts with a letter or digit.
func (t Token) IsWord() bool {
	for _, r := range t.Text {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "st": true, "jr": true, "sr": true,
	"no": true, "vs": true, "etc": true, "e.g": true, "i.e": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"rep": true, "sen": true, "gov": true, "pres": true, "adm": true, "brig": true, "cmdr": true,
	"mt": true, "ft": true, "approx": true, "est": true, "fig": true, "al": true,
}

// Sentences splits text into sentences. A line break ends a sentence (the
// cleaner puts one paragraph a line), as do the Unicode line and paragraph
// separators some feeds use instead, except a lone newline inside a
// wrapped paragraph that the sentence plainly goes on after (LineContinues:
// "detained several others in\nKhost province"); inside a line a
// sentence ends at ".", "!" or "?" (with any closing quotes or brackets)
// followed by a space and an upper-case letter, digit or opening quote,
// unless the dot ends a known abbreviation or an initial ("U.S.", "J.").
func Sentences(text []rune) []dossier.Span {
	var out []dossier.Span
	start := -1
	emit := func(end int) {
		if start < 0 {
			return
		}
		s, e := start, end
		for e > s && unicode.IsSpace(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, dossier.Span{Start: s, End: e})
		}
		start = -1
	}
	for i := 0; i < len(text); i++ {
		r := text[i]
		if lineBreak(r) {
			if r == '\n' && start >= 0 && wrappedAt(text, i) {
				continue
			}
			emit(i)
			continue
		}
		if start < 0 {
			if unicode.IsSpace(r) {
				continue
			}
			start = i
		}
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(text) && strings.ContainsRune(`"'”’)]»`, text[j]) {
			j++
		}
		if j >= len(text) {
			continue
		}
		if text[j] != ' ' && text[j] != '\t' {
			continue
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k >= len(text) || lineBreak(text[k]) {
			continue
		}
		next := text[k]
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"“‘'([`, next)) {
			continue
		}
		if r == '.' && j == i+1 && isAbbreviation(text, start, i) {
			continue
		}
		emit(j)
		i = j - 1
	}
	emit(len(text))
	return out
}

// isAbbreviation reports whether the word ending at the dot text[dot] is an
// abbreviation or an initial.
func isAbbreviation(text []rune, from, dot int) bool {
	b := dot
	for b > from && !unicode.IsSpace(text[b-1]) && text[b-1] != '(' {
		b--
	}
	w := string(text[b:dot])
	if w == "" {
		return false
	}
	// initials and dotted acronyms: "J", "U.S", "a.m"
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if strings.Contains(w, ".") && letters <= 4 {
		return true
	}
	if letters == 1 && unicode.IsUpper([]rune(w)[0]) {
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

// Words splits text[span] into tokens: runs of letters and digits joined by
// inner hyphens, apostrophes, dots (for "U.S." and "3.5") and commas between
// digits ("1,500"); every other non-space character is a token of its own. A
// possessive "’s" or "'s" is a token of its own.
//
// The tokens' texts are slices of one string holding the span's text:
// every sentence is tokenised by several stages, and one allocation per
// token was most of their cost.
func Words(text []rune, span dossier.Span) []Token {
	if span.Start >= span.End {
		return words(text, span, "")
	}
	return words(text, span, string(text[span.Start:span.End]))
}

// WordsIn is Words for a caller that also has the string text was made
// from (text is []rune(src)). Where the span's bytes in src are ASCII,
// code points are bytes and the tokens' texts are slices of src: the
// span is not converted from code points again, which was most of
// tokenising.
func WordsIn(text []rune, src string, span dossier.Span) []Token {
	if span.Start >= span.End || len(src) != len(text) || span.Start < 0 || span.End > len(src) {
		return Words(text, span)
	}
	str := src[span.Start:span.End]
	for i := 0; i < len(str); i++ {
		if str[i] >= utf8.RuneSelf {
			return Words(text, span)
		}
	}
	return words(text, span, str)
}

// words is Words with str the span's text as a string.
func words(text []rune, span dossier.Span, str string) []Token {
	// About one token per five code points in running text.
	out := make([]Token, 0, (span.End-span.Start)/5+4)
	if span.Start >= span.End {
		return out
	}
	// b is the byte offset in str of the code point text[i], bj of text[j].
	i, b := span.Start, 0
	for i < span.End {
		r := text[i]
		if unicode.IsSpace(r) {
			b += runeLen(r)
			i++
			continue
		}
		if !isWordRune(r) {
			bj := b + runeLen(r)
			t := str[b:bj]
			if r >= 0 && r < 128 {
				t = asciiStrings[r]
			}
			out = append(out, Token{Start: i, End: i + 1, Text: t})
			i, b = i+1, bj
			continue
		}
		j, bj := i+1, b+runeLen(r)
		for j < span.End {
			c := text[j]
			if isWordRune(c) {
				j, bj = j+1, bj+runeLen(c)
				continue
			}
			if j+1 < span.End && isJoiner(c) && isWordRune(text[j+1]) {
				if c == ',' && !(unicode.IsDigit(text[j-1]) && unicode.IsDigit(text[j+1])) {
					break
				}
				// a possessive ends the word
				if isApostrophe(c) && (text[j+1] == 's' || text[j+1] == 'S') && (j+2 >= span.End || !isWordRune(text[j+2])) {
					break
				}
				j, bj = j+2, bj+runeLen(c)+runeLen(text[j+1])
				continue
			}
			// a trailing dot belongs to a dotted acronym ("U.S.")
			if c == '.' && j+1 <= span.End && containsRune(text[i:j], '.') {
				j, bj = j+1, bj+1
			}
			break
		}
		out = append(out, Token{Start: i, End: j, Text: str[b:bj]})
		b = bj
		if j+1 < span.End && isApostrophe(text[j]) && (text[j+1] == 's' || text[j+1] == 'S') && (j+2 >= span.End || !isWordRune(text[j+2])) {
			bj := b + runeLen(text[j]) + 1
			out = append(out, Token{Start: j, End: j + 2, Text: str[b:bj]})
			j, b = j+2, bj
		}
		i = j
	}
	return out
}

// Lower returns the lower-cased texts of toks, as stages that match
// words need them: an ASCII text folded byte by byte (A-Z to a-z, which
// is what strings.ToLower does to ASCII), any other through other (each
// stage has its own rule for them). Texts with nothing to fold are
// returned as they are, and the folded ASCII texts are slices of one
// string: one allocation a sentence rather than one a capitalised word,
// for every stage that lower-cases the sentence.
func Lower(toks []Token, other func(string) string) []string {
	low := make([]string, len(toks))
	fold := make([]bool, len(toks))
	n := 0
	for i, t := range toks {
		switch ascii, upper := asciiCase(t.Text); {
		case !ascii:
			low[i] = other(t.Text)
		case upper:
			fold[i] = true
			n += len(t.Text)
		default:
			low[i] = t.Text
		}
	}
	if n == 0 {
		return low
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range toks {
		if !fold[i] {
			continue
		}
		for k := 0; k < len(t.Text); k++ {
			c := t.Text[k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	all, off := b.String(), 0
	for i, t := range toks {
		if fold[i] {
			low[i] = all[off : off+len(t.Text)]
			off += len(t.Text)
		}
	}
	return low
}

// ASCII reports whether every token's text is ASCII. Then any stage's
// lower-casing of them is Lower's, and one stage's lowered words can
// serve another (quantity.FindWordsLower, timex.FindWordsLower).
func ASCII(toks []Token) bool {
	for _, t := range toks {
		for i := 0; i < len(t.Text); i++ {
			if t.Text[i] >= utf8.RuneSelf {
				return false
			}
		}
	}
	return true
}

// asciiCase reports whether s is ASCII and whether it holds an upper-case
// letter.
func asciiCase(s string) (ascii, upper bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false, false
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	return true, upper
}

// runeLen is the length of r in a string made from a rune slice, where
// an invalid code point becomes U+FFFD.
func runeLen(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return utf8.RuneLen(utf8.RuneError)
}

func isWordRune(r rune) bool {
	if r < 0x80 { // the same answer without the table searches
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isJoiner(r rune) bool {
	return r == '-' || r == '‐' || r == '\'' || r == '’' || r == '.' || r == ',' || r == '/' || r == 'ʼ'
}

// asciiStrings holds the one-character strings of ASCII, so that
// punctuation tokens cost no allocation.
var asciiStrings = func() (t [128]string) {
	for i := range t {
		t[i] = string(rune(i))
	}
	return t
}()

func runeString(r rune) string {
	if r >= 0 && r < 128 {
		return asciiStrings[r]
	}
	return string(r)
}

func containsRune(rs []rune, r rune) bool {
	for _, c := range rs {
		if c == r {
			return true
		}
	}
	return false
}

// lineBreak reports whether r ends a line: a newline or carriage return,
// or the Unicode line (U+2028) and paragraph (U+2029) separators.
func lineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029'
}

// wrappedAt reports whether the newline at text[i] wraps a sentence: it
// stands alone (no blank line) and the line before it continues into the
// line after.
func wrappedAt(text []rune, i int) bool {
	if i == 0 || i+1 >= len(text) || lineBreak(text[i+1]) || lineBreak(text[i-1]) {
		return false
	}
	from := max(0, i-30)
	for k := i - 1; k >= from; k-- {
		if lineBreak(text[k]) {
			from = k + 1
			break
		}
	}
	return LineContinues(string(text[from:i]), string(text[i+1:min(len(text), i+3)]))
}

// LineContinues reports whether a line ending with prev carries on the
// same sentence into a line starting with next: prev does not end a
// sentence, and next starts in lower case, or prev stops after a comma or
// a word that needs more after it ("in", "the", "and").
func LineContinues(prev, next string) bool {
	prev = strings.TrimRightFunc(prev, unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(next)
	if prev == "" || r == utf8.RuneError {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	switch last {
	case '.', '!', '?', '…', ':', ';':
		return false
	case ',':
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	if unicode.IsLower(r) {
		return true
	}
	i := strings.LastIndexFunc(prev, func(r rune) bool { return !unicode.IsLetter(r) })
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && midSentenceWords[prev[i+1:]]
}

// midSentenceWords cannot end a sentence or a heading.
var midSentenceWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "on": true,
	"at": true, "to": true, "for": true, "from": true, "with": true, "by": true, "and": true, "or": true,
	"but": true, "that": true, "which": true, "who": true, "as": true, "near": true, "into": true,
	"after": true, "before": true, "during": true, "than": true, "its": true, "their": true, "his": true, "her": true}
