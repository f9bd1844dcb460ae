//! The programs the matrix runs (the database servers, Apache), found by
//! `backroad doctor --json`: the same lookup, and the same install commands,
//! a learner gets from `backroad doctor`. Where a program lives, and how to
//! install it, is known in one place: templates/tools.toml.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// Every tool of every stack, as doctor found it.
#[derive(Debug, Default)]
pub struct Programs {
    tools: BTreeMap<String, Tool>,
}

#[derive(Debug, Deserialize)]
struct Report {
    stacks: Vec<StackReport>,
}

#[derive(Debug, Deserialize)]
struct StackReport {
    tools: Vec<Tool>,
}

#[derive(Debug, Clone, Deserialize)]
struct Tool {
    tool: String,
    title: Option<String>,
    program: Option<PathBuf>,
    install: Option<Install>,
}

#[derive(Debug, Clone, Deserialize)]
struct Install {
    debian: String,
}

impl Programs {
    /// Asks `backroad doctor --json` (which exits 1 when a stack lacks a tool:
    /// the matrix decides later whether it needs that one).
    pub fn load(backroad: &Path) -> Result<Self> {
        let output = Command::new(backroad)
            .args(["doctor", "--json"])
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("could not run {}", backroad.display()))?;
        let report: Report = serde_json::from_slice(&output.stdout).with_context(|| {
            format!(
                "`backroad doctor --json` printed no report ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
        })?;
        Ok(Self::from_report(report))
    }

    fn from_report(report: Report) -> Self {
        let tools = report.stacks.into_iter().flat_map(|s| s.tools).map(|t| (t.tool.clone(), t)).collect();
        Self { tools }
    }

    /// The program of `tool`, or an error that says how to install it.
    pub fn program(&self, tool: &str) -> Result<PathBuf> {
        match self.tools.get(tool).and_then(|t| t.program.clone()) {
            Some(program) => Ok(program),
            None => bail!("{}", self.missing(tool)),
        }
    }

    /// A program that comes with `tool`, in the same folder (`mariadb-admin`
    /// beside `mariadb`), by its name or an older one.
    pub fn beside(&self, tool: &str, names: &[&str]) -> Result<PathBuf> {
        let program = self.program(tool)?;
        let folder = program.parent().unwrap_or(Path::new(""));
        names.iter().map(|name| folder.join(name)).find(|p| p.is_file()).with_context(|| {
            format!("{} not found beside {}: {}", names.join(" or "), program.display(), self.missing(tool))
        })
    }

    /// "MariaDB or MySQL server not found (Debian: sudo apt install ...)".
    pub fn missing(&self, tool: &str) -> String {
        match self.tools.get(tool) {
            Some(t) => format!(
                "{} not found (Debian: {})",
                t.title.as_deref().unwrap_or(tool),
                t.install.as_ref().map_or("see `backroad doctor`", |i| i.debian.as_str())
            ),
            None => format!("`{tool}` is no tool of any stack's prerequisites (templates/tools.toml)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programs() -> Programs {
        let report = serde_json::json!({"stacks": [{"name": "lamp", "ready": false, "tools": [
            {"tool": "mariadb", "title": "MariaDB or MySQL", "status": "ok", "program": "/bin/sh",
             "install": {"debian": "sudo apt install mariadb-client", "macos": "", "windows": ""}},
            {"tool": "apache2", "title": "Apache HTTP Server", "status": "missing", "program": null,
             "install": {"debian": "sudo apt install apache2", "macos": "", "windows": ""}}
        ]}]});
        Programs::from_report(serde_json::from_value(report).unwrap())
    }

    #[test]
    fn a_found_tool_gives_its_program_and_a_missing_one_its_install_command() {
        let programs = programs();
        assert_eq!(programs.program("mariadb").unwrap(), PathBuf::from("/bin/sh"));
        let error = programs.program("apache2").unwrap_err().to_string();
        assert_eq!(error, "Apache HTTP Server not found (Debian: sudo apt install apache2)");
        assert!(programs.program("cobol").unwrap_err().to_string().contains("no tool"));
    }

    #[test]
    fn programs_of_the_same_package_are_found_beside_it() {
        let programs = programs();
        assert_eq!(programs.beside("mariadb", &["no-such", "ls"]).unwrap(), PathBuf::from("/bin/ls"));
        let error = programs.beside("mariadb", &["no-such"]).unwrap_err().to_string();
        assert!(
            error.contains("no-such not found beside /bin/sh") && error.contains("mariadb-client"),
            "{error}"
        );
    }
}
