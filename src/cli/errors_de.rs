//! clap's own errors in German, for a German run (its `--help` is German already, see
//! `help_de`): the same facts (what was wrong, the suggestion, the usage) in the words of the
//! rest of the program. Kinds without a German wording keep clap's English message.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The error as the German message to print, or `None` to let clap print its own.
pub fn message(error: &clap::Error) -> Option<String> {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        Some(ContextValue::String(value)) => vec![value.clone()],
        _ => Vec::new(),
    };
    let quoted = |values: &[String]| {
        values
            .iter()
            .map(|v| format!("'{v}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut out = match error.kind() {
        ErrorKind::UnknownArgument => format!("unerwartetes Argument '{arg}'"),
        ErrorKind::InvalidValue if value.is_empty() => format!("'{arg}' braucht einen Wert"),
        ErrorKind::InvalidValue => {
            let mut out = format!("ungültiger Wert '{value}' für '{arg}'");
            let valid = list(ContextKind::ValidValue);
            if !valid.is_empty() {
                out.push_str(&format!(" (möglich: {})", valid.join(", ")));
            }
            out
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|e| german_reason(&e.to_string()))
                .unwrap_or_default();
            format!("ungültiger Wert '{value}' für '{arg}': {reason}")
        }
        ErrorKind::InvalidSubcommand => format!(
            "unbekannter Befehl '{}'",
            text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand => format!(
            "'{}' braucht einen Befehl (möglich: {})",
            text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            list(ContextKind::ValidSubcommand).join(", ")
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "es fehlt, was angegeben werden muss: {}",
            quoted(&list(ContextKind::InvalidArg))
        ),
        ErrorKind::ArgumentConflict => {
            let prior = list(ContextKind::PriorArg);
            match prior.first() {
                Some(p) if *p == arg => format!("'{arg}' darf nur einmal angegeben werden"),
                Some(_) => format!("'{arg}' geht nicht zusammen mit {}", quoted(&prior)),
                None => format!("'{arg}' geht nicht zusammen mit den anderen Angaben"),
            }
        }
        ErrorKind::NoEquals => format!("'{arg}' braucht seinen Wert nach '='"),
        ErrorKind::TooManyValues => format!("zu viele Werte für '{arg}': '{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("falsche Zahl von Werten für '{arg}'")
        }
        ErrorKind::InvalidUtf8 => "ein Argument ist kein gültiges UTF-8".to_owned(),
        _ => return None,
    };
    out = format!("amtsfeed: Fehler: {out}");
    let suggested: Vec<String> = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(list)
    .collect();
    if !suggested.is_empty() {
        out.push_str(&format!(
            "\n\n  Tipp: gemeint ist wohl {}",
            quoted(&suggested)
        ));
    }
    if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
        for tip in tips {
            out.push_str(&format!("\n  Tipp: {}", german_tip(&tip.to_string())));
        }
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage
            .replace("Usage:", "Aufruf:")
            .replace("[OPTIONS]", "[OPTIONEN]")
            .replace("<COMMAND>", "<BEFEHL>");
        out.push_str(&format!("\n\n{}", usage.trim()));
    }
    out.push_str("\n\nMehr mit '--help'.");
    Some(out)
}

/// The parse errors of the standard library that flags meet, in German.
fn german_reason(reason: &str) -> String {
    match reason {
        "invalid digit found in string" => "keine ganze Zahl".to_owned(),
        "number too large to fit in target type" => "Zahl zu groß".to_owned(),
        "number too small to fit in target type" => "Zahl zu klein".to_owned(),
        "cannot parse integer from empty string" => "leer statt einer Zahl".to_owned(),
        other => other.to_owned(),
    }
}

/// clap's tips ("to pass '-x' as a value, use '-- -x'") in German.
fn german_tip(tip: &str) -> String {
    if let Some(rest) = tip.strip_prefix("to pass '") {
        if let Some((value, fix)) = rest.split_once("' as a value, use '") {
            return format!(
                "um '{value}' als Wert zu übergeben: '{}'",
                fix.trim_end_matches('\'')
            );
        }
    }
    tip.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};

    fn german_error(args: &[&str]) -> String {
        let command = super::super::help_de::translate(crate::cli::Args::command());
        let error = command
            .try_get_matches_from(args)
            .and_then(|m| crate::cli::Args::from_arg_matches(&m))
            .expect_err("an error");
        message(&error).unwrap_or_else(|| panic!("no German for {:?}", error.kind()))
    }

    #[test]
    fn clap_errors_are_german_with_their_tips_and_usage() {
        let e = german_error(&["amtsfeed", "list", "--limt", "5"]);
        assert!(
            e.starts_with("amtsfeed: Fehler: unerwartetes Argument '--limt'"),
            "{e}"
        );
        assert!(e.contains("Tipp: gemeint ist wohl '--limit'"), "{e}");
        assert!(e.contains("Aufruf: amtsfeed list"), "{e}");
        assert!(e.ends_with("Mehr mit '--help'."), "{e}");
        let e = german_error(&["amtsfeed", "list", "--limit", "viele"]);
        assert!(
            e.contains("ungültiger Wert 'viele' für '--limit <N>': keine ganze Zahl"),
            "{e}"
        );
        let e = german_error(&["amtsfeed", "list", "--format", "xml"]);
        assert!(
            e.contains("ungültiger Wert 'xml'") && e.contains("möglich:"),
            "{e}"
        );
        let e = german_error(&["amtsfeed", "lsit"]);
        assert!(e.contains("unbekannter Befehl 'lsit'"), "{e}");
        assert!(e.contains("gemeint ist wohl 'list'"), "{e}");
        for e in [
            german_error(&["amtsfeed", "show"]),
            german_error(&["amtsfeed", "list", "--new"]),
        ] {
            assert!(!e.contains("the following") && !e.contains("cannot"), "{e}");
        }
    }
}
