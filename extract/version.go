package extract

// Version names the rules Read applies.
//
// !!! BUMP Version WHENEVER Read's OUTPUT MAY CHANGE !!!
//
// Pipeline.Resolve keeps each document's Report in the store, keyed by a
// digest of Read's input and this number, and reuses it as long as that
// digest matches, without reading the document again. A change to the
// rules in this package (triggers, patterns, word lists, dates, figures),
// to what a Report carries (eventDraft's fields, the codec in report.go)
// or to a package Read calls (quantity, timex, tokenize, resolve.NewClaim)
// that is made without changing Version leaves every stored report as the
// old rules wrote it, silently. TestVersion fails when Read's output over a
// fixed input changes while Version does not; it does not see every rule,
// so bump Version on any change you are not sure about: the only cost is
// one full re-extraction on the next resolution.
const Version = 21
