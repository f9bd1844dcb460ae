//! What a stack needs on this machine: for each tool of its
//! `[[prerequisites]]`, whether it is installed, in which version, whether
//! that is new enough, and how to install it. The tools themselves (how to
//! find each one, how to install it) are data: `templates/tools.toml`.
//! This module checks; `cmd::doctor` prints.

mod probe;
mod version;

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;

pub use probe::Found;
pub use version::Version;

use crate::catalog::{Prerequisite, Stack};
use crate::error::Error;

/// The first number like 1.2 or 1.2.3, optionally after a `v`.
const DEFAULT_VERSION: &str = r"v?(\d+(?:\.\d+)+)";

/// One tool of `templates/tools.toml`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub title: String,
    /// Commands tried in order, each as its arguments.
    pub find: Vec<Vec<String>>,
    /// A regular expression whose first matching group is the version.
    #[serde(default)]
    pub version: Option<String>,
    /// A line the output must hold (a PHP extension in `php -m`).
    #[serde(default)]
    pub contains: Option<String>,
    pub debian: String,
    pub macos: String,
    pub windows: String,
    #[serde(default)]
    pub note: Option<String>,
}

impl Tool {
    /// Where to install it from, in the order they are shown.
    pub fn install_commands(&self) -> [(&'static str, &str); 3] {
        [("Debian/Ubuntu", &self.debian), ("macOS", &self.macos), ("Windows", &self.windows)]
    }
}

/// Every tool doctor knows, by the name stacks use.
pub type Tools = BTreeMap<String, Tool>;

/// Checks that every tool can be probed: a non-empty `find`, a valid pattern.
pub fn validate(tools: &Tools, path: &str) -> Result<(), Error> {
    for (name, tool) in tools {
        let bad = |reason: String| Error::BadManifest { path: path.to_string(), reason };
        if tool.find.is_empty() || tool.find.iter().any(Vec::is_empty) {
            return Err(bad(format!("tool '{name}': every command of `find` needs a program")));
        }
        Regex::new(tool.version.as_deref().unwrap_or(DEFAULT_VERSION))
            .map_err(|e| bad(format!("tool '{name}': `version` is not a valid pattern: {e}")))?;
    }
    Ok(())
}

/// A prerequisite, measured against this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// Found, but older than the stack asks for.
    TooOld,
    Missing,
    /// The stack names a tool that `tools.toml` does not describe.
    Unknown,
}

/// One line of the doctor's report.
#[derive(Debug, Clone)]
pub struct Row {
    pub prerequisite: Prerequisite,
    pub tool: Option<Tool>,
    pub found: Found,
    pub status: Status,
}

impl Row {
    pub fn ok(&self) -> bool {
        self.status == Status::Ok
    }
}

/// Looks for tools, each one once however many stacks need it.
pub struct Doctor {
    tools: Tools,
    found: BTreeMap<String, Found>,
}

impl Doctor {
    pub fn new(tools: Tools) -> Self {
        Self { tools, found: BTreeMap::new() }
    }

    /// One row per prerequisite of `stack`, in the manifest's order, then git
    /// (optional) unless the stack lists it: backroad makes the first commit
    /// with it.
    pub fn check(&mut self, stack: &Stack) -> Vec<Row> {
        let mut rows: Vec<Row> = stack.prerequisites.iter().map(|p| self.row(p)).collect();
        if !stack.prerequisites.iter().any(|p| p.tool == "git") {
            rows.push(self.row(&Prerequisite {
                tool: "git".into(),
                version: String::new(),
                why: "backroad makes the project's first commit with it (or pass --no-git)".into(),
                optional: true,
            }));
        }
        rows
    }

    fn row(&mut self, prerequisite: &Prerequisite) -> Row {
        let Some(tool) = self.tools.get(&prerequisite.tool).cloned() else {
            return Row {
                prerequisite: prerequisite.clone(),
                tool: None,
                found: Found::Missing,
                status: Status::Unknown,
            };
        };
        let found = self
            .found
            .entry(prerequisite.tool.clone())
            .or_insert_with(|| {
                // `validate` has checked the pattern when the tools were loaded.
                let pattern = Regex::new(tool.version.as_deref().unwrap_or(DEFAULT_VERSION))
                    .unwrap_or_else(|_| Regex::new(DEFAULT_VERSION).expect("a valid pattern"));
                probe::probe(&tool.find, tool.contains.as_deref(), &pattern)
            })
            .clone();
        let status = match (&found, Version::parse(&prerequisite.version)) {
            (Found::Missing, _) => Status::Missing,
            (Found::Present { version: Some(have), .. }, Some(need)) if !have.at_least(&need) => {
                Status::TooOld
            }
            // No minimum, or a version we cannot read: being there is what we can check.
            _ => Status::Ok,
        };
        Row { prerequisite: prerequisite.clone(), tool: Some(tool), found, status }
    }
}

/// The required tools of `rows` that are not ready, e.g. "venv, node (too old)".
pub fn problems(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| !r.ok() && !r.prerequisite.optional)
        .map(|r| match r.status {
            Status::TooOld => format!("{} (too old)", r.prerequisite.tool),
            _ => r.prerequisite.tool.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn every_prerequisite_names_a_described_tool_and_every_tool_is_needed() {
        let catalog = Catalog::embedded().unwrap();
        let tools = catalog.tools().unwrap();
        let mut used = std::collections::BTreeSet::from(["git"]);
        for stack in &catalog.stacks {
            for p in &stack.prerequisites {
                assert!(tools.contains_key(&p.tool), "{}: unknown tool {}", stack.name, p.tool);
                assert!(p.version.is_empty() || Version::parse(&p.version).is_some(), "{}", p.version);
                used.insert(p.tool.as_str());
            }
        }
        for (name, tool) in &tools {
            assert!(used.contains(name.as_str()), "tools.toml describes {name}, which no stack needs");
            for (system, command) in tool.install_commands() {
                assert!(!command.trim().is_empty(), "{name}: no install command for {system}");
            }
        }
    }

    #[test]
    fn a_bad_pattern_or_an_empty_command_is_a_manifest_error() {
        let mut tools = Catalog::embedded().unwrap().tools().unwrap();
        tools.get_mut("git").unwrap().version = Some("(".into());
        let err = validate(&tools, "tools.toml").unwrap_err().to_string();
        assert!(err.contains("tool 'git'") && err.contains("not a valid pattern"), "{err}");
        let mut tools = Catalog::embedded().unwrap().tools().unwrap();
        tools.get_mut("npm").unwrap().find = vec![vec![]];
        assert!(validate(&tools, "tools.toml").is_err());
    }

    #[test]
    fn an_unknown_tool_is_not_ready() {
        let mut doctor = Doctor::new(Tools::new());
        let mut stack = Catalog::embedded().unwrap().stacks[0].clone();
        let cobol =
            Prerequisite { tool: "cobol".into(), version: String::new(), why: "".into(), optional: false };
        stack.prerequisites = vec![cobol];
        let rows = doctor.check(&stack);
        assert_eq!(rows[0].status, Status::Unknown);
        assert_eq!(rows[1].prerequisite.tool, "git", "git is always checked");
        assert_eq!(problems(&rows), ["cobol"], "git is optional");
    }
}
