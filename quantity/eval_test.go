package quantity

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/dossier-osint/dossier/tokenize"
)

// dataDir is the shared development data, relative to this package.
const dataDir = "../../shared/data"

// docCounts runs Find over every sentence of text.
func docCounts(text string) [][]Count {
	rs := []rune(text)
	var out [][]Count
	for _, sp := range tokenize.Sentences(rs) {
		out = append(out, Find(rs, sp))
	}
	return out
}

// readJSONL calls fn with every line of a JSONL file, skipping the test
// when the file is absent.
func readJSONL(t *testing.T, path string, fn func(line []byte)) {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s absent", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// score accumulates exact-match accuracy and mean absolute error.
type score struct {
	n, exact int
	absErr   float64
}

func (s *score) add(pred, gold int) {
	s.n++
	if pred == gold {
		s.exact++
	}
	d := pred - gold
	if d < 0 {
		d = -d
	}
	s.absErr += float64(d)
}

func (s score) acc() float64 { return float64(s.exact) / float64(s.n) }
func (s score) mae() float64 { return s.absErr / float64(s.n) }

func total(cs [][]Count, meaning string) int {
	m, _, _ := Total(cs, meaning)
	return m
}

// TestSATP scores per-summary totals of deaths and injuries against the
// hand-coded SATP figures (deaths.total_fatalities,
// injuries.total_injuries), using Total's rule. Run with -v to see the
// figures.
func TestSATP(t *testing.T) {
	var deaths, injuries score
	readJSONL(t, filepath.Join(dataDir, "satp", "dev.jsonl"), func(line []byte) {
		var row map[string]any
		if err := json.Unmarshal(line, &row); err != nil {
			t.Fatalf("satp/dev.jsonl: %v", err)
		}
		text, _ := row["text"].(string)
		cs := docCounts(text)
		if g, ok := goldInt(row["deaths.total_fatalities"]); ok {
			deaths.add(total(cs, Killed), g)
		}
		if g, ok := goldInt(row["injuries.total_injuries"]); ok {
			injuries.add(total(cs, Injured), g)
		}
	})
	t.Logf("SATP dev: deaths   n=%d exact=%.3f MAE=%.3f", deaths.n, deaths.acc(), deaths.mae())
	t.Logf("SATP dev: injuries n=%d exact=%.3f MAE=%.3f", injuries.n, injuries.acc(), injuries.mae())
	// floors set below the measured figures so that regressions fail
	if deaths.acc() < satpDeathsFloor || injuries.acc() < satpInjuriesFloor {
		t.Errorf("SATP accuracy below floor: deaths %.3f (floor %.2f), injuries %.3f (floor %.2f)",
			deaths.acc(), satpDeathsFloor, injuries.acc(), satpInjuriesFloor)
	}
}

const (
	satpDeathsFloor   = 0.90
	satpInjuriesFloor = 0.94
)

func goldInt(v any) (int, bool) {
	switch x := v.(type) {
	case string:
		n, err := strconv.Atoi(x)
		return n, err == nil
	case float64:
		return int(x), true
	}
	return 0, false
}

// TestISAFCounts scores per-release totals of killed and captured
// (arrested) against label.min_killed and label.min_captured, using
// Total's rule and the lower bound of the result.
func TestISAFCounts(t *testing.T) {
	var killed, captured score
	readJSONL(t, filepath.Join(dataDir, "isaf", "dev.jsonl"), func(line []byte) {
		var row struct {
			Text  string `json:"text"`
			Label struct {
				MinKilled   *int `json:"min_killed"`
				MinCaptured *int `json:"min_captured"`
			} `json:"label"`
		}
		if err := json.Unmarshal(line, &row); err != nil {
			t.Fatalf("isaf/dev.jsonl: %v", err)
		}
		cs := docCounts(row.Text)
		if row.Label.MinKilled != nil {
			killed.add(total(cs, Killed), *row.Label.MinKilled)
		}
		if row.Label.MinCaptured != nil {
			captured.add(total(cs, Arrested), *row.Label.MinCaptured)
		}
	})
	t.Logf("ISAF dev: min_killed   n=%d exact=%.3f MAE=%.3f", killed.n, killed.acc(), killed.mae())
	t.Logf("ISAF dev: min_captured n=%d exact=%.3f MAE=%.3f", captured.n, captured.acc(), captured.mae())
	if killed.acc() < isafKilledFloor || captured.acc() < isafCapturedFloor {
		t.Errorf("ISAF accuracy below floor: killed %.3f (floor %.2f), captured %.3f (floor %.2f)",
			killed.acc(), isafKilledFloor, captured.acc(), isafCapturedFloor)
	}
}

const (
	isafKilledFloor   = 0.85
	isafCapturedFloor = 0.65
)
