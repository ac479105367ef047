package extract

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/quantity"
	"github.com/dossier-osint/dossier/resolve"
	"github.com/dossier-osint/dossier/tokenize"
)

// trigger is a word or phrase that reports an event of a type.
type trigger struct {
	words   []string // lower-case tokens
	typ     string
	subtype string
	rank    int // the most specific trigger of a sentence wins
}

// triggers, most specific first within a type. GTD's attack types name the
// subtypes.
var triggers = func() []trigger {
	var out []trigger
	add := func(typ, subtype string, rank int, phrases ...string) {
		for _, p := range phrases {
			out = append(out, trigger{strings.Fields(p), typ, subtype, rank})
		}
	}
	add(dossier.Strike, "drone strike", 9, "drone strike", "drone strikes", "drone attack", "drone attacks")
	add(dossier.Strike, "air strike", 9, "airstrike", "airstrikes", "air strike", "air strikes", "air raid", "air raids", "aerial bombardment", "bombing raid")
	add(dossier.Attack, "suicide bombing", 8, "suicide bomber", "suicide bombers", "suicide bombing", "suicide bombings",
		"suicide attack", "suicide attacks", "suicide blast", "suicide vest", "suicide car bomb", "suicide attacker")
	add(dossier.Attack, "hostage taking", 7, "taken hostage", "took hostage", "hostage-taking", "held hostage")
	add(dossier.Attack, "kidnapping", 7, "kidnapped", "kidnapping", "kidnap", "abducted", "abduction", "abducting")
	add(dossier.Attack, "assassination", 7, "assassinated", "assassination", "assassinate")
	add(dossier.Attack, "bombing", 6, "bombing", "bombings", "bomb attack", "bomb blast", "bomb explosion", "blast", "blasts",
		"explosion", "explosions", "ied", "ieds", "improvised explosive device", "car bomb", "landmine", "land mine",
		"landmines", "grenade attack", "detonated", "exploded", "bomb went off", "pressure bomb")
	add(dossier.Attack, "armed assault", 5, "gunmen", "opened fire", "shot dead", "gunned down", "ambush", "ambushed",
		"stormed", "massacre", "massacred", "gun attack", "shooting", "armed attack", "armed assault", "assault", "raided")
	add(dossier.Attack, "facility attack", 5, "set ablaze", "set fire", "torched", "blew up", "set on fire")
	add(dossier.Clash, "", 4, "clash", "clashes", "clashed", "encounter", "gunfight", "gun battle", "gun-battle",
		"gunbattle", "gunbattles", "gunfights",
		"exchange of fire", "firefight", "fierce fighting", "heavy fighting", "exchanged fire", "returned fire",
		"small arms fire", "small-arms fire", "came under fire", "received fire", "exchanged gunfire")
	add(dossier.Arrest, "", 4, "arrested", "arrest", "arrests", "detained", "apprehended", "taken into custody", "nabbed",
		"held in custody", "detaining", "arresting", "apprehending", "captured", "capturing", "capture of", "detain", "detention",
		"detentions")
	add(dossier.Pledge, "", 6, "pledged allegiance", "pledge allegiance", "pledging allegiance", "swore allegiance",
		"declared allegiance", "declaring allegiance", "declaration of allegiance", "declares allegiance",
		"sworn allegiance", "oath of allegiance", "bay'ah", "bayah")
	add(dossier.Designation, "", 6, "designated", "designation", "proscribed", "blacklisted", "listed as a terrorist")
	add(dossier.Plot, "", 5, "plot", "plots", "plotting", "foiled", "thwarted")
	add(dossier.LeadershipChange, "appointed", 5, "appointed", "named as the new", "new emir", "new leader", "took over as",
		"succeeded", "became the emir", "became emir", "became the leader", "became leader")
	add(dossier.OtherEvent, "surrender", 3, "surrendered", "surrender")
	add(dossier.Attack, "", 2, "attack", "attacks", "attacked", "attacking", "atrocity", "strike", "operation")
	// A killing with no other word for the event: an attack of unknown
	// kind, unless the sentence goes on about an event just reported.
	add(dossier.Attack, "", 1, "killed", "killing", "murdered", "beheaded", "lynched", "hacked to death", "axed to death",
		"beaten to death", "slit the throat", "executed")
	return out
}()

// aggregateNouns are what a count of incidents counts: "77 attacks".
var hypothetical = set("could", "would", "may", "might", "will", "threat", "threats", "threatened", "threatens", "plan",
	"plans", "planning", "planned", "capable", "capacity", "ability", "able", "intend", "intends", "warned", "warn",
	"fear", "fears", "risk", "possible", "potential", "prevent", "vowed", "vows", "if", "probability", "likelihood",
	"chance", "chances", "any", "future", "deter", "avoid", "against")

// modalAfter right after a trigger make it hypothetical: "the attack will".
var modalAfter = set("will", "would", "could", "may", "might", "should", "can")

// modifiedNouns after a trigger word make it a modifier, not an event:
// "a Taliban improvised explosive device commander".
var modifiedNouns = set("commander", "commanders", "facilitator", "facilitators", "leader", "leaders", "cell", "cells",
	"network", "networks", "expert", "experts", "maker", "makers", "emplacer", "emplacers", "emplacement", "supplier",
	"suppliers", "factory", "factories", "materials", "material", "components", "component", "trafficker",
	"smuggler", "cache", "caches", "specialist", "specialists", "squad", "squads", "threat", "threats", "plot",
	"capabilities", "capability", "training", "trainer", "trainers", "manufacturing", "production")

// passiveVictim words after a mention make it the one the event happened
// to: "three CPI-Maoist cadres were killed by the Police".
var deathVerbs = set("died", "dies", "perished")

var passiveAux = set("was", "were", "been", "being", "got")
var passiveVerb = set("killed", "arrested", "detained", "injured", "wounded", "captured", "shot", "apprehended",
	"nabbed", "abducted", "kidnapped", "targeted", "attacked", "neutralised", "neutralized", "eliminated")

// anaphora before a trigger refer back to an event already reported:
// "the attack", "this bombing", "yesterday's atrocity".
var anaphora = set("the", "this", "that", "these", "those", "yesterday's", "yesterday’s", "its", "their", "same")

// targetWords after a trigger introduce its target.
var targetWords = set("against", "targeting", "targeted", "targetting", "on")

// placeWords before a place mention make it the event's place.
var placeWords = set("in", "at", "near", "outside", "inside", "from", "of", "around", "across", "throughout", "within", "along")

// reactions between a group and a trigger mean the group speaks about the
// event rather than commits it: "the Taliban quickly condemned the attack".
var reactions = set("condemned", "condemns", "condemn", "denounced", "denounces", "blamed", "blames", "accused",
	"accuses", "said", "says", "stated", "warned", "warns", "praised", "welcomed", "criticized", "criticised",
	"investigating", "investigated", "responded", "reacted", "vowed", "mourned", "denied", "denies", "after", "following")

// eventDraft is an event report under construction, with what Merge
// needs and the export does not carry. Reports are stored between
// resolutions: a new field must be added to draftJSON (report.go), and
// extract.Version bumped.
type eventDraft struct {
	ev *dossier.Event
	// partial is "MM-DD" when the text gives a day and month but the year
	// cannot be resolved (an undated document's "August 26"), "MM" when
	// it gives a month alone ("in February").
	partial  string
	anaphor  bool // reported as "the attack": the same as one before
	specific bool // has a date, a place or figures: an incident, not a kind
	sentence int
	last     int // the last sentence that added to it
	// additive holds the meanings (quantity.Killed, ...) whose figures
	// the text gives as adding to earlier ones (addFigures).
	additive map[string]bool
	// placeInherited says places came from the sentences before
	// (inheritedPlaces): Merge may place the event there, but they do
	// not make it an incident (updateSpecific) nor tell incidents apart.
	placeInherited bool
	plural         bool
	// pluralWord says the trigger is a plural ("air strikes"), whatever
	// its rank.
	pluralWord bool
	// places are every place the reports name, most precise first within
	// a sentence; Merge picks the event's place from them.
	places []string
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// triggersAt lists, for each word, the indices of the triggers that
// begin with it, in triggers' order: findTrigger tries at each token only
// those, which is the same search without testing every trigger everywhere.
var triggersAt = func() map[string][]int {
	at := map[string][]int{}
	for k, tr := range triggers {
		if len(tr.words) == 0 {
			panic("extract: a trigger without words")
		}
		at[tr.words[0]] = append(at[tr.words[0]], k)
	}
	return at
}()

// findTrigger returns the best trigger in the sentence and its token span.
func (s *sentence) findTrigger() (t *trigger, start, end int) {
	best := -1
	for i := range s.low {
		for _, k := range triggersAt[s.low[i]] {
			tr := &triggers[k]
			n := len(tr.words)
			if i+n > len(s.low) {
				continue
			}
			ok := true
			for j, w := range tr.words {
				if s.low[i+j] != w {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			// A trigger inside a name ("Attack Helicopter Squadron") is not one,
			// nor one that only modifies a noun ("an IED commander", "bomb
			// makers").
			if _, in := s.mentionAt[i]; in {
				continue
			}
			if i+n < len(s.low) && modifiedNouns[s.low[i+n]] {
				continue
			}
			// "captured a sub-commander who planned IED attacks": the
			// planned attacks are no event, the capture is.
			if s.hypotheticalAt(i, i+n) {
				continue
			}
			if tr.rank > best {
				best, t, start, end = tr.rank, tr, i, i+n
			}
		}
	}
	// "The U.S. military dropped the 'mother of all bombs' on a cave
	// complex": dropping a bomb or missile is an air strike.
	if best < 8 {
		for i, w := range s.low {
			if w != "dropped" && w != "fired" && w != "launched" {
				continue
			}
			for j := i + 1; j < len(s.low) && j <= i+8; j++ {
				if ordnance[s.low[j]] {
					return &dropTrigger, i, i + 1
				}
			}
		}
	}
	// "The air weapons team engaged a large number of armed insurgents":
	// engaging a hostile force is a clash; "engaged in talks" is not.
	if best < 4 {
		for i, w := range s.low {
			if w != "engaged" && w != "engaging" || i+1 < len(s.low) && s.low[i+1] == "in" {
				continue
			}
			for j := i + 1; j < len(s.low) && j <= i+6; j++ {
				if hostileForces[s.low[j]] {
					return &engageTrigger, i, i + 1
				}
			}
		}
	}
	return t, start, end
}

// hostileForces are the generic names of an armed enemy that an engagement
// is fought against.
var hostileForces = set("insurgents", "insurgent", "enemy", "militants", "militant", "fighters", "gunmen", "attackers",
	"assailants", "rebels")

var engageTrigger = trigger{[]string{"engaged"}, dossier.Clash, "", 4}

// counts returns the sentence's figures (package quantity) and, when
// they give no death toll, the one death a singular victim makes:
// "killing him", "killing the insurgent", "killed Taliban leader
// Saifullah", "He was engaged and killed", "the death of Maulawi Tayeb".
func (s *sentence) counts() []quantity.Count {
	counts := s.quantities()
	for _, c := range counts {
		if c.Meaning == quantity.Killed {
			return counts
		}
	}
	if n := s.singleDeaths(); n > 0 {
		one := n
		counts = append(counts, quantity.Count{Min: n, Max: &one, Exact: true, Meaning: quantity.Killed, Trigger: "killed"})
	}
	return counts
}

// singularVictims are the nouns that, after "killing the", name one
// person.
var singularVictims = set("insurgent", "individual", "militant", "man", "woman", "suspect", "gunman", "attacker",
	"fighter", "commander", "leader", "shooter", "driver", "bomber", "civilian", "soldier", "policeman", "officer",
	"facilitator", "sub-commander", "boy", "girl", "child", "guard", "journalist", "student", "teacher", "elder")

// singleDeaths counts the people a sentence says were killed one by one,
// by pronoun, by a definite singular noun or by name; 0 when it says
// nothing of the kind.
func (s *sentence) singleDeaths() int {
	person := func(i int) bool {
		mi, ok := s.mentionAt[i]
		return ok && s.ments[mi].EntityType == dossier.Person
	}
	for i, w := range s.low {
		switch w {
		case "killed", "killing":
			// Active: "killing him", "killing the insurgent", "killed
			// Taliban leader Saifullah and his deputy".
			if i+1 < len(s.low) {
				switch n := s.low[i+1]; {
				case n == "him" || n == "her":
					return 1
				case n == "the" && i+2 < len(s.low) && singularVictims[s.low[i+2]]:
					return 1
				}
			}
			for j := i + 1; j < len(s.low) && j <= i+4; j++ {
				if person(j) {
					return 1
				}
				if !s.titleWord(j) {
					break
				}
			}
			// Passive: "He was engaged and killed", "Noorani was killed".
			if w == "killed" && i >= 2 {
				j := i - 1
				if j >= 2 && s.low[j] == "and" {
					j -= 2 // "was engaged and killed"
				}
				if j >= 1 && s.low[j] == "was" {
					if subj := s.low[j-1]; subj == "he" || subj == "she" || person(j-1) {
						return 1
					}
				}
			}
		case "death":
			// "resulted in the death of Maulawi Tayeb"
			if i+2 < len(s.low) && s.low[i+1] == "of" && person(i+2) {
				return 1
			}
		}
	}
	return 0
}

// titleWord reports whether token i may stand between a verb and the name
// it governs: a capitalised word or a role ("Taliban leader Saifullah").
func (s *sentence) titleWord(i int) bool {
	t := s.toks[i]
	r := s.in.text[t.Start]
	return unicode.IsUpper(r) || singularVictims[s.low[i]] || s.low[i] == "senior" || s.low[i] == "local"
}

// pronounGroup returns the armed group a sentence opening with "It",
// "Its" or "The group" before the trigger at ts stands for, when that is
// clear: the sentence names no group before the trigger and the one or two
// sentences before it, in the same paragraph, name exactly one ("It also
// targeted Russia by bombing the Russian embassy in Kabul", "Its record
// includes a 2020 assault"). "" otherwise: "the group" is left alone
// unless clear.
func (s *sentence) pronounGroup(ts int) string {
	if len(s.low) < 2 || ts == 0 {
		return ""
	}
	switch {
	case s.low[0] == "it" || s.low[0] == "its":
	case s.low[0] == "the" && (s.low[1] == "group" || s.low[1] == "group's" || s.low[1] == "group’s"):
	default:
		return ""
	}
	for _, m := range s.ments {
		if m.EntityType == dossier.Group && m.Start < s.toks[ts].Start {
			return ""
		}
	}
	in := s.in
	if len(in.lastGroups) != 1 || s.idx-in.lastGroupsSent > 2 || !in.sameParagraph(in.lastGroupsSent, s.idx) {
		return ""
	}
	return in.lastGroups[0]
}

// noteGroups remembers the distinct armed groups a sentence names, for a
// pronoun in the sentences after it (pronounGroup).
func (s *sentence) noteGroups() {
	var gs []string
	for _, m := range s.ments {
		if m.EntityType == dossier.Group && m.Entity != "" && !slices.Contains(gs, m.Entity) {
			gs = append(gs, m.Entity)
		}
	}
	if len(gs) > 0 {
		s.in.lastGroups, s.in.lastGroupsSent = gs, s.idx
	}
}

// betweenSides reports whether token tok is in a "between X and Y" right
// after the trigger ending at te.
func (s *sentence) betweenSides(te, tok int) bool {
	if te >= len(s.low) || s.low[te] != "between" || tok <= te || tok-te > 10 {
		return false
	}
	for j := te + 1; j < tok; j++ {
		if w := s.low[j]; w == "," || w == "in" || w == "on" || w == "at" {
			return false
		}
	}
	return true
}

// nonActorHeads after a group's name make it the modifier of something
// that acts on no one: "in IS propaganda", "an IS-K video".
var nonActorHeads = set("propaganda", "media", "outlets", "outlet", "statement", "statements", "video", "videos",
	"magazine", "newsletter", "channel", "channels", "ideology", "flag", "flags", "brand", "name", "publication",
	"publications", "narrative", "messaging")

// groupAsModifier reports whether the group mention mi qualifies a noun
// from nonActorHeads, so is not the subject of what follows.
func (s *sentence) groupAsModifier(mi int) bool {
	end := -1
	for ti := range s.toks {
		if j, ok := s.mentionAt[ti]; ok && j == mi {
			end = ti
		}
	}
	if end >= 0 && end+1 < len(s.low) && nonActorHeads[s.low[end+1]] {
		return true
	}
	// "IS-K, the affiliate of Islamic State (IS) in Afghanistan, has
	// claimed ...": the parent named in an apposition is not the subject.
	start := -1
	for ti := range s.toks {
		if j, ok := s.mentionAt[ti]; ok && j == mi {
			start = ti
			break
		}
	}
	if start >= 2 && s.low[start-1] == "(" {
		// "Islamic State (IS)": the gloss stands where its name stands.
		if j, ok := s.mentionAt[start-2]; ok && j != mi {
			return s.groupAsModifier(j)
		}
	}
	return start >= 2 && s.low[start-1] == "of" && parentNouns[s.low[start-2]]
}

// parentNouns before "of" and a group name make it the parent of another
// group the sentence is about.
var parentNouns = set("affiliate", "branch", "offshoot", "franchise", "chapter", "wing", "province", "faction",
	"splinter", "arm", "outgrowth", "successor", "ally")

// otherActions govern an "against" of their own: "vowed to retaliate
// against Islamic State ... for the airport attacks" makes the group the
// target of the retaliation, not of the attacks.
var otherActions = set("retaliate", "retaliation", "revenge", "sanctions", "protest", "protests", "case", "charges")

// otherActionAt reports whether the target word before token tok
// ("against", "on") follows one of otherActions.
func (s *sentence) otherActionAt(tok int) bool {
	for j := tok - 1; j >= 1 && j >= tok-2; j-- {
		if targetWords[s.low[j]] {
			return otherActions[s.low[j-1]]
		}
	}
	return false
}

// clauseBreak reports whether a new clause starts between the trigger's
// end and token tok (", and", ", but", ";"): "designated it a terrorist
// organisation in January 2016, and ... IS-K was among the deadliest on
// the Institute for Economics and Peace's index" aims the designation at
// no institute.
func (s *sentence) clauseBreak(te, tok int) bool {
	for j := te; j < tok && j < len(s.low); j++ {
		switch s.low[j] {
		case ";":
			return true
		case ",":
			if j+1 < tok && (s.low[j+1] == "and" || s.low[j+1] == "but" || s.low[j+1] == "while" || s.low[j+1] == "whereas") {
				return true
			}
		}
	}
	return false
}

// channelBefore reports whether "through" or "via" stands between the
// trigger's end and token tok: what follows is how a claim was made ("the
// news agency Amaq on Telegram"), not what was attacked.
func (s *sentence) channelBefore(te, tok int) bool {
	for j := te; j < tok && j < len(s.low); j++ {
		if s.low[j] == "through" || s.low[j] == "via" {
			return true
		}
	}
	return false
}

// hypotheticalAt reports whether the trigger at tokens [ts, te) speaks of
// what may happen rather than what did: "could attack", "plans to bomb",
// "the attack will".
func (s *sentence) hypotheticalAt(ts, te int) bool {
	// Back to the start of the clause: in "responded to the immediate
	// threat and engaged, killing several" the threat is no hedge.
	for j := ts - 1; j >= 0 && j >= ts-5; j-- {
		if w := s.low[j]; w == "," || w == ";" || w == "and" {
			break
		}
		if hypothetical[s.low[j]] {
			return true
		}
	}
	return te < len(s.low) && modalAfter[s.low[te]]
}

// ordnance dropped or fired from the air.
var ordnance = set("bomb", "bombs", "missile", "missiles", "munition", "munitions", "rocket", "rockets")

var dropTrigger = trigger{[]string{"dropped"}, dossier.Strike, "air strike", 8}

// events reads at most one event report from a sentence, and attaches a
// claim of responsibility to the event it is about.
func events(s *sentence, r *Report) {
	t, ts, te := s.findTrigger()
	claimAt := s.claimOfResponsibility()
	if t != nil && t.rank <= 1 {
		// "13 soldiers were killed" right after an event is its toll;
		// "days later it killed two soldiers in Manbij" is another event.
		if d := r.lastEvent(); d != nil && s.idx-d.last <= 2 && !s.startsLater() && !s.namesOtherPlace(d) {
			t = nil
		}
	}
	if t == nil {
		d := r.lastEvent()
		if d == nil || s.idx-d.last > 2 {
			return
		}
		// "IS-K claimed responsibility for yesterday's atrocity", "72
		// Afghans are now known to have died": a sentence with no trigger
		// of its own right after an event goes on about it.
		if claimAt >= 0 {
			s.addClaimant(d, claimAt, r)
		}
		counts := s.counts()
		if len(counts) == 0 {
			return
		}
		more := &eventDraft{ev: &dossier.Event{Documents: []string{s.in.Doc.ID}}}
		c := resolve.NewClaim(s.in.Doc.ID, s.span, string(s.in.text[s.span.Start:s.span.End]))
		s.figures(more, counts, c)
		if len(more.ev.Killed)+len(more.ev.Injured)+len(more.ev.Arrested) > 0 {
			s.claim(r)
			d.ev.Killed = addFigures(d.ev.Killed, more.ev.Killed, more.additive[quantity.Killed])
			d.ev.Injured = addFigures(d.ev.Injured, more.ev.Injured, more.additive[quantity.Injured])
			d.ev.Arrested = addFigures(d.ev.Arrested, more.ev.Arrested, more.additive[quantity.Arrested])
			d.ev.Kidnapped = addFigures(d.ev.Kidnapped, more.ev.Kidnapped, more.additive[quantity.Kidnapped])
			d.ev.Claims = uniqKeep(append(d.ev.Claims, c.ID))
			d.last = s.idx
			d.updateSpecific()
		}
		return
	}
	if s.hypotheticalAt(ts, te) {
		return
	}
	counts := s.counts()
	for _, c := range counts {
		// "77 attacks", "84 attacks in Afghanistan": a tally, kept as an
		// attribute of the actor; "two explosions" is one incident.
		if c.Meaning == quantity.Attacks && (c.Min >= 5 || c.Max == nil) {
			s.tally(c, r)
			return
		}
	}
	c := s.claim(r)
	ev := &dossier.Event{
		Type: t.typ, Subtype: t.subtype,
		Documents: []string{s.in.Doc.ID}, Claims: []string{c.ID},
		Summary: c.Quote,
	}
	d := &eventDraft{ev: ev, sentence: s.idx, last: s.idx}
	d.anaphor = ts > 0 && anaphora[s.low[ts-1]] || ts > 1 && anaphora[s.low[ts-2]] && s.isAdjective(ts-1) ||
		ts > 1 && (s.low[ts-1] == "’s" || s.low[ts-1] == "'s") || // "yesterday’s atrocity", "IS-K's attack"
		ts > 2 && (s.low[ts-2] == "’s" || s.low[ts-2] == "'s") && s.isAdjective(ts-1) // "IS-K’s terrorist attack"
	d.plural = strings.HasSuffix(s.low[te-1], "s") && t.rank <= 5
	d.pluralWord = strings.HasSuffix(s.low[te-1], "s")
	s.arguments(d, ts, te)
	if len(d.places) == 0 {
		d.places = s.inheritedPlaces()
		d.placeInherited = len(d.places) > 0
	}
	s.figures(d, counts, c)
	s.date(d)
	if claimAt >= 0 {
		s.addClaimant(d, claimAt, r)
	}
	if s.aggregate() && len(ev.Date) < 10 {
		return // "arrested 1,700 militants since August 2021": a tally, not an incident
	}
	d.updateSpecific()
	// Kept even when not yet specific: the next sentences may give its
	// figures ("72 Afghans are now known to have died") or a later
	// "yesterday's attack" its date. mergeDocEvents drops what stays vague.
	r.drafts = append(r.drafts, d)
}

// tally records a count of attacks over a period as an attribute of the
// armed group the sentence names first: "Between 2017-2018, IS-K launched
// 84 attacks in Afghanistan". A sentence that names no group ("the group
// had launched 77 attacks") is left alone rather than guessed.
func (s *sentence) tally(c quantity.Count, r *Report) {
	group := ""
	for _, m := range s.ments {
		if m.EntityType == dossier.Group && m.Entity != "" {
			group = m.Entity
			break
		}
	}
	if group == "" {
		return
	}
	cl := s.claim(r)
	a := &dossier.Attribute{Entity: group, Name: "attacks", Document: s.in.Doc.ID, Claim: cl.ID,
		Quantity: &dossier.Quantity{Document: s.in.Doc.ID, Min: c.Min, Max: c.Max, Claim: cl.ID}}
	for _, e := range s.times() {
		switch {
		case e.From != "" && e.To != "":
			a.Value, a.AsOf = e.From+"/"+e.To, e.To
		case e.Resolved && e.Value != "":
			a.Value, a.AsOf = e.Value, e.Value
		default:
			continue
		}
		break
	}
	r.Attributes = append(r.Attributes, a)
}

// updateSpecific decides whether a draft reports an incident rather than a
// kind of activity ("IS-K carries out attacks"): a day or month, figures,
// or a place or year for a singular report.
func (d *eventDraft) updateSpecific() {
	ev := d.ev
	figures := len(ev.Killed)+len(ev.Injured)+len(ev.Arrested) > 0
	d.specific = len(ev.Date) >= 7 || d.partial != "" ||
		// "the killing of a number of its leaders in U.S. air strikes":
		// a toll over many strikes, nowhere and at no time, is a
		// campaign, not an incident.
		figures && (!d.pluralWord || ev.Place != "" || ev.Date != "") ||
		!d.plural && (ev.Place != "" || ev.Date != "")
}

// aggregate reports whether the sentence tallies over a period: "since
// August 2021", "in the first four months of 2021", "between 2017 and 2018".
func (s *sentence) aggregate() bool {
	for _, e := range s.times() {
		// A span of a week or less ("last week", "the past two days") is
		// when one incident happened, not a period tallied.
		if e.Mod == "since" || e.From != "" && e.To != "" && e.From != e.To && spanDays(e.From, e.To) > 7 {
			return true
		}
	}
	return false
}

// isAdjective is a loose test for a word between a determiner and a
// trigger ("the deadly attack", "the August 26 attack").
func (s *sentence) isAdjective(i int) bool {
	w := s.low[i]
	_, isMention := s.mentionAt[i]
	return !isMention && w != "and" && w != "or" && w != ","
}

// arguments fills perpetrators, targets and place from the sentence's
// mentions around the trigger at tokens [ts, te). The perpetrator is the
// armed group nearest before the trigger (its subject), or named after
// "by"; a mention after "against", "targeting" or "on" is a target. For
// arrests, strikes and designations the state side acts and the group is
// the target.
func (s *sentence) arguments(d *eventDraft, ts, te int) {
	ev := d.ev
	stateActs := ev.Type == dossier.Arrest || ev.Type == dossier.Strike || ev.Type == dossier.Designation
	var place, facility, subject string
	placeTok := -1
	type placeCand struct {
		id   string
		dist int
	}
	var cands []placeCand
	dateline := s.datelineEnd()
	for mi, m := range s.ments {
		tok := s.tokOf(mi)
		if tok < 0 || m.Entity == "" || m.Start < dateline {
			// "KABUL, Afghanistan (Sept. 22) - Forces captured ...": the
			// dateline says where the report was filed, not where the
			// event was.
			continue
		}
		prev, prev2 := "", ""
		if tok > 0 {
			prev = s.low[tok-1]
		}
		if tok > 1 {
			prev2 = s.low[tok-2]
		}
		afterBy := tok >= te && (prev == "by" || prev2 == "by")
		victim := s.passiveAfter(mi)
		isTarget := (targetWords[prev] || targetWords[prev2] && prev == "the" ||
			tok == te && (strings.HasSuffix(s.low[te-1], "ed") || strings.HasSuffix(s.low[te-1], "ing"))) &&
			!s.channelBefore(te, tok) && !s.otherActionAt(tok) && !s.clauseBreak(te, tok)
		near := tok < ts && ts-tok <= 3
		switch m.EntityType {
		case dossier.Place:
			switch {
			case ev.Type == dossier.Strike && near && !placeWords[prev]:
				ev.Perpetrators = append(ev.Perpetrators, m.Entity) // "a US drone strike"
			case s.placeAsModifier(mi):
				// "in U.S. air strikes": not where the event was.
			case placeWords[prev] || placeWords[prev2] && prev == "the" || tok == te || s.apposedPlace(tok):
				// The place nearest the trigger: "attacks in Tajikistan
				// and ... two explosions in Iran".
				if place == "" || abs(tok-ts) < abs(placeTok-ts) {
					place, placeTok = m.Entity, tok
				}
				cands = append(cands, placeCand{m.Entity, abs(tok - ts)})
			}
		case dossier.Facility:
			if facility == "" && (placeWords[prev] || placeWords[prev2] || isTarget || tok == te) {
				facility = m.Entity
			}
			// "attacked Camp Shorabak", "an attack on the embassy", "a
			// bombing at the cafe": the building is also what was hit.
			if ev.Type == dossier.Attack && tok >= te && tok-te <= 3 && (isTarget || prev == "at" || prev2 == "at" || tok == te) {
				ev.Targets = append(ev.Targets, m.Entity)
			}
		case dossier.Group:
			switch {
			case s.otherActionAt(tok):
				// "retaliate against the Front": another action's object
			case stateActs || isTarget || victim:
				ev.Targets = append(ev.Targets, m.Entity)
			case afterBy:
				ev.Perpetrators = append(ev.Perpetrators, m.Entity)
			case ev.Type == dossier.Clash && s.betweenSides(te, tok):
				// "a gunbattle between security forces and IS-K group
				// fighters": a clash's sides are its actors.
				ev.Perpetrators = append(ev.Perpetrators, m.Entity)
			case tok < ts && ts-tok <= 15 && subject == "" && !s.reactionBetween(tok, ts) && !s.groupAsModifier(mi):
				// The first armed group before the trigger is its subject:
				// "IS-K, the affiliate of Islamic State, claimed ...".
				subject = m.Entity
			}
		case dossier.Person:
			switch {
			case ev.Type == dossier.Pledge && tok >= te && (prev == "to" || prev2 == "to"):
				ev.Targets = append(ev.Targets, m.Entity) // allegiance to Baghdadi
			case ev.Type == dossier.Arrest || ev.Subtype == "assassination" || ev.Subtype == "kidnapping" || isTarget:
				ev.Targets = append(ev.Targets, m.Entity)
			case afterBy:
				ev.Perpetrators = append(ev.Perpetrators, m.Entity)
			}
		case dossier.Organization:
			switch {
			case stateActs && (tok < ts || afterBy):
				ev.Perpetrators = append(ev.Perpetrators, m.Entity)
			case isTarget:
				ev.Targets = append(ev.Targets, m.Entity)
			}
		case dossier.Nationality:
			if isTarget {
				ev.Targets = append(ev.Targets, m.Entity)
			}
		}
	}
	if subject != "" && len(ev.Perpetrators) == 0 {
		ev.Perpetrators = append(ev.Perpetrators, subject)
	}
	if len(ev.Perpetrators) == 0 && (ev.Type == dossier.Attack || ev.Type == dossier.Clash) {
		if g := s.pronounGroup(ts); g != "" {
			ev.Perpetrators = append(ev.Perpetrators, g)
		}
	}
	if len(ev.Perpetrators) == 0 {
		if desc := s.describedActor(ts, te); desc != "" {
			ev.PerpetratorDescriptions = []string{desc}
		}
	}
	if len(ev.Targets) == 0 && (ev.Type == dossier.Attack || ev.Type == dossier.Strike) {
		if desc := s.describedTarget(ts, te); desc != "" {
			ev.TargetDescriptions = []string{desc}
		}
	}
	if facility != "" {
		// "outside Kabul airport": the facility is the more precise place.
		d.places = append(d.places, facility)
		place = facility
	}
	// Every place the sentence names for the event, nearest first: Merge
	// prefers one the gazetteer placed ("in Monari village ... Paktika
	// Province": Paktika when Monari is unknown).
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	for _, c := range cands {
		d.places = append(d.places, c.id)
	}
	ev.Place = place
	ev.Perpetrators = uniq(ev.Perpetrators)
	ev.Targets = uniq(ev.Targets)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// passiveAfter reports whether mention mi is the subject of a passive
// verb of harm or arrest within a few words: "cadres were killed",
// "militants had been arrested".
func (s *sentence) passiveAfter(mi int) bool {
	m := s.ments[mi]
	end := -1
	for ti, t := range s.toks {
		if t.End <= m.End {
			end = ti
		}
	}
	for i := end + 1; i < len(s.low) && i <= end+5; i++ {
		if deathVerbs[s.low[i]] && i <= end+3 {
			return true // "Major General Gladkikh died"
		}
		if passiveAux[s.low[i]] && i+1 < len(s.low) {
			for j := i + 1; j < len(s.low) && j <= i+2; j++ {
				if passiveVerb[s.low[j]] {
					return true
				}
			}
		}
	}
	return false
}

// apposedPlace reports whether the place at token tok stands in apposition
// to another one: "in Terayzai district, Khost province".
func (s *sentence) apposedPlace(tok int) bool {
	if tok < 2 || s.low[tok-1] != "," {
		return false
	}
	if adminWords[s.low[tok-2]] {
		return true
	}
	if mi, ok := s.mentionAt[tok-2]; ok && s.ments[mi].EntityType == dossier.Place {
		return true
	}
	return false
}

var adminWords = set("district", "province", "village", "city", "town", "area", "region", "county", "state", "governorate")

// actorNouns are the words a text uses for a perpetrator it does not name:
// state forces and armed men. Longer phrases first.
var actorNouns = func() [][]string {
	var out [][]string
	for _, p := range []string{
		"security forces", "security personnel", "coalition forces", "afghan forces", "government forces",
		"special task force", "district reserve guard", "sf personnel", "police personnel", "armed forces",
		"suicide bombers", "suicide bomber", "police", "policemen", "troops", "soldiers", "army", "sfs",
		"forces", "commandos", "jawans", "paramilitary", "gunmen", "militants", "insurgents", "maoists",
		"cadres", "rebels", "attackers", "assailants", "naxalites", "extremists", "terrorists", "fighters",
	} {
		out = append(out, strings.Fields(p))
	}
	return out
}()

// describedActor finds the perpetrator a sentence describes without
// naming: the subject before the trigger ("the Police arrested", "gunmen
// stormed") unless it is the victim of a passive ("cadres were killed"),
// or the agent after "by" ("killed by the Police"). It returns the words
// as written, lower-cased.
// describedTarget returns what the attack at the trigger ending at te was
// aimed at when the text describes it without a name: the object of the
// trigger ("stormed a school", "bombed the convoy") or of "on", "against",
// "targeting" right after it ("an attack on a checkpoint"), a determiner
// and up to three lower-case words, as written; "" if none.
func (s *sentence) describedTarget(ts, te int) string {
	i := te
	switch {
	case i < len(s.low) && targetWords[s.low[i]]:
		i++ // "an attack on a checkpoint"
	case attackVerbs[s.low[te-1]]:
		// "stormed a school": the object
	case i < len(s.low) && attackVerbs[s.low[i]]:
		i++ // "gunmen stormed a school": the trigger is the actor
	case s.low[ts] == "dropped" || s.low[ts] == "fired" || s.low[ts] == "launched":
		// "dropped a bomb on a cave complex": what it fell on
		for i < len(s.low) && i <= te+8 && s.low[i] != "on" {
			i++
		}
		i++
	default:
		return "" // "killed two soldiers": victims, counted as figures
	}
	if i >= len(s.low) || !determiners[s.low[i]] {
		return ""
	}
	end := i + 1
	for end < len(s.low) && end <= i+3 {
		w := s.low[end]
		if _, isMention := s.mentionAt[end]; isMention || targetStops[w] || !isLowerWord(s.in.text, s.toks[end]) {
			break
		}
		end++
	}
	if end == i+1 {
		return ""
	}
	return string(s.in.text[s.toks[i].Start:s.toks[end-1].End])
}

// attackVerbs take what was attacked as their object.
var attackVerbs = set("attacked", "stormed", "ambushed", "raided", "bombed", "torched", "struck", "hit", "targeted",
	"up", "shelled", "assaulted")

// determiners open a described target.
var determiners = set("a", "an", "the", "two", "three", "several", "another")

// targetStops end a described target: prepositions, conjunctions and
// verbs that follow it.
var targetStops = set("in", "at", "near", "on", "of", "outside", "inside", "with", "by", "and", "or", "killing",
	"wounding", "injuring", "that", "which", "who", "where", "during", "after", "before", "as", "from", "to",
	"was", "were", "is", "are", "for", "when", "while", "late", "early", "yesterday", "today", "on")

// isLowerWord reports whether the token is a lower-case word.
func isLowerWord(text []rune, t tokenize.Token) bool {
	r := text[t.Start]
	return unicode.IsLower(r)
}

func (s *sentence) describedActor(ts, te int) string {
	at := func(i int) (string, int) {
		for _, p := range actorNouns {
			if i+len(p) > len(s.low) {
				continue
			}
			ok := true
			for j, w := range p {
				if s.low[i+j] != w {
					ok = false
					break
				}
			}
			if ok {
				return strings.Join(p, " "), i + len(p)
			}
		}
		return "", i
	}
	// The trigger itself may be the actor: "gunmen stormed", "a suicide
	// bomber".
	if d, _ := at(ts); d != "" {
		return d
	}
	// After "by", following the trigger.
	for i := te; i < len(s.low) && i <= te+4; i++ {
		if s.low[i] != "by" {
			continue
		}
		for j := i + 1; j < len(s.low) && j <= i+4; j++ {
			if d, _ := at(j); d != "" {
				return d
			}
		}
	}
	// The subject: the nearest described actor before the trigger, with
	// no passive or reaction between.
	for i := ts - 1; i >= 0 && i >= ts-10; i-- {
		d, end := at(i)
		if d == "" {
			continue
		}
		for j := end; j < ts; j++ {
			if passiveAux[s.low[j]] || reactions[s.low[j]] || s.low[j] == "," && j+1 < ts && s.low[j+1] == "who" {
				return ""
			}
		}
		return d
	}
	return ""
}

// namesOtherPlace reports whether the sentence puts something at a place
// ("in Manbij") that the event d does not name.
func (s *sentence) namesOtherPlace(d *eventDraft) bool {
	for mi, m := range s.ments {
		if m.EntityType != dossier.Place || m.Entity == "" {
			continue
		}
		tok := s.tokOf(mi)
		if tok <= 0 || !placeWords[s.low[tok-1]] {
			continue
		}
		known := false
		for _, p := range d.places {
			known = known || p == m.Entity
		}
		if !known {
			return true
		}
	}
	return false
}

// reactionBetween reports whether a reaction word stands between tokens
// a and b.
func (s *sentence) reactionBetween(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if reactions[s.low[i]] {
			return true
		}
	}
	return false
}

// figures sets the document's killed, injured and arrested figures from
// the sentence's counts, and a target type from what was counted.
func (s *sentence) figures(d *eventDraft, counts []quantity.Count, c dossier.Claim) {
	ev := d.ev
	one := [][]quantity.Count{counts}
	q := func(meaning string) []dossier.Quantity {
		min, max, ok := quantity.Total(one, meaning)
		if !ok {
			return nil
		}
		return []dossier.Quantity{{Document: s.in.Doc.ID, Min: min, Max: max, Claim: c.ID, Counted: counted(counts, meaning)}}
	}
	ev.Killed = q(quantity.Killed)
	ev.Injured = q(quantity.Injured)
	ev.Arrested = q(quantity.Arrested)
	ev.Kidnapped = q(quantity.Kidnapped)
	// A figure given as adding to one before it ("also detained two",
	// "one additional insurgent") is summed when its report joins that one.
	for _, m := range []string{quantity.Killed, quantity.Injured, quantity.Arrested, quantity.Kidnapped} {
		all, any := true, false
		for _, cnt := range counts {
			if cnt.Meaning == m && !cnt.Background {
				any = true
				all = all && cnt.Additional
			}
		}
		if any && all {
			if d.additive == nil {
				d.additive = map[string]bool{}
			}
			d.additive[m] = true
		}
	}
	if ev.Type == dossier.Attack && ev.Subtype == "" {
		if k := q(quantity.Kidnapped); k != nil {
			ev.Subtype = "kidnapping"
		}
	}
	for _, cnt := range counts {
		if tt := targetType(cnt.Noun); tt != "" && (cnt.Meaning == quantity.Killed || cnt.Meaning == quantity.Injured) {
			ev.TargetType = tt
			break
		}
		for _, p := range cnt.Parts {
			if tt := targetType(p.Noun); tt != "" {
				ev.TargetType = tt
				break
			}
		}
	}
}

// targetType maps a counted noun to a GTD-like target type.
func targetType(noun string) string {
	n := lower(noun)
	switch {
	case n == "":
		return ""
	case strings.HasPrefix(n, "soldier") || strings.HasPrefix(n, "troop") || n == "marines" || n == "servicemen" ||
		strings.HasPrefix(n, "service member"):
		return "military"
	case strings.HasPrefix(n, "police") || strings.HasPrefix(n, "constable") || strings.HasPrefix(n, "officer") ||
		n == "jawans" || n == "personnel" || n == "guards":
		return "police"
	case strings.HasPrefix(n, "official") || n == "ministers" || n == "governor" || n == "lawmakers":
		return "government"
	case strings.HasPrefix(n, "journalist") || n == "reporters":
		return "journalists & media"
	case strings.HasPrefix(n, "worshipper") || n == "pilgrims" || n == "clerics":
		return "religious figures/institutions"
	case strings.HasPrefix(n, "civilian") || n == "people" || n == "persons" || strings.HasPrefix(n, "villager") ||
		n == "children" || n == "women" || n == "students" || n == "mothers" || n == "afghans" || n == "passengers":
		return "private citizens & property"
	}
	return ""
}

// claimOfResponsibility returns the token where the sentence says a
// group claimed an attack ("claimed responsibility", "claimed the
// attack", "claimed by"), -1 if it does not.
func (s *sentence) claimOfResponsibility() int {
	for i, w := range s.low {
		if w != "claimed" && w != "claiming" && w != "claim" && w != "claims" {
			continue
		}
		if i+1 < len(s.low) {
			switch s.low[i+1] {
			case "responsibility", "credit", "the", "by", "it", "for":
				return i
			}
		}
	}
	return -1
}

// addClaimant records the group that claimed the event and how.
func (s *sentence) addClaimant(d *eventDraft, at int, r *Report) {
	c := s.claim(r)
	var groups []string
	for mi, m := range s.ments {
		if m.EntityType == dossier.Group && m.Entity != "" {
			tok := s.tokOf(mi)
			// "claimed by X" names it after; otherwise the claimant is
			// the subject: the first group before the claim.
			if tok < at && len(groups) == 0 || at+1 < len(s.low) && s.low[at+1] == "by" && tok > at && tok <= at+8 {
				groups = append(groups, m.Entity)
			}
		}
	}
	if len(groups) == 0 {
		return
	}
	d.ev.Claimants = uniq(append(d.ev.Claimants, groups...))
	if len(d.ev.Perpetrators) == 0 {
		d.ev.Perpetrators = uniq(append([]string(nil), groups...))
	}
	d.ev.Claims = uniq(append(d.ev.Claims, c.ID))
	if via := s.claimedVia(at); via != "" && d.ev.ClaimedVia == "" {
		d.ev.ClaimedVia = via
	}
}

// claimedVia returns how a claim was made: the words from "via" or
// "through" after the claim to the end of the clause ("through the
// ISIS-affiliated news agency Amaq on Telegram"), else "in a statement"
// and what follows it.
func (s *sentence) claimedVia(at int) string {
	start := -1
	for i := at; i < len(s.low); i++ {
		if s.low[i] == "via" || s.low[i] == "through" {
			start = i
			break
		}
	}
	if start < 0 {
		for i := max(0, at-25); i < len(s.low); i++ {
			if s.low[i] == "statement" && i > 0 && (s.low[i-1] == "a" || s.low[i-1] == "official" || s.low[i-1] == "its") {
				start = i - 1
				break
			}
		}
	}
	if start < 0 {
		return ""
	}
	end := start
	for end < len(s.toks) && end-start < 14 {
		w := s.low[end]
		if w == "," || w == "." || w == ";" || w == "which" || w == "that" || w == "claimed" || w == "and" && end > start+2 {
			break
		}
		end++
	}
	if end <= start+1 {
		return ""
	}
	return string(s.in.text[s.toks[start].Start:s.toks[end-1].End])
}

// lastEvent returns the most recent event draft of the document.
func (r *Report) lastEvent() *eventDraft {
	if len(r.drafts) == 0 {
		return nil
	}
	return r.drafts[len(r.drafts)-1]
}

// mergeDocEvents joins the drafts of one document that report one event:
// an anaphoric report ("the attack") joins the last event of its type, or
// the last event; reports with the same type, date and place join. Each
// figure keeps the largest lower bound the document gives (a toll restated
// later in an article is usually the updated one).
func mergeDocEvents(r *Report) {
	var out []*eventDraft
	for _, d := range r.drafts {
		var into *eventDraft
		// "IS-K’s terrorist attack last week" refers to the incident the
		// text reported, not to talk of attacks that may come: a specific
		// report is its antecedent before a vague one.
		if d.anaphor {
			for _, wantSpecific := range []bool{true, false} {
				for i := len(out) - 1; i >= 0 && into == nil; i-- {
					o := out[i]
					if o.specific == wantSpecific && o.ev.Type == d.ev.Type && (datesAgree(o, d) || daysAfter(o.ev.Date, d.ev.Date, 3)) &&
						subtypesAgree(o.ev.Subtype, d.ev.Subtype) && (o.ev.Place == "" || d.ev.Place == "" || o.ev.Place == d.ev.Place) {
						into = o
					}
				}
				if into != nil {
					break
				}
			}
		}
		for i := len(out) - 1; i >= 0 && into == nil; i-- {
			o := out[i]
			if o.ev.Type == d.ev.Type && sameDay(o, d) && (o.ev.Place == d.ev.Place || o.ev.Place == "" || d.ev.Place == "") {
				into = o
				break
			}
			// Close reports of violence with no day, at the same place (or
			// none named): "killed by the Police in an encounter ...
			// Maoists reportedly opened fire" is one incident.
			if violent[o.ev.Type] && violent[d.ev.Type] && undated(o) && undated(d) && d.sentence-o.last <= 2 &&
				(o.ev.Place == d.ev.Place || o.ev.Place == "" || d.ev.Place == "") {
				into = o
				break
			}
		}
		if into == nil {
			if d.anaphor && !d.specific {
				continue // "the attack" with nothing before it to refer to
			}
			out = append(out, d)
			continue
		}
		absorb(into, d)
	}
	r.drafts = r.drafts[:0]
	for _, d := range out {
		d.updateSpecific()
		if d.specific {
			r.drafts = append(r.drafts, d)
			r.Events = append(r.Events, d.ev)
		}
	}
}

// daysAfter reports whether day b is within n days after day a: a
// statement "on 23 March" about "the attacks" of 22 March.
func daysAfter(a, b string, n int) bool {
	if len(a) != 10 || len(b) != 10 {
		return false
	}
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return false
	}
	d := tb.Sub(ta).Hours() / 24
	return d >= 0 && d <= float64(n)
}

var violent = map[string]bool{dossier.Attack: true, dossier.Clash: true}

func undated(d *eventDraft) bool { return d.ev.Date == "" && d.partial == "" }

// subtypesAgree reports whether two reports' subtypes can describe one
// incident: either is unknown, they are equal, or both are bombings.
func subtypesAgree(a, b string) bool {
	return a == "" || b == "" || a == b || isBombing(a) && isBombing(b)
}

// absorb merges draft d into o (same document or not).
func absorb(o, d *eventDraft) {
	a, b := o.ev, d.ev
	if a.Subtype == "" {
		a.Subtype = b.Subtype
	}
	if a.Date == "" || len(b.Date) > len(a.Date) && strings.HasPrefix(b.Date, a.Date) {
		a.Date = b.Date
	}
	if o.partial == "" || len(d.partial) > len(o.partial) && strings.HasPrefix(d.partial, o.partial) {
		o.partial = d.partial
	}
	if a.Place == "" {
		a.Place = b.Place
	}
	o.places = append(o.places, d.places...)
	if a.TargetType == "" {
		a.TargetType = b.TargetType
	}
	if a.ClaimedVia == "" {
		a.ClaimedVia = b.ClaimedVia
	}
	a.Perpetrators = uniq(append(a.Perpetrators, b.Perpetrators...))
	a.Targets = uniq(append(a.Targets, b.Targets...))
	a.TargetDescriptions = uniqKeep(append(a.TargetDescriptions, b.TargetDescriptions...))
	a.Claimants = uniq(append(a.Claimants, b.Claimants...))
	a.Documents = uniq(append(a.Documents, b.Documents...))
	a.Claims = uniqKeep(append(a.Claims, b.Claims...))
	a.Killed = addFigures(a.Killed, b.Killed, d.additive[quantity.Killed])
	a.Injured = addFigures(a.Injured, b.Injured, d.additive[quantity.Injured])
	a.Arrested = addFigures(a.Arrested, b.Arrested, d.additive[quantity.Arrested])
	a.Kidnapped = addFigures(a.Kidnapped, b.Kidnapped, d.additive[quantity.Kidnapped])
	o.plural = o.plural && d.plural
	o.pluralWord = o.pluralWord && d.pluralWord
	o.last = max(o.last, d.last)
	o.updateSpecific()
}

// mergeFigures keeps one figure per document: the larger lower bound.
// counted returns the noun phrases the counts of one meaning count, as
// quantity.Total adds them: the parts of a sum one by one ("72 Afghans",
// "13 American soldiers"), without the subsets a toll includes or the
// figures of earlier violence; a bare figure ("killing two") or a count
// read from a verb ("was shot dead") gives none.
func counted(counts []quantity.Count, meaning string) []string {
	var out []string
	for _, c := range counts {
		if c.Meaning != meaning || c.Included || c.Background || c.Implied {
			continue
		}
		parts := c.Parts
		if parts == nil {
			parts = []quantity.Count{c}
		}
		for _, p := range parts {
			if p.Noun != "" && p.Text != "" {
				out = append(out, p.Text)
			}
		}
	}
	return out
}

// addFigures merges b into a, adding a document's figure to the one it
// already gave when additive ("The security force detained one additional
// suspected insurgent" after "captured a Taliban facilitator": two), else
// as mergeFigures does. The sum cites the first figure's claim; the event
// cites both sentences.
func addFigures(a, b []dossier.Quantity, additive bool) []dossier.Quantity {
	if !additive {
		return mergeFigures(a, b)
	}
	return combineFigures(a, b, func(have, q dossier.Quantity) dossier.Quantity {
		sum := have
		sum.Min += q.Min
		sum.Counted = append(append([]string(nil), sum.Counted...), q.Counted...)
		if sum.Max != nil && q.Max != nil {
			m := *sum.Max + *q.Max
			sum.Max = &m
		} else {
			sum.Max = nil
		}
		return sum
	})
}

// mergeFigures merges b into a, keeping for each document the larger of
// the figures it gives (two reports of one incident in one text).
func mergeFigures(a, b []dossier.Quantity) []dossier.Quantity {
	return combineFigures(a, b, func(have, q dossier.Quantity) dossier.Quantity {
		if q.Min > have.Min {
			return q
		}
		return have
	})
}

// combineFigures merges b into a: a document's figure in b is combined
// with the one a already has for that document, else appended.
func combineFigures(a, b []dossier.Quantity, combine func(have, q dossier.Quantity) dossier.Quantity) []dossier.Quantity {
	out := append([]dossier.Quantity(nil), a...)
	for _, q := range b {
		found := false
		for i := range out {
			if out[i].Document == q.Document {
				found = true
				out[i] = combine(out[i], q)
			}
		}
		if !found {
			out = append(out, q)
		}
	}
	return out
}

func uniqKeep(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// datesAgree reports whether two reports' dates can be the same day.
func datesAgree(a, b *eventDraft) bool {
	da, db := a.ev.Date, b.ev.Date
	if da != "" && db != "" {
		return strings.HasPrefix(da, db) || strings.HasPrefix(db, da)
	}
	if a.partial != "" && b.partial != "" {
		return strings.HasPrefix(a.partial, b.partial) || strings.HasPrefix(b.partial, a.partial)
	}
	if a.partial != "" && len(db) >= 7 {
		return strings.HasPrefix(db[5:], a.partial) || strings.HasPrefix(a.partial, db[5:])
	}
	if b.partial != "" && len(da) >= 7 {
		return strings.HasPrefix(da[5:], b.partial) || strings.HasPrefix(b.partial, da[5:])
	}
	return true
}

// sameDay reports whether two reports name the same day (fully or as a
// month and day).
func sameDay(a, b *eventDraft) bool {
	dayA, dayB := a.partial, b.partial
	if len(dayA) != 5 {
		dayA = "" // a month alone names no day
	}
	if len(dayB) != 5 {
		dayB = ""
	}
	if len(a.ev.Date) == 10 {
		dayA = a.ev.Date[5:]
	}
	if len(b.ev.Date) == 10 {
		dayB = b.ev.Date[5:]
	}
	if dayA == "" || dayB != dayA {
		return false
	}
	return datesAgree(a, b)
}
