//! `new --tutorial`: the project written step by step, one git commit per
//! step of the tutorial ("Step 4: Posts and pagination", the step's summary
//! as its body), each tagged `step-04-posts`, so that `git checkout` of a tag
//! gives the project as it stands after that step and `git diff` of two tags
//! is exactly what the steps between them add. Every step is rendered before
//! anything is written; each commit after the first writes only the files
//! that changed and deletes those the step no longer has.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::git::{self, GitOutcome};
use super::plan::NewPlan;
use super::render::RenderedFile;
use super::target::{self, Target};
use super::write::{self, Written};
use crate::catalog::{Catalog, Step};
use crate::error::Error;

/// Writes the project of `plan` (up to its step) as a history of steps.
pub fn build(plan: &NewPlan, catalog: &Catalog) -> Result<(Vec<RenderedFile>, Written, GitOutcome), Error> {
    if !git::available() {
        return Err(Error::TutorialNoGit);
    }
    // A history is only ours to write in a folder that holds nothing else:
    // deleting a file a later step drops must never touch the learner's.
    if target::inspect(&plan.target)? == Target::NotEmpty {
        return Err(Error::TutorialNotEmpty { path: plan.target.clone() });
    }
    let mut renders = Vec::new();
    for step in plan.idea.steps.iter().take_while(|s| s.number <= plan.step.number) {
        let at_step = NewPlan { step: step.clone(), ..plan.clone() };
        renders.push((step, super::render(&at_step, catalog)?));
    }
    let (first_step, first) = &renders[0];
    let written = write::write(&plan.target, first, false)?;
    let dir = plan.target.as_path();
    let mut tags = Vec::new();
    let mut previous: &[RenderedFile] = first;
    let mut outcome = git::run(dir, &["init", "--quiet"])
        .map_err(|reason| format!("`git init` failed ({reason})"))
        .and_then(|_| commit_step(dir, first_step, &mut tags));
    for (step, files) in &renders[1..] {
        if outcome.is_err() {
            break;
        }
        apply(dir, previous, files)?;
        previous = files;
        outcome = commit_step(dir, step, &mut tags);
    }
    let (_, last) = renders.last().expect("an idea has at least one step");
    let outcome = match outcome.and_then(|()| git::keep_base(dir)) {
        Ok(()) => GitOutcome::History { tags },
        Err(reason) => {
            // The files are the finished project whatever git did.
            apply(dir, previous, last)?;
            GitOutcome::Skipped(format!(
                "{reason}; the files are written, the history stops after {}",
                tags.last().map_or("no step", String::as_str)
            ))
        }
    };
    Ok((last.clone(), written, outcome))
}

/// The commit and tag of one step.
fn commit_step(dir: &Path, step: &Step, tags: &mut Vec<String>) -> Result<(), String> {
    git::commit_all(dir, &message(step))?;
    let tag = format!("step-{}", step.slug());
    git::run(dir, &["tag", &tag]).map_err(|reason| format!("`git tag {tag}` failed ({reason})"))?;
    tags.push(tag);
    Ok(())
}

/// "Step 4: Posts and pagination", a blank line, and the summary wrapped as
/// commit bodies are, at 72 columns.
fn message(step: &Step) -> String {
    format!("Step {}: {}\n\n{}\n", step.number, step.title, wrap(&step.summary, 72))
}

fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// Turns the files of `from` (on disk under `dir`) into those of `to`:
/// writes what is new or changed, deletes what `to` no longer has, and the
/// folders that leaves empty.
fn apply(dir: &Path, from: &[RenderedFile], to: &[RenderedFile]) -> Result<(), Error> {
    let before: BTreeMap<&str, &[u8]> =
        from.iter().map(|f| (f.path.as_str(), f.contents.as_slice())).collect();
    let after: BTreeMap<&str, &[u8]> = to.iter().map(|f| (f.path.as_str(), f.contents.as_slice())).collect();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        let file = dir.join(path);
        fs::remove_file(&file).map_err(io(&file))?;
        for folder in file.ancestors().skip(1).take_while(|f| *f != dir) {
            // Only an empty folder is removed; the first that is not stops it.
            if fs::remove_dir(folder).is_err() {
                break;
            }
        }
    }
    for (path, contents) in after.iter().filter(|(p, c)| before.get(*p) != Some(*c)) {
        let file = dir.join(path);
        if let Some(folder) = file.parent() {
            fs::create_dir_all(folder).map_err(io(folder))?;
        }
        fs::write(&file, contents).map_err(io(&file))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> RenderedFile {
        RenderedFile { path: path.to_string(), contents: contents.as_bytes().to_vec() }
    }

    #[test]
    fn wraps_a_summary_at_72_columns() {
        let text = "word ".repeat(40);
        let wrapped = wrap(&text, 72);
        assert!(wrapped.lines().all(|l| l.len() <= 72), "{wrapped}");
        assert_eq!(wrapped.split_whitespace().count(), 40);
        assert_eq!(wrap("one two", 72), "one two");
    }

    #[test]
    fn apply_writes_changes_and_deletes_what_the_step_drops() {
        let dir = tempfile::tempdir().unwrap();
        let from = [file("a.txt", "a"), file("old/deep/gone.txt", "x"), file("keep/same.txt", "s")];
        for f in &from {
            let path = dir.path().join(&f.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, &f.contents).unwrap();
        }
        let to = [file("a.txt", "A"), file("keep/same.txt", "s"), file("new/b.txt", "b")];
        apply(dir.path(), &from, &to).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), "A");
        assert_eq!(fs::read_to_string(dir.path().join("new/b.txt")).unwrap(), "b");
        assert!(!dir.path().join("old").exists(), "the emptied folders go too");
        assert!(dir.path().join("keep/same.txt").exists());
    }
}
