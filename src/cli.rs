//! What the user typed: the clap definitions, and nothing that checks them
//! beyond their syntax (`plan` does that).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "backroad", version, about = "Generate practice backend projects that run on the first try")]
#[command(
    after_help = "Examples:\n  backroad new chirp --stack flask --idea twitter\n  backroad list\n  backroad verify http://127.0.0.1:5000 --idea twitter"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a new project from a stack and an idea.
    New(NewArgs),
    /// List the stacks and ideas, with what each teaches.
    List(ListArgs),
    /// Check a running server against the shared API contract.
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  backroad new chirp --stack flask --idea twitter\n  cd chirp")]
pub struct NewArgs {
    /// The project's name: letters, digits, '-' and '_', starting with a letter.
    pub name: Option<String>,
    /// The stack to build on (see `backroad list`).
    #[arg(long, short)]
    pub stack: Option<String>,
    /// The idea to build (see `backroad list`).
    #[arg(long, short)]
    pub idea: Option<String>,
    /// Where to write the project [default: ./NAME].
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Write into a non-empty folder: files the template makes replace those at
    /// the same path (each is listed); nothing else is touched.
    #[arg(long)]
    pub force: bool,
    /// Print the files that would be written, with sizes, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not run `git init` and make a first commit.
    #[arg(long)]
    pub no_git: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON, with the commands, port and environment of each stack.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  backroad verify http://127.0.0.1:5000 --idea twitter")]
pub struct VerifyArgs {
    /// The server's base URL, e.g. http://127.0.0.1:5000
    pub url: String,
    /// Which idea's API the server implements.
    #[arg(long, short)]
    pub idea: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
