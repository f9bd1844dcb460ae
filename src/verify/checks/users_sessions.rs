//! Accounts: POST /api/users (shape, username and password rules, conflicts),
//! POST and DELETE /api/sessions, GET and PATCH /api/me.
//!
//! Leaves behind user "a" (made by the first check), used by later areas.
//!
//! Over 400 lines on purpose: the account checks run in one sequence whose
//! users and tokens each check leaves to the next, and read best in order.

use serde_json::{Value, json};
use ureq::http::Method;

use crate::verify::client::{Resp, random_alnum};
use crate::verify::context::{Ctx, mixed_text, new_password};
use crate::verify::expect::{self, Following, Step};

const INVALID: &str = "validation_failed";

pub(super) fn run(c: &mut Ctx<'_>) {
    if !c.has("users") {
        return;
    }
    create_user(c);
    usernames(c);
    passwords(c);
    if c.has("sessions") {
        sessions(c);
        me(c);
    }
}

/// POST /api/users with any JSON body, remembering a string password.
fn create(c: &mut Ctx<'_>, body: Value) -> Result<Resp, String> {
    if let Some(password) = body.get("password").and_then(Value::as_str) {
        c.passwords.push(password.to_string());
    }
    c.json(Method::POST, "/api/users", None, &body)
}

fn login(c: &mut Ctx<'_>, body: Value) -> Result<Resp, String> {
    c.json(Method::POST, "/api/sessions", None, &body)
}

fn create_user(c: &mut Ctx<'_>) {
    c.check(
        "POST /api/users -> 201 {user, token}: a User with a string id, the username as sent, an empty bio, \
         an RFC 3339 created_at and zero counts",
        "201 {user, token} with a new User",
        |c| {
            let username = c.name("a");
            let password = new_password();
            let r = c.register(&username, &password)?;
            // Kept either way, so that the checks that need "a" say why it is missing.
            let adopted = c.adopt("a", &r, &username, &password);
            expect::status(&r, 201)?;
            adopted?;
            let user = r.at("/user").unwrap_or(&Value::Null);
            c.expect_user(user, Following::Either)?;
            if user["username"] != username.as_str() {
                return Err(format!("user.username is {}, sent {username:?}", user["username"]));
            }
            if user["bio"] != "" {
                return Err(format!("user.bio is {}, not \"\"", user["bio"]));
            }
            for count in expect::user_counts(&c.parts) {
                if user[count] != 0 {
                    return Err(format!("user.{count} of a new user is {}", user[count]));
                }
            }
            Ok(r.describe())
        },
    );

    c.check(
        "POST /api/users: the token is a string of at least 22 characters (128 bits)",
        "a token of 22 or more characters",
        |c| {
            let a = c.user("a")?;
            let length = a.token.chars().count();
            if length >= 22 {
                Ok(format!("a token of {length} characters"))
            } else {
                Err(format!("a token of {length} characters"))
            }
        },
    );
}

fn usernames(c: &mut Ctx<'_>) {
    let limits = c.idea.limits.clone();
    let (min, max) = (limits.username_min as usize, limits.username_max as usize);

    c.check(format!("POST /api/users: username of {min} characters -> 201"), "201", move |c| {
        // A name this short may exist from an earlier run: try a few.
        let mut taken = String::new();
        for _ in 0..3 {
            let r = create(c, json!({"username": random_alnum(min), "password": new_password()}))?;
            if r.status == 409 {
                taken = r.describe();
                continue;
            }
            expect::status(&r, 201)?;
            return Ok(r.describe());
        }
        Err(format!("three random {min}-character names were all taken: {taken}"))
    });

    c.check_status(format!("POST /api/users: username of {max} characters -> 201"), 201, move |c| {
        let mut name = c.name("max");
        while name.len() < max {
            name.push('z');
        }
        create(c, json!({"username": name, "password": new_password()}))
    });

    let bad_usernames = [
        (format!("username of {} characters", min - 1), json!(random_alnum(min - 1))),
        (format!("username of {} characters", max + 1), json!(random_alnum(max + 1))),
        ("username with a '-'".to_string(), json!(format!("vf-{}", random_alnum(8)))),
        ("username with a non-ASCII letter 'é'".to_string(), json!(format!("vf_é{}", random_alnum(8)))),
        ("username ending in a newline".to_string(), json!(format!("vf_{}\n", random_alnum(8)))),
        ("username that is a number, not a string".to_string(), json!(12345)),
    ];
    for (what, username) in bad_usernames {
        c.check_error(
            format!("POST /api/users: {what} -> 422 validation_failed with fields.username"),
            422,
            INVALID,
            Some("username"),
            move |c| create(c, json!({"username": username, "password": new_password()})),
        );
    }
    c.check_error(
        "POST /api/users: no username -> 422 validation_failed with fields.username",
        422,
        INVALID,
        Some("username"),
        |c| create(c, json!({"password": new_password()})),
    );

    c.check_error(
        "POST /api/users: a taken username in another case -> 409 conflict",
        409,
        "conflict",
        None,
        |c| {
            let a = c.user("a")?;
            create(c, json!({"username": a.username.to_uppercase(), "password": new_password()}))
        },
    );
}

fn passwords(c: &mut Ctx<'_>) {
    let limits = c.idea.limits.clone();
    let (min, max) = (limits.password_min as usize, limits.password_max as usize);
    let emoji = |n: usize| "😀".repeat(n);

    let bad_passwords = [
        (format!("password of {} characters", min - 1), json!(random_alnum(min - 1))),
        (
            format!(
                "password of {} emoji ({} bytes, counted as {} characters)",
                min - 1,
                4 * (min - 1),
                min - 1
            ),
            json!(emoji(min - 1)),
        ),
        (format!("password of {} characters", max + 1), json!(random_alnum(max + 1))),
        ("password that is a number, not a string".to_string(), json!(123456789)),
    ];
    for (what, password) in bad_passwords {
        c.check_error(
            format!("POST /api/users: {what} -> 422 validation_failed with fields.password"),
            422,
            INVALID,
            Some("password"),
            move |c| {
                let username = c.name(&random_alnum(6));
                create(c, json!({"username": username, "password": password}))
            },
        );
    }
    c.check_error(
        "POST /api/users: no password -> 422 validation_failed with fields.password",
        422,
        INVALID,
        Some("password"),
        |c| {
            let username = c.name(&random_alnum(6));
            create(c, json!({"username": username}))
        },
    );

    // Valid at the edges, counted in code points: a byte count would reject these.
    for (tag, n) in [("emoji_min", min), ("emoji_max", max)] {
        c.check(
            format!("POST /api/users: password of {n} emoji ({} bytes) -> 201", 4 * n),
            "201",
            move |c| {
                let username = c.name(tag);
                let password = emoji(n);
                let r = c.register(&username, &password)?;
                let adopted = c.adopt(tag, &r, &username, &password);
                expect::status(&r, 201)?;
                adopted?;
                Ok(r.describe())
            },
        );
    }
    if !c.has("sessions") {
        return;
    }
    c.check(format!("POST /api/sessions with a password of {max} emoji -> 200"), "200 {user, token}", |c| {
        let user = c.user("emoji_max")?;
        let r = login(c, json!({"username": user.username, "password": user.password}))?;
        expect::status(&r, 200)?;
        Ok(r.describe())
    });
}

fn sessions(c: &mut Ctx<'_>) {
    c.check(
        "POST /api/sessions: username in another case -> 200 {user, token} of that user",
        "200 {user, token}",
        |c| {
            let a = c.user("a")?;
            let r = login(c, json!({"username": a.username.to_uppercase(), "password": a.password}))?;
            expect::status(&r, 200)?;
            c.expect_user(r.at("/user").unwrap_or(&Value::Null), Following::Either)?;
            if r.str_at("/user/id") != Some(a.id.as_str()) {
                return Err(format!("another user: {}", r.describe()));
            }
            if r.str_at("/token").is_none_or(str::is_empty) {
                return Err(format!("no token: {}", r.describe()));
            }
            Ok(r.describe())
        },
    );

    c.check("POST /api/sessions: every login returns a new token", "three different tokens", |c| {
        let a = c.user("a")?;
        let mut tokens = vec![a.token.clone()];
        for _ in 0..2 {
            let r = login(c, json!({"username": a.username, "password": a.password}))?;
            expect::status(&r, 200).step("logging in")?;
            tokens.push(r.str_at("/token").unwrap_or_default().to_string());
        }
        let distinct = tokens.iter().collect::<std::collections::BTreeSet<_>>().len();
        if distinct == tokens.len() {
            Ok("three different tokens".to_string())
        } else {
            Err(format!("{distinct} different tokens from sign-up and two logins"))
        }
    });

    c.check_error("POST /api/sessions: wrong password -> 401 unauthorized", 401, "unauthorized", None, |c| {
        let a = c.user("a")?;
        login(c, json!({"username": a.username, "password": new_password()}))
    });

    c.check(
        "POST /api/sessions: unknown username -> the same 401 as a wrong password",
        "401 unauthorized, the same body as for a wrong password",
        |c| {
            let a = c.user("a")?;
            let wrong = login(c, json!({"username": a.username, "password": new_password()}))?;
            let unknown = login(c, json!({"username": c.name("nobody"), "password": new_password()}))?;
            let got = expect::error(&unknown, 401, "unauthorized", None)?;
            if wrong.json != unknown.json || wrong.status != unknown.status {
                return Err(format!("{} but for a wrong password {}", unknown.describe(), wrong.describe()));
            }
            Ok(got)
        },
    );

    c.check_error(
        "POST /api/sessions: the password with only its last (100th) character changed -> 401 (every character counts)",
        401,
        "unauthorized",
        None,
        |c| {
            let a = c.user("a")?;
            let mut password = a.password.clone();
            let last = password.pop().unwrap_or('x');
            password.push(if last == 'x' { 'y' } else { 'x' });
            login(c, json!({"username": a.username, "password": password}))
        },
    );

    c.check_error(
        "POST /api/sessions: a username too short to exist -> 401 unauthorized, not 422",
        401,
        "unauthorized",
        None,
        |c| login(c, json!({"username": "ab", "password": new_password()})),
    );

    c.check_error(
        "POST /api/sessions: an SQL injection as the username (' OR '1'='1' --) -> 401 unauthorized",
        401,
        "unauthorized",
        None,
        |c| login(c, json!({"username": "' OR '1'='1' --", "password": "' OR '1'='1' --"})),
    );

    c.check_error(
        "POST /api/sessions: password that is not a string -> 422 validation_failed with fields.password",
        422,
        INVALID,
        Some("password"),
        |c| {
            let a = c.user("a")?;
            login(c, json!({"username": a.username, "password": ["not", "a", "string"]}))
        },
    );

    c.check_error(
        "POST /api/sessions: username that is not a string -> 422 validation_failed with fields.username",
        422,
        INVALID,
        Some("username"),
        |c| login(c, json!({"username": {"$ne": ""}, "password": new_password()})),
    );

    c.check(
        "DELETE /api/sessions -> 204, then that token -> 401 on GET /api/me",
        "204, then 401 unauthorized",
        |c| {
            let a = c.user("a")?;
            let r = login(c, json!({"username": a.username, "password": a.password}))?;
            expect::status(&r, 200).step("logging in")?;
            let token = r.str_at("/token").unwrap_or_default().to_string();
            let out = c.bare(Method::DELETE, "/api/sessions", Some(&token))?;
            expect::status(&out, 204).step("DELETE /api/sessions")?;
            let me = c.get("/api/me", Some(&token))?;
            expect::error(&me, 401, "unauthorized", None).step("GET /api/me with the revoked token")?;
            Ok("204, then 401 unauthorized".to_string())
        },
    );

    c.check_status(
        "DELETE /api/sessions revokes only the presented token: the sign-up token still works on GET /api/me",
        200,
        |c| {
            let a = c.user("a")?;
            c.get("/api/me", a.token())
        },
    );

    c.check_error(
        "DELETE /api/sessions without a token -> 401 unauthorized",
        401,
        "unauthorized",
        None,
        |c| c.bare(Method::DELETE, "/api/sessions", None),
    );
}

fn me(c: &mut Ctx<'_>) {
    c.check(
        "GET /api/me -> 200 {user} of the caller, with following false",
        "200 {user} of the caller",
        |c| {
            let a = c.user("a")?;
            let r = c.get("/api/me", a.token())?;
            expect::status(&r, 200)?;
            c.expect_user(r.at("/user").unwrap_or(&Value::Null), Following::Present(Some(false)))?;
            if r.str_at("/user/id") != Some(a.id.as_str())
                || r.str_at("/user/username") != Some(a.username.as_str())
            {
                return Err(format!("another user: {}", r.describe()));
            }
            Ok(r.describe())
        },
    );

    c.check_error("GET /api/me without a token -> 401 unauthorized", 401, "unauthorized", None, |c| {
        c.get("/api/me", None)
    });

    c.check_error("GET /api/me with an unknown token -> 401 unauthorized", 401, "unauthorized", None, |c| {
        let token = format!("vf{}", random_alnum(40));
        c.get("/api/me", Some(&token))
    });

    let bio_max = c.idea.limits.bio_max as usize;
    c.check(
        format!("PATCH /api/me: bio of {bio_max} characters (emoji, accents, CJK) -> 200, stored as sent"),
        "200 {user} with the bio as sent",
        move |c| {
            let a = c.user("a")?;
            let bio = mixed_text(bio_max);
            let r = c.json(Method::PATCH, "/api/me", a.token(), &json!({"bio": bio}))?;
            expect::status(&r, 200)?;
            c.expect_user(r.at("/user").unwrap_or(&Value::Null), Following::Either)?;
            if r.str_at("/user/bio") != Some(bio.as_str()) {
                return Err(format!("a different bio: {}", r.describe()));
            }
            let stored = c.profile(&a.username, None)?;
            if stored["bio"] != bio.as_str() {
                return Err(format!("GET /api/users/{} then shows bio {}", a.username, stored["bio"]));
            }
            Ok("200, and the profile shows the bio".to_string())
        },
    );

    c.check_error(
        format!("PATCH /api/me: bio of {} characters -> 422 validation_failed with fields.bio", bio_max + 1),
        422,
        INVALID,
        Some("bio"),
        move |c| {
            let a = c.user("a")?;
            c.json(Method::PATCH, "/api/me", a.token(), &json!({"bio": mixed_text(bio_max + 1)}))
        },
    );

    c.check("PATCH /api/me: empty bio -> 200 with bio \"\"", "200 {user} with bio \"\"", |c| {
        let a = c.user("a")?;
        let r = c.json(Method::PATCH, "/api/me", a.token(), &json!({"bio": ""}))?;
        expect::status(&r, 200)?;
        if r.str_at("/user/bio") != Some("") {
            return Err(r.describe());
        }
        Ok(r.describe())
    });

    c.check_error(
        "PATCH /api/me: bio that is not a string -> 422 validation_failed with fields.bio",
        422,
        INVALID,
        Some("bio"),
        |c| {
            let a = c.user("a")?;
            c.json(Method::PATCH, "/api/me", a.token(), &json!({"bio": 42}))
        },
    );

    c.check_error("PATCH /api/me without a token -> 401 unauthorized", 401, "unauthorized", None, |c| {
        c.json(Method::PATCH, "/api/me", None, &json!({"bio": "hi"}))
    });
}
