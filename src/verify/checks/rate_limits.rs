//! The log-in rate limit (API.md, "Rate limits"): ten log-ins a minute for one
//! username from one address, then 429 `rate_limited` with `Retry-After`,
//! while other usernames are answered as usual. Sign-up and post limits are
//! on only in production, so the suite cannot see them: the projects' own
//! tests do.

use serde_json::json;
use ureq::http::Method;

use crate::verify::client::Resp;
use crate::verify::context::Ctx;
use crate::verify::expect::{self, Step};

/// `LOGIN_RATE_LIMIT`'s default, in every environment.
const LOGIN_LIMIT: u32 = 10;
/// Its window, in seconds: the most `Retry-After` may say.
const WINDOW: u64 = 60;

fn login(c: &mut Ctx<'_>, username: &str, password: &str) -> Result<Resp, String> {
    c.json(Method::POST, "/api/sessions", None, &json!({"username": username, "password": password}))
}

pub(super) fn run(c: &mut Ctx<'_>) {
    if !c.has("sessions") {
        return;
    }
    c.check(
        format!(
            "POST /api/sessions: {LOGIN_LIMIT} wrong passwords for one username (in any case) in a minute -> 401 each, \
             the next log-in -> 429 rate_limited with Retry-After, even with the right password (LOGIN_RATE_LIMIT)"
        ),
        format!("401 x {LOGIN_LIMIT}, then 429 rate_limited with Retry-After: 1-{WINDOW}"),
        |c| {
            let user = c.user("limited")?;
            for attempt in 1..=LOGIN_LIMIT {
                // Every other attempt in upper case: the limit counts the username ignoring case.
                let name = if attempt % 2 == 0 { user.username.to_uppercase() } else { user.username.clone() };
                let r = login(c, &name, "not-the-password-1")?;
                if r.status == 429 {
                    return Err(format!("429 at attempt {attempt}: the limit is under {LOGIN_LIMIT} a minute"));
                }
                expect::error(&r, 401, "unauthorized", None).step(&format!("attempt {attempt}"))?;
            }
            let r = login(c, &user.username, &user.password)?;
            expect::error(&r, 429, "rate_limited", None).step(&format!("attempt {}", LOGIN_LIMIT + 1))?;
            let retry = r.header("retry-after").ok_or_else(|| format!("429 without Retry-After: {}", r.describe()))?;
            match retry.trim().parse::<u64>() {
                Ok(seconds) if (1..=WINDOW).contains(&seconds) => {
                    Ok(format!("401 x {LOGIN_LIMIT}, then 429 with Retry-After: {seconds}"))
                }
                _ => Err(format!("Retry-After: {retry:?}, not whole seconds from 1 to {WINDOW}")),
            }
        },
    );
    c.check(
        "POST /api/sessions for another username from the same address, after that one was limited -> 200",
        "200 {user, token}",
        |c| {
            let other = c.user("unlimited")?;
            let r = login(c, &other.username, &other.password)?;
            expect::status(&r, 200)?;
            Ok(r.describe())
        },
    );
}
