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
    /// `--tutorial`: one commit per step, each tagged (the tags, in order).
    History {
        tags: Vec<String>,
    },
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
    if !available() {
        return GitOutcome::Skipped("git was not found; install git, then run `git init`".into());
    }
    let done = run(dir, &["init", "--quiet"])
        .map_err(|reason| format!("`git init` failed ({reason})"))
        .and_then(|_| commit_all(dir, "Initial commit from backroad"))
        .and_then(|()| keep_base(dir));
    match done {
        Ok(()) => GitOutcome::Committed,
        Err(reason) => GitOutcome::Skipped(format!("{reason}; the files are written")),
    }
}

/// Whether a `git` program can be run.
pub fn available() -> bool {
    Command::new("git").arg("--version").stdin(Stdio::null()).output().is_ok_and(|o| o.status.success())
}

/// `git add --all` and a commit of it. A machine without a configured
/// identity still gets its commit, made as backroad.
pub(crate) fn commit_all(dir: &Path, message: &str) -> Result<(), String> {
    let has_identity = run(dir, &["config", "user.email"]).is_ok_and(|out| !out.trim().is_empty());
    let mut commit = vec!["commit", "--quiet", "--no-verify", "--message", message];
    let identity = ["-c", "user.name=backroad", "-c", "user.email=backroad@localhost"];
    if !has_identity {
        commit.splice(0..0, identity);
    }
    for args in [&["add", "--all"][..], &commit] {
        run(dir, args).map_err(|reason| format!("`git {}` failed ({reason})", args.join(" ")))?;
    }
    Ok(())
}

/// Points [`BASE_REF`] at HEAD: the render `upgrade` merges from.
pub(super) fn keep_base(dir: &Path) -> Result<(), String> {
    run(dir, &["update-ref", BASE_REF, "HEAD"])
        .map(drop)
        .map_err(|reason| format!("`git update-ref` failed ({reason})"))
}

/// Runs git in `dir`: its standard output, or the last line of its error.
pub(crate) fn run(dir: &Path, args: &[&str]) -> Result<String, String> {
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
