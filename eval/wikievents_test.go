package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/lexicon"
)

func TestHeadWord(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"general", "general"},
		{"Major General Vyacheslav Gladkikh", "gladkikh"},
		{"the Islamic State of Iraq and the Levant", "state"},
		{"Islamic State", "state"},
		{"Russia’s Defense Ministry", "ministry"},
		{"the group's", "group"},
		{"Helmand Province", "province"},
		{"soldiers, who were on patrol", "soldiers"},
		{"Camp Shorabak (Helmand)", "shorabak"},
		{"ez-Zor", "ez-zor"},
		{"11", "11"},
		{"", ""},
		{"  ,", ""},
	} {
		if got := headWord(c.in); got != c.want {
			t.Errorf("headWord(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestExactText(t *testing.T) {
	if got := exactText("  The  Islamic\nState’s "); got != "the islamic state's" {
		t.Errorf("exactText = %q", got)
	}
}

func TestWikiRole(t *testing.T) {
	for _, c := range []struct{ typ, role, want string }{
		{"Conflict.Attack.DetonateExplode", "Attacker", roleAttacker},
		{"Conflict.Attack.Unspecified", "Target", roleTarget},
		{"Conflict.Attack.Unspecified", "Place", rolePlace},
		{"Conflict.Attack.DetonateExplode", "ExplosiveDevice", ""},
		{"Life.Die.Unspecified", "Killer", roleAttacker},
		{"Life.Die.Unspecified", "Victim", roleVictim},
		{"Life.Injure.Unspecified", "Injurer", roleAttacker},
		{"Life.Injure.Unspecified", "Place", rolePlace},
		{"Disaster.DiseaseOutbreak.Unspecified", "Victim", ""},
		{"Conflict.Demonstrate.Unspecified", "Target", ""},
		{"Justice.ArrestJailDetain.Unspecified", "Place", ""},
	} {
		if got := wikiRole(c.typ, c.role); got != c.want {
			t.Errorf("wikiRole(%s, %s) = %q, want %q", c.typ, c.role, got, c.want)
		}
	}
}

func TestMatchArguments(t *testing.T) {
	for _, c := range []struct {
		name                      string
		gold                      []string
		got                       [][]string
		nGold, found, pred, right int
	}{
		{"nothing", nil, nil, 0, 0, 0, 0},
		{"miss", []string{"bomber"}, nil, 1, 0, 0, 0},
		{"spurious", nil, [][]string{{"Taliban"}}, 0, 0, 1, 0},
		{"head", []string{"Islamic State"}, [][]string{{"the Islamic State"}}, 1, 1, 1, 1},
		{"duplicate gold counted once", []string{"IS", "IS", "people"}, [][]string{{"IS"}}, 2, 1, 1, 1},
		// The gold has no coreference: one entity may find both names.
		{"one entity, two gold names", []string{"IS", "Islamic State"}, [][]string{{"IS", "Islamic State"}}, 2, 2, 1, 1},
		{"two entities, one gold", []string{"Derry"}, [][]string{{"Derry"}, {"Northern Ireland"}}, 1, 1, 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, f, p, r := matchArguments(c.gold, c.got, headWord)
			if g != c.nGold || f != c.found || p != c.pred || r != c.right {
				t.Errorf("gold %d found %d pred %d right %d, want %d %d %d %d", g, f, p, r, c.nGold, c.found, c.pred, c.right)
			}
		})
	}
}

func TestArgumentScore(t *testing.T) {
	s := ArgumentScore{Gold: 10, Found: 4, Predicted: 5, Right: 4}
	s.finish()
	if s.Precision != 0.8 || s.Recall != 0.4 || s.F1 < 0.5333 || s.F1 > 0.5334 {
		t.Errorf("P %v R %v F1 %v, want 0.8 0.4 0.533", s.Precision, s.Recall, s.F1)
	}
	var z ArgumentScore
	z.finish()
	if z.F1 != 0 {
		t.Errorf("empty score F1 %v", z.F1)
	}
}

// wikiLine builds a WikiEvents line whose sentences start at the given
// source offsets.
func wikiLine(t *testing.T, id string, sents []string, starts []int, events string) string {
	t.Helper()
	var ss []any
	for i, s := range sents {
		ss = append(ss, []any{[]any{[]any{strings.Fields(s)[0], starts[i], starts[i] + 1}}, s})
	}
	b, err := json.Marshal(map[string]any{"doc_id": id, "text": strings.Join(sents, ""), "sentences": ss})
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(string(b), "}") + `,"event_mentions":` + events + "}"
}

func TestWikiText(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dev.jsonl")
	// The second sentence starts one character after the first ends (a
	// break the file's text lost), the third right after the second.
	line := wikiLine(t, "d1", []string{"Bomb kills two in Kabul", "The Taliban said.", "Yes."}, []int{0, 24, 41}, `[]`)
	if err := os.WriteFile(path, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := readWikiEvents(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Bomb kills two in Kabul The Taliban said.Yes."; len(docs) != 1 || docs[0].text != want {
		t.Errorf("text %q, want %q", docs[0].text, want)
	}
}

// TestWikiEventsWiring runs the product over a hand-written document and
// checks that its answers reach the right roles.
func TestWikiEventsWiring(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dev.jsonl")
	s := "Taliban gunmen attacked a police checkpoint in Kandahar on Monday, killing five policemen."
	events := `[{"event_type":"Conflict.Attack.Unspecified","arguments":[{"role":"Attacker","text":"Taliban"},{"role":"Place","text":"Kandahar"},{"role":"Target","text":"checkpoint"}]},
	{"event_type":"Life.Die.Unspecified","arguments":[{"role":"Victim","text":"policemen"},{"role":"Killer","text":"gunmen"}]},
	{"event_type":"Contact.Contact.Broadcast","arguments":[{"role":"Place","text":"Kabul"}]}]`
	line := wikiLine(t, "w1", []string{s}, []int{0}, strings.ReplaceAll(events, "\n", ""))
	if err := os.WriteFile(path, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := WikiEventsArguments(context.Background(), path, EventsOptions{Lexicon: lex, Dir: filepath.Join(dir, "run"), Answers: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Items != 1 || len(rep.Answers) != 1 || rep.Answers[0].ID != "w1" {
		t.Fatalf("items %d answers %+v", rep.Items, rep.Answers)
	}
	a := rep.Answers[0]
	if a.Gold["place"] != "Kandahar" || a.Gold["attacker"] != "Taliban; gunmen" {
		t.Errorf("gold %v: the broadcast's place is out of scope, Killer is an attacker", a.Gold)
	}
	if a.Got["attacker"] != "Taliban" {
		t.Errorf("got %v, want attacker Taliban", a.Got)
	}
	for _, sc := range rep.Arguments {
		if sc.Role == "overall" && sc.Match == "head" && (sc.Gold != 5 || sc.Right == 0) {
			t.Errorf("overall %+v, want 5 gold arguments and some right", sc)
		}
	}
}

// TestWikiEvents runs the whole product over the WikiEvents development
// documents and checks the argument scores stay above floors set below
// the figures measured when the test was written (docs/evaluation.md).
// Run with -v for the table.
func TestWikiEvents(t *testing.T) {
	path := filepath.Join(eventsData, "wikievents", "dev.jsonl")
	if _, err := os.Stat(path); os.IsNotExist(err) {
		t.Skipf("%s absent", path)
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := geonames.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := WikiEventsArguments(context.Background(), path, EventsOptions{Lexicon: lex, Gazetteer: gaz, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteEventsTable(&buf, []*EventsReport{rep}); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	if rep.Items != 20 || rep.Failed > 0 {
		t.Errorf("%d documents, %d failed, want 20 and 0", rep.Items, rep.Failed)
	}
	if len(rep.Arguments) != 10 {
		t.Fatalf("%d argument scores, want 10 (4 roles and overall, 2 rules)", len(rep.Arguments))
	}
	for _, s := range rep.Arguments {
		floor, ok := wikiFloors[s.Role+" "+s.Match]
		if !ok {
			continue
		}
		if s.F1 < floor {
			t.Errorf("%s %s: F1 %.3f below floor %.2f", s.Role, s.Match, s.F1, floor)
		}
	}
}

// wikiFloors are F1 floors well below the figures measured when the test
// was written: on 20 documents one argument moves F1 by a few points.
var wikiFloors = map[string]float64{
	"overall head":  0.05, // measured 0.095
	"place head":    0.12, // 0.226
	"attacker head": 0.07, // 0.143
}
