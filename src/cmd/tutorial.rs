//! `backroad tutorial ...`: build along, one subcommand each (see `tutorial`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::catalog::Catalog;
use crate::cli::{ProjectPath, TutorialCommand, TutorialStartArgs};
use crate::tutorial::merge::Merged;
use crate::tutorial::{self, Tutorial, check::Outcome, renders};
use crate::ui::Ui;

pub fn execute(
    command: TutorialCommand,
    catalog: &Catalog,
    ui: &Ui,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        TutorialCommand::Start(args) => start(&args, catalog, ui, out),
        TutorialCommand::Status(at) => status(&open(&at, catalog)?, ui, out),
        TutorialCommand::Check(args) => {
            let mut project = open(&args.project, catalog)?;
            if args.watch { watch(&mut project, ui, out) } else { check(&mut project, ui, out) }
        }
        TutorialCommand::Next(at) => next(&mut open(&at, catalog)?, catalog, ui, out),
        TutorialCommand::Hint(at) => hint(&mut open(&at, catalog)?, catalog, ui, out),
        TutorialCommand::Solution(args) => solution(&open(&args.project, catalog)?, args.diff, catalog, out),
        TutorialCommand::Skip(at) => skip(&open(&at, catalog)?, catalog, ui, out),
    }
}

fn open(at: &ProjectPath, catalog: &Catalog) -> anyhow::Result<Tutorial> {
    let start = match &at.path {
        Some(path) => path.clone(),
        None => std::env::current_dir()?,
    };
    Ok(Tutorial::open(&start, catalog)?)
}

fn start(
    args: &TutorialStartArgs,
    catalog: &Catalog,
    ui: &Ui,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let stack = catalog.stack(&args.stack)?;
    let idea = catalog.idea(&args.idea)?;
    let from = match &args.from {
        Some(given) => idea.step(given)?,
        None => &idea.steps[0],
    };
    let root = args.output.clone().unwrap_or_else(|| PathBuf::from(&args.name));
    let started = tutorial::start(&args.name, stack, idea, from, &root, catalog)?;
    if !ui.quiet {
        let p = ui.out;
        let w = &started.writing;
        writeln!(
            out,
            "{} {} ({} x {}): step {} done, step {} to write: {}",
            p.good("Started"),
            p.strong(&args.name),
            stack.name,
            idea.name,
            started.done.number,
            w.number,
            w.title
        )?;
        writeln!(out, "\nNext:")?;
        writeln!(out, "  cd {}", started.root.display())?;
        for line in &stack.commands.install {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "  read docs/tutorial/{}.md, then write the step", w.slug())?;
        writeln!(out, "  backroad tutorial check --watch")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn status(project: &Tutorial, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let p = ui.out;
    let last = project.idea.steps.len();
    let Ok(writing) = project.writing() else {
        writeln!(out, "{} every step of the tutorial ({last}) is written.", p.good("Done:"))?;
        return Ok(ExitCode::SUCCESS);
    };
    let progress = project.progress();
    writeln!(out, "Writing step {} of {last}: {}", writing.number, p.strong(&writing.title))?;
    writeln!(out, "  {}", writing.summary)?;
    writeln!(out, "  chapter: {}", project.chapter(writing))?;
    writeln!(out, "  hints shown: {} of {}", progress.hints_shown, writing.hints.len() + 1)?;
    if progress.passed.is_some() {
        writeln!(
            out,
            "{} the last check passed: `backroad tutorial next` commits the step.",
            p.good("Left:")
        )?;
    } else if progress.failing.is_empty() {
        writeln!(out, "{} not checked yet: `backroad tutorial check`.", p.warn("Left:"))?;
    } else {
        writeln!(out, "{} what the last check found failing ({}):", p.warn("Left:"), progress.failing.len())?;
        for line in progress.failing.iter().take(15) {
            writeln!(out, "  - {line}")?;
        }
        if progress.failing.len() > 15 {
            writeln!(out, "  and {} more", progress.failing.len() - 15)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(project: &mut Tutorial, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let writing = project.writing()?.clone();
    if !ui.quiet {
        writeln!(out, "Checking step {}: {} ...", writing.number, writing.title)?;
    }
    let outcome = project.check()?;
    report(project, &outcome, ui, out)?;
    Ok(if outcome.passed() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn report(project: &Tutorial, outcome: &Outcome, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<()> {
    let p = ui.out;
    let writing = project.writing()?;
    let chapter = project.chapter(writing);
    for ran in &outcome.commands {
        if ran.passed {
            writeln!(out, "{}  {}", p.good("PASS"), ran.command)?;
        } else {
            writeln!(out, "{}  {}; its last lines:\n{}", p.bad("FAIL"), ran.command, ran.tail)?;
        }
    }
    match &outcome.server {
        Err(why) => writeln!(out, "{}  the server: {why}", p.bad("FAIL"))?,
        Ok(report) => {
            for failed in report.checks.iter().filter(|c| !c.passed) {
                let got = failed.got.replace('\n', " ");
                writeln!(out, "{}  {}: expected {}, got {got}", p.bad("FAIL"), failed.name, failed.expected)?;
                writeln!(out, "      see {}", project.chapter_of_check(&failed.name)?)?;
            }
            writeln!(
                out,
                "verify --step {}: {} passed, {} failed",
                writing.number,
                report.passed(),
                report.failed()
            )?;
        }
    }
    if outcome.passed() {
        writeln!(
            out,
            "{} step {} done: `backroad tutorial next` commits it.",
            p.good("Done:"),
            writing.number
        )?;
    } else {
        writeln!(
            out,
            "{} {chapter} says what the step must do (Why) and answer (Try it); `backroad tutorial hint` helps.",
            p.warn("Not yet:")
        )?;
        writeln!(out, "The whole output of the tests and the server: {}", outcome.logs.display())?;
    }
    Ok(())
}

/// Checks, then again each time the files change (once they have been still
/// for a moment: an editor saves in several writes), until Ctrl-C.
fn watch(project: &mut Tutorial, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    loop {
        check(project, ui, out)?;
        writeln!(out, "\nWatching for changes (Ctrl-C to stop) ...")?;
        out.flush()?;
        let seen = project.fingerprint()?;
        settled_change(&seen, || {
            std::thread::sleep(Duration::from_millis(700));
            project.fingerprint().map_err(Into::into)
        })?;
        writeln!(out)?;
    }
}

/// Polls `now` until the files differ from `seen` and two polls in a row
/// agree: a save in several writes, or a branch switch, is one change.
fn settled_change(seen: &str, mut now: impl FnMut() -> anyhow::Result<String>) -> anyhow::Result<String> {
    let mut last = seen.to_string();
    loop {
        let current = now()?;
        if current != seen && current == last {
            return Ok(current);
        }
        last = current;
    }
}

fn next(project: &mut Tutorial, catalog: &Catalog, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (done, after, merged) = project.next(catalog)?;
    let p = ui.out;
    writeln!(
        out,
        "{} \"Step {}: {}\", tagged step-{}.",
        p.good("Committed"),
        done.number,
        done.title,
        done.slug()
    )?;
    let Some(after) = after else {
        writeln!(out, "{} every step is written: `git log` shows your tutorial.", p.good("Done:"))?;
        return Ok(ExitCode::SUCCESS);
    };
    merge_report(&merged, ui, out)?;
    writeln!(out, "Next: step {}, {}: read {}", after.number, after.title, project.chapter(&after))?;
    Ok(if merged.conflicts.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn hint(project: &mut Tutorial, catalog: &Catalog, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match project.hint(catalog)? {
        Some((n, of, text)) => writeln!(out, "{} {n} of {of}: {text}", ui.out.accent("Hint"))?,
        None => writeln!(
            out,
            "No more hints for this step: `backroad tutorial solution --diff` shows the reference code."
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

fn solution(
    project: &Tutorial,
    diff: bool,
    catalog: &Catalog,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let (task, reference) = project.renders(catalog)?;
    let changes = renders::changes(&task, &reference);
    if diff {
        out.write_all(&unified_diff(&task, &reference)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (path, how) in changes {
        writeln!(out, "==> {path} ({how})")?;
        if let Some(contents) = reference.get(path) {
            out.write_all(contents)?;
            if !contents.ends_with(b"\n") {
                writeln!(out)?;
            }
        }
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `git diff` between the two renders, with the project's own paths.
fn unified_diff(from: &renders::Files, to: &renders::Files) -> anyhow::Result<Vec<u8>> {
    let dir = tempfile::tempdir()?;
    for (name, files) in [("a", from), ("b", to)] {
        for (path, contents) in files {
            let file = dir.path().join(name).join(path);
            std::fs::create_dir_all(file.parent().expect("a file has a folder"))?;
            std::fs::write(file, contents)?;
        }
    }
    let output = std::process::Command::new("git")
        .args(["diff", "--no-index", "--no-color", "--no-prefix", "a", "b"])
        .current_dir(dir.path())
        .output()?;
    // The folders are `a` and `b`: with --no-prefix their names are git's usual prefixes.
    Ok(output.stdout)
}

fn skip(project: &Tutorial, catalog: &Catalog, ui: &Ui, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let writing = project.writing()?;
    let merged = project.skip(catalog)?;
    writeln!(out, "The reference code of step {} ({}), merged into yours:", writing.number, writing.name)?;
    merge_report(&merged, ui, out)?;
    // The reference may need a package the project has not installed yet.
    let install = project.stack.commands.install.join(" && ");
    if merged.conflicts.is_empty() {
        writeln!(out, "Next: install what it needs (`{install}`), then `backroad tutorial check`.")?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            out,
            "{} where you and the reference wrote the same lines; keep what you want, remove the <<<<<<< ======= >>>>>>> lines, then `backroad tutorial check`.",
            ui.out.bad("Conflict markers")
        )?;
        Ok(ExitCode::FAILURE)
    }
}

fn merge_report(merged: &Merged, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
    let p = ui.out;
    let rows = [
        (p.accent("written "), &merged.written, ""),
        (p.accent("removed "), &merged.removed, ""),
        (p.warn("merged  "), &merged.merged, " (your changes and the reference's)"),
        (p.bad("conflict"), &merged.conflicts, " (you both changed the same lines)"),
        (p.warn("kept    "), &merged.kept, " (the reference drops it; you changed it)"),
    ];
    for (word, paths, note) in rows {
        for path in paths {
            writeln!(out, "  {word}  {path}{note}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polls(seq: &[&str]) -> (impl FnMut() -> anyhow::Result<String>, std::rc::Rc<std::cell::Cell<usize>>) {
        let count = std::rc::Rc::new(std::cell::Cell::new(0));
        let seen = count.clone();
        let seq: Vec<String> = seq.iter().map(|s| s.to_string()).collect();
        let next = move || {
            let n = seen.get();
            seen.set(n + 1);
            Ok(seq[n.min(seq.len() - 1)].clone())
        };
        (next, count)
    }

    #[test]
    fn watch_waits_until_a_change_has_settled() {
        let (next, count) = polls(&["a", "a", "b", "c", "c"]);
        assert_eq!(settled_change("a", next).unwrap(), "c");
        assert_eq!(count.get(), 5, "b then c is still changing; c twice is settled");
        let (next, count) = polls(&["b", "b"]);
        assert_eq!(settled_change("a", next).unwrap(), "b");
        assert_eq!(count.get(), 2);
    }
}
