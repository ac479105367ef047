package tagger

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// toy is a small training set: people after "met", places after "in".
func toy() []Example {
	var exs []Example
	first := []string{"Alice", "Bob", "Carol", "Dan", "Eve", "Fay", "Gus", "Hal"}
	last := []string{"Smith", "Jones", "White", "Brown", "Black", "Young", "King"}
	places := []string{"Paris", "Kabul", "Lagos", "Lima", "Oslo", "Cairo", "Delhi", "Tunis", "Quito"}
	for i := 0; i < 56; i++ {
		p := []string{first[i%len(first)], last[i%len(last)]}
		pl := places[i%len(places)]
		words := append(append([]string{"Yesterday", "she", "met"}, p...), "in", pl, ".")
		exs = append(exs, Example{Words: words, Spans: []Span{{3, 5, "PER"}, {6, 7, "LOC"}}})
	}
	return exs
}

func trainToy(t testing.TB) *Model {
	t.Helper()
	tr := NewTrainer([]string{"PER", "LOC"}, nil)
	rng := rand.New(rand.NewPCG(1, 0))
	for e := 0; e < 5; e++ {
		if _, err := tr.Epoch(toy(), rng); err != nil {
			t.Fatal(err)
		}
	}
	m, err := tr.Model(0)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainAndTag(t *testing.T) {
	m := trainToy(t)
	got := m.Tag(strings.Fields("Yesterday she met Frank Green in Rome ."), nil)
	want := []Span{{3, 5, "PER"}, {6, 7, "LOC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tag = %v, want %v", got, want)
	}
	if m.Tag(nil, nil) != nil {
		t.Error("Tag of no words is not nil")
	}
}

// TestDeterministic trains twice and checks that the model files are the
// same bytes, and that a file read back tags as the model it came from.
func TestDeterministic(t *testing.T) {
	a, b := trainToy(t).Marshal(), trainToy(t).Marshal()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same data gave different model files")
	}
	m, err := Load(a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m.Marshal(), a) {
		t.Error("Load then Marshal changed the file")
	}
}

func TestSpans(t *testing.T) {
	labels := labelsFor([]string{"PER", "LOC"})
	idx := map[string]int{}
	for i, l := range labels {
		idx[l] = i
	}
	tests := []struct {
		name string
		seq  string
		want []Span
	}{
		{"unit and multi", "U-PER O B-LOC I-LOC L-LOC", []Span{{0, 1, "PER"}, {2, 5, "LOC"}}},
		{"open at end", "O B-PER I-PER", []Span{{1, 3, "PER"}}},
		{"stray last", "O L-PER O", nil},
		{"nothing", "O O", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ys []int
			for _, l := range strings.Fields(tt.seq) {
				ys = append(ys, idx[l])
			}
			if got := spans(labels, ys); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("spans(%s) = %v, want %v", tt.seq, got, tt.want)
			}
		})
	}
}

func TestChoose(t *testing.T) {
	labels := labelsFor([]string{"PER"}) // O B I L U
	tr, cl := transitions(labels), closingLabels(labels)
	tests := []struct {
		name       string
		prev       int
		scores     []int32
		best, shut int
	}{
		{"start takes outside labels only", len(labels), []int32{0, 1, 9, 9, 2}, 4, -1},
		{"inside goes on", 1, []int32{1, 0, 5, 2, 0}, 2, -1},
		{"inside closes when outside wins", 2, []int32{9, 0, 1, 2, 0}, 0, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			best, shut := choose(tr, cl, tt.scores, tt.prev)
			if best != tt.best || shut != tt.shut {
				t.Errorf("choose = %d, %d; want %d, %d", best, shut, tt.best, tt.shut)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	good := trainToy(t).Marshal()
	noEmpty := append([]byte(nil), good...)
	// fill every key slot: find the table from the end of the file
	m, _ := Load(good)
	keys := len(noEmpty) - len(m.wts) - len(m.keys)
	for off := keys; off < keys+len(m.keys); off += 4 {
		binary.LittleEndian.PutUint32(noEmpty[off:], 7)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "bad magic"},
		{"magic only", []byte("DTAG"), "truncated"},
		{"bad version", append([]byte("DTAG"), 9, 0, 0, 0), "version 9"},
		{"truncated tables", good[:len(good)-1], "want"},
		{"no empty slot", noEmpty, "no empty slot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// FuzzLoad checks that no model file makes Load or Tag panic or hang.
func FuzzLoad(f *testing.F) {
	f.Add(trainToy(f).Marshal())
	f.Add([]byte("DTAG\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(data)
		if err != nil {
			return
		}
		m.Tag(strings.Fields("Yesterday she met Frank Green in Rome ."), nil)
	})
}

func TestDefault(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"PER", "ORG", "LOC", "MISC"}; !reflect.DeepEqual(m.Types(), want) {
		t.Errorf("embedded model types %v, want %v", m.Types(), want)
	}
	if m.Features() == 0 {
		t.Error("embedded model has no features")
	}
}

func BenchmarkTag(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sent := strings.Fields("The attack on Kabul airport was claimed by Islamic State Khorasan , whose emir Shahab al-Muhajir took over in 2020 , the United Nations said on Friday .")
	size := len(strings.Join(sent, " "))
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.Tag(sent, nil)
	}
}

// TestCachedScores checks that the scores Tag sums with its word cache
// (word-only features and window roles cached per word) are those of
// every feature looked up one by one, as training computes them, on
// sentences that repeat words within and across calls and vary in case.
func TestCachedScores(t *testing.T) {
	m := trainToy(t)
	sents := []string{
		"Yesterday she met Frank Green in Rome .",
		"she met Alice Smith in Paris and Alice Smith met Bob in Paris .",
		"YESTERDAY SHE MET ALICE SMITH IN PARIS .",
		"Paris",
		"in Paris in Lima in Oslo in Kabul she met Eve",
		"Yesterday she met Frank Green in Rome .",
	}
	nl := len(m.labels)
	s := &scratch{}
	for _, sent := range sents {
		words := strings.Fields(sent)
		n := len(words)
		toks, _ := prepare(nil, words, nil, m.clusters, nil)
		static := make([]uint64, n*numStatic)
		for i := 0; i < n; i++ {
			staticFeatures(static[i*numStatic:(i+1)*numStatic], toks, i)
		}
		m.staticScores(s, words, nil)
		for i := 0; i < n; i++ {
			want := make([]int32, nl)
			for _, h := range static[i*numStatic : (i+1)*numStatic] {
				m.add(want, h)
			}
			if got := s.base[i*nl : (i+1)*nl]; !reflect.DeepEqual(got, want) {
				t.Errorf("%q word %d (%s): scores %v, want %v", sent, i, words[i], got, want)
			}
		}
	}
}

// tagReference decodes words as training does: every feature of every word
// looked up one by one, no cache, no precomputed rows.
func tagReference(m *Model, words, gaz []string) []Span {
	toks, _ := prepare(nil, words, gaz, m.clusters, nil)
	nl := len(m.labels)
	static := make([]uint64, numStatic)
	var dyn [numDynamic]uint64
	scores := make([]int32, nl)
	var ys []int
	prev, prev2 := -1, -1
	for i := range words {
		clear(scores)
		staticFeatures(static, toks, i)
		for _, h := range static {
			m.add(scores, h)
		}
		dynamicFeatures(dyn[:], m.lhash, toks, i, prev, prev2)
		for _, h := range dyn {
			m.add(scores, h)
		}
		p := prev
		if p < 0 {
			p = nl
		}
		best, closed := choose(m.trans, m.closing, scores, p)
		if closed >= 0 {
			ys[i-1] = closed
		}
		ys = append(ys, best)
		prev2, prev = prev, best
	}
	return spans(m.labels, ys)
}

// TestTagReference checks that Tag, with its caches and precomputed rows,
// finds what the one-feature-at-a-time decoder finds, with the shipped
// model, on sentences that repeat words within and across calls, vary in
// case and carry gazetteer tags.
func TestTagReference(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := []string{
		"The attack on Kabul airport was claimed by Islamic State Khorasan , whose emir Shahab al-Muhajir took over in 2020 , the United Nations said on Friday .",
		"Yesterday she met Frank Green in Rome and Alice Smith met Bob in Paris .",
		"YESTERDAY SHE MET ALICE SMITH IN PARIS AND THE UNITED NATIONS .",
		"Paris",
		"Explainer : Who Are Islamic State-Khorasan And What Are They After ?",
		"in Paris in Lima in Oslo in Kabul she met Eve of the Taliban , the U.S. State Department said .",
		"Zabihullah Mujahid , a spokesman for the Taliban , told Reuters in Kandahar that IS-K had struck .",
		"The attack on Kabul airport was claimed by Islamic State Khorasan , whose emir Shahab al-Muhajir took over in 2020 , the United Nations said on Friday .",
	}
	for k, sent := range sents {
		words := strings.Fields(sent)
		var gaz []string
		if k%2 == 1 {
			gaz = make([]string, len(words))
			for i, w := range words {
				if w == "Paris" || w == "Kabul" {
					gaz[i] = "B-place"
				}
			}
		}
		got, want := m.Tag(words, gaz), tagReference(m, words, gaz)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n Tag       %v\n reference %v", sent, got, want)
		}
	}
}
