//! `backroad list`: the stacks and ideas, as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::cli::ListArgs;

pub fn execute(args: &ListArgs, catalog: &Catalog, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if args.json {
        let json = serde_json::json!({ "stacks": catalog.stacks, "ideas": catalog.ideas });
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = catalog
        .stacks
        .iter()
        .map(|s| s.name.len())
        .chain(catalog.ideas.iter().map(|i| i.name.len()))
        .max()
        .unwrap_or(0);
    writeln!(out, "Stacks (--stack):")?;
    for s in &catalog.stacks {
        writeln!(out, "  {:width$}  {}: {}", s.name, s.title, s.pitch)?;
        writeln!(out, "  {:width$}  database: {}; you will learn {}", "", s.database, s.teaches)?;
    }
    writeln!(out, "\nIdeas (--idea):")?;
    for i in &catalog.ideas {
        writeln!(out, "  {:width$}  {}: {}", i.name, i.title, i.summary)?;
        writeln!(out, "  {:width$}  you will learn {}", "", i.teaches)?;
    }
    writeln!(
        out,
        "\nExample: backroad new my-app --stack {} --idea {}",
        first(&catalog.stack_names()),
        first(&catalog.idea_names())
    )?;
    Ok(ExitCode::SUCCESS)
}

fn first(names: &str) -> &str {
    names.split(", ").next().unwrap_or("")
}
