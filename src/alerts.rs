//! Saved filters as use cases, each one function that `amtsfeed` and the reader both call:
//! what is new to a filter since it was last looked at, its counts, and the alerts after a
//! refresh (announced by `fetch`, the TUI and the optional `notify_command`).

use chrono::{DateTime, Local, NaiveDate, Utc};

use crate::config::Config;
use crate::filter::{ArticleQuery, Filter};
use crate::i18n::Lang;
use crate::model::{Alert, AlertKind, Ministries, SavedCount};
use crate::store::{Store, StoreError};

/// The saved filter's query parsed, its ministry terms resolved; `None` when it no longer
/// parses (edited by hand since: the config check reports it).
fn parsed(query: &str, ministries: &Ministries, today: NaiveDate) -> Option<Filter> {
    let mut filter = Filter::parse(query, today).ok()?;
    filter.resolve_ministries(ministries);
    Some(filter)
}

/// The article id after which a match is new to the saved filter `name`: the last one it was
/// looked at with (listed, chosen in the sidebar, saved with `S`). A filter never looked at
/// has seen nothing, so every match is new to it: the sidebar, `list --saved NAME --new` and
/// the alerts (which announce what a refresh brought) then tell the same story.
pub fn new_after(store: &Store, name: &str) -> Result<i64, StoreError> {
    Ok(store.filter_seen(name)?.unwrap_or(0))
}

/// Each saved filter's matches, unread matches and new matches (see [`new_after`]), in the
/// order given; filters that no longer parse are left out.
pub fn counts(
    store: &Store,
    filters: &[(String, String)],
    ministries: &Ministries,
    today: NaiveDate,
) -> Result<Vec<SavedCount>, StoreError> {
    let mut counts = Vec::with_capacity(filters.len());
    for (name, query) in filters {
        let Some(filter) = parsed(query, ministries, today) else {
            continue;
        };
        let total = store.count(&ArticleQuery::new(filter.clone(), &Local))?;
        let mut new_query = ArticleQuery::new(filter.clone(), &Local);
        new_query.after_id = Some(new_after(store, name)?);
        let new = store.count(&new_query)?;
        let mut unread = filter;
        unread.unread = true;
        let unread = store.count(&ArticleQuery::new(unread, &Local))?;
        counts.push(SavedCount {
            name: name.clone(),
            unread,
            total,
            new,
        });
    }
    Ok(counts)
}

/// The saved filters with `notify = true` that match articles stored after `new_after`, with
/// how many.
pub fn new_matches(
    store: &Store,
    config: &Config,
    new_after: i64,
    today: NaiveDate,
) -> Result<Vec<Alert>, StoreError> {
    let mut alerts = Vec::new();
    for saved in config.filters.iter().filter(|f| f.notify) {
        let Some(filter) = parsed(&saved.query, &config.ministries, today) else {
            continue;
        };
        let mut query = ArticleQuery::new(filter, &Local);
        query.after_id = Some(new_after);
        let count = store.count(&query)?;
        if count > 0 {
            alerts.push(Alert {
                filter: saved.name.clone(),
                count,
                kind: AlertKind::New,
            });
        }
    }
    Ok(alerts)
}

/// How many of `changed` (the articles a refresh changed) match `filter`, by the store's
/// own search rules.
fn matching(store: &Store, filter: Filter, changed: &[i64]) -> Result<u64, StoreError> {
    if changed.is_empty() {
        return Ok(0);
    }
    let mut query = ArticleQuery::new(filter, &Local);
    query.only_ids = Some(changed.to_vec());
    store.count(&query)
}

/// The saved filters with `notify_changes = true` whose matches changed at or after `since`,
/// and the starred articles that did (those are always announced).
pub fn changed_matches(
    store: &Store,
    config: &Config,
    since: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Vec<Alert>, StoreError> {
    let mut alerts = Vec::new();
    let changed = store.changed_since(since)?;
    for saved in config.filters.iter().filter(|f| f.notify_changes) {
        let Some(filter) = parsed(&saved.query, &config.ministries, today) else {
            continue;
        };
        let count = matching(store, filter, &changed)?;
        if count > 0 {
            alerts.push(Alert {
                filter: saved.name.clone(),
                count,
                kind: AlertKind::Changed,
            });
        }
    }
    // Processes in parliament that moved on: announced for the filters that ask for changes.
    let moved = store.articles_with_stage_changes(since)?;
    for saved in config.filters.iter().filter(|f| f.notify_changes) {
        let Some(filter) = parsed(&saved.query, &config.ministries, today) else {
            continue;
        };
        let count = matching(store, filter, &moved)?;
        if count > 0 {
            alerts.push(Alert {
                filter: saved.name.clone(),
                count,
                kind: AlertKind::StageChanged,
            });
        }
    }
    let starred = Filter {
        starred: true,
        ..Filter::default()
    };
    let count = matching(store, starred, &changed)?;
    if count > 0 {
        alerts.push(Alert {
            filter: String::new(),
            count,
            kind: AlertKind::StarredChanged,
        });
    }
    Ok(alerts)
}

/// After a refresh: the alerts of the saved filters (new matches, see [`new_matches`]; and
/// changed ones, see [`changed_matches`]), each also handed to `notify_command` when one is
/// configured. `fetch` prints them, the reader shows them.
pub fn after_refresh(
    store: &Store,
    config: &Config,
    summary: &crate::model::Summary,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<Alert>, StoreError> {
    let mut alerts = new_matches(store, config, summary.new_after, today)?;
    alerts.extend(changed_matches(store, config, summary.started_at, today)?);
    notify(config, &alerts, lang);
    Ok(alerts)
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
        if let Err(e) = run_command(command, &lang.alert(alert)) {
            tracing::warn!(command = ?command.first(), error = %e, "notify_command failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::{add, store_with};

    fn release(key: &str, title: &str) -> crate::model::NewArticle {
        crate::store::test_support::release(key, title, 16, &[])
    }

    /// What `list --saved NAME --new` lists: the filter's matches after `new_after`.
    fn listed_as_new(store: &Store, name: &str, query: &str) -> usize {
        let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("day");
        let filter = parsed(query, &Ministries::default(), today).expect("parses");
        let mut query = ArticleQuery::new(filter, &Local);
        query.after_id = Some(new_after(store, name).expect("mark"));
        store.page_rows(&query).expect("rows").len()
    }

    /// The sidebar's count, `amtsfeed filters` and `list --saved NAME --new` are one rule:
    /// before the first look every match is new, after it only what came later.
    #[test]
    fn new_since_last_looked_at_is_one_rule_for_every_front_end() {
        let mut store = store_with(&[
            release("a", "Neue Fahrzeuge für den Katastrophenschutz"),
            release("b", "Katastrophenschutz: Sirenen-Warntag"),
            release("c", "Öffentliche Sicherheit in Städten"),
        ]);
        let today = NaiveDate::from_ymd_opt(2021, 12, 20).expect("day");
        let saved = [
            ("Schutz".to_owned(), "Katastrophenschutz".to_owned()),
            ("Kaputt".to_owned(), "seit:(".to_owned()),
        ];
        let count = |store: &Store| {
            let counts = counts(store, &saved, &Ministries::default(), today).expect("counts");
            assert_eq!(counts.len(), 1, "a filter that does not parse is left out");
            counts[0].clone()
        };
        let first = count(&store);
        assert_eq!((first.total, first.unread, first.new), (2, 2, 2));
        assert_eq!(listed_as_new(&store, "Schutz", "Katastrophenschutz"), 2);
        // Counting is not looking: still new.
        assert_eq!(count(&store).new, 2);
        store.mark_filter_seen("Schutz").expect("looked at");
        assert_eq!(count(&store).new, 0);
        assert_eq!(listed_as_new(&store, "Schutz", "Katastrophenschutz"), 0);
        add(
            &mut store,
            &[
                release("d", "Katastrophenschutz im Winter"),
                release("e", "Haushalt 2022"),
            ],
        );
        let later = count(&store);
        assert_eq!((later.total, later.new), (3, 1));
        assert_eq!(listed_as_new(&store, "Schutz", "Katastrophenschutz"), 1);
    }

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
            kind: AlertKind::New,
        };
        assert_eq!(Lang::De.alert(&three), "Digitales: 3 neue Treffer");
        assert_eq!(Lang::En.alert(&three), "Digitales: 3 new matches");
        let one = Alert {
            filter: "Digitales".into(),
            count: 1,
            kind: AlertKind::New,
        };
        assert_eq!(Lang::De.alert(&one), "Digitales: 1 neuer Treffer");
        let changed = Alert {
            kind: AlertKind::Changed,
            ..three.clone()
        };
        assert_eq!(Lang::De.alert(&changed), "Digitales: 3 geänderte Treffer");
        assert_eq!(Lang::En.alert(&changed), "Digitales: 3 changed matches");
        let starred = Alert {
            filter: String::new(),
            count: 2,
            kind: AlertKind::StarredChanged,
        };
        assert_eq!(Lang::De.alert(&starred), "Mit Stern: 2 geändert");
        assert_eq!(Lang::En.alert(&starred), "Starred: 2 changed");
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
