use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = backroad::cli::Cli::parse();
    let ui = backroad::ui::Ui::new(&cli.global);
    // anstream strips the colours again when the choice says none (a pipe, NO_COLOR).
    let mut stdout = anstream::stdout().lock();
    match backroad::cmd::execute(cli, &ui, &mut stdout) {
        Ok(code) => code,
        Err(err) => backroad::report_error(&err, ui.err),
    }
}
