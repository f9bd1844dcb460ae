//! The one pipeline every project goes through, in the order of its modules:
//! `plan` (the checked choices) -> `context` (what templates see) -> `render`
//! (every file in memory) -> `write` (staged, then renamed into place, under
//! the rule of `target`) -> `git` (the first commit, and the ref that keeps
//! it as the base of a later `upgrade`; `history` instead, with `--tutorial`:
//! one commit per step). `answers` is `.backroad.toml`.

pub mod answers;
pub mod context;
pub mod git;
pub mod history;
pub mod plan;
pub mod render;
pub mod target;
pub mod write;

use crate::catalog::Catalog;
use crate::error::Error;
use context::Context;
use git::GitOutcome;
use plan::NewPlan;
use render::RenderedFile;
use write::Written;

/// Renders the project a plan describes, writing nothing.
pub fn render(plan: &NewPlan, catalog: &Catalog) -> Result<Vec<RenderedFile>, Error> {
    let context = Context::build(plan)?;
    let mut files = render::render(catalog, &plan.stack, &context)?;
    // Written by backroad itself, not a template: `upgrade` reads it back.
    let answers = answers::Answers::of(plan).file();
    if files.iter().any(|f| f.path == answers.path) {
        return Err(Error::DuplicatePath { path: answers.path });
    }
    files.push(answers);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What `generate` did.
#[derive(Debug)]
pub struct Generated {
    pub files: Vec<RenderedFile>,
    pub written: Written,
    /// `None` with `--no-git`.
    pub git: Option<GitOutcome>,
}

/// Renders and writes the project, then makes its first commit (with
/// `--tutorial`, its history of steps).
pub fn generate(plan: &NewPlan, catalog: &Catalog) -> Result<Generated, Error> {
    if plan.tutorial {
        let (files, written, git) = history::build(plan, catalog)?;
        return Ok(Generated { files, written, git: Some(git) });
    }
    // A target we must refuse is refused before any work is done.
    target::check(&plan.target, plan.force)?;
    let files = render(plan, catalog)?;
    let written = write::write(&plan.target, &files, plan.force)?;
    let git = plan.git.then(|| git::init_and_commit(&plan.target));
    Ok(Generated { files, written, git })
}
