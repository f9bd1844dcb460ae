//! The state of one run: the client, the idea and the parts of the step being
//! checked, the checks so far, and the users the suite made. Setup helpers
//! (make a user, a post, a follow) live here so that every area can use them;
//! a helper that fails returns the reason, and the check that needed it fails
//! with that reason. A helper refuses to run when its part is not on at the
//! step (a follow needs `follows`): the checks are gated so that it never has to.

use std::collections::HashMap;

use serde_json::{Value, json};
use ureq::http::Method;

use super::Check;
use super::client::{Client, Part, Req, Resp, multipart, random_alnum};
use super::expect::{self, Following, Outcome, Step};
use super::parts::Parts;
use crate::catalog::Idea;

/// Tiny valid images (1x1 pixel), one per accepted format.
pub(crate) const PNG: &[u8] = include_bytes!("images/pixel.png");
pub(crate) const JPEG: &[u8] = include_bytes!("images/pixel.jpg");
pub(crate) const GIF: &[u8] = include_bytes!("images/pixel.gif");
pub(crate) const WEBP: &[u8] = include_bytes!("images/pixel.webp");

/// An account the suite made, with a token that works.
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub id: String,
    pub username: String,
    pub password: String,
    pub token: String,
}

impl User {
    pub fn token(&self) -> Option<&str> {
        Some(&self.token)
    }
}

pub(crate) struct Ctx<'a> {
    client: Client,
    pub idea: &'a Idea,
    /// What the server serves at the step being checked.
    pub parts: Parts,
    /// Random letters and digits in every username of this run.
    run: String,
    checks: Vec<Check>,
    /// Users by tag, made on first use; a failure is kept so it is reported, not retried.
    users: HashMap<String, Result<User, String>>,
    /// Every password this run sent: no response may ever show one.
    pub passwords: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(client: Client, idea: &'a Idea, parts: Parts) -> Self {
        Self {
            client,
            idea,
            parts,
            run: random_alnum(10),
            checks: Vec::new(),
            users: HashMap::new(),
            passwords: Vec::new(),
        }
    }

    pub fn into_checks(self) -> Vec<Check> {
        self.checks
    }

    /// Whether the server serves `part` at the step being checked.
    pub fn has(&self, part: &str) -> bool {
        self.parts.has(part)
    }

    /// A User object with exactly the fields of the parts so far.
    pub fn expect_user(&self, v: &Value, following: Following) -> Result<(), String> {
        expect::user(v, following, &self.parts)
    }

    /// A Post object of this idea with exactly the fields of the parts so far.
    pub fn expect_post(&self, v: &Value) -> Result<(), String> {
        expect::post(v, self.idea, &self.parts)
    }

    /// Every response of the run so far.
    pub fn log(&self) -> &[Resp] {
        &self.client.log
    }

    /// Run one check and record it: `f` returns what the server did, as
    /// `Ok` when that is what the contract asks for.
    pub fn check(
        &mut self,
        name: impl Into<String>,
        expected: impl Into<String>,
        f: impl FnOnce(&mut Self) -> Outcome,
    ) {
        // A bug in one check must not lose the report of all the others.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self)));
        let (passed, got) = match outcome {
            Ok(Ok(got)) => (true, got),
            Ok(Err(got)) => (false, got),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                (false, format!("the check itself failed (a bug in backroad verify): {message}"))
            }
        };
        self.checks.push(Check { name: name.into(), passed, expected: expected.into(), got });
    }

    /// A check that one request is answered with a given error.
    pub fn check_error(
        &mut self,
        name: impl Into<String>,
        status: u16,
        code: &str,
        field: Option<&str>,
        f: impl FnOnce(&mut Self) -> Result<Resp, String>,
    ) {
        self.check(name, expect::error_words(status, code, field), |c| {
            let r = f(c)?;
            expect::error(&r, status, code, field)
        });
    }

    /// A check that one request is answered with a given status.
    pub fn check_status(
        &mut self,
        name: impl Into<String>,
        status: u16,
        f: impl FnOnce(&mut Self) -> Result<Resp, String>,
    ) {
        self.check(name, status.to_string(), |c| {
            let r = f(c)?;
            expect::status(&r, status)?;
            Ok(r.describe())
        });
    }

    /// A username unique to this run: "vf_<random>_<tag>".
    pub fn name(&self, tag: &str) -> String {
        format!("vf_{}_{tag}", self.run)
    }

    // HTTP shorthands.

    /// The server's base URL ("http://host:port", maybe with a path prefix).
    pub fn base(&self) -> &str {
        self.client.base()
    }

    pub fn send(&mut self, req: Req) -> Result<Resp, String> {
        self.client.send(req)
    }

    /// Send every request at the same moment, from threads released together;
    /// the answers in the order of `reqs` (see `Client::send_together`).
    pub fn send_together(&mut self, reqs: Vec<Req>) -> Vec<Result<Resp, String>> {
        self.client.send_together(reqs)
    }

    pub fn get(&mut self, path: &str, token: Option<&str>) -> Result<Resp, String> {
        self.send(Req::new(Method::GET, path).bearer(token))
    }

    /// A request without a body (PUT/DELETE of follows and likes, logout).
    pub fn bare(&mut self, method: Method, path: &str, token: Option<&str>) -> Result<Resp, String> {
        self.send(Req::new(method, path).bearer(token))
    }

    pub fn json(
        &mut self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> Result<Resp, String> {
        self.send(Req::new(method, path).bearer(token).json(body))
    }

    /// A `multipart/form-data` POST /api/posts.
    pub fn upload(&mut self, token: Option<&str>, parts: &[Part<'_>]) -> Result<Resp, String> {
        self.parts.need("posts")?;
        let (content_type, body) = multipart(parts);
        self.send(Req::new(Method::POST, "/api/posts").bearer(token).raw(&content_type, body))
    }

    /// A page of `key` items (a 200 with the page shape), and its next cursor.
    pub fn page(
        &mut self,
        path: &str,
        token: Option<&str>,
        key: &str,
    ) -> Result<(Vec<Value>, Option<String>), String> {
        let r = self.get(path, token)?;
        expect::page(&r, key).step(&format!("GET {path}"))
    }

    // Setup: users.

    /// POST /api/users, remembering the password so no response may show it.
    pub fn register(&mut self, username: &str, password: &str) -> Result<Resp, String> {
        self.parts.need("users")?;
        self.passwords.push(password.to_string());
        self.json(Method::POST, "/api/users", None, &json!({"username": username, "password": password}))
    }

    /// The user of a 201 answer to POST /api/users, kept under `tag`.
    pub fn adopt(&mut self, tag: &str, r: &Resp, username: &str, password: &str) -> Result<User, String> {
        let user =
            user_from(r, username, password).step(&format!("setup failed, cannot create user {username}"));
        self.users.insert(tag.to_string(), user.clone());
        user
    }

    /// The user kept under `tag`, made now if it does not exist yet.
    pub fn user(&mut self, tag: &str) -> Result<User, String> {
        if let Some(user) = self.users.get(tag) {
            return user.clone();
        }
        self.parts.need("users")?;
        let username = self.name(tag);
        let password = new_password();
        match self.register(&username, &password) {
            Ok(r) => self.adopt(tag, &r, &username, &password),
            Err(e) => {
                let e = format!("setup failed, cannot create user {username}: {e}");
                self.users.insert(tag.to_string(), Err(e.clone()));
                Err(e)
            }
        }
    }

    /// The users kept under `tags`, those that do not exist yet made at once
    /// (sign-ups of different names, sent together to save time).
    pub fn users_together(&mut self, tags: &[String]) -> Result<Vec<User>, String> {
        self.parts.need("users")?;
        let missing: Vec<(String, String, String)> = tags
            .iter()
            .filter(|tag| !self.users.contains_key(*tag))
            .map(|tag| (tag.clone(), self.name(tag), new_password()))
            .collect();
        let reqs = missing
            .iter()
            .map(|(_, username, password)| {
                self.passwords.push(password.clone());
                Req::new(Method::POST, "/api/users")
                    .json(&json!({"username": username, "password": password}))
            })
            .collect();
        let answers = self.send_together(reqs);
        for ((tag, username, password), answer) in missing.iter().zip(answers) {
            match answer {
                Ok(r) => {
                    // Kept either way; a failure is reported below.
                    let _ = self.adopt(tag, &r, username, password);
                }
                Err(e) => {
                    let e = format!("setup failed, cannot create user {username}: {e}");
                    self.users.insert(tag.clone(), Err(e));
                }
            }
        }
        tags.iter().map(|tag| self.user(tag)).collect()
    }

    /// GET /api/users/{name}: the User object.
    pub fn profile(&mut self, username: &str, token: Option<&str>) -> Result<Value, String> {
        self.parts.need("users")?;
        let r = self.get(&format!("/api/users/{username}"), token)?;
        expect::status(&r, 200).step(&format!("GET /api/users/{username}"))?;
        r.at("/user")
            .cloned()
            .ok_or_else(|| format!("GET /api/users/{username}: no user in {}", r.describe()))
    }

    /// A count of a user's profile (`followers_count`, ...).
    pub fn count(&mut self, username: &str, key: &str) -> Result<u64, String> {
        let user = self.profile(username, None)?;
        user.get(key)
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("{username}'s {key} is not a count: {user}"))
    }

    /// `who` follows `whom` (expects 204).
    pub fn follow(&mut self, who: &User, whom: &str) -> Result<(), String> {
        self.parts.need("follows")?;
        let r = self.bare(Method::PUT, &format!("/api/users/{whom}/follow"), who.token())?;
        expect::status(&r, 204).step(&format!("{} following {whom}", who.username))
    }

    // Setup: posts.

    /// POST /api/posts with `text` as the body (twitter) or the caption of a
    /// small PNG (instagram).
    pub fn post_request(&mut self, token: Option<&str>, text: &str) -> Result<Resp, String> {
        self.parts.need("posts")?;
        if self.idea.features.images {
            self.upload(
                token,
                &[
                    Part { name: "caption", filename: None, content_type: None, data: text.as_bytes() },
                    Part {
                        name: "image",
                        filename: Some("pixel.png"),
                        content_type: Some("image/png"),
                        data: PNG,
                    },
                ],
            )
        } else {
            self.json(Method::POST, "/api/posts", token, &json!({"body": text}))
        }
    }

    /// A new post by `author`: the Post object of the 201 answer.
    pub fn create_post(&mut self, author: &User, text: &str) -> Result<Value, String> {
        let r = self.post_request(author.token(), text)?;
        created(&r, "/post").step(&format!("creating a post by {}", author.username))
    }

    /// A reply by `author` to post `to` (twitter).
    pub fn reply(&mut self, author: &User, to: &str, text: &str) -> Result<Value, String> {
        self.parts.need("replies")?;
        let r =
            self.json(Method::POST, "/api/posts", author.token(), &json!({"body": text, "reply_to": to}))?;
        created(&r, "/post").step(&format!("replying to post {to}"))
    }

    /// GET /api/posts/{id}: the Post object.
    pub fn fetch_post(&mut self, id: &str, token: Option<&str>) -> Result<Value, String> {
        self.parts.need("posts")?;
        let r = self.get(&format!("/api/posts/{id}"), token)?;
        expect::status(&r, 200).step(&format!("GET /api/posts/{id}"))?;
        r.at("/post").cloned().ok_or_else(|| format!("GET /api/posts/{id}: no post in {}", r.describe()))
    }
}

/// The object at `pointer` of a 201 answer.
pub(crate) fn created(r: &Resp, pointer: &str) -> Result<Value, String> {
    expect::status(r, 201)?;
    r.at(pointer).cloned().ok_or_else(|| format!("no {} in {}", &pointer[1..], r.describe()))
}

/// The id of an object, or why there is none.
pub(crate) fn id_of(v: &Value) -> Result<String, String> {
    v.get("id").and_then(Value::as_str).map(str::to_string).ok_or_else(|| format!("no string id in {v}"))
}

fn user_from(r: &Resp, username: &str, password: &str) -> Result<User, String> {
    expect::status(r, 201)?;
    let id = r.str_at("/user/id").ok_or_else(|| format!("no string user.id in {}", r.describe()))?;
    let token = r.str_at("/token").ok_or_else(|| format!("no string token in {}", r.describe()))?;
    Ok(User {
        id: id.to_string(),
        username: username.to_string(),
        password: password.to_string(),
        token: token.to_string(),
    })
}

/// A fresh password for a made-up account: longer than bcrypt's 72 bytes, so
/// that "every character counts" can be checked on any of them.
pub(crate) fn new_password() -> String {
    format!("pw-{}", random_alnum(97))
}

/// `n` code points that are 4, 2, 3 and 1 bytes long in UTF-8 (and 2 or 1
/// UTF-16 units), so that a server counting anything but code points gets
/// the limits wrong.
pub(crate) fn mixed_text(n: usize) -> String {
    ['🙂', 'é', '字', 'a'].iter().cycle().take(n).collect()
}
