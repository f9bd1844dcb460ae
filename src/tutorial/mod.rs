//! `backroad tutorial`: build along. The learner writes each step of the
//! tutorial and backroad checks it with the project's own tests and `verify
//! --step K`, a black-box test that does not care how the code is written.
//!
//! The project starts as the render after a step, with the tests and the
//! chapter of the next step in place (the chapter gives the goal and hints,
//! not the code): the *task* of that step (`renders`). The *reference* is the
//! render after the step. `solution` shows their difference, `skip` merges
//! it into the learner's files (`merge`), `next` commits the learner's work
//! once `check` passed and merges in the next step's tests and chapter. The
//! progress is the `[tutorial]` table of `.backroad.toml`.

pub mod check;
pub mod merge;
pub mod renders;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::catalog::{Catalog, Idea, Stack, Step};
use crate::error::Error;
use crate::generate::answers::{self, Answers, Progress};
use crate::generate::{git, target, write};
use merge::Merged;
use renders::{Files, Project};

/// A project in build-along mode, opened from any folder inside it.
pub struct Tutorial {
    pub root: PathBuf,
    pub answers: Answers,
    pub stack: Stack,
    pub idea: Idea,
}

/// What `start` made.
pub struct Started {
    pub root: PathBuf,
    pub done: Step,
    pub writing: Step,
}

/// Makes a project at the end of step `from`, writing the step after it.
pub fn start(
    name: &str,
    stack: &Stack,
    idea: &Idea,
    from: &Step,
    root: &Path,
    catalog: &Catalog,
) -> Result<Started, Error> {
    if !git::available() {
        return Err(Error::TutorialNoGit);
    }
    let writing = idea
        .steps
        .iter()
        .find(|s| s.number == from.number + 1)
        .ok_or_else(|| Error::TutorialNothingLeft { number: from.number, name: from.name.clone() })?
        .clone();
    if target::inspect(root)? == target::Target::NotEmpty {
        return Err(Error::TutorialNotEmpty { path: root.to_path_buf() });
    }
    let project = Project { name, stack, idea, root };
    let task = project.task(catalog, &writing)?;
    let mut answers = Answers::of(&project.plan(from, &writing)?);
    answers.tutorial = Some(Progress { writing: Some(writing.name.clone()), ..progress() });
    let mut files: Vec<_> = task
        .into_iter()
        .map(|(path, contents)| crate::generate::render::RenderedFile { path, contents })
        .collect();
    files.push(answers.file());
    write::write(root, &files, false)?;
    let message = format!(
        "Step {}: {}\n\nbackroad tutorial start: the project after step {}, with the tests and\nthe chapter of step {} ({}) to write.\n",
        from.number, from.title, from.number, writing.number, writing.name
    );
    git_run(root, &["init", "--quiet"])?;
    git::commit_all(root, &message).map_err(|reason| Error::Git { command: "commit".into(), reason })?;
    git_run(root, &["tag", &format!("step-{}", from.slug())])?;
    Ok(Started { root: root.to_path_buf(), done: from.clone(), writing })
}

fn progress() -> Progress {
    Progress { writing: None, hints_shown: 0, passed: None, failing: Vec::new() }
}

impl Tutorial {
    /// The build-along project holding `start`.
    pub fn open(start: &Path, catalog: &Catalog) -> Result<Self, Error> {
        let root =
            answers::find_root(start).ok_or_else(|| Error::NotATutorial { path: start.to_path_buf() })?;
        let answers = Answers::read(&root)?;
        if answers.tutorial.is_none() {
            return Err(Error::NotATutorial { path: root });
        }
        let stack = catalog.stack(&answers.stack)?.clone();
        let idea = catalog.idea(&answers.idea)?.clone();
        Ok(Self { root, answers, stack, idea })
    }

    pub fn progress(&self) -> &Progress {
        self.answers.tutorial.as_ref().expect("open checks it")
    }

    fn progress_mut(&mut self) -> &mut Progress {
        self.answers.tutorial.as_mut().expect("open checks it")
    }

    /// The step being written; `TutorialDone` once all are.
    pub fn writing(&self) -> Result<&Step, Error> {
        let name = self.progress().writing.as_deref().ok_or(Error::TutorialDone)?;
        self.idea.step(name)
    }

    fn project(&self) -> Project<'_> {
        Project { name: &self.answers.name, stack: &self.stack, idea: &self.idea, root: &self.root }
    }

    /// The chapter of the step being written, relative to the project.
    pub fn chapter(&self, step: &Step) -> String {
        format!("{}/{}.md", crate::generate::render::TUTORIAL_DIR, step.slug())
    }

    /// The chapter that covers a failing check: that of the latest step, up
    /// to the one being written, whose `routes` words the check's name holds;
    /// the chapter being written when none does.
    pub fn chapter_of_check(&self, check: &str) -> Result<String, Error> {
        let writing = self.writing()?;
        let step = self
            .idea
            .steps
            .iter()
            .filter(|s| s.number <= writing.number)
            .rfind(|s| s.routes.iter().any(|words| check.contains(words.as_str())))
            .unwrap_or(writing);
        Ok(self.chapter(step))
    }

    /// The task and the reference of the step being written.
    pub fn renders(&self, catalog: &Catalog) -> Result<(Files, Files), Error> {
        let writing = self.writing()?;
        self.project().task_and_reference(catalog, writing)
    }

    /// The step's hints so far, the next one shown now: the step's own, and
    /// last the files the reference adds and changes. `None` when all were shown.
    pub fn hint(&mut self, catalog: &Catalog) -> Result<Option<(usize, usize, String)>, Error> {
        let writing = self.writing()?.clone();
        let (task, reference) = self.renders(catalog)?;
        let files: Vec<String> = renders::changes(&task, &reference)
            .into_iter()
            .map(|(path, how)| format!("{path} ({how})"))
            .collect();
        let mut hints = writing.hints.clone();
        hints.push(format!("The reference solution touches these files: {}.", files.join(", ")));
        let shown = self.progress().hints_shown;
        if shown >= hints.len() {
            return Ok(None);
        }
        self.progress_mut().hints_shown = shown + 1;
        self.answers.write(&self.root)?;
        Ok(Some((shown + 1, hints.len(), hints[shown].clone())))
    }

    /// Merges the reference code of the step into the learner's files.
    pub fn skip(&self, catalog: &Catalog) -> Result<Merged, Error> {
        let (task, reference) = self.renders(catalog)?;
        merge::merge(&self.root, &task, &reference, |_| true)
    }

    /// Runs the check of the step being written and records what it found.
    pub fn check(&mut self) -> Result<check::Outcome, Error> {
        let writing = self.writing()?.clone();
        let logs = check::logs_dir(&self.root)?;
        let outcome = check::check(&self.root, &self.stack, &self.idea, &writing, &logs)?;
        let tree = if outcome.passed() { Some(self.fingerprint()?) } else { None };
        let failing = outcome.failing();
        let progress = self.progress_mut();
        progress.passed = tree;
        progress.failing = failing;
        self.answers.write(&self.root)?;
        Ok(outcome)
    }

    /// The learner's files as a git tree (what .gitignore leaves out and
    /// `.backroad.toml` aside): the same tree means the same files.
    pub fn fingerprint(&self) -> Result<String, Error> {
        let index = tempfile::NamedTempFile::new().map_err(|e| git_error("add", e.to_string()))?;
        let with_index = |args: &[&str]| {
            let out = Command::new("git")
                .args(args)
                .current_dir(&self.root)
                .env("GIT_INDEX_FILE", index.path())
                .output()
                .map_err(|e| git_error(args[0], e.to_string()))?;
            if !out.status.success() {
                return Err(git_error(args[0], String::from_utf8_lossy(&out.stderr).trim().to_string()));
            }
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        };
        // An empty file is not an index: git starts a new one where it is missing.
        std::fs::remove_file(index.path()).map_err(|e| git_error("add", e.to_string()))?;
        with_index(&["add", "--all", "--", ".", ":(exclude).backroad.toml"])?;
        with_index(&["write-tree"])
    }

    /// Commits the step once `check` passed on these very files, then merges
    /// in the tests and the chapter of the next step, and the documentation
    /// (README, openapi.yaml) of the step just written. Returns the step
    /// committed, the next (none after the last) and what the merge did.
    pub fn next(&mut self, catalog: &Catalog) -> Result<(Step, Option<Step>, Merged), Error> {
        let writing = self.writing()?.clone();
        if self.progress().passed.as_deref() != Some(self.fingerprint()?.as_str()) {
            return Err(Error::TutorialNotChecked { number: writing.number, name: writing.name.clone() });
        }
        let after = self.idea.steps.iter().find(|s| s.number == writing.number + 1).cloned();
        let (mut old_task, reference) = self.project().task_and_reference(catalog, &writing)?;
        // What the learner has is the base of the next merge. A file they left
        // as `skip` or `solution` made it (the reference's README, say) is as
        // untouched as one left as the task had it: its base is the reference.
        for (path, text) in reference {
            if fs::read(self.root.join(&path)).ok().as_ref() == Some(&text) {
                old_task.insert(path, text);
            }
        }
        self.answers.step = Some(writing.name.clone());
        *self.progress_mut() = Progress { writing: after.as_ref().map(|s| s.name.clone()), ..progress() };
        self.answers.write(&self.root)?;
        let message = format!("Step {}: {}\n\n{}\n", writing.number, writing.title, writing.summary);
        git::commit_all(&self.root, &message)
            .map_err(|reason| Error::Git { command: "commit".into(), reason })?;
        git_run(&self.root, &["tag", &format!("step-{}", writing.slug())])?;
        let Some(after) = after else { return Ok((writing, None, Merged::default())) };
        let new_task = self.project().task(catalog, &after)?;
        let project = self.project();
        let merged = merge::merge(&self.root, &old_task, &new_task, |path| {
            project.is_test(path) || renders::is_chapter(path) || renders::is_documentation(path)
        })?;
        if merged.conflicts.is_empty() {
            let message = format!(
                "Step {} begins: its tests and chapter\n\nbackroad tutorial next: the tests and the chapter of step {} ({}).\n",
                after.number, after.number, after.name
            );
            git::commit_all(&self.root, &message)
                .map_err(|reason| Error::Git { command: "commit".into(), reason })?;
        }
        Ok((writing, Some(after), merged))
    }
}

fn git_run(dir: &Path, args: &[&str]) -> Result<(), Error> {
    git::run(dir, args).map(|_| ()).map_err(|reason| git_error(args[0], reason))
}

fn git_error(command: &str, reason: String) -> Error {
    Error::Git { command: command.to_string(), reason }
}
