//! A tiny HTTP/1.1 fixture server on 127.0.0.1 (random port) with the misbehaviours real
//! servers show: stalls, missing lengths, redirects, ETags, error statuses.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// How the server answers one path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with a body; with an ETag, a matching If-None-Match gets 304.
    Ok {
        body: Vec<u8>,
        content_type: String,
        etag: Option<String>,
    },
    /// 200 without Content-Length, the body delimited by closing the connection.
    Unsized {
        body: Vec<u8>,
    },
    Status(u16),
    /// An error status with a `Retry-After` (seconds).
    RetryAfter(u16, u64),
    /// 301 Moved Permanently.
    Redirect(String),
    /// 302 Found: a temporary redirect.
    Found(String),
    /// A load balancer that sets a cookie with a 303 to the same address and serves the body
    /// only to a client that sends the cookie back (as recht.bund.de does).
    CookieGate {
        cookie: String,
        body: Vec<u8>,
    },
    /// Headers promising a body, then silence.
    Stall,
    /// Exactly these headers and this body (e.g. `Content-Encoding: gzip`, no content type).
    Raw {
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// A valid response sent one byte per second.
    Trickle(Vec<u8>),
    /// Another reply, after a pause.
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    pub fn xml(body: impl Into<Vec<u8>>) -> Self {
        Reply::Ok {
            body: body.into(),
            content_type: "application/rss+xml; charset=utf-8".into(),
            etag: None,
        }
    }
    pub fn with_type(body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        Reply::Ok {
            body: body.into(),
            content_type: content_type.into(),
            etag: None,
        }
    }
    pub fn with_etag(body: impl Into<Vec<u8>>, etag: &str) -> Self {
        Reply::Ok {
            body: body.into(),
            content_type: "text/xml;charset=utf-8".into(),
            etag: Some(etag.into()),
        }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    /// The host named in a proxy request (`GET http://host/path`).
    pub proxied_host: Option<String>,
    pub headers: HashMap<String, String>,
    pub at: std::time::Instant,
}

#[derive(Clone)]
pub struct Server {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    /// Replies for every path that starts with a prefix (when no exact route answers).
    prefixes: Arc<Mutex<Vec<(String, Reply)>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Requests being answered now, and the most there ever were at once.
    in_flight: Arc<Mutex<(usize, usize)>>,
}

impl Server {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("addr").port();
        let server = Server {
            port,
            routes: Arc::default(),
            prefixes: Arc::default(),
            seen: Arc::default(),
            in_flight: Arc::default(),
        };
        let handler = server.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = handler.clone();
                thread::spawn(move || handler.serve(stream));
            }
        });
        server
    }

    /// The most requests this server was answering at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.in_flight.lock().expect("in flight").1
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn route(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_owned(), reply);
    }

    /// A reply for every path that starts with `prefix` (a query whose value varies).
    pub fn route_prefix(&self, prefix: &str, reply: Reply) {
        self.prefixes
            .lock()
            .expect("prefixes")
            .push((prefix.to_owned(), reply));
    }

    /// Every request whose path starts with `prefix`, in arrival order.
    pub fn requests_under(&self, prefix: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .expect("seen")
            .iter()
            .filter(|s| s.path.starts_with(prefix))
            .cloned()
            .collect()
    }

    pub fn requests(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .expect("seen")
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }

    fn serve(&self, stream: TcpStream) {
        let Some(seen) = read_request(&stream) else {
            return;
        };
        self.seen.lock().expect("seen").push(seen.clone());
        // A request is in flight from its arrival until its answer starts: the client can
        // send its next one only after that, so the count is exact even when this thread is
        // slow to finish writing.
        {
            let mut counts = self.in_flight.lock().expect("in flight");
            counts.0 += 1;
            counts.1 = counts.1.max(counts.0);
        }
        let mut reply = self.routes.lock().expect("routes").get(&seen.path).cloned();
        if reply.is_none() {
            reply = self
                .prefixes
                .lock()
                .expect("prefixes")
                .iter()
                .find(|(prefix, _)| seen.path.starts_with(prefix.as_str()))
                .map(|(_, r)| r.clone());
        }
        while let Some(Reply::Delayed(pause, inner)) = reply {
            thread::sleep(pause);
            reply = Some(*inner);
        }
        self.in_flight.lock().expect("in flight").0 -= 1;
        Self::answer(stream, &seen, reply);
    }

    fn answer(mut stream: TcpStream, seen: &Seen, reply: Option<Reply>) {
        let _ = match reply {
            None => respond(&mut stream, 404, &[], b"not found"),
            Some(Reply::Delayed(..)) => Ok(()), // unwrapped above
            Some(Reply::Status(code)) => respond(&mut stream, code, &[], b"error"),
            Some(Reply::RetryAfter(code, secs)) => respond(
                &mut stream,
                code,
                &[("Retry-After", secs.to_string().as_str())],
                b"later",
            ),
            Some(Reply::Redirect(to)) => {
                respond(&mut stream, 301, &[("Location", to.as_str())], b"")
            }
            Some(Reply::Found(to)) => respond(&mut stream, 302, &[("Location", to.as_str())], b""),
            Some(Reply::CookieGate { cookie, body }) => {
                let sent = seen
                    .headers
                    .get("cookie")
                    .is_some_and(|c| c.split(';').any(|p| p.trim() == cookie));
                if sent {
                    respond(
                        &mut stream,
                        200,
                        &[("Content-Type", "application/rss+xml; charset=utf-8")],
                        &body,
                    )
                } else {
                    let set = format!("{cookie}; Path=/");
                    respond(
                        &mut stream,
                        303,
                        &[
                            ("Set-Cookie", set.as_str()),
                            ("Location", seen.path.as_str()),
                        ],
                        b"",
                    )
                }
            }
            Some(Reply::Ok {
                body,
                content_type,
                etag,
            }) => {
                let if_none_match = seen.headers.get("if-none-match");
                match etag {
                    Some(tag) if if_none_match == Some(&tag) => {
                        respond(&mut stream, 304, &[("ETag", tag.as_str())], b"")
                    }
                    Some(tag) => respond(
                        &mut stream,
                        200,
                        &[
                            ("Content-Type", content_type.as_str()),
                            ("ETag", tag.as_str()),
                        ],
                        &body,
                    ),
                    None => respond(
                        &mut stream,
                        200,
                        &[("Content-Type", content_type.as_str())],
                        &body,
                    ),
                }
            }
            Some(Reply::Unsized { body }) => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n";
                stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.write_all(&body))
            }
            Some(Reply::Raw { headers, body }) => {
                let pairs: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                respond(&mut stream, 200, &pairs, &body)
            }
            Some(Reply::Trickle(body)) => {
                let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let mut result = stream.write_all(head.as_bytes());
                for byte in body.iter().take(20) {
                    if result.is_err() {
                        break;
                    }
                    result = stream.write_all(&[*byte]).and_then(|()| stream.flush());
                    thread::sleep(Duration::from_secs(1));
                }
                result
            }
            Some(Reply::Stall) => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n<rss";
                let result = stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.flush());
                thread::sleep(Duration::from_secs(8));
                result
            }
        };
    }
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let target = line.split_whitespace().nth(1)?;
    // A request through this server as an HTTP proxy names the whole URL: keep its path (a
    // route serves any host), and the host in `proxied_host`.
    let (path, host) = match target.strip_prefix("http://") {
        Some(rest) => {
            let slash = rest.find('/').unwrap_or(rest.len());
            (rest[slash..].to_owned(), Some(rest[..slash].to_owned()))
        }
        None => (target.to_owned(), None),
    };
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    Some(Seen {
        path,
        proxied_host: host,
        headers,
        at: std::time::Instant::now(),
    })
}

fn respond(
    stream: &mut TcpStream,
    code: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {code} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}
