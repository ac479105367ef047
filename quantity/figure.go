package quantity

import (
	"strconv"
	"strings"
	"unicode"
)

// bound kinds
const (
	boundNone = iota
	boundAtLeast
	boundApprox
	boundAtMost
	boundBetween
)

type boundPhrase struct {
	words []string
	kind  int
}

// bounds are the words before a figure that make it a bound, longest
// first.
var bounds = func() []boundPhrase {
	var out []boundPhrase
	add := func(kind int, phrases ...string) {
		for _, p := range phrases {
			out = append(out, boundPhrase{splitWords(p), kind})
		}
	}
	add(boundAtLeast, "no fewer than", "no less than", "not less than", "in excess of", "a minimum of",
		"more than", "at least", "upwards of", "over", "above", "nearly over")
	add(boundApprox, "an estimated", "close to", "as many as", "an approximate", "nearly", "almost",
		"about", "around", "approximately", "approx", "some", "roughly", "estimated", "circa", "reportedly")
	add(boundAtMost, "no more than", "not more than", "a maximum of", "up to", "less than", "fewer than",
		"under", "at most")
	add(boundNone, "a total of", "exactly", "a further", "another")
	add(boundBetween, "between")
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].words) > len(out[j-1].words); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// boundsByFirst indexes bounds by their first word, longest first.
var boundsByFirst = func() map[string][]boundPhrase {
	m := map[string][]boundPhrase{}
	for _, b := range bounds {
		m[b.words[0]] = append(m[b.words[0]], b)
	}
	return m
}()

// parseFigure reads a figure starting at token i: bound words, a number,
// an optional second number of a range, and "or more".
func (s *sentence) parseFigure(i int) (*fig, bool) {
	l := s.low
	j, kind := i, boundNone
	for _, b := range boundsByFirst[l[i]] {
		if matchWords(l, i, b.words) {
			j, kind = i+len(b.words), b.kind
			break
		}
	}
	v, hi, next, how, ok := 0, 0, 0, 0, false
	if j < len(l) && j > i {
		v, hi, next, how, ok = s.parseNumber(j)
		if ok && how == numArticle {
			ok = false // "about a" is not a figure; "about a dozen" is words
		}
	}
	if !ok {
		// no bound after all: "another policeman", "over" as a preposition
		j, kind = i, boundNone
		v, hi, next, how, ok = s.parseNumber(i)
		if !ok {
			return nil, false
		}
	}
	f := &fig{s: i, e: next, min: v, max: v, exact: true, headTok: -1}
	if l[i] == "another" || l[i] == "a" && l[j] == "further" {
		f.additive = true
	}
	if hi > v {
		f.max = hi
	}
	// a range: "1,500 to 2,200", "3000 - 4000", "between 10 and 12", "two or three"
	if hi == v && next+1 < len(l) && (l[next] == "to" || l[next] == "-" || l[next] == "–" || l[next] == "—" ||
		l[next] == "or" || l[next] == "and" && kind == boundBetween) {
		if v2, _, n2, how2, ok := s.parseNumber(next + 1); ok && how2 != numArticle && how2 != numVague && v2 > v {
			f.max, f.e = v2, n2
		}
	}
	switch how {
	case numVague:
		f.open, f.exact = true, false
	case numArticle:
		f.article = true
	}
	switch kind {
	case boundAtLeast:
		f.open, f.exact = true, false
	case boundApprox:
		f.exact = false
	case boundAtMost:
		f.min, f.exact = 0, false
	case boundBetween:
		f.exact = f.max == f.min
	}
	if f.max != f.min {
		f.exact = false
	}
	// "100 or more", "100-plus", "100+"
	if f.e+1 < len(l) && l[f.e] == "or" && l[f.e+1] == "more" {
		f.open, f.exact, f.e = true, false, f.e+2
	} else if f.e < len(l) && (l[f.e] == "+" || l[f.e] == "plus" && f.e+1 < len(l) && !s.toks[f.e+1].IsWord()) {
		f.open, f.exact, f.e = true, false, f.e+1
	}
	if !s.countContext(f, j, how) {
		return nil, false
	}
	return f, true
}

// number kinds
const (
	numDigits = iota
	numWords
	numVague
	numArticle
)

// parseNumber reads one number at token j: digits ("1,500", "1.5
// million", "2016-17" as a range), words ("twenty-five", "two hundred",
// "a dozen"), a vague plural ("scores", "hundreds of thousands") or an
// article ("a", "an", "another"). hi > v for a range inside one token.
func (s *sentence) parseNumber(j int) (v, hi, next, how int, ok bool) {
	l := s.low
	w := l[j]
	if w == "" {
		return
	}
	if c := w[0]; c >= '0' && c <= '9' {
		return s.parseDigits(j)
	}
	switch w {
	case "a", "an", "one", "another", "single":
		if j+1 < len(l) {
			switch l[j+1] {
			case "dozen":
				return 12, 12, j + 2, numWords, true
			case "hundred", "thousand", "million", "lakh", "crore":
				m := scales[l[j+1]]
				return m, m, j + 2, numWords, true
			case "couple":
				if j+2 < len(l) && l[j+2] == "of" {
					return 2, 2, j + 3, numWords, true
				}
			case "few":
				return 2, 2, j + 2, numVague, true
			case "handful":
				if j+2 < len(l) && l[j+2] == "of" {
					return 2, 2, j + 3, numVague, true
				}
			case "single":
				return 1, 1, j + 2, numArticle, true
			case "number":
				// "a number of suspected insurgents": more than one
				if j+2 < len(l) && l[j+2] == "of" && (j == 0 || l[j-1] != "equal") {
					return 2, 2, j + 3, numVague, true
				}
				return
			case "total", "lot", "series", "spate", "string", "wave":
				return
			}
		}
		if w == "one" {
			if j+1 < len(l) && (l[j+1] == "another" || l[j+1] == "of" && j+2 < len(l) && l[j+2] == "the" && j+3 < len(l) && strings.HasSuffix(l[j+3], "est")) {
				return
			}
			if j > 0 && (l[j-1] == "no" || l[j-1] == "any" || l[j-1] == "every" || l[j-1] == "the") {
				return
			}
			return 1, 1, j + 1, numWords, true
		}
		return 1, 1, j + 1, numArticle, true
	case "his", "her":
		// "a woman and her son": one more person
		if j > 0 && l[j-1] == "and" {
			return 1, 1, j + 1, numArticle, true
		}
		return
	case "half":
		if j+2 < len(l) && l[j+1] == "a" && l[j+2] == "dozen" {
			return 6, 6, j + 3, numWords, true
		}
		return
	case "tens", "hundreds", "thousands", "dozens", "scores", "millions":
		n := vague[w]
		k := j + 1
		if k+1 < len(l) && l[k] == "of" && (l[k+1] == "thousands" || l[k+1] == "millions") {
			// "tens of thousands", "hundreds of thousands"
			n *= vague[l[k+1]] / 2
			k += 2
		}
		if k < len(l) && l[k] == "of" {
			return n, n, k, numVague, true
		}
		if w == "tens" {
			return
		}
		return n, n, k, numVague, true
	case "several", "multiple", "numerous":
		return vague[w], vague[w], j + 1, numVague, true
	}
	if n, k, ok2 := parseNumberWords(l, j); ok2 {
		return n, n, k, numWords, true
	}
	return
}

// parseDigits reads "72", "1,500", "1.5 million", "1,500-2,200".
func (s *sentence) parseDigits(j int) (v, hi, next, how int, ok bool) {
	w := s.low[j]
	lo, rest, _ := strings.Cut(w, "-")
	a, frac, okA := digits(lo)
	if !okA {
		return
	}
	next = j + 1
	hi = -1
	if rest != "" {
		b, fb, okB := digits(rest)
		if !okB || fb {
			return
		}
		if len(rest) < len(lo) && len(lo) == 4 && !strings.Contains(lo, ",") {
			return // "2016-17": years, not a count
		}
		hi = int(b)
	}
	if next < len(s.low) {
		if m, ok := scales[s.low[next]]; ok {
			a *= float64(m)
			if hi >= 0 {
				hi *= m
			}
			next++
			frac = a != float64(int(a))
		}
	}
	if frac {
		return // "2.30 am", "3.5 per cent"
	}
	if a > 1e12 {
		return
	}
	v = int(a)
	if hi < v {
		hi = v
	}
	return v, hi, next, numDigits, true
}

// digits parses "1,500" or "1.5"; frac says a fraction is left.
func digits(w string) (float64, bool, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false, false
	}
	clean := strings.ReplaceAll(w, ",", "")
	for i := 0; i < len(clean); i++ {
		if c := clean[i]; (c < '0' || c > '9') && c != '.' {
			return 0, false, false
		}
	}
	if strings.Count(clean, ".") > 1 {
		return 0, false, false
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return 0, false, false
	}
	return f, strings.Contains(clean, "."), true
}

// parseNumberWords reads "twenty-five", "twenty five", "two hundred and
// fifty", "three thousand", "two dozen".
func parseNumberWords(l []string, j int) (int, int, bool) {
	// The first word can only be read as a small number or a tens word
	// (alone or hyphenated: "twenty-five"), whose first bytes are few:
	// most words are turned away without a look-up.
	if j >= len(l) || l[j] == "" || !numberFirstByte[l[j][0]] {
		return 0, j, false
	}
	total, cur, k, any := 0, 0, j, false
	for k < len(l) {
		w := l[k]
		if n, ok := smallNumbers[w]; ok {
			cur += n
		} else if n, ok := tens[w]; ok {
			cur += n
		} else if t, u, found := strings.Cut(w, "-"); found && tens[t] > 0 && smallNumbers[u] > 0 && smallNumbers[u] < 10 {
			cur += tens[t] + smallNumbers[u]
		} else if w == "hundred" && any {
			cur *= 100
		} else if m, ok := scales[w]; ok && any && m > 100 {
			total += cur * m
			cur = 0
		} else if w == "dozen" && any {
			cur *= 12
		} else if w == "and" && any && k+1 < len(l) && (smallNumbers[l[k+1]] > 0 || tens[l[k+1]] > 0 || strings.Contains(l[k+1], "-")) && k > j && (l[k-1] == "hundred" || l[k-1] == "thousand") {
			// "one hundred and twenty"
		} else {
			break
		}
		any = true
		k++
	}
	if !any {
		return 0, j, false
	}
	return total + cur, k, true
}

// numberFirstByte holds the first bytes of smallNumbers' and tens' words.
var numberFirstByte = func() (b [256]bool) {
	for _, m := range []map[string]int{smallNumbers, tens} {
		for w := range m {
			if w != "" {
				b[w[0]] = true
			}
		}
	}
	return b
}()

func matchWords(l []string, i int, words []string) bool {
	if i+len(words) > len(l) {
		return false
	}
	for k, w := range words {
		if l[i+k] != w {
			return false
		}
	}
	return true
}

// countContext rules out numbers that are not counts: years, dates,
// times, ages in brackets, money, labels ("Route 1").
func (s *sentence) countContext(f *fig, j, how int) bool {
	l := s.low
	prev, next := "", ""
	if f.s > 0 {
		prev = l[f.s-1]
	}
	if j > 0 {
		if p := l[j-1]; currencies[p] || labels[p] && how == numDigits || monthNames[p] && how == numDigits {
			return false
		}
	}
	if f.e < len(l) {
		next = l[f.e]
	}
	if monthNames[next] || next == ":" || prev == ":" || prev == "/" || next == "/" || currencies[next] && next != "rupees" && how == numDigits {
		return false
	}
	if units[next] && !(next == "m" || next == "per") {
		return false
	}
	if next == "per" && f.e+1 < len(l) && (l[f.e+1] == "cent" || l[f.e+1] == "centum") {
		return false
	}
	if prev == "(" && next == ")" {
		return false // "(26)": an age or a reference
	}
	if prev == "aged" || prev == "age" || prev == "ages" {
		return false
	}
	if how == numDigits && prev == "," && f.s >= 2 && s.toks[f.s-2].Capitalized() && (next == "," || next == ")" || next == "." || next == "and") {
		return false // "Rakesh, 30, and Rajuram, 25": ages
	}
	if how == numDigits && f.min >= 1800 && f.min <= 2100 && !strings.Contains(s.low[j], ",") && f.max == f.min {
		// a year unless a plural noun follows: "2,000" has a comma,
		// "2000 fighters" is counted, "in 2014" and "a 2020 assault" are
		// not, nor "died in 1977 of injuries"
		return !yearPrepositions[prev] && pluralNounAt(l, f.e)
	}
	if how == numDigits && f.max != f.min && f.min >= 1800 && f.max <= 2100 && f.min <= 2100 && !strings.Contains(s.low[j], ",") {
		return pluralNounAt(l, f.e) // "2017-2018"
	}
	return true
}

// yearPrepositions before a number that could be a year make it one.
var yearPrepositions = set("in", "since", "until", "till", "before", "after", "during")

// pluralNounAt reports whether a lower-case plural noun (or a collective
// such as "people") follows at k, possibly after one modifier.
func pluralNounAt(l []string, k int) bool {
	for n := 0; n < 2 && k < len(l); n, k = n+1, k+1 {
		w := l[k]
		if w == "people" || w == "personnel" || w == "police" || w == "men" || w == "women" ||
			w == "children" || w == "militia" || w == "staff" {
			return true
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "'s") &&
			!strings.HasSuffix(w, "us") && isLowerWord(w) {
			return true
		}
	}
	return false
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return true
}

// nounPhrase finds the noun phrase after a figure and its head noun:
// "13 U.S. soldiers" → soldiers, "dozens of people" → people, "three of
// them" → none, "16 mothers and pregnant women" → mothers (the phrase
// runs to "women").
func (s *sentence) nounPhrase(f *fig) {
	l := s.low
	k := f.e
	f.npEnd = k
	if k < len(l) && l[k] == "of" {
		if k+1 < len(l) && (l[k+1] == "them" || l[k+1] == "whom" || l[k+1] == "us" || l[k+1] == "those") {
			f.npEnd = k + 2
			return
		}
		if k+1 < len(l) && (l[k+1] == "the" || l[k+1] == "these" || l[k+1] == "his" || l[k+1] == "their" || l[k+1] == "its" || l[k+1] == "our") {
			k += 2
		} else {
			k++
		}
	}
	head, n := -1, 0
	for k < len(l) && n < 6 {
		if head >= 0 && l[k] == "(" && k+2 < len(l) && l[k+2] == ")" && s.toks[k+1].IsWord() {
			k += 3 // "A Special Task Force (STF) personnel"
			continue
		}
		if !s.npWord(k) {
			break
		}
		head = k
		k++
		n++
	}
	if head < 0 {
		return
	}
	f.headTok = head
	f.noun = s.toks[head].Text
	if l[head] == "more" {
		f.noun = ""
		f.additive = true
	}
	for q := f.e; q <= head; q++ {
		if l[q] == "additional" || l[q] == "more" || l[q] == "further" {
			f.additive = true
		}
	}
	f.npEnd = head + 1
	// "13 cadres of the CPI-Maoist", "An Assistant Sub-Inspector of Police":
	// a name after "of" belongs to the phrase
	if k < len(l) && l[k] == "of" {
		m := k + 1
		if m < len(l) && l[m] == "the" {
			m++
		}
		c := m
		for c < len(l) && c-m < 5 && s.toks[c].Capitalized() && s.toks[c].IsWord() && !monthNames[l[c]] {
			c++
		}
		if c > m {
			f.npEnd, k = c, c
		}
	}
	// "16 mothers and pregnant women, as well as": the phrase goes on
	// over "and" when a few more noun words end it
	if !f.article && k < len(l) && (l[k] == "and" || l[k] == "or") && k+1 < len(l) && l[k+1] != "the" {
		m := k + 1
		for m < len(l) && m-k <= 3 && s.npWord(m) {
			m++
		}
		if m > k+1 && (m >= len(l) || !s.toks[m].IsWord() || beVerbs[l[m]] || l[m] == "as" || l[m] == "along" ||
			l[m] == "together" || l[m] == "who" || l[m] == "were" || isTriggerAt(l, m)) {
			f.npEnd = m
		}
	}
}

func isTriggerAt(l []string, m int) bool {
	_, ok := matchTrigger(l, m)
	return ok
}

// npWord reports whether token k can be part of a noun phrase after a
// figure.
func (s *sentence) npWord(k int) bool {
	t := s.toks[k]
	if !t.IsWord() {
		return false
	}
	w := s.low[k]
	if stops[w] || monthNames[w] && t.Capitalized() {
		return false
	}
	if c := w[0]; c >= '0' && c <= '9' {
		return false
	}
	if _, ok := smallNumbers[w]; ok {
		return false
	}
	if tens[w] > 0 || vague[w] > 0 && w != "several" {
		return false
	}
	if t, ok := matchTrigger(s.low, k); ok {
		// a participle before a noun is an adjective ("two abducted
		// persons", "three injured policemen"); otherwise it is the
		// predicate ("13 injured", "72 Afghans killed in")
		if len(t.words) == 1 && strings.HasSuffix(w, "ed") && k+1 < len(s.low) && s.toks[k+1].IsWord() {
			nw := s.low[k+1]
			if _, trig := matchTrigger(s.low, k+1); !trig && !stops[nw] && !determiners[nw] && !isNumberWord(nw) {
				return true
			}
		}
		return false
	}
	if len(w) > 4 && strings.HasSuffix(w, "ly") && !lyNouns[w] {
		return false
	}
	// "30 individuals associated with", "insurgents based in": a
	// participle before a preposition starts a reduced relative clause
	if len(w) > 4 && strings.HasSuffix(w, "ed") && (k+1 >= len(s.low) || stops[s.low[k+1]] || !s.toks[k+1].IsWord()) {
		return false
	}
	return true
}

func isNumberWord(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c >= '0' && c <= '9' {
		return true
	}
	_, ok := smallNumbers[w]
	return ok || tens[w] > 0 || vague[w] > 0
}

var lyNouns = set("family", "assembly", "rally", "supply", "ally", "italy", "anomaly", "monopoly", "bully")
