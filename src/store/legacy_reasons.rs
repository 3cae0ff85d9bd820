//! Reasons stored as English text by amtsfeed before schema 10, read back into typed
//! `Reason`s once, when the cache is upgraded (`schema`), so that they are worded in the UI's
//! language like new ones. Only the migration uses this; what it cannot read stays as text.

use crate::model::reason::{FileProblem, LooksLike, NetCause, Reason};

/// The typed reason an English text stood for, else the text itself.
pub fn parse(text: &str) -> Reason {
    parse_known(text.trim()).unwrap_or_else(|| Reason::Text {
        text: text.to_owned(),
    })
}

fn parse_known(text: &str) -> Option<Reason> {
    // A candidate after the reason: "REASON; the feed may have moved to URL: amtsfeed move 'NAME' URL".
    if let Some((first, rest)) = text.split_once("; the feed may have moved to ") {
        let (url, command) = rest.split_once(": amtsfeed move '")?;
        let (name, _) = command.rsplit_once("' ")?;
        return Some(Reason::MovedCandidate {
            reason: Box::new(parse(first)),
            name: name.to_owned(),
            url: url.to_owned(),
        });
    }
    let fixed = [
        ("empty response", Reason::EmptyResponse),
        (
            "not an RSS, Atom or JSON feed (looks like an HTML page)",
            Reason::NotAFeed {
                looks_like: LooksLike::HtmlPage,
            },
        ),
        (
            "not an RSS, Atom or JSON feed (looks like something else)",
            Reason::NotAFeed {
                looks_like: LooksLike::SomethingElse,
            },
        ),
        (
            "not an RSS, Atom or JSON feed (looks like a web page without dated teasers)",
            Reason::NotAFeed {
                looks_like: LooksLike::PageWithoutDatedTeasers,
            },
        ),
        ("the page could not be parsed", Reason::PageUnparsable),
        ("no article text found on the page", Reason::NoArticleText),
        ("the article has no web link", Reason::NoWebLink),
    ];
    if let Some((_, reason)) = fixed.into_iter().find(|(t, _)| *t == text) {
        return Some(reason);
    }
    let number = |s: &str| s.trim().parse::<u64>().ok();
    if let Some(rest) = text.strip_prefix("HTTP ") {
        if let Some(status) = rest.strip_suffix(" without a usable Location") {
            return Some(Reason::RedirectWithoutLocation {
                status: u16::try_from(number(status)?).ok()?,
            });
        }
        let (status, retry) = match rest.split_once(" (retry after ") {
            Some((status, retry)) => (status, Some(number(retry.strip_suffix(" s)")?)?)),
            None => (rest, None),
        };
        return Some(Reason::Http {
            status: u16::try_from(number(status)?).ok()?,
            retry_after: retry,
        });
    }
    if let Some(secs) = text
        .strip_prefix("timed out after ")
        .and_then(|s| s.strip_suffix(" s"))
    {
        return Some(Reason::Timeout {
            secs: number(secs)?,
        });
    }
    if let Some(rest) = text.strip_prefix("response larger than the ") {
        let (limit, setting) = rest.split_once("-byte limit (")?;
        return Some(Reason::TooLarge {
            limit: number(limit)?,
            setting: setting.strip_suffix(')')?.to_owned(),
        });
    }
    if let Some(max) = text
        .strip_prefix("more than ")
        .and_then(|s| s.strip_suffix(" redirects"))
    {
        return Some(Reason::TooManyRedirects {
            max: usize::try_from(number(max)?).ok()?,
        });
    }
    if let Some(scheme) = text
        .strip_prefix("redirect to a non-http URL (")
        .and_then(|s| s.strip_suffix(":)"))
    {
        return Some(Reason::RedirectNotHttp {
            scheme: scheme.to_owned(),
        });
    }
    if let Some(rest) = text.strip_prefix("no secure connection to ") {
        let (host, detail) = rest.split_once(": ")?;
        return Some(Reason::NoSecureConnection {
            host: host.to_owned(),
            detail: detail.to_owned(),
        });
    }
    if let Some(rest) = text.strip_prefix("no connection to ") {
        let (host, cause) = rest.split_once(": ")?;
        let cause = match cause {
            "the name does not resolve (offline?)" => NetCause::NameNotResolved,
            "connection refused" => NetCause::Refused,
            "network unreachable (offline?)" => NetCause::Unreachable,
            other => NetCause::Other(other.to_owned()),
        };
        return Some(Reason::NoConnection {
            host: host.to_owned(),
            cause,
        });
    }
    if let Some(host) = text.strip_suffix(" closed the connection") {
        return Some(Reason::ConnectionClosed {
            host: host.to_owned(),
        });
    }
    if let Some(rest) = text.strip_prefix("cannot read ") {
        let (path, detail) = rest.rsplit_once(": ")?;
        let problem = match detail {
            "not a regular file" => FileProblem::NotARegularFile,
            "not a local path" => FileProblem::NotALocalPath,
            d if d.starts_with("No such file") => FileProblem::NotFound,
            d if d.starts_with("Permission denied") => FileProblem::PermissionDenied,
            other => FileProblem::Other(other.to_owned()),
        };
        return Some(Reason::File {
            path: path.to_owned(),
            problem,
        });
    }
    if let Some(scheme) = text
        .strip_prefix("unsupported URL scheme '")
        .and_then(|s| s.strip_suffix('\''))
    {
        return Some(Reason::UnsupportedScheme {
            scheme: scheme.to_owned(),
        });
    }
    if let Some(rest) = text.strip_prefix("not fetched: ") {
        let (address, _) = rest.split_once(" is a local network address")?;
        return Some(Reason::LocalAddress {
            address: address.to_owned(),
        });
    }
    type Make = fn(String) -> Reason;
    let detailed: [(&str, Make); 5] = [
        ("malformed feed: ", |detail| Reason::Malformed { detail }),
        ("parser crashed: ", |detail| Reason::ParserCrashed {
            detail,
        }),
        ("extraction crashed: ", |detail| Reason::ExtractionCrashed {
            detail,
        }),
        ("invalid link ", |url| Reason::InvalidLink { url }),
        ("redirect failed: ", |detail| Reason::Redirect { detail }),
    ];
    for (prefix, make) in detailed {
        if let Some(rest) = text.strip_prefix(prefix) {
            return Some(make(rest.to_owned()));
        }
    }
    if let Some(content_type) = text
        .strip_prefix("not an HTML page (")
        .and_then(|s| s.strip_suffix(')'))
    {
        return Some(Reason::NotHtml {
            content_type: content_type.to_owned(),
        });
    }
    if let Some(notice) = text
        .strip_prefix("the page says it does not exist: \u{201c}")
        .and_then(|s| s.strip_suffix('\u{201d}'))
    {
        return Some(Reason::ErrorPage {
            notice: notice.to_owned(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every reason as an older amtsfeed wrote it reads back as the reason, which words it
    /// in the same English again.
    #[test]
    fn english_reasons_read_back_into_the_reasons_they_were() {
        let reasons = vec![
            Reason::Http {
                status: 404,
                retry_after: None,
            },
            Reason::Http {
                status: 503,
                retry_after: Some(120),
            },
            Reason::Timeout { secs: 30 },
            Reason::TooLarge {
                limit: 2_097_152,
                setting: "max_feed_bytes".into(),
            },
            Reason::TooManyRedirects { max: 10 },
            Reason::RedirectWithoutLocation { status: 301 },
            Reason::RedirectNotHttp {
                scheme: "ftp".into(),
            },
            Reason::Redirect {
                detail: "error following redirect".into(),
            },
            Reason::NoConnection {
                host: "www.bmas.de".into(),
                cause: NetCause::NameNotResolved,
            },
            Reason::NoConnection {
                host: "127.0.0.1".into(),
                cause: NetCause::Refused,
            },
            Reason::NoConnection {
                host: "x.example".into(),
                cause: NetCause::Unreachable,
            },
            Reason::NoConnection {
                host: "x.example".into(),
                cause: NetCause::Other("something".into()),
            },
            Reason::NoSecureConnection {
                host: "x.example".into(),
                detail: "UnknownIssuer".into(),
            },
            Reason::ConnectionClosed {
                host: "x.example".into(),
            },
            Reason::File {
                path: "/srv/feed.xml".into(),
                problem: FileProblem::NotARegularFile,
            },
            Reason::UnsupportedScheme {
                scheme: "gopher".into(),
            },
            Reason::LocalAddress {
                address: "192.168.1.1".into(),
            },
            Reason::EmptyResponse,
            Reason::NotAFeed {
                looks_like: LooksLike::HtmlPage,
            },
            Reason::NotAFeed {
                looks_like: LooksLike::SomethingElse,
            },
            Reason::Malformed {
                detail: "unexpected end of file".into(),
            },
            Reason::ParserCrashed {
                detail: "task panicked".into(),
            },
            Reason::MovedCandidate {
                reason: Box::new(Reason::Http {
                    status: 404,
                    retry_after: None,
                }),
                name: "BMI Presse".into(),
                url: "https://www.bmi.bund.de/neu.xml".into(),
            },
            Reason::InvalidLink {
                url: "ht!tp://x".into(),
            },
            Reason::NoWebLink,
            Reason::NotHtml {
                content_type: "application/pdf".into(),
            },
            Reason::PageUnparsable,
            Reason::NoArticleText,
            Reason::ExtractionCrashed {
                detail: "oops".into(),
            },
            Reason::ErrorPage {
                notice: "Fehler 404 - Seite nicht gefunden".into(),
            },
        ];
        for reason in reasons {
            let english = Lang::En.reason(&reason);
            assert_eq!(parse(&english), reason, "{english}");
        }
        assert_eq!(
            parse("Service Unavailable"),
            Reason::Text {
                text: "Service Unavailable".into()
            }
        );
    }
}
