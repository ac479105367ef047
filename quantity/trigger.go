package quantity

// A trigger is a word or phrase that says what happened to the people a
// count counts: "were killed", "shot dead", "injured", "taken into
// custody".
type trigger struct {
	words   []string
	meaning string
	// transitive triggers take an object ("Maoists killed two policemen"):
	// to the right of a count they apply to it only when passive.
	transitive bool
}

// triggers by their first word, longest first within a word.
var triggers = map[string][]trigger{}

func init() {
	add := func(meaning string, transitive bool, phrases ...string) {
		for _, p := range phrases {
			w := splitWords(p)
			triggers[w[0]] = append(triggers[w[0]], trigger{words: w, meaning: meaning, transitive: transitive})
		}
	}
	add(Killed, true, "kill", "kills", "killed", "killing", "shot dead", "shoot dead", "shooting dead",
		"shot to death", "gunned down", "gun down", "gunning down", "hacked to death", "beaten to death",
		"beat to death", "stabbed to death", "burnt to death", "burned to death", "lynched", "executed",
		"beheaded", "murdered", "murdering", "massacred", "massacring", "slew", "slaying", "slain",
		"eliminated", "claimed the lives of", "claiming the lives of", "axed to death", "left dead")
	add(Killed, false, "died", "dies", "die", "dead", "lost their lives", "lost his life", "lost her life",
		"lost their life", "perished", "succumbed", "were slain", "was slain", "killed in action", "found dead")
	add(Injured, true, "injure", "injures", "injured", "injuring", "wound", "wounds", "wounded", "wounding",
		"hurt", "maimed")
	add(Injured, false, "sustained injuries", "suffered injuries", "received injuries", "sustained wounds",
		"suffered wounds", "critically injured", "seriously injured")
	add(Arrested, true, "arrest", "arrests", "arrested", "arresting", "detain", "detains", "detained",
		"detaining", "capture", "captures", "captured", "capturing", "apprehend", "apprehended",
		"apprehending", "nabbed", "nab", "nabbing", "held", "rounded up", "picked up", "imprisoned",
		"jailed", "took into custody", "taken into custody", "taking into custody")
	add(Arrested, false, "in custody", "in police custody")
	add(Kidnapped, true, "kidnap", "kidnaps", "kidnapped", "kidnapping", "abduct", "abducts", "abducted",
		"abducting", "took hostage", "taken hostage", "held hostage", "taking hostage", "seized hostage")
	add(Surrendered, false, "surrendered", "surrender", "surrenders", "surrendering", "laid down arms",
		"laid down their arms", "gave up arms")
	for _, ts := range triggers {
		// longest phrase first, so "shot dead" wins over a shorter match
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && len(ts[j].words) > len(ts[j-1].words); j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
	}
}

// nominals are nouns that give a meaning to the count after "of" or "to"
// ("the death of two villagers", "injuries to 13 policemen").
var nominals = map[string]string{
	"death": Killed, "deaths": Killed, "killing": Killed, "killings": Killed, "murder": Killed,
	"murders": Killed, "massacre": Killed, "lives": Killed, "bodies": Killed,
	"injuries": Injured, "injury": Injured, "wounding": Injured,
	"arrest": Arrested, "arrests": Arrested, "detention": Arrested, "capture": Arrested,
	"abduction": Kidnapped, "abductions": Kidnapped, "kidnapping": Kidnapped, "kidnappings": Kidnapped,
	"release": Kidnapped, "surrender": Surrendered,
}

// matchTrigger returns the trigger that starts at low[i], if any.
func matchTrigger(low []string, i int) (trigger, bool) {
	for _, t := range triggers[low[i]] {
		if i+len(t.words) > len(low) {
			continue
		}
		ok := true
		for k, w := range t.words {
			if low[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return t, true
		}
	}
	return trigger{}, false
}

// matchTriggerEnding returns the trigger whose last word is low[end-1].
func matchTriggerEnding(low []string, end int) (trigger, int, bool) {
	for n := 4; n >= 1; n-- {
		s := end - n
		if s < 0 {
			continue
		}
		if t, ok := matchTrigger(low, s); ok && len(t.words) == n {
			return t, s, true
		}
	}
	return trigger{}, 0, false
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}
