//! The shape of `templates/stacks/<s>/e2e.toml`: what the matrix does for a
//! stack besides the commands every learner runs (the services to start, the
//! environment, the server, how to read the test runner's summary). Only
//! xtask reads it; it is not in `backroad list --json`.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use regex::Regex;
use serde::Deserialize;

use crate::backroad::Commands;

/// What the matrix does for a stack besides its commands: the stack's
/// `e2e.toml` (see `services`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct E2e {
    /// How to read the counts from the test command's output.
    pub test_summary: TestSummary,
    /// The ideas of this stack build in one folder (the shared cargo target),
    /// so they run one after the other; other combinations run side by side.
    #[serde(default)]
    pub shared_build: bool,
    /// Services to start first: "mongod", "mariadb".
    #[serde(default)]
    pub services: Vec<String>,
    /// The project's environment in the matrix, with `{placeholders}`.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// The server to use instead of `commands.run`: "apache".
    #[serde(default)]
    pub server: Option<String>,
    /// Which of the stack's commands serves: "run" (the default) or "dev".
    #[serde(default)]
    pub serve: Option<String>,
    /// What differs for one idea (`[ideas.instagram]`): a combination run
    /// another way, e.g. as a learner's first run.
    #[serde(default)]
    pub ideas: BTreeMap<String, IdeaE2e>,
    /// How `cargo xtask docs` runs the README's commands (`[docs]`).
    #[serde(default)]
    pub docs: Option<Docs>,
    /// One combination made, changed by a learner and upgraded (`[upgrade]`).
    #[serde(default)]
    pub upgrade: Option<Upgrade>,
    /// How `cargo xtask e2e --steps` runs the tutorial's steps (`[tutorial]`).
    #[serde(default)]
    pub tutorial: Tutorial,
}

/// `[tutorial]` of an e2e.toml: the steps of one combination run one after
/// the other in the same folder, as a learner's project grows, sharing what
/// a learner's would: the installed packages (`keep`), the database (the same
/// one for every step, so each step's migrations run on the last one's data)
/// and the build folder (`CARGO_TARGET_DIR`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tutorial {
    /// Paths in the project carried from one step's project to the next
    /// (`.venv`, `node_modules`).
    #[serde(default)]
    pub keep: Vec<String>,
    /// The install commands of the steps, instead of the stack's (`npm ci`
    /// would throw the kept `node_modules` away; a debug build is what the
    /// tests build anyway).
    #[serde(default)]
    pub install: Option<Vec<String>>,
    /// Which of the stack's commands serves the steps, instead of `serve`
    /// and `server`: "dev" reuses the build the tests made; "run" is the
    /// stack's own server where the matrix's (Apache) needs files of a later step.
    #[serde(default)]
    pub serve: Option<String>,
    /// The idea whose steps go through build-along mode instead of `new
    /// --step K`: `backroad tutorial start`, then for each step `check`
    /// (which must fail), `skip`, `check` (which must pass), the chapter, `next`.
    #[serde(default)]
    pub build_along: Option<String>,
    /// In build-along mode, a step the learner writes their own way instead
    /// of `skip`: a patch (from the workspace) `git apply` puts on the
    /// project, which the black-box check must pass all the same.
    #[serde(default)]
    pub own: Option<OwnSolution>,
}

/// A learner's own solution of one step (see [`Tutorial::own`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnSolution {
    pub step: String,
    pub patch: String,
}

/// `[upgrade]` of an e2e.toml: the combination of `idea` is made with git,
/// changed and committed as a learner would, then upgraded with
/// `backroad upgrade` to a newer backroad (a copy of templates/ with one
/// change) before its install, tests and verify (see `upgrade`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upgrade {
    pub idea: String,
    /// The learner's change, in the project (`{package}`: the project's package).
    pub learner: Edit,
    /// The newer backroad's change, in a template (a path under templates/).
    pub newer: Edit,
}

/// In `file`, every `from` becomes `to` (there must be one at least).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    pub file: String,
    pub from: String,
    pub to: String,
}

/// `[docs]` of an e2e.toml: what a reader of the project's README has that
/// the matrix must give the commands it runs from it (see `docs`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// The idea of the project whose README is run.
    pub idea: String,
    /// Services the reader is assumed to have running.
    #[serde(default)]
    pub services: Vec<String>,
    /// The reader's environment, with `{placeholders}` as in `env`.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Files of the reader's that the README names: their name in the
    /// project -> a file of the workspace (`photo.jpg` -> an image).
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// Words the reader replaces, and with what (`{token}`: the last token
    /// the commands printed).
    #[serde(default)]
    pub substitute: BTreeMap<String, String>,
    /// A shell command run before the first block, so that the machine is
    /// as a new reader's: it removes what an earlier run left in the
    /// system's own servers (the database the README creates).
    #[serde(default)]
    pub fresh: Option<String>,
}

/// `[ideas.<idea>]` of an e2e.toml: each key given replaces the stack's own.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdeaE2e {
    pub services: Option<Vec<String>>,
    pub env: Option<BTreeMap<String, String>>,
    pub server: Option<String>,
    pub serve: Option<String>,
}

impl E2e {
    /// The stack's e2e settings for one idea, its `[ideas.<idea>]` applied.
    pub fn for_idea(&self, idea: &str) -> E2e {
        let own = self.ideas.get(idea).cloned().unwrap_or_default();
        E2e {
            test_summary: self.test_summary.clone(),
            shared_build: self.shared_build,
            services: own.services.unwrap_or_else(|| self.services.clone()),
            env: own.env.unwrap_or_else(|| self.env.clone()),
            server: own.server.or_else(|| self.server.clone()),
            serve: own.serve.or_else(|| self.serve.clone()),
            ideas: BTreeMap::new(),
            docs: self.docs.clone(),
            upgrade: self.upgrade.clone(),
            tutorial: self.tutorial.clone(),
        }
    }

    /// The command that serves the project: `commands.run`, or `commands.dev`
    /// with `serve = "dev"`.
    pub fn serve_command<'a>(&self, commands: &'a Commands) -> anyhow::Result<&'a str> {
        match self.serve.as_deref() {
            None | Some("run") => Ok(&commands.run),
            Some("dev") => Ok(&commands.dev),
            Some(other) => bail!("serve = \"{other}\" in e2e.toml: use \"run\" or \"dev\""),
        }
    }
}

/// Regular expressions, each with one capture group, that read the counts
/// from the output of a stack's test command.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TestSummary {
    pub passed: String,
    pub failed: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestCounts {
    pub passed: u64,
    pub failed: u64,
}

impl TestCounts {
    pub fn total(&self) -> u64 {
        self.passed + self.failed
    }
}

impl TestSummary {
    /// Reads the counts from a test run's output. Every match is added up,
    /// because some runners (cargo test) print one summary per test binary; a
    /// pattern that matches nothing counts 0.
    pub fn read(&self, output: &str) -> Result<TestCounts> {
        // Runners that colour their output would split "3" from "passed".
        let plain = Regex::new(r"\x1b\[[0-9;]*[A-Za-z]").expect("valid regex").replace_all(output, "");
        Ok(TestCounts {
            passed: sum_matches(&self.passed, &plain)?,
            failed: sum_matches(&self.failed, &plain)?,
        })
    }
}

fn sum_matches(pattern: &str, text: &str) -> Result<u64> {
    let regex =
        Regex::new(pattern).with_context(|| format!("test_summary pattern `{pattern}` is not a regex"))?;
    if regex.captures_len() != 2 {
        bail!("test_summary pattern `{pattern}` must have exactly one capture group");
    }
    regex
        .captures_iter(text)
        .map(|found| {
            found[1]
                .parse::<u64>()
                .with_context(|| format!("`{pattern}` captured `{}`, not a count", &found[1]))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pytest() -> TestSummary {
        TestSummary { passed: r"(\d+) passed".into(), failed: r"(\d+) failed".into() }
    }

    #[test]
    fn reads_a_pytest_summary() {
        let output =
            "....F.\nFAILED tests/test_posts.py::test_feed\n1 failed, 5 passed, 2 warnings in 1.20s\n";
        assert_eq!(pytest().read(output).unwrap(), TestCounts { passed: 5, failed: 1 });
    }

    #[test]
    fn a_missing_failed_line_counts_zero() {
        assert_eq!(pytest().read("12 passed in 0.4s").unwrap(), TestCounts { passed: 12, failed: 0 });
    }

    #[test]
    fn no_summary_at_all_counts_zero_tests() {
        assert_eq!(pytest().read("ImportError: no module named flask").unwrap().total(), 0);
    }

    #[test]
    fn adds_up_one_summary_per_test_binary() {
        let cargo = TestSummary {
            passed: r"test result: \w+\. (\d+) passed".into(),
            failed: r"test result: \w+\. \d+ passed; (\d+) failed".into(),
        };
        let output = "test result: ok. 3 passed; 0 failed; 0 ignored\n\
                      test result: FAILED. 7 passed; 2 failed; 0 ignored\n";
        assert_eq!(cargo.read(output).unwrap(), TestCounts { passed: 10, failed: 2 });
    }

    #[test]
    fn ignores_colour_codes() {
        let output = "\x1b[32m\x1b[1m4\x1b[0m passed\x1b[0m";
        assert_eq!(pytest().read(output).unwrap().passed, 4);
    }

    #[test]
    fn an_idea_of_its_own_replaces_only_what_it_names() {
        let e2e: E2e = toml::from_str(
            r#"
            services = ["mongod"]
            env = { MONGODB_URI = "{mongodb_uri}" }
            [test_summary]
            passed = '(\d+) passed'
            failed = '(\d+) failed'
            [ideas.instagram]
            services = []
            serve = "dev"
            "#,
        )
        .unwrap();
        let commands: Commands = serde_json::from_value(serde_json::json!({
            "install": [], "lint": [], "test": [], "seed": [], "run": "npm start", "dev": "npm run dev"
        }))
        .unwrap();
        let twitter = e2e.for_idea("twitter");
        assert_eq!((twitter.services.len(), twitter.serve_command(&commands).unwrap()), (1, "npm start"));
        let instagram = e2e.for_idea("instagram");
        assert!(instagram.services.is_empty());
        assert_eq!(instagram.env, twitter.env, "not named, so the stack's own");
        assert_eq!(instagram.serve_command(&commands).unwrap(), "npm run dev");
    }

    #[test]
    fn rejects_patterns_without_exactly_one_group() {
        let summary = TestSummary { passed: r"\d+ passed".into(), failed: r"(\d+) (failed)".into() };
        assert!(summary.read("1 passed").is_err());
        let broken = TestSummary { passed: r"(\d+ passed".into(), failed: r"(\d+) failed".into() };
        assert!(broken.read("1 passed").is_err());
    }
}
