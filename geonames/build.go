package geonames

import (
	"bufio"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Record is one place as a GeoNames dump or package gives it.
type Record struct {
	ID         uint32
	Name       string
	ASCII      string
	Alternates []string
	Lat, Lon   float64
	Class      byte
	Code       string
	Country    string
	Admin1     string
	Admin2     string
	Population uint64
}

// Builder writes a compact gazetteer file from records given one at a time.
// Memory stays bounded whatever the input size: places and strings go
// straight to temporary files, name keys are sorted in chunks spilled to
// disk and merged at the end; only per-division sums, the division names and
// an id index (8 bytes a place) are held.
type Builder struct {
	// Description is stored in the file and shown by `dossier gazetteer info`.
	Description string
	// ChunkKeys is how many name keys are sorted in memory before they are
	// spilled to a temporary file; 0 means 1<<20.
	ChunkKeys int

	dir      string
	placesF  *os.File
	places   *bufio.Writer
	nPlaces  uint32
	strsF    *os.File
	strs     *bufio.Writer
	strsLen  uint64
	shared   map[string]uint32 // offsets of short repeated strings (admin codes)
	chunk    []keyEntry
	chunks   []string
	ids      []uint64 // id<<32 | place index
	admins   map[string]uint32
	adminPCL map[string]bool
	names    map[string]*division
	sums     map[string]*accum
	keyBuf   []string
}

type keyEntry struct {
	key   string
	place uint32 // place index, or a GeoNames id with idFlag set
}

// idFlag marks a key entry whose place is a GeoNames id still to be
// resolved (an alternate name given by id).
const idFlag = 1 << 31

type division struct {
	names []string
	id    uint32
}

type accum struct {
	lat, lon float64
	n        int
	pop      uint64
}

// NewBuilder returns a builder keeping its temporary files in a new folder
// under dir ("" for the system default). Close removes them.
func NewBuilder(dir string) (*Builder, error) {
	tmp, err := os.MkdirTemp(dir, "dossier-gazetteer-")
	if err != nil {
		return nil, err
	}
	b := &Builder{dir: tmp, shared: map[string]uint32{}, admins: map[string]uint32{},
		adminPCL: map[string]bool{}, names: map[string]*division{}, sums: map[string]*accum{}}
	if b.placesF, err = os.Create(filepath.Join(tmp, "places")); err != nil {
		b.Close()
		return nil, err
	}
	if b.strsF, err = os.Create(filepath.Join(tmp, "strings")); err != nil {
		b.Close()
		return nil, err
	}
	b.places = bufio.NewWriterSize(b.placesF, 1<<16)
	b.strs = bufio.NewWriterSize(b.strsF, 1<<16)
	b.writeString("") // offset 0 is the empty string
	return b, nil
}

// Close removes the builder's temporary files.
func (b *Builder) Close() error {
	for _, f := range []*os.File{b.placesF, b.strsF} {
		if f != nil {
			f.Close()
		}
	}
	return os.RemoveAll(b.dir)
}

// Places is the number of places added so far.
func (b *Builder) Places() int { return int(b.nPlaces) }

func (b *Builder) writeString(s string) uint32 {
	off := b.strsLen
	var n [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(n[:], uint64(len(s)))
	b.strs.Write(n[:k])
	b.strs.WriteString(s)
	b.strsLen += uint64(k + len(s))
	return uint32(off)
}

func (b *Builder) sharedString(s string) uint32 {
	if s == "" {
		return 0
	}
	if off, ok := b.shared[s]; ok {
		return off
	}
	off := b.writeString(s)
	b.shared[s] = off
	return off
}

// ErrRecord is wrapped by AddPlace's errors about a bad record.
var ErrRecord = errors.New("bad record")

// AddPlace adds a populated place or an administrative division. Records of
// other feature classes are skipped (false, nil). An error says what is
// wrong with the record; the builder stays usable.
func (b *Builder) AddPlace(r Record) (bool, error) {
	if r.Class != ClassAdmin && r.Class != ClassPopulated {
		return false, nil
	}
	switch {
	case r.Name == "":
		return false, fmt.Errorf("%w: no name", ErrRecord)
	case math.IsNaN(r.Lat) || math.IsNaN(r.Lon) || r.Lat < -90 || r.Lat > 90 || r.Lon < -180 || r.Lon > 180:
		return false, fmt.Errorf("%w: coordinates %v,%v out of range", ErrRecord, r.Lat, r.Lon)
	case r.Country != "" && !isCountryCode(r.Country):
		return false, fmt.Errorf("%w: country code %q", ErrRecord, r.Country)
	case r.ID >= idFlag:
		return false, fmt.Errorf("%w: id %d too large", ErrRecord, r.ID)
	}
	if b.strsLen > math.MaxUint32-1<<20 || b.nPlaces >= idFlag-1 {
		return false, errors.New("gazetteer too large: the file format holds 4 GB of names and 2^31 places")
	}
	idx := b.nPlaces
	if err := b.writePlace(r); err != nil {
		return false, err
	}
	if r.ID != 0 {
		b.ids = append(b.ids, uint64(r.ID)<<32|uint64(idx))
	}
	p := Place{Class: r.Class, Code: r.Code, Country: r.Country, Admin1: r.Admin1, Admin2: r.Admin2}
	if lvl := p.Level(); lvl >= 0 && r.Country != "" && (lvl == 0 || r.Admin1 != "" && r.Admin1 != "00") && (lvl != 2 || r.Admin2 != "") {
		code := p.AdminCode()
		pcli := r.Code == "PCLI"
		if _, ok := b.admins[code]; !ok || pcli && !b.adminPCL[code] {
			b.admins[code] = idx
			b.adminPCL[code] = pcli
		}
	}
	if r.Class == ClassPopulated && r.Country != "" {
		b.sum(r.Country, r)
		if r.Admin1 != "" && r.Admin1 != "00" {
			b.sum(r.Country+"."+r.Admin1, r)
			if r.Admin2 != "" {
				b.sum(r.Country+"."+r.Admin1+"."+r.Admin2, r)
			}
		}
	}
	names := append([]string{r.Name, r.ASCII}, r.Alternates...)
	b.addKeys(idx, names, r.Class == ClassAdmin, important(r), true)
	return true, b.spillIfFull()
}

func (b *Builder) sum(code string, r Record) {
	a := b.sums[code]
	if a == nil {
		a = &accum{}
		b.sums[code] = a
	}
	a.lat += r.Lat
	a.lon += r.Lon
	a.n++
	a.pop += r.Population
}

func (b *Builder) writePlace(r Record) error {
	var rec [placeSize]byte
	le := binary.LittleEndian
	le.PutUint32(rec[0:], r.ID)
	le.PutUint32(rec[4:], uint32(int32(math.Round(r.Lat*1e5))))
	le.PutUint32(rec[8:], uint32(int32(math.Round(r.Lon*1e5))))
	le.PutUint32(rec[12:], uint32(min(r.Population, math.MaxUint32)))
	le.PutUint32(rec[16:], b.writeString(r.Name))
	le.PutUint32(rec[20:], b.sharedString(r.Admin1))
	le.PutUint32(rec[24:], b.sharedString(r.Admin2))
	copy(rec[28:30], r.Country)
	rec[30] = r.Class
	rec[31] = featureIndex[r.Code]
	if _, err := b.places.Write(rec[:]); err != nil {
		return err
	}
	b.nPlaces++
	return nil
}

// important says whether a place is well known enough to be found by its
// consonant skeleton too: divisions down to the second level, capitals and
// seats of first- and second-level divisions, and towns of 20,000 or more.
func important(r Record) bool {
	switch r.Code {
	case "PPLC", "PPLA", "PPLA2", "ADM1", "ADM2", "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR":
		return true
	}
	return r.Population >= 20000
}

// addKeys adds the search keys of a place's names.
func (b *Builder) addKeys(place uint32, names []string, admin, skeleton, dump bool) {
	keys := b.keyBuf[:0]
	add := func(k string) {
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for i, n := range names {
		if dump && i >= 2 && looksLikeCode(n) {
			continue // airport and postal codes among GeoNames' alternate names
		}
		k := Fold(n)
		if len(k) > 80 {
			continue
		}
		add(k)
		if admin {
			add(trimAdminSuffix(k))
		}
	}
	if skeleton {
		// Skeletons of the main names only: those of every alternate name
		// (old, foreign, misspelt) would match too much.
		for i, name := range names {
			if i >= 2 && dump {
				break
			}
			k := Fold(name)
			if k == "" || len(k) > 80 {
				continue
			}
			if s := Skeleton(k); s != "" {
				add("~" + s)
			}
			if admin {
				if s := Skeleton(trimAdminSuffix(k)); s != "" {
					add("~" + s)
				}
			}
		}
	}
	for _, k := range keys {
		b.chunk = append(b.chunk, keyEntry{k, place})
	}
	b.keyBuf = keys
}

// looksLikeCode reports whether an alternate name is a code (KBL, 3001,
// AF-NAN) rather than a name.
func looksLikeCode(s string) bool {
	if len(s) <= 4 {
		for _, r := range s {
			if r >= 'a' && r <= 'z' {
				return false
			}
		}
		return true
	}
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r > 0x7f {
			return false
		}
	}
	return strings.ContainsAny(s, "0123456789-")
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// AddAlternate adds a name for the place with a GeoNames id (from
// alternateNamesV2.txt). Names for ids that are not added are dropped.
func (b *Builder) AddAlternate(id uint32, name string) error {
	if id == 0 || id >= idFlag || looksLikeCode(name) {
		return nil
	}
	if k := Fold(name); k != "" && len(k) <= 80 {
		b.chunk = append(b.chunk, keyEntry{k, id | idFlag})
	}
	return b.spillIfFull()
}

// AddDivision names a country ("AF") or division ("AF.18", "AF.18.1801"):
// the first name is its name, the rest alternate spellings; id is its
// GeoNames id if known. A division that no added record is gets a place of
// its own at Finish, at the mean position of the populated places in it.
func (b *Builder) AddDivision(code string, id uint32, names ...string) {
	d := b.names[code]
	if d == nil {
		d = &division{id: id}
		b.names[code] = d
	}
	if d.id == 0 {
		d.id = id
	}
	for _, n := range names {
		if n != "" && !slices.Contains(d.names, n) {
			d.names = append(d.names, n)
		}
	}
}

func (b *Builder) spillIfFull() error {
	max := b.ChunkKeys
	if max <= 0 {
		max = 1 << 20
	}
	if len(b.chunk) < max {
		return nil
	}
	return b.spill()
}

func sortKeys(c []keyEntry) {
	slices.SortFunc(c, func(a, b keyEntry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.place, b.place)
	})
}

func (b *Builder) spill() error {
	sortKeys(b.chunk)
	name := filepath.Join(b.dir, fmt.Sprintf("keys%d", len(b.chunks)))
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	for _, e := range b.chunk {
		writeEntry(w, e)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	b.chunks = append(b.chunks, name)
	b.chunk = b.chunk[:0]
	return nil
}

func writeEntry(w *bufio.Writer, e keyEntry) {
	var n [binary.MaxVarintLen64 + 4]byte
	k := binary.PutUvarint(n[:], uint64(len(e.key)))
	w.Write(n[:k])
	w.WriteString(e.key)
	binary.LittleEndian.PutUint32(n[:4], e.place)
	w.Write(n[:4])
}

func readEntry(r *bufio.Reader) (keyEntry, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return keyEntry{}, err
	}
	buf := make([]byte, n+4)
	if _, err := io.ReadFull(r, buf); err != nil {
		return keyEntry{}, err
	}
	return keyEntry{string(buf[:n]), binary.LittleEndian.Uint32(buf[n:])}, nil
}

// synthesize gives every named division that no record is a place of its
// own, and adds the division names as keys of their places.
func (b *Builder) synthesize() error {
	codes := make([]string, 0, len(b.names))
	for c := range b.names {
		codes = append(codes, c)
	}
	slices.Sort(codes) // deterministic output
	for _, code := range codes {
		d := b.names[code]
		if len(d.names) == 0 {
			continue
		}
		idx, ok := b.admins[code]
		if !ok {
			parts := strings.SplitN(code, ".", 3)
			a := b.sums[code]
			if (a == nil || a.n == 0) && len(parts) == 3 {
				// A second-level division with no populated place in the
				// data (Narayanpur district, India; many Afghan districts)
				// still says which first-level division a name is in: it is
				// placed at that division's mean position, its population
				// unknown (0).
				if p := b.sums[parts[0]+"."+parts[1]]; p != nil && p.n > 0 {
					a = &accum{lat: p.lat, lon: p.lon, n: p.n}
				}
			}
			if a == nil || a.n == 0 {
				continue // no place in it nor in its division: no position to give it
			}
			r := Record{ID: d.id, Name: d.names[0], Class: ClassAdmin, Country: parts[0],
				Lat: a.lat / float64(a.n), Lon: a.lon / float64(a.n), Population: a.pop}
			switch len(parts) {
			case 1:
				r.Code = "PCLI"
			case 2:
				r.Code, r.Admin1 = "ADM1", parts[1]
			case 3:
				r.Code, r.Admin1, r.Admin2 = "ADM2", parts[1], parts[2]
			}
			if !isCountryCode(r.Country) {
				continue
			}
			idx = b.nPlaces
			if err := b.writePlace(r); err != nil {
				return err
			}
			b.admins[code] = idx
			if d.id != 0 {
				b.ids = append(b.ids, uint64(d.id)<<32|uint64(idx))
			}
		}
		b.addKeys(idx, withDirections(d.names), true, true, false)
		if err := b.spillIfFull(); err != nil {
			return err
		}
	}
	return nil
}

// WriteFile finishes the gazetteer and writes it to path, through a
// temporary file renamed into place, so that a failure leaves any older
// file at path as it was. The builder cannot be used afterwards.
func (b *Builder) WriteFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gazetteer-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := b.finish(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (b *Builder) finish(out *os.File) error {
	if err := b.synthesize(); err != nil {
		return err
	}
	slices.Sort(b.ids)
	meta := b.writeString(b.Description)

	// Merge the sorted key chunks, resolving ids, into the keys section;
	// each distinct key's string is written once.
	keysF, err := os.Create(filepath.Join(b.dir, "keys"))
	if err != nil {
		return err
	}
	defer keysF.Close()
	kw := bufio.NewWriterSize(keysF, 1<<16)
	var nKeys uint32
	var lastKey string
	var lastOff uint32
	var group []uint32
	emit := func(e keyEntry) {
		place := e.place
		if place&idFlag != 0 {
			id := uint64(place &^ idFlag)
			i, ok := slices.BinarySearchFunc(b.ids, id, func(v, id uint64) int { return int(v>>32) - int(id) })
			if !ok {
				return
			}
			place = uint32(b.ids[i])
		}
		if e.key != lastKey || nKeys == 0 {
			lastKey, lastOff, group = e.key, b.writeString(e.key), group[:0]
		}
		if slices.Contains(group, place) {
			return
		}
		group = append(group, place)
		var rec [pairSize]byte
		binary.LittleEndian.PutUint32(rec[:], lastOff)
		binary.LittleEndian.PutUint32(rec[4:], place)
		kw.Write(rec[:])
		nKeys++
	}
	if len(b.chunks) == 0 {
		sortKeys(b.chunk)
		for _, e := range b.chunk {
			emit(e)
		}
	} else {
		if len(b.chunk) > 0 {
			if err := b.spill(); err != nil {
				return err
			}
		}
		if err := b.merge(emit); err != nil {
			return err
		}
	}
	b.chunk = nil
	if err := kw.Flush(); err != nil {
		return err
	}

	// Admin codes, sorted.
	codes := make([]string, 0, len(b.admins))
	for c := range b.admins {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	admins := make([]byte, 0, len(codes)*pairSize)
	for _, c := range codes {
		admins = binary.LittleEndian.AppendUint32(admins, b.sharedString(c))
		admins = binary.LittleEndian.AppendUint32(admins, b.admins[c])
	}
	if b.strsLen > math.MaxUint32 {
		return errors.New("gazetteer too large: over 4 GB of names")
	}
	if err := b.places.Flush(); err != nil {
		return err
	}
	if err := b.strs.Flush(); err != nil {
		return err
	}

	h := header{places: b.nPlaces, keys: nKeys, admins: uint32(len(codes)), meta: meta}
	h.placesOff = headerSize
	h.keysOff = h.placesOff + uint64(b.nPlaces)*placeSize
	h.adminsOff = h.keysOff + uint64(nKeys)*pairSize
	h.stringsOff = h.adminsOff + uint64(len(admins))
	h.stringsLen = b.strsLen
	var hb [headerSize]byte
	h.put(hb[:])
	w := bufio.NewWriterSize(out, 1<<16)
	w.Write(hb[:])
	for _, f := range []*os.File{b.placesF, keysF} {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, f); err != nil {
			return err
		}
	}
	w.Write(admins)
	if _, err := b.strsF.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(w, b.strsF); err != nil {
		return err
	}
	return w.Flush()
}

// merge streams the spilled chunks in key order.
func (b *Builder) merge(emit func(keyEntry)) error {
	h := &entryHeap{}
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for _, name := range b.chunks {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		files = append(files, f)
		r := bufio.NewReaderSize(f, 1<<16)
		e, err := readEntry(r)
		if err == io.EOF {
			continue
		} else if err != nil {
			return err
		}
		*h = append(*h, cursor{e, r})
	}
	heap.Init(h)
	for h.Len() > 0 {
		c := &(*h)[0]
		emit(c.e)
		e, err := readEntry(c.r)
		if err == io.EOF {
			heap.Pop(h)
			continue
		} else if err != nil {
			return err
		}
		c.e = e
		heap.Fix(h, 0)
	}
	return nil
}

type cursor struct {
	e keyEntry
	r *bufio.Reader
}

type entryHeap []cursor

func (h entryHeap) Len() int { return len(h) }
func (h entryHeap) Less(i, j int) bool {
	if h[i].e.key != h[j].e.key {
		return h[i].e.key < h[j].e.key
	}
	return h[i].e.place < h[j].e.place
}
func (h entryHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *entryHeap) Push(x any)   { *h = append(*h, x.(cursor)) }
func (h *entryHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// directions are the Hindi and Bengali words for the compass points that
// open the official names of Indian divisions, with the English word news
// reports use instead: "Pashchim Singhbhum" is West Singhbhum.
var directions = map[string]string{
	"pashchim": "West", "paschim": "West", "pashchimi": "West", "purba": "East", "purbi": "East",
	"purb": "East", "purva": "East", "uttar": "North", "uttari": "North", "dakshin": "South", "dakshina": "South",
	"dakshini": "South",
}

// withDirections returns names with, for each one opening with a
// direction word, the same name opened by the English word.
func withDirections(names []string) []string {
	out := names
	for _, n := range names {
		first, rest, ok := strings.Cut(n, " ")
		if !ok || rest == "" {
			continue
		}
		if en, ok := directions[strings.ToLower(first)]; ok {
			if alt := en + " " + rest; !slices.Contains(out, alt) {
				out = append(out[:len(out):len(out)], alt)
			}
		}
	}
	return out
}
