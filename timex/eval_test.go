package timex

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/dossier-osint/dossier"
)

// dataDir is the shared development data, relative to this package.
const dataDir = "../../shared/data"

// refNumber is an ISAF release number ("2010-09-CA-005"): it gives the
// release's year and month when the dateline ("(Sept. 12)") has no year.
var refNumber = regexp.MustCompile(`\b((?:19|20)\d\d-[01]\d)-[A-Z]+[-–]\d+`)

// releaseDate finds the date an ISAF press release was issued, from its
// own text: the first full date written out ("(July 31, 2011)"), else the
// first day and month ("(Sept. 12)") with the year and month of the
// release number. It returns the date and the end of its expression, or
// "" when the text does not say.
func releaseDate(rs []rune, text string) (string, int) {
	all := dossier.Span{Start: 0, End: len(rs)}
	for _, e := range Find(rs, all, "") {
		if e.Precision == Day && e.Resolved && !e.Relative {
			return e.Value, e.End
		}
	}
	m := refNumber.FindStringSubmatch(text)
	if m == nil {
		return "", 0
	}
	for _, e := range Find(rs, all, m[1]) {
		if e.Precision == Day && e.Resolved && e.Value != "" {
			return e.Value, e.End
		}
	}
	return "", 0
}

// TestISAFStartDate scores the event date of ISAF press releases against
// label.start_date. The anchor is the release's own date when the text
// gives it (else the document counts as unresolved and wrong); the event
// date is the first day-precision expression after the dateline resolved
// against that anchor ("yesterday", "Saturday", "Oct. 4", "today"), else
// the release date itself.
func TestISAFStartDate(t *testing.T) {
	path := filepath.Join(dataDir, "isaf", "dev.jsonl")
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
	n, exact, sameMonth, noAnchor := 0, 0, 0, 0
	for sc.Scan() {
		var row struct {
			Text  string `json:"text"`
			Label struct {
				StartDate string `json:"start_date"`
			} `json:"label"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if row.Label.StartDate == "" {
			continue
		}
		n++
		rs := []rune(row.Text)
		anchor, after := releaseDate(rs, row.Text)
		if anchor == "" {
			if os.Getenv("ISAFDBG") == "2" {
				t.Logf("NOANCHOR gold=%s | %.250q", row.Label.StartDate, row.Text)
			}
			noAnchor++
			continue
		}
		pred := anchor
		for _, e := range Find(rs, dossier.Span{Start: after, End: len(rs)}, anchor) {
			if e.Precision == Day && e.Resolved && e.Value != "" && e.Value <= anchor {
				pred = e.Value
				break
			}
		}
		if os.Getenv("ISAFDBG") != "" && pred != row.Label.StartDate {
			t.Logf("gold=%s anchor=%s pred=%s | %.300q", row.Label.StartDate, anchor, pred, row.Text)
		}
		if pred == row.Label.StartDate {
			exact++
		}
		if pred[:7] == row.Label.StartDate[:7] {
			sameMonth++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	acc := float64(exact) / float64(n)
	t.Logf("ISAF dev start_date: n=%d exact=%.3f same-month=%.3f no-anchor=%d", n, acc,
		float64(sameMonth)/float64(n), noAnchor)
	if acc < isafDateFloor {
		t.Errorf("ISAF start-date accuracy %.3f below floor %.2f", acc, isafDateFloor)
	}
}

const isafDateFloor = 0.55
