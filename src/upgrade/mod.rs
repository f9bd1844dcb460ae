//! `backroad upgrade`: render a project again with this backroad's templates
//! and the answers in its `.backroad.toml`, and merge that render into the
//! learner's work with git's three-way merge.
//!
//! The base of the merge is exact: `new` keeps its first commit, the pristine
//! render, under `refs/backroad/base` (see `generate::git`). An upgrade makes
//! the new render a commit whose parent is that base, so the merge base of
//! the learner's HEAD and the new render is the render they started from (or
//! the last one they merged), found by git itself. Then:
//!
//! - `git merge-tree` computes the result without touching anything: what is
//!   new, updated, merged, in conflict, removed, renamed or kept. A dry run
//!   stops there, with every object it made in a scratch folder.
//! - Otherwise `git merge --no-commit` applies it to the work tree: conflict
//!   markers where both sides changed the same lines, a file the new render
//!   drops but the learner changed kept as theirs. Nothing is committed: the
//!   learner reviews it and runs `git commit`, whose message is ready. The
//!   base ref moves to the new render.

mod changes;
mod repo;

use std::path::Path;

use crate::catalog::Catalog;
use crate::error::Error;
use crate::generate::answers::{self, Answers};
use crate::generate::git::BASE_REF;
use crate::generate::plan::{Choices, NewPlan};
pub use changes::{Change, Kind};
use repo::Repo;

/// What an upgrade did, or with `dry_run`, would do.
#[derive(Debug)]
pub struct Upgrade {
    pub root: std::path::PathBuf,
    pub answers: Answers,
    /// This backroad's version.
    pub to: String,
    pub changes: Vec<Change>,
    pub dry_run: bool,
    /// The commit message left for the learner.
    pub message: String,
}

impl Upgrade {
    pub fn conflicts(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.kind == Kind::Conflict)
    }
}

/// Upgrades the backroad project holding `start`.
pub fn upgrade(start: &Path, catalog: &Catalog, dry_run: bool) -> Result<Upgrade, Error> {
    let root = answers::find_root(start).ok_or_else(|| Error::NotAProject { path: start.to_path_buf() })?;
    let answers = Answers::read(&root)?;
    let to = env!("CARGO_PKG_VERSION").to_string();
    let regenerate = format!(
        "backroad new {} --stack {} --idea {} --output /tmp/{}",
        answers.name, answers.stack, answers.idea, answers.name
    );
    let no_base = |why: &str| Error::NoBase { why: why.to_string(), regenerate: regenerate.clone() };
    let repo = Repo::open(&root)
        .ok_or_else(|| no_base("the project is not the top of a git repository (made with --no-git?)"))?;
    let base = repo.commit(BASE_REF)?.ok_or_else(|| {
        no_base(&format!(
            "the project has no {BASE_REF}, the files exactly as backroad made them (made by a backroad \
             older than `upgrade`, or in a folder that was already a git repository)"
        ))
    })?;
    let head = repo.commit("HEAD")?.ok_or_else(|| no_base("the repository has no commit"))?;
    let status = repo.run(&["status", "--porcelain", "--untracked-files=all"])?;
    if !status.trim().is_empty() {
        return Err(Error::Uncommitted { changes: summary_of_status(&status) });
    }

    // The render, from this backroad's templates and the recorded answers:
    // a project made part-way through the tutorial stays at its step.
    let choices = Choices { output: Some(root.clone()), step: answers.step.clone(), ..Choices::default() };
    let plan = NewPlan::new(
        &answers.name,
        catalog.stack(&answers.stack)?.clone(),
        catalog.idea(&answers.idea)?.clone(),
        &choices,
    )?;
    let files = crate::generate::render(&plan, catalog)?;

    let repo = if dry_run { repo.scratch()? } else { repo };
    let tree = repo.tree_of_files(&files)?;
    let render = if tree == repo.tree_of(&base)? {
        base.clone()
    } else {
        let message = format!(
            "backroad {to}: {} ({} x {}) as rendered\n\nThe base of the next `backroad upgrade`; not a commit of yours.",
            answers.name, answers.stack, answers.idea
        );
        repo.commit_tree(&tree, &base, &message)?
    };
    if !repo.succeeds(&["merge-base", &head, &render])? {
        return Err(no_base(&format!(
            "your git history no longer holds a commit of {BASE_REF} (was it rewritten or squashed?)"
        )));
    }
    if repo.succeeds(&["merge-base", "--is-ancestor", &render, &head])? {
        return Err(Error::UpToDate { version: to });
    }

    let changes = changes::preview(&repo, &head, &render)?;
    let message = format!(
        "Upgrade to backroad {to}\n\nThe files backroad {to} makes for {} ({} x {}), merged with this project's \
         changes by `backroad upgrade`.",
        answers.name, answers.stack, answers.idea
    );
    let upgrade = Upgrade { root, answers, to, changes, dry_run, message };
    if !dry_run {
        apply(&repo, &render, &base, &upgrade)?;
    }
    Ok(upgrade)
}

/// The merge, in the work tree, left uncommitted; undone if git fails. The
/// base ref moves to the new render first, so that git names it
/// `backroad/base` in conflict markers (`>>>>>>> backroad/base`).
fn apply(repo: &Repo, render: &str, base: &str, upgrade: &Upgrade) -> Result<(), Error> {
    repo.run(&["update-ref", BASE_REF, render, base])?;
    let undo = |error: Error| {
        let _ = repo.run(&["merge", "--abort"]);
        let _ = repo.run(&["update-ref", BASE_REF, base, render]);
        error
    };
    let merge = ["merge", "--no-ff", "--no-commit", "--quiet", "-m", &upgrade.message, "backroad/base"];
    let (code, _, stderr) = repo.run_coded(&merge).map_err(undo)?;
    if code != 0 && repo.commit("MERGE_HEAD").map_err(undo)?.is_none() {
        // git refused before changing anything (a file in the way).
        let reason = stderr.trim().lines().next().unwrap_or("no message").to_string();
        return Err(undo(Error::Git { command: "merge".into(), reason }));
    }
    // A file the new render drops but the learner changed stays theirs.
    for change in upgrade.changes.iter().filter(|c| c.kind == Kind::Kept) {
        repo.run(&["add", "--", &change.path]).map_err(undo)?;
    }
    Ok(())
}

/// "M src/app.py, ?? notes.txt and 3 more", for the refusal's one line.
fn summary_of_status(status: &str) -> String {
    let lines: Vec<&str> = status.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let shown = lines.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    match lines.len() {
        n if n > 3 => format!("{shown} and {} more", n - 3),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_summed_up_in_one_line() {
        assert_eq!(summary_of_status(" M a.py\n?? b.txt\n"), "M a.py, ?? b.txt");
        assert_eq!(summary_of_status("M a\nM b\nM c\nM d\nM e\n"), "M a, M b, M c and 2 more");
    }
}
