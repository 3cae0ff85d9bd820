//! One function per subcommand.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};

use super::{export, output};
use super::{list_query, Exit, ListArgs, ListFormat, Problem, Settings, ShowFormat, State};
use crate::config::edit::{self, NewFeed};
use crate::fetch::Fetcher;
use crate::i18n::fill;
use crate::model::reason::{AddNote, Refusal};
use crate::model::ArticleId;
use crate::refresh::{self, FeedChange, FeedReport};
use crate::store::ArticleQuery;
use crate::text::sanitize;

/// `fetch`: one line per feed on stdout, failures on stderr; `Partial` when any failed.
pub fn fetch(
    settings: &Settings,
    only: Option<&str>,
    full_text: bool,
    check_pages: bool,
    out: &mut impl Write,
) -> Result<Exit> {
    let config = &settings.loaded.config;
    let feeds: Vec<_> = match only {
        Some(name) => {
            let found = config.find_feeds(name);
            if found.is_empty() {
                return Err(Problem::NoFeedNamed(sanitize(name).into_owned()).into());
            }
            found.into_iter().cloned().collect()
        }
        None => config.feeds.clone(),
    };
    let fetcher = Fetcher::new(crate::refresh::fetch_settings(config))?;
    let mut request =
        refresh::Request::new(config, feeds, settings.data_dir.clone(), fetcher, full_text);
    if let Some(pages) = request.pages.as_mut() {
        pages.recheck_now = check_pages;
    }
    let (sender, receiver) = std::sync::mpsc::channel::<FeedReport>();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(refresh::blocking_threads())
        .enable_all()
        .build()?;
    let handle = runtime.spawn(refresh::run(request, move |report| {
        let _ = sender.send(report);
    }));
    // Print each feed as it lands, from this thread, so output stays in order per line.
    let mut failed = false;
    for report in receiver {
        let name = sanitize(&report.name);
        // Said at a terminal (and in the log, and by `feeds`): stderr from cron keeps to
        // one line per failure.
        if let Some(to) = report
            .moved_to
            .as_ref()
            .filter(|_| std::io::stderr().is_terminal())
        {
            out.flush()?;
            let t = settings.lang.texts();
            crate::say!(
                "{}",
                fill(t.moved_feed, &[("name", &name), ("url", &sanitize(to))])
            );
        }
        match report.outcome {
            Ok(FeedChange::NotModified) => writeln!(out, "{name}: not modified")?,
            Ok(FeedChange::Stored(c)) => {
                writeln!(out, "{name}: {} new, {} updated", c.new, c.updated)?
            }
            Err(reason) => {
                failed = true;
                out.flush()?;
                let lang = settings.lang;
                let reason = lang.reason(&reason);
                crate::say!("{name}: {}: {}", lang.error_word(), sanitize(&reason));
            }
        }
        out.flush()?;
    }
    let summary = runtime.block_on(handle).context("refresh task")??;
    if let Some(dip) = &summary.dip {
        // A refused key or a request to wait: one line, never a failed fetch.
        if let Some(stopped) = &dip.stopped {
            crate::say!("{}", settings.lang.dip_error(stopped));
        }
        if std::io::stderr().is_terminal() && dip.requests > 0 {
            let t = settings.lang.texts();
            crate::say!(
                "{}",
                fill(
                    t.dip_summary,
                    &[
                        ("documents", &dip.documents),
                        ("processes", &dip.processes),
                        ("requests", &dip.requests)
                    ]
                )
            );
        }
    }
    if summary.removed > 0 {
        // Deleting is never silent: stderr, so the one-line-per-feed stdout stays as it is.
        let t = settings.lang.texts();
        crate::say!("{}", fill(t.retention_removed, &[("n", &summary.removed)]));
    }
    // Saved filters with `notify = true`: their new matches, after the feed lines.
    let alerts = crate::alerts::after_refresh(
        &settings.open_store()?,
        config,
        &summary,
        settings.today,
        settings.lang,
    )?;
    for alert in &alerts {
        writeln!(out, "{}", settings.lang.alert(alert))?;
    }
    out.flush()?;
    // Page results are not part of the one-line-per-feed contract; people at a terminal
    // still want to know what the full-text pass did.
    let pages = &summary.pages;
    // At a terminal always; from cron only when pages failed, which is worth a mail.
    if *pages != Default::default() && (std::io::stderr().is_terminal() || pages.failed > 0) {
        let t = settings.lang.texts();
        let mut line = fill(
            t.pages_summary,
            &[
                ("fetched", &pages.fetched),
                ("unchanged", &pages.unchanged),
                ("failed", &pages.failed),
                ("deferred", &pages.deferred),
            ],
        );
        if !pages.failed_ids.is_empty() {
            let mut sorted = pages.failed_ids.clone();
            sorted.sort_unstable();
            let mut ids: Vec<String> = sorted.iter().map(i64::to_string).collect();
            if pages.failed > ids.len() {
                ids.push("…".into());
            }
            line.push_str(&fill(t.pages_failed_ids, &[("ids", &ids.join(", "))]));
        }
        line.push_str(t.pages_details);
        crate::say!("{line}");
    }
    Ok(if failed { Exit::Partial } else { Exit::Success })
}

/// `list`: a table that fits the terminal, or JSON.
pub fn list(settings: &Settings, args: &ListArgs, out: &mut impl Write) -> Result<Exit> {
    let mut query = list_query(args, settings.today, &settings.loaded.config)?;
    let mut store = settings.open_store()?;
    // A saved filter listed is a saved filter looked at: what comes later is new to it.
    let saved = args
        .saved
        .as_deref()
        .and_then(|name| settings.loaded.config.saved_filter(name))
        .map(|f| f.name.clone());
    if let (Some(name), true) = (&saved, args.new) {
        query.after_id = Some(crate::alerts::new_after(&store, name)?);
    }
    // A feed or ministry asked for that no feed has is a typo more likely than an empty
    // answer. Feeds removed from the config keep their articles, so the cache counts too.
    let ministries_asked = query.filter.conditions.iter().filter_map(|c| match c {
        crate::filter::Cond::Ministry(m) => Some(m),
        _ => None,
    });
    for name in query.filter.feed.iter().chain(ministries_asked) {
        let known = !settings.loaded.config.find_feeds(name).is_empty()
            || store.feed_statuses()?.iter().any(|f| {
                f.name.eq_ignore_ascii_case(name)
                    || f.ministry
                        .as_deref()
                        .is_some_and(|m| m.eq_ignore_ascii_case(name))
            });
        if !known {
            return Err(Problem::NoFeedNamed(sanitize(name).into_owned()).into());
        }
    }
    let rows = store.page_rows(&query)?;
    if rows.is_empty() && matches!(args.format, ListFormat::Table) {
        // An empty table is no answer at a terminal; programs read the other formats.
        let t = settings.lang.texts();
        let cache_empty = store.feed_statuses()?.iter().all(|f| f.articles == 0);
        if cache_empty {
            crate::say!("{} ({})", t.list_empty, t.cache_empty_hint);
        } else {
            crate::say!("{}", t.list_empty);
        }
    }
    match args.format {
        ListFormat::Table => output::table(&rows, output::terminal_width(), settings.lang, out)?,
        ListFormat::Json => output::json_list(&rows, &settings.loaded.config.ministries, out)?,
        ListFormat::Ndjson => export::ndjson(&rows, &settings.loaded.config.ministries, out)?,
        ListFormat::Csv => export::csv(&rows, out)?,
        ListFormat::Markdown => export::markdown_table(&rows, settings.lang, out)?,
    }
    // A cache that can only be read is read; what was looked at is not kept then.
    if let Some(name) = saved.filter(|_| !store.is_read_only()) {
        store.mark_filter_seen(&name)?;
    }
    Ok(Exit::Success)
}

/// `show`: the article as text (with its numbered links) or JSON.
pub fn show(
    settings: &Settings,
    id: ArticleId,
    format: ShowFormat,
    out: &mut impl Write,
) -> Result<Exit> {
    let store = settings.open_store()?;
    let article = store.article(id)?.ok_or(Problem::NoArticle(id.0))?;
    let width = output::terminal_width().unwrap_or(100).clamp(40, 100);
    let config = &settings.loaded.config;
    let feed = config.feeds.iter().find(|f| f.name == article.summary.feed);
    let full_text = feed.map_or(config.full_text, |f| {
        f.full_text.unwrap_or(config.full_text)
    });
    match format {
        ShowFormat::Text => output::article_text(
            &article,
            full_text,
            width,
            settings.lang,
            &config.ministries,
            out,
        )?,
        ShowFormat::Json => {
            let versions = store.versions(id)?;
            output::article_json(&article, &versions, full_text, &config.ministries, out)?
        }
        ShowFormat::Markdown => export::article_markdown(&article, width, settings.lang, out)?,
        ShowFormat::Cite | ShowFormat::CiteDe | ShowFormat::CiteEn => {
            let lang = match format {
                ShowFormat::CiteDe => crate::i18n::Lang::De,
                ShowFormat::CiteEn => crate::i18n::Lang::En,
                _ => settings.lang,
            };
            let zone = crate::model::Zone::Local;
            let line = crate::cite::citation(&article, &config.ministries, zone, lang);
            writeln!(out, "{line}")?
        }
        ShowFormat::CslJson => {
            let json =
                crate::cite::csl_json(&article, &config.ministries, crate::model::Zone::Local);
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
    }
    Ok(Exit::Success)
}

/// `open`: the article link (or its numbered link) in the browser.
pub fn open(settings: &Settings, id: ArticleId, link: Option<usize>) -> Result<Exit> {
    let store = settings.open_store()?;
    let article = store.article(id)?.ok_or(Problem::NoArticle(id.0))?;
    let target = match link {
        None => article.summary.link.clone().ok_or(Problem::NoLink)?,
        Some(n) => {
            let rendered = output::render_body(&article, 100);
            rendered
                .links
                .get(n.wrapping_sub(1))
                .cloned()
                .ok_or(Problem::NoSuchLink {
                    have: rendered.links.len(),
                    asked: n,
                })?
        }
    };
    crate::open::open_link(&target, settings.loaded.config.browser.as_deref())?;
    Ok(Exit::Success)
}

/// `read`/`unread`/`star`/`unstar`.
pub fn set_state(
    settings: &Settings,
    ids: &[i64],
    state: State,
    out: &mut impl Write,
) -> Result<Exit> {
    let ids: Vec<ArticleId> = ids.iter().copied().map(ArticleId).collect();
    let mut store = settings.open_store()?;
    let t = settings.lang.texts();
    let [read, unread, starred, unstarred] = t.marked_as;
    let (change, what) = match state {
        State::Read(v) => (store.set_read(&ids, v)?, if v { read } else { unread }),
        State::Starred(v) => (
            store.set_starred(&ids, v)?,
            if v { starred } else { unstarred },
        ),
    };
    // Counts what changed: `read 1 1 1` is one article, `unstar` of an unstarred one none.
    writeln!(
        out,
        "{}",
        fill(t.marked, &[("n", &change.changed), ("what", &what)])
    )?;
    if !change.missing.is_empty() {
        let missing: Vec<String> = change.missing.iter().map(|id| id.0.to_string()).collect();
        return Err(Problem::NotInCache(missing.join(", ")).into());
    }
    Ok(Exit::Success)
}

/// `topics`: topic counts over the articles matching the filters.
pub fn topics(settings: &Settings, args: &ListArgs, out: &mut impl Write) -> Result<Exit> {
    let query = list_query(args, settings.today, &settings.loaded.config)?;
    let store = settings.open_store()?;
    let counts = store.topic_counts(
        &ArticleQuery {
            limit: None,
            ..query
        },
        args.limit.unwrap_or(30),
    )?;
    match args.format {
        ListFormat::Json => {
            let rows: Vec<_> = counts.iter().map(export::topic_json).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Ndjson => export::ndjson_topics(&counts, out)?,
        ListFormat::Csv => export::csv_topics(&counts, out)?,
        ListFormat::Markdown => export::markdown_topics(&counts, settings.lang, out)?,
        ListFormat::Table => {
            let width = counts
                .iter()
                .map(|t| t.count.to_string().len())
                .max()
                .unwrap_or(1);
            for t in &counts {
                writeln!(out, "{:>width$}  {}", t.count, sanitize(&t.topic))?;
            }
            if counts.is_empty() {
                crate::say!("{}", settings.lang.texts().topics_empty);
            }
        }
    }
    Ok(Exit::Success)
}

/// `feeds`: configured feeds with counts and last fetch status.
pub fn feeds(settings: &Settings, out: &mut impl Write) -> Result<Exit> {
    let store = settings.open_store()?;
    let statuses = store.feed_statuses()?;
    output::feeds_table(&settings.loaded.config.feeds, &statuses, settings.lang, out)?;
    Ok(Exit::Success)
}

/// `filters`: each saved filter's counts, as the reader's sidebar has them (one function,
/// `alerts::counts`, for both). Listing them is not looking at them: nothing is marked seen.
pub fn filters(
    settings: &Settings,
    format: crate::cli::SourcesFormat,
    out: &mut impl Write,
) -> Result<Exit> {
    let store = settings.open_store()?;
    let config = &settings.loaded.config;
    let named: Vec<(String, String)> = config
        .filters
        .iter()
        .map(|f| (f.name.clone(), f.query.clone()))
        .collect();
    let counts = crate::alerts::counts(&store, &named, &config.ministries, settings.today)?;
    match format {
        crate::cli::SourcesFormat::Table => {
            output::filters_table(&config.filters, &counts, settings.lang, settings.today, out)?
        }
        crate::cli::SourcesFormat::Json => output::filters_json(&config.filters, &counts, out)?,
    }
    Ok(Exit::Success)
}

/// `processes`: the processes in parliament that recent articles refer to, as DIP described
/// them when last asked; newest activity first.
pub fn processes(
    settings: &Settings,
    since: Option<&str>,
    format: crate::cli::SourcesFormat,
    out: &mut impl Write,
) -> Result<Exit> {
    let since = match since {
        Some(text) => crate::filter::parse_date(text, settings.today)?,
        None => settings.today - chrono::Duration::weeks(8),
    };
    let since = since
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    let store = settings.open_store()?;
    let found = store.recent_processes(since)?;
    let lang = settings.lang;
    let t = lang.texts();
    match format {
        crate::cli::SourcesFormat::Json => {
            let items: Vec<serde_json::Value> = found
                .iter()
                .map(|(p, articles, _)| {
                    let mut v = serde_json::to_value(p).unwrap_or_default();
                    v["url"] = serde_json::Value::String(p.url());
                    v["articles"] = serde_json::Value::from(*articles);
                    v
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        crate::cli::SourcesFormat::Table => {
            if found.is_empty() {
                let hint = if settings.loaded.config.dip_api_key.is_some() {
                    t.no_processes
                } else {
                    t.no_processes_no_key
                };
                writeln!(out, "{hint}")?;
            }
            for (process, articles, _) in &found {
                writeln!(
                    out,
                    "{}  ({})",
                    sanitize(&lang.process(process)),
                    fill(t.articles, &[("n", articles)])
                )?;
                writeln!(out, "    {}", process.url())?;
            }
        }
    }
    Ok(Exit::Success)
}

/// `doctor`: opens the cache, runs the integrity check, reports sizes; `--reset` keeps a
/// broken cache as a `.broken-<time>` file and starts a new one.
/// Which config file this run uses: the first question when something looks wrong.
fn config_line(settings: &Settings) -> Option<String> {
    let t = &settings.lang.texts().doctor;
    match (&settings.loaded.origin, settings.loaded.writable_path()) {
        (crate::config::ConfigOrigin::Bundled, Some(path)) => {
            Some(fill(t.config_bundled, &[("path", &path.display())]))
        }
        (crate::config::ConfigOrigin::Bundled, None) => Some(t.config_bundled_only.to_owned()),
        (_, Some(path)) => Some(fill(t.config, &[("path", &path.display())])),
        (_, None) => None,
    }
}

pub fn doctor(settings: &Settings, reset: bool, out: &mut impl Write) -> Result<Exit> {
    let t = &settings.lang.texts().doctor;
    if let Some(line) = config_line(settings) {
        writeln!(out, "{line}")?;
    }
    let path = settings.data_dir.join(crate::store::DB_FILE);
    writeln!(out, "{}", fill(t.cache, &[("path", &path.display())]))?;
    let problem = match crate::store::Store::open(&settings.data_dir) {
        Ok(store) => match store.integrity_check()? {
            Ok(()) => {
                let health = store.health()?;
                let mib = format!("{:.1}", health.bytes as f64 / 1048576.0);
                // The feeds the config has; feeds it no longer has keep their articles.
                let config = &settings.loaded.config;
                let configured = config.feeds.len();
                let kept = store
                    .feed_statuses()?
                    .iter()
                    .filter(|s| {
                        s.articles > 0 && !config.feeds.iter().any(|f| f.url.as_str() == s.url)
                    })
                    .count();
                writeln!(
                    out,
                    "{}",
                    fill(
                        t.health,
                        &[
                            ("schema", &health.schema),
                            ("feeds", &configured),
                            ("articles", &health.articles),
                            ("mib", &mib),
                        ]
                    )
                )?;
                if kept > 0 {
                    writeln!(out, "{}", fill(t.kept_feeds, &[("n", &kept)]))?;
                }
                writeln!(out, "{}", t.integrity_ok)?;
                return Ok(Exit::Success);
            }
            Err(report) => format!(
                "integrity check failed: {}",
                report.lines().next().unwrap_or("")
            ),
        },
        // Busy, not writable, or a passing I/O error: the data is fine, and a reset would
        // only hide it (starred articles gone from view). Say what it is and leave it alone.
        Err(e) if !e.is_damage() => {
            let problem = e.in_language(settings.lang);
            writeln!(
                out,
                "{}",
                fill(t.problem, &[("problem", &sanitize(&problem))])
            )?;
            writeln!(
                out,
                "{}",
                if reset {
                    t.not_damaged_not_reset
                } else {
                    t.not_damaged
                }
            )?;
            return Ok(Exit::Partial);
        }
        Err(e) => e.in_language(settings.lang),
    };
    writeln!(
        out,
        "{}",
        fill(t.problem, &[("problem", &sanitize(&problem))])
    )?;
    if !reset {
        // Some problems already end in this advice; say it once.
        if !problem.contains("doctor --reset") {
            writeln!(out, "{}", t.reset_advice)?;
        }
        return Ok(Exit::Partial);
    }
    let kept = crate::store::move_aside(&settings.data_dir, chrono::Utc::now())
        .with_context(|| format!("cannot move {} aside", path.display()))?;
    crate::store::Store::open(&settings.data_dir)?;
    writeln!(out, "{}", fill(t.kept, &[("path", &kept.display())]))?;
    Ok(Exit::Success)
}

/// `import-opml`: appends new feeds to the user config, keeping what is there.
pub fn import_opml(settings: &Settings, file: &Path, out: &mut impl Write) -> Result<Exit> {
    let xml = std::fs::read_to_string(file).map_err(|e| Problem::CannotRead {
        path: file.display().to_string(),
        problem: crate::model::reason::FileProblem::from_io(&e),
    })?;
    let mut import = crate::opml::import(&xml).map_err(|problem| Problem::Opml {
        path: file.display().to_string(),
        problem,
    })?;
    let existing = &settings.loaded.config.feeds;
    let known_urls: std::collections::HashSet<&str> =
        existing.iter().map(|e| e.url.as_str()).collect();
    import.feeds.retain(|f| {
        let known = known_urls.contains(f.url.as_str());
        if known {
            import.skipped.push(AddNote::Known {
                name: f.name.clone(),
            });
        }
        !known
    });
    // A name that claims a ministry the feed does not belong to gets the feed's host.
    let mut renamed = Vec::new();
    for feed in &mut import.feeds {
        let Ok(url) = url::Url::parse(&feed.url) else {
            continue;
        };
        let ministries = &settings.loaded.config.ministries;
        if let Some(claim) = crate::manage::false_claim(&feed.name, &url, None, ministries) {
            feed.name = claim.instead;
            renamed.push((claim.claim, feed.url.clone()));
        }
    }
    // A new feed whose name is taken by another feed gets a " (2)" suffix.
    let mut names = crate::config::UniqueNames::new(existing.iter().map(|e| e.name.as_str()));
    for feed in &mut import.feeds {
        feed.name = names.claim(&feed.name);
    }
    if existing.len() + import.feeds.len() > crate::config::MAX_FEEDS {
        let refusal = Refusal::TooManyFeeds {
            new: import.feeds.len(),
            configured: existing.len(),
            max: crate::config::MAX_FEEDS,
        };
        anyhow::bail!("{}: {}", file.display(), settings.lang.refusal(&refusal));
    }
    let target = settings
        .loaded
        .writable_path()
        .ok_or(Problem::NoConfigPath)?;
    if !import.feeds.is_empty() {
        let feeds: Vec<NewFeed> = import.feeds.iter().cloned().map(Into::into).collect();
        edit::edit(&target, |doc| edit::add_feeds(doc, &feeds))?;
    }
    let t = settings.lang.texts();
    let path = target.display();
    writeln!(
        out,
        "{}",
        fill(t.imported, &[("n", &import.feeds.len()), ("path", &path)])
    )?;
    for skipped in &import.skipped {
        let what = settings.lang.add_note(skipped);
        writeln!(out, "{}", fill(t.skipped, &[("what", &sanitize(&what))]))?;
    }
    for (claim, url) in renamed {
        let instead = import
            .feeds
            .iter()
            .find(|f| f.url == url)
            .map_or_else(String::new, |f| f.name.clone());
        let note = AddNote::Renamed { claim, instead };
        writeln!(out, "{}", sanitize(&settings.lang.add_note(&note)))?;
    }
    Ok(Exit::Success)
}

/// `amtsfeed add` as asked on the command line.
pub struct AddRequest {
    pub url: String,
    pub name: Option<String>,
    pub topics: Vec<String>,
    pub ministry: Option<String>,
    pub check: bool,
    /// Asked for as a listing page (`--listing`); a checked page says so itself.
    pub listing: bool,
}

pub fn add(settings: &Settings, request: AddRequest, out: &mut impl Write) -> Result<Exit> {
    let config = &settings.loaded.config;
    // An id of the catalogue (`amtsfeed sources`) stands for its source.
    let request = match crate::manage::catalogue_source(&request.url) {
        Some(entry) => {
            crate::say!(
                "{}: {} ({}, {})",
                entry.id,
                entry.url,
                entry.evidence.describe(settings.lang),
                entry.seen
            );
            let mut topics = entry.topics.clone();
            topics.extend(request.topics);
            AddRequest {
                url: entry.url.to_string(),
                name: request.name.or_else(|| Some(entry.name.clone())),
                topics,
                ministry: request.ministry.or_else(|| entry.ministry.clone()),
                check: request.check,
                listing: request.listing || entry.listing,
            }
        }
        None => request,
    };
    let url = crate::manage::parse_new_url(&request.url)?;
    let target = settings
        .loaded
        .writable_path()
        .ok_or(Problem::NoConfigPath)?;
    let checked = if request.check {
        let fetcher = Fetcher::new(crate::refresh::fetch_settings(config))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let checked = runtime
            .block_on(crate::manage::check(&fetcher, &url))
            .map_err(|refusal| crate::manage::not_added(&url, refusal))?;
        Some(checked)
    } else {
        None
    };
    // A page that announces its feed: that feed is what gets added.
    let url = match &checked {
        Some(checked) if checked.url != url => {
            let note = AddNote::AnnouncedFeed {
                page: crate::config::redact_url(&url),
                feed: crate::config::redact_url(&checked.url),
            };
            crate::say!("{}", sanitize(&settings.lang.add_note(&note)));
            checked.url.clone()
        }
        _ => url,
    };
    let named = crate::manage::new_feed(
        config,
        &url,
        request.name.as_deref(),
        checked.as_ref().and_then(|c| c.title.as_deref()),
        &request.topics,
        request.ministry.as_deref(),
        request.listing || checked.as_ref().is_some_and(|c| c.listing),
    )?;
    if let Some(why) = &named.renamed {
        crate::say!("{}", sanitize(&settings.lang.add_note(why)));
    }
    if checked.as_ref().is_some_and(|c| c.listing) {
        let note = AddNote::AsListing {
            url: crate::config::redact_url(&url),
        };
        crate::say!("{}", sanitize(&settings.lang.add_note(&note)));
    }
    let added = crate::manage::add(&target, &settings.data_dir, config, named.feed, checked)?;
    let t = settings.lang.texts();
    let (name, path) = (sanitize(&added.feed.name), target.display());
    let line = match added.stored {
        Some(counts) => fill(
            t.added_stored,
            &[
                ("name", &name),
                ("path", &path),
                ("n", &(counts.new + counts.updated)),
            ],
        ),
        None => fill(t.added_unchecked, &[("name", &name), ("path", &path)]),
    };
    writeln!(out, "{line}")?;
    Ok(Exit::Success)
}

/// `move`: the feed's new address into the config; the cache keeps its articles with it.
pub fn relocate(settings: &Settings, name: &str, url: &str, out: &mut impl Write) -> Result<Exit> {
    let target = settings
        .loaded
        .writable_path()
        .ok_or(Problem::NoConfigPath)?;
    let (exact, url) = crate::manage::relocate(
        &target,
        &settings.data_dir,
        &settings.loaded.config,
        name,
        url,
    )?;
    let t = settings.lang.texts();
    writeln!(
        out,
        "{}",
        fill(
            t.relocated,
            &[
                ("name", &sanitize(&exact)),
                ("url", &sanitize(&crate::config::redact_url(&url))),
                ("path", &target.display()),
            ]
        )
    )?;
    Ok(Exit::Success)
}

/// `remove NAME...`: every name is checked first, so a typo removes nothing.
pub fn remove(
    settings: &Settings,
    names: &[String],
    purge: bool,
    out: &mut impl Write,
) -> Result<Exit> {
    let target = settings
        .loaded
        .writable_path()
        .ok_or(Problem::NoConfigPath)?;
    let config = &settings.loaded.config;
    let mut feeds: Vec<String> = Vec::new();
    for name in names {
        let feed = crate::manage::find_feed(config, name)
            .ok_or_else(|| Problem::NoFeedNamed(sanitize(name).into_owned()))?;
        // The same feed named twice (in another case) is removed once.
        if !feeds.contains(&feed.name) {
            feeds.push(feed.name.clone());
        }
    }
    let t = settings.lang.texts();
    let template = if purge {
        t.removed_purged
    } else {
        t.removed_kept
    };
    for name in &feeds {
        let (exact, deleted) =
            crate::manage::remove(&target, &settings.data_dir, config, name, purge)?;
        let (name, path) = (sanitize(&exact), target.display());
        writeln!(
            out,
            "{}",
            fill(
                template,
                &[("name", &name), ("path", &path), ("n", &deleted)]
            )
        )?;
    }
    Ok(Exit::Success)
}
