//! Errors: unknown routes (404), wrong methods (405), bodies that are not a
//! JSON object (400), bodies over the limit (413), and the passes over every
//! error of the run: the `{"error": {...}}` shape, `fields` exactly on
//! `validation_failed`, and no stack traces, SQL or file paths.

use serde_json::Value;
use ureq::http::Method;

use super::health_headers::examples;
use crate::verify::client::{Req, Resp};
use crate::verify::context::Ctx;

pub(super) fn run(c: &mut Ctx<'_>) {
    routes(c);
    bodies(c);
    sizes(c);
}

fn routes(c: &mut Ctx<'_>) {
    c.check_error(
        "GET /api/vf-no-such-route (unknown /api path) -> 404 not_found",
        404,
        "not_found",
        None,
        |c| c.get("/api/vf-no-such-route", None),
    );
    if c.has("users") {
        c.check_error(
            "GET /api/users/{name}/vf-no-such-route (unknown /api path) -> 404 not_found",
            404,
            "not_found",
            None,
            |c| {
                let a = c.user("a")?;
                c.get(&format!("/api/users/{}/vf-no-such-route", a.username), None)
            },
        );
    }
    let wrong_methods = [
        ("feed", Method::DELETE, "/api/feed"),
        ("users", Method::PUT, "/api/users"),
        ("start", Method::POST, "/healthz"),
    ];
    for (part, method, path) in wrong_methods {
        if !c.has(part) {
            continue;
        }
        c.check_error(
            format!("{method} {path} (known path, wrong method) -> 405 method_not_allowed"),
            405,
            "method_not_allowed",
            None,
            move |c| c.bare(method, path, None),
        );
    }
}

fn bodies(c: &mut Ctx<'_>) {
    if !c.has("users") {
        return;
    }
    let raw = |path: &str, content_type: &str, bytes: Vec<u8>| {
        Req::new(Method::POST, path).raw(content_type, bytes)
    };
    let cases = [
        (
            "POST /api/users with malformed JSON",
            raw("/api/users", "application/json", b"{\"username\": \"x\",".to_vec()),
        ),
        ("POST /api/users with an empty body", raw("/api/users", "application/json", Vec::new())),
        (
            "POST /api/users with a JSON array",
            raw("/api/users", "application/json", b"[\"username\", \"password\"]".to_vec()),
        ),
        ("POST /api/sessions with JSON null", raw("/api/sessions", "application/json", b"null".to_vec())),
        (
            "POST /api/users with bytes that are not UTF-8",
            raw("/api/users", "application/json", b"{\"username\": \"\xff\xfe\"}".to_vec()),
        ),
        (
            "POST /api/sessions with a form-encoded body",
            raw("/api/sessions", "application/x-www-form-urlencoded", b"username=a&password=b".to_vec()),
        ),
        (
            // A parser that recurses may crash on this; the answer is still 400.
            "POST /api/users with an array nested 10000 deep",
            raw(
                "/api/users",
                "application/json",
                ["[".repeat(10_000), "]".repeat(10_000)].concat().into_bytes(),
            ),
        ),
    ];
    for (what, req) in cases {
        // The cases on /api/sessions wait for that step.
        if what.starts_with("POST /api/sessions") && !c.has("sessions") {
            continue;
        }
        c.check_error(format!("{what} -> 400 bad_request"), 400, "bad_request", None, move |c| c.send(req));
    }
    if !c.has("sessions") {
        return;
    }
    c.check_error("PATCH /api/me with a JSON string -> 400 bad_request", 400, "bad_request", None, |c| {
        let a = c.user("a")?;
        c.send(
            Req::new(Method::PATCH, "/api/me").bearer(a.token()).raw("application/json", b"\"bio\"".to_vec()),
        )
    });
}

/// A JSON object of exactly `size` bytes: `{"username": ..., "password": "xxx..."}`.
fn json_of_size(username: &str, size: usize) -> Vec<u8> {
    let head = format!("{{\"username\": \"{username}\", \"password\": \"");
    let tail = "\"}";
    let padding = size.saturating_sub(head.len() + tail.len());
    [head.into_bytes(), vec![b'x'; padding], tail.as_bytes().to_vec()].concat()
}

fn sizes(c: &mut Ctx<'_>) {
    let max = c.idea.limits.json_max_bytes as usize;
    if !c.has("users") {
        return;
    }
    if c.has("sessions") {
        c.check_error(
        format!(
            "POST /api/sessions with a JSON body of exactly {max} bytes (1 MiB) is processed -> 401, not 413"
        ),
        401,
        "unauthorized",
        None,
        move |c| {
            let body = json_of_size(&c.name("nobody"), max);
            c.send(Req::new(Method::POST, "/api/sessions").raw("application/json", body))
        },
    );
    }
    c.check_error(
        format!("POST /api/users with a JSON body of {} bytes (1 MiB + 1) -> 413 payload_too_large", max + 1),
        413,
        "payload_too_large",
        None,
        move |c| {
            let body = json_of_size(&c.name("big"), max + 1);
            c.send(Req::new(Method::POST, "/api/users").raw("application/json", body))
        },
    );
}

/// The error code the table of docs/API.md gives each status.
fn code_for(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "request_timeout",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "validation_failed",
        429 => "rate_limited",
        500 => "internal",
        _ => return None,
    })
}

/// Errors the contract shapes: every 4xx and 5xx under /api and /healthz,
/// except the health check's own 503 `{"status":"unavailable"}`.
fn is_contract_error(r: &Resp) -> bool {
    let path = r.path.split('?').next().unwrap_or("");
    let under = path == "/healthz" || path == "/api" || path.starts_with("/api/");
    under && r.status >= 400 && !(path == "/healthz" && r.status == 503)
}

/// What is wrong with an error's shape, if anything.
fn shape_problem(r: &Resp) -> Option<String> {
    if r.media_type() != "application/json" {
        return Some(format!("Content-Type {:?}", r.header("content-type").unwrap_or("none")));
    }
    let Some(error) = r.at("/error").and_then(Value::as_object) else {
        return Some("no \"error\" object".into());
    };
    let code = error.get("code").and_then(Value::as_str);
    if code.is_none() || !error.get("message").is_some_and(Value::is_string) {
        return Some("error.code or error.message missing or not a string".into());
    }
    match code_for(r.status) {
        Some(want) if code != Some(want) => {
            Some(format!("code {} for status {}, not {want}", code.unwrap_or(""), r.status))
        }
        _ => None,
    }
}

/// What is wrong with an error's `fields`, if anything.
fn fields_problem(r: &Resp) -> Option<String> {
    let code = r.str_at("/error/code")?;
    match (code, r.at("/error/fields")) {
        ("validation_failed", Some(Value::Object(f))) if !f.is_empty() => None,
        ("validation_failed", other) => Some(format!(
            "validation_failed with fields {}",
            other.map_or("missing".into(), Value::to_string)
        )),
        (_, Some(_)) => Some(format!("{code} with fields")),
        (_, None) => None,
    }
}

/// Traces of internals in an error body: a stack trace, SQL, a source path or
/// a framework's HTML error page.
fn leak_in(body: &str) -> Option<&'static str> {
    const SIGNS: [(&str, &str); 15] = [
        ("Traceback (most recent call last)", "a Python traceback"),
        ("File \"", "a Python traceback"),
        ("    at ", "a JavaScript stack trace"),
        ("stack backtrace", "a Rust backtrace"),
        ("panicked at", "a Rust panic"),
        ("SELECT ", "an SQL statement"),
        ("INSERT INTO", "an SQL statement"),
        ("DELETE FROM", "an SQL statement"),
        ("UPDATE ", "an SQL statement"),
        ("sqlite3.", "a database error"),
        ("psycopg", "a database error"),
        ("MongoServerError", "a database error"),
        ("<html", "an HTML error page"),
        ("<!DOCTYPE", "an HTML error page"),
        ("Stack trace:", "a PHP stack trace"),
    ];
    if let Some((_, what)) = SIGNS.iter().find(|(sign, _)| body.contains(sign)) {
        return Some(what);
    }
    let lower = body.to_ascii_lowercase();
    let path_like =
        ["/home/", "/usr/", "/var/", "/srv/", "/tmp/", "/app/", "c:\\"].iter().any(|p| lower.contains(p));
    let source_like =
        [".py\"", ".py:", ".py,", ".js:", ".ts:", ".php", ".rs:", ".go:"].iter().any(|s| lower.contains(s));
    (path_like || source_like).then_some("a file path")
}

pub(super) fn error_passes(c: &mut Ctx<'_>) {
    let errors: Vec<&Resp> = c.log().iter().filter(|r| is_contract_error(r)).collect();
    let count = errors.len();
    let offenders = |problem: &dyn Fn(&Resp) -> Option<String>| -> Vec<String> {
        errors
            .iter()
            .filter_map(|r| problem(r).map(|p| format!("{} {} -> {}: {p}", r.method, r.path, r.status)))
            .collect()
    };
    let shapes = offenders(&shape_problem);
    let fields = offenders(&fields_problem);
    let leaks = offenders(&|r| leak_in(&String::from_utf8_lossy(&r.body)).map(str::to_string));

    for (name, expected, bad) in [
        (
            "every error under /api and /healthz is JSON {\"error\": {\"code\", \"message\"}} with the code of its status",
            "the error shape and code on every error",
            shapes,
        ),
        (
            "`fields` is on every validation_failed error and on no other",
            "fields exactly on validation_failed",
            fields,
        ),
        ("no error shows a stack trace, an SQL statement or a file path", "no internals in any error", leaks),
    ] {
        c.check(name, format!("{expected} ({count} errors seen)"), |_| {
            if count == 0 {
                Err("no error responses were seen to check".to_string())
            } else if bad.is_empty() {
                Ok(format!("all {count} errors"))
            } else {
                Err(format!("{} of {count} errors, e.g. {}", bad.len(), examples(&bad)))
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample_error(status: u16, body: Value) -> Resp {
        Resp {
            method: "GET".into(),
            path: "/api/x".into(),
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
            json: Some(body),
        }
    }

    #[test]
    fn json_bodies_are_exactly_the_size_asked() {
        assert_eq!(json_of_size("vf_x", 1024).len(), 1024);
        let v: Value = serde_json::from_slice(&json_of_size("vf_x", 300)).unwrap();
        assert_eq!(v["username"], "vf_x");
    }

    #[test]
    fn error_shapes_and_fields() {
        let ok = sample_error(
            422,
            json!({"error": {"code": "validation_failed", "message": "m", "fields": {"bio": "x"}}}),
        );
        assert_eq!(shape_problem(&ok), None);
        assert_eq!(fields_problem(&ok), None);
        let no_fields = sample_error(422, json!({"error": {"code": "validation_failed", "message": "m"}}));
        assert!(fields_problem(&no_fields).is_some());
        let wrong_code = sample_error(404, json!({"error": {"code": "missing", "message": "m"}}));
        assert!(shape_problem(&wrong_code).unwrap().contains("not_found"));
        let extra =
            sample_error(401, json!({"error": {"code": "unauthorized", "message": "m", "fields": {}}}));
        assert!(fields_problem(&extra).is_some());
    }

    #[test]
    fn leaks_are_found_but_ordinary_messages_pass() {
        assert_eq!(leak_in("{\"error\":{\"message\":\"password must be at least 8 characters\"}}"), None);
        assert_eq!(leak_in("body must be 1-280 characters"), None);
        assert!(leak_in("Traceback (most recent call last):\n  File \"/app/x.py\"").is_some());
        assert!(leak_in("sqlite3.IntegrityError: UNIQUE constraint failed").is_some());
        assert!(leak_in("TypeError: x\n    at Object.<anonymous> (server.js:3:9)").is_some());
        assert!(leak_in("near \"SELECT \": syntax error").is_some());
    }

    #[test]
    fn only_contract_errors_are_judged() {
        let mut r = sample_error(404, json!({}));
        assert!(is_contract_error(&r));
        r.path = "/uploads/x.png".into();
        assert!(!is_contract_error(&r));
        r.path = "/healthz".into();
        r.status = 503;
        assert!(!is_contract_error(&r));
    }
}
