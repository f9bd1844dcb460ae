//! One module per subcommand, each with an `execute` that writes its report
//! to the given output and returns the exit status.

pub mod bench;
pub mod completions;
pub mod doctor;
pub mod list;
pub mod new;
pub mod tutorial;
pub mod upgrade;
pub mod verify;

use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::ui::Ui;

/// Where the templates come from: the embedded ones, or the folder named by
/// `BACKROAD_TEMPLATES` (for template authors trying a new stack or idea).
pub fn catalog() -> Result<Catalog, Error> {
    match std::env::var_os("BACKROAD_TEMPLATES") {
        Some(dir) if !dir.is_empty() => Catalog::from_dir(dir),
        _ => Catalog::embedded(),
    }
}

/// The idea `--idea` names: a one-line error listing the choices when it is missing.
pub fn idea_flag<'c>(catalog: &'c Catalog, idea: Option<&str>) -> Result<&'c crate::catalog::Idea, Error> {
    match idea {
        Some(name) => catalog.idea(name),
        None => Err(Error::MissingChoice { what: "idea", flag: "--idea", choices: catalog.idea_names() }),
    }
}

/// Runs a parsed command line.
pub fn execute(cli: Cli, ui: &Ui, out: &mut dyn std::io::Write) -> anyhow::Result<ExitCode> {
    let catalog = catalog()?;
    match cli.command {
        Command::New(args) => new::execute(args, &catalog, ui, out),
        Command::List(args) => list::execute(&args, &catalog, out),
        Command::Verify(args) => verify::execute(&args, &catalog, ui, out),
        Command::Bench(args) => bench::execute(&args, &catalog, ui, out),
        Command::Upgrade(args) => upgrade::execute(&args, &catalog, ui, out),
        Command::Doctor(args) => doctor::execute(&args, &catalog, ui, out),
        Command::Tutorial(args) => tutorial::execute(args.command, &catalog, ui, out),
        Command::Completions(args) => completions::execute(&args, &catalog, out),
    }
}
