//! Opening links in a browser: http/https only, the URL passed as one argument to a program
//! started directly (`std::process::Command`), never through a shell.

use std::process::Command;

use url::Url;

/// Why a link was not opened, as data; worded by `words` (`OpenError::in_language`).
#[derive(Debug, PartialEq, Eq)]
pub enum OpenError {
    NotHttp(String),
    /// The browser program could not be started; `missing` when it is not installed.
    Spawn {
        program: String,
        missing: bool,
    },
    /// The browser ended with an error (its exit code, when it has one).
    Failed {
        program: String,
        code: Option<i32>,
    },
    /// No `browser` set, no $BROWSER, and the system's opener failed (its words are logged).
    NoOpener,
}

impl std::error::Error for OpenError {}

/// Accepts only absolute http(s) URLs.
pub fn check_url(link: &str) -> Result<Url, OpenError> {
    let shown = || crate::text::collapse_whitespace(&crate::text::sanitize(link));
    crate::text::http_url(link).ok_or_else(|| OpenError::NotHttp(shown()))
}

/// The command line for a browser template: `%u` (or `$BROWSER`'s `%s`) replaced by the URL,
/// or the URL appended as the last argument when the template has no placeholder.
pub fn command_line(template: &[String], url: &Url) -> Vec<String> {
    let mut has_placeholder = false;
    let mut args: Vec<String> = template
        .iter()
        .map(|arg| {
            if arg.contains("%u") || arg.contains("%s") {
                has_placeholder = true;
                arg.replace("%u", url.as_str()).replace("%s", url.as_str())
            } else {
                arg.clone()
            }
        })
        .collect();
    if !has_placeholder {
        args.push(url.to_string());
    }
    args
}

/// The browser template: config `browser`, else the first entry of `$BROWSER`.
pub fn browser_template(
    configured: Option<&[String]>,
    env_browser: Option<&str>,
) -> Option<Vec<String>> {
    if let Some(args) = configured.filter(|a| !a.is_empty()) {
        return Some(args.to_vec());
    }
    let first = env_browser?.split(':').next()?.trim();
    let args: Vec<String> = first.split_whitespace().map(str::to_owned).collect();
    (!args.is_empty()).then_some(args)
}

/// Opens `link` and waits for the browser command (or the platform opener) to return.
pub fn open_link(link: &str, configured: Option<&[String]>) -> Result<(), OpenError> {
    let url = check_url(link)?;
    let env_browser = std::env::var("BROWSER").ok();
    match browser_template(configured, env_browser.as_deref()) {
        Some(template) => run(&command_line(&template, &url)),
        None => open::that(url.as_str()).map_err(|e| {
            tracing::info!(error = %e, "the system's opener failed");
            OpenError::NoOpener
        }),
    }
}

fn run(args: &[String]) -> Result<(), OpenError> {
    let Some((program, rest)) = args.split_first() else {
        return Err(OpenError::NoOpener);
    };
    let status = Command::new(program)
        .args(rest)
        .status()
        .map_err(|e| OpenError::Spawn {
            program: program.clone(),
            missing: e.kind() == std::io::ErrorKind::NotFound,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(OpenError::Failed {
            program: program.clone(),
            code: status.code(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links() {
        assert!(check_url("https://www.bmi.bund.de/x.html").is_ok());
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x.de",
            "/relativ",
            "$(rm -rf ~)",
        ] {
            assert!(
                matches!(check_url(bad), Err(OpenError::NotHttp(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn url_is_one_argument() {
        let url = Url::parse("https://a.de/x?q=1;$(touch /tmp/pwned)`id`").expect("url");
        let line = command_line(&["firefox".into(), "--new-tab".into(), "%u".into()], &url);
        assert_eq!(line.len(), 3);
        assert_eq!(line[2], url.as_str());
        assert_eq!(
            command_line(&["w3m".into()], &url),
            vec!["w3m".to_string(), url.to_string()]
        );
    }

    #[test]
    fn config_wins_over_env_browser() {
        let configured = vec!["lynx".to_string()];
        assert_eq!(
            browser_template(Some(&configured), Some("firefox")),
            Some(configured.clone())
        );
        assert_eq!(
            browser_template(None, Some("w3m -o x=1:firefox")),
            Some(vec!["w3m".into(), "-o".into(), "x=1".into()])
        );
        assert_eq!(browser_template(None, None), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_browser_runs_with_the_url_and_its_failure_is_reported() {
        let dir = tempfile::tempdir().expect("dir");
        let record = dir.path().join("args.txt");
        // `sh -c SCRIPT NAME URL`: the test's own script, the URL one argument after it.
        let recorder = vec![
            "sh".to_string(),
            "-c".to_string(),
            format!("printf '%s' \"$1\" > '{}'", record.display()),
            "browser".to_string(),
        ];
        let link = "https://www.bmi.bund.de/a.html?x=1;$(id)";
        open_link(link, Some(&recorder)).expect("opened");
        assert_eq!(std::fs::read_to_string(&record).expect("ran"), link);
        let failing = vec!["false".to_string()];
        assert!(matches!(
            open_link("https://www.bmi.bund.de/", Some(&failing)),
            Err(OpenError::Failed { .. })
        ));
        let missing = vec!["/nonexistent/browser".to_string()];
        assert!(matches!(
            open_link("https://www.bmi.bund.de/", Some(&missing)),
            Err(OpenError::Spawn { .. })
        ));
        assert!(matches!(
            open_link("file:///etc/passwd", Some(&recorder)),
            Err(OpenError::NotHttp(_))
        ));
    }
}
