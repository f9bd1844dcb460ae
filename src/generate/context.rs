//! The render context: the one typed value every template sees. It holds the
//! project's names in every case, the stack, the idea, and nothing else, so a
//! template can only use what is listed here (handlebars runs in strict mode).

use heck::{ToKebabCase, ToPascalCase, ToShoutySnakeCase, ToSnakeCase, ToTitleCase};
use serde::Serialize;

use std::collections::BTreeMap;

use crate::catalog::{Commands, EnvVar, Features, Limits, Nouns, Stack, Step, condition};
use crate::error::Error;

use super::plan::NewPlan;

/// The longest project name we accept: long enough for any real name, short
/// enough to stay a valid path component, package and crate name everywhere.
pub const NAME_MAX: usize = 64;

/// The project's name in every case a template needs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ProjectNames {
    /// As typed: `my-app`.
    pub name: String,
    /// `my_app`: Python packages, Rust crates, database names.
    pub snake: String,
    /// `my-app`: npm and PyPI distribution names.
    pub kebab: String,
    /// `My App`: headings.
    pub title: String,
    /// `MyApp`: PHP namespaces, type names.
    pub pascal: String,
    /// `MY_APP`: environment variable prefixes.
    pub shouty: String,
    /// The name the stack's code knows the project by (a Python package, a
    /// database): `snake`, or `my_<snake>` when `snake` would clash with a
    /// name the stack reserves (`app` in Flask, `admin` in MongoDB).
    pub package: String,
    /// Whether `package` differs from `snake`, so READMEs can say why.
    pub package_renamed: bool,
}

impl ProjectNames {
    /// Checks a name against the rules every stack shares and the names this
    /// stack reserves, and computes its variants.
    pub fn parse(name: &str, stack: &Stack) -> Result<Self, Error> {
        let bad = |reason: String| Error::BadName { name: name.to_string(), reason };
        check_name(name)?;
        let snake = name.to_snake_case();
        let reserved = |n: &str| stack.reserved_names.iter().any(|r| r.eq_ignore_ascii_case(n));
        // The learner keeps the name they chose for the folder and the project;
        // only the stack's internal name moves aside.
        let package = if reserved(&snake) { format!("my_{snake}") } else { snake.clone() };
        if reserved(&package) {
            return Err(bad(format!(
                "the {} stack cannot use '{snake}' or '{package}' inside the project; choose another name",
                stack.name
            )));
        }
        Ok(Self {
            package_renamed: package != snake,
            package,
            name: name.to_string(),
            kebab: name.to_kebab_case(),
            title: name.to_title_case(),
            pascal: name.to_pascal_case(),
            shouty: name.to_shouty_snake_case(),
            snake,
        })
    }
}

/// Checks a name against the rules every stack shares (before a stack is
/// chosen, the wizard checks only these).
pub fn check_name(name: &str) -> Result<(), Error> {
    let bad = |reason: String| Error::BadName { name: name.to_string(), reason };
    let first =
        name.chars().next().ok_or_else(|| bad("it is empty; use letters, digits, '-' or '_'".into()))?;
    if !first.is_ascii_alphabetic() {
        return Err(bad(format!("it must start with a letter, not '{first}' (try 'app-{name}')")));
    }
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(bad(format!("'{c}' is not allowed; use only letters, digits, '-' and '_'")));
    }
    if name.len() > NAME_MAX {
        return Err(bad(format!("it has {} characters; use at most {NAME_MAX}", name.len())));
    }
    Ok(())
}

/// Everything a template can refer to, built in one place ([`Context::build`]).
/// `features` and `limits` are the idea's own, at the top for shorter template
/// code (`{{#if features.images}}`).
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub backroad_version: &'static str,
    pub project: ProjectNames,
    pub stack: StackView,
    pub idea: IdeaView,
    pub features: Features,
    /// Every part of the tutorial, on when the project's step has reached it
    /// (`{{#if parts.likes}}`); all of the idea's are on at the last step.
    pub parts: BTreeMap<String, bool>,
    pub tutorial: TutorialView,
    pub limits: Limits,
}

/// Where the project stands in the tutorial.
#[derive(Debug, Clone, Serialize)]
pub struct TutorialView {
    /// The step the project was made at.
    pub step: ChapterView,
    /// Whether that is the last step (the whole project).
    pub last: bool,
    /// The number of the last step: how many steps the idea has.
    pub last_number: u32,
    /// The step after it, when there is one.
    pub next: Option<ChapterView>,
    /// Every step of the idea, with its chapter.
    pub steps: Vec<ChapterView>,
    /// The step a learner is writing in build-along mode (`backroad
    /// tutorial`): the project has its chapter and none after it.
    pub writing: Option<u32>,
    /// The same steps by name, for a chapter that speaks of its own step
    /// whatever the project's (`{{tutorial.by_name.posts.number}}`).
    pub by_name: BTreeMap<String, ChapterView>,
}

/// A step and its chapter, as templates see them.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    pub number: u32,
    pub name: String,
    pub title: String,
    pub summary: String,
    /// `04-posts`: the chapter's file name without `.md`, the tag's without `step-`.
    pub slug: String,
    /// Whether the project has reached this step.
    pub done: bool,
    /// Whether this is the step a learner is writing (`backroad tutorial`):
    /// its chapter gives the goal and the hints, not the code.
    pub to_write: bool,
    /// The steps before and after it in the idea, for a chapter's links.
    pub previous: Option<StepLink>,
    pub next: Option<StepLink>,
}

/// Another step, as a chapter links to it.
#[derive(Debug, Clone, Serialize)]
pub struct StepLink {
    pub number: u32,
    pub name: String,
    pub title: String,
    pub slug: String,
}

impl StepLink {
    fn of(step: &Step) -> Self {
        Self { number: step.number, name: step.name.clone(), title: step.title.clone(), slug: step.slug() }
    }
}

impl ChapterView {
    fn of(step: &Step, current: &Step, steps: &[Step], writing: Option<u32>) -> Self {
        let at = |number: u32| steps.iter().find(|s| s.number == number).map(StepLink::of);
        Self {
            number: step.number,
            name: step.name.clone(),
            title: step.title.clone(),
            summary: step.summary.clone(),
            slug: step.slug(),
            done: step.number <= current.number,
            to_write: writing == Some(step.number),
            previous: step.number.checked_sub(1).and_then(at),
            next: at(step.number + 1),
        }
    }
}

/// What templates may know of the stack: its words and commands, not how
/// backroad builds it (reserved names, `only_if`, prerequisites).
#[derive(Debug, Clone, Serialize)]
pub struct StackView {
    pub name: String,
    pub title: String,
    pub language: String,
    pub framework: String,
    pub database: String,
    pub production_server: String,
    pub teaches: String,
    pub port: u16,
    /// Where the web front end lands, rendered (`chirp/static`).
    pub web_dir: String,
    pub commands: Commands,
    /// Only the variables this project reads (a feature's own are dropped
    /// when the idea lacks it).
    pub env: Vec<EnvVar>,
}

/// What templates may know of the idea besides its features and limits.
#[derive(Debug, Clone, Serialize)]
pub struct IdeaView {
    pub name: String,
    pub title: String,
    pub summary: String,
    pub teaches: String,
    pub nouns: Nouns,
}

impl Context {
    /// The context of the project a plan describes.
    pub fn build(plan: &NewPlan) -> Result<Self, Error> {
        let (stack, idea) = (&plan.stack, &plan.idea);
        let web_dir = render_path_template(&stack.web_dir, &plan.names).map_err(|reason| {
            Error::BadManifest { path: format!("stacks/{}/stack.toml web_dir", stack.name), reason }
        })?;
        let parts = idea.parts_at(&plan.step);
        let mut env = Vec::new();
        for var in &stack.env {
            let kept = match var.feature.as_deref() {
                None => true,
                Some(c) => {
                    condition::holds(c, &idea.features, &parts).map_err(|reason| Error::BadManifest {
                        path: format!("stacks/{}/stack.toml env {}", stack.name, var.name),
                        reason,
                    })?
                }
            };
            if kept {
                env.push(var.clone());
            }
        }
        let step = &plan.step;
        let chapter = |s: &Step| ChapterView::of(s, step, &idea.steps, plan.writing);
        let tutorial = TutorialView {
            step: chapter(step),
            last: step == idea.last_step(),
            last_number: idea.last_step().number,
            next: idea.steps.iter().find(|s| s.number == step.number + 1).map(chapter),
            steps: idea.steps.iter().map(chapter).collect(),
            writing: plan.writing,
            by_name: idea.steps.iter().map(|s| (s.name.clone(), chapter(s))).collect(),
        };
        Ok(Self {
            backroad_version: env!("CARGO_PKG_VERSION"),
            project: plan.names.clone(),
            stack: StackView {
                name: stack.name.clone(),
                title: stack.title.clone(),
                language: stack.language.clone(),
                framework: stack.framework.clone(),
                database: stack.database.clone(),
                production_server: stack.production_server.clone(),
                teaches: stack.teaches.clone(),
                port: stack.port,
                web_dir,
                commands: stack.commands.clone(),
                env,
            },
            idea: IdeaView {
                name: idea.name.clone(),
                title: idea.title.clone(),
                summary: idea.summary.clone(),
                teaches: idea.teaches.clone(),
                nouns: idea.nouns.clone(),
            },
            features: idea.features.clone(),
            parts,
            tutorial,
            limits: idea.limits.clone(),
        })
    }
}

/// A manifest's path template (`{{project.package}}/static`): only the
/// project's names are there to use.
fn render_path_template(template: &str, names: &ProjectNames) -> Result<String, String> {
    let mut hbs = handlebars::Handlebars::new();
    hbs.set_strict_mode(true);
    hbs.register_escape_fn(handlebars::no_escape);
    hbs.render_template(template, &serde_json::json!({ "project": names })).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn flask() -> Stack {
        Catalog::embedded().unwrap().stack("flask").unwrap().clone()
    }

    #[test]
    fn names_in_every_case() {
        let n = ProjectNames::parse("my-cool_App2", &flask()).unwrap();
        assert_eq!(n.snake, "my_cool_app2");
        assert_eq!(n.kebab, "my-cool-app2");
        assert_eq!(n.title, "My Cool App2");
        assert_eq!(n.pascal, "MyCoolApp2");
        assert_eq!(n.shouty, "MY_COOL_APP2");
    }

    #[test]
    fn reserved_names_keep_the_project_name_and_move_the_package() {
        for (name, package) in
            [("app", "my_app"), ("Test", "my_test"), ("import", "my_import"), ("chirp", "chirp")]
        {
            let n = ProjectNames::parse(name, &flask()).unwrap();
            assert_eq!(n.name, name);
            assert_eq!(n.package, package);
            assert_eq!(n.package_renamed, package != n.snake, "{name}");
        }
    }

    #[test]
    fn a_name_that_cannot_be_mapped_is_refused() {
        let mut stack = flask();
        stack.reserved_names = vec!["app".into(), "my_app".into()];
        let err = ProjectNames::parse("app", &stack).unwrap_err().to_string();
        assert!(err.contains("choose another name"), "{err}");
    }

    #[test]
    fn bad_names_say_why() {
        let cases = [
            ("", "empty"),
            ("1app", "start with a letter"),
            ("-app", "start with a letter"),
            ("my app", "' ' is not allowed"),
            ("my.app", "'.' is not allowed"),
            ("café", "'é' is not allowed"),
        ];
        for (name, reason) in cases {
            let err = ProjectNames::parse(name, &flask()).unwrap_err().to_string();
            assert!(err.contains(reason), "{name:?}: {err}");
        }
        let long = "a".repeat(NAME_MAX + 1);
        let err = ProjectNames::parse(&long, &flask()).unwrap_err().to_string();
        assert!(err.contains("at most 64"), "{err}");
        assert!(ProjectNames::parse(&"a".repeat(NAME_MAX), &flask()).is_ok());
    }
}
