//! What the matrix asks of the backroad binary: building it, its catalog
//! (`backroad list --json`) and the verdict of `backroad verify --json`; and
//! each stack's e2e.toml beside it (its shape is `e2e_toml`).
//!
//! The stacks' commands are read from the catalog and written nowhere else, so
//! the matrix runs exactly what a learner's README tells them to run.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;

pub use crate::e2e_toml::{E2e, TestCounts};

/// Builds the backroad binary (debug profile: `cargo test` has already built
/// its dependencies that way, so this costs seconds) and returns its path, or
/// returns `$BACKROAD_BIN` when that is set.
pub fn build(workspace: &Path) -> Result<PathBuf> {
    // A binary built elsewhere (another target directory, a release build).
    if let Some(path) = std::env::var_os("BACKROAD_BIN") {
        let path = PathBuf::from(path);
        if !path.is_file() {
            bail!("BACKROAD_BIN names {}, which is not a file", path.display());
        }
        return Ok(path);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // Cargo names the binary it built in its JSON messages; asking it beats
    // guessing the target directory (CARGO_TARGET_DIR, build.target-dir ...).
    let output = Command::new(cargo)
        .args(["build", "--package", "backroad", "--bin", "backroad"])
        .arg("--message-format=json-render-diagnostics")
        .current_dir(workspace)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("could not run cargo")?;
    if !output.status.success() {
        bail!("`cargo build --package backroad` failed ({})", output.status);
    }
    for line in output.stdout.lines() {
        let message: Value = serde_json::from_str(&line?)?;
        if message["reason"] == "compiler-artifact"
            && message["target"]["name"] == "backroad"
            && let Some(path) = message["executable"].as_str()
        {
            return Ok(PathBuf::from(path));
        }
    }
    bail!("cargo built backroad but named no executable")
}

#[derive(Debug, Deserialize)]
pub struct Catalog {
    pub stacks: Vec<Stack>,
    pub ideas: Vec<Idea>,
}

#[derive(Debug, Deserialize)]
pub struct Stack {
    pub name: String,
    /// Where its server listens by default.
    pub port: u16,
    pub commands: Commands,
    /// From the stack's e2e.toml, not from the catalog.
    #[serde(skip)]
    pub e2e: E2e,
}

/// Each entry runs with `sh -c` in the project directory.
#[derive(Debug, Deserialize)]
pub struct Commands {
    pub install: Vec<String>,
    pub lint: Vec<String>,
    pub test: Vec<String>,
    pub seed: Vec<String>,
    /// The production server in the foreground, listening on `$PORT`.
    pub run: String,
    /// The development server, listening on `$PORT`.
    pub dev: String,
}

#[derive(Debug, Deserialize)]
pub struct Idea {
    pub name: String,
    /// The tutorial's steps, in order.
    pub steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
pub struct Step {
    pub number: u32,
    pub name: String,
    /// The parts of the API the step adds.
    pub parts: Vec<String>,
}

impl Catalog {
    /// Builds backroad (or takes `BACKROAD_BIN`) and loads its catalog: the
    /// binary, the templates it reads (those it was built with, or
    /// `$BACKROAD_TEMPLATES`), and the catalog.
    pub fn build(workspace: &Path) -> Result<(PathBuf, PathBuf, Self)> {
        println!("==> building backroad");
        let backroad = build(workspace)?;
        let templates = match std::env::var_os("BACKROAD_TEMPLATES") {
            Some(dir) if !dir.is_empty() => dir.into(),
            _ => workspace.join("templates"),
        };
        let catalog = Self::load(&backroad, &templates)?;
        Ok((backroad, templates, catalog))
    }

    /// The catalog of `backroad list --json`, each stack with its e2e.toml
    /// from `templates` (the workspace's, or `$BACKROAD_TEMPLATES`).
    pub fn load(backroad: &Path, templates: &Path) -> Result<Self> {
        let mut catalog = Self::list(backroad)?;
        for stack in &mut catalog.stacks {
            let path = templates.join("stacks").join(&stack.name).join("e2e.toml");
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "the {} stack has no {}: the matrix needs its test_summary",
                    stack.name,
                    path.display()
                )
            })?;
            stack.e2e = toml::from_str(&text).with_context(|| format!("{} is not valid", path.display()))?;
        }
        Ok(catalog)
    }

    fn list(backroad: &Path) -> Result<Self> {
        let output = Command::new(backroad)
            .args(["list", "--json"])
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("could not run {}", backroad.display()))?;
        if !output.status.success() {
            bail!(
                "`backroad list --json` failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        serde_json::from_slice(&output.stdout)
            .context("`backroad list --json` printed something other than the catalog")
    }

    /// Every stack x idea pair the filters let through, in catalog order.
    pub fn combinations(&self, stack: Option<&str>, idea: Option<&str>) -> Result<Vec<(&Stack, &Idea)>> {
        let names = |names: Vec<&str>| names.join(", ");
        if let Some(wanted) = stack.filter(|s| !self.stacks.iter().any(|x| x.name == *s)) {
            let known = names(self.stacks.iter().map(|s| s.name.as_str()).collect());
            bail!("unknown stack `{wanted}` (the catalog has: {known})");
        }
        if let Some(wanted) = idea.filter(|i| !self.ideas.iter().any(|x| x.name == *i)) {
            let known = names(self.ideas.iter().map(|i| i.name.as_str()).collect());
            bail!("unknown idea `{wanted}` (the catalog has: {known})");
        }
        let stacks = self.stacks.iter().filter(|s| stack.is_none_or(|name| s.name == name));
        Ok(stacks
            .flat_map(|s| {
                self.ideas.iter().filter(|i| idea.is_none_or(|name| i.name == name)).map(move |i| (s, i))
            })
            .collect())
    }
}

/// What `backroad verify URL --idea I --json` prints.
#[derive(Debug, Deserialize)]
pub struct Verdict {
    pub passed: u64,
    pub failed: u64,
    pub checks: Vec<Check>,
    /// Whether `backroad verify` exited 0 (not part of its JSON).
    #[serde(skip)]
    pub exit_ok: bool,
}

#[derive(Debug, Deserialize)]
pub struct Check {
    pub name: String,
    pub passed: bool,
    #[serde(default)]
    pub expected: Value,
    #[serde(default)]
    pub got: Value,
}

impl Verdict {
    pub fn total(&self) -> u64 {
        self.passed + self.failed
    }

    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|check| !check.passed)
    }

    /// An error unless every check passed, some ran, and verify agreed.
    pub fn passed_all(&self) -> anyhow::Result<()> {
        if self.failed > 0 {
            bail!("{} of {} checks failed", self.failed, self.total());
        }
        if self.total() == 0 {
            bail!("verify ran no check");
        }
        if !self.exit_ok {
            bail!("`backroad verify` failed though every check passed");
        }
        Ok(())
    }
}

/// A JSON value as a person reads it: strings without their quotes.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stack_has_an_e2e_file_the_matrix_reads() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let stacks = std::fs::read_dir(workspace.join("templates/stacks")).unwrap();
        for dir in stacks {
            let path = dir.unwrap().path().join("e2e.toml");
            let e2e: E2e = toml::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // Both patterns compile with one group each.
            e2e.test_summary.read("").unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }

    fn catalog() -> Catalog {
        let stack = |name: &str| {
            serde_json::json!({
                "name": name,
                "port": 5000,
                "title": "fields the matrix does not use are ignored",
                "commands": {"install": [], "seed": [], "test": [], "lint": [], "run": "serve", "dev": "serve"}
            })
        };
        let ideas = serde_json::json!([{"name": "instagram", "steps": []}, {"name": "twitter", "steps": []}]);
        serde_json::from_value(serde_json::json!({"stacks": [stack("axum"), stack("flask")], "ideas": ideas}))
            .unwrap()
    }

    fn pairs(catalog: &Catalog, stack: Option<&str>, idea: Option<&str>) -> Vec<String> {
        let combinations = catalog.combinations(stack, idea).unwrap();
        combinations.iter().map(|(s, i)| format!("{}/{}", s.name, i.name)).collect()
    }

    #[test]
    fn combinations_cover_the_matrix_and_follow_the_filters() {
        let catalog = catalog();
        assert_eq!(
            pairs(&catalog, None, None),
            ["axum/instagram", "axum/twitter", "flask/instagram", "flask/twitter"]
        );
        assert_eq!(pairs(&catalog, Some("flask"), None), ["flask/instagram", "flask/twitter"]);
        assert_eq!(pairs(&catalog, None, Some("twitter")), ["axum/twitter", "flask/twitter"]);
        assert_eq!(pairs(&catalog, Some("axum"), Some("instagram")), ["axum/instagram"]);
    }

    #[test]
    fn an_unknown_filter_names_the_choices() {
        let error = catalog().combinations(Some("django"), None).unwrap_err().to_string();
        assert_eq!(error, "unknown stack `django` (the catalog has: axum, flask)");
        let error = catalog().combinations(None, Some("tiktok")).unwrap_err().to_string();
        assert_eq!(error, "unknown idea `tiktok` (the catalog has: instagram, twitter)");
    }

    #[test]
    fn reads_a_verdict() {
        let verdict: Verdict = serde_json::from_str(
            r#"{"url": "http://127.0.0.1:5000", "idea": "twitter", "passed": 1, "failed": 1,
                "checks": [{"name": "healthz", "passed": true, "expected": "200", "got": "200"},
                           {"name": "signup", "passed": false, "expected": 201, "got": {"status": 500}}]}"#,
        )
        .unwrap();
        assert_eq!(verdict.total(), 2);
        let failed: Vec<_> =
            verdict.failures().map(|c| (c.name.as_str(), show(&c.expected), show(&c.got))).collect();
        assert_eq!(failed, [("signup", "201".to_string(), r#"{"status":500}"#.to_string())]);
    }
}
