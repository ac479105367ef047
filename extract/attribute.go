package extract

import (
	"strings"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/quantity"
)

// Attribute names.
const (
	AttrFounded  = "founded"
	AttrSize     = "size"
	AttrIdeology = "ideology"
	AttrAim      = "aim"
	// AttrDied is when a person died: their roles end then.
	AttrDied = "died"
)

// attributes finds attributes of the armed groups of one sentence: when
// a group was founded, how many fighters it has (with when and by whom
// the estimate was made), its ideology and its aims. Each is one
// document's statement, cited by the sentence; disagreeing statements
// from several documents are all kept.
func attributes(s *sentence, r *Report) {
	var found []*dossier.Attribute
	tx := times(s)
	found = append(found, s.founding(tx)...)
	found = append(found, s.sizes(tx)...)
	found = append(found, s.ideologies()...)
	found = append(found, s.aims()...)
	found = append(found, s.deaths(tx)...)
	if len(found) == 0 {
		return
	}
	c := s.claim(r)
	seen := map[string]bool{}
	for _, a := range found {
		key := a.Entity + "\x00" + a.Name + "\x00" + a.Value
		if seen[key] {
			continue
		}
		seen[key] = true
		a.Document, a.Claim = r.Doc, c.ID
		if a.Quantity != nil {
			a.Quantity.Document, a.Quantity.Claim = r.Doc, c.ID
		}
		r.Attributes = append(r.Attributes, a)
	}
}

// foundingVerbs, as participles after "was" or in an apposition ("IS-K,
// founded in 2015"), say a group began; emergeVerbs say it with the
// group as plain subject ("IS-K emerged in 2015"); foundingNouns with a
// possessor ("its founding in January 2015", "the formation of IS-K in
// 2015").
var (
	foundingVerbs = wordSet("founded", "formed", "established", "created", "launched", "born", "announced",
		"co-founded", "set", "officially", "formally", "inaugurated", "constituted", "organized", "organised")
	emergeVerbs   = wordSet("emerged", "appeared", "arose", "surfaced")
	foundingNouns = wordSet("founding", "formation", "inception", "creation", "establishment", "emergence",
		"birth", "foundation", "launch", "genesis", "beginnings")
	// auxiliaries and adverbs between a group and its founding verb
	foundingGlue = wordSet("was", "were", "is", "has", "had", "been", "being", "which", "that", "first", "originally",
		"officially", "formally", "initially", "reportedly", "publicly", "later", ",", "only", "also")
)

// founding finds "Y was founded in 2015", "Y, formed in 2014",
// "Y emerged in 2015", "since its founding in January 2015", "the
// formation of Y in 2015" and "Founded in 2015, Y ...".
func (s *sentence) founding(tx []timeRef) []*dossier.Attribute {
	var out []*dossier.Attribute
	for _, t := range tx {
		val := firstOf(t.Value, t.From)
		if val == "" || t.To != "" && t.From != "" {
			continue
		}
		k := t.tok - 1
		for k >= 0 && (s.low[k] == "in" || s.low[k] == "on" || s.low[k] == "during" || s.low[k] == "around" || s.low[k] == "circa" || s.low[k] == "about") {
			k--
		}
		// "formed by X in 2015": step back over "by <mention>"
		if k >= 0 {
			if mi, ok := s.mentAt(k); ok {
				if st := s.tokOf(mi); st > 0 && s.low[st-1] == "by" {
					k = st - 2
				}
			}
		}
		if k < 0 {
			continue
		}
		// "the formation of Y in 2015"
		if g := s.groupAt(k); g >= 0 {
			st := s.tokOf(g)
			if st > 0 && s.low[st-1] == "the" {
				st--
			}
			if st > 1 && s.low[st-1] == "of" && foundingNouns[s.low[st-2]] {
				out = append(out, &dossier.Attribute{Entity: s.ments[g].Entity, Name: AttrFounded, Value: val})
			}
			continue
		}
		if hasMention(s, k) {
			continue
		}
		w := s.low[k]
		if w == "up" && k > 0 && s.low[k-1] == "set" {
			k--
			w = "set"
		}
		g := -1
		switch {
		case foundingNouns[w]:
			g = s.foundingPossessor(k, t)
		case emergeVerbs[w]:
			g = s.groupBefore(k, foundingGlue, 5)
		case foundingVerbs[w]:
			passive := false
			for j := k - 1; j >= 0 && j >= k-4; j-- {
				if s.low[j] == "was" || s.low[j] == "were" || s.low[j] == "been" || s.low[j] == "," {
					passive = true
					break
				}
				if hasMention(s, j) {
					break
				}
			}
			if passive {
				g = s.groupBefore(k, foundingGlue, 5)
			}
			// "Founded in 2015, IS-K ..."
			if g < 0 && k == 0 && t.end < len(s.low) && s.low[t.end] == "," {
				g = s.groupAt(t.end + 1)
			}
		}
		if g >= 0 {
			out = append(out, &dossier.Attribute{Entity: s.ments[g].Entity, Name: AttrFounded, Value: val})
		}
	}
	return out
}

// foundingPossessor finds whose founding the noun at k is: "Y's founding",
// "the founding of Y", or "its founding" (the sentence's group).
func (s *sentence) foundingPossessor(k int, t timeRef) int {
	if k >= 2 && (s.low[k-1] == "'s" || s.low[k-1] == "’s") {
		return s.groupAt(k - 2)
	}
	if k+2 < len(s.low) && s.low[k+1] == "of" {
		if g := s.groupAt(k + 2); g >= 0 {
			return g
		}
		if k+3 < len(s.low) && s.low[k+2] == "the" {
			return s.groupAt(k + 3)
		}
	}
	if k >= 1 && (s.low[k-1] == "its" || s.low[k-1] == "their") {
		// the group the sentence is about: the first after the phrase,
		// else the nearest before it
		for mi, m := range s.ments {
			if m.EntityType == dossier.Group && s.tokOf(mi) >= t.end {
				return mi
			}
		}
		return s.groupBefore(k, nil, len(s.low))
	}
	return -1
}

// hasMention reports whether token k is inside a mention.
func hasMention(s *sentence, k int) bool {
	_, ok := s.mentAt(k)
	return ok
}

// groupAt returns the group mention covering token k, -1 if none.
func (s *sentence) groupAt(k int) int {
	if k < 0 || k >= len(s.toks) {
		return -1
	}
	if mi, ok := s.mentAt(k); ok && s.ments[mi].EntityType == dossier.Group {
		return mi
	}
	return -1
}

// groupBefore returns the group mention ending right before token k,
// allowing up to max words of glue between (any word when glue is nil),
// -1 if none or if another mention stands between.
func (s *sentence) groupBefore(k int, glue map[string]bool, max int) int {
	for j := k - 1; j >= 0 && j >= k-1-max; j-- {
		if mi, ok := s.mentAt(j); ok {
			if s.ments[mi].EntityType == dossier.Group {
				return mi
			}
			return -1
		}
		if glue != nil && !glue[s.low[j]] {
			return -1
		}
	}
	return -1
}

// sizeNouns are the heads of a count that can be a group's strength when
// the quantity package leaves the meaning open.
var sizeNouns = wordSet("fighters", "combatants", "militants", "members", "cadres", "men", "insurgents",
	"recruits", "jihadists", "rebels", "guerrillas", "operatives", "loyalists")

// sizeVerbs, after a group, say the count that follows is its strength.
var sizeVerbs = wordSet("has", "have", "had", "retains", "retain", "retained", "numbers", "numbered", "fields",
	"fielded", "commands", "boasts", "counts", "comprises", "maintains", "maintained", "possesses", "musters",
	"of", "with", "'s", "’s", "strength", "to", "be", "estimated", "is", "was", "between", "about", "around",
	"approximately", "some", "roughly", "nearly", "up", "thought", "believed", "still", "now")

// sizes finds strength estimates: "1,500 to 2,200 fighters", "IS-K
// fighters was estimated to be between 3000 to 4000", each with the date
// it holds for and who made it when the sentence says.
func (s *sentence) sizes(tx []timeRef) []*dossier.Attribute {
	var out []*dossier.Attribute
	for _, c := range s.quantities() {
		if c.Background || c.Included || c.Implied {
			continue
		}
		noun := strings.ToLower(c.Noun)
		if c.Meaning != quantity.Fighters && !(c.Meaning == "" && sizeNouns[noun]) {
			continue
		}
		ct, ce := s.tokRange(c.Start, c.End)
		g := s.sizeGroup(ct, ce)
		if g == "" {
			continue
		}
		q := &dossier.Quantity{Min: c.Min, Max: c.Max}
		a := &dossier.Attribute{Entity: g, Name: AttrSize, Value: c.Text, Quantity: q}
		a.AsOf = s.asOf(tx, ct, ce)
		a.By = s.estimatedBy()
		out = append(out, a)
	}
	return out
}

// tokRange maps code points to a token range.
func (s *sentence) tokRange(start, end int) (int, int) {
	ts, te := -1, -1
	for i, t := range s.toks {
		if ts < 0 && t.End > start {
			ts = i
		}
		if t.Start < end {
			te = i + 1
		}
	}
	if ts < 0 {
		ts = len(s.toks)
	}
	return ts, max(te, ts)
}

// sizeGroup finds the group a count of fighters belongs to: a group
// inside the count ("3,000 IS-K fighters"), the group just before it with
// only words of having or estimating between ("IS-K has about 2,000
// fighters", "the number of IS-K fighters was estimated to be"), the only
// group of the sentence, or, when the sentence speaks of "the group" or
// "its", the last group named in the three sentences before.
func (s *sentence) sizeGroup(ct, ce int) string {
	for k := ct; k < ce; k++ {
		if g := s.groupAt(k); g >= 0 {
			return s.ments[g].Entity
		}
	}
	if g := s.groupBefore(ct, sizeVerbs, 10); g >= 0 {
		return s.ments[g].Entity
	}
	ents := map[string]bool{}
	last := ""
	for _, m := range s.ments {
		if m.EntityType == dossier.Group {
			ents[m.Entity] = true
			last = m.Entity
		}
	}
	if len(ents) == 1 {
		return last
	}
	if len(ents) > 1 || !s.refersBack() {
		return ""
	}
	for i := s.idx - 1; i >= 0 && i >= s.idx-3; i-- {
		ms := s.in.bySent[i]
		for j := len(ms) - 1; j >= 0; j-- {
			if ms[j].EntityType == dossier.Group && ms[j].Entity != "" {
				return ms[j].Entity
			}
		}
	}
	return ""
}

// refersBack reports whether the sentence speaks of a group named
// before it: "the group", "the organisation", "its", "it".
func (s *sentence) refersBack() bool {
	for i, w := range s.low {
		switch w {
		case "its", "it":
			return true
		case "group", "organization", "organisation", "outfit", "network", "movement":
			if i > 0 && s.low[i-1] == "the" {
				return true
			}
		}
	}
	return false
}

// asOf is the date a figure holds for: the time expression of the
// sentence nearest to the count.
func (s *sentence) asOf(tx []timeRef, ct, ce int) string {
	best, bd := "", 1<<30
	for _, t := range tx {
		v := firstOf(t.Value, t.To, t.From)
		if d := timeDist(t, ct, ce); v != "" && d < bd {
			best, bd = v, d
		}
	}
	return best
}

// sourceWords, after an organisation, make it the author of an estimate.
var sourceWords = wordSet("report", "reports", "reported", "estimated", "estimates", "estimate", "said", "says",
	"assessed", "assesses", "assessment", "believes", "believed", "warned", "notes", "noted", "found", "stated",
	"states", "monitoring", "counted", "puts", "put", "figures")

// estimatedBy names who made an estimate: "according to (the) X (report)",
// "X report(ed)/estimated/said", "estimated by X". The mention's text is
// kept, with "report" when the text says it was one.
func (s *sentence) estimatedBy() string {
	for i := 0; i+2 < len(s.low); i++ {
		if s.low[i] == "according" && s.low[i+1] == "to" {
			k := i + 2
			for k < len(s.low) && (s.low[k] == "the" || s.low[k] == "a" || s.low[k] == "an" || s.low[k] == "latest" || s.low[k] == "recent" || s.low[k] == "new") {
				k++
			}
			if mi, ok := s.mentAt(k); ok {
				return s.sourceName(mi)
			}
		}
	}
	for mi, m := range s.ments {
		if m.EntityType != dossier.Organization && m.EntityType != dossier.Place {
			continue
		}
		st := s.tokOf(mi)
		end := st
		for end < len(s.toks) {
			if j, ok := s.mentAt(end); !ok || j != mi {
				break
			}
			end++
		}
		if st > 1 && s.low[st-1] == "by" || st > 2 && s.low[st-2] == "by" && s.low[st-1] == "the" {
			if k := st - 2; k >= 0 && (s.low[k] == "estimated" || s.low[k] == "the" && k > 0 && s.low[k-1] == "estimated") {
				return s.sourceName(mi)
			}
		}
		for k := end; k < len(s.low) && k <= end+1; k++ {
			if sourceWords[s.low[k]] {
				return s.sourceName(mi)
			}
		}
	}
	return ""
}

// sourceNouns, after a country or organisation, name who in it spoke.
var sourceNouns = wordSet("officials", "intelligence", "military", "government", "analysts", "sources",
	"diplomats", "authorities", "estimates", "assessment", "assessments", "data", "figures", "officers")

// sourceName is a mention's text, followed by "report" when the text
// calls it one ("United Nations report").
func (s *sentence) sourceName(mi int) string {
	m := s.ments[mi]
	end := s.tokOf(mi)
	for end < len(s.toks) {
		if j, ok := s.mentAt(end); !ok || j != mi {
			break
		}
		end++
	}
	name := string(s.in.text[m.Start:m.End])
	if end < len(s.low) && sourceNouns[s.low[end]] {
		return name + " " + s.toks[end].Text
	}
	for k := end; k < len(s.low) && k <= end+2; k++ {
		if s.low[k] == "report" || s.low[k] == "reports" {
			return name + " report"
		}
		if s.low[k] != "'s" && s.low[k] != "’s" && s.low[k] != "latest" && s.low[k] != "annual" && s.low[k] != "monitoring" {
			break
		}
	}
	return name
}

// ideologyCore are the words that name an ideology by themselves;
// ideologyMods join them into a phrase ("Sunni extremist",
// "Salafi-jihadist"). "extremist" names one only after a religious word.
var (
	ideologyCore = wordSet("salafi", "salafist", "salafi-jihadist", "salafi-jihadi", "jihadist", "jihadi",
		"deobandi", "wahhabi", "wahhabist", "takfiri", "islamist", "marxist", "maoist", "marxist-leninist",
		"leninist", "communist", "separatist", "secessionist", "nationalist", "ethno-nationalist", "anarchist",
		"pan-islamist", "neo-nazi", "fascist", "irredentist", "sectarian", "khariji", "kharijite", "salafist-jihadist",
		"jihadist-salafist", "islamic-fundamentalist", "fundamentalist", "socialist", "leftist", "far-left",
		"far-right", "white-supremacist", "ultranationalist", "ultra-nationalist", "revolutionary")
	ideologyMods = wordSet("sunni", "shia", "shiite", "shi'ite", "islamic", "religious", "radical", "hardline",
		"hard-line", "violent", "militant", "extremist", "global", "transnational", "ethnic", "baloch", "pashtun",
		"kurdish", "and", "ultra-conservative", "puritanical", "apocalyptic", "conservative", "fundamentalist")
	// ideologyNouns follow an ideology phrase that describes a group.
	ideologyNouns = wordSet("group", "groups", "organization", "organisation", "movement", "outfit", "militants",
		"insurgency", "insurgents", "network", "faction", "militia", "jihadists", "terrorists", "rebels",
		"guerrillas", "front", "affiliate", "branch", "franchise", "force", "forces", "ideology", "doctrine",
		"creed", "brand", "interpretation", "worldview", "cause", "agenda", "credentials", "orientation", "outlook",
		"terrorist", "militant", "insurgent")
	// ideologyVerbs link a group to an ideology ("IS-K adheres to a
	// Salafi-jihadist ideology").
	ideologyVerbs = wordSet("adheres", "adhere", "adhered", "follows", "follow", "followed", "espouses", "espouse",
		"espoused", "subscribes", "embraces", "embraced", "propagates", "promotes", "preaches", "professes", "holds",
		"shares", "practises", "practices")
)

// ideologies finds ideology phrases describing a group: "the
// Salafi-jihadist IS-K", "IS-K, a Sunni extremist group", "the jihadist
// group IS-K", "IS-K adheres to a Salafi ideology".
func (s *sentence) ideologies() []*dossier.Attribute {
	var out []*dossier.Attribute
	for i := 0; i < len(s.low); i++ {
		st, en, ok := s.ideologyPhrase(i)
		if !ok {
			continue
		}
		i = en - 1
		g := s.ideologyGroup(st, en)
		if g < 0 {
			continue
		}
		val := string(s.in.text[s.toks[st].Start:s.toks[en-1].End])
		out = append(out, &dossier.Attribute{Entity: s.ments[g].Entity, Name: AttrIdeology, Value: val})
	}
	return out
}

// ideologyPhrase returns the phrase of ideology words starting at i:
// modifiers and core words, at least one core word (or "extremist" after
// a religious word), no token inside a mention, not ending on "and".
func (s *sentence) ideologyPhrase(i int) (st, en int, ok bool) {
	if hasMention(s, i) || !(ideologyCore[s.low[i]] || ideologyMods[s.low[i]]) || s.low[i] == "and" {
		return 0, 0, false
	}
	en = i
	core := false
	for en < len(s.low) && !hasMention(s, en) && (ideologyCore[s.low[en]] || ideologyMods[s.low[en]]) {
		w := s.low[en]
		if ideologyCore[w] || w == "extremist" && en > i && (s.low[en-1] == "sunni" || s.low[en-1] == "shia" || s.low[en-1] == "islamic" || s.low[en-1] == "religious" || s.low[en-1] == "shiite") {
			core = true
		}
		en++
	}
	for en > i && s.low[en-1] == "and" {
		en--
	}
	if !core || en <= i {
		return 0, 0, false
	}
	return i, en, true
}

// ideologyGroup finds the group an ideology phrase [st, en) describes.
func (s *sentence) ideologyGroup(st, en int) int {
	// "the Salafi-jihadist IS-K"
	if g := s.groupAt(en); g >= 0 {
		return g
	}
	noun := en < len(s.low) && ideologyNouns[s.low[en]]
	if noun {
		// "the jihadist group IS-K", "jihadist group, IS-K,"
		k := en + 1
		if k < len(s.low) && s.low[k] == "," {
			k++
		}
		if g := s.groupAt(k); g >= 0 {
			return g
		}
		// "IS-K, a Salafi-jihadist group" / "IS-K is a Sunni extremist group"
		if g := s.groupBefore(st, wordSet(",", "a", "an", "the", "is", "was", "are", "were", "remains", "became",
			"has", "been", "as", "its", "their", "which", "itself", "radical", "violent", "hardline", "brutal",
			"notorious", "most", "extreme", "more"), 5); g >= 0 {
			return g
		}
		// "IS-K adheres to a Salafi-jihadist ideology"
		for j := st - 1; j >= 0 && j >= st-4; j-- {
			if ideologyVerbs[s.low[j]] {
				return s.groupBefore(j, foundingGlue, 3)
			}
		}
	}
	return -1
}

// aimTriggers end in "to" (or "of"): what follows is the aim.
var aimTriggers = [][]string{
	{"aims", "to"}, {"aim", "to"}, {"aimed", "to"}, {"aiming", "to"}, {"seeks", "to"}, {"seek", "to"},
	{"sought", "to"}, {"seeking", "to"}, {"wants", "to"}, {"wanted", "to"}, {"intends", "to"}, {"intended", "to"},
	{"strives", "to"}, {"strove", "to"}, {"striving", "to"}, {"hopes", "to"}, {"aspires", "to"},
	{"goal", "is", "to"}, {"goal", "was", "to"}, {"aim", "is", "to"}, {"aim", "was", "to"},
	{"objective", "is", "to"}, {"objective", "was", "to"}, {"goals", "are", "to"}, {"aims", "are", "to"},
	{"objectives", "are", "to"}, {"ambition", "is", "to"}, {"mission", "is", "to"}, {"purpose", "is", "to"},
	{"goal", "of"}, {"aim", "of"}, {"objective", "of"},
}

// aimTriggersBy are aimTriggers by their first word, each word's in
// aimTriggers' order: most words start none, and a map look-up says so
// where matching every trigger took a tenth of attributes' time.
var aimTriggersBy = func() map[string][][]string {
	m := map[string][][]string{}
	for _, tr := range aimTriggers {
		m[tr[0]] = append(m[tr[0]], tr)
	}
	return m
}()

// aimGlue may stand between a group and its aim trigger.
var aimGlue = wordSet("has", "had", "is", "was", "long", "also", "ultimately", "openly", "now", "reportedly",
	"which", "that", "still", "'s", "’s", "ultimate", "main", "stated", "primary", "declared", "overarching",
	"long-term", "avowed", "central", "chief", "key", "the", "publicly", "explicitly", "clearly", "always",
	"principal", "core", ",", "been", "with")

// aims finds "Y aims to establish ...", "Y's goal is to ...", "the
// objective of Y is to ...": the value is the clause after "to", up to the
// first comma or the end of the sentence.
func (s *sentence) aims() []*dossier.Attribute {
	var out []*dossier.Attribute
	for i := range s.low {
		var n int
		for _, tr := range aimTriggersBy[s.low[i]] {
			if matchWords(s.low, i, tr) {
				n = len(tr)
				break
			}
		}
		if n == 0 {
			continue
		}
		g := s.groupBefore(i, aimGlue, 5)
		from := i + n
		if g < 0 && s.low[i+n-1] == "of" {
			// "the objective of Y is to ..."
			g = s.groupAt(from)
			if g < 0 && from < len(s.low) && s.low[from] == "the" {
				g = s.groupAt(from + 1)
			}
			if g >= 0 {
				k := from
				for k < len(s.low) && hasMention(s, k) || k < len(s.low) && s.low[k] == "the" {
					k++
				}
				if k+1 < len(s.low) && (s.low[k] == "is" || s.low[k] == "was") && s.low[k+1] == "to" {
					from = k + 2
				} else {
					g = -1
				}
			}
		}
		if g < 0 {
			continue
		}
		end := from
		for end < len(s.low) && end-from < 30 {
			w := s.low[end]
			if w == "," || w == ";" || w == ":" || w == "." || w == "—" || w == "–" || w == "(" || w == "!" || w == "?" || w == "\"" || w == "”" {
				break
			}
			end++
		}
		if end-from < 2 {
			continue
		}
		val := string(s.in.text[s.toks[from].Start:s.toks[end-1].End])
		out = append(out, &dossier.Attribute{Entity: s.ments[g].Entity, Name: AttrAim, Value: val})
	}
	return out
}

// matchWords reports whether low[i:] starts with words.
func matchWords(low []string, i int, words []string) bool {
	if i+len(words) > len(low) {
		return false
	}
	for j, w := range words {
		if low[i+j] != w {
			return false
		}
	}
	return true
}

// deathVerbs say a person died; after "was" or "were" for the passive ones.
var (
	diedWords    = wordSet("died", "d.")
	passiveDeath = wordSet("killed", "assassinated", "executed", "slain", "martyred")
)

// deaths finds when a person died: "Abdul Rauf Khadem (died 2015)",
// "Khan died in July 2016", "Khan was killed in a U.S. drone strike in
// 2016". The person stands right before the verb (or "was" before it),
// and no other person between the verb and the date.
func (s *sentence) deaths(tx []timeRef) []*dossier.Attribute {
	var out []*dossier.Attribute
	person := func(end int) int {
		if end < 0 {
			return -1
		}
		mi, ok := s.mentAt(end)
		if !ok || s.ments[mi].EntityType != dossier.Person || s.lastTokOf(mi) != end || s.ments[mi].Entity == "" {
			return -1
		}
		return mi
	}
	for _, t := range tx {
		val := firstOf(t.Value, t.From)
		if val == "" || t.From != "" && t.To != "" {
			continue
		}
		for v := t.tok - 1; v >= 0 && v >= t.tok-9; v-- {
			if hasMention(s, v) && s.ments[s.mentionAt[v]].EntityType == dossier.Person {
				break
			}
			w := s.low[v]
			p := -1
			switch {
			case diedWords[w] && v >= 2 && s.low[v-1] == "(":
				p = person(v - 2) // "Khadem (died 2015)"
			case w == "died":
				p = person(v - 1)
			case passiveDeath[w] && v >= 2 && (s.low[v-1] == "was" || s.low[v-1] == "were"):
				p = person(v - 2)
			default:
				continue
			}
			if p >= 0 {
				out = append(out, &dossier.Attribute{Entity: s.ments[p].Entity, Name: AttrDied, Value: val, AsOf: val})
			}
			break
		}
	}
	return out
}
