package resolve

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Names from Arabic, Pashto, Dari and Urdu reach English text in many
// spellings: Khadem/Khadim, Zabihullah Mujahid/Zabiullah Mujahed,
// Tehrik-i-Taliban/Tehreek-e-Taliban. A skeleton keeps what the
// romanisations agree on (consonants in order, where the vowels fall) and
// drops what they do not (which vowel, doubled letters, an "h" that only
// lengthens a vowel, connecting vowels, the article "al-", honorifics).
// Two names with the same skeleton are candidates for one entity; whether
// they merge is decided with the evidence around them (see merge rules in
// resolve.go).

// honorifics are titles that stand before a name and are not part of it.
var honorifics = set(
	"mullah", "mulla", "mawlawi", "maulvi", "molvi", "mawlavi", "maulana", "mawlana", "moulana",
	"sheikh", "shaikh", "shaykh", "sheik", "hafiz", "hafez", "qari", "haji", "hajji", "mufti",
	"amir", "emir", "ameer", "commander", "cmdr", "dr", "mr", "mrs", "ms", "general", "gen",
	"col", "colonel", "maj", "major", "capt", "captain", "lt", "sgt", "imam", "sayyid", "syed",
	"president", "minister", "spokesman", "spokesperson", "sir", "prof", "professor",
)

// connectors are particles between the parts of a name or title that
// romanisations write or leave out at will: "Tehrik-i-Taliban",
// "Jamaat-ul-Ahrar", "Abu Bakr al-Baghdadi".
var connectors = set("i", "e", "a", "al", "el", "ul", "ud", "ad", "ur", "ar", "as", "ash", "an", "at", "az", "ut", "ibn", "bin")

// weak name parts say little about who someone is: kunya openers,
// patronymic particles and the most common given names. A person name needs
// two other parts before its skeleton is evidence.
var weak = set("abu", "abou", "umm", "abdul", "bint", "muhammad", "mohammad", "mohammed", "muhammed",
	"mohamed", "mohamad", "ahmad", "ahmed", "ali", "khan", "abdullah", "abdallah")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// nameCache keeps nameParts of each surface form: most recur, and
// clustering splits them several times. The parts are shared: read only.
type nameCache map[string][]string

func (c nameCache) parts(name string) []string {
	p, ok := c[name]
	if !ok {
		p = nameParts(name)
		c[name] = p
	}
	return p
}

// nameParts splits a name into lower-case, accent-free parts, with
// honorifics and connectors removed and "Abd al"/"Abdel"/"Abd-ul" folded to
// "abdul".
func nameParts(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == 'ʼ' || r == 'ʻ' || r == '`':
			// Apostrophes mark ʿayn or hamza: romanisations differ.
		default:
			b.WriteByte(' ')
		}
	}
	raw := strings.Fields(b.String())
	var parts []string
	for i := 0; i < len(raw); i++ {
		w := raw[i]
		switch {
		case w == "s" && i == len(raw)-1 && i > 0: // possessive
			continue
		case (w == "abd" || w == "abdal" || w == "abdel" || w == "abdol") && i+1 < len(raw) && connectors[raw[i+1]]:
			parts = append(parts, "abdul")
			i++
			continue
		case w == "abd" || w == "abdel" || w == "abdol":
			parts = append(parts, "abdul")
			continue
		case len(parts) == 0 && honorifics[w]:
			continue
		case connectors[w] && i > 0:
			continue
		}
		parts = append(parts, w)
	}
	return parts
}

// skeleton returns the transliteration skeleton of one name part: q as k,
// vowels (and y, w between consonants' worth of vowel) as one mark per run,
// an h after a vowel dropped, doubled letters single.
func skeleton(part string) string {
	isVowel := func(r rune) bool { return strings.ContainsRune("aeiouy", r) }
	// Buffers on the stack for a part of usual length.
	var rbuf, obuf [32]rune
	out := obuf[:0]
	rs := rbuf[:0]
	for _, r := range part { // as []rune(part) makes them
		rs = append(rs, r)
	}
	for i, r := range rs {
		switch {
		case r == 'q':
			r = 'k'
		case r == 'w' && i > 0 && isVowel(rs[i-1]):
			r = 'a' // "aw"/"ow" are vowels in Mawlawi, Dawood
		case r == 'h' && i > 0 && isVowel(rs[i-1]):
			continue
		case r == 'h' && i > 0 && rs[i-1] == 'h':
			continue
		}
		if isVowel(r) {
			r = 'V'
		}
		if len(out) > 0 && out[len(out)-1] == r {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// nameSkeleton is the skeleton of a whole name, and how many of its parts
// are not weak.
func nameSkeleton(name string) (string, int) {
	return partsSkeleton(nameParts(name))
}

// partsSkeleton is nameSkeleton of a name split by nameParts.
func partsSkeleton(parts []string) (string, int) {
	strong := 0
	sk := make([]string, len(parts))
	for i, p := range parts {
		sk[i] = skeleton(p)
		if !weak[p] {
			strong++
		}
	}
	return strings.Join(sk, " "), strong
}

// SearchSkeletons returns the transliteration skeleton of each part of
// name (as the variants rule compares them), vowels written 0, for a
// search index: "Khadim" and "Khadem" both give "k0d0m".
func SearchSkeletons(name string) []string {
	parts := nameParts(name)
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if sk := strings.ReplaceAll(skeleton(p), "V", "0"); sk != "" {
			out = append(out, sk)
		}
	}
	return out
}
