//! The race and upload checks of `verify` against a small fake server that
//! does just enough of the contract for them (sign-up, posts, likes, uploads
//! and the images they serve), with one planted fault at a time, each a
//! mistake a learner makes easily:
//!
//! - sign-up checks that the name is free, then inserts (no unique index);
//! - the like count is read, incremented and written back;
//! - a like row is inserted after checking it is not there (not unique);
//! - an upload is named, or served, as the type the client declared.
//!
//! Each check must fail against its fault and pass against the same fake
//! without it, so that it fails for that fault and no other reason.
//!
//! The same fake also stands as a project at step 4 (posts) of the tutorial:
//! no like routes and objects without the fields of later parts. Checked at
//! that step, it passes the shapes and the likes' absence; the finished fake
//! fails them.
//!
//! Over 400 lines on purpose: the fake server (HTTP, multipart, the state) is
//! small but whole, and reads best in one place beside the tests it serves.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::Duration;

use backroad::catalog::Catalog;
use backroad::verify::{self, Report};
use serde_json::{Value, json};

mod fake;
use fake::{Request, Response, error, json_response, multipart_file, no_content, serve};

const SIGN_UPS: &str =
    "POST /api/users: 8 sign-ups of one name in different case at once -> one 201, the rest 409 conflict";
const LIKES: &str = "PUT /api/posts/{id}/like: 8 users like one post at once -> 204 each, like_count 8";
const SAME_USER_LIKES: &str =
    "PUT /api/posts/{id}/like: one user likes one post 12 times at once -> 204 each, like_count 1";
const UNLIKES: &str =
    "DELETE /api/posts/{id}/like: 8 users who like one post unlike it at once -> 204 each, like_count 0";
const DECLARED_GIF: &str = "POST /api/posts with a PNG named x.gif and declared image/gif -> 201, \
                            and GET its image_url -> 200 image/png (judged by its bytes)";

/// The new checks of an idea: the upload check is instagram's only.
fn new_checks(idea: &str) -> Vec<&'static str> {
    let mut names = vec![SIGN_UPS, LIKES, SAME_USER_LIKES, UNLIKES];
    if idea == "instagram" {
        names.push(DECLARED_GIF);
    }
    names
}

/// The one mistake a fake server makes, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    /// SELECT, then (a password hash later) INSERT, without a unique index.
    SignUpCheckThenInsert,
    /// `like_count` read, incremented and written back.
    LikeCountReadModifyWrite,
    /// A like row inserted after checking it is not there, with nothing unique.
    LikeRowNotUnique,
    /// The upload's type taken from its Content-Type, not from its bytes, for
    /// the stored file's extension (and so for the type it is served as).
    NamesByDeclaredType,
    /// The stored file has no extension, and is served as the declared type.
    ServesDeclaredType,
}

/// Long enough for requests sent together to meet in the gap of a race.
const GAP: Duration = Duration::from_millis(30);

#[derive(Default)]
struct State {
    /// A project at step 4 (posts): no likes, no fields of later parts.
    at_posts: bool,
    /// (id, username, token), in order of sign-up.
    users: Vec<(String, String, String)>,
    posts: HashMap<String, Post>,
    /// Stored images by file name: (Content-Type, bytes).
    images: HashMap<String, (&'static str, Vec<u8>)>,
    next_id: u64,
}

struct Post {
    author: usize,
    text: String,
    image: Option<String>,
    /// The like rows: user ids, unique unless the fault says otherwise.
    likers: Vec<String>,
    /// A counter kept beside the rows, as a denormalised like_count is.
    like_count: i64,
}

impl State {
    fn id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }

    fn caller(&self, token: Option<&str>) -> Option<usize> {
        token.and_then(|t| self.users.iter().position(|u| u.2 == t))
    }

    fn post_json(&self, id: &str, viewer: Option<usize>, images: bool) -> Value {
        let post = &self.posts[id];
        let (author_id, author_name, _) = &self.users[post.author];
        let liked = viewer.is_some_and(|v| post.likers.contains(&self.users[v].0));
        let mut value = json!({
            "id": id, "author": {"id": author_id, "username": author_name},
            "created_at": "2026-01-01T00:00:00Z",
        });
        if images {
            value["caption"] = json!(post.text);
            value["image_url"] = json!(format!("/uploads/{}", post.image.clone().unwrap_or_default()));
        } else {
            value["body"] = json!(post.text);
        }
        if self.at_posts {
            return value;
        }
        value["like_count"] = json!(post.like_count);
        value["liked"] = json!(liked);
        if images {
            value["comment_count"] = json!(0);
        } else {
            value["reply_to"] = Value::Null;
            value["reply_count"] = json!(0);
        }
        value
    }
}

/// A fake server with `fault` for `idea` on 127.0.0.1, finished or `at_posts`; its base URL.
fn fake(fault: Fault, idea: &str, at_posts: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let state = Arc::new(Mutex::new(State { at_posts, ..State::default() }));
    let images = idea == "instagram";
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let state = Arc::clone(&state);
            std::thread::spawn(move || serve(stream, |req| handle(&state, fault, images, req)));
        }
    });
    url
}

fn handle(state: &Mutex<State>, fault: Fault, images: bool, req: Request) -> Response {
    let segments: Vec<&str> = req.path.trim_start_matches('/').split('/').collect();
    let caller = state.lock().unwrap().caller(req.token.as_deref());
    match (req.method.as_str(), segments.as_slice()) {
        ("POST", ["api", "users"]) => sign_up(state, fault, &req),
        ("POST", ["api", "posts"]) => match caller {
            Some(author) => create_post(state, fault, images, author, &req),
            None => error(401, "unauthorized"),
        },
        ("GET", ["api", "posts", id]) => {
            let s = state.lock().unwrap();
            if !s.posts.contains_key(*id) {
                return error(404, "not_found");
            }
            json_response(200, json!({"post": s.post_json(id, caller, images)}))
        }
        ("DELETE", ["api", "posts", id]) => {
            state.lock().unwrap().posts.remove(*id);
            no_content()
        }
        ("PUT" | "DELETE", ["api", "posts", _, "like"]) if state.lock().unwrap().at_posts => {
            error(404, "not_found")
        }
        (method @ ("PUT" | "DELETE"), ["api", "posts", id, "like"]) => match caller {
            Some(user) => like(state, fault, method == "PUT", user, id),
            None => error(401, "unauthorized"),
        },
        ("GET", ["uploads", name]) => match state.lock().unwrap().images.get(*name) {
            Some((content_type, bytes)) => {
                Response { status: 200, content_type, body: bytes.clone(), ..Response::default() }
            }
            None => error(404, "not_found"),
        },
        _ => error(404, "not_found"),
    }
}

fn sign_up(state: &Mutex<State>, fault: Fault, req: &Request) -> Response {
    let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
    let Some(username) = body["username"].as_str() else {
        return error(422, "validation_failed");
    };
    let taken = |s: &State| s.users.iter().any(|u| u.1.eq_ignore_ascii_case(username));
    let mut s = state.lock().unwrap();
    if taken(&s) {
        return error(409, "conflict");
    }
    if fault == Fault::SignUpCheckThenInsert {
        // The name was free a moment ago; hash the password, then insert.
        drop(s);
        sleep(GAP);
        s = state.lock().unwrap();
    }
    let (id, token) = (s.id(), format!("token-{}", s.next_id));
    s.users.push((id.clone(), username.to_string(), token.clone()));
    let mut user = json!({"id": id, "username": username, "bio": "", "created_at": "2026-01-01T00:00:00Z",
        "posts_count": 0});
    if !s.at_posts {
        user["followers_count"] = json!(0);
        user["following_count"] = json!(0);
    }
    json_response(201, json!({"user": user, "token": token}))
}

fn create_post(state: &Mutex<State>, fault: Fault, images: bool, author: usize, req: &Request) -> Response {
    let (text, image) = if images {
        let Some(image) = multipart_file(req, "image") else {
            return error(422, "validation_failed");
        };
        let declared = matches!(fault, Fault::NamesByDeclaredType | Fault::ServesDeclaredType);
        let content_type = if declared && image.content_type == "image/gif" {
            "image/gif"
        } else if declared || image.data.starts_with(b"\x89PNG") {
            "image/png"
        } else if image.data.starts_with(b"GIF8") {
            "image/gif"
        } else {
            return error(415, "unsupported_media_type");
        };
        (String::new(), Some((content_type, image.data)))
    } else {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
        (body["body"].as_str().unwrap_or_default().to_string(), None)
    };
    let mut s = state.lock().unwrap();
    let id = s.id();
    let file = image.map(|(content_type, bytes)| {
        let extension = if content_type == "image/gif" { ".gif" } else { ".png" };
        let name = format!("{id}{}", if fault == Fault::ServesDeclaredType { "" } else { extension });
        s.images.insert(name.clone(), (content_type, bytes));
        name
    });
    s.posts.insert(id.clone(), Post { author, text, image: file, likers: Vec::new(), like_count: 0 });
    json_response(201, json!({"post": s.post_json(&id, Some(author), images)}))
}

/// PUT (`on`) or DELETE of a like.
fn like(state: &Mutex<State>, fault: Fault, on: bool, user: usize, id: &str) -> Response {
    let mut s = state.lock().unwrap();
    let user_id = s.users[user].0.clone();
    let Some(post) = s.posts.get_mut(id) else {
        return error(404, "not_found");
    };
    if post.likers.contains(&user_id) == on {
        return no_content(); // nothing to change
    }
    match fault {
        Fault::LikeCountReadModifyWrite => {
            // The row changes at once; the count is read now and written later.
            if on {
                post.likers.push(user_id)
            } else {
                post.likers.retain(|u| *u != user_id)
            }
            let count = post.like_count;
            drop(s);
            sleep(GAP);
            if let Some(post) = state.lock().unwrap().posts.get_mut(id) {
                post.like_count = if on { count + 1 } else { count - 1 };
            }
        }
        Fault::LikeRowNotUnique if on => {
            // Not there a moment ago: insert it, whoever else did meanwhile.
            drop(s);
            sleep(GAP);
            if let Some(post) = state.lock().unwrap().posts.get_mut(id) {
                post.likers.push(user_id);
                post.like_count = post.likers.len() as i64;
            }
        }
        _ => {
            if on {
                post.likers.push(user_id)
            } else {
                post.likers.retain(|u| *u != user_id)
            }
            post.like_count = post.likers.len() as i64;
        }
    }
    no_content()
}

/// `verify` against a fake with `fault`: whether each new check passed, by name.
fn run(fault: Fault, idea: &str) -> Report {
    let catalog = Catalog::embedded().unwrap();
    verify::run(&fake(fault, idea, false), catalog.idea(idea).unwrap()).unwrap()
}

/// Asserts that of the new checks exactly `failing` fail.
fn assert_only_fails(report: &Report, failing: &[&str]) {
    fake::assert_only_fails(report, &new_checks(&report.idea), failing);
}

#[test]
fn without_faults_the_race_and_upload_checks_pass() {
    for idea in ["twitter", "instagram"] {
        assert_only_fails(&run(Fault::None, idea), &[]);
    }
}

#[test]
fn sign_ups_that_check_then_insert_fail_the_sign_up_race() {
    let report = run(Fault::SignUpCheckThenInsert, "twitter");
    assert_only_fails(&report, &[SIGN_UPS]);
    let check = report.checks.iter().find(|c| c.name == SIGN_UPS).unwrap();
    assert!(check.got.contains("201 x"), "{check:?}");
}

#[test]
fn a_like_count_read_then_written_fails_the_like_races() {
    assert_only_fails(&run(Fault::LikeCountReadModifyWrite, "twitter"), &[LIKES, UNLIKES]);
}

#[test]
fn like_rows_that_are_not_unique_fail_the_same_user_race() {
    assert_only_fails(&run(Fault::LikeRowNotUnique, "instagram"), &[SAME_USER_LIKES]);
}

#[test]
fn an_upload_named_or_served_as_its_declared_type_fails_the_declared_gif_check() {
    for (fault, says) in [
        (Fault::NamesByDeclaredType, "has the extension .gif"),
        (Fault::ServesDeclaredType, "Content-Type \"image/gif\""),
    ] {
        let report = run(fault, "instagram");
        assert_only_fails(&report, &[DECLARED_GIF]);
        let check = report.checks.iter().find(|c| c.name == DECLARED_GIF).unwrap();
        assert!(check.got.contains(says), "{fault:?}: {check:?}");
    }
}

/// The check named `name` of a report.
fn check<'a>(report: &'a Report, name: &str) -> &'a verify::Check {
    report.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no check named {name:?}"))
}

#[test]
fn at_an_early_step_a_later_field_or_a_later_route_that_answers_fails() {
    let catalog = Catalog::embedded().unwrap();
    for name in ["twitter", "instagram"] {
        let idea = catalog.idea(name).unwrap();
        let posts = idea.step("posts").unwrap();
        let at = |at_posts: bool| verify::run_at(&fake(Fault::None, name, at_posts), idea, posts).unwrap();
        let (early, finished) = (at(true), at(false));
        let last = if name == "twitter" { "replies" } else { "comments" };
        assert_eq!(early.not_run, ["follows", "feed", "likes", last, "web"]);
        assert_eq!(early.step, (4, "posts".to_string()));

        let sign_up = "POST /api/users -> 201 {user, token}: a User with a string id, the username as sent, \
                       an empty bio, an RFC 3339 created_at and zero counts";
        let post = if name == "twitter" {
            "POST /api/posts -> 201 {post}: a Post by the caller with the text as sent, zero counts and liked false"
        } else {
            "POST /api/posts with a PNG image -> 201, and GET its image_url -> 200 image/png"
        };
        let likes = "PUT /api/posts/{id}/like -> 404 not_found: likes belongs to a later step than 4 (posts) \
                     (the finished server answers 204)";
        for (name, said) in [
            (sign_up, "user.followers_count is there, but it belongs to follows"),
            (post, "post.like_count is there, but it belongs to likes"),
            (likes, "204"),
        ] {
            let (early, finished) = (check(&early, name), check(&finished, name));
            assert!(early.passed, "{early:?}");
            assert!(!finished.passed && finished.got.contains(said), "{said}: {finished:?}");
        }
        // Nothing of the later parts was tried on the server at its step.
        assert!(early.checks.iter().all(|c| !c.name.contains("8 users like one post")), "no like races");
    }
}
