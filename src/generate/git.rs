//! The first commit of a generated project, through the `git` on PATH, and
//! the ref that keeps it: [`BASE_REF`] names the files exactly as backroad
//! rendered them, the base of `backroad upgrade`'s three-way merge, so that an
//! upgrade never needs the old templates. A ref of backroad's own is not a
//! branch or a tag: the learner never sees it in `git branch` or `git log`
//! (unless they ask for `--all`), and it keeps the commit alive whatever they
//! do to their branches.

use std::path::Path;
use std::process::{Command, Stdio};

/// The pristine render the project was made from, updated by every upgrade.
pub const BASE_REF: &str = "refs/backroad/base";

/// What happened to version control.
#[derive(Debug, PartialEq, Eq)]
pub enum GitOutcome {
    Committed,
    /// Not done, and why, in a phrase the user can act on.
    Skipped(String),
}

/// `git init` and a first commit of everything in `dir`. Never fails the
/// generation: the project is already written, so problems become a note.
pub fn init_and_commit(dir: &Path) -> GitOutcome {
    if dir.join(".git").exists() {
        return GitOutcome::Skipped(
            "the folder is already a git repository; commit the new files yourself".into(),
        );
    }
    if run(dir, &["--version"]).is_err() {
        return GitOutcome::Skipped("git was not found; install git, then run `git init`".into());
    }
    // A machine without a configured identity still gets its first commit.
    let has_identity = run(dir, &["config", "user.email"]).is_ok_and(|out| !out.trim().is_empty());
    let mut commit = vec!["commit", "--quiet", "--no-verify", "--message", "Initial commit from backroad"];
    let identity = ["-c", "user.name=backroad", "-c", "user.email=backroad@localhost"];
    if !has_identity {
        commit.splice(0..0, identity);
    }
    let steps: [&[&str]; 4] =
        [&["init", "--quiet"], &["add", "--all"], &commit, &["update-ref", BASE_REF, "HEAD"]];
    for step in steps {
        if let Err(reason) = run(dir, step) {
            return GitOutcome::Skipped(format!(
                "`git {}` failed ({reason}); the files are written",
                step.join(" ")
            ));
        }
    }
    GitOutcome::Committed
}

fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().lines().last().unwrap_or("").to_string())
    }
}
