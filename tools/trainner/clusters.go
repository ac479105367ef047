package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/dossier-osint/dossier/tokenize"
)

// Word clusters for the tagger's cluster features: words that occur
// between the same neighbours (Kandahar and Helmand, Taliban and Hezbollah,
// said and told) share a cluster, so that what the tagger learns about one
// carries to the others, including words its training data lacks. They
// are computed here, from unlabelled text beside the repository, and
// stored in the model file (see tagger/README.md): the product never reads
// the text.
//
// Each word of the vocabulary is a vector of its left and right
// neighbours among the most frequent words, weighted by positive pointwise
// mutual information and normalised; spherical k-means, seeded by
// k-means++ from a fixed seed, groups the vectors. Everything is sorted or
// seeded, so the clusters, like the model, are the same on every run.

// clusterText gathers the words of the unlabelled text: CoNLL-2003 train
// (passed in, already read), and the texts of the SATP, ISAF, WikiEvents
// and article-extraction sets, split into sentences and words by package
// tokenize as the product splits them. re3d is left out (its sources are
// held out in cross-validation), as is CoNLL dev (it scores the tagger).
func clusterText(data string, conll [][]string) ([][]string, error) {
	out := append([][]string(nil), conll...)
	addText := func(s string) {
		text := []rune(s)
		for _, sent := range tokenize.Sentences(text) {
			var ws []string
			for _, t := range tokenize.Words(text, sent) {
				ws = append(ws, t.Text)
			}
			if len(ws) > 0 {
				out = append(out, ws)
			}
		}
	}
	for _, f := range []string{"satp/dev.jsonl", "isaf/dev.jsonl", "wikievents/dev.jsonl"} {
		path := filepath.Join(data, f)
		err := eachLine(path, func(line []byte) error {
			var rec struct {
				Text   string   `json:"text"`
				Tokens []string `json:"tokens"`
			}
			if err := json.Unmarshal(line, &rec); err != nil {
				return err
			}
			if rec.Text != "" {
				addText(rec.Text)
			} else if len(rec.Tokens) > 0 {
				addText(strings.Join(rec.Tokens, " "))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	path := filepath.Join(data, "aeb/ground-truth.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var aeb map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &aeb); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ids := make([]string, 0, len(aeb))
	for id := range aeb {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		addText(aeb[id].ArticleBody)
	}
	return out, nil
}

func eachLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		n++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s line %d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// clusterKey is the form the tagger looks clusters up by: the word in
// lower case with typographic apostrophes made plain (tagger.appendLower).
func clusterKey(w string) string {
	return strings.Map(func(r rune) rune {
		if r == '’' {
			r = '\''
		}
		return unicode.ToLower(r)
	}, w)
}

// clusterWords returns a cluster name ("c17") for each of the vocab most
// frequent words seen at least minCount times, in k clusters, with
// context features from the ctx most frequent words.
func clusterWords(sents [][]string, vocab, ctx, k, minCount, iters int, seed uint64) map[string]string {
	freq := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			freq[clusterKey(w)]++
		}
	}
	words := make([]string, 0, len(freq))
	for w, n := range freq {
		if n >= minCount {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if freq[words[i]] != freq[words[j]] {
			return freq[words[i]] > freq[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > vocab {
		words = words[:vocab]
	}
	if len(words) < k {
		return nil
	}
	index := map[string]int{}
	for i, w := range words {
		index[w] = i
	}
	// Context dimensions: the ctx most frequent words and the sentence
	// boundary, on the left (0..nc-1) and on the right (nc..2nc-1).
	nc := min(ctx, len(words)) + 1
	bound := nc - 1
	ctxOf := func(w string) int {
		if i, ok := index[w]; ok && i < nc-1 {
			return i
		}
		return -1
	}
	counts := make([]map[int32]float64, len(words))
	for i := range counts {
		counts[i] = map[int32]float64{}
	}
	dimTotal := make([]float64, 2*nc)
	total := 0.0
	for _, s := range sents {
		keys := make([]string, len(s))
		for i, w := range s {
			keys[i] = clusterKey(w)
		}
		for i, w := range keys {
			wi, ok := index[w]
			if !ok {
				continue
			}
			l, r := bound, bound
			if i > 0 {
				l = ctxOf(keys[i-1])
			}
			if i+1 < len(keys) {
				r = ctxOf(keys[i+1])
			}
			if l >= 0 {
				counts[wi][int32(l)]++
				dimTotal[l]++
				total++
			}
			if r >= 0 {
				counts[wi][int32(nc+r)]++
				dimTotal[nc+r]++
				total++
			}
		}
	}
	// Sparse PPMI vectors, normalised to unit length.
	type entry struct {
		dim int32
		v   float64
	}
	vecs := make([][]entry, len(words))
	for i, c := range counts {
		wTotal := 0.0
		for _, n := range c {
			wTotal += n
		}
		var v []entry
		norm := 0.0
		for d, n := range c {
			pmi := math.Log(n * total / (wTotal * dimTotal[d]))
			if pmi > 0 {
				v = append(v, entry{d, pmi})
				norm += pmi * pmi
			}
		}
		sort.Slice(v, func(a, b int) bool { return v[a].dim < v[b].dim })
		norm = math.Sqrt(norm)
		for j := range v {
			v[j].v /= norm
		}
		vecs[i] = v
	}
	dims := 2 * nc
	dot := func(v []entry, c []float64) float64 {
		s := 0.0
		for _, e := range v {
			s += e.v * c[e.dim]
		}
		return s
	}
	// k-means++ seeding on cosine distance, from a fixed seed.
	rng := rand.New(rand.NewPCG(seed, 7))
	cents := make([][]float64, 0, k)
	addCent := func(i int) {
		c := make([]float64, dims)
		for _, e := range vecs[i] {
			c[e.dim] = e.v
		}
		cents = append(cents, c)
	}
	addCent(0)
	dist := make([]float64, len(words))
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	for len(cents) < k {
		last := cents[len(cents)-1]
		sum := 0.0
		for i, v := range vecs {
			d := 1 - dot(v, last)
			if d < 0 {
				d = 0
			}
			dist[i] = math.Min(dist[i], d)
			sum += dist[i] * dist[i]
		}
		x := rng.Float64() * sum
		pick := len(vecs) - 1
		for i := range vecs {
			x -= dist[i] * dist[i]
			if x <= 0 {
				pick = i
				break
			}
		}
		addCent(pick)
	}
	assign := make([]int, len(words))
	for it := 0; it < iters; it++ {
		for i, v := range vecs {
			best, bs := 0, math.Inf(-1)
			for c, cent := range cents {
				if s := dot(v, cent); s > bs {
					best, bs = c, s
				}
			}
			assign[i] = best
		}
		for c := range cents {
			clear(cents[c])
		}
		for i, v := range vecs {
			for _, e := range v {
				cents[assign[i]][e.dim] += e.v
			}
		}
		for _, c := range cents {
			n := 0.0
			for _, x := range c {
				n += x * x
			}
			if n = math.Sqrt(n); n > 0 {
				for d := range c {
					c[d] /= n
				}
			}
		}
	}
	out := make(map[string]string, len(words))
	for i, w := range words {
		if len(w) <= 255 {
			out[w] = fmt.Sprintf("c%d", assign[i])
		}
	}
	return out
}
