//! `backroad verify URL --idea I [--step K]`: the conformance suite against a server.

use std::io::Write;
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::cli::VerifyArgs;
use crate::ui::Ui;

pub fn execute(
    args: &VerifyArgs,
    catalog: &Catalog,
    ui: &Ui,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let idea = super::idea_flag(catalog, args.idea.as_deref())?;
    let step = match &args.step {
        Some(given) => idea.step(given)?,
        None => idea.last_step(),
    };
    let warn = !args.json && !ui.quiet;
    let report = crate::verify::run_then(&args.url, idea, step, |url| {
        if warn {
            // The checks write to the server's database, which may be the learner's own.
            let note = format!(
                "note: verify signs up users named vf_... on {url} and posts as them; they stay (the project's reset command starts over)"
            );
            eprintln!("{}", ui.err.warn(&note));
        }
    })?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?;
    } else if ui.quiet {
        report.write_failures(out)?;
    } else {
        report.write_styled(out, ui.out)?;
    }
    Ok(if report.all_passed() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
