//! `App::update` as a state machine: message in, state and commands out.

use chrono::{TimeZone, Utc};

use super::*;
use crate::model::FeedChange;
use crate::model::{Article, StoreCounts};
use crate::model::{FeedReport, Summary};
use crate::tui::msg::Placement;
use crate::tui::msg::{FeedAdded, ListMsg, PromptKind, QuickRange};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 12, 20).expect("date")
}

fn row(id: i64, title: &str) -> ArticleSummary {
    ArticleSummary {
        gone_at: None,
        left_feed_at: None,
        changed_at: None,
        time_unknown: false,
        id: ArticleId(id),
        feed: "BMI Presse".into(),
        ministry: Some("BMI".into()),
        title: title.into(),
        link: Some(format!("https://www.bmi.bund.de/{id}.html")),
        published: Utc
            .with_ymd_and_hms(2021, 12, 16, 9, 30, 0)
            .single()
            .expect("date"),
        topics: vec!["Veranstaltung".into()],
        summary: "Teaser".into(),
        read: false,
        starred: false,
        kind: None,
        number: None,
        date_unknown: false,
        group: None,
        also_in: Vec::new(),
    }
}

fn article(id: i64) -> Box<Article> {
    Box::new(Article { processes: Vec::new(), references: Vec::new(),
        summary: row(id, "Zukunft der Verwaltungsdigitalisierung"),
        summary_html: "<p>Siehe <a href=\"https://www.onlinezugangsgesetz.de/video\">die Aufzeichnung</a> und <a href=\"/termine.html\">Termine</a>.</p>".into(),
        content_html: None,
        page_html: None,
        page_status: None,
            retrieved: chrono::DateTime::default(),
            copies: Vec::new(),
    })
}

fn feeds() -> Vec<(String, Option<String>)> {
    vec![
        ("BMI Presse".into(), Some("BMI".into())),
        ("BMAS".into(), Some("BMAS".into())),
    ]
}

/// An app with three rows loaded.
fn loaded() -> App {
    let mut app = App::new(today(), Rect::new(0, 0, 120, 40), &feeds(), true);
    app.start(false);
    let rows = vec![row(3, "Drei"), row(2, "Zwei"), row(1, "Eins")];
    app.update(Msg::List(ListMsg::ArticlesLoaded {
        generation: app.list.generation,
        rows,
        total: 3,
        placement: Placement::Replace,
    }));
    app
}

fn load_filter(cmds: &[Cmd]) -> Option<&Filter> {
    cmds.iter().find_map(|c| match c {
        Cmd::LoadArticles { query, .. } => Some(&query.filter),
        _ => None,
    })
}

mod list;
mod prompts;
mod reader;
mod sidebar;
mod state;
