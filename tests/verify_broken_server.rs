//! `verify::run` against servers that break the contract: one that answers
//! every request `200 {}` (finished, or at an early step of the tutorial, where
//! its later routes answer when they should not), and an address where
//! nothing listens.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

use backroad::Error;
use backroad::catalog::Catalog;
use backroad::verify::{self, Check};

/// A server on 127.0.0.1 that answers every request `200 {}` (plausible JSON,
/// wrong wherever the contract wants an error). Returns its base URL.
fn always_200() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    url
}

/// Answer each request of a keep-alive connection with `200 {}`.
fn serve(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut length = 0usize;
        let mut chunked = false;
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let header = line.trim_end().to_ascii_lowercase();
            if header.is_empty() {
                break;
            }
            if let Some(value) = header.strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
            chunked |= header.starts_with("transfer-encoding:") && header.contains("chunked");
        }
        if chunked {
            // Read chunks until the empty one (the checks rarely send any).
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                if reader.read_exact(&mut chunk).is_err() || size == 0 {
                    break;
                }
            }
        } else if std::io::copy(&mut (&mut reader).take(length as u64), &mut std::io::sink()).is_err() {
            return;
        }
        let response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        if writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

fn find<'a>(checks: &'a [Check], name: &str) -> &'a Check {
    checks.iter().find(|c| c.name == name).unwrap_or_else(|| {
        let names: Vec<&str> = checks.iter().map(|c| c.name.as_str()).collect();
        panic!("no check named {name:?}; the checks are:\n{}", names.join("\n"))
    })
}

#[test]
fn a_server_that_always_says_200_fails_the_validation_checks() {
    let catalog = Catalog::embedded().unwrap();
    for idea in ["twitter", "instagram"] {
        let idea = catalog.idea(idea).unwrap();
        let report = verify::run(&always_200(), idea).unwrap();
        assert!(!report.all_passed());
        assert!(report.failed() > report.passed(), "{} passed, {} failed", report.passed(), report.failed());

        let short = find(
            &report.checks,
            "POST /api/users: username of 2 characters -> 422 validation_failed with fields.username",
        );
        assert!(!short.passed);
        assert!(short.expected.contains("422"), "{short:?}");
        assert!(short.got.contains("200"), "{short:?}");

        // Checks that depend on a user that could not be made say so.
        let me = find(&report.checks, "GET /api/me -> 200 {user} of the caller, with following false");
        assert!(!me.passed && me.got.contains("setup failed"), "{me:?}");

        let nosniff = find(&report.checks, "every response carries X-Content-Type-Options: nosniff");
        assert!(!nosniff.passed, "{nosniff:?}");

        // The race checks (and instagram's declared-type upload) cannot pass on
        // answers that create nothing; tests/verify_faults.rs plants one fault at a time.
        let mut new_checks = vec![
            "POST /api/users: 8 sign-ups of one name in different case at once -> one 201, the rest 409 conflict",
            "PUT /api/posts/{id}/like: 8 users like one post at once -> 204 each, like_count 8",
            "PUT /api/posts/{id}/like: one user likes one post 12 times at once -> 204 each, like_count 1",
            "DELETE /api/posts/{id}/like: 8 users who like one post unlike it at once -> 204 each, like_count 0",
        ];
        if idea.features.images {
            new_checks.push(
                "POST /api/posts with a PNG named x.gif and declared image/gif -> 201, and GET its image_url \
                 -> 200 image/png (judged by its bytes)",
            );
        }
        for name in new_checks {
            let check = find(&report.checks, name);
            assert!(!check.passed, "{check:?}");
        }

        let mut out = Vec::new();
        report.write_human(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let last = text.lines().last().unwrap();
        assert_eq!(last, format!("{} passed, {} failed", report.passed(), report.failed()));
        assert!(text.contains("FAIL  POST /api/users: username of 2 characters"));
    }
}

#[test]
fn at_the_first_step_only_its_checks_run_and_every_later_route_that_answers_fails() {
    let catalog = Catalog::embedded().unwrap();
    let idea = catalog.idea("twitter").unwrap();
    let report = verify::run_at(&always_200(), idea, idea.step("1").unwrap()).unwrap();
    assert_eq!(report.not_run, ["users", "sessions", "posts", "follows", "feed", "likes", "replies", "web"]);
    assert!(report.checks.len() < 40, "only the first step's checks: {}", report.checks.len());
    assert!(!report.checks.iter().any(|c| c.name.starts_with("POST /api/users: username")), "no sign-ups");
    let later: Vec<&Check> =
        report.checks.iter().filter(|c| c.name.contains("belongs to a later step")).collect();
    // One route of each later part, but replies: without posts, 404 on any server.
    assert_eq!(later.len(), 7, "{later:?}");
    for check in later {
        assert!(!check.passed && check.got.starts_with("200"), "{check:?}");
    }
    let health = find(&report.checks, "GET /healthz -> 200 {\"status\":\"ok\"}");
    assert!(!health.passed, "{{}} is not {{\"status\":\"ok\"}}");

    let mut out = Vec::new();
    report.write_human(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[lines.len() - 2],
        "at step 1 (start); not run (later steps): users, sessions, posts, follows, feed, likes, replies, web"
    );
    assert_eq!(lines[lines.len() - 1], format!("{} passed, {} failed", report.passed(), report.failed()));
    assert_eq!(report.to_json()["not_run"].as_array().unwrap().len(), 8);
}

#[test]
fn report_formats() {
    let report = verify::Report {
        url: "http://127.0.0.1:5000".into(),
        idea: "twitter".into(),
        step: (10, "ship".into()),
        not_run: Vec::new(),
        checks: vec![
            Check { name: "GET /healthz".into(), passed: true, expected: "200".into(), got: "200".into() },
            Check { name: "short name".into(), passed: false, expected: "422".into(), got: "200 {}".into() },
        ],
    };
    let mut out = Vec::new();
    report.write_human(&mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "PASS  GET /healthz\nFAIL  short name: expected 422, got 200 {}\n1 passed, 1 failed\n"
    );
    assert_eq!(
        report.to_json(),
        serde_json::json!({
            "url": "http://127.0.0.1:5000",
            "idea": "twitter",
            "step": {"number": 10, "name": "ship"},
            "not_run": [],
            "passed": 1,
            "failed": 1,
            "checks": [
                {"name": "GET /healthz", "passed": true, "expected": "200", "got": "200"},
                {"name": "short name", "passed": false, "expected": "422", "got": "200 {}"},
            ],
        })
    );
}

#[test]
fn nothing_listening_is_unreachable() {
    // Bind a port, then free it: nothing listens there any more.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let idea = Catalog::embedded().unwrap().idea("twitter").unwrap().clone();
    match verify::run(&format!("http://127.0.0.1:{port}"), &idea) {
        Err(Error::Unreachable { url, .. }) => assert_eq!(url, format!("http://127.0.0.1:{port}")),
        other => panic!("expected Unreachable, got {other:?}"),
    }
}

#[test]
fn malformed_urls_are_refused() {
    let idea = Catalog::embedded().unwrap().idea("twitter").unwrap().clone();
    for url in ["localhost:5000", "https://example.com", "http://"] {
        assert!(matches!(verify::run(url, &idea), Err(Error::BadUrl { .. })), "{url}");
    }
}

/// The command warns, once it reaches a server, that the checks leave their
/// users and posts in its database; `--json` output stays only JSON.
#[test]
fn the_command_says_verify_leaves_users_behind_except_in_json() {
    let url = always_200();
    let run = |json: bool| {
        let mut command = assert_cmd::Command::cargo_bin("backroad").unwrap();
        command.args(["verify", &url, "--idea", "twitter"]).env("NO_COLOR", "1");
        if json {
            command.arg("--json");
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(1), "a server that answers 200 {{}} fails");
        String::from_utf8(output.stderr).unwrap()
    };
    let warning = format!("note: verify signs up users named vf_... on {url} and posts as them");
    let stderr = run(false);
    assert!(stderr.lines().next().is_some_and(|line| line.starts_with(&warning)), "{stderr}");
    assert!(!run(true).contains("vf_"), "--json prints no warning");
}
