package quantity

// Word lists, written by the dossier authors. They are small on purpose:
// each entry is a general English word or phrase, never a name from one
// article.

// units are words that, right after a number, make it a measure, a price
// or a time rather than a count of people or things.
var units = set("%", "percent", "per", "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer",
	"metres", "meters", "metre", "meter", "m", "kg", "kgs", "kilograms", "kilogram", "tonnes", "tons",
	"grams", "litres", "liters", "am", "pm", "a.m.", "p.m.", "hrs", "hours", "hour", "minutes", "minute",
	"seconds", "days", "day", "weeks", "week", "months", "month", "years", "year", "decades", "centuries",
	"times", "rupees", "rs", "inr", "dollars", "usd", "euros", "pounds", "afghanis", "feet", "ft", "miles",
	"mile", "acres", "hectares", "degrees", "mm", "cm", "rounds", "o'clock", "year-old", "years-old")

// currencies are words that, right before a number, make it money.
var currencies = set("rs", "rs.", "inr", "$", "usd", "€", "£", "eur", "gbp", "us$", "afn", "rupees", "pkr")

// labels are words that, right before a number, make it a name or an
// ordinal ("Route 1", "number 2", "No. 5", "battalion 3").
var labels = set("no", "no.", "number", "#", "route", "highway", "nh", "camp", "ward", "battalion",
	"company", "platoon", "section", "sector", "phase", "block", "road", "unit", "brigade", "regiment",
	"division", "mile", "page", "chapter", "article", "paragraph", "resolution", "flight", "level",
	"gate", "zone", "post", "room", "house", "plot", "km", "corps", "squad", "team", "act", "code",
	"version", "grade", "class", "district", "area", "shura", "notes", "squadron", "wing", "fleet")

// monthNames are ruled out as count context: "26 August", "August 26".
var monthNames = set("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec")

// smallNumbers are number words up to nineteen.
var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

// tens are the multiples of ten written as words.
var tens = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

// scales multiply the number before them ("1.5 million", "two lakh").
var scales = map[string]int{
	"hundred": 100, "thousand": 1000, "lakh": 100000, "lakhs": 100000, "million": 1000000,
	"crore": 10000000, "crores": 10000000, "billion": 1000000000,
}

// vague plurals are lower bounds by convention (the product brief: "scores"
// is at least 20, "dozens" 24, "hundreds" 200).
var vague = map[string]int{
	"dozens": 24, "scores": 20, "hundreds": 200, "thousands": 2000, "tens": 20, "millions": 2000000,
	"several": 3, "multiple": 2, "numerous": 2,
}

// personNouns are the singular nouns that make "a", "an", "one" or
// "another" a count of one ("a policeman was killed"). Other singular
// nouns after "a" ("a gun fight", "a camp") are not counted.
var personNouns = set("person", "man", "woman", "boy", "girl", "child", "baby", "civilian", "villager",
	"resident", "farmer", "worker", "labourer", "laborer", "leader", "cadre", "member", "militant",
	"insurgent", "rebel", "fighter", "maoist", "naxalite", "naxal", "soldier", "trooper", "jawan",
	"constable", "policeman", "policewoman", "officer", "official", "inspector", "commander",
	"commandant", "guard", "informer", "informant", "teacher", "student", "businessman",
	"contractor", "driver", "headman", "sarpanch", "chief", "activist", "supporter", "suspect",
	"terrorist", "bomber", "attacker", "gunman", "journalist", "reporter", "doctor", "engineer",
	"trader", "shopkeeper", "tribal", "youth", "teenager", "minor", "employee", "facilitator", "emir",
	"deputy", "spokesman", "spokesperson", "operative", "financier", "smuggler", "courier", "recruit",
	"recruiter", "politician", "legislator", "mla", "mp", "councillor", "pradhan", "guide", "agent",
	"commando", "sepoy", "havildar", "marine", "airman", "sailor", "pilot", "contractor", "mukhiya",
	"cultivator", "landlord", "landowner", "priest", "cleric", "mullah", "imam", "elder", "chieftain",
	"comrade", "associate", "accomplice", "courier", "sympathiser", "sympathizer", "hostage", "captive",
	"prisoner", "detainee", "victim", "pedestrian", "passenger", "tourist", "pilgrim", "nurse",
	"volunteer", "staffer", "guardsman", "serviceman", "servicemember", "policemen", "individual",
	"national", "citizen", "foreigner", "expert", "specialist",
	"lieutenant", "captain", "sergeant", "major", "colonel", "general", "superintendent", "kotwar",
	"chowkidar", "watchman", "ranger", "forester", "gunner", "sniper", "mother", "father", "son",
	"daughter", "wife", "husband", "brother", "sister", "relative", "bodyguard", "jihadist",
	"extremist", "separatist", "cadre", "sub-inspector", "home-guard", "vendor", "owner", "manager",
	"personnel", "spo", "asi", "si", "dsp", "sp",
	"supervisor", "secretary", "president", "chairman", "governor", "minister", "mayor")

// thingNouns are counted things that cannot be killed, injured or
// arrested: a trigger near them belongs to someone else ("pumping three
// bullets into him leaving him dead", "wanted in several cases").
var thingNouns = set("bullets", "rounds", "shells", "weapons", "rifles", "guns", "pistols", "bombs", "ieds",
	"grenades", "mines", "landmines", "vehicles", "trucks", "jeeps", "buses", "cars", "houses", "buildings",
	"shops", "villages", "detonators", "explosives", "cartridges", "magazines", "motorcycles", "bikes",
	"towers", "camps", "bunkers", "cases", "case", "offences", "offenses", "crimes", "charges", "counts",
	"cows", "cattle", "goats", "animals", "dogs", "buffaloes", "kilograms", "tractors", "machines",
	"firearms", "arms", "items", "documents", "phones", "laptops", "incidents", "hideouts", "shots",
	"questions", "demands", "letters", "posters", "banners", "pamphlets", "districts", "states", "provinces",
	"countries", "points", "places", "sites", "years", "occasions")

// historyCues before a trigger in a sentence mark a background reference
// to earlier violence ("wanted in connection with the murder of four
// villagers", "involved in the attack ... in which 76 personnel were
// killed").
var historyCues = set("involved", "involvement", "wanted", "accused", "connection", "charged", "charges",
	"masterminded", "mastermind", "responsible", "cases", "case", "behind", "role", "convicted",
	"sentenced", "avenge", "revenge", "retaliation", "anniversary", "earlier", "previously", "ago")

// sides classify a head noun: the state's forces, armed groups, or
// civilians. Used to keep per-side tolls apart when totalling.
var sides = func() map[string]string {
	m := map[string]string{}
	for _, w := range splitWords("soldier soldiers troops trooper troopers jawan jawans personnel police policeman " +
		"policemen policewoman constable constables officer officers commando commandos guard guards forces " +
		"marines marine servicemen serviceman servicemembers paramilitary sepoy sepoys havildar inspector " +
		"inspectors sub-inspector sub-inspectors commandant commandants ranger rangers cops cop spo spos asi " +
		"si dsp sp airmen airman sailors pilot pilots army") {
		m[w] = SideState
	}
	for _, w := range splitWords("militant militants insurgent insurgents rebel rebels maoist maoists naxalite " +
		"naxalites naxal naxals cadre cadres terrorist terrorists extremist extremists fighter fighters " +
		"guerrilla guerrillas attacker attackers gunman gunmen bomber bombers jihadist jihadists taliban " +
		"ultra ultras separatists separatist dacoits operatives operative lwes lwe") {
		m[w] = SideArmed
	}
	for _, w := range splitWords("civilian civilians villager villagers people persons person resident residents " +
		"farmer farmers worker workers labourer labourers laborers woman women child children student students " +
		"teacher teachers trader traders businessman businessmen contractor contractors driver drivers " +
		"sarpanch headman informer informers passengers passenger pilgrims tribal tribals journalist " +
		"journalists mothers mother girls girl boys boy afghans pakistanis worshippers shoppers men man " +
		"employees employee " +
		"brothers brother son sons wife husband family relatives couple elders elder youths youth") {
		m[w] = SideCivilian
	}
	return m
}()

// fighterNouns name armed members; a count of them is a size estimate
// ("fighters" always, the others when the sentence says it estimates a
// strength).
var fighterNouns = set("fighters", "combatants", "militants", "members", "cadres", "men", "insurgents",
	"troops", "recruits", "followers", "jihadists", "rebels", "soldiers", "guerrillas", "operatives")

// sizeCues say that a sentence estimates a group's strength.
var sizeCues = set("estimated", "estimate", "estimates", "strength", "number", "numbered", "numbering",
	"ranks", "comprises", "comprising", "consists", "consisting", "boasts", "commands", "leads", "led",
	"strong", "size", "fielded", "deployed", "mustered")

// attackNouns make a count an aggregate of attacks.
var attackNouns = set("attacks", "attack", "incidents", "bombings", "blasts", "explosions", "ambushes",
	"assaults", "raids", "strikes", "operations", "killings", "massacres", "abductions", "kidnappings",
	"encounters", "clashes", "bombing", "blast", "explosion", "ambush", "assault", "raid", "strike",
	"incident", "massacre", "shootings", "shooting")

// nounMeanings give a count its meaning from its own noun ("100 deaths").
var nounMeanings = map[string]string{
	"deaths": Killed, "death": Killed, "dead": Killed, "fatalities": Killed, "fatality": Killed,
	"bodies": Killed, "body": Killed, "corpses": Killed, "lives": Killed,
	"injuries": Injured, "injured": Injured, "wounded": Injured,
	"hostages": Kidnapped, "hostage": Kidnapped, "captives": Kidnapped, "abductees": Kidnapped,
	"arrests": Arrested, "detentions": Arrested, "detainees": Arrested,
}

// stops end a noun phrase: prepositions, verbs that start a predicate,
// conjunctions, relative pronouns and the adjectives that follow their
// noun ("a facilitator responsible for attacks").
var stops = set("responsible", "loyal", "of", "in", "at", "on", "from", "with", "by", "for", "near", "during", "including",
	"to", "into", "under", "after", "before", "since", "while", "as", "along", "among", "across",
	"inside", "outside", "between", "against", "over", "through", "towards", "toward", "till", "until",
	"and", "or", "but", "nor", "who", "whom", "whose", "which", "that", "where", "when", "whereas",
	"was", "were", "is", "are", "be", "been", "being", "have", "has", "had", "will", "would", "could",
	"can", "may", "might", "shall", "should", "must", "did", "do", "does", "said", "say", "says",
	"also", "allegedly", "reportedly", "reported", "believed", "identified", "belonging", "each",
	"respectively", "so", "than", "then", "there", "here", "it", "they", "he", "she", "we", "the",
	"a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "not", "all", "both",
	"besides", "plus", "including", "like", "such", "per", "via", "amid", "within", "without",
	"about", "around", "carrying", "hailing", "led", "owing", "due", "according", "following",
	"ago", "later", "earlier", "now", "today", "yesterday", "tonight", "apiece", "too", "still",
	"either", "neither", "only", "just", "even", "had", "got", "get", "gets", "remain", "remained",
	"remains", "went", "came", "lay", "lie", "lies", "seemed", "appear", "appeared")

// boundaryWords end the search for a predicate to the right of a count:
// past them a verb belongs to another clause.
var boundaryWords = set("while", "whereas", "but", "who", "whom", "whose", "which", "when", "after",
	"before", "because", "although", "though", "whereupon", "where", "if", "unless", "since")

// beVerbs before a participle make it passive ("were killed").
var beVerbs = set("was", "were", "is", "are", "be", "been", "being", "got", "get", "gets", "getting")

// additive words say a count adds to others already reported in the
// document ("also", "two additional insurgents", "another").
var additive = set("also", "additional", "another", "further", "more", "other", "others", "too",
	"separately", "besides", "addition")

// determiners and possessives start an object noun phrase: after a
// transitive participle they make it active ("Maoists killed the headman").
var determiners = set("the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this",
	"that", "these", "those", "some", "several", "many", "all", "both", "each", "every", "any", "no",
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "scores",
	"hundreds", "thousands", "at", "more", "over", "nearly", "about", "around", "up")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
