//! `backroad doctor [--stack S]`: for each tool a stack needs, the version
//! found or "missing", whether it is new enough, and how to install it on
//! Debian/Ubuntu, macOS and Windows. Exit 1 when a tool is missing or too old.
//! `--json` gives the same for scripts (the end-to-end matrix finds its
//! programs and install hints through it).

use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

use crate::catalog::{Catalog, Stack};
use crate::cli::DoctorArgs;
use crate::doctor::{self, Doctor, Found, Row, Status};
use crate::ui::{Palette, Ui};

pub fn execute(
    args: &DoctorArgs,
    catalog: &Catalog,
    ui: &Ui,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let stacks: Vec<&Stack> = match &args.stack {
        Some(name) => vec![catalog.stack(name)?],
        None => catalog.stacks.iter().collect(),
    };
    let mut doctor = Doctor::new(catalog.tools()?);
    if args.json {
        return json(&stacks, &mut doctor, out);
    }
    let mut report = Report { palette: ui.out, quiet: ui.quiet, explained: BTreeSet::new() };
    let (mut ready, mut not_ready) = (Vec::new(), Vec::new());
    for (i, stack) in stacks.iter().enumerate() {
        let rows = doctor.check(stack);
        let problems = doctor::problems(&rows);
        if !(ui.quiet && problems.is_empty()) {
            if i > 0 {
                writeln!(out)?;
            }
            report.stack(stack, &rows, &problems, out)?;
        }
        if problems.is_empty() {
            ready.push(stack.name.as_str())
        } else {
            not_ready.push(stack.name.as_str())
        }
    }
    if stacks.len() > 1 && !ui.quiet {
        let list = |names: &[&str]| if names.is_empty() { "none".to_string() } else { names.join(", ") };
        writeln!(out, "\nReady: {}. Not ready: {}.", list(&ready), list(&not_ready))?;
    }
    Ok(if not_ready.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `{"stacks": [{"name", "ready", "tools": [{"tool", "title", "status", "optional",
/// "version", "program", "install": {"debian", "macos", "windows"}, "note"}]}]}`.
fn json(stacks: &[&Stack], doctor: &mut Doctor, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut all_ready = true;
    let mut report = Vec::new();
    for stack in stacks {
        let rows = doctor.check(stack);
        let ready = doctor::problems(&rows).is_empty();
        all_ready &= ready;
        let tools: Vec<_> = rows
            .iter()
            .map(|row| {
                let (version, program) = match &row.found {
                    Found::Present { version, program, .. } => {
                        (version.as_ref().map(ToString::to_string), Some(program.display().to_string()))
                    }
                    Found::Missing => (None, None),
                };
                let status = match row.status {
                    Status::Ok => "ok",
                    Status::TooOld => "too_old",
                    Status::Missing => "missing",
                    Status::Unknown => "unknown",
                };
                serde_json::json!({
                    "tool": row.prerequisite.tool,
                    "title": row.tool.as_ref().map(|t| t.title.clone()),
                    "status": status,
                    "optional": row.prerequisite.optional,
                    "version": version,
                    "program": program,
                    "install": row.tool.as_ref().map(|t| serde_json::json!({
                        "debian": t.debian, "macos": t.macos, "windows": t.windows
                    })),
                    "note": row.tool.as_ref().and_then(|t| t.note.clone()),
                })
            })
            .collect();
        report.push(serde_json::json!({ "name": stack.name, "ready": ready, "tools": tools }));
    }
    writeln!(out, "{}", serde_json::to_string_pretty(&serde_json::json!({ "stacks": report }))?)?;
    Ok(if all_ready { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

struct Report {
    palette: Palette,
    quiet: bool,
    /// Tools whose install commands were shown already (several stacks share tools).
    explained: BTreeSet<String>,
}

impl Report {
    fn stack(
        &mut self,
        stack: &Stack,
        rows: &[Row],
        problems: &[String],
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let p = self.palette;
        writeln!(out, "{} {}", p.strong(&stack.name), p.dim(&format!("({})", stack.title)))?;
        if rows.is_empty() {
            writeln!(out, "  this stack lists no tools")?;
        }
        let name_width = rows.iter().map(|r| r.prerequisite.tool.len()).max().unwrap_or(0);
        let version_width = rows.iter().map(|r| found_version(&r.found).len()).max().unwrap_or(0);
        let quiet = self.quiet;
        for row in rows.iter().filter(|r| !(quiet && r.ok())) {
            let optional = row.prerequisite.optional;
            let status = match row.status {
                Status::Ok => p.good("ok     "),
                Status::TooOld => p.warn("too old"),
                Status::Missing if optional => p.warn("missing"),
                Status::Missing => p.bad("missing"),
                Status::Unknown => p.bad("unknown"),
            };
            let need = match row.prerequisite.version.as_str() {
                _ if optional => "optional".to_string(),
                "" => "any version".to_string(),
                v => format!("{v} or newer"),
            };
            let why = match row.status {
                Status::Unknown => "backroad does not know this tool: describe it in templates/tools.toml",
                _ => &row.prerequisite.why,
            };
            writeln!(
                out,
                "  {status}  {:name_width$}  {:version_width$}  {:15}  {}",
                row.prerequisite.tool,
                found_version(&row.found),
                need,
                p.dim(why)
            )?;
            if !row.ok() {
                self.explain(row, out)?;
            }
        }
        if self.quiet {
            return Ok(());
        }
        if problems.is_empty() {
            writeln!(out, "  {} every tool {} needs is here.", p.good("Ready:"), stack.name)
        } else {
            writeln!(
                out,
                "  {} install {}, then run `backroad doctor --stack {}` again.",
                p.bad("Not ready:"),
                problems.join(", "),
                stack.name
            )
        }
    }

    /// How to install the tool of `row`, once per report.
    fn explain(&mut self, row: &Row, out: &mut dyn Write) -> std::io::Result<()> {
        let Some(tool) = &row.tool else { return Ok(()) };
        let indent = " ".repeat(11);
        if !self.explained.insert(row.prerequisite.tool.clone()) {
            return writeln!(out, "{indent}install it as shown above");
        }
        writeln!(out, "{indent}{}", tool.title)?;
        for (system, command) in tool.install_commands() {
            writeln!(out, "{indent}{:14} {}", format!("{system}:"), self.palette.accent(command))?;
        }
        if let Some(note) = &tool.note {
            writeln!(out, "{indent}{}", self.palette.dim(note))?;
        }
        Ok(())
    }
}

/// The version found, "found" when it printed none we could read, or "-".
fn found_version(found: &Found) -> String {
    match found {
        Found::Present { version: Some(v), .. } => v.to_string(),
        Found::Present { version: None, .. } => "found".to_string(),
        Found::Missing => "-".to_string(),
    }
}
