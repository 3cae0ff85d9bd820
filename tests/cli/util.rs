//! TestEnv: a temp config and data dir plus a fixture server; runs the real binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use crate::server::Server;

/// A port on 127.0.0.1 that nobody listens on (bound, read, closed): connections to it are
/// refused at once.
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Berlin's zone as a POSIX rule (CET, CEST from the last Sunday of March to the last of
/// October): the same times as `Europe/Berlin` without needing the system's tzdata.
pub const BERLIN: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub server: Server,
    /// The `TZ` of every run; Berlin unless a test sets another.
    zone: std::cell::Cell<&'static str>,
}

/// What one run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestEnv {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
            server: Server::start(),
            zone: std::cell::Cell::new(BERLIN),
        }
    }

    /// Runs the binary in another zone from now on (a POSIX `TZ` rule such as `UTC0`).
    pub fn set_zone(&self, tz: &'static str) {
        self.zone.set(tz);
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Writes the config: fast timeouts, a small size cap, then the given feed tables. Full
    /// text is off: the fixture feeds link to real ministry sites, which tests never contact.
    pub fn write_config(&self, feeds: &[(&str, &str, Option<&str>)]) {
        self.write_config_with("full_text = false\n", feeds);
    }

    /// Adds `text` (tables such as `[[ministry]]`) at the end of the config.
    pub fn append_config(&self, text: &str) {
        let mut config = std::fs::read_to_string(self.config_path()).expect("read config");
        config.push_str(text);
        std::fs::write(self.config_path(), config).expect("write config");
    }

    /// Like `write_config`, with extra global settings first.
    pub fn write_config_with(&self, globals: &str, feeds: &[(&str, &str, Option<&str>)]) {
        // Test defaults, unless `globals` sets them itself.
        let mut text = String::from(globals);
        for default in [
            "timeout_secs = 2",
            "connect_timeout_secs = 2",
            "max_feed_bytes = 40000",
        ] {
            let key = default.split(' ').next().unwrap_or(default);
            if !globals.lines().any(|l| l.starts_with(key)) {
                text.push_str(default);
                text.push('\n');
            }
        }
        for (name, path, ministry) in feeds {
            let url = if path.starts_with('/') {
                self.server.url(path)
            } else {
                path.to_string()
            };
            text.push_str(&format!("\n[[feed]]\nname = \"{name}\"\nurl = \"{url}\"\n"));
            if let Some(m) = ministry {
                text.push_str(&format!("ministry = \"{m}\"\n"));
            }
        }
        std::fs::write(self.config_path(), text).expect("write config");
    }

    /// The binary with this env's config and data dir, never the user's.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("amtsfeed").expect("binary");
        cmd.arg("--config")
            .arg(self.config_path())
            .arg("--data-dir")
            .arg(self.data_dir());
        cmd.env_remove("AMTSFEED_CONFIG")
            .env_remove("AMTSFEED_DATA_DIR")
            .env_remove("BROWSER");
        cmd.env("COLUMNS", "200").env("TZ", self.zone.get());
        // The UI language follows the locale; pin it (C gives German, the default).
        cmd.env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("AMTSFEED_LOG");
        cmd.timeout(std::time::Duration::from_secs(60));
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.cmd().args(args).output().expect("run amtsfeed");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// The binary as a plain `std::process::Command` (for what `assert_cmd` cannot set: the
    /// working directory, a given pipe) with this environment's locale and zone and the given
    /// config file and data dir.
    pub fn command_with(&self, config: &Path, data_dir: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_amtsfeed"));
        cmd.arg("--config")
            .arg(config)
            .arg("--data-dir")
            .arg(data_dir)
            .env("LANG", "C.UTF-8")
            .env("TZ", self.zone.get())
            .env_remove("AMTSFEED_LOG")
            .env_remove("AMTSFEED_CONFIG")
            .env_remove("AMTSFEED_DATA_DIR");
        cmd
    }

    /// Runs with `--config PATH` instead of the test's own config file.
    pub fn run_with_config(&self, config: &Path, args: &[&str]) -> Run {
        let output = self
            .command_with(config, &self.data_dir())
            .args(args)
            .output()
            .expect("run amtsfeed");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs with extra environment variables (e.g. a locale).
    pub fn run_with_env(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut cmd = self.cmd();
        for (name, value) in vars {
            cmd.env(name, value);
        }
        let output = cmd.args(args).output().expect("run amtsfeed");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs with extra environment variables (e.g. a locale) and requires exit 0.
    pub fn ok_with_env(&self, vars: &[(&str, &str)], args: &[&str]) -> String {
        let run = self.run_with_env(vars, args);
        assert_eq!(
            run.code, 0,
            "amtsfeed {args:?} with {vars:?} failed:\n{}",
            run.stderr
        );
        run.stdout
    }

    /// Runs and requires exit 0.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code, 0,
            "amtsfeed {args:?} failed:\n{}\n{}",
            run.stdout, run.stderr
        );
        run.stdout
    }

    /// A browser script that records its argument count and arguments, one per line, in
    /// the returned file (created when the browser runs).
    pub fn recording_browser(&self) -> (PathBuf, PathBuf) {
        let record = self.dir.path().join("opened.txt");
        let script = self.dir.path().join("browser.sh");
        let body = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" >> '{}'\n",
            record.display()
        );
        std::fs::write(&script, body).expect("browser script");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
        }
        (script, record)
    }

    /// `amtsfeed ARGS` with `BROWSER` set to `browser`.
    pub fn run_with_browser(&self, browser: &Path, args: &[&str]) -> std::process::Output {
        self.cmd()
            .args(args)
            .env("BROWSER", browser)
            .output()
            .expect("run amtsfeed")
    }

    /// The binary started in the background with this env's config and data dir.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        std::process::Command::new(env!("CARGO_BIN_EXE_amtsfeed"))
            .arg("--config")
            .arg(self.config_path())
            .arg("--data-dir")
            .arg(self.data_dir())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn amtsfeed")
    }

    /// `list --format json` with extra args, as parsed JSON rows.
    pub fn list_json(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str::<Value>(&self.ok(&all))
            .expect("list prints JSON")
            .as_array()
            .expect("array")
            .clone()
    }

    /// Titles from `list --format json` with extra args.
    pub fn titles(&self, args: &[&str]) -> Vec<String> {
        self.list_json(args)
            .iter()
            .map(|r| r["title"].as_str().expect("title").to_owned())
            .collect()
    }

    /// The id of the article with this exact title.
    pub fn id_of(&self, title: &str) -> i64 {
        self.list_json(&[])
            .iter()
            .find(|r| r["title"] == title)
            .and_then(|r| r["id"].as_i64())
            .unwrap_or_else(|| panic!("no article titled {title}"))
    }
}
