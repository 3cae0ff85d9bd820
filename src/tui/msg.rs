//! Messages (user intents and worker results) and commands (side effects `update` asks for).

use crate::filter::ArticleQuery;
use crate::model::{Article, ArticleId, ArticleSummary, FeedStatus, Timeline, TopicCount};
use crate::model::{FeedReport, SavedCount, Summary};

/// What a prompt asks for (a message names it, so it lives with the messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    AddFeed,
    SaveFilter,
    /// Whether a saved filter of the name typed for `SaveFilter` is to be replaced.
    ReplaceFilter,
}

/// The source catalogue overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueMsg {
    /// `C`: open it (or close it again).
    Open,
    /// Select the entry `n` below (or above) the selected one.
    Move(i32),
    /// Enter: add the selected source.
    Add,
}

/// Everything that can change the app's state. Messages for one room of the app nest in that
/// room's enum; the rest change several rooms or the app's mode.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A selection move, for the focused pane.
    Move(Move),
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    /// Enter: open the selected sidebar entry or article.
    Activate,
    /// Esc: close an overlay, the filter, or go back a pane.
    Back,
    NextArticle,
    /// The next unread article below the selection (newsboat's `n`).
    NextUnread,
    PrevArticle,
    OpenArticleLink,
    /// `y`: the open (or selected) article's citation to the clipboard.
    CopyCitation,
    /// `Y`: its link to the clipboard.
    CopyLink,
    /// The citation the worker wrote for `y`.
    CitationReady(Result<String, String>),
    /// Saved filters with `notify = true` that have new matches after a refresh.
    Alerts(Vec<crate::model::Alert>),
    /// A digit typed for "number, then Enter" link opening.
    Digit(u8),
    /// `f`: start typing a link number.
    StartLinkNumber,
    /// `/`: edit the filter bar; Enter keeps the filter, Esc clears it.
    StartFilter,
    FilterSubmit,
    FilterCancel,
    ToggleHelp,
    ToggleLog,
    /// `P`: the processes in parliament of recent articles (loaded when opened).
    ToggleProcesses,
    /// Those processes, each with how many articles name it.
    ProcessesLoaded(Vec<(crate::model::reference::Process, usize)>),
    /// The source catalogue (`C`).
    Catalogue(CatalogueMsg),
    Quit,
    Resized(u16, u16),
    /// Mouse click at a screen cell.
    Click(u16, u16),
    /// The calendar day changed while the reader was open: relative dates ("heute", "2w")
    /// mean other days now.
    DayChanged(chrono::NaiveDate),
    List(ListMsg),
    Reader(ReaderMsg),
    Sidebar(SidebarMsg),
    Prompt(PromptMsg),
    Refresh(RefreshMsg),
    /// The cache now holds this read/starred state: rows loaded before it was written show
    /// it too (a list load queued before `m` answers with the old state).
    StateStored {
        ids: Vec<ArticleId>,
        read: Option<bool>,
        starred: Option<bool>,
    },
    /// How many articles `M` marked read.
    ListMarkedRead(usize),
    WorkerFailed(String),
    LinkOpened(Result<(), String>),
}

/// A selection move; the focused pane decides what moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// The mouse wheel.
    ScrollUp,
    ScrollDown,
}

/// The article list's messages: its filter bar, dates, timeline, the rows' state, and the
/// pages the worker loads for it.
#[derive(Debug, Clone, PartialEq)]
pub enum ListMsg {
    FilterChar(char),
    FilterBackspace,
    /// Cursor moves and shell-style deletions in the filter bar.
    FilterEdit(crate::tui::line_input::Edit),
    QuickRange(QuickRange),
    /// Select the previous/next bar of the timeline.
    TimelineStep(i8),
    /// Narrow the date range to the selected bar.
    ZoomIn,
    /// Back to the date range before the last zoom.
    ZoomOut,
    ToggleRead,
    ToggleStar,
    /// Everything the list's query matches read, loaded or not.
    MarkAllRead,
    ArticlesLoaded {
        generation: u64,
        rows: Vec<ArticleSummary>,
        total: u64,
        placement: Placement,
    },
    /// The total of the list loaded as `generation`, counted after its first rows were shown.
    TotalLoaded {
        generation: u64,
        total: u64,
    },
    /// Articles per day/week/month for the list loaded as `generation`.
    TimelineLoaded {
        generation: u64,
        timeline: Timeline,
    },
}

/// The reader's messages.
#[derive(Debug, Clone, PartialEq)]
pub enum ReaderMsg {
    /// Fetch the open article's page now for its full text.
    FetchFullText,
    ArticleLoaded {
        id: ArticleId,
        article: Option<Box<Article>>,
    },
    /// An article body rendered for the reader at `width`.
    ArticleRendered {
        id: ArticleId,
        width: usize,
        rendered: crate::text::Rendered,
    },
    PageFetched {
        id: ArticleId,
        result: Result<(), crate::model::Reason>,
    },
    /// `v`: what changed in the open article (the last edit, then each one before).
    ShowChanges,
    /// `V`: all that changed from its first version to the current one.
    ShowAllChanges,
    /// An article's versions, the first first.
    VersionsLoaded {
        id: ArticleId,
        versions: Vec<crate::model::Version>,
    },
}

/// The sidebar's messages: counts from the cache.
#[derive(Debug, Clone, PartialEq)]
pub enum SidebarMsg {
    /// Feed statuses, and each saved filter's counts.
    FeedsLoaded(Vec<FeedStatus>, Vec<SavedCount>),
    /// The topics of the list loaded as `generation`, with counts (facets).
    FacetsLoaded {
        generation: u64,
        topics: Vec<TopicCount>,
    },
}

/// The one-line prompts (add a feed, save the filter) and what came of them.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptMsg {
    Start(PromptKind),
    Char(char),
    Backspace,
    Edit(crate::tui::line_input::Edit),
    Submit,
    Cancel,
    FeedAdded(Result<FeedAdded, String>),
    /// A filter saved to the config: (name, query).
    FilterSaved(Result<(String, String), String>),
}

/// A refresh: starting one, and its progress.
#[derive(Debug, Clone, PartialEq)]
pub enum RefreshMsg {
    /// The selected feed (or the selected article's).
    Selected,
    All,
    FeedRefreshed(FeedReport),
    Finished(Result<Summary, String>),
}

/// A feed added from the TUI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedAdded {
    pub name: String,
    pub ministry: Option<String>,
    /// Articles stored from the check.
    pub articles: usize,
    /// Its address (the catalogue marks it configured).
    pub url: String,
    /// Why the feed's title was not taken as its name (it claimed a ministry).
    pub renamed: Option<crate::model::reason::AddNote>,
}

/// The quick date keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickRange {
    Today,
    Week,
    Month,
    All,
}

/// Where a loaded page of the list goes. The list holds a window of the whole list (its
/// first row is the list's `base`), so that the end of 100,000 articles is one key away
/// without holding them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A new list: the first page, under a new generation.
    Replace,
    /// The page after the window.
    Append,
    /// The page before the window.
    Prepend,
    /// A window of its own (its rows start at the query's offset): the end of the list.
    Window,
}

/// Side effects requested by `update`; [`Cmd::route`] says who runs each (the store thread, a
/// task, or the terminal loop), and they answer with `Msg`s.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// Load a page of the list, to go where `placement` says.
    LoadArticles {
        generation: u64,
        query: ArticleQuery,
        placement: Placement,
    },
    LoadArticle(ArticleId),
    /// Render an article body to text for the reader (off the UI thread).
    RenderArticle {
        id: ArticleId,
        width: usize,
        html: String,
        base: Option<String>,
    },
    LoadFeeds,
    SetRead(Vec<ArticleId>, bool),
    SetStarred(ArticleId, bool),
    /// `M`: every article matching the list's query read, loaded or not.
    MarkListRead(ArticleQuery),
    /// Refresh these feeds (by name); all when `None`.
    Refresh(Option<String>),
    OpenLink(String),
    /// Write the article's citation (`CitationReady`).
    Cite(ArticleId),
    /// Read an article's versions (`VersionsLoaded`).
    LoadVersions(ArticleId),
    /// Read the processes of recent articles (`ProcessesLoaded`).
    LoadProcesses,
    /// The saved filter was looked at: its matches so far are no longer new.
    MarkFilterSeen(String),
    /// Put the text on the terminal's clipboard (OSC 52); done by the terminal loop.
    Copy(String),
    FetchPage(ArticleId),
    /// Check the URL, add it to the user config and store its articles.
    AddFeed(String),
    /// Save a filter-bar query under a name in the user config.
    SaveFilter {
        name: String,
        query: String,
    },
}

/// Who runs a command. The app says what should happen; the shell (`tui.rs`) routes each
/// command to one executor, and each executor matches exhaustively on its own commands, so a
/// new command cannot fall through a catch-all arm.
#[derive(Debug, Clone, PartialEq)]
pub enum Routed {
    /// SQLite, in order, on the worker's store thread.
    Store(StoreCmd),
    /// Network, rendering and the browser, on tokio tasks.
    Task(TaskCmd),
    /// The terminal itself, done by the loop between frames.
    Terminal(TerminalCmd),
}

/// Commands for the store thread (see [`Cmd`] for each).
#[derive(Debug, Clone, PartialEq)]
pub enum StoreCmd {
    LoadArticles {
        generation: u64,
        query: ArticleQuery,
        placement: Placement,
    },
    LoadArticle(ArticleId),
    LoadFeeds,
    SetRead(Vec<ArticleId>, bool),
    SetStarred(ArticleId, bool),
    MarkListRead(ArticleQuery),
    Cite(ArticleId),
    LoadVersions(ArticleId),
    LoadProcesses,
    MarkFilterSeen(String),
    SaveFilter {
        name: String,
        query: String,
    },
}

/// Commands run as tasks (see [`Cmd`] for each).
#[derive(Debug, Clone, PartialEq)]
pub enum TaskCmd {
    RenderArticle {
        id: ArticleId,
        width: usize,
        html: String,
        base: Option<String>,
    },
    Refresh(Option<String>),
    /// Open the link with the launcher, in the background.
    OpenLink(String),
    FetchPage(ArticleId),
    AddFeed(String),
}

/// Commands that need the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum TerminalCmd {
    /// OSC 52 to the terminal.
    Copy(String),
    /// A browser that runs in this terminal (`browser_in_terminal`): the reader steps aside.
    OpenLink(String),
}

impl Cmd {
    /// The executor of this command; links open in the terminal when the browser runs there.
    pub fn route(self, browser_in_terminal: bool) -> Routed {
        use Routed::{Store, Task, Terminal};
        match self {
            Cmd::LoadArticles {
                generation,
                query,
                placement,
            } => Store(StoreCmd::LoadArticles {
                generation,
                query,
                placement,
            }),
            Cmd::LoadArticle(id) => Store(StoreCmd::LoadArticle(id)),
            Cmd::LoadFeeds => Store(StoreCmd::LoadFeeds),
            Cmd::SetRead(ids, read) => Store(StoreCmd::SetRead(ids, read)),
            Cmd::SetStarred(id, starred) => Store(StoreCmd::SetStarred(id, starred)),
            Cmd::MarkListRead(query) => Store(StoreCmd::MarkListRead(query)),
            Cmd::Cite(id) => Store(StoreCmd::Cite(id)),
            Cmd::LoadVersions(id) => Store(StoreCmd::LoadVersions(id)),
            Cmd::LoadProcesses => Store(StoreCmd::LoadProcesses),
            Cmd::MarkFilterSeen(name) => Store(StoreCmd::MarkFilterSeen(name)),
            Cmd::SaveFilter { name, query } => Store(StoreCmd::SaveFilter { name, query }),
            Cmd::RenderArticle {
                id,
                width,
                html,
                base,
            } => Task(TaskCmd::RenderArticle {
                id,
                width,
                html,
                base,
            }),
            Cmd::Refresh(feed) => Task(TaskCmd::Refresh(feed)),
            Cmd::OpenLink(link) if browser_in_terminal => Terminal(TerminalCmd::OpenLink(link)),
            Cmd::OpenLink(link) => Task(TaskCmd::OpenLink(link)),
            Cmd::FetchPage(id) => Task(TaskCmd::FetchPage(id)),
            Cmd::AddFeed(url) => Task(TaskCmd::AddFeed(url)),
            Cmd::Copy(text) => Terminal(TerminalCmd::Copy(text)),
        }
    }
}
