//! End-to-end numbers for the core pipeline, measured on the real release binary:
//! - `fetch` of F local feeds × I items (cold, then all-304 warm), optionally with latency;
//! - `list --topic` over a cache of N generated articles, plus in-process query percentiles.
//!
//! Run: `cargo bench --bench pipeline` (env: BENCH_FEEDS=200 BENCH_ITEMS=50 BENCH_ARTICLES=100000
//! BENCH_DELAY_MS=0). Prints one line per measurement.

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
    bench_fetch(dir.path(), feeds, items, delay)?;
    bench_list(dir.path(), articles)?;
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
    let mut config = String::from("concurrency = 8\n");
    for f in 0..feeds {
        let base = &server.bases[f % server.bases.len()];
        config.push_str(&format!(
            "[[feed]]\nname = \"Ministerium {f}\"\nurl = \"{base}/feed/{f}.xml\"\n"
        ));
    }
    std::fs::write(dir.join("bench.toml"), config)?;
    let (cold, out) = amtsfeed(dir, "fetch-data", &["fetch"])?;
    let stored = out
        .lines()
        .filter(|l| l.ends_with(" new, 0 updated"))
        .count();
    let (warm, out) = amtsfeed(dir, "fetch-data", &["fetch"])?;
    let not_modified = out.lines().filter(|l| l.ends_with("not modified")).count();
    println!(
        "fetch cold: {feeds} feeds x {items} items ({:.1} MiB, {} ms latency): {:.3} s ({stored} feeds stored)",
        bytes as f64 / 1048576.0,
        delay.as_millis(),
        cold.as_secs_f64()
    );
    println!(
        "fetch warm: {:.3} s ({not_modified}/{feeds} not modified)",
        warm.as_secs_f64()
    );
    Ok(())
}

fn bench_list(dir: &Path, articles: usize) -> Result<(), Box<dyn std::error::Error>> {
    let data = dir.join("list-data");
    let feeds = 40;
    let start = Instant::now();
    {
        let mut store = Store::open(&data)?;
        let configs: Vec<FeedConfig> = (0..feeds)
            .map(|f| FeedConfig {
                name: format!("Ministerium {f}"),
                url: url::Url::parse(&format!("https://www.example-ministerium.de/{f}/feed.xml"))
                    .expect("url"),
                ministry: None,
                topics: vec![],
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
    }
    let size = std::fs::metadata(data.join("amtsfeed.db"))?.len();
    println!(
        "generate: {articles} articles into the cache in {:.1} s ({:.0} MiB)",
        start.elapsed().as_secs_f64(),
        size as f64 / 1048576.0
    );
    std::fs::write(dir.join("bench.toml"), "")?;
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
            "list --topic onlinezugang --since 1y",
            vec!["list", "--topic", "onlinezugang", "--since", "1y"],
        ),
        (
            "list --since 2025-01-01 --until 2025-01-31",
            vec!["list", "--since", "2025-01-01", "--until", "2025-01-31"],
        ),
    ] {
        let mut times: Vec<f64> = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let (t, out) = amtsfeed(dir, "list-data", &args)?;
            times.push(t.as_secs_f64() * 1000.0);
            rows = out.lines().count();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label}: median {:.1} ms, best {:.1} ms, {rows} rows (process start to exit)",
            times[2], times[0]
        );
    }
    let store = Store::open(&data)?;
    let today = chrono::Local::now().date_naive();
    for query in [
        "katastrophenschutz",
        "verwaltungsdigitalisierung since:2y",
        "since:2025-01-01 until:2025-01-31",
    ] {
        let filter = Filter::parse(query, today)?;
        let q = ArticleQuery::new(filter, &chrono::Local).limit(Some(500));
        let mut times: Vec<f64> = (0..50)
            .map(|_| {
                let t = Instant::now();
                let rows = store.list(&q).map(|r| r.len()).unwrap_or(0);
                std::hint::black_box(rows);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "query '{query}' newest 500 (in-process): p50 {:.2} ms, p95 {:.2} ms",
            times[25], times[47]
        );
    }
    Ok(())
}
