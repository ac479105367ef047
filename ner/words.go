package ner

// Word lists the first-pass rules read. Written by the dossier authors.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// connectors may join capitalised words inside one name ("Institute for
// Economics and Peace", "Islamic State of Iraq and Syria"). They are kept
// only when the whole name is a known one or carries a type cue.
var connectors = set("of", "for", "the", "and", "in", "de", "du", "del", "da", "van", "von")

// particles are lower-case parts of Arabic, Persian and European names
// that sit between capitalised parts ("Abu Bakr al-Baghdadi", "bin Laden").
var particles = set("al", "el", "bin", "ibn", "bint", "ul", "ud", "e", "i", "ad", "as", "ash", "ar")

// titles before a name make it a person's name. Lower case: the title is
// matched case-insensitively.
var titles = set("president", "vice-president", "spokesman", "spokesperson", "spokeswoman", "emir", "amir",
	"leader", "commander", "chief", "mullah", "mawlawi", "maulvi", "sheikh", "shaikh", "dr", "mr", "mrs",
	"ms", "prof", "professor", "researcher", "director", "adviser", "advisor", "secretary", "correspondent",
	"gen", "general", "lt", "col", "colonel", "maj", "major", "capt", "captain", "minister", "founder",
	"deputy", "expert", "analyst", "governor", "senator", "sen", "rep", "ambassador", "envoy", "king",
	"prince", "queen", "pope", "imam", "sergeant", "sgt", "journalist",
	"reporter", "author", "editor", "premier", "chancellor", "sultan", "caliph", "militant", "fighter",
	"officer", "official", "judge", "prosecutor", "mayor", "head")

// speechVerbs after a name make it a person's name ("Winter said").
var speechVerbs = set("said", "says", "told", "stated", "states", "tweeted", "warned", "wrote", "writes",
	"added", "observed", "noted", "speculated", "argued", "explained", "claimed", "announced", "asked",
	"replied", "insisted", "suggested", "recalled", "believes", "thinks", "contributed", "vowed",
	"confirmed", "denied", "admitted", "declared", "reported")

// nameParts mark a run of capitalised words as a person's name.
var nameParts = set("Abu", "Abdul", "Abd", "Abdel", "Abdal", "Mohammed", "Muhammad", "Mohammad", "Mohamed",
	"Ahmad", "Ahmed", "Ali", "Hafiz", "Hafez", "Sheikh", "Mullah", "Maulana", "Mawlawi", "Umar", "Omar",
	"Osama", "Ayman", "Khalid", "Hamid", "Hassan", "Hussein", "Hussain", "Ibrahim", "Yusuf", "Yousuf",
	"Saeed", "Said", "Khan", "Shah", "Mir", "Syed", "Sayed", "Sayyid", "Zabihullah", "Zabiullah")

// orgCues as a name's last word make it an organisation.
var orgCues = set("Department", "Council", "Institute", "University", "Center", "Centre", "Agency", "Office",
	"Commission", "Ministry", "Government", "Committee", "Court", "Police", "Party", "Organization",
	"Organisation", "Foundation", "Bank", "Association", "Service", "Services", "Corporation", "Company",
	"News", "Radio", "Press", "Times", "Post", "Journal", "Shura", "Secretariat", "School", "College",
	"Academy", "Administration", "Senate", "Congress", "Parliament", "Assembly", "Bureau", "Directorate",
	"Command", "Trust", "Media", "Investments", "Forces", "Guard", "Nations", "Union", "Program",
	"Programme", "Project", "Network", "Group", "Fund", "Society", "Federation", "Board", "Cabinet", "Tribunal")

// groupCues anywhere in a name make it an armed group (these win over orgCues).
var groupCues = set("Taliban", "Army", "Front", "Movement", "Brigade", "Brigades", "Militia", "Mujahideen",
	"Mujahidin", "Jihad", "Qaeda", "Qaida", "Shabaab", "Shabab", "Lashkar", "Jaish", "Tehrik", "Tehreek",
	"Harakat", "Ansar", "Hizb", "Hezb", "Jamaat", "Jamaat-ul-Ahrar", "Caliphate", "Emirate", "Insurgents",
	"Rebels", "Mujahedeen")

// facilityCues as a name's last word make it a facility; lower-case ones may
// follow a capitalised name ("Kabul airport").
var facilityCues = set("airport", "embassy", "prison", "hospital", "base", "mosque", "stadium", "hotel",
	"hall", "palace", "consulate", "barracks", "camp", "checkpoint", "shrine", "church", "temple", "school",
	"university", "bridge", "dam", "port", "station", "market", "bazaar", "compound", "ward", "complex",
	"building", "airfield", "restaurant", "cafe", "café", "cafeteria", "theatre", "theater", "cinema",
	"synagogue", "cathedral", "mall", "terminal", "museum", "courthouse")

// facilityPrefixes open the names of military camps and forts ("Camp
// Shorabak", "Fort Hood", "FOB Salerno"): the name after them is often a
// person's or a place's, which must not decide the type.
var facilityPrefixes = set("Camp", "Fort", "FOB")

// streetWords end street names ("Oxford Street", "Cavehill Road") and
// streetPrefixes open them in the languages that put the word first ("Rue
// Victor Hugo", "Calle del Correo"); a street is a place, whatever person
// it is named after.
var streetWords = set("Street", "Road", "Avenue", "Boulevard", "Lane", "Square", "Highway")
var streetPrefixes = set("Rue", "Calle", "Via", "Avenida", "Boulevard", "Avenue", "Plaza", "Piazza")

// placeCues after a name make it a place ("Kunar province").
var placeCues = set("province", "provinces", "district", "districts", "city", "region", "valley", "village",
	"town", "county", "state", "governorate", "oblast", "area", "border")

// placePrepositions before a single unknown capitalised word suggest a place.
var placePrepositions = set("in", "near", "outside", "across", "from", "into")

// notNames are capitalised words that start sentences or stand alone but do
// not name anything: function words, months, days, common headline words.
var notNames = set("The", "A", "An", "In", "On", "At", "For", "From", "With", "As", "But", "And", "Or", "If",
	"When", "While", "Since", "After", "Before", "During", "This", "That", "These", "Those", "It", "Its",
	"Their", "They", "He", "She", "We", "Our", "His", "Her", "There", "Here", "What", "Who", "How", "Why",
	"Where", "Which", "Yet", "Yes", "No", "Such", "Some", "Many", "Much", "Most", "One", "Two", "Three",
	"Both", "Each", "Every", "All", "Any", "Other", "Another", "Over", "Under", "Until", "Among", "Between",
	"Although", "Though", "Because", "Instead", "Rather", "Finally", "Moreover", "Additionally", "However",
	"Indeed", "Recently", "Today", "Last", "Next", "Around", "According", "Following", "Note", "Photo",
	"I", "You", "Your", "My", "Me", "Us", "Them", "Him", "To", "By", "Of", "Not", "So", "Then", "Thus",
	"Also", "Even", "Only", "Just", "Still", "Already", "Now", "Then", "Again", "First", "Second", "Third",
	"Previous", "Former", "Current", "New", "Much", "Few", "More", "Less", "Several", "Despite", "Without",
	"Within", "Through", "Throughout", "Against", "Toward", "Towards", "Upon", "About", "Above", "Below",
	"Further", "Meanwhile", "Nevertheless", "Therefore", "Hence", "Overall", "Abroad", "Ahead", "Back",
	"Post", "Pre", "Anti", "Pro", "Non", "Explainer", "Breaking", "Watch", "WATCH", "Read", "See",
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
	"November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	"Islamic", "Islam", "Muslim", "Muslims", "Sunni", "Shia", "Shi'ite", "Shiite", "Salafi", "Salafis",
	"Salafism", "Sharia", "Shariah", "Allah", "God", "Western", "West", "East", "North", "South",
	"Eastern", "Northern", "Southern", "Central", "Caliphate", "Jihadi", "Jihadist", "Ummah", "Leadership",
	"Areas", "Base", "Ideological", "Topics", "Content", "Accessibility", "Beyond", "Behind", "Beneath",
	"Besides", "Inside", "Outside", "Across", "Along", "Alongside", "Amid", "Amidst", "Near", "Away",
	"Together", "Elsewhere", "Everywhere", "Nowhere", "Anywhere", "Somewhere")

// months and days never name places or people on their own.
var calendarWords = set("January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday", "Sunday", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
	"Oct", "Nov", "Dec")

// articles open runs without being part of the name ("The Taliban").
var articles = set("The", "A", "An")

// memberWords after a group's name are its members: "Haqqani leader".
var memberWords = set("leader", "leaders", "commander", "commanders", "sub-commander", "facilitator", "facilitators",
	"fighter", "fighters", "member", "members", "militant", "militants", "official", "officials", "operative",
	"operatives", "financier", "emir", "spokesman", "cell", "network", "operations")
