package geonames

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
)

// The compact file ("DGAZ", version 1) is five sections after a fixed
// header, all little-endian, built so that a lookup is a binary search over
// the bytes as they lie (embedded in the binary or mapped from disk):
//
//	header   80 bytes: magic "DGAZ", version, counts, section offsets
//	places   32 bytes each: id u32, lat i32 and lon i32 (1e-5 degrees),
//	         population u32, name u32, admin1 u32, admin2 u32 (string
//	         offsets), country [2]byte, class byte, feature code byte
//	keys     8 bytes each: key u32 (string offset), place u32; sorted by
//	         key bytes, then place. A key is a folded name (Fold) or "~" and
//	         a consonant skeleton (Skeleton).
//	admins   8 bytes each: code u32 (string offset of "AF", "AF.18",
//	         "AF.18.1801"), place u32; sorted by code
//	strings  uvarint length and bytes each; offset 0 is the empty string
//
// Offsets are checked on every read, so a damaged file gives wrong answers
// or an error from Parse, never a crash.
const (
	magic      = "DGAZ"
	version    = 1
	headerSize = 80
	placeSize  = 32
	pairSize   = 8
)

// featureCodes are the GeoNames feature codes a place can carry; the file
// stores the index. A code not in the list is stored as "" (index 0).
var featureCodes = []string{"",
	"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLCH", "PPLF", "PPLG", "PPLH",
	"PPLL", "PPLQ", "PPLR", "PPLS", "PPLW", "PPLX", "STLMT",
	"ADM1", "ADM2", "ADM3", "ADM4", "ADM5", "ADMD", "ADM1H", "ADM2H", "ADM3H", "ADM4H", "ADMDH",
	"PCL", "PCLD", "PCLF", "PCLH", "PCLI", "PCLIX", "PCLS", "PRSH", "TERR", "ZN", "ZNB", "LTER",
}

var featureIndex = func() map[string]byte {
	m := make(map[string]byte, len(featureCodes))
	for i, c := range featureCodes {
		m[c] = byte(i)
	}
	return m
}()

type header struct {
	places, keys, admins uint32
	placesOff, keysOff   uint64
	adminsOff            uint64
	stringsOff           uint64
	stringsLen           uint64
	meta                 uint32 // string offset of the description
}

func (h *header) put(b []byte) {
	copy(b, magic)
	le := binary.LittleEndian
	le.PutUint32(b[4:], version)
	le.PutUint32(b[8:], h.places)
	le.PutUint32(b[12:], h.keys)
	le.PutUint32(b[16:], h.admins)
	le.PutUint32(b[20:], h.meta)
	le.PutUint64(b[24:], h.placesOff)
	le.PutUint64(b[32:], h.keysOff)
	le.PutUint64(b[40:], h.adminsOff)
	le.PutUint64(b[48:], h.stringsOff)
	le.PutUint64(b[56:], h.stringsLen)
}

// ErrFormat says a file is not a gazetteer this version can read.
var ErrFormat = errors.New("not a dossier gazetteer file (DGAZ version 1)")

// Gazetteer is a read-only gazetteer over the bytes of a compact file. It
// is safe for concurrent use.
type Gazetteer struct {
	data    []byte
	h       header
	strs    []byte
	release func() error
	// Source says where the data came from (a file path, or "embedded").
	Source string
}

// Parse checks the header of a compact file and returns a gazetteer over
// data, which must not change while the gazetteer is in use.
func Parse(data []byte) (*Gazetteer, error) {
	if len(data) < headerSize || string(data[:4]) != magic {
		return nil, ErrFormat
	}
	le := binary.LittleEndian
	if v := le.Uint32(data[4:]); v != version {
		return nil, fmt.Errorf("%w: version %d", ErrFormat, v)
	}
	h := header{
		places: le.Uint32(data[8:]), keys: le.Uint32(data[12:]), admins: le.Uint32(data[16:]),
		meta: le.Uint32(data[20:]), placesOff: le.Uint64(data[24:]), keysOff: le.Uint64(data[32:]),
		adminsOff: le.Uint64(data[40:]), stringsOff: le.Uint64(data[48:]), stringsLen: le.Uint64(data[56:]),
	}
	n := uint64(len(data))
	within := func(off, size uint64) bool { return off >= headerSize && off <= n && size <= n-off }
	switch {
	case !within(h.placesOff, uint64(h.places)*placeSize),
		!within(h.keysOff, uint64(h.keys)*pairSize),
		!within(h.adminsOff, uint64(h.admins)*pairSize),
		!within(h.stringsOff, h.stringsLen):
		return nil, fmt.Errorf("%w: a section lies outside the file", ErrFormat)
	}
	g := &Gazetteer{data: data, h: h, strs: data[h.stringsOff : h.stringsOff+h.stringsLen]}
	return g, nil
}

// Close releases the file a gazetteer was opened from.
func (g *Gazetteer) Close() error {
	if g.release != nil {
		err := g.release()
		g.release = nil
		return err
	}
	return nil
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return int(g.h.places) }

// Keys is the number of name keys.
func (g *Gazetteer) Keys() int { return int(g.h.keys) }

// Size is the size of the compact file in bytes.
func (g *Gazetteer) Size() int { return len(g.data) }

// Description says what data the file was built from.
func (g *Gazetteer) Description() string { return string(g.str(g.h.meta)) }

// str returns the string at off, or nil when off is out of range.
func (g *Gazetteer) str(off uint32) []byte {
	if uint64(off) >= uint64(len(g.strs)) {
		return nil
	}
	b := g.strs[off:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil
	}
	return b[k : k+int(n)]
}

// Place returns the place at index i (0 <= i < Len).
func (g *Gazetteer) Place(i int) Place {
	if i < 0 || i >= g.Len() {
		return Place{Index: -1}
	}
	r := g.data[g.h.placesOff+uint64(i)*placeSize:][:placeSize]
	le := binary.LittleEndian
	p := Place{
		Index:      i,
		ID:         le.Uint32(r[0:]),
		Lat:        float64(int32(le.Uint32(r[4:]))) / 1e5,
		Lon:        float64(int32(le.Uint32(r[8:]))) / 1e5,
		Population: le.Uint32(r[12:]),
		Name:       string(g.str(le.Uint32(r[16:]))),
		Admin1:     string(g.str(le.Uint32(r[20:]))),
		Admin2:     string(g.str(le.Uint32(r[24:]))),
		Class:      r[30],
	}
	if r[28] != 0 {
		p.Country = string(r[28:30])
	}
	if int(r[31]) < len(featureCodes) {
		p.Code = featureCodes[r[31]]
	}
	return p
}

// pair returns the i-th entry of the keys or admins section.
func (g *Gazetteer) pair(off uint64, i int) (str uint32, place uint32) {
	r := g.data[off+uint64(i)*pairSize:][:pairSize]
	return binary.LittleEndian.Uint32(r), binary.LittleEndian.Uint32(r[4:])
}

// search returns the places whose entry in a sorted pair section equals key.
func (g *Gazetteer) search(off uint64, n int, key []byte) []int {
	lo := sort.Search(n, func(i int) bool {
		s, _ := g.pair(off, i)
		return bytes.Compare(g.str(s), key) >= 0
	})
	var out []int
	for i := lo; i < n; i++ {
		s, p := g.pair(off, i)
		if !bytes.Equal(g.str(s), key) {
			break
		}
		if int(p) < g.Len() {
			out = append(out, int(p))
		}
	}
	return out
}

// Lookup returns the places a name may refer to: those with a name or
// alternate name that folds (Fold) to the same key, then those whose
// consonant skeleton matches (Variant), each place once. The order is the
// file's; ranking is the caller's business (package geo).
func (g *Gazetteer) Lookup(name string) []Candidate {
	f := Fold(name)
	if f == "" {
		return nil
	}
	var out []Candidate
	seen := map[int]bool{}
	for _, i := range g.search(g.h.keysOff, g.Keys(), []byte(f)) {
		if !seen[i] {
			seen[i] = true
			out = append(out, Candidate{g.Place(i), Exact})
		}
	}
	if sk := Skeleton(f); sk != "" {
		for _, i := range g.search(g.h.keysOff, g.Keys(), []byte("~"+sk)) {
			if !seen[i] {
				seen[i] = true
				out = append(out, Candidate{g.Place(i), Variant})
			}
		}
	}
	return out
}

// Admin returns the division or country with a GeoNames admin code: "AF"
// (a country), "AF.18" (admin1), "AF.18.1801" (admin2).
func (g *Gazetteer) Admin(code string) (Place, bool) {
	ps := g.search(g.h.adminsOff, int(g.h.admins), []byte(code))
	if len(ps) == 0 {
		return Place{Index: -1}, false
	}
	return g.Place(ps[0]), true
}

// Admin1Name returns the name of the first-level division a place lies in
// (or is), "" when unknown.
func (g *Gazetteer) Admin1Name(p Place) string {
	if p.Admin1 == "" {
		return ""
	}
	a, ok := g.Admin(p.Country + "." + p.Admin1)
	if !ok {
		return ""
	}
	return a.Name
}

// Distance is the great-circle distance in kilometres between two points.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
