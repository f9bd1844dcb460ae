//! The HTTP of the fake servers that `verify`'s own tests run against: one
//! request at a time off a keep-alive connection, read whole (headers and a
//! `Content-Length` body), answered by a handler; a multipart file picked out
//! of a body. Just enough HTTP for the checks, and nothing of the API.

#![allow(dead_code)] // Each test file uses its own part of it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Mutex;

use backroad::verify::Report;
use serde_json::{Value, json};

pub struct Request {
    pub method: String,
    /// The path with its query string.
    pub path: String,
    pub token: Option<String>,
    pub content_type: String,
    /// Every header, its name in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    /// Headers besides Content-Type and Content-Length.
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

pub fn json_response(status: u16, value: Value) -> Response {
    Response {
        status,
        content_type: "application/json",
        body: value.to_string().into_bytes(),
        ..Response::default()
    }
}

pub fn error(status: u16, code: &str) -> Response {
    json_response(status, json!({"error": {"code": code, "message": code}}))
}

pub fn no_content() -> Response {
    Response { status: 204, content_type: "application/json", ..Response::default() }
}

pub struct File {
    pub content_type: String,
    pub data: Vec<u8>,
}

/// The file part `name` of a `multipart/form-data` body.
pub fn multipart_file(req: &Request, name: &str) -> Option<File> {
    let boundary = req.content_type.split("boundary=").nth(1)?.trim();
    let delimiter = format!("\r\n--{boundary}");
    // The body starts with the delimiter without its CRLF.
    let mut rest = &req.body[find(&req.body, &delimiter.as_bytes()[2..])? + delimiter.len() - 2..];
    loop {
        let end = find(rest, delimiter.as_bytes())?;
        let part = &rest[..end];
        rest = &rest[end + delimiter.len()..];
        let split = find(part, b"\r\n\r\n")?;
        let headers = String::from_utf8_lossy(&part[..split]).to_ascii_lowercase();
        if headers.contains(&format!("name=\"{name}\"")) {
            let content_type = headers
                .lines()
                .find_map(|line| line.strip_prefix("content-type:"))
                .unwrap_or("")
                .trim()
                .to_string();
            return Some(File { content_type, data: part[split + 4..].to_vec() });
        }
    }
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Answer each request of a keep-alive connection with `handle`.
pub fn serve(stream: TcpStream, handle: impl Fn(Request) -> Response) {
    serve_with(stream, None, handle);
}

/// As `serve`; with `one_at_a_time`, a request holds that lock from its first
/// line to its answer, as a server with a single worker does, so that a client
/// that stops half-way holds up everyone.
pub fn serve_with(
    stream: TcpStream,
    one_at_a_time: Option<&Mutex<()>>,
    handle: impl Fn(Request) -> Response,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let _worker = one_at_a_time.map(|lock| lock.lock().unwrap_or_else(|e| e.into_inner()));
        let mut words = line.split_whitespace();
        let (method, path) = (words.next().unwrap_or("").to_string(), words.next().unwrap_or("").to_string());
        let (mut length, mut headers) = (0usize, Vec::new());
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let Some((name, value)) = line.trim_end().split_once(':') else { break };
            let (name, value) = (name.to_ascii_lowercase(), value.trim().to_string());
            if name == "content-length" {
                length = value.parse().unwrap_or(0);
            }
            headers.push((name, value));
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let header =
            |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v): &(String, String)| v.clone());
        let token = header("authorization").and_then(|v| v.strip_prefix("Bearer ").map(str::to_string));
        let content_type = header("content-type").unwrap_or_default();
        let response = handle(Request { method, path, token, content_type, headers, body });
        let mut head = format!(
            "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
            response.status,
            response.content_type,
            response.body.len()
        );
        for (name, value) in &response.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        // One write: a head and a body written apart wait on Nagle and delayed ACKs.
        bytes.extend_from_slice(&response.body);
        if writer.write_all(&bytes).is_err() {
            return;
        }
    }
}

/// Of the checks named in `checks`, exactly those in `failing` fail (and
/// every one of them ran).
pub fn assert_only_fails(report: &Report, checks: &[&str], failing: &[&str]) {
    for &name in checks {
        let check = report.checks.iter().find(|c| c.name == name);
        let check = check.unwrap_or_else(|| panic!("no check named {name:?}"));
        let should_fail = failing.contains(&name);
        assert_eq!(check.passed, !should_fail, "{name}\nexpected {}\ngot {}", check.expected, check.got);
    }
}
