//! Article queries: a `Filter` turned into SQL over `articles` and the word index.

use chrono::{TimeZone, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::matching;
use super::schema::{first_key_of_day, DatedBy};
use super::StoreError;
use crate::filter::ArticleQuery;
use crate::model::{Article, ArticleId, ArticleSummary, Bucket, Timeline, TopicCount};

const COLUMNS: &str = "a.id, f.name, f.ministry, a.title, a.link, a.published, a.topics, a.summary, a.read, a.starred, a.kind, a.dated, a.group_id, a.kind_number, a.changed_at, a.left_feed_at, a.gone_at";
/// How many columns `COLUMNS` reads: the first index of what a query selects after them.
const AFTER_COLUMNS: usize = 17;

/// The copies of releases published in several feeds: grouped, not the group's first member,
/// and that member still there. Lists show a group once (its first member), counts count it
/// once. A set of ids read from the index of grouped rows (few), so that queries leaving the
/// copies out still read only the indexes they read before (dates, ids), not every row.
const COPIES: &str = "(SELECT c.id FROM articles c INDEXED BY articles_by_group
     WHERE c.group_id IS NOT NULL AND c.group_id <> c.id
       AND EXISTS (SELECT 1 FROM articles l WHERE l.id = c.group_id))";

/// Whether a query shows a release once: unless it asks for every copy, names feeds (the
/// copy of that feed is what it asks for) or starred articles (one copy may be starred).
fn collapses(query: &ArticleQuery) -> bool {
    fn names_feeds(cond: &crate::filter::Cond) -> bool {
        use crate::filter::Cond;
        match cond {
            Cond::Feed(_) | Cond::Ministry(_) => true,
            Cond::And(parts) | Cond::Or(parts) => parts.iter().any(names_feeds),
            Cond::Not(inner) => names_feeds(inner),
            _ => false,
        }
    }
    let f = &query.filter;
    !query.ungrouped && f.feed.is_none() && !f.starred && !f.conditions.iter().any(names_feeds)
}

/// Where keyword matches come from: the FTS index, or `temp.search_hits` filled from it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Hits {
    /// `a.search_key IN (matches)`.
    Search,
    /// `a.id IN temp.search_hits` (ids, mapped from the index's search keys once).
    Table,
    /// The index is the outer loop, newest match first (`ORDER BY s.rowid DESC`), so a
    /// page of the newest rows stops early instead of sorting every match.
    Driving,
}

/// The FTS5 expression for what the index can answer of the filter, if anything.
fn match_expression(query: &ArticleQuery) -> Option<String> {
    matching::plan(&query.filter, &query.terms).fts
}

/// The WHERE clause and its parameters.
fn where_clause(query: &ArticleQuery, hits: Hits) -> (String, Vec<Value>) {
    let f = &query.filter;
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    let plan = matching::plan(f, &query.terms);
    if let Some(expr) = plan.fts {
        // The index's words containing each keyword (see `matching`), all keywords required.
        match hits {
            Hits::Table => sql.push_str(" AND a.id IN temp.search_hits"),
            Hits::Search => {
                sql.push_str(
                    " AND a.search_key IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)",
                );
                args.push(Value::Text(expr));
            }
            // The index drives the query (see `list_with`); its MATCH is in the FROM part.
            Hits::Driving => {}
        }
    }
    for keyword in plan.short {
        // Keywords the index cannot answer (too short, or in too many words): scanned for.
        sql.push_str(" AND ");
        sql.push_str(&matching::scan_sql(
            crate::filter::Field::Any,
            keyword,
            &mut args,
        ));
    }
    // Dates. When the index drives the query, its keys also bound it by whole (UTC) days,
    // so it reads only those days; the exact bounds are checked on the articles.
    if let Some(from) = query.bounds.0 {
        if hits == Hits::Driving {
            sql.push_str(" AND s.rowid >= ?");
            args.push(Value::Integer(first_key_of_day(from)));
        }
        sql.push_str(" AND a.published >= ?");
        args.push(Value::Integer(from));
    }
    if let Some(to) = query.bounds.1 {
        if hits == Hits::Driving {
            sql.push_str(" AND s.rowid < ?");
            args.push(Value::Integer(
                first_key_of_day(to.saturating_sub(1)) + (1 << 24),
            ));
        }
        sql.push_str(" AND a.published < ?");
        args.push(Value::Integer(to));
    }
    if let Some(feed) = &f.feed {
        // A subquery rather than the join, so counting needs no join at all.
        sql.push_str(" AND a.feed_id IN (SELECT id FROM feeds WHERE name = ? COLLATE NOCASE OR ministry = ? COLLATE NOCASE)");
        args.push(Value::Text(feed.clone()));
        args.push(Value::Text(feed.clone()));
    }
    for cond in plan.rest {
        sql.push_str(" AND ");
        sql.push_str(&matching::sql(cond, &query.terms, &mut args));
    }
    let first_key = query.bounds.0.map(first_key_of_day);
    let end_key = query
        .bounds
        .1
        .map(|to| first_key_of_day(to.saturating_sub(1)) + (1 << 24));
    for expr in &plan.negated {
        sql.push_str(" AND ");
        sql.push_str(&matching::negation_sql(expr, first_key, end_key, &mut args));
    }
    if collapses(query) {
        sql.push_str(" AND a.id NOT IN ");
        sql.push_str(COPIES);
    }
    if let Some(after) = query.after_id {
        sql.push_str(" AND a.id > ?");
        args.push(Value::Integer(after));
    }
    if let Some(ids) = &query.only_ids {
        sql.push_str(" AND a.id IN (SELECT value FROM json_each(?))");
        args.push(Value::Text(serde_json::to_string(ids).unwrap_or_default()));
    }
    if f.unread {
        sql.push_str(" AND a.read = 0");
    }
    if f.starred {
        sql.push_str(" AND a.starred = 1");
    }
    (sql, args)
}

/// A page of rows, with the other sources of each release group filled in.
pub(super) fn list(
    conn: &Connection,
    query: &ArticleQuery,
) -> Result<Vec<ArticleSummary>, StoreError> {
    let mut rows = list_with(conn, query, Hits::Search)?;
    fill_also_in(conn, &mut rows)?;
    Ok(rows)
}

/// Whether the index should drive a list: there are keywords for it, and no filter that
/// picks few articles by itself (a feed, starred), which the article indexes find faster.
fn index_drives(query: &ArticleQuery) -> bool {
    match_expression(query).is_some() && query.filter.feed.is_none() && !query.filter.starred
}

fn list_with(
    conn: &Connection,
    query: &ArticleQuery,
    hits: Hits,
) -> Result<Vec<ArticleSummary>, StoreError> {
    if !matching::plan(&query.filter, &query.terms)
        .negated
        .is_empty()
    {
        if let Some(rows) = newest_without(conn, query, hits)? {
            return Ok(rows);
        }
    }
    page_with(conn, query, hits)
}

/// A page of the newest rows for a query with negated words: tried on the last week, then
/// on four times as many days, until the page is full, so the index is asked about the
/// negated words on those days only. `None` when the query has no page size or its own
/// start is within the first try (the plain query is as cheap then).
fn newest_without(
    conn: &Connection,
    query: &ArticleQuery,
    hits: Hits,
) -> Result<Option<Vec<ArticleSummary>>, StoreError> {
    let Some(limit) = query.limit else {
        return Ok(None);
    };
    let span: Option<(i64, i64)> = conn
        .prepare_cached("SELECT MIN(published), MAX(published) FROM articles")?
        .query_row([], |r| {
            Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?))
        })?;
    let Some((oldest, newest)) = span else {
        return Ok(None);
    };
    let mut days = 7_i64;
    loop {
        let from = newest.saturating_sub(days * 86_400);
        if from <= oldest || query.bounds.0.is_some_and(|own| own >= from) {
            return Ok(None);
        }
        let mut tried = query.clone();
        tried.bounds.0 = Some(from);
        let rows = page_with(conn, &tried, hits)?;
        if rows.len() >= limit {
            return Ok(Some(rows));
        }
        days = days.saturating_mul(4);
    }
}

fn page_with(
    conn: &Connection,
    query: &ArticleQuery,
    hits: Hits,
) -> Result<Vec<ArticleSummary>, StoreError> {
    let hits = if index_drives(query) {
        Hits::Driving
    } else {
        hits
    };
    let (filter_sql, mut args) = where_clause(query, hits);
    let mut sql = match (hits, match_expression(query)) {
        (Hits::Driving, Some(expr)) => {
            args.insert(0, Value::Text(expr));
            let conditions = filter_sql
                .strip_prefix(" WHERE 1 = 1")
                .unwrap_or(&filter_sql);
            let from = format!(
                "FROM article_search s JOIN articles a ON a.search_key = s.rowid
                 JOIN feeds f ON f.id = a.feed_id WHERE s.article_search MATCH ?{conditions}"
            );
            // The index gives matches newest day first: read them in that order until the
            // page is full and its last day complete (every row of a later day is newer),
            // then sort those exactly. One pass, stopping early.
            if let Some(needed) = query.limit.map(|l| l + query.offset) {
                let sql = format!("SELECT {COLUMNS}, s.rowid {from} ORDER BY s.rowid DESC");
                let mut stmt = conn.prepare_cached(&sql)?;
                let mut rows = stmt.query(params_from_iter(args))?;
                let mut found: Vec<ArticleSummary> = Vec::new();
                let mut last_day = None;
                while let Some(row) = rows.next()? {
                    let day = row.get::<_, i64>(AFTER_COLUMNS)? >> 24;
                    if found.len() >= needed && last_day != Some(day) {
                        break;
                    }
                    last_day = Some(day);
                    found.push(summary_from_row(row)?);
                }
                found.sort_by_key(|a| std::cmp::Reverse((a.published, a.id.0)));
                return Ok(found
                    .into_iter()
                    .skip(query.offset)
                    .take(query.limit.unwrap_or(usize::MAX))
                    .collect());
            }
            format!("SELECT {COLUMNS} {from} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?")
        }
        _ => format!(
            "SELECT {COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id{filter_sql}
             ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
        ),
    };
    sql.shrink_to_fit();
    args.push(Value::Integer(query.limit.map_or(-1, |l| l as i64)));
    args.push(Value::Integer(query.offset as i64));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), summary_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Searches the index once into `temp.search_hits` (article ids) when the query has
/// keywords; what the count, facets and timeline then read.
pub(super) fn fill_hits(conn: &Connection, query: &ArticleQuery) -> Result<Hits, StoreError> {
    Ok(match match_expression(query) {
        Some(expr) => {
            conn.execute("DELETE FROM temp.search_hits", [])?;
            // Article ids (not search keys): everything that reads the hits joins by id.
            // Below 2^24 articles the id is the key's low bits; above, it is looked up.
            let max_id: i64 = conn
                .prepare_cached("SELECT MAX(id) FROM articles")?
                .query_row([], |r| r.get::<_, Option<i64>>(0))?
                .unwrap_or(0);
            let sql = if max_id <= 0x00FF_FFFF {
                "INSERT INTO temp.search_hits SELECT rowid & 16777215 AS id FROM article_search
                 WHERE article_search MATCH ?1 ORDER BY id"
            } else {
                "INSERT INTO temp.search_hits SELECT a.id FROM article_search s
                 JOIN articles a ON a.search_key = s.rowid WHERE s.article_search MATCH ?1"
            };
            conn.prepare_cached(sql)?.execute([expr])?;
            Hits::Table
        }
        None => Hits::Search,
    })
}

pub(super) fn count_in(
    conn: &Connection,
    query: &ArticleQuery,
    hits: Hits,
) -> Result<u64, StoreError> {
    count_with(conn, query, hits)
}

pub(super) fn topic_counts(
    conn: &Connection,
    query: &ArticleQuery,
    limit: usize,
) -> Result<Vec<TopicCount>, StoreError> {
    topic_counts_with(conn, query, limit, Hits::Search)
}

pub(super) fn topic_counts_with(
    conn: &Connection,
    query: &ArticleQuery,
    limit: usize,
    hits: Hits,
) -> Result<Vec<TopicCount>, StoreError> {
    let (filter_sql, mut args) = where_clause(query, hits);
    let f = &query.filter;
    // Only long keywords, already searched into the hits table: no need to visit articles.
    let plan = matching::plan(f, &query.terms);
    let keywords_only = hits == Hits::Table
        && plan.short.is_empty()
        && plan.rest.is_empty()
        && plan.negated.is_empty()
        && query.bounds == (None, None)
        && f.feed.is_none()
        && !f.unread
        && !f.starred;
    // A release in several feeds counts once: its copies are left out (few rows).
    let no_copies = if collapses(query) {
        format!(" AND article_id NOT IN {COPIES}")
    } else {
        String::new()
    };
    let sql = if query.filter.is_empty() && query.after_id.is_none() && query.only_ids.is_none() {
        format!("SELECT topic, COUNT(*) FROM article_topics WHERE 1 = 1{no_copies} GROUP BY topic ORDER BY 2 DESC, 1 LIMIT ?")
    } else if keywords_only && query.after_id.is_none() && query.only_ids.is_none() {
        args.clear();
        format!(
            "SELECT topic, COUNT(*) FROM article_topics WHERE article_id IN temp.search_hits{no_copies}
             GROUP BY topic ORDER BY 2 DESC, 1 LIMIT ?"
        )
    } else {
        format!(
            "SELECT t.topic, COUNT(*) FROM article_topics t JOIN articles a ON a.id = t.article_id{filter_sql}
             GROUP BY t.topic ORDER BY 2 DESC, 1 LIMIT ?"
        )
    };
    if query.filter.is_empty() && query.after_id.is_none() && query.only_ids.is_none() {
        args.clear();
    }
    args.push(Value::Integer(limit as i64));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        Ok(TopicCount {
            topic: r.get(0)?,
            count: r.get::<_, i64>(1)?.unsigned_abs(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The timeline keeps at most this many buckets (the newest).
const MAX_TIMELINE_BARS: usize = 400;

pub(super) fn timeline_in(
    conn: &Connection,
    query: &ArticleQuery,
    utc_offset_secs: i32,
    hits: Hits,
) -> Result<Timeline, StoreError> {
    let (filter_sql, args) = where_clause(query, hits);
    let span = match (query.filter.since, query.filter.until) {
        (Some(since), Some(until)) => (until - since).num_days(),
        _ => {
            let sql = format!("SELECT COALESCE(MAX(a.published) - MIN(a.published), 0) FROM articles a{filter_sql}");
            let seconds: i64 = conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(args.clone()), |r| r.get(0))?;
            seconds / 86_400
        }
    };
    let bucket = Bucket::for_span(span);
    // Whole local days by integer arithmetic on the timestamp with the zone's current offset
    // (SQLite's 'localtime' per row was the slowest part); weeks and months are summed here.
    let sql = format!("SELECT (a.published + ?) / 86400 AS day, COUNT(*) FROM articles a{filter_sql} GROUP BY day ORDER BY day");
    let mut all_args = vec![Value::Integer(i64::from(utc_offset_secs))];
    all_args.extend(args);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(all_args), |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let mut bars: Vec<(chrono::NaiveDate, u64)> = Vec::new();
    for row in rows {
        let (day, count) = row?;
        let Some(date) = u64::try_from(day)
            .ok()
            .and_then(|d| epoch.checked_add_days(chrono::Days::new(d)))
        else {
            continue;
        };
        let start = bucket.start_of(date);
        match bars.last_mut() {
            Some((last, total)) if *last == start => *total += count.unsigned_abs(),
            _ => bars.push((start, count.unsigned_abs())),
        }
    }
    Ok(Timeline { bucket, bars }.fill_gaps(MAX_TIMELINE_BARS))
}

pub(super) fn count(conn: &Connection, query: &ArticleQuery) -> Result<u64, StoreError> {
    count_with(conn, query, Hits::Search)
}

fn count_with(conn: &Connection, query: &ArticleQuery, hits: Hits) -> Result<u64, StoreError> {
    let count = |query: &ArticleQuery, extra: &str| -> Result<u64, StoreError> {
        let (filter_sql, args) = where_clause(query, hits);
        let sql = format!("SELECT COUNT(*) FROM articles a{filter_sql}{extra}");
        let n: i64 = conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        Ok(n.unsigned_abs())
    };
    if !collapses(query) {
        return count(query, "");
    }
    // Every match less the copies among them: the first count keeps SQLite's fast paths
    // (an empty filter counts the table's b-tree), the second reads grouped rows only.
    let every = ArticleQuery {
        ungrouped: true,
        ..query.clone()
    };
    let all = count(&every, "")?;
    let copies = count(&every, &format!(" AND a.id IN {COPIES}"))?;
    Ok(all.saturating_sub(copies))
}

/// Marks every article matching `query` read (not only a loaded page); returns the ids that
/// changed, for the views to follow.
pub(super) fn mark_matching_read(
    conn: &Connection,
    query: &ArticleQuery,
) -> Result<Vec<ArticleId>, StoreError> {
    let (filter_sql, args) = where_clause(query, Hits::Search);
    let sql = format!(
        "UPDATE articles SET read = 1 WHERE id IN (SELECT a.id FROM articles a{filter_sql} AND a.read = 0) RETURNING id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(args), |r| r.get(0).map(ArticleId))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ids)
}

pub(super) fn article(conn: &Connection, id: ArticleId) -> Result<Option<Article>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS}, b.summary_html, b.content_html, b.page_html, a.page_status,
                CASE WHEN a.page_status = 'ok' AND b.page_html IS NOT NULL THEN a.page_checked ELSE a.first_seen END
         FROM articles a JOIN feeds f ON f.id = a.feed_id
         LEFT JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?1"
    );
    let article = conn
        .query_row(&sql, [id.0], |r| {
            Ok(Article {
                processes: Vec::new(),
                summary: summary_from_row(r)?,
                summary_html: r
                    .get::<_, Option<String>>(AFTER_COLUMNS)?
                    .unwrap_or_default(),
                content_html: r.get(AFTER_COLUMNS + 1)?,
                page_html: r.get(AFTER_COLUMNS + 2)?,
                page_status: r.get(AFTER_COLUMNS + 3)?,
                retrieved: r
                    .get::<_, Option<i64>>(AFTER_COLUMNS + 4)?
                    .and_then(|t| Utc.timestamp_opt(t, 0).single())
                    .unwrap_or_default(),
                copies: Vec::new(),
                references: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut article) = article else {
        return Ok(None);
    };
    if article.summary_html.is_empty() {
        // A teaser whose markup said nothing more is kept as its text alone.
        article.summary_html = html_escape::encode_text(&article.summary.summary).into_owned();
    }
    fill_also_in(conn, std::slice::from_mut(&mut article.summary))?;
    article.references = super::references::of(conn, id.0)?;
    if let Some(group) = article.summary.group {
        article.copies = conn
            .prepare_cached(
                "SELECT COALESCE(f.ministry, f.name), a.link FROM articles a JOIN feeds f ON f.id = a.feed_id
                 WHERE a.group_id = ?1 AND a.id <> ?2 AND a.link IS NOT NULL ORDER BY a.id",
            )?
            .query_map(params![group.0, id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
    }
    Ok(Some(article))
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    let topics: String = r.get(6)?;
    Ok(ArticleSummary {
        id: ArticleId(r.get(0)?),
        feed: r.get(1)?,
        ministry: r.get(2)?,
        title: r.get(3)?,
        link: r.get(4)?,
        published: Utc.timestamp_opt(r.get(5)?, 0).single().unwrap_or_default(),
        topics: topics
            .split('\n')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        summary: r.get(7)?,
        read: r.get(8)?,
        starred: r.get(9)?,
        kind: r.get(10)?,
        date_unknown: r.get::<_, i64>(11)? == DatedBy::FirstSeen as i64,
        time_unknown: [DatedBy::Page as i64, DatedBy::FeedDay as i64]
            .contains(&r.get::<_, i64>(11)?),
        group: r.get::<_, Option<i64>>(12)?.map(ArticleId),
        number: r.get(13)?,
        changed_at: r
            .get::<_, Option<i64>>(14)?
            .and_then(|t| Utc.timestamp_opt(t, 0).single()),
        left_feed_at: r
            .get::<_, Option<i64>>(15)?
            .and_then(|t| Utc.timestamp_opt(t, 0).single()),
        gone_at: r
            .get::<_, Option<i64>>(16)?
            .and_then(|t| Utc.timestamp_opt(t, 0).single()),
        also_in: Vec::new(),
    })
}

/// Fills in, for rows of a release group, the other feeds that published it (their
/// ministries, else their names), in one query for the whole page.
pub(super) fn fill_also_in(
    conn: &Connection,
    rows: &mut [ArticleSummary],
) -> Result<(), StoreError> {
    let groups: Vec<i64> = rows.iter().filter_map(|r| r.group.map(|g| g.0)).collect();
    if groups.is_empty() {
        return Ok(());
    }
    let marks = vec!["?"; groups.len()].join(",");
    let sql = format!(
        "SELECT a.group_id, a.id, COALESCE(f.ministry, f.name) FROM articles a
         JOIN feeds f ON f.id = a.feed_id WHERE a.group_id IN ({marks}) ORDER BY a.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let members: Vec<(i64, i64, String)> = stmt
        .query_map(params_from_iter(groups), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    for row in rows.iter_mut() {
        let Some(group) = row.group else { continue };
        let own = row.ministry.clone().unwrap_or_else(|| row.feed.clone());
        for (_, id, source) in members.iter().filter(|(g, ..)| *g == group.0) {
            if *id != row.id.0 && *source != own && !row.also_in.contains(source) {
                row.also_in.push(source.clone());
            }
        }
    }
    Ok(())
}
