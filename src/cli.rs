//! The command line: clap arguments, validated into `Settings`, one function per subcommand.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand, ValueEnum};

use crate::config;
use crate::filter::{parse_date, Filter};
use crate::model::ArticleId;
use crate::store::{ArticleQuery, Store};

mod commands;
mod errors_de;
mod export;
mod help_de;
mod manpage;
mod output;
pub mod problem;
mod sources;
mod versions;

pub use crate::settings::{Exit, Settings};
pub use problem::Problem;

/// Read the news of the German federal ministries in the terminal.
#[derive(Debug, Parser)]
#[command(name = "amtsfeed", version, about, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Args {
    /// Configuration file [default: <config dir>/config.toml, else the bundled feed list]
    #[arg(
        long,
        global = true,
        env = "AMTSFEED_CONFIG",
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,
    /// Directory of the article cache (amtsfeed.db) [default: the platform data dir]
    #[arg(
        long,
        global = true,
        env = "AMTSFEED_DATA_DIR",
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub data_dir: Option<PathBuf>,
    /// Detail of the log file (`amtsfeed log` prints its path): off, error, warn, info, debug, trace
    #[arg(long, global = true, env = "AMTSFEED_LOG", value_name = "LEVEL", default_value = "info", value_parser = crate::log::parse_level, help_heading = "Global options")]
    pub log_level: tracing_subscriber::filter::LevelFilter,
    #[command(subcommand)]
    pub command: Option<Command>,
}

const LONG_ABOUT: &str = "Read the news of the German federal ministries in the terminal.\n\n\
amtsfeed fetches the RSS/Atom feeds of the ministries (a default list is built in), keeps the \
articles in a local cache so reading works offline, and filters them by topic and date. \
Without a subcommand it starts the reader (TUI).";

/// The date forms `--since`/`--until` take, for every command that has them.
const DATES_HELP: &str =
    "Dates: YYYY-MM-DD, DD.MM.YYYY, 7d / 2w / 3m / 1y (ago), today/heute, yesterday/gestern.";

const LIST_HELP: &str = "Dates: YYYY-MM-DD, DD.MM.YYYY, 7d / 2w / 3m / 1y (ago), today/heute, yesterday/gestern.\n\
A ? after a date in the table: the item gave no date; the day shown is when it was first seen (JSON: date_unknown).";

const AFTER_HELP: &str = "Dates: YYYY-MM-DD, DD.MM.YYYY, 7d / 2w / 3m / 1y (ago), today/heute, yesterday/gestern.\n\
Environment: AMTSFEED_CONFIG (config file), AMTSFEED_DATA_DIR (cache dir), AMTSFEED_LOG (log level), BROWSER (link opener), NO_COLOR, LANG/LC_ALL (de or en).\n\
Examples:\n  amtsfeed fetch\n  amtsfeed list --topic Digitalisierung --since 2w\n  amtsfeed list --feed BMI --since 16.12.2021 --until 16.12.2021 --format json\n  amtsfeed show 42";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Download all feeds (or one) and update the cache
    Fetch {
        /// Only this feed (its name, or a ministry short name such as BMI)
        #[arg(long, value_name = "NAME")]
        feed: Option<String>,
        /// Do not fetch the article pages for their full text this time
        #[arg(long)]
        no_full_text: bool,
        /// Check the pages of recent and starred articles read before now (edited? taken
        /// down?), not only once a day
        #[arg(long, conflicts_with = "no_full_text")]
        check_pages: bool,
    },
    /// List cached articles, newest first
    #[command(after_help = LIST_HELP)]
    List(ListArgs),
    /// Print one article: title, feed, date, topics, link and text with numbered links
    Show {
        /// Article id (first column of `list`)
        id: i64,
        /// Output format
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Every version of the article: when each was first seen and what changed
        #[arg(long, conflicts_with_all = ["format", "diff"])]
        versions: bool,
        /// What changed, word by word: between versions A and B (A..B), from A to the
        /// current one (A), or from the one before to the current one (no value)
        #[arg(long, value_name = "A..B", num_args = 0..=1, default_missing_value = "", conflicts_with = "format")]
        diff: Option<String>,
    },
    /// Open an article's link in the browser (config `browser`, $BROWSER, or the system opener)
    Open {
        /// Article id
        id: i64,
        /// Open the article's numbered link N (from `show`) instead of the article itself
        #[arg(long, value_name = "N")]
        link: Option<usize>,
    },
    /// Mark articles as read
    Read(Ids),
    /// Mark articles as unread
    Unread(Ids),
    /// Star articles
    Star(Ids),
    /// Remove the star from articles
    Unstar(Ids),
    /// Show the configured feeds with article counts and the last fetch result
    Feeds,
    /// The saved filters ([[filter]] in the config, `S` in the reader) with their matches,
    /// unread matches and new matches since each was last looked at
    Filters {
        /// Output format
        #[arg(long, value_enum, default_value_t = SourcesFormat::Table)]
        format: SourcesFormat,
    },
    /// The processes in parliament that articles of the last weeks refer to (with a DIP key):
    /// stage and last step, newest activity first
    Processes {
        /// Articles since this day (2w, 1.10.2026, …) [default: 8 weeks]
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = SourcesFormat::Table)]
        format: SourcesFormat,
    },
    /// The catalogue of federal sources (ministries, government, parliament, courts, gazette,
    /// agencies) with how sure each address is; `amtsfeed add ID` adds one
    Sources {
        /// Only the sources of this group (Bundesministerien, Parlament, …) or authority (BMI)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = SourcesFormat::Table)]
        format: SourcesFormat,
    },
    /// Add a feed to the user config (checked by fetching it once; its articles are stored)
    Add {
        /// The feed URL (http or https), a web page that announces its feed or lists dated
        /// articles, a local file, or the id of a catalogue source (`amtsfeed sources`)
        url: String,
        /// Name in lists and the sidebar [default: the feed's title]
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Topic added to all its articles (repeatable)
        #[arg(long = "topic", value_name = "TOPIC")]
        topics: Vec<String>,
        /// Ministry short name, e.g. BMI (lets `--feed BMI` select it)
        #[arg(long, value_name = "SHORT")]
        ministry: Option<String>,
        /// Do not fetch it first (for a feed that is down right now)
        #[arg(long)]
        no_check: bool,
        /// A press listing page, read as a feed (found by itself when the page is checked)
        #[arg(long)]
        listing: bool,
    },
    /// Give a configured feed a new address (it moved): its articles, read state and counts
    /// stay with it
    Move {
        /// The feed's name (see `amtsfeed feeds`)
        name: String,
        /// Its new address (http or https URL, or a local file)
        url: String,
    },
    /// Remove feeds from the user config; their articles stay unless --purge
    Remove {
        /// The feeds' names (see `amtsfeed feeds`); all are checked before any is removed
        #[arg(required = true, num_args = 1..)]
        names: Vec<String>,
        /// Also delete its articles from the cache, starred ones included
        #[arg(long)]
        purge: bool,
    },
    /// Topics of the matching articles with counts (same filters as `list`; --limit counts topics)
    #[command(after_help = DATES_HELP)]
    Topics(ListArgs),
    /// Check the cache; with --reset, keep a broken one aside and start a new cache
    Doctor {
        /// Move a broken cache aside (amtsfeed.db.broken-<time>) and create a new one
        #[arg(long)]
        reset: bool,
    },
    /// Compact the cache file and merge the search index
    Vacuum,
    /// Print the path of the log file (e.g. `tail -f "$(amtsfeed log)"`)
    Log,
    /// Print the path of the config file in use; with --default, the bundled default config
    Config {
        /// Print the bundled default config (every setting, commented) to start one from
        #[arg(long)]
        default: bool,
    },
    /// Print a shell completion script (e.g. `amtsfeed completions bash > ~/.local/share/bash-completion/completions/amtsfeed`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `amtsfeed man > ~/.local/share/man/man1/amtsfeed.1`
    Man,
    /// Print the configured feeds as OPML 2.0 (to stdout or a file)
    ExportOpml {
        /// Write to this file instead of stdout
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Add the feeds of an OPML file (from newsboat or another reader) to the user config
    ImportOpml {
        /// The OPML file
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct Ids {
    /// Article ids
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Keyword that must appear in topics, title or text (repeatable; all must match)
    #[arg(long = "topic", short = 't', value_name = "WORD")]
    pub topics: Vec<String>,
    /// First day to include (2021-12-16, 16.12.2021, 2w, today, …)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day to include (same forms)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this feed (name or ministry short name)
    #[arg(long, value_name = "NAME")]
    pub feed: Option<String>,
    /// Only unread articles
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles
    #[arg(long)]
    pub starred: bool,
    /// A filter in the TUI's syntax, e.g. "digitalisierung since:2w feed:BMI unread"
    // Any query, also one that starts with a negation ("-EU KI").
    #[arg(long, short = 'q', value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// A saved filter from the config ([[filter]] name = ..., query = ...)
    #[arg(long, value_name = "NAME")]
    pub saved: Option<String>,
    /// With --saved: only what is new since that filter was last looked at
    #[arg(long, requires = "saved")]
    pub new: bool,
    /// Every copy of a release published in several feeds, instead of one with also_in
    #[arg(long)]
    pub no_group: bool,
    /// At most this many rows (articles; for `topics`, topics)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    /// One JSON object per line
    Ndjson,
    /// RFC 4180 CSV with a header row
    Csv,
    /// A Markdown table with linked titles, for reports
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourcesFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    /// Markdown: heading, details, text with reference links
    Markdown,
    /// A citation in the UI's language: ministry, title, kind and date, URL, date retrieved
    Cite,
    /// The citation in its German form ("Pressemitteilung vom …", "abgerufen am …")
    CiteDe,
    /// The citation in its English form ("Published …", "accessed …")
    CiteEn,
    /// CSL-JSON for reference managers (Zotero, Pandoc)
    CslJson,
}

/// The settings a command line asks for: the config (loaded, or the bundled one for the commands
/// that create the file), the data dir, the language.
fn settings_from_args(args: &Args) -> Result<Settings> {
    let creates_config = matches!(
        args.command,
        Some(Command::Add { .. } | Command::ImportOpml { .. } | Command::Move { .. })
    );
    let loaded = config::load(args.config.as_deref(), creates_config)?;
    let data_dir = match &args.data_dir {
        Some(dir) => dir.clone(),
        None => directories::ProjectDirs::from("de", "amtsfeed", "amtsfeed")
            .map(|d| d.data_dir().to_owned())
            .ok_or(Problem::NoDataDir)?,
    };
    let lang = crate::i18n::Lang::resolve(loaded.config.language, |name| std::env::var(name).ok());
    Ok(Settings {
        loaded,
        data_dir,
        today: Local::now().date_naive(),
        lang,
    })
}

/// Parses the command line, its `--help` in German when the locale is German.
pub fn parse_args() -> Args {
    use clap::{CommandFactory, FromArgMatches};
    let lang = crate::i18n::Lang::from_locale(|name| std::env::var(name).ok());
    let command = Args::command();
    let command = if lang == crate::i18n::Lang::De {
        help_de::translate(command)
    } else {
        command
    };
    let parsed = command
        .try_get_matches()
        .and_then(|matches| Args::from_arg_matches(&matches));
    match parsed {
        Ok(args) => args,
        // clap's own errors in German too (help and version are not errors to reword).
        Err(error) if lang == crate::i18n::Lang::De && error.use_stderr() => {
            match errors_de::message(&error) {
                Some(message) => {
                    crate::say!("{message}");
                    std::process::exit(2);
                }
                None => error.exit(),
            }
        }
        Err(error) => error.exit(),
    }
}

/// The environment variables that stand in for global flags.
const FLAG_VARIABLES: &[&str] = &["AMTSFEED_CONFIG", "AMTSFEED_DATA_DIR", "AMTSFEED_LOG"];

/// Before the arguments are parsed: an empty `AMTSFEED_*` variable counts as unset (shells
/// and service files leave them empty), and a log level that is no level is a warning, not a
/// reason to refuse every command. Call it first in `main`, while there is one thread.
pub fn tidy_environment() {
    for name in FLAG_VARIABLES {
        let Some(value) = std::env::var_os(name) else {
            continue;
        };
        let bad_level =
            *name == "AMTSFEED_LOG" && crate::log::parse_level(&value.to_string_lossy()).is_err();
        if value.is_empty() || bad_level {
            if bad_level {
                crate::say!(
                    "amtsfeed: warning: AMTSFEED_LOG={} is no log level (off, error, warn, info, debug, trace); using info",
                    crate::text::sanitize(&value.to_string_lossy())
                );
            }
            std::env::remove_var(name);
        }
    }
}

/// Runs a parsed command line.
pub fn run(args: Args) -> Result<Exit> {
    // These two need no config or cache.
    match &args.command {
        Some(Command::Completions { shell }) => {
            let mut command = <Args as clap::CommandFactory>::command();
            // Into a buffer first: clap_complete panics on a write error (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "amtsfeed", &mut script);
            std::io::stdout().write_all(&script)?;
            return Ok(Exit::Success);
        }
        Some(Command::Man) => {
            // Into a buffer first, as for completions: a closed pipe is a write error here.
            let mut page = Vec::new();
            manpage::render(&mut page)?;
            std::io::stdout().write_all(&page)?;
            return Ok(Exit::Success);
        }
        // The default is there even when the user's config is broken: to start anew from it.
        Some(Command::Config { default: true }) => {
            std::io::stdout().write_all(crate::config::BUNDLED.as_bytes())?;
            return Ok(Exit::Success);
        }
        _ => {}
    }
    let settings = settings_from_args(&args)?;
    crate::log::init(&settings.data_dir, args.log_level);
    if let Some(articles) = Store::slow_upgrade_pending(&settings.data_dir) {
        // Said before the cache opens, so nobody thinks amtsfeed hangs.
        crate::say!(
            "{}",
            crate::i18n::fill(settings.lang.texts().upgrading, &[("n", &articles)])
        );
        tracing::info!(articles, "cache upgrade: rebuilding the search index");
    }
    tracing::debug!(version = env!("CARGO_PKG_VERSION"), "start");
    let Some(command) = args.command else {
        return crate::tui::run(&settings);
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let exit = match command {
        Command::Fetch {
            feed,
            no_full_text,
            check_pages,
        } => commands::fetch(
            &settings,
            feed.as_deref(),
            !no_full_text,
            check_pages,
            &mut out,
        )?,
        Command::List(list) => commands::list(&settings, &list, &mut out)?,
        Command::Show {
            id,
            format,
            versions,
            diff,
        } => match (versions, diff) {
            (true, _) => versions::list(&settings, ArticleId(id), &mut out)?,
            (false, Some(range)) => versions::diff(&settings, ArticleId(id), &range, &mut out)?,
            (false, None) => commands::show(&settings, ArticleId(id), format, &mut out)?,
        },
        Command::Open { id, link } => commands::open(&settings, ArticleId(id), link)?,
        Command::Read(ids) => {
            commands::set_state(&settings, &ids.ids, State::Read(true), &mut out)?
        }
        Command::Unread(ids) => {
            commands::set_state(&settings, &ids.ids, State::Read(false), &mut out)?
        }
        Command::Star(ids) => {
            commands::set_state(&settings, &ids.ids, State::Starred(true), &mut out)?
        }
        Command::Unstar(ids) => {
            commands::set_state(&settings, &ids.ids, State::Starred(false), &mut out)?
        }
        Command::Feeds => commands::feeds(&settings, &mut out)?,
        Command::Filters { format } => commands::filters(&settings, format, &mut out)?,
        Command::Processes { since, format } => {
            commands::processes(&settings, since.as_deref(), format, &mut out)?
        }
        Command::Topics(list) => commands::topics(&settings, &list, &mut out)?,
        Command::Doctor { reset } => commands::doctor(&settings, reset, &mut out)?,
        Command::Vacuum => {
            let mut store = settings.open_store()?;
            let before = store.health()?.bytes;
            store.vacuum()?;
            let after = store.health()?.bytes;
            let mib = |bytes: u64| format!("{:.1}", bytes as f64 / 1048576.0);
            writeln!(
                out,
                "{}",
                crate::i18n::fill(
                    settings.lang.texts().compacted,
                    &[("before", &mib(before)), ("after", &mib(after))]
                )
            )?;
            Exit::Success
        }
        Command::Completions { .. } | Command::Man => Exit::Success,
        Command::Log => {
            writeln!(out, "{}", crate::log::path(&settings.data_dir).display())?;
            Exit::Success
        }
        Command::Config { .. } => {
            let t = settings.lang.texts();
            match (&settings.loaded.origin, crate::config::user_config_path()) {
                (
                    crate::config::ConfigOrigin::Explicit(path)
                    | crate::config::ConfigOrigin::User(path),
                    _,
                ) => writeln!(out, "{}", path.display())?,
                (crate::config::ConfigOrigin::Bundled, Some(path)) => writeln!(
                    out,
                    "{}",
                    crate::i18n::fill(t.config_not_yet, &[("path", &path.display())])
                )?,
                (crate::config::ConfigOrigin::Bundled, None) => {
                    writeln!(out, "{}", crate::config::BUNDLED_NAME)?
                }
            }
            Exit::Success
        }
        Command::ExportOpml { output } => {
            let xml = crate::opml::export(&settings.loaded.config.feeds);
            match output {
                None => out.write_all(xml.as_bytes())?,
                Some(path) => {
                    std::fs::write(&path, xml).map_err(|e| Problem::CannotWrite {
                        path: path.display().to_string(),
                        problem: crate::model::reason::FileProblem::from_io(&e),
                    })?;
                    let n = settings.loaded.config.feeds.len();
                    let t = settings.lang.texts();
                    let line =
                        crate::i18n::fill(t.exported, &[("n", &n), ("path", &path.display())]);
                    crate::say!("{line}");
                }
            }
            Exit::Success
        }
        Command::Add {
            url,
            name,
            topics,
            ministry,
            no_check,
            listing,
        } => {
            let request = commands::AddRequest {
                listing,
                url,
                name,
                topics,
                ministry,
                check: !no_check,
            };
            commands::add(&settings, request, &mut out)?
        }
        Command::Remove { names, purge } => commands::remove(&settings, &names, purge, &mut out)?,
        Command::Move { name, url } => commands::relocate(&settings, &name, &url, &mut out)?,
        Command::Sources { group, format } => {
            sources::print(&settings, group.as_deref(), format, &mut out)?
        }
        Command::ImportOpml { file } => commands::import_opml(&settings, &file, &mut out)?,
    };
    out.flush()?;
    Ok(exit)
}

/// A state change requested on the command line.
#[derive(Debug, Clone, Copy)]
pub enum State {
    Read(bool),
    Starred(bool),
}

/// The filter from `list` flags (and `--query`, whose parts are merged in).
pub fn filter_from_args(
    args: &ListArgs,
    today: NaiveDate,
    config: &crate::config::Config,
) -> Result<Filter> {
    let saved = match &args.saved {
        Some(name) => {
            let saved = config
                .saved_filter(name)
                .ok_or_else(|| Problem::NoSavedFilter(crate::text::sanitize(name).into_owned()))?;
            Some(saved.query.as_str())
        }
        None => None,
    };
    // Each part parsed on its own and then merged: joined as text, a saved `a OR b` and
    // a query `c` would read as `a OR (b c)`.
    let mut filter = Filter::default();
    for part in [saved, args.query.as_deref()].into_iter().flatten() {
        filter.merge(Filter::parse(part, today)?);
    }
    filter
        .keywords
        .extend(args.topics.iter().filter(|t| !t.trim().is_empty()).cloned());
    if let Some(since) = &args.since {
        filter.since = Some(parse_date(since, today).context("--since")?);
    }
    if let Some(until) = &args.until {
        filter.until = Some(parse_date(until, today).context("--until")?);
    }
    if args.feed.is_some() {
        filter.feed.clone_from(&args.feed);
    }
    filter.unread |= args.unread;
    filter.starred |= args.starred;
    filter.resolve_ministries(&config.ministries);
    filter.check()?;
    Ok(filter)
}

/// The list query for the given flags in the local time zone.
pub fn list_query(
    args: &ListArgs,
    today: NaiveDate,
    config: &crate::config::Config,
) -> Result<ArticleQuery> {
    let mut query =
        ArticleQuery::new(filter_from_args(args, today, config)?, &Local).limit(args.limit);
    query.ungrouped = args.no_group;
    Ok(query)
}
