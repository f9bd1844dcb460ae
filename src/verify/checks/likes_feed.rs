//! Likes (idempotent, counts, `liked` for the caller), the feed (own and
//! followed posts, newest first), explore and a user's posts.
//!
//! The feed uses its own users "fa", "fb", "fc", so that its exact contents
//! are known: "fa" follows "fb" (once there are follows); posts are made fa1,
//! fb1, fc1, fa2, fb2. Explore and a user's posts need only `posts`.

use serde_json::Value;
use ureq::http::Method;

use super::profiles_follows::order;
use crate::verify::context::{Ctx, User, id_of};
use crate::verify::expect::{self, Step};

pub(super) fn run(c: &mut Ctx<'_>) {
    if c.has("likes") {
        likes(c);
    }
    if c.has("posts") {
        feed(c);
    }
}

fn likes(c: &mut Ctx<'_>) {
    let setup = (|| {
        let b = c.user("b")?;
        id_of(&c.create_post(&b, "like me")?)
    })()
    .step("setup failed, cannot make a post to like");
    let like = |method: Method, id: &str| (method, format!("/api/posts/{id}/like"));

    c.check(
        "PUT /api/posts/{id}/like -> 204, and again -> 204 (idempotent); like_count 1",
        "204 twice, like_count 1",
        |c| {
            let (a, id) = (c.user("a")?, setup.clone()?);
            let (method, path) = like(Method::PUT, &id);
            for attempt in ["first PUT", "second PUT"] {
                let r = c.bare(method.clone(), &path, a.token())?;
                expect::status(&r, 204).step(attempt)?;
            }
            let post = c.fetch_post(&id, None)?;
            expect::count(&post, "like_count", 1).map(|got| format!("204 twice, {got}"))
        },
    );

    c.check(
        "`liked` is true for a caller who likes the post, false for another user and without a token",
        "liked true / false / false",
        |c| {
            let (a, cc, id) = (c.user("a")?, c.user("c")?, setup.clone()?);
            let got = [
                c.fetch_post(&id, a.token())?["liked"].clone(),
                c.fetch_post(&id, cc.token())?["liked"].clone(),
                c.fetch_post(&id, None)?["liked"].clone(),
            ];
            let words = format!("liked {} / {} / {}", got[0], got[1], got[2]);
            if got == [true, false, false] { Ok(words) } else { Err(words) }
        },
    );

    c.check("a second user's like -> like_count 2", "like_count 2", |c| {
        let (cc, id) = (c.user("c")?, setup.clone()?);
        let (method, path) = like(Method::PUT, &id);
        let r = c.bare(method, &path, cc.token())?;
        expect::status(&r, 204).step("PUT like")?;
        let post = c.fetch_post(&id, None)?;
        expect::count(&post, "like_count", 2)
    });

    c.check(
        "DELETE /api/posts/{id}/like -> 204, and again -> 204 (idempotent); like_count 1 and liked false for the caller",
        "204 twice, like_count 1, liked false",
        |c| {
            let (a, id) = (c.user("a")?, setup.clone()?);
            let (method, path) = like(Method::DELETE, &id);
            for attempt in ["first DELETE", "second DELETE"] {
                let r = c.bare(method.clone(), &path, a.token())?;
                expect::status(&r, 204).step(attempt)?;
            }
            let post = c.fetch_post(&id, a.token())?;
            if post["like_count"] == 1 && post["liked"] == false {
                Ok("204 twice, like_count 1, liked false".into())
            } else {
                Err(format!("like_count {}, liked {}", post["like_count"], post["liked"]))
            }
        },
    );

    for (what, id) in [("an id that does not exist", "999999999"), ("a malformed id \"abc\"", "abc")] {
        c.check_error(
            format!("PUT /api/posts/{{id}}/like with {what} -> 404 not_found"),
            404,
            "not_found",
            None,
            move |c| {
                let a = c.user("a")?;
                c.bare(Method::PUT, &format!("/api/posts/{id}/like"), a.token())
            },
        );
    }

    for method in [Method::PUT, Method::DELETE] {
        c.check_error(
            format!("{method} /api/posts/{{id}}/like without a token -> 401 unauthorized"),
            401,
            "unauthorized",
            None,
            |c| {
                let id = setup.clone()?;
                let (method, path) = like(method, &id);
                c.bare(method, &path, None)
            },
        );
    }
}

/// The feed's users and posts: (fa, fb, fc, [fa1, fb1, fc1, fa2, fb2]).
fn feed_setup(c: &mut Ctx<'_>) -> Result<(User, User, User, Vec<String>), String> {
    let (fa, fb, fc) = (c.user("fa")?, c.user("fb")?, c.user("fc")?);
    if c.has("follows") {
        c.follow(&fa, &fb.username)?;
    }
    let mut posts = Vec::new();
    for (author, text) in [(&fa, "fa1"), (&fb, "fb1"), (&fc, "fc1"), (&fa, "fa2"), (&fb, "fb2")] {
        posts.push(id_of(&c.create_post(author, text)?)?);
    }
    Ok((fa, fb, fc, posts))
}

fn feed(c: &mut Ctx<'_>) {
    let setup = feed_setup(c).step("setup failed for the feed");
    let posts = |i: usize| setup.as_ref().ok().and_then(|s| s.3.get(i)).cloned().unwrap_or_default();
    let [fa1, fb1, fc1, fa2, fb2] = [0, 1, 2, 3, 4].map(posts);

    c.check(
        "GET /api/posts (explore) -> everyone's posts, newest first",
        "the five newest posts of the server are fb2, fa2, fc1, fb1, fa1",
        |c| {
            setup.clone()?;
            let (items, _) = c.page("/api/posts?limit=5", None, "posts")?;
            for item in &items {
                c.expect_post(item)?;
            }
            order(&items, &[&fb2, &fa2, &fc1, &fb1, &fa1])
                .map_err(|e| format!("{e} (was another client posting?)"))
        },
    );

    c.check("GET /api/users/{name}/posts -> that user's posts only, newest first", "fa2, fa1", |c| {
        let (fa, ..) = setup.clone()?;
        let (items, _) = c.page(&format!("/api/users/{}/posts", fa.username), None, "posts")?;
        order(&items, &[&fa2, &fa1])
    });

    if !c.has("feed") {
        return;
    }
    c.check(
        "GET /api/feed -> the caller's posts and those of the users they follow, newest first, no one else's",
        "fb2, fa2, fb1, fa1 (fa follows fb, not fc)",
        |c| {
            let (fa, ..) = setup.clone()?;
            let (items, _) = c.page("/api/feed", fa.token(), "posts")?;
            for item in &items {
                c.expect_post(item)?;
            }
            order(&items, &[&fb2, &fa2, &fb1, &fa1])
        },
    );

    c.check("GET /api/feed of a user who follows no one -> only their own posts", "fc1", |c| {
        let (.., fc, _) = setup.clone()?;
        let (items, _) = c.page("/api/feed", fc.token(), "posts")?;
        order(&items, &[&fc1])
    });

    if c.has("likes") {
        feed_likes(c, &setup, &fb1);
    }

    c.check("GET /api/feed after an unfollow -> the unfollowed user's posts are gone", "fa2, fa1", |c| {
        let (fa, fb, ..) = setup.clone()?;
        let r = c.bare(Method::DELETE, &format!("/api/users/{}/follow", fb.username), fa.token())?;
        expect::status(&r, 204).step("unfollowing")?;
        let (items, _) = c.page("/api/feed", fa.token(), "posts")?;
        order(&items, &[&fa2, &fa1])
    });

    c.check_error("GET /api/feed without a token -> 401 unauthorized", 401, "unauthorized", None, |c| {
        c.get("/api/feed", None)
    });
}

/// `liked` in the feed, once there are likes.
fn feed_likes(c: &mut Ctx<'_>, setup: &Result<(User, User, User, Vec<String>), String>, fb1: &str) {
    c.check(
        "GET /api/feed: `liked` is true on exactly the posts the caller likes",
        "liked only on fb1",
        |c| {
            let (fa, ..) = setup.clone()?;
            let r = c.bare(Method::PUT, &format!("/api/posts/{fb1}/like"), fa.token())?;
            expect::status(&r, 204).step("liking fb1")?;
            let (items, _) = c.page("/api/feed", fa.token(), "posts")?;
            let liked: Vec<String> =
                items.iter().filter(|p| p["liked"] == true).map(|p| p["id"].to_string()).collect();
            let flags: Vec<&Value> = items.iter().map(|p| &p["liked"]).collect();
            if liked == [Value::String(fb1.to_string()).to_string()] && flags.iter().all(|f| f.is_boolean()) {
                Ok("liked only on fb1".into())
            } else {
                Err(format!("liked flags {flags:?} for {}", expect::list(&expect::ids(&items))))
            }
        },
    );
}
