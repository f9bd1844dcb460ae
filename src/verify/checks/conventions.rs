//! The conventions of shared/API.md, checked over every response of the run:
//! JSON out, ids as strings, RFC 3339 UTC timestamps, no password or hash
//! anywhere, and no crash (5xx).

use serde_json::Value;

use super::health_headers::examples;
use crate::verify::client::{Resp, shorten};
use crate::verify::context::Ctx;
use crate::verify::expect::is_rfc3339_utc;

/// Responses the JSON conventions govern: under /api and /healthz.
fn is_api(r: &Resp) -> bool {
    let path = r.path.split('?').next().unwrap_or("");
    path == "/healthz" || path.starts_with("/api/")
}

/// Visit every `(key, value)` pair of every object in `v`, with its JSON path.
fn walk<'a>(v: &'a Value, path: &str, visit: &mut dyn FnMut(&str, &str, &'a Value)) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                let inner = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                visit(&inner, key, value);
                walk(value, &inner, visit);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), visit);
            }
        }
        _ => {}
    }
}

/// Problems found by `judge(json path, key, value)` in every JSON response under /api.
fn scan(log: &[Resp], judge: &dyn Fn(&str, &str, &Value) -> Option<String>) -> (usize, Vec<String>) {
    let mut seen = 0;
    let mut bad = Vec::new();
    for r in log.iter().filter(|r| is_api(r)) {
        let Some(json) = &r.json else { continue };
        seen += 1;
        // The first problem of each response is enough to point at it.
        let mut first = None;
        walk(json, "", &mut |path, key, value| {
            if first.is_none() {
                first = judge(path, key, value);
            }
        });
        if let Some(problem) = first {
            bad.push(format!("{} {} -> {}: {problem}", r.method, shorten(&r.path, 60), r.status));
        }
    }
    (seen, bad)
}

fn id_problem(path: &str, key: &str, value: &Value) -> Option<String> {
    let is_id = key == "id" || key.ends_with("_id") || key == "reply_to";
    let fine = match value {
        Value::String(s) => !s.is_empty(),
        // Only `id` itself is always there; references may be null.
        Value::Null => key != "id",
        _ => false,
    };
    (is_id && !fine).then(|| format!("{path} is {}", shorten(&value.to_string(), 40)))
}

fn time_problem(path: &str, key: &str, value: &Value) -> Option<String> {
    let is_time = key.ends_with("_at");
    let fine = value.as_str().is_some_and(is_rfc3339_utc);
    (is_time && !fine).then(|| format!("{path} is {}", shorten(&value.to_string(), 40)))
}

fn secret_key(path: &str, key: &str, _: &Value) -> Option<String> {
    // `fields.password` names an invalid field; it holds a message, not a secret.
    if path.starts_with("error.fields.") {
        return None;
    }
    let key = key.to_ascii_lowercase();
    ["password", "hash", "salt"].iter().any(|s| key.contains(s)).then(|| format!("a field {path}"))
}

/// A password, hash or salt in a response, if any: a field named like one,
/// or a password this run sent, anywhere in the body.
fn secret_in(r: &Resp, passwords: &[String]) -> Option<String> {
    let sent = |s: &str| passwords.iter().any(|p| s.contains(p.as_str()));
    let Some(json) = &r.json else {
        return sent(&String::from_utf8_lossy(&r.body)).then(|| "a password that was sent".to_string());
    };
    let mut found = None;
    walk(json, "", &mut |path, key, value| {
        if found.is_none() {
            found = secret_key(path, key, value).or_else(|| {
                value.as_str().filter(|s| sent(s)).map(|_| format!("{path} holds a password that was sent"))
            });
        }
    });
    found
}

pub(super) fn run(c: &mut Ctx<'_>) {
    let log = c.log().to_vec();

    let (seen, bad) = scan(&log, &id_problem);
    pass(c, "every id in every response is a non-empty JSON string", seen, bad);

    let (seen, bad) = scan(&log, &time_problem);
    pass(c, "every timestamp (*_at) is RFC 3339 in UTC with a Z", seen, bad);

    let passwords = c.passwords.clone();
    let secrets: Vec<String> = log
        .iter()
        .filter_map(|r| {
            let problem = secret_in(r, &passwords)?;
            Some(format!("{} {} -> {}: {problem}", r.method, shorten(&r.path, 60), r.status))
        })
        .collect();
    pass(c, "no response contains a password, a password hash or a salt", log.len(), secrets);

    let crashes: Vec<String> = log
        .iter()
        .filter(|r| r.status >= 500 && !(r.path == "/healthz" && r.status == 503))
        .map(|r| format!("{} {} -> {}", r.method, shorten(&r.path, 60), r.describe()))
        .collect();
    pass(c, "no request made the server fail with a 5xx", log.len(), crashes);

    let not_json: Vec<String> = log
        .iter()
        .filter(|r| {
            is_api(r) && !r.body.is_empty() && (r.media_type() != "application/json" || r.json.is_none())
        })
        .map(|r| {
            format!(
                "{} {} -> {} ({})",
                r.method,
                shorten(&r.path, 60),
                r.status,
                r.header("content-type").unwrap_or("no Content-Type")
            )
        })
        .collect();
    let with_body = log.iter().filter(|r| is_api(r) && !r.body.is_empty()).count();
    pass(
        c,
        "every response with a body under /api and /healthz is JSON with Content-Type application/json",
        with_body,
        not_json,
    );
}

/// A whole-run check: passed when nothing bad was found among `seen` responses.
fn pass(c: &mut Ctx<'_>, name: &str, seen: usize, bad: Vec<String>) {
    c.check(name, format!("no exceptions among {seen} responses"), |_| {
        if seen == 0 {
            Err("no responses to check".to_string())
        } else if bad.is_empty() {
            Ok(format!("no exceptions among {seen} responses"))
        } else {
            Err(format!("{} of {seen} responses, e.g. {}", bad.len(), examples(&bad)))
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_times_and_secrets_are_judged_by_key() {
        assert!(id_problem("user.id", "id", &json!(7)).is_some());
        assert!(id_problem("post.reply_to", "reply_to", &Value::Null).is_none());
        assert!(id_problem("user.id", "id", &json!("7")).is_none());
        assert!(time_problem("x.created_at", "created_at", &json!("2026-01-01 00:00:00")).is_some());
        assert!(time_problem("x.created_at", "created_at", &json!("2026-01-01T00:00:00Z")).is_none());
        assert!(secret_key("user.password_hash", "password_hash", &Value::Null).is_some());
        assert!(secret_key("user.username", "username", &Value::Null).is_none());
        assert!(secret_key("error.fields.password", "password", &Value::Null).is_none());
    }

    #[test]
    fn sent_passwords_are_found_in_json_and_text() {
        let passwords = vec!["pw-secret-123".to_string()];
        let response = |body: &str| Resp {
            method: "POST".into(),
            path: "/api/users".into(),
            status: 201,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
            json: serde_json::from_str(body).ok(),
        };
        let echoed = response(r#"{"user": {"bio": "my pw-secret-123"}}"#);
        assert_eq!(secret_in(&echoed, &passwords).unwrap(), "user.bio holds a password that was sent");
        assert!(secret_in(&response("<html>pw-secret-123</html>"), &passwords).is_some());
        assert!(secret_in(&response(r#"{"user": {"password_hash": "$argon2id$"}}"#), &passwords).is_some());
        assert!(secret_in(&response(r#"{"user": {"username": "alice"}}"#), &passwords).is_none());
    }
}
