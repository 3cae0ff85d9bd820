//! On-page topics: only from topic elements. Navigation, language switchers, share bars,
//! footers and type tags never give topics; a language or a social network named as a topic
//! is dropped as a last safeguard.

use scraper::{ElementRef, Html};

use super::{select_all, visible_text};

/// Names that are never topics: language switcher entries, share targets, page actions.
const NOT_TOPICS: &[&str] = &[
    // Languages as switchers name them.
    "deutsch",
    "english",
    "français",
    "francais",
    "español",
    "espanol",
    "português",
    "italiano",
    "polski",
    "türkçe",
    "русский",
    "українська",
    "عربي",
    "العربية",
    "فارسی",
    "دری",
    "پښتو",
    "中文",
    "日本語",
    "nederlands",
    "ελληνικά",
    "română",
    "български",
    "čeština",
    "magyar",
    "hrvatski",
    "srpski",
    "dansk",
    "svenska",
    "suomi",
    "norsk",
    "tiếng việt",
    "kurdî",
    "leichte sprache",
    "gebärdensprache",
    "dgs",
    "de",
    "en",
    "fr",
    // Share targets and page actions.
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "instagram",
    "linkedin",
    "xing",
    "mastodon",
    "youtube",
    "threads",
    "bluesky",
    "telegram",
    "pinterest",
    "flickr",
    "tiktok",
    "mail",
    "e-mail",
    "email",
    "drucken",
    "teilen",
    "print",
    "share",
    "rss",
    "newsletter",
    "seite drucken",
    "seite teilen",
];

/// The longest text a topic tag has.
const MAX_TOPIC_CHARS: usize = 60;

pub fn find(document: &Html, selectors: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for selector in selectors {
        for element in select_all(document, selector) {
            if !is_topic_element(&element) {
                continue;
            }
            let text = visible_text(&element);
            if is_topic_text(&text) && !out.iter().any(|t| t.to_lowercase() == text.to_lowercase())
            {
                out.push(text);
            }
        }
    }
    out
}

/// Not in page furniture (navigation, footer, language or share lists) and not a tag that
/// names the document type (those give the kind). Tag lists are furniture inside an article's
/// text but exactly where topics live.
fn is_topic_element(element: &ElementRef<'_>) -> bool {
    let blocks_topics = |a: &ElementRef<'_>| {
        let words = super::boilerplate::class_words(a);
        let tag_list = words
            .iter()
            .any(|w| matches!(w.as_str(), "tagcloud" | "tags" | "tag" | "schlagworte"));
        match a.value().name() {
            "footer" | "form" | "aside" => true,
            // The page header; an article's own header may carry its tags.
            "header" => !a
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|p| matches!(p.value().name(), "article" | "main")),
            "nav" => !tag_list,
            _ => super::boilerplate::is_furniture(a) && !tag_list,
        }
    };
    let in_furniture = std::iter::once(*element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(|a| blocks_topics(&a));
    !in_furniture && !super::kind::is_type_tag(element)
}

pub fn is_topic_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    !text.is_empty()
        && text.chars().count() <= MAX_TOPIC_CHARS
        && !NOT_TOPICS.contains(&lower.as_str())
        && !lower.starts_with('@')
        && !lower.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_shares_footers_and_type_tags_are_no_topics() {
        let doc = Html::parse_document(
            r#"<div class="c-link-list--languages"><ul class="link-list__list"><li><a title="Deutsch" href="/de">Deutsch</a></li><li><a title="English" href="/en">English</a></li></ul></div>
            <main><div class="c-link-list--tagcloud"><ul class="link-list__list"><li><a title="Italien" href="/s?q=Italien">Italien</a></li></ul></div>
            <ul class="share"><li><a title="Facebook" href="https://facebook.com/sharer.php">Facebook</a></li></ul>
            <pp-document-tags><pp-tag><pp-link href="/s?cl2Categories_Themen=arbeitsschutz">Arbeitsschutz</pp-link></pp-tag>
            <pp-tag><pp-link href="/s?documentType_=news">Meldung</pp-link></pp-tag></pp-document-tags></main>
            <footer><nav class="tags"><a class="tag" href="/t">Energiewende</a></nav></footer>"#,
        );
        assert_eq!(find(&doc, &["ul.link-list__list a[title]"]), ["Italien"]);
        assert_eq!(find(&doc, &["pp-document-tags pp-link"]), ["Arbeitsschutz"]);
        assert!(find(&doc, &["a.tag", "[title=Facebook]"]).is_empty());
    }

    #[test]
    fn the_name_safeguard() {
        for t in [
            "English",
            "WhatsApp",
            "Русский",
            "عربي",
            "Mail",
            "@BSI_Bund",
            "",
        ] {
            assert!(!is_topic_text(t), "{t}");
        }
        for t in ["Italien", "Digitalisierung", "Katastrophenschutz"] {
            assert!(is_topic_text(t), "{t}");
        }
    }
}
