//! Two processes on one cache: a cron `fetch` beside another fetch or the reader, `doctor`
//! while another process writes, and a cache that was read-only for a while.

use crate::fetch::scenario;
use crate::server::Reply;
use crate::util::TestEnv;

/// 20 feeds of 200 items: enough writing that two fetches overlap.
fn many_feeds(env: &TestEnv) {
    // With full text: the page phase reads which pages are due, then writes each one,
    // while the other fetch writes too.
    let mut config =
        String::from("full_text = true\npage_delay_ms = 0\nmax_feed_bytes = 10000000\n");
    for n in 0..200 {
        env.server.route(
            &format!("/seite/{n}.html"),
            Reply::with_type(
                format!("<html><body><main><p>Förderung für Gebäude, Seite {n}.</p></main></body></html>"),
                "text/html; charset=utf-8",
            ),
        );
    }
    for f in 0..20 {
        let items: String = (0..200)
            .map(|n| format!("<item><title>Meldung {f}-{n} zur Wärmewende</title><guid>w-{f}-{n}</guid><link>{}</link><description>Förderung für Gebäude, Teil {n}.</description></item>", env.server.url(&format!("/seite/{n}.html"))))
            .collect();
        let path = format!("/w/{f}.xml");
        env.server.route(
            &path,
            Reply::xml(format!(
                "<rss version=\"2.0\"><channel><title>W {f}</title>{items}</channel></rss>"
            )),
        );
        config.push_str(&format!(
            "\n[[feed]]\nname = \"W {f}\"\nurl = \"{}\"\n",
            env.server.url(&path)
        ));
    }
    std::fs::write(env.config_path(), config).expect("config");
}

#[test]
fn two_fetches_at_once_both_succeed() {
    let env = TestEnv::new();
    many_feeds(&env);
    for round in 0..3 {
        if round > 0 {
            std::fs::remove_dir_all(env.data_dir()).expect("fresh cache");
        }
        let first = env.spawn(&["fetch"]);
        let second = env.spawn(&["fetch"]);
        for child in [first, second] {
            let out = child.wait_with_output().expect("fetch ran");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {stderr}");
            assert!(!stderr.contains("locked"), "round {round}: {stderr}");
            let lines = String::from_utf8_lossy(&out.stdout).lines().count();
            assert_eq!(lines, 20, "one line per feed");
        }
        assert_eq!(env.list_json(&["--limit", "10000"]).len(), 20 * 200);
    }
}

/// A connection of another process that holds the write lock until dropped.
fn hold_write_lock(env: &TestEnv) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(env.data_dir().join("amtsfeed.db")).expect("open");
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE articles SET read = read;")
        .expect("write lock");
    conn
}

fn broken_copies(env: &TestEnv) -> usize {
    std::fs::read_dir(env.data_dir())
        .expect("data dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".broken-"))
        .count()
}

const STARRED: &str = "Kabinett beschließt Digitalstrategie";

/// The scenario's feeds fetched, one article starred: what a reset must never lose.
fn starred_scenario() -> TestEnv {
    let env = scenario();
    env.run(&["fetch"]);
    env.ok(&["star", &env.id_of(STARRED).to_string()]);
    env
}

#[test]
fn doctor_reset_on_a_cache_that_another_process_writes_keeps_it() {
    let env = starred_scenario();
    let writer = hold_write_lock(&env);
    // Reading is never blocked by a writer: doctor checks and finds the cache healthy.
    let out = env.ok(&["doctor", "--reset"]);
    assert!(out.contains("integrity: ok"), "{out}");
    assert!(!out.contains("kept the old cache"), "{out}");
    drop(writer);
    assert_eq!(broken_copies(&env), 0);
    assert_eq!(env.titles(&["--starred"]), [STARRED]);
}

#[test]
fn doctor_reset_on_a_locked_cache_says_busy_and_changes_nothing() {
    let env = starred_scenario();
    // An exclusive lock keeps even readers out, as a process in the middle of a checkpoint
    // or a rollback-journal write would.
    let holder = rusqlite::Connection::open(env.data_dir().join("amtsfeed.db")).expect("open");
    holder
        .execute_batch("PRAGMA journal_mode = DELETE; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE articles SET read = read;")
        .expect("exclusive lock");
    let run = env.run(&["doctor", "--reset"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("busy"), "{}", run.stdout);
    assert!(
        run.stdout.contains("not damaged, so it was not reset"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("--reset"),
        "no reset advised: {}",
        run.stdout
    );
    drop(holder);
    assert_eq!(broken_copies(&env), 0);
    assert_eq!(env.titles(&["--starred"]), [STARRED]);
}

#[cfg(unix)]
#[test]
fn a_cache_that_was_read_only_for_a_while_works_again() {
    use std::os::unix::fs::PermissionsExt;
    let env = scenario();
    env.run(&["fetch"]);
    let db = env.data_dir().join("amtsfeed.db");
    let mode = |mode: u32| {
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(mode)).expect("chmod")
    };
    // What SQLite leaves behind after a spell with a 0400 cache: side files of that mode.
    for suffix in ["-wal", "-shm"] {
        let side = env.data_dir().join(format!("amtsfeed.db{suffix}"));
        if side.exists() {
            std::fs::set_permissions(&side, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        }
    }
    mode(0o400);
    if std::fs::OpenOptions::new().write(true).open(&db).is_ok() {
        // Root ignores file modes; the read-only spell cannot be staged.
        mode(0o600);
        return;
    }
    // Reading needs no write access: the list and the article are there.
    let listed = env.titles(&[]);
    assert!(listed.iter().any(|t| t == STARRED), "{listed:?}");
    env.ok(&["show", &env.id_of(STARRED).to_string()]);
    let while_read_only = env.run(&["read", &env.id_of(STARRED).to_string()]);
    assert_eq!(while_read_only.code, 1);
    assert!(
        while_read_only.stderr.contains("not writable")
            && !while_read_only.stderr.contains("--reset"),
        "{}",
        while_read_only.stderr
    );
    let doctor = env.run(&["doctor", "--reset"]);
    assert!(
        !doctor.stdout.contains("kept the old cache"),
        "{}",
        doctor.stdout
    );
    assert_eq!(broken_copies(&env), 0);
    mode(0o600);
    let id = env.id_of(STARRED).to_string();
    env.ok(&["read", &id]);
    assert!(env.ok(&["doctor"]).contains("integrity: ok"));
}

#[test]
fn thirty_parallel_adds_are_all_in_the_config() {
    let env = TestEnv::new();
    env.write_config(&[]);
    let children: Vec<_> = (0..30)
        .map(|i| {
            let url = env.server.url(&format!("/feed-{i}.xml"));
            env.spawn(&["add", "--no-check", "--name", &format!("Ressort {i}"), &url])
        })
        .collect();
    let mut added = 0;
    for child in children {
        let out = child.wait_with_output().expect("add ran");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        added += 1;
    }
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    let in_file = (0..30)
        .filter(|i| config.contains(&format!("name = \"Ressort {i}\"")))
        .count();
    assert_eq!((added, in_file), (30, 30), "{config}");
    assert!(
        !std::fs::read_dir(env.dir.path())
            .expect("dir")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp")),
        "no temporary file is left behind"
    );
}
