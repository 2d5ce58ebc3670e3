//! Toponym recognition and resolution on hand-written sentences.

use attache_doc::{ActorKind, ActorMention, DocMeta, Document, PlaceMention, Span, TokenRange};
use attache_places::{Gazetteer, PlaceTagger, TaggerOptions};
use std::sync::OnceLock;

fn tagger() -> &'static PlaceTagger {
    static T: OnceLock<PlaceTagger> = OnceLock::new();
    T.get_or_init(|| PlaceTagger::new(Gazetteer::load_builtin().expect("built-in gazetteer")))
}

fn doc(text: &str) -> Document {
    let mut d = Document::new(DocMeta::default(), text);
    attache_text::analyze(&mut d, &attache_text::Lexicon::new());
    d
}

fn places(text: &str) -> (Document, Vec<PlaceMention>) {
    let mut d = doc(text);
    tagger().annotate(&mut d);
    let p = d.places.clone();
    (d, p)
}

fn find<'a>(d: &Document, ps: &'a [PlaceMention], surface: &str) -> Option<&'a PlaceMention> {
    ps.iter().find(|p| d.slice(p.span) == surface)
}

/// The GeoNames id the place written `surface` resolved to.
fn id_of(d: &Document, ps: &[PlaceMention], surface: &str) -> Option<u64> {
    find(d, ps, surface).and_then(|m| m.geonameid)
}

#[test]
fn talks_in_riyadh_and_countries() {
    let (d, ps) = places(
        "The minister arrived in Saudi Arabia on Sunday and held talks in Riyadh with officials \
         from the United Arab Emirates.",
    );
    let sa = find(&d, &ps, "Saudi Arabia").expect("Saudi Arabia");
    assert_eq!(sa.geonameid, Some(102358));
    assert_eq!(sa.feature, "PCLI");
    assert_eq!(sa.resolution, "country");
    let riyadh = find(&d, &ps, "Riyadh").expect("Riyadh");
    assert_eq!(riyadh.geonameid, Some(108410));
    assert_eq!(riyadh.country.as_deref(), Some("SAU"));
    assert_eq!(riyadh.resolution, "city");
    let uae = find(&d, &ps, "United Arab Emirates").expect("UAE");
    assert_eq!(uae.country.as_deref(), Some("ARE"));
}

#[test]
fn a_capital_claimed_as_an_actor_is_still_a_place() {
    let mut d = doc("Envoys resumed talks in Riyadh on Monday.");
    let i = (0..d.tokens.len())
        .find(|&i| d.tok(i) == "Riyadh")
        .expect("token");
    d.actors.push(ActorMention {
        span: d.tokens[i].span,
        tokens: TokenRange::new(i, i + 1),
        kind: ActorKind::Metonym,
        name: "Saudi Arabia".into(),
        code: "SAUGOV".into(),
        country: Some("SAU".into()),
        sector: Some("GOV".into()),
        head: i,
        plural: false,
        possessive: false,
        antecedent: None,
        modifier: false,
    });
    tagger().annotate(&mut d);
    let riyadh = find(&d, &d.places, "Riyadh").expect("Riyadh");
    assert_eq!(riyadh.geonameid, Some(108410));
}

#[test]
fn a_person_actor_is_not_a_place() {
    let mut d = doc("Goals from Jordan Henderson sealed the win.");
    let i = (0..d.tokens.len())
        .find(|&i| d.tok(i) == "Jordan")
        .expect("token");
    d.actors.push(ActorMention {
        span: Span::new(d.tokens[i].span.start, d.tokens[i + 1].span.end),
        tokens: TokenRange::new(i, i + 2),
        kind: ActorKind::Person,
        name: "Jordan Henderson".into(),
        code: "GBRSPO".into(),
        country: Some("GBR".into()),
        sector: None,
        head: i + 1,
        plural: false,
        possessive: false,
        antecedent: None,
        modifier: false,
    });
    tagger().annotate(&mut d);
    assert!(d.places.is_empty(), "{:?}", d.places);
}

#[test]
fn car_bomb_in_kiev() {
    let (d, ps) = places("A car bomb in Kiev killed a senior intelligence officer.");
    let kyiv = find(&d, &ps, "Kiev").expect("Kiev");
    assert_eq!(kyiv.geonameid, Some(703448));
    assert_eq!(kyiv.country.as_deref(), Some("UKR"));
}

#[test]
fn attack_on_southern_israel() {
    let (d, ps) = places("Militants launched a rocket attack on southern Israel overnight.");
    let m = find(&d, &ps, "southern Israel").expect("southern Israel");
    assert_eq!(m.resolution, "region");
    assert_eq!(m.country.as_deref(), Some("ISR"));
    assert!(m.geonameid.is_none());
    assert!(m.lat.is_some_and(|lat| (30.0..32.0).contains(&lat)));
}

#[test]
fn gaza_strip_and_the_gulf() {
    let (d, ps) = places("Aid trucks entered the Gaza Strip as tensions rose in the Gulf.");
    assert_eq!(
        find(&d, &ps, "Gaza Strip").and_then(|m| m.country.as_deref()),
        Some("PSE")
    );
    let gulf = find(&d, &ps, "Gulf").expect("the Gulf");
    assert_eq!(gulf.name, "Persian Gulf");
    assert_eq!(gulf.resolution, "region");
}

#[test]
fn admin_containment() {
    let (d, ps) = places("The rally was held in Springfield, Illinois, on Sunday.");
    let s = find(&d, &ps, "Springfield").expect("Springfield");
    assert_eq!(s.geonameid, Some(4250542));
    let il = find(&d, &ps, "Illinois").expect("Illinois");
    assert_eq!(il.feature, "ADM1");
    assert_eq!(il.resolution, "province");

    let (d, ps) = places("He grew vegetables in Paris, Texas, for a decade.");
    assert_eq!(id_of(&d, &ps, "Paris"), Some(4717560));

    let (d, ps) = places("COLUMBIA, Ky. (AP) - A man was arrested in Columbia on Friday.");
    let ky = find(&d, &ps, "Ky.").expect("Ky.");
    assert_eq!(ky.name, "Kentucky");
    let columbia: Vec<_> = ps.iter().filter(|p| p.name == "Columbia").collect();
    assert_eq!(columbia.len(), 2);
    assert!(columbia
        .iter()
        .all(|p| p.country.as_deref() == Some("USA")
            && p.lat.is_some_and(|l| (36.0..38.5).contains(&l))));
}

#[test]
fn a_named_county_brings_its_small_town() {
    // Without the county, "London" is the capital; with it, the Kentucky town of that county.
    let (d, ps) = places(
        "A teacher from London was hurt in the crash. Laurel County deputies closed the road for two hours.",
    );
    assert_eq!(id_of(&d, &ps, "London"), Some(4298960));
}

#[test]
fn a_named_state_brings_its_counties() {
    // Two Indiana counties of these names are larger and near each other; the state named in
    // the document decides.
    let (d, ps) = places(
        "The bridge in Monroe County reopened on Tuesday. Missouri transport officials said crews from Marion County had helped.",
    );
    for county in ["Monroe County", "Marion County"] {
        let m = find(&d, &ps, county).expect(county);
        assert!(
            m.lon.is_some_and(|x| (-95.8..-89.1).contains(&x)),
            "{county} in Missouri: {m:?}"
        );
    }
    // A state named is no reason to read a famous city as a small town of that state.
    let (d, ps) = places("A choir from Kentucky sang in Paris last week.");
    assert_eq!(id_of(&d, &ps, "Paris"), Some(2988507));
}

#[test]
fn provinces_sit_near_their_centre() {
    // First-level divisions take the centroid of their outline, not the middle of their towns,
    // which crowd the southern border.
    let (d, ps) = places("Quebec and Ontario signed the deal.");
    for (name, lat) in [("Quebec", 52.0), ("Ontario", 49.25)] {
        let m = find(&d, &ps, name).expect(name);
        assert!(
            m.lat.is_some_and(|x| (x - lat).abs() < 2.0),
            "{name}: {m:?}"
        );
    }
}

#[test]
fn paris_alone_is_the_capital() {
    let (d, ps) = places("Leaders met in Paris to discuss the crisis.");
    assert_eq!(id_of(&d, &ps, "Paris"), Some(2988507));
}

#[test]
fn person_names_are_not_places() {
    let (_, ps) = places("Jordan Peterson spoke to students on Tuesday.");
    assert!(ps.is_empty(), "{ps:?}");
    let (_, ps) = places("Georgia Stevens began skating at four. Georgia now trains daily.");
    assert!(ps.is_empty(), "{ps:?}");
    let (d, ps) = places("Hillary Clinton visited Jordan. Clinton said the talks went well.");
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(
        find(&d, &ps, "Jordan").and_then(|m| m.country.as_deref()),
        Some("JOR")
    );
}

#[test]
fn newspapers_and_seats_of_power_are_not_places() {
    let (_, ps) = places("The Washington Post and the New York Times reported the leak.");
    assert!(ps.is_empty(), "{ps:?}");
    let (_, ps) = places("The White House declined to comment.");
    assert!(ps.is_empty(), "{ps:?}");
}

#[test]
fn ordinary_words_at_sentence_start() {
    let (_, ps) = places("Mobile phones were banned. Reading the report took hours.");
    assert!(ps.is_empty(), "{ps:?}");
}

#[test]
fn us_is_not_the_pronoun() {
    let (d, ps) = places("Let us hope the US and the U.K. agree.");
    assert!(find(&d, &ps, "us").is_none());
    assert_eq!(
        find(&d, &ps, "US").and_then(|m| m.country.as_deref()),
        Some("USA")
    );
    assert_eq!(
        find(&d, &ps, "U.K.").and_then(|m| m.country.as_deref()),
        Some("GBR")
    );
}

#[test]
fn demonyms_are_adjectival_places() {
    let (d, ps) = places("Turkish troops crossed into Syria.");
    let t = find(&d, &ps, "Turkish").expect("Turkish");
    assert_eq!(t.country.as_deref(), Some("TUR"));
    assert!(tagger().is_adjectival(&d, t));
    let s = find(&d, &ps, "Syria").expect("Syria");
    assert!(!tagger().is_adjectival(&d, s));

    let plain = PlaceTagger::with_options(
        Gazetteer::load_builtin().expect("gazetteer"),
        TaggerOptions { demonyms: false },
    );
    let mut d = doc("Turkish troops crossed into Syria.");
    plain.annotate(&mut d);
    assert_eq!(d.places.len(), 1);
}

#[test]
fn city_over_same_name_province() {
    let (d, ps) = places("Shelling continued in Aleppo and Istanbul braced for protests.");
    assert_eq!(
        find(&d, &ps, "Aleppo").map(|m| m.feature.as_str()),
        Some("PPL")
    );
    assert_eq!(
        find(&d, &ps, "Istanbul").map(|m| m.resolution.as_str()),
        Some("city")
    );
}

#[test]
fn lookup_country_gives_the_pcli_entity() {
    let g = tagger().gazetteer();
    let sa = g.lookup_country("SAU").expect("SAU");
    assert_eq!(sa.geonameid, Some(102358));
    assert_eq!(sa.feature, "PCLI");
    assert!(g.lookup_country("usa").is_some());
    assert!(g.lookup_country("XXX").is_none());
    assert_eq!(g.by_geonameid(108410).map(|p| p.name), Some("Riyadh"));
}

#[test]
fn byte_offsets_with_non_ascii_text() {
    let (d, ps) = places("“We will not yield,” said officials in Zürich and Kyiv’s mayor.");
    let z = find(&d, &ps, "Zürich").expect("Zürich");
    assert_eq!(z.country.as_deref(), Some("CHE"));
    assert_eq!(id_of(&d, &ps, "Kyiv"), Some(703448));
}

#[test]
fn an_ordinary_word_opening_a_sentence_is_no_province() {
    // "Coast" is a Tanzanian region; here it only opens the sentence.
    let (d, ps) = places("Coast guards rescued forty migrants near Palermo on Monday.");
    assert!(find(&d, &ps, "Coast").is_none(), "{ps:?}");
    assert!(find(&d, &ps, "Palermo").is_some());
    // A state named inside the sentence stays a place.
    let (d, ps) = places("Recounts were requested in Michigan and Wisconsin.");
    assert!(find(&d, &ps, "Michigan").is_some());
}
