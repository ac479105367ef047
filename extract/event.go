package extract

import (
	"strings"
	"time"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/quantity"
	"github.com/dossier-osint/dossier/resolve"
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
	add(dossier.Attack, "kidnapping", 7, "kidnapped", "kidnapping", "kidnap", "abducted", "abduction", "abducting", "abduct", "abducts", "kidnaps")
	add(dossier.Attack, "assassination", 7, "assassinated", "assassination", "assassinate")
	add(dossier.Attack, "bombing", 6, "bombing", "bombings", "bomb attack", "bomb blast", "bomb explosion", "blast", "blasts",
		"explosion", "explosions", "ied", "ieds", "improvised explosive device", "car bomb", "landmine", "land mine",
		"landmines", "grenade attack", "detonated", "exploded", "bomb went off", "pressure bomb")
	add(dossier.Attack, "armed assault", 5, "gunmen", "opened fire", "shot dead", "gunned down", "ambush", "ambushed",
		"shoot dead", "shoots dead", "gun down", "guns down", "ambushes",
		"stormed", "massacre", "massacred", "gun attack", "shooting", "armed attack", "armed assault", "assault", "raided")
	add(dossier.Attack, "facility attack", 5, "set ablaze", "set fire", "torched", "blew up", "set on fire", "torch",
		"torches", "blow up", "blows up", "sets ablaze", "sets fire")
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
	// Headlines report in the present: "Maoists kill two civilians".
	add(dossier.Attack, "", 1, "killed", "killing", "murdered", "beheaded", "lynched", "hacked to death", "axed to death",
		"beaten to death", "slit the throat", "executed", "kill", "kills")
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

// damageVerbs in the passive after a building or vehicle make it what was
// hit: "the Murrah Federal Building was shattered by an explosion".
var damageVerbs = set("destroyed", "damaged", "shattered", "hit", "struck", "bombed", "razed", "torched",
	"stormed", "raided", "targeted", "attacked", "gutted", "demolished", "flattened")

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
			if s.hypotheticalAt(i, i+n) || s.backgroundAt(i) {
				continue
			}
			if tr.typ == dossier.Arrest && s.takesGround(i+n) {
				continue // "as the Taliban captured territory": no arrest
			}
			if presentForms[s.low[i]] && i > 0 && (s.low[i-1] == "to" || modalAfter[s.low[i-1]]) {
				continue // "tried to kill", "could abduct": no report of a deed
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

// backgroundAt reports whether the trigger at token ts names earlier
// violence the sentence refers to, not its own event: "was arrested in
// connection with a blast", "for his involvement in the attack", "in
// retaliation for the arrest". The cue must stand in the trigger's clause.
func (s *sentence) backgroundAt(ts int) bool {
	for j := ts - 1; j >= 0 && j >= ts-5; j-- {
		if w := s.low[j]; w == "," || w == ";" || w == "and" {
			break
		}
		if backgroundCues[s.low[j]] {
			return true
		}
	}
	return false
}

// presentForms are the triggers' present-tense verbs, headline style
// ("Maoists kill two civilians"); after "to" or a modal they report no
// deed.
var presentForms = set("kill", "kills", "abduct", "abducts", "kidnap", "kidnaps", "torch", "torches", "blow",
	"blows", "shoot", "shoots", "gun", "guns", "ambush", "ambushes", "sets", "attack")

// takesGround reports whether the words from token k on say a capture of
// ground, not of people: "captured territory", "captured the city",
// "captured Kunduz".
func (s *sentence) takesGround(k int) bool {
	owned := false
	for j := k; j < len(s.low) && j <= k+5; j++ {
		w := s.low[j]
		if groundNouns[w] {
			return true
		}
		if mi, ok := s.mentionAt[j]; ok {
			t := s.ments[mi].EntityType
			if (t == dossier.Place || t == dossier.Facility) && !owned {
				return true
			}
			// "captured IS’ last remaining territory": whose ground it
			// was ("arrested PLFI's Odisha chapter head" took a person).
			if e := s.lastTokOf(mi); e >= 0 && s.possessiveAt(e+1) && !owned {
				j, owned = e+1, true
				continue
			}
			return false
		}
		if !groundFiller[w] && w != "’s" && w != "'s" {
			return false
		}
	}
	return false
}

// groundFiller may stand between "captured" and the ground it took: "the
// group's last remaining territory", "large swathes of".
var groundFiller = set("the", "a", "an", "much", "more", "large", "parts", "part", "of", "swathes", "its", "their",
	"his", "her", "group", "last", "remaining", "key", "strategic", "main", "final", "several", "most")

// possessiveAt reports whether token k marks the word before it as an
// owner: "’s", or an apostrophe written onto a plural or a name ending in
// s ("IS’ last territory"), not a quotation mark opening after a space
// ("a CPI-Maoist 'area commander'").
func (s *sentence) possessiveAt(k int) bool {
	if k <= 0 || k >= len(s.low) {
		return false
	}
	switch s.low[k] {
	case "’s", "'s":
		return true
	case "’", "'":
		return s.toks[k].Start == s.toks[k-1].End && (k+1 == len(s.toks) || s.toks[k+1].Start > s.toks[k].End)
	}
	return false
}

// groundNouns are what is captured when ground is taken.
var groundNouns = set("territory", "territories", "city", "cities", "town", "towns", "district", "districts",
	"province", "provinces", "village", "villages", "area", "areas", "control", "power", "capital", "base",
	"bases", "checkpoint", "checkpoints", "post", "posts", "ground", "land", "region", "hill", "hills",
	"stronghold", "strongholds", "position", "positions", "outpost", "outposts", "headquarters", "garrison")

// backgroundCues before a trigger make it a reference to earlier violence.
var backgroundCues = set("connection", "involved", "involvement", "accused", "charged", "wanted", "responsible",
	"mastermind", "masterminded", "convicted", "retaliation", "revenge", "avenge")

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

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
	switch {
	case !d.placeInherited:
		if o.placeInherited {
			// places a report names itself beat those read from the
			// sentences before
			o.places, o.placeInherited = nil, false
		}
		o.places = append(o.places, d.places...)
	case len(o.places) == 0:
		o.places, o.placeInherited = append(o.places, d.places...), true
	}
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
