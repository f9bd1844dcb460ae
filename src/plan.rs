//! The checked plan for `backroad new`: what the user typed (`cli::NewArgs`),
//! validated against the catalog. Everything after this trusts it.

use std::path::PathBuf;

use crate::catalog::{Catalog, Idea, Stack};
use crate::context::ProjectNames;
use crate::error::Error;

#[derive(Debug, Clone)]
pub struct NewPlan {
    pub names: ProjectNames,
    pub stack: Stack,
    pub idea: Idea,
    /// The project directory (`--output`, or `./NAME`).
    pub target: PathBuf,
    pub force: bool,
    pub dry_run: bool,
    pub git: bool,
}

/// The raw choices, each possibly missing.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub name: Option<String>,
    pub stack: Option<String>,
    pub idea: Option<String>,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub dry_run: bool,
    pub no_git: bool,
}

impl NewPlan {
    /// Checks every choice; a missing one is an error naming the flag and the
    /// values it takes.
    pub fn check(choices: Choices, catalog: &Catalog) -> Result<Self, Error> {
        let stack = match &choices.stack {
            Some(s) => catalog.stack(s)?.clone(),
            None => {
                return Err(Error::MissingChoice {
                    what: "stack",
                    flag: "--stack",
                    choices: catalog.stack_names(),
                });
            }
        };
        let idea = match &choices.idea {
            Some(i) => catalog.idea(i)?.clone(),
            None => {
                return Err(Error::MissingChoice {
                    what: "idea",
                    flag: "--idea",
                    choices: catalog.idea_names(),
                });
            }
        };
        let name = choices.name.ok_or(Error::MissingName)?;
        let names = ProjectNames::parse(&name, &stack)?;
        let target = choices.output.unwrap_or_else(|| PathBuf::from(&names.name));
        Ok(Self {
            names,
            stack,
            idea,
            target,
            force: choices.force,
            dry_run: choices.dry_run,
            git: !choices.no_git,
        })
    }
}
