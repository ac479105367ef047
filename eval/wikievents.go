package eval

// WikiEvents (Li, Ji and Han 2021) annotates news documents with event
// triggers and their arguments under the KAIROS ontology. The product is
// scored on the four roles its events carry: attacker, target, victim and
// place, as argument identification plus role classification at document
// level. Events are not aligned one to one: the product merges what the
// gold splits (an attack and the deaths it caused are two gold events and
// one product event), so aligning triggers would score the ontologies'
// difference rather than the reading.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

// Argument roles scored, in table order.
const (
	roleAttacker = "attacker"
	roleTarget   = "target"
	roleVictim   = "victim"
	rolePlace    = "place"
)

var argumentRoles = []string{roleAttacker, roleTarget, roleVictim, rolePlace}

// ArgumentScore is the precision, recall and F1 of one role (or "overall")
// under one matching rule.
type ArgumentScore struct {
	Role  string `json:"role"`
	Match string `json:"match"` // "head" or "exact"
	// Gold counts the distinct gold (role, argument) pairs of the
	// documents, Found those the product gave; Predicted counts the
	// product's distinct (role, entity) pairs, Right those that match a
	// gold argument.
	Gold      int     `json:"gold"`
	Found     int     `json:"found"`
	Predicted int     `json:"predicted"`
	Right     int     `json:"right"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *ArgumentScore) finish() {
	if s.Predicted > 0 {
		s.Precision = float64(s.Right) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Found) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// wikiDoc is one WikiEvents document: the text rebuilt from its sentences
// and the gold arguments of the events in scope.
type wikiDoc struct {
	id   string
	text string
	args []goldArgument
}

type goldArgument struct {
	role string // one of argumentRoles
	text string // the entity mention's text
}

// wikiRole maps a gold event type and role to a scored role, "" when out
// of scope. Only the violent events the product extracts are in scope:
// Conflict.Attack.* (attacks, bombings, strikes), Life.Die.* and
// Life.Injure.* (their casualties). Killer and Injurer are the attacker
// seen from the casualty event; Victim of a disease outbreak or Target of
// a demonstration is not the product's concern.
func wikiRole(eventType, role string) string {
	attack := strings.HasPrefix(eventType, "Conflict.Attack.")
	harm := strings.HasPrefix(eventType, "Life.Die.") || strings.HasPrefix(eventType, "Life.Injure.")
	if !attack && !harm {
		return ""
	}
	switch role {
	case "Attacker", "Killer", "Injurer":
		return roleAttacker
	case "Target":
		if attack {
			return roleTarget
		}
	case "Victim":
		if harm {
			return roleVictim
		}
	case "Place":
		return rolePlace
	}
	return ""
}

// readWikiEvents reads the WikiEvents JSONL file at path (up to limit
// documents).
func readWikiEvents(path string, limit int) ([]wikiDoc, error) {
	var docs []wikiDoc
	err := readJSONLFile(path, limit, func(b []byte) error {
		var row struct {
			DocID     string              `json:"doc_id"`
			Text      string              `json:"text"`
			Sentences [][]json.RawMessage `json:"sentences"`
			Events    []struct {
				Type      string `json:"event_type"`
				Arguments []struct {
					Role string `json:"role"`
					Text string `json:"text"`
				} `json:"arguments"`
			} `json:"event_mentions"`
		}
		if err := json.Unmarshal(b, &row); err != nil {
			return err
		}
		text, err := wikiText(row.Sentences)
		if err != nil {
			return fmt.Errorf("document %s: %w", row.DocID, err)
		}
		if text == "" {
			text = row.Text
		}
		d := wikiDoc{id: row.DocID, text: text}
		for _, ev := range row.Events {
			for _, a := range ev.Arguments {
				if r := wikiRole(ev.Type, a.Role); r != "" && strings.TrimSpace(a.Text) != "" {
					d.args = append(d.args, goldArgument{role: r, text: a.Text})
				}
			}
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("wikievents: %w", err)
	}
	return docs, nil
}

// wikiText rebuilds a document's text from its sentences. The file's own
// "text" joins the sentences with nothing between them ("... in SyriaThe
// desert ..."), where the source had a space or a line break, which runs
// headlines and paragraphs into each other; the tokens keep their
// offsets in the source, so a sentence that did not start where the last
// ended gets one space before it. Nothing else of the gold (the sentence
// split itself) reaches the product: a space is not a sentence break.
func wikiText(sentences [][]json.RawMessage) (string, error) {
	var b strings.Builder
	end := -1
	for i, s := range sentences {
		if len(s) != 2 {
			return "", fmt.Errorf("sentence %d: want [tokens, text]", i)
		}
		var toks [][3]any
		var text string
		if err := json.Unmarshal(s[0], &toks); err != nil {
			return "", fmt.Errorf("sentence %d tokens: %w", i, err)
		}
		if err := json.Unmarshal(s[1], &text); err != nil {
			return "", fmt.Errorf("sentence %d text: %w", i, err)
		}
		start := end
		if len(toks) > 0 {
			if f, ok := toks[0][1].(float64); ok {
				start = int(f)
			}
		}
		if i > 0 && start != end {
			b.WriteByte(' ')
		}
		b.WriteString(text)
		end = start + utf8.RuneCountInString(text)
	}
	return b.String(), nil
}

// WikiEventsArguments runs the product over the WikiEvents documents at
// path and scores event arguments per role, by head word and by exact
// text. See the report's notes for the mapping from the product's events.
func WikiEventsArguments(ctx context.Context, path string, opt EventsOptions) (*EventsReport, error) {
	docs, err := readWikiEvents(path, opt.Limit)
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.text
	}
	run, err := runProduct(ctx, opt, "wikievents", texts)
	if err != nil {
		return nil, err
	}
	rep := &EventsReport{Data: "WikiEvents", Path: path, Items: len(docs), Failed: run.failed, Events: run.events, Seconds: run.elapsed.Seconds()}

	head := map[string]*ArgumentScore{}
	exact := map[string]*ArgumentScore{}
	for _, r := range append(append([]string(nil), argumentRoles...), "overall") {
		head[r] = &ArgumentScore{Role: r, Match: "head"}
		exact[r] = &ArgumentScore{Role: r, Match: "exact"}
	}
	for i, d := range docs {
		pred := run.wikiArguments(run.docEvents[i], run.docIDs[i])
		for _, role := range argumentRoles {
			var gold []string
			for _, a := range d.args {
				if a.role == role {
					gold = append(gold, a.text)
				}
			}
			var got [][]string
			for _, p := range pred {
				if p.role == role {
					got = append(got, p.texts)
				}
			}
			for _, m := range []struct {
				scores map[string]*ArgumentScore
				key    func(string) string
			}{{head, headWord}, {exact, exactText}} {
				g, f, p, r := matchArguments(gold, got, m.key)
				for _, s := range []*ArgumentScore{m.scores[role], m.scores["overall"]} {
					s.Gold += g
					s.Found += f
					s.Predicted += p
					s.Right += r
				}
			}
		}
		if opt.Answers {
			ans := run.answer(i, run.docEvents[i])
			ans.ID = d.id
			for _, a := range d.args {
				ans.Gold[a.role] = joinAnswer(ans.Gold[a.role], a.text)
			}
			for _, p := range pred {
				ans.Got[p.role] = joinAnswer(ans.Got[p.role], strings.Join(p.texts, "|"))
			}
			rep.Answers = append(rep.Answers, ans)
		}
	}
	for _, m := range []map[string]*ArgumentScore{head, exact} {
		for _, r := range append(append([]string(nil), argumentRoles...), "overall") {
			m[r].finish()
			rep.Arguments = append(rep.Arguments, *m[r])
		}
	}
	rep.Notes = []string{
		"scheme: argument identification + role classification at document level; events are not aligned. Gold: the distinct (role, argument) pairs of the document's Conflict.Attack.*, Life.Die.* and Life.Injure.* events. Product: the distinct (role, entity) pairs of the document's attack, strike and clash events, an entity standing for every one of its mentions in that document (entities named only by other documents are left out).",
		"roles: attacker = gold Attacker, Killer, Injurer ~ our perpetrators (a group claiming the attack is one when no other is named); target = gold Target of an attack ~ our targets and the targets the text describes without naming them ('a bakery'); victim = gold Victim of a death or injury ~ our person, group, organisation or nationality targets of an event that reports killed or injured people, and the phrases its killed and injured figures count ('11 people', '13 American soldiers'); place = gold Place ~ our event place.",
		"match: head = the gold argument's head word (last word before 'of', a comma or a bracket, case folded, possessive dropped) equals the head of one of the entity's mentions; exact = the gold text equals one mention's text, case folded. A prediction is right if it matches some gold argument of its role, a gold argument found if some prediction matches it (the gold has no coreference, so one entity may find 'IS' and 'Islamic State').",
	}
	return rep, nil
}

// wikiArgument is one product argument: a role and the texts of the
// entity's mentions in the document.
type wikiArgument struct {
	role  string
	texts []string
}

// wikiArguments maps a document's events to WikiEvents roles.
func (r *productRun) wikiArguments(evs []*dossier.Event, doc string) []wikiArgument {
	type key struct{ role, id string }
	seen := map[key]bool{}
	var out []wikiArgument
	add := func(role, id string, ok func(*dossier.Entity) bool) {
		e := r.ents[id]
		if e == nil || seen[key{role, id}] || ok != nil && !ok(e) {
			return
		}
		var texts []string
		for _, m := range e.Mentions {
			if m.Document == doc {
				texts = append(texts, m.Text)
			}
		}
		if len(texts) == 0 {
			return // the entity joined the event from another document's report
		}
		seen[key{role, id}] = true
		sort.Strings(texts)
		out = append(out, wikiArgument{role: role, texts: uniqStrings(texts)})
	}
	victimType := func(e *dossier.Entity) bool {
		switch e.Type {
		case dossier.Person, dossier.Group, dossier.Organization, dossier.Nationality:
			return true
		}
		return false
	}
	for _, ev := range evs {
		switch ev.Type {
		case dossier.Attack, dossier.Strike, dossier.Clash:
		default:
			continue
		}
		harm := false
		for _, qs := range [][]dossier.Quantity{ev.Killed, ev.Injured} {
			for _, q := range qs {
				harm = harm || q.Document == doc && q.Min > 0
			}
		}
		for _, id := range ev.Perpetrators {
			add(roleAttacker, id, nil)
		}
		// A perpetrator the text describes without naming ("gunmen",
		// "suicide bomber") is an argument as written.
		for _, d := range ev.PerpetratorDescriptions {
			if !seen[key{roleAttacker, "desc:" + d}] {
				seen[key{roleAttacker, "desc:" + d}] = true
				out = append(out, wikiArgument{role: roleAttacker, texts: []string{d}})
			}
		}
		// A target the text describes without naming ("a bakery", "the
		// convoy") is an argument as written.
		for _, d := range ev.TargetDescriptions {
			if !seen[key{roleTarget, "desc:" + d}] {
				seen[key{roleTarget, "desc:" + d}] = true
				out = append(out, wikiArgument{role: roleTarget, texts: []string{d}})
			}
		}
		for _, id := range ev.Targets {
			add(roleTarget, id, nil)
			if harm {
				add(roleVictim, id, victimType)
			}
		}
		// Who the casualty figures count, as worded ("11 people", "13
		// American soldiers"), is a victim argument as written.
		for _, qs := range [][]dossier.Quantity{ev.Killed, ev.Injured} {
			for _, q := range qs {
				if q.Document != doc {
					continue
				}
				for _, c := range q.Counted {
					if !seen[key{roleVictim, "counted:" + c}] {
						seen[key{roleVictim, "counted:" + c}] = true
						out = append(out, wikiArgument{role: roleVictim, texts: []string{c}})
					}
				}
			}
		}
		if ev.Place != "" {
			add(rolePlace, ev.Place, nil)
		}
	}
	return out
}

// matchArguments scores one document's arguments of one role: gold texts
// against predictions (each the texts of one entity's mentions), compared
// by key. It returns the distinct gold keys, how many of them some
// prediction has, the predictions, and how many of them have a gold key.
func matchArguments(gold []string, got [][]string, key func(string) string) (nGold, found, nPred, right int) {
	goldKeys := map[string]bool{}
	for _, g := range gold {
		if k := key(g); k != "" {
			goldKeys[k] = true
		}
	}
	hit := map[string]bool{}
	for _, texts := range got {
		nPred++
		ok := false
		for _, t := range texts {
			if k := key(t); goldKeys[k] {
				hit[k] = true
				ok = true
			}
		}
		if ok {
			right++
		}
	}
	return len(goldKeys), len(hit), nPred, right
}

// headWord returns the head of a noun phrase the way English puts it:
// the last word before a post-modifier ("of", a comma, a bracket, a
// relative pronoun), case folded, without a possessive.
// "the Islamic State of Iraq" and "Islamic State" both give "state";
// "Major General Vyacheslav Gladkikh" gives "gladkikh".
func headWord(s string) string {
	s = " " + strings.ToLower(strings.ReplaceAll(s, "’", "'")) + " "
	for _, cut := range []string{" of ", ",", "(", " who ", " which ", " that "} {
		if i := strings.Index(s, cut); i > 0 {
			s = s[:i]
		}
	}
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
	for len(words) > 0 {
		w := strings.Trim(words[len(words)-1], "'-")
		w = strings.TrimSuffix(w, "'s")
		if w != "" {
			return w
		}
		words = words[:len(words)-1]
	}
	return ""
}

// exactText folds case, curly apostrophes and runs of spaces.
func exactText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "’", "'"))), " ")
}

func joinAnswer(list, s string) string {
	if list == "" {
		return s
	}
	for _, x := range strings.Split(list, "; ") {
		if x == s {
			return list
		}
	}
	return list + "; " + s
}

// writeArgumentTable prints argument scores, one row per role and rule.
func writeArgumentTable(w io.Writer, scores []ArgumentScore) {
	if len(scores) == 0 {
		return
	}
	fmt.Fprintf(w, "  %-10s %-6s %5s %5s %5s %5s %9s %7s %6s\n", "role", "match", "gold", "found", "pred", "right", "precision", "recall", "F1")
	for _, s := range scores {
		fmt.Fprintf(w, "  %-10s %-6s %5d %5d %5d %5d %9.3f %7.3f %6.3f\n", s.Role, s.Match, s.Gold, s.Found, s.Predicted, s.Right, s.Precision, s.Recall, s.F1)
	}
}
