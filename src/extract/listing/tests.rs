use super::*;

fn read(fixture: &str, page: &str) -> Vec<ListingItem> {
    let html = std::fs::read_to_string(format!(
        "{}/tests/fixtures/listings/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    items(&html, &Url::parse(page).expect("url"))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// (title, url, day, kind) of each item.
fn summary(items: &[ListingItem]) -> Vec<(&str, &str, NaiveDate, Option<&str>)> {
    items
        .iter()
        .map(|i| (i.title.as_str(), i.url.as_str(), i.date, i.kind.as_deref()))
        .collect()
}

#[test]
fn gsb_teasers_with_a_topline_of_type_and_date() {
    let items = read(
        "gsb_topline.html",
        "https://www.forschung.example/DE/Home/home_node.html",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "Quantencomputing: Förderaufruf für Anwendungen in der Medizin",
                "https://www.forschung.example/SharedDocs/Kurzmeldungen/DE/2026/10/011026-quantencomputing.html",
                day(2026, 10, 1),
                Some("Meldung")
            ),
            (
                "Bund und Länder verlängern den Zukunftsvertrag Studium und Lehre",
                "https://www.forschung.example/SharedDocs/Pressemitteilungen/DE/2026/09/300926-hochschulpakt.html",
                day(2026, 9, 30),
                Some("Pressemitteilung")
            ),
            (
                // The soft hyphen goes; a topic in the type's place is no type.
                "Neues Forschungsschiff für die Meeresforschung getauft",
                "https://www.forschung.example/SharedDocs/Kurzmeldungen/DE/2026/09/250926-meeresforschung.html",
                day(2026, 9, 25),
                None
            ),
        ]
    );
}

#[test]
fn gsb_teasers_with_a_base_href_a_summary_and_a_long_date() {
    let items = read(
        "gsb_meta_summary.html",
        "https://www.justiz.example/DE/Startseite/Startseite_node.html",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "Ein Jahr Verbraucherschutz im Überblick",
                "https://www.justiz.example/SharedDocs/Meldungen/DE/2026/verbraucherschutz-bilanz.html",
                day(2026, 5, 7),
                Some("Meldung")
            ),
            (
                "Mietrecht: Schutz vor überhöhten Nebenkosten",
                "https://www.justiz.example/SharedDocs/Pressemitteilungen/DE/2026/0421_Mietrecht.html",
                day(2026, 1, 21),
                Some("Pressemitteilung")
            ),
        ]
    );
    assert_eq!(
        items[1].teaser,
        "Der Gesetzentwurf sieht klare Regeln für Betriebskosten vor & schließt Lücken bei möblierten Wohnungen."
    );
}

#[test]
fn press_releases_with_a_hidden_topic_label_and_an_abbreviated_month() {
    let items = read(
        "gsb_pressrelease.html",
        "https://www.landwirtschaft.example/DE/Home/home_node.html",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "Waldstrategie 2050 vorgestellt",
                "https://www.landwirtschaft.example/SharedDocs/Pressemitteilungen/DE/2026/091-waldstrategie.html",
                day(2026, 9, 30),
                Some("Pressemitteilung")
            ),
            (
                "30. Bundeswettbewerb „Unser Dorf hat Zukunft“ startet",
                "https://www.landwirtschaft.example/SharedDocs/Pressemitteilungen/DE/2026/090-dorfwettbewerb.html",
                day(2026, 9, 29),
                Some("Pressemitteilung")
            ),
        ]
    );
}

#[test]
fn typo3_teasers_with_a_category_and_a_written_out_date() {
    let items = read(
        "typo3_category.html",
        "https://www.gesundheit.example/presse/pressemitteilungen",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "Kabinett beschließt Pflegereform",
                "https://www.gesundheit.example/presse/pressemitteilungen/kabinett-beschliesst-pflegereform",
                day(2026, 9, 30),
                Some("Pressemitteilung")
            ),
            (
                "Finanzentwicklung der GKV im 1. Halbjahr 2026",
                "https://www.gesundheit.example/presse/pressemitteilungen/gkv-finanzen-2026",
                day(2026, 9, 4),
                Some("Pressemitteilung")
            ),
        ]
    );
    assert!(
        items[0].teaser.starts_with("Minister: „Gute Pflege"),
        "{:?}",
        items[0].teaser
    );
}

#[test]
fn search_result_lists_with_date_and_type_in_one_line() {
    let items = read(
        "solr_results.html",
        "https://digital.example/aktuelles/pressemitteilungen",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "KI-Reallabore starten in zwölf Kommunen",
                "https://digital.example/aktuelles/pressemitteilungen/detail/ki-reallabore-starten",
                day(2026, 10, 1),
                Some("Pressemitteilung")
            ),
            (
                "Rede des Ministers auf dem Digital-Gipfel",
                "https://digital.example/aktuelles/pressemitteilungen/detail/rede-digitalgipfel",
                day(2026, 9, 24),
                Some("Rede")
            ),
        ]
    );
}

#[test]
fn relative_links_and_a_date_for_the_eye_and_one_for_screen_readers() {
    let items = read(
        "columns_time.html",
        "https://www.familie.example/familie/aktuelles/pressemitteilungen",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "Kita-Qualitätsgesetz: Länder erhalten vier Milliarden Euro",
                "https://www.familie.example/familie/aktuelles/pressemitteilungen/kita-qualitaetsgesetz-298211",
                day(2026, 9, 29),
                Some("Pressemitteilung")
            ),
            (
                "15 Jahre Bundesfreiwilligendienst",
                "https://www.familie.example/familie/aktuelles/pressemitteilungen/freiwilligendienst-298102",
                day(2026, 9, 20),
                Some("Pressemitteilung")
            ),
        ]
    );
    assert!(
        items[0].teaser.ends_with("egal, wo es aufwächst.“"),
        "{:?}",
        items[0].teaser
    );
}

#[test]
fn a_link_around_the_whole_teaser_gives_its_headline_not_its_date() {
    let items = read(
        "timeline_em.html",
        "https://www.aussen.example/de/newsroom/news",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "Außenministerin reist nach Warschau und Vilnius",
                "https://www.aussen.example/de/newsroom/2811001-2811001",
                day(2026, 9, 30),
                Some("Pressemitteilung")
            ),
            (
                "Rede der Außenministerin vor dem Europarat in Straßburg",
                "https://www.aussen.example/de/newsroom/2810950-2810950",
                day(2026, 9, 29),
                Some("Rede")
            ),
        ]
    );
}

#[test]
fn coremedia_teasers_keep_the_time_of_day() {
    let items = read(
        "coremedia_article.html",
        "https://www.verteidigung.example/de/presse",
    );
    assert_eq!(
        summary(&items),
        [
            (
                "Marineübung in der Ostsee beginnt",
                "https://www.verteidigung.example/de/presse/marine-uebung-ostsee-6170001",
                day(2026, 10, 1),
                Some("Pressemitteilung")
            ),
            (
                "Minister im Interview zur Wehrpflicht",
                "https://www.verteidigung.example/de/presse/interview-minister-6169900",
                day(2026, 9, 28),
                Some("Interview")
            ),
        ]
    );
    assert_eq!(
        items[0]
            .time
            .map(|t| t.format("%H:%M").to_string())
            .as_deref(),
        Some("18:00")
    );
}

#[test]
fn a_plain_list_of_dated_links() {
    let items = read("plain_dated_list.html", "https://www.amt.example/presse/");
    let titles: Vec<(&str, NaiveDate)> = items.iter().map(|i| (i.title.as_str(), i.date)).collect();
    assert_eq!(
        titles,
        [
            (
                "Jahresbericht zur Lebensmittelsicherheit veröffentlicht",
                day(2026, 3, 12)
            ),
            (
                "Warnung vor gefälschten Arzneimitteln im Internet",
                day(2026, 3, 5)
            ),
            ("Tätigkeitsbericht 2025 (PDF, 2 MB)", day(2026, 2, 28)),
        ]
    );
}

#[test]
fn navigation_breadcrumbs_paging_and_undated_links_are_no_items() {
    // Every fixture's frame has a header menu, a breadcrumb, paging and a footer with a date.
    for (fixture, page) in [
        (
            "gsb_topline.html",
            "https://www.forschung.example/DE/Home/home_node.html",
        ),
        (
            "typo3_category.html",
            "https://www.gesundheit.example/presse/pressemitteilungen",
        ),
    ] {
        let items = read(fixture, page);
        assert!(
            items
                .iter()
                .all(|i| !i.url.contains("/DE/Service/") && !i.url.contains("page=")),
            "{items:#?}"
        );
    }
    // A page of undated tiles (a roster of ministries) lists nothing.
    let tiles = r#"<main><div class="tile"><a href="/ministerien/bmi">Bundesministerium des Innern</a></div>
        <div class="tile"><a href="/ministerien/aa">Auswärtiges Amt</a></div></main>"#;
    assert!(items(
        tiles,
        &Url::parse("https://www.regierung.example/ministerien").expect("url")
    )
    .is_empty());
    // Links to other sites are not the site's articles.
    let elsewhere = r#"<main><ul><li>01.10.2026 <a href="https://andere.example/x.html">Eine Meldung anderswo</a></li></ul></main>"#;
    assert!(items(
        elsewhere,
        &Url::parse("https://www.amt.example/presse").expect("url")
    )
    .is_empty());
}
