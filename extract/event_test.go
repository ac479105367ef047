package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

// eventString writes an event as "type/subtype date @place perp>targets
// claim:claimants killed:min-max injured:... arrested:...".
func eventString(e *dossier.Event) string {
	fig := func(qs []dossier.Quantity) string {
		var out []string
		for _, q := range qs {
			max := "+"
			if q.Max != nil {
				max = fmt.Sprintf("-%d", *q.Max)
			}
			out = append(out, fmt.Sprintf("%d%s", q.Min, max))
		}
		return strings.Join(out, ",")
	}
	s := e.Type + "/" + e.Subtype + " " + dash(e.Date) + " @" + dash(e.Place) + " " +
		strings.Join(e.Perpetrators, ",") + ">" + strings.Join(e.Targets, ",")
	if len(e.Claimants) > 0 {
		s += " claim:" + strings.Join(e.Claimants, ",")
	}
	if len(e.TargetDescriptions) > 0 {
		s += " aimed:" + strings.Join(e.TargetDescriptions, ",")
	}
	if f := fig(e.Killed); f != "" {
		s += " killed:" + f
	}
	if f := fig(e.Injured); f != "" {
		s += " injured:" + f
	}
	if f := fig(e.Arrested); f != "" {
		s += " arrested:" + f
	}
	if f := fig(e.Kidnapped); f != "" {
		s += " kidnapped:" + f
	}
	return s
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		published string
		ms        []tm
		want      []string
	}{
		{"dated suicide bombing with a summed toll",
			"On 26 August 2021, a suicide bomber attacked crowds outside Kabul airport, killing 72 Afghans and 13 American soldiers.", "",
			[]tm{{"Kabul airport", "kabul-airport", dossier.Facility}},
			[]string{"attack/suicide bombing 2021-08-26 @kabul-airport > killed:85-85"}},
		{"relative date against the publication date; claim of responsibility",
			"Gunmen stormed a school in Peshawar yesterday. The Pakistani Taliban claimed responsibility for the attack.", "2014-12-17",
			[]tm{plc("Peshawar", "peshawar"), grp("Pakistani Taliban", "ttp")},
			[]string{"attack/armed assault 2014-12-16 @peshawar ttp> claim:ttp aimed:a school"}},
		{"the camp attacked is the target and the place",
			"On 1 March 2019, Taliban gunmen and suicide bombers attacked Camp Shorabak in Helmand Province, Afghanistan.", "",
			[]tm{grp("Taliban", "taliban"), {"Camp Shorabak", "shorabak", dossier.Facility}, plc("Helmand Province", "helmand"), plc("Afghanistan", "af")},
			[]string{"attack/suicide bombing 2019-03-01 @shorabak taliban>shorabak"}},
		{"a building hit in the passive",
			"The Murrah Federal Building in Oklahoma City was shattered by an explosion on April 19, 1995, killing 168 people.", "",
			[]tm{{"Murrah Federal Building", "murrah", dossier.Facility}, plc("Oklahoma City", "okc")},
			[]string{"attack/bombing 1995-04-19 @murrah >murrah killed:168-168"}},
		{"the agent after a description of it",
			"A bomb exploded at a cafe in Madrid on 13 September 1974, killing 13 people. The attack is widely believed to have been carried out by the armed Basque separatist group ETA.", "",
			[]tm{plc("Madrid", "madrid"), grp("ETA", "eta")},
			[]string{"attack/bombing 1974-09-13 @madrid eta> killed:13-13"}},
		{"a person killed in a clash is its target",
			"On 19 April 2013, Tamerlan Tsarnaev was killed in a gun battle with police in Watertown.", "",
			[]tm{per("Tamerlan Tsarnaev", "tamerlan"), plc("Watertown", "watertown")},
			[]string{"clash/ 2013-04-19 @watertown >tamerlan killed:1-1"}},
		{"capturing someone's ground is no arrest",
			"US-backed militias captured IS’ last remaining territory in March 2019. The Taliban captured the group's last stronghold in Kunar.", "",
			[]tm{grp("IS", "is"), grp("Taliban", "taliban"), plc("Kunar", "kunar")},
			nil},
		{"a threat is not an event",
			"Officials warned that an attack on the embassy in Kabul was likely.", "2021-08-20",
			[]tm{plc("Kabul", "kabul")}, nil},
		{"a kind of activity is not an event",
			"The Front carries out attacks on police stations.", "2021-08-20",
			[]tm{grp("The Front", "front")}, nil},
		{"tallies are attributes, not events",
			"Between 2017-2018, the Front launched 84 attacks in Afghanistan.", "",
			[]tm{grp("the Front", "front"), plc("Afghanistan", "af")}, nil},
		{"passive victims are targets; arrests",
			"Three Front cadres were arrested by the Police in Gumla District on 3 May 2012.", "",
			[]tm{grp("Front", "front"), plc("Gumla District", "gumla")},
			[]string{"arrest/ 2012-05-03 @gumla >front arrested:3-3"}},
		{"a modifier is not a trigger",
			"Coalition forces detained a Front improvised explosive device commander in Logar on 1 September 2010.", "",
			[]tm{grp("Front", "front"), plc("Logar", "logar")},
			[]string{"arrest/ 2010-09-01 @logar >front arrested:1-1"}},
		{"the toll in the next sentence belongs to the event",
			"Two explosions ripped through the market in Kunduz on 3 March 2020. At least 20 people died and 40 were wounded.", "",
			[]tm{plc("Kunduz", "kunduz")},
			[]string{"attack/bombing 2020-03-03 @kunduz > killed:20+ injured:40-40"}},
		{"a drone strike by a state names it perpetrator and the group target",
			"A US drone strike killed two Front commanders in Nangarhar on 5 June 2019.", "",
			[]tm{plc("US", "us"), grp("Front", "front"), plc("Nangarhar", "nangarhar")},
			[]string{"strike/drone strike 2019-06-05 @nangarhar us>front killed:2-2"}},
		{"a pledge names whom it is made to; a bomb dropped is an air strike; 'days later' keeps the year",
			"In January 2015 the Front released a video declaring allegiance to Abu Bakr al-Baghdadi. In 2017, the U.S. military dropped the largest bomb in its arsenal on a cave complex in Nangarhar. Days later it killed two soldiers in Manbij.", "",
			[]tm{grp("the Front", "front"), per("Abu Bakr al-Baghdadi", "baghdadi"), plc("U.S.", "us"), plc("Nangarhar", "nangarhar"), plc("Manbij", "manbij")},
			[]string{"pledge/ 2015-01 @- front>baghdadi", "strike/air strike 2017 @nangarhar us> aimed:a cave complex", "attack/ 2017 @manbij > killed:2-2"}},
		{"an undated document's day and month take the year of its own full dates",
			"This note was finished on August 28, 2021. On Sunday, August 29, a drone strike hit a car in Kabul.", "",
			[]tm{plc("Kabul", "kabul")},
			[]string{"strike/drone strike 2021-08-29 @kabul > aimed:a car"}},
		{"hostages are counted",
			"Gunmen kidnapped 12 aid workers in Kunar on 4 April 2019.", "",
			[]tm{plc("Kunar", "kunar")},
			[]string{"attack/kidnapping 2019-04-04 @kunar > kidnapped:12-12"}},
		{"an undated event takes the day its paragraph gave (and its place in Merge: TestInheritedPlace)",
			"A patrol found a weapons cache in Zurmat yesterday. The patrol detained two men.", "2011-05-25",
			[]tm{plc("Zurmat", "zurmat")},
			[]string{"arrest/ 2011-05-24 @- > arrested:2-2"}},
		{"'Its' opening a paragraph is the group the sentence before opens with",
			"Islamic State-Khorasan, the Islamic State offshoot, has been behind some of the deadliest operations.\n\nIts record includes a 2020 assault by gunmen on a maternity ward in Kabul, killing 24 people.", "",
			[]tm{grp("Islamic State-Khorasan", "isk"), grp("Islamic State#2", "is"), plc("Kabul", "kabul")},
			[]string{"attack/armed assault 2020 @kabul isk> killed:24-24"}},
		{"a headline reports a killing in the present",
			"Maoists kill two civilians in Bijapur on 3 May 2012.", "",
			[]tm{plc("Bijapur", "bijapur")},
			[]string{"attack/ 2012-05-03 @bijapur > killed:2-2"}},
		{"but an attempt to kill is no killing",
			"Maoists tried to kill a trader in Bijapur on 3 May 2012.", "",
			[]tm{plc("Bijapur", "bijapur")},
			nil},
		{"nor a wish to attack",
			"The group wants to attack the capital.", "",
			nil,
			nil},
		{"a headline's present tense reports an abduction",
			"Maoists abduct two traders in Bijapur on 3 May 2012.", "",
			[]tm{plc("Bijapur", "bijapur")},
			[]string{"attack/kidnapping 2012-05-03 @bijapur > kidnapped:2-2"}},
		{"taking ground is no arrest",
			"Reports emerged of revenge killings as the Taliban captured territory in Kunduz on 5 August 2021.", "",
			[]tm{grp("Taliban", "taliban"), plc("Kunduz", "kunduz")},
			nil},
		{"the group a killed member belongs to is the target",
			"Afghan forces killed a Taliban sub-commander in Kunduz on 18 June 2010.", "",
			[]tm{grp("Taliban", "taliban"), plc("Kunduz", "kunduz")},
			[]string{"attack/ 2010-06-18 @kunduz >taliban killed:1-1"}},
		{"violence the sentence refers back to is not its event",
			"Police arrested a Maoist cadre in Giridih on 10 July 2015 in connection with a blast in a government building.", "",
			[]tm{plc("Giridih", "giridih")},
			[]string{"arrest/ 2015-07-10 @giridih > arrested:1-1"}},
		{"a headline's roundup of places locates none of its incidents",
			"Militants Detained In Kandahar, Wardak, Khowst\n\nForces detained two militants in Ghazni province on 21 December 2010.", "",
			[]tm{plc("Kandahar", "kandahar"), plc("Wardak", "wardak"), plc("Khowst", "khowst"), plc("Ghazni", "ghazni")},
			[]string{"arrest/ 2010-12-21 @ghazni > arrested:2-2"}},
		{"but a list in running text places the event at its first",
			"Police arrested four cadres in the forests of Hazaribagh, Bokaro and Giridih on 2 May 2012.", "",
			[]tm{plc("Hazaribagh", "hazaribagh"), plc("Bokaro", "bokaro"), plc("Giridih", "giridih")},
			[]string{"arrest/ 2012-05-02 @hazaribagh > arrested:4-4"}},
		{"or the day of the paragraph before, when that paragraph reported no event of its own",
			"A patrol found a weapons cache in Zurmat yesterday.\n\nThe patrol detained two men.", "2011-05-25",
			[]tm{plc("Zurmat", "zurmat")},
			[]string{"arrest/ 2011-05-24 @- > arrested:2-2"}},
		{"but not the day of a paragraph with its own event",
			"Gunmen killed two policemen in Zurmat yesterday.\n\nA patrol detained three men.", "2011-05-25",
			[]tm{plc("Zurmat", "zurmat")},
			[]string{"attack/armed assault 2011-05-24 @zurmat > killed:2-2", "arrest/ - @- > arrested:3-3"}},
		{"nor of a paragraph two back",
			"A patrol found a weapons cache in Zurmat yesterday.\n\nIt was large.\n\nThe patrol detained two men.", "2011-05-25",
			[]tm{plc("Zurmat", "zurmat")},
			[]string{"arrest/ - @- > arrested:2-2"}},
		{"the lead under a dateline on its own line takes the dateline's day",
			"KABUL, Afghanistan (Oct. 5, 2011)\nIn Ghorak district, a combined force detained two suspected insurgents.", "2011-10-05",
			[]tm{plc("KABUL", "kabul"), plc("Afghanistan", "af"), plc("Ghorak district", "ghorak")},
			[]string{"arrest/ 2011-10-05 @ghorak > arrested:2-2"}},
		{"engaging insurgents is a clash",
			"An air weapons team engaged armed insurgents in Kajaki on 26 March 2011, killing more than 30 insurgents.", "",
			[]tm{plc("Kajaki", "kajaki")},
			[]string{"clash/ 2011-03-26 @kajaki > killed:30+"}},
		{"one person killed by pronoun or by name",
			"Assessing a threat, the force fired at the man in Kajaki on 26 March 2011, killing him. On 2 April 2011 a force killed Taliban leader Abu Omar in Zurmat.", "",
			[]tm{plc("Kajaki", "kajaki"), grp("Taliban", "taliban"), per("Abu Omar", "p1"), plc("Zurmat", "zurmat")},
			[]string{"attack/ 2011-03-26 @kajaki > killed:1-1", "attack/ 2011-04-02 @zurmat >taliban killed:1-1"}},
		{"attacks someone planned do not hide his capture",
			"The force captured a commander, who planned bomb attacks, in Logar on 19 September 2010.", "",
			[]tm{plc("Logar", "logar")},
			[]string{"arrest/ 2010-09-19 @logar > arrested:1-1"}},
		{"a month without a year keeps a report apart from one of another day",
			"Gunmen attacked a hotel in Kabul on August 26. A gunbattle between police and Front fighters in Jalalabad in February damaged a house.", "",
			[]tm{plc("Kabul", "kabul"), grp("Front", "front"), plc("Jalalabad", "jalalabad")},
			[]string{"attack/armed assault - @kabul > aimed:a hotel", "clash/ - @jalalabad front>"}},
		{"last week names no day",
			"The Front's attack in Kabul last week killed 85 people.", "2021-08-28",
			[]tm{grp("Front", "front"), plc("Kabul", "kabul")},
			[]string{"attack/ 2021-08 @kabul front> killed:85-85"}},
		{"a country naming an actor is not where",
			"The group survived a campaign of U.S. air strikes. In 2017, the U.S. military dropped a large bomb on a cave complex.", "",
			[]tm{plc("U.S.", "us"), plc("U.S.", "us")},
			[]string{"strike/air strike 2017 @- > aimed:a cave complex"}},
		{"an additional detainee adds to the count",
			"The force captured a Front facilitator in Balkh on 3 May 2011. The security force detained one additional suspected insurgent during the operation.", "",
			[]tm{grp("Front", "front"), plc("Balkh", "balkh")},
			[]string{"arrest/ 2011-05-03 @balkh >front arrested:2-2"}},
		{"a possessive reference goes to the incident reported, not to talk of attacks",
			"On 26 August 2021 gunmen attacked a hotel in Kabul. Officials warned that further attacks at the hotel may follow. The Front’s deadly attack last week was meant to shock.", "2021-08-30",
			[]tm{plc("Kabul", "kabul"), grp("The Front", "front")},
			[]string{"attack/armed assault 2021-08-26 @kabul front> aimed:a hotel"}},
		{"a toll over many strikes, nowhere and at no time, is no incident",
			"The Front survived a campaign that included the killing of a number of its leaders in air strikes.", "",
			[]tm{grp("The Front", "front")}, nil},
		{"a clash's sides are its actors; 'it' stands for the one group named just before",
			"The Front was founded in 2015. It also targeted Russia by bombing the embassy in Kabul in September 2022. A gunbattle between police and Delta Army fighters in Jalalabad on 3 February 2021 damaged a house.", "",
			[]tm{grp("The Front", "front"), plc("Russia", "ru"), plc("Kabul", "kabul"), grp("Delta Army", "delta"), plc("Jalalabad", "jalalabad")},
			[]string{"attack/bombing 2022-09 @kabul front>", "clash/ 2021-02-03 @jalalabad delta>"}},
		{"the target of a retaliation is not the attack's",
			"On 27 August 2021 the president vowed to retaliate against the Front for the airport attack in Kabul.", "",
			[]tm{grp("the Front", "front"), plc("Kabul", "kabul")},
			[]string{"attack/ 2021-08-27 @kabul >"}},
		{"a group named as a modifier is not the subject",
			"Much was made of this in Front propaganda, just as the group celebrated its attack at the hotel in Kabul on 26 August 2021.", "",
			[]tm{grp("Front", "front"), plc("Kabul", "kabul")},
			[]string{"attack/ 2021-08-26 @kabul >"}},
		{"the parent in an apposition is not the subject",
			"An official statement from the Front, the affiliate of the Delta Army (DA) in the region, has claimed responsibility for the attack on a hotel in Kabul on 26 August 2021.", "",
			[]tm{grp("the Front", "front"), grp("the Delta Army", "delta"), grp("DA", "delta"), plc("Kabul", "kabul")},
			[]string{"attack/ 2021-08-26 @kabul front> claim:front aimed:a hotel"}},
		{"a target is in the trigger's clause",
			"The State Department designated the Front a terrorist organisation in January 2016, and the Front was soon among the deadliest groups on the Institute's index.", "",
			[]tm{org("The State Department", "state"), grp("the Front", "front"), org("Institute", "iep")},
			[]string{"designation/ 2016-01 @- state>front"}},
		{"a reaction is not perpetration",
			"The Taliban condemned the bombing in Kabul on 8 May 2021, which killed 85 people.", "",
			[]tm{grp("Taliban", "taliban"), plc("Kabul", "kabul")},
			[]string{"attack/bombing 2021-05-08 @kabul > killed:85-85"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Read(testInput(t, tc.text, tc.published, tc.ms...))
			var got []string
			for _, e := range r.Events {
				got = append(got, eventString(e))
				if len(e.Claims) == 0 {
					t.Errorf("event %s cites no claim", eventString(e))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("%s\n got  %q\n want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestTallyAttribute(t *testing.T) {
	r := Read(testInput(t, "Between 2017-2018, the Front launched 84 attacks in Afghanistan.", "",
		grp("the Front", "front"), plc("Afghanistan", "af")))
	var found bool
	for _, a := range r.Attributes {
		if a.Name == "attacks" && a.Entity == "front" && a.Quantity != nil && a.Quantity.Min == 84 && a.Value == "2017/2018" {
			found = true
		}
	}
	if !found {
		t.Errorf("no tally attribute among %+v", r.Attributes)
	}
}

func TestClaimedVia(t *testing.T) {
	r := Read(testInput(t, "On 22 March 2024, the Front in a statement claimed responsibility for the attack on the concert hall through its news agency Amaq on Telegram.", "",
		grp("the Front", "front"), org("Telegram", "telegram")))
	if len(r.Events) == 1 && len(r.Events[0].Targets) > 0 {
		t.Errorf("the channel of the claim is a target: %v", r.Events[0].Targets)
	}
	if len(r.Events) != 1 || r.Events[0].ClaimedVia != "through its news agency Amaq on Telegram" {
		for _, e := range r.Events {
			t.Logf("%s via %q", eventString(e), e.ClaimedVia)
		}
		t.Errorf("claimed via not read")
	}
}

func TestLeaderLists(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"respectively pairs as many years",
			"The Front's chiefs, including Abu Omar, Abu Bakr, and Abu Zaid, were killed in strikes in 2016, 2017 and 2018, respectively.",
			[]string{"p1 leader_of front - 2016", "p2 leader_of front - 2017", "p3 leader_of front - 2018"}},
		{"more people than years are not paired",
			"The Front's founding emir, Abu Omar, and the chiefs, including Abu Bakr, and Abu Zaid, were killed in strikes in 2016 and 2017, respectively.",
			[]string{"p2 leader_of front - -", "p3 leader_of front - -"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := testInput(t, tc.text, "", grp("Front", "front"), per("Abu Omar", "p1"), per("Abu Bakr", "p2"), per("Abu Zaid", "p3"))
			r := &Report{claimed: map[string]bool{}}
			in.text = []rune(in.Doc.Text)
			in.bySent = map[int][]Mention{}
			for _, m := range in.Mentions {
				in.bySent[m.Sentence] = append(in.bySent[m.Sentence], m)
			}
			for i, sp := range in.Sentences {
				leaderLists(newSentence(in, i, sp), r)
			}
			if got := relStrings(r.Relations); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDescribedPerpetrators(t *testing.T) {
	for _, tc := range []struct {
		text string
		ms   []tm
		want string
	}{
		{"Three Front cadres were killed by the Police in an encounter in Gumla District on 3 May 2012.",
			[]tm{grp("Front", "front"), plc("Gumla District", "gumla")}, "police"},
		{"The Police arrested two Front cadres in Gumla District on 3 May 2012.",
			[]tm{grp("Front", "front"), plc("Gumla District", "gumla")}, "police"},
		{"Gunmen stormed a school in Peshawar on 16 December 2014.", []tm{plc("Peshawar", "peshawar")}, "gunmen"},
		{"Two cadres were arrested in Gumla District on 3 May 2012.", []tm{plc("Gumla District", "gumla")}, ""},
		// An arrest's agent may stand further off than an attacker's.
		{"Three cadres were arrested during an area domination exercise by security personnel in Gumla District on 3 May 2012.",
			[]tm{plc("Gumla District", "gumla")}, "security personnel"},
		{"Police seized 1,500 detonators, 200 pieces of power gel and five kilograms of ammonium nitrate and arrested a cadre in Gumla District on 3 May 2012.",
			[]tm{plc("Gumla District", "gumla")}, "police"},
	} {
		r := Read(testInput(t, tc.text, "", tc.ms...))
		if len(r.Events) != 1 {
			t.Errorf("%s: %d events", tc.text, len(r.Events))
			continue
		}
		if got := strings.Join(r.Events[0].PerpetratorDescriptions, ","); got != tc.want {
			t.Errorf("%s: described perpetrator %q, want %q", tc.text, got, tc.want)
		}
	}
}

// An event whose sentence names no place is placed where the sentence
// before it in the same paragraph says, once the reports are merged.
func TestInheritedPlace(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"An ISAF patrol spotted armed insurgents in Zurmat district, Paktia province. Coalition forces engaged the enemy position on 4 May 2011, killing three insurgents.", "paktia"},
		{"An ISAF patrol spotted armed insurgents in Zurmat district, Paktia province.\n\nCoalition forces engaged the enemy position on 4 May 2011, killing three insurgents.", "paktia"},
		{"An ISAF patrol spotted armed insurgents in Zurmat district, Paktia province.\n\nIt was late.\n\nCoalition forces engaged the enemy position on 4 May 2011, killing three insurgents.", ""},
	} {
		in := testInput(t, tc.text, "", plc("Zurmat district", "zurmat"), plc("Paktia province", "paktia"))
		r := Read(in)
		ents := []*dossier.Entity{
			{ID: "zurmat", Type: dossier.Place, Name: "Zurmat district"},
			{ID: "paktia", Type: dossier.Place, Name: "Paktia province", Place: &dossier.PlaceInfo{Country: "AF", Admin1: "Paktia"}},
		}
		f := Merge([]*Report{r}, ents, nil)
		if len(f.Events) != 1 || f.Events[0].Place != tc.want {
			for _, e := range f.Events {
				t.Logf("%s", eventString(e))
			}
			t.Errorf("%q: want one event at %q", tc.text, tc.want)
		}
	}
}

// A casualty figure keeps who it counts, part by part, as the text words it.
func TestCounted(t *testing.T) {
	r := Read(testInput(t, "On 26 August 2021, a suicide bomber attacked crowds outside Kabul airport, killing 72 Afghans and 13 American soldiers.", "",
		tm{"Kabul airport", "kabul-airport", dossier.Facility}))
	if len(r.Events) != 1 || len(r.Events[0].Killed) != 1 {
		t.Fatalf("want one event with one killed figure, got %d events", len(r.Events))
	}
	got := strings.Join(r.Events[0].Killed[0].Counted, "|")
	if got != "72 Afghans|13 American soldiers" {
		t.Errorf("counted %q, want %q", got, "72 Afghans|13 American soldiers")
	}
}
