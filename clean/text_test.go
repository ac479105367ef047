package clean

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-osint/dossier"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// corpusDir holds the sample articles shared by every package's tests.
const corpusDir = "../../shared/corpus/isk"

type corpusFile struct {
	name string // file name without extension
	raw  []byte
}

// corpus reads the sample articles, skipping the test when they are absent.
func corpus(t testing.TB) []corpusFile {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(paths) == 0 {
		t.Skipf("no corpus at %s", corpusDir)
	}
	var files []corpusFile
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, corpusFile{strings.TrimSuffix(filepath.Base(p), ".txt"), raw})
	}
	return files
}

func cleanCorpus(t *testing.T) map[string]Result {
	t.Helper()
	out := map[string]Result{}
	for _, f := range corpus(t) {
		res, err := Text(f.raw)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		out[f.name] = res
	}
	return out
}

// checkSegments asserts the exact-segment contract: Text[Start:End] in code
// points is a copy of Raw[RawStart:RawEnd], segments are in order, and
// everything outside them is paragraph breaks written by the cleaner.
func checkSegments(t testing.TB, raw []byte, res Result) {
	t.Helper()
	text := []rune(res.Text)
	pos, rawPos := 0, 0
	for i, s := range res.Segments {
		if !s.Exact {
			t.Fatalf("segment %d not exact", i)
		}
		if s.Start < pos || s.End < s.Start || s.End > len(text) {
			t.Fatalf("segment %d [%d,%d) out of order or range (text %d runes)", i, s.Start, s.End, len(text))
		}
		if s.RawStart < rawPos || s.RawEnd < s.RawStart || s.RawEnd > len(raw) {
			t.Fatalf("segment %d raw [%d,%d) out of order or range (raw %d bytes)", i, s.RawStart, s.RawEnd, len(raw))
		}
		if got, want := string(text[s.Start:s.End]), string(raw[s.RawStart:s.RawEnd]); got != want {
			t.Fatalf("segment %d: text %q != raw %q", i, got, want)
		}
		if gap := string(text[pos:s.Start]); strings.Trim(gap, "\n") != "" {
			t.Fatalf("segment %d: text %q before it is not a paragraph break", i, gap)
		}
		pos, rawPos = s.End, s.RawEnd
	}
	if pos != len(text) {
		t.Fatalf("text after the last segment: %q", string(text[pos:]))
	}
}

func TestTextSegments(t *testing.T) {
	for _, f := range corpus(t) {
		t.Run(f.name, func(t *testing.T) {
			res, err := Text(f.raw)
			if err != nil {
				t.Fatal(err)
			}
			checkSegments(t, f.raw, res)
			last := 0
			for _, r := range res.Removed {
				if r.RawStart < last || r.RawEnd <= r.RawStart || r.RawEnd > len(f.raw) || r.Reason == "" {
					t.Errorf("bad removal %+v", r)
				}
				last = r.RawEnd
			}
		})
	}
}

// golden renders what the cleaner made of a document for review.
func golden(raw []byte, res Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", res.Title)
	fmt.Fprintf(&b, "authors: %s\n", strings.Join(res.Authors, "; "))
	fmt.Fprintf(&b, "published: %s\n", res.Published)
	fmt.Fprintf(&b, "outlet: %s\n", res.Outlet)
	fmt.Fprintf(&b, "url: %s\n", res.URL)
	for _, r := range res.Removed {
		s := strings.ReplaceAll(string(raw[r.RawStart:r.RawEnd]), "\n", `\n`)
		if utf8.RuneCountInString(s) > 70 {
			s = string([]rune(s)[:70]) + "..."
		}
		fmt.Fprintf(&b, "removed: %s [%d:%d] %s\n", r.Reason, r.RawStart, r.RawEnd, s)
	}
	b.WriteString("--- text\n")
	b.WriteString(res.Text)
	b.WriteString("\n")
	return b.String()
}

func TestTextGolden(t *testing.T) {
	for _, f := range corpus(t) {
		t.Run(f.name, func(t *testing.T) {
			res, err := Text(f.raw)
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", f.name+".golden"), golden(f.raw, res))
		})
	}
}

// compareGolden compares got with the golden file, rewriting it under
// -update, and shows a line diff on mismatch.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (-want +got; go test -update to accept):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff is a minimal longest-common-subsequence diff, enough for golden
// files of a few hundred lines.
func lineDiff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&out, "+ %s\n", y[j])
			j++
		default:
			fmt.Fprintf(&out, "- %s\n", x[i])
			i++
		}
	}
	return out.String()
}

// Boilerplate seen in the corpus that must be gone from every cleaned text.
var boilerplate = []string{
	// The authors' notes under the article (rule author-bio).
	"is a permanent contributor at Political Violence At A Glance",
	"Select and enter your email address",
	"Leave a Reply",
	"please wait",
	"Click below links for year wise archive",
	"No media source currently available",
	"Administration / Office",
	"Content from our partners",
	"Visit our privacy Policy",
	"Your email address will not be published",
	"You May Also Like",
	"0:00 0:04:51 0:00",
	"WATCH:",
	"[See also:",
	"Topics in this article",
	"Accessibility links",
	"Other GP Short Notes",
	"2022 | 2021",
	"New Thinking.",
}

func TestTextDropsBoilerplate(t *testing.T) {
	for name, res := range cleanCorpus(t) {
		for _, s := range boilerplate {
			if strings.Contains(res.Text, s) {
				t.Errorf("%s: cleaned text still contains %q", name, s)
			}
		}
	}
}

func TestTextKeepsArticle(t *testing.T) {
	keep := map[string][]string{
		"000_f1a192c498874f63": {
			"The terrorist group behind the Kabul airport attack has long-standing differences with the Taliban.",
			"At time of writing, 72 Afghans are now known to have died along with 13 American soldiers.",
			"This “franchise” model has also been used by jihadist groups such as al-Qaeda to expand their sphere of operations",
			"The antecedents of IS-K are long and murky",
			"What is IS-K?",
			"It has already demonstrated a dramatic uptick in attacks this year compared to the previous one, but this is likely to be the extent of its place in Afghanistan’s political landscape for the immediate future.",
		},
		"001_26111ca3d771ce9a": {
			"How the Islamic State affiliate’s recent attacks complicate an already precarious counterterrorism situation in Afghanistan.",
			"This was evident in the August 26 suicide bombing at the Kabul airport, which killed more than 170 civilians and 13 U.S. soldiers.",
			"Who is IS-K? What are its aims and tactics?",
			"U.S. policymakers confront a complicated terrorism landscape in Afghanistan with some tough choices and tradeoffs ahead.",
		},
		"002_7fa13ccf27e510b7": {
			"By Navin Bapat and guest contributor Rebecca Best",
			"The attack resulted in more than 100 deaths, including thirteen American soldiers.",
			"Note: This analysis was completed on the morning of August 28, 2021",
			"Any US retaliation is therefore inadvertently doing their bidding.",
		},
		"003_618d63572b793ba9": {
			"IS-K was at one point believed to include up to 3,000 members, according to U.S. officials.",
			"Islamic State-Khorasan (IS-K), the Islamic State offshoot that claimed responsibility for the August 26 suicide attack outside Kabul airport",
			"Taliban spokesman Zabihullah Mujahid (file photo)",
			"One Of The World's Deadliest Groups",
			"A former CIA director and defense secretary under the Obama administration, Leon Panetta, warned that Biden's pledge suggested that \"we're going to have to go back in [to Afghanistan] to get [IS].\"",
			"RFE/RL Radio Azadi correspondent Ajmal Aand contributed to this story",
		},
		"004_978796990d1b1ff1": {
			"GP Short Notes # 851, 28 March 2024",
			"Alka Bala",
			"Base in Afghanistan",
			"On 22 March, the Islamic State of Iraq and Syria in a statement claimed responsibility",
			"Between 2017-2018, IS-K launched 84 attacks in Afghanistan and 11 in Pakistan, killing 819 and 338 civilians, respectively.",
			"It also targeted Russia by bombing the Russian embassy in Kabul in September 2022 and in 2024, by directly attacking civilians at the concert in Moscow.",
		},
	}
	got := cleanCorpus(t)
	for name, sentences := range keep {
		res, ok := got[name]
		if !ok {
			t.Errorf("%s: not in the corpus", name)
			continue
		}
		for _, s := range sentences {
			if !strings.Contains(res.Text, s) {
				t.Errorf("%s: cleaned text lost %q", name, s)
			}
		}
	}
	// Duplicated captions are kept once.
	if n := strings.Count(got["003_618d63572b793ba9"].Text, "Taliban spokesman Zabihullah Mujahid (file photo)"); n != 1 {
		t.Errorf("003: caption kept %d times, want 1", n)
	}
}

func TestTextMetadata(t *testing.T) {
	tests := []struct {
		name      string
		title     string
		authors   []string
		published string
		outlet    string
	}{
		{"000_f1a192c498874f63", "Who are IS-K and what do they want?", []string{"Shiraz Maher"}, "2021-08-27", ""},
		{"001_26111ca3d771ce9a", "What Does IS-K’s Resurgence Mean for Afghanistan and Beyond?", nil, "", ""},
		{"002_7fa13ccf27e510b7", "The Revolt of Islamic State-Khorasan", []string{"Navin Bapat", "Rebecca Best"}, "2021-08-28", "Political Violence At A Glance"}, // "This analysis was completed on the morning of August 28, 2021"
		{"003_618d63572b793ba9", "Explainer: Who Are Islamic State-Khorasan And What Are They After?", nil, "", "RFE/RL Radio Azadi"},
		{"004_978796990d1b1ff1", "Islamic State Khorasan (IS-K): A profile", []string{"Alka Bala"}, "2024-03-28", ""},
	}
	got := cleanCorpus(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := got[tt.name]
			if res.Title != tt.title {
				t.Errorf("title %q, want %q", res.Title, tt.title)
			}
			if !slices.Equal(res.Authors, tt.authors) {
				t.Errorf("authors %q, want %q", res.Authors, tt.authors)
			}
			if res.Published != tt.published {
				t.Errorf("published %q, want %q", res.Published, tt.published)
			}
			if res.Outlet != tt.outlet {
				t.Errorf("outlet %q, want %q", res.Outlet, tt.outlet)
			}
		})
	}
}

// Short documents that exercise one rule each.
func TestTextRules(t *testing.T) {
	article := "The group claimed the attack in a statement on Telegram, officials said on Friday."
	tests := []struct {
		name      string
		raw       string
		text      string // exact cleaned text
		reasons   []string
		published string
		authors   []string
		title     string
	}{
		{
			name:    "the authors' note under the article goes, their words in it stay",
			raw:     "By Jane Roe\n\n" + article + " Jane Roe said the group is active.\n\nJane Roe is a professor of political science at the University of Somewhere.",
			text:    "By Jane Roe\n\n" + article + " Jane Roe said the group is active.",
			reasons: []string{"author-bio"},
			authors: []string{"Jane Roe"},
		},
		{
			name: "crlf and bom",
			raw:  "\ufeffFirst line of the article here.\r\n\r\nSecond line.\r\n",
			text: "First line of the article here.\n\nSecond line.",
		},
		{
			name: "lone carriage returns",
			raw:  "One paragraph.\rAnother paragraph.",
			text: "One paragraph.\n\nAnother paragraph.",
		},
		{
			name: "hard-wrapped paragraph",
			raw: "The attack resulted in more than one hundred deaths, including\n" +
				"thirteen American soldiers. The Taliban quickly condemned the\n" +
				"attack.\n\nNext paragraph.",
			text: "The attack resulted in more than one hundred deaths, including\n" +
				"thirteen American soldiers. The Taliban quickly condemned the\n" +
				"attack.\n\nNext paragraph.",
		},
		{
			name:    "sentence mentioning a newsletter stays",
			raw:     "The group's weekly newsletter al-Naba urged supporters to sign up as fighters.\n\nLeave a comment",
			text:    "The group's weekly newsletter al-Naba urged supporters to sign up as fighters.",
			reasons: []string{"comment-form"},
		},
		{
			name:      "date in a sentence is not the date",
			raw:       "Islamic State claims attack\n\nOn 22 March 2024, gunmen attacked a concert hall near Moscow, killing scores of people.",
			text:      "Islamic State claims attack\n\nOn 22 March 2024, gunmen attacked a concert hall near Moscow, killing scores of people.",
			title:     "Islamic State claims attack",
			published: "",
		},
		{
			name:      "american date line and byline with place",
			raw:       "Menu\nTaliban retake the city of Kunduz\nBy Jane Doe in Kabul\nAugust 28, 2021 10:30 GMT\n\n" + article,
			text:      "Taliban retake the city of Kunduz\n\nBy Jane Doe in Kabul\n\nAugust 28, 2021 10:30 GMT\n\n" + article,
			reasons:   []string{"chrome"},
			published: "2021-08-28",
			authors:   []string{"Jane Doe"},
			title:     "Taliban retake the city of Kunduz",
		},
		{
			name:    "by-line that is a sentence",
			raw:     "By 2016, the number of fighters was estimated to be between 3000 and 4000.",
			text:    "By 2016, the number of fighters was estimated to be between 3000 and 4000.",
			authors: nil,
		},
		{
			name:    "timestamps and player",
			raw:     article + "\n\nA short video title\nplease wait\n\n0:00 0:01:30 0:00\n\n" + article,
			text:    article,
			reasons: []string{"video-player", "duplicate"},
		},
		{
			name:    "duplicate caption",
			raw:     article + "\n\nA caption under a photo.\nA caption under a photo.\n\nMore text follows here.",
			text:    article + "\n\nA caption under a photo.\n\nMore text follows here.",
			reasons: []string{"duplicate"},
		},
		{
			name:    "copyright line names the outlet",
			raw:     article + "\n\n© 2021 The Example Gazette. All rights reserved.",
			text:    article,
			reasons: []string{"copyright"},
		},
		{
			name:    "short list inside an article stays",
			raw:     "The provinces were:\n• Kunar\n• Nangarhar\n• Jowzjan\n\n" + article,
			text:    "The provinces were:\n\n• Kunar\n\n• Nangarhar\n\n• Jowzjan\n\n" + article,
			reasons: nil,
		},
		{
			name:    "menu run",
			raw:     "Home\nWorld\nAsia\nAfrica\nEurope\nBusiness\nSport\nCulture\nScience\nHealth\nTravel\n\n" + article,
			text:    article,
			reasons: []string{"chrome", "link-list"},
		},
		{
			name:    "announced list stays",
			raw:     "The group is also known as:\n" + strings.Repeat("• Islamic State Khorasan Province\n", 2) + "• ISKP\n• ISIS-K\n• IS-KP\n• Daesh Khorasan\n• ISIL-K\n• Wilayat Khorasan\n• IS Khorasan\n• ISK\n• Khorasan Province\n\n" + article,
			text:    "The group is also known as:\n\n• Islamic State Khorasan Province\n\n• ISKP\n\n• ISIS-K\n\n• IS-KP\n\n• Daesh Khorasan\n\n• ISIL-K\n\n• Wilayat Khorasan\n\n• IS Khorasan\n\n• ISK\n\n• Khorasan Province\n\n" + article,
			reasons: []string{"duplicate"},
		},
		{
			name:    "table rows stay",
			raw:     "Province | Killed | Injured\nKabul | 12 | 30\nKunar | 4 | 9\n\n" + article,
			text:    "Province | Killed | Injured\n\nKabul | 12 | 30\n\nKunar | 4 | 9\n\n" + article,
			reasons: nil,
		},
		{
			name: "sentences that sound like boilerplate stay",
			raw: "Join the caliphate, the group's newsletter al-Naba told its readers in a weekly editorial.\n\n" +
				"By continuing to use violence against civilians, the group lost support among tribal elders.\n\n" +
				"Watch towers along the border were abandoned by the army in August.",
			text: "Join the caliphate, the group's newsletter al-Naba told its readers in a weekly editorial.\n\n" +
				"By continuing to use violence against civilians, the group lost support among tribal elders.\n\n" +
				"Watch towers along the border were abandoned by the army in August.",
		},
		{
			name:    "newsletter box",
			raw:     article + "\n\nSign up for our daily briefing\nEnter your email address to get the briefing in your inbox.\n\n" + article + " Again.",
			text:    article + "\n\n" + article + " Again.",
			reasons: []string{"newsletter"},
		},
		{
			name:    "breadcrumb row",
			raw:     "News › World › Asia\n\n" + article,
			text:    article,
			reasons: []string{"link-row"},
		},
		{
			name:    "only boilerplate left is kept when no prose",
			raw:     "Kabul airport",
			text:    "Kabul airport",
			reasons: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Text([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			checkSegments(t, []byte(tt.raw), res)
			if res.Text != tt.text {
				t.Errorf("text\n%q\nwant\n%q", res.Text, tt.text)
			}
			var reasons []string
			for _, r := range res.Removed {
				reasons = append(reasons, r.Reason)
			}
			if !slices.Equal(reasons, tt.reasons) {
				t.Errorf("removed %q, want %q", reasons, tt.reasons)
			}
			if res.Published != tt.published {
				t.Errorf("published %q, want %q", res.Published, tt.published)
			}
			if !slices.Equal(res.Authors, tt.authors) {
				t.Errorf("authors %q, want %q", res.Authors, tt.authors)
			}
			if res.Title != tt.title {
				t.Errorf("title %q, want %q", res.Title, tt.title)
			}
		})
	}
}

func TestTextOutletFromCopyright(t *testing.T) {
	res, err := Text([]byte("The group claimed the attack in a statement on Telegram, officials said.\n\nCopyright © 2021 The Example Gazette"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Outlet != "The Example Gazette" {
		t.Errorf("outlet %q", res.Outlet)
	}
}

func TestMarkdown(t *testing.T) {
	raw := "---\ntitle: Front Matter Title\nauthor: Jane Doe, John Roe\ndate: 2021-08-27\n---\n\n# Heading One #\n\nSome **bold** text with a [link](http://example.com).\n\n## Sub heading\n\nMore text.\n"
	doc := &dossier.Document{Format: "md", Raw: []byte(raw)}
	if err := Document(doc); err != nil {
		t.Fatal(err)
	}
	want := "Heading One\n\nSome **bold** text with a [link](http://example.com).\n\nSub heading\n\nMore text."
	if doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
	if doc.Title != "Front Matter Title" || doc.Published != "2021-08-27" || !slices.Equal(doc.Authors, []string{"Jane Doe", "John Roe"}) {
		t.Errorf("metadata %q %q %q", doc.Title, doc.Published, doc.Authors)
	}
	res, err := cleanText([]byte(raw), true)
	if err != nil {
		t.Fatal(err)
	}
	checkSegments(t, []byte(raw), res)

	res, err = cleanText([]byte("---\n\nA paragraph between two thematic breaks, not a front matter.\n\n---\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "A paragraph between two thematic breaks, not a front matter." {
		t.Errorf("thematic breaks: text %q", res.Text)
	}

	res, err = cleanText([]byte("# C#\n\nThe language is named C# and it is used by many programmers."), true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "C#" {
		t.Errorf("title %q, want C#", res.Title)
	}
}

func TestBadText(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want string // message prefix
	}{
		{"empty", nil, "empty document"},
		{"whitespace only", []byte(" \n\t\r\n  \n"), "empty document"},
		{"bom only", []byte("\ufeff\n"), "empty document"},
		{"NUL bytes", []byte("some text\x00more"), "binary content (NUL bytes)"},
		{"invalid UTF-8", []byte("caf\xe9 au lait"), "invalid UTF-8 at byte 3"},
		{"control characters", bytes.Repeat([]byte("\x01\x02ab"), 20), "binary content"},
		{"only boilerplate", []byte("Leave a Reply\n\nYou May Also Like\n"), "no main text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range []string{"txt", "md"} {
				err := Document(&dossier.Document{Format: format, Raw: tt.raw})
				var e *dossier.Error
				if !errors.As(err, &e) || e.Code != dossier.EINVALID {
					t.Fatalf("%s: err %v, want an EINVALID *dossier.Error", format, err)
				}
				if !strings.HasPrefix(e.Message, tt.want) {
					t.Errorf("%s: message %q, want %q...", format, e.Message, tt.want)
				}
			}
		})
	}
}

func TestDocumentCallerMetadataWins(t *testing.T) {
	for _, f := range corpus(t)[:1] {
		doc := &dossier.Document{Format: "txt", Raw: f.raw, Title: "Given title", Authors: []string{"Given Author"}}
		if err := Document(doc); err != nil {
			t.Fatal(err)
		}
		if doc.Title != "Given title" || !slices.Equal(doc.Authors, []string{"Given Author"}) {
			t.Errorf("caller metadata overwritten: %q %q", doc.Title, doc.Authors)
		}
		if doc.Published != "2021-08-27" {
			t.Errorf("empty field not filled: published %q", doc.Published)
		}
		if doc.Text == "" || len(doc.Segments) == 0 || len(doc.Removed) == 0 {
			t.Errorf("text, segments or removals missing")
		}
	}
	if err := Document(&dossier.Document{Format: "pdf", Raw: []byte("x")}); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("unknown format: %v", err)
	}
}

func BenchmarkText(b *testing.B) {
	files := corpus(b)
	size := 0
	for _, f := range files {
		size += len(f.raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := Text(f.raw); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		line string
		want string // "" for not a date line
	}{
		{"27 August 2021", "2021-08-27"},
		{"August 28, 2021", "2021-08-28"},
		{"Aug. 28, 2021 10:30 GMT", "2021-08-28"},
		{"Friday 27 August 2021", "2021-08-27"},
		{"Published on 3rd March 2024", "2024-03-03"},
		{"GP Short Notes # 851, 28 March 2024", "2024-03-28"},
		{"2021-08-27", "2021-08-27"},
		{"Updated: 2021-08-27 14:05", "2021-08-27"},
		{"August 2021", "2021-08"},
		{"31 February 2021", ""},
		{"The attack of 26 August 2021", ""},
		{"On 22 March 2024, gunmen attacked a concert hall near Moscow.", ""},
		{"Note: This analysis was completed on the morning of August 28, 2021, however the situation is changing.", ""},
		{"May the group survive", ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			l := &line{text: tt.line, words: countWords(tt.line)}
			got, ok := dateLine(l)
			if !ok {
				got = ""
			}
			if got != tt.want {
				t.Errorf("dateLine(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		line string
		want []string // nil for not a by-line
	}{
		{"By Shiraz Maher", []string{"Shiraz Maher"}},
		{"By Navin Bapat and guest contributor Rebecca Best", []string{"Navin Bapat", "Rebecca Best"}},
		{"By Jane Doe in Kabul", []string{"Jane Doe"}},
		{"By Jane Doe, John Roe & Ahmad Shah Massoud", []string{"Jane Doe", "John Roe", "Ahmad Shah Massoud"}},
		{"By Jane Doe | 27 August 2021", []string{"Jane Doe"}},
		{"By Jane Doe, Staff Writer", []string{"Jane Doe"}},
		{"Written by Abdul Sayed al-Muhajir", []string{"Abdul Sayed al-Muhajir"}},
		{"By 2016, the number of IS-K fighters was estimated to be between 3000 to 4000.", nil},
		{"By the end of the year the group had lost its territory.", nil},
		{"By Reuters", nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, _ := parseByline(tt.line)
			if !slices.Equal(got, tt.want) {
				t.Errorf("parseByline(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestOutletName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Political Violence At A Glance, and a professor in Political Science", "Political Violence At A Glance"},
		{"The Example Gazette. All rights reserved.", "The Example Gazette"},
		{"U.S. News and World Report, which", "U.S. News and World Report"},
		{"the university of somewhere", ""},
	}
	for _, tt := range tests {
		if got := outletName(tt.in); got != tt.want {
			t.Errorf("outletName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Press releases wrap their sentences and separate their paragraphs with
// the Unicode line separator: wrapped lines are one paragraph, a doubled
// separator ends it, and offsets still point into the raw bytes.
func TestTextUnicodeLineSeparators(t *testing.T) {
	raw := "Force Detains Insurgents in Khost\n2010-07-CA-065 For Immediate Release\u2028\u2028" +
		"A separate security force killed a\u2028suspected insurgent and detained several others in\u2028Khost province last night.\u2028\u2028" +
		"The combined force targeted a compound.\u2029The force protected the women and children."
	res, err := Text([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n\nA separate security force killed a\nsuspected insurgent and detained several others in\nKhost province last night.\n\n",
		"The combined force targeted a compound.\n\nThe force",
	} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("cleaned text lacks %q:\n%s", want, res.Text)
		}
	}
	if strings.ContainsRune(res.Text, '\u2028') {
		t.Errorf("a line separator is left in the text:\n%q", res.Text)
	}
	checkSegments(t, []byte(raw), res)
}
