package timex

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/tokenize"
)

// want is the part of an Expr a case checks.
type want struct {
	Text, Value, From, To, Precision, Mod string
	Relative, Resolved                    bool
}

func find(s, anchor string) []want {
	rs := []rune(s)
	var out []want
	for _, e := range Find(rs, dossier.Span{Start: 0, End: len(rs)}, anchor) {
		out = append(out, want{e.Text, e.Value, e.From, e.To, e.Precision, e.Mod, e.Relative, e.Resolved})
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, anchor, in string
		want             []want
	}{
		{"day month year", "2024-03-28", "It happened on 26 August 2021.",
			[]want{{"26 August 2021", "2021-08-26", "", "", Day, "", false, true}}},
		{"month year", "", "In January 2016 the group was designated.",
			[]want{{"January 2016", "2016-01", "", "", Month, "", false, true}}},
		{"since month", "2024-03-28", "the emir who led IS-K since June 2020, was killed",
			[]want{{"since June 2020", "2020-06", "2020-06", "", Month, "since", false, true}}},
		{"between years", "", "The group operated between 2017-2018 in the east.",
			[]want{{"between 2017-2018", "", "2017", "2018", Year, "", false, true}}},
		{"in year", "", "Since its inception in 2014, the group has grown.",
			[]want{{"2014", "2014", "", "", Year, "", false, true}}},
		{"from to", "", "From 2016 to 2020, IS-K's capacity was weakened.",
			[]want{{"From 2016 to 2020", "", "2016", "2020", Year, "", false, true}}},
		{"yesterday", "2021-08-27", "IS-K has claimed responsibility for yesterday's atrocity.",
			[]want{{"yesterday", "2021-08-26", "", "", Day, "", true, true}}},
		{"last month", "2021-09-15", "Last month's bombing outside the Kabul airport.",
			[]want{{"Last month", "2021-08", "", "", Month, "", true, true}}},
		{"last year", "2021-09-15", "Last year, the German government charged four Tajik nationals.",
			[]want{{"Last year", "2020", "", "", Year, "", true, true}}},
		{"weekday", "2021-08-27", "The bombers struck on Thursday.",
			[]want{{"Thursday", "2021-08-26", "", "", Day, "", true, true}}},
		{"weekday with date", "2021-08-27", "On the morning of Thursday 26 August, officials warned.",
			[]want{{"Thursday 26 August", "2021-08-26", "", "", Day, "", true, true}}},
		{"month day", "2021-09-15", "This was evident in the August 26 suicide bombing.",
			[]want{{"August 26", "2021-08-26", "", "", Day, "", true, true}}},
		{"first months and same period", "2021-09-15", "77 attacks in the first four months of 2021, an increase from 21 in the same period last year.",
			[]want{{"the first four months of 2021", "", "2021-01", "2021-04", Month, "", false, true},
				{"the same period last year", "", "2020-01", "2020-04", Month, "", true, true}}},
		{"earlier this year", "2021-09-15", "Earlier this year the group grew.",
			[]want{{"Earlier this year", "2021", "", "", Year, "", true, true}}},
		{"no anchor stays unresolved", "", "Yesterday two explosions ripped through crowds; last month and on Thursday 26 August too.",
			[]want{{"Yesterday", "", "", "", Day, "", true, false}, {"last month", "", "", "", Month, "", true, false},
				{"Thursday 26 August", "", "", "", Day, "", true, false}}},
		{"year-only anchor", "2021", "Fighting broke out in March and last month.",
			[]want{{"March", "2021-03", "", "", Month, "", true, true}, {"last month", "", "", "", Month, "", true, false}}},
		{"by year", "", "By 2016, the number of IS-K fighters was estimated to be between 3000 to 4000.",
			[]want{{"By 2016", "2016", "", "2016", Year, "by", false, true}}},
		{"month across year end", "2022-01-10", "The attacks began in December.",
			[]want{{"December", "2021-12", "", "", Month, "", true, true}}},
		{"dateline", "2010-09-12", "KABUL, Afghanistan (Sept. 12) - forces detained insurgents Saturday.",
			[]want{{"Sept. 12", "2010-09-12", "", "", Day, "", true, true}, {"Saturday", "2010-09-11", "", "", Day, "", true, true}}},
		{"ago and last night", "2010-09-12", "It happened three days ago and again last night.",
			[]want{{"three days ago", "2010-09-09", "", "", Day, "", true, true}, {"last night", "2010-09-11", "", "", Day, "", true, true}}},
		{"decade and mid", "", "in the 1990s and in mid-2019 and at the end of 2020",
			[]want{{"1990s", "", "1990", "1999", Year, "", false, true}, {"mid-2019", "2019", "", "", Year, "mid", false, true},
				{"the end of 2020", "2020", "", "", Year, "late", false, true}}},
		{"iso", "", "on 2021-08-26.", []want{{"2021-08-26", "2021-08-26", "", "", Day, "", false, true}}},
		{"not dates", "2021-08-27", "2,000 fighters and 2000 fighters; INR 1999; may be; a march.", nil},
		{"impossible day keeps the month", "", "on 31 February 2021", []want{{"February 2021", "2021-02", "", "", Month, "", false, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := find(tt.in, tt.anchor)
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("Find(%q, %q)\n got %+v\nwant %+v", tt.in, tt.anchor, got, tt.want)
			}
		})
	}
}

// TestCorpus reads the sample corpus, each article against its own
// publication date, and checks a few expressions and every offset.
func TestCorpus(t *testing.T) {
	dir := "../../shared/corpus/isk"
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("%s absent", dir)
	}
	// publication dates as the articles print them
	anchors := map[string]string{"000": "2021-08-27", "001": "2021-09", "002": "2021-08-28", "003": "2021-08", "004": "2024-03-28"}
	found := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs := []rune(string(b))
		anchor := anchors[filepath.Base(f)[:3]]
		for _, sp := range tokenize.Sentences(rs) {
			es := Find(rs, sp, anchor)
			if got := FindWords(rs, tokenize.Words(rs, sp), anchor); !reflect.DeepEqual(got, es) {
				t.Errorf("%s: FindWords gives %+v, Find %+v", f, got, es)
			}
			for _, e := range es {
				if e.Start < sp.Start || e.End > sp.End || string(rs[e.Start:e.End]) != e.Text {
					t.Errorf("%s: %q at %d:%d outside its sentence or text mismatch", f, e.Text, e.Start, e.End)
				}
				found[e.Text+"="+e.Value+e.From+"/"+e.To] = true
			}
		}
	}
	for _, w := range []string{"Thursday 26 August=2021-08-26/", "yesterday=2021-08-26/", "2015=2015/",
		"since May 2020=2020-052020-05/", "August 28, 2021=2021-08-28/", "Sunday, August 29=2021-08-29/",
		"the first four months of 2021=2021-01/2021-04", "the same period last year=2020-01/2020-04",
		"since June 2020=2020-062020-06/", "22 March=2024-03-22/"} {
		if !found[w] {
			t.Errorf("sample corpus: %s not found", w)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"On the morning of Thursday 26 August, officials warned.", "between 2017-2018", "since June 2020",
		"the same period last year", "in the first four months of 2021", "yesterday", "Sept. 12", "mid-2019",
		"the 1990s", "31/12/2020", "2016-17", "from June to August 2020", "", "the", "last", "between",
	} {
		f.Add(s, "2021-08-27", 0, len([]rune(s)))
	}
	f.Fuzz(func(t *testing.T, s, anchor string, start, end int) {
		rs := []rune(s)
		for _, e := range Find(rs, dossier.Span{Start: start, End: end}, anchor) {
			if e.Start < max(start, 0) || e.End > min(end, len(rs)) || e.Start >= e.End {
				t.Fatalf("%q at %d:%d outside span %d:%d", e.Text, e.Start, e.End, start, end)
			}
			if string(rs[e.Start:e.End]) != e.Text {
				t.Fatalf("Text %q != text at %d:%d", e.Text, e.Start, e.End)
			}
			for _, v := range []string{e.Value, e.From, e.To} {
				if _, ok := parseDate(v); v != "" && !ok {
					t.Fatalf("bad date %q in %+v", v, e)
				}
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := []rune("The group had already launched 77 attacks in the first four months of 2021 — an increase from 21 in the same period last year. " +
		"On the morning of Thursday 26 August, officials warned that an attack was almost inevitable. And since May 2020, the leader has focused on rebuilding.")
	sents := tokenize.Sentences(text)
	b.SetBytes(int64(len(string(text))))
	b.ReportAllocs()
	for b.Loop() {
		for _, sp := range sents {
			Find(text, sp, "2021-09-15")
		}
	}
}

// TestAtoi checks atoi against strconv.Atoi, whose answers it must give.
func TestAtoi(t *testing.T) {
	for _, s := range []string{"", "0", "7", "26", "2021", "+5", "-12", "-", "+", "1a", "a1", "08", "١٢",
		"123456789", "1234567890", "99999999999999999999", " 1", "1 ", "--1", "26th"} {
		got, gotErr := atoi(s)
		want, wantErr := strconv.Atoi(s)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("atoi(%q) = %d, %v; strconv.Atoi gives %d, %v", s, got, gotErr, want, wantErr)
		}
	}
}
