//! `--help` in German: every help text of the command line, keyed by its English wording, and
//! clap's headings. A test makes sure no visible text is left out, so a new flag cannot slip
//! into a German run in English.

use clap::Command;

/// (English, German) for every about and help text of `Args`.
const TEXTS: &[(&str, &str)] = &[
    ("A filter in the TUI's syntax, e.g. \"digitalisierung since:2w feed:BMI unread\"", "Ein Filter wie in der Filterleiste, z. B. \"digitalisierung seit:2w feed:BMI ungelesen\""),
    ("A saved filter from the config ([[filter]] name = ..., query = ...)", "Ein gespeicherter Filter aus der Konfiguration ([[filter]] name = ..., query = ...)"),
    ("A terminal news reader for the RSS/Atom feeds of the German federal ministries", "Ein Nachrichtenleser im Terminal für die RSS/Atom-Feeds der Bundesministerien"),
    ("Add a feed to the user config (checked by fetching it once; its articles are stored)", "Einen Feed in die Konfiguration aufnehmen (einmal geladen und geprüft; seine Artikel werden gespeichert)"),
    ("Add the feeds of an OPML file (from newsboat or another reader) to the user config", "Die Feeds einer OPML-Datei (aus newsboat oder einem anderen Leser) in die Konfiguration aufnehmen"),
    ("Also delete its articles from the cache, starred ones included", "Auch seine Artikel aus dem Cache löschen, auch die mit Stern"),
    ("Article id", "Artikelnummer"),
    ("Article id (first column of `list`)", "Artikelnummer (erste Spalte von `list`)"),
    ("Article ids", "Artikelnummern"),
    ("At most this many rows (articles; for `topics`, topics)", "Höchstens so viele Zeilen (Artikel; bei `topics` Themen)"),
    ("Print the path of the config file in use; with --default, the bundled default config", "Den Pfad der verwendeten Konfigurationsdatei ausgeben; mit --default die mitgelieferte Vorgabe"),
    ("Print the bundled default config (every setting, commented) to start one from", "Die mitgelieferte Vorgabe ausgeben (jede Einstellung, kommentiert), um davon auszugehen"),
    ("Output format", "Ausgabeformat"),
    ("The processes in parliament that articles of the last weeks refer to (with a DIP key): stage and last step, newest activity first", "Die Vorgänge im Parlament, auf die Artikel der letzten Wochen verweisen (mit DIP-Schlüssel): Beratungsstand und letzter Schritt, die jüngsten zuerst"),
    ("Articles since this day (2w, 1.10.2026, …) [default: 8 weeks]", "Artikel seit diesem Tag (2w, 1.10.2026, …) [Vorgabe: 8 Wochen]"),
    ("Check the pages of recent and starred articles read before now (edited? taken down?), not only once a day", "Die schon gelesenen Seiten neuer und markierter Artikel jetzt prüfen (geändert? entfernt?), nicht nur einmal am Tag"),
    ("Every version of the article: when each was first seen and what changed", "Jede Fassung des Artikels: wann sie zuerst gesehen wurde und was sich geändert hat"),
    ("What changed, word by word: between versions A and B (A..B), from A to the current one (A), or from the one before to the current one (no value)", "Was sich geändert hat, Wort für Wort: zwischen den Fassungen A und B (A..B), von A bis zur aktuellen (A) oder von der vorigen zur aktuellen (ohne Wert)"),
    ("The saved filters ([[filter]] in the config, `S` in the reader) with their matches, unread matches and new matches since each was last looked at", "Die gespeicherten Filter ([[filter]] in der Konfiguration, `S` im Reader) mit ihren Treffern, den ungelesenen und den seit dem letzten Ansehen neuen"),
    ("Check the cache; with --reset, keep a broken one aside and start a new cache", "Den Cache prüfen; mit --reset einen beschädigten beiseitelegen und neu beginnen"),
    ("Compact the cache file and merge the search index", "Die Cache-Datei verdichten und den Suchindex zusammenführen"),
    ("Configuration file [default: <config dir>/config.toml, else the bundled feed list]", "Konfigurationsdatei [Vorgabe: <Konfigurationsordner>/config.toml, sonst die mitgelieferte Feedliste]"),
    ("Dates: YYYY-MM-DD, DD.MM.YYYY, 7d / 2w / 3m / 1y (ago), today/heute, yesterday/gestern.", "Daten: JJJJ-MM-TT, TT.MM.JJJJ, 7t / 2w / 3m / 1j (vor …), heute/today, gestern/yesterday."),
    ("Dates: YYYY-MM-DD, DD.MM.YYYY, 7d / 2w / 3m / 1y (ago), today/heute, yesterday/gestern.\nA ? after a date in the table: the item gave no date; the day shown is when it was first seen (JSON: date_unknown).", "Daten: JJJJ-MM-TT, TT.MM.JJJJ, 7t / 2w / 3m / 1j (vor …), heute/today, gestern/yesterday.\nEin ? nach einem Datum in der Tabelle: der Eintrag nannte kein Datum; gezeigt ist der Tag, an dem er zuerst gesehen wurde (JSON: date_unknown)."),
    ("Detail of the log file (`amtsfeed log` prints its path): off, error, warn, info, debug, trace", "Ausführlichkeit der Protokolldatei (`amtsfeed log` nennt ihren Pfad): off, error, warn, info, debug, trace"),
    ("Directory of the article cache (amtsfeed.db) [default: the platform data dir]", "Ordner des Artikel-Caches (amtsfeed.db) [Vorgabe: der Datenordner des Systems]"),
    ("Do not fetch it first (for a feed that is down right now)", "Nicht vorher laden (für einen Feed, der gerade nicht erreichbar ist)"),
    ("A press listing page, read as a feed (found by itself when the page is checked)", "Eine Presse-Übersichtsseite, als Feed gelesen (beim Prüfen der Seite von selbst erkannt)"),
    ("Do not fetch the article pages for their full text this time", "Diesmal die Artikelseiten nicht für den vollen Text laden"),
    ("Download all feeds (or one) and update the cache", "Alle Feeds (oder einen) laden und den Cache aktualisieren"),
    ("First day to include (2021-12-16, 16.12.2021, 2w, today, …)", "Erster Tag (2021-12-16, 16.12.2021, 2w, heute, …)"),
    ("Keyword that must appear in topics, title or text (repeatable; all must match)", "Stichwort, das in Themen, Titel oder Text vorkommen muss (mehrfach möglich; alle müssen passen)"),
    ("Last day to include (same forms)", "Letzter Tag (dieselben Formen)"),
    ("List cached articles, newest first", "Artikel aus dem Cache auflisten, die neuesten zuerst"),
    ("Mark articles as read", "Artikel als gelesen markieren"),
    ("Mark articles as unread", "Artikel als ungelesen markieren"),
    ("Ministry short name, e.g. BMI (lets `--feed BMI` select it)", "Kurzname des Ministeriums, z. B. BMI (dann wählt `--feed BMI` ihn aus)"),
    ("Move a broken cache aside (amtsfeed.db.broken-<time>) and create a new one", "Einen beschädigten Cache beiseitelegen (amtsfeed.db.broken-<Zeit>) und einen neuen anlegen"),
    ("Name in lists and the sidebar [default: the feed's title]", "Name in Listen und Seitenleiste [Vorgabe: der Titel des Feeds]"),
    ("Only starred articles", "Nur Artikel mit Stern"),
    ("Only this feed (its name, or a ministry short name such as BMI)", "Nur dieser Feed (sein Name oder ein Ministeriumskürzel wie BMI)"),
    ("Only this feed (name or ministry short name)", "Nur dieser Feed (Name oder Ministeriumskürzel)"),
    ("Only unread articles", "Nur ungelesene Artikel"),
    ("Open an article's link in the browser (config `browser`, $BROWSER, or the system opener)", "Den Link eines Artikels im Browser öffnen (Einstellung `browser`, $BROWSER oder das System)"),
    ("Open the article's numbered link N (from `show`) instead of the article itself", "Den nummerierten Link N des Artikels (aus `show`) öffnen statt des Artikels"),
    ("Print a shell completion script (e.g. `amtsfeed completions bash > ~/.local/share/bash-completion/completions/amtsfeed`)", "Ein Vervollständigungsskript für die Shell ausgeben (z. B. `amtsfeed completions bash > ~/.local/share/bash-completion/completions/amtsfeed`)"),
    ("Print one article: title, feed, date, topics, link and text with numbered links", "Einen Artikel ausgeben: Titel, Feed, Datum, Themen, Link und Text mit nummerierten Links"),
    ("Print the configured feeds as OPML 2.0 (to stdout or a file)", "Die eingetragenen Feeds als OPML 2.0 ausgeben (auf stdout oder in eine Datei)"),
    ("Print the man page (roff), e.g. `amtsfeed man > ~/.local/share/man/man1/amtsfeed.1`", "Die Handbuchseite (roff) ausgeben, z. B. `amtsfeed man > ~/.local/share/man/man1/amtsfeed.1`"),
    ("Print the path of the log file (e.g. `tail -f \"$(amtsfeed log)\"`)", "Den Pfad der Protokolldatei ausgeben (z. B. `tail -f \"$(amtsfeed log)\"`)"),
    ("Remove feeds from the user config; their articles stay unless --purge", "Feeds aus der Konfiguration nehmen; ihre Artikel bleiben, außer mit --purge"),
    ("The feeds' names (see `amtsfeed feeds`); all are checked before any is removed", "Die Namen der Feeds (siehe `amtsfeed feeds`); alle werden geprüft, bevor einer entfernt wird"),
    ("Remove the star from articles", "Den Stern von Artikeln entfernen"),
    ("Show the configured feeds with article counts and the last fetch result", "Die eingetragenen Feeds mit Artikelzahlen und dem letzten Ladeergebnis zeigen"),
    ("Star articles", "Artikeln einen Stern geben"),
    ("The OPML file", "Die OPML-Datei"),
    ("The feed URL (http or https), a web page that announces its feed or lists dated articles, a local file, or the id of a catalogue source (`amtsfeed sources`)", "Die Feed-URL (http oder https), eine Webseite, die ihren Feed angibt oder datierte Artikel auflistet, eine lokale Datei oder die Kennung einer Quelle des Katalogs (`amtsfeed sources`)"),
    ("Give a configured feed a new address (it moved): its articles, read state and counts stay with it", "Einem eingetragenen Feed eine neue Adresse geben (er ist umgezogen): seine Artikel, Lesestände und Zähler bleiben bei ihm"),
    ("Its new address (http or https URL, or a local file)", "Seine neue Adresse (http- oder https-URL oder eine lokale Datei)"),
    ("The catalogue of federal sources (ministries, government, parliament, courts, gazette, agencies) with how sure each address is; `amtsfeed add ID` adds one", "Der Katalog der Bundesquellen (Ministerien, Regierung, Parlament, Gerichte, Gesetzblatt, Behörden) mit der Angabe, wie sicher jede Adresse ist; `amtsfeed add ID` fügt eine hinzu"),
    ("Only the sources of this group (Bundesministerien, Parlament, …) or authority (BMI)", "Nur die Quellen dieser Gruppe (Bundesministerien, Parlament, …) oder Behörde (BMI)"),
    ("The feed's name (see `amtsfeed feeds`)", "Der Name des Feeds (siehe `amtsfeed feeds`)"),
    ("Topic added to all its articles (repeatable)", "Thema für alle seine Artikel (mehrfach möglich)"),
    ("Topics of the matching articles with counts (same filters as `list`; --limit counts topics)", "Themen der passenden Artikel mit Anzahl (dieselben Filter wie `list`; --limit zählt Themen)"),
    ("Write to this file instead of stdout", "In diese Datei schreiben statt auf stdout"),
    ("Print help (see a summary with '-h')", "Hilfe ausgeben (eine Übersicht mit '-h')"),
    ("Print help (see more with '--help')", "Hilfe ausgeben (mehr mit '--help')"),
    ("Print help", "Hilfe ausgeben"),
    ("Print version", "Version ausgeben"),
    ("Print this message or the help of the given subcommand(s)", "Diese Hilfe oder die eines Befehls ausgeben"),
    ("One JSON object per line", "Ein JSON-Objekt je Zeile"),
    ("Every copy of a release published in several feeds, instead of one with also_in", "Jede Kopie einer Meldung, die in mehreren Feeds erschien, statt einer mit also_in"),
    ("With --saved: only what is new since that filter was last looked at", "Mit --saved: nur, was neu ist, seit der Filter zuletzt angesehen wurde"),
    ("RFC 4180 CSV with a header row", "CSV nach RFC 4180 mit Kopfzeile"),
    ("A Markdown table with linked titles, for reports", "Eine Markdown-Tabelle mit verlinkten Titeln, für Berichte"),
    ("Markdown: heading, details, text with reference links", "Markdown: Überschrift, Angaben, Text mit Verweis-Links"),
    ("A citation in the UI's language: ministry, title, kind and date, URL, date retrieved", "Eine Quellenangabe in der Sprache der Oberfläche: Ministerium, Titel, Art und Datum, URL, Abrufdatum"),
    ("The citation in its German form (\"Pressemitteilung vom …\", \"abgerufen am …\")", "Die Quellenangabe in deutscher Form („Pressemitteilung vom …“, „abgerufen am …“)"),
    ("The citation in its English form (\"Published …\", \"accessed …\")", "Die Quellenangabe in englischer Form („Published …“, „accessed …“)"),
    ("CSL-JSON for reference managers (Zotero, Pandoc)", "CSL-JSON für Literaturverwaltungen (Zotero, Pandoc)"),
];

/// The main page's long description and the text after its options.
const LONG_ABOUT: &str = "Die Nachrichten der Bundesministerien im Terminal lesen.\n\n\
amtsfeed lädt die RSS/Atom-Feeds der Ministerien (eine Liste ist eingebaut), hält die Artikel in \
einem lokalen Cache, sodass Lesen auch offline geht, und filtert sie nach Thema und Datum. Ohne \
Befehl startet der Leser (TUI).";

const AFTER_HELP: &str = "Daten: JJJJ-MM-TT, TT.MM.JJJJ, 7t / 2w / 3m / 1j (vor …), heute/today, gestern/yesterday.\n\
Umgebung: AMTSFEED_CONFIG (Konfigurationsdatei), AMTSFEED_DATA_DIR (Cache-Ordner), AMTSFEED_LOG (Protokollstufe), BROWSER (öffnet Links), NO_COLOR, LANG/LC_ALL (de oder en).\n\
Beispiele:\n  amtsfeed fetch\n  amtsfeed list --topic Digitalisierung --since 2w\n  amtsfeed list --feed BMI --since 16.12.2021 --until 16.12.2021 --format json\n  amtsfeed show 42";

/// clap's headings, in German.
const TEMPLATE: &str = "{about-with-newline}\nAufruf: {usage}\n\n{all-args}{after-help}";

fn german(text: &str) -> Option<&'static str> {
    TEXTS.iter().find(|(en, _)| *en == text).map(|(_, de)| *de)
}

/// `command` with its texts in German, recursively.
pub fn translate(command: Command) -> Command {
    translate_one(command, true)
}

fn translate_one(mut command: Command, top: bool) -> Command {
    command.build();
    let about = command.get_about().and_then(|a| german(&a.to_string()));
    if let Some(about) = about {
        command = command.about(about);
    }
    if top {
        command = command.long_about(LONG_ABOUT).after_help(AFTER_HELP);
    } else {
        let after = command
            .get_after_help()
            .and_then(|a| german(&a.to_string()));
        if let Some(after) = after {
            command = command.after_help(after);
        }
    }
    command = translate_args(command);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| translate_one(sub, false));
    }
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Befehle")
        .subcommand_value_name("BEFEHL");
    // clap writes the usage line's placeholders itself: "[OPTIONS]" becomes "[OPTIONEN]".
    let usage = command
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[OPTIONEN]")
        .replace("<COMMAND>", "<BEFEHL>")
        .replace("[COMMAND]", "[BEFEHL]");
    command.override_usage(usage)
}

/// clap's placeholders for values, in German (`<FILE>` is `<DATEI>`).
const VALUE_NAMES: &[(&str, &str)] = &[
    ("FILE", "DATEI"),
    ("DIR", "ORDNER"),
    ("LEVEL", "STUFE"),
    ("DATE", "DATUM"),
    ("WORD", "WORT"),
    ("QUERY", "FILTER"),
    ("GROUP", "GRUPPE"),
    ("TOPIC", "THEMA"),
    ("SHORT", "KÜRZEL"),
    ("FORMAT", "FORMAT"),
    ("SHELL", "SHELL"),
];

/// Each argument's help in German, under the headings Optionen and Argumente.
fn translate_args(mut command: Command) -> Command {
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |arg| {
            let heading = if arg.is_positional() {
                "Argumente"
            } else {
                "Optionen"
            };
            let heading = match arg.is_global_set() {
                true => "Allgemeine Optionen",
                false => heading,
            };
            let help = arg.get_help().and_then(|h| german(&h.to_string()));
            // A long text of its own (clap's help flag has one); else the short one serves.
            let long = arg.get_long_help().and_then(|h| german(&h.to_string()));
            let values = german_values(&arg);
            // clap words "[default: …]" and "[env: …]" itself: said here in German instead.
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let env = arg.get_env().map(|e| e.to_string_lossy().into_owned());
            let mut notes = String::new();
            if !defaults.is_empty()
                && !arg.is_hide_default_value_set()
                && arg.get_num_args().is_none_or(|n| n.takes_values())
            {
                notes.push_str(&format!(" [Vorgabe: {}]", defaults.join(", ")));
            }
            if let Some(env) = env {
                notes.push_str(&format!(" [Umgebung: {env}]"));
            }
            let names: Option<Vec<clap::builder::Str>> = arg.get_value_names().map(|names| {
                names
                    .iter()
                    .map(|n| {
                        VALUE_NAMES
                            .iter()
                            .find(|(en, _)| *en == n.as_str())
                            .map_or_else(|| n.clone(), |(_, de)| (*de).into())
                    })
                    .collect()
            });
            let mut arg = arg
                .help_heading(heading)
                .hide_default_value(true)
                .hide_env(true);
            if let Some(names) = names {
                arg = arg.value_names(names);
            }
            let arg = match (help, long) {
                (Some(help), Some(long)) => arg
                    .help(format!("{help}{notes}"))
                    .long_help(format!("{long}{notes}")),
                (Some(help), None) => arg.help(format!("{help}{notes}")).long_help(None),
                (None, _) if !notes.is_empty() => {
                    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                    arg.help(format!("{help}{notes}"))
                }
                (None, _) => arg,
            };
            // clap words "Possible values:" itself: the list is written here instead.
            match values {
                Some(values) => {
                    let intro = arg
                        .get_long_help()
                        .or(arg.get_help())
                        .map(|h| format!("{h}\n\n"))
                        .unwrap_or_default();
                    arg.hide_possible_values(true)
                        .long_help(format!("{intro}Mögliche Werte:\n{values}"))
                }
                None => arg,
            }
        });
    }
    command
}

/// An argument's possible values with their German help, one per line, when any has help.
fn german_values(arg: &clap::Arg) -> Option<String> {
    let values = arg.get_possible_values();
    if values.iter().all(|v| v.get_help().is_none()) {
        return None;
    }
    let lines: Vec<String> = values
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(
            |v| match v.get_help().and_then(|h| german(&h.to_string())) {
                Some(help) => format!("- {}: {help}", v.get_name()),
                None => format!("- {}", v.get_name()),
            },
        )
        .collect();
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every visible text of the German command line is German: none is missing from the table.
    #[test]
    fn every_help_text_has_a_german_one() {
        fn walk(c: &clap::Command, missing: &mut Vec<String>) {
            if let Some(about) = c.get_about() {
                let text = about.to_string();
                if !super::TEXTS.iter().any(|(_, de)| *de == text) {
                    missing.push(format!("{}: {text}", c.get_name()));
                }
            }
            for arg in c.get_arguments().filter(|a| !a.is_hide_set()) {
                for value in arg.get_possible_values() {
                    let help = value.get_help().map(ToString::to_string);
                    if help.is_some_and(|h| super::german(&h).is_none()) {
                        missing.push(format!(
                            "{} {} {}",
                            c.get_name(),
                            arg.get_id(),
                            value.get_name()
                        ));
                    }
                }
                if let Some(help) = arg.get_help() {
                    let text = help.to_string();
                    // The German text, and after it at most its default and its variable.
                    let is_german = super::TEXTS.iter().any(|(_, de)| {
                        text.strip_prefix(de).is_some_and(|notes| {
                            notes.is_empty()
                                || notes.starts_with(" [Vorgabe: ")
                                || notes.starts_with(" [Umgebung: ")
                        })
                    });
                    if !is_german {
                        missing.push(format!("{} {}: {text}", c.get_name(), arg.get_id()));
                    }
                }
            }
            for sub in c.get_subcommands() {
                walk(sub, missing);
            }
        }
        let command = super::translate(crate::cli::Args::command());
        let mut missing = Vec::new();
        walk(&command, &mut missing);
        assert!(missing.is_empty(), "not in German: {missing:#?}");
    }

    #[test]
    fn the_german_help_reads_german() {
        let mut command = super::translate(crate::cli::Args::command());
        let help = command.render_long_help().to_string();
        assert!(help.contains("Aufruf: amtsfeed"), "{help}");
        for english in [
            "[OPTIONS]",
            "<FILE>",
            "[default:",
            "[env:",
            "Usage:",
            "Options:",
        ] {
            assert!(!help.contains(english), "{english} in:\n{help}");
        }
        let list = command
            .find_subcommand_mut("list")
            .expect("list")
            .render_long_help()
            .to_string();
        assert!(list.contains("Aufruf: amtsfeed list [OPTIONEN]"), "{list}");
        assert!(list.contains("--topic <WORT>"), "{list}");
        assert!(list.contains("Allgemeine Optionen:"), "{list}");
        for english in ["[OPTIONS]", "[default:", "[env:", "<DATE>"] {
            assert!(!list.contains(english), "{english} in:\n{list}");
        }
        assert!(help.contains("Befehle:"), "{help}");
        assert!(help.contains("Alle Feeds (oder einen) laden"), "{help}");
        let show = command
            .find_subcommand_mut("show")
            .expect("show")
            .render_long_help()
            .to_string();
        assert!(
            show.contains("Mögliche Werte:") && show.contains("- cite: Eine Quellenangabe"),
            "{show}"
        );
        assert!(!show.contains("Possible values"), "{show}");
        assert!(
            !help.contains("Usage:") && !help.contains("Download all feeds"),
            "{help}"
        );
    }
}
