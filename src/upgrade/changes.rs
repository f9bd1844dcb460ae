//! What an upgrade changes, file by file, computed by `git merge-tree` without
//! touching the work tree: the merged tree compared with the learner's HEAD,
//! and each file sorted by who changed it since the merge base.

use std::collections::BTreeSet;

use super::repo::Repo;
use crate::error::Error;

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The new render adds it.
    New,
    /// Only the new render changed it: it takes the new version.
    Updated,
    /// Both changed it, in different lines: merged line by line.
    Merged,
    /// Both changed the same lines: conflict markers to resolve.
    Conflict,
    /// The new render renamed it (from the path in `from`).
    Renamed,
    /// The new render drops it and the learner never changed it.
    Removed,
    /// The new render drops it, but the learner changed it: it stays.
    Kept,
}

impl Kind {
    /// The word of a report line.
    pub fn word(self) -> &'static str {
        match self {
            Kind::New => "new",
            Kind::Updated => "updated",
            Kind::Merged => "merged",
            Kind::Conflict => "conflict",
            Kind::Renamed => "renamed",
            Kind::Removed => "removed",
            Kind::Kept => "kept",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub kind: Kind,
    pub path: String,
    /// The old path of a renamed file.
    pub from: Option<String>,
}

/// The changes of merging `render` into `head`, sorted by kind, then path.
pub(super) fn preview(repo: &Repo, head: &str, render: &str) -> Result<Vec<Change>, Error> {
    let (code, out, stderr) =
        repo.run_coded(&["merge-tree", "--write-tree", "--name-only", "--no-messages", head, render])?;
    if code > 1 {
        let reason = stderr.trim().lines().last().unwrap_or("no message").to_string();
        return Err(Error::Git { command: "merge-tree".into(), reason });
    }
    let (merged, conflicted) = parse_merge_tree(&out);
    let base = repo.run(&["merge-base", head, render])?.trim().to_string();
    let ours: BTreeSet<String> =
        names(&repo.run(&["diff-tree", "-r", "--name-only", "--no-renames", &base, head])?);
    let theirs: BTreeSet<String> = names(&repo.run(&["ls-tree", "-r", "--name-only", render])?);

    let mut changes = Vec::new();
    for path in &conflicted {
        // A file the render drops and the learner changed: git keeps the
        // learner's version, and so do we.
        let kind = if theirs.contains(path) { Kind::Conflict } else { Kind::Kept };
        changes.push(Change { kind, path: path.clone(), from: None });
    }
    let diff = repo.run(&["diff-tree", "-r", "-M", "--name-status", head, &merged])?;
    for line in diff.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (status, path) = match fields.as_slice() {
            [status, path] => (*status, path.to_string()),
            [status, from, to] if status.starts_with('R') => {
                changes.push(Change {
                    kind: Kind::Renamed,
                    path: to.to_string(),
                    from: Some(from.to_string()),
                });
                continue;
            }
            _ => continue,
        };
        if conflicted.contains(&path) {
            continue;
        }
        let kind = match status {
            "A" => Kind::New,
            "D" => Kind::Removed,
            _ if ours.contains(&path) => Kind::Merged,
            _ => Kind::Updated,
        };
        changes.push(Change { kind, path, from: None });
    }
    changes.sort();
    Ok(changes)
}

/// merge-tree's output with `--name-only`: the merged tree's id on the first
/// line, then the conflicted paths (none when the merge is clean).
fn parse_merge_tree(out: &str) -> (String, BTreeSet<String>) {
    let mut lines = out.lines();
    let tree = lines.next().unwrap_or("").trim().to_string();
    let conflicted = lines.take_while(|l| !l.is_empty()).map(str::to_string).collect();
    (tree, conflicted)
}

fn names(text: &str) -> BTreeSet<String> {
    text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_tree_output_is_split_into_tree_and_conflicts() {
        let (tree, conflicted) = parse_merge_tree("abc123\nsrc/app.py\nREADME.md\n");
        assert_eq!(tree, "abc123");
        assert_eq!(conflicted.into_iter().collect::<Vec<_>>(), ["README.md", "src/app.py"]);
        let (tree, conflicted) = parse_merge_tree("abc123\n");
        assert_eq!((tree.as_str(), conflicted.len()), ("abc123", 0));
    }
}
