//! Writing a rendered project to disk, so that a failure leaves nothing behind.
//!
//! A new project is written to a temporary directory beside the target and
//! renamed into place. With `force`, an existing directory keeps every file the
//! template does not make; each file the template makes is written to a
//! temporary file beside it and renamed over the old one. Nothing is deleted.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::render::RenderedFile;
use super::target::{self, Target};
use crate::error::Error;

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files that already existed and were replaced (only with `force`).
    pub replaced: Vec<String>,
    pub created: usize,
}

/// Writes `files` under `target`. Refuses a non-empty target unless `force`.
pub fn write(target: &Path, files: &[RenderedFile], force: bool) -> Result<Written, Error> {
    match target::check(target, force)? {
        Target::NotEmpty => write_into(target, files),
        state => write_fresh(target, files, state == Target::Empty),
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write { path: path.to_path_buf(), source }
}

fn write_fresh(target: &Path, files: &[RenderedFile], exists: bool) -> Result<Written, Error> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Missing parents are made, and removed again if anything fails.
    let first_missing = parent.ancestors().take_while(|p| !p.as_os_str().is_empty() && !p.exists()).last();
    let first_missing = first_missing.map(Path::to_path_buf);
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;

    let result = (|| {
        let staging =
            tempfile::Builder::new().prefix(".backroad-").tempdir_in(&parent).map_err(io_err(&parent))?;
        for file in files {
            let path = staging.path().join(&file.path);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            fs::write(&path, &file.contents).map_err(io_err(&path))?;
        }
        if exists {
            // Only an empty directory can be removed; a file that appeared
            // meanwhile makes this fail and the staging directory goes away.
            fs::remove_dir(target).map_err(io_err(target))?;
        }
        let staging = staging.keep();
        fs::rename(&staging, target).map_err(|source| {
            let _ = fs::remove_dir_all(&staging);
            Error::Write { path: target.to_path_buf(), source }
        })?;
        Ok(Written { replaced: Vec::new(), created: files.len() })
    })();
    if result.is_err()
        && let Some(dir) = first_missing
    {
        let _ = fs::remove_dir_all(dir);
    }
    result
}

fn write_into(target: &Path, files: &[RenderedFile]) -> Result<Written, Error> {
    // Check every path first, so a conflict is found before anything changes.
    let mut replaced = Vec::new();
    for file in files {
        let path = target.join(&file.path);
        let mut ancestor = path.parent();
        while let Some(dir) = ancestor {
            if dir == target {
                break;
            }
            if dir.exists() && !dir.is_dir() {
                return Err(Error::Write {
                    path: dir.to_path_buf(),
                    source: std::io::Error::other(
                        "a file stands where the template needs a folder; move it away",
                    ),
                });
            }
            ancestor = dir.parent();
        }
        if path.is_dir() {
            return Err(Error::Write {
                path,
                source: std::io::Error::other(
                    "a folder stands where the template writes a file; move it away",
                ),
            });
        }
        if path.exists() {
            replaced.push(file.path.clone());
        }
    }
    for file in files {
        let path = target.join(&file.path);
        let dir = path.parent().unwrap_or(target);
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_err(dir))?;
        tmp.write_all(&file.contents).map_err(io_err(&path))?;
        tmp.persist(&path).map_err(|e| Error::Write { path: path.clone(), source: e.error })?;
    }
    Ok(Written { created: files.len() - replaced.len(), replaced })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<RenderedFile> {
        vec![
            RenderedFile { path: "README.md".into(), contents: b"hello".to_vec() },
            RenderedFile { path: "src/app.py".into(), contents: b"print()".to_vec() },
        ]
    }

    #[test]
    fn fresh_write_creates_parents_and_leaves_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("a/b/demo");
        let written = write(&target, &files(), false).unwrap();
        assert_eq!(written.created, 2);
        assert_eq!(fs::read_to_string(target.join("src/app.py")).unwrap(), "print()");
        let siblings: Vec<_> = fs::read_dir(tmp.path().join("a/b")).unwrap().collect();
        assert_eq!(siblings.len(), 1, "only the project, no staging directory");
    }

    #[test]
    fn empty_directory_is_fine() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join("demo")).unwrap();
        write(&tmp.path().join("demo"), &files(), false).unwrap();
        assert!(tmp.path().join("demo/README.md").exists());
    }

    #[test]
    fn non_empty_directory_is_refused_and_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("README.md"), "mine").unwrap();
        let err = write(tmp.path(), &files(), false).unwrap_err();
        assert!(matches!(err, Error::TargetNotEmpty { .. }));
        assert_eq!(fs::read_to_string(tmp.path().join("README.md")).unwrap(), "mine");
        assert!(!tmp.path().join("src").exists());
    }

    #[test]
    fn force_replaces_only_template_files() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("README.md"), "mine").unwrap();
        fs::write(tmp.path().join("notes.txt"), "keep me").unwrap();
        let written = write(tmp.path(), &files(), true).unwrap();
        assert_eq!(written.replaced, vec!["README.md".to_string()]);
        assert_eq!(written.created, 1);
        assert_eq!(fs::read_to_string(tmp.path().join("README.md")).unwrap(), "hello");
        assert_eq!(fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "keep me");
    }

    #[test]
    fn force_refuses_a_file_where_a_folder_goes_before_writing_anything() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("src"), "a file").unwrap();
        fs::write(tmp.path().join("README.md"), "mine").unwrap();
        let err = write(tmp.path(), &files(), true).unwrap_err().to_string();
        assert!(err.contains("a file stands where"), "{err}");
        assert_eq!(fs::read_to_string(tmp.path().join("README.md")).unwrap(), "mine");
    }

    #[test]
    fn a_file_as_target_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("demo");
        fs::write(&target, "x").unwrap();
        assert!(matches!(write(&target, &files(), true), Err(Error::TargetNotDir { .. })));
    }
}
