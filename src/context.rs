//! The render context: the one typed value every template sees. It holds the
//! project's names in every case, the stack, the idea, and nothing else, so a
//! template can only use what is listed here (handlebars runs in strict mode).

use heck::{ToKebabCase, ToPascalCase, ToShoutySnakeCase, ToSnakeCase, ToTitleCase};
use serde::Serialize;

use crate::catalog::{Features, Idea, Limits, Stack};
use crate::error::Error;

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

/// Everything a template can refer to. `features` and `limits` repeat the
/// idea's own for shorter template code (`{{#if features.images}}`).
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub backroad_version: &'static str,
    pub project: ProjectNames,
    pub stack: Stack,
    pub idea: Idea,
    pub features: Features,
    pub limits: Limits,
}

impl Context {
    pub fn new(project: ProjectNames, stack: &Stack, idea: &Idea) -> Self {
        let mut stack = stack.clone();
        // Templates list only the variables this project reads.
        stack.env.retain(|var| var.feature.as_deref().is_none_or(|f| idea.features.get(f) == Some(true)));
        Self {
            backroad_version: env!("CARGO_PKG_VERSION"),
            project,
            stack,
            idea: idea.clone(),
            features: idea.features.clone(),
            limits: idea.limits.clone(),
        }
    }
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
