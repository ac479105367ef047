package ner

// nationalities are words for peoples: nationalities, ethnic and religious
// groups, in lower case, singular and plural. A name the tagger reads as
// MISC is a nationality mention when its words are in this list (or are
// made of them: "Afghan-American"). Written by the dossier authors.
var nationalities = set(
	// nationalities
	"afghan", "afghans", "afghani", "albanian", "albanians", "algerian", "algerians", "american", "americans",
	"angolan", "argentine", "argentinian", "armenian", "armenians", "australian", "australians", "austrian",
	"azerbaijani", "azeri", "azeris", "bahraini", "bangladeshi", "bangladeshis", "belarusian", "belgian",
	"belgians", "bosnian", "bosnians", "brazilian", "brazilians", "british", "briton", "britons", "bulgarian",
	"burkinabe", "burmese", "cameroonian", "canadian", "canadians", "chadian", "chadians", "chechen",
	"chechens", "chilean", "chinese", "colombian", "colombians", "congolese", "croat", "croatian", "croats",
	"cuban", "cubans", "cypriot", "czech", "czechs", "dane", "danes", "danish", "dutch", "egyptian",
	"egyptians", "emirati", "emiratis", "english", "eritrean", "eritreans", "estonian", "ethiopian",
	"ethiopians", "european", "europeans", "filipino", "filipinos", "finn", "finnish", "french", "frenchman",
	"georgian", "georgians", "german", "germans", "ghanaian", "greek", "greeks", "hungarian", "hungarians",
	"icelandic", "indian", "indians", "indonesian", "indonesians", "iranian", "iranians", "iraqi", "iraqis",
	"irish", "israeli", "israelis", "italian", "italians", "ivorian", "jamaican", "japanese", "jordanian",
	"jordanians", "kazakh", "kazakhs", "kenyan", "kenyans", "korean", "koreans", "kosovar", "kuwaiti",
	"kuwaitis", "kyrgyz", "latvian", "lebanese", "liberian", "libyan", "libyans", "lithuanian", "macedonian",
	"malaysian", "malaysians", "malian", "malians", "mauritanian", "mexican", "mexicans", "moldovan",
	"mongolian", "moroccan", "moroccans", "mozambican", "nepalese", "nepali", "nigerian", "nigerians",
	"nigerien", "norwegian", "norwegians", "omani", "pakistani", "pakistanis", "palestinian",
	"palestinians", "peruvian", "polish", "pole", "poles", "portuguese", "qatari", "qataris", "romanian",
	"romanians", "russian", "russians", "rwandan", "saudi", "saudis", "scottish", "senegalese", "serb",
	"serbian", "serbs", "sierra leonean", "singaporean", "slovak", "slovenian", "somali", "somalis",
	"sudanese", "swede", "swedes", "swedish", "swiss", "syrian", "syrians", "taiwanese", "tajik",
	"tajiks", "tanzanian", "thai", "tunisian", "tunisians", "turk", "turkish", "turkmen", "turks",
	"ugandan", "ugandans", "ukrainian", "ukrainians", "uruguayan", "uzbek", "uzbeks", "venezuelan",
	"vietnamese", "welsh", "yemeni", "yemenis", "zambian", "zimbabwean",
	// regional and ethnic
	"african", "africans", "arab", "arabs", "arabian", "asian", "asians", "balkan", "baloch", "balochi",
	"baluch", "berber", "berbers", "caucasian", "fulani", "hausa", "hazara", "hazaras", "kurd", "kurdish",
	"kurds", "latin", "pashtun", "pashtuns", "pathan", "pathans", "persian", "persians", "punjabi",
	"punjabis", "rohingya", "sindhi", "somali", "tamil", "tamils", "tuareg", "turkic", "turkmens", "uyghur",
	"uyghurs", "uighur", "uighurs", "westerners", "yoruba", "igbo", "druze", "circassian",
	"assyrian", "assyrians", "chaldean", "yazidi", "yazidis", "yezidi", "alawite", "alawites",
	// religious
	"muslim", "muslims", "christian", "christians", "jew", "jews", "jewish", "sunni", "sunnis", "shia",
	"shias", "shiite", "shiites", "shi'ite", "shi'ites", "islamist", "islamists", "catholic",
	"catholics", "protestant", "protestants", "orthodox", "hindu", "hindus", "sikh", "sikhs", "buddhist",
	"buddhists", "salafi", "salafis", "salafist", "salafists", "wahhabi", "deobandi", "ismaili", "ismailis",
	"sufi", "sufis", "ahmadi", "ahmadis", "coptic", "copts", "zoroastrian",
)
