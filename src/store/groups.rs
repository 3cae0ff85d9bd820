//! One release in several feeds: ministries publish the same release in several of their
//! feeds, and joint releases under each ministry. A new article joins the group of an article
//! of another feed when its title says the same (the same words, or one title is the other's
//! lead before a colon or dash), it was published within a day, and its teaser says the same
//! too. Conservative on purpose: two different articles are never merged.

use rusqlite::{params, Transaction};

use super::StoreError;
use crate::filter::fold::fold;

/// Words a title must have before its lead can stand for it (`Video:`, `Interview:` cannot).
const MIN_LEAD_WORDS: usize = 3;

/// How many of the teasers' words must be shared (Jaccard), when both have a few.
const MIN_TEASER_OVERLAP: f64 = 0.6;

/// The words of a text, folded (umlauts, ß, case) and without punctuation.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The key a title is looked up by: its lead before the first colon or dash when that has a
/// few words ("Sozialstaat schützen und Missbrauch verhindern: Bundesregierung beschließt
/// …"), else the whole title; folded, punctuation gone.
pub fn title_key(title: &str) -> String {
    let lead = title
        .split([':', '–', '—', '|'])
        .next()
        .map(|lead| lead.split(" - ").next().unwrap_or(lead))
        .unwrap_or(title);
    let lead_words = words(lead);
    if lead_words.len() >= MIN_LEAD_WORDS {
        lead_words.join(" ")
    } else {
        words(title).join(" ")
    }
}

/// Whether two articles with the same title key are one release: their teasers share most
/// of their words, or, where a teaser is too short to tell, the titles are the same words.
pub fn same_release(title: &str, teaser: &str, other_title: &str, other_teaser: &str) -> bool {
    let (a, b) = (words(teaser), words(other_teaser));
    if a.len() < 5 || b.len() < 5 {
        return words(title) == words(other_title);
    }
    let a: std::collections::HashSet<&String> = a.iter().collect();
    let b: std::collections::HashSet<&String> = b.iter().collect();
    let shared = a.intersection(&b).count() as f64;
    let all = a.union(&b).count() as f64;
    shared / all >= MIN_TEASER_OVERLAP
}

/// Joins a new article (stored with its `title_key`) to the group of the same release in
/// another feed, if there is one.
pub fn join(
    tx: &Transaction,
    id: i64,
    feed_id: i64,
    published: i64,
    key: &str,
    (title, teaser): (&str, &str),
) -> Result<(), StoreError> {
    if key.is_empty() {
        return Ok(());
    }
    let candidates: Vec<(i64, Option<i64>, String, String)> = tx
        .prepare_cached(
            "SELECT id, group_id, title, summary FROM articles
             WHERE title_key = ?1 AND published BETWEEN ?2 - 86400 AND ?2 + 86400
               AND feed_id <> ?3 AND id <> ?4
             ORDER BY id",
        )?
        .query_map(params![key, published, feed_id, id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let Some((other, group, ..)) = candidates
        .into_iter()
        .find(|(_, _, t, s)| same_release(title, teaser, t, s))
    else {
        return Ok(());
    };
    // The group is named by its first member.
    let group = group.unwrap_or(other);
    tx.prepare_cached("UPDATE articles SET group_id = ?1 WHERE id IN (?1, ?2)")?
        .execute(params![group, id])?;
    Ok(())
}

/// Title keys for the recent articles of a cache from before grouping, so new articles can
/// join them. Only recent ones: a new article joins articles of its own days only, and
/// rewriting every row of a large cache would leave its table fragmented (a third slower to
/// read until `vacuum`).
pub fn backfill_keys(tx: &Transaction) -> Result<(), StoreError> {
    let rows: Vec<(i64, String)> = tx
        .prepare(
            "SELECT id, title FROM articles WHERE title_key IS NULL
             AND published >= CAST(strftime('%s', 'now') AS INTEGER) - 7 * 86400",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE articles SET title_key = ?2 WHERE id = ?1")?;
    for (id, title) in rows {
        update.execute(params![id, title_key(&title)])?;
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
        // Without teasers only the same title words count.
        assert!(same_release("Neue Förderung", "", "Neue Foerderung!", ""));
        assert!(!same_release(BMI_TITLE, "", BMAS_TITLE, ""));
    }
}
