//! Runs `Cmd`s off the render path and answers with `Msg`s: SQLite on one store thread
//! (newest list load wins), refreshes and link opening on tokio tasks.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, PoisonError, RwLock};

use chrono::Local;
use tokio::sync::mpsc;

use super::msg::{
    FeedAdded, ListMsg, Msg, Placement, PromptMsg, ReaderMsg, RefreshMsg, SidebarMsg, StoreCmd,
    TaskCmd,
};
use crate::config::edit;
use crate::config::Config;
use crate::fetch::Fetcher;
use crate::manage;
use crate::model::reason::{CommandProblem, Refusal};
use crate::refresh;
use crate::store::Store;

/// How many topics the sidebar lists.
const SIDEBAR_TOPICS: usize = 25;

/// A list load running on the store thread, and how to stop it: a newer list makes the
/// rest of an older one's work (a slow page, its count, facets, timeline) pointless, and the
/// new one should not wait for it. The flag is changed and read under its lock, so an
/// interrupt lands only while list work runs, never on a write that follows it.
struct ListInProgress {
    running: std::sync::Mutex<bool>,
    interrupter: crate::store::Interrupter,
}

impl ListInProgress {
    fn set(&self, running: bool) {
        *self.running.lock().unwrap_or_else(PoisonError::into_inner) = running;
    }

    /// Stops the list work running now, if any.
    fn stop(&self) {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if *running {
            self.interrupter.interrupt();
        }
    }
}

/// The handles the worker owns.
pub struct Worker {
    /// Why the cache could only be opened for reading, if so (the reader says it).
    pub read_only: Option<crate::store::StoreError>,
    store_jobs: std_mpsc::Sender<StoreCmd>,
    replies: mpsc::Sender<Msg>,
    /// Grows when a feed is added from the TUI.
    config: Arc<RwLock<Config>>,
    /// Where `a` and `S` write (`None`: no user config path on this platform).
    config_path: Option<PathBuf>,
    data_dir: PathBuf,
    fetcher: Fetcher,
    list: Arc<ListInProgress>,
    /// The language failures are worded in for the reader.
    lang: crate::i18n::Lang,
}

/// The config for reading; a panic elsewhere while holding the lock leaves usable data.
fn read(config: &RwLock<Config>) -> std::sync::RwLockReadGuard<'_, Config> {
    config.read().unwrap_or_else(PoisonError::into_inner)
}

impl Worker {
    /// Opens the cache (errors here are shown before the terminal is taken over).
    pub fn start(
        config: &Config,
        config_path: Option<PathBuf>,
        data_dir: PathBuf,
        replies: mpsc::Sender<Msg>,
    ) -> anyhow::Result<Self> {
        let (store, read_only) = Store::open_in_step(&data_dir, &config.feeds, &config.ministries)?;
        let fetcher = Fetcher::new(crate::refresh::fetch_settings(config))?;
        let (store_jobs, jobs) = std_mpsc::channel();
        let store_replies = replies.clone();
        let saved: Vec<(String, String)> = config
            .filters
            .iter()
            .map(|f| (f.name.clone(), f.query.clone()))
            .collect();
        let list = Arc::new(ListInProgress {
            running: std::sync::Mutex::new(false),
            interrupter: store.interrupter(),
        });
        let lang = crate::i18n::Lang::resolve(config.language, |n| std::env::var(n).ok());
        let store_state = StoreState {
            lang,
            saved,
            ministries: config.ministries.clone(),
            config_path: config_path.clone(),
            list: Arc::clone(&list),
        };
        std::thread::Builder::new()
            .name("amtsfeed-store".into())
            .spawn(move || store_thread(store, jobs, store_replies, store_state))?;
        Ok(Self {
            read_only,
            store_jobs,
            replies,
            config: Arc::new(RwLock::new(config.clone())),
            config_path,
            data_dir,
            fetcher,
            list,
            lang,
        })
    }

    /// Starts a task; never waits for it.
    pub fn spawn(&self, task: TaskCmd) {
        match task {
            TaskCmd::Refresh(feed) => self.refresh(feed),
            TaskCmd::FetchPage(id) => {
                let (replies, fetcher, dir) = (
                    self.replies.clone(),
                    self.fetcher.clone(),
                    self.data_dir.clone(),
                );
                let max_bytes = read(&self.config).max_page_bytes;
                let lang = self.lang;
                tokio::spawn(async move {
                    let result = refresh::pages::fetch_one(dir, &fetcher, id, max_bytes)
                        .await
                        .unwrap_or_else(|e| {
                            Err(crate::model::Reason::Text {
                                text: e.in_language(lang),
                            })
                        });
                    let _ = replies
                        .send(Msg::Reader(ReaderMsg::PageFetched { id, result }))
                        .await;
                });
            }
            TaskCmd::OpenLink(link) => {
                let replies = self.replies.clone();
                let browser = read(&self.config).browser.clone();
                let lang = self.lang;
                tokio::task::spawn_blocking(move || {
                    let result = crate::open::open_link(&link, browser.as_deref())
                        .map_err(|e| e.in_language(lang));
                    let _ = replies.blocking_send(Msg::LinkOpened(result));
                });
            }
            TaskCmd::AddFeed(url) => self.add_feed(url),
            TaskCmd::RenderArticle {
                id,
                width,
                html,
                base,
            } => {
                let replies = self.replies.clone();
                tokio::task::spawn_blocking(move || {
                    let reply = crate::tui::app::render_reply(id, width, &html, base.as_deref());
                    let _ = replies.blocking_send(reply);
                });
            }
        }
    }

    /// Queues a job for the store thread; a new list first stops what an older one still
    /// does there.
    pub fn store(&self, job: StoreCmd) {
        if matches!(
            job,
            StoreCmd::LoadArticles {
                placement: Placement::Replace,
                ..
            }
        ) {
            self.list.stop();
        }
        let _ = self.store_jobs.send(job);
    }

    /// Checks the URL, writes the config, stores the articles, and tells the app.
    fn add_feed(&self, raw_url: String) {
        let (replies, fetcher, dir, config, path) = (
            self.replies.clone(),
            self.fetcher.clone(),
            self.data_dir.clone(),
            Arc::clone(&self.config),
            self.config_path.clone(),
        );
        let lang = self.lang;
        tokio::spawn(async move {
            let result = add_feed(&raw_url, &fetcher, dir, &config, path, lang).await;
            let _ = replies
                .send(Msg::Prompt(PromptMsg::FeedAdded(result)))
                .await;
        });
    }

    fn refresh(&self, feed: Option<String>) {
        let config = read(&self.config);
        let feeds = match &feed {
            Some(name) => config.find_feeds(name).into_iter().cloned().collect(),
            None => config.feeds.clone(),
        };
        let request = refresh::Request::new(
            &config,
            feeds,
            self.data_dir.clone(),
            self.fetcher.clone(),
            true,
        );
        drop(config);
        let replies = self.replies.clone();
        let per_feed = self.replies.clone();
        let (config, data_dir) = (read(&self.config).clone(), self.data_dir.clone());
        let lang = self.lang;
        tokio::spawn(async move {
            let result = refresh::run(request, move |report| {
                let _ = per_feed.blocking_send(Msg::Refresh(RefreshMsg::FeedRefreshed(report)));
            })
            .await;
            let summary = result.as_ref().ok().cloned();
            let _ = replies
                .send(Msg::Refresh(RefreshMsg::Finished(
                    result.map_err(|e| e.in_language(lang)),
                )))
                .await;
            // After the summary, so the status line ends on them.
            if let Some(summary) = summary {
                let alerts = tokio::task::spawn_blocking(move || {
                    let (store, _) = Store::open_for_reading(&data_dir).ok()?;
                    let today = Local::now().date_naive();
                    crate::alerts::after_refresh(&store, &config, &summary, today, lang).ok()
                })
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
                if !alerts.is_empty() {
                    let _ = replies.send(Msg::Alerts(alerts)).await;
                }
            }
        });
    }
}

/// The `a` use case: the same steps as `amtsfeed add`, as one line of feedback in `lang`.
async fn add_feed(
    raw_url: &str,
    fetcher: &Fetcher,
    data_dir: PathBuf,
    config: &RwLock<Config>,
    config_path: Option<PathBuf>,
    lang: crate::i18n::Lang,
) -> Result<FeedAdded, String> {
    let path = config_path.ok_or_else(|| lang.refusal(&Refusal::NoConfigPath))?;
    // A catalogue id (the reader's catalogue, `A`, adds by id) stands for its source.
    let source = manage::catalogue_source(raw_url);
    let url = match source {
        Some(entry) => entry.url.clone(),
        None => manage::parse_new_url(raw_url).map_err(|r| lang.refusal(&r))?,
    };
    let checked = manage::check(fetcher, &url)
        .await
        .map_err(|refusal| lang.not_added(&manage::not_added(&url, refusal)))?;
    // A page that announces its feed: that feed is what gets added.
    let url = checked.url.clone();
    let snapshot = read(config).clone();
    let named = manage::new_feed(
        &snapshot,
        &url,
        source.map(|e| e.name.as_str()),
        checked.title.as_deref(),
        source.map_or(&[][..], |e| e.topics.as_slice()),
        source.and_then(|e| e.ministry.as_deref()),
        checked.listing || source.is_some_and(|e| e.listing),
    )
    .map_err(|e| lang.not_added(&e))?;
    let feed = named.feed;
    let added = tokio::task::spawn_blocking(move || {
        manage::add(&path, &data_dir, &snapshot, feed, Some(checked))
    })
    .await
    .map_err(|e| lang.error_chain(&e.into()))?
    .map_err(|e| lang.error_chain(&e))?;
    let reply = FeedAdded {
        name: added.feed.name.clone(),
        ministry: added.feed.ministry.clone(),
        articles: added.stored.map_or(0, |c| c.new + c.updated),
        url: added.feed.url.to_string(),
        renamed: named.renamed,
    };
    // Refreshes from now on include it.
    config
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .feeds
        .push(added.feed);
    Ok(reply)
}

/// What the store thread keeps besides the store: the saved filters it counts, and where
/// a newly saved one is written.
struct StoreState {
    /// The language failures are worded in.
    lang: crate::i18n::Lang,
    saved: Vec<(String, String)>,
    ministries: crate::model::Ministries,
    config_path: Option<PathBuf>,
    list: Arc<ListInProgress>,
}

/// The store thread: runs jobs in order; of several queued list loads only the newest runs.
fn store_thread(
    mut store: Store,
    jobs: std_mpsc::Receiver<StoreCmd>,
    replies: mpsc::Sender<Msg>,
    mut state: StoreState,
) {
    let is_full_load = |c: &StoreCmd| {
        matches!(
            c,
            StoreCmd::LoadArticles {
                placement: Placement::Replace,
                ..
            }
        )
    };
    let mut backlog: VecDeque<StoreCmd> = VecDeque::new();
    loop {
        if backlog.is_empty() {
            match jobs.recv() {
                Ok(cmd) => backlog.push_back(cmd),
                Err(_) => return, // The UI is gone.
            }
        }
        backlog.extend(jobs.try_iter());
        // Newest load wins: older full loads still queued are dropped.
        if let Some(newest) = backlog.iter().rposition(is_full_load) {
            let mut index = 0;
            backlog.retain(|c| {
                index += 1;
                !is_full_load(c) || index - 1 == newest
            });
        }
        let Some(cmd) = backlog.pop_front() else {
            continue;
        };
        let mut gone = false;
        let mut send = |msg: Msg| {
            gone |= replies.blocking_send(msg).is_err();
        };
        // Later work for a list (facets, timeline) is skipped once a newer list is asked for.
        let mut superseded = || {
            backlog.extend(jobs.try_iter());
            backlog.iter().any(is_full_load)
        };
        let is_list = matches!(cmd, StoreCmd::LoadArticles { .. });
        if is_list {
            state.list.set(true);
        }
        let result = run_store_cmd(&mut store, &mut state, cmd, &mut send, &mut superseded);
        if is_list {
            state.list.set(false);
        }
        match result {
            // A newer list stopped this one: its rows would be dropped anyway.
            Err(e) if is_list && e.is_interrupted() => {}
            Err(e) => send(Msg::WorkerFailed(e.in_language(state.lang))),
            Ok(()) => {}
        }
        if gone {
            return;
        }
    }
}

/// Runs one store command, sending its results as they are ready: a list's rows first (the
/// frame the user waits for), then its total, facets and timeline.
fn run_store_cmd(
    store: &mut Store,
    state: &mut StoreState,
    cmd: StoreCmd,
    send: &mut dyn FnMut(Msg),
    superseded: &mut dyn FnMut() -> bool,
) -> Result<(), crate::store::StoreError> {
    match cmd {
        StoreCmd::LoadArticles {
            generation,
            query,
            placement,
            ..
        } => {
            // The app built the query complete (day bounds in its zone): used as it is. One
            // search answers page, total, facets and timeline (the keyword hits found once).
            let search = store.search(&query)?;
            let rows = search.page()?;
            // A short page is the end of the list, so its total is known now.
            let complete = query.limit.is_none_or(|limit| rows.len() < limit);
            let provisional = (query.offset + rows.len()) as u64;
            send(Msg::List(ListMsg::ArticlesLoaded {
                generation,
                rows,
                total: provisional,
                placement,
            }));
            // Only a new list is counted, and its facets and timeline worked out.
            if placement != Placement::Replace || superseded() {
                return Ok(());
            }
            let total = search.total()?;
            if !complete || total != provisional {
                send(Msg::List(ListMsg::TotalLoaded { generation, total }));
            }
            if superseded() {
                return Ok(());
            }
            let topics = search.facets(SIDEBAR_TOPICS)?;
            send(Msg::Sidebar(SidebarMsg::FacetsLoaded {
                generation,
                topics,
            }));
            if superseded() {
                return Ok(());
            }
            let offset = Local::now().offset().local_minus_utc();
            let timeline = search.timeline(offset)?;
            send(Msg::List(ListMsg::TimelineLoaded {
                generation,
                timeline,
            }));
        }
        StoreCmd::MarkFilterSeen(name) => {
            store.mark_filter_seen(&name)?;
            return run_store_cmd(store, state, StoreCmd::LoadFeeds, send, superseded);
        }
        StoreCmd::Cite(id) => {
            let citation = store
                .article(id)?
                .map(|a| {
                    crate::cite::citation(
                        &a,
                        &state.ministries,
                        crate::model::Zone::Local,
                        state.lang,
                    )
                })
                .ok_or_else(|| CommandProblem::NoArticle(id.0).in_lang(state.lang));
            send(Msg::CitationReady(citation));
        }
        StoreCmd::LoadProcesses => {
            let since = chrono::Utc::now() - chrono::Duration::weeks(8);
            let found = store
                .recent_processes(since)?
                .into_iter()
                .map(|(process, articles, _)| (process, articles))
                .collect();
            send(Msg::ProcessesLoaded(found));
        }
        StoreCmd::LoadVersions(id) => send(Msg::Reader(ReaderMsg::VersionsLoaded {
            id,
            versions: store.versions(id)?,
        })),
        StoreCmd::LoadArticle(id) => send(Msg::Reader(ReaderMsg::ArticleLoaded {
            id,
            article: store.article(id)?.map(Box::new),
        })),
        StoreCmd::LoadFeeds => {
            let feeds = store.feed_statuses()?;
            let today = Local::now().date_naive();
            let saved = crate::alerts::counts(store, &state.saved, &state.ministries, today)?;
            send(Msg::Sidebar(SidebarMsg::FeedsLoaded(feeds, saved)));
        }
        StoreCmd::SetRead(ids, read) => {
            store.set_read(&ids, read)?;
            send(Msg::StateStored {
                ids,
                read: Some(read),
                starred: None,
            });
        }
        StoreCmd::MarkListRead(query) => {
            let ids = store.mark_matching_read(&query)?;
            let marked = ids.len();
            send(Msg::StateStored {
                ids,
                read: Some(true),
                starred: None,
            });
            send(Msg::ListMarkedRead(marked));
            return run_store_cmd(store, state, StoreCmd::LoadFeeds, send, superseded);
        }
        StoreCmd::SetStarred(id, starred) => {
            store.set_starred(&[id], starred)?;
            send(Msg::StateStored {
                ids: vec![id],
                read: None,
                starred: Some(starred),
            });
        }
        StoreCmd::SaveFilter { name, query } => {
            let result = save_filter(state, &name, &query);
            let saved = result.as_ref().ok().map(|(name, _)| name.clone());
            send(Msg::Prompt(PromptMsg::FilterSaved(result)));
            if let Some(name) = saved {
                // Saved while its matches are on screen: looked at, nothing of it is new.
                store.mark_filter_seen(&name)?;
                // The new filter's unread count for the sidebar.
                return run_store_cmd(store, state, StoreCmd::LoadFeeds, send, superseded);
            }
        }
    }
    Ok(())
}

/// Writes the filter to the user config (comments kept) and counts it from now on.
fn save_filter(
    state: &mut StoreState,
    name: &str,
    query: &str,
) -> Result<(String, String), String> {
    let path = state
        .config_path
        .as_deref()
        .ok_or_else(|| state.lang.refusal(&Refusal::NoConfigPath))?;
    let name = crate::text::clean_inline(name);
    edit::edit(path, |doc| edit::save_filter(doc, &name, query))
        .map_err(|e| e.in_language(state.lang))?;
    match state
        .saved
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(&name))
    {
        Some(entry) => entry.1 = query.to_owned(),
        None => state.saved.push((name.clone(), query.to_owned())),
    }
    Ok((name, query.to_owned()))
}

#[cfg(test)]
mod tests {
    //! The store executor against an in-memory store: each command's replies, in order.
    use super::*;
    use crate::filter::{ArticleQuery, Filter};
    use crate::i18n::Lang;
    use crate::model::{ArticleId, SavedCount};
    use crate::store::test_support::{release, store_with};

    /// A store with three releases, and the thread's state with one saved filter.
    fn setup(lang: Lang, config_path: Option<PathBuf>) -> (Store, StoreState) {
        let topics = &["Sicherheit"];
        let store = store_with(&[
            release("a", "Neue Fahrzeuge für den Katastrophenschutz", 14, topics),
            release("b", "Katastrophenschutz: Sirenen-Warntag", 15, topics),
            release("c", "Öffentliche Sicherheit in Städten", 16, topics),
        ]);
        let list = Arc::new(ListInProgress {
            running: std::sync::Mutex::new(false),
            interrupter: store.interrupter(),
        });
        let state = StoreState {
            lang,
            saved: vec![("Schutz".into(), "Katastrophenschutz".into())],
            ministries: crate::model::Ministries::default(),
            config_path,
            list,
        };
        (store, state)
    }

    /// Runs one command; its replies, and whether it failed.
    fn run(store: &mut Store, state: &mut StoreState, cmd: StoreCmd, superseded: bool) -> Vec<Msg> {
        let mut replies = Vec::new();
        run_store_cmd(store, state, cmd, &mut |m| replies.push(m), &mut || {
            superseded
        })
        .expect("the command runs");
        replies
    }

    fn saved_counts(replies: &[Msg]) -> Vec<SavedCount> {
        replies
            .iter()
            .find_map(|m| match m {
                Msg::Sidebar(SidebarMsg::FeedsLoaded(_, saved)) => Some(saved.clone()),
                _ => None,
            })
            .expect("feeds loaded")
    }

    fn query(text: &str) -> ArticleQuery {
        let today = chrono::NaiveDate::from_ymd_opt(2021, 12, 20).expect("day");
        ArticleQuery::new(Filter::parse(text, today).expect("filter"), &Local)
    }

    #[test]
    fn a_new_list_answers_rows_then_facets_and_timeline_unless_superseded() {
        let (mut store, mut state) = setup(Lang::De, None);
        let load = |generation| StoreCmd::LoadArticles {
            generation,
            query: query(""),
            placement: Placement::Replace,
        };
        let replies = run(&mut store, &mut state, load(7), false);
        let kinds: Vec<&str> = replies
            .iter()
            .map(|m| match m {
                Msg::List(ListMsg::ArticlesLoaded {
                    generation: 7,
                    rows,
                    total: 3,
                    ..
                }) if rows.len() == 3 => "rows",
                Msg::Sidebar(SidebarMsg::FacetsLoaded {
                    generation: 7,
                    topics,
                }) if topics.iter().any(|t| t.topic == "Sicherheit") => "facets",
                Msg::List(ListMsg::TimelineLoaded { generation: 7, .. }) => "timeline",
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(kinds, ["rows", "facets", "timeline"]);
        // A newer list already asked for: only the rows of this one.
        let replies = run(&mut store, &mut state, load(8), true);
        assert_eq!(replies.len(), 1);
        assert!(matches!(
            replies[0],
            Msg::List(ListMsg::ArticlesLoaded { generation: 8, .. })
        ));
    }

    #[test]
    fn a_saved_filter_is_new_until_looked_at_and_saving_one_is_looking_at_it() {
        let dir = tempfile::tempdir().expect("dir");
        let config = dir.path().join("config.toml");
        std::fs::write(&config, "# meine Feeds\n").expect("config");
        let (mut store, mut state) = setup(Lang::De, Some(config.clone()));
        let counts = saved_counts(&run(&mut store, &mut state, StoreCmd::LoadFeeds, false));
        assert_eq!(
            counts,
            [SavedCount {
                name: "Schutz".into(),
                unread: 2,
                total: 2,
                new: 2
            }]
        );
        let seen = StoreCmd::MarkFilterSeen("Schutz".into());
        assert_eq!(
            saved_counts(&run(&mut store, &mut state, seen, false))[0].new,
            0
        );
        let save = StoreCmd::SaveFilter {
            name: "Städte".into(),
            query: "Städten".into(),
        };
        let replies = run(&mut store, &mut state, save, false);
        assert!(matches!(
            &replies[0],
            Msg::Prompt(PromptMsg::FilterSaved(Ok((name, _)))) if name == "Städte"
        ));
        let counts = saved_counts(&replies);
        assert_eq!(counts[1].name, "Städte");
        assert_eq!((counts[1].total, counts[1].new), (1, 0));
        let written = std::fs::read_to_string(&config).expect("config");
        assert!(written.contains("# meine Feeds\n"), "{written}");
        assert!(written.contains("Städten"), "{written}");
    }

    #[test]
    fn read_and_starred_states_are_stored_and_reported() {
        let (mut store, mut state) = setup(Lang::De, None);
        let replies = run(
            &mut store,
            &mut state,
            StoreCmd::SetRead(vec![ArticleId(1)], true),
            false,
        );
        assert_eq!(
            replies,
            [Msg::StateStored {
                ids: vec![ArticleId(1)],
                read: Some(true),
                starred: None
            }]
        );
        run(
            &mut store,
            &mut state,
            StoreCmd::SetStarred(ArticleId(2), true),
            false,
        );
        let article = store.article(ArticleId(2)).expect("read").expect("there");
        assert!(article.summary.starred);
        let replies = run(
            &mut store,
            &mut state,
            StoreCmd::MarkListRead(query("Katastrophenschutz")),
            false,
        );
        // Only the one still unread of the two matches; then the sidebar's counts.
        assert!(replies.contains(&Msg::ListMarkedRead(1)), "{replies:?}");
        assert_eq!(saved_counts(&replies)[0].unread, 0);
    }

    #[test]
    fn failures_are_worded_in_the_readers_language() {
        for (lang, no_article, no_path) in [
            (Lang::De, "kein Artikel mit der Nummer 99", "Konfiguration"),
            (Lang::En, "no article with id 99", "config"),
        ] {
            let (mut store, mut state) = setup(lang, None);
            let replies = run(&mut store, &mut state, StoreCmd::Cite(ArticleId(99)), false);
            assert_eq!(replies, [Msg::CitationReady(Err(no_article.into()))]);
            let save = StoreCmd::SaveFilter {
                name: "x".into(),
                query: "y".into(),
            };
            let replies = run(&mut store, &mut state, save, false);
            assert!(
                matches!(&replies[..], [Msg::Prompt(PromptMsg::FilterSaved(Err(e)))] if e.contains(no_path)),
                "{replies:?}"
            );
            let replies = run(&mut store, &mut state, StoreCmd::Cite(ArticleId(1)), false);
            let accessed = if lang == Lang::De {
                "Abgerufen am"
            } else {
                "Accessed"
            };
            assert!(
                matches!(&replies[..], [Msg::CitationReady(Ok(c))] if c.contains(accessed) || c.contains(&accessed.to_lowercase())),
                "{replies:?}"
            );
            let replies = run(
                &mut store,
                &mut state,
                StoreCmd::LoadVersions(ArticleId(2)),
                false,
            );
            assert!(matches!(
                &replies[..],
                [Msg::Reader(ReaderMsg::VersionsLoaded { id: ArticleId(2), versions })]
                    if versions.len() == 1 && versions[0].title.contains("Sirenen")
            ));
            let replies = run(
                &mut store,
                &mut state,
                StoreCmd::LoadArticle(ArticleId(3)),
                false,
            );
            assert!(matches!(
                &replies[..],
                [Msg::Reader(ReaderMsg::ArticleLoaded {
                    id: ArticleId(3),
                    article: Some(_)
                })]
            ));
        }
    }
}
