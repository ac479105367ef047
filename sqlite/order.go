package sqlite

import "sort"

// placeOrds gives the rows of a table kept in a caller's order (entities,
// events) their ord column for a new order, moving as few stored rows as
// it can. stored[i] is the ord of the i-th row of the new order if it is
// kept as it is (it would otherwise not be written), or nil. The longest
// run of kept rows whose stored ords already rise in the new order keep
// them; every other row gets an ord between its neighbours'. A corpus
// that grows inserts new entities between old ones without moving them,
// where numbering the order afresh would rewrite almost every row.
//
// It returns the ords and, for each kept row, whether its ord changed. When
// the gaps between kept ords are too narrow for what goes between them,
// the order is numbered afresh: 0, 1, 2, ...
func placeOrds(stored []*float64) (ords []float64, moved []bool) {
	n := len(stored)
	ords = make([]float64, n)
	moved = make([]bool, n)
	anchor := longestRise(stored)
	ok := true
	for i := 0; i < n; {
		if anchor[i] {
			ords[i] = *stored[i]
			i++
			continue
		}
		// A run of rows to place, i..j-1, between anchors (or ends).
		j := i
		for j < n && !anchor[j] {
			j++
		}
		k := float64(j - i)
		switch {
		case i == 0 && j == n: // no anchor: number afresh
			for p := i; p < j; p++ {
				ords[p] = float64(p)
			}
		case i == 0: // before the first anchor
			hi := *stored[j]
			for p := i; p < j; p++ {
				ords[p] = hi - float64(j-p)
			}
		case j == n: // after the last anchor
			lo := ords[i-1]
			for p := i; p < j; p++ {
				ords[p] = lo + float64(p-i+1)
			}
		default:
			lo, hi := ords[i-1], *stored[j]
			step := (hi - lo) / (k + 1)
			for p := i; p < j; p++ {
				ords[p] = lo + step*float64(p-i+1)
			}
		}
		i = j
	}
	for i := 1; i < n && ok; i++ {
		ok = ords[i-1] < ords[i]
	}
	if !ok {
		for i := range ords {
			ords[i] = float64(i)
		}
	}
	for i, s := range stored {
		moved[i] = s != nil && *s != ords[i]
	}
	return ords, moved
}

// longestRise marks a longest strictly rising subsequence of the non-nil
// values (patience sorting, O(n log n)).
func longestRise(vals []*float64) []bool {
	var tails []int // tails[l]: index of the smallest tail of a rise of length l+1
	prev := make([]int, len(vals))
	for i, v := range vals {
		if v == nil {
			continue
		}
		l := sort.Search(len(tails), func(l int) bool { return *vals[tails[l]] >= *v })
		if l > 0 {
			prev[i] = tails[l-1]
		} else {
			prev[i] = -1
		}
		if l == len(tails) {
			tails = append(tails, i)
		} else {
			tails[l] = i
		}
	}
	out := make([]bool, len(vals))
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			out[i] = true
		}
	}
	return out
}
