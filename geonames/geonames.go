// Package geonames is dossier's gazetteer: the world's populated places and
// administrative divisions from GeoNames (CC BY 4.0), with coordinates,
// population, feature class and code, admin hierarchy and alternate names,
// in a compact file that is searched in place, without being parsed into
// maps, so that opening it costs a header check and memory only for the
// pages a lookup touches.
//
// An embedded default (Embedded) is generated from npm packages of GeoNames
// data by ./internal/gen; Builder and Import make the same file from the
// GeoNames dump files a user downloads (allCountries.txt, cities500.txt,
// admin1CodesASCII.txt, ...), streaming them with bounded memory. The file
// format is described in format.go.
package geonames

import (
	"strconv"
	"strings"
)

// Feature classes kept in the gazetteer.
const (
	ClassAdmin     byte = 'A' // country, state, region, ...
	ClassPopulated byte = 'P' // city, town, village, ...
)

// Place is one gazetteer entry: a populated place, an administrative
// division or a country.
type Place struct {
	// Index is the entry's position in its gazetteer.
	Index int
	// ID is the GeoNames id, 0 for a division the data names only by code.
	ID         uint32
	Name       string
	Lat, Lon   float64
	Population uint32
	Class      byte   // ClassAdmin or ClassPopulated
	Code       string // GeoNames feature code: PPL, PPLA, PPLC, ADM1, ADM2, PCLI, ...
	Country    string // ISO 3166-1 alpha-2
	Admin1     string // GeoNames admin1 code within the country ("18")
	Admin2     string // GeoNames admin2 code within admin1 ("1801")
}

// GazetteerID names the place for export: "geonames:<id>" when it has a
// GeoNames id, else "geonames:<admin code>" ("geonames:AF.18") for a
// division the source data knows only by its code.
func (p Place) GazetteerID() string {
	if p.ID != 0 {
		return "geonames:" + strconv.FormatUint(uint64(p.ID), 10)
	}
	return "geonames:" + p.AdminCode()
}

// AdminCode is the GeoNames code of the division the place is, or for a
// populated place the code of the smallest division it lies in: "AF",
// "AF.18" or "AF.18.1801".
func (p Place) AdminCode() string {
	switch p.Level() {
	case 0:
		return p.Country
	case 1:
		return p.Country + "." + p.Admin1
	}
	if p.Admin1 == "" {
		return p.Country
	}
	if p.Admin2 == "" {
		return p.Country + "." + p.Admin1
	}
	return p.Country + "." + p.Admin1 + "." + p.Admin2
}

// Level is the administrative level of a division: 0 for a country, 1 for
// a first-level division, 2 for a second-level one; -1 for anything else.
func (p Place) Level() int {
	if p.Class != ClassAdmin {
		return -1
	}
	switch {
	case strings.HasPrefix(p.Code, "PCL") || p.Code == "TERR":
		return 0
	case p.Code == "ADM1":
		return 1
	case p.Code == "ADM2":
		return 2
	}
	return -1
}

// IsCountry reports whether the place is a country or territory.
func (p Place) IsCountry() bool { return p.Level() == 0 }

// Match says how a name matched a place.
type Match int

const (
	Exact   Match = iota // the folded name equals a name or alternate name of the place
	Variant              // the consonant skeletons are equal (Paktya/Paktia)
)

// Candidate is a place a name may refer to.
type Candidate struct {
	Place
	Match Match
}
