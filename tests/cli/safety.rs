//! The cache never loses data: kills mid-write, damaged files, odd data directories.

use std::time::{Duration, Instant};

use crate::fetch::scenario;
use crate::server::Reply;
use crate::util::TestEnv;

#[test]
fn doctor_reports_a_healthy_cache() {
    let env = scenario();
    env.run(&["fetch"]);
    let out = env.ok(&["doctor"]);
    assert!(
        out.contains("integrity: ok") && out.contains(", 12 articles,"),
        "{out}"
    );
}

#[test]
fn a_garbage_cache_gets_a_clear_error_and_doctor_resets_it_keeping_the_file() {
    let env = scenario();
    std::fs::create_dir_all(env.data_dir()).expect("dir");
    let garbage: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(env.data_dir().join("amtsfeed.db"), &garbage).expect("write");
    let list = env.run(&["list"]);
    assert_eq!(list.code, 1);
    assert_eq!(list.stderr.lines().count(), 1, "{}", list.stderr);
    assert!(
        list.stderr.contains("damaged") && list.stderr.contains("amtsfeed doctor --reset"),
        "{}",
        list.stderr
    );
    let check = env.run(&["doctor"]);
    assert_eq!(check.code, 1);
    assert!(check.stdout.contains("problem:"), "{}", check.stdout);
    assert_eq!(
        check.stdout.matches("doctor --reset").count(),
        1,
        "the advice once: {}",
        check.stdout
    );
    let reset = env.ok(&["doctor", "--reset"]);
    assert!(reset.contains("kept the old cache as"), "{reset}");
    let kept: Vec<_> = std::fs::read_dir(env.data_dir())
        .expect("dir")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("amtsfeed.db.broken-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read(kept[0].path()).expect("read"),
        garbage,
        "the broken file is kept as it was"
    );
    env.run(&["fetch"]);
    assert_eq!(env.list_json(&[]).len(), 12);
}

#[test]
fn a_truncated_cache_is_reported_not_silently_used() {
    let env = scenario();
    env.run(&["fetch"]);
    env.ok(&["doctor"]);
    let db = env.data_dir().join("amtsfeed.db");
    // Fold the WAL in first so that the file holds everything, then cut it.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").ok();
    drop(conn);
    let len = std::fs::metadata(&db).expect("meta").len();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .expect("open");
    file.set_len(len / 3).expect("truncate");
    drop(file);
    let check = env.run(&["doctor"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(check.stdout.contains("problem:"), "{}", check.stdout);
    assert_eq!(
        check.stdout.matches("doctor --reset").count(),
        1,
        "the advice once: {}",
        check.stdout
    );
}

#[test]
fn a_data_dir_that_is_a_file_is_a_clear_error() {
    let env = scenario();
    std::fs::write(env.data_dir(), "keine Datenbank").expect("write");
    let run = env.run(&["list"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("amtsfeed: error: cannot create the data directory"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);
}

/// 40 feeds of 300 items each. The second half answers 1.5 s late (within the 2 s timeout), so a kill as soon as the
/// first feeds are stored lands in the middle of the refresh, however fast the writer is.
fn big_feeds(env: &TestEnv) -> Vec<(String, String)> {
    (0..40)
        .map(|f| {
            let items: String = (0..300)
                .map(|n| format!("<item><title>Meldung {f}-{n}: Digitalisierung der Verwaltung</title><guid>big-{f}-{n}</guid><description>{}</description></item>", "Langer Teaser über Förderprogramme. ".repeat(20)))
                .collect();
            let path = format!("/big/{f}.xml");
            let reply = Reply::xml(format!("<rss version=\"2.0\"><channel><title>Groß {f}</title>{items}</channel></rss>"));
            let reply = if f < 20 {
                reply
            } else {
                Reply::Delayed(Duration::from_millis(1500), Box::new(reply))
            };
            env.server.route(&path, reply);
            (format!("Groß {f}"), path)
        })
        .collect()
}

#[test]
fn sigkill_in_the_middle_of_a_refresh_loses_nothing() {
    let env = scenario();
    env.run(&["fetch"]);
    let before = env.list_json(&[]);
    assert_eq!(before.len(), 12);
    let read_id = before[0]["id"].as_i64().expect("id").to_string();
    env.ok(&["read", &read_id]);

    let big = big_feeds(&env);
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    let mut more = config.replace("max_feed_bytes = 40000", "max_feed_bytes = 10000000");
    for (name, path) in &big {
        more.push_str(&format!(
            "\n[[feed]]\nname = \"{name}\"\nurl = \"{}\"\n",
            env.server.url(path)
        ));
    }
    std::fs::write(env.config_path(), more).expect("config");

    let mut child = env.spawn(&["fetch"]);
    // Kill as soon as the first big feed is in: the writer is then in the middle of the rest.
    let started = Instant::now();
    let db = env.data_dir().join("amtsfeed.db");
    loop {
        let stored = rusqlite::Connection::open(&db)
            .and_then(|c| {
                c.query_row(
                    "SELECT COUNT(*) FROM articles WHERE key LIKE 'big-%'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
            })
            .unwrap_or(0);
        if stored > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no feed was ever stored"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    let check = env.ok(&["doctor"]);
    assert!(check.contains("integrity: ok"), "{check}");
    let after = env.list_json(&["--limit", "100000"]);
    for old in &before {
        let same = after
            .iter()
            .find(|a| a["id"] == old["id"])
            .unwrap_or_else(|| panic!("lost {}", old["title"]));
        assert_eq!(same["title"], old["title"]);
    }
    let big_count = after
        .iter()
        .filter(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Meldung "))
        })
        .count();
    assert_eq!(
        big_count % 300,
        0,
        "a feed is written whole or not at all ({big_count})"
    );
    assert!(
        big_count > 0 && big_count < 40 * 300,
        "the kill came before or after the refresh ({big_count})"
    );
    assert!(after.iter().any(
        |a| a["id"].as_i64().map(|i| i.to_string()) == Some(read_id.clone()) && a["read"] == true
    ));

    // The next fetch completes everything.
    let run = env.run(&["fetch"]);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("Groß "))
            .count(),
        40,
        "{}",
        run.stdout
    );
    assert_eq!(
        env.list_json(&["--limit", "100000", "--topic", "Meldung"])
            .len(),
        40 * 300
    );
}

#[test]
fn retention_after_refresh_keeps_starred_articles_and_vacuum_compacts() {
    let env = scenario();
    env.run(&["fetch"]);
    let starred_title = "Kabinett beschließt Digitalstrategie";
    env.ok(&["star", &env.id_of(starred_title).to_string()]);
    let before = env.list_json(&["--limit", "1000"]);
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    let with = |setting: &str| {
        std::fs::write(env.config_path(), format!("{setting}\n{config}")).expect("write")
    };
    let sorted = |mut titles: Vec<String>| {
        titles.sort();
        titles
    };

    // 0 keeps everything, as in newsboat (it used to delete every unstarred article).
    with("keep_days = 0\nmax_articles_per_feed = 0");
    let run = env.run(&["fetch"]);
    assert_eq!(env.list_json(&["--limit", "1000"]).len(), before.len());
    assert!(!run.stderr.contains("retention"), "{}", run.stderr);

    // max_articles_per_feed alone: each feed keeps its newest unstarred article, and the
    // starred one stays whatever its rank.
    let mut expected: Vec<String> = vec![starred_title.to_owned()];
    let mut feeds: Vec<&str> = before
        .iter()
        .map(|r| r["feed"].as_str().expect("feed"))
        .collect();
    feeds.sort_unstable();
    feeds.dedup();
    for feed in feeds {
        let newest = before
            .iter()
            .filter(|r| r["feed"] == feed && r["starred"] == false)
            .max_by_key(|r| (r["published"].as_str().map(str::to_owned), r["id"].as_i64()))
            .expect("an unstarred article");
        expected.push(newest["title"].as_str().expect("title").to_owned());
    }
    with("max_articles_per_feed = 1");
    let run = env.run(&["fetch"]);
    let kept = env.titles(&["--limit", "1000"]);
    assert!(kept.len() < before.len(), "something was removed");
    // fetch says how many went (stderr: stdout keeps one line per feed).
    assert!(
        run.stderr.contains(&format!(
            "retention: {} articles removed",
            before.len() - kept.len()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(sorted(kept), sorted(expected));

    // keep_days alone: every fixture article is from 2021, so only the starred one is left.
    with("keep_days = 30");
    env.run(&["fetch"]);
    assert_eq!(env.titles(&[]), [starred_title]);

    // vacuum leaves no free pages and the file no larger.
    let db = env.data_dir().join("amtsfeed.db");
    let on_disk = || {
        ["", "-wal"]
            .iter()
            .map(|s| std::fs::metadata(format!("{}{s}", db.display())).map_or(0, |m| m.len()))
            .sum::<u64>()
    };
    let free_pages = || {
        rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("PRAGMA freelist_count", [], |r| r.get::<_, i64>(0)))
            .expect("freelist")
    };
    // (A cache this small fits its tables' first pages either way; that the space of many
    // deleted articles comes back is `store::tests::files::vacuum_gives_deleted_space_back`.)
    let size_before = on_disk();
    let out = env.ok(&["vacuum"]);
    assert!(out.starts_with("cache compacted: "), "{out}");
    assert!(on_disk() <= size_before, "{} -> {}", size_before, on_disk());
    assert_eq!(free_pages(), 0);
    assert_eq!(env.titles(&[]), [starred_title]);
    assert!(env.ok(&["doctor"]).contains("integrity: ok"));
}

#[cfg(unix)]
#[test]
fn the_data_dir_and_every_file_in_it_are_private_whoever_creates_them() {
    use std::os::unix::fs::PermissionsExt;
    let env = scenario();
    // `feeds` starts the log before it opens the cache: the log creates the data dir.
    env.ok(&["--log-level", "info", "feeds"]);
    let mode = |name: &str| {
        let path = env.data_dir().join(name);
        std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(""), 0o700);
    assert_eq!(mode("amtsfeed.log"), 0o600);
    assert_eq!(mode("amtsfeed.db"), 0o600);
}
