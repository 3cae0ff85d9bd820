//! The real binary driven in tmux as a person would: start, filter, read, open a link, quit.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::fetch::scenario;

/// A private tmux server, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(width: u16, height: u16) -> Self {
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
        tmux
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
    let tmux = Tmux::start(120, 40);
    tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
    let line = format!(
        "TZ=Europe/Berlin BROWSER={} {} --config {} --data-dir {}",
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
    let start = Instant::now();
    while !record.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let opened = std::fs::read_to_string(&record).expect("the browser script ran");
    assert_eq!(
        opened,
        "1\nhttps://www.bundesumweltministerium.de/pressemitteilung/hochwasserschutz-aktionsplan\n"
    );

    tmux.send(&["q"]);
    tmux.wait_for("the prompt after quitting", |s| {
        s.trim_end().ends_with("PROMPT$")
    });
    tmux.type_text("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("stty output", |s| {
        s.trim_end().ends_with("PROMPT$") && s.contains("icanon\necho")
    });
    let raw = screen
        .lines()
        .any(|l| l.trim() == "-icanon" || l.trim() == "-echo");
    assert!(!raw, "terminal left in raw mode:\n{screen}");
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
    let tmux = Tmux::start(120, 40);
    tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
    let line = format!(
        "TZ=Europe/Berlin LANG=de_DE.UTF-8 {} --config {} --data-dir {}",
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
    let screen = tmux.wait_for("the added feed", |s| {
        s.contains("hinzugefügt 'Bundesrat Plenarsitzungen': 2 Artikel")
            && s.contains("Artikel (14)")
    });
    assert!(screen.contains("│Bundesrat Plenarsitzunge"), "{screen}");

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
