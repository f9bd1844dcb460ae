//! The project's git repository, through the `git` on PATH: the few plumbing
//! commands `upgrade` needs, each failure an [`Error::Git`] naming the
//! command. A repository opened `scratch` writes every new object into a
//! temporary folder and reads the project's own through git's alternates, so
//! that a dry run leaves `.git` exactly as it was.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::Error;
use crate::generate::render::RenderedFile;

/// backroad's own commits (the renders) are made by backroad, whoever runs it.
const IDENTITY: [&str; 4] = ["-c", "user.name=backroad", "-c", "user.email=backroad@localhost"];

pub(crate) struct Repo {
    root: PathBuf,
    /// The repository's git folder, absolute.
    git_dir: PathBuf,
    env: Vec<(&'static str, OsString)>,
    /// Keeps the scratch object folder for as long as the repository is used.
    _scratch: Option<tempfile::TempDir>,
}

impl Repo {
    /// The repository whose work tree is `root`; `None` when `root` is not
    /// the top of a git work tree (or git is missing).
    pub fn open(root: &Path) -> Option<Self> {
        let out = Command::new("git")
            .args(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir"])
            .current_dir(root)
            .stdin(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let mut lines = text.lines();
        let (top, git_dir) = (lines.next()?, lines.next()?);
        let same = |a: &Path, b: &Path| a.canonicalize().ok() == b.canonicalize().ok();
        (out.status.success() && same(Path::new(top), root)).then(|| Self {
            root: root.to_path_buf(),
            git_dir: PathBuf::from(git_dir),
            env: Vec::new(),
            _scratch: None,
        })
    }

    /// From now on, new objects go to a temporary folder, not into `.git`.
    pub fn scratch(mut self) -> Result<Self, Error> {
        let dir = tempfile::tempdir().map_err(|e| git_error("(a scratch object folder)", e.to_string()))?;
        let objects = dir.path().join("objects");
        std::fs::create_dir_all(&objects)
            .map_err(|e| git_error("(a scratch object folder)", e.to_string()))?;
        self.env.push(("GIT_OBJECT_DIRECTORY", objects.into_os_string()));
        self.env.push(("GIT_ALTERNATE_OBJECT_DIRECTORIES", self.git_dir.join("objects").into_os_string()));
        self._scratch = Some(dir);
        Ok(self)
    }

    /// Runs git in the work tree; its output whatever its exit status.
    fn output(&self, args: &[&str], extra_env: &[(&str, &Path)], cwd: &Path) -> Result<Output, Error> {
        let mut command = Command::new("git");
        command.args(args).current_dir(cwd).stdin(Stdio::null()).env("GIT_DIR", &self.git_dir);
        // Messages in English whatever the learner's locale: some are read.
        command.env("LC_ALL", "C");
        for (name, value) in &self.env {
            command.env(name, value);
        }
        for (name, value) in extra_env {
            command.env(name, value);
        }
        command.output().map_err(|e| git_error(&args.join(" "), e.to_string()))
    }

    /// Runs git in the work tree and returns its standard output; a non-zero
    /// exit is an error with git's last line.
    pub fn run(&self, args: &[&str]) -> Result<String, Error> {
        let out = self.output(args, &[("GIT_WORK_TREE", &self.root)], &self.root)?;
        checked(args, out)
    }

    /// Whether git exits with 0 (for `--is-ancestor` and `--verify` questions).
    pub fn succeeds(&self, args: &[&str]) -> Result<bool, Error> {
        Ok(self.output(args, &[("GIT_WORK_TREE", &self.root)], &self.root)?.status.success())
    }

    /// Runs git, returning (exit code, stdout, stderr) for commands whose
    /// non-zero exits carry meaning (merges with conflicts).
    pub fn run_coded(&self, args: &[&str]) -> Result<(i32, String, String), Error> {
        let out = self.output(args, &[("GIT_WORK_TREE", &self.root)], &self.root)?;
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        Ok((out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr)))
    }

    /// The commit a ref or name points to, if any.
    pub fn commit(&self, name: &str) -> Result<Option<String>, Error> {
        let spec = format!("{name}^{{commit}}");
        let out = self.output(&["rev-parse", "--verify", "--quiet", &spec], &[], &self.root)?;
        Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }

    /// The tree of a commit.
    pub fn tree_of(&self, commit: &str) -> Result<String, Error> {
        Ok(self.run(&["rev-parse", &format!("{commit}^{{tree}}")])?.trim().to_string())
    }

    /// The tree git would commit for `files` in a fresh repository, as `new`'s
    /// first commit did: written to a temporary work tree, added with a
    /// temporary index (so the project's `.gitignore` applies the same way),
    /// then written as a tree.
    pub fn tree_of_files(&self, files: &[RenderedFile]) -> Result<String, Error> {
        let temp = tempfile::tempdir().map_err(|e| git_error("(a temporary work tree)", e.to_string()))?;
        let work = temp.path().join("work");
        for file in files {
            let path = work.join(&file.path);
            let written = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, &file.contents));
            written.map_err(|e| git_error("(a temporary work tree)", e.to_string()))?;
        }
        let index = temp.path().join("index");
        let env = [("GIT_WORK_TREE", work.as_path()), ("GIT_INDEX_FILE", index.as_path())];
        checked(&["add", "--all"], self.output(&["add", "--all"], &env, &work)?)?;
        Ok(checked(&["write-tree"], self.output(&["write-tree"], &env, &work)?)?.trim().to_string())
    }

    /// A commit of `tree` on `parent`, made by backroad.
    pub fn commit_tree(&self, tree: &str, parent: &str, message: &str) -> Result<String, Error> {
        let mut args = IDENTITY.to_vec();
        args.extend(["commit-tree", tree, "-p", parent, "-m", message]);
        Ok(self.run(&args)?.trim().to_string())
    }
}

fn git_error(command: &str, reason: String) -> Error {
    Error::Git { command: command.to_string(), reason }
}

fn checked(args: &[&str], out: Output) -> Result<String, Error> {
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reason = stderr.trim().lines().last().unwrap_or("no message").to_string();
    Err(git_error(&args.join(" "), reason))
}
