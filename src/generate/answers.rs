//! `.backroad.toml`: what backroad was asked for when it made a project, and
//! which backroad made it. `new` writes it; `upgrade` reads it to render the
//! project again. Both sides of the format live here, in code rather than in a
//! template, so that what is written is always what can be read back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::plan::NewPlan;
use super::render::RenderedFile;
use crate::error::Error;

/// The file's name, at the project's root.
pub const FILE: &str = ".backroad.toml";

const HEADER: &str = "\
# What backroad was asked for when it made this project, and which backroad
# made it, so that a later backroad can upgrade it (`backroad upgrade`).
# Keep it in git.
";

/// The answers that made a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    pub backroad_version: String,
    pub name: String,
    pub stack: String,
    pub idea: String,
    /// The tutorial's step the project was made at, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Build-along progress, in a project made by `backroad tutorial start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tutorial: Option<Progress>,
}

/// Where a learner writing the tutorial stands (`[tutorial]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The step being written, by name; `None` once every step is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writing: Option<String>,
    /// How many of the step's hints `backroad tutorial hint` has shown.
    #[serde(default)]
    pub hints_shown: usize,
    /// The files (a git tree) when `check` last passed: `next` needs them unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<String>,
    /// What the last `check` found failing, for `status`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failing: Vec<String>,
}

impl Answers {
    /// The answers of a plan, made by this backroad.
    pub fn of(plan: &NewPlan) -> Self {
        Self {
            backroad_version: env!("CARGO_PKG_VERSION").to_string(),
            name: plan.names.name.clone(),
            stack: plan.stack.name.clone(),
            idea: plan.idea.name.clone(),
            step: Some(plan.step.name.clone()),
            tutorial: None,
        }
    }

    /// The file, as `new` writes it.
    pub fn file(&self) -> RenderedFile {
        let body = toml::to_string(self).expect("plain strings serialize");
        RenderedFile { path: FILE.to_string(), contents: format!("{HEADER}{body}").into_bytes() }
    }

    /// Writes the file at the project's `root` (build-along progress changes it).
    pub fn write(&self, root: &Path) -> Result<(), Error> {
        let path = root.join(FILE);
        std::fs::write(&path, self.file().contents).map_err(|source| Error::Write { path, source })
    }

    /// The answers of the project at `root`.
    pub fn read(root: &Path) -> Result<Self, Error> {
        let path = root.join(FILE);
        let bad = |reason: String| Error::BadAnswers { path: path.clone(), reason };
        let text = std::fs::read_to_string(&path).map_err(|e| bad(e.to_string()))?;
        toml::from_str(&text).map_err(|e| bad(e.message().to_string()))
    }
}

/// The root of the backroad project holding `start`: the nearest folder, from
/// `start` up, with a `.backroad.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| dir.join(FILE).is_file()).map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers() -> Answers {
        Answers {
            backroad_version: "1.2.3".into(),
            name: "chirp".into(),
            stack: "flask".into(),
            idea: "twitter".into(),
            step: Some("posts".into()),
            tutorial: None,
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = answers().file();
        std::fs::write(dir.path().join(&file.path), &file.contents).unwrap();
        assert_eq!(Answers::read(dir.path()).unwrap(), answers());
        let text = String::from_utf8(file.contents).unwrap();
        assert!(text.starts_with("# What backroad was asked for"), "{text}");
        assert!(text.contains("stack = \"flask\"\n"), "{text}");
    }

    #[test]
    fn the_root_is_found_from_a_folder_inside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "").unwrap();
        let inner = dir.path().join("src/deep");
        std::fs::create_dir_all(&inner).unwrap();
        assert_eq!(find_root(&inner).as_deref(), Some(dir.path()));
        let outside = tempfile::tempdir().unwrap();
        assert_eq!(find_root(outside.path()), None);
    }

    #[test]
    fn a_broken_file_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "stack = 3").unwrap();
        let err = Answers::read(dir.path()).unwrap_err().to_string();
        assert!(err.contains(".backroad.toml"), "{err}");
    }
}
