// Package geo is the geocoding stage: it gives place entities coordinates,
// country and first-level division from the gazetteer (package geonames),
// reading each name in the context of the other places named in the same
// documents, because a bare name is often ambiguous (Hyderabad in India or
// Pakistan, Kunar the Afghan province or a village elsewhere).
//
// The rules, in order:
//
//  1. A name that is a country's name is the country, never a town that
//     shares it (Mexico, Georgia).
//  2. Candidates in a country that the same documents name, or that the
//     other places in them lie in, beat population alone; those in the
//     same first-level division get a further bonus.
//  3. "X province" or "X district" asks for a division, "X city" or "city
//     of X" for a populated place. Without such a word, a capital or seat
//     that shares its name with its division is read as the city (Kabul,
//     Jalalabad, Kandahar): the city is what news reports usually mean, and
//     it lies in the division anyway. A name only a division bears
//     (Nangarhar, Kunar) is the division.
//  4. Otherwise rank by population and rank of seat (capital, province
//     seat, district seat), divisions scored as a large town.
//  5. A spelling variant (Paktya for Paktia, by consonant skeleton) counts
//     only in a country the context names; when the documents name
//     countries, a place outside them is taken only if it is a capital, a
//     first-level division or its seat, so that a historical region
//     ("Khorasan") is not pinned to a village abroad nor an unlisted Afghan
//     district ("Ghaziabad") to an Indian city, and never when its wording
//     asks for a division.
package geo

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/geonames"
)

// Want is what a name's wording asks for.
type Want int

const (
	WantAny      Want = iota
	WantDivision      // "province", "district", ...: an administrative division
	WantAdmin1        // "province", "state": a first-level division
	WantAdmin2        // "district": a second-level division
	WantCity          // "city", "town", "city of": a populated place
)

// Context is what the surrounding documents say about where things are:
// how many other places in them lie in each country ("AF") and in each
// first-level division ("AF.18").
type Context struct {
	Countries map[string]int
	Admin1    map[string]int
}

// Name splits a surface form into the name to look up and what its wording
// asks for: "Nangarhar province" is Nangarhar, a first-level division; "the
// city of Kabul" is Kabul, a city.
func Name(surface string) (string, Want) {
	s := strings.TrimSpace(surface)
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "the ") {
		s, low = s[4:], low[4:]
	}
	for _, p := range []string{"city of ", "town of ", "province of ", "district of "} {
		if strings.HasPrefix(low, p) {
			w := WantCity
			switch p {
			case "province of ":
				w = WantAdmin1
			case "district of ":
				w = WantAdmin2
			}
			return strings.TrimSpace(s[len(p):]), w
		}
	}
	for _, suf := range []struct {
		word string
		want Want
	}{{" province", WantAdmin1}, {" provinces", WantAdmin1}, {" state", WantAdmin1}, {" governorate", WantAdmin1},
		{" district", WantAdmin2}, {" districts", WantAdmin2}, {" region", WantDivision}, {" city", WantCity}, {" town", WantCity}} {
		if strings.HasSuffix(low, suf.word) && len(low) > len(suf.word)+1 {
			return strings.TrimSpace(s[:len(s)-len(suf.word)]), suf.want
		}
	}
	return s, WantAny
}

// prominent says whether a place is known well beyond its surroundings.
func prominent(p geonames.Place) bool {
	switch p.Code {
	case "PPLC", "PPLA", "ADM1", "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR":
		return true
	}
	return p.Population >= 100000
}

// prominentAbroad says whether a place is known well enough to be meant
// in documents about other countries: a country, a capital, a first-level
// division or its seat. Size alone is not enough: "Ghaziabad" in a report
// on Kunar is the Afghan district the gazetteer lacks, not the Indian
// city of a million.
func prominentAbroad(p geonames.Place) bool {
	switch p.Code {
	case "PPLC", "PPLA", "ADM1", "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR":
		return true
	}
	return false
}

// Score ranks a candidate for a name with the given wording and context;
// higher is better. It is exported for the evaluation.
func Score(c geonames.Candidate, want Want, ctx Context) float64 {
	p := c.Place
	var s float64
	switch p.Level() {
	case 0:
		s = 8
	case 1:
		s = 6.5
	case 2:
		s = 5
	default:
		if p.Class == geonames.ClassAdmin {
			s = 3
		} else {
			s = math.Log10(float64(p.Population) + 1)
			switch p.Code {
			case "PPLC":
				// A bare capital's name means the capital, even beside a
				// country named for something else (Moscow, not Moscow,
				// Idaho, in a report that also names the U.S.).
				s += 7
			case "PPLA":
				s += 2
			case "PPLA2":
				s += 1
			case "PPLX", "PPLL":
				s -= 1 // a quarter of a city is seldom what a bare name means
			}
		}
	}
	lvl := p.Level()
	switch want {
	case WantAdmin1:
		if lvl == 1 {
			s += 6
		} else if p.Class == geonames.ClassAdmin {
			s += 2
		}
	case WantAdmin2:
		if lvl == 2 {
			s += 6
		} else if p.Class == geonames.ClassAdmin {
			s += 2
		}
	case WantDivision:
		if p.Class == geonames.ClassAdmin && lvl != 0 {
			s += 4
		}
	case WantCity:
		if p.Class == geonames.ClassPopulated {
			s += 4
		}
	}
	if n := ctx.Countries[p.Country]; n > 0 {
		s += 8 + 0.1*float64(min(n, 10))
	}
	if p.Admin1 != "" {
		if n := ctx.Admin1[p.Country+"."+p.Admin1]; n > 0 {
			s += 3 + 0.1*float64(min(n, 10))
		}
	}
	if c.Match == geonames.Variant {
		s -= 3
	}
	return s
}

// Pick chooses the place a name refers to among its candidates, by the
// rules in the package comment; ok is false when none is acceptable.
func Pick(cands []geonames.Candidate, want Want, ctx Context) (geonames.Place, bool) {
	if want != WantCity {
		for _, c := range cands {
			if c.Match == geonames.Exact && c.IsCountry() {
				return c.Place, true
			}
		}
	}
	named := len(ctx.Countries) > 0
	division := want != WantAny && want != WantCity
	top := 0
	for _, n := range ctx.Countries {
		top = max(top, n)
	}
	best, bestScore := -1, math.Inf(-1)
	for i, c := range cands {
		inContext := ctx.Countries[c.Country] > 0
		if division && named && ctx.Countries[c.Country] < top && !(inContext && c.Match == geonames.Exact && c.Place.Level() == 1) {
			// "Archi district" in reports on Kunduz that also name the
			// U.S.: a district is in the country the documents are about,
			// not in another one they mention (Archi, Utah). A province
			// named exactly is in any country they name ("Paktika
			// Province" in a release that names Afghanistan once and
			// places in Ohio twice).
			continue
		}
		if c.Match == geonames.Variant && !inContext {
			continue
		}
		if len(ctx.Admin1) > 0 && inContext && c.Place.Admin1 != "" && ctx.Admin1[c.Country+"."+c.Place.Admin1] == 0 &&
			c.Place.Level() != 0 && c.Place.Level() != 1 && !(division && c.Place.Class == geonames.ClassAdmin) &&
			(c.Match == geonames.Variant || !prominent(c.Place) && c.Place.Code != "PPLA2") {
			// "Kothi village in Bhamragad tehsil of Gadchiroli District":
			// a village, or a bare name a district bears, is in the
			// divisions the documents' other places are in, or it is not
			// known; a Kothi in Madhya Pradesh or Jammu is another place.
			// A name worded as a division ("Zurmat district") is not held
			// to them; a town spelt differently is, however large
			// ("Jujumura" is not Ajmer).
			continue
		}
		// A prominent place abroad may still be meant (Moscow in a report
		// on Kabul); a division named as one ("Ghaziabad district" in a
		// report on Kunar) is the report's own country's or unknown.
		if named && !inContext && (!prominentAbroad(c.Place) || want != WantAny && want != WantCity) {
			continue
		}
		if s := Score(c, want, ctx); s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return geonames.Place{}, false
	}
	return cands[best].Place, true
}

// Info is the PlaceInfo the export carries for a place.
func Info(g *geonames.Gazetteer, p geonames.Place) *dossier.PlaceInfo {
	return &dossier.PlaceInfo{
		Lat: p.Lat, Lon: p.Lon, Country: p.Country,
		Admin1: g.Admin1Name(p), GazetteerID: p.GazetteerID(),
	}
}

// Locate sets Place on every place entity the gazetteer can place, and
// clears it on those it cannot. Context comes from the other place
// entities of the same documents (Entity.Documents): a first pass reads
// every name with only the countries named outright as context, a second
// re-reads each with the countries and divisions where the first pass put
// the other places of its documents.
func Locate(g *geonames.Gazetteer, ents []*dossier.Entity) {
	if g == nil {
		return
	}
	type item struct {
		e     *dossier.Entity
		cands []geonames.Candidate
		want  Want
		pick  geonames.Place
		ok    bool
	}
	var items []*item
	for _, e := range ents {
		if e.Type != dossier.Place {
			continue
		}
		e.Place = nil
		it := &item{e: e}
		it.cands, it.want = candidates(g, e)
		items = append(items, it)
	}
	if len(items) == 0 {
		return
	}

	// Pass 1: countries named outright are the context.
	named := map[string]map[string]int{} // document → country → places
	for _, it := range items {
		for _, c := range it.cands {
			if c.Match == geonames.Exact && c.IsCountry() {
				for _, d := range it.e.Documents {
					add(named, d, c.Country)
				}
				break
			}
		}
	}
	for _, it := range items {
		ctx := Context{Countries: gather(named, it.e.Documents)}
		it.pick, it.ok = Pick(it.cands, it.want, ctx)
	}

	// Pass 2: where the other places were put is the context.
	countries := map[string]map[string]int{}
	admin1 := map[string]map[string]int{}
	for _, it := range items {
		if !it.ok || !confident(it.pick) {
			continue
		}
		for _, d := range it.e.Documents {
			add(countries, d, it.pick.Country)
			if it.pick.Admin1 != "" {
				add(admin1, d, it.pick.Country+"."+it.pick.Admin1)
			}
		}
	}
	for _, it := range items {
		ctx := Context{Countries: gather(countries, it.e.Documents), Admin1: gather(admin1, it.e.Documents)}
		if it.ok && confident(it.pick) {
			// Leave out this entity's own contribution.
			for range it.e.Documents {
				ctx.Countries[it.pick.Country]--
				if it.pick.Admin1 != "" {
					ctx.Admin1[it.pick.Country+"."+it.pick.Admin1]--
				}
			}
			dropZero(ctx.Countries)
			dropZero(ctx.Admin1)
		}
		if p, ok := Pick(it.cands, it.want, ctx); ok {
			it.e.Place = Info(g, p)
		}
	}
	placeFacilities(ents)
}

// placeFacilities gives a facility the position of the geocoded place its
// name contains ("Kabul airport", "the Russian embassy in Kabul"): the
// gazetteer has towns, not airports, so a facility is placed at its town.
// The longest such place name wins; a facility naming none stays unplaced.
func placeFacilities(ents []*dossier.Entity) {
	type named struct {
		words []string
		e     *dossier.Entity
	}
	var places []named
	for _, e := range ents {
		if e.Type == dossier.Place && e.Place != nil {
			places = append(places, named{strings.Fields(strings.ToLower(e.Name)), e})
		}
	}
	for _, f := range ents {
		if f.Type != dossier.Facility {
			continue
		}
		f.Place = nil
		words := strings.Fields(strings.ToLower(f.Name))
		best := -1
		for i, p := range places {
			if containsRun(words, p.words) && (best < 0 || len(p.words) > len(places[best].words)) {
				best = i
			}
		}
		if best >= 0 {
			info := *places[best].e.Place
			f.Place = &info
		}
	}
}

// containsRun reports whether sub occurs as consecutive words in words.
func containsRun(words, sub []string) bool {
	if len(sub) == 0 || len(sub) > len(words) {
		return false
	}
	for i := 0; i+len(sub) <= len(words); i++ {
		ok := true
		for j := range sub {
			if words[i+j] != sub[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// confident says whether a first-pass pick is sure enough to be context
// for the others: a country, a division, or a prominent or seat town.
func confident(p geonames.Place) bool {
	return p.Class == geonames.ClassAdmin || prominent(p) || p.Code == "PPLA2"
}

func add(m map[string]map[string]int, doc, key string) {
	if m[doc] == nil {
		m[doc] = map[string]int{}
	}
	m[doc][key]++
}

func gather(m map[string]map[string]int, docs []string) map[string]int {
	out := map[string]int{}
	for _, d := range docs {
		for k, n := range m[d] {
			out[k] += n
		}
	}
	return out
}

func dropZero(m map[string]int) {
	for k, n := range m {
		if n <= 0 {
			delete(m, k)
		}
	}
}

// candidates looks up an entity's name and aliases. The name comes first;
// aliases add candidates the name did not find, and their wording
// ("Kunar province") says what is wanted when the name does not.
func candidates(g *geonames.Gazetteer, e *dossier.Entity) ([]geonames.Candidate, Want) {
	want := WantAny
	var out []geonames.Candidate
	seen := map[int]bool{}
	surfaces := append([]string{e.Name}, e.Aliases...)
	for _, s := range surfaces {
		if cs, w, ok := within(g, s); ok {
			// "Bijapur District of Chhattisgarh": only what lies in the
			// division named.
			for _, c := range cs {
				if !seen[c.Index] {
					seen[c.Index] = true
					out = append(out, c)
				}
			}
			if want == WantAny {
				want = w
			}
			continue
		}
		cs := g.Lookup(s)
		name, w := Name(s)
		if w != WantAny {
			if want == WantAny {
				want = w
			}
			if len(cs) == 0 || w != WantCity {
				// "Kunar province": look up "Kunar"; "Mexico City" keeps
				// its own name when the gazetteer has it.
				cs = append(cs, g.Lookup(name)...)
			}
		}
		for _, c := range cs {
			if !seen[c.Index] {
				seen[c.Index] = true
				out = append(out, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b geonames.Candidate) int { return a.Index - b.Index })
	return out, want
}

// rxOfDivision reads "X District of Y", "X province of Y", "X district,
// Y province": a place named with the division that holds it.
var rxOfDivision = regexp.MustCompile(`(?i)^(.+?\s+(?:district|province|county|division|tehsil|block|governorate))(?:\s+of|\s*,)\s+(.+?)(?:\s+(?:province|state|governorate))?$`)

// within looks up a name that says which division or country holds it.
// It returns the candidates for X that lie in Y; when the gazetteer has
// none (many districts are missing from it), Y itself, so that the place is
// at least in the right state rather than in another state's namesake.
// When Y is no country or first-level division, the candidates for X
// alone. ok is false when the name is not of that form or nothing is
// found.
func within(g *geonames.Gazetteer, surface string) ([]geonames.Candidate, Want, bool) {
	m := rxOfDivision.FindStringSubmatch(strings.TrimSpace(surface))
	if m == nil {
		return nil, WantAny, false
	}
	var parents []geonames.Candidate
	for _, c := range g.Lookup(m[2]) {
		if c.Class == geonames.ClassAdmin && (c.Level() == 0 || c.Level() == 1) {
			parents = append(parents, c)
		}
	}
	name, want := Name(m[1])
	if len(parents) == 0 {
		// "Kanker District of Bastar region": Y is no country or state;
		// X alone is the place.
		cs := append(g.Lookup(m[1]), g.Lookup(name)...)
		if len(cs) == 0 {
			return nil, WantAny, false
		}
		return cs, want, true
	}
	var in []geonames.Candidate
	for _, c := range append(g.Lookup(m[1]), g.Lookup(name)...) {
		for _, p := range parents {
			if c.Country == p.Country && (p.Level() == 0 || c.Admin1 == p.Admin1) && c.Index != p.Index {
				in = append(in, c)
				break
			}
		}
	}
	if len(in) == 0 {
		return parents, WantDivision, true
	}
	return in, want, true
}

// Rank returns the candidates best first by Score (for display: Pick also
// applies the admission rules).
func Rank(cands []geonames.Candidate, want Want, ctx Context) []geonames.Candidate {
	out := slices.Clone(cands)
	slices.SortStableFunc(out, func(a, b geonames.Candidate) int {
		sa, sb := Score(a, want, ctx), Score(b, want, ctx)
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	return out
}
