//! The synthetic feed server of the benchmarks as a standalone process, for
//! `benches/compare-newsboat.sh`: serves F feeds × I GSB-style items on 127.0.0.1–127.0.0.4
//! with ETag/304 and an optional delay per response, prints one feed URL per line on stdout,
//! then serves until killed.
//!
//! `cargo run --release --example feed_server -- FEEDS ITEMS [DELAY_MS]`

#[path = "../benches/support/feed_server.rs"]
mod feed_server;
#[path = "../benches/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::io::Write;
use std::time::Duration;

fn arg(n: usize, default: u64) -> u64 {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let feeds = usize::try_from(arg(1, 200))?;
    let items = usize::try_from(arg(2, 100))?;
    let delay = Duration::from_millis(arg(3, 0));
    let bodies: Vec<String> = (0..feeds).map(|f| synthetic::rss_feed(f, items)).collect();
    let addrs = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"];
    let server = feed_server::FeedServer::start(bodies, &addrs, delay)?;
    let mut out = std::io::stdout().lock();
    for feed in 0..feeds {
        let base = &server.bases[feed % server.bases.len()];
        writeln!(out, "{base}/feed/{feed}.xml")?;
    }
    out.flush()?;
    drop(out);
    loop {
        std::thread::park();
    }
}
