package tagger

import (
	"unicode"
	"unicode/utf8"
)

// Feature hashing. A feature is a template number and one or two strings;
// it is hashed (64-bit FNV-1a) instead of interned, so that reading a
// sentence allocates nothing for its features and the model needs no
// string table. Training keeps the full 64-bit hashes; the model file keeps
// a table slot (low bits) and a 32-bit check (high bits).

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// feat hashes a template with one value.
func feat(t byte, s string) uint64 { return hashString(hashByte(fnvOffset, t), s) }

// feat2 hashes a template with two values.
func feat2(t byte, a, b string) uint64 {
	return hashString(hashByte(hashString(hashByte(fnvOffset, t), a), 0), b)
}

// Static templates: features of a token that do not depend on the labels
// chosen before it. Their order is part of the model format (the template
// number goes into every hash); add new ones at the end.
const (
	tBias = iota
	tLower
	tWord
	tLowerPrev
	tLowerNext
	tLowerPrev2
	tLowerNext2
	tShape
	tShapePrevShape
	tShapeShapeNext
	tPrefix1
	tPrefix2
	tPrefix3
	tPrefix4
	tSuffix1
	tSuffix2
	tSuffix3
	tSuffix4
	tBigramPrev
	tBigramNext
	tGaz
	tGazPrev
	tGazNext
	tFirstShape
	tLowerPrevShape
	tShapeLowerNext
	tCluster
	tClusterPrev
	tClusterNext
	tShapeLen
	numStatic // number of static feature slots per token
)

// Dynamic templates depend on the labels already chosen (greedy decoding).
const (
	tPrevLabel = 64 + iota
	tPrev2Label
	tPrevLabelLower
	tPrevLabelShape
	numDynamic = 4
)

// token is one word prepared for feature extraction.
type token struct {
	word    string // as written
	lower   string
	shape   string // with the sentence's case class as its first byte
	gaz     string
	cluster string
}

// sentCase classifies a sentence's capitalisation: 'n' normal, 'U' upper
// case (wires in capitals), 'T' title case (headlines). Shapes are read
// against it, so that an all-caps sentence does not look like a run of
// acronyms.
func sentCase(words []string) byte {
	letters, upperWords, capWords, n := 0, 0, 0, 0
	for _, w := range words {
		hasLetter, allUpper, first := false, true, true
		capFirst := false
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if first {
					capFirst = unicode.IsUpper(r)
				}
				hasLetter = true
				if !unicode.IsUpper(r) {
					allUpper = false
				}
			}
			first = false
		}
		if !hasLetter {
			continue
		}
		n++
		if allUpper {
			upperWords++
		}
		if capFirst {
			capWords++
		}
	}
	switch {
	case n >= 2 && upperWords*10 >= n*8:
		return 'U'
	case n >= 4 && capWords*100 >= n*85:
		return 'T'
	}
	return 'n'
}

// shape maps a word to a short form of its characters: "Kabul" -> "Xx",
// "IS-K" -> "X-X", "1,500" -> "d,d", "al-Baghdadi" -> "x-Xx". Runs of the
// same class are collapsed.
func shape(buf []byte, w string) []byte {
	var last byte
	n := 0
	for _, r := range w {
		var c byte
		switch {
		case r < utf8.RuneSelf && r >= 'a' && r <= 'z':
			c = 'x'
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			c = 'X'
		case r < utf8.RuneSelf && r >= '0' && r <= '9':
			c = 'd'
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r == '’':
			c = '\''
		case r == '–' || r == '—':
			c = '-'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		buf = append(buf, c)
		n++
		if n >= 6 {
			break
		}
	}
	return buf
}

// lower returns w in lower case, without allocating when it already is.
func lower(w string) string {
	ascii, hasUpper := true, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			hasUpper = true
		}
	}
	if ascii && !hasUpper {
		return w
	}
	if ascii {
		b := make([]byte, len(w))
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	rs := []rune(w)
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
		if r == '’' {
			rs[i] = '\''
		}
	}
	return string(rs)
}

// prefix and suffix return the first or last n code points of s, or "" if
// s is not longer than n (a whole word is already a feature).
func prefix(s string, n int) string {
	i, k := 0, 0
	for i < len(s) && k < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		k++
	}
	if k < n || i >= len(s) {
		return ""
	}
	return s[:i]
}

func suffix(s string, n int) string {
	i, k := len(s), 0
	for i > 0 && k < n {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		k++
	}
	if k < n || i <= 0 {
		return ""
	}
	return s[i:]
}

// prepare fills toks for a sentence. gaz may be nil.
func prepare(toks []token, words, gaz []string, clusters map[string]string, buf []byte) ([]token, []byte) {
	toks = toks[:0]
	sc := sentCase(words)
	for i, w := range words {
		t := token{word: w, lower: lower(w)}
		start := len(buf)
		buf = append(buf, sc)
		buf = shape(buf, w)
		t.shape = string(buf[start:])
		if gaz != nil {
			t.gaz = gaz[i]
		}
		if clusters != nil {
			t.cluster = clusters[t.lower]
		}
		toks = append(toks, t)
	}
	return toks, buf[:0]
}

const (
	bos = "<s>"
	eos = "</s>"
)

// staticFeatures writes the static feature hashes of toks[i] into out
// (len numStatic); a zero hash is a feature that does not fire.
func staticFeatures(out []uint64, toks []token, i int) {
	t := &toks[i]
	prev, next, prev2, next2 := bos, eos, bos, eos
	pshape, nshape := bos, eos
	pgaz, ngaz := bos, eos
	pclu, nclu := bos, eos
	if i > 0 {
		p := &toks[i-1]
		prev, pshape, pgaz, pclu = p.lower, p.shape, p.gaz, p.cluster
	}
	if i > 1 {
		prev2 = toks[i-2].lower
	}
	if i+1 < len(toks) {
		n := &toks[i+1]
		next, nshape, ngaz, nclu = n.lower, n.shape, n.gaz, n.cluster
	}
	if i+2 < len(toks) {
		next2 = toks[i+2].lower
	}
	out[tBias] = feat(tBias, "")
	out[tLower] = feat(tLower, t.lower)
	out[tWord] = feat(tWord, t.word)
	out[tLowerPrev] = feat(tLowerPrev, prev)
	out[tLowerNext] = feat(tLowerNext, next)
	out[tLowerPrev2] = feat(tLowerPrev2, prev2)
	out[tLowerNext2] = feat(tLowerNext2, next2)
	out[tShape] = feat(tShape, t.shape)
	out[tShapePrevShape] = feat2(tShapePrevShape, pshape, t.shape)
	out[tShapeShapeNext] = feat2(tShapeShapeNext, t.shape, nshape)
	for k := 1; k <= 4; k++ {
		out[tPrefix1+k-1] = 0
		if p := prefix(t.lower, k); p != "" {
			out[tPrefix1+k-1] = feat(byte(tPrefix1+k-1), p)
		}
		out[tSuffix1+k-1] = 0
		if s := suffix(t.lower, k); s != "" {
			out[tSuffix1+k-1] = feat(byte(tSuffix1+k-1), s)
		}
	}
	out[tBigramPrev] = feat2(tBigramPrev, prev, t.lower)
	out[tBigramNext] = feat2(tBigramNext, t.lower, next)
	out[tGaz], out[tGazPrev], out[tGazNext] = 0, 0, 0
	if t.gaz != "" {
		out[tGaz] = feat(tGaz, t.gaz)
	}
	if pgaz != "" {
		out[tGazPrev] = feat(tGazPrev, pgaz)
	}
	if ngaz != "" {
		out[tGazNext] = feat(tGazNext, ngaz)
	}
	out[tFirstShape] = 0
	if i == 0 {
		out[tFirstShape] = feat(tFirstShape, t.shape)
	}
	out[tLowerPrevShape] = feat2(tLowerPrevShape, prev, t.shape)
	out[tShapeLowerNext] = feat2(tShapeLowerNext, t.shape, next)
	out[tCluster], out[tClusterPrev], out[tClusterNext] = 0, 0, 0
	if t.cluster != "" {
		out[tCluster] = feat(tCluster, t.cluster)
	}
	if pclu != "" {
		out[tClusterPrev] = feat(tClusterPrev, pclu)
	}
	if nclu != "" {
		out[tClusterNext] = feat(tClusterNext, nclu)
	}
	n := utf8.RuneCountInString(t.word)
	if n > 9 {
		n = 9
	}
	out[tShapeLen] = feat2(tShapeLen, t.shape, string(rune('0'+n)))
}

// dynamicFeatures writes the label-history features of toks[i] into out
// (len numDynamic), given the two labels before it (-1 before the start).
func dynamicFeatures(out []uint64, labels []string, toks []token, i, prev, prev2 int) {
	p, p2 := bos, bos
	if prev >= 0 {
		p = labels[prev]
	}
	if prev2 >= 0 {
		p2 = labels[prev2]
	}
	out[0] = feat(tPrevLabel, p)
	out[1] = feat2(tPrev2Label, p2, p)
	out[2] = feat2(tPrevLabelLower, p, toks[i].lower)
	out[3] = feat2(tPrevLabelShape, p, toks[i].shape)
}
