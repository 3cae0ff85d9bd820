//! OPML 2.0: export the configured feeds, and read the feeds of another reader's OPML file.
//! Only http(s) `xmlUrl`s are imported: nothing in an OPML file can run a command or read
//! local files.

use crate::model::reason::OpmlProblem;
use quick_xml::escape::escape;
use quick_xml::events::Event;

use crate::config::FeedConfig;

/// A feed found in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    pub name: String,
    pub url: String,
    /// Titles of the enclosing outlines (folders), used as topics.
    pub topics: Vec<String>,
}

/// What an OPML file held: usable feeds and the outlines that were skipped, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpmlImport {
    pub feeds: Vec<OpmlFeed>,
    pub skipped: Vec<crate::model::reason::AddNote>,
}

/// Writes an OPML 2.0 document for `feeds`.
pub fn export(feeds: &[FeedConfig]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>amtsfeed</title>\n  </head>\n  <body>\n",
    );
    for feed in feeds {
        let category = feed.topics.join(",");
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{url}\"{category}/>\n",
            name = escape(feed.name.as_str()),
            url = escape(feed.url.as_str()),
            category = if category.is_empty() { String::new() } else { format!(" category=\"{}\"", escape(category.as_str())) },
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Reads the feeds of an OPML file; `Err` when it is not well-formed XML.
pub fn import(xml: &str) -> Result<OpmlImport, OpmlProblem> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut result = OpmlImport::default();
    let mut seen = Seen::default();
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_opml = false;
    // Open elements, outermost first: a file that ends inside one was cut off.
    let mut open: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| OpmlProblem::Malformed {
            at: reader.buffer_position(),
            detail: e.to_string(),
        })?;
        match &event {
            Event::Start(e) => open.push(e.local_name().into_inner().to_owned()),
            Event::End(_) => {
                open.pop();
            }
            Event::Eof if !open.is_empty() => {
                return Err(OpmlProblem::EndsEarly {
                    inside: open[0].clone(),
                });
            }
            _ => {}
        }
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "opml" => {
                saw_opml = true
            }
            Event::Start(e) if e.local_name().as_ref() == "outline" => {
                let outline = read_outline(&e);
                let folder = match &outline.url {
                    Some(_) => None,
                    None => outline.title.clone(),
                };
                take_outline(outline, &folders, &mut seen, &mut result);
                folders.push(folder);
            }
            Event::Empty(e) if e.local_name().as_ref() == "outline" => {
                take_outline(read_outline(&e), &folders, &mut seen, &mut result);
            }
            Event::End(e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        if result.feeds.len() > crate::config::MAX_FEEDS {
            return Err(OpmlProblem::TooManyFeeds {
                max: crate::config::MAX_FEEDS,
            });
        }
    }
    if !saw_opml {
        return Err(OpmlProblem::NotOpml);
    }
    Ok(result)
}

struct Outline {
    title: Option<String>,
    url: Option<String>,
}

fn read_outline(e: &quick_xml::events::BytesStart<'_>) -> Outline {
    let mut outline = Outline {
        title: None,
        url: None,
    };
    // `title` wins over `text`; either may be present but empty (newsboat writes `title=""`
    // for feeds it has not fetched yet).
    let mut text = None;
    for attr in e.attributes().flatten() {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match attr.key.as_ref() {
            "xmlUrl" | "xmlurl" => outline.url = Some(value.trim().to_owned()),
            "title" => outline.title = Some(crate::text::clean_inline(&value)),
            "text" => text = Some(crate::text::clean_inline(&value)),
            _ => {}
        }
    }
    outline.title = outline
        .title
        .filter(|t| !t.is_empty())
        .or(text.filter(|t| !t.is_empty()));
    outline
}

/// URLs and names of the feeds taken so far, for constant-time duplicate checks.
#[derive(Default)]
struct Seen {
    urls: std::collections::HashSet<String>,
    names: crate::config::UniqueNames,
}

fn take_outline(
    outline: Outline,
    folders: &[Option<String>],
    seen: &mut Seen,
    result: &mut OpmlImport,
) {
    let Some(url) = outline.url else { return };
    let parsed = url::Url::parse(&url);
    let name = match outline.title {
        Some(title) => title,
        // Without a title the host names the feed ("www.bmi.bund.de", then "… (2)").
        None => {
            let base = parsed
                .as_ref()
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| crate::text::sanitize(&url).into_owned());
            seen.names.claim(&base)
        }
    };
    match parsed {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {
            if !seen.urls.insert(parsed.as_str().to_owned()) {
                result
                    .skipped
                    .push(crate::model::reason::AddNote::DuplicateOutline { name });
                return;
            }
            seen.names.insert(&name);
            let topics = folders.iter().flatten().cloned().collect();
            result.feeds.push(OpmlFeed {
                name,
                url: parsed.to_string(),
                topics,
            });
        }
        _ => result.skipped.push(crate::model::reason::AddNote::NotHttp {
            name,
            url: crate::text::sanitize(&url).into_owned(),
        }),
    }
}

impl From<OpmlFeed> for crate::config::edit::NewFeed {
    fn from(feed: OpmlFeed) -> Self {
        Self {
            name: feed.name,
            url: feed.url,
            ministry: None,
            topics: feed.topics,
            listing: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlines(n: usize, titled: bool) -> String {
        let body: String = (0..n)
            .map(|i| {
                let title = if titled {
                    format!(" text=\"Feed {i}\"")
                } else {
                    String::new()
                };
                format!("<outline type=\"rss\"{title} xmlUrl=\"https://www.bund.de/{i}.xml\"/>")
            })
            .collect();
        format!("<opml version=\"2.0\"><body>{body}</body></opml>")
    }

    #[test]
    fn more_outlines_than_amtsfeed_reads_are_refused() {
        let most = import(&outlines(crate::config::MAX_FEEDS, true)).expect("at the limit");
        assert_eq!(most.feeds.len(), crate::config::MAX_FEEDS);
        let err = import(&outlines(crate::config::MAX_FEEDS + 1, true)).expect_err("over");
        assert_eq!(err, OpmlProblem::TooManyFeeds { max: 10_000 });
    }

    #[test]
    fn thousands_of_untitled_outlines_on_one_host_get_numbered_names() {
        let result = import(&outlines(5_000, false)).expect("import");
        assert_eq!(result.feeds[0].name, "www.bund.de");
        assert_eq!(result.feeds[1].name, "www.bund.de (2)");
        assert_eq!(result.feeds[4_999].name, "www.bund.de (5000)");
    }

    #[test]
    fn import_newsboat_style_with_folders_and_hostile_entries() {
        let xml = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>newsboat - Exported Feeds</title></head><body>
<outline type="rss" xmlUrl="https://www.bmi.bund.de/feed.xml" htmlUrl="https://www.bmi.bund.de" title="BMI &amp; Heimat"/>
<outline title="Umwelt"><outline text="BMUKN" xmlUrl="https://www.bundesumweltministerium.de/umwelt.rss"/></outline>
<outline type="rss" xmlUrl="exec:rm -rf ~" title="Befehl"/>
<outline type="rss" xmlUrl="file:///etc/passwd" title="Datei"/>
<outline type="rss" xmlUrl="https://www.bmi.bund.de/feed.xml" title="Doppelt"/>
</body></opml>"#;
        let result = import(xml).expect("valid OPML");
        assert_eq!(
            result.feeds,
            vec![
                OpmlFeed {
                    name: "BMI & Heimat".into(),
                    url: "https://www.bmi.bund.de/feed.xml".into(),
                    topics: vec![]
                },
                OpmlFeed {
                    name: "BMUKN".into(),
                    url: "https://www.bundesumweltministerium.de/umwelt.rss".into(),
                    topics: vec!["Umwelt".into()]
                },
            ]
        );
        assert_eq!(result.skipped.len(), 3);
    }

    #[test]
    fn malformed_opml_is_an_error() {
        assert!(matches!(
            import("<opml><body><outline").expect_err("cut in a tag"),
            OpmlProblem::Malformed { at: 20, .. }
        ));
        for truncated in [
            "<opml version=\"2.0\"><body><outline text=\"BMI\" xmlUrl=\"https://www.bmi.bund.de/rss.xml\"/>",
            "<opml><body><outline text=\"Ordner\"><outline xmlUrl=\"https://a.de/x\"/>",
        ] {
            assert_eq!(
                import(truncated).expect_err(truncated),
                OpmlProblem::EndsEarly {
                    inside: "opml".into()
                }
            );
        }
        assert_eq!(
            import("<html></html>").expect_err("html"),
            OpmlProblem::NotOpml
        );
    }

    #[test]
    fn export_round_trips() {
        let config = crate::config::Config::bundled().expect("bundled");
        let xml = export(&config.feeds);
        let back = import(&xml).expect("own export parses");
        assert_eq!(back.feeds.len(), config.feeds.len());
        assert_eq!(back.feeds[0].url, config.feeds[0].url.as_str());
        let new: Vec<crate::config::edit::NewFeed> =
            back.feeds.into_iter().map(Into::into).collect();
        let mut doc = toml_edit::DocumentMut::new();
        crate::config::edit::add_feeds(&mut doc, &new).expect("added");
        let reparsed = crate::config::Config::parse(&doc.to_string(), "x", None)
            .expect("the added feeds are a valid config");
        let names_urls = |c: &crate::config::Config| -> Vec<(String, String)> {
            c.feeds
                .iter()
                .map(|f| (f.name.clone(), f.url.to_string()))
                .collect()
        };
        assert_eq!(names_urls(&reparsed), names_urls(&config));
    }

    #[test]
    fn newsboat_export_without_titles_gets_host_names() {
        // Written by `newsboat -e` (2.21) for feeds it had not fetched yet: `title=""`, no
        // `text`, flat (newsboat tags are not exported).
        let xml = include_str!("../tests/fixtures/opml/newsboat-2.21-export.opml");
        let import = import(xml).expect("parses");
        let names: Vec<&str> = import.feeds.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "www.bmi.bund.de",
                "www.bundesregierung.de",
                "Tagesschau",
                "www.bmas.de"
            ]
        );
        assert!(import.skipped.is_empty());
    }
}
