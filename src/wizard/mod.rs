//! `backroad new` in a terminal: asks for whatever the flags did not give
//! (the name, checked as it is typed; the stack, or four questions that
//! recommend one, see `recommend`; the idea), then shows a summary to
//! confirm. It returns a checked [`NewPlan`]: nothing is written until the
//! caller generates, so a cancelled wizard leaves nothing on disk.
//! [`defaults`] fills the choices in without asking (`--yes`).

pub mod prompt;
pub mod recommend;

use std::path::Path;

use crate::catalog::{Catalog, Idea, Stack};
use crate::error::Error;
use crate::generate::context::{ProjectNames, check_name};
use crate::generate::plan::{Choices, NewPlan};
use crate::generate::target::{self, Target};
use crate::ui::Palette;
use crate::wizard::prompt::{Ask, Choice};
use recommend::{Answers, Data, Deploy, Recommendation, Types};

/// The name `--yes` gives a project when none is given.
pub const DEFAULT_NAME: &str = "my-app";

/// Whether any of the three choices is missing.
pub fn incomplete(choices: &Choices) -> bool {
    choices.name.is_none() || choices.stack.is_none() || choices.idea.is_none()
}

/// Fills in what is missing without asking: the stack for someone with no
/// preferences, the simplest idea (fewest features), and [`DEFAULT_NAME`], or
/// `my-app-2`, `my-app-3`... when that folder is taken.
pub fn defaults(mut choices: Choices, catalog: &Catalog) -> Choices {
    if choices.stack.is_none() {
        choices.stack = recommend::default_stack(catalog).map(|s| s.name.clone());
    }
    if choices.idea.is_none() {
        choices.idea = catalog.ideas.iter().min_by_key(|i| i.features.count_on()).map(|i| i.name.clone());
    }
    if choices.name.is_none() {
        let free = |name: &String| target::check(&choices.target(name), choices.force).is_ok();
        let mut candidates =
            std::iter::once(DEFAULT_NAME.to_string()).chain((2..100).map(|n| format!("{DEFAULT_NAME}-{n}")));
        choices.name = Some(candidates.find(free).unwrap_or_else(|| DEFAULT_NAME.to_string()));
    }
    choices
}

/// A path as a person would type it: `./chirp` rather than `chirp`.
pub fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if path.is_relative() && !text.starts_with('.') { format!("./{text}") } else { text }
}

/// The questions of `backroad new`.
pub struct Wizard<'a> {
    catalog: &'a Catalog,
    ask: &'a mut dyn Ask,
    palette: Palette,
    /// The tools a stack needs that this machine lacks (see `doctor`).
    missing_tools: &'a mut dyn FnMut(&Stack) -> Vec<String>,
}

impl<'a> Wizard<'a> {
    pub fn new(
        catalog: &'a Catalog,
        ask: &'a mut dyn Ask,
        palette: Palette,
        missing_tools: &'a mut dyn FnMut(&Stack) -> Vec<String>,
    ) -> Self {
        Self { catalog, ask, palette, missing_tools }
    }

    /// Asks for what `choices` lacks; `Error::Cancelled` if the person stops.
    pub fn run(mut self, mut choices: Choices) -> Result<NewPlan, Error> {
        // Flags given wrong are errors now, not after three questions.
        if let Some(name) = &choices.name {
            check_name(name)?;
        }
        let given_stack = choices.stack.as_deref().map(|s| self.catalog.stack(s)).transpose()?.cloned();
        let given_idea = choices.idea.as_deref().map(|i| self.catalog.idea(i)).transpose()?.cloned();
        if let (Some(name), Some(stack)) = (&choices.name, &given_stack) {
            ProjectNames::parse(name, stack)?;
        }

        let p = self.palette;
        self.ask.say(&format!(
            "{} Let's make a practice backend project. {}",
            p.accent("→"),
            p.dim("(Ctrl-C quits; nothing is written before you confirm.)")
        ))?;
        if choices.name.is_none() {
            choices.name = Some(self.ask_name(&choices, None)?);
        }
        let stack = match given_stack {
            Some(stack) => stack,
            None => self.ask_stack()?,
        };
        let name = choices.name.clone().unwrap_or_default();
        if let Err(Error::BadName { reason, .. }) = ProjectNames::parse(&name, &stack) {
            self.ask.say(&format!("{} '{name}' does not work with {}: {reason}", p.warn("!"), stack.name))?;
            choices.name = Some(self.ask_name(&choices, Some(&stack))?);
        }
        let idea = match given_idea {
            Some(idea) => idea,
            None => self.ask_idea()?,
        };
        let plan = NewPlan::new(&choices.name.clone().unwrap_or_default(), stack, idea, &choices)?;
        self.confirm(&plan)?;
        Ok(plan)
    }

    fn ask_name(&mut self, choices: &Choices, stack: Option<&Stack>) -> Result<String, Error> {
        let check = |value: &str| -> Result<String, String> {
            let valid = match stack {
                Some(stack) => ProjectNames::parse(value, stack).map(|_| ()),
                None => check_name(value),
            };
            valid.map_err(|e| match e {
                Error::BadName { reason, .. } => reason,
                other => other.to_string(),
            })?;
            let target = choices.target(value);
            match target::check(&target, choices.force) {
                Ok(Target::NotEmpty) => Ok(format!("writes into {} (--force)", shown(&target))),
                Ok(_) => Ok(format!("creates {}", shown(&target))),
                Err(Error::TargetNotEmpty { .. }) => {
                    Err(format!("{} exists and is not empty: choose another name", shown(&target)))
                }
                Err(e) => Err(e.to_string()),
            }
        };
        let default =
            defaults(Choices { name: None, ..choices.clone() }, self.catalog).name.unwrap_or_default();
        self.ask.text("Project name", &default, &check)
    }

    fn ask_stack(&mut self) -> Result<Stack, Error> {
        let mut recommended: Option<Recommendation> = None;
        loop {
            let mut list = vec![Choice::new("Help me choose", "four questions, then a recommendation")];
            for stack in &self.catalog.stacks {
                let mark = match &recommended {
                    Some(r) if r.stack == stack.name => "recommended · ",
                    _ => "",
                };
                let detail =
                    format!("{mark}{}, {} · learn {}", stack.title, stack.database_short, stack.teaches);
                let about = format!(
                    "{}: {}. {}; {}. You will learn {}.",
                    stack.title, stack.pitch, stack.language, stack.database, stack.teaches
                );
                list.push(Choice::new(&stack.name, detail).about(about));
            }
            let default = recommended
                .as_ref()
                .and_then(|r| self.catalog.stacks.iter().position(|s| s.name == r.stack))
                .map_or(0, |i| i + 1);
            match self.ask.select("Stack", &list, default)? {
                0 => recommended = Some(self.help_me_choose()?),
                i => return Ok(self.catalog.stacks[i - 1].clone()),
            }
        }
    }

    fn help_me_choose(&mut self) -> Result<Recommendation, Error> {
        let languages = recommend::languages(self.catalog);
        let known = if languages.is_empty() {
            Vec::new()
        } else {
            let list: Vec<_> = languages.iter().map(|l| Choice::new(l, "")).collect();
            let picked = self.ask.multi_select("Which of these languages do you know already?", &list)?;
            picked.into_iter().map(|i| languages[i].clone()).collect()
        };
        let types = self.pick("Do you want a compiler checking your types?", &Types::ALL)?;
        let data = self.pick("Should your data live in tables or in documents?", &Data::ALL)?;
        let deploy = self.pick("Where will you deploy it?", &Deploy::ALL)?;
        let r = recommend::recommend(&Answers { languages: known, types, data, deploy }, self.catalog);
        let p = self.palette;
        self.ask.say(&format!(
            "{} Recommended: {}, because {} {}",
            p.accent("→"),
            p.strong(&r.stack),
            r.reason,
            p.dim("(Enter takes it; or choose another.)")
        ))?;
        Ok(r)
    }

    /// One of `options` (value, label, detail); the last is the default.
    fn pick<T: Copy>(&mut self, prompt: &str, options: &[(T, &str, &str)]) -> Result<T, Error> {
        let list: Vec<_> = options.iter().map(|(_, label, detail)| Choice::new(*label, *detail)).collect();
        Ok(options[self.ask.select(prompt, &list, options.len() - 1)?].0)
    }

    fn ask_idea(&mut self) -> Result<Idea, Error> {
        let list: Vec<_> = self
            .catalog
            .ideas
            .iter()
            .map(|i| {
                Choice::new(&i.name, format!("{}: {}", i.title, i.summary))
                    .about(format!("You will learn {}.", i.teaches))
            })
            .collect();
        let simplest = defaults(Choices::default(), self.catalog).idea;
        let default = self.catalog.ideas.iter().position(|i| Some(&i.name) == simplest.as_ref()).unwrap_or(0);
        Ok(self.catalog.ideas[self.ask.select("Idea", &list, default)?].clone())
    }

    fn confirm(&mut self, plan: &NewPlan) -> Result<(), Error> {
        let p = self.palette;
        let (stack, idea) = (&plan.stack, &plan.idea);
        let missing = (self.missing_tools)(stack);
        let tools = if missing.is_empty() {
            p.good("all installed")
        } else {
            format!(
                "{} {}",
                p.warn(&format!("to install: {};", missing.join(", "))),
                p.dim(&format!("`backroad doctor --stack {}` shows how", stack.name))
            )
        };
        let git = if plan.git { "a repository with a first commit" } else { "no (--no-git)" };
        let name = match &plan.names {
            n if n.package_renamed => {
                format!("{} ({} inside: {} is reserved by {})", n.name, n.package, n.snake, stack.name)
            }
            n => n.name.clone(),
        };
        let rows = [
            ("name", name),
            ("folder", shown(&plan.target)),
            ("stack", format!("{} ({})", stack.name, stack.title)),
            ("idea", format!("{} ({})", idea.name, idea.title)),
            ("git", git.to_string()),
            ("tools", tools),
        ];
        self.ask.say("")?;
        for (key, value) in rows {
            self.ask.say(&format!("  {}  {value}", p.dim(&format!("{key:6}"))))?;
        }
        let question = if plan.dry_run { "List the files it would write?" } else { "Create the project?" };
        if self.ask.confirm(question, true)? { Ok(()) } else { Err(Error::Cancelled) }
    }
}

#[cfg(test)]
mod tests;
