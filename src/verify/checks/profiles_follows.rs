//! Profiles and follows: GET /api/users/{name} (case, `following`, invalid
//! tokens, 404), PUT and DELETE .../follow, followers and following lists.
//!
//! Leaves behind: "a" follows "b" and "c"; nobody else follows anyone.

use serde_json::Value;
use ureq::http::Method;

use crate::verify::client::random_alnum;
use crate::verify::context::Ctx;
use crate::verify::expect::{self, Following, Step};

pub(super) fn run(c: &mut Ctx<'_>) {
    if c.has("users") {
        profiles(c);
    }
    if c.has("follows") {
        follows(c);
    }
}

/// An invalid token: well-formed, but never issued.
fn forged_token() -> String {
    format!("vf{}", random_alnum(40))
}

fn profiles(c: &mut Ctx<'_>) {
    c.check(
        "GET /api/users/{name} with the name in another case and no token -> 200 {user} without `following`",
        "200 {user} of that user, no `following`",
        |c| {
            let a = c.user("a")?;
            let r = c.get(&format!("/api/users/{}", a.username.to_uppercase()), None)?;
            expect::status(&r, 200)?;
            c.expect_user(r.at("/user").unwrap_or(&Value::Null), Following::Absent)?;
            if r.str_at("/user/id") != Some(a.id.as_str()) {
                return Err(format!("another user: {}", r.describe()));
            }
            Ok(r.describe())
        },
    );

    if c.has("follows") {
        following(c);
    }
    not_found(c);
    if c.has("sessions") {
        invalid_tokens(c);
    }
}

fn following(c: &mut Ctx<'_>) {
    c.check(
        "GET /api/users/{name} with a valid token -> `following` present, false before following",
        "following: false",
        |c| {
            let (a, b) = (c.user("a")?, c.user("b")?);
            let user = c.profile(&b.username, a.token())?;
            c.expect_user(&user, Following::Present(Some(false)))?;
            Ok("following: false".to_string())
        },
    );

    c.check("GET /api/users/{own name} with one's own token -> following false", "following: false", |c| {
        let a = c.user("a")?;
        let user = c.profile(&a.username, a.token())?;
        c.expect_user(&user, Following::Present(Some(false)))?;
        Ok("following: false".to_string())
    });
}

fn not_found(c: &mut Ctx<'_>) {
    c.check_error("GET /api/users/{unknown name} -> 404 not_found", 404, "not_found", None, |c| {
        let nobody = c.name("nobody");
        c.get(&format!("/api/users/{nobody}"), None)
    });

    c.check_error(
        "GET /api/users/{an SQL injection: ' OR '1'='1} -> 404 not_found",
        404,
        "not_found",
        None,
        |c| c.get("/api/users/%27%20OR%20%271%27%3D%271", None),
    );
}

fn invalid_tokens(c: &mut Ctx<'_>) {
    c.check_error(
        "GET /api/users/{name} with an invalid token -> 401 unauthorized (even where no token is needed)",
        401,
        "unauthorized",
        None,
        |c| {
            let a = c.user("a")?;
            c.get(&format!("/api/users/{}", a.username), Some(&forged_token()))
        },
    );

    if !c.has("posts") {
        return;
    }
    c.check_error(
        "GET /api/posts with an invalid token -> 401 unauthorized (even where no token is needed)",
        401,
        "unauthorized",
        None,
        |c| c.get("/api/posts", Some(&forged_token())),
    );
}

fn follows(c: &mut Ctx<'_>) {
    c.check("PUT /api/users/{name}/follow -> 204, and again -> 204 (idempotent)", "204 twice", |c| {
        let (a, b) = (c.user("a")?, c.user("b")?);
        for attempt in ["first PUT", "second PUT"] {
            let r = c.bare(Method::PUT, &format!("/api/users/{}/follow", b.username), a.token())?;
            expect::status(&r, 204).step(attempt)?;
        }
        Ok("204 twice".to_string())
    });

    c.check(
        "after a follow (sent twice): following true for the follower, followers_count and following_count 1",
        "following true, both counts 1",
        |c| {
            let (a, b) = (c.user("a")?, c.user("b")?);
            let seen_by_a = c.profile(&b.username, a.token())?;
            c.expect_user(&seen_by_a, Following::Present(Some(true))).step("b seen by a")?;
            if seen_by_a["followers_count"] != 1 {
                return Err(format!("b's followers_count is {}", seen_by_a["followers_count"]));
            }
            let seen_by_b = c.profile(&a.username, b.token())?;
            c.expect_user(&seen_by_b, Following::Present(Some(false)))
                .step("a seen by b (who does not follow a)")?;
            if seen_by_b["following_count"] != 1 {
                return Err(format!("a's following_count is {}", seen_by_b["following_count"]));
            }
            Ok("following true, both counts 1".to_string())
        },
    );

    c.check_error(
        "PUT /api/users/{own name}/follow -> 422 validation_failed (following oneself)",
        422,
        "validation_failed",
        None,
        |c| {
            let a = c.user("a")?;
            c.bare(Method::PUT, &format!("/api/users/{}/follow", a.username), a.token())
        },
    );

    c.check_error("PUT /api/users/{unknown name}/follow -> 404 not_found", 404, "not_found", None, |c| {
        let a = c.user("a")?;
        let nobody = c.name("nobody");
        c.bare(Method::PUT, &format!("/api/users/{nobody}/follow"), a.token())
    });

    c.check_error(
        "PUT /api/users/{name}/follow without a token -> 401 unauthorized",
        401,
        "unauthorized",
        None,
        |c| {
            let b = c.user("b")?;
            c.bare(Method::PUT, &format!("/api/users/{}/follow", b.username), None)
        },
    );

    c.check(
        "GET /api/users/{name}/followers -> a page of users, newest follow first",
        "[c, a]: c followed b after a did",
        |c| {
            let (a, b, cc) = (c.user("a")?, c.user("b")?, c.user("c")?);
            c.follow(&cc, &b.username)?;
            let (users, _) = c.page(&format!("/api/users/{}/followers", b.username), None, "users")?;
            for user in &users {
                c.expect_user(user, Following::Absent)?;
            }
            order(&users, &[&cc.id, &a.id])
        },
    );

    c.check(
        "GET /api/users/{name}/following -> a page of users, newest follow first",
        "[c, b]: a followed c after b",
        |c| {
            let (a, b, cc) = (c.user("a")?, c.user("b")?, c.user("c")?);
            c.follow(&a, &cc.username)?;
            let (users, _) = c.page(&format!("/api/users/{}/following", a.username), None, "users")?;
            order(&users, &[&cc.id, &b.id])
        },
    );

    c.check_error("GET /api/users/{unknown name}/followers -> 404 not_found", 404, "not_found", None, |c| {
        let nobody = c.name("nobody");
        c.get(&format!("/api/users/{nobody}/followers"), None)
    });

    c.check(
        "DELETE /api/users/{name}/follow -> 204, and again -> 204 (idempotent); the follower and the counts go",
        "204 twice, then followers [a] and counts down",
        |c| {
            let (a, b, cc) = (c.user("a")?, c.user("b")?, c.user("c")?);
            for attempt in ["first DELETE", "second DELETE"] {
                let r = c.bare(Method::DELETE, &format!("/api/users/{}/follow", b.username), cc.token())?;
                expect::status(&r, 204).step(attempt)?;
            }
            let (users, _) = c.page(&format!("/api/users/{}/followers", b.username), None, "users")?;
            order(&users, &[&a.id]).step("followers of b")?;
            let followers = c.count(&b.username, "followers_count")?;
            let following = c.count(&cc.username, "following_count")?;
            if (followers, following) != (1, 0) {
                return Err(format!("b's followers_count {followers}, c's following_count {following} (expected 1 and 0)"));
            }
            Ok("204 twice, then followers [a] and counts down".to_string())
        },
    );

    c.check_error(
        "DELETE /api/users/{name}/follow without a token -> 401 unauthorized",
        401,
        "unauthorized",
        None,
        |c| {
            let b = c.user("b")?;
            c.bare(Method::DELETE, &format!("/api/users/{}/follow", b.username), None)
        },
    );
}

/// The items' ids are exactly `want`, in that order.
pub(super) fn order(items: &[Value], want: &[&String]) -> Result<String, String> {
    let got = expect::ids(items);
    let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    if got == want {
        Ok(expect::list(&got))
    } else {
        Err(format!("{} instead of {}", expect::list(&got), expect::list(&want)))
    }
}
