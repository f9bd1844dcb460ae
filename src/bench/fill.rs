//! The data a bench reads: its own users (one viewer following half of
//! them), then posts spread over all of them through the API, as a client
//! would make them. A tenth of the posts go to one thread (replies to its
//! first post, or comments under it), so that list grows with the data too.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};
use ureq::http::Method;

use crate::catalog::Idea;
use crate::verify::client::{Client, Part, Req, Resp, multipart, random_alnum};
use crate::verify::context::PNG;

/// What the fill made: who the viewer is, whose posts and which thread the
/// reads ask for, and how many posts there are.
#[derive(Debug, Clone)]
pub struct Population {
    pub users: Vec<Account>,
    /// users[0]: follows users[1..=follows].
    pub follows: usize,
    /// The post the thread's replies or comments go under.
    pub thread: String,
    /// Posts made so far (replies included), comments not.
    pub posts: u64,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub username: String,
    pub token: String,
}

impl Population {
    pub fn viewer(&self) -> &Account {
        &self.users[0]
    }
}

/// Signs up `users` accounts named `b<run>_<n>`, the first following half of
/// the others, and makes the thread's first post.
pub fn people(base: &str, idea: &Idea, users: usize) -> Result<Population, String> {
    let mut client = Client::new(base).map_err(|e| e.to_string())?;
    let run = random_alnum(6).to_lowercase();
    let mut accounts = Vec::with_capacity(users);
    for n in 0..users {
        let username = format!("b{run}_{n}");
        let password = random_alnum(20);
        let r = send(
            &mut client,
            Req::new(Method::POST, "/api/users").json(&json!({
                "username": username, "password": password,
            })),
        )?;
        let token = expect(&r, 201, "/token", "signing up a bench user")?;
        accounts.push(Account { username, token });
    }
    let follows = users / 2;
    for followed in &accounts[1..=follows] {
        let path = format!("/api/users/{}/follow", followed.username);
        let r = send(&mut client, Req::new(Method::PUT, &path).bearer(Some(&accounts[0].token)))?;
        if r.status != 204 {
            return Err(format!("PUT {path} answered {}, not 204", r.status));
        }
    }
    let first = create(&mut client, idea, &accounts[1].token, "the bench's thread", None)?;
    Ok(Population { users: accounts, follows, thread: first, posts: 1 })
}

/// Adds posts until there are `total`, `connections` at a time, calling
/// `progress(done, total)` as they come.
pub fn posts(
    base: &str,
    idea: &Idea,
    population: &mut Population,
    total: u64,
    connections: usize,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<(), String> {
    let next = AtomicU64::new(population.posts);
    let failure = std::sync::Mutex::new(None::<String>);
    let people = &*population;
    std::thread::scope(|scope| {
        for _ in 0..connections.max(1) {
            scope.spawn(|| {
                let mut client = match Client::new(base) {
                    Ok(client) => client,
                    Err(e) => {
                        return *failure.lock().expect("no thread panics holding it") = Some(e.to_string());
                    }
                };
                loop {
                    if failure.lock().expect("no thread panics holding it").is_some() {
                        return;
                    }
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total {
                        return;
                    }
                    let author = &people.users[(n as usize) % people.users.len()];
                    let text = format!("bench post {n}");
                    // One in ten goes to the thread.
                    let made = if n.is_multiple_of(10) && idea.features.comments {
                        comment(&mut client, &author.token, &people.thread, &text)
                    } else {
                        let to =
                            (n.is_multiple_of(10) && idea.features.replies).then_some(people.thread.as_str());
                        create(&mut client, idea, &author.token, &text, to).map(|_| ())
                    };
                    if let Err(e) = made {
                        *failure.lock().expect("no thread panics holding it") = Some(e);
                        return;
                    }
                    progress(n + 1, total);
                }
            });
        }
    });
    if let Some(error) = failure.into_inner().expect("the threads are done") {
        return Err(error);
    }
    population.posts = total.max(population.posts);
    Ok(())
}

/// POST /api/posts (a body or a captioned image, a reply when `to` is given):
/// the new post's id.
fn create(
    client: &mut Client,
    idea: &Idea,
    token: &str,
    text: &str,
    to: Option<&str>,
) -> Result<String, String> {
    let req = if idea.features.images {
        let (content_type, body) = multipart(&[
            Part { name: "caption", filename: None, content_type: None, data: text.as_bytes() },
            Part { name: "image", filename: Some("pixel.png"), content_type: Some("image/png"), data: PNG },
        ]);
        Req::new(Method::POST, "/api/posts").raw(&content_type, body)
    } else {
        let mut body = json!({ "body": text });
        if let Some(to) = to {
            body["reply_to"] = Value::String(to.to_string());
        }
        Req::new(Method::POST, "/api/posts").json(&body)
    };
    let r = send(client, req.bearer(Some(token)))?;
    expect(&r, 201, "/post/id", "creating a post")
}

/// POST /api/posts/{id}/comments.
fn comment(client: &mut Client, token: &str, post: &str, text: &str) -> Result<(), String> {
    let path = format!("/api/posts/{post}/comments");
    let r = send(client, Req::new(Method::POST, &path).bearer(Some(token)).json(&json!({ "body": text })))?;
    expect(&r, 201, "/comment/id", "commenting").map(|_| ())
}

/// Sends without keeping the answer in the client's log (a fill sends many).
fn send(client: &mut Client, req: Req) -> Result<Resp, String> {
    let r = client.send(req);
    client.log.clear();
    r
}

/// The string at `pointer` of a `status` answer, or what went wrong `doing` it.
fn expect(r: &Resp, status: u16, pointer: &str, doing: &str) -> Result<String, String> {
    let found = r.at(pointer).and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    match found {
        Some(value) if r.status == status => Ok(value),
        _ => Err(format!(
            "{doing}: {} {} answered {}, not {status} with {pointer}",
            r.method,
            r.path,
            r.describe()
        )),
    }
}
