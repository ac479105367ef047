package sqlite

import (
	"reflect"
	"testing"
)

func TestPlaceOrds(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name   string
		stored []*float64
		ords   []float64
		moved  []bool
	}{
		{"empty", nil, []float64{}, []bool{}},
		{"all new", []*float64{nil, nil, nil}, []float64{0, 1, 2}, []bool{false, false, false}},
		{"unchanged", []*float64{f(0), f(1), f(2)}, []float64{0, 1, 2}, []bool{false, false, false}},
		{"inserted between", []*float64{f(0), nil, f(1), nil, nil, nil, f(4)},
			[]float64{0, 0.5, 1, 1.75, 2.5, 3.25, 4}, []bool{false, false, false, false, false, false, false}},
		{"before and after", []*float64{nil, nil, f(5), nil}, []float64{3, 4, 5, 6}, []bool{false, false, false, false}},
		{"one moved", []*float64{f(0), f(3), f(1), f(2)}, []float64{0, 0.5, 1, 2}, []bool{false, true, false, false}},
		{"reversed", []*float64{f(2), f(1), f(0)}, []float64{-2, -1, 0}, []bool{true, true, false}},
		{"no room", []*float64{f(0), nil, f(5e-324)}, []float64{0, 1, 2}, []bool{false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ords, moved := placeOrds(tt.stored)
			if !reflect.DeepEqual(ords, tt.ords) || !reflect.DeepEqual(moved, tt.moved) {
				t.Errorf("placeOrds = %v, %v; want %v, %v", ords, moved, tt.ords, tt.moved)
			}
		})
	}
}
