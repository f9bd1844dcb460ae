//! Health and headers: GET /healthz, GET / with its Content-Security-Policy,
//! and the pass that every response carries `X-Content-Type-Options: nosniff`.

use serde_json::Value;

use crate::verify::context::Ctx;
use crate::verify::expect;

pub(super) fn run(c: &mut Ctx<'_>) {
    c.check("GET /healthz -> 200 {\"status\":\"ok\"}", "200 {\"status\":\"ok\"}", |c| {
        let r = c.get("/healthz", None)?;
        expect::status(&r, 200)?;
        match r.at("/status").and_then(Value::as_str) {
            Some("ok") => Ok(r.describe()),
            _ => Err(r.describe()),
        }
    });

    if !c.has("web") {
        return;
    }
    c.check_status("GET / -> 200 (the web front end)", 200, |c| c.get("/", None));

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

/// Every response of the run carried `X-Content-Type-Options: nosniff`.
pub(super) fn nosniff_pass(c: &mut Ctx<'_>) {
    let total = c.log().len();
    let missing: Vec<String> = c
        .log()
        .iter()
        .filter(|r| {
            !r.header("x-content-type-options").is_some_and(|v| v.trim().eq_ignore_ascii_case("nosniff"))
        })
        .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
        .collect();
    c.check(
        "every response carries X-Content-Type-Options: nosniff",
        format!("nosniff on all {total} responses"),
        |_| {
            if missing.is_empty() {
                Ok(format!("nosniff on all {total} responses"))
            } else {
                Err(format!("{} of {total} without it, e.g. {}", missing.len(), examples(&missing)))
            }
        },
    );
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
    use super::script_sources;

    #[test]
    fn script_src_wins_over_default_src() {
        let s = |p| script_sources(p).map(|v| v.join(" "));
        assert_eq!(s("default-src 'self'; img-src data:").as_deref(), Some("'self'"));
        assert_eq!(s("default-src *; script-src 'SELF'").as_deref(), Some("'self'"));
        assert_eq!(s("script-src 'self' 'unsafe-inline'").as_deref(), Some("'self' 'unsafe-inline'"));
        assert_eq!(s("img-src 'self'"), None);
    }
}
