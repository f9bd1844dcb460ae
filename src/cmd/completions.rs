//! `backroad completions SHELL`: a completion script for bash, zsh, fish or
//! PowerShell, which also completes the names of the catalog's stacks and ideas.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap::builder::PossibleValuesParser;

use crate::catalog::Catalog;
use crate::cli::{Cli, CompletionsArgs};

pub fn execute(args: &CompletionsArgs, catalog: &Catalog, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let stacks: Vec<String> = catalog.stacks.iter().map(|s| s.name.clone()).collect();
    let ideas: Vec<String> = catalog.ideas.iter().map(|i| i.name.clone()).collect();
    // Only the script learns the names: parsing keeps its own one-line errors.
    let names = |values: &[String]| PossibleValuesParser::new(values.to_vec());
    let mut command = Cli::command()
        .mut_subcommand("new", |c| {
            c.mut_arg("stack", |a| a.value_parser(names(&stacks)))
                .mut_arg("idea", |a| a.value_parser(names(&ideas)))
        })
        .mut_subcommand("verify", |c| c.mut_arg("idea", |a| a.value_parser(names(&ideas))))
        .mut_subcommand("doctor", |c| c.mut_arg("stack", |a| a.value_parser(names(&stacks))));
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "backroad", &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
