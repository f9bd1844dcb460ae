//! `backroad new` in a terminal: asks for whatever the flags did not give
//! (the name, checked as it is typed; the stack, or four questions that
//! recommend one, see `recommend`; the idea), then shows a summary to
//! confirm. It returns a checked [`NewPlan`]: nothing is written until the
//! caller generates, so a cancelled wizard leaves nothing on disk.
//! [`defaults`] fills the choices in without asking (`--yes`).

pub mod recommend;

use std::path::Path;

use crate::catalog::{Catalog, Idea, Stack};
use crate::error::Error;
use crate::generate::context::{ProjectNames, check_name};
use crate::generate::plan::{Choices, NewPlan};
use crate::generate::target::{self, Target};
use crate::prompt::{Ask, Choice};
use crate::ui::Palette;
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
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::prompt::scripted::{Answer, Scripted};

    fn catalog() -> Catalog {
        Catalog::embedded().unwrap()
    }

    /// Runs the wizard with scripted answers, as if `missing` tools were not
    /// installed; returns its result and everything it asked and said.
    fn run(choices: Choices, answers: Vec<Answer>, missing: Vec<String>) -> (Result<NewPlan, Error>, String) {
        let catalog = catalog();
        let mut ask = Scripted::new(answers);
        let mut tools = |_: &Stack| missing.clone();
        let result = Wizard::new(&catalog, &mut ask, Palette::PLAIN, &mut tools).run(choices);
        (result, ask.transcript.join("\n"))
    }

    fn in_tmp(choices: Choices) -> (tempfile::TempDir, Choices) {
        let dir = tempfile::tempdir().unwrap();
        let output = choices.output.as_ref().map(|o| dir.path().join(o));
        (dir, Choices { output, ..choices })
    }

    /// A folder in `dir` that holds a file already.
    fn taken(dir: &Path) -> PathBuf {
        let taken = dir.join("taken");
        std::fs::create_dir(&taken).unwrap();
        std::fs::write(taken.join("x"), "").unwrap();
        taken
    }

    fn text(s: &str) -> Answer {
        Answer::Text(s.into())
    }

    fn pick(s: &str) -> Answer {
        Answer::Pick(s.into())
    }

    #[test]
    fn asks_for_everything_then_confirms() {
        let (dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
        let answers =
            vec![text("1st"), text("my.app"), text("chirp"), pick("flask"), pick("twitter"), Answer::Yes];
        let (result, said) = run(choices, answers, vec![]);
        let chosen = result.unwrap();
        assert_eq!(chosen.names.name, "chirp");
        assert_eq!(chosen.stack.name, "flask");
        assert_eq!(chosen.idea.name, "twitter");
        assert_eq!(chosen.target, dir.path().join("out"));
        assert!(said.contains("rejected 1st: it must start with a letter"), "{said}");
        assert!(said.contains("rejected my.app: '.' is not allowed"), "{said}");
        assert!(said.contains(&format!("ok chirp: creates {}", dir.path().join("out").display())), "{said}");
        assert!(said.contains("choices Help me choose, ") && said.contains("flask"), "{said}");
        for row in ["name    chirp", "stack   flask (Python + Flask)", "idea    twitter (Twitter clone)"] {
            assert!(said.contains(row), "missing {row:?} in {said}");
        }
        assert!(said.contains("tools   all installed"), "{said}");
        assert!(said.ends_with("? Create the project?"), "{said}");
    }

    #[test]
    fn asks_only_for_what_the_flags_did_not_give() {
        let choices =
            Choices { name: Some("chirp".into()), stack: Some("flask".into()), ..Choices::default() };
        let (result, said) = run(choices, vec![pick("instagram"), Answer::Yes], vec![]);
        assert_eq!(result.unwrap().idea.name, "instagram");
        let prompts: Vec<_> = said.lines().filter(|l| l.starts_with("? ")).collect();
        assert_eq!(prompts, ["? Idea", "? Create the project?"]);
    }

    #[test]
    fn a_wrong_flag_is_an_error_before_any_question() {
        for (choices, expected) in [
            (Choices { name: Some("1x".into()), ..Choices::default() }, "must start with a letter"),
            (Choices { stack: Some("django".into()), ..Choices::default() }, "unknown stack 'django'"),
            (Choices { idea: Some("reddit".into()), ..Choices::default() }, "unknown idea 'reddit'"),
        ] {
            let (result, said) = run(choices, vec![], vec![]);
            assert!(result.unwrap_err().to_string().contains(expected), "{expected}");
            assert!(said.is_empty(), "{said}");
        }
    }

    #[test]
    fn a_name_the_chosen_stack_reserves_is_kept_and_the_summary_says_what_moves() {
        let (_dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
        let answers = vec![text("test"), pick("flask"), pick("twitter"), Answer::Yes];
        let (result, said) = run(choices, answers, vec![]);
        let plan = result.unwrap();
        assert_eq!((plan.names.name.as_str(), plan.names.package.as_str()), ("test", "my_test"));
        assert!(said.contains("name    test (my_test inside: test is reserved by flask)"), "{said}");
    }

    #[test]
    fn a_taken_folder_is_refused_as_you_type_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let choices = Choices { output: Some(taken(dir.path())), ..Choices::default() };
        let answers = vec![text("chirp"), pick("flask"), pick("twitter"), Answer::Yes];
        // "chirp" is refused, then the default (refused too: the folder is the same), then Ctrl-C.
        let (result, said) = run(choices.clone(), vec![text("chirp"), text(""), Answer::Cancel], vec![]);
        assert!(matches!(result, Err(Error::Cancelled)));
        assert!(said.contains("exists and is not empty: choose another name"), "{said}");
        let (result, said) = run(Choices { force: true, ..choices }, answers, vec![]);
        assert!(result.is_ok());
        assert!(said.contains("(--force)"), "{said}");
    }

    #[test]
    fn help_me_choose_recommends_and_the_list_opens_on_it() {
        let (_dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
        let answers = vec![
            text("chirp"),
            pick("Help me choose"),
            Answer::PickMany(vec!["Python".into()]),
            pick("No"),
            pick("Tables"),
            pick("A platform"),
            Answer::Yes, // take the recommendation
            pick("twitter"),
            Answer::Yes,
        ];
        let (result, said) = run(choices, answers, vec![]);
        assert_eq!(result.unwrap().stack.name, "flask");
        assert!(said.contains("Recommended: flask, because you already know Python"), "{said}");
        assert!(said.contains("(default flask)"), "the list opens on the recommendation: {said}");
    }

    #[test]
    fn the_summary_names_missing_tools_and_doctor() {
        let (_dir, choices) = in_tmp(Choices {
            output: Some("out".into()),
            stack: Some("flask".into()),
            idea: Some("twitter".into()),
            ..Choices::default()
        });
        let (result, said) = run(choices, vec![text("chirp"), Answer::No], vec!["venv".into()]);
        assert!(matches!(result, Err(Error::Cancelled)), "no at the summary cancels");
        assert!(
            said.contains("tools   to install: venv; `backroad doctor --stack flask` shows how"),
            "{said}"
        );
    }

    #[test]
    fn cancelling_any_question_stops_the_wizard() {
        let steps = [
            text("chirp"),
            pick("Help me choose"),
            Answer::PickMany(vec![]),
            pick("Yes"),
            pick("Documents"),
            pick("Containers"),
            pick("flask"),
            pick("twitter"),
        ];
        for at in 0..=steps.len() {
            let (_dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
            let mut answers = steps[..at].to_vec();
            answers.push(Answer::Cancel);
            let (result, _) = run(choices, answers, vec![]);
            assert!(matches!(result, Err(Error::Cancelled)), "cancel at step {at}: {result:?}");
        }
    }

    #[test]
    fn defaults_take_the_gentlest_stack_the_simplest_idea_and_a_free_name() {
        let catalog = catalog();
        let filled = defaults(Choices::default(), &catalog);
        assert_eq!(filled.stack.as_deref(), Some("flask"));
        assert_eq!(filled.idea.as_deref(), Some("twitter"), "fewest features");
        let named = Choices { name: Some("mine".into()), ..Choices::default() };
        assert_eq!(defaults(named, &catalog).name.as_deref(), Some("mine"), "a given name stays");

        // A taken --output takes every name: the default stays, and `new` will refuse the folder.
        // (Free names, my-app-2 and on, are tested through the CLI, in a folder of its own.)
        let dir = tempfile::tempdir().unwrap();
        let with_output = Choices { output: Some(taken(dir.path())), ..Choices::default() };
        assert_eq!(defaults(with_output.clone(), &catalog).name.as_deref(), Some(DEFAULT_NAME));
        assert_eq!(
            defaults(Choices { force: true, ..with_output }, &catalog).name.as_deref(),
            Some(DEFAULT_NAME)
        );
    }

    #[test]
    fn paths_are_shown_as_typed() {
        assert_eq!(shown(Path::new("chirp")), "./chirp");
        assert_eq!(shown(Path::new("./chirp")), "./chirp");
        assert_eq!(shown(Path::new("/tmp/chirp")), "/tmp/chirp");
    }
}
