//! The reader (TUI): one task owns the terminal; input becomes `Msg`s, `App::update` changes
//! the state and returns `Cmd`s, the worker runs them and answers with `Msg`s; redraw only when
//! something changed.

use crate::tui::msg::{Move, RefreshMsg, Routed, TerminalCmd};
use std::io::stdout;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::settings::{Exit, Settings};

pub mod app;
pub mod clipboard;
pub mod hyperlink;
pub mod keys;
pub mod layout;
pub mod line_input;
pub mod msg;
pub mod terminal;
pub mod theme;
pub mod view;
// Public for the pipeline bench, which drives the real worker from a key event to a frame.
#[doc(hidden)]
pub mod worker;

use app::App;
use msg::Msg;

/// Runs the reader until the user quits.
pub fn run(settings: &Settings) -> Result<Exit> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        crate::say!("amtsfeed: the reader needs a terminal; for scripts use `amtsfeed list`, `show` and `fetch`");
        return Ok(Exit::Unavailable);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(run_async(settings))?;
    Ok(Exit::Success)
}

async fn run_async(settings: &Settings) -> Result<()> {
    let config = Arc::new(settings.loaded.config.clone());
    let (reply_tx, mut replies) = mpsc::channel::<Msg>(1024);
    // Opened before the terminal is taken over, so cache errors print normally.
    let worker = worker::Worker::start(
        &config,
        settings.loaded.writable_path(),
        settings.data_dir.clone(),
        reply_tx,
    )?;
    let lang = crate::i18n::Lang::resolve(config.language, |name| std::env::var(name).ok());
    let (keymap, key_warnings) = keys::KeyMap::with_overrides(lang, &config.keys);
    let (theme, theme_warnings) =
        theme::Theme::from_config(&config.theme, &theme::ColorEnv::detect());
    let mut warnings: Vec<String> = key_warnings
        .iter()
        .chain(&theme_warnings)
        .map(|w| lang.setting_warning(w))
        .collect();
    if let Some(why) = &worker.read_only {
        // Shown like a config warning: reading goes on, changes are not kept.
        warnings.insert(0, why.in_language(lang));
    }
    for warning in &warnings {
        tracing::warn!("config: {warning}");
    }
    tracing::info!(?lang, "TUI start");
    let saved: Vec<(String, String)> = config
        .filters
        .iter()
        .map(|f| (f.name.clone(), f.query.clone()))
        .collect();
    let feeds: Vec<(String, Option<String>)> = config
        .feeds
        .iter()
        .map(|f| (f.name.clone(), f.ministry.clone()))
        .collect();

    install_panic_hook();
    let mut terminal = ratatui::init();
    execute!(stdout(), EnableMouseCapture)?;
    let input = InputThread::start();
    let size = terminal.size()?;
    let mut app = App::new(
        settings.today,
        Rect::new(0, 0, size.width, size.height),
        &feeds,
        config.mark_read_on_open,
    )
    .with_saved_filters(&saved)
    .with_full_text_off(
        config
            .feeds
            .iter()
            .filter(|f| !f.full_text.unwrap_or(config.full_text))
            .map(|f| f.name.clone()),
    )
    .with_ministries(config.ministries.clone())
    .with_configured_urls(config.feeds.iter().map(|f| f.url.to_string()).collect())
    .with_language(lang)
    .with_config_warnings(warnings)
    .with_hyperlinks(hyperlink::enabled(config.hyperlinks, |name| {
        std::env::var(name).ok()
    }))
    .with_clipboard(clipboard::enabled(config.clipboard, |name| {
        std::env::var(name).ok()
    }));
    let mut cmds = app.start(config.refresh_on_start);
    let mut input_rx = input.events;
    let auto_refresh = refresh_period(config.refresh_interval_minutes);
    // Without auto-refresh the timer exists but its branch is disabled.
    let interval = auto_refresh.unwrap_or(Duration::from_secs(3600));
    let mut refresh_timer = tokio::time::interval_at(Instant::now() + interval, interval);
    // Once a minute: has midnight passed? "heute" and "seit:2w" then mean other days.
    let mut day_timer = tokio::time::interval_at(Instant::now() + DAY_CHECK, DAY_CHECK);
    let mut message_timer = tokio::time::interval(Duration::from_secs(1));
    message_timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);

    let panic_on_key = failpoint("panic-on-key");
    let result: Result<()> = async {
        loop {
            for cmd in std::mem::take(&mut cmds) {
                match cmd.route(config.browser_in_terminal) {
                    Routed::Terminal(TerminalCmd::OpenLink(link)) => {
                        let outcome = open_in_terminal(&mut terminal, &input.paused, &link, config.browser.as_deref(), lang);
                        cmds.extend(app.update(Msg::LinkOpened(outcome)));
                    }
                    Routed::Terminal(TerminalCmd::Copy(text)) => {
                        // Straight to the terminal: an escape sequence, not a cell.
                        use std::io::Write as _;
                        let mut out = stdout();
                        let _ = write!(out, "{}", clipboard::osc52(&text)).and_then(|()| out.flush());
                    }
                    Routed::Task(task) => worker.spawn(task),
                    Routed::Store(job) => worker.store(job),
                }
            }
            if !cmds.is_empty() {
                continue;
            }
            if app.should_quit() {
                return Ok(());
            }
            app.set_clock(chrono::Utc::now());
            if app.take_dirty() {
                terminal.draw(|frame| view::render(&app, &keymap, &theme, frame))?;
            }
            tokio::select! {
                Some(event) = input_rx.recv() => {
                    assert!(!panic_on_key, "failpoint panic-on-key");
                    if let Some(msg) = event_to_msg(&app, &keymap, event) { cmds = app.update(msg); }
                    while let Ok(event) = input_rx.try_recv() {
                        if let Some(msg) = event_to_msg(&app, &keymap, event) { cmds.extend(app.update(msg)); }
                    }
                }
                Some(msg) = replies.recv() => {
                    cmds = app.update(msg);
                    while let Ok(msg) = replies.try_recv() { cmds.extend(app.update(msg)); }
                }
                _ = refresh_timer.tick(), if auto_refresh.is_some() => {
                    cmds = app.update(Msg::Refresh(RefreshMsg::All));
                }
                // A status message leaves after its time, without a key pressed.
                _ = message_timer.tick(), if app.has_message() => {}
                _ = day_timer.tick() => {
                    let today = app.zone().local(chrono::Utc::now()).date();
                    cmds = app.update(Msg::DayChanged(today));
                }
            }
        }
    }
    .await;
    input.stop.store(true, Ordering::Relaxed);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// How often the reader looks whether the day has changed.
const DAY_CHECK: Duration = Duration::from_secs(60);

/// How often the reader refreshes all feeds by itself: every `minutes` (at most a week, as
/// the config allows), never for 0.
fn refresh_period(minutes: u64) -> Option<Duration> {
    (minutes > 0).then(|| Duration::from_secs(minutes.min(7 * 24 * 60) * 60))
}

fn event_to_msg(app: &App, keymap: &keys::KeyMap, event: InputEvent) -> Option<Msg> {
    let InputEvent::Terminal(event) = event else {
        return Some(Msg::Quit);
    };
    match event {
        Event::Key(key) => keys::key_to_msg(app.mode(), app.reader().is_some(), keymap, key),
        Event::Resize(w, h) => Some(Msg::Resized(w, h)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(event::MouseButton::Left) => {
                Some(Msg::Click(mouse.column, mouse.row))
            }
            MouseEventKind::ScrollUp => Some(Msg::Move(Move::ScrollUp)),
            MouseEventKind::ScrollDown => Some(Msg::Move(Move::ScrollDown)),
            _ => None,
        },
        _ => None,
    }
}

/// What the input thread reports.
enum InputEvent {
    Terminal(Event),
    /// The terminal cannot be read any more.
    Closed,
}

/// Reads terminal events on its own thread; `paused` while a terminal browser owns the tty.
struct InputThread {
    events: mpsc::UnboundedReceiver<InputEvent>,
    paused: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl InputThread {
    fn start() -> Self {
        let (tx, events) = mpsc::unbounded_channel();
        let paused = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (Arc::clone(&paused), Arc::clone(&stop));
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                if p.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(30));
                    continue;
                }
                // An error means the terminal is gone (closed window, killed tmux): quit.
                let event = match event::poll(Duration::from_millis(50)) {
                    Ok(false) => continue,
                    Ok(true) => event::read().ok(),
                    Err(_) => None,
                };
                let Some(event) = event else {
                    let _ = tx.send(InputEvent::Closed);
                    break;
                };
                if tx.send(InputEvent::Terminal(event)).is_err() {
                    break;
                }
            }
        });
        Self {
            events,
            paused,
            stop,
        }
    }
}

/// Hands the terminal to a terminal browser (w3m, lynx) and takes it back afterwards.
fn open_in_terminal(
    terminal: &mut ratatui::DefaultTerminal,
    paused: &AtomicBool,
    link: &str,
    browser: Option<&[String]>,
    lang: crate::i18n::Lang,
) -> Result<(), String> {
    paused.store(true, Ordering::Relaxed);
    std::thread::sleep(Duration::from_millis(60)); // let the input thread leave its poll
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    let outcome = crate::open::open_link(link, browser).map_err(|e| e.in_language(lang));
    *terminal = ratatui::init();
    let _ = execute!(stdout(), EnableMouseCapture);
    let _ = terminal.clear();
    paused.store(false, Ordering::Relaxed);
    outcome
}

/// A panic on the UI thread ends the reader: mouse capture off and the terminal restored
/// (main screen, cooked mode) before the message is printed. A panic on another thread (a
/// worker task, whose failure the UI reports as an error reply) goes to the log only: the
/// reader goes on, and neither a restore nor a message may cut into its screen.
fn install_panic_hook() {
    let ui_thread = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::text::panic_is_guarded() {
            return; // caught and handled where it happened; the screen stays as it is
        }
        if std::thread::current().id() != ui_thread {
            tracing::error!("worker panic: {info}");
            return;
        }
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
        previous(info);
    }));
}

/// A fault injected by the tests through `AMTSFEED_FAILPOINT`, so that they can check what
/// a crash leaves behind. Debug builds only: a release build never reads the variable.
fn failpoint(name: &str) -> bool {
    cfg!(debug_assertions) && std::env::var("AMTSFEED_FAILPOINT").is_ok_and(|value| value == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refresh_period_follows_refresh_interval_minutes() {
        assert_eq!(refresh_period(0), None);
        assert_eq!(refresh_period(1), Some(Duration::from_secs(60)));
        assert_eq!(refresh_period(90), Some(Duration::from_secs(5400)));
        assert_eq!(
            refresh_period(u64::MAX),
            Some(Duration::from_secs(7 * 24 * 3600))
        );
    }
}
