//! Site rules: where the article, its title, type, topics and date are on each ministry's
//! pages (from working scrapers; see shared/ministry-feeds.md), plus the generic fallback.

/// Selectors for one family of sites. Every list is tried in order; the first match wins.
pub struct SiteRule {
    pub name: &'static str,
    /// Host names (without `www.`); subdomains match too.
    pub hosts: &'static [&'static str],
    /// Elements whose presence picks this rule for other hosts.
    pub markers: &'static [&'static str],
    pub container: &'static [&'static str],
    /// A lead paragraph outside the container, put first.
    pub lead: Option<&'static str>,
    pub title: &'static [&'static str],
    pub kind: &'static [&'static str],
    pub topics: &'static [&'static str],
    pub date: &'static [&'static str],
    /// Removed from the container besides the common boilerplate.
    pub drop: &'static [&'static str],
}

const NONE: &[&str] = &[];

/// Removed from every container: navigation, screen-reader labels, share and print bars,
/// cookie notices, forms, scripts, and the title (shown separately).
pub const BOILERPLATE: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "form",
    "button",
    "nav",
    "footer",
    "aside",
    "h1",
    ".aural",
    "[hidden]",
    "[aria-hidden=true]",
    "[class*=breadcrumb]",
    "[class*=skiplink]",
    "[class*=share]",
    "[class*=print]",
    "[class*=cookie]",
    "[class*=social]",
    "[class*=navigation]",
    "[class*=c-nav]",
    "[class*=pagination]",
    "[class*=related]",
    // ReadSpeaker's "Vorlesen" button, on many public sites.
    "[class*=rsbtn]",
    "[class*=readspeaker]",
];

/// Government Site Builder (GSB 10/11): bmi.bund.de, bmwsb.bund.de, onlinezugangsgesetz.de and
/// every page that carries the GSB stage.
const GSB: SiteRule = SiteRule {
    name: "gsb",
    hosts: &[
        "bmi.bund.de",
        "bmwsb.bund.de",
        "onlinezugangsgesetz.de",
        "bsi.bund.de",
    ],
    markers: &[".c-content-stage", ".c-content-article"],
    container: &[
        "#content .c-content-article",
        "#main .c-content-article",
        "#main",
    ],
    lead: Some("p.c-content-stage__p"),
    title: &[
        "h1.c-content-stage__headline",
        "h1.c-header__h",
        ".c-content-article > h1",
    ],
    kind: &[".c-content-stage__type"],
    topics: &[".c-content-stage__theme"],
    date: &[".c-content-stage__date", "p.dateOfRevision"],
    drop: &[".c-content-stage"],
};

const BUNDESREGIERUNG: SiteRule = SiteRule {
    name: "bundesregierung",
    hosts: &["bundesregierung.de", "bundeskanzler.de"],
    markers: &[".bpa-article"],
    container: &[".bpa-article"],
    lead: Some(".bpa-short-text p"),
    title: &[".bpa-teaser-title-text"],
    kind: NONE,
    topics: NONE,
    date: &[".bpa-time time[datetime]", ".bpa-time"],
    drop: NONE,
};

const AUSWAERTIGES_AMT: SiteRule = SiteRule {
    name: "auswaertiges-amt",
    hosts: &["auswaertiges-amt.de"],
    markers: &[".c-rte--default"],
    container: &["div.c-rte--default"],
    lead: Some("p.heading__intro"),
    title: &["header h1.heading__title", "h1.heading__title"],
    kind: &["span.heading__meta"],
    topics: &["[class*=tagcloud] a[title]", "ul.link-list__list a[title]"],
    date: &["span.heading__meta"],
    drop: NONE,
};

const BMF: SiteRule = SiteRule {
    name: "bmf",
    hosts: &["bundesfinanzministerium.de"],
    markers: &["div.bmf-date"],
    container: &["div.article-text"],
    lead: None,
    title: &["div.article-header h1"],
    kind: &["p.dachzeile"],
    topics: NONE,
    date: &["div.bmf-date"],
    drop: NONE,
};

const BMJ: SiteRule = SiteRule {
    name: "bmjv",
    hosts: &["bmjv.de", "bmj.de"],
    markers: &[".c-page-intro__headline"],
    container: &[".s-richtext"],
    lead: Some(".c-page-intro__text"),
    title: &["h1.c-page-intro__headline"],
    kind: NONE,
    topics: NONE,
    date: &[".c-meta-info > time[datetime]"],
    drop: NONE,
};

const BMWE: SiteRule = SiteRule {
    name: "bmwe",
    hosts: &["bundeswirtschaftsministerium.de", "bmwk.de", "bmwe.de"],
    markers: &["div.main-head .title"],
    container: &["div.main-content div.content"],
    lead: None,
    title: &["div.main-head .title"],
    kind: &["span.topline-descriptor"],
    topics: &["a.tag span"],
    date: &["p.topline > span.date"],
    drop: NONE,
};

const BMG: SiteRule = SiteRule {
    name: "bmg",
    hosts: &["bundesgesundheitsministerium.de"],
    markers: &[".c-component--page-date"],
    container: &[".c-component--content .c-text"],
    lead: Some(".c-page-title p"),
    title: &[".c-page-title h1"],
    kind: NONE,
    topics: NONE,
    date: &[".c-component--page-date"],
    drop: NONE,
};

const BMUKN: SiteRule = SiteRule {
    name: "bmukn",
    hosts: &["bundesumweltministerium.de", "bmuv.de"],
    // By host only: `itemprop=articleBody` marks the article on many other sites too.
    markers: NONE,
    container: &["[itemprop=articleBody]"],
    lead: None,
    title: &[".c-hero h1"],
    kind: NONE,
    topics: NONE,
    date: &[".c-hero__rubric"],
    drop: NONE,
};

const BMVG: SiteRule = SiteRule {
    name: "bmvg",
    hosts: &["bmvg.de"],
    markers: &[".content-header__headline-text"],
    container: &[".section__content"],
    lead: None,
    title: &["h1.content-header__headline-text"],
    kind: &[".content-header__headline-label"],
    topics: NONE,
    date: &[".content-header__headline-date time"],
    drop: NONE,
};

const BMZ: SiteRule = SiteRule {
    name: "bmz",
    hosts: &["bmz.de"],
    markers: &[".rte__detailtext"],
    container: &[".rte__detailtext"],
    lead: Some(".l-detail-page__teaser-text"),
    title: &["meta[property='og:title']"],
    kind: &[".l-detail-page__roofline-main"],
    topics: NONE,
    date: NONE,
    drop: NONE,
};

const BMAS: SiteRule = SiteRule {
    name: "bmas",
    hosts: &["bmas.de"],
    markers: &["article div.body-text"],
    container: &["article div.body-text"],
    lead: Some("div[data-slot=pp-text]"),
    title: &["article h1[data-slot=pp-headline]"],
    kind: NONE,
    topics: &["pp-document-tags pp-tag"],
    date: &["article time[datetime]"],
    drop: NONE,
};

const BMDS: SiteRule = SiteRule {
    name: "bmds",
    hosts: &["bmds.bund.de"],
    markers: NONE,
    container: &[".ce-bodytext"],
    lead: None,
    title: &["h1"],
    kind: &[".date-text"],
    topics: NONE,
    date: &[".date-text"],
    drop: NONE,
};

/// The site rules, most specific first.
pub const RULES: &[SiteRule] = &[
    BUNDESREGIERUNG,
    AUSWAERTIGES_AMT,
    BMF,
    BMJ,
    BMWE,
    BMG,
    BMUKN,
    BMVG,
    BMZ,
    BMAS,
    BMDS,
    GSB,
];

/// Any other site: the body its microdata marks, else the usual content containers; the
/// description its microdata marks as the lead; `h1`, `time[datetime]`.
pub const GENERIC: SiteRule = SiteRule {
    name: "generic",
    hosts: NONE,
    markers: NONE,
    container: &[
        "[itemprop=articleBody]",
        "main",
        "article",
        "#content",
        "#main",
        "[role=main]",
    ],
    lead: Some("[itemprop=description]:not(meta)"),
    title: &[
        "h1",
        "[itemprop=headline]",
        "meta[property='og:title']",
        "title",
    ],
    kind: NONE,
    topics: NONE,
    date: &["time[datetime]", "meta[property='article:published_time']"],
    drop: NONE,
};
