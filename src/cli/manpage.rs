//! `amtsfeed man`: one page with everything, generated from the sources the program itself
//! uses: clap's arguments (name, synopsis, options, every subcommand with its own options),
//! the filter syntax, the key table of the reader (`tui::keys::BINDINGS`) and the bundled
//! configuration file with its comments. No references to per-subcommand pages: there are none.

use std::io::Write;

use clap::CommandFactory;

use super::Args;

/// The filter syntax, as the filter bar and `list --query` read it.
const FILTER_SYNTAX: &[(&str, &str)] = &[
    ("WORD", "a keyword: all must match, case-insensitively, as part of the topics, title, teaser or text; \"two words\" in quotes are one keyword; umlauts and ß match either spelling (Muenchen finds München, Strasse finds Straße)"),
    ("A OR B, A ODER B", "either; binds tighter than words side by side (a b OR c is a, and b or c, as in web search); AND/UND is the same as a space"),
    ("-WORD, NOT WORD, NICHT WORD", "without it; also -(A OR B) and -feed:NAME"),
    ("( … )", "groups: (KI OR \"künstliche Intelligenz\") -corona"),
    ("title:WORD, titel:WORD", "in the title only"),
    ("topic:WORD, thema:WORD", "in the topics only"),
    ("type:KIND, typ:KIND", "the page's kind: Pressemitteilung, Meldung, Rede, Interview, …"),
    ("feed:NAME, ministerium:NAME, ministry:NAME", "a feed name or a ministry short name; feed:\"BMI Presse\" with spaces"),
    ("since:DATE, seit:DATE", "from this day on (inclusive, local time); not inside ( ), OR or a negation"),
    ("until:DATE, bis:DATE", "up to this day (inclusive)"),
    ("unread, ungelesen", "only unread articles"),
    ("starred, markiert", "only starred articles"),
    ("drucksache:21/1234, drucksache:BR-123/26, plenarprotokoll:21/45, vorgang:ID", "articles that name the parliamentary document (in their text or by a link)"),
    ("beratungsstand:STAGE, stage:STAGE", "articles whose process in parliament is at that stage (with a DIP key)"),
    ("changed:WHEN, geändert:WHEN", "edited since first stored: ja/yes (any time), a day or 2w (since then), A..B (on those days); show --diff shows what changed"),
    ("DATE", "2021-12-16, 16.12.2021, 1.10.26 (20xx), 7d, 2w, 3m, 1y (ago), today/heute, yesterday/gestern"),
    ("\"TEXT:WITH COLON\"", "a misspelt field (sicne:2w) is an error naming the fields; quotes search for the text as it is"),
];

pub fn render(out: &mut dyn Write) -> std::io::Result<()> {
    let mut page = Vec::new();
    render_utf8(&mut page)?;
    out.write_all(ascii_roff(&String::from_utf8_lossy(&page)).as_bytes())
}

/// Characters beyond ASCII as groff's glyph names, with what a terminal that has no such
/// glyph (`man` in the C locale, `groff -Tascii`) shows instead.
const GLYPHS: &[(char, &str, &str)] = &[
    ('–', "en", "-"),
    ('—', "em", "--"),
    ('„', "Bq", "\""),
    ('“', "lq", "\""),
    ('”', "rq", "\""),
    ('‚', "bq", "'"),
    ('‘', "oq", "'"),
    ('’', "cq", "'"),
    ('→', "->", "->"),
    ('←', "<-", "<-"),
    ('↑', "ua", "Up"),
    ('↓', "da", "Down"),
    ('×', "mu", "x"),
    ('ä', ":a", "ae"),
    ('ö', ":o", "oe"),
    ('ü', ":u", "ue"),
    ('Ä', ":A", "Ae"),
    ('Ö', ":O", "Oe"),
    ('Ü', ":U", "Ue"),
    ('ß', "ss", "ss"),
];

/// The page in plain ASCII roff: typographic characters as groff's named glyphs (each with
/// a fallback for devices without it), `…` as three dots, anything else beyond ASCII as
/// `\\[uXXXX]` with `?` as its fallback. So `groff` and `man` read it in any locale without
/// `preconv` and without warnings (a raw `…` is an "invalid input character" to troff).
fn ascii_roff(page: &str) -> String {
    let mut body = String::with_capacity(page.len());
    let mut fallbacks: Vec<String> = Vec::new();
    let mut fallback = |name: String, shown: &str| {
        let line = format!(".if !c\\[{name}] .char \\[{name}] {shown}");
        if !fallbacks.contains(&line) {
            fallbacks.push(line);
        }
    };
    for c in page.chars() {
        if c.is_ascii() {
            body.push(c);
        } else if c == '…' {
            body.push_str("...");
        } else if let Some((_, name, shown)) = GLYPHS.iter().find(|(g, _, _)| *g == c) {
            body.push_str(&format!("\\[{name}]"));
            fallback((*name).to_owned(), shown);
        } else {
            let name = format!("u{:04X}", u32::from(c));
            body.push_str(&format!("\\[{name}]"));
            fallback(name, "?");
        }
    }
    let mut out = fallbacks.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&body);
    out
}

fn render_utf8(out: &mut dyn Write) -> std::io::Result<()> {
    let command = Args::command();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    commands(&command, out)?;
    filter_syntax(out)?;
    keys(out)?;
    configuration(out)?;
    environment(out)?;
    man.render_version_section(out)?;
    Ok(())
}

/// Every command with its own options: one page, no references to pages that do not exist.
fn commands(command: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let usage = sub
            .get_arguments()
            .filter(|a| a.is_positional())
            .map(|a| format!(" {}", a.get_id().as_str().to_uppercase()))
            .collect::<String>();
        writeln!(out, ".SS \"amtsfeed {}{usage}\"", sub.get_name())?;
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            writeln!(out, "{}", roff_text(&about.to_string()))?;
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
            .filter(|a| a.get_id() != "help")
        {
            let name = match (arg.get_long(), arg.get_short()) {
                (Some(long), Some(short)) => format!("\\-{short}, \\-\\-{long}"),
                (Some(long), None) => format!("\\-\\-{long}"),
                _ => arg.get_id().as_str().to_uppercase(),
            };
            let value = arg
                .get_value_names()
                .and_then(|v| v.first())
                .filter(|_| arg.get_long().is_some() && arg.get_action().takes_values())
                .map(|v| format!(" \\fI{v}\\fR"))
                .unwrap_or_default();
            writeln!(out, ".TP\n\\fB{name}\\fR{value}")?;
            if let Some(help) = arg.get_help() {
                writeln!(out, "{}", roff_text(&help.to_string()))?;
            }
        }
    }

    Ok(())
}

fn filter_syntax(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, ".SH FILTER SYNTAX")?;
    writeln!(
        out,
        "The filter bar of the reader and \\fBlist \\-\\-query\\fR read the same words, e.g. \
         \\fBdigitalisierung since:1.11.2021 until:31.12.2021 feed:BMI unread\\fR."
    )?;
    for (form, meaning) in FILTER_SYNTAX {
        writeln!(
            out,
            ".TP\n\\fB{}\\fR\n{}",
            roff_text(form),
            roff_text(meaning)
        )?;
    }

    Ok(())
}

/// The reader's keys, from the key table itself.
fn keys(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, ".SH KEYS")?;
    writeln!(
        out,
        "The reader's keys; each can be changed in the \\fB[keys]\\fR table of the config \
         (action = key or [keys])."
    )?;
    for binding in crate::tui::keys::BINDINGS {
        let keys: Vec<String> = binding
            .keys
            .iter()
            .map(|k| crate::tui::keys::key_label(*k))
            .collect();
        writeln!(
            out,
            ".TP\n\\fB{}\\fR ({})\n{}",
            roff_text(&keys.join(", ")),
            binding.action,
            roff_text(binding.help[0])
        )?;
    }

    Ok(())
}

/// The bundled config's settings with their comments: the options explained where they are.
fn configuration(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, ".SH CONFIGURATION")?;
    writeln!(
        out,
        "A TOML file: \\fB\\-\\-config\\fR, else \\fBAMTSFEED_CONFIG\\fR, else the user config \
         path (\\fBamtsfeed doctor\\fR prints it), else the bundled default below. Errors name \
         file and line. The settings of the bundled file, every option explained (the file \
         goes on with the ministries' feeds as [[feed]] tables: name, url, ministry, topics):"
    )?;
    writeln!(out, ".PP\n.nf")?;
    let bundled = crate::config::BUNDLED;
    let settings = bundled
        .find("# --- verified feeds")
        .map_or(bundled, |end| &bundled[..end]);
    for line in settings.trim_end().lines() {
        writeln!(out, "{}", roff_line(line))?;
    }
    writeln!(out, ".fi")?;

    Ok(())
}

fn environment(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, ".SH ENVIRONMENT")?;
    for (name, meaning) in [
        (
            "AMTSFEED_CONFIG",
            "the config file (an empty value counts as unset)",
        ),
        ("AMTSFEED_DATA_DIR", "the cache directory"),
        (
            "AMTSFEED_LOG",
            "the log level: off, error, warn, info, debug, trace",
        ),
        (
            "BROWSER",
            "the program that opens links, unless the config names one",
        ),
        ("NO_COLOR", "no colours in the reader"),
        ("LC_ALL, LC_MESSAGES, LANG", "the language: de or en"),
    ] {
        writeln!(out, ".TP\n\\fB{name}\\fR\n{}", roff_text(meaning))?;
    }
    writeln!(out, ".SH EXIT STATUS")?;
    writeln!(
        out,
        "0 on success (a closed output pipe included), 1 when something failed (for \
         \\fBfetch\\fR: any feed), 2 for wrong arguments."
    )?;
    Ok(())
}

/// Text for a roff paragraph: backslashes and hyphens escaped, a leading dot or quote guarded.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// A line in a no-fill block: as `roff_text`, and an empty line stays one.
fn roff_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        roff_text(line)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_has_every_section_and_no_missing_pages() {
        let mut out = Vec::new();
        super::render(&mut out).expect("render");
        let page = String::from_utf8(out).expect("utf-8");
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH COMMANDS",
            ".SS \"amtsfeed fetch\"",
            ".SH FILTER SYNTAX",
            ".SH KEYS",
            ".SH CONFIGURATION",
            ".SH ENVIRONMENT",
        ] {
            assert!(page.contains(section), "{section} missing");
        }
        // No references to amtsfeed-fetch(1) and the like.
        assert!(!page.contains("amtsfeed\\-fetch(1)") && !page.contains("amtsfeed-fetch(1)"));
        // Keys and config come from their sources.
        assert!(page.contains("(next_unread)"));
        assert!(page.contains("per_host_concurrency = 2"));
        assert!(page.contains("\\-\\-topic"));
        assert!(page.is_ascii(), "plain ASCII roff");
        assert!(page.contains("\\[:u]"), "umlauts as glyphs");
    }

    /// groff reads the page without a warning, in UTF-8 and in ASCII (where installed).
    #[test]
    fn groff_reads_the_page_without_warnings() {
        let mut out = Vec::new();
        super::render(&mut out).expect("render");
        for device in ["-Tutf8", "-Tascii"] {
            let child = std::process::Command::new("groff")
                .args(["-man", device, "-ww", "-z"])
                .stdin(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn();
            let Ok(mut child) = child else {
                eprintln!("groff not installed: skipped");
                return;
            };
            use std::io::Write as _;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(&out)
                .expect("write");
            let result = child.wait_with_output().expect("groff runs");
            let warnings = String::from_utf8_lossy(&result.stderr);
            assert!(warnings.trim().is_empty(), "{device}: {warnings}");
        }
    }
}
