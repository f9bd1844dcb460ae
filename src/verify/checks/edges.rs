//! Requests at the edges (API.md, "Requests at the edges"): where HTTP or JSON
//! leave a choice, every stack makes the same one. JSON read whatever the
//! Content-Type, refused once for a byte-order mark or a lone surrogate, any
//! key allowed; bodies ignored where none is taken; repeated and empty query
//! parameters; exact paths; OPTIONS and methods on `/`; and what the HTTP
//! server may answer itself. The upload rules are in `edges_uploads`.

use serde_json::json;
use ureq::http::Method;

use crate::verify::client::Req;
use crate::verify::context::{Ctx, id_of, new_password};
use crate::verify::expect;
use crate::verify::raw;

pub(super) fn run(c: &mut Ctx<'_>) {
    json_bodies(c);
    no_body(c);
    queries(c);
    paths(c);
    methods(c);
    white_space(c);
    server_answers(c);
}

/// A sign-up body for a new name, with `extra` (raw JSON text) spliced in
/// after the password, so that what no serializer writes can be sent.
fn sign_up_text(c: &mut Ctx<'_>, tag: &str, extra: &str) -> (String, String) {
    let username = c.name(tag);
    let password = new_password();
    c.passwords.push(password.clone());
    (username.clone(), format!("{{\"username\": \"{username}\", \"password\": \"{password}\"{extra}}}"))
}

fn json_bodies(c: &mut Ctx<'_>) {
    if !c.has("users") {
        return;
    }
    // curl's -d sends application/x-www-form-urlencoded; a Buffer in Node
    // sends none. The body is JSON all the same.
    let content_types: [(&str, Option<&str>); 3] = [
        ("no Content-Type", None),
        ("Content-Type text/plain", Some("text/plain; charset=latin1")),
        ("Content-Type application/x-www-form-urlencoded", Some("application/x-www-form-urlencoded")),
    ];
    for (i, (what, content_type)) in content_types.into_iter().enumerate() {
        c.check_status(
            format!("POST /api/users with a JSON body and {what} -> 201 (read as JSON)"),
            201,
            move |c| {
                let (_, body) = sign_up_text(c, &format!("ct{i}"), "");
                let req = Req::new(Method::POST, "/api/users");
                c.send(match content_type {
                    Some(t) => req.raw(t, body.into_bytes()),
                    None => req.untyped(body.into_bytes()),
                })
            },
        );
    }

    let refused: [(&str, &str, &str); 3] = [
        ("a UTF-8 byte-order mark before the object", "\u{feff}", ""),
        ("a lone surrogate \\ud800 in the password", "", ", \"password\": \"\\ud800abcdefgh\""),
        ("a lone surrogate \\udfff in a key", "", ", \"\\udfff\": 1"),
    ];
    for (i, (what, before, extra)) in refused.into_iter().enumerate() {
        c.check(
            format!("POST /api/users with {what} -> 400 bad_request, and no user is made"),
            "400 bad_request, then GET /api/users/{name} -> 404",
            move |c| {
                let (username, body) = sign_up_text(c, &format!("bad{i}"), extra);
                let r = c.send(
                    Req::new(Method::POST, "/api/users")
                        .raw("application/json", format!("{before}{body}").into()),
                )?;
                let got = expect::error(&r, 400, "bad_request", None)?;
                let after = c.get(&format!("/api/users/{username}"), None)?;
                expect::status(&after, 404).map_err(|e| format!("{got}, but the user exists: {e}"))?;
                Ok(got)
            },
        );
    }
    if c.has("sessions") {
        c.check_error(
            "PATCH /api/me with {\"bio\": \"\\udc00\"} (a lone surrogate) -> 400 bad_request",
            400,
            "bad_request",
            None,
            |c| {
                let a = c.user("a")?;
                let req = Req::new(Method::PATCH, "/api/me").bearer(a.token());
                c.send(req.raw("application/json", b"{\"bio\": \"\\udc00\"}".to_vec()))
            },
        );
    }
    if !c.idea.features.images && c.has("posts") {
        c.check_error(
            "POST /api/posts with {\"body\": \"hi \\ud83d\"} (half a surrogate pair) -> 400 bad_request",
            400,
            "bad_request",
            None,
            |c| {
                let a = c.user("a")?;
                let req = Req::new(Method::POST, "/api/posts").bearer(a.token());
                c.send(req.raw("application/json", b"{\"body\": \"hi \\ud83d\"}".to_vec()))
            },
        );
    }
    c.check_status(
        "POST /api/users with a key holding NUL (\"a\\u0000b\") and unknown keys -> 201 (any key is allowed)",
        201,
        |c| {
            let (_, body) =
                sign_up_text(c, "nulkey", ", \"\\u0000a\": 1, \"a\\u0000b\": [true], \"vf_unknown\": {}");
            c.send(Req::new(Method::POST, "/api/users").raw("application/json", body.into_bytes()))
        },
    );
}

fn no_body(c: &mut Ctx<'_>) {
    if c.has("follows") {
        no_body_follows(c);
    }
    if c.has("likes") {
        c.check_status(
            "PUT /api/posts/{id}/like with a form-encoded body -> 204 (no body is taken)",
            204,
            |c| {
                let (a, b) = (c.user("a")?, c.user("b")?);
                let id = id_of(&c.create_post(&b, "liked with a body")?)?;
                let req = Req::new(Method::PUT, format!("/api/posts/{id}/like")).bearer(a.token());
                c.send(req.raw("application/x-www-form-urlencoded", b"x=1".to_vec()))
            },
        );
    }
    if c.has("follows") {
        c.check_status(
            "DELETE /api/users/{name}/follow with a JSON body -> 204 (no body is taken)",
            204,
            |c| {
                let (a, b) = (c.user("a")?, c.user("b")?);
                let req =
                    Req::new(Method::DELETE, format!("/api/users/{}/follow", b.username)).bearer(a.token());
                c.send(req.json(&json!({"vf": true})))
            },
        );
    }
}

fn no_body_follows(c: &mut Ctx<'_>) {
    let bodies: [(&str, &[u8]); 3] =
        [("an empty body", b""), ("a body that is not JSON", b"not json"), ("a JSON array", b"[1]")];
    for (what, bytes) in bodies {
        c.check_status(
            format!("PUT /api/users/{{name}}/follow with Content-Type application/json and {what} -> 204 (no body is taken)"),
            204,
            move |c| {
                let (a, b) = (c.user("a")?, c.user("b")?);
                let req = Req::new(Method::PUT, format!("/api/users/{}/follow", b.username)).bearer(a.token());
                c.send(req.raw("application/json", bytes.to_vec()))
            },
        );
    }
}

fn queries(c: &mut Ctx<'_>) {
    if !c.has("posts") {
        return;
    }
    let cases = [
        ("limit=1&limit=2 (limit given twice)", "limit=1&limit=2", "limit"),
        ("limit=1&limit=abc (limit given twice)", "limit=1&limit=abc", "limit"),
        ("limit= (empty)", "limit=", "limit"),
        ("cursor= (empty)", "cursor=", "cursor"),
    ];
    for (what, query, field) in cases {
        c.check_error(
            format!("GET /api/posts?{what} -> 422 validation_failed with fields.{field}"),
            422,
            "validation_failed",
            Some(field),
            move |c| c.get(&format!("/api/posts?{query}"), None),
        );
    }
    if c.has("follows") {
        c.check_error(
            "GET /api/users/{name}/followers?cursor=x&cursor=y (cursor given twice) -> 422 validation_failed with fields.cursor",
            422,
            "validation_failed",
            Some("cursor"),
            |c| {
                let a = c.user("a")?;
                c.get(&format!("/api/users/{}/followers?cursor=x&cursor=y", a.username), None)
            },
        );
    }
    c.check_status(
        "GET /api/posts?limit=1&vf_unknown=1&vf_unknown=2 (unknown parameters) -> 200",
        200,
        |c| c.get("/api/posts?limit=1&vf_unknown=1&vf_unknown=2", None),
    );
}

fn paths(c: &mut Ctx<'_>) {
    if c.has("posts") {
        c.check_error(
            "GET /api/posts/ (a trailing slash) -> 404 not_found, not a redirect",
            404,
            "not_found",
            None,
            |c| c.get("/api/posts/", None),
        );
    }
    if !c.has("users") {
        return;
    }
    c.check_error(
        "GET /api/users/{name}/ (a trailing slash) -> 404 not_found, not a redirect",
        404,
        "not_found",
        None,
        |c| {
            let a = c.user("a")?;
            c.get(&format!("/api/users/{}/", a.username), None)
        },
    );
    if c.has("posts") {
        c.check_error(
            "GET /api/posts/{id}/ (a trailing slash) -> 404 not_found",
            404,
            "not_found",
            None,
            |c| {
                let a = c.user("a")?;
                let id = id_of(&c.create_post(&a, "a trailing slash")?)?;
                c.get(&format!("/api/posts/{id}/"), None)
            },
        );
    }
    let cannot_exist = [
        ("posts", "/api/posts/%FF"),
        ("posts", "/api/posts/%FF/comments"),
        ("users", "/api/users/%FF"),
        ("posts", "/api/users/%FF/posts"),
        ("users", "/api/users/%C3%A9"),
        ("users", "/api/users/a%ZZb"),
    ];
    for (part, path) in cannot_exist {
        if !c.has(part) {
            continue;
        }
        c.check_error(
            format!("GET {path} (an id or username that cannot exist) -> 404 not_found"),
            404,
            "not_found",
            None,
            move |c| c.get(path, None),
        );
    }
}

fn methods(c: &mut Ctx<'_>) {
    let paths = [("posts", "/api/posts"), ("users", "/api/users"), ("sessions", "/api/me")];
    for (part, path) in paths {
        if !c.has(part) {
            continue;
        }
        c.check_error(
            format!("OPTIONS {path} -> 405 method_not_allowed (no CORS: one origin)"),
            405,
            "method_not_allowed",
            None,
            move |c| c.bare(Method::OPTIONS, path, None),
        );
    }
    if c.has("sessions") {
        c.check_error(
            "TRACE /api/me -> 405 method_not_allowed (a server that echoes requests back echoes tokens)",
            405,
            "method_not_allowed",
            None,
            |c| c.bare(Method::TRACE, "/api/me", None),
        );
    }
    if !c.has("web") {
        return;
    }
    for method in [Method::OPTIONS, Method::POST, Method::DELETE] {
        c.check_status(format!("{method} / -> 405 (only GET and HEAD serve the front end)"), 405, move |c| {
            c.bare(method, "/", None)
        });
    }
}

fn white_space(c: &mut Ctx<'_>) {
    if !c.has("sessions") {
        return;
    }
    c.check_status("PATCH /api/me with a bio of only white space -> 200 (a bio may be blank)", 200, |c| {
        let a = c.user("a")?;
        c.json(Method::PATCH, "/api/me", a.token(), &json!({"bio": " \u{3000} "}))
    });
}

/// Requests the HTTP server may answer before the application sees them.
fn server_answers(c: &mut Ctx<'_>) {
    let prefix = raw::prefix(c.base()).to_string();
    // A route every step has, /healthz, until there are posts.
    let path = if c.has("posts") { "/api/posts" } else { "/healthz" };
    let long_path = format!("{prefix}{path}?vf={}", "a".repeat(16 * 1024));
    let long_header = "a".repeat(16 * 1024);
    // The last: whether closing the connection without a word will do.
    let cases = [
        (
            "a request line of 16 KiB",
            format!("GET {long_path} HTTP/1.1\r\nHost: vf\r\nConnection: close\r\n\r\n"),
            &[200, 400, 414, 431][..],
            false,
        ),
        (
            "a header of 16 KiB",
            format!(
                "GET {prefix}/healthz HTTP/1.1\r\nHost: vf\r\nX-Vf: {long_header}\r\nConnection: close\r\n\r\n"
            ),
            &[200, 400, 431],
            false,
        ),
        (
            "an unknown method VFBREW",
            format!("VFBREW {prefix}{path} HTTP/1.1\r\nHost: vf\r\nConnection: close\r\n\r\n"),
            &[400, 405, 501],
            false,
        ),
        ("bytes that are not HTTP", "\u{1}\u{2}vf not http at all\r\n\r\n".to_string(), &[400], true),
    ];
    for (what, request, allowed, may_close) in cases {
        let mut words = allowed.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        if may_close {
            words.push_str(" or a closed connection");
        }
        c.check(
            format!("{what} -> one of {words} (the HTTP server may answer itself), never a hang"),
            format!("one of {words}, within 10 s"),
            move |c| match raw::status(c.base(), request.as_bytes())? {
                Some(status) if allowed.contains(&status) => Ok(status.to_string()),
                Some(status) => Err(status.to_string()),
                None if may_close => Ok("the connection closed".into()),
                None => Err("the connection closed with no answer".into()),
            },
        );
    }
}
