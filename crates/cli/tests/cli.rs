//! End-to-end tests over the `attache` binary, with sentences written for these tests.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn attache(args: &[&str], stdin: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn attache");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn events(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect()
}

fn codes(side: &Value) -> Vec<String> {
    side.as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect()
}

/// (doc id, text) pairs coded in one run, events grouped by doc id.
fn code_docs(docs: &[(&str, &str)]) -> std::collections::HashMap<String, Vec<Value>> {
    let input: String = docs
        .iter()
        .map(|(id, text)| {
            serde_json::json!({"id": id, "date": "2025-02-17", "text": text}).to_string() + "\n"
        })
        .collect();
    let (out, err, code) = attache(&["code", "--format", "jsonl"], &input);
    assert_eq!(code, 0, "stderr: {err}");
    let mut by: std::collections::HashMap<String, Vec<Value>> = std::collections::HashMap::new();
    for e in events(&out) {
        by.entry(e["doc_id"].as_str().unwrap().to_string())
            .or_default()
            .push(e);
    }
    by
}

/// The events of document `id`; none if the document coded nothing.
fn events_of<'a>(by: &'a std::collections::HashMap<String, Vec<Value>>, id: &str) -> &'a [Value] {
    by.get(id).map_or(&[], Vec::as_slice)
}

/// Does any of `evs` carry a CAMEO code starting with `prefix`?
fn any_coded(evs: &[Value], prefix: &str) -> bool {
    evs.iter()
        .any(|e| e["cameo"].as_str().unwrap().starts_with(prefix))
}

fn find<'a>(evs: &'a [Value], cameo_prefix: &str) -> &'a Value {
    evs.iter()
        .find(|e| e["cameo"].as_str().unwrap().starts_with(cameo_prefix))
        .unwrap_or_else(|| panic!("no {cameo_prefix} event in {evs:#?}"))
}

#[test]
fn coding_phenomena() {
    let by = code_docs(&[
        ("svo", "French troops attacked a rebel camp held by Malian insurgents near Gao."),
        ("passive", "A Turkish convoy was attacked by Kurdish militants on Sunday."),
        ("compound", "Germany and France condemned the coup in Niger."),
        ("title", "Indian Foreign Minister Subrahmanyam Jaishankar visited Moscow."),
        ("relative", "Rubio, who spoke by phone with Chinese officials on Friday, will meet Japanese diplomats."),
        ("possessive", "Moscow's invasion of Ukraine continued."),
        ("pronoun", "Netanyahu flew to Washington on Monday. He met Senate leaders."),
        ("reported", "Officials in Kyiv said Russian drones struck a power plant in Ukraine."),
        ("none", "The committee said the weather would improve by Friday."),
        ("negated", "Iran denied sending weapons to the Houthis."),
        ("truce", "Israeli troops shelled Hamas positions in Gaza for weeks. A shaky truce, agreed last month, is holding."),
        ("must", "The foreign secretary of Britain said that Iran must comply with the inspectors."),
        ("armed", "A police post was attacked by Somali militants armed with rifles."),
        ("claim", "Islamic State claimed responsibility for the bombing of a market in Baghdad."),
        ("hearing", "Kenya's high court opened a hearing on Wednesday into the detention of opposition leaders."),
        ("reduced", "A Russian missile strike on a clinic treating wounded villagers killed 9 people."),
        ("gerunds", "Sudanese troops shelled a market in Omdurman, killing six traders and wounding 14."),
        ("tariff", "Ottawa imposed a 25% tariff on American steel."),
        ("such", "Yemen's Houthis fired missiles at Israel on Friday, and the group said it would launch more such attacks."),
        ("unclaimed", "A roadside bomb attack near Kandahar on Monday killed 14 soldiers, officials said."),
        ("fled", "About 30,000 people have fled Kharkiv since the shelling began in May, the UN said."),
        ("quiet", "The attack on the convoy was condemned by local elders."),
        ("landmine", "A landmine explosion near Kunduz killed three Afghan soldiers on Tuesday."),
        ("takeover", "Last year the Dutch insurer fought off a hostile bid by a Belgian investor."),
        ("visitof", "Officials prepared for the state visit of Brazilian President Lula to Tokyo next month."),
        ("purpose", "A Qatari delegation is expected in Kabul on Sunday for security talks."),
        ("owner", "Iran's new drones could hit American bases in the Gulf, a commander warned."),
        ("nocomment", "Sen. Maria Lopez declined to comment on the report."),
        ("itgov", "The Chilean government said it would expel two Bolivian diplomats."),
        ("again", "The junta reimposed a curfew in Bamako on Friday."),
        ("nato", "Nato condemned the missile strikes on Kyiv."),
        ("protest", "Hundreds of Kenyan nurses staged a sit-in on Monday to protest the government's pay freeze."),
        ("walkout", "Nigerian teachers began a strike on Monday over unpaid salaries."),
        ("anaphor", "Pakistani jets bombed Taliban camps in Afghanistan on Sunday. Afghan officials said the air strikes killed 12 civilians."),
        ("possessed", "Egypt offered troops to Niger's president."),
        ("inherit", "Rebels in Darfur attacked a police station."),
        ("dateline", "TOKYO, March 3 - Police arrested two protesters on Monday."),
        ("foreign", "Egyptian police detained foreign students."),
        ("coordinated", "Israeli jets and tanks shelled the town."),
        ("ruling", "Members of the ruling party held rallies against the government."),
        ("followers", "About 300 followers of the former president blocked roads in Algiers."),
        ("further", "Iraqi jets launched further air strikes on Mosul."),
        ("located", "Miners at a copper mine in Chile went on strike on Monday."),
        ("peacekeepers", "Irish peacekeepers arrived in Beirut on Friday."),
        ("epidemic", "Cuba sent doctors to fight the cholera epidemic in Haiti."),
        ("lifted", "The EU lifted sanctions on Cuba."),
        ("passivelift", "Sanctions against Cuba were lifted by the European Union."),
        ("stative", "Egypt is opposed to Turkish mediation in the dispute."),
        ("callwarn", "The German chancellor called Putin on Tuesday to warn him against sending troops."),
        ("titled", "NATO chief Jens Stoltenberg met Polish officials in Warsaw."),
        ("aidworker", "Iranian authorities released British aid worker John Smith after two years."),
        ("possessor", "Morocco dismissed Algeria's accusations on Monday."),
        ("firedby", "Missiles fired by Russian forces struck a hospital in Kharkiv."),
        ("banquet", "The Thai king hosted a banquet for the visiting Japanese emperor."),
        ("ethnic", "Soldiers shot dead two Rohingya fishermen near the border."),
        ("diplochief", "The EU's diplomatic chief criticised the Serbian government."),
        ("milaid", "Washington resumed U.S. military assistance to Jordan on Monday."),
        ("expelledfrom", "Three Russian diplomats were expelled from Poland on Friday."),
        ("administration", "The Obama administration criticised Venezuela."),
        ("bracket", "Japan provided the Philippine Coast Guard (PCG) with ten patrol boats."),
        ("sanctionson", "Canada has imposed sanctions on Belarus based on new evidence."),
        ("theircall", "Serbia rejected Kosovar calls for a new ceasefire monitor."),
        ("pledgedaid", "Kuwait pledged $200 million in humanitarian aid to Sudan."),
        ("sentaid", "Turkey sent humanitarian aid to Syria by road."),
        ("pullout", "Britain completed the withdrawal of its troops from Afghanistan in August."),
        ("bannedparty", "A court in Bangkok banned the main opposition party on Wednesday."),
        ("metdiscuss", "Ethiopian and Eritrean officials met in Asmara to discuss trade."),
        ("rescued", "Malian soldiers rescued 14 kidnapped villagers near Mopti."),
        ("ownname", "The Russian foreign ministry warned that Moscow would take countermeasures."),
        ("claimdrone", "The Houthis claimed responsibility for a drone attack on a tanker."),
        ("othername", "West German Finance Minister Gerhard Stoltenberg met French officials."),
        ("suspectname", "Arab League Secretary General Chadli Klibi visited Damascus."),
        ("yoruba", "Yoruba leaders criticised the plan on Monday."),
        ("analyst", "Bond analyst Ward McCarthy said the Fed would raise rates."),
        ("deadline", "Trump set a two-week deadline for Hamas to respond."),
        ("lawtargets", "Swiss banks must obey an American law that targets tax dodgers with offshore accounts."),
        ("ceased", "The Syrian army ceased its military operations near Homs."),
        ("warnstop", "Obama gave Putin a warning to stop the attacks."),
        ("purpose", "Rwandan troops entered eastern Congo to fight Hutu rebels."),
        ("settlers", "Armed settlers attacked a Palestinian village near Nablus."),
        ("ruledout", "Cuba ruled out direct talks with Washington."),
        ("suspendbbc", "The junta in Niamey suspended the BBC for three months."),
        ("approx", "Ukrainian drones hit more than 40 Russian bombers at four air bases."),
        ("hostconf", "Egypt will host an international conference on Sudan."),
        ("lawsuit", "The regulator asked the attorney general of Texas to file a lawsuit against Google."),
        ("victims", "A suicide bomber killed 14 people at a market in Peshawar."),
        ("unsc", "The Security Council voted to renew the sanctions regime."),
        ("peacekeepers", "Ghana withdrew 300 peacekeepers from Mali in March."),
        ("dialogueoffer", "The rebels rejected the Sudanese government's dialogue offer."),
        ("shotdown", "The Russian army shot down 30 Ukrainian drones overnight."),
        ("cyber", "North Korean hackers launched a cyber attack against South Korea."),
        ("platoon", "Estonia sent an infantry platoon to Mali in May."),
        ("speech", "The Kenyan president gave a speech to French investors in Paris."),
        ("geneva", "The two foreign ministers are expected to meet in Geneva next month."),
        ("until", "Hamas will keep the hostages until Israel withdraws from Gaza."),
        ("considering", "Britain is considering sanctions against Georgian officials."),
        ("ifattacks", "Iran threatened to close the strait if the United States attacks its sites."),
        ("byfire", "Three farmers were killed by Israeli fire near Rafah on Monday."),
        ("thousands", "Police in Dhaka fired tear gas at thousands of Bangladeshi students."),
        ("disperse", "Kenyan police opened fire to disperse opposition supporters in Kisumu."),
        ("targets", "Israeli jets hit Hamas targets in Gaza."),
        ("hitparty", "Ukrainian drones hit four Russian warplanes."),
        ("tariffs", "China hit American farmers with tariffs."),
        ("dyad", "Russia-Ukraine talks resumed in Istanbul on Monday."),
        ("towns", "Syrian artillery shelled Turkish villages near the border."),
        ("expelled", "Norway expelled two Iranian diplomats for spying."),
        ("sceptical", "Peru remained sceptical of the Chilean offer."),
        ("critical", "The Danish minister was sharply critical of Moscow."),
        ("beforenoun", "A sceptical Peru rejected the offer."),
        ("spokes", "A spokesman for the Kenyan army denied the report."),
        ("decided", "Chile decided on Monday to lift sanctions on Peru."),
        ("intends", "Chile intends to lift sanctions on Peru."),
        ("jointdrills", "Peruvian and Chilean warships held drills off Arica."),
        ("drills", "Peruvian warships held drills off Callao."),
        ("funding", "Norway announced new funding for Malawi."),
        ("ruled", "Junta ruled Mali has been sharing intelligence with Russia."),
        ("daysof", "Ghanaian and Togolese navies began four days of drills off Lome."),
        ("resign", "The Malian prime minister resigned on Sunday."),
        ("behind", "Boko Haram was behind the abduction of Nigerian schoolgirls."),
        ("shelled", "Russian artillery shelled Kharkiv overnight."),
        ("finer", "Norway provided humanitarian aid to Malawi."),
        ("arrestedin", "Two Danish nurses were detained in Eritrea last week."),
        ("claimed", "Boko Haram claimed that it had attacked a Nigerian army base."),
        ("demandthat", "Norway reiterated its demand that Eritrea release the nurses."),
        ("mustplace", "Norway said the government and the rebels in Darfur must negotiate."),
        ("unless", "Kurdish residents of Kirkuk threatened to strike unless Iraq rescinded the decree."),
        ("stlouis", "Mexican and Canadian officials met in St. Louis on Monday."),
        ("notprovided", "Norway did not provide assistance to Malawi."),
        ("labour", "A strike by Chilean dockers for higher wages entered its third day."),
        ("military", "The Chilean strike against Peruvian positions was condemned."),
        ("exonym", "Israeli jets carried out air strikes on Gaza City."),
        (
            "aim",
            "Zambian students staged mass demonstrations to demand reforms by the Zambian government.",
        ),
        ("bombwent", "A bomb went off near a crowded bus station in Kano, wounding 17 people."),
        ("bombtore", "A bomb tore through a minibus in Quetta on Sunday."),
        (
            "measure",
            "Police in Lagos arrested four smugglers and seized 2.5 tonnes of cocaine worth 40 million dollars.",
        ),
        ("boats", "Sri Lankan coast guards seized seven fishing boats off Jaffna and detained their crews."),
        ("teargas", "Riot police fired tear gas at students in Dhaka."),
        ("comma", "Militants stormed a checkpoint near Bannu, killing three policemen."),
        (
            "airstrikes",
            "Saudi air strikes on Houthi positions killed at least 14 fighters overnight, officials said.",
        ),
        ("placedprotest", "Teachers rallied in Accra to demand higher pay."),
        ("elliptic", "At least nine people were killed and dozens injured when a drone hit a bus in Goma."),
        ("latin", "Bolivia recalled the ambassadors of three Latin American countries."),
        ("readyfor", "Armenia says it is ready for a prisoner exchange with Azerbaijan."),
        ("regained", "Iraqi forces regained control of the old city from Islamic State fighters."),
        ("rejectedoffer", "Ukraine rejected the Russian proposal."),
        ("calledon", "Japan called on Beijing to release the detained fishermen."),
        ("demandthat", "Britain demanded that Iran free the crew of the seized ship."),
        ("callfor", "Qatar called for talks between Sudan and Chad."),
        ("phoned", "Erdogan called Putin on Friday to discuss the grain corridor."),
        ("named", "The new venture will be called Gulf Energy Partners, the company said."),
        ("counterpart", "Wang Yi and his Pakistani counterpart held talks in Beijing."),
        ("patriots", "Germany will send three more Patriot air defence systems to Ukraine."),
        ("armedmen", "Armed men stormed a village in northern Mali and killed 12 villagers."),
        ("patients", "Paramilitary fighters shelled a clinic in Kadugli, killing at least five patients."),
        ("warrant", "The ICC issued an arrest warrant for Russian President Vladimir Putin."),
        ("blocked", "Hungary blocked a joint statement by EU leaders on the sanctions."),
        ("tolerate", "Kenya gave a stern warning that it will not tolerate foreign meddling."),
        ("orderleave", "Niger's military rulers ordered French soldiers to leave the country."),
        ("orderown", "The Kremlin ordered Russian troops to leave the island."),
        ("orderstop", "Authorities in Caracas ordered an opposition newspaper to stop printing."),
        (
            "package",
            "The Pentagon announced a new $300 million military aid package for Taiwan.",
        ),
        (
            "weapons",
            "Russian forces launched a large missile and drone attack on Ukraine overnight.",
        ),
    ]);
    let svo = find(&by["svo"], "19");
    assert_eq!(codes(&svo["actor"]), ["FRAMIL"]);
    let passive = find(&by["passive"], "19");
    assert!(
        codes(&passive["actor"])[0].starts_with("TUR")
            || codes(&passive["recipient"])[0].starts_with("TUR")
    );
    assert_eq!(passive["recipient"][0]["country"], "TUR");
    let compound = find(&by["compound"], "11");
    assert_eq!(codes(&compound["actor"]), ["DEU", "FRA"]);
    let title = find(&by["title"], "042");
    assert_eq!(codes(&title["actor"]), ["INDGOV"]);
    assert_eq!(
        title["actor"][0]["text"],
        "Indian Foreign Minister Subrahmanyam Jaishankar"
    );
    assert_eq!(codes(&title["recipient"]), ["RUSGOV"]);
    let rel: Vec<&Value> = by["relative"].iter().collect();
    let phone = rel
        .iter()
        .find(|e| e["cameo"] == "041")
        .expect("phone call in the relative clause");
    assert_eq!(phone["status"], "occurred");
    assert_eq!(phone["date"]["value"], "2025-02-14");
    // A planned meeting is coded as the intent to meet (036), with status planned.
    let meet = rel.iter().find(|e| e["cameo"] == "036").expect("meeting");
    assert_eq!(meet["status"], "planned");
    assert_eq!(codes(&meet["actor"]), ["USAGOV"]);
    assert_eq!(codes(&meet["recipient"]), ["JPNGOV"]);
    let poss = find(&by["possessive"], "19");
    assert_eq!(codes(&poss["actor"]), ["RUSGOV"]);
    assert_eq!(codes(&poss["recipient"]), ["UKR"]);
    let pron = find(&by["pronoun"], "04");
    assert_eq!(pron["actor"][0]["name"], "Benjamin Netanyahu");
    let met = by["pronoun"]
        .iter()
        .find(|e| e["trigger"]["text"] == "met")
        .expect("met");
    assert_eq!(met["actor"][0]["text"], "He");
    assert_eq!(codes(&met["actor"]), ["ISRGOV"]);
    let rep = find(&by["reported"], "19");
    assert_eq!(codes(&rep["actor"]), ["RUSMIL"]);
    assert!(
        !by.contains_key("none"),
        "no political actor, no event: {:?}",
        by.get("none")
    );
    let neg = by["negated"]
        .iter()
        .find(|e| {
            e["cameo"].as_str().unwrap().starts_with("07")
                || e["cameo"].as_str().unwrap().starts_with("06")
        })
        .expect("aid event");
    assert_eq!(neg["status"], "negated");
    // A truce without named parties is between the sides of the latest fighting, dated by
    // its own clause.
    let truce = find(&by["truce"], "087");
    assert_eq!(codes(&truce["actor"]), ["ISRMIL"]);
    assert_eq!(truce["date"]["value"], "2025-01");
    // What another party must do is a demand on it.
    let must = find(&by["must"], "10");
    assert_eq!(codes(&must["actor"]), ["GBRGOV"]);
    assert_eq!(codes(&must["recipient"]), ["IRN"]);
    // The agent of a passive may come before the rest of the verb's frame.
    let armed = find(&by["armed"], "19");
    assert_eq!(codes(&armed["actor"]), ["SOMREB"]);
    // The claimant of an attack is its source; a named group needs no country.
    let claim = find(&by["claim"], "18");
    assert_eq!(codes(&claim["actor"]), ["IMGREB"]);
    // A time between a noun and its frame ("a hearing on Wednesday into").
    let hearing = find(&by["hearing"], "09");
    assert_eq!(codes(&hearing["actor"]), ["KENJUD"]);
    // A gerund modifying a prepositional object has no agent of its own: one event, the strike,
    // which takes the count.
    assert_eq!(by["reduced"].len(), 1, "{:?}", by["reduced"]);
    let reduced = find(&by["reduced"], "19");
    assert_eq!(reduced["counts"][0]["value"], 9.0);
    // Coordinated participles restate the main event: one event with both counts.
    assert_eq!(by["gerunds"].len(), 1, "{:?}", by["gerunds"]);
    let kinds: Vec<&str> = by["gerunds"][0]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["killed", "injured"]);
    assert_eq!(find(&by["tariff"], "163")["actor"][0]["country"], "CAN");
    // "such attacks", "the air strikes killed": a definite violent noun without actors of its
    // own is the latest violent event of its kind; a future one is an event of its own.
    let such: Vec<&Value> = by["such"].iter().collect();
    assert!(such.iter().any(|e| e["status"] == "occurred"), "{such:?}");
    assert!(such
        .iter()
        .any(|e| e["status"] == "planned" && e["trigger"]["text"] == "attacks"));
    let again = by["anaphor"]
        .iter()
        .find(|e| e["trigger"]["text"] == "air strikes")
        .expect("the strikes refer back");
    assert_eq!(codes(&again["actor"]), ["PAKMIL"]);
    assert_eq!(again["counts"][0]["value"], 12.0);
    // Violence whose perpetrator is unnamed is an event when the text gives its human cost; the
    // statement reporting it owns no count.
    let unclaimed = find(&by["unclaimed"], "18");
    assert!(unclaimed["actor"].as_array().unwrap().is_empty());
    assert_eq!(unclaimed["counts"][0]["kind"], "killed");
    assert_eq!(unclaimed["counts"][0]["value"], 14.0);
    let fled = find(&by["fled"], "19");
    assert_eq!(fled["counts"][0]["kind"], "displaced");
    assert!(by["fled"]
        .iter()
        .all(|e| e["cameo"] != "010" || e["counts"].as_array().unwrap().is_empty()));
    // A weapon as subject: the victims are known, the perpetrator is not; a company fighting
    // off a bid is no violence.
    let mine = find(&by["landmine"], "1");
    assert!(mine["actor"].as_array().unwrap().is_empty());
    assert_eq!(codes(&mine["recipient"]), ["AFGMIL"]);
    assert!(!any_coded(events_of(&by, "takeover"), "19"));
    // "the visit of X": the visitor follows "of"; travelling "for talks" makes the traveller
    // a party to them.
    let visit = find(&by["visitof"], "0");
    assert_eq!(codes(&visit["actor"]), ["BRAGOV"]);
    assert_eq!(visit["status"], "planned");
    let purpose = find(&by["purpose"], "0");
    assert_eq!(purpose["actor"][0]["country"], "QAT");
    // The owner of a weapon that acts is the agent.
    let owner = find(&by["owner"], "138");
    assert_eq!(owner["actor"][0]["country"], "IRN");
    assert_eq!(owner["status"], "hypothetical");
    // "declined to comment" is one act (011) by an abbreviated title's holder.
    assert_eq!(by["nocomment"].len(), 1, "{:?}", by["nocomment"]);
    assert_eq!(by["nocomment"][0]["cameo"], "011");
    assert_eq!(by["nocomment"][0]["actor"][0]["sector"], "LEG");
    // "it" refers back to an institution named by its role.
    let itgov = find(&by["itgov"], "1313");
    assert_eq!(codes(&itgov["actor"]), ["CHLGOV"]);
    // A repeated act is coded as the act.
    assert_eq!(find(&by["again"], "172")["trigger"]["text"], "reimposed");
    // House styles write long acronyms in title case.
    assert_eq!(codes(&find(&by["nato"], "11")["actor"]), ["IGOWSTNAT"]);
    // Who condemns the strikes did not strike.
    assert!(by["nato"]
        .iter()
        .filter(|e| e["cameo"].as_str().unwrap().starts_with("19"))
        .all(|e| e["actor"].as_array().unwrap().is_empty()));
    // The party protested against is the protest's target; a strike by workers is a labour
    // strike.
    assert_eq!(find(&by["protest"], "14")["recipient"][0]["sector"], "GOV");
    assert!(
        by["walkout"].iter().all(|e| e["cameo"] != "190"),
        "{:?}",
        by["walkout"]
    );
    assert_eq!(find(&by["walkout"], "14")["cameo"], "143");
    // The object of "to" is the possessed actor, not its possessor.
    assert_eq!(
        codes(&find(&by["possessed"], "03")["recipient"]),
        ["NERGOV"]
    );
    // A countryless actor takes its country from an attached place, the other side of a
    // domestic event, a dateline or a coordinated nationality word, and says so.
    let inherit = find(&by["inherit"], "19");
    assert_eq!(codes(&inherit["actor"]), ["SDNREB"]);
    assert_eq!(inherit["actor"][0]["inferred"], "place");
    assert_eq!(codes(&inherit["recipient"]), ["SDNCOP"]);
    assert_eq!(inherit["recipient"][0]["inferred"], "event");
    let dateline = find(&by["dateline"], "17");
    assert_eq!(codes(&dateline["actor"]), ["JPNCOP"]);
    assert_eq!(dateline["actor"][0]["inferred"], "dateline");
    assert_eq!(codes(&dateline["recipient"]), ["JPNCVL"]);
    let foreign = find(&by["foreign"], "17");
    assert_eq!(codes(&foreign["actor"]), ["EGYCOP"]);
    assert!(foreign["recipient"][0]["country"].is_null());
    assert!(foreign["actor"][0].get("inferred").is_none());
    let coordinated = find(&by["coordinated"], "19");
    assert_eq!(codes(&coordinated["actor"]), ["ISRMIL", "ISRMIL"]);
    assert_eq!(coordinated["actor"][1]["inferred"], "coordination");
    // A place after the role noun makes it specific enough to code alone.
    let located = find(&by["located"], "14");
    assert_eq!(codes(&located["actor"]), ["CHLLAB"]);
    assert_eq!(located["actor"][0]["inferred"], "place");
    // Peacekeepers arriving provide peacekeeping; fighting an epidemic is no fighting.
    assert_eq!(find(&by["peacekeepers"], "0")["cameo"], "074");
    assert!(!any_coded(&by["epidemic"], "19"));
    // Lifting sanctions ends them: one easing event, no new imposition, active or passive.
    for k in ["lifted", "passivelift"] {
        let ev = &by[k];
        assert_eq!(find(ev, "08")["cameo"], "085", "{k}");
        assert_eq!(codes(&find(ev, "08")["recipient"]), ["CUB"], "{k}");
        assert!(
            ev.iter()
                .all(|e| !e["cameo"].as_str().unwrap().starts_with("16")),
            "{k}"
        );
    }
    // "is opposed to" is the subject's stance, no passive.
    assert_eq!(codes(&find(&by["stative"], "12")["actor"]), ["EGY"]);
    // The party named before an attack's object is the one attacked; "hit X" with tariffs is
    // no attack.
    assert_eq!(codes(&find(&by["targets"], "19")["recipient"]), ["PSEREB"]);
    assert_eq!(codes(&find(&by["hitparty"], "19")["recipient"]), ["RUSMIL"]);
    assert!(!any_coded(events_of(&by, "tariffs"), "19"));
    // "Russia-Ukraine talks": both parties, and Istanbul stays a place.
    let dyad = find(&by["dyad"], "04");
    assert_eq!(codes(&dyad["actor"]), ["RUS", "UKR"]);
    assert_eq!(dyad["location"]["name"], "Istanbul");
    // Force aimed at a nationality's villages is aimed at its civilians.
    assert_eq!(codes(&find(&by["towns"], "19")["recipient"]), ["TURCVL"]);
    // The object an entry names can be an actor itself.
    assert_eq!(codes(&find(&by["expelled"], "16")["recipient"]), ["IRNGOV"]);
    // A predicate adjective after a copula codes; the same word before a noun does not.
    assert_eq!(codes(&find(&by["sceptical"], "012")["actor"]), ["PER"]);
    assert_eq!(
        codes(&find(&by["critical"], "111")["recipient"]),
        ["RUSGOV"]
    );
    assert!(!any_coded(&by["beforenoun"], "01"));
    // A spokesman speaks for the body he is named with.
    assert_eq!(codes(&find(&by["spokes"], "016")["actor"]), ["KENMIL"]);
    // A decision is coded as the act decided, an intention as the intent; both are planned.
    let decided = find(&by["decided"], "0");
    assert_eq!(
        (&decided["cameo"], &decided["status"]),
        (&"085".into(), &"planned".into())
    );
    assert_eq!(find(&by["intends"], "0")["cameo"], "0354");
    // Drills held together are military cooperation, alone a show of force.
    assert_eq!(find(&by["jointdrills"], "0")["cameo"], "062");
    assert_eq!(find(&by["drills"], "1")["cameo"], "150");
    assert_eq!(codes(&find(&by["funding"], "07")["recipient"]), ["MWI"]);
    // "ruled" is no "ruled out"; "four days of drills" is still the drills.
    assert_eq!(find(&by["ruled"], "06")["status"], "occurred");
    assert_eq!(find(&by["daysof"], "0")["cameo"], "062");
    // Leaving office is PLOVER's RETREAT, mode resign.
    let resign = find(&by["resign"], "0831");
    assert_eq!(
        (&resign["plover"]["event"], &resign["plover"]["mode"]),
        (&"RETREAT".into(), &"resign".into())
    );
    // Who "was behind" an attack carried it out; the victim of a killing follows "of".
    let behind = find(&by["behind"], "181");
    assert_eq!(codes(&behind["actor"]), ["NGAREB"]);
    assert_eq!(behind["recipient"][0]["country"], "NGA");
    // Force aimed at a town is aimed at its people; an English name GeoNames lists as an
    // alternate ("Gaza City") is still found.
    let shelled = find(&by["shelled"], "19");
    assert_eq!(codes(&shelled["recipient"]), ["UKRCVL"]);
    assert_eq!(shelled["recipient"][0]["inferred"], "location");
    assert_eq!(shelled["recipient"][0]["text"], "Kharkiv");
    let exonym = find(&by["exonym"], "19");
    assert_eq!(exonym["location"]["geonameid"], 281133);
    assert_eq!(codes(&exonym["recipient"]), ["PSECVL"]);
    // A strike for wages is a stoppage of work, a strike against positions an attack.
    assert_eq!(find(&by["labour"], "14")["cameo"], "143");
    assert_eq!(codes(&find(&by["military"], "19")["recipient"]), ["PER"]);
    // What the aid is decides its code, whoever receives it; aid not provided is negated.
    let finer = find(&by["finer"], "07");
    assert_eq!(
        (&finer["cameo"], codes(&finer["recipient"])),
        (&"073".into(), vec!["MWI".to_string()])
    );
    assert!(by["notprovided"].iter().all(|e| e["status"] == "negated"));
    // Only a state detains: with no one named, the state of the place.
    let det = find(&by["arrestedin"], "173");
    assert_eq!(codes(&det["actor"]), ["ERI"]);
    assert_eq!(det["actor"][0]["inferred"], "location");
    // Claiming one's own attack is a claim of responsibility, before the attack itself.
    let claimed = &by["claimed"];
    assert_eq!(claimed[0]["cameo"], "015");
    assert_eq!(codes(&claimed[0]["actor"]), ["NGAREB"]);
    assert!(claimed[1]["cameo"].as_str().unwrap().starts_with("19"));
    // A demand that a party act is a demand on that party, by who reiterates it; so is saying
    // that a party (named with its place) must act.
    let dt = find(&by["demandthat"], "10");
    assert_eq!(
        (codes(&dt["actor"]), codes(&dt["recipient"])),
        (vec!["NOR".to_string()], vec!["ERI".to_string()])
    );
    assert_eq!(codes(&find(&by["mustplace"], "10")["actor"]), ["NOR"]);
    // Residents "of" a town are of its state; a threat is aimed at whom its condition binds.
    let unless = find(&by["unless"], "13");
    assert_eq!(
        (codes(&unless["actor"]), codes(&unless["recipient"])),
        (vec!["IRQCVL".to_string()], vec!["IRQ".to_string()])
    );
    assert_eq!(unless["actor"][0]["inferred"], "place");
    // The place whose own name is written wins over one a spelling variant reaches.
    assert_eq!(find(&by["stlouis"], "04")["location"]["geonameid"], 4407066);
    // A protest is aimed at whom its purpose addresses.
    assert_eq!(codes(&find(&by["aim"], "14")["recipient"]), ["ZMBGOV"]);
    // "the ruling party" is no refusal.
    assert_eq!(find(&by["ruling"], "14")["status"], "occurred");
    assert_eq!(codes(&find(&by["followers"], "14")["actor"]), ["DZAELI"]);
    // Carried out, whatever was said of it before ("further", "planned").
    assert_eq!(find(&by["further"], "19")["status"], "occurred");
    // A bomb that goes off is a bombing, whoever set it: its count, and the people of its
    // place as the target when no one else is named.
    let went = find(&by["bombwent"], "183");
    assert_eq!(went["counts"][0]["kind"], "injured");
    assert_eq!(went["counts"][0]["value"], 17.0);
    let tore = find(&by["bombtore"], "183");
    assert_eq!(tore["location"]["name"], "Quetta");
    assert_eq!(codes(&tore["recipient"]), ["PAKCVL"]);
    // Tonnes and dollars count nobody; nor do boats.
    let arrest = find(&by["measure"], "173");
    let counted: Vec<f64> = by["measure"]
        .iter()
        .flat_map(|e| e["counts"].as_array().unwrap().iter())
        .map(|c| c["value"].as_f64().unwrap())
        .collect();
    assert_eq!(counted, [4.0], "{arrest:#?}");
    find(&by["boats"], "17");
    assert!(by["boats"]
        .iter()
        .all(|e| e["counts"].as_array().unwrap().is_empty()));
    // Tear gas is riot control, not a chemical weapon.
    assert_eq!(find(&by["teargas"], "17")["cameo"], "175");
    assert!(by["teargas"].iter().all(|e| e["cameo"] != "2041"));
    // ", killing three policemen": the participle adds its victims to the raid.
    let raid: Vec<&Value> = by["comma"]
        .iter()
        .filter(|e| e["cameo_root"].as_str().unwrap() >= "18")
        .collect();
    assert_eq!(raid.len(), 1, "{raid:#?}");
    assert_eq!(raid[0]["counts"][0]["value"], 3.0);
    // "air strikes on X" is the compound (195) with its target, and a time word after the
    // victims does not hide them from the count.
    let air = find(&by["airstrikes"], "19");
    assert_eq!(air["cameo"], "195");
    assert_eq!(air["trigger"]["text"], "air strikes");
    assert_eq!(air["counts"][0]["value"], 14.0);
    // Countryless protesters in a named town are that town's state's.
    let rally = find(&by["placedprotest"], "14");
    assert_eq!(codes(&rally["actor"]), ["GHAEDU"]);
    // "dozens injured" is no act of the victims.
    assert!(by
        .get("elliptic")
        .is_none_or(|v| v.iter().all(|e| e["actor"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["sector"] != "CVL"))));
    // The longer noun trigger is the event ("military aid package", not also "military aid"),
    // and the light verb's subject gives it, past the amount in dollars.
    assert_eq!(by["package"].len(), 1, "{:#?}", by["package"]);
    assert_eq!(by["package"][0]["cameo"], "072");
    assert_eq!(codes(&by["package"][0]["actor"]), ["USAMIL"]);
    assert_eq!(codes(&by["package"][0]["recipient"]), ["TWN"]);
    // "launched a missile and drone attack on X": one attack on X, not one on the drone.
    assert_eq!(by["weapons"].len(), 1, "{:#?}", by["weapons"]);
    assert_eq!(codes(&by["weapons"][0]["recipient"]), ["UKR"]);
    // What someone is ready for has not happened yet, and "with" names the other side.
    let swap = find(&by["readyfor"], "035");
    assert_eq!(swap["status"], "planned");
    assert_eq!(codes(&swap["recipient"]), ["AZE"]);
    // Ground taken back: the side that lost it follows "from".
    let regained = find(&by["regained"], "192");
    assert_eq!(codes(&regained["actor"]), ["IRQMIL"]);
    assert_eq!(codes(&regained["recipient"]), ["IMGREB"]);
    // An order to leave is an expulsion of someone else's forces, a withdrawal of one's own;
    // an order to stop is a restriction.
    assert_eq!(find(&by["orderleave"], "17")["cameo"], "174");
    assert_eq!(find(&by["orderown"], "08")["cameo"], "0874");
    assert_eq!(find(&by["orderstop"], "17")["cameo"], "172");
    // A warning that one will not tolerate something is a threat, not a comment.
    assert_eq!(find(&by["tolerate"], "1")["cameo"], "130");
    // The rejected offer is the rejection's object, no negated offer by Russia.
    assert_eq!(by["rejectedoffer"].len(), 1, "{:#?}", by["rejectedoffer"]);
    assert_eq!(codes(&by["rejectedoffer"][0]["actor"]), ["UKR"]);
    // The act asked for is no act of its addressee: only the appeal is coded.
    assert_eq!(by["calledon"].len(), 1, "{:#?}", by["calledon"]);
    assert_eq!(codes(&by["calledon"][0]["recipient"]), ["CHNGOV"]);
    assert!(by["demandthat"].iter().all(|e| e["actor"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["country"] != "IRN")));
    find(&by["demandthat"], "10");
    // Talks called for are no talks held.
    assert!(
        by["callfor"].iter().all(|e| e["cameo_root"] == "02"),
        "{:#?}",
        by["callfor"]
    );
    // A leader called by name is a telephone call, and the talk it was for is the call;
    // a company "called" something is named.
    assert_eq!(by["phoned"].len(), 1, "{:#?}", by["phoned"]);
    assert_eq!(by["phoned"][0]["cameo"], "041");
    assert_eq!(codes(&by["phoned"][0]["recipient"]), ["RUSGOV"]);
    assert!(by
        .get("named")
        .is_none_or(|v| v.iter().all(|e| e["cameo"] != "041")));
    // "X and his counterpart": both are the source; a counterpart is a government's.
    assert_eq!(
        codes(&find(&by["counterpart"], "04")["actor"]),
        ["CHNGOV", "PAKGOV"]
    );
    // Air defence systems are arms; the sending is still to come.
    let patriots = find(&by["patriots"], "0");
    assert_eq!(patriots["status"], "planned");
    assert_eq!(codes(&patriots["recipient"]), ["UKR"]);
    assert_eq!(patriots["cameo"], "0332");
    // "armed men" are an armed group.
    assert_eq!(find(&by["armedmen"], "18")["actor"][0]["sector"], "REB");
    // Patients are people, whether or not the actor dictionaries know the word.
    assert_eq!(find(&by["patients"], "19")["counts"][0]["value"], 5.0);
    // The person an arrest warrant is for is its target.
    assert_eq!(codes(&find(&by["warrant"], "173")["recipient"]), ["RUSGOV"]);
    // A blocked statement was never made.
    find(&by["blocked"], "12");
    assert!(
        by["blocked"].iter().all(|e| e["cameo"] != "010"),
        "{:#?}",
        by["blocked"]
    );
    // "Latin American" is no American.
    assert!(by["latin"].iter().all(|e| {
        e["actor"]
            .as_array()
            .unwrap()
            .iter()
            .chain(e["recipient"].as_array().unwrap())
            .all(|a| a["country"] != "USA")
    }));
    find(&by["latin"], "");
    // The purpose of a call is the caller's act toward the one called.
    let warn = find(&by["callwarn"], "13");
    assert_eq!(codes(&warn["actor"]), ["DEUGOV"]);
    assert_eq!(codes(&warn["recipient"]), ["RUSGOV"]);
    // A title naming the body a person served outranks the dictionary's role of the day.
    assert_eq!(codes(&find(&by["titled"], "04")["actor"]), ["IGOWSTNAT"]);
    // An aid worker set free is a person released, not aid.
    assert_eq!(
        find(&by["aidworker"], "0841")["recipient"][0]["country"],
        "GBR"
    );
    // The possessor of a dismissed accusation is the party the dismissal answers.
    assert_eq!(codes(&find(&by["possessor"], "")["recipient"]), ["DZA"]);
    // Whoever fired the missiles struck.
    assert_eq!(find(&by["firedby"], "19")["actor"][0]["country"], "RUS");
    // A banquet for a guest is hosting the guest.
    assert_eq!(
        find(&by["banquet"], "043")["recipient"][0]["country"],
        "JPN"
    );
    // A people living within one state takes that state.
    assert_eq!(find(&by["ethnic"], "18")["recipient"][0]["country"], "MMR");
    assert_eq!(find(&by["diplochief"], "11")["actor"][0]["sector"], "GOV");
    // The giver of "U.S. military assistance" is the clause's subject, not the U.S. military.
    assert_eq!(codes(&find(&by["milaid"], "072")["actor"]), ["USAGOV"]);
    // Whoever is expelled from a state is expelled by it.
    let expel = find(&by["expelledfrom"], "17");
    assert_eq!(codes(&expel["actor"]), ["POL"]);
    assert_eq!(codes(&expel["recipient"]), ["RUSGOV"]);
    // A president's administration is that state's government, in office or not.
    assert_eq!(
        codes(&find(&by["administration"], "11")["actor"]),
        ["USAGOV"]
    );
    // An acronym in brackets does not cut the frame.
    assert_eq!(find(&by["bracket"], "07")["recipient"][0]["country"], "PHL");
    // One act of sanctioning, aimed at Belarus; "based on" describes the sanctions.
    let sanc: Vec<_> = by["sanctionson"]
        .iter()
        .filter(|e| e["cameo"].as_str().unwrap().starts_with("16"))
        .collect();
    assert_eq!(sanc.len(), 1, "{sanc:#?}");
    assert_eq!(codes(&sanc[0]["recipient"]), ["BLR"]);
    // The state named before a rejected call is whose call it was.
    assert_eq!(
        find(&by["theircall"], "12")["recipient"][0]["country"],
        "KOS"
    );
    // Aid pledged is one promise of aid, not a promise plus aid given.
    let pledged = &by["pledgedaid"];
    assert_eq!(pledged.len(), 1, "{pledged:#?}");
    assert_eq!(pledged[0]["cameo"], "0333");
    assert_eq!(pledged[0]["status"], "planned");
    assert_eq!(codes(&pledged[0]["recipient"]), ["SDN"]);
    // The noun says what kind of aid the verb sent.
    assert_eq!(codes(&find(&by["sentaid"], "073")["recipient"]), ["SYR"]);
    // Troops withdrawn from a country leave that country.
    assert_eq!(codes(&find(&by["pullout"], "0874")["recipient"]), ["AFG"]);
    // An object of another sector whose phrase holds the frame's word is the party acted on.
    assert_eq!(
        find(&by["bannedparty"], "172")["recipient"][0]["sector"],
        "OPP"
    );
    // The talk a meeting is held for is that meeting.
    assert_eq!(by["metdiscuss"].len(), 1, "{:#?}", by["metdiscuss"]);
    // "kidnapped villagers" is no kidnapping by the rescuers.
    assert!(by["rescued"].iter().all(|e| e["cameo"] != "181"));
    // A state's own name is no target of its government's threat.
    let warned = find(&by["ownname"], "13");
    assert!(
        warned["recipient"].as_array().unwrap().is_empty(),
        "{warned:#?}"
    );
    // A claim of responsibility has no weapon for a target.
    assert!(find(&by["claimdrone"], "015")["recipient"]
        .as_array()
        .unwrap()
        .is_empty());
    // A known surname after another first name is someone else; the title says who.
    assert_eq!(codes(&find(&by["othername"], "04")["actor"]), ["DEUGOV"]);
    assert_eq!(
        find(&by["suspectname"], "042")["actor"][0]["country"],
        "IGO"
    );
    assert_eq!(find(&by["yoruba"], "11")["actor"][0]["country"], "NGA");
    // Another man who shares a politician's surname is not that politician.
    let analyst = events_of(&by, "analyst");
    assert!(
        analyst.iter().all(|e| e["actor"][0]["code"] != "USAELI"),
        "{analyst:#?}"
    );
    assert_eq!(
        codes(&find(&by["deadline"], "139")["recipient"]),
        ["PSEREB"]
    );
    // A law that "targets" people is no attack.
    assert!(!any_coded(events_of(&by, "lawtargets"), "19"));
    assert_eq!(codes(&find(&by["ceased"], "087")["actor"]), ["SYRMIL"]);
    // What a warning demands is not done by the one warned.
    assert!(
        by["warnstop"].iter().all(|e| e["cameo"] != "087"),
        "{:#?}",
        by["warnstop"]
    );
    // Whoever enters a country to fight is the fighter, not the country entered.
    assert_eq!(find(&by["purpose"], "19")["actor"][0]["country"], "RWA");
    // Settlers in the news are Israeli.
    assert_eq!(find(&by["settlers"], "19")["actor"][0]["country"], "ISR");
    // "ruled out talks" is one event: talks refused.
    assert_eq!(by["ruledout"].len(), 1, "{:#?}", by["ruledout"]);
    assert_eq!(by["ruledout"][0]["status"], "negated");
    assert_eq!(
        find(&by["suspendbbc"], "172")["recipient"][0]["sector"],
        "JRN"
    );
    // "more than 40" is part of the object's phrase.
    assert_eq!(find(&by["approx"], "19")["recipient"][0]["country"], "RUS");
    // Hosting a conference is one planned event.
    assert_eq!(by["hostconf"].len(), 1, "{:#?}", by["hostconf"]);
    assert_eq!(by["hostconf"][0]["status"], "planned");
    // The lawsuit a verb files is that verb's act, coded once.
    assert_eq!(
        by["lawsuit"]
            .iter()
            .filter(|e| e["cameo"].as_str().unwrap().starts_with("11"))
            .count(),
        1,
        "{:#?}",
        by["lawsuit"]
    );
    // Civilians struck with no country of their own are the people of the place.
    assert_eq!(codes(&find(&by["victims"], "18")["recipient"]), ["PAKCVL"]);
    // The Security Council is a body of governments.
    assert_eq!(by["unsc"][0]["actor"][0]["sector"], "GOV");
    // Peacekeepers withdrawn leave their host; they are no target of their own state.
    assert_eq!(
        codes(&find(&by["peacekeepers"], "166")["recipient"]),
        ["MLI"]
    );
    // The act named before an offer is the offer's content, not an event of its own.
    assert!(
        by["dialogueoffer"].iter().all(|e| e["cameo"] != "040"),
        "{:#?}",
        by["dialogueoffer"]
    );
    assert_eq!(
        find(&by["dialogueoffer"], "12")["recipient"][0]["country"],
        "SDN"
    );
    // A bare sense of the verb is no finer code than its framed one.
    assert_eq!(find(&by["shotdown"], "19")["cameo"], "190");
    assert_eq!(codes(&find(&by["cyber"], "17")["recipient"]), ["KOR"]);
    assert_eq!(codes(&find(&by["platoon"], "154")["recipient"]), ["MLI"]);
    // A speech given is no aid given.
    assert!(!any_coded(&by["speech"], "07"));
    // Where officials meet says nothing of whose officials they are.
    let geneva = events_of(&by, "geneva");
    assert!(
        geneva.iter().all(|e| e["actor"][0]["country"] != "CHE"),
        "{geneva:#?}"
    );
    // A condition in the present tense has not been met.
    assert_eq!(
        find(&by["until"], "0").get("status").unwrap(),
        "hypothetical"
    );
    assert!(by["until"]
        .iter()
        .all(|e| !(e["trigger"]["text"] == "withdraws" && e["status"] == "occurred")));
    // Sanctions under consideration are not imposed.
    assert!(by["considering"]
        .iter()
        .all(|e| !(e["cameo"].as_str().unwrap().starts_with("16") && e["status"] == "occurred")));
    let attacks = by["ifattacks"]
        .iter()
        .find(|e| e["trigger"]["text"] == "attacks")
        .expect("the conditional attack is coded");
    assert_eq!(attacks["status"], "hypothetical");
    // "killed by Israeli fire": the state whose fire it was.
    assert_eq!(find(&by["byfire"], "18")["actor"][0]["country"], "ISR");
    // "thousands of" is part of the object's phrase.
    assert_eq!(
        codes(&find(&by["thousands"], "17")["recipient"]),
        ["BGDEDU"]
    );
    // Firing to disperse a crowd is riot control, not an armed assault.
    find(&by["disperse"], "175");
    assert!(!any_coded(&by["disperse"], "19"));
    // Without actors and without a count there is nothing to code.
    assert!(
        by.get("quiet")
            .is_none_or(|v| v.iter().all(|e| !e["actor"].as_array().unwrap().is_empty())),
        "{:?}",
        by.get("quiet")
    );
}

#[test]
fn example_article() {
    let (out, err, code) = attache(
        &[
            "code",
            "--format",
            "jsonl",
            "--date",
            "2025-03-04",
            "../../examples/gulf-talks.txt",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let ev = events(&out);
    let arrive = ev
        .iter()
        .find(|e| e["trigger"]["text"] == "arrived")
        .expect("arrival");
    assert_eq!(arrive["cameo"], "042");
    assert_eq!(codes(&arrive["actor"]), ["USAGOV"]);
    assert_eq!(arrive["date"]["value"], "2025-03-04");
    assert_eq!(arrive["location"]["country"], "QAT");
    let call = ev.iter().find(|e| e["cameo"] == "041").expect("phone call");
    assert_eq!(codes(&call["recipient"]), ["EGYGOV"]);
    assert_eq!(call["date"]["value"], "2025-03-02");
    let visit = ev
        .iter()
        .find(|e| e["trigger"]["text"] == "visit")
        .expect("visit");
    assert_eq!(visit["status"], "negated");
    let strike = ev
        .iter()
        .find(|e| {
            e["cameo"].as_str().unwrap().starts_with("19") && e["actor"][0]["code"] == "RUSMIL"
        })
        .expect("strike");
    assert_eq!(strike["location"]["name"], "Kharkiv");
    // Every offset slices back to the text it claims.
    let text = std::fs::read_to_string("../../examples/gulf-talks.txt").unwrap();
    let chars: Vec<char> = text.chars().collect();
    for e in &ev {
        for side in ["actor", "recipient"] {
            for a in e[side].as_array().unwrap() {
                let (s, t) = (
                    a["start"].as_u64().unwrap() as usize,
                    a["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    chars[s..t].iter().collect::<String>(),
                    a["text"].as_str().unwrap()
                );
            }
        }
    }
}

#[test]
fn bad_records_do_not_stop_a_batch() {
    let input = "{\"id\":\"a\",\"date\":\"2025-01-02\",\"text\":\"Egypt condemned Israel.\"}\nnot json\n{\"id\":\"b\",\"date\":\"yesterday-ish\",\"text\":\"x\"}\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"Russia attacked Ukraine.\"}\n";
    let (out, err, code) = attache(&["code", "--format", "jsonl"], input);
    assert_eq!(code, 0);
    let ids: Vec<String> = events(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.contains(&"a".to_string()) && ids.contains(&"d".to_string()),
        "{ids:?}"
    );
    let errors: Vec<Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(errors.len(), 3, "{err}");
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(errors[1]["id"], "b");
    assert_eq!(errors[2]["id"], "c");
}

#[test]
fn formats_and_filters() {
    let text = "Syria denied attacking Turkish troops. Turkey launched air strikes on Kurdish militants in Syria.";
    let (out, _, _) = attache(&["code", "--format", "gdelt", "--date", "2025-01-05"], text);
    let rows: Vec<&str> = out.lines().collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r.split('\t').count(), 61, "{r}");
    }
    // GDELT export drops the negated attack by default (EventCode is column 27).
    assert!(rows
        .iter()
        .all(|r| !(r.contains("\tSYR\tSYRIA\t") && r.split('\t').nth(26) == Some("190"))));
    // "air strikes on" is an aerial attack.
    assert!(rows.iter().any(|r| r.split('\t').nth(26) == Some("195")));
    let (out, _, _) = attache(&["code", "--format", "jsonl", "--status", "negated"], text);
    let ev = events(&out);
    assert!(!ev.is_empty() && ev.iter().all(|e| e["status"] == "negated"));
    let (out, _, _) = attache(&["code", "--format", "plover"], text);
    for l in out.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert!(v["event"].is_string() || v["event"].is_null());
    }
}

#[test]
fn html_input() {
    let dir = std::env::temp_dir().join(format!("attache-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("page.html");
    std::fs::write(&p, "<html><head><title>Summit</title></head><body><nav>Home | World</nav><article><h1>Summit</h1><p>Chinese President Xi Jinping hosted Brazilian President Lula in Beijing on Tuesday, and the two leaders signed a trade agreement.</p><p>Officials described the talks as productive and said more meetings would follow later this year.</p></article><footer>Copyright</footer></body></html>").unwrap();
    let (out, err, code) = attache(
        &[
            "code",
            "--format",
            "jsonl",
            "--date",
            "2025-02-17",
            p.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let ev = events(&out);
    assert!(
        ev.iter()
            .any(|e| e["cameo"] == "043" && e["actor"][0]["code"] == "CHNGOV"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
