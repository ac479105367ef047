package geonames

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a place name to the key the gazetteer is searched by: lower
// case ASCII, diacritics dropped (Nangarhār → nangarhar), apostrophes and
// ʿayn/hamza marks dropped (La‘l → lal), hyphens, dots and punctuation made
// one space (Mazar-i-Sharif → mazar i sharif). A name with no Latin letter
// left (Cyrillic, Arabic script) folds to "": the gazetteer keeps only
// names an English text can spell.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	latin := false
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r < 0x80 {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			case r == '\'' || r == '`':
				continue
			default:
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			if r >= 'a' {
				latin = true
			}
			b.WriteRune(r)
			continue
		}
		rep, ok := foldSpecial[r]
		if !ok {
			switch {
			case r == '‘' || r == '’' || r == 'ʼ' || r == 'ʻ' || r == 'ʿ' || r == 'ʾ' || r == '´':
				continue // transliteration marks for ʿayn and hamza
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				return "" // another script: not searchable from English text
			default:
				space = b.Len() > 0
				continue
			}
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		latin = true
		b.WriteString(rep)
	}
	if !latin {
		return ""
	}
	return b.String()
}

// foldSpecial spells the Latin letters that do not decompose into an ASCII
// letter and a mark.
var foldSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ł': "l", 'Ł': "l",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŋ': "ng", 'ƒ': "f",
	'ə': "a", 'Ə': "a", 'ɨ': "i", 'ʃ': "sh", 'ʒ': "zh",
}

// Skeleton reduces a folded name to its consonants, so that common
// transliteration variants of one Persian, Pashto, Arabic or Urdu name meet:
// vowels and the glides y and w are dropped (Paktia/Paktya/Paktiya → pkt,
// Jowzjan/Jawzjan/Jozjan → jzjn, Uruzgan/Oruzgan → rzgn,
// Nangarhar/Ningarhar → nngrhr), q is written k, doubled letters are made
// one, and words left empty ("i" in Mazar-i-Sharif) vanish. Skeletons are
// coarse: the gazetteer keeps them only for well-known places, and the
// geocoder ranks a skeleton match below an exact one. Returns "" when fewer
// than three consonants remain.
func Skeleton(folded string) string {
	var b strings.Builder
	n := 0
	var last byte
	for _, w := range strings.Fields(folded) {
		start := b.Len()
		if start > 0 {
			b.WriteByte(' ')
		}
		wrote := false
		last = 0
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
				continue
			case 'q':
				c = 'k'
			}
			if c == last {
				continue
			}
			last = c
			b.WriteByte(c)
			wrote = true
			n++
		}
		if !wrote {
			s := b.String()[:start]
			b.Reset()
			b.WriteString(s)
		}
	}
	if n < 3 {
		return ""
	}
	return b.String()
}

// adminSuffixes are the words a division's name carries in GeoNames that a
// text often leaves out ("Maidan Wardak Province", "Zhob District").
var adminSuffixes = []string{" province", " district", " agency", " division", " region",
	" governorate", " state", " county", " prefecture", " oblast", " municipality", " wilayah", " tehsil"}

// trimAdminSuffix returns folded without a trailing division word, or "".
func trimAdminSuffix(folded string) string {
	for _, s := range adminSuffixes {
		if strings.HasSuffix(folded, s) && len(folded) > len(s)+2 {
			return folded[:len(folded)-len(s)]
		}
	}
	return ""
}
