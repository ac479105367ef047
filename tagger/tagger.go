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
	pool    sync.Pool
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
	static []uint64
	feats  []uint64 // static features, then roles (see staticScores)
	keys   []uint32
	rows   []int32
	base   []int32 // static scores, len(words) × len(labels)
	dyn    [numDynamic]uint64
	scores []int32
	ys     []int
	// cache holds, per word (and sentence case), the summed weights of
	// its word-only features and of its roles (entryRows rows), as
	// offsets into slab: frequent words are looked up once per scratch,
	// not once per use.
	cache map[wordKey]int32
	slab  []int32
	// fresh holds, per word, the offset into wv of its new cache entry,
	// or -1-offset into slab of its entry when it has one.
	fresh []int32
	wv    []int32
	sc    byte
}

type wordKey struct {
	sc byte
	w  string
}

// cacheWords bounds a scratch's word cache.
const cacheWords = 1 << 14

// wordOnly marks the static templates that depend on the word alone (and
// the sentence's case).
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
	s.toks, s.buf = prepare(s.toks, words, gaz, m.clusters, s.buf)
	s.sc = sentCase(words)
	n := len(words)
	if cap(s.static) < n*numStatic {
		s.static = make([]uint64, n*numStatic)
	}
	s.static = s.static[:n*numStatic]
	for i := 0; i < n; i++ {
		staticFeatures(s.static[i*numStatic:(i+1)*numStatic], s.toks, i)
	}
	nl := len(m.labels)
	if cap(s.scores) < nl {
		s.scores = make([]int32, nl)
	}
	s.scores = s.scores[:nl]
	m.staticScores(s, words)
	s.ys = s.ys[:0]
	prev, prev2 := -1, -1
	for i := 0; i < n; i++ {
		copy(s.scores, s.base[i*nl:(i+1)*nl])
		dynamicFeatures(s.dyn[:], m.lhash, s.toks, i, prev, prev2)
		for _, h := range s.dyn {
			m.add(s.scores, h)
		}
		p := prev
		if p < 0 {
			p = nl
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

// entryRows is the size of a word's cache entry in rows: its word-only
// features' sum, then one row per role.
const entryRows = 1 + numRoles

// staticScores sums the weights of every word's static features into
// s.base. A word's word-only features and its roles in its neighbours'
// windows are summed once per scratch and cached (most words of a text
// are frequent ones); the rest are looked up in three passes (first
// slots, then probing, then weights) rather than one feature at a time,
// so that the memory loads of a sentence, independent of each other,
// overlap instead of waiting on each other: the tables are larger than
// the CPU caches and the lookups are what reading costs.
func (m *Model) staticScores(s *scratch, words []string) {
	n := len(words)
	nl := len(m.labels)
	er := entryRows * nl
	if cap(s.base) < n*nl {
		s.base = make([]int32, n*nl)
	}
	if cap(s.wv) < n*er {
		s.wv = make([]int32, n*er)
	}
	if cap(s.fresh) < n {
		s.fresh = make([]int32, n)
	}
	s.base, s.wv, s.fresh = s.base[:n*nl], s.wv[:n*er], s.fresh[:n]
	clear(s.base)
	clear(s.wv)
	if s.cache == nil || len(s.cache) >= cacheWords {
		s.cache, s.slab = make(map[wordKey]int32), s.slab[:0]
	}
	// Features: numStatic per word, then numRoles per word not cached.
	nf := n * (numStatic + numRoles)
	if cap(s.feats) < nf {
		s.feats = make([]uint64, nf)
		s.keys = make([]uint32, nf)
		s.rows = make([]int32, nf)
	}
	s.feats, s.keys, s.rows = s.feats[:nf], s.keys[:nf], s.rows[:nf]
	copy(s.feats, s.static)
	rf := s.feats[n*numStatic:]
	for i, w := range words {
		feats := s.feats[i*numStatic : (i+1)*numStatic]
		// The window's words come from their cache entries.
		if i > 0 {
			feats[tLowerPrev] = 0
		}
		if i > 1 {
			feats[tLowerPrev2] = 0
		}
		if i+1 < n {
			feats[tLowerNext] = 0
		}
		if i+2 < n {
			feats[tLowerNext2] = 0
		}
		r := rf[i*numRoles : (i+1)*numRoles]
		if off, ok := s.cache[wordKey{s.sc, w}]; ok {
			s.fresh[i] = -1 - off
			for t := range feats {
				if wordOnly[t] {
					feats[t] = 0
				}
			}
			clear(r)
			continue
		}
		s.fresh[i] = int32(i * er)
		for k, t := range roles {
			r[k] = feat(t, s.toks[i].lower)
		}
	}
	for j, h := range s.feats {
		s.keys[j] = binary.LittleEndian.Uint32(m.keys[(h&m.mask)*4:])
	}
	for j, h := range s.feats {
		k := s.keys[j]
		check := uint32(h>>32) | 1
		switch {
		case h == 0 || k == 0:
			s.rows[j] = -1
		case k == check:
			s.rows[j] = int32(h & m.mask)
		default:
			s.rows[j] = m.find(h)
		}
	}
	// A fresh word's word-only features and roles go to its entry in wv,
	// the rest of every word's features to base.
	ns := n * numStatic
	for j, r := range s.rows {
		if r < 0 {
			continue
		}
		row := m.w[int(r)*nl : int(r+1)*nl]
		if j >= ns {
			i, k := (j-ns)/numRoles, (j-ns)%numRoles
			off := i*er + (1+k)*nl
			addRow(s.wv[off:off+nl], row)
			continue
		}
		i := j / numStatic
		if wordOnly[j%numStatic] {
			addRow(s.wv[i*er:i*er+nl], row)
		} else {
			addRow(s.base[i*nl:(i+1)*nl], row)
		}
	}
	for i, off := range s.fresh {
		if off >= 0 {
			s.fresh[i] = -1 - int32(len(s.slab))
			s.cache[wordKey{s.sc, words[i]}] = int32(len(s.slab))
			s.slab = append(s.slab, s.wv[off:int(off)+er]...)
		}
	}
	entry := func(i, row int) []int32 {
		off := int(-1-s.fresh[i]) + row*nl
		return s.slab[off : off+nl]
	}
	for i := 0; i < n; i++ {
		b := s.base[i*nl : (i+1)*nl]
		addInts(b, entry(i, 0))
		if i > 0 {
			addInts(b, entry(i-1, 1+0)) // the word before, in its role tLowerPrev
		}
		if i+1 < n {
			addInts(b, entry(i+1, 1+1))
		}
		if i > 1 {
			addInts(b, entry(i-2, 1+2))
		}
		if i+2 < n {
			addInts(b, entry(i+2, 1+3))
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
