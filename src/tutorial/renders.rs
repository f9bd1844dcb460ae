//! The two renders build-along mode is made of, for the step being written:
//! the *task* (the project after the step before, with the tests and the
//! chapter of this step) and the *reference* (the project after this step,
//! with the same chapter). Their difference is exactly the code of the step:
//! what `solution` shows, `skip` merges and `hint` lists.

use std::collections::BTreeMap;
use std::path::Path;

use crate::catalog::{Catalog, Idea, Stack, Step};
use crate::error::Error;
use crate::generate::answers::FILE as ANSWERS;
use crate::generate::plan::{Choices, NewPlan};
use crate::generate::render::{RenderedFile, TUTORIAL_DIR};

/// A project's files by path, without `.backroad.toml` (backroad's own,
/// written apart).
pub type Files = BTreeMap<String, Vec<u8>>;

/// What a render needs to know of the project.
pub struct Project<'a> {
    pub name: &'a str,
    pub stack: &'a Stack,
    pub idea: &'a Idea,
    pub root: &'a Path,
}

impl Project<'_> {
    /// The plan of the project at `step`, in build-along mode for `writing`.
    pub fn plan(&self, step: &Step, writing: &Step) -> Result<NewPlan, Error> {
        let choices = Choices {
            output: Some(self.root.to_path_buf()),
            step: Some(step.name.clone()),
            ..Choices::default()
        };
        let mut plan = NewPlan::new(self.name, self.stack.clone(), self.idea.clone(), &choices)?;
        plan.writing = Some(writing.number);
        Ok(plan)
    }

    /// The project after `writing`, its chapter in build-along mode.
    pub fn reference(&self, catalog: &Catalog, writing: &Step) -> Result<Files, Error> {
        Ok(files(crate::generate::render(&self.plan(writing, writing)?, catalog)?))
    }

    /// The project after the step before `writing`, with the tests of
    /// `writing` in place of its own.
    pub fn task(&self, catalog: &Catalog, writing: &Step) -> Result<Files, Error> {
        Ok(self.task_and_reference(catalog, writing)?.0)
    }

    /// [`Self::task`] and [`Self::reference`], each rendered once.
    pub fn task_and_reference(&self, catalog: &Catalog, writing: &Step) -> Result<(Files, Files), Error> {
        let before = self
            .idea
            .steps
            .iter()
            .find(|s| s.number + 1 == writing.number)
            .ok_or_else(|| Error::TutorialFirstStep { step: writing.name.clone() })?;
        let mut task = files(crate::generate::render(&self.plan(before, writing)?, catalog)?);
        task.retain(|path, _| !self.is_test(path));
        let reference = self.reference(catalog, writing)?;
        task.extend(
            reference.iter().filter(|(path, _)| self.is_test(path)).map(|(p, c)| (p.clone(), c.clone())),
        );
        Ok((task, reference))
    }

    /// Whether `path` is one of the project's tests (the stack's `tests`).
    pub fn is_test(&self, path: &str) -> bool {
        self.stack
            .tests
            .iter()
            .any(|t| if t.ends_with('/') { path.starts_with(t.as_str()) } else { path == t })
    }
}

/// Whether `path` documents the project rather than being its code: the
/// README, the OpenAPI description and `docs/`. A learner writes the code of a
/// step; `next` brings the step's documentation from the reference, so that a
/// later `skip` does not find the README a step behind.
pub fn is_documentation(path: &str) -> bool {
    matches!(path, "README.md" | "openapi.yaml") || path.starts_with("docs/")
}

/// Whether `path` is a chapter (or the index) of the tutorial.
pub fn is_chapter(path: &str) -> bool {
    path.strip_prefix(TUTORIAL_DIR).is_some_and(|rest| rest.starts_with('/'))
}

fn files(rendered: Vec<RenderedFile>) -> Files {
    rendered.into_iter().filter(|f| f.path != ANSWERS).map(|f| (f.path, f.contents)).collect()
}

/// The files that differ between two renders: (path, how), sorted.
pub fn changes<'a>(from: &'a Files, to: &'a Files) -> Vec<(&'a str, &'static str)> {
    let mut paths: Vec<&str> = from.keys().chain(to.keys()).map(String::as_str).collect();
    paths.sort_unstable();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|path| match (from.get(path), to.get(path)) {
            (None, Some(_)) => Some((path, "new")),
            (Some(_), None) => Some((path, "removed")),
            (Some(a), Some(b)) if a != b => Some((path, "changed")),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::embedded().unwrap()
    }

    #[test]
    fn every_step_has_hints_for_a_learner_writing_it() {
        let catalog = catalog();
        for name in ["twitter", "instagram"] {
            let idea = catalog.idea(name).unwrap();
            for step in &idea.steps {
                assert!(step.hints.len() >= 2, "{} x {}: give it hints in steps.toml", idea.name, step.name);
            }
        }
    }

    #[test]
    fn a_failing_check_points_at_the_chapter_of_its_route() {
        let catalog = catalog();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("chirp");
        let idea = catalog.idea("twitter").unwrap();
        super::super::start(
            "chirp",
            catalog.stack("flask").unwrap(),
            idea,
            idea.step("follows").unwrap(),
            &root,
            &catalog,
        )
        .unwrap();
        let tutorial = super::super::Tutorial::open(&root, &catalog).unwrap();
        let point = |check: &str| tutorial.chapter_of_check(check).unwrap();
        assert_eq!(point("GET /api/feed without a token -> 401"), "docs/tutorial/06-feed.md");
        assert_eq!(point("GET /api/users/{name}/followers -> 200"), "docs/tutorial/05-follows.md");
        assert_eq!(point("POST /api/users: a name of 2 characters -> 422"), "docs/tutorial/02-users.md");
        assert_eq!(point("GET /healthz -> 200"), "docs/tutorial/01-start.md");
        assert_eq!(point("every answer has nosniff"), "docs/tutorial/06-feed.md", "none: the step written");
        assert_eq!(point("PUT /api/posts/{id}/like -> 404"), "docs/tutorial/04-posts.md", "likes come later");
    }

    #[test]
    fn the_task_has_the_code_before_the_step_and_the_tests_of_the_step() {
        let catalog = catalog();
        let (stack, idea) = (catalog.stack("flask").unwrap(), catalog.idea("twitter").unwrap());
        let root = Path::new("/tmp/chirp");
        let project = Project { name: "chirp", stack, idea, root };
        let posts = idea.step("posts").unwrap();
        let task = project.task(&catalog, posts).unwrap();
        let reference = project.reference(&catalog, posts).unwrap();
        assert!(task.contains_key("tests/test_posts.py"), "the step's tests are in place");
        assert_eq!(task["tests/test_posts.py"], reference["tests/test_posts.py"]);
        let changed = changes(&task, &reference);
        assert!(!changed.is_empty());
        assert!(changed.iter().all(|(path, _)| !project.is_test(path)), "{changed:?}");
        assert!(
            !changed.iter().any(|(path, _)| path.ends_with("04-posts.md")),
            "one chapter in both: {changed:?}"
        );
        assert!(changed.iter().any(|(path, _)| path.contains("posts")), "{changed:?}");
        assert!(
            task.contains_key("docs/tutorial/04-posts.md")
                && !task.contains_key("docs/tutorial/05-follows.md")
        );
        let chapter = String::from_utf8(task["docs/tutorial/04-posts.md"].clone()).unwrap();
        assert!(chapter.contains("## Your turn") && !chapter.contains("## What changes"), "{chapter}");
        let done = String::from_utf8(task["docs/tutorial/03-sessions.md"].clone()).unwrap();
        assert!(done.contains("## What changes"), "a step written shows its reference");
    }
}
