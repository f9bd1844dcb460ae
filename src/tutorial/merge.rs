//! Moves a learner's files from one render to another with a three-way
//! merge, file by file, as `upgrade` does for a whole project: the base is
//! the render they started from, "theirs" the render to reach, "ours" what is
//! on disk now, written or not, committed or not. A file they did not touch
//! takes the new version; a file they changed is merged line by line by
//! `git merge-file`, with conflict markers where both changed the same lines.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::renders::Files;
use crate::error::Error;

/// What a merge did, by path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Written as the new render has it (the learner had not touched them).
    pub written: Vec<String>,
    /// Deleted, as the new render drops them.
    pub removed: Vec<String>,
    /// Both changed, merged without conflict.
    pub merged: Vec<String>,
    /// Both changed the same lines: conflict markers are in the file.
    pub conflicts: Vec<String>,
    /// The new render drops them, but the learner changed them: kept.
    pub kept: Vec<String>,
}

/// Merges the change from `base` to `theirs`, for the paths `only` keeps,
/// into the files under `root`.
pub fn merge(
    root: &Path,
    base: &Files,
    theirs: &Files,
    only: impl Fn(&str) -> bool,
) -> Result<Merged, Error> {
    let mut done = Merged::default();
    let mut paths: Vec<&String> = base.keys().chain(theirs.keys()).collect();
    paths.sort_unstable();
    paths.dedup();
    for path in paths.into_iter().filter(|p| only(p)) {
        let (before, after) = (base.get(path), theirs.get(path));
        if before == after {
            continue;
        }
        let file = root.join(path);
        let ours = fs::read(&file).ok();
        let write_error = |source| Error::Write { path: file.clone(), source };
        match (ours.as_ref(), after) {
            (ours, after) if ours == after => {}
            (ours, Some(after)) if ours == before || ours.is_none() => {
                if let Some(folder) = file.parent() {
                    fs::create_dir_all(folder).map_err(write_error)?;
                }
                fs::write(&file, after).map_err(write_error)?;
                done.written.push(path.clone());
            }
            (_, None) if ours.as_ref() == before => {
                fs::remove_file(&file).map_err(write_error)?;
                done.removed.push(path.clone());
            }
            (_, None) => done.kept.push(path.clone()),
            (Some(ours), Some(after)) => {
                let (text, clean) = merge_file(ours, before.map_or(&[][..], Vec::as_slice), after)?;
                fs::write(&file, text).map_err(write_error)?;
                if clean { &mut done.merged } else { &mut done.conflicts }.push(path.clone());
            }
            (None, Some(_)) => unreachable!("a missing file is written above"),
        }
    }
    Ok(done)
}

/// `git merge-file` of three versions: the result, and whether it is clean.
fn merge_file(ours: &[u8], base: &[u8], theirs: &[u8]) -> Result<(Vec<u8>, bool), Error> {
    let dir = tempfile::tempdir().map_err(|e| git_error(e.to_string()))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        fs::write(&path, bytes).map(|()| path).map_err(|e| git_error(e.to_string()))
    };
    let (o, b, t) = (write("ours", ours)?, write("base", base)?, write("theirs", theirs)?);
    let out = Command::new("git")
        .args(["merge-file", "-p", "-L", "yours", "-L", "step start", "-L", "reference"])
        .args([&o, &b, &t])
        .output()
        .map_err(|e| git_error(e.to_string()))?;
    // The exit code is the number of conflicts; a negative one is an error.
    match out.status.code() {
        Some(0) => Ok((out.stdout, true)),
        Some(n) if n > 0 => Ok((out.stdout, false)),
        _ => Err(git_error(String::from_utf8_lossy(&out.stderr).trim().to_string())),
    }
}

fn git_error(reason: String) -> Error {
    Error::Git { command: "merge-file".into(), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect()
    }

    #[test]
    fn untouched_files_take_the_new_version_and_changed_ones_are_merged() {
        let dir = tempfile::tempdir().unwrap();
        let base = files(&[
            ("same.py", "a\n"),
            ("app.py", "one\ntwo\nthree\n"),
            ("old.py", "x\n"),
            ("mine.py", "m\n"),
        ]);
        let theirs = files(&[
            ("same.py", "A\n"),
            ("app.py", "one\ntwo\nthree\nfour\n"),
            ("new.py", "n\n"),
            ("mine.py", "M\n"),
        ]);
        for (path, text) in
            [("same.py", "a\n"), ("app.py", "ONE\ntwo\nthree\n"), ("old.py", "x\n"), ("mine.py", "mine\n")]
        {
            fs::write(dir.path().join(path), text).unwrap();
        }
        let done = merge(dir.path(), &base, &theirs, |_| true).unwrap();
        assert_eq!(done.written, ["new.py", "same.py"]);
        assert_eq!(done.removed, ["old.py"]);
        assert_eq!(done.merged, ["app.py"]);
        assert_eq!(done.conflicts, ["mine.py"]);
        assert_eq!(fs::read_to_string(dir.path().join("app.py")).unwrap(), "ONE\ntwo\nthree\nfour\n");
        let conflict = fs::read_to_string(dir.path().join("mine.py")).unwrap();
        assert!(
            conflict.contains("<<<<<<< yours\nmine\n") && conflict.contains(">>>>>>> reference"),
            "{conflict}"
        );
        assert!(!dir.path().join("old.py").exists());
    }

    #[test]
    fn a_file_the_learner_changed_is_kept_when_the_new_render_drops_it_and_only_filters() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.py"), "my notes\n").unwrap();
        let base = files(&[("notes.py", "x\n"), ("tests/t.py", "t\n")]);
        let theirs = files(&[("tests/t.py", "T\n")]);
        let done = merge(dir.path(), &base, &theirs, |p| p != "tests/t.py").unwrap();
        assert_eq!(done.kept, ["notes.py"]);
        assert!(done.written.is_empty(), "`only` leaves the tests alone: {done:?}");
        assert_eq!(fs::read_to_string(dir.path().join("notes.py")).unwrap(), "my notes\n");
    }
}
