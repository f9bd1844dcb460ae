//! Replies (twitter): POST /api/posts with `reply_to`, GET
//! /api/posts/{id}/replies oldest first, `reply_count`, and replies being
//! posts (in their author's posts, the feed, `posts_count`).

use ureq::http::Method;

use super::profiles_follows::order;
use crate::verify::client::{encode, random_alnum};
use crate::verify::context::{Ctx, User, created, id_of};
use crate::verify::expect::{self, Step};

/// A post by "a" and three replies to it by "b", "c" and "a", in that order.
struct Thread {
    b: User,
    root: String,
    replies: Vec<String>,
    b_posts_before: u64,
}

fn thread(c: &mut Ctx<'_>) -> Result<Thread, String> {
    let (a, b, cc) = (c.user("a")?, c.user("b")?, c.user("c")?);
    let root = id_of(&c.create_post(&a, "a thread")?)?;
    let b_posts_before = c.count(&b.username, "posts_count")?;
    let mut replies = Vec::new();
    for (author, text) in [(&b, "first reply"), (&cc, "second reply"), (&a, "third reply")] {
        replies.push(id_of(&c.reply(author, &root, text)?)?);
    }
    Ok(Thread { b, root, replies, b_posts_before })
}

pub(super) fn run(c: &mut Ctx<'_>) {
    c.check(
        "POST /api/posts with reply_to an existing post -> 201 {post} with reply_to set to that id",
        "201 {post} with reply_to",
        |c| {
            let (a, b) = (c.user("a")?, c.user("b")?);
            let parent = id_of(&c.create_post(&a, "a parent")?)?;
            let r = c.json(
                Method::POST,
                "/api/posts",
                b.token(),
                &serde_json::json!({"body": format!("a reply {}", random_alnum(4)), "reply_to": parent}),
            )?;
            let post = created(&r, "/post")?;
            c.expect_post(&post)?;
            if post["reply_to"] == parent.as_str() {
                Ok(r.describe())
            } else {
                Err(format!("reply_to is {}", post["reply_to"]))
            }
        },
    );

    let setup = thread(c).step("setup failed, cannot make a thread");
    let reply = |i: usize| setup.as_ref().ok().and_then(|t| t.replies.get(i)).cloned().unwrap_or_default();
    let [r1, r2, r3] = [0, 1, 2].map(reply);

    c.check(
        "GET /api/posts/{id}/replies -> a page of its replies, oldest first",
        "the three replies in the order they were made",
        |c| {
            let t = setup.as_ref().map_err(String::clone)?;
            let (items, _) = c.page(&format!("/api/posts/{}/replies", t.root), None, "posts")?;
            for item in &items {
                c.expect_post(item)?;
            }
            order(&items, &[&r1, &r2, &r3])
        },
    );

    c.check("reply_count counts a post's replies", "reply_count 3", |c| {
        let t = setup.as_ref().map_err(String::clone)?;
        let post = c.fetch_post(&t.root, None)?;
        expect::count(&post, "reply_count", 3)
    });

    c.check(
        "a reply is a post: in explore, its author's posts and feed, and counted in posts_count",
        "the newest reply first in explore, b's reply first in b's posts and feed, posts_count + 1",
        |c| {
            let t = setup.as_ref().map_err(String::clone)?;
            let (posts, _) = c.page(&format!("/api/users/{}/posts?limit=1", t.b.username), None, "posts")?;
            order(&posts, &[&r1]).step("b's posts")?;
            let (feed, _) = c.page("/api/feed?limit=1", t.b.token(), "posts")?;
            order(&feed, &[&r1]).step("b's feed")?;
            let (explore, _) = c.page("/api/posts?limit=1", None, "posts")?;
            order(&explore, &[&r3]).step("explore (was another client posting?)")?;
            let after = c.count(&t.b.username, "posts_count")?;
            if after != t.b_posts_before + 1 {
                return Err(format!("posts_count went from {} to {after}", t.b_posts_before));
            }
            Ok("in explore, b's posts and feed, posts_count + 1".into())
        },
    );

    c.check(
        "GET /api/posts/{id}/replies?limit=2 then its next_cursor -> all replies once, oldest first",
        "[r1, r2] then [r3] with next_cursor null",
        |c| {
            let t = setup.as_ref().map_err(String::clone)?;
            let path = format!("/api/posts/{}/replies", t.root);
            let (first, cursor) = c.page(&format!("{path}?limit=2"), None, "posts")?;
            order(&first, &[&r1, &r2]).step("first page")?;
            let cursor = cursor.ok_or("first page: next_cursor is null with a reply left")?;
            let (second, next) =
                c.page(&format!("{path}?limit=2&cursor={}", encode(&cursor)), None, "posts")?;
            order(&second, &[&r3]).step("second page")?;
            match next {
                None => Ok("[r1, r2] then [r3] with next_cursor null".into()),
                Some(n) => Err(format!("next_cursor {n:?} on the last page")),
            }
        },
    );

    c.check_error("GET /api/posts/{unknown id}/replies -> 404 not_found", 404, "not_found", None, |c| {
        c.get("/api/posts/999999999/replies", None)
    });
}
