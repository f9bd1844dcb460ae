//! The checks of what a server facing the internet needs (Strict-Transport-
//! Security over HTTPS only, a stalled client that holds nobody up,
//! Referrer-Policy, the log-in rate limit, log out everywhere, uploads decoded
//! and stored without metadata) against a small fake that does them right,
//! then with one planted fault at a time: each check must fail against its
//! fault and only there, so that it fails for that fault and no other reason.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use backroad::catalog::Catalog;
use backroad::verify::{self, Report};
use serde_json::{Value, json};

mod fake;
use fake::{Request, Response, error, find, json_response, multipart_file, no_content, serve_with};

const HSTS: &str = "GET /healthz with X-Forwarded-Proto: https (behind a TLS proxy) -> Strict-Transport-Security \
                    max-age >= 31536000";
const NO_HSTS: &str = "GET /healthz over plain HTTP -> no Strict-Transport-Security (only over HTTPS)";
const STALLED: &str =
    "GET /healthz while another client has sent half a request and stopped -> 200 within 2 s";
const REFERRER: &str = "every response carries Referrer-Policy: no-referrer";
const LIMIT: &str = "POST /api/sessions: 10 wrong passwords for one username (in any case) in a minute -> 401 each, \
                     the next log-in -> 429 rate_limited with Retry-After, even with the right password \
                     (LOGIN_RATE_LIMIT)";
const OTHER_NAME: &str =
    "POST /api/sessions for another username from the same address, after that one was limited -> 200";
const ALL: &str = "DELETE /api/sessions?all=true -> 204, then every token of the caller is 401 (log out everywhere), \
                   another user's still works";
const ALL_YES: &str =
    "DELETE /api/sessions?all=yes -> 422 validation_failed with fields.all, and the token still works";
const EXIF: &str = "POST /api/posts with a JPEG holding EXIF (GPS, a description) -> 201, and the image served has \
                    none of it";
const POLYGLOT: &str = "POST /api/posts with GIF89a and then an HTML page (a polyglot) -> 415 \
                        unsupported_media_type (a signature, but no image)";

/// The checks this file is about; the fake fails many others (it has no follows or feeds).
fn new_checks(idea: &str) -> Vec<&'static str> {
    let mut names = vec![HSTS, NO_HSTS, STALLED, REFERRER, LIMIT, OTHER_NAME, ALL, ALL_YES];
    if idea == "instagram" {
        names.extend([EXIF, POLYGLOT]);
    }
    names
}

/// The one mistake the fake makes, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    /// Strict-Transport-Security on every answer, over plain HTTP too.
    HstsAlways,
    /// One request at a time, as gunicorn's single sync worker serves.
    OneAtATime,
    /// Referrer-Policy on the API's answers but not on the images.
    NoReferrerOnImages,
    /// Log-ins counted by username as typed, so case changes dodge the limit.
    LimitByTypedName,
    /// Log-ins counted per address alone: one guesser locks everyone out.
    LimitPerAddress,
    /// `?all=true` revokes only the token sent.
    AllRevokesOne,
    /// Any value of `all` but `true` is taken as false.
    AllAnyValue,
    /// The upload stored byte for byte, metadata and all.
    StoresAsUploaded,
    /// An upload judged by its signature alone, never decoded.
    SignatureOnly,
}

const LOGIN_LIMIT: u32 = 10;
const PNG: &[u8] = include_bytes!("../src/verify/images/pixel.png");
const JPEG: &[u8] = include_bytes!("../src/verify/images/pixel.jpg");
const GIF: &[u8] = include_bytes!("../src/verify/images/pixel.gif");
const WEBP: &[u8] = include_bytes!("../src/verify/images/pixel.webp");

#[derive(Default)]
struct State {
    /// (id, username, password), in order of sign-up.
    users: Vec<(String, String, String)>,
    /// Token -> index in `users`.
    tokens: HashMap<String, usize>,
    /// Log-in attempts by key.
    attempts: HashMap<String, u32>,
    /// Stored images by file name: (Content-Type, bytes).
    images: HashMap<String, (&'static str, Vec<u8>)>,
    next_id: u64,
}

impl State {
    fn token_for(&mut self, user: usize) -> String {
        self.next_id += 1;
        let token = format!("token-{}", self.next_id);
        self.tokens.insert(token.clone(), user);
        token
    }

    fn user_json(&self, user: usize) -> Value {
        let (id, username, _) = &self.users[user];
        json!({"id": id, "username": username, "bio": "", "created_at": "2026-01-01T00:00:00Z"})
    }
}

fn fake(fault: Fault, idea: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let state = Arc::new(Mutex::new(State::default()));
    let worker = Arc::new(Mutex::new(()));
    let images = idea == "instagram";
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (state, worker) = (Arc::clone(&state), Arc::clone(&worker));
            std::thread::spawn(move || {
                let one = (fault == Fault::OneAtATime).then_some(&*worker);
                serve_with(stream, one, |req| with_headers(fault, &req, handle(&state, fault, images, &req)))
            });
        }
    });
    url
}

/// The headers every answer gets, as the fault allows.
fn with_headers(fault: Fault, req: &Request, mut r: Response) -> Response {
    r.headers.push(("X-Content-Type-Options", "nosniff".into()));
    if !(fault == Fault::NoReferrerOnImages && req.path.starts_with("/uploads/")) {
        r.headers.push(("Referrer-Policy", "no-referrer".into()));
    }
    if fault == Fault::HstsAlways || req.header("x-forwarded-proto") == Some("https") {
        r.headers.push(("Strict-Transport-Security", "max-age=31536000".into()));
    }
    r
}

fn handle(state: &Mutex<State>, fault: Fault, images: bool, req: &Request) -> Response {
    let (path, query) = req.path.split_once('?').unwrap_or((&req.path, ""));
    let mut s = state.lock().unwrap();
    let caller = req.token.as_deref().and_then(|t| s.tokens.get(t).copied());
    let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
    match (req.method.as_str(), path) {
        ("GET", "/healthz") => json_response(200, json!({"status": "ok"})),
        ("POST", "/api/users") => {
            let (Some(username), Some(password)) = (body["username"].as_str(), body["password"].as_str())
            else {
                return error(422, "validation_failed");
            };
            s.next_id += 1;
            let id = s.next_id.to_string();
            s.users.push((id, username.to_string(), password.to_string()));
            let user = s.users.len() - 1;
            let token = s.token_for(user);
            json_response(201, json!({"user": s.user_json(user), "token": token}))
        }
        ("POST", "/api/sessions") => {
            let (Some(username), Some(password)) = (body["username"].as_str(), body["password"].as_str())
            else {
                return error(422, "validation_failed");
            };
            let key = match fault {
                Fault::LimitPerAddress => String::new(),
                Fault::LimitByTypedName => username.to_string(),
                _ => username.to_lowercase(),
            };
            let attempts = s.attempts.entry(key).or_default();
            *attempts += 1;
            if *attempts > LOGIN_LIMIT {
                let mut r = error(429, "rate_limited");
                r.headers.push(("Retry-After", "60".into()));
                return r;
            }
            let found = s.users.iter().position(|u| u.1.eq_ignore_ascii_case(username) && u.2 == password);
            match found {
                Some(user) => {
                    let token = s.token_for(user);
                    json_response(200, json!({"user": s.user_json(user), "token": token}))
                }
                None => error(401, "unauthorized"),
            }
        }
        ("DELETE", "/api/sessions") => {
            let Some(user) = caller else { return error(401, "unauthorized") };
            let all = match query {
                "" | "all=false" => false,
                "all=true" => true,
                _ if fault == Fault::AllAnyValue => false,
                _ => {
                    return json_response(
                        422,
                        json!({"error": {"code": "validation_failed", "message": "all",
                    "fields": {"all": "must be true or false"}}}),
                    );
                }
            };
            let sent = req.token.clone().unwrap_or_default();
            if all && fault != Fault::AllRevokesOne {
                s.tokens.retain(|_, u| *u != user);
            } else {
                s.tokens.remove(&sent);
            }
            no_content()
        }
        ("GET", "/api/me") => match caller {
            Some(user) => json_response(200, json!({"user": s.user_json(user)})),
            None => error(401, "unauthorized"),
        },
        ("POST", "/api/posts") if images => {
            if caller.is_none() {
                return error(401, "unauthorized");
            }
            let Some(file) = multipart_file(req, "image") else { return error(422, "validation_failed") };
            let Some((content_type, extension, clean)) = decode(fault, &file.data) else {
                return error(415, "unsupported_media_type");
            };
            let stored = if fault == Fault::StoresAsUploaded { file.data } else { clean.to_vec() };
            s.next_id += 1;
            let name = format!("{}.{extension}", s.next_id);
            s.images.insert(name.clone(), (content_type, stored));
            json_response(
                201,
                json!({"post": {"id": s.next_id.to_string(), "image_url": format!("/uploads/{name}")}}),
            )
        }
        ("GET", _) if path.starts_with("/uploads/") => match s.images.get(&path["/uploads/".len()..]) {
            Some((content_type, bytes)) => {
                Response { status: 200, content_type, body: bytes.clone(), ..Response::default() }
            }
            None => error(404, "not_found"),
        },
        _ => error(404, "not_found"),
    }
}

/// What the fake's "image library" makes of an upload: its type, extension
/// and the image encoded again (the pixel of its format, which has no
/// metadata), or `None` when it is not an image of the format it claims.
fn decode(fault: Fault, data: &[u8]) -> Option<(&'static str, &'static str, &'static [u8])> {
    let decodes = fault == Fault::SignatureOnly || (data.len() > 8 && find(data, b"<html").is_none());
    let found = [
        (&b"\x89PNG"[..], "image/png", "png", PNG),
        (b"\xff\xd8\xff", "image/jpeg", "jpg", JPEG),
        (b"GIF8", "image/gif", "gif", GIF),
        (b"RIFF", "image/webp", "webp", WEBP),
    ]
    .into_iter()
    .find(|(signature, ..)| data.starts_with(signature))?;
    decodes.then_some((found.1, found.2, found.3))
}

fn run(fault: Fault, idea: &str) -> Report {
    let catalog = Catalog::embedded().unwrap();
    verify::run(&fake(fault, idea), catalog.idea(idea).unwrap()).unwrap()
}

/// Of the new checks, exactly `failing` fail.
fn assert_only_fails(report: &Report, failing: &[&str]) {
    fake::assert_only_fails(report, &new_checks(&report.idea), failing);
}

#[test]
fn without_faults_the_checks_pass() {
    for idea in ["twitter", "instagram"] {
        assert_only_fails(&run(Fault::None, idea), &[]);
    }
}

#[test]
fn each_fault_fails_its_checks_and_no_other() {
    let cases: &[(Fault, &str, &[&str])] = &[
        (Fault::HstsAlways, "twitter", &[NO_HSTS]),
        (Fault::OneAtATime, "twitter", &[STALLED]),
        (Fault::NoReferrerOnImages, "instagram", &[REFERRER]),
        (Fault::LimitByTypedName, "twitter", &[LIMIT]),
        // The run logged in more than 10 times before: even its second token is refused.
        (Fault::LimitPerAddress, "twitter", &[ALL, LIMIT, OTHER_NAME]),
        (Fault::AllRevokesOne, "twitter", &[ALL]),
        (Fault::AllAnyValue, "twitter", &[ALL_YES]),
        (Fault::StoresAsUploaded, "instagram", &[EXIF]),
        (Fault::SignatureOnly, "instagram", &[POLYGLOT]),
    ];
    std::thread::scope(|scope| {
        for &(fault, idea, failing) in cases {
            scope.spawn(move || {
                let report = run(fault, idea);
                assert_only_fails(&report, failing);
            });
        }
    });
}
