// The arguments of an event report: who did it (named, described, or
// referred to by a pronoun), to whom or what, where, and who claimed it;
// and the tests that keep a name out of a role it does not play (a
// modifier, the object of another action, another clause).

package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

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
	switch {
	case s.idx-in.lastGroupsSent == 1 && in.lastSubject != "":
		// "Islamic State-Khorasan (IS-K), the Islamic State offshoot
		// ..., has been behind ... ¶ Its record includes a 2020 assault":
		// the sentence just before, even across a paragraph break, and
		// the group it opens with.
		return in.lastSubject
	case len(in.lastGroups) != 1 || s.idx-in.lastGroupsSent > 2 || !in.sameParagraph(in.lastGroupsSent, s.idx):
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
		s.in.lastSubject = ""
		// The group the sentence opens with ("IS-K, the affiliate of
		// ...", "The Taliban ...") is its subject.
		first := 0
		if len(s.low) > 1 && s.low[0] == "the" {
			first = 1
		}
		if mi, ok := s.mentionAt[first]; ok && s.ments[mi].EntityType == dossier.Group {
			s.in.lastSubject = s.ments[mi].Entity
		}
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
	end := s.lastTokOf(mi)
	if end >= 0 && end+1 < len(s.low) && nonActorHeads[s.low[end+1]] {
		return true
	}
	// "IS-K, the affiliate of Islamic State (IS) in Afghanistan, has
	// claimed ...": the parent named in an apposition is not the subject.
	start := s.tokOf(mi)
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
		afterBy := tok >= te && (prev == "by" || prev2 == "by" || s.describedAgent(te, tok))
		victim := s.passiveAfter(mi, passiveVerb)
		isTarget := (targetWords[prev] || targetWords[prev2] && (prev == "the" || prev == "a" || prev == "an") ||
			tok == te && (strings.HasSuffix(s.low[te-1], "ed") || strings.HasSuffix(s.low[te-1], "ing"))) &&
			!s.channelBefore(te, tok) && !s.otherActionAt(tok) && !s.clauseBreak(te, tok) &&
			ev.Type != dossier.LeadershipChange && ev.Type != dossier.Pledge
		// ("appointed in May 2020, also announced a campaign against the
		// Taliban": an appointment has no target.)
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
			// bombing at the cafe", "the building was shattered by an
			// explosion": the building is also what was hit.
			after := tok >= te && tok-te <= 3 && (isTarget || prev == "at" || prev2 == "at" || tok == te || attackVerbs[prev] && !s.clauseBreak(te, tok))
			if ev.Type == dossier.Attack && (after || tok < ts && s.passiveAfter(mi, damageVerbs)) {
				ev.Targets = append(ev.Targets, m.Entity)
				if facility == "" {
					facility = m.Entity
				}
			}
		case dossier.Group:
			switch {
			case s.otherActionAt(tok):
				// "retaliate against the Front": another action's object
			case stateActs || isTarget || victim || s.memberObject(mi, te):
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
			case ev.Type == dossier.Arrest || ev.Subtype == "assassination" || ev.Subtype == "kidnapping" || isTarget ||
				ev.Type != dossier.Arrest && s.harmedIn(mi, ts):
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
		if desc := s.describedActor(ts, te, stateActs); desc != "" {
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
	if listed := s.placeList(placeTok); len(listed) > 0 && place != facility {
		// "Militants Killed, Detained in Kandahar, Wardak, Khowst": a
		// roundup of incidents in several places locates none of them.
		place = ""
		kept := cands[:0]
		for _, c := range cands {
			if !slices.Contains(listed, c.id) {
				kept = append(kept, c)
				if place == "" || c.dist < abs(placeTok-ts) {
					place, placeTok = c.id, ts+c.dist
				}
			}
		}
		cands = kept
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

// describedAgent reports whether the mention at token tok is the agent
// after "by" and a description of it: "carried out by the armed Basque
// separatist group ETA". At most six words may stand between, none of
// them punctuation, a preposition, a conjunction or another name than a
// people's ("Basque").
func (s *sentence) describedAgent(te, tok int) bool {
	for j := tok - 1; j >= te && j >= tok-7; j-- {
		w := s.low[j]
		if w == "by" {
			return j < tok-2
		}
		if !s.toks[j].IsWord() || placeWords[w] || w == "and" || w == "or" {
			return false
		}
		if mi, ok := s.mentionAt[j]; ok && s.ments[mi].EntityType != dossier.Nationality {
			return false
		}
	}
	return false
}

// harmVerbs in the passive say what befell a person.
var harmVerbs = set("killed", "injured", "wounded", "shot", "slain", "murdered", "assassinated", "beheaded",
	"executed", "hurt", "maimed")

// harmedIn reports whether mention mi is the one a passive verb of harm
// says the trigger at token ts befell: "Tamerlan was killed in a gun
// battle with police", "the judge was shot during the attack". The
// trigger must follow the verb closely after "in", "during" or "by".
func (s *sentence) harmedIn(mi, ts int) bool {
	end := s.lastTokOf(mi)
	if end < 0 || end >= ts {
		return false
	}
	for i := end + 1; i < ts && i <= end+3; i++ {
		if !passiveAux[s.low[i]] {
			continue
		}
		for v := i + 1; v < ts && v <= i+2; v++ {
			if harmVerbs[s.low[v]] && v+1 < ts && (s.low[v+1] == "in" || s.low[v+1] == "during" || s.low[v+1] == "by") {
				return ts-v <= 4
			}
		}
	}
	return false
}

// passiveAfter reports whether mention mi is the subject of a passive
// verb of verbs within a few words ("cadres were killed", "militants had
// been arrested" with passiveVerb), or of a verb of dying.
func (s *sentence) passiveAfter(mi int, verbs map[string]bool) bool {
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
				if verbs[s.low[j]] {
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

// attackVerbs take what was attacked as their object: "gunmen attacked
// Camp Shorabak", "militants stormed the embassy", "blew up a bridge".
var attackVerbs = set("attacked", "stormed", "ambushed", "raided", "bombed", "torched", "struck", "hit", "targeted",
	"up", "shelled", "assaulted", "attack", "attacks", "attacking", "storm", "storming", "rocketed", "besieged")

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

func (s *sentence) describedActor(ts, te int, wide bool) string {
	// An arrest's agent may stand further off: "were arrested during an
	// area domination exercise by security personnel", "Police seized
	// explosives ... and arrested a cadre".
	byReach, subjectReach := 4, 10
	if wide {
		byReach, subjectReach = 8, 25
	}
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
	for i := te; i < len(s.low) && i <= te+byReach; i++ {
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
	for i := ts - 1; i >= 0 && i >= ts-subjectReach; i-- {
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

// placeList returns the entities of a list of three or more places in a
// title-case headline that the place mention at token tok belongs to, nil
// when it belongs to none: "Militants Killed, Detained in Kandahar,
// Wardak, Khowst" rounds up several incidents. In running text a list is
// kept: "arrested ... from the forests of Hazaribagh, Bokaro and Giridih
// Districts" is one operation, and coders place it at the first.
func (s *sentence) placeList(tok int) []string {
	if tok < 0 {
		return nil
	}
	place := func(k int) (int, bool) { // the place mention at token k and its last token
		mi, ok := s.mentionAt[k]
		if !ok || s.ments[mi].EntityType != dossier.Place || s.ments[mi].Entity == "" {
			return 0, false
		}
		end := k
		for end+1 < len(s.toks) && s.toks[end+1].End <= s.ments[mi].End {
			end++
		}
		return end, true
	}
	// Walk back to the list's first item, then forward over it.
	first := tok
	for {
		k := first - 1
		if k >= 0 && (s.low[k] == "," || s.low[k] == "and" || s.low[k] == "or") {
			k--
		}
		if k >= 0 && s.low[k] == "," {
			k--
		}
		mi, ok := s.mentionAt[k]
		if k < 0 || k == first-1 || !ok || s.ments[mi].EntityType != dossier.Place {
			break
		}
		for k > 0 && s.mentionAt[k-1] == mi {
			k--
		}
		first = k
	}
	var items []string
	for k := first; k < len(s.toks); {
		end, ok := place(k)
		if !ok {
			break
		}
		items = append(items, s.ments[s.mentionAt[k]].Entity)
		k = end + 1
		if k < len(s.low) && s.low[k] == "," {
			k++
		}
		if k < len(s.low) && (s.low[k] == "and" || s.low[k] == "or") {
			k++
		}
	}
	if len(items) < 3 || !s.titleCase() {
		return nil
	}
	return items
}

// titleCase reports whether the sentence is a title-case line: most of
// its longer words capitalised.
func (s *sentence) titleCase() bool {
	longer, caps := 0, 0
	for _, t := range s.toks {
		if !t.IsWord() || len(t.Text) < 4 {
			continue
		}
		longer++
		if t.Capitalized() {
			caps++
		}
	}
	return longer >= 3 && caps*5 >= longer*4
}

// memberObject reports whether group mention mi names the side of a
// person the event at the trigger ending at te befell: "killed a Taliban
// sub-commander", "an operation targeting a Haqqani senior leader". The
// group stands right after an article a few words past the trigger, and
// a word for one of its members follows it.
func (s *sentence) memberObject(mi, te int) bool {
	start, end := s.tokOf(mi), s.lastTokOf(mi)
	if start < te || start-te > 4 || start == 0 {
		return false
	}
	if a := s.low[start-1]; a != "a" && a != "an" && a != "the" {
		return false
	}
	for k := end + 1; k < len(s.low) && k <= end+3; k++ {
		if memberNouns[s.low[k]] {
			return true
		}
		if !s.toks[k].IsWord() {
			return false
		}
	}
	return false
}

// memberNouns are the words for an armed group's members.
var memberNouns = set("leader", "leaders", "commander", "commanders", "sub-commander", "facilitator", "facilitators",
	"fighter", "fighters", "member", "members", "militant", "militants", "insurgent", "insurgents", "cadre", "cadres",
	"operative", "operatives", "financier", "emir", "deputy", "spokesman", "official", "officials")
