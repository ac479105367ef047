package extract

import (
	"regexp"
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/timex"
)

// Relation predicates, as in the export contract.
const (
	LeaderOf       = "leader_of"
	DeputyOf       = "deputy_of"
	SpokespersonOf = "spokesperson_of"
	MemberOf       = "member_of"
	FoundedBy      = "founded_by"
	AffiliateOf    = "affiliate_of"
	SplinterOf     = "splinter_of"
	RivalOf        = "rival_of"
	AlliedWith     = "allied_with"
	OperatesIn     = "operates_in"
	RecruitedFrom  = "recruited_from"
	DesignatedBy   = "designated_by"
)

// Symmetric reports whether a predicate holds both ways (rival_of,
// allied_with). Extraction writes a symmetric relation once, with the
// entity named first as subject.
func Symmetric(pred string) bool { return pred == RivalOf || pred == AlliedWith }

// relations finds relations between the mentions of one sentence.
//
// The sentence is seen as a string of units: words (lower case, articles
// kept) and mentions, written as a placeholder of their type ("<grp>",
// "<per>", ...). For every ordered pair of mentions the units between them
// (and, for some patterns, a few before the first or after the second)
// are matched against the patterns of relPatterns, in order; the first
// that matches and whose types fit gives the relation. Patterns are
// regular expressions over that string, written with the word classes of
// relMacros, so that "X, the emir of Y", "Y's emir X", "Y, led by X" and
// "X, a spokesman for Y" are one pattern each rather than one per noun.
// A mention coordinated with a matched one ("active in Kunar and
// Nangarhar") takes the same relation. Dates come from time expressions
// near the match (see relTime).
func relations(s *sentence, r *Report) {
	if len(s.ments) < 2 {
		return
	}
	// The units' list is kept from one sentence to the next: nothing
	// holds it after this function.
	if cap(s.in.units) < len(s.toks) {
		// At most a unit a token.
		s.in.units = make([]runit, 0, max(len(s.toks), 64))
	}
	us := sentenceUnits(s, s.in.units[:0])
	s.in.units = us
	uj := joinAll(s, us)
	// negs[k] counts the negation words among the units before k, so
	// that whether one stands between two mentions is a subtraction,
	// not a match of negated for every pair.
	negs := s.in.negs[:0]
	negs = append(negs, 0)
	for _, u := range us {
		n := negs[len(negs)-1]
		if negation(unitText(s, u)) {
			n++
		}
		negs = append(negs, n)
	}
	s.in.negs = negs
	type hit struct {
		a, b int // unit indices of the first and second mention
		p    *relPattern
		hi   int // token after the match, post context included
	}
	var hits []hit
	done := map[[2]int]bool{}
	for a := range us {
		if us[a].ment < 0 {
			continue
		}
		for b := a + 1; b < len(us) && b-a <= maxMid+1; b++ {
			if us[b].ment < 0 {
				continue
			}
			ma, mb := s.ments[us[a].ment], s.ments[us[b].ment]
			if ma.Entity == "" || mb.Entity == "" || ma.Entity == mb.Entity {
				continue
			}
			if negs[b] > negs[a+1] { // negated.MatchString(mid)
				continue
			}
			mid := uj.join(a+1, b)
			ba, bb := typeBits[ma.EntityType], typeBits[mb.EntityType]
			for _, p := range patternsFitting[ba][bb] {
				if !p.mid.MatchString(mid) {
					continue
				}
				if p.pre != nil && !p.pre.MatchString(uj.join(max(0, a-6), a)) {
					continue
				}
				if p.notMid != nil && p.notMid.MatchString(mid) {
					continue
				}
				if p.notPre != nil && p.notPre.MatchString(uj.join(max(0, a-6), a)) {
					continue
				}
				hi := us[b].end
				if p.post != nil {
					post := us[b+1 : min(len(us), b+7)]
					postText := uj.join(b+1, min(len(us), b+7))
					loc := p.post.FindStringIndex(postText)
					if loc == nil {
						continue
					}
					// units the post context used
					if n := strings.Count(postText[:loc[1]], " "); n > 0 && n <= len(post) {
						hi = post[n-1].end
					}
				}
				hits = append(hits, hit{a, b, p, hi})
				done[[2]int{a, b}] = true
				break
			}
		}
	}
	// Coordination: "active in Kunar and Nangarhar", "led by A and B".
	n := len(hits)
	for _, h := range hits[:n] {
		if h.p.noCoord {
			continue
		}
		for _, b2 := range coordinated(s, us, uj, h.b, +1) {
			if !done[[2]int{h.a, b2}] && h.p.fits(s.ments[us[h.a].ment].EntityType, s.ments[us[b2].ment].EntityType) {
				done[[2]int{h.a, b2}] = true
				hits = append(hits, hit{h.a, b2, h.p, us[b2].end})
			}
		}
		if h.p.pre != nil {
			continue
		}
		for _, a0 := range coordinated(s, us, uj, h.a, -1) {
			if !done[[2]int{a0, h.b}] && h.p.fits(s.ments[us[a0].ment].EntityType, s.ments[us[h.b].ment].EntityType) {
				done[[2]int{a0, h.b}] = true
				hits = append(hits, hit{a0, h.b, h.p, h.hi})
			}
		}
	}
	if len(hits) == 0 {
		return
	}
	c := s.claim(r)
	tx := times(s)
	seen := map[string]*dossier.Relation{}
	for _, h := range hits {
		subj, obj := us[h.a], us[h.b]
		if !h.p.subjFirst {
			subj, obj = obj, subj
		}
		rel := &dossier.Relation{
			Subject:   s.ments[subj.ment].Entity,
			Predicate: h.p.pred,
			Object:    s.ments[obj.ment].Entity,
			Documents: []string{r.Doc},
			Claims:    []string{c.ID},
		}
		if rel.Subject == rel.Object {
			continue
		}
		former := h.p.former(uj.join(max(0, h.a-3), min(len(us), h.b+4)))
		personTok := -1
		if s.ments[subj.ment].EntityType == dossier.Person {
			personTok = subj.tok
		} else if s.ments[obj.ment].EntityType == dossier.Person {
			personTok = obj.tok
		}
		rel.Start, rel.End = relTime(s, tx, us[h.a].tok, h.hi, personTok, h.p, former)
		key := rel.Subject + "\x00" + rel.Predicate + "\x00" + rel.Object
		if old, ok := seen[key]; ok {
			if old.Start == "" {
				old.Start = rel.Start
			}
			if old.End == "" {
				old.End = rel.End
			}
			continue
		}
		seen[key] = rel
		r.Relations = append(r.Relations, rel)
	}
}

// negated finds a negation between two mentions ("X is not the leader of
// Y", "denied being a member of"): no pattern applies across it.
var negated = mustMatcher(`(?:^| )(?:not|never|no|neither|nor|denied|denies|deny|denying|without|rejected|rejects|\S+n't)(?: |$)`)

// negationWords are negated's words.
var negationWords = set("not", "never", "no", "neither", "nor", "denied", "denies", "deny", "denying", "without", "rejected", "rejects")

// negation reports whether negated matches the unit text u alone ("u "):
// u is one of its words or ends in "n't" after at least one character.
// A unit holds no space, so negated matches a run of units exactly when
// one of them is a negation (TestNegationAgrees).
func negation(u string) bool {
	return negationWords[u] || len(u) > 3 && strings.HasSuffix(u, "n't")
}

// maxMid is the most units a pattern may span between its two mentions.
const maxMid = 16

// runit is a word or a whole mention of a sentence.
type runit struct {
	word     string // lower case, "'" for every apostrophe; "" for a mention
	ment     int    // index into sentence.ments, -1 for a word
	tok, end int    // token range
}

// sentenceUnits turns the sentence's tokens into units. Text in brackets
// is left out ("IS-K (also known as ISKP) is the affiliate of ..."), as
// are quotation marks, so that an aside does not break a pattern.
// The units are appended to us.
func sentenceUnits(s *sentence, us []runit) []runit {
	depth := 0
	for ti := 0; ti < len(s.toks); {
		w := s.low[ti]
		switch w {
		case "(", "[":
			depth++
			ti++
			continue
		case ")", "]":
			if depth > 0 {
				depth--
			}
			ti++
			continue
		case "\"", "“", "”", "‘", "’", "'", "«", "»":
			ti++
			continue
		}
		if mi, ok := s.mentAt(ti); ok {
			end := ti + 1
			for end < len(s.toks) {
				if j, ok := s.mentAt(end); !ok || j != mi {
					break
				}
				end++
			}
			if depth == 0 {
				us = append(us, runit{ment: mi, tok: ti, end: end})
			}
			ti = end
			continue
		}
		if depth == 0 {
			us = append(us, runit{word: strings.ReplaceAll(w, "’", "'"), ment: -1, tok: ti, end: ti + 1})
		}
		ti++
	}
	return us
}

// placeholders name a mention's type inside a pattern string. Every unit
// is followed by one space, so patterns are written as "word word ".
var placeholders = map[dossier.EntityType]string{
	dossier.Group:        "<grp>",
	dossier.Person:       "<per>",
	dossier.Organization: "<org>",
	dossier.Place:        "<loc>",
	dossier.Facility:     "<fac>",
	dossier.Nationality:  "<nat>",
}

// joined is a sentence's units as the string patterns match (each unit's
// text followed by one space), with where each unit starts in it: the
// string of any run of units is a slice of it. Relations ask for the
// units between every pair of mentions, and building each string anew
// cost more than matching it.
type joined struct {
	text string
	off  []int // off[k]: byte offset of unit k; off[len(us)] = len(text)
}

func joinAll(s *sentence, us []runit) *joined {
	j := &joined{off: make([]int, len(us)+1)}
	var b strings.Builder
	n := 0
	for _, u := range us {
		n += len(unitText(s, u)) + 1
	}
	b.Grow(n)
	for k, u := range us {
		j.off[k] = b.Len()
		b.WriteString(unitText(s, u))
		b.WriteByte(' ')
	}
	j.off[len(us)] = b.Len()
	j.text = b.String()
	return j
}

// join returns the string of the units from..to-1.
func (j *joined) join(from, to int) string {
	if from >= to {
		return ""
	}
	return j.text[j.off[from]:j.off[to]]
}

// unitText is a unit as patterns see it: its word, or its mention's
// placeholder.
func unitText(s *sentence, u runit) string {
	if u.ment >= 0 {
		if p := placeholders[s.ments[u.ment].EntityType]; p != "" {
			return p
		}
		return "<ent>"
	}
	return u.word
}

// coordConnector is what may stand between coordinated mentions: "and",
// a comma, and descriptors ("and former Taliban commander").
var coordConnector = mustMatcher(relExpand(`^(?:,|and|, and|or|, or|as well as|along with|&)(?: (?:{MODW}|<grp>|<nat>|<loc>|<org>|{LEAD}|{MEMB}|group|groups|province|provinces|district|districts))* $`))

// coordinated returns the runit indices of the mentions coordinated with
// the mention at runit i, going right (dir +1) or left (-1), nearest first.
func coordinated(s *sentence, us []runit, uj *joined, i, dir int) []int {
	var out []int
	typ := s.ments[us[i].ment].EntityType
	for {
		j := i + dir
		for j >= 0 && j < len(us) && us[j].ment < 0 && absInt(j-i) <= 6 {
			j += dir
		}
		if j < 0 || j >= len(us) || us[j].ment < 0 || absInt(j-i) > 6 {
			return out
		}
		lo, hi := i+1, j
		if dir < 0 {
			lo, hi = j+1, i
		}
		if hi-lo < 1 || !coordConnector.MatchString(uj.join(lo, hi)) || s.ments[us[j].ment].EntityType != typ {
			return out
		}
		out = append(out, j)
		i = j
	}
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// types of a pattern's slots.
const (
	tGroup = 1 << iota
	tPerson
	tOrg
	tPlace
	tNat
)

var typeBits = map[dossier.EntityType]int{
	dossier.Group:        tGroup,
	dossier.Person:       tPerson,
	dossier.Organization: tOrg,
	dossier.Place:        tPlace,
	dossier.Nationality:  tNat,
}

// relPattern is one way of saying a relation.
type relPattern struct {
	pred string
	// subjFirst: the subject is the first mention in text order.
	subjFirst bool
	// a and b are the allowed types (tGroup|...) of the first and second
	// mention in text order.
	a, b int
	// oneGroup requires at least one of the two to be an armed group
	// (rival_of and allied_with between a state and a group are kept;
	// between two states or agencies they are not this program's concern).
	oneGroup bool
	mid      *matcher
	// pre must match the (up to six) units before the first mention;
	// post the (up to six) units after the second. Nil: anything.
	pre, post *matcher
	// notPre, when set, must not match the units before the first mention;
	// notMid must not match the units between the two.
	notPre, notMid *matcher
	// leaving: a date without a cue word ends the relation ("defected from
	// the Taliban in 2015") rather than starting it.
	leaving bool
	// noCoord: the pattern itself is a coordination ("between X and Y").
	noCoord bool
}

func (p *relPattern) fits(a, b dossier.EntityType) bool {
	return p.fitsBits(typeBits[a], typeBits[b])
}

// fitsBits is fits on the types' bits, looked up once per pair of
// mentions rather than once per pattern.
func (p *relPattern) fitsBits(ba, bb int) bool {
	if ba&p.a == 0 || bb&p.b == 0 {
		return false
	}
	if p.oneGroup && ba != tGroup && bb != tGroup {
		return false
	}
	return true
}

// formerRoles are, for each predicate, the words of its role that
// "former", "ex-" or "previously" may qualify.
var formerRoles = map[string]string{
	LeaderOf:       `leader|emir|amir|chief|head|led|headed|commanded|ran`,
	DeputyOf:       `deputy`,
	SpokespersonOf: `spokesman|spokesperson|spokeswoman`,
	MemberOf:       `member|commander|fighter|militant|operative|official|cadre`,
	FoundedBy:      `founder`,
	AffiliateOf:    `affiliate|branch|wing|province`,
	AlliedWith:     `ally|allies|partner|partners|allied`,
	RivalOf:        `rival|rivals|enemy|enemies`,
}

var formerRes = func() map[string]*regexp.Regexp {
	m := map[string]*regexp.Regexp{}
	for pred, roles := range formerRoles {
		m[pred] = regexp.MustCompile(`(?:^| )(?:former|ex|ex-\S+|erstwhile|onetime|one-time|previous|late|formerly|previously|once|then) (?:\S+ )?(?:` + roles + `) `)
	}
	return m
}()

// former reports whether the text around a match says the relation is
// over ("former emir", "ex-leader", "previously led"), so that a bare
// date in the sentence is not taken as its start.
func (p *relPattern) former(around string) bool {
	re := formerRes[p.pred]
	return re != nil && re.MatchString(around)
}

// relMacros are the word classes the patterns are written with.
var relMacros = []string{
	// {ART}: an optional article or possessive determiner.
	"{ART}", `(?:(?:the|a|an|its|their|his|her|one|another) )?`,
	// {MOD}: modifiers of a role noun ("senior", "Afghan", "founding").
	"{MOD}", `(?:(?:{MODW}|<loc>|<nat>) )*`,
	"{MODW}", `(?:senior|top|key|prominent|powerful|notorious|local|regional|provincial|military|political|media|official|chief|self-styled|self-proclaimed|self-declared|interim|acting|overall|supreme|new|newly|appointed|current|former|then|late|founding|first|second|ambitious|shadowy|elusive|alleged|reported|de|facto|longtime|long-time|veteran|influential|main|central|global|operational|spiritual|religious|ideological|field|district|ex|erstwhile|onetime|one-time|previous|sitting|incumbent|high-ranking|high-level|mid-level|hardline|hard-line|radical|militant|jihadist|islamist|group|network|movement|outfit|organisation|organization|wing|armed|terrorist|insurgent|rebel|most|wanted|feared|slain|jailed|detained|captured|killed|dead|deceased|newest|latest|previous|original|de-facto|nominal|titular|self|proclaimed|operations|intelligence|security|finance|external|internal|regional|provincial|deputy-?)`,
	"{LEAD}", `(?:leader|emir|amir|ameer|chief|head|commander-in-chief|supremo|boss|wali|ringleader|caliph|chairman|supreme leader|top commander|overall commander|supreme commander|chief commander|head commander|commander in chief|mastermind)`,
	"{DEP}", `(?:deputy(?: (?:leader|emir|amir|chief|head|commander))?|second-in-command|second in command|number two|no\. 2|naib|deputy-leader|deputy-chief)`,
	"{SPOKE}", `(?:spokesman|spokesperson|spokeswoman|spokespeople|mouthpiece|press officer|media officer)`,
	"{MEMB}", `(?:member|commander|fighter|militant|operative|official|cadre|figure|ideologue|recruiter|financier|field commander|insurgent|loyalist|adherent|facilitator|bomb-maker|trainer|preacher|cleric|planner|strategist)`,
	"{FOUNDER}", `(?:founder|co-founder|cofounder|founding father)`,
	"{AFF}", `(?:affiliate|branch|province|wing|offshoot|franchise|chapter|arm|wilayat|wilaya|subsidiary|subgroup|sub-group|division|runit|cell|front|outpost|extension)`,
	"{SPL}", `(?:splinter(?: group| faction| organi[sz]ation)?|breakaway(?: group| faction)?|faction|splinter-group|breakaway-faction|dissident faction|rival faction)`,
	"{BE}", `(?:is|are|was|were|has been|have been|had been|remains|remained|became|becomes|has become|had become|is now|was then|would become|went on to become)`,
	// {VERBS}: what links a name to the role it holds ("X, who became
	// the emir of Y", "X was appointed as the emir of Y").
	"{VERBS}", `(?:(?:is|are|was|were|has been|have been|had been) (?:(?:also|then|now|currently|later|briefly|reportedly|allegedly|previously|formerly|once|still) )?|(?:became|becomes|has become|had become|remains|remained|went on to become|would become|served as|serves as|has served as|had served as|took over as|acted as|acts as|worked as|works as|rose to become|was promoted to|(?:was |is |has been |had been |were )?(?:(?:later|then|subsequently|recently|formally|reportedly|officially) )?(?:appointed|named|elected|chosen|selected|installed|made|declared|confirmed|announced)(?: as)?) )`,
	"{WHO}", `(?:(?:who|which|that|whom) )?`,
	"{ADV}", `(?:(?:also|then|later|briefly|formerly|previously|currently|now|once|still|reportedly|allegedly|eventually|subsequently|initially|first|jointly|formally|officially|publicly|recently|long|closely|mainly|mostly|primarily|largely|increasingly|actively|heavily|openly|repeatedly|frequently|regularly|often) )*`,
	"{HAVE}", `(?:(?:has|have|had|is|are|was|were|been|be|will|would) )*`,
	"{MEMBERS}", `(?:members|fighters|commanders|militants|cadres|leaders|elements|defectors|figures|operatives|loyalists|insurgents|men|recruits|veterans|factions|units)`,
	"{FIGHT}", `(?:fight|fighting|war|campaign|offensive|operations?|battles?|struggle|crackdown|attacks?|strikes?|airstrikes|air strikes|insurgency|jihad|raids?|counterterrorism operations|counter-terrorism operations|efforts?|push|assault|hostilities|violence|retaliation)`,
	"{HOSTILE}", `(?:hostile|adversarial|antagonistic|violent|bitter|bloody|tense|fraught|uneasy|troubled|rocky|competitive|deadly|fierce|long-running)`,
	"{DESC}", `(?:(?:{MODW}|<grp>|<nat>|<loc>|<org>|{LEAD}|{MEMB}|his|her|its|their|the|a|an|brother|son|cousin|father|nephew|uncle) )*`,
}

func relExpand(src string) string {
	for i := 0; i < 3; i++ {
		for j := 0; j < len(relMacros); j += 2 {
			src = strings.ReplaceAll(src, relMacros[j], relMacros[j+1])
		}
	}
	return src
}

func relRe(src string) *matcher {
	if src == "" {
		return nil
	}
	return mustMatcher(relExpand(src))
}

// rule builds a pattern; pre and post may be "".
//
// Mentions do not hold their article ("the Taliban"), so an optional
// article is allowed at the end of mid and pre.
func relRule(pred string, subjFirst bool, a, b int, mid, pre, post string) *relPattern {
	mid = withArticle(mid)
	pre = withArticle(pre)
	return &relPattern{pred: pred, subjFirst: subjFirst, a: a, b: b, mid: relRe(mid), pre: relRe(pre), post: relRe(post)}
}

func withArticle(src string) string {
	if strings.HasSuffix(src, "$") {
		return src[:len(src)-1] + `(?:(?:the|a|an) )?$`
	}
	return src
}

func (p *relPattern) leave() *relPattern     { p.leaving = true; return p }
func (p *relPattern) needGroup() *relPattern { p.oneGroup = true; return p }
func (p *relPattern) coordOff() *relPattern  { p.noCoord = true; return p }
func (p *relPattern) except(mid string) *relPattern {
	p.notMid = relRe(mid)
	return p
}
func (p *relPattern) unless(pre string) *relPattern {
	p.notPre = relRe(pre)
	return p
}

// roleRules are the ways of giving a person a role in an actor: "X, the
// ROLE of Y", "Y's ROLE X", "X, a Y ROLE", "the ROLE of Y, X".
func roleRules(pred, role string, objs int) []*relPattern {
	return []*relPattern{
		// X, (who is) the ROLE of Y / X was appointed ROLE of Y
		relRule(pred, true, tPerson, objs, `^(?:, )?{WHO}{VERBS}?{ART}{MOD}`+role+` (?:of|for|in|to|within|at) {ART}$`, "", ""),
		// Y's ROLE X / Y ROLE X / Y's founding ROLE, X
		relRule(pred, false, objs, tPerson, `^(?:'s )?{MOD}`+role+` (?:, )?$`, "", ""),
		// X, Y's ROLE / X, a Y ROLE / said X, Y's ROLE
		relRule(pred, true, tPerson, objs, `^(?:, )?{WHO}{VERBS}?{ART}{MOD}$`, "", `^(?:'s )?{MOD}`+role+`\b`),
		// the ROLE of Y, X / a ROLE for Y, X
		relRule(pred, false, objs, tPerson, `^, $`, `(?:^| ){MOD}`+role+` (?:of|for) {ART}$`, ""),
	}
}

// relPatterns are tried in order for each pair of mentions; the first
// that matches wins, so the specific come before the general.
var relPatterns = buildPatterns()

// patternsFitting[a][b] are the relPatterns, in order, that fit a first
// mention of type bits a and a second of type bits b (fitsBits): a pair
// of mentions tries only those, not every pattern.
var patternsFitting = func() (t [tNat + 1][tNat + 1][]*relPattern) {
	for a := range t {
		for b := range t[a] {
			for _, p := range relPatterns {
				if p.fitsBits(a, b) {
					t[a][b] = append(t[a][b], p)
				}
			}
		}
	}
	return t
}()

func buildPatterns() []*relPattern {
	P, G, O, L, N := tPerson, tGroup, tOrg, tPlace, tNat
	var ps []*relPattern
	add := func(p ...*relPattern) { ps = append(ps, p...) }

	// Deputies before leaders: "deputy leader" holds "leader".
	add(relRule(DeputyOf, false, G, P, `(?:led|headed|commanded) by .* and {DESC}$`, "", `^(?:, )?as {ART}{MOD}{DEP}\b`))
	add(roleRules(DeputyOf, "{DEP}", G)...)
	add(roleRules(SpokespersonOf, "{SPOKE}", G|O)...)
	add(roleRules(FoundedBy, "{FOUNDER}", G)...)
	// the founder rules name the person first; founded_by has the group as
	// subject, so flip them.
	for _, p := range ps[len(ps)-4:] {
		p.subjFirst = !p.subjFirst
	}
	add(roleRules(LeaderOf, "{LEAD}", G)...)
	add(
		// X, the emir who led Y / X, who has led Y / X leads Y
		relRule(LeaderOf, true, P, G, `^(?:, )?(?:{ART}{MOD}{LEAD} )?{WHO}{HAVE}{ADV}(?:led|leads|heads|headed|commands|commanded|runs|ran|helms|helmed|leading|took over|took control of|took charge of|took the helm of|assumed (?:the )?(?:leadership|command|control) of|took over (?:the )?(?:leadership|command) of|founded and led|established and led)(?: {ART}(?:group|movement|organi[sz]ation|network))? $`, "", ""),
		// Y, led by X / Y was led by TTP commander X
		relRule(LeaderOf, false, G, P, `^(?:, )?{WHO}{HAVE}{ADV}(?:led|headed|commanded|run|helmed|ruled|controlled|directed) (?:(?:in|since|from|until|between|during) [^<>]{1,25} )?by {DESC}$`, "", ""),
		// Y, under the leadership of X
		relRule(LeaderOf, false, G, P, `^(?:, )?{HAVE}{ADV}(?:[a-z-]+ ){0,3}under {ART}{MOD}(?:leadership|command|rule|stewardship|direction) of {DESC}$`, "", ""),
		// under the leadership of X, Y ...
		relRule(LeaderOf, true, P, G, `^, $`, `under {ART}{MOD}(?:leadership|command|rule|stewardship) of {DESC}$`, ""),
		// under X's leadership, Y ...
		relRule(LeaderOf, true, P, G, `^'s {MOD}(?:leadership|command|rule|stewardship) (?:, )?$`, `(?:^| )under $`, ""),
		// Y appointed X as its new emir
		relRule(LeaderOf, false, G, P, `^{HAVE}{ADV}(?:appointed|named|chose|selected|elected|installed|announced)(?: {ART}{MOD}{LEAD})? $`, "", `^(?:, )?as {ART}{MOD}{LEAD}\b`),
		// X succeeded Z as emir of Y
		relRule(LeaderOf, true, P, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:succeeded|replaced) <per> as {ART}{MOD}{LEAD} (?:of|for) {ART}$`, "", ""),
	)

	add(roleRules(MemberOf, "{MEMB}", G)...)
	add(
		// X joined Y / X, who fought for Y
		relRule(MemberOf, true, P, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:joined|defected to|switched to|switched allegiance to|went over to|(?:pledged|swore|sworn|declared|gave|renewed) (?:his |her |their )?(?:allegiance|loyalty|bay'ah|bayah|baya|bay'a|oath of allegiance) to|enlisted in|fought for|fights for|fighting for|fought with|fights with|fighting with|served in|serves in|served with|serves with|worked for|works for|belongs to|belonged to|rose through (?:the )?ranks of|(?:was |were )?recruited (?:by|into|to)|(?:was |were )?affiliated (?:with|to)|(?:was |were )?part of|(?:was |were )?a part of) $`, "", ""),
		// X defected from Y / X left Y in 2015
		relRule(MemberOf, true, P, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:defected from|left|quit|broke with|broke away from|split from|(?:was |were )?expelled from|(?:was |were )?ousted from|(?:was |were )?dismissed from|deserted|abandoned|renounced) $`, "", "").leave(),
		// Y leaders, including X / Y's commanders such as X
		relRule(MemberOf, false, G, P, `^(?:'s )?{MOD}{MEMBERS} ,? (?:including|such as|among them|like|among whom|namely) $`, "", ""),
		// leaders of Y, including X
		relRule(MemberOf, false, G, P, `^(?:, )?(?:including|such as|among them|like|namely) $`, `{MEMBERS} (?:of|in|from) {ART}$`, ""),
	)

	add(
		// X founded Y
		relRule(FoundedBy, false, P, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:founded|co-founded|cofounded|established|created|formed|set up|launched|started) $`, "", ""),
		// Y was founded (in 2015) by X
		relRule(FoundedBy, true, G, P, `^(?:, )?{WHO}{HAVE}{ADV}(?:founded|co-founded|established|created|formed|set up|launched|started|born)(?: (?:in|on|during|around) [^<>]{1,30})? by {DESC}$`, "", ""),
	)

	add(
		// Y1, formed by defectors from Y2
		relRule(SplinterOf, true, G, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:formed|founded|created|established|set up|made up|composed|comprised|started|launched)(?: (?:in|on) [^<>]{1,30})? (?:by|of) (?:[a-z'-]+ ){0,2}(?:defectors|dissidents|deserters|breakaway members|disaffected members|former members|former commanders|former fighters|splinters)(?: [a-z-]+)? (?:from|of) {ART}$`, "", ""),
		// Y1 broke away from Y2
		relRule(SplinterOf, true, G, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:broke away|broken away|breaking away|split|splintered|separated|seceded|emerged|defected|broke off|split off|splitting|splintering|parted ways) (?:from|off from|with) $`, "", ""),
	)
	add(nounRules(SplinterOf, "{SPL}", "(?:of|from|within)")...)
	add(nounRules(AffiliateOf, "{AFF}", "(?:of|for|to)")...)
	add(
		// Y1 is affiliated with Y2 / loyal to
		relRule(AffiliateOf, true, G, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:affiliated|loyal|subordinate|answerable|allied and affiliated) (?:with|to) $`, "", ""),
		// Y1 pledged allegiance to Y2
		relRule(AffiliateOf, true, G, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:pledged|swore|sworn|declared|announced|gave|offered|renewed|pledging|swearing) (?:its |their |his )?(?:allegiance|loyalty|bay'ah|bayah|baya|bay'a|oath) (?:of allegiance |of loyalty )?to $`, "", ""),
		// Y1 became part of Y2
		relRule(AffiliateOf, true, G, G, `^(?:, )?{WHO}{HAVE}{ADV}(?:(?:is|was|became|are|were|remains) )?(?:part|a part|a component|an integral part) of $`, "", ""),
	)

	// Recruiting from a group: fighters of Y2 defecting to Y1.
	add(
		relRule(RecruitedFrom, false, G, G, `^(?:'s )?{MOD}{MEMBERS} {WHO}{HAVE}{ADV}(?:defected to|switched (?:allegiance|sides) to|joined|went over to|gone over to|flocked to|moved to|pledged allegiance to|swore allegiance to) $`, "", ""),
		relRule(RecruitedFrom, false, G, G, `^{WHO}{HAVE}{ADV}(?:defected to|switched (?:allegiance|sides) to|joined|went over to|gone over to|flocked to|moved to|pledged allegiance to|swore allegiance to) $`, `{MEMBERS} (?:of|from) {ART}(?:{MODW} )*$`, ""),
		relRule(RecruitedFrom, true, G, L|N|G, `^(?:, )?{WHO}{HAVE}{ADV}(?:recruits|recruited|recruiting|recruit|draws|drew|drawn|draw|attracts|attracted|attracting|enlisted|enlists|enlisting|gained recruits|finds recruits|found recruits)(?: [a-z'-]+){0,4} (?:from|among|in|within|across|out of)(?: {ART}ranks of)? (?:[a-z'-]+ |<nat> |<loc> ){0,5}$`, "", ""),
		relRule(RecruitedFrom, true, G, L|N|G, `^(?:'s )?(?:[a-z'-]+ ){0,5}(?:recruits|fighters|members|ranks|cadres|leadership|soldiers|manpower|militants|commanders|rank-and-file) (?:[a-z'-]+ ){0,2}(?:come|came|comes|coming|drawn|draws|hail|hails|hailed|originate|originated|originates|are drawn|were drawn|was drawn|is drawn) (?:mainly |mostly |largely |primarily |predominantly |chiefly )?(?:from|among) {ART}(?:{MODW} )*$`, "", ""),
		relRule(RecruitedFrom, true, G, L|N|G, `^(?:'s )?(?:[a-z-]+ ){0,2}(?:recruitment|recruiting|recruitment drive)(?: of [a-z-]+)? (?:from|among|in) {ART}(?:{MODW} )*$`, "", ""),
		relRule(RecruitedFrom, true, G, N, `^{HAVE}{ADV}(?:recruited|recruits|recruiting|attracted|attracts|attracting|enlisted|enlists|enlisting)(?: (?:{MODW}|disaffected|young|many|some|hundreds of|thousands of|dozens of))* $`, "", ""),
		relRule(RecruitedFrom, true, G, G, `^{HAVE}{ADV}(?:recruited|recruits|recruiting|attracted|attracts|attracting|poached|poaches|absorbed|absorbs)(?: (?:{MODW}|disaffected|young|many|some|hundreds of|thousands of|dozens of))* $`, "", `^{MEMBERS}\b`),
	)

	// Designations: "the US designated Y", "Y was designated ... by the UN".
	add(
		relRule(DesignatedBy, false, O|L, G, `^(?:'s )?{HAVE}{ADV}(?:designated|designates|designating|listed|lists|proscribed|proscribes|banned|bans|blacklisted|blacklists|sanctioned|sanctions|outlawed|outlaws|added|labelled|labeled) $`, "", ""),
		relRule(DesignatedBy, false, O|L, G, `^'s (?:[a-z-]+ )?(?:designation|listing|proscription|blacklisting|ban) of $`, "", ""),
		relRule(DesignatedBy, true, G, O|L, `^(?:, )?{WHO}{HAVE}{ADV}(?:designated|listed|proscribed|banned|blacklisted|sanctioned|outlawed|classified|labelled|labeled|branded|declared)(?: as)?(?: (?:an? |the )?(?:[a-z-]+ ){0,4}(?:organi[sz]ation|group|entity|entities|terrorists?|fto|sdgt|outfit))?(?: (?:in|on) [^<>]{1,25})? by {ART}$`, "", ""),
		relRule(DesignatedBy, true, G, O|L, `^(?:, )?{WHO}{HAVE}{ADV}(?:listed|placed|included|put) (?:on|in) {ART}$`, "", `^(?:'s )?(?:[a-z-]+ ){0,4}list\b`),
	)

	// Rivals and enemies, before allies: "X's rival Y" is not "X's ally Y".
	add(
		relRule(RivalOf, true, G|O, G|O, `^(?:'s |and (?:its|their) |, (?:its|their) )?{MOD}(?:rivals?|arch-rivals?|archrivals?|arch-enemy|enemy|enemies|nemesis|foes?|adversary|adversaries|opponents?|competitors?) (?:, )?$`, "", "").needGroup(),
		relRule(RivalOf, true, G|O, G|O, `^(?:, )?{WHO}{VERBS}?{ART}{MOD}(?:rival|enemy|enemies|foe|adversary|opponent|arch-rival|archrival|competitor|nemesis) (?:of|to) {ART}$`, "", "").needGroup(),
		relRule(RivalOf, true, G|O, G|O, `^(?:, )?{WHO}{HAVE}{ADV}(?:fighting|fought|fights|fight|battling|battled|battles|clashed|clashing|clashes|clash|at war|waging war|waged war|wages war|went to war|engaged in (?:fighting|clashes|battles|combat)|competing|competes|competed|compete|in conflict|in competition|at odds|locked in (?:a )?(?:battle|struggle|rivalry|conflict)|attacked|attacks|attacking|targeted|targets|targeting|ambushed|ambushes|raided|raids|declared war|opposes|opposed|opposing|resisted|resisting|feuding|at loggerheads)(?: (?:with|against|on))? {ART}$`, "", "").needGroup(),
		relRule(RivalOf, true, G|O, G|O, `^(?:'s )?(?:[a-z0-9,'-]+ ){0,4}{FIGHT} (?:against|on) $`, "", "").needGroup(),
		relRule(RivalOf, true, G|O, G|O, `^(?:'s )?(?:[a-z0-9,'-]+ ){0,3}{HOSTILE} (?:relationship|relations|ties|rivalry|competition|conflict|feud|struggle) (?:with|to) $`, "", "").needGroup(),
		relRule(RivalOf, true, G|O, G|O, `^(?:[a-z0-9,'-]+ ){0,5}(?:to|vowed to|efforts to|campaign to|fight to|committed to|continue to|seeks? to|sought to|aims? to|helping to|help) (?:defeat|destroy|eliminate|degrade|defeating|destroying|eliminating|counter|combat|combating|combatting|dismantle|crush|wipe out|root out|uproot|annihilate) $`, "", "").needGroup(),
		relRule(RivalOf, true, G|O, G|O, `^and $`, `(?:clashes|clash|fighting|fight|rivalry|rivalries|war|conflict|tensions?|battles?|hostilit(?:y|ies)|feud|competition|enmity|gunbattles?|gun battles?|skirmish(?:es)?|firefights?|infighting|struggle|animosity|hostility|confrontation|confrontations) between $`, "").needGroup().coordOff(),
		relRule(RivalOf, true, G|O, G|O, `^and $`, "", `^(?:{HAVE}|remain |became |become |{ADV})*(?:{ADV})?(?:bitter |sworn |fierce |arch |long-standing |longstanding |deadly )?(?:rivals|enemies|foes|adversaries|at war|at odds|competitors|clashed|fought|fighting|feuding)\b`).needGroup().coordOff(),
		relRule(RivalOf, true, G|O, G|O, `^and $`, `(?:rivals?|rival groups?|rival factions?|enemies|arch-rivals|archrivals|adversaries|foes) (?:, )?$`, "").needGroup().coordOff(),
	)
	add(
		relRule(AlliedWith, true, G|O, G|O, `^(?:'s |and (?:its|their) |, (?:its|their) )?{MOD}(?:ally|allies|partner|partners|patron|patrons|backer|backers|sponsor|sponsors|protector|protectors|proxy|proxies|comrades-in-arms) (?:, )?$`, "", "").needGroup(),
		relRule(AlliedWith, true, G|O, G|O, `^(?:, )?{WHO}{VERBS}?{ART}{MOD}(?:ally|allies|partner|proxy|patron|backer|sponsor) (?:of|to) {ART}$`, "", "").needGroup(),
		relRule(AlliedWith, true, G|O, G|O, `^(?:, )?{WHO}{HAVE}{ADV}(?:allied|aligned|in alliance|in league|in cahoots|cooperating|cooperated|cooperates|cooperate|co-operating|co-operates|co-operated|collaborating|collaborated|collaborates|collaborate|coordinating|coordinated|coordinates|coordinate|fought alongside|fighting alongside|fights alongside|teamed up|joined forces|partnered|partnering|partners|colluding|colluded|sided|close|closely linked|linked|tied|connected) (?:closely )?(?:with|alongside|to) $`, "", "").needGroup(),
		relRule(AlliedWith, true, G|O, G|O, `^(?:'s )?(?:[a-z0-9,'-]+ ){0,3}(?:alliance|alliances|ties|links|relations|relationship|connections|cooperation|co-operation|collaboration|partnership|coordination|contacts|nexus|pact|understanding) (?:with|to) $`, "", "").needGroup().except(`(?:^| )(?:severed|sever|severing|cut|cutting|broke|broken|breaking|ended|ending|end|denied|suspended|strained|frayed|souring|soured|{HOSTILE})(?: |$)`),
		relRule(AlliedWith, true, G|O, G|O, `^(?:, )?{WHO}{HAVE}{ADV}(?:backed|supported|sponsored|armed|funded|financed|aided|assisted|protected|sheltered|harboured|harbored|helped) by $`, "", "").needGroup(),
		relRule(AlliedWith, true, G|O, G|O, `^(?:, )?{WHO}{HAVE}{ADV}(?:supports|supported|supporting|backs|backed|backing|in support of|support (?:for|to)|assists|assisted|assisting|helped|helps|aids|aided|sponsors|sponsored|arms|armed|funds|funded|financed|finances|shelters|sheltered|harbours|harbors|harboured|harbored|protects|protected) $`, "", "").needGroup(),
		relRule(AlliedWith, true, G|O, G|O, `^and $`, `(?:alliance|cooperation|co-operation|ties|links|partnership|collaboration|relationship|relations|pact|deal|agreement|coordination|nexus|merger|rapprochement) between $`, "").needGroup().coordOff(),
		relRule(AlliedWith, true, G|O, G|O, `^and $`, "", `^(?:{HAVE}|remain |became |become |{ADV})*(?:close |long-standing |longstanding |natural |strategic )?(?:allies|partners|allied|aligned|cooperated|cooperate|cooperating|collaborated|joined forces)\b`).needGroup().coordOff(),
		relRule(AlliedWith, true, G|O, G|O, `^and $`, `(?:allies|allied groups?|allied factions?|partners) (?:, )?$`, "").needGroup().coordOff(),
	)

	// Where a group operates.
	add(
		relRule(OperatesIn, true, G, L, `^(?:, )?{WHO}{HAVE}{ADV}(?:operates|operating|operated|operate|active|based|headquartered|present|entrenched|concentrated|strongest|rooted|thriving|deployed|located|embedded|fighting|fights|fought|expanding|expanded|spread|spreading|established|gained ground|gaining ground|hiding|hides|hid|sheltering)(?: {ADV})? (?:{ADV})?(?:in|across|throughout|out of|inside|within|from|along)(?: {ART}(?:parts|areas|much|most|swathes|regions|pockets) of)? {ART}(?:{MODW} )*$`, "", ""),
		relRule(OperatesIn, true, G, L, `^(?:'s )?(?:[a-z0-9-]+ ){0,3}(?:stronghold|strongholds|presence|base|bases|heartland|safe havens?|sanctuary|sanctuaries|territory|territories|foothold|hideouts?|camps?|cells?|network|networks|operations|activities|activity|fighters|militants|members|positions|units?|enclaves?|redoubts?|hub|hubs|headquarters|targets|forces|operatives|terrorists|troops|elements|commanders|leaders|remnants|holdouts|insurgents|combatants|jihadists) (?:in|across|throughout|inside|within|along)(?: {ART}(?:parts|areas|much|most|swathes|regions|pockets) of)? {ART}(?:{MODW} )*$`, "", ""),
		relRule(OperatesIn, true, G, L, `^(?:in|across|throughout|inside)(?: {ART}(?:parts|areas|much|most|swathes|regions|pockets) of)? {ART}$`, "", "").unless(`(?:^| )(?:{AFF}|{SPL}|{LEAD}|{DEP}|{SPOKE}|{FOUNDER}|affiliates|branches|provinces|wings|factions|offshoots|leaders|spokesmen) (?:of|for) (?:(?:the|a|an) )?$|(?:^| )(?:by|from|to) (?:(?:the|a|an) )?$`),
		relRule(OperatesIn, true, G, L, `^{WHO}{HAVE}{ADV}(?:controls|controlled|control|controlling|holds|held|holding|occupies|occupied|occupying|seized control of|took control of|gained control of|control of|rules|ruled|dominates|dominated)(?: (?:parts|areas|much|most|swathes|territory|pockets|large parts|districts|villages) (?:of|in))? {ART}$`, "", ""),
	)
	return ps
}

// nounRules are the patterns of a noun relating two groups: "Y1, the
// Afghan branch of Y2", "Y1 is an affiliate of Y2", "Y2's affiliate Y1",
// "Y1, an Y2 affiliate", "the Y2 branch, Y1", "the branch of Y2, Y1".
func nounRules(pred, noun, prep string) []*relPattern {
	G := tGroup
	return []*relPattern{
		relRule(pred, true, G, G, `^(?:, )?{WHO}(?:{VERBS}|(?:has |had )?(?:acted|acts|operates|operated|served|serves|functions|emerged|formed|began|started|was formed|was established|was created|was founded) as )?{ART}{MOD}`+noun+` `+prep+` {ART}$`, "", ""),
		relRule(pred, false, G, G, `^(?:'s )?{MOD}`+noun+` (?:, )?$`, "", ""),
		relRule(pred, true, G, G, `^(?:, )?{WHO}(?:{VERBS}|(?:has |had )?(?:acted|acts|operates|operated|served|serves|functions|emerged|formed|began|started|was formed|was established|was created|was founded) as )?{ART}{MOD}$`, "", `^(?:'s )?{MOD}`+noun+`\b`),
		relRule(pred, false, G, G, `^, $`, `(?:^| ){MOD}`+noun+` `+prep+` {ART}$`, ""),
	}
}

// timeRef is a time expression of a sentence, in token indices.
type timeRef struct {
	tok, end int
	timex.Expr
}

// times finds the sentence's time expressions with package timex,
// anchored on the document's publication date, and maps them to tokens.
func times(s *sentence) []timeRef {
	var out []timeRef
	for _, e := range s.times() {
		if !e.Resolved {
			continue
		}
		t := timeRef{tok: -1, Expr: e}
		for i, tk := range s.toks {
			if t.tok < 0 && tk.End > e.Start {
				t.tok = i
			}
			if tk.Start < e.End {
				t.end = i + 1
			}
		}
		if t.tok >= 0 && t.end > t.tok {
			out = append(out, t)
		}
	}
	return out
}

// relEndWords say that a person's role ended at the date after them: "killed
// in 2016", "until his death in 2016", "(died 2015)".
var relEndWords = wordSet("killed", "died", "death", "dead", "assassinated", "eliminated", "exterminated", "ousted",
	"removed", "replaced", "resigned", "stepped", "deposed", "dismissed", "captured", "arrested", "detained",
	"executed", "slain", "defected", "left", "quit", "expelled", "sacked", "demise", "martyred", "ended",
	"ending", "collapsed", "dissolved", "severed", "disbanded", "surrendered", "retired", "fired", "succeeded")

// relTime reads the start and end of a relation matched between tokens lo
// and hi. Only time expressions inside the match, within a few tokens of
// it, or opening the sentence ("In 2014, ...") count. "since"/"from" give
// the start, "until" the end, "from ... to ..." both; a date after a word
// of ending ("killed in 2016") ends a person's role when no other person
// stands between them; the nearest other date is the start ("in 2014,
// IS-K was led by ...": the earliest date the text attests), unless the
// role is said to be over ("former emir") or the pattern is one of leaving
// ("defected from Y in 2015": the end).
func relTime(s *sentence, tx []timeRef, lo, hi, person int, p *relPattern, former bool) (start, end string) {
	var bare []timeRef
	for _, t := range tx {
		if !timeNear(s, t, lo, hi) {
			continue
		}
		val := firstOf(t.Value, t.From, t.To)
		switch {
		case t.From != "" && t.To != "":
			setOnce(&start, t.From)
			setOnce(&end, t.To)
		case t.Mod == "since" || t.tok > 0 && relStartWords[s.low[t.tok-1]]:
			setOnce(&start, firstOf(t.From, val))
		case t.Mod == "until":
			setOnce(&end, firstOf(t.To, val))
		case t.Mod == "by" || t.Mod == "before" || t.Mod == "after":
			// a bound, not a start or end
		case person >= 0 && endsRole(s, t.tok, person):
			setOnce(&end, val)
		case t.tok >= hi && !(t.tok > 0 && relDatePreps[s.low[t.tok-1]]):
			// a date after the match that no preposition attaches to
			// it ("the Taliban's 1996 emirate")
		default:
			bare = append(bare, t)
		}
	}
	if len(bare) > 0 {
		best := bare[0]
		for _, t := range bare[1:] {
			if timeDist(t, lo, hi) < timeDist(best, lo, hi) {
				best = t
			}
		}
		switch {
		case p.leaving:
			setOnce(&end, firstOf(best.Value, best.From))
		case !former:
			setOnce(&start, firstOf(best.Value, best.From))
		}
	}
	return start, end
}

// relDatePreps attach a date to the words before it.
var relDatePreps = wordSet("in", "on", "during", "around", "circa", "about", "early", "late", "mid")

// timeNear reports whether a time expression can date a relation matched
// between tokens lo and hi: inside the match; set off by a comma right
// before it ("In 2014, IS-K was led by ..."); just after it ("joined IS-K in 2015",
// "led IS-K from 2015 to 2019", "killed in a drone strike in 2016"),
// with no other mention between; or, for "since"/"from"/"until", a few
// modifiers before it ("since May 2020, current IS-K leader X"). A date
// further away belongs to another clause ("X, the IS leader, visited
// Iraq in October 2014"; "spokesman X said that since August 2021 ...").
func timeNear(s *sentence, t timeRef, lo, hi int) bool {
	if t.tok >= lo && t.end <= hi {
		return true
	}
	if t.end <= lo {
		// "In 2014, IS-K was led by", "since May 2020, current IS-K
		// leader X": the date and a comma, then the match
		cued := t.Mod == "since" || t.Mod == "until" || t.From != "" || t.To != ""
		if t.end < len(s.low) && s.low[t.end] == "," {
			k := t.end + 1
			for k < lo && (s.low[k] == "the" || s.low[k] == "a" || s.low[k] == "an" || cued && relPreMods[s.low[k]]) {
				k++
			}
			return k == lo
		}
		return false
	}
	if t.tok < hi || semicolonIn(s, hi, t.tok) {
		return false
	}
	// after the match: within eight words, no mention or new clause
	// between, and then a word of ending or a preposition before the date
	if t.tok-hi > 8 {
		return false
	}
	for k := hi; k < t.tok; k++ {
		if hasMention(s, k) {
			return false
		}
	}
	for k := hi; k < t.tok; k++ {
		if relClauseWords[s.low[k]] {
			return false
		}
	}
	if t.tok-hi <= 2 {
		return true
	}
	for k := hi; k < t.tok; k++ {
		if relEndWords[s.low[k]] {
			return true
		}
	}
	return relDatePreps[s.low[t.tok-1]]
}

// relPreMods may stand between a "since" date and the match it dates.
var relPreMods = wordSet("current", "new", "its", "their", "his", "her", "then", "incumbent", "acting")

// relClauseWords start another clause, whose dates are its own.
var relClauseWords = wordSet("that", "said", "says", "stated", "told", "who", "which", "but", "while",
	"when", "after", "before", "because", "although", ":")

func semicolonIn(s *sentence, a, b int) bool {
	for k := a; k < b && k < len(s.low); k++ {
		if s.low[k] == ";" {
			return true
		}
	}
	return false
}

// relStartWords, right before a date, make it the start of a span.
var relStartWords = wordSet("since", "from", "starting", "beginning")

// endsRole reports whether a word of ending stands within eight tokens
// before tok, after the person's mention (whose first token is person)
// and with no other person between them.
func endsRole(s *sentence, tok, person int) bool {
	own, _ := s.mentAt(person)
	for k := tok - 1; k >= 0 && k >= tok-8; k-- {
		if !relEndWords[s.low[k]] {
			continue
		}
		if k < person {
			return false
		}
		for ti := person; ti < k; ti++ {
			if mi, ok := s.mentAt(ti); ok && mi != own && s.ments[mi].EntityType == dossier.Person {
				return false
			}
		}
		return true
	}
	return false
}

func timeDist(t timeRef, lo, hi int) int {
	switch {
	case t.end <= lo:
		return lo - t.end
	case t.tok >= hi:
		return t.tok - hi
	}
	return 0
}

func setOnce(p *string, v string) {
	if *p == "" {
		*p = v
	}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
