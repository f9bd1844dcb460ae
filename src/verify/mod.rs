//! `backroad verify`: the conformance suite for the API of shared/API.md.
//!
//! [`run`] sends real requests to a running server and turns every rule of the
//! contract into a named [`Check`] that passed or failed; [`Report`] prints
//! them for people or as JSON. The suite makes its own users (random names,
//! so it can run again and again against the same database) and never stops
//! early: a check that cannot run because its setup failed is a failed check
//! that says why. At a step of the tutorial ([`run_at`]) only the checks of
//! the parts so far run, objects have only their fields, and each later part
//! is checked to be absent (404). This module holds the public API; `client`
//! speaks HTTP, `context` holds the run's state and setup helpers, `parts`
//! what a step serves, `expect` the shapes of the contract, and `checks` the
//! checks, one file per area.

mod checks;
pub(crate) mod client;
pub(crate) mod context;
mod expect;
mod parts;
mod raw;

use serde_json::json;

use crate::catalog::{Idea, Step};
use crate::error::Error;
use crate::ui::Palette;

/// One rule of the contract, tried against the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was tried and what should happen, e.g. "POST /api/users: username
    /// of 2 characters -> 422 validation_failed with fields.username".
    pub name: String,
    pub passed: bool,
    /// What the contract asks for, in short.
    pub expected: String,
    /// What the server did (or why the check could not run).
    pub got: String,
}

/// Every check of one run against one server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub url: String,
    pub idea: String,
    /// The tutorial's step checked, as its number and name ("4", "posts").
    pub step: (u32, String),
    /// The idea's later parts, whose checks did not run (empty at the last step).
    pub not_run: Vec<String>,
    pub checks: Vec<Check>,
}

impl Report {
    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.passed).count()
    }

    pub fn failed(&self) -> usize {
        self.checks.len() - self.passed()
    }

    pub fn all_passed(&self) -> bool {
        self.failed() == 0
    }

    /// One line per check ("PASS  name" / "FAIL  name: expected X, got Y"),
    /// at a step before the last "not run (later steps): follows, ...", then
    /// a final line exactly "N passed, M failed".
    pub fn write_human(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.write_styled(out, Palette::PLAIN)
    }

    /// [`Report::write_human`] with PASS and FAIL in colour, when `palette` has any.
    pub fn write_styled(&self, out: &mut dyn std::io::Write, palette: Palette) -> std::io::Result<()> {
        for check in &self.checks {
            if check.passed {
                writeln!(out, "{}  {}", palette.good("PASS"), check.name)?;
            } else {
                write_failure(out, check, palette)?;
            }
        }
        if !self.not_run.is_empty() {
            let (number, name) = &self.step;
            writeln!(out, "at step {number} ({name}); not run (later steps): {}", self.not_run.join(", "))?;
        }
        writeln!(out, "{} passed, {} failed", self.passed(), self.failed())
    }

    /// Only the failed checks, plain (`--quiet`): nothing at all when every check passed.
    pub fn write_failures(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for check in self.checks.iter().filter(|c| !c.passed) {
            write_failure(out, check, Palette::PLAIN)?;
        }
        Ok(())
    }

    /// `{"url","idea","step":{"number","name"},"not_run":[part],"passed","failed",
    /// "checks":[{"name","passed","expected","got"}]}`
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "url": self.url,
            "idea": self.idea,
            "step": {"number": self.step.0, "name": self.step.1},
            "not_run": self.not_run,
            "passed": self.passed(),
            "failed": self.failed(),
            "checks": self.checks.iter().map(|c| json!({
                "name": c.name,
                "passed": c.passed,
                "expected": c.expected,
                "got": c.got,
            })).collect::<Vec<_>>(),
        })
    }
}

fn write_failure(out: &mut dyn std::io::Write, check: &Check, palette: Palette) -> std::io::Result<()> {
    let (expected, got) = (one_line(&check.expected), one_line(&check.got));
    writeln!(out, "{}  {}: expected {expected}, got {got}", palette.bad("FAIL"), check.name)
}

/// A server's text on one line, so that each check stays one line of the report.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs every check for `idea` against `base_url` (e.g. "http://127.0.0.1:5000"):
/// the whole project, its last step.
/// Err only when the URL is malformed (crate::Error::BadUrl) or the server cannot be reached at all
/// on the first request (crate::Error::Unreachable); every other failure is a failed Check.
pub fn run(base_url: &str, idea: &Idea) -> Result<Report, Error> {
    run_at(base_url, idea, idea.last_step())
}

/// `run` for a server at `step` of the tutorial: the checks of the parts of
/// steps 1 to `step`, and that each later part answers 404.
pub fn run_at(base_url: &str, idea: &Idea, step: &Step) -> Result<Report, Error> {
    run_then(base_url, idea, step, |_| {})
}

/// `run_at`, calling `reached` with the server's URL once it has answered,
/// before the first check.
pub fn run_then(
    base_url: &str,
    idea: &Idea,
    step: &Step,
    reached: impl FnOnce(&str),
) -> Result<Report, Error> {
    let mut client = client::Client::new(base_url)?;
    let url = client.base().to_string();
    // Any HTTP answer, even a 404, shows that a server is there.
    client
        .send(client::Req::new(ureq::http::Method::GET, "/healthz"))
        .map_err(|reason| Error::Unreachable { url: url.clone(), reason })?;
    reached(&url);
    let parts = parts::Parts::at(idea, step);
    let not_run = parts.later().to_vec();
    let mut ctx = context::Ctx::new(client, idea, parts);
    checks::run_all(&mut ctx);
    Ok(Report {
        url,
        idea: idea.name.clone(),
        step: (step.number, step.name.clone()),
        not_run,
        checks: ctx.into_checks(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            url: "http://127.0.0.1:1".into(),
            idea: "twitter".into(),
            step: (10, "ship".into()),
            not_run: Vec::new(),
            checks: vec![
                Check { name: "a".into(), passed: true, expected: "200".into(), got: "200".into() },
                Check { name: "b".into(), passed: false, expected: "422".into(), got: "200\n {}".into() },
            ],
        }
    }

    #[test]
    fn human_report_lists_checks_then_counts() {
        let mut out = Vec::new();
        report().write_human(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "PASS  a\nFAIL  b: expected 422, got 200 {}\n1 passed, 1 failed\n");
    }

    #[test]
    fn at_an_early_step_the_report_names_what_did_not_run_before_the_counts() {
        let mut early = report();
        early.step = (4, "posts".into());
        early.not_run = vec!["follows".into(), "feed".into()];
        let mut out = Vec::new();
        early.write_human(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.ends_with("at step 4 (posts); not run (later steps): follows, feed\n1 passed, 1 failed\n"),
            "{text}"
        );
        let value = early.to_json();
        assert_eq!(value["step"], json!({"number": 4, "name": "posts"}));
        assert_eq!(value["not_run"], json!(["follows", "feed"]));
    }

    #[test]
    fn quiet_report_lists_only_failures() {
        let mut out = Vec::new();
        report().write_failures(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "FAIL  b: expected 422, got 200 {}\n");
    }

    #[test]
    fn json_report_has_counts_and_checks() {
        let value = report().to_json();
        assert_eq!(value["passed"], 1);
        assert_eq!(value["failed"], 1);
        assert_eq!(value["checks"][1]["got"], "200\n {}");
    }
}
