//! The target folder's rule, in one place: `new` writes into a folder that is
//! missing or empty; into one that holds anything only with `--force`; never
//! into a file; never over a backroad project (that is `upgrade`). The plan, the wizard (as the name is typed), a dry run and the
//! writer all ask here.

use std::fs;
use std::path::Path;

use crate::error::Error;

/// What the target is before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Missing,
    Empty,
    NotEmpty,
}

/// Looks at the target without changing it; a file there is an error.
pub fn inspect(path: &Path) -> Result<Target, Error> {
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Target::Missing),
        Err(source) => Err(Error::Write { path: path.to_path_buf(), source }),
        Ok(meta) if !meta.is_dir() => Err(Error::TargetNotDir { path: path.to_path_buf() }),
        Ok(_) => {
            let mut entries =
                fs::read_dir(path).map_err(|source| Error::Write { path: path.to_path_buf(), source })?;
            Ok(if entries.next().is_some() { Target::NotEmpty } else { Target::Empty })
        }
    }
}

/// The rule: the target's state when `new` may write there, else the error
/// that says what to do.
pub fn check(path: &Path, force: bool) -> Result<Target, Error> {
    match inspect(path)? {
        Target::NotEmpty if !force => Err(Error::TargetNotEmpty { path: path.to_path_buf() }),
        // Writing a project over one would lose the learner's changes to it.
        Target::NotEmpty if path.join(super::answers::FILE).is_file() => {
            Err(Error::ForceOnProject { path: path.to_path_buf() })
        }
        state => Ok(state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_for_each_kind_of_target() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("missing");
        let empty = tmp.path().join("empty");
        let full = tmp.path().join("full");
        let file = tmp.path().join("file");
        fs::create_dir(&empty).unwrap();
        fs::create_dir(&full).unwrap();
        fs::write(full.join("x"), "").unwrap();
        fs::write(&file, "").unwrap();
        for force in [false, true] {
            assert_eq!(check(&missing, force).unwrap(), Target::Missing);
            assert_eq!(check(&empty, force).unwrap(), Target::Empty);
            assert!(matches!(check(&file, force), Err(Error::TargetNotDir { .. })));
        }
        assert!(matches!(check(&full, false), Err(Error::TargetNotEmpty { .. })));
        assert_eq!(check(&full, true).unwrap(), Target::NotEmpty);
        fs::write(full.join(".backroad.toml"), "").unwrap();
        assert!(matches!(check(&full, true), Err(Error::ForceOnProject { .. })));
    }
}
