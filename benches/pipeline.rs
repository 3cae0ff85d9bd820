//! End-to-end numbers for the core pipeline, measured on the real release binary:
//! - parse and store of realistic items from local files (`import`: 100 × 100 by default),
//!   with items per second, peak memory and the cache's size against its text;
//! - `fetch` of F local feeds × I items (cold, then all-304 warm), optionally with latency;
//! - `list --topic` over a cache of N generated articles, plus in-process query percentiles;
//! - the TUI over that cache: start to first frame with articles (in tmux), its peak memory,
//!   and the time from a filter keystroke to the rows being ready.
//!
//! Run: `cargo bench --bench pipeline` (env: BENCH_FEEDS=200 BENCH_ITEMS=50 BENCH_ARTICLES=100000
//! BENCH_DELAY_MS=0 BENCH_IMPORT_FEEDS=100 BENCH_IMPORT_ITEMS=100; BENCH_ONLY=import|fetch|pages|list|tui). The generated cache is kept in target/bench-data and reused.
//! Prints one line per measurement.

#[path = "support/feed_server.rs"]
mod feed_server;
#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};

use amtsfeed::config::FeedConfig;
use amtsfeed::filter::Filter;
use amtsfeed::model::Validators;
use amtsfeed::store::{ArticleQuery, Store};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--list") {
        return Ok(()); // `cargo bench -- --list` probes harness=false benches.
    }
    let feeds = env_usize("BENCH_FEEDS", 200);
    let items = env_usize("BENCH_ITEMS", 50);
    let articles = env_usize("BENCH_ARTICLES", 100_000);
    let delay = Duration::from_millis(env_usize("BENCH_DELAY_MS", 0) as u64);
    let dir = tempfile::tempdir()?;
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if only.is_empty() || only == "import" {
        let import_feeds = env_usize("BENCH_IMPORT_FEEDS", 100);
        let import_items = env_usize("BENCH_IMPORT_ITEMS", 100);
        bench_import(dir.path(), import_feeds, import_items)?;
    }
    if only.is_empty() || only == "fetch" {
        bench_fetch(dir.path(), feeds, items, delay)?;
    }
    if only.is_empty() || only == "pages" {
        bench_pages(dir.path())?;
    }
    if only.is_empty() || only == "versions" {
        bench_versions(dir.path())?;
    }
    if only == "fetch" || only == "pages" || only == "import" || only == "versions" {
        return Ok(());
    }
    let cache = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/bench-data/cache-{articles}"));
    generate_cache(&cache, articles)?;
    if only.is_empty() || only == "list" {
        bench_list(dir.path(), &cache)?;
    }
    if only.is_empty() || only == "tui" {
        bench_tui(dir.path(), &cache, articles)?;
    }
    Ok(())
}

fn amtsfeed(
    dir: &Path,
    data: &str,
    args: &[&str],
) -> Result<(Duration, String), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_amtsfeed"))
        .arg("--config")
        .arg(dir.join("bench.toml"))
        .arg("--data-dir")
        .arg(dir.join(data))
        .args(args)
        .output()?;
    let elapsed = start.elapsed();
    if !out.status.success() {
        return Err(format!(
            "amtsfeed {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok((elapsed, String::from_utf8(out.stdout)?))
}

/// Runs amtsfeed to its end, with its peak memory (Linux: the high-water mark, read until
/// it exits; `None` elsewhere).
fn run_measured(
    dir: &Path,
    data: &str,
    args: &[&str],
) -> Result<(Duration, Option<u64>), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_amtsfeed"))
        .arg("--config")
        .arg(dir.join("bench.toml"))
        .arg("--data-dir")
        .arg(dir.join(data))
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = None;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        });
        peak_kib = hwm.or(peak_kib);
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(format!("amtsfeed {args:?} failed").into());
    }
    Ok((elapsed, peak_kib))
}

/// Parse and store of realistic items from local files (no network): feeds × items written
/// as files, a cold `fetch --no-full-text` into an empty cache, five times; the median, the
/// items per second, the peak memory and the cache's size against the text it holds.
fn bench_import(dir: &Path, feeds: usize, items: usize) -> Result<(), Box<dyn std::error::Error>> {
    let files = dir.join("import-feeds");
    std::fs::create_dir_all(&files)?;
    let mut config = String::from("full_text = false\n");
    let mut bytes = 0;
    for f in 0..feeds {
        let path = files.join(format!("{f}.xml"));
        let xml = synthetic::rss_feed(f, items);
        bytes += xml.len();
        std::fs::write(&path, xml)?;
        config.push_str(&format!(
            "[[feed]]\nname = \"Ministerium {f}\"\nurl = \"{}\"\n",
            path.display()
        ));
    }
    std::fs::write(dir.join("bench.toml"), config)?;
    let mut runs = Vec::new();
    for _ in 0..5 {
        let _ = std::fs::remove_dir_all(dir.join("import-data"));
        runs.push(run_measured(
            dir,
            "import-data",
            &["fetch", "--no-full-text"],
        )?);
    }
    runs.sort_by_key(|(time, _)| *time);
    let (median, _) = runs[runs.len() / 2];
    let mut peaks: Vec<u64> = runs.iter().filter_map(|(_, peak)| *peak).collect();
    peaks.sort_unstable();
    let db = dir.join("import-data").join("amtsfeed.db");
    let size = std::fs::metadata(&db)?.len();
    let text: i64 = rusqlite::Connection::open(&db)?.query_row(
        "SELECT SUM(LENGTH(CAST(title AS BLOB)) + LENGTH(CAST(summary AS BLOB)) + LENGTH(CAST(topics AS BLOB))) FROM articles",
        [],
        |r| r.get(0),
    )?;
    let n = feeds * items;
    println!(
        "import: {feeds} feeds x {items} realistic items from local files ({:.1} MiB of XML): median {:.3} s, {:.0} items/s, peak RSS {}, cache {:.1} MB for {:.1} MB of text ({:.1}x)",
        bytes as f64 / 1048576.0,
        median.as_secs_f64(),
        n as f64 / median.as_secs_f64(),
        peaks
            .get(peaks.len() / 2)
            .map_or("n/a".to_owned(), |kib| format!("{:.0} MiB", *kib as f64 / 1024.0)),
        size as f64 / 1e6,
        text as f64 / 1e6,
        size as f64 / text.max(1) as f64,
    );
    Ok(())
}

fn bench_fetch(
    dir: &Path,
    feeds: usize,
    items: usize,
    delay: Duration,
) -> Result<(), Box<dyn std::error::Error>> {
    let bodies: Vec<String> = (0..feeds).map(|f| synthetic::rss_feed(f, items)).collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let addrs = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"];
    let server = feed_server::FeedServer::start(bodies, &addrs, delay)?;
    // Feeds only: the synthetic items link to hosts that do not exist here.
    let mut config = String::from("concurrency = 8\nfull_text = false\n");
    for f in 0..feeds {
        let base = &server.bases[f % server.bases.len()];
        config.push_str(&format!(
            "[[feed]]\nname = \"Ministerium {f}\"\nurl = \"{base}/feed/{f}.xml\"\n"
        ));
    }
    std::fs::write(dir.join("bench.toml"), config)?;
    let (cold, peak) = run_measured(dir, "fetch-data", &["fetch"])?;
    let (_, out) = amtsfeed(
        dir,
        "fetch-data",
        &["list", "--format", "json", "--no-group"],
    )?;
    let stored = serde_json::from_str::<Vec<serde_json::Value>>(&out)?.len();
    let (warm, out) = amtsfeed(dir, "fetch-data", &["fetch"])?;
    let not_modified = out.lines().filter(|l| l.ends_with("not modified")).count();
    println!(
        "fetch cold: {feeds} feeds x {items} realistic items ({:.1} MiB, {} ms latency): {:.3} s, peak RSS {} ({stored} articles stored)",
        bytes as f64 / 1048576.0,
        delay.as_millis(),
        cold.as_secs_f64(),
        peak.map_or("n/a".to_owned(), |kib| format!("{:.0} MiB", kib as f64 / 1024.0)),
    );
    println!(
        "fetch warm: {:.3} s ({not_modified}/{feeds} not modified)",
        warm.as_secs_f64()
    );
    Ok(())
}

/// Writes `articles` synthetic articles over 40 feeds into `data`, unless already there.
fn generate_cache(data: &Path, articles: usize) -> Result<(), Box<dyn std::error::Error>> {
    if data.join("amtsfeed.db").exists() {
        let store = Store::open(data)?;
        if store.count(&ArticleQuery::default())? == articles as u64 {
            println!("generate: reusing {}", data.display());
            return Ok(());
        }
        drop(store);
        std::fs::remove_dir_all(data)?;
    }
    let feeds = 40;
    let start = Instant::now();
    let mut store = Store::open(data)?;
    let configs: Vec<FeedConfig> = (0..feeds)
        .map(|f| FeedConfig {
            name: format!("Ministerium {f}"),
            url: url::Url::parse(&format!("https://www.example-ministerium.de/{f}/feed.xml"))
                .expect("url"),
            ministry: None,
            topics: vec![],
            full_text: None,
            listing: false,
        })
        .collect();
    store.sync_feeds(&configs)?;
    let mut rng = synthetic::Rng::new(42);
    let end = Utc
        .with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
        .single()
        .unwrap_or_default();
    for (f, config) in configs.iter().enumerate() {
        let batch: Vec<_> = (0..articles / feeds)
            .map(|n| synthetic::article(&mut rng, f, n, end))
            .collect();
        store.store_articles(
            config.url.as_str(),
            &batch,
            &Validators::default(),
            Utc::now(),
        )?;
    }
    let size = std::fs::metadata(data.join("amtsfeed.db"))?.len();
    println!(
        "generate: {articles} articles into the cache in {:.1} s ({:.0} MiB)",
        start.elapsed().as_secs_f64(),
        size as f64 / 1048576.0
    );
    Ok(())
}

fn bench_list(dir: &Path, data: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let data_name = data.to_str().ok_or("path")?;
    std::fs::write(dir.join("bench.toml"), "full_text = false\n")?;
    for (label, args) in [
        (
            "list --topic katastrophenschutz (all matches)",
            vec!["list", "--topic", "katastrophenschutz"],
        ),
        (
            "list --topic katastrophenschutz --limit 500",
            vec!["list", "--topic", "katastrophenschutz", "--limit", "500"],
        ),
        (
            // A year before the generated cache ends (not `1y`, which drifts with the calendar).
            "list --topic onlinezugang --since 2025-11-01",
            vec!["list", "--topic", "onlinezugang", "--since", "2025-11-01"],
        ),
        (
            "list --since 2025-01-01 --until 2025-01-31",
            vec!["list", "--since", "2025-01-01", "--until", "2025-01-31"],
        ),
    ] {
        let mut times: Vec<f64> = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let (t, out) = amtsfeed(dir, data_name, &args)?;
            times.push(t.as_secs_f64() * 1000.0);
            rows = out.lines().count();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label}: median {:.1} ms, best {:.1} ms, {rows} rows (process start to exit)",
            times[2], times[0]
        );
    }
    let store = Store::open(data)?;
    let today = bench_today();
    for query in [
        "katastrophenschutz",
        "verwaltungsdigitalisierung since:2y",
        "since:2025-01-01 until:2025-01-31",
        // The query language (#13): OR, NOT, fields, folding.
        "katastrophenschutz OR verteidigung",
        "digitalisierung -europa",
        // The worst case: a word of nearly every generated text negated.
        "digitalisierung -kommunen",
        "-katastrophenschutz",
        "(umwelt OR gesundheit) NOT (finanzen OR europa)",
        "thema:Aussenpolitik OR titel:Wohnen",
        "Massnahmen Buergerinnen",
        // A part of many compounds: the index words containing it are looked up first.
        "schutz",
        "ung",
        // The search rules (#25): abbreviations are whole words, a quoted word too; a part
        // under three letters is scanned for; one in few words is looked up.
        "EU",
        "KI",
        "ÖL",
        "\"schutz\"",
        "ki",
        "bund",
        "xq",
        "Straße",
    ] {
        let filter = Filter::parse(query, today)?;
        let q = ArticleQuery::new(filter, &chrono::Local).limit(Some(500));
        // A failing query fails the bench instead of being timed as a fast one.
        let mut times: Vec<f64> = Vec::with_capacity(50);
        for _ in 0..50 {
            let t = Instant::now();
            let rows = store.page_rows(&q)?.len();
            std::hint::black_box(rows);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "query '{query}' newest 500 (in-process): p50 {:.2} ms, p95 {:.2} ms",
            times[25], times[47]
        );
    }
    Ok(())
}

/// The TUI on the big cache: in tmux from spawn to the first frame that shows articles, the
/// process's peak memory then, and in-process the work behind one filter keystroke.
fn bench_tui(dir: &Path, data: &Path, articles: usize) -> Result<(), Box<dyn std::error::Error>> {
    use amtsfeed::tui::{
        app::App,
        msg::{ListMsg, Msg, Placement},
        theme::Theme,
        view,
    };
    std::fs::write(dir.join("bench.toml"), "full_text = false\n")?;
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket_name()])
            .args(args)
            .output()
    };
    let mut firsts = Vec::new();
    let mut peak_kb = 0u64;
    let config = dir.join("bench.toml");
    let amtsfeed_argv = [
        env!("CARGO_BIN_EXE_amtsfeed"),
        "--config",
        config.to_str().ok_or("path")?,
        "--data-dir",
        data.to_str().ok_or("path")?,
    ];
    let wanted = format!("Articles ({articles})");
    // Baseline: how long tmux itself takes to show a program's first output.
    let marker = format!("printf '%s' '{wanted} 01.01.2020'; sleep 2");
    let mut baseline = Vec::new();
    for _ in 0..5 {
        baseline.push(time_first_screen(&tmux, &["sh", "-c", &marker], &wanted)?.0);
        tmux(&["kill-server"])?;
        RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    for _ in 0..5 {
        let (ms, pid) = time_first_screen(&tmux, &amtsfeed_argv, &wanted)?;
        firsts.push(ms);
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let hwm = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|k| k.parse().ok());
        peak_kb = peak_kb.max(hwm.unwrap_or(0));
        tmux(&["kill-server"])?;
        RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    baseline.sort_by(f64::total_cmp);
    println!(
        "tmux baseline (a shell printing the same marker): median {:.0} ms",
        baseline[2]
    );
    firsts.sort_by(f64::total_cmp);
    println!(
        "tui first frame with articles ({articles} cached, tmux 120x40): median {:.0} ms, best {:.0} ms, minus the tmux baseline {:.0} ms; peak RSS {:.1} MiB",
        firsts[2],
        firsts[0],
        firsts[2] - baseline[2],
        peak_kb as f64 / 1024.0
    );

    // In-process: what start-up does before the first frame, and what a keystroke costs.
    let start = Instant::now();
    let store = Store::open(data)?;
    let today = bench_today();
    let keys = amtsfeed::tui::keys::KeyMap::defaults(amtsfeed::i18n::Lang::Neutral);
    let mut app = App::new(today, ratatui::layout::Rect::new(0, 0, 120, 40), &[], true);
    app.start(false);
    let first = ArticleQuery::new(app.effective_filter(), &chrono::Local)
        .limit(Some(amtsfeed::tui::app::PAGE));
    let (rows, total) = store.page(&first)?;
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list().generation,
        rows,
        total,
        placement: Placement::Replace,
    }));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))?;
    terminal.draw(|f| view::render(&app, &keys, &Theme::plain(), f))?;
    println!(
        "tui start-up work in-process (open cache, count, first page, first frame): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    // Typing into the filter bar, as the reader runs it: the real worker (store thread,
    // newest load wins, older list work interrupted), the app, a frame after each batch of
    // replies. For each keystroke, the time from the key event to the first frame that shows
    // rows of its filter or a newer one.
    let (keystroke, total_times) = typing(data, &mut app, &keys, &mut terminal)?;
    let times = keystroke.clone();
    // Facets and timeline for the same lists, as the worker computes them after each page.
    let mut facet_times = Vec::new();
    for query in [
        "",
        "katastrophenschutz",
        "since:2025-01-01 until:2025-12-31",
    ] {
        let q = ArticleQuery::new(Filter::parse(query, today)?, &chrono::Local)
            .limit(Some(amtsfeed::tui::app::PAGE));
        // As the worker: page and total first (the total finds the keyword hits once).
        let search = store.search(&q)?;
        search.page()?;
        search.total()?;
        let t = Instant::now();
        search.facets(25)?;
        let facets = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        search.timeline(3600)?;
        let timeline = t.elapsed().as_secs_f64() * 1000.0;
        facet_times.push(format!(
            "'{query}': facets {facets:.1} ms, timeline {timeline:.1} ms"
        ));
    }
    println!("after each page: {}", facet_times.join("; "));
    let percentile = |v: &[f64], p: usize| v[(v.len() * p / 100).min(v.len() - 1)];
    println!(
        "tui filter keystroke to rows on screen ({} keystrokes, {KEY_INTERVAL_MS} ms apart, through the worker): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; the total after the rows: p50 {:.1} ms, p95 {:.1} ms",
        times.len(),
        percentile(&times, 50),
        percentile(&times, 95),
        times[times.len() - 1],
        percentile(&total_times, 50),
        percentile(&total_times, 95),
    );
    Ok(())
}

/// Milliseconds between keystrokes: a fast typist.
const KEY_INTERVAL_MS: u64 = 80;

/// Types words into the filter bar of `app` (on the cache in `data`) through the real worker;
/// the keystroke-to-rows times and the keystroke-to-total times, sorted.
fn typing(
    data: &Path,
    app: &mut amtsfeed::tui::app::App,
    keys: &amtsfeed::tui::keys::KeyMap,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
) -> Result<(Vec<f64>, Vec<f64>), Box<dyn std::error::Error>> {
    use amtsfeed::tui::{
        msg::{Cmd, ListMsg, Msg},
        theme::Theme,
        view,
        worker::Worker,
    };
    let config = amtsfeed::config::Config::parse("full_text = false\n", "bench.toml", None)?;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Msg>(1024);
    let worker = Worker::start(&config, None, data.to_path_buf(), tx)?;
    let spawn = |cmds: Vec<Cmd>| {
        for cmd in cmds {
            if let amtsfeed::tui::msg::Routed::Store(job) = cmd.route(false) {
                if matches!(job, amtsfeed::tui::msg::StoreCmd::LoadArticles { .. }) {
                    worker.store(job);
                }
            }
        }
    };
    let mut rows_times = Vec::new();
    let mut total_times = Vec::new();
    let words = [
        "katastrophenschutz",
        "digitalisierung",
        "verwaltungsdigitalisierung seit:2y",
        "EU-Kommission",
        "Massnahmen fuer Buergerinnen",
    ];
    for word in words {
        app.update(Msg::FilterCancel);
        spawn(app.update(Msg::StartFilter));
        // Keystrokes waiting for their rows (generation, key time) and for their total.
        let mut waiting: Vec<(u64, Instant)> = Vec::new();
        let mut waiting_total: Vec<(u64, Instant)> = Vec::new();
        let mut next_key = Instant::now();
        let mut chars = word.chars();
        loop {
            let now = Instant::now();
            if now >= next_key {
                let Some(c) = chars.next() else {
                    if waiting.is_empty() && waiting_total.is_empty() {
                        break;
                    }
                    next_key = now + Duration::from_secs(3600);
                    continue;
                };
                let before = app.list().generation;
                spawn(app.update(Msg::List(ListMsg::FilterChar(c))));
                if app.list().generation != before {
                    waiting.push((app.list().generation, now));
                    waiting_total.push((app.list().generation, now));
                }
                terminal.draw(|f| view::render(app, keys, &Theme::plain(), f))?;
                next_key = now + Duration::from_millis(KEY_INTERVAL_MS);
            }
            let wait = next_key.saturating_duration_since(Instant::now());
            let Ok(Some(msg)) = rx_timeout(&mut rx, wait.min(Duration::from_millis(5))) else {
                continue;
            };
            let mut batch = vec![msg];
            while let Ok(msg) = rx.try_recv() {
                batch.push(msg);
            }
            for msg in batch {
                spawn(app.update(msg));
            }
            terminal.draw(|f| view::render(app, keys, &Theme::plain(), f))?;
            let shown = Instant::now();
            if !app.list().loading {
                let generation = app.list().generation;
                waiting.retain(|(g, at)| {
                    let done = *g <= generation;
                    if done {
                        rows_times.push(shown.duration_since(*at).as_secs_f64() * 1000.0);
                    }
                    !done
                });
                if !app.list().counting {
                    waiting_total.retain(|(g, at)| {
                        let done = *g <= generation;
                        if done {
                            total_times.push(shown.duration_since(*at).as_secs_f64() * 1000.0);
                        }
                        !done
                    });
                }
            }
        }
    }
    rows_times.sort_by(f64::total_cmp);
    total_times.sort_by(f64::total_cmp);
    Ok((rows_times, total_times))
}

/// The next message, waiting at most `wait`.
fn rx_timeout(
    rx: &mut tokio::sync::mpsc::Receiver<amtsfeed::tui::msg::Msg>,
    wait: Duration,
) -> Result<Option<amtsfeed::tui::msg::Msg>, ()> {
    let until = Instant::now() + wait;
    loop {
        match rx.try_recv() {
            Ok(msg) => return Ok(Some(msg)),
            Err(tokio::sync::mpsc::error::TryRecvError::Empty) if Instant::now() < until => {
                std::thread::sleep(Duration::from_micros(200));
            }
            Err(tokio::sync::mpsc::error::TryRecvError::Empty) => return Ok(None),
            Err(_) => return Err(()),
        }
    }
}

/// Starts `argv` in a new tmux session and polls until `wanted` and a date are on screen;
/// returns the elapsed milliseconds and the pane's process id.
fn time_first_screen(
    tmux: &dyn Fn(&[&str]) -> std::io::Result<std::process::Output>,
    argv: &[&str],
    wanted: &str,
) -> Result<(f64, String), Box<dyn std::error::Error>> {
    let start = Instant::now();
    // `status()`, not `output()`: the daemonizing tmux server must not hold our pipes.
    let spawned = Command::new("tmux")
        .args([
            "-L",
            &socket_name(),
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
        ])
        .args(argv)
        .stdin(std::process::Stdio::null())
        .status()?;
    if !spawned.success() {
        return Err("tmux new-session failed".into());
    }
    loop {
        let captured = tmux(&["capture-pane", "-p"])?;
        let screen = String::from_utf8_lossy(&captured.stdout);
        if screen.contains(wanted) && screen.contains(".20") {
            let elapsed = start.elapsed().as_secs_f64() * 1000.0;
            let pid = String::from_utf8(tmux(&["display", "-p", "#{pane_pid}"])?.stdout)?;
            return Ok((elapsed, pid.trim().to_owned()));
        }
        if start.elapsed() > Duration::from_secs(20) {
            return Err(format!("nothing on screen:\n{screen}").into());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A fresh tmux socket per run: a new session must not reach the previous, still dying server.
fn socket_name() -> String {
    format!(
        "amtsfeed-bench-{}-{}",
        std::process::id(),
        RUN.load(std::sync::atomic::Ordering::Relaxed)
    )
}

static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// What fetching the full text of 100 article pages adds to a refresh: the pure work (no
/// politeness pause, one host) and the default politeness (1 s between pages of a host) over
/// four hosts.
fn bench_pages(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let pages: Vec<String> = (0..100).map(synthetic::gsb_page).collect();
    let addrs = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"];
    let server =
        feed_server::FeedServer::start_with_pages(Vec::new(), pages, &addrs, Duration::ZERO)?;
    // One feed per host, 25 items each, links to that host's pages.
    let feeds: Vec<String> = server
        .bases
        .iter()
        .map(|b| synthetic::rss_feed_linking(b, 25))
        .collect();
    let feed_server = feed_server::FeedServer::start(feeds, &["127.0.0.1"], Duration::ZERO)?;
    for (label, globals, data) in [
        ("teasers only (fetch --no-full-text)", "", "pages-a"),
        (
            "full text, no pause, 4 hosts in parallel",
            "page_delay_ms = 0\npage_concurrency = 4\n",
            "pages-b",
        ),
        (
            "full text, no pause, one host at a time",
            "page_delay_ms = 0\npage_concurrency = 1\n",
            "pages-c",
        ),
        (
            "full text, default politeness (1 s per host, 4 hosts)",
            "",
            "pages-d",
        ),
    ] {
        let mut config = globals.to_owned();
        for f in 0..4 {
            config.push_str(&format!(
                "[[feed]]\nname = \"Seiten {f}\"\nurl = \"{}/feed/{f}.xml\"\n",
                feed_server.bases[0]
            ));
        }
        std::fs::write(dir.join("bench.toml"), config)?;
        let args: &[&str] = if data == "pages-a" {
            &["fetch", "--no-full-text"]
        } else {
            &["fetch"]
        };
        let (elapsed, _) = amtsfeed(dir, data, args)?;
        println!("100 items, {label}: {:.2} s", elapsed.as_secs_f64());
    }
    // The extraction result on one of them, as a check that the pages were used.
    let store = Store::open(&dir.join("pages-b"))?;
    let with_kind = store
        .page_rows(&ArticleQuery::default())?
        .iter()
        .filter(|a| a.kind.is_some())
        .count();
    println!("pages with their document type extracted: {with_kind}/100");
    Ok(())
}

/// Versions: `BENCH_VERSION_ARTICLES` (1,000) articles with pages of about 4 KB of text, each
/// edited 10 times two hours apart (a corrected figure, a reworded sentence, a sentence
/// added or dropped: realistic edits, not single letters). The cache's growth (VACUUMed
/// sizes) against the bytes of the words the edits removed and added; then the time of a
/// word diff of two 50 KB versions.
fn bench_versions(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use amtsfeed::store::PageOutcome;
    let articles = env_usize("BENCH_VERSION_ARTICLES", 1000);
    let data = dir.join("versions");
    let mut store = Store::open(&data)?;
    let feed = FeedConfig {
        name: "Ministerium".into(),
        url: url::Url::parse("https://www.example-ministerium.de/feed.xml")?,
        ministry: None,
        topics: vec![],
        full_text: None,
        listing: false,
    };
    store.sync_feeds(std::slice::from_ref(&feed))?;
    let mut rng = synthetic::Rng::new(11);
    let start = Utc
        .with_ymd_and_hms(2026, 11, 1, 8, 0, 0)
        .single()
        .unwrap_or_default();
    let batch: Vec<_> = (0..articles)
        .map(|n| synthetic::article(&mut rng, 0, n, start))
        .collect();
    store.store_articles(feed.url.as_str(), &batch, &Validators::default(), start)?;
    let ids: Vec<amtsfeed::model::ArticleId> = store
        .page_rows(&ArticleQuery {
            limit: None,
            ..ArticleQuery::default()
        })?
        .iter()
        .map(|r| r.id)
        .collect();
    // About 4 KB of text: paragraphs of sentences.
    let mut paragraphs: Vec<Vec<Vec<String>>> = ids
        .iter()
        .map(|_| {
            (0..13)
                .map(|_| {
                    (0..5)
                        .map(|_| rng.pick(synthetic::SENTENCES).to_owned())
                        .collect()
                })
                .collect()
        })
        .collect();
    let html = |paras: &[Vec<String>]| -> String {
        paras
            .iter()
            .map(|p| format!("<p>{}</p>", p.join(" ")))
            .collect()
    };
    let page = |html: String| PageOutcome::Extracted {
        text: amtsfeed::text::html_to_plain(&html),
        extracted: Box::new(amtsfeed::extract::Extracted {
            rule: "generic",
            title: None,
            kind: Some("Pressemitteilung".into()),
            number: None,
            topics: vec![],
            date: None,
            content_html: html,
            not_found: None,
        }),
        validators: Validators::default(),
    };
    let text_bytes: usize = paragraphs
        .iter()
        .map(|p| p.iter().flatten().map(|s| s.len() + 1).sum::<usize>())
        .sum();
    for (id, paras) in ids.iter().zip(&paragraphs) {
        store.store_page(*id, &page(html(paras)), start)?;
    }
    let size = |store: &mut Store| -> Result<u64, Box<dyn std::error::Error>> {
        store.vacuum()?;
        Ok(store.health()?.bytes)
    };
    let before = size(&mut store)?;
    let mut changed_bytes = 0usize;
    let edits = 10;
    let started = Instant::now();
    for round in 1..=edits {
        let at = start + chrono::Duration::hours(2 * round as i64);
        for (id, paras) in ids.iter().zip(paragraphs.iter_mut()) {
            let p = (rng.next() % paras.len() as u64) as usize;
            let s = (rng.next() % paras[p].len() as u64) as usize;
            let old = paras[p][s].clone();
            match rng.next() % 3 {
                // A corrected figure.
                0 => {
                    let figure = format!("{} Millionen", 100 + rng.next() % 900);
                    let new = old.replace("250 Millionen", &figure);
                    let new = if new == old {
                        format!("{old} Es geht um {figure} Euro.")
                    } else {
                        new
                    };
                    changed_bytes += new.len().abs_diff(old.len()).max(figure.len());
                    paras[p][s] = new;
                }
                // A reworded sentence.
                1 => {
                    let new = rng.pick(synthetic::SENTENCES).to_owned();
                    changed_bytes += old.len() + new.len();
                    paras[p][s] = new;
                }
                // A sentence added.
                _ => {
                    let new = rng.pick(synthetic::SENTENCES).to_owned();
                    changed_bytes += new.len();
                    paras[p].insert(s, new);
                }
            }
            store.store_page(*id, &page(html(paras)), at)?;
        }
    }
    let write_time = started.elapsed();
    let after = size(&mut store)?;
    let growth = after.saturating_sub(before);
    println!(
        "versions: {articles} articles, {:.1} KB text each, {edits} edits each in {:.1} s; \
         cache {:.2} MB -> {:.2} MB, growth {:.2} MB for {:.2} MB of changed words ({:.2}x)",
        text_bytes as f64 / articles as f64 / 1000.0,
        write_time.as_secs_f64(),
        before as f64 / 1e6,
        after as f64 / 1e6,
        growth as f64 / 1e6,
        changed_bytes as f64 / 1e6,
        growth as f64 / changed_bytes.max(1) as f64,
    );
    let versions = store.versions(ids[0])?;
    let rebuilt = versions.iter().filter(|v| v.text.is_some()).count();
    println!(
        "versions of one article rebuilt: {rebuilt}/{}",
        versions.len()
    );
    // A word diff of two 50 KB versions, one word in fifty changed.
    let mut words: Vec<String> = Vec::new();
    while words.iter().map(|w| w.len() + 1).sum::<usize>() < 50_000 {
        words.push(rng.pick(synthetic::SENTENCES).to_owned());
    }
    let old = words.join(" ");
    let mut tokens: Vec<String> = old.split(' ').map(str::to_owned).collect();
    for (i, t) in tokens.iter_mut().enumerate() {
        if i % 50 == 7 {
            *t = format!("{t}x");
        }
    }
    let new = tokens.join(" ");
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            let d = amtsfeed::diff::words(&old, &new);
            std::hint::black_box(d);
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "word diff of two {} KB versions ({} words changed): median {:.1} ms, max {:.1} ms",
        old.len() / 1000,
        tokens.len() / 50,
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
    );
    Ok(())
}

/// "Today" for relative filters in the benches: the day the generated cache ends, so that
/// `since:2y` covers the same articles whenever the bench runs.
fn bench_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default()
}
