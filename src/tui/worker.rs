//! Runs `Cmd`s off the render path and answers with `Msg`s: SQLite on one store thread
//! (newest list load wins), refreshes and link opening on tokio tasks.

use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;
use std::sync::Arc;

use chrono::Local;
use tokio::sync::mpsc;

use super::msg::{Cmd, Msg};
use crate::config::Config;
use crate::fetch::{FetchSettings, Fetcher};
use crate::refresh;
use crate::store::{ArticleQuery, Store};

/// How many topics the sidebar lists.
const SIDEBAR_TOPICS: usize = 25;

/// The handles the worker owns.
pub struct Worker {
    store_jobs: std_mpsc::Sender<Cmd>,
    replies: mpsc::Sender<Msg>,
    config: Arc<Config>,
    data_dir: PathBuf,
    fetcher: Fetcher,
}

impl Worker {
    /// Opens the cache (errors here are shown before the terminal is taken over).
    pub fn start(
        config: Arc<Config>,
        data_dir: PathBuf,
        replies: mpsc::Sender<Msg>,
    ) -> anyhow::Result<Self> {
        let mut store = Store::open(&data_dir)?;
        store.sync_feeds(&config.feeds)?;
        let fetcher = Fetcher::new(FetchSettings::from_config(&config))?;
        let (store_jobs, jobs) = std_mpsc::channel();
        let store_replies = replies.clone();
        std::thread::Builder::new()
            .name("amtsfeed-store".into())
            .spawn({
                let config = Arc::clone(&config);
                move || store_thread(store, jobs, store_replies, config)
            })?;
        Ok(Self {
            store_jobs,
            replies,
            config,
            data_dir,
            fetcher,
        })
    }

    /// Starts a command; never waits for it.
    pub fn spawn(&self, cmd: Cmd) {
        match cmd {
            Cmd::Refresh(feed) => self.refresh(feed),
            Cmd::FetchPage(id) => {
                let (replies, fetcher, dir) = (
                    self.replies.clone(),
                    self.fetcher.clone(),
                    self.data_dir.clone(),
                );
                let max_bytes = self.config.max_page_bytes;
                tokio::spawn(async move {
                    let result = refresh::pages::fetch_one(dir, &fetcher, id, max_bytes)
                        .await
                        .unwrap_or_else(|e| Err(e.to_string()));
                    let _ = replies.send(Msg::PageFetched { id, result }).await;
                });
            }
            Cmd::OpenLink(link) => {
                let replies = self.replies.clone();
                let browser = self.config.browser.clone();
                tokio::task::spawn_blocking(move || {
                    let result = crate::open::open_link(&link, browser.as_deref())
                        .map_err(|e| e.to_string());
                    let _ = replies.blocking_send(Msg::LinkOpened(result));
                });
            }
            store_cmd => {
                let _ = self.store_jobs.send(store_cmd);
            }
        }
    }

    fn refresh(&self, feed: Option<String>) {
        let feeds = match &feed {
            Some(name) => self.config.find_feeds(name).into_iter().cloned().collect(),
            None => self.config.feeds.clone(),
        };
        let request = refresh::Request::new(
            &self.config,
            feeds,
            self.data_dir.clone(),
            self.fetcher.clone(),
            true,
        );
        let replies = self.replies.clone();
        let per_feed = self.replies.clone();
        tokio::spawn(async move {
            let result = refresh::run(request, move |report| {
                let _ = per_feed.blocking_send(Msg::FeedRefreshed(report));
            })
            .await;
            let _ = replies
                .send(Msg::RefreshFinished(result.map_err(|e| e.to_string())))
                .await;
        });
    }
}

/// The store thread: runs jobs in order; of several queued list loads only the newest runs.
fn store_thread(
    mut store: Store,
    jobs: std_mpsc::Receiver<Cmd>,
    replies: mpsc::Sender<Msg>,
    config: Arc<Config>,
) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        batch.extend(jobs.try_iter());
        let newest_load = batch
            .iter()
            .rposition(|c| matches!(c, Cmd::LoadArticles { append: false, .. }));
        for (index, cmd) in batch.into_iter().enumerate() {
            let superseded = matches!(cmd, Cmd::LoadArticles { append: false, .. })
                && Some(index) != newest_load;
            if superseded {
                continue;
            }
            let replies_for_cmd = run_store_cmd(&mut store, &config, cmd)
                .unwrap_or_else(|e| vec![Msg::WorkerFailed(e.to_string())]);
            for msg in replies_for_cmd {
                if replies.blocking_send(msg).is_err() {
                    return; // The UI is gone.
                }
            }
        }
    }
}

fn run_store_cmd(
    store: &mut Store,
    config: &Config,
    cmd: Cmd,
) -> Result<Vec<Msg>, crate::store::StoreError> {
    Ok(match cmd {
        Cmd::LoadArticles {
            generation,
            query,
            append,
            ..
        } => {
            // Day bounds are resolved here, in the user's time zone.
            let query = ArticleQuery {
                bounds: query.filter.time_bounds(&Local),
                ..query
            };
            let (rows, total) = store.page(&query)?;
            let mut msgs = vec![Msg::ArticlesLoaded {
                generation,
                rows,
                total,
                append,
            }];
            if !append {
                // The list first; the topic counts for the same filter right after.
                let topics = store.facets_after_page(&query, SIDEBAR_TOPICS)?;
                msgs.push(Msg::FacetsLoaded { generation, topics });
                let offset = Local::now().offset().local_minus_utc();
                let timeline = store.timeline_after_page(&query, offset)?;
                msgs.push(Msg::TimelineLoaded {
                    generation,
                    timeline,
                });
            }
            msgs
        }
        Cmd::LoadArticle(id) => vec![Msg::ArticleLoaded {
            id,
            article: store.article(id)?.map(Box::new),
        }],
        Cmd::LoadFeeds => {
            let feeds = store.feed_statuses()?;
            let today = Local::now().date_naive();
            let mut saved = Vec::new();
            for filter in &config.filters {
                let Ok(mut parsed) = crate::filter::Filter::parse(&filter.query, today) else {
                    continue;
                };
                parsed.unread = true;
                saved.push((
                    filter.name.clone(),
                    store.count(&ArticleQuery::new(parsed, &Local))?,
                ));
            }
            vec![Msg::FeedsLoaded(feeds, saved)]
        }
        Cmd::SetRead(ids, read) => {
            store.set_read(&ids, read)?;
            vec![]
        }
        Cmd::SetStarred(id, starred) => {
            store.set_starred(&[id], starred)?;
            vec![]
        }
        Cmd::Refresh(_) | Cmd::OpenLink(_) | Cmd::FetchPage(_) => vec![],
    })
}
