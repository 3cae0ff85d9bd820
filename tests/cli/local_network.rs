//! A feed from the internet must not make amtsfeed send requests into the user's network:
//! page links and redirects to loopback, private or link-local addresses are refused and
//! reported; a feed that is itself on the local network may link there.
//!
//! The fixture server plays an HTTP proxy, so the feed has a real public host name.

use crate::server::Reply;
use crate::util::TestEnv;

const FEED_HOST: &str = "www.bmi.bund.example";

fn item(title: &str, link: &str) -> String {
    format!("<item><title>{title}</title><link>{link}</link><guid>{title}</guid><description>Kurzfassung</description><pubDate>Mon, 16 Nov 2026 10:00:00 +0100</pubDate></item>")
}

fn page(text: &str) -> Reply {
    Reply::with_type(
        format!("<html><body><main><p>{text}</p></main></body></html>"),
        "text/html; charset=utf-8",
    )
}

#[test]
fn page_links_into_the_local_network_are_not_fetched_for_a_public_feed() {
    let env = TestEnv::new();
    let s = &env.server;
    let port = s.port;
    let items = [
        item(
            "Router",
            &format!("http://127.0.0.2:{port}/router/admin/reboot?confirm=1"),
        ),
        item("Intern", &format!("http://localhost:{port}/intern")),
        item("Privat", "http://192.168.1.1/setup.cgi"),
        item("Umweg", "http://www.umleitung.example/weiter"),
        item("Echt", &format!("http://{FEED_HOST}/artikel.html")),
    ];
    s.route(
        "/feed.xml",
        Reply::xml(format!(
            "<rss version=\"2.0\"><channel><title>BMI</title>{}</channel></rss>",
            items.concat()
        )),
    );
    s.route(
        "/weiter",
        Reply::Redirect(format!("http://127.0.0.1:{port}/router/admin/reboot")),
    );
    s.route(
        "/artikel.html",
        page("Der Bund stärkt den Bevölkerungsschutz."),
    );
    s.route("/router/admin/reboot", page("rebooted"));
    s.route("/intern", page("intern"));
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("BMI", &format!("http://{FEED_HOST}/feed.xml"), None)],
    );
    let out = env
        .cmd()
        .env("http_proxy", s.url(""))
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .arg("fetch")
        .output()
        .expect("fetch");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        s.requests("/feed.xml")[0].proxied_host.as_deref(),
        Some(FEED_HOST),
        "the feed came through the proxy under its public name"
    );
    assert!(s.requests("/router/admin/reboot").is_empty());
    assert!(s.requests("/intern").is_empty());
    assert_eq!(s.requests("/weiter").len(), 1, "the public hop is fetched");
    assert_eq!(s.requests("/artikel.html").len(), 1);
    let reason = |title: &str| {
        let json: serde_json::Value = serde_json::from_str(&env.ok(&[
            "show",
            &env.id_of(title).to_string(),
            "--format",
            "json",
        ]))
        .expect("json");
        json["teaser_only_reason"].as_str().unwrap_or("").to_owned()
    };
    assert!(
        reason("Router").contains("127.0.0.2 is a local network address"),
        "{}",
        reason("Router")
    );
    assert!(reason("Intern").contains("localhost is a local network address"));
    assert!(reason("Privat").contains("192.168.1.1 is a local network address"));
    assert!(reason("Umweg").contains("127.0.0.1 is a local network address"));
    assert_eq!(reason("Echt"), "");
    let echt = env.ok(&["show", &env.id_of("Echt").to_string()]);
    assert!(
        echt.contains("Der Bund stärkt den Bevölkerungsschutz."),
        "{echt}"
    );
}

#[test]
fn a_feed_on_the_local_network_may_link_there() {
    let env = TestEnv::new();
    let s = &env.server;
    s.route(
        "/feed.xml",
        Reply::xml(format!(
            "<rss version=\"2.0\"><channel><title>Intranet</title>{}</channel></rss>",
            item("Hausmitteilung", &s.url("/haus.html"))
        )),
    );
    s.route(
        "/haus.html",
        page("Die Kantine schließt am Freitag früher."),
    );
    env.write_config_with(
        "full_text = true\npage_delay_ms = 0\n",
        &[("Intranet", "/feed.xml", None)],
    );
    env.ok(&["fetch"]);
    let text = env.ok(&["show", &env.id_of("Hausmitteilung").to_string()]);
    assert!(
        text.contains("Die Kantine schließt am Freitag früher."),
        "{text}"
    );
}
