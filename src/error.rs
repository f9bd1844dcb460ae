//! The library's one error type. Every message says what went wrong and what
//! to do next, on one line; the variants carry the path or name they are about.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown stack '{given}': choose one of {choices} (see `backroad list`)")]
    UnknownStack { given: String, choices: String },

    #[error("unknown idea '{given}': choose one of {choices} (see `backroad list`)")]
    UnknownIdea { given: String, choices: String },

    #[error("unknown step '{given}' of the {idea} idea: give a number or a name, one of {choices}")]
    UnknownStep { given: String, idea: String, choices: String },

    #[error("no {what} given: pass {flag} with one of {choices}")]
    MissingChoice { what: &'static str, flag: &'static str, choices: String },

    #[error("no project name given: pass one, e.g. `backroad new my-app --stack S --idea I`")]
    MissingName,

    #[error("invalid project name '{name}': {reason}")]
    BadName { name: String, reason: String },

    #[error(
        "'{}' exists and is not empty: choose a new name or --output, or pass --force to write into it (files the template makes are replaced, nothing else is touched)",
        path.display()
    )]
    TargetNotEmpty { path: PathBuf },

    #[error("'{}' exists and is not a directory: choose another name or --output", path.display())]
    TargetNotDir { path: PathBuf },

    #[error("cannot write to '{}': {source}; choose a folder you can write to with --output", path.display())]
    Write { path: PathBuf, source: std::io::Error },

    #[error("template '{template}' failed to render: {reason}")]
    Render { template: String, reason: String },

    #[error("{count} templates failed to render:\n{list}")]
    RenderMany { count: usize, list: String },

    #[error("template path '{path}' would write outside the project: fix the template's path")]
    PathEscapes { path: String },

    #[error("two templates write '{path}': remove one or rename it")]
    DuplicatePath { path: String },

    #[error("template manifest '{path}' is invalid: {reason}")]
    BadManifest { path: String, reason: String },

    #[error("template '{path}' is missing from the template folder")]
    MissingTemplate { path: String },

    #[error("template '{path}' is not UTF-8 text: rename it without .hbs to copy it as is")]
    NotUtf8 { path: String },

    #[error("cannot read templates at '{path}': {source}")]
    ReadTemplates { path: String, source: std::io::Error },

    #[error("invalid URL '{url}': {reason}")]
    BadUrl { url: String, reason: String },

    #[error("cannot reach {url}: {reason}; is the server running on that address?")]
    Unreachable { url: String, reason: String },

    #[error(
        "bench stopped on {url}: {reason}; is it a server of this idea at its last step (`backroad verify` says)?"
    )]
    Bench { url: String, reason: String },

    #[error("{reason}")]
    BadBench { reason: String },

    #[error("cannot read '{}': {reason}; it records how the project was made: restore it with `git checkout -- .backroad.toml`", path.display())]
    BadAnswers { path: PathBuf, reason: String },

    #[error("'{}' is not inside a backroad project (no .backroad.toml there or above): run `backroad upgrade` inside one, or pass --path DIR", path.display())]
    NotAProject { path: PathBuf },

    #[error("'{}' is a backroad project: to bring it up to this backroad and keep your changes, run `backroad upgrade` inside it", path.display())]
    ForceOnProject { path: PathBuf },

    #[error(
        "{why}, so your changes cannot be told apart from backroad's: upgrade by hand: `{regenerate}`, then compare the two folders (`diff -ru`) and copy what you want"
    )]
    NoBase { why: String, regenerate: String },

    #[error(
        "the project has uncommitted changes ({changes}): commit or stash them first, so that the upgrade can be reviewed and undone"
    )]
    Uncommitted { changes: String },

    #[error("the project is already at this backroad's render ({version}): nothing to upgrade")]
    UpToDate { version: String },

    #[error("`git {command}` failed: {reason}")]
    Git { command: String, reason: String },

    #[error(
        "--tutorial builds a new git history and '{}' is not empty: choose a new name or --output (--force does not apply)",
        path.display()
    )]
    TutorialNotEmpty { path: PathBuf },

    #[error("--tutorial needs git, which was not found: install git, or leave out --tutorial")]
    TutorialNoGit,

    #[error("`{command}` could not run: {reason}")]
    Command { command: String, reason: String },

    #[error("'{}' was not made by `backroad tutorial start` (its .backroad.toml has no [tutorial]): start one with `backroad tutorial start NAME --stack S --idea I`", path.display())]
    NotATutorial { path: PathBuf },

    #[error(
        "step {step} is the first: there is no step before it to start from; start at step 2 or later (--from 1)"
    )]
    TutorialFirstStep { step: String },

    #[error(
        "step {number} ({name}) is the last: nothing is left to write after it; choose an earlier --from"
    )]
    TutorialNothingLeft { number: u32, name: String },

    #[error(
        "every step of the tutorial is written: nothing is left to check or skip (`git log` shows your steps)"
    )]
    TutorialDone,

    #[error(
        "step {number} ({name}) has not passed `backroad tutorial check` with the files as they are now: run it, and `backroad tutorial next` once it passes"
    )]
    TutorialNotChecked { number: u32, name: String },

    #[error("cancelled: nothing was written")]
    Cancelled,

    #[error(
        "cannot ask questions in this terminal ({source}); pass the choices as flags, see `backroad new --help`"
    )]
    Terminal { source: std::io::Error },
}

impl Error {
    /// The exit status for this error: 2 for input the user can correct, 130
    /// when the user cancelled (as a shell reports Ctrl-C), 1 for everything
    /// else (the README lists them).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Cancelled => 130,
            Error::UnknownStack { .. }
            | Error::UnknownIdea { .. }
            | Error::UnknownStep { .. }
            | Error::MissingChoice { .. }
            | Error::MissingName
            | Error::BadName { .. }
            | Error::TargetNotEmpty { .. }
            | Error::TargetNotDir { .. }
            | Error::BadUrl { .. }
            | Error::BadBench { .. }
            | Error::NotAProject { .. }
            | Error::ForceOnProject { .. }
            | Error::TutorialNotEmpty { .. }
            | Error::TutorialNoGit
            | Error::NotATutorial { .. }
            | Error::TutorialFirstStep { .. }
            | Error::TutorialNothingLeft { .. }
            | Error::TutorialDone
            | Error::TutorialNotChecked { .. } => 2,
            _ => 1,
        }
    }
}
