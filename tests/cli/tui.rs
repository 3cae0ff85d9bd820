//! The real binary driven in tmux as a person would: start, filter, read, open a link, quit.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::fetch::scenario;

/// A private tmux server, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux session of this size; `None` (with a notice) when tmux is missing on a
    /// developer's machine. In CI (`CI` set), where `.ci/run` installs it, it must be there.
    fn start(width: u16, height: u16) -> Option<Self> {
        let installed = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux must be installed in CI (.ci/run installs it)"
            );
            eprintln!("NOTICE: tmux is not installed; skipping this TUI test (apt-get install tmux runs it)");
            return None;
        }
        // One server per test: tests run in parallel in one process.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = format!("amtsfeed-test-{}-{n}", std::process::id());
        let tmux = Tmux { socket };
        let status = tmux
            .cmd()
            .args([
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "TERM=xterm-256color",
                "PS1=PROMPT$ ",
                "sh",
            ])
            .status()
            .expect("tmux must be installed (.ci/run installs it)");
        assert!(status.success(), "tmux new-session failed");
        Some(tmux)
    }

    /// A tmux format of the pane, e.g. `#{alternate_on}`.
    fn pane_flag(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", format])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Asserts that the terminal is as the shell had it: main screen, no mouse reporting,
    /// not in raw mode.
    fn assert_restored(&self) {
        assert_eq!(
            self.pane_flag("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(
            self.pane_flag("#{mouse_any_flag}"),
            "0",
            "mouse reporting left on"
        );
        assert_eq!(
            self.pane_flag("#{mouse_standard_flag}"),
            "0",
            "mouse reporting left on"
        );
        self.type_text("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo");
        self.send(&["Enter"]);
        let screen = self.wait_for("stty output", |s| {
            s.trim_end().ends_with("PROMPT$") && s.contains("icanon\necho")
        });
        let raw = screen
            .lines()
            .any(|l| l.trim() == "-icanon" || l.trim() == "-echo");
        assert!(!raw, "terminal left in raw mode:\n{screen}");
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket]);
        cmd
    }

    fn send(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    fn type_text(&self, text: &str) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t", "-l", text])
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen satisfies `ok`, or fails with the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[test]
fn browse_filter_read_open_and_quit_in_tmux() {
    let env = scenario();
    env.run(&["fetch"]);
    let (browser, record) = env.recording_browser();
    let Some(tmux) = Tmux::start(120, 40) else {
        return;
    };
    tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
    let line = format!(
        "TZ={} BROWSER={} {} --config {} --data-dir {}",
        quote(crate::util::BERLIN),
        quote(&browser.display().to_string()),
        quote(env!("CARGO_BIN_EXE_amtsfeed")),
        quote(&env.config_path().display().to_string()),
        quote(&env.data_dir().display().to_string()),
    );
    tmux.type_text(&line);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the article list", |s| s.contains("Articles (12)"));
    assert!(
        screen.contains("Kabinett beschließt Digitalstrategie"),
        "{screen}"
    );

    tmux.send(&["/"]);
    tmux.type_text("katastrophenschutz");
    // Both parts of one frame: tmux may be caught halfway through drawing it.
    let screen = tmux.wait_for("the filtered list", |s| {
        s.contains("Articles (3)") && s.contains("3 matches")
    });
    assert!(
        !screen.contains("Kabinett beschließt Digitalstrategie"),
        "{screen}"
    );
    tmux.send(&["Enter"]); // keep the filter
    tmux.send(&["Enter"]); // open the first article
    let screen = tmux.wait_for("the article text", |s| {
        s.contains("Ein gemeinsamer Plan für Katastrophenschutz")
    });
    assert!(
        screen.contains("Hochwasserschutz: Bund und Länder vereinbaren"),
        "{screen}"
    );

    tmux.send(&["o"]);
    // The script writes its record in two lines: wait for both, not just for the file.
    let start = Instant::now();
    let mut opened = String::new();
    while opened.lines().count() < 2 && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
        opened = std::fs::read_to_string(&record).unwrap_or_default();
    }
    assert_eq!(
        opened,
        "1\nhttps://www.bundesumweltministerium.de/pressemitteilung/hochwasserschutz-aktionsplan\n"
    );

    tmux.send(&["q"]);
    tmux.wait_for("the prompt after quitting", |s| {
        s.trim_end().ends_with("PROMPT$")
    });
    tmux.assert_restored();
}

fn start_line(env: &crate::util::TestEnv, extra_env: &str) -> String {
    format!(
        "TZ={} {extra_env} {} --config {} --data-dir {}",
        quote(crate::util::BERLIN),
        quote(env!("CARGO_BIN_EXE_amtsfeed")),
        quote(&env.config_path().display().to_string()),
        quote(&env.data_dir().display().to_string()),
    )
}

/// A page of 10,000 nested `<div>`s overflowed the stack: with `refresh_on_start` the
/// reader died seconds after every start, and `R` on the article left the terminal in raw
/// mode on the alternate screen with mouse reporting on.
#[test]
fn a_nested_page_neither_kills_the_reader_on_start_nor_on_r() {
    let env = crate::util::TestEnv::new();
    let nested = format!(
        "<html><body><main>{}<p>Kern der Meldung über Cybersicherheit.</p>{}</main></body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    env.server.route(
        "/nested.html",
        crate::server::Reply::with_type(nested, "text/html; charset=utf-8"),
    );
    env.server.route(
        "/feed.xml",
        crate::server::Reply::xml(format!(
            "<rss version=\"2.0\"><channel><title>BSI</title><item><title>Verschachtelte Seite</title><link>{}</link><guid>n1</guid><description>Nur der Anreißer</description><pubDate>Mon, 16 Nov 2026 10:00:00 +0100</pubDate></item></channel></rss>",
            env.server.url("/nested.html")
        )),
    );
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\nrefresh_on_start = true\nmax_page_bytes = 500000\n",
        &[("BSI", "/feed.xml", None)],
    );
    let Some(tmux) = Tmux::start(120, 40) else {
        return;
    };
    tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
    tmux.type_text(&start_line(&env, ""));
    tmux.send(&["Enter"]);
    tmux.wait_for("the refreshed list", |s| s.contains("Verschachtelte Seite"));
    // The page phase runs after the feed: wait until its text is in the cache.
    let start = Instant::now();
    while !env.ok(&["show", "1"]).contains("Kern der Meldung") {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the page never arrived"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux.send(&["Enter"]);
    tmux.send(&["R"]);
    tmux.wait_for("the full text in the reader", |s| {
        s.contains("Kern der Meldung über Cybersicherheit.")
    });
    tmux.send(&["q"]);
    tmux.wait_for("the prompt after quitting", |s| {
        s.trim_end().ends_with("PROMPT$")
    });
    tmux.assert_restored();
}

/// Whatever panics on the UI thread, the terminal is given back to the shell first.
#[test]
fn a_panic_in_the_reader_restores_the_terminal() {
    let env = scenario();
    env.run(&["fetch"]);
    let Some(tmux) = Tmux::start(100, 30) else {
        return;
    };
    tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
    tmux.type_text(&start_line(&env, "AMTSFEED_FAILPOINT=panic-on-key"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the article list", |s| s.contains("Articles (12)"));
    assert_eq!(tmux.pane_flag("#{alternate_on}"), "1");
    tmux.send(&["j"]);
    let screen = tmux.wait_for("the panic message and the prompt", |s| {
        s.contains("failpoint panic-on-key") && s.trim_end().ends_with("PROMPT$")
    });
    assert!(!screen.contains("Articles (12)"), "{screen}");
    tmux.assert_restored();
}

#[test]
fn german_ui_adds_a_feed_and_saves_a_filter_keeping_config_comments() {
    let env = scenario();
    env.run(&["fetch"]);
    env.server.route(
        "/kopie.xml",
        crate::server::Reply::xml(crate::util::fixture("feeds/rss1.xml").as_slice().to_vec()),
    );
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        format!("# Meine Feeds, bitte nicht löschen\n{config}\n[keys]\nquit = \"x\"\n"),
    )
    .expect("write");
    let Some(tmux) = Tmux::start(120, 40) else {
        return;
    };
    tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
    let line = format!(
        "TZ={} LANG=de_DE.UTF-8 {} --config {} --data-dir {}",
        quote(crate::util::BERLIN),
        quote(env!("CARGO_BIN_EXE_amtsfeed")),
        quote(&env.config_path().display().to_string()),
        quote(&env.data_dir().display().to_string()),
    );
    tmux.type_text(&line);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the German list", |s| s.contains("Artikel (12)"));
    assert!(
        screen.contains("Ungelesen") && screen.contains("x beenden"),
        "{screen}"
    );

    tmux.send(&["a"]);
    tmux.wait_for("the add prompt", |s| s.contains("Feed hinzufügen (URL):"));
    tmux.type_text(&env.server.url("/kopie.xml"));
    tmux.send(&["Enter"]);
    // A copy of a feed already there: its two releases are shown once, with both sources.
    // Served here, not by the Bundesrat, its title cannot be its name: the host is added.
    let screen = tmux.wait_for("the added feed", |s| {
        s.contains("hinzugefügt 'Bundesrat Plenarsitzungen (127.0.0.1)': 2 Artikel")
            && s.contains("Artikel (12)")
            && s.contains("Bundesrat Plenarsitzungen (127.0.… 2/2")
    });
    assert!(screen.contains("│Bundesrat Plenarsitzungen (1"), "{screen}");

    tmux.send(&["/"]);
    tmux.type_text("katastrophenschutz");
    tmux.wait_for("the filtered list", |s| s.contains("Artikel (3)"));
    tmux.send(&["Enter"]);
    tmux.send(&["S"]);
    tmux.wait_for("the save prompt", |s| s.contains("Filter speichern als:"));
    tmux.type_text("Krisen");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the saved filter", |s| {
        s.contains("Filter gespeichert: 'Krisen'")
    });
    assert!(screen.contains("» Krisen"), "{screen}");

    tmux.send(&["x"]);
    tmux.wait_for("the prompt after quitting", |s| {
        s.trim_end().ends_with("PROMPT$")
    });
    let written = std::fs::read_to_string(env.config_path()).expect("config");
    assert!(
        written.starts_with("# Meine Feeds, bitte nicht löschen\n"),
        "{written}"
    );
    assert!(written.contains(&env.server.url("/kopie.xml")), "{written}");
    assert!(
        written.contains("name = \"Krisen\"\nquery = \"katastrophenschutz\""),
        "{written}"
    );
    assert!(written.contains("[keys]\nquit = \"x\""), "{written}");
    assert_eq!(
        env.ok(&["list", "--saved", "Krisen", "--format", "json"])
            .matches("\"id\"")
            .count(),
        3
    );
}

/// `browser_in_terminal = true` (w3m, lynx): the reader steps aside while the browser runs
/// in the same terminal, and comes back when it ends.
#[test]
fn a_terminal_browser_gets_the_terminal_and_gives_it_back() {
    let env = scenario();
    env.run(&["fetch"]);
    let browser = env.dir.path().join("textbrowser.sh");
    std::fs::write(
        &browser,
        "#!/bin/sh\necho \"TEXTBROWSER zeigt $1\"\nread weiter\n",
    )
    .expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let config = std::fs::read_to_string(env.config_path()).expect("config");
    std::fs::write(
        env.config_path(),
        format!(
            "browser = [\"{}\"]\nbrowser_in_terminal = true\n{config}",
            browser.display()
        ),
    )
    .expect("config");
    let Some(tmux) = Tmux::start(120, 40) else {
        return;
    };
    tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
    tmux.type_text(&start_line(&env, ""));
    tmux.send(&["Enter"]);
    tmux.wait_for("the article list", |s| s.contains("Articles (12)"));
    tmux.send(&["o"]);
    let screen = tmux.wait_for("the text browser", |s| {
        s.contains("TEXTBROWSER zeigt https://")
    });
    assert!(
        !screen.contains("Articles (12)"),
        "the reader stepped aside:\n{screen}"
    );
    assert_eq!(tmux.pane_flag("#{alternate_on}"), "0");
    tmux.send(&["Enter"]);
    tmux.wait_for("the reader again", |s| s.contains("Articles (12)"));
    assert_eq!(tmux.pane_flag("#{alternate_on}"), "1");
    tmux.send(&["q"]);
    tmux.wait_for("the prompt after quitting", |s| {
        s.trim_end().ends_with("PROMPT$")
    });
    tmux.assert_restored();
}
