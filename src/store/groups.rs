//! One release in several feeds: ministries publish the same release in several of their
//! feeds, and joint releases under each ministry. A new article joins the group of an article
//! of another feed when its title says the same (the same words, or one title is the other's
//! lead before a colon or dash), it was published within a day, and there is evidence that
//! the content is the same: teasers that share most of their words, or, where teasers are too
//! short to tell, the same title and teaser with enough words of their own. A generic or empty
//! title alone ("Terminhinweis") is never evidence: two different releases are never merged.
//!
//! Which copy leads a group (the one lists show, with the others in `also_in`) does not
//! depend on which feed was stored first: see [`leader_rank`].

use rusqlite::{params, Transaction};

use super::StoreError;
use crate::filter::fold::fold;
use crate::model::Ministries;

/// Words a title must have before its lead can stand for it (`Video:`, `Interview:` cannot).
const MIN_LEAD_WORDS: usize = 3;

/// How many of the teasers' words must be shared (Jaccard), when both have a few.
const MIN_TEASER_OVERLAP: f64 = 0.6;

/// Words a teaser needs before its overlap with another says anything.
const MIN_TEASER_WORDS: usize = 5;

/// Words of their own (see [`is_specific`]) that the evidence must have: a release's title
/// and teaser have many, a series' heading with a date has none ("Pressemitteilung Nr. 12
/// vom 3. März"), a short note on an appointment two or three ("Ministerin besucht
/// Hamburg"), which two ministries may well publish on one day.
const MIN_SPECIFIC_WORDS: usize = 4;

/// Folded words that say what kind of text it is or when, not what it is about, and common
/// function words of four letters or more (shorter words never count).
const GENERIC_WORDS: &[&str] = &[
    "aber",
    "aktuell",
    "aktuelles",
    "alle",
    "auch",
    "beim",
    "bitte",
    "dass",
    "dem",
    "diese",
    "dieser",
    "dieses",
    "eine",
    "einem",
    "einen",
    "einer",
    "einladung",
    "erfahren",
    "finden",
    "fuer",
    "gegen",
    "hier",
    "hinweis",
    "hinweise",
    "heute",
    "informationen",
    "interview",
    "klicken",
    "lesen",
    "mehr",
    "meldung",
    "meldungen",
    "mitteilung",
    "morgen",
    "nach",
    "nachricht",
    "nachrichten",
    "newsletter",
    "oder",
    "podcast",
    "presse",
    "presseeinladung",
    "pressekonferenz",
    "pressemitteilung",
    "pressemitteilungen",
    "pressestatement",
    "pressetermin",
    "regierungspressekonferenz",
    "rede",
    "sich",
    "sind",
    "sowie",
    "statement",
    "termin",
    "termine",
    "terminhinweis",
    "terminhinweise",
    "ueber",
    "unter",
    "video",
    "vollstaendige",
    "weitere",
    "weiterlesen",
    "werden",
    "wird",
    "woche",
    "wochenvorschau",
    "zum",
    "januar",
    "februar",
    "maerz",
    "april",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
];

/// A word that can tell one release from another: four letters or more, not a number, not
/// a generic word.
fn is_specific(word: &str) -> bool {
    word.chars().count() >= 4
        && !word.chars().all(|c| c.is_numeric())
        && !GENERIC_WORDS.contains(&word)
}

/// The words of a text, folded (umlauts, ß, case) and without punctuation.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How many distinct words of the texts can tell a release from another.
fn specific_words<'a>(texts: impl IntoIterator<Item = &'a String>) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for word in texts {
        if is_specific(word) && !seen.contains(&word.as_str()) {
            seen.push(word);
        }
    }
    seen.len()
}

/// The key a title is looked up by: its lead before the first colon or dash when that has a
/// few words ("Sozialstaat schützen und Missbrauch verhindern: Bundesregierung beschließt
/// …"), else the whole title; folded, punctuation gone. Built in one pass (it runs for every
/// stored article).
pub fn title_key(title: &str) -> String {
    let lead = title
        .split([':', '–', '—', '|'])
        .next()
        .map(|lead| lead.split(" - ").next().unwrap_or(lead))
        .unwrap_or(title);
    let (key, words) = joined_words(lead);
    if words >= MIN_LEAD_WORDS {
        key
    } else {
        joined_words(title).0
    }
}

/// The folded words of `text` joined by single spaces, and how many there are.
fn joined_words(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + 8);
    let mut words = 0;
    let mut in_word = false;
    for c in fold(text).chars() {
        if c.is_alphanumeric() {
            if !in_word {
                if words > 0 {
                    out.push(' ');
                }
                words += 1;
                in_word = true;
            }
            out.push(c);
        } else {
            in_word = false;
        }
    }
    (out, words)
}

/// The title key as the cache keeps it: a 64-bit hash (FNV-1a, stable across releases), a
/// fifth of the key's size in the table and its index. `None` for a title without words.
/// Two keys with the same hash are still told apart by `same_release`.
pub fn title_hash(title: &str) -> Option<i64> {
    let key = title_key(title);
    if key.is_empty() {
        return None;
    }
    let mut hash = crate::model::Fnv1a::default();
    hash.write(key.as_bytes());
    // SQLite stores signed integers; the bit pattern is what matters.
    Some(hash.finish() as i64)
}

/// Whether two articles with the same title key are one release. Evidence is needed, never
/// a title alone unless it is specific: teasers of a few words each that share most of them
/// (and enough words of their own); else, where a teaser is short or missing, the same title
/// and the same teaser that together have enough words of their own.
pub fn same_release(title: &str, teaser: &str, other_title: &str, other_teaser: &str) -> bool {
    let (a, b) = (words(teaser), words(other_teaser));
    if a.len() >= MIN_TEASER_WORDS && b.len() >= MIN_TEASER_WORDS {
        let a: std::collections::HashSet<&String> = a.iter().collect();
        let b: std::collections::HashSet<&String> = b.iter().collect();
        let shared: Vec<&String> = a.intersection(&b).copied().collect();
        let all = a.union(&b).count() as f64;
        // The words of their own may come from the shared title too.
        let other_title_words = words(other_title);
        let title_words: Vec<String> = words(title)
            .into_iter()
            .filter(|w| other_title_words.contains(w))
            .collect();
        return shared.len() as f64 / all >= MIN_TEASER_OVERLAP
            && specific_words(shared.into_iter().chain(&title_words)) >= MIN_SPECIFIC_WORDS;
    }
    let title_words = words(title);
    title_words == words(other_title)
        && a == b
        && specific_words(title_words.iter().chain(&a)) >= MIN_SPECIFIC_WORDS
}

/// One copy of a release, as the leader is chosen among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub published: i64,
    pub link: Option<String>,
    /// The ministry of the copy's feed (configured, or of the feed's domain).
    pub ministry: Option<String>,
    pub feed_url: String,
}

/// How a copy ranks for leading its group, the smallest first: a feed of a known ministry
/// before any other feed; then a link on that ministry's own domain; then the earliest
/// published; then, for a stable choice, the feed's URL and the link (never the order in
/// which the copies were stored, which depends on which feed answered first).
pub fn leader_rank(copy: &Copy, ministries: &Ministries) -> impl Ord {
    let own_domain = match (&copy.ministry, &copy.link) {
        (Some(ministry), Some(link)) => ministries.owns_link(ministry, link),
        _ => false,
    };
    (
        copy.ministry.is_none(),
        !own_domain,
        copy.published,
        copy.feed_url.clone(),
        copy.link.clone(),
    )
}

/// Joins the articles stored after id `before` (one write transaction's) to the groups of
/// the same releases in other feeds: one statement finds the candidates of all of them (an
/// index probe each, inside SQLite), instead of one statement per new article.
pub fn join_new(tx: &Transaction, before: i64, ministries: &Ministries) -> Result<(), StoreError> {
    type Candidate = (i64, String, String, i64, Option<i64>, String, String);
    let candidates: Vec<Candidate> = tx
        .prepare_cached(
            "SELECT n.id, n.title, n.summary, o.id, o.group_id, o.title, o.summary
             FROM articles n JOIN articles o INDEXED BY articles_by_title_hash
               ON o.title_hash = n.title_hash
              AND o.published BETWEEN n.published - 86400 AND n.published + 86400
              AND o.feed_id <> n.feed_id AND o.id < n.id
             WHERE n.id > ?1 AND n.title_hash IS NOT NULL
             ORDER BY n.id, o.id",
        )?
        .query_map([before], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut joined: Vec<i64> = Vec::new();
    let mut changed: Vec<i64> = Vec::new();
    for (id, title, teaser, other, group, other_title, other_teaser) in candidates {
        if joined.contains(&id) || !same_release(&title, &teaser, &other_title, &other_teaser) {
            continue;
        }
        // The group is named by its first member; an earlier new row may have named it.
        let group: i64 = match group {
            Some(g) => g,
            None => tx
                .prepare_cached("SELECT COALESCE(group_id, id) FROM articles WHERE id = ?1")?
                .query_row([other], |r| r.get(0))?,
        };
        tx.prepare_cached("UPDATE articles SET group_id = ?1 WHERE id IN (?1, ?2, ?3)")?
            .execute(params![group, other, id])?;
        joined.push(id);
        if !changed.contains(&group) {
            changed.push(group);
        }
    }
    for group in changed {
        choose_leader(tx, group, ministries)?;
    }
    Ok(())
}

/// Names the group after its best-ranked copy (see [`leader_rank`]): the copy whose id is
/// the group's leads it.
fn choose_leader(tx: &Transaction, group: i64, ministries: &Ministries) -> Result<(), StoreError> {
    let members: Vec<(i64, Copy)> = tx
        .prepare_cached(
            "SELECT a.id, a.published, a.link, f.ministry, f.url FROM articles a
             JOIN feeds f ON f.id = a.feed_id WHERE a.group_id = ?1",
        )?
        .query_map([group], |r| {
            Ok((
                r.get(0)?,
                Copy {
                    published: r.get(1)?,
                    link: r.get(2)?,
                    ministry: r.get(3)?,
                    feed_url: r.get(4)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let leader = members
        .iter()
        .min_by_key(|(_, copy)| leader_rank(copy, ministries))
        .map(|(id, _)| *id);
    if let Some(leader) = leader.filter(|l| *l != group) {
        tx.prepare_cached("UPDATE articles SET group_id = ?1 WHERE group_id = ?2")?
            .execute(params![leader, group])?;
    }
    Ok(())
}

/// Title hashes for the recent articles of a cache from before schema 5, so new articles
/// can join them. Only recent ones: a new article joins articles of its own days only, and
/// rewriting every row of a large cache would leave its table fragmented (a third slower to
/// read until `vacuum`).
pub fn backfill_title_hashes(tx: &Transaction) -> Result<(), StoreError> {
    let rows: Vec<(i64, String)> = tx
        .prepare(
            "SELECT id, title FROM articles WHERE title_hash IS NULL
             AND published >= CAST(strftime('%s', 'now') AS INTEGER) - 7 * 86400",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE articles SET title_hash = ?2 WHERE id = ?1")?;
    for (id, title) in rows {
        update.execute(params![id, title_hash(&title)])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BMI_TITLE: &str =
        "Sozialstaat schützen und Missbrauch verhindern: Bundesregierung beschließt 10-Punkte-Plan";
    const BMAS_TITLE: &str = "Sozialstaat schützen und Missbrauch verhindern";
    const BMI_TEASER: &str = "Die Bundesregierung hat heute im Kabinett den Aktionsplan gegen Sozialleistungsmissbrauch und Ausbeutung, insbesondere im Zusammenhang mit EU-Zuwanderung beschlossen.";
    const BMAS_TEASER: &str = "Die Bundesregierung hat heute im Kabinett den Aktionsplan gegen Sozialleistungsmissbrauch und Ausbeutung, insbesondere im Zusammenhang mit EU-Zuwanderung, beschlossen.";

    #[test]
    fn a_joint_release_with_titles_of_different_length_is_one() {
        assert_eq!(title_key(BMI_TITLE), title_key(BMAS_TITLE));
        assert_eq!(
            title_key(BMAS_TITLE),
            "sozialstaat schuetzen und missbrauch verhindern"
        );
        assert!(same_release(BMI_TITLE, BMI_TEASER, BMAS_TITLE, BMAS_TEASER));
    }

    #[test]
    fn different_articles_stay_apart() {
        // A short lead is no key of its own.
        assert_ne!(
            title_key("Video: BMI diskutiert mit Nachwuchsnetzwerk"),
            title_key("Video: Ministerin besucht THW-Ortsverband")
        );
        // The same heading, a different text (a series: "Regierungspressekonferenz vom …").
        assert!(!same_release(
            "Regierungspressekonferenz",
            "Themen: Haushalt, Bahnstreik, Nahost und die Lage in der Ukraine.",
            "Regierungspressekonferenz",
            "Themen: Energiepreise, Digitalstrategie und der Besuch aus Frankreich.",
        ));
        // Without teasers only the same title words count, and only a specific title.
        let specific = "Neue Förderung für kommunale Klimaschutzprojekte";
        assert!(same_release(
            specific,
            "",
            "Neue Foerderung für kommunale Klimaschutzprojekte!",
            ""
        ));
        assert!(!same_release(BMI_TITLE, "", BMAS_TITLE, ""));
    }

    #[test]
    fn a_generic_or_empty_title_is_no_evidence() {
        // BMAS and BMZ on one day: one-sentence teasers, the same generic title.
        assert!(!same_release(
            "Terminhinweis",
            "Ministerin besucht Hamburg.",
            "Terminhinweis",
            "Staatssekretär reist nach Brüssel.",
        ));
        // Even the same short note is too little to tell two ministries' notes apart.
        assert!(!same_release(
            "Terminhinweis",
            "Ministerin besucht Hamburg.",
            "Terminhinweis",
            "Ministerin besucht Hamburg.",
        ));
        for generic in [
            "Wochenvorschau",
            "Pressekonferenz",
            "Pressemitteilung Nr. 12 vom 3. März 2022",
            "",
        ] {
            assert!(!same_release(generic, "", generic, ""), "{generic}");
        }
        // Boilerplate teasers share their words, but none of their own.
        let boilerplate = "Lesen Sie hier die vollständige Pressemitteilung.";
        assert!(!same_release(
            "Terminhinweise",
            boilerplate,
            "Terminhinweise",
            boilerplate
        ));
        // A short note with a specific title and the same teaser is one release.
        assert!(same_release(
            "Ministerin eröffnet Fachkräftekongress",
            "Ministerin besucht Hamburg.",
            "Ministerin eröffnet Fachkräftekongress",
            "Ministerin besucht Hamburg.",
        ));
    }

    #[test]
    fn teasers_are_compared_by_overlap_from_five_words_on() {
        let title = "Ministerin eröffnet Fachkräftekongress";
        // Five words each, four shared (and specific): overlap 4/6, one release.
        let a = "Ministerin eröffnet Kongress Fachkräfte Hamburg";
        let b = "Ministerin eröffnet Kongress Fachkräfte Bremen";
        assert!(same_release(title, a, title, b));
        // Four words each: too short for overlap, and they differ.
        let (a4, b4) = (
            "Ministerin eröffnet Kongress Hamburg",
            "Ministerin eröffnet Kongress Bremen",
        );
        assert!(!same_release(title, a4, title, b4));
        // One short and one long teaser: not comparable, and not the same.
        assert!(!same_release(title, a4, title, a));
        assert!(!same_release(title, a, title, a4));
        // Below the overlap: three of seven words shared.
        let c = "Ministerin eröffnet Kongress Fachkräfte Hamburg Montag Abend";
        let d = "Ministerin eröffnet Kongress Lehrkräfte Bremen Dienstag Morgen";
        assert!(!same_release(title, c, title, d));
    }

    #[test]
    fn title_hashes_tell_keys_apart_and_ignore_spelling() {
        let a = title_hash("Sozialstaat schützen und Missbrauch verhindern");
        assert_eq!(
            a,
            title_hash("SOZIALSTAAT SCHUETZEN und Missbrauch verhindern!")
        );
        assert_eq!(a, title_hash(BMI_TITLE), "the lead stands for the title");
        assert_ne!(
            a,
            title_hash("Sozialstaat stärken und Missbrauch verhindern")
        );
        assert_ne!(title_hash("Terminhinweis"), title_hash("Wochenvorschau"));
        assert_eq!(title_hash(""), None);
        assert_eq!(title_hash(" – : "), None);
    }

    fn copy(published: i64, link: &str, ministry: Option<&str>, feed: &str) -> Copy {
        Copy {
            published,
            link: Some(link.into()),
            ministry: ministry.map(str::to_owned),
            feed_url: feed.into(),
        }
    }

    /// The copy that leads, by the rank.
    fn leader<'a>(copies: &'a [Copy], ministries: &Ministries) -> &'a Copy {
        copies
            .iter()
            .min_by_key(|c| leader_rank(c, ministries))
            .expect("copies")
    }

    #[test]
    fn a_ministry_copy_on_its_own_domain_leads_whatever_was_stored_first() {
        let ministries = Ministries(vec![crate::model::Ministry {
            name: "BMI".into(),
            domains: vec!["bmi.bund.de".into()],
            ..Default::default()
        }]);
        let bmi = copy(
            1_000,
            "https://www.bmi.bund.de/a.html",
            Some("BMI"),
            "https://www.bmi.bund.de/feed.xml",
        );
        // A feed of no ministry, published minutes earlier, with its own link.
        let fake = copy(
            900,
            "https://evil.example/a.html",
            None,
            "https://evil.example/feed.xml",
        );
        // A feed that claims BMI by its config but links elsewhere, earlier still.
        let elsewhere = copy(
            800,
            "https://mirror.example/a.html",
            Some("BMI"),
            "https://mirror.example/feed.xml",
        );
        for order in [
            vec![fake.clone(), bmi.clone(), elsewhere.clone()],
            vec![elsewhere.clone(), bmi.clone(), fake.clone()],
            vec![bmi.clone(), fake.clone(), elsewhere.clone()],
        ] {
            assert_eq!(leader(&order, &ministries), &bmi);
        }
        // Without an own-domain copy, a ministry's feed still beats one of none.
        assert_eq!(
            leader(&[fake.clone(), elsewhere.clone()], &ministries),
            &elsewhere
        );
        // Among equals the earliest, then a stable order of feed URLs, not storing.
        let later = copy(
            1_100,
            "https://www.bmi.bund.de/b.html",
            Some("BMI"),
            "https://www.bmi.bund.de/a.xml",
        );
        assert_eq!(leader(&[later.clone(), bmi.clone()], &ministries), &bmi);
        let same_time = copy(
            1_000,
            "https://www.bmi.bund.de/b.html",
            Some("BMI"),
            "https://www.bmi.bund.de/a.xml",
        );
        assert_eq!(
            leader(&[bmi.clone(), same_time.clone()], &ministries),
            &same_time
        );
        assert_eq!(leader(&[same_time.clone(), bmi], &ministries), &same_time);
    }
}
