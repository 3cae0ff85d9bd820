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

/// Joins the articles stored after id `before` (one write transaction's) to the groups of
/// the same releases in other feeds: one statement finds the candidates of all of them (an
/// index probe each, inside SQLite), instead of one statement per new article.
pub fn join_new(tx: &Transaction, before: i64) -> Result<(), StoreError> {
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
        // Without teasers only the same title words count.
        assert!(same_release("Neue Förderung", "", "Neue Foerderung!", ""));
        assert!(!same_release(BMI_TITLE, "", BMAS_TITLE, ""));
    }
}
