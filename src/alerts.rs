//! Alerts for saved filters: after a refresh, the new articles matching each `[[filter]]`
//! with `notify = true`, announced by `fetch`, the TUI and the optional `notify_command`.

use chrono::NaiveDate;

use crate::config::Config;
use crate::filter::{ArticleQuery, Filter};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

/// New matches of one saved filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub filter: String,
    pub count: u64,
}

/// The saved filters with `notify = true` that match articles stored after `new_after`, with
/// how many. A filter that no longer parses (edited by hand since) is skipped: the config
/// check reports it.
pub fn new_matches(
    store: &Store,
    config: &Config,
    new_after: i64,
    today: NaiveDate,
) -> Result<Vec<Alert>, StoreError> {
    let mut alerts = Vec::new();
    for saved in config.filters.iter().filter(|f| f.notify) {
        let Ok(mut filter) = Filter::parse(&saved.query, today) else {
            continue;
        };
        filter.resolve_ministries(&config.ministries);
        let mut query = ArticleQuery::new(filter, &chrono::Local);
        query.after_id = Some(new_after);
        let count = store.count(&query)?;
        if count > 0 {
            alerts.push(Alert {
                filter: saved.name.clone(),
                count,
            });
        }
    }
    Ok(alerts)
}

/// `Digitales: 3 neue Treffer` / `Digitales: 3 new matches`.
pub fn message(alert: &Alert, lang: Lang) -> String {
    let words = match (lang.is_german(), alert.count) {
        (true, 1) => "neuer Treffer",
        (true, _) => "neue Treffer",
        (false, 1) => "new match",
        (false, _) => "new matches",
    };
    format!(
        "{}: {} {words}",
        crate::text::clean_inline(&alert.filter),
        alert.count
    )
}

/// Runs `notify_command` for one message: `%s` in its arguments becomes the message (appended
/// when none has it). Never through a shell; not waited for, its output goes nowhere.
/// The command is not waited for (a slow one must not hold up a refresh or the reader); a
/// thread of its own reaps it when it ends, so none stays behind as a zombie while the
/// reader runs. The returned handle yields its exit status (tests join it).
pub fn run_command(
    command: &[String],
    message: &str,
) -> std::io::Result<Option<std::thread::JoinHandle<Option<std::process::ExitStatus>>>> {
    let Some((program, args)) = command.split_first() else {
        return Ok(None);
    };
    let mut args: Vec<String> = args.iter().map(|a| a.replace("%s", message)).collect();
    if !command.iter().any(|a| a.contains("%s")) {
        args.push(message.to_owned());
    }
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let reaper = std::thread::Builder::new()
        .name("notify-reaper".into())
        .spawn(move || child.wait().ok())?;
    Ok(Some(reaper))
}

/// Announces each alert with the command, if one is configured; failures go to the log.
pub fn notify(config: &Config, alerts: &[Alert], lang: Lang) {
    let Some(command) = &config.notify_command else {
        return;
    };
    for alert in alerts {
        if let Err(e) = run_command(command, &message(alert, lang)) {
            tracing::warn!(command = ?command.first(), error = %e, "notify_command failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn every_notify_command_is_reaped() {
        let command = vec!["sh".to_owned(), "-c".to_owned(), "exit 3".to_owned()];
        let reapers: Vec<_> = (0..5)
            .map(|_| {
                run_command(&command, "Digitales: 1 neuer Treffer")
                    .expect("spawns")
                    .expect("a command")
            })
            .collect();
        for reaper in reapers {
            // Waited for: its status is known, so no zombie is left.
            let status = reaper.join().expect("reaper").expect("status");
            assert_eq!(status.code(), Some(3));
        }
        assert!(run_command(&[], "x").expect("nothing to run").is_none());
        assert!(run_command(&["/nicht/da".to_owned()], "x").is_err());
    }

    #[test]
    fn messages_in_both_languages() {
        let three = Alert {
            filter: "Digitales".into(),
            count: 3,
        };
        assert_eq!(message(&three, Lang::De), "Digitales: 3 neue Treffer");
        assert_eq!(message(&three, Lang::En), "Digitales: 3 new matches");
        let one = Alert {
            filter: "Digitales".into(),
            count: 1,
        };
        assert_eq!(message(&one, Lang::De), "Digitales: 1 neuer Treffer");
    }

    #[test]
    fn the_command_gets_the_message_as_one_argument_without_a_shell() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("args.txt");
        let script = dir.path().join("record.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}'\n",
                out.display()
            ),
        )
        .expect("script");
        // Run by `sh` rather than executed: a file just written cannot be executed while
        // another test's fork still holds it open ("Text file busy").
        let command = vec![
            "sh".to_owned(),
            script.display().to_string(),
            "amtsfeed".into(),
            "%s".into(),
        ];
        run_command(&command, "Digitales: 2 neue Treffer; $(rm -rf /)")
            .expect("runs")
            .expect("a command")
            .join()
            .expect("reaped");
        let recorded = std::fs::read_to_string(&out).unwrap_or_default();
        assert_eq!(
            recorded,
            "2\namtsfeed\nDigitales: 2 neue Treffer; $(rm -rf /)\n"
        );
    }
}
