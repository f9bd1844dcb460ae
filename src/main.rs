use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = backroad::cli::Cli::parse();
    let mut stdout = std::io::stdout().lock();
    match backroad::cmd::execute(cli, &mut stdout) {
        Ok(code) => code,
        Err(err) => backroad::report_error(&err),
    }
}
