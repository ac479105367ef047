package eval

// Event extraction is scored on the whole product, not on one stage: each
// gold item is written as one line of a JSONL file, ingested into a fresh
// SQLite store with the embedded lexicon, recogniser and gazetteer, resolved
// (which runs extraction and merging), and the stored events and entities
// are then read back and compared with the gold coding of that item. What a
// user would get from `dossier ingest items.jsonl` is what is scored.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/geonames"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/sqlite"
)

// EventsOptions says how to run the product over a gold set.
type EventsOptions struct {
	Lexicon   *lexicon.Lexicon
	Gazetteer *geonames.Gazetteer // nil: places are not geocoded
	// Dir is an empty working folder for the JSONL input and the SQLite
	// store, created if absent (a temporary folder; the caller removes it).
	Dir string
	// Limit scores only the first Limit items; 0 means all.
	Limit int
	// Workers read documents in parallel; 0 means one per CPU.
	Workers int
	// Answers keeps every item's gold and product answers in the report.
	Answers bool
}

// EventsReport is the score of one gold set.
type EventsReport struct {
	Data  string `json:"data"` // "SATP", "ISAF" or "WikiEvents"
	Path  string `json:"path"`
	Items int    `json:"items"`
	// Failed counts items the product refused to ingest; they are scored
	// as unanswered.
	Failed int `json:"failed"`
	// Events is how many events the product stored over the whole set.
	Events int `json:"events"`
	// Seconds is the time of ingest and resolution (extraction included).
	Seconds float64      `json:"seconds"`
	Fields  []FieldScore `json:"fields"`
	// Arguments are event-argument scores per role (WikiEvents).
	Arguments []ArgumentScore `json:"arguments,omitempty"`
	// Notes state how the product's answer is read for each field.
	Notes   []string     `json:"notes"`
	Answers []ItemAnswer `json:"answers,omitempty"`
}

// FieldScore is the score of one gold field.
type FieldScore struct {
	Field string `json:"field"`
	// N counts the items with a gold value for the field.
	N int `json:"n"`
	// Answered counts the items where the product gave an answer at all.
	Answered int     `json:"answered"`
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
	Coverage float64 `json:"coverage"`
	// MAE is the mean absolute error, for figures only; an unanswered
	// figure counts as 0.
	MAE *float64 `json:"mae,omitempty"`
	// Baseline is a trivial answer given to every item, to judge the
	// figures by.
	Baseline         string   `json:"baseline,omitempty"`
	BaselineAccuracy float64  `json:"baseline_accuracy"`
	BaselineMAE      *float64 `json:"baseline_mae,omitempty"`

	numeric                   bool
	absErr, baseAbs, baseGood int
}

// ItemAnswer is one item's gold and product answers, field by field.
type ItemAnswer struct {
	ID   string            `json:"id"`
	Gold map[string]string `json:"gold"`
	Got  map[string]string `json:"got"`
	// Events are the types of the events the product found in the item.
	Events []string `json:"events"`
	// Actors are the names of their perpetrators and targets.
	Perpetrators []string `json:"perpetrators,omitempty"`
	Targets      []string `json:"targets,omitempty"`
}

// answer starts an item's answers with what the product found in it.
func (r *productRun) answer(i int, evs []*dossier.Event) ItemAnswer {
	a := ItemAnswer{ID: strconv.Itoa(i + 1), Gold: map[string]string{}, Got: map[string]string{}}
	for _, ev := range evs {
		a.Events = append(a.Events, ev.Type)
		for _, id := range ev.Perpetrators {
			if e := r.ents[id]; e != nil {
				a.Perpetrators = append(a.Perpetrators, string(e.Type)+":"+e.Name)
			}
		}
		for _, id := range ev.Targets {
			if e := r.ents[id]; e != nil {
				a.Targets = append(a.Targets, string(e.Type)+":"+e.Name)
			}
		}
	}
	return a
}

// field accumulates one field's counts.
func (f *FieldScore) add(gold, got string, answered bool, base string) {
	f.N++
	if answered {
		f.Answered++
	}
	if got == gold {
		f.Correct++
	}
	if base == gold {
		f.baseGood++
	}
}

// addMatch accumulates a field compared by a matching rule, not equality.
func (f *FieldScore) addMatch(ok, answered, baseOK bool) {
	f.N++
	if answered {
		f.Answered++
	}
	if ok {
		f.Correct++
	}
	if baseOK {
		f.baseGood++
	}
}

// addNum accumulates a figure.
func (f *FieldScore) addNum(gold, got int, answered bool, base int) {
	f.numeric = true
	f.N++
	if answered {
		f.Answered++
	}
	if got == gold {
		f.Correct++
	}
	if base == gold {
		f.baseGood++
	}
	f.absErr += abs(got - gold)
	f.baseAbs += abs(base - gold)
}

func (f *FieldScore) finish() {
	if f.N == 0 {
		return
	}
	n := float64(f.N)
	f.Accuracy = float64(f.Correct) / n
	f.Coverage = float64(f.Answered) / n
	f.BaselineAccuracy = float64(f.baseGood) / n
	if f.numeric {
		m, b := float64(f.absErr)/n, float64(f.baseAbs)/n
		f.MAE, f.BaselineMAE = &m, &b
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// productRun is what the product stored for a gold set.
type productRun struct {
	// docEvents holds each item's events (by item index), in the order
	// the document reports them.
	docEvents [][]*dossier.Event
	docIDs    []string
	ents      map[string]*dossier.Entity
	failed    int
	events    int
	elapsed   time.Duration
}

// runProduct ingests texts as one JSONL file (ids "1", "2", ...) into a
// fresh store under opt.Dir, resolves it and reads back the events each
// document reports and the entities they name.
func runProduct(ctx context.Context, opt EventsOptions, name string, texts []string) (*productRun, error) {
	if opt.Lexicon == nil {
		return nil, fmt.Errorf("eval events: no lexicon")
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("eval events: %w", err)
	}
	input := filepath.Join(opt.Dir, name+".jsonl")
	if err := writeItems(input, texts); err != nil {
		return nil, err
	}
	store, err := sqlite.Open(ctx, filepath.Join(opt.Dir, name+".db"))
	if err != nil {
		return nil, err
	}
	defer store.Close()
	p := &ingest.Pipeline{
		Store:     store,
		Lexicon:   opt.Lexicon,
		Reader:    ner.New(opt.Lexicon),
		Gazetteer: opt.Gazetteer,
		Workers:   opt.Workers,
	}
	start := time.Now()
	sum, err := p.Ingest(ctx, []string{input})
	if err != nil {
		return nil, fmt.Errorf("eval events: ingest %s: %w", input, err)
	}
	if err := p.Resolve(ctx); err != nil {
		return nil, fmt.Errorf("eval events: %s: %w", input, err)
	}
	run := &productRun{elapsed: time.Since(start), failed: sum.Failed}

	docs, err := store.Documents(ctx)
	if err != nil {
		return nil, err
	}
	// Sources are "path#id"; identical texts are one document (its ID is
	// the hash of the bytes), so a repeated item shares the first one's.
	run.docIDs = make([]string, len(texts))
	byText := map[string]string{}
	for _, d := range docs {
		i := strings.LastIndexByte(d.Source, '#')
		n, err := strconv.Atoi(d.Source[i+1:])
		if i < 0 || err != nil || n < 1 || n > len(texts) {
			continue
		}
		run.docIDs[n-1] = d.ID
		byText[texts[n-1]] = d.ID
	}
	for i, id := range run.docIDs {
		if id == "" {
			run.docIDs[i] = byText[texts[i]]
		}
	}

	facts, err := store.Facts(ctx)
	if err != nil {
		return nil, err
	}
	run.events = len(facts.Events)
	claimAt := map[string]dossier.Claim{}
	for _, c := range facts.Claims {
		claimAt[c.ID] = c
	}
	byDoc := map[string][]*dossier.Event{}
	var ids []string
	for _, ev := range facts.Events {
		for _, d := range ev.Documents {
			byDoc[d] = append(byDoc[d], ev)
		}
		ids = append(ids, ev.Place)
		ids = append(ids, ev.Perpetrators...)
		ids = append(ids, ev.Targets...)
	}
	run.docEvents = make([][]*dossier.Event, len(texts))
	for i, id := range run.docIDs {
		evs := append([]*dossier.Event(nil), byDoc[id]...)
		// Text order: the event's first claim in this document.
		first := func(ev *dossier.Event) int {
			at := math.MaxInt
			for _, c := range ev.Claims {
				if cl, ok := claimAt[c]; ok && cl.Document == id && cl.Start < at {
					at = cl.Start
				}
			}
			return at
		}
		sort.SliceStable(evs, func(a, b int) bool { return first(evs[a]) < first(evs[b]) })
		run.docEvents[i] = evs
	}
	ents, err := store.EntitiesByID(ctx, uniqStrings(ids))
	if err != nil {
		return nil, err
	}
	run.ents = map[string]*dossier.Entity{}
	for _, e := range ents {
		run.ents[e.ID] = e
	}
	return run, nil
}

func writeItems(path string, texts []string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i, t := range texts {
		if err := enc.Encode(struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}{strconv.Itoa(i + 1), t}); err != nil {
			f.Close()
			return fmt.Errorf("eval events: %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("eval events: %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("eval events: %s: %w", path, err)
	}
	return nil
}

func uniqStrings(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// figures returns a document's figure for one count under the two rules
// scored: the sum over the document's events and the largest single
// event's, each event counting this document's lower bound. ok is false
// when no event of the document gives the figure.
func figures(evs []*dossier.Event, doc string, pick func(*dossier.Event) []dossier.Quantity) (sum, largest int, ok bool) {
	for _, ev := range evs {
		for _, q := range pick(ev) {
			if q.Document != doc {
				continue
			}
			ok = true
			sum += q.Min
			largest = max(largest, q.Min)
		}
	}
	return sum, largest, ok
}

func killed(ev *dossier.Event) []dossier.Quantity   { return ev.Killed }
func injured(ev *dossier.Event) []dossier.Quantity  { return ev.Injured }
func arrested(ev *dossier.Event) []dossier.Quantity { return ev.Arrested }

// eventPlace returns the place entity of the document's first event that
// has one, nil if none does.
func (r *productRun) eventPlace(evs []*dossier.Event) *dossier.Entity {
	for _, ev := range evs {
		if e := r.ents[ev.Place]; e != nil {
			return e
		}
	}
	return nil
}

// readJSONLFile calls fn with each non-blank line of path and its line
// number, up to limit lines (0: all). Errors name the file and line.
func readJSONLFile(path string, limit int, fn func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n, lineNo := 0, 0
	for sc.Scan() {
		lineNo++
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if limit > 0 && n >= limit {
			break
		}
		n++
		if err := fn(b); err != nil {
			return fmt.Errorf("%s:%d: %w", path, lineNo, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ---- SATP

type satpItem struct {
	text             string
	deaths, injuries *int
	perpetrator      string
	state, district  string
}

func readSATP(path string, limit int) ([]satpItem, error) {
	var items []satpItem
	err := readJSONLFile(path, limit, func(b []byte) error {
		var row map[string]any
		if err := json.Unmarshal(b, &row); err != nil {
			return err
		}
		it := satpItem{}
		it.text, _ = row["text"].(string)
		it.deaths = goldInt(row["deaths.total_fatalities"])
		it.injuries = goldInt(row["injuries.total_injuries"])
		it.perpetrator = goldString(row["perpetrator.perpetrator"])
		it.state = goldString(row["location_info.state"])
		it.district = goldString(row["location_info.district"])
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("satp: %w", err)
	}
	return items, nil
}

// goldInt reads a coded figure, "3" or 3; nil when absent or "NA".
func goldInt(v any) *int {
	switch x := v.(type) {
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		if err != nil {
			return nil
		}
		return &n
	case float64:
		n := int(x)
		return &n
	}
	return nil
}

// goldString reads a coded name; "" when absent or "NA".
func goldString(v any) string {
	s, _ := v.(string)
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "NA") {
		return ""
	}
	return s
}

// SATP perpetrator classes.
const (
	satpMaoist   = "Maoist"
	satpSecurity = "Security"
	satpUnknown  = "Unknown"
)

// satpPerpetrator maps the perpetrators of a document's first event that
// names any to SATP's classes: a name that says Maoist or Naxal, or any
// armed group, is "Maoist" (in SATP's Maoist-insurgency summaries every
// non-state armed group is a left-wing extremist one); an organisation
// (police, CRPF, security forces) is "Security"; no perpetrator is
// "Unknown". People are not classed. When an event's perpetrators fall in
// both classes, Maoist wins, as the first-named actor usually is the
// insurgent side in these summaries.
func (r *productRun) satpPerpetrator(evs []*dossier.Event) string {
	for _, ev := range evs {
		class := ""
		for _, id := range ev.Perpetrators {
			e := r.ents[id]
			if e == nil {
				continue
			}
			n := strings.ToLower(e.Name)
			switch {
			case strings.Contains(n, "maoist") || strings.Contains(n, "naxal") || e.Type == dossier.Group:
				class = satpMaoist
			case e.Type == dossier.Organization && class == "":
				class = satpSecurity
			}
		}
		if class == "" {
			// A perpetrator the text describes without a name: state
			// forces are Security, armed men the insurgents.
			for _, d := range ev.PerpetratorDescriptions {
				if stateForces[d] {
					class = satpSecurity
				} else {
					class = satpMaoist
				}
				break
			}
		}
		if class != "" {
			return class
		}
	}
	return satpUnknown
}

// stateForces are the descriptions extraction gives state perpetrators.
var stateForces = map[string]bool{
	"security forces": true, "security personnel": true, "coalition forces": true, "afghan forces": true,
	"government forces": true, "special task force": true, "district reserve guard": true, "sf personnel": true,
	"police personnel": true, "armed forces": true, "police": true, "policemen": true, "troops": true,
	"soldiers": true, "army": true, "sfs": true, "forces": true, "commandos": true, "jawans": true, "paramilitary": true,
}

// SATPEvents runs the product over the SATP summaries at path and scores
// deaths, injuries, perpetrator, state and district.
func SATPEvents(ctx context.Context, path string, opt EventsOptions) (*EventsReport, error) {
	items, err := readSATP(path, opt.Limit)
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.text
	}
	run, err := runProduct(ctx, opt, "satp", texts)
	if err != nil {
		return nil, err
	}
	rep := &EventsReport{Data: "SATP", Path: path, Items: len(items), Failed: run.failed, Events: run.events, Seconds: run.elapsed.Seconds()}

	// Baselines: the most frequent class of the scored items themselves
	// (an upper bound on what always answering one class can do).
	perpBase := majority(items, func(it satpItem) string { return it.perpetrator })
	stateBase := majority(items, func(it satpItem) string { return it.state })
	distBase := majority(items, func(it satpItem) string { return it.district })

	deathsSum := FieldScore{Field: "deaths (sum of events)", Baseline: "always 0"}
	deathsMax := FieldScore{Field: "deaths (largest event)", Baseline: "always 0"}
	injSum := FieldScore{Field: "injuries (sum of events)", Baseline: "always 0"}
	injMax := FieldScore{Field: "injuries (largest event)", Baseline: "always 0"}
	perp := FieldScore{Field: "perpetrator", Baseline: "always " + perpBase}
	state := FieldScore{Field: "state", Baseline: "always " + stateBase}
	dist := FieldScore{Field: "district", Baseline: "always " + distBase}

	for i, it := range items {
		evs := run.docEvents[i]
		doc := run.docIDs[i]
		ans := run.answer(i, evs)
		if it.deaths != nil {
			s, m, ok := figures(evs, doc, killed)
			deathsSum.addNum(*it.deaths, s, ok, 0)
			deathsMax.addNum(*it.deaths, m, ok, 0)
			ans.Gold["deaths"], ans.Got["deaths"] = strconv.Itoa(*it.deaths), strconv.Itoa(s)
		}
		if it.injuries != nil {
			s, m, ok := figures(evs, doc, injured)
			injSum.addNum(*it.injuries, s, ok, 0)
			injMax.addNum(*it.injuries, m, ok, 0)
			ans.Gold["injuries"], ans.Got["injuries"] = strconv.Itoa(*it.injuries), strconv.Itoa(s)
		}
		if it.perpetrator != "" {
			got := run.satpPerpetrator(evs)
			perp.add(it.perpetrator, got, got != satpUnknown, perpBase)
			ans.Gold["perpetrator"], ans.Got["perpetrator"] = it.perpetrator, got
		}
		pl := run.eventPlace(evs)
		if it.state != "" {
			got := ""
			if pl != nil && pl.Place != nil && pl.Place.Country == "IN" {
				got = pl.Place.Admin1
			}
			state.addMatch(got != "" && sameName(it.state, got), got != "", sameName(it.state, stateBase))
			ans.Gold["state"], ans.Got["state"] = it.state, got
		}
		if it.district != "" {
			got := ""
			if pl != nil {
				got = pl.Name
			}
			dist.addMatch(got != "" && sameName(it.district, got), got != "", sameName(it.district, distBase))
			ans.Gold["district"], ans.Got["district"] = it.district, got
		}
		if opt.Answers {
			rep.Answers = append(rep.Answers, ans)
		}
	}
	rep.Fields = []FieldScore{deathsSum, deathsMax, injSum, injMax, perp, state, dist}
	for i := range rep.Fields {
		rep.Fields[i].finish()
	}
	rep.Notes = []string{
		"deaths, injuries: the document's lower bound (Min) on each event it reports; 'sum' adds them over the document's events, 'largest' takes the largest; no event with the figure counts as 0 (unanswered).",
		"perpetrator: the perpetrators of the document's first event (text order) that names any: a Maoist/Naxal name or any armed group -> Maoist, an organisation -> Security; else one described without a name: state forces (police, security forces, troops, ...) -> Security, armed men (cadres, gunmen, militants, ...) -> Maoist; none -> Unknown (unanswered).",
		"state: Admin1 of the gazetteer place of the document's first event with a place (India only); district: that place's name, whether or not the gazetteer placed it. Names match after folding case, diacritics and the words district/province/state, word by word: equal, same transliteration skeleton, or differing in vowels only.",
		"baselines: the most frequent gold value of the scored items, given to every item.",
	}
	return rep, nil
}

func majority[T any](items []T, value func(T) string) string {
	n := map[string]int{}
	best := ""
	for _, it := range items {
		v := value(it)
		if v == "" {
			continue
		}
		n[v]++
		if n[v] > n[best] || n[v] == n[best] && v < best {
			best = v
		}
	}
	return best
}

// fillerWords are dropped before names are compared: they say what kind
// of division a name is, not which.
var fillerWords = map[string]bool{"district": true, "distt": true, "province": true, "state": true, "the": true, "of": true}

// sameName reports whether a gold place name and the product's name name
// the same place: after folding (case, diacritics, punctuation) and
// dropping filler words, the gold words occur as a run of the product's
// words, spelled the same or with the same transliteration skeleton
// (Paktya/Paktia, Khost/Khowst) or differing in vowels only (Sar-e
// Pul/Sar-e Pol).
func sameName(gold, got string) bool {
	g, w := nameWords(gold), nameWords(got)
	if len(g) == 0 || len(g) > len(w) {
		return false
	}
	for i := 0; i+len(g) <= len(w); i++ {
		ok := true
		for j := range g {
			if !sameWord(g[j], w[i+j]) {
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

// sameWord compares two folded words: equal, or with the same consonant
// skeleton (which needs three consonants, so West and East stay apart), or
// differing only in vowels (Pul/Pol).
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	if sa := geonames.Skeleton(a); sa != "" && sa == geonames.Skeleton(b) {
		return true
	}
	va := strings.Map(dropVowel, a)
	return va != "" && va == strings.Map(dropVowel, b)
}

func dropVowel(r rune) rune {
	switch r {
	case 'a', 'e', 'i', 'o', 'u':
		return -1
	}
	return r
}

func nameWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(geonames.Fold(s)) {
		if !fillerWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// ---- ISAF

type isafItem struct {
	text                   string
	date                   string
	provinces, groups      []string
	minKilled, minCaptured *int
}

func readISAF(path string, limit int) ([]isafItem, error) {
	var items []isafItem
	err := readJSONLFile(path, limit, func(b []byte) error {
		var row struct {
			Text  string `json:"text"`
			Label struct {
				StartDate   string   `json:"start_date"`
				Province    []string `json:"province"`
				TargetGroup []string `json:"target_group"`
				MinKilled   *int     `json:"min_killed"`
				MinCaptured *int     `json:"min_captured"`
			} `json:"label"`
		}
		if err := json.Unmarshal(b, &row); err != nil {
			return err
		}
		items = append(items, isafItem{
			text:        row.Text,
			date:        strings.TrimSpace(row.Label.StartDate),
			provinces:   splitCodes(row.Label.Province),
			groups:      splitCodes(row.Label.TargetGroup),
			minKilled:   row.Label.MinKilled,
			minCaptured: row.Label.MinCaptured,
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("isaf: %w", err)
	}
	return items, nil
}

// splitCodes reads ISAF's coded lists (["aq;taliban"]) into sorted codes.
func splitCodes(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, c := range strings.Split(v, ";") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
				out = append(out, c)
			}
		}
	}
	sort.Strings(out)
	return uniqStrings(out)
}

// isafGroups are ISAF's target-group codes and the name words that give
// them: the comparison needs a mapping from names to codes, which this
// table is (written by hand from the groups' usual names, not from the
// gold items).
var isafGroups = []struct {
	code  string
	names []string
}{
	{"haqqani", []string{"haqqani"}},
	{"imu", []string{"islamic movement of uzbekistan", "imu"}},
	{"hig", []string{"hezb e islami", "hizb i islami", "hezb i islami", "hizb e islami", "hig", "gulbuddin"}},
	{"aq", []string{"al qaeda", "al qaida", "al qa ida", "al qa eda", "aq"}},
	{"let", []string{"lashkar e taiba", "lashkar e tayyiba", "lashkar e toiba", "let"}},
	{"taliban", []string{"taliban"}},
}

// isafGroupCode maps an armed group to an ISAF code by its name, then its
// aliases; a group none of the codes names is "other".
func isafGroupCode(e *dossier.Entity) string {
	names := append([]string{e.Name}, e.Aliases...)
	for _, n := range names {
		f := " " + geonames.Fold(n) + " "
		for _, g := range isafGroups {
			for _, w := range g.names {
				if strings.Contains(f, " "+w+" ") {
					return g.code
				}
			}
		}
	}
	return "other"
}

// isafTargetGroups returns the codes of the armed groups (and of the
// organisations named like one) among the perpetrators and targets of
// every event of the document: in ISAF
// releases the coalition acts and the insurgent group is the one acted on,
// whichever role extraction gave it.
func (r *productRun) isafTargetGroups(evs []*dossier.Event) []string {
	var out []string
	for _, ev := range evs {
		for _, id := range append(append([]string(nil), ev.Perpetrators...), ev.Targets...) {
			e := r.ents[id]
			if e == nil || e.Type != dossier.Group && e.Type != dossier.Organization {
				continue
			}
			// An organisation counts only when its name is one of the
			// groups (the recogniser may type "Haqqani" either way); an
			// unknown armed group counts as "other".
			if code := isafGroupCode(e); code != "other" || e.Type == dossier.Group {
				out = append(out, code)
			}
		}
	}
	sort.Strings(out)
	return uniqStrings(out)
}

// eventDate returns the date of the document's first event dated to the
// day, else "".
func eventDate(evs []*dossier.Event) string {
	for _, ev := range evs {
		if len(ev.Date) == 10 {
			return ev.Date
		}
	}
	return ""
}

// ISAFEvents runs the product over the ISAF press releases at path and
// scores start date, province, target group, minimum killed and captured.
func ISAFEvents(ctx context.Context, path string, opt EventsOptions) (*EventsReport, error) {
	items, err := readISAF(path, opt.Limit)
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.text
	}
	run, err := runProduct(ctx, opt, "isaf", texts)
	if err != nil {
		return nil, err
	}
	rep := &EventsReport{Data: "ISAF", Path: path, Items: len(items), Failed: run.failed, Events: run.events, Seconds: run.elapsed.Seconds()}

	provBase := majority(items, func(it isafItem) string { return strings.Join(it.provinces, ";") })
	groupBase := majority(items, func(it isafItem) string { return strings.Join(it.groups, ";") })
	killBase := majorityInt(items, func(it isafItem) *int { return it.minKilled })
	captBase := majorityInt(items, func(it isafItem) *int { return it.minCaptured })

	date := FieldScore{Field: "start date", Baseline: "none"}
	prov := FieldScore{Field: "province", Baseline: "always " + provBase}
	group := FieldScore{Field: "target group", Baseline: "always " + groupBase}
	killSum := FieldScore{Field: "min killed (sum of events)", Baseline: "always " + strconv.Itoa(killBase)}
	killMax := FieldScore{Field: "min killed (largest event)", Baseline: "always " + strconv.Itoa(killBase)}
	captSum := FieldScore{Field: "min captured (sum of events)", Baseline: "always " + strconv.Itoa(captBase)}
	captMax := FieldScore{Field: "min captured (largest event)", Baseline: "always " + strconv.Itoa(captBase)}

	for i, it := range items {
		evs := run.docEvents[i]
		doc := run.docIDs[i]
		ans := run.answer(i, evs)
		if it.date != "" {
			got := eventDate(evs)
			date.add(it.date, got, got != "", "")
			ans.Gold["date"], ans.Got["date"] = it.date, got
		}
		if len(it.provinces) > 0 {
			got := ""
			if pl := run.eventPlace(evs); pl != nil && pl.Place != nil && pl.Place.Country == "AF" {
				got = pl.Place.Admin1
			}
			ok, baseOK := false, false
			for _, p := range it.provinces {
				ok = ok || got != "" && sameName(p, got)
				baseOK = baseOK || p == provBase
			}
			prov.addMatch(ok, got != "", baseOK)
			ans.Gold["province"], ans.Got["province"] = strings.Join(it.provinces, ";"), got
		}
		// Every item has a target group; "" (none named) is a value.
		got := strings.Join(run.isafTargetGroups(evs), ";")
		gold := strings.Join(it.groups, ";")
		group.add(gold, got, got != "", groupBase)
		ans.Gold["target group"], ans.Got["target group"] = gold, got
		if it.minKilled != nil {
			s, m, ok := figures(evs, doc, killed)
			killSum.addNum(*it.minKilled, s, ok, killBase)
			killMax.addNum(*it.minKilled, m, ok, killBase)
			ans.Gold["min killed"], ans.Got["min killed"] = strconv.Itoa(*it.minKilled), strconv.Itoa(s)
		}
		if it.minCaptured != nil {
			s, m, ok := figures(evs, doc, arrested)
			captSum.addNum(*it.minCaptured, s, ok, captBase)
			captMax.addNum(*it.minCaptured, m, ok, captBase)
			ans.Gold["min captured"], ans.Got["min captured"] = strconv.Itoa(*it.minCaptured), strconv.Itoa(s)
		}
		if opt.Answers {
			rep.Answers = append(rep.Answers, ans)
		}
	}
	rep.Fields = []FieldScore{date, prov, group, killSum, killMax, captSum, captMax}
	for i := range rep.Fields {
		rep.Fields[i].finish()
	}
	rep.Fields[0].Baseline = "" // no cheap honest baseline for a date
	rep.Notes = []string{
		"start date: the date of the document's first event (text order) dated to the day; the releases are ingested as text only, so a date needs a year the text itself gives.",
		"province: Admin1 of the gazetteer place of the document's first event with a place (Afghanistan only), matched as for SATP states (Paktya/Paktia, Khost/Khowst).",
		"target group: the armed groups (and organisations named like one) among the perpetrators and targets of all the document's events, mapped to ISAF codes by name (Taliban, Haqqani, IMU, HIG, AQ, LeT; any other armed group is 'other'); the set must equal the gold set, none = none.",
		"min killed / captured: killed / arrested figures, lower bound, summed over the document's events or the largest; none counts as 0 (unanswered).",
		"baselines: the most frequent gold value of the scored items, given to every item.",
	}
	return rep, nil
}

func majorityInt[T any](items []T, value func(T) *int) int {
	n := map[int]int{}
	best, bestN := 0, 0
	for _, it := range items {
		v := value(it)
		if v == nil {
			continue
		}
		n[*v]++
		if n[*v] > bestN || n[*v] == bestN && *v < best {
			best, bestN = *v, n[*v]
		}
	}
	return best
}

// WriteEventsTable prints the reports as text tables, one per gold set,
// with the rules each field is read by.
func WriteEventsTable(w io.Writer, reps []*EventsReport) error {
	bw := bufio.NewWriter(w)
	for i, r := range reps {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s %s: %d items, %d events stored, %d failed, %.1fs ingest+resolve (%.0f items/s)\n",
			r.Data, r.Path, r.Items, r.Events, r.Failed, r.Seconds, float64(r.Items)/math.Max(r.Seconds, 1e-9))
		writeArgumentTable(bw, r.Arguments)
		if len(r.Fields) > 0 {
			fmt.Fprintf(bw, "  %-30s %5s %8s %8s %6s   %-22s %8s %6s\n", "field", "n", "answered", "accuracy", "MAE", "baseline", "accuracy", "MAE")
		}
		for _, f := range r.Fields {
			mae, bmae := "", ""
			if f.MAE != nil {
				mae = fmt.Sprintf("%.3f", *f.MAE)
			}
			if f.BaselineMAE != nil {
				bmae = fmt.Sprintf("%.3f", *f.BaselineMAE)
			}
			base, bacc := f.Baseline, ""
			if base == "" {
				base = "-"
			} else {
				bacc = fmt.Sprintf("%.3f", f.BaselineAccuracy)
			}
			fmt.Fprintf(bw, "  %-30s %5d %7.1f%% %8.3f %6s   %-22s %8s %6s\n",
				f.Field, f.N, 100*f.Coverage, f.Accuracy, mae, trunc(base, 22), bacc, bmae)
		}
		for _, n := range r.Notes {
			fmt.Fprintf(bw, "  * %s\n", n)
		}
	}
	return bw.Flush()
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
