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
