//! One-line prompts in the bottom bar: adding a feed by URL (`a`) and saving the filter bar
//! as a saved filter (`S`). The typing happens here; the config edit runs in the worker.

use super::App;
use crate::tui::keys::Mode;
use crate::tui::line_input::{Edit, LineInput};
use crate::tui::msg::{Cmd, FeedAdded, PromptKind, PromptMsg};

/// The open prompt and what is typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    /// For `ReplaceFilter`: the saved filter and the query that would replace its own.
    pub replacing: Option<Replacing>,
}

/// A saved filter that saving would replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacing {
    /// Its name as saved.
    pub name: String,
    /// Its query now.
    pub old: String,
    /// The query to save under its name.
    pub new: String,
}

/// The longest text a prompt takes (a long feed URL fits).
const MAX_INPUT: usize = 2000;

impl App {
    /// The prompts' messages: opening, typing, submitting, and what the worker made of it.
    pub(super) fn prompt_msg(&mut self, msg: PromptMsg) -> Vec<Cmd> {
        match msg {
            PromptMsg::Start(kind) => self.open_prompt(kind),
            PromptMsg::Char(c) => self.prompt_edit(Edit::Insert(c)),
            PromptMsg::Backspace => self.prompt_edit(Edit::Backspace),
            PromptMsg::Edit(edit) => self.prompt_edit(edit),
            PromptMsg::Submit => self.prompt_submit(),
            PromptMsg::Cancel => {
                self.prompt = None;
                self.mode = Mode::Normal;
                vec![]
            }
            PromptMsg::FeedAdded(result) => self.feed_added(result),
            PromptMsg::FilterSaved(result) => self.filter_saved(result),
        }
    }

    fn open_prompt(&mut self, kind: PromptKind) -> Vec<Cmd> {
        if kind == PromptKind::SaveFilter && self.list.filter_text.trim().is_empty() {
            self.notify(self.text().nothing_to_save);
            return vec![];
        }
        self.mode = Mode::Prompt;
        self.prompt = Some(Prompt {
            kind,
            input: LineInput::new(MAX_INPUT),
            replacing: None,
        });
        vec![]
    }

    fn prompt_edit(&mut self, edit: Edit) -> Vec<Cmd> {
        if let Some(prompt) = &mut self.prompt {
            prompt.input.apply(edit);
        }
        vec![]
    }

    fn prompt_submit(&mut self) -> Vec<Cmd> {
        let Some(prompt) = self.prompt.take() else {
            self.mode = Mode::Normal;
            return vec![];
        };
        self.mode = Mode::Normal;
        let input = prompt.input.trim().to_owned();
        if input.is_empty() && prompt.kind != PromptKind::ReplaceFilter {
            return vec![];
        }
        match prompt.kind {
            PromptKind::AddFeed => {
                self.notify(format!("{} {input} …", self.text().checking_feed));
                vec![Cmd::AddFeed(input)]
            }
            PromptKind::SaveFilter => {
                let query = self.list.filter_text.trim().to_owned();
                match self.sidebar.saved_filter(&input) {
                    // Another query under that name: replaced only when the user says so.
                    Some((name, old)) if old != query => {
                        let replacing = Replacing {
                            name: name.to_owned(),
                            old: old.to_owned(),
                            new: query,
                        };
                        self.mode = Mode::Prompt;
                        self.prompt = Some(Prompt {
                            kind: PromptKind::ReplaceFilter,
                            input: LineInput::new(MAX_INPUT),
                            replacing: Some(replacing),
                        });
                        vec![]
                    }
                    _ => vec![Cmd::SaveFilter { name: input, query }],
                }
            }
            PromptKind::ReplaceFilter => {
                let Some(Replacing { name, new, .. }) = prompt.replacing else {
                    return vec![];
                };
                if self
                    .text()
                    .yes_words
                    .contains(&input.to_lowercase().as_str())
                {
                    vec![Cmd::SaveFilter { name, query: new }]
                } else {
                    let text = crate::i18n::fill(self.text().not_replaced, &[("name", &name)]);
                    self.notify(text);
                    vec![]
                }
            }
        }
    }

    /// A feed was added (or not): the sidebar gains it and the list shows its articles.
    fn feed_added(&mut self, result: Result<FeedAdded, String>) -> Vec<Cmd> {
        match result {
            Ok(added) => {
                let mut line = format!(
                    "{} '{}': {}",
                    self.text().added_feed,
                    added.name,
                    crate::i18n::fill(self.text().articles, &[("n", &added.articles)])
                );
                if let Some(why) = &added.renamed {
                    line.push_str(&format!(" ({})", self.lang.add_note(why)));
                }
                self.notify(line);
                self.sidebar.add_feed(&added.name, &added.ministry);
                self.catalogue.configured.push(added.url);
                vec![Cmd::LoadFeeds, self.reload()]
            }
            // Worded by the worker in the UI's language.
            Err(reason) => {
                self.set_error(reason);
                vec![]
            }
        }
    }

    /// A filter was saved: it appears (or is updated) among the saved filters.
    fn filter_saved(&mut self, result: Result<(String, String), String>) -> Vec<Cmd> {
        match result {
            Ok((name, query)) => {
                self.notify(format!("{} '{name}'", self.text().saved_filter));
                self.sidebar.save_filter(name, query);
                vec![Cmd::LoadFeeds]
            }
            Err(reason) => {
                self.set_error(reason);
                vec![]
            }
        }
    }
}
