//! `backroad upgrade [--path DIR] [--dry-run]`: merge this backroad's render
//! into a project, and say file by file what happened and what to do next.

use std::io::Write;
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::cli::UpgradeArgs;
use crate::ui::Ui;
use crate::upgrade::{self, Kind, Upgrade};

pub fn execute(
    args: &UpgradeArgs,
    catalog: &Catalog,
    ui: &Ui,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let start = match &args.path {
        Some(path) => path.clone(),
        None => std::env::current_dir()?,
    };
    let done = upgrade::upgrade(&start, catalog, args.dry_run)?;
    if !ui.quiet {
        report(&done, ui, out)?;
    }
    // Conflicts are the learner's to resolve: a script should notice.
    Ok(if !done.dry_run && done.conflicts().next().is_some() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn report(done: &Upgrade, ui: &Ui, out: &mut dyn Write) -> std::io::Result<()> {
    let p = ui.out;
    let a = &done.answers;
    let verb = if done.dry_run { "Would upgrade" } else { "Upgraded" };
    writeln!(
        out,
        "{} {} ({} x {}) from backroad {} to {}:",
        p.good(verb),
        p.strong(&a.name),
        a.stack,
        a.idea,
        a.backroad_version,
        done.to
    )?;
    let width = done.changes.iter().map(|c| c.kind.word().len()).max().unwrap_or(0);
    for change in &done.changes {
        let word = format!("{:width$}", change.kind.word());
        let word = match change.kind {
            Kind::Conflict => p.bad(&word),
            Kind::Kept | Kind::Merged => p.warn(&word),
            _ => p.accent(&word),
        };
        let note = match (&change.kind, &change.from) {
            (Kind::Renamed, Some(from)) => format!(" (was {from})"),
            (Kind::Merged, _) => " (your changes and the new version's, merged)".into(),
            (Kind::Conflict, _) => " (you both changed the same lines)".into(),
            (Kind::Kept, _) => " (the new version drops it; you changed it, so it stays)".into(),
            _ => String::new(),
        };
        writeln!(out, "  {word}  {}{note}", change.path)?;
    }
    if done.dry_run {
        return writeln!(out, "Nothing was changed (--dry-run). Run `backroad upgrade` to apply it.");
    }
    let conflicts: Vec<&str> = done.conflicts().map(|c| c.path.as_str()).collect();
    if conflicts.is_empty() {
        writeln!(
            out,
            "Nothing is committed yet. Review it with `git diff --cached`, then `git commit` (the message is ready)."
        )?;
    } else {
        writeln!(
            out,
            "{} {}: edit the lines between <<<<<<< and >>>>>>> in each, keeping what you want, then `git add` them and `git commit` (the message is ready). To undo the whole upgrade: `git merge --abort`.",
            p.bad("Conflicts in"),
            conflicts.join(", ")
        )?;
    }
    Ok(())
}
