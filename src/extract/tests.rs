use super::*;

fn page(name: &str) -> String {
    let path = format!("{}/tests/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    decode_html(&bytes, None).into_owned()
}

fn url(s: &str) -> Url {
    Url::parse(s).expect("test url")
}

fn text_of(extracted: &Extracted, base: &Url) -> crate::text::Rendered {
    crate::text::render(&extracted.content_html, 80, Some(base))
}

#[test]
fn gsb_page_with_stage_aural_labels_navigation_and_trailing_link() {
    let base = url("https://www.onlinezugangsgesetz.de/SharedDocs/kurzmeldungen/Webs/OZG/DE/2021/12_meetup-digitale-verwaltung.html");
    let e = extract(&page("gsb_ozg_meetup.html"), &base);
    assert_eq!(e.rule, "gsb");
    assert_eq!(e.title.as_deref(), Some("Video: BMI diskutiert mit Nachwuchsnetzwerk über die Zukunft der Verwaltungsdigitalisierung"));
    assert_eq!(e.kind.as_deref(), Some("Meldung"));
    assert_eq!(e.topics, ["Veranstaltung"]);
    assert_eq!(e.date, NaiveDate::from_ymd_opt(2021, 12, 16));
    let r = text_of(&e, &base);
    assert_eq!(
        r.text,
        "Beim Meetup „Digitale Verwaltung“ sprachen Nachwuchskräfte aus Bund, Ländern und\n\
         Kommunen über die nächsten Schritte.\n\n\
         Am 14. Dezember 2021 trafen sich rund 80 Nachwuchskräfte der öffentlichen\n\
         Verwaltung digital mit Vertreterinnen und Vertretern des Bundesministeriums des\n\
         Innern und für Heimat (BMI).\n\n\
         ## Themen des Abends\n\
         • Umsetzung des Onlinezugangsgesetzes (OZG)\n\
         • Nutzerfreundliche Verwaltungsleistungen\n\
         • Zusammenarbeit von Bund, Ländern und Kommunen\n\n\
         Ablauf\n\n\
         ───────┬─────────────\n\
         Uhrzeit│Programmpunkt\n\
         ───────┼─────────────\n\
         17:00  │Begrüßung\n\
         ───────┼─────────────\n\
         17:15  │Diskussion\n\
         ───────┴─────────────\n\n\
         Weitere Informationen bietet die OZG-Informationsplattform[1].\n\n\
         [Bild: Teilnehmende des Meetups in einer Videokonferenz]\n\n\
         Zur Aufzeichnung des Meetups[2]"
    );
    assert_eq!(
        r.links,
        [
            "https://www.onlinezugangsgesetz.de/Webs/OZG/DE/themen/ozg-infos/ozg-infos-node.html",
            "https://www.youtube-nocookie.com/embed/ozg-meetup-2021",
        ]
    );
    for boilerplate in [
        "Springe",
        "Navigation",
        "Themen\n",
        "Startseite",
        "Facebook",
        "Drucken",
        "Cookies",
        "Impressum",
        "Typ:",
        "jsessionid",
    ] {
        assert!(
            !e.content_html.contains(boilerplate),
            "{boilerplate} left in:\n{}",
            e.content_html
        );
    }
}

#[test]
fn bundesregierung_rule() {
    let base = url("https://www.bundesregierung.de/breg-de/aktuelles/digitalstrategie-2021");
    let e = extract(&page("bundesregierung_artikel.html"), &base);
    assert_eq!(e.rule, "bundesregierung");
    assert_eq!(
        e.title.as_deref(),
        Some("Kabinett beschließt Digitalstrategie")
    );
    assert_eq!(e.date, NaiveDate::from_ymd_opt(2021, 12, 15));
    let r = text_of(&e, &base);
    assert_eq!(
        r.text,
        "Mehr Tempo für die digitale Transformation.\n\n\
         Das Bundeskabinett hat die Digitalstrategie beschlossen. Bis 2025 sollen\n\
         zentrale Vorhaben umgesetzt sein.\n\n\
         ## Die wichtigsten Punkte\n\
         1. Glasfaser für alle Haushalte\n\
         2. Digitale Identitäten\n\n\
         Mehr im Themenschwerpunkt Digitalisierung[1]."
    );
    assert_eq!(
        r.links,
        ["https://www.bundesregierung.de/breg-de/themen/digitalisierung/digitalstrategie-2021"]
    );
}

#[test]
fn unknown_site_falls_back_to_the_densest_block() {
    let base = url("https://www.staedtetag.example/presse/katastrophenschutz.html");
    let e = extract(&page("unbekannt.html"), &base);
    assert_eq!(e.rule, "generic");
    assert_eq!(
        e.title.as_deref(),
        Some("Städtetag begrüßt Katastrophenschutz-Paket")
    );
    let r = text_of(&e, &base);
    assert_eq!(
        r.text,
        "Der Städtetag begrüßt die Pläne des Bundes, den Katastrophenschutz in den\n\
         Kommunen zu stärken. Die Mittel müssten aber schnell und unbürokratisch\n\
         ankommen.\n\n\
         Vor allem Warnsysteme wie Sirenen und Cell Broadcast müssten flächendeckend\n\
         ausgebaut werden, sagte die Präsidentin am Montag in Berlin.\n\n\
         Die Kommunen seien bereit, ihren Teil beizutragen."
    );
    assert!(
        r.links.is_empty(),
        "menu and sidebar links are not part of the article: {:?}",
        r.links
    );
}

#[test]
fn latin1_page_by_meta_charset() {
    let base = url("https://www.auswaertiges-amt.de/de/newsroom/voelkerverstaendigung");
    let e = extract(&page("aa_latin1.html"), &base);
    assert_eq!(e.rule, "auswaertiges-amt");
    assert_eq!(
        e.title.as_deref(),
        Some("Außenministerin würdigt Völkerverständigung")
    );
    assert_eq!(e.kind.as_deref(), Some("Pressemitteilung"));
    assert_eq!(e.date, NaiveDate::from_ymd_opt(2021, 12, 11));
    assert_eq!(
        text_of(&e, &base).text,
        "In Köln ehrte die Außenministerin Bürgerinnen und Bürger für ihr Engagement in\n\
         Städtepartnerschaften.\n\n\
         Grüße gingen nach Düsseldorf und Mönchengladbach."
    );
}

#[test]
fn every_rule_is_chosen_by_its_hosts_and_only_by_them() {
    let empty = Html::parse_document("<html><body><p>x</p></body></html>");
    for rule in RULES {
        for host in rule.hosts {
            for name in [
                host.to_string(),
                format!("www.{host}"),
                format!("presse.{host}"),
            ] {
                let chosen = choose_rule(&empty, &url(&format!("https://{name}/artikel.html")));
                assert_eq!(chosen.name, rule.name, "{name}");
            }
            // A look-alike domain is not the ministry's.
            let fake = choose_rule(&empty, &url(&format!("https://nicht{host}/artikel.html")));
            assert_eq!(fake.name, "generic", "nicht{host}");
        }
    }
}

#[test]
fn every_rule_selector_parses() {
    for rule in RULES.iter().chain([&GENERIC]) {
        let all = rule
            .container
            .iter()
            .chain(rule.title)
            .chain(rule.kind)
            .chain(rule.topics)
            .chain(rule.date)
            .chain(rule.drop)
            .chain(rule.markers)
            .chain(rule.lead.iter());
        for selector in all {
            assert!(
                Selector::parse(selector).is_ok(),
                "{}: {selector}",
                rule.name
            );
        }
    }
    for selector in BOILERPLATE {
        assert!(Selector::parse(selector).is_ok(), "{selector}");
    }
}

#[test]
fn german_dates_in_meta_lines() {
    assert_eq!(
        page_date::german_date("Pressemitteilung · 1.2.2022"),
        NaiveDate::from_ymd_opt(2022, 2, 1)
    );
    assert_eq!(
        page_date::german_date("07.05.2026, Pressemitteilung"),
        NaiveDate::from_ymd_opt(2026, 5, 7)
    );
    assert_eq!(page_date::german_date("Version 1.2.3"), None);
    assert_eq!(
        kind::from_meta_line("07.05.2026, Pressemitteilung").as_deref(),
        Some("Pressemitteilung")
    );
}

/// The article as the reader shows it (80 columns), for exact assertions.
fn read(name: &str, base: &str) -> (Extracted, String) {
    let base = url(base);
    let e = extract(&page(name), &base);
    let text = text_of(&e, &base).text;
    (e, text)
}

#[test]
fn gsb_press_release_with_doc_data_and_a_press_contact() {
    let (e, text) = read(
        "gsb_pressemitteilung_docdata.html",
        "https://www.bsi.bund.de/DE/Service-Navi/Presse/Pressemitteilungen/Presse2024/240305_Router.html",
    );
    assert_eq!(e.kind.as_deref(), Some("Pressemitteilung"));
    assert_eq!(
        e.date,
        NaiveDate::from_ymd_opt(2024, 3, 5),
        "docData beats og:updated_time"
    );
    assert!(e.topics.is_empty(), "{:?}", e.topics);
    assert_eq!(
        text,
        "Das Bundesamt für Sicherheit in der Informationstechnik (BSI) warnt vor einer\n\
         kritischen Schwachstelle in weit verbreiteten Heimroutern. Angreifer können über\n\
         das Internet die Kontrolle über betroffene Geräte übernehmen, ohne ein Passwort\n\
         zu kennen.\n\n\
         „Wer einen betroffenen Router betreibt, sollte das Update noch heute\n\
         einspielen“, sagt die Präsidentin des BSI. Die Hersteller haben Aktualisierungen\n\
         bereitgestellt; ältere Geräte erhalten keine mehr und sollten ersetzt werden."
    );
}

#[test]
fn a_type_lead_in_gives_type_and_date_and_leaves_the_text() {
    let (e, text) = read(
        "bmz_pressemitteilung_leadin.html",
        "https://www.bmz.de/de/aktuelles/aktuelle-meldungen/wasser-horn-von-afrika-204711",
    );
    // The lead-in wins over the path ("aktuelle-meldungen").
    assert_eq!(e.kind.as_deref(), Some("Pressemitteilung"));
    assert_eq!(e.date, NaiveDate::from_ymd_opt(2024, 3, 3));
    assert_eq!(
        e.title.as_deref(),
        Some("Neue Partnerschaft: Wasser für die Dürregebiete am Horn von Afrika")
    );
    assert_eq!(
        text.replace('\u{ad}', ""),
        "Bonn – Das Entwicklungsministerium und das Kinderhilfswerk der Vereinten\n\
         Nationen bauen die Wasserversorgung in Kenia und Somalia gemeinsam aus.\n\n\
         Rund 2,3 Millionen Menschen sollen bis 2026 Zugang zu sauberem Trinkwasser\n\
         erhalten. Dafür werden Brunnen gebohrt, Leitungen verlegt und Wasserkomitees in\n\
         den Gemeinden geschult.\n\n\
         Ministerin: „Wasser ist die Grundlage für alles andere – für Gesundheit, für\n\
         Ernährung und dafür, dass Kinder zur Schule gehen können.“\n\
         • In Kenia entstehen 140 solarbetriebene Brunnen.\n\
         • In Somalia werden 60 Gesundheitsstationen an das Wassernetz angeschlossen."
    );
}

#[test]
fn topline_date_photo_credit_press_contacts_and_related_links() {
    let (e, text) = read(
        "gsb_topline_bildnachweis_kontakt.html",
        "https://www.bbk.bund.de/SharedDocs/Pressemitteilungen/DE/2024/09/sirenen-foerderprogramm.html",
    );
    assert_eq!(e.rule, "generic");
    assert_eq!(e.kind.as_deref(), Some("Pressemitteilung"), "from the path");
    assert_eq!(
        e.date,
        NaiveDate::from_ymd_opt(2024, 9, 12),
        "Erscheinungstag, not og:updated_time"
    );
    assert_eq!(
        text,
        "Eine Sirene auf dem Dach eines Rathauses.\n\n\
         Der Bund verlängert das Förderprogramm für Sirenen um zwei Jahre. Kommunen\n\
         können damit weiterhin neue Sirenen aufstellen oder alte Anlagen modernisieren,\n\
         damit die Warnung der Bevölkerung im Katastrophenschutz auch bei Stromausfall\n\
         funktioniert.\n\n\
         Bis Ende 2023 wurden mit dem Programm mehr als 5.000 Sirenen gefördert. Die\n\
         Länder verteilen die Mittel nach ihrem jeweiligen Bedarf an die Kommunen.\n\n\
         Das Programm finden Sie unter:\n\
         www.bbk.example/sirenen[1]"
    );
}

#[test]
fn travel_advice_topics_come_from_the_tag_cloud_only() {
    let (e, text) = read(
        "aa_reisehinweise_sprachen.html",
        "https://www.auswaertiges-amt.de/de/ReiseUndSicherheit/portugalsicherheit/210920",
    );
    assert_eq!(e.rule, "auswaertiges-amt");
    assert_eq!(e.topics, ["Portugal"]);
    assert_eq!(e.kind.as_deref(), Some("Reisehinweis"));
    assert_eq!(e.date, NaiveDate::from_ymd_opt(2024, 8, 5));
    assert_eq!(
        text,
        "Letzte Änderungen: Hinweise zu Waldbränden\n\n\
         ## Aktuelles\n\n\
         In mehreren Regionen Portugals herrscht erhöhte Waldbrandgefahr. Befolgen Sie\n\
         die Anweisungen der Behörden und informieren Sie sich vor Ausflügen über\n\
         gesperrte Gebiete.\n\n\
         ### Sicherheit\n\n\
         Taschendiebstähle kommen in den Touristenzentren von Lissabon und Porto häufig\n\
         vor. Bewahren Sie Wertsachen sicher auf."
    );
}

#[test]
fn an_inline_teaser_of_another_topic_goes_and_the_type_tag_is_the_kind() {
    let (e, text) = read(
        "bmas_inline_teaser.html",
        "https://www.bmas.de/DE/Service/Presse/Meldungen/2024/rentenanpassung-2024.html",
    );
    assert_eq!(e.rule, "bmas");
    assert_eq!(e.kind.as_deref(), Some("Meldung"));
    assert_eq!(e.topics, ["Rente", "Alterssicherung"]);
    assert_eq!(e.date, NaiveDate::from_ymd_opt(2024, 3, 14));
    assert_eq!(
        text,
        "Die Renten in Deutschland steigen zum 1. Juli 2024 um 4,57 Prozent. Das ergibt\n\
         sich aus den Daten, die dem Bundesministerium für Arbeit und Soziales vorliegen.\n\n\
         Für eine Rente von 1.000 Euro bedeutet das ein Plus von 45,70 Euro im Monat. Die\n\
         Anpassung gilt in Ost und West gleichermaßen."
    );
}

#[test]
fn json_ld_date_and_photo_credits_in_captions_and_glued_to_a_paragraph() {
    let (e, text) = read(
        "jsonld_bildnachweis.html",
        "https://www.stiftung.example/presse/ehrenamtspreis-2024",
    );
    assert_eq!(
        e.date,
        NaiveDate::from_ymd_opt(2024, 6, 14),
        "datePublished, not dateModified"
    );
    assert_eq!(e.kind, None);
    assert_eq!(
        text,
        "Zwölf Initiativen aus Dörfern und Kleinstädten erhalten in diesem Jahr den\n\
         Ehrenamtspreis. Ausgezeichnet werden unter anderem eine Bürgerbus-Initiative aus\n\
         der Uckermark und ein Dorfladen in der Eifel.\n\n\
         [Bild: Preisträgerinnen und Preisträger auf der Bühne]\n\n\
         Die Preisträgerinnen und Preisträger bei der Verleihung in Neustrelitz.\n\n\
         Die Preise sind mit jeweils 5.000 Euro dotiert. Bewerbungen für das kommende\n\
         Jahr sind ab Oktober möglich."
    );
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn microdata_body_with_its_intro_beside_it_and_a_date_in_the_articles_footer() {
    // The page's wrappers carry `language-0`: a value, not a language switcher.
    let (e, text) = read(
        "typo3_news_microdata.html",
        "https://www.beispielstadt.example/aktuelles/nachricht/repair-treff/",
    );
    assert_eq!(e.rule, "generic");
    assert_eq!(e.title.as_deref(), Some("Repair-Treff im Stadtteilzentrum"));
    assert_eq!(e.date, day(2021, 3, 5));
    assert_eq!(
        text,
        "Defekte Toaster, wackelige Stühle, lose Säume: Im Repair-Treff helfen\n\
         Ehrenamtliche am Samstag, 13. März, von 10 bis 14 Uhr beim Reparieren –\n\
         kostenlos und ohne Anmeldung.\n\n\
         Wer etwas mitbringt, repariert gemeinsam mit den Fachleuten: Elektrikerinnen,\n\
         Schreiner und Näherinnen teilen ihr Wissen. So bleiben Geräte länger in Gebrauch\n\
         und der Müllberg wächst nicht weiter.\n\n\
         Der Repair-Treff ist ein Angebot der Stadt mit dem Verein Nachhaltig leben e. V.\n\
         Weitere Termine folgen im Mai und im Juli.\n\n\
         Auskunft erteilt das Quartiersbüro unter Tel. 01234 5678\n\
         (quartier@beispielstadt.example)."
    );
}

#[test]
fn a_date_standing_alone_above_the_headline_is_the_page_date_not_text() {
    let (e, text) = read(
        "headline_date_above.html",
        "https://mlue.land.example/de/aktuelles/presseinformationen/detail/~02-01-2022-streuobst",
    );
    assert_eq!(e.date, day(2022, 1, 2));
    assert_eq!(e.kind.as_deref(), Some("Pressemitteilung"));
    assert!(text.starts_with("Potsdam – Für die Pflege"), "{text}");
    assert!(!text.contains("02.01.2022"), "{text}");
}

#[test]
fn a_page_of_entries_dated_by_its_first_paragraph_without_the_tip_box_beside_it() {
    let (e, text) = read(
        "accordion_year_page.html",
        "https://www.bundesamt.example/news/pendler-2022",
    );
    assert_eq!(e.date, day(2022, 2, 3));
    assert!(
        text.starts_with("Das Bundesamt veröffentlicht jeden Monat"),
        "{text}"
    );
    assert!(
        text.contains("## Januar 2022\n"),
        "an in-page toggle is no link: {text}"
    );
    assert!(
        text.contains("Im Januar 2022 pendelten 19,8 Millionen"),
        "{text}"
    );
    assert!(!text.contains("Tipp"), "{text}");
    assert!(!text.contains("Aktuelle Meldungen 2021"), "{text}");
}

#[test]
fn teaser_cards_catalog_links_and_a_contact_card_after_the_article_go() {
    let (e, text) = read(
        "news_teaser_cards.html",
        "https://www.fachbehoerde.example/duengung/news/38853_Sperrfristende",
    );
    assert_eq!(e.date, None, "an event card's date is not the page's");
    for gone in [
        "Mehr zum Thema",
        "Übersicht der Sperrfristen",
        "Weitere Arbeitsgebiete",
        "Düngebedarf",
        "Veranstaltungen",
        "Hoftag",
        "Ansprechpartnerin",
        "0511 1234-0",
    ] {
        assert!(!text.contains(gone), "{gone} in:\n{text}");
    }
    assert!(
        text.contains("Frost: Der Boden muss am Tag des Aufbringens frostfrei"),
        "{text}"
    );
    assert!(text.ends_with("berät Betriebe auf Anfrage."), "{text}");
}

#[test]
fn an_interview_by_its_byline_dated_by_its_time_not_by_the_last_update() {
    let (e, text) = read(
        "magazine_interview.html",
        "https://www.jugendmagazin.example/daten-gesundheit-interview",
    );
    assert_eq!(e.kind.as_deref(), Some("Interview"));
    assert_eq!(e.date, day(2020, 3, 31), "not og:updated_time");
    // The questions in bold are the interview, not labels of data.
    assert!(
        text.contains("Frau Muster, warum sind Gesundheitsdaten so begehrt?\n\nWeil sie viel"),
        "{text}"
    );
    for gone in [
        "Interview: Jana Beispiel",
        "31.03.2020",
        "Titelbild",
        "Dieser Text wurde veröffentlicht",
        "CC-BY",
    ] {
        assert!(!text.contains(gone), "{gone} in:\n{text}");
    }
}

#[test]
fn boxes_of_labelled_data_and_contacts_beside_the_text_and_a_card_after_it_go() {
    let (e, text) = read(
        "portal_infobox.html",
        "https://www.waldportal.example/de/geschichte/floesserei",
    );
    assert_eq!(
        e.date,
        day(2022, 1, 21),
        "datePublished, not the related card's 2004"
    );
    assert_eq!(
        text,
        "Bis zur Eisenbahn war der Fluss die einzige Straße für schweres Holz. Flöße\n\
         brachten Stämme aus den Mittelgebirgen bis an die Küste.\n\n\
         ## Vom Wald an den Fluss\n\n\
         Im Winter wurden die Stämme geschlagen und an die Ufer gezogen. Im Frühjahr,\n\
         wenn das Wasser hoch stand, banden Flößer sie zu großen Flößen zusammen und\n\
         lenkten sie flussabwärts.\n\n\
         ## Ein Gewerbe mit Zünften\n\n\
         Die Flößerei war streng geregelt: Zünfte legten fest, wer flößen durfte, welche\n\
         Zölle zu zahlen waren und wie die Flöße gebaut sein mussten."
    );
}

#[test]
fn a_title_that_opens_with_the_date_dates_the_page() {
    let (e, _) = read(
        "dated_title.html",
        "https://www.vielfaltsportal.example/aktuelles/08112021-online-fachtag",
    );
    assert_eq!(e.date, day(2021, 11, 8));
    assert_eq!(
        e.title.as_deref(),
        Some("Online-Fachtag zur Vielfalt in der Jugendarbeit")
    );
}

#[test]
fn an_error_page_served_as_a_success_says_so() {
    let (e, text) = read(
        "soft_404.html",
        "https://www.strassenamt.example/SharedDocs/Pressemitteilungen/DE/2023/verschoben.html",
    );
    assert_eq!(
        e.not_found.as_deref(),
        Some("Fehler 404 - Seite nicht gefunden - Bundesamt für Straßenwesen")
    );
    let plain = crate::text::html_to_plain(&e.content_html);
    assert_eq!(
        e.error_page(&plain),
        e.not_found.as_deref(),
        "short enough to be an error page: {text}"
    );
    // The same words in a long article are an article that mentions an error.
    assert_eq!(e.error_page(&"Wort ".repeat(500)), None);
    // An article page is none.
    let (article, _) = read(
        "typo3_news_microdata.html",
        "https://www.landesamt.example/aktuelles/news/detail",
    );
    assert_eq!(article.not_found, None);
}

#[test]
fn utf8_bytes_under_a_latin1_declaration_read_as_utf8() {
    let path = format!(
        "{}/tests/fixtures/pages/utf8_declared_latin1.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("fixture");
    // Both the header and the page's meta say ISO-8859-1; the bytes are UTF-8.
    let html = decode_html(&bytes, Some("text/html; charset=ISO-8859-1"));
    assert!(!html.contains("Ã"), "no mojibake");
    let base = url("https://www.landesbehoerde.example/presse/buergerdialog.html");
    let e = extract(&html, &base);
    assert_eq!(
        e.title.as_deref(),
        Some("Bürgerdialog zur Straßenplanung in Kühlungsborn")
    );
    assert_eq!(e.date, day(2023, 3, 14));
    assert!(text_of(&e, &base)
        .text
        .starts_with("Die Landesbehörde lädt Bürgerinnen und Bürger"));
    // Real Latin-1 under the same declaration is still read as Latin-1.
    let latin1 =
        b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>B\xfcrger</p></body></html>";
    assert!(decode_html(latin1, None).contains("<p>Bürger</p>"));
}

#[test]
fn a_court_release_with_its_type_number_and_date_on_a_line_of_their_own() {
    let (e, text) = read(
        "court_press_release.html",
        "https://www.landesverfassungsgericht.example/SharedDocs/Pressemitteilungen/DE/2022/bvg22-014.html",
    );
    assert_eq!(e.kind.as_deref(), Some("Pressemitteilung"));
    assert_eq!(e.number.as_deref(), Some("14/2022"));
    // The release's date, not the decision's in the next line.
    assert_eq!(e.date, day(2022, 2, 10));
    assert!(
        text.starts_with("Beschluss vom 27. Januar 2022\n1 BvR 2649/21\n\nMit heute"),
        "the type line is metadata, the decision's reference is text: {text}"
    );
    assert!(!text.contains("Weitere Informationen"), "{text}");
    assert!(flat(&text).ends_with("Sie hätte zunächst die Fachgerichte anrufen müssen."));
}

#[test]
fn a_heading_below_h1_rank_that_the_title_repeats_is_the_headline() {
    let (e, text) = read(
        "parliament_short_news.html",
        "https://www.landtag.example/presse/khm/880432-880432",
    );
    assert_eq!(
        e.title.as_deref(),
        Some("Zahl der Straftaten im vierten Quartal"),
        "the heading, without the site's name from <title>"
    );
    // The date is one part of the line above the headline.
    assert_eq!(e.date, day(2022, 2, 1));
    assert!(
        text.starts_with("Berlin: (khm/STO) Die Zahl politisch motivierter Straftaten"),
        "neither the topline nor the headline in the text: {text}"
    );
    for furniture in [
        "Weitere Kurzmeldungen",
        "Radwege an Landstraßen",
        "31.01.2022",
    ] {
        assert!(!text.contains(furniture), "{furniture}: {text}");
    }
}

#[test]
fn a_blog_post_without_its_meta_line_comments_and_sharing() {
    let (e, text) = read(
        "blog_post.html",
        "https://www.energieagentur.example/2023/05/09/neue-foerderrichtlinie/",
    );
    assert_eq!(e.date, day(2023, 5, 9), "published, not updated");
    assert_eq!(
        text,
        "Kommunen mit weniger als 10.000 Einwohnerinnen und Einwohnern können ab sofort\n\
         Zuschüsse für ihre Wärmeplanung beantragen. Die Landesregierung stellt dafür in\n\
         diesem Jahr 12 Millionen Euro bereit.\n\n\
         Gefördert werden bis zu 90 Prozent der Kosten für externe Planungsbüros. Anträge\n\
         sind bis zum 30. September 2023 über das Förderportal einzureichen.\n\n\
         ## Was gefördert wird\n\
         • Bestands- und Potenzialanalysen\n\
         • Beteiligung der Öffentlichkeit\n\
         • Umsetzungsstrategien für Wärmenetze"
    );
}

#[test]
fn labelled_fields_give_type_number_and_date_and_their_labels_go_with_them() {
    let (e, text) = read(
        "cms_fields.html",
        "https://www.lau.example/presse/23-2023-hochwasserschutz",
    );
    assert_eq!(e.kind.as_deref(), Some("Pressemitteilung"));
    assert_eq!(e.number.as_deref(), Some("23/2023"));
    assert_eq!(e.date, day(2023, 4, 18));
    assert!(text.starts_with("Magdeburg. Das Land investiert"), "{text}");
    assert!(
        flat(&text).ends_with("Sperrungen von Radwegen auf der Deichkrone kommen."),
        "no orphaned 'Ansprechpartner' label, no contact, no tags: {text}"
    );
    for furniture in ["Datum", "Weitere Pressemitteilungen", "Luftqualität"] {
        assert!(!text.contains(furniture), "{furniture}: {text}");
    }
}

#[test]
fn a_label_whose_value_went_goes_and_short_text_of_its_own_stays() {
    let base = url("https://www.amt.example/meldung");
    let e = extract(
        &format!(
            r#"<main><div class="meta"><span>Veröffentlicht am</span> <time datetime="2024-02-01">01.02.2024</time></div>
            <p>{LONG_TEXT}</p>
            <figure><img src="a.jpg" alt=""><figcaption>Ministerin Muster <span class="credit">Foto: dpa</span></figcaption></figure>
            <ul><li>Kurz</li><li>Knapp</li></ul></main>"#
        ),
        &base,
    );
    let text = text_of(&e, &base).text;
    assert!(!text.contains("Veröffentlicht am"), "{text}");
    assert!(
        text.contains("Ministerin Muster"),
        "a short caption is text: {text}"
    );
    assert!(text.contains("• Kurz\n• Knapp"), "{text}");
}

/// The text's words on one line, for assertions that do not depend on the wrapping.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const LONG_TEXT: &str = "Das Amt hat heute seinen Jahresbericht vorgelegt. Er beschreibt auf 80 Seiten, wie sich die Zahl der Anträge entwickelt hat und welche Verfahren digital wurden.";

#[test]
fn page_controls_go_and_a_labelled_date_at_the_end_dates_the_page() {
    let (e, text) = read(
        "agency_page_controls.html",
        "https://www.bafg.example/SharedDocs/Pressemitteilungen/DE/2022/niedrigwasser.html",
    );
    assert_eq!(e.date, day(2022, 8, 12), "the 'Stand:' line after the text");
    assert_eq!(
        flat(&text),
        "Wegen der anhaltenden Trockenheit ist der Pegel Kaub auf 78 Zentimeter gefallen. \
         Frachtschiffe können nur noch mit einem Drittel ihrer Ladung fahren. Die \
         Bundesanstalt rechnet in den kommenden zehn Tagen nicht mit nennenswerten \
         Niederschlägen im Einzugsgebiet. Die Pegel dürften daher weiter sinken. Der Pegel \
         Kaub am Mittelrhein Die Reedereien haben Kleinwasserzuschläge angekündigt. Für die \
         Industrie am Rhein bedeutet das höhere Transportkosten.",
        "no read-aloud button, reading time, credit, downloads, print links or back link"
    );
}
