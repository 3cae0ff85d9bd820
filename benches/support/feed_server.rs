//! A synthetic feed server for fetch benchmarks: N feeds on loopback addresses, an optional
//! delay per response, ETag/304. Thread per connection, `Connection: close`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

pub struct FeedServer {
    /// `http://127.0.0.x:port` per listener.
    pub bases: Vec<String>,
}

impl FeedServer {
    /// Serves `/feed/<i>.xml` for each body on every address in `addrs`.
    pub fn start(bodies: Vec<String>, addrs: &[&str], delay: Duration) -> std::io::Result<Self> {
        Self::start_with_pages(bodies, Vec::new(), addrs, delay)
    }

    /// Also serves `/page/<i>.html` (HTML article pages) for each page.
    pub fn start_with_pages(
        bodies: Vec<String>,
        pages: Vec<String>,
        addrs: &[&str],
        delay: Duration,
    ) -> std::io::Result<Self> {
        let bodies = Arc::new((bodies, pages));
        let mut bases = Vec::new();
        for addr in addrs {
            let listener = TcpListener::bind(format!("{addr}:0"))?;
            bases.push(format!("http://{}", listener.local_addr()?));
            let bodies = Arc::clone(&bodies);
            thread::spawn(move || {
                for stream in listener.incoming().flatten() {
                    let bodies = Arc::clone(&bodies);
                    thread::spawn(move || serve(stream, &bodies, delay));
                }
            });
        }
        Ok(Self { bases })
    }
}

fn serve(mut stream: TcpStream, content: &(Vec<String>, Vec<String>), delay: Duration) {
    let (bodies, pages) = content;
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut if_none_match = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            if k.trim().eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(v.trim().to_owned());
            }
        }
    }
    if !delay.is_zero() {
        thread::sleep(delay);
    }
    if let Some(page) = path
        .strip_prefix("/page/")
        .and_then(|p| p.strip_suffix(".html"))
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|i| pages.get(i))
    {
        let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", page.len());
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(page.as_bytes()));
        return;
    }
    let index: Option<usize> = path
        .strip_prefix("/feed/")
        .and_then(|p| p.strip_suffix(".xml"))
        .and_then(|n| n.parse().ok());
    let response = match index.and_then(|i| bodies.get(i).map(|b| (i, b))) {
        Some((i, _)) if if_none_match.as_deref() == Some(&format!("\"f{i}\"")) => {
            format!("HTTP/1.1 304 Not Modified\r\nETag: \"f{i}\"\r\nConnection: close\r\n\r\n")
                .into_bytes()
        }
        Some((i, body)) => {
            let mut r = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nContent-Length: {}\r\nETag: \"f{i}\"\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            r.extend_from_slice(body.as_bytes());
            r
        }
        None => {
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    };
    let _ = stream.write_all(&response);
}
