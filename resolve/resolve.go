// Package resolve groups mentions from many documents into entities.
//
// Mentions arrive from the reader with a key (their folded surface form) and
// sometimes a canonical key (a reference name from package lexicon, the
// full name an acronym was defined as, the full name a short form stands
// for). Resolution unions mentions that share a canonical key, or a key;
// an acronym defined one way anywhere in the corpus stands for that
// definition wherever it appears undefined. A one-word person name that the
// document itself did not tie to a full name stays within its document:
// two people are never merged on a surname alone.
package resolve

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/lexicon"
)

// Entities clusters mentions into entities. The result is sorted by number
// of mentions, most first, and is the same for the same mentions in any
// order. Entity IDs are stable: they derive from the cluster's reference
// entry or, failing that, its most common full name.
func Entities(lex *lexicon.Lexicon, mentions []dossier.Mention) []*dossier.Entity {
	return EntitiesWith(lex, mentions, nil)
}

// EntitiesWith clusters mentions as Entities does, then applies the
// analysts' decisions in order (see dossier.Decision): merges, splits and
// renames. A decision whose entity no longer exists changes nothing.
func EntitiesWith(lex *lexicon.Lexicon, mentions []dossier.Mention, decisions []*dossier.Decision) []*dossier.Entity {
	var out []*dossier.Entity
	for _, e := range entities(lex, mentions, decisions, nil) {
		out = append(out, e.Entity)
	}
	return out
}

// entities is EntitiesWith with stored entities (ks, nil for none) taking
// part through their proxy mentions, which are the last of mentions (see
// Extend).
func entities(lex *lexicon.Lexicon, mentions []dossier.Mention, decisions []*dossier.Decision, ks *knownSet) []*Extended {
	Canonicalize(lex, mentions)
	// Nationalities ("Afghan", "Sunni") are peoples the reader marks for
	// later stages, not entities of the export contract: they are left out.
	kept := make([]dossier.Mention, 0, len(mentions))
	for _, m := range mentions {
		if m.Type != dossier.Nationality {
			kept = append(kept, m)
		}
	}
	mentions = kept
	if ks != nil {
		// The proxies are the last mentions still.
		ks.start = len(mentions) - len(ks.owner)
	}
	uf := newUnion()
	// An acronym defined one way in the corpus stands for it everywhere.
	defined := map[string]map[string]bool{}
	for _, m := range mentions {
		if m.Canonical != "" && lexicon.IsAcronym(m.Text) && m.Canonical != m.Key {
			if defined[m.Key] == nil {
				defined[m.Key] = map[string]bool{}
			}
			defined[m.Key][m.Canonical] = true
		}
	}
	nodes := make([]string, len(mentions))
	reasons := map[string]string{}
	for i, m := range mentions {
		node := nodeOf(m)
		nodes[i] = node
		uf.add(node)
		switch {
		case m.Canonical != "":
			if !(lexicon.IsAcronym(m.Text) && len(defined[m.Key]) > 1) {
				// An acronym defined two ways in the corpus ties
				// each use to its own definition only.
				uf.union(node, m.Key, m.Type)
			}
			if strings.HasPrefix(m.Canonical, "ref:") {
				reasons[node] = "reference alias list"
			} else if lexicon.IsAcronym(m.Text) {
				reasons[node] = "acronym definition"
			} else {
				reasons[node] = "short form of a full name in the same document"
			}
		case lexicon.IsAcronym(m.Text) && len(defined[m.Key]) == 1:
			for c := range defined[m.Key] {
				uf.add(c)
				uf.union(c, node, m.Type)
				reasons[c] = "acronym defined once in the corpus"
			}
		}
	}
	// A stored entity stays whole: its forms are one cluster, which also
	// holds the node other entities' contexts name it by.
	ks.join(uf, nodes)
	// Both merges split names into parts: each surface form once.
	names := nameCache{}
	mergeVariants(uf, mentions, nodes, reasons, names, ks)
	mergeSurnames(uf, mentions, nodes, reasons, names, ks)
	// Gather clusters.
	byRoot := map[string]*cluster{}
	var cs []*cluster
	for i := range mentions {
		r := uf.find(nodes[i])
		c := byRoot[r]
		if c == nil {
			c = &cluster{root: r}
			byRoot[r] = c
			cs = append(cs, c)
		}
		c.idx = append(c.idx, i)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].root < cs[j].root })
	cs = apply(cs, mentions, decisions)
	byRef := map[string]*lexicon.Entry{}
	for _, e := range lex.Entries {
		byRef[e.ID] = e
	}
	var out []*Extended
	ids := map[string]bool{}
	for _, c := range cs {
		e := build(c, mentions, nodes, byRef, reasons, ks)
		if ids[e.ID] {
			// Two clusters share a reference entry or a name (an analyst
			// split one): the later one takes an ID from its root.
			sum := sha256.Sum256([]byte(c.root + "\x00" + e.ID))
			e.ID = "e-" + hex.EncodeToString(sum[:6])
		}
		ids[e.ID] = true
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].weight != out[j].weight {
			return out[i].weight > out[j].weight
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Canonicalize ties mentions to the reference entries their text names:
// reference names learnt after a document was read (an imported MISP
// galaxy) still tie its mentions to their entry.
func Canonicalize(lex *lexicon.Lexicon, mentions []dossier.Mention) {
	for i := range mentions {
		if m := &mentions[i]; m.Canonical == "" {
			if e := lex.Lookup(m.Text); e != nil && e.Type == m.Type {
				m.Canonical = e.ID
			}
		}
	}
}

// nodeOf is the union-find node a mention starts in.
func nodeOf(m dossier.Mention) string {
	if m.Canonical != "" {
		return m.Canonical
	}
	if m.Type == dossier.Person && !strings.Contains(m.Key, " ") {
		// A bare surname: its own document only.
		return "doc:" + m.Document + ":" + m.Key
	}
	return m.Key
}

// cluster is a set of mentions (indexes) on its way to being an entity.
type cluster struct {
	root string
	idx  []int
	name string   // set by a rename decision
	why  []string // decisions that shaped it
}

// build makes the entity of cluster c; nodes[i] is nodeOf(mentions[i]).
func build(c *cluster, mentions []dossier.Mention, nodes []string, byRef map[string]*lexicon.Entry, reasons map[string]string, ks *knownSet) *Extended {
	root := c.root
	var types typeCounts
	forms := map[string]int{}
	var ref *lexicon.Entry
	var why []string
	seenWhy := map[string]bool{}
	e := &dossier.Entity{}
	x := &Extended{Entity: e}
	// Proxies count for as many mentions as their form has; they are
	// not the entity's mentions (those are stored).
	idx := make([]int, 0, len(c.idx))
	for _, i := range c.idx {
		m := &mentions[i]
		w := 1
		if k := ks.proxy(i); k != nil {
			w = ks.weight[i-ks.start]
			if !slices.Contains(x.Known, k.ID) {
				x.Known = append(x.Known, k.ID)
			}
		} else {
			idx = append(idx, i)
		}
		x.weight += w
		types.add(m.Type, w)
		forms[m.Text] += w
		if r, ok := byRef[m.Canonical]; ok && ref == nil {
			ref = r
		}
		if w := reasons[nodes[i]]; w != "" && !seenWhy[w] {
			seenWhy[w] = true
			why = append(why, w)
		}
	}
	// The mentions in document order. The indexes are sorted, not the
	// mentions (large structs): sort.Slice makes the same comparisons and
	// swaps over either, so mentions at the same place keep the order
	// they had.
	order := slices.Clone(idx)
	sort.Slice(order, func(i, j int) bool {
		a, b := &mentions[order[i]], &mentions[order[j]]
		if a.Document != b.Document {
			return a.Document < b.Document
		}
		return a.Start < b.Start
	})
	if len(order) > 0 {
		e.Mentions = make([]dossier.Mention, len(order))
		for k, i := range order {
			e.Mentions[k] = mentions[i]
		}
	}
	e.Type = types.majority()
	if ref != nil && ref.Type == e.Type {
		e.Name = ref.Name
	} else {
		e.Name = bestName(forms)
	}
	if strings.HasPrefix(root, "split:") {
		// Split off by an analyst: never the ID of the entity it left.
		ref = nil
	}
	for f := range forms {
		e.Aliases = append(e.Aliases, f)
	}
	sort.Slice(e.Aliases, func(i, j int) bool {
		a, b := e.Aliases[i], e.Aliases[j]
		if forms[a] != forms[b] {
			return forms[a] > forms[b]
		}
		return a < b
	})
	// The mentions are in document order: their documents, once each,
	// are the sorted set of them.
	for i, m := range e.Mentions {
		if i == 0 || m.Document != e.Mentions[i-1].Document {
			e.Documents = append(e.Documents, m.Document)
		}
	}
	idKey := root
	if ref != nil {
		idKey = ref.ID
	} else {
		idKey = string(e.Type) + ":" + lexicon.Key(e.Name)
		if strings.HasPrefix(root, "doc:") || strings.HasPrefix(root, "split:") {
			idKey = root
		}
	}
	sum := sha256.Sum256([]byte(idKey))
	e.ID = "e-" + hex.EncodeToString(sum[:6])
	sort.Strings(x.Known)
	sort.Strings(why)
	if len(why) == 0 {
		why = []string{"same name"}
	}
	why = append(why, c.why...)
	e.Reason = strings.Join(why, "; ")
	if c.name != "" {
		e.Name = c.name
	}
	return x
}

// entityTypes are the types an entity may take, in the order majority
// prefers on a tie.
var entityTypes = [...]dossier.EntityType{dossier.Group, dossier.Person, dossier.Organization, dossier.Place, dossier.Facility}

// typeCounts counts a cluster's mentions by type (of entityTypes; others
// are not counted), in an array: a map a cluster was a tenth of
// clustering's allocations.
type typeCounts [len(entityTypes)]int

func (c *typeCounts) add(t dossier.EntityType, n int) {
	for i, et := range entityTypes {
		if t == et {
			c[i] += n
			return
		}
	}
}

// majority is the type most mentions have, the first of entityTypes on a
// tie.
func (c *typeCounts) majority() dossier.EntityType {
	var best dossier.EntityType
	n := -1
	for i, t := range entityTypes {
		if c[i] > n {
			best, n = t, c[i]
		}
	}
	return best
}

// bestName picks the most common full form (not an acronym, not a single
// word when a longer form exists), longest on ties.
func bestName(forms map[string]int) string {
	best, bestScore := "", -1
	for f, n := range forms {
		score := n * 4
		if !lexicon.IsAcronym(f) {
			score += 1000
		}
		score += 100 * countFields(f)
		if score > bestScore || score == bestScore && (len(f) > len(best) || len(f) == len(best) && f < best) {
			best, bestScore = f, score
		}
	}
	return best
}

// countFields is len(strings.Fields(s)), without making the fields.
func countFields(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// Claims attaches to each entity the sentences that mention it, as claims.
// sentence returns the span and text of a document's sentence by index; a
// false ok skips the mention (its document is gone).
func Claims(ents []*dossier.Entity, sentence func(doc string, idx int) (dossier.Span, string, bool)) {
	for _, e := range ents {
		seen := map[string]bool{}
		e.Claims = e.Claims[:0]
		for _, m := range e.Mentions {
			sp, quote, ok := sentence(m.Document, m.Sentence)
			if !ok {
				continue
			}
			c := NewClaim(m.Document, sp, quote)
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			e.Claims = append(e.Claims, c)
		}
	}
}

// NewClaim returns the claim for a span of a document, with an ID that is
// the same wherever and whenever the same span is claimed.
func NewClaim(doc string, sp dossier.Span, quote string) dossier.Claim {
	// The hash of doc, a zero byte and both offsets, written into one
	// buffer (on the stack for a document ID of usual length).
	var buf [96]byte
	b := append(append(buf[:0], doc...), 0)
	sum := sha256.Sum256(appendInt(appendInt(b, sp.Start), sp.End))
	var id [2 + 16]byte
	copy(id[:], "c-")
	hex.Encode(id[2:], sum[:8])
	return dossier.Claim{
		ID:       string(id[:]),
		Document: doc,
		Start:    sp.Start,
		End:      sp.End,
		Quote:    quote,
	}
}

func appendInt(b []byte, n int) []byte {
	for i := 0; i < 8; i++ {
		b = append(b, byte(n>>(8*i)))
	}
	return b
}

// union is a union-find over string nodes.
type union struct {
	parent map[string]string
}

func newUnion() *union { return &union{parent: map[string]string{}} }

func (u *union) add(x string) {
	if _, ok := u.parent[x]; !ok {
		u.parent[x] = x
	}
}

func (u *union) find(x string) string {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins the sets of a and b. A bare person surname never joins a key
// on its own: that would merge people by surname.
func (u *union) union(a, b string, typ dossier.EntityType) {
	if typ == dossier.Person && !strings.Contains(b, " ") {
		return
	}
	u.add(a)
	u.add(b)
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if ra < rb {
		u.parent[rb] = ra
	} else {
		u.parent[ra] = rb
	}
}

// mergeVariants joins clusters whose names are spellings of one name (same
// transliteration skeleton, see translit.go), under the evidence rules:
//   - groups and organisations: a name of two or more parts, same type;
//   - people: two or more parts that are not kunya openers or very common
//     names, same type, and, when both are named beside armed groups in
//     the same sentences, at least one group in common. A similar name
//     alone never merges two people whose contexts disagree.
//
// Places are left to the gazetteer.
func mergeVariants(uf *union, mentions []dossier.Mention, nodes []string, reasons map[string]string, names nameCache, ks *knownSet) {
	type variant struct {
		roots map[string]string // root → the surface form that put it here
	}
	// Armed groups named in each sentence, by cluster root.
	type sentenceKey struct {
		doc string
		idx int
	}
	groupsIn := map[sentenceKey]map[string]bool{}
	for i, m := range mentions {
		if m.Type == dossier.Group {
			k := sentenceKey{m.Document, m.Sentence}
			if groupsIn[k] == nil {
				groupsIn[k] = map[string]bool{}
			}
			groupsIn[k][uf.find(nodes[i])] = true
		}
	}
	before := make([]string, len(mentions))
	for i := range mentions {
		before[i] = uf.find(nodes[i])
	}
	merged := map[string]string{}           // root before merging → why it merged
	context := map[string]map[string]bool{} // person root → group roots beside it
	byKey := map[string]*variant{}
	var keys []string
	// Most surface forms recur: their skeletons are made once.
	type skel struct {
		sk     string
		strong int
	}
	skeletons := map[string]skel{}
	for i, m := range mentions {
		if lexicon.IsAcronym(m.Text) {
			continue
		}
		k, ok := skeletons[m.Text]
		if !ok {
			k.sk, k.strong = partsSkeleton(names.parts(m.Text))
			skeletons[m.Text] = k
		}
		sk, strong := k.sk, k.strong
		switch m.Type {
		case dossier.Person:
			if strong < 2 {
				continue
			}
		case dossier.Group, dossier.Organization:
			if strings.Count(sk, " ") < 1 {
				continue
			}
		default:
			continue
		}
		root := uf.find(nodes[i])
		if m.Type == dossier.Person {
			if context[root] == nil {
				context[root] = map[string]bool{}
			}
			for g := range groupsIn[sentenceKey{m.Document, m.Sentence}] {
				context[root][g] = true
			}
			if k := ks.proxy(i); k != nil {
				for _, g := range k.Context {
					context[root][findKnown(uf, g)] = true
				}
			}
		}
		key := string(m.Type) + ":" + sk
		v := byKey[key]
		if v == nil {
			v = &variant{roots: map[string]string{}}
			byKey[key] = v
			keys = append(keys, key)
		}
		if _, ok := v.roots[root]; !ok {
			v.roots[root] = m.Text
		}
	}
	sort.Strings(keys)
	for _, key := range keys {
		v := byKey[key]
		if len(v.roots) < 2 {
			continue
		}
		roots := make([]string, 0, len(v.roots))
		for r := range v.roots {
			roots = append(roots, r)
		}
		sort.Strings(roots)
		person := strings.HasPrefix(key, string(dossier.Person)+":")
		first := roots[0]
		for _, r := range roots[1:] {
			if person && !sharedContext(context[first], context[r], uf) {
				continue
			}
			why := "transliteration variants (" + v.roots[first] + " ~ " + v.roots[r] + ")"
			if person && len(context[first]) > 0 && len(context[r]) > 0 {
				why += ", both named beside the same armed group"
			}
			for _, n := range []string{first, r} {
				if merged[n] == "" {
					merged[n] = why
				}
			}
			// Join directly: the surname rule in union does not apply to
			// names of two strong parts.
			if a, b := uf.find(first), uf.find(r); a != b {
				uf.parent[b] = a
			}
		}
	}
	for i := range mentions {
		if why, ok := merged[before[i]]; ok && reasons[nodes[i]] == "" {
			reasons[nodes[i]] = why
		}
	}
}

// sharedContext reports whether two people's group contexts agree: one of
// them has none, or they share a group.
func sharedContext(a, b map[string]bool, uf *union) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for g := range a {
		for h := range b {
			if uf.find(g) == uf.find(h) {
				return true
			}
		}
	}
	return false
}

// commonSurnames are family names too widespread to point to one person
// on their own, beyond the weak name parts.
var commonSurnames = set("khan", "singh", "kumar", "shah", "hussain", "hussein", "rahman", "rao", "reddy", "das",
	"smith", "jones", "brown", "johnson", "williams", "lee", "wang", "li", "zhang", "chen", "nguyen", "kim",
	"haqqani", "mehsud", "yusufzai", "zadran", "popal", "ahmadi", "mohammadi", "hassan", "ibrahim", "mahmoud")

// mergeSurnames joins a surname written alone in a document that gives no
// full name for it ("Biden said ...") to a person named in full elsewhere
// ("Joe Biden") when the full name is the only one in the corpus that ends
// in that surname, the surname is not a common one, and the two documents
// name at least one armed group or organisation in common. A lone surname
// shared by two full names, or in documents about different actors, stays
// apart.
func mergeSurnames(uf *union, mentions []dossier.Mention, nodes []string, reasons map[string]string, names nameCache, ks *knownSet) {
	full := map[string]map[string]bool{}   // surname → roots of full names ending in it
	actors := map[string]map[string]bool{} // document → roots of groups and organisations
	docsOf := map[string]map[string]bool{} // full-name root → its documents
	for i, m := range mentions {
		switch m.Type {
		case dossier.Group, dossier.Organization:
			if actors[m.Document] == nil {
				actors[m.Document] = map[string]bool{}
			}
			actors[m.Document][uf.find(nodes[i])] = true
		case dossier.Person:
			if strings.HasPrefix(nodes[i], "doc:") {
				continue
			}
			parts := names.parts(m.Text)
			if len(parts) < 2 {
				continue
			}
			r := uf.find(nodes[i])
			last := parts[len(parts)-1]
			if full[last] == nil {
				full[last] = map[string]bool{}
			}
			full[last][r] = true
			if k := ks.proxy(i); k != nil && actors[m.Document] == nil {
				// A stored person's documents are one: the actors of all.
				actors[m.Document] = map[string]bool{}
				for _, a := range k.Actors {
					actors[m.Document][findKnown(uf, a)] = true
				}
			}
			if docsOf[r] == nil {
				docsOf[r] = map[string]bool{}
			}
			docsOf[r][m.Document] = true
		}
	}
	actorsOf := map[string]map[string]bool{} // full-name root → actors of its documents
	for i, m := range mentions {
		if m.Type != dossier.Person || !strings.HasPrefix(nodes[i], "doc:") {
			continue
		}
		parts := names.parts(m.Text)
		if len(parts) != 1 || weak[parts[0]] || commonSurnames[parts[0]] || len(full[parts[0]]) != 1 {
			continue
		}
		var r string
		for root := range full[parts[0]] {
			r = uf.find(root)
		}
		// The actors of the full name's documents, gathered once a name:
		// a famous name's documents are many, a document's actors few.
		ra, ok := actorsOf[r]
		if !ok {
			ra = map[string]bool{}
			for d := range docsOf[r] {
				for a := range actors[d] {
					ra[a] = true
				}
			}
			actorsOf[r] = ra
		}
		shared := false
		for a := range actors[m.Document] {
			shared = shared || ra[a]
		}
		if !shared || uf.find(nodes[i]) == r {
			continue
		}
		// Join directly: union refuses a bare surname.
		a, b := uf.find(nodes[i]), r
		if a < b {
			uf.parent[b] = a
		} else {
			uf.parent[a] = b
		}
		reasons[nodes[i]] = "the one full name in the corpus with this surname, in documents that name the same actors"
	}
}
