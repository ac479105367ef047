package tagger

import (
	"unicode"
	"unicode/utf8"
)

// Feature hashing. A feature is a template number and one or two values;
// it is hashed instead of interned, so that reading a sentence allocates
// nothing for its features and the model needs no string table. Each
// word's strings (its lower-cased form, its form as written, its shape,
// its prefixes and suffixes) are hashed once, with 64-bit FNV-1a, and the
// features combine those hashes with the template number through a mixer.
// Training keeps the full 64-bit hashes; the model file keeps a table slot
// (low bits) and a 32-bit check (high bits).

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9E3779B97F4A7C15
)

func hashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func hashBytes(h uint64, s []byte) uint64 {
	for _, c := range s {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// mix is the splitmix64 finaliser: it spreads every input bit over the
// output, so that slots and checks taken from its low and high bits are
// independent.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	if x == 0 {
		x = 1 // zero means "no feature"
	}
	return x
}

// feat is the feature of template t with value hash a.
func feat(t int, a uint64) uint64 { return mix(a + uint64(t+1)*golden) }

// feat2 is the feature of template t with value hashes a and b.
func feat2(t int, a, b uint64) uint64 { return mix(mix(a+uint64(t+1)*golden) ^ b) }

// Static templates: features of a word that do not depend on the labels
// chosen before it. Their numbers are part of the model (they go into
// every hash); add new ones at the end.
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
	numStatic // number of static feature slots per word
)

// Dynamic templates depend on the labels already chosen (greedy decoding).
const (
	tPrevLabel = 64 + iota
	tPrev2Label
	tPrevLabelLower
	tPrevLabelShape
	numDynamic = 4
)

// token is one word prepared for feature extraction: hashes of its
// strings. gaz and cluster are 0 when the word has none; a prefix or
// suffix hash is 0 when the word is not longer than it.
type token struct {
	lower, word, shape, gaz, cluster uint64
	pre, suf                         [4]uint64
	runes                            int
}

var (
	bosHash = hashString(fnvOffset, "<s>")
	eosHash = hashString(fnvOffset, "</s>")
)

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

// prepare fills toks for a sentence. gaz may be nil; clusters maps a
// lower-cased word to its cluster (may be nil).
func prepare(toks []token, words, gaz []string, clusters map[string]string, buf []byte) ([]token, []byte) {
	toks = toks[:0]
	sc := sentCase(words)
	for i, w := range words {
		var t token
		buf = prepareWord(&t, w, sc, clusters, buf)
		t.gaz = gazHash(gaz, i)
		toks = append(toks, t)
	}
	return toks, buf[:0]
}

// prepareWord sets the hashes of t that depend on the word alone (and the
// sentence's case sc): all but gaz. buf is scratch space, returned for
// reuse.
func prepareWord(t *token, w string, sc byte, clusters map[string]string, buf []byte) []byte {
	buf = buf[:0]
	buf = appendLower(buf, w)
	t.lower = hashBytes(fnvOffset, buf)
	t.word = hashString(fnvOffset, w)
	affixes(t, buf)
	if clusters != nil {
		if c, ok := clusters[string(buf)]; ok {
			t.cluster = hashString(fnvOffset, c)
		}
	}
	buf = buf[:0]
	buf = append(buf, sc)
	buf = shape(buf, w)
	t.shape = hashBytes(fnvOffset, buf)
	return buf
}

// gazHash returns the hash of word i's gazetteer tag, 0 for none.
func gazHash(gaz []string, i int) uint64 {
	if gaz != nil && gaz[i] != "" {
		return hashString(fnvOffset, gaz[i])
	}
	return 0
}

// appendLower appends w in lower case to buf, with typographic apostrophes
// made plain.
func appendLower(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, r := range w[i:] {
				if r == '’' {
					r = '\''
				}
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			return buf
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// affixes sets the hashes of the first and last one to four code points
// of the lower-cased word lw, and its length in code points. FNV-1a is
// incremental, so a prefix's hash is the running hash at its end; suffixes
// are hashed from the last byte backwards.
func affixes(t *token, lw []byte) {
	n := utf8.RuneCount(lw)
	t.runes = n
	h := uint64(fnvOffset)
	k := 0
	for i := 0; i < len(lw) && k < 4; {
		_, size := utf8.DecodeRune(lw[i:])
		for j := 0; j < size; j++ {
			h = hashByte(h, lw[i+j])
		}
		i += size
		k++
		if k < n {
			t.pre[k-1] = h
		}
	}
	h = fnvOffset
	k = 0
	for i := len(lw); i > 0 && k < 4; {
		_, size := utf8.DecodeLastRune(lw[:i])
		for j := i - 1; j >= i-size; j-- {
			h = hashByte(h, lw[j])
		}
		i -= size
		k++
		if k < n {
			t.suf[k-1] = h
		}
	}
}

// staticFeatures writes the static feature hashes of toks[i] into out
// (len numStatic); a zero hash is a feature that does not fire.
func staticFeatures(out []uint64, toks []token, i int) {
	wordFeatures(out, &toks[i])
	contextFeatures(out, toks, i)
}

// wordFeatures writes the static features of t that depend on the word
// alone (and the sentence's case): those wordOnly marks.
func wordFeatures(out []uint64, t *token) {
	out[tLower] = feat(tLower, t.lower)
	out[tWord] = feat(tWord, t.word)
	out[tShape] = feat(tShape, t.shape)
	for k := 0; k < 4; k++ {
		out[tPrefix1+k], out[tSuffix1+k] = 0, 0
		if t.pre[k] != 0 {
			out[tPrefix1+k] = feat(tPrefix1+k, t.pre[k])
		}
		if t.suf[k] != 0 {
			out[tSuffix1+k] = feat(tSuffix1+k, t.suf[k])
		}
	}
	out[tCluster] = 0
	if t.cluster != 0 {
		out[tCluster] = feat(tCluster, t.cluster)
	}
	n := t.runes
	if n > 9 {
		n = 9
	}
	out[tShapeLen] = feat2(tShapeLen, t.shape, uint64(n))
}

// contextFeatures writes the static features of toks[i] that depend on
// its neighbours, its position or its gazetteer tag: all but wordOnly's.
func contextFeatures(out []uint64, toks []token, i int) {
	t := &toks[i]
	prev, next, prev2, next2 := bosHash, eosHash, bosHash, eosHash
	pshape, nshape := bosHash, eosHash
	var pgaz, ngaz, pclu, nclu uint64
	if i > 0 {
		p := &toks[i-1]
		prev, pshape, pgaz, pclu = p.lower, p.shape, p.gaz, p.cluster
	} else {
		pgaz, pclu = bosHash, bosHash
	}
	if i > 1 {
		prev2 = toks[i-2].lower
	}
	if i+1 < len(toks) {
		n := &toks[i+1]
		next, nshape, ngaz, nclu = n.lower, n.shape, n.gaz, n.cluster
	} else {
		ngaz, nclu = eosHash, eosHash
	}
	if i+2 < len(toks) {
		next2 = toks[i+2].lower
	}
	out[tBias] = feat(tBias, 0)
	out[tLowerPrev] = feat(tLowerPrev, prev)
	out[tLowerNext] = feat(tLowerNext, next)
	out[tLowerPrev2] = feat(tLowerPrev2, prev2)
	out[tLowerNext2] = feat(tLowerNext2, next2)
	out[tShapePrevShape] = feat2(tShapePrevShape, pshape, t.shape)
	out[tShapeShapeNext] = feat2(tShapeShapeNext, t.shape, nshape)
	out[tBigramPrev] = feat2(tBigramPrev, prev, t.lower)
	out[tBigramNext] = feat2(tBigramNext, t.lower, next)
	out[tGaz], out[tGazPrev], out[tGazNext] = 0, 0, 0
	if t.gaz != 0 {
		out[tGaz] = feat(tGaz, t.gaz)
	}
	if pgaz != 0 {
		out[tGazPrev] = feat(tGazPrev, pgaz)
	}
	if ngaz != 0 {
		out[tGazNext] = feat(tGazNext, ngaz)
	}
	out[tFirstShape] = 0
	if i == 0 {
		out[tFirstShape] = feat(tFirstShape, t.shape)
	}
	out[tLowerPrevShape] = feat2(tLowerPrevShape, prev, t.shape)
	out[tShapeLowerNext] = feat2(tShapeLowerNext, t.shape, next)
	out[tClusterPrev], out[tClusterNext] = 0, 0
	if pclu != 0 {
		out[tClusterPrev] = feat(tClusterPrev, pclu)
	}
	if nclu != 0 {
		out[tClusterNext] = feat(tClusterNext, nclu)
	}
}

// labelHashes returns the hash of each label's name.
func labelHashes(labels []string) []uint64 {
	hs := make([]uint64, len(labels))
	for i, l := range labels {
		hs[i] = hashString(fnvOffset, l)
	}
	return hs
}

// dynamicFeatures writes the label-history features of toks[i] into out
// (len numDynamic), given the two labels before it (-1 before the start)
// and the hashes of the labels' names.
func dynamicFeatures(out []uint64, labels []uint64, toks []token, i, prev, prev2 int) {
	p, p2 := bosHash, bosHash
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
