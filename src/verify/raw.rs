//! Bytes straight onto a TCP connection, for the requests no HTTP client will
//! send: a method the server has never heard of, a request line or a header
//! far over any server's limit, bytes that are not HTTP at all. The contract
//! lets the HTTP server answer these itself (its own body, a few statuses), so
//! only the status line is read; the answers are not in the client's log,
//! whose passes hold the application's answers to the contract's shapes.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// How long a server may take to answer; past it the request hangs.
const WAIT: Duration = Duration::from_secs(10);
/// Enough of the answer to hold its status line.
const HEAD: usize = 64;

/// What came back: the status of the answer's first line, `None` when the
/// server closed the connection without a word, or why there is neither
/// (no answer in time, not HTTP), in words.
pub(crate) fn status(base: &str, request: &[u8]) -> Result<Option<u16>, String> {
    let mut stream = connect(base)?;
    stream
        .set_read_timeout(Some(WAIT))
        .and_then(|()| stream.set_write_timeout(Some(WAIT)))
        .map_err(|e| e.to_string())?;
    // A server may answer and close before it has read everything sent: a
    // failed write is then no failure, the answer is what counts.
    let _ = stream.write_all(request);
    let started = Instant::now();
    let mut head = Vec::new();
    let mut buf = [0u8; HEAD];
    while !head.contains(&b'\n') && head.len() < HEAD {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e) if started.elapsed() >= WAIT || e.kind() != std::io::ErrorKind::Interrupted => {
                return Err(match e.kind() {
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                        format!("no answer within {} s (the request hangs)", WAIT.as_secs())
                    }
                    _ => format!("the connection failed before an answer: {e}"),
                });
            }
            Err(_) => {}
        }
    }
    parse_status(&head)
}

/// A connection that has sent `request` (which should be incomplete) and then
/// goes quiet, for as long as the returned stream is kept: a slow client.
pub(crate) fn stall(base: &str, request: &[u8]) -> Result<TcpStream, String> {
    let mut stream = connect(base)?;
    stream.set_write_timeout(Some(WAIT)).map_err(|e| e.to_string())?;
    stream.write_all(request).map_err(|e| format!("cannot send the start of a request: {e}"))?;
    Ok(stream)
}

/// A TCP connection to the server of the base URL.
fn connect(base: &str) -> Result<TcpStream, String> {
    let address = address(base)?;
    let socket = address
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {address}: {e}"))?
        .next()
        .ok_or_else(|| format!("{address} resolves to nothing"))?;
    TcpStream::connect_timeout(&socket, WAIT).map_err(|e| format!("cannot connect to {address}: {e}"))
}

/// "HTTP/1.1 414 URI Too Long\r\n..." -> 414; nothing at all -> `None`.
fn parse_status(head: &[u8]) -> Result<Option<u16>, String> {
    if head.is_empty() {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(head);
    let line = line.lines().next().unwrap_or("");
    let mut words = line.split_whitespace();
    match (words.next(), words.next().and_then(|s| s.parse().ok())) {
        (Some(version), Some(status)) if version.starts_with("HTTP/") => Ok(Some(status)),
        _ => Err(format!("an answer that is not HTTP: {line:?}")),
    }
}

/// "http://host:port/prefix" -> "host:port" (port 80 when none is given).
fn address(base: &str) -> Result<String, String> {
    let rest = base.strip_prefix("http://").ok_or_else(|| format!("{base} is not an http:// URL"))?;
    let authority = rest.split('/').next().unwrap_or(rest);
    let has_port = authority.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok());
    Ok(if has_port { authority.to_string() } else { format!("{authority}:80") })
}

/// The path prefix of the base URL ("" or "/prefix"), for request lines.
pub(crate) fn prefix(base: &str) -> &str {
    let rest = base.strip_prefix("http://").unwrap_or(base);
    rest.find('/').map_or("", |i| &rest[i..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn addresses_and_prefixes_come_from_the_base_url() {
        assert_eq!(address("http://127.0.0.1:5000").unwrap(), "127.0.0.1:5000");
        assert_eq!(address("http://example.com/api-root").unwrap(), "example.com:80");
        assert_eq!(prefix("http://h:1/api-root"), "/api-root");
        assert_eq!(prefix("http://h:1"), "");
    }

    #[test]
    fn status_lines_are_read() {
        assert_eq!(parse_status(b"HTTP/1.1 414 URI Too Long\r\n").unwrap(), Some(414));
        assert_eq!(parse_status(b"HTTP/1.0 400").unwrap(), Some(400));
        assert_eq!(parse_status(b"").unwrap(), None);
        assert!(parse_status(b"hello there\r\n").unwrap_err().contains("not HTTP"));
    }

    #[test]
    fn the_status_of_an_answer_is_read() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (mut answered, _) = listener.accept().unwrap();
            let mut buf = [0u8; 256];
            let _ = answered.read(&mut buf);
            answered.write_all(b"HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n").unwrap();
        });
        assert_eq!(status(&base, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap(), Some(431));
        server.join().unwrap();
    }
}
