//! Health and headers: GET /healthz, Strict-Transport-Security over HTTPS
//! only, a slow client that holds nobody up, GET / with its
//! Content-Security-Policy and Permissions-Policy, and the passes that every
//! response carries `X-Content-Type-Options: nosniff` and
//! `Referrer-Policy: no-referrer`.

use std::time::{Duration, Instant};

use serde_json::Value;
use ureq::http::Method;

use crate::verify::client::Req;
use crate::verify::context::Ctx;
use crate::verify::{expect, raw};

/// HSTS must pin HTTPS for at least a year (API.md, Conventions).
const HSTS_MIN_AGE: u64 = 31_536_000;
/// How long `/healthz` may take while another client stalls.
const SLOW_CLIENT_WAIT: Duration = Duration::from_secs(2);

pub(super) fn run(c: &mut Ctx<'_>) {
    c.check("GET /healthz -> 200 {\"status\":\"ok\"}", "200 {\"status\":\"ok\"}", |c| {
        let r = c.get("/healthz", None)?;
        expect::status(&r, 200)?;
        match r.at("/status").and_then(Value::as_str) {
            Some("ok") => Ok(r.describe()),
            _ => Err(r.describe()),
        }
    });

    c.check(
        "GET /healthz with X-Forwarded-Proto: https (behind a TLS proxy) -> Strict-Transport-Security max-age >= 31536000",
        "Strict-Transport-Security: max-age=31536000 or more",
        |c| {
            let r = c.send(Req::new(Method::GET, "/healthz").with_header("x-forwarded-proto", "https"))?;
            let Some(value) = r.header("strict-transport-security") else {
                return Err(format!("no Strict-Transport-Security header ({})", r.status));
            };
            match max_age(value) {
                Some(age) if age >= HSTS_MIN_AGE => Ok(format!("Strict-Transport-Security: {value}")),
                _ => Err(format!("Strict-Transport-Security: {value} (max-age under a year)")),
            }
        },
    );
    c.check(
        "GET /healthz over plain HTTP -> no Strict-Transport-Security (only over HTTPS)",
        "no Strict-Transport-Security",
        |c| {
            let r = c.get("/healthz", None)?;
            match r.header("strict-transport-security") {
                None => Ok(format!("{}, no Strict-Transport-Security", r.status)),
                Some(value) => Err(format!("Strict-Transport-Security: {value} over plain HTTP")),
            }
        },
    );
    c.check(
        "GET /healthz while another client has sent half a request and stopped -> 200 within 2 s",
        "200 within 2 s",
        |c| {
            let request = format!(
                "POST {}/api/users HTTP/1.1\r\nHost: verify\r\nContent-Type: application/json\r\n\
                 Content-Length: 100\r\n\r\n{{\"username\"",
                raw::prefix(c.base())
            );
            // Held open (and silent) until this check is done.
            let _stalled = raw::stall(c.base(), request.as_bytes())?;
            let started = Instant::now();
            let r = c.get("/healthz", None)?;
            let took = started.elapsed();
            expect::status(&r, 200)?;
            if took > SLOW_CLIENT_WAIT {
                return Err(format!(
                    "200 after {:.1} s: the stalled client held the server up",
                    took.as_secs_f64()
                ));
            }
            Ok(format!("200 after {} ms", took.as_millis()))
        },
    );

    if !c.has("web") {
        return;
    }
    c.check_status("GET / -> 200 (the web front end)", 200, |c| c.get("/", None));

    c.check(
        "GET /: Permissions-Policy turns off camera, microphone and geolocation",
        "Permissions-Policy: camera=(), microphone=(), geolocation=()",
        |c| {
            let r = c.get("/", None)?;
            let Some(policy) = r.header("permissions-policy") else {
                return Err(format!("no Permissions-Policy header ({})", r.status));
            };
            let missing: Vec<&str> = ["camera", "microphone", "geolocation"]
                .into_iter()
                .filter(|feature| !denies(policy, feature))
                .collect();
            if missing.is_empty() {
                Ok(format!("Permissions-Policy: {policy}"))
            } else {
                Err(format!("Permissions-Policy: {policy} allows {}", missing.join(", ")))
            }
        },
    );

    c.check(
        "GET /: Content-Security-Policy script-src (or, without one, default-src) is exactly 'self'",
        "a Content-Security-Policy with script-src 'self'",
        |c| {
            let r = c.get("/", None)?;
            let policies = r.header_all("content-security-policy");
            if policies.is_empty() {
                return Err(format!("no Content-Security-Policy header ({})", r.status));
            }
            let mut governing = Vec::new();
            for policy in &policies {
                if let Some(sources) = script_sources(policy) {
                    if sources != ["'self'"] {
                        return Err(format!("script sources {:?} in {policy:?}", sources.join(" ")));
                    }
                    governing.push(*policy);
                }
            }
            match governing.first() {
                Some(policy) => Ok(format!("Content-Security-Policy: {policy}")),
                None => Err(format!("neither script-src nor default-src in {:?}", policies.join(", "))),
            }
        },
    );
}

/// The sources that govern scripts in one policy: `script-src`, or
/// `default-src` when there is no `script-src`; lower case (CSP keywords
/// ignore case). `None` when the policy restricts neither.
fn script_sources(policy: &str) -> Option<Vec<String>> {
    let directive = |name: &str| {
        policy.split(';').find_map(|d| {
            let mut words = d.split_whitespace();
            match words.next() {
                Some(n) if n.eq_ignore_ascii_case(name) => Some(words.map(str::to_ascii_lowercase).collect()),
                _ => None,
            }
        })
    };
    directive("script-src").or_else(|| directive("default-src"))
}

/// `max-age` of a Strict-Transport-Security value.
fn max_age(value: &str) -> Option<u64> {
    value.split(';').find_map(|directive| {
        let (name, age) = directive.split_once('=')?;
        name.trim().eq_ignore_ascii_case("max-age").then(|| age.trim().trim_matches('"').parse().ok())?
    })
}

/// Whether a Permissions-Policy gives `feature` the empty allow-list `()`.
fn denies(policy: &str, feature: &str) -> bool {
    policy.split(',').any(|item| {
        item.split_once('=').is_some_and(|(name, list)| {
            name.trim().eq_ignore_ascii_case(feature) && list.replace(' ', "") == "()"
        })
    })
}

/// The whole-run passes over headers: every response of the run carried
/// `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.
pub(super) fn header_passes(c: &mut Ctx<'_>) {
    for (header, value) in [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")] {
        let total = c.log().len();
        let name = header.to_ascii_lowercase();
        let missing: Vec<String> = c
            .log()
            .iter()
            .filter(|r| !r.header(&name).is_some_and(|v| v.trim().eq_ignore_ascii_case(value)))
            .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
            .collect();
        c.check(
            format!("every response carries {header}: {value}"),
            format!("{value} on all {total} responses"),
            |_| {
                if missing.is_empty() {
                    Ok(format!("{value} on all {total} responses"))
                } else {
                    Err(format!("{} of {total} without it, e.g. {}", missing.len(), examples(&missing)))
                }
            },
        );
    }
}

/// The first few items of a list of offenders.
pub(super) fn examples(items: &[String]) -> String {
    let mut shown: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
    if items.len() > 3 {
        shown.push("...");
    }
    shown.join("; ")
}

#[cfg(test)]
mod tests {
    use super::{denies, max_age, script_sources};

    #[test]
    fn hsts_max_age_and_permissions_are_read() {
        assert_eq!(max_age("max-age=31536000"), Some(31_536_000));
        assert_eq!(max_age("includeSubDomains; Max-Age=\"63072000\"; preload"), Some(63_072_000));
        assert_eq!(max_age("includeSubDomains"), None);
        let policy = "camera=(), microphone=(),geolocation=( )";
        assert!(denies(policy, "camera") && denies(policy, "microphone"));
        assert!(denies(policy, "geolocation"), "( ) is the empty list too");
        assert!(!denies("camera=(self)", "camera"));
    }

    #[test]
    fn script_src_wins_over_default_src() {
        let s = |p| script_sources(p).map(|v| v.join(" "));
        assert_eq!(s("default-src 'self'; img-src data:").as_deref(), Some("'self'"));
        assert_eq!(s("default-src *; script-src 'SELF'").as_deref(), Some("'self'"));
        assert_eq!(s("script-src 'self' 'unsafe-inline'").as_deref(), Some("'self' 'unsafe-inline'"));
        assert_eq!(s("img-src 'self'"), None);
    }
}
