//! The parts of later steps are not there yet (API.md, "The tutorial's
//! steps"): at step K, one representative route of each later part answers
//! 404 like any unknown path. Each request is one the finished server answers
//! otherwise (200, 201, 204 or 401), so a part that is there too early fails.
//! Fields of later parts are judged by the shapes, in `expect`.

use serde_json::json;
use ureq::http::Method;

use crate::verify::client::Resp;
use crate::verify::context::{Ctx, id_of, new_password};

/// The representative request of a later part, as words, and what the
/// finished server answers it. `users` and `posts`: whether the step has them,
/// so that a real user or post can be named. Without posts, a post's replies
/// or comments cannot be asked for in a way the finished server answers with
/// anything but 404: `posts` itself is checked absent then, and they are not.
fn request(part: &str, users: bool, posts: bool) -> Option<(&'static str, &'static str)> {
    Some(match part {
        "users" => ("POST /api/users with a valid sign-up", "201"),
        "sessions" => ("GET /api/me", "401"),
        "posts" => ("GET /api/posts", "200"),
        "follows" if users => ("GET /api/users/{name}/followers", "200"),
        "follows" => ("PUT /api/users/{name}/follow without a token", "401"),
        "feed" => ("GET /api/feed", "401"),
        "likes" if posts => ("PUT /api/posts/{id}/like", "204"),
        "likes" => ("PUT /api/posts/{id}/like without a token", "401"),
        "replies" if posts => ("GET /api/posts/{id}/replies", "200"),
        "comments" if posts => ("GET /api/posts/{id}/comments", "200"),
        "web" => ("GET / (the web front end)", "200"),
        _ => return None,
    })
}

pub(super) fn run(c: &mut Ctx<'_>) {
    let later = c.parts.later().to_vec();
    let (users, posts) = (c.has("users"), c.has("posts"));
    let needs_post = later.iter().any(|p| ["likes", "replies", "comments"].contains(&p.as_str()));
    // A real post, so that the finished server would answer 204 or 200, not 404.
    let post = if needs_post && posts {
        (|| {
            let a = c.user("a")?;
            id_of(&c.create_post(&a, "not liked yet")?)
        })()
        .map_err(|e| format!("setup failed, cannot make a post: {e}"))
    } else {
        Ok("999999999".to_string())
    };
    for part in &later {
        let Some((what, finished)) = request(part, users, posts) else { continue };
        let status = if part == "web" { "404" } else { "404 not_found" };
        let name = format!(
            "{what} -> {status}: {part} belongs to a later step than {} (the finished server answers {finished})",
            c.parts.step
        );
        let post = post.clone();
        let part = part.clone();
        if part == "web" {
            c.check_status(name, 404, |c| c.get("/", None));
        } else {
            c.check_error(name, 404, "not_found", None, move |c| send(c, &part, post));
        }
    }
}

/// The representative request of `part` (see [`request`]).
fn send(c: &mut Ctx<'_>, part: &str, post: Result<String, String>) -> Result<Resp, String> {
    let users = c.has("users");
    match part {
        "users" => {
            let password = new_password();
            c.passwords.push(password.clone());
            let body = json!({"username": c.name("early"), "password": password});
            c.json(Method::POST, "/api/users", None, &body)
        }
        "sessions" => c.get("/api/me", None),
        "posts" => c.get("/api/posts", None),
        "follows" if users => {
            let a = c.user("a")?;
            c.get(&format!("/api/users/{}/followers", a.username), None)
        }
        "follows" => c.bare(Method::PUT, &format!("/api/users/{}/follow", c.name("nobody")), None),
        "feed" => c.get("/api/feed", None),
        "likes" => {
            // With posts there is a user too (users come first), and the like is theirs.
            let token = if c.has("posts") { Some(c.user("a")?.token) } else { None };
            c.bare(Method::PUT, &format!("/api/posts/{}/like", post?), token.as_deref())
        }
        "replies" | "comments" => c.get(&format!("/api/posts/{}/{part}", post?), None),
        _ => Err(format!("no request for part {part} (a bug in backroad verify)")),
    }
}

#[cfg(test)]
mod tests {
    use super::request;
    use crate::verify::parts::CHECKED;

    #[test]
    fn every_part_after_start_has_a_representative_request() {
        for part in CHECKED.iter().filter(|p| **p != "start") {
            assert!(request(part, true, true).is_some(), "{part}");
        }
        // Without posts, a post's replies are 404 on any server: not asked.
        assert_eq!(request("replies", true, false), None);
        assert_eq!(
            request("follows", false, false),
            Some(("PUT /api/users/{name}/follow without a token", "401"))
        );
    }
}
