//! A small HTTP client for the checks: ureq with every status treated as data
//! (a 422 is an answer, not an error), raw bodies with any method and
//! Content-Type, and a log of every response so that whole-run passes
//! (nosniff, error shape, ids) can look back over everything the server said.
//! For the race checks it also sends several requests at the same moment, from
//! threads sharing the agent's connection pool. It knows nothing about the API
//! itself.

use std::sync::Barrier;
use std::time::Duration;

use serde_json::Value;
use ureq::http::{self, Method};

use crate::error::Error;

/// The most of a response body kept; bigger bodies are only images.
const MAX_BODY: u64 = 16 * 1024 * 1024;

/// After this many requests in a row got no answer, the server is taken to be
/// down and the rest fail at once instead of each waiting for its timeout.
const GIVE_UP_AFTER: u32 = 3;

/// One request to send, built with the chained methods below.
#[derive(Debug, Clone)]
pub(crate) struct Req {
    method: Method,
    path: String,
    token: Option<String>,
    /// The Content-Type (none when `None`) and the bytes.
    body: Option<(Option<String>, Vec<u8>)>,
    /// Other request headers, sent as given (`X-Forwarded-Proto`).
    headers: Vec<(String, String)>,
}

impl Req {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self { method, path: path.into(), token: None, body: None, headers: Vec::new() }
    }

    /// One more request header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// `Authorization: Bearer <token>` when a token is given.
    pub fn bearer(mut self, token: Option<&str>) -> Self {
        self.token = token.map(str::to_string);
        self
    }

    /// A body sent exactly as given, whatever it holds.
    pub fn raw(mut self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.body = Some((Some(content_type.to_string()), bytes));
        self
    }

    /// A body sent with no Content-Type header at all.
    pub fn untyped(mut self, bytes: Vec<u8>) -> Self {
        self.body = Some((None, bytes));
        self
    }

    pub fn json(self, value: &Value) -> Self {
        self.raw("application/json", value.to_string().into_bytes())
    }
}

/// One answer from the server, with the request that produced it.
#[derive(Debug, Clone)]
pub(crate) struct Resp {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// Header names in lower case, values as sent (non-UTF-8 values lossily).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
}

impl Resp {
    /// The first value of a header, by its lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a header that may be repeated.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// The media type without parameters, lower case ("" when absent).
    pub fn media_type(&self) -> String {
        self.header("content-type")
            .and_then(|v| v.split(';').next())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    /// A JSON value by pointer ("/user/id").
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        self.json.as_ref().and_then(|j| j.pointer(pointer))
    }

    /// A string by JSON pointer.
    pub fn str_at(&self, pointer: &str) -> Option<&str> {
        self.at(pointer).and_then(Value::as_str)
    }

    /// "422 {"error":...}": the status and the start of the body, for reports.
    pub fn describe(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return format!("{} with an empty body", self.status);
        }
        format!("{} {}", self.status, shorten(&text, 160))
    }
}

/// Cut a text to at most `max` characters, marking the cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}...")
}

pub(crate) struct Client {
    agent: ureq::Agent,
    base: String,
    /// Every response received, in order.
    pub log: Vec<Resp>,
    /// Requests in a row that got no answer.
    unanswered: u32,
}

impl Client {
    /// A client for a server at `base_url` ("http://host:port", optionally with a path prefix).
    pub fn new(base_url: &str) -> Result<Self, Error> {
        let base = check_base_url(base_url)?;
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are answers to check, not to follow.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(Duration::from_secs(5)))
            .timeout_global(Some(Duration::from_secs(30)))
            .user_agent(concat!("backroad-verify/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Self { agent: config.new_agent(), base, log: Vec::new(), unanswered: 0 })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Send a request; `Err` only when no HTTP answer came back (refused,
    /// reset, timed out), with the reason in words.
    pub fn send(&mut self, req: Req) -> Result<Resp, String> {
        if let Some(refused) = self.given_up(&req) {
            return Err(refused);
        }
        let (answered, result) = exchange(&self.agent, &self.base, req);
        self.unanswered = if answered { 0 } else { self.unanswered + 1 };
        if let Ok(resp) = &result {
            self.log.push(resp.clone());
        }
        result
    }

    /// Send every request at the same moment, each from its own thread, all
    /// released together by a barrier; the answers in the order of `reqs`.
    /// Each is bounded by the client's timeouts, so the whole call is too.
    pub fn send_together(&mut self, reqs: Vec<Req>) -> Vec<Result<Resp, String>> {
        if let Some(refused) = reqs.first().and_then(|req| self.given_up(req)) {
            return reqs.iter().map(|_| Err(refused.clone())).collect();
        }
        let barrier = Barrier::new(reqs.len());
        let (agent, base, barrier) = (&self.agent, self.base.as_str(), &barrier);
        let results: Vec<(bool, Result<Resp, String>)> = std::thread::scope(|scope| {
            let threads: Vec<_> = reqs
                .into_iter()
                .map(|req| {
                    scope.spawn(move || {
                        barrier.wait();
                        exchange(agent, base, req)
                    })
                })
                .collect();
            threads
                .into_iter()
                .map(|t| t.join().unwrap_or_else(|_| (false, Err("the request's thread panicked".into()))))
                .collect()
        });
        // The server is down only when none of them got an answer.
        let answered = results.iter().any(|(answered, _)| *answered);
        self.unanswered = if answered { 0 } else { self.unanswered + 1 };
        let results: Vec<Result<Resp, String>> = results.into_iter().map(|(_, r)| r).collect();
        self.log.extend(results.iter().filter_map(|r| r.as_ref().ok()).cloned());
        results
    }

    /// Why `req` is not sent when the server has stopped answering.
    fn given_up(&self, req: &Req) -> Option<String> {
        (self.unanswered >= GIVE_UP_AFTER).then(|| {
            format!(
                "{} {} not sent: the server stopped answering ({GIVE_UP_AFTER} requests in a row got no answer)",
                req.method,
                shorten(&req.path, 80)
            )
        })
    }
}

/// One request and its answer, and whether any HTTP answer came back at all
/// (`false` with the `Err` of a refused, reset or timed-out request).
fn exchange(agent: &ureq::Agent, base: &str, req: Req) -> (bool, Result<Resp, String>) {
    let url = format!("{base}{}", req.path);
    let mut builder = http::Request::builder().method(req.method.clone()).uri(&url);
    if let Some(token) = &req.token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    for (name, value) in &req.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let result = match req.body {
        Some((content_type, bytes)) => match content_type {
            Some(t) => builder.header("content-type", t),
            None => builder,
        }
        .body(bytes)
        .map_err(|e| e.to_string())
        .and_then(|r| agent.run(r).map_err(|e| e.to_string())),
        // PUT and POST without a body still say `Content-Length: 0`.
        None if matches!(req.method, Method::PUT | Method::POST | Method::PATCH) => builder
            .body(Vec::new())
            .map_err(|e| e.to_string())
            .and_then(|r| agent.run(r).map_err(|e| e.to_string())),
        None => {
            builder.body(()).map_err(|e| e.to_string()).and_then(|r| agent.run(r).map_err(|e| e.to_string()))
        }
    };
    let mut response = match result {
        Ok(response) => response,
        Err(e) => {
            return (false, Err(format!("{} {} got no answer: {e}", req.method, shorten(&req.path, 80))));
        }
    };
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let status = response.status().as_u16();
    let body = match response.body_mut().with_config().limit(MAX_BODY).read_to_vec() {
        Ok(body) => body,
        Err(e) => {
            return (true, Err(format!("{} {} -> {status}, body unreadable: {e}", req.method, req.path)));
        }
    };
    let json = serde_json::from_slice(&body).ok();
    (true, Ok(Resp { method: req.method.to_string(), path: req.path, status, headers, body, json }))
}

/// Accept "http://host[:port][/prefix]" and return it without a trailing slash.
fn check_base_url(url: &str) -> Result<String, Error> {
    let bad = |reason: &str| Error::BadUrl { url: url.to_string(), reason: reason.to_string() };
    let uri: http::Uri = url.parse().map_err(|_| bad("not a URL; give one like http://127.0.0.1:5000"))?;
    match uri.scheme_str() {
        Some("http") => {}
        Some("https") => return Err(bad("https is not supported; verify the server over http://")),
        Some(_) | None => return Err(bad("it must start with http://, like http://127.0.0.1:5000")),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(bad("it has no host; give one like http://127.0.0.1:5000"));
    }
    if uri.query().is_some() {
        return Err(bad("remove the query string; give the server's base URL"));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// Percent-encode a query value (cursors are opaque and may hold `+`, `/`, `=`).
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// One part of a hand-built `multipart/form-data` body.
pub(crate) struct Part<'a> {
    pub name: &'a str,
    /// `Some` for a file part.
    pub filename: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub data: &'a [u8],
}

/// A `multipart/form-data` body and its Content-Type (with a random boundary).
pub(crate) fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = format!("backroad-{}", random_alnum(24));
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", part.name);
        if let Some(filename) = part.filename {
            disposition.push_str(&format!("; filename=\"{filename}\""));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(content_type) = part.content_type {
            body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(part.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Random letters and digits (names and passwords unique to one run; not secrets).
pub(crate) fn random_alnum(len: usize) -> String {
    (0..len).map(|_| fastrand::alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked() {
        assert_eq!(check_base_url("http://127.0.0.1:5000/").unwrap(), "http://127.0.0.1:5000");
        assert_eq!(check_base_url("http://h/api-root").unwrap(), "http://h/api-root");
        for bad in
            ["127.0.0.1:5000", "https://example.com", "ftp://x", "http://", "not a url", "http://h/?q=1"]
        {
            assert!(matches!(check_base_url(bad), Err(Error::BadUrl { .. })), "{bad}");
        }
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("a+b/c=="), "a%2Bb%2Fc%3D%3D");
        assert_eq!(encode("Zz09-_.~"), "Zz09-_.~");
    }

    #[test]
    fn multipart_bodies_frame_each_part() {
        let (content_type, body) = multipart(&[
            Part { name: "caption", filename: None, content_type: None, data: b"hi" },
            Part { name: "image", filename: Some("a.png"), content_type: Some("image/png"), data: b"PNG" },
        ]);
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let text = String::from_utf8(body).unwrap();
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.contains("name=\"caption\"\r\n\r\nhi\r\n"));
        assert!(text.contains("filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
    }
}
