//! Ending sessions (API.md, `DELETE /api/sessions`): `?all=true` revokes every
//! token of the caller and no one else's, `?all=false` only the one sent, and
//! any other value of `all` is 422 and revokes nothing.

use serde_json::json;
use ureq::http::Method;

use crate::verify::context::{Ctx, User};
use crate::verify::expect::{self, Step};

/// A second token for `user`, from a log-in.
fn second_token(c: &mut Ctx<'_>, user: &User) -> Result<String, String> {
    let body = json!({"username": user.username, "password": user.password});
    let r = c.json(Method::POST, "/api/sessions", None, &body)?;
    expect::status(&r, 200).step("log-in for a second token")?;
    r.str_at("/token").map(str::to_string).ok_or_else(|| format!("no token in {}", r.describe()))
}

/// GET /api/me with `token` answers `status`.
fn me_is(c: &mut Ctx<'_>, token: &str, status: u16, which: &str) -> Result<(), String> {
    let r = c.get("/api/me", Some(token))?;
    expect::status(&r, status).step(&format!("GET /api/me with {which}"))
}

pub(super) fn run(c: &mut Ctx<'_>) {
    if !c.has("sessions") {
        return;
    }
    c.check(
        "DELETE /api/sessions?all=true -> 204, then every token of the caller is 401 (log out everywhere), \
         another user's still works",
        "204, then 401 for both tokens and 200 for another user's",
        |c| {
            let user = c.user("everywhere")?;
            let second = second_token(c, &user)?;
            let other = c.user("a")?;
            let r = c.bare(Method::DELETE, "/api/sessions?all=true", Some(&second))?;
            expect::status(&r, 204)?;
            me_is(c, &user.token, 401, "the token of its sign-up")?;
            me_is(c, &second, 401, "the token it was sent with")?;
            me_is(c, &other.token, 200, "another user's token")?;
            Ok("204, then 401, 401 and 200".into())
        },
    );
    c.check(
        "DELETE /api/sessions?all=false -> 204, only the token sent is revoked",
        "204, then 401 for that token and 200 for the caller's other one",
        |c| {
            let user = c.user("here")?;
            let second = second_token(c, &user)?;
            let r = c.bare(Method::DELETE, "/api/sessions?all=false", Some(&user.token))?;
            expect::status(&r, 204)?;
            me_is(c, &user.token, 401, "the token sent")?;
            me_is(c, &second, 200, "the caller's other token")?;
            Ok("204, then 401 and 200".into())
        },
    );
    for query in ["all=yes", "all=", "all=true&all=true"] {
        c.check(
            format!("DELETE /api/sessions?{query} -> 422 validation_failed with fields.all, and the token still works"),
            "422 validation_failed with fields.all, then 200",
            move |c| {
                let user = c.user("kept")?;
                let r = c.bare(Method::DELETE, &format!("/api/sessions?{query}"), Some(&user.token))?;
                let got = expect::error(&r, 422, "validation_failed", Some("all"))?;
                me_is(c, &user.token, 200, "the token sent")?;
                Ok(got)
            },
        );
    }
}
