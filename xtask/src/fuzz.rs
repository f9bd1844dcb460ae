//! Schemathesis, the property-based OpenAPI fuzzer, against a running
//! combination: requests generated from the project's own openapi.yaml, every
//! check on (no 5xx, every status and body as documented, invalid data
//! refused, valid data accepted...), and the stateful phase that chains
//! operations along the spec's links. Twice: without a token, and with one of
//! a user it signs up first. Any failure fails the combination.
//!
//! Schemathesis and everything it needs are pinned in
//! xtask/schemathesis/requirements.txt and installed once into a virtualenv of
//! their own under target/, apart from any project's.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use crate::{steps, venv};

/// Schemathesis stops itself at its --max-time; this catches a hang.
const SLACK: Duration = Duration::from_secs(120);

/// How much fuzzing: the same seed finds the same things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub seed: u64,
    /// Test cases per operation and phase.
    pub max_examples: u32,
    /// Seconds for each of the two runs, whatever is left undone.
    pub max_time: u32,
}

impl Budget {
    /// The matrix's: a fixed seed, about half a minute a run.
    pub const MATRIX: Self = Self { seed: 20261205, max_examples: 30, max_time: 30 };
}

/// What one combination's fuzzing found: test cases generated, and failures.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub cases: u64,
    pub failures: u64,
}

pub struct Fuzzer {
    xtask: PathBuf,
    venv: PathBuf,
    /// Held while the first job installs it; the others wait for that.
    installed: Mutex<bool>,
}

impl Fuzzer {
    pub fn new(workspace: &Path) -> Self {
        Self {
            xtask: workspace.join("xtask"),
            venv: workspace.join("target").join("schemathesis"),
            installed: Mutex::new(false),
        }
    }

    /// The virtualenv, made and filled from requirements.txt on first use.
    fn install(&self, log: &Path) -> Result<PathBuf> {
        let requirements = self.xtask.join("schemathesis").join("requirements.txt");
        let mut installed = self.installed.lock().map_err(|_| anyhow!("the fuzzer's install panicked"))?;
        let program = if *installed {
            self.venv.join("bin").join("schemathesis")
        } else {
            venv::ensure(&self.venv, &requirements, "schemathesis", log)?
        };
        *installed = true;
        Ok(program)
    }

    /// Fuzzes the server on `port` with the spec in `project`, without a token
    /// and with one; the output of each run goes to `logs`/fuzz.log, the
    /// JUnit reports beside it.
    pub fn run(&self, project: &Path, port: u16, budget: Budget, logs: &Path) -> Result<Counts> {
        // Schemathesis keeps what `st replay` needs in .schemathesis/ of the
        // folder it runs in: the logs folder, where the failures are read.
        let logs = &fs::canonicalize(logs).with_context(|| format!("no folder {}", logs.display()))?;
        let log = logs.join("fuzz.log");
        let program = self.install(&log)?;
        let token = sign_up(port).context("signing up the fuzzer's user")?;
        let mut total = Counts::default();
        for (run, token) in [("anonymous", None), ("token", Some(token.as_str()))] {
            let report = logs.join(format!("fuzz-{run}.xml"));
            let mut command = Command::new(&program);
            command
                .current_dir(logs)
                .arg("--config-file")
                .arg(self.xtask.join("schemathesis").join("schemathesis.toml"))
                .args(["--no-color", "run"])
                .arg(project.join("openapi.yaml"))
                .args(["--url", &format!("http://127.0.0.1:{port}")])
                .args(["--checks", "all", "--phases", "examples,coverage,fuzzing,stateful"])
                .args(["--seed", &budget.seed.to_string()])
                .args(["--max-examples", &budget.max_examples.to_string()])
                .args(["--max-time", &budget.max_time.to_string()])
                // No example database: what ran before must not change this run,
                // which its seed alone decides.
                .args(["--generation-database", "none"])
                .args(["--workers", "1", "--report", "junit", "--report-junit-path"])
                .arg(&report);
            if let Some(token) = token {
                // Logging out would revoke the token halfway through the run.
                command
                    .args(["--header", &format!("Authorization: Bearer {token}")])
                    .args(["--exclude-name", "DELETE /api/sessions"]);
            }
            let label = format!("schemathesis run ({run}, seed {})", budget.seed);
            let timeout = Duration::from_secs(budget.max_time.into()) + SLACK;
            let ran = steps::run_logged(command, &label, &log, timeout);
            let output = fs::read_to_string(&log).unwrap_or_default();
            total.cases += generated(&output);
            total.failures += read_report(&report).map_or(0, |counts| counts.failures);
            if let Err(error) = ran {
                for line in failures(&output) {
                    println!("    {line}");
                }
                return Err(error.context(format!("the {run} run found failures (seed {})", budget.seed)));
            }
        }
        Ok(total)
    }
}

/// Signs up a user of its own; returns the token.
fn sign_up(port: u16) -> Result<String> {
    let name = format!("fuzzer_{}", std::process::id());
    let body = format!(r#"{{"username": "{name}", "password": "fuzzing is a kind of testing"}}"#);
    let (status, answer) = steps::request(port, "POST", "/api/users", Some(&body))
        .ok_or_else(|| anyhow!("POST /api/users got no answer"))?;
    if status != 201 {
        bail!("POST /api/users answered {status}: {answer}");
    }
    // A chunked answer has the chunk's size around the JSON: take the object.
    let json = answer.find('{').zip(answer.rfind('}')).map_or("", |(start, end)| &answer[start..=end]);
    let answer: serde_json::Value =
        serde_json::from_str(json).with_context(|| format!("POST /api/users answered {answer}"))?;
    answer["token"].as_str().map(str::to_string).ok_or_else(|| anyhow!("no token in {answer}"))
}

/// The counts in a JUnit report: `<testsuite ... tests="N" failures="F" errors="E">`.
fn read_report(path: &Path) -> Option<Counts> {
    let text = fs::read_to_string(path).ok()?;
    let suite = &text[text.find("<testsuite ")?..];
    let suite = &suite[..suite.find('>')?];
    let attribute = |name: &str| -> u64 {
        let start = suite.find(&format!(" {name}=\"")).map(|at| at + name.len() + 3);
        start.and_then(|at| suite[at..].split('"').next()?.parse().ok()).unwrap_or(0)
    };
    Some(Counts { cases: attribute("tests"), failures: attribute("failures") + attribute("errors") })
}

/// The test cases of the last run in `output`: its summary says "Test cases:
/// 2242 generated, 2242 passed".
fn generated(output: &str) -> u64 {
    let line = output.lines().rev().find(|line| line.contains(" generated, "));
    line.and_then(|line| line.split_whitespace().next()?.parse().ok()).unwrap_or(0)
}

/// The lines of Schemathesis's output worth showing in the matrix: each
/// failing operation, what failed, and the curl command that reproduces it.
fn failures(output: &str) -> Vec<&str> {
    output
        .lines()
        .map(str::trim)
        .filter(|line| {
            (line.starts_with('_') && line.ends_with('_') && line.contains(" /"))
                || line.starts_with("- ")
                || line.starts_with("curl ")
        })
        .take(60)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junit_counts_are_read() {
        let dir = std::env::temp_dir().join(format!("xtask-fuzz-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("report.xml");
        fs::write(
            &path,
            r#"<?xml version="1.0"?><testsuites><testsuite name="schemathesis" errors="1" failures="2" tests="21" time="30.0"><testcase/></testsuite></testsuites>"#,
        )
        .unwrap();
        assert_eq!(read_report(&path), Some(Counts { cases: 21, failures: 3 }));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_last_run_s_test_cases_are_read() {
        let output =
            "  2242 generated, 2242 passed\n...\nTest cases:\n  2456 generated, 2456 passed, 16 skipped\n";
        assert_eq!(generated(output), 2456);
        assert_eq!(generated("no summary"), 0);
    }

    #[test]
    fn failures_keep_the_operation_the_check_and_the_reproduction() {
        let output = "\
____ GET /api/posts ____

- ST202 Schema-valid request rejected

    Expected: 2xx

Reproduce with:

    curl -X GET 'http://127.0.0.1:1/api/posts?cursor='
======= SUMMARY =======";
        assert_eq!(
            failures(output),
            [
                "____ GET /api/posts ____",
                "- ST202 Schema-valid request rejected",
                "curl -X GET 'http://127.0.0.1:1/api/posts?cursor='"
            ]
        );
    }
}
