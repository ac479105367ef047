package tagger

import (
	"fmt"
	"math/rand/v2"
)

// Example is one training sentence: its words, their gazetteer tags (or
// nil) and the gold names.
type Example struct {
	Words []string
	Gaz   []string
	Spans []Span
}

// Trainer learns a Model with the averaged perceptron: decode each
// sentence greedily as Tag does, and where the chosen label is wrong add
// the features' weights to the right label and take them from the chosen
// one. The final weights are the average over every step, which keeps the
// perceptron from overfitting the last sentences it saw.
type Trainer struct {
	types    []string
	labels   []string
	label    map[string]int
	trans    [][]int
	closing  []int
	lhash    []uint64
	clusters map[string]string
	index    map[uint64]int32
	hashes   []uint64
	w, u     []float32 // weights and the running sums for averaging
	step     float32
}

// NewTrainer returns a trainer for the given entity types and word
// clusters (lower-cased word to cluster name; may be nil).
func NewTrainer(types []string, clusters map[string]string) *Trainer {
	t := &Trainer{types: types, labels: labelsFor(types), index: map[uint64]int32{}, clusters: clusters}
	t.label = map[string]int{}
	for i, l := range t.labels {
		t.label[l] = i
	}
	t.trans = transitions(t.labels)
	t.closing = closingLabels(t.labels)
	t.lhash = labelHashes(t.labels)
	return t
}

// gold returns the BILOU label index of each word of ex.
func (t *Trainer) gold(ex *Example) ([]int, error) {
	ys := make([]int, len(ex.Words))
	for _, s := range ex.Spans {
		if s.Start < 0 || s.End > len(ex.Words) || s.Start >= s.End {
			return nil, fmt.Errorf("span %d:%d outside a sentence of %d words", s.Start, s.End, len(ex.Words))
		}
		if _, ok := t.label["U-"+s.Type]; !ok {
			return nil, fmt.Errorf("unknown type %q", s.Type)
		}
		for i := s.Start; i < s.End; i++ {
			if ys[i] != 0 {
				return nil, fmt.Errorf("span %d:%d overlaps another", s.Start, s.End)
			}
		}
		if s.End-s.Start == 1 {
			ys[s.Start] = t.label["U-"+s.Type]
			continue
		}
		ys[s.Start] = t.label["B-"+s.Type]
		for i := s.Start + 1; i < s.End-1; i++ {
			ys[i] = t.label["I-"+s.Type]
		}
		ys[s.End-1] = t.label["L-"+s.Type]
	}
	return ys, nil
}

func (t *Trainer) row(h uint64, create bool) int {
	if i, ok := t.index[h]; ok {
		return int(i)
	}
	if !create {
		return -1
	}
	i := len(t.hashes)
	t.index[h] = int32(i)
	t.hashes = append(t.hashes, h)
	t.w = append(t.w, make([]float32, len(t.labels))...)
	t.u = append(t.u, make([]float32, len(t.labels))...)
	return i
}

// Epoch trains on every example once, in an order shuffled by rng, and
// returns the number of words it labelled wrongly on the way.
func (t *Trainer) Epoch(exs []Example, rng *rand.Rand) (int, error) {
	order := rng.Perm(len(exs))
	nl := len(t.labels)
	scores := make([]float32, nl)
	var toks []token
	var buf []byte
	var static []uint64
	dyn := make([]uint64, numDynamic)
	feats := make([]uint64, 0, numStatic+numDynamic)
	errs := 0
	for _, k := range order {
		ex := &exs[k]
		gold, err := t.gold(ex)
		if err != nil {
			return errs, fmt.Errorf("example %d: %w", k, err)
		}
		toks, buf = prepare(toks, ex.Words, ex.Gaz, t.clusters, buf)
		n := len(ex.Words)
		if cap(static) < n*numStatic {
			static = make([]uint64, n*numStatic)
		}
		static = static[:n*numStatic]
		for i := 0; i < n; i++ {
			staticFeatures(static[i*numStatic:(i+1)*numStatic], toks, i)
		}
		prev, prev2 := -1, -1
		for i := 0; i < n; i++ {
			t.step++
			feats = append(feats[:0], static[i*numStatic:(i+1)*numStatic]...)
			dynamicFeatures(dyn, t.lhash, toks, i, prev, prev2)
			feats = append(feats, dyn...)
			for y := range scores {
				scores[y] = 0
			}
			for _, h := range feats {
				if h == 0 {
					continue
				}
				if r := t.row(h, false); r >= 0 {
					w := t.w[r*nl : (r+1)*nl]
					for y := range scores {
						scores[y] += w[y]
					}
				}
			}
			p := prev
			if p < 0 {
				p = nl
			}
			best, closed := choose(t.trans, t.closing, scores, p)
			if closed >= 0 {
				prev = closed
			}
			truth := gold[i]
			if best != truth {
				errs++
				for _, h := range feats {
					if h == 0 {
						continue
					}
					r := t.row(h, true)
					t.w[r*nl+truth]++
					t.u[r*nl+truth] += t.step
					t.w[r*nl+best]--
					t.u[r*nl+best] -= t.step
				}
			}
			// Go on from the label chosen, as Tag will: the model learns
			// to recover from its own mistakes.
			prev2, prev = prev, best
		}
	}
	return errs, nil
}

// Model returns the averaged model. Features whose averaged weights are
// all below minWeight in magnitude are dropped (0 keeps every feature).
func (t *Trainer) Model(minWeight float32) (*Model, error) {
	nl := len(t.labels)
	weights := make(map[uint64][]float32, len(t.hashes))
	for r, h := range t.hashes {
		avg := make([]float32, nl)
		for y := 0; y < nl; y++ {
			avg[y] = t.w[r*nl+y] - t.u[r*nl+y]/(t.step+1)
		}
		weights[h] = avg
	}
	return build(t.types, t.clusters, weights, minWeight)
}

// Features returns the number of features the trainer has weights for.
func (t *Trainer) Features() int { return len(t.hashes) }
