// Package tagger is a statistical sequence tagger for names: an averaged
// perceptron over hashed features (the word and its lower-cased form,
// shape, prefixes and suffixes, a window of two words each side,
// gazetteer membership, word clusters and the labels already chosen),
// decoded greedily left to right under BILOU constraints.
//
// It knows nothing of documents or entity types of the product: it reads
// sentences as lists of words and returns typed spans of them (PER, ORG,
// LOC, MISC for the shipped model). Package ner turns those into mentions.
//
// The shipped model (model/ner.bin) is trained by tools/trainner from
// CoNLL-2003 and re3d and embedded in the binary; Default loads it once,
// without copying its weights. See README.md for the training command and
// the file format.
package tagger

import (
	"encoding/binary"
	"slices"
	"sync"
)

// Span is a typed run of words: Words[Start:End] is a name of type Type.
type Span struct {
	Start, End int
	Type       string
}

// Model is a trained tagger. It is read-only and safe for concurrent use.
type Model struct {
	types  []string
	labels []string // "O", then B-, I-, L-, U- for each type
	mask   uint64
	// keys holds a uint32 per slot (0 for an empty slot) and wts the
	// slot's len(labels) int16 weights, little endian. Keys are apart from
	// weights so that the lookups of absent features, the most common
	// kind, stay in a small, cache-friendly array.
	keys   []byte
	wts    []byte  // as in the file
	w      []int16 // wts as numbers, read in place where the platform allows
	stride uint64  // bytes of weights per slot
	scale  float32
	// clusters maps a lower-cased word to its cluster's name.
	clusters map[string]string
	// trans[p] lists the labels allowed after label p (p = len(labels)
	// for the start of a sentence).
	trans [][]int
	// closing[y] is the label that ends a name where y continues it
	// (U- for B-, L- for I-), or -1.
	closing []int
	lhash   []uint64 // hashes of the labels' names
	// Rows of the features whose values are few, summed once at Load:
	// bias is the bias feature's; prev[p] that of the label before being
	// p (len(labels) for the sentence start), prev2[p2*(nl+1)+p] that of
	// the two labels before. Decoding adds them instead of looking them
	// up for every word.
	bias, prev, prev2 []int32
	pool              sync.Pool
}

// Types returns the entity types the model tags.
func (m *Model) Types() []string { return m.types }

// Labels returns the model's labels (BILOU over its types).
func (m *Model) Labels() []string { return m.labels }

// Features returns the number of features the model holds weights for.
func (m *Model) Features() int {
	n := 0
	for off := 0; off < len(m.keys); off += 4 {
		if binary.LittleEndian.Uint32(m.keys[off:]) != 0 {
			n++
		}
	}
	return n
}

// labelsFor returns the BILOU labels over types.
func labelsFor(types []string) []string {
	ls := []string{"O"}
	for _, t := range types {
		ls = append(ls, "B-"+t, "I-"+t, "L-"+t, "U-"+t)
	}
	return ls
}

// transitions returns, for each label (and the sentence start, last), the
// labels that may follow it: inside a name only I- or L- of its type,
// outside it O, B- or U- of any type.
func transitions(labels []string) [][]int {
	n := len(labels)
	tr := make([][]int, n+1)
	var outside []int
	for y, l := range labels {
		if l == "O" || l[0] == 'B' || l[0] == 'U' {
			outside = append(outside, y)
		}
	}
	for p := 0; p <= n; p++ {
		if p < n && (labels[p][0] == 'B' || labels[p][0] == 'I') {
			typ := labels[p][2:]
			for y, l := range labels {
				if (l[0] == 'I' || l[0] == 'L') && l[2:] == typ {
					tr[p] = append(tr[p], y)
				}
			}
			continue
		}
		tr[p] = outside
	}
	return tr
}

// closingLabels returns, for each label, the label that ends a name there
// instead of going on with it: U- for B-, L- for I-, -1 for the others.
func closingLabels(labels []string) []int {
	idx := map[string]int{}
	for i, l := range labels {
		idx[l] = i
	}
	out := make([]int, len(labels))
	for i, l := range labels {
		out[i] = -1
		switch l[0] {
		case 'B':
			out[i] = idx["U-"+l[2:]]
		case 'I':
			out[i] = idx["L-"+l[2:]]
		}
	}
	return out
}

// choose picks the best label allowed after label p (len(labels) at the
// start of a sentence). Inside a name only its I- and L- are allowed,
// which would let a greedy decoder that opened a name wrongly run it on
// over every word after; so when a label that may stand outside a name
// scores higher than any way of going on, the name is closed at the word
// before (its label becomes closePrev) and that label is taken.
func choose[T int32 | float32](trans [][]int, closing []int, scores []T, p int) (best, closePrev int) {
	best, closePrev = -1, -1
	for _, y := range trans[p] {
		if best < 0 || scores[y] > scores[best] {
			best = y
		}
	}
	if p >= len(closing) || closing[p] < 0 {
		return best, -1
	}
	out := -1
	for _, y := range trans[len(closing)] {
		if out < 0 || scores[y] > scores[out] {
			out = y
		}
	}
	if scores[out] > scores[best] {
		return out, closing[p]
	}
	return best, -1
}

// spans turns a label sequence into spans. A name left open at the end of
// the sentence ends there.
func spans(labels []string, ys []int) []Span {
	var out []Span
	start := -1
	for i, y := range ys {
		l := labels[y]
		switch l[0] {
		case 'U':
			out = append(out, Span{i, i + 1, l[2:]})
			start = -1
		case 'B':
			start = i
		case 'L':
			if start >= 0 {
				out = append(out, Span{start, i + 1, l[2:]})
			}
			start = -1
		case 'O':
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(ys), labels[ys[start]][2:]})
	}
	return out
}

// scratch is the per-call working memory of Tag, pooled.
type scratch struct {
	toks   []token
	buf    []byte
	ctx    [numStatic]uint64
	base   []int32 // static scores, len(words) × len(labels)
	dyn    [numDynamic]uint64
	scores []int32
	ys     []int
	// The features to look up, where their weights go (see dest), and
	// per feature its table key, then its slot (-1 for none).
	probes []uint64
	dests  []int32
	keys   []uint32
	rows   []int32
	// cache maps a word, per sentence case ('n', 'U', 'T' in that order),
	// to its entry: entryRows rows of summed weights in slab (its
	// word-only features, its roles in its neighbours' windows, its
	// label-history features after O), and its token's hashes in words
	// (at the entry's offset / entry size). Most words of a text are
	// frequent ones: their features are looked up once per scratch, not
	// once per use.
	cache [3]map[string]int32
	slab  []int32
	words []token
	// entries holds, per word of the sentence, the offset of its entry
	// in slab.
	entries []int32
}

// cacheWords bounds a scratch's word cache.
const cacheWords = 1 << 14

// wordOnly marks the static templates that depend on the word alone (and
// the sentence's case): those wordFeatures writes.
var wordOnly = func() [numStatic]bool {
	var w [numStatic]bool
	for _, t := range []int{tLower, tWord, tShape, tPrefix1, tPrefix2, tPrefix3, tPrefix4,
		tSuffix1, tSuffix2, tSuffix3, tSuffix4, tCluster, tShapeLen} {
		w[t] = true
	}
	return w
}()

// Tag returns the names among words, in order, without overlaps. gaz, if
// not nil, gives each word's gazetteer tag (see package ner); it must be
// computed the way it was for training.
func (m *Model) Tag(words, gaz []string) []Span {
	if len(words) == 0 {
		return nil
	}
	s, _ := m.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	defer m.pool.Put(s)
	n := len(words)
	nl := len(m.labels)
	if cap(s.scores) < nl {
		s.scores = make([]int32, nl)
	}
	s.scores = s.scores[:nl]
	m.staticScores(s, words, gaz)
	s.ys = s.ys[:0]
	prev, prev2 := -1, -1
	for i := 0; i < n; i++ {
		copy(s.scores, s.base[i*nl:(i+1)*nl])
		// The label-history features (see dynamicFeatures): the labels'
		// own from the rows summed at Load; the labels' with the word's
		// lower-cased form and shape from the word's cache entry when the
		// label before is O, as it mostly is, else looked up.
		p, p2 := prev, prev2
		if p < 0 {
			p = nl
		}
		if p2 < 0 {
			p2 = nl
		}
		addInts(s.scores, m.prev[p*nl:(p+1)*nl])
		addInts(s.scores, m.prev2[(p2*(nl+1)+p)*nl:(p2*(nl+1)+p+1)*nl])
		if prev == 0 {
			addInts(s.scores, s.entry(i, rowAfterO, nl))
		} else {
			dynamicFeatures(s.dyn[:], m.lhash, s.toks, i, prev, prev2)
			m.add(s.scores, s.dyn[2])
			m.add(s.scores, s.dyn[3])
		}
		best, closed := choose(m.trans, m.closing, s.scores, p)
		if closed >= 0 {
			s.ys[i-1] = closed
		}
		s.ys = append(s.ys, best)
		prev2, prev = prev, best
	}
	return spans(m.labels, s.ys)
}

// roles are the templates of a word's lower-cased form as seen from
// another word of the window: as the word before it, after it, two before
// and two after. Their weights depend on the word alone, so they are
// cached with it.
var roles = [numRoles]int{tLowerPrev, tLowerNext, tLowerPrev2, tLowerNext2}

const numRoles = 4

// A word's cache entry holds entryRows rows: the sum of its word-only
// features, one row per role, then rowAfterO, the sum of its two
// label-history features (label before with lower-cased form, with shape)
// when the label before is O.
const (
	rowAfterO = 1 + numRoles
	entryRows = rowAfterO + 1
)

// entry returns row k of the cache entry of word i.
func (s *scratch) entry(i, k, nl int) []int32 {
	off := int(s.entries[i]) + k*nl
	return s.slab[off : off+nl]
}

// caseIndex is the index in scratch.cache of a sentence case.
func caseIndex(sc byte) int {
	switch sc {
	case 'U':
		return 1
	case 'T':
		return 2
	}
	return 0
}

// staticScores prepares the sentence's tokens and sums the weights of
// every word's static features into s.base.
//
// A word's word-only features and its roles in its neighbours' windows
// are summed once per scratch into its cache entry (most words of a text
// are frequent ones). The features that remain, those of a word's
// context, and those of the words new to the cache, are collected first
// and looked up in three passes (first slots, then probing, then weights)
// rather than one feature at a time, so that the memory loads of a
// sentence, independent of each other, overlap instead of waiting on each
// other: the tables are larger than the CPU caches and the lookups are
// what reading costs.
func (m *Model) staticScores(s *scratch, words, gaz []string) {
	n := len(words)
	nl := len(m.labels)
	er := entryRows * nl
	sc := sentCase(words)
	cache := &s.cache[caseIndex(sc)]
	if len(s.cache[0])+len(s.cache[1])+len(s.cache[2]) >= cacheWords {
		s.cache = [3]map[string]int32{}
		s.slab, s.words = s.slab[:0], s.words[:0]
	}
	if *cache == nil {
		*cache = make(map[string]int32)
	}
	if cap(s.base) < n*nl {
		s.base = make([]int32, n*nl)
	}
	s.base = s.base[:n*nl]
	clear(s.base)
	s.toks = s.toks[:0]
	s.entries = s.entries[:0]
	s.probes, s.dests = s.probes[:0], s.dests[:0]
	// Tokens, and the features of the words new to the cache: their
	// entries are made now and filled by the lookups below (a word seen
	// twice in the sentence is new only the first time).
	var t token
	for i, w := range words {
		off, ok := (*cache)[w]
		if ok {
			t = s.words[int(off)/er]
		} else {
			t = token{}
			s.buf = prepareWord(&t, w, sc, m.clusters, s.buf)
			off = int32(len(s.slab))
			(*cache)[w] = off
			s.slab = slices.Grow(s.slab, er)[:int(off)+er]
			clear(s.slab[off:])
			s.words = append(s.words, t)
			wordFeatures(s.ctx[:], &t)
			for f, h := range s.ctx {
				if wordOnly[f] && h != 0 {
					s.probes = append(s.probes, h)
					s.dests = append(s.dests, -1-off)
				}
			}
			for k, f := range roles {
				s.probes = append(s.probes, feat(f, t.lower))
				s.dests = append(s.dests, -1-(off+int32((1+k)*nl)))
			}
			// As dynamicFeatures computes them after an O.
			ao := -1 - (off + int32(rowAfterO*nl))
			s.probes = append(s.probes, feat2(tPrevLabelLower, m.lhash[0], t.lower), feat2(tPrevLabelShape, m.lhash[0], t.shape))
			s.dests = append(s.dests, ao, ao)
		}
		t.gaz = gazHash(gaz, i)
		s.toks = append(s.toks, t)
		s.entries = append(s.entries, off)
	}
	// Every word's context features. The bias is m.bias; a window role
	// comes from the neighbour's cache entry, but at the edges of the
	// sentence, where the neighbour is a boundary marker, it is looked up.
	for i := range words {
		contextFeatures(s.ctx[:], s.toks, i)
		for f, h := range s.ctx {
			switch {
			case wordOnly[f] || h == 0 || f == tBias,
				f == tLowerPrev && i > 0, f == tLowerPrev2 && i > 1,
				f == tLowerNext && i+1 < n, f == tLowerNext2 && i+2 < n:
				continue
			}
			s.probes = append(s.probes, h)
			s.dests = append(s.dests, int32(i*nl))
		}
	}
	np := len(s.probes)
	if cap(s.keys) < np {
		s.keys = make([]uint32, np, 2*np)
		s.rows = make([]int32, np, 2*np)
	}
	s.keys, s.rows = s.keys[:np], s.rows[:np]
	for j, h := range s.probes {
		s.keys[j] = binary.LittleEndian.Uint32(m.keys[(h&m.mask)*4:])
	}
	for j, h := range s.probes {
		k := s.keys[j]
		switch {
		case k == 0:
			s.rows[j] = -1
		case k == uint32(h>>32)|1:
			s.rows[j] = int32(h & m.mask)
		default:
			s.rows[j] = m.find(h)
		}
	}
	for j, r := range s.rows {
		if r < 0 {
			continue
		}
		row := m.w[int(r)*nl : int(r+1)*nl]
		if d := int(s.dests[j]); d >= 0 {
			addRow(s.base[d:d+nl], row)
		} else {
			addRow(s.slab[-1-d:-1-d+nl], row)
		}
	}
	for i := 0; i < n; i++ {
		b := s.base[i*nl : (i+1)*nl]
		addInts(b, m.bias)
		addInts(b, s.entry(i, 0, nl))
		if i > 0 {
			addInts(b, s.entry(i-1, 1+0, nl)) // the word before, in its role tLowerPrev
		}
		if i+1 < n {
			addInts(b, s.entry(i+1, 1+1, nl))
		}
		if i > 1 {
			addInts(b, s.entry(i-2, 1+2, nl))
		}
		if i+2 < n {
			addInts(b, s.entry(i+2, 1+3, nl))
		}
	}
}

// sumRows fills m.bias, m.prev and m.prev2 with the weights of the
// features of the bias and of the labels before, for every label (and the
// sentence start) before, as dynamicFeatures hashes them.
func (m *Model) sumRows() {
	nl := len(m.labels)
	hash := func(p int) uint64 {
		if p == nl {
			return bosHash
		}
		return m.lhash[p]
	}
	m.bias = make([]int32, nl)
	m.add(m.bias, feat(tBias, 0))
	m.prev = make([]int32, (nl+1)*nl)
	m.prev2 = make([]int32, (nl+1)*(nl+1)*nl)
	for p := 0; p <= nl; p++ {
		m.add(m.prev[p*nl:(p+1)*nl], feat(tPrevLabel, hash(p)))
		for p2 := 0; p2 <= nl; p2++ {
			k := p2*(nl+1) + p
			m.add(m.prev2[k*nl:(k+1)*nl], feat2(tPrev2Label, hash(p2), hash(p)))
		}
	}
}

// find returns the slot of feature h, or -1.
func (m *Model) find(h uint64) int32 {
	check := uint32(h>>32) | 1
	slot := h & m.mask
	for {
		k := binary.LittleEndian.Uint32(m.keys[slot*4:])
		if k == 0 {
			return -1
		}
		if k == check {
			return int32(slot)
		}
		slot = (slot + 1) & m.mask
	}
}

// add adds the weights of feature h to scores.
func (m *Model) add(scores []int32, h uint64) {
	if h == 0 {
		return
	}
	check := uint32(h>>32) | 1
	slot := h & m.mask
	for {
		k := binary.LittleEndian.Uint32(m.keys[slot*4:])
		if k == 0 {
			return
		}
		if k == check {
			nl := uint64(len(scores))
			addRow(scores, m.w[slot*nl:(slot+1)*nl])
			return
		}
		slot = (slot + 1) & m.mask
	}
}

// addRow adds a row of weights to scores.
func addRow(scores []int32, w []int16) {
	w = w[:len(scores)]
	for y := range scores {
		scores[y] += int32(w[y])
	}
}

// addInts adds b to a.
func addInts(a, b []int32) {
	b = b[:len(a)]
	for y := range a {
		a[y] += b[y]
	}
}
