//! The one pipeline every project goes through: context -> render (in memory)
//! -> write (staged, then renamed into place) -> first git commit.

use crate::catalog::Catalog;
use crate::context::Context;
use crate::error::Error;
use crate::git::{self, GitOutcome};
use crate::plan::NewPlan;
use crate::render::{self, RenderedFile};
use crate::write::{self, Written};

/// Renders the project a plan describes, writing nothing.
pub fn render(plan: &NewPlan, catalog: &Catalog) -> Result<Vec<RenderedFile>, Error> {
    let context = Context::new(plan.names.clone(), &plan.stack, &plan.idea);
    render::render(catalog, &plan.stack, &context)
}

/// What `generate` did.
#[derive(Debug)]
pub struct Generated {
    pub files: Vec<RenderedFile>,
    pub written: Written,
    /// `None` with `--no-git`.
    pub git: Option<GitOutcome>,
}

/// Renders and writes the project, then makes its first commit.
pub fn generate(plan: &NewPlan, catalog: &Catalog) -> Result<Generated, Error> {
    // A target we must refuse is refused before any work is done.
    if !plan.force && write::inspect(&plan.target)? == write::Target::NotEmpty {
        return Err(Error::TargetNotEmpty { path: plan.target.clone() });
    }
    let files = render(plan, catalog)?;
    let written = write::write(&plan.target, &files, plan.force)?;
    let git = plan.git.then(|| git::init_and_commit(&plan.target));
    Ok(Generated { files, written, git })
}
