//! The checked plan for `backroad new`: what the user typed (`cli::NewArgs`),
//! validated against the catalog. Everything after this trusts it.

use std::path::PathBuf;

use crate::catalog::{Catalog, Idea, Stack, Step};
use crate::error::Error;
use crate::generate::context::ProjectNames;

#[derive(Debug, Clone)]
pub struct NewPlan {
    pub names: ProjectNames,
    pub stack: Stack,
    pub idea: Idea,
    /// The step of the tutorial the project stands at (`--step`; the last by default).
    pub step: Step,
    /// Whether to build the git history step by step (`--tutorial`).
    pub tutorial: bool,
    /// In build-along mode (`backroad tutorial`), the step the learner is
    /// writing next: its chapter hides the code, later chapters are left out.
    pub writing: Option<u32>,
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
    /// `--step`: a number or a name.
    pub step: Option<String>,
    pub tutorial: bool,
}

impl NewPlan {
    /// Checks every choice; a missing one is an error naming the flag and the
    /// values it takes.
    pub fn check(choices: Choices, catalog: &Catalog) -> Result<Self, Error> {
        let missing = |what, flag, choices| Error::MissingChoice { what, flag, choices };
        let stack =
            choices.stack.as_deref().ok_or_else(|| missing("stack", "--stack", catalog.stack_names()))?;
        let stack = catalog.stack(stack)?.clone();
        let idea = choices.idea.as_deref().ok_or_else(|| missing("idea", "--idea", catalog.idea_names()))?;
        let idea = catalog.idea(idea)?.clone();
        let name = choices.name.clone().ok_or(Error::MissingName)?;
        Self::new(&name, stack, idea, &choices)
    }

    /// The plan for a name, a stack and an idea already chosen (the wizard
    /// holds them as they are, not as names to look up again).
    pub fn new(name: &str, stack: Stack, idea: Idea, choices: &Choices) -> Result<Self, Error> {
        let names = ProjectNames::parse(name, &stack)?;
        let step = match &choices.step {
            Some(given) => idea.step(given)?.clone(),
            None => idea.last_step().clone(),
        };
        Ok(Self {
            step,
            tutorial: choices.tutorial,
            writing: None,
            target: choices.target(&names.name),
            names,
            stack,
            idea,
            force: choices.force,
            dry_run: choices.dry_run,
            git: !choices.no_git,
        })
    }
}

impl Choices {
    /// The project folder for a name: `--output`, or `./NAME`.
    pub fn target(&self, name: &str) -> PathBuf {
        self.output.clone().unwrap_or_else(|| PathBuf::from(name))
    }
}
