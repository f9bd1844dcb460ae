//! Posts of either idea: create (shape, 401), GET by id (404 for unknown and
//! malformed ids), DELETE (403, 204, what goes and what stays), and the
//! twitter body and `reply_to` rules. Instagram's upload rules are in
//! `comments_uploads`.

use serde_json::{Value, json};
use ureq::http::Method;

use crate::verify::client::Resp;
use crate::verify::context::{Ctx, User, created, id_of, mixed_text};
use crate::verify::expect::{self, Step};

pub(super) fn run(c: &mut Ctx<'_>) {
    create_and_get(c);
    delete(c);
    if !c.idea.features.images {
        bodies(c);
    }
}

/// The post's text field: `body` (twitter) or `caption` (instagram).
pub(super) fn text_field(c: &Ctx<'_>) -> &'static str {
    if c.idea.features.images { "caption" } else { "body" }
}

fn create_and_get(c: &mut Ctx<'_>) {
    let mut first: Option<Value> = None;
    c.check(
        "POST /api/posts -> 201 {post}: a Post by the caller with the text as sent, zero counts and liked false",
        "201 {post} with the Post shape",
        |c| {
            let a = c.user("a")?;
            let text = "hello from backroad verify";
            let r = c.post_request(a.token(), text)?;
            let post = created(&r, "/post")?;
            c.expect_post(&post)?;
            if post["author"]["id"] != a.id.as_str() || post["author"]["username"] != a.username.as_str() {
                return Err(format!("post.author is {}, not the caller", post["author"]));
            }
            let field = text_field(c);
            if post[field] != text {
                return Err(format!("post.{field} is {}, sent {text:?}", post[field]));
            }
            for count in ["like_count", "reply_count", "comment_count"] {
                if post.get(count).is_some_and(|n| n != 0) {
                    return Err(format!("post.{count} of a new post is {}", post[count]));
                }
            }
            if c.has("likes") && post["liked"] != false {
                return Err(format!("post.liked of a new post is {}", post["liked"]));
            }
            if c.has("replies") && !post["reply_to"].is_null() {
                return Err(format!("post.reply_to is {}, not null", post["reply_to"]));
            }
            first = Some(post);
            Ok(r.describe())
        },
    );

    c.check_error("POST /api/posts without a token -> 401 unauthorized", 401, "unauthorized", None, |c| {
        c.post_request(None, "no token")
    });

    let field = text_field(c);
    c.check(
        "GET /api/posts/{id} -> 200 {post}, the post as created",
        "200 {post} with the same id, author and text",
        |c| {
            let created = first.ok_or("setup failed: the post of the first check was not created")?;
            let id = id_of(&created)?;
            let r = c.get(&format!("/api/posts/{id}"), None)?;
            expect::status(&r, 200)?;
            let post = r.at("/post").cloned().unwrap_or(Value::Null);
            c.expect_post(&post)?;
            for key in ["id", "author", field] {
                if post[key] != created[key] {
                    return Err(format!("post.{key} is {}, created as {}", post[key], created[key]));
                }
            }
            Ok(r.describe())
        },
    );

    for (what, id) in [
        ("an id that does not exist", "999999999"),
        ("a malformed id \"abc\"", "abc"),
        ("a malformed id \"../x\" (encoded)", "..%2Fx"),
        ("an id beyond 64 bits", "99999999999999999999999"),
    ] {
        c.check_error(
            format!("GET /api/posts/{{id}} with {what} -> 404 not_found"),
            404,
            "not_found",
            None,
            move |c| c.get(&format!("/api/posts/{id}"), None),
        );
    }
}

/// A post by "a" with a like and a reply (twitter) or a comment (instagram)
/// by "b", those of them the step has.
fn doomed_post(c: &mut Ctx<'_>) -> Result<(User, User, String, Option<String>), String> {
    let (a, b) = (c.user("a")?, c.user("b")?);
    let post = c.create_post(&a, "to be deleted")?;
    let id = id_of(&post)?;
    if c.has("likes") {
        let like = c.bare(Method::PUT, &format!("/api/posts/{id}/like"), b.token())?;
        expect::status(&like, 204).step("liking the post")?;
    }
    let reply = if c.has("replies") {
        Some(id_of(&c.reply(&b, &id, "a reply that outlives its post")?)?)
    } else {
        None
    };
    if c.has("comments") {
        let r = c.json(
            Method::POST,
            &format!("/api/posts/{id}/comments"),
            b.token(),
            &json!({"body": "gone soon"}),
        )?;
        expect::status(&r, 201).step("commenting on the post")?;
    }
    Ok((a, b, id, reply))
}

fn delete(c: &mut Ctx<'_>) {
    let setup = doomed_post(c).step("setup failed, cannot make a post to delete");

    c.check_error("DELETE /api/posts/{id} by another user -> 403 forbidden", 403, "forbidden", None, |c| {
        let (_, b, id, _) = setup.clone()?;
        c.bare(Method::DELETE, &format!("/api/posts/{id}"), b.token())
    });

    c.check_error(
        "DELETE /api/posts/{id} without a token -> 401 unauthorized",
        401,
        "unauthorized",
        None,
        |c| {
            let (_, _, id, _) = setup.clone()?;
            c.bare(Method::DELETE, &format!("/api/posts/{id}"), None)
        },
    );

    let extra = if c.idea.features.comments { "a comment" } else { "a reply" };
    let with = match (c.has("likes"), c.has("replies") || c.has("comments")) {
        (true, true) => format!(" with a like and {extra}"),
        (true, false) => " with a like".to_string(),
        (false, _) => String::new(),
    };
    c.check(
        format!(
            "DELETE /api/posts/{{id}} of a post{with}, by its author -> 204; \
             then GET -> 404 and the author's posts_count drops by one"
        ),
        "204, then 404 and posts_count - 1",
        |c| {
            let (a, _, id, _) = setup.clone()?;
            let before = c.count(&a.username, "posts_count")?;
            let r = c.bare(Method::DELETE, &format!("/api/posts/{id}"), a.token())?;
            expect::status(&r, 204).step("DELETE")?;
            let gone = c.get(&format!("/api/posts/{id}"), None)?;
            expect::error(&gone, 404, "not_found", None).step("GET after DELETE")?;
            let after = c.count(&a.username, "posts_count")?;
            if after + 1 != before {
                return Err(format!("posts_count went from {before} to {after}"));
            }
            Ok("204, then 404 and posts_count - 1".to_string())
        },
    );

    if c.has("replies") {
        c.check(
            "after DELETE of a post, a reply to it stays, with reply_to null",
            "200 {post} with reply_to null",
            |c| {
                let (_, _, _, reply) = setup.clone()?;
                let reply = reply.ok_or("setup failed: no reply was made")?;
                let post = c.fetch_post(&reply, None)?;
                if post["reply_to"].is_null() {
                    Ok("reply_to null".to_string())
                } else {
                    Err(format!("reply_to is {}", post["reply_to"]))
                }
            },
        );
    }
    if c.has("comments") {
        c.check_error(
            "after DELETE of a post, its comments go: GET /api/posts/{id}/comments -> 404 not_found",
            404,
            "not_found",
            None,
            |c| {
                let (_, _, id, _) = setup.clone()?;
                c.get(&format!("/api/posts/{id}/comments"), None)
            },
        );
    }

    c.check_error("DELETE /api/posts/{id} of a deleted post -> 404 not_found", 404, "not_found", None, |c| {
        let (a, _, id, _) = setup.clone()?;
        c.bare(Method::DELETE, &format!("/api/posts/{id}"), a.token())
    });
}

/// POST /api/posts (twitter) with any JSON body, as user "a".
fn post_json(c: &mut Ctx<'_>, body: Value) -> Result<Resp, String> {
    let a = c.user("a")?;
    c.json(Method::POST, "/api/posts", a.token(), &body)
}

fn bodies(c: &mut Ctx<'_>) {
    let max = c.idea.limits.body_max as usize;
    c.check(
        format!("POST /api/posts: body of {max} characters (emoji, accents, CJK) -> 201, stored as sent"),
        "201 {post} with the body as sent",
        move |c| {
            let body = mixed_text(max);
            let r = post_json(c, json!({"body": body}))?;
            let post = created(&r, "/post")?;
            if post["body"] == body.as_str() {
                Ok(r.describe())
            } else {
                Err(format!("a different body: {}", r.describe()))
            }
        },
    );

    let invalid = [
        (format!("body of {} characters", max + 1), json!({"body": mixed_text(max + 1)}), "body"),
        ("empty body".to_string(), json!({"body": ""}), "body"),
        ("body of only spaces, tabs and newlines".to_string(), json!({"body": " \t\n  \r\n "}), "body"),
        (
            "body of only Unicode white space (U+3000, U+00A0)".to_string(),
            json!({"body": "\u{3000}\u{a0}\u{3000}"}),
            "body",
        ),
        ("no body".to_string(), json!({}), "body"),
        ("body that is not a string".to_string(), json!({"body": ["hello"]}), "body"),
        (
            "reply_to a post that does not exist".to_string(),
            json!({"body": "hi", "reply_to": "999999999"}),
            "reply_to",
        ),
        ("reply_to a malformed id \"abc\"".to_string(), json!({"body": "hi", "reply_to": "abc"}), "reply_to"),
    ];
    for (what, body, field) in invalid {
        if field == "reply_to" && !c.has("replies") {
            continue;
        }
        c.check_error(
            format!("POST /api/posts: {what} -> 422 validation_failed with fields.{field}"),
            422,
            "validation_failed",
            Some(field),
            move |c| post_json(c, body),
        );
    }

    if !c.has("replies") {
        return;
    }
    c.check_error(
        "POST /api/posts: reply_to that is a number, not a string id -> 422 validation_failed with fields.reply_to",
        422,
        "validation_failed",
        Some("reply_to"),
        |c| {
            let a = c.user("a")?;
            let parent = c.create_post(&a, "a parent")?;
            // The parent's own id as a number, so only the type is wrong.
            let number: u64 = id_of(&parent)?.parse().unwrap_or(1);
            post_json(c, json!({"body": "hi", "reply_to": number}))
        },
    );
}
