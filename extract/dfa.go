package extract

import (
	"encoding/binary"
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"
)

// matcher answers MatchString for a regular expression with a lazily built
// DFA over the expression's compiled program, and leaves every other
// question to the regexp it wraps.
//
// Why: the relation patterns are large alternations of words ({MOD},
// {LEAD}, ...) tried for every pair of mentions in a sentence, and the
// standard library runs programs that large on its NFA simulation, which
// follows thousands of threads a character: it was most of extraction's
// time. A DFA state is the set of those threads, so once built it costs a
// table look-up a character. Only whether a match exists is asked, and
// that is the same for every engine, so results cannot differ from
// regexp's (TestMatcherAgrees checks it on every pattern).
type matcher struct {
	*regexp.Regexp
	dfa *dfa // nil: the program could not be compiled; use Regexp
}

func mustMatcher(src string) *matcher {
	re := regexp.MustCompile(src)
	return &matcher{Regexp: re, dfa: newDFA(src)}
}

// MatchString reports whether s contains a match of the expression.
func (m *matcher) MatchString(s string) bool {
	if m.dfa == nil {
		return m.Regexp.MatchString(s)
	}
	return m.dfa.match(s)
}

// maxDFAStates bounds a DFA's memory: past it the states built so far are
// dropped and built again as needed.
const maxDFAStates = 4096

// Rune classes that decide which empty-width assertions (^, $, \b, \B)
// hold between two runes (syntax.EmptyOpContext depends on nothing else).
const (
	classEdge  = iota // start or end of the text
	classNL           // '\n'
	classWord         // [0-9A-Za-z_]
	classOther        // any other rune
)

func runeClass(r rune) uint8 {
	switch {
	case r < 0:
		return classEdge
	case r == '\n':
		return classNL
	case syntax.IsWordChar(r):
		return classWord
	}
	return classOther
}

// classRune is a rune of each class, to ask syntax.EmptyOpContext with.
var classRune = [4]rune{-1, '\n', 'a', ' '}

type dfa struct {
	prog     *syntax.Prog
	anchored bool // the program can only match at the start of the text

	mu     sync.Mutex
	states []*dfaState
	byKey  map[string]*dfaState
	start  *dfaState
}

// dfaState is a set of program threads waiting to read a rune, at a
// position whose previous rune had class prev.
type dfaState struct {
	pcs   []uint32 // sorted
	prev  uint8
	ascii [128]*dfaState
	other map[rune]*dfaState
	// atEnd: whether the text ending here matches; 0 unknown, 1 no, 2 yes.
	atEnd uint8
}

// dead and matched are the sentinel states: no thread left, a match found.
var dead, matched = new(dfaState), new(dfaState)

func newDFA(src string) *dfa {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	return &dfa{prog: prog, anchored: prog.StartCond()&syntax.EmptyBeginText != 0}
}

func (d *dfa) match(s string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.start == nil || len(d.states) > maxDFAStates {
		d.states, d.byKey = nil, map[string]*dfaState{}
		d.start = d.state(nil, classEdge)
	}
	st := d.start
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		var next *dfaState
		if r < utf8.RuneSelf {
			next = st.ascii[r]
		} else {
			r, w = utf8.DecodeRuneInString(s[i:])
			next = st.other[r]
		}
		if next == nil {
			next = d.step(st, r)
			if r < utf8.RuneSelf {
				st.ascii[r] = next
			} else {
				if st.other == nil {
					st.other = map[rune]*dfaState{}
				}
				st.other[r] = next
			}
		}
		switch next {
		case matched:
			return true
		case dead:
			return false
		}
		st, i = next, i+w
	}
	if st.atEnd == 0 {
		st.atEnd = 1
		if d.closure(st, -1, nil) {
			st.atEnd = 2
		}
	}
	return st.atEnd == 2
}

// state interns the state with those threads.
func (d *dfa) state(pcs []uint32, prev uint8) *dfaState {
	// Four bytes a thread: a rune per pc would turn the pcs of a large
	// program's surrogate range into one replacement character, and two
	// different states into one.
	b := make([]byte, 1, 1+4*len(pcs))
	b[0] = prev
	for _, pc := range pcs {
		b = binary.LittleEndian.AppendUint32(b, pc)
	}
	if st, ok := d.byKey[string(b)]; ok {
		return st
	}
	key := string(b)
	st := &dfaState{pcs: pcs, prev: prev}
	d.byKey[key] = st
	d.states = append(d.states, st)
	return st
}

// step returns the state after st reads r: matched if a thread matches
// before r, dead if no thread is left and none can start again.
func (d *dfa) step(st *dfaState, r rune) *dfaState {
	var next []uint32
	if d.closure(st, r, &next) {
		return matched
	}
	if len(next) == 0 && d.anchored {
		return dead
	}
	slices.Sort(next)
	next = slices.Compact(next)
	return d.state(next, runeClass(r))
}

// closure follows st's threads (and, unless the program is anchored, a
// new one from the start) through the empty-width instructions that hold
// between st's previous rune and r (-1: end of text). It reports whether a
// thread reached a match there; otherwise, when next is not nil, it appends
// to it where each thread that reads r goes.
func (d *dfa) closure(st *dfaState, r rune, next *[]uint32) bool {
	flags := syntax.EmptyOpContext(classRune[st.prev], classRune[runeClass(r)])
	seen := make(map[uint32]bool, 2*len(st.pcs)+8)
	stack := slices.Clone(st.pcs)
	if !d.anchored || st == d.start {
		stack = append(stack, uint32(d.prog.Start))
	}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		inst := &d.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstMatch:
			return true
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Out, inst.Arg)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, inst.Out)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(inst.Arg)&^flags == 0 {
				stack = append(stack, inst.Out)
			}
		case syntax.InstFail:
		default: // a rune instruction
			if next != nil && r >= 0 && readsRune(inst, r) {
				*next = append(*next, inst.Out)
			}
		}
	}
	return false
}

func readsRune(inst *syntax.Inst, r rune) bool {
	switch inst.Op {
	case syntax.InstRune1:
		return r == inst.Rune[0]
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return inst.MatchRune(r)
}
