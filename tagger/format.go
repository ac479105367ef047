package tagger

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"unsafe"
)

// The model file, little endian throughout:
//
//	"DTAG" version:uint32(3) scale:float32
//	ntypes:uint32 { len:uint8 type }            entity types, in label order
//	nclusters:uint32 { len:uint8 word len:uint8 cluster }   sorted by word
//	slots:uint32                                 a power of two
//	0 to 7 zero bytes                            so that keys start at a multiple of 8
//	keys:    slots × uint32                      0 = empty slot
//	weights: slots × nlabels × int16             weight × scale = learned weight
//
// A feature's 64-bit hash picks its first slot (low bits) and its key (high
// 32 bits, lowest bit set); collisions probe the next slots. Load reads the
// tables in place: the embedded model costs no copy and no parse time.

const (
	magic   = "DTAG"
	version = 3
)

// Load reads a model file. It keeps data (and reads it in place); data must
// not change afterwards.
func Load(data []byte) (*Model, error) {
	r := &reader{b: data}
	if string(r.bytes(4)) != magic {
		return nil, errors.New("not a tagger model (bad magic)")
	}
	if v := r.u32(); v != version && r.err == nil {
		return nil, fmt.Errorf("model version %d, want %d", v, version)
	}
	m := &Model{scale: math.Float32frombits(r.u32())}
	nt := r.u32()
	if nt == 0 || nt > 64 {
		r.fail(fmt.Sprintf("%d entity types", nt))
	}
	seen := map[string]bool{}
	for i := uint32(0); i < nt && r.err == nil; i++ {
		t := string(r.str())
		if t == "" || seen[t] {
			r.fail(fmt.Sprintf("entity type %q empty or repeated", t))
		}
		seen[t] = true
		m.types = append(m.types, t)
	}
	nc := r.u32()
	if uint64(nc)*2 > uint64(len(data)) {
		r.fail(fmt.Sprintf("%d clusters in a %d-byte file", nc, len(data)))
	}
	if nc > 0 && r.err == nil {
		m.clusters = make(map[string]string, nc)
		for i := uint32(0); i < nc && r.err == nil; i++ {
			w := string(r.str())
			m.clusters[w] = string(r.str())
		}
	}
	slots := uint64(r.u32())
	if r.err == nil && (slots == 0 || slots&(slots-1) != 0) {
		r.fail(fmt.Sprintf("%d slots is not a power of two", slots))
	}
	if pad := (8 - r.off%8) % 8; r.err == nil && pad > 0 {
		for _, c := range r.bytes(pad) {
			if c != 0 {
				r.fail("padding is not zero")
			}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	m.labels = labelsFor(m.types)
	m.stride = 2 * uint64(len(m.labels))
	if uint64(len(r.b)-r.off) != slots*(4+m.stride) {
		return nil, fmt.Errorf("model tables are %d bytes, want %d for %d slots", len(r.b)-r.off, slots*(4+m.stride), slots)
	}
	m.mask = slots - 1
	m.keys = r.bytes(int(slots * 4))
	m.wts = r.bytes(int(slots * m.stride))
	m.w = int16s(m.wts)
	// An empty slot must exist, or a lookup of an absent feature would
	// probe forever.
	empty := false
	for off := 0; off < len(m.keys); off += 4 {
		if binary.LittleEndian.Uint32(m.keys[off:]) == 0 {
			empty = true
			break
		}
	}
	if !empty {
		return nil, errors.New("model hash table has no empty slot")
	}
	m.trans = transitions(m.labels)
	m.closing = closingLabels(m.labels)
	m.lhash = labelHashes(m.labels)
	m.sumRows()
	return m, nil
}

type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = fmt.Errorf("model header at byte %d: %s", r.off, msg)
	}
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || len(r.b)-r.off < n {
		r.fail("truncated")
		return nil
	}
	b := r.b[r.off : r.off+n]
	r.off += n
	return b
}

func (r *reader) u32() uint32 {
	b := r.bytes(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *reader) str() []byte {
	b := r.bytes(1)
	if b == nil {
		return nil
	}
	return r.bytes(int(b[0]))
}

// build makes a model from learned float weights (one row of len(labels)
// per feature hash). Features whose largest weight is below minWeight are
// dropped; weights are stored as int16 under one scale. (Bytes with a
// shift per row would halve the tables, but cost 7 points of F1 on CoNLL
// dev: the decisions ride on small differences between labels.)
func build(types []string, clusters map[string]string, weights map[uint64][]float32, minWeight float32) (*Model, error) {
	labels := labelsFor(types)
	nl := len(labels)
	var max float32
	var hs []uint64
	for h, w := range weights {
		keep := false
		for _, x := range w {
			a := float32(math.Abs(float64(x)))
			if a >= minWeight && a > 0 {
				keep = true
			}
			if a > max {
				max = a
			}
		}
		if keep {
			hs = append(hs, h)
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	slots := uint64(1)
	for slots < uint64(len(hs))*4/3+1 {
		slots <<= 1
	}
	scale := max / 32767
	if scale == 0 {
		scale = 1
	}
	stride := 2 * uint64(nl)
	keys := make([]byte, slots*4)
	wts := make([]byte, slots*stride)
	mask := slots - 1
	for _, h := range hs {
		check := uint32(h>>32) | 1
		slot := h & mask
		for k := binary.LittleEndian.Uint32(keys[slot*4:]); k != 0; k = binary.LittleEndian.Uint32(keys[slot*4:]) {
			if k == check {
				// Two features with the same first slot and key: their
				// weights add up (rare; the model stays deterministic
				// because hs is sorted).
				break
			}
			slot = (slot + 1) & mask
		}
		binary.LittleEndian.PutUint32(keys[slot*4:], check)
		rec := wts[slot*stride : (slot+1)*stride]
		for y, x := range weights[h] {
			q := math.Round(float64(x / scale))
			q += float64(int16(binary.LittleEndian.Uint16(rec[2*y:])))
			q = math.Max(-32767, math.Min(32767, q))
			binary.LittleEndian.PutUint16(rec[2*y:], uint16(int16(q)))
		}
	}
	var b bytes.Buffer
	b.WriteString(magic)
	put32 := func(v uint32) { binary.Write(&b, binary.LittleEndian, v) }
	putStr := func(s string) error {
		if len(s) > 255 {
			return fmt.Errorf("string %.20q... longer than 255 bytes", s)
		}
		b.WriteByte(byte(len(s)))
		b.WriteString(s)
		return nil
	}
	put32(version)
	put32(math.Float32bits(scale))
	put32(uint32(len(types)))
	for _, t := range types {
		if err := putStr(t); err != nil {
			return nil, err
		}
	}
	words := make([]string, 0, len(clusters))
	for w := range clusters {
		if len(w) <= 255 && len(clusters[w]) <= 255 {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	put32(uint32(len(words)))
	for _, w := range words {
		putStr(w)
		putStr(clusters[w])
	}
	put32(uint32(slots))
	pad(&b)
	b.Write(keys)
	b.Write(wts)
	return Load(b.Bytes())
}

// Marshal returns the model file of m.
func (m *Model) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString(magic)
	binary.Write(&b, binary.LittleEndian, uint32(version))
	binary.Write(&b, binary.LittleEndian, math.Float32bits(m.scale))
	binary.Write(&b, binary.LittleEndian, uint32(len(m.types)))
	for _, t := range m.types {
		b.WriteByte(byte(len(t)))
		b.WriteString(t)
	}
	words := make([]string, 0, len(m.clusters))
	for w := range m.clusters {
		words = append(words, w)
	}
	sort.Strings(words)
	binary.Write(&b, binary.LittleEndian, uint32(len(words)))
	for _, w := range words {
		b.WriteByte(byte(len(w)))
		b.WriteString(w)
		c := m.clusters[w]
		b.WriteByte(byte(len(c)))
		b.WriteString(c)
	}
	binary.Write(&b, binary.LittleEndian, uint32(m.mask+1))
	pad(&b)
	b.Write(m.keys)
	b.Write(m.wts)
	return b.Bytes()
}

// pad writes zero bytes up to a multiple of 8.
func pad(b *bytes.Buffer) {
	for b.Len()%8 != 0 {
		b.WriteByte(0)
	}
}

// littleEndian says whether int16s may read the file's little-endian
// weights in place.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// int16s returns b (little-endian int16s) as a slice of numbers: b itself
// when the platform is little endian and b is aligned (the embedded model,
// whose tables start at a multiple of 8), else a copy.
func int16s(b []byte) []int16 {
	if len(b) < 2 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%2 == 0 {
		return unsafe.Slice((*int16)(unsafe.Pointer(&b[0])), len(b)/2)
	}
	out := make([]int16, len(b)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out
}
