//! backroad: generate practice backend projects, and check any server against
//! the shared API contract. `main.rs` only parses and reports; everything else
//! lives here so that tests can run it in-process.

pub mod bench;
pub mod catalog;
pub mod cli;
pub mod cmd;
pub mod doctor;
pub mod error;
pub mod generate;
pub mod tree;
pub mod tutorial;
pub mod ui;
pub mod upgrade;
pub mod verify;
pub mod wizard;

use anstream::eprintln;

pub use error::Error;

/// Prints an error and its causes on stderr, one line each, and returns the
/// exit status it deserves. A closed stdout (`backroad list | head`) is not
/// an error worth a message, and cancelling is not an error at all.
pub fn report_error(err: &anyhow::Error, palette: ui::Palette) -> std::process::ExitCode {
    if let Some(io) = err.downcast_ref::<std::io::Error>()
        && io.kind() == std::io::ErrorKind::BrokenPipe
    {
        return std::process::ExitCode::SUCCESS;
    }
    if let Some(cancelled @ Error::Cancelled) = err.downcast_ref::<Error>() {
        eprintln!("{}", palette.dim("Cancelled: nothing was written."));
        return std::process::ExitCode::from(cancelled.exit_code());
    }
    let mut shown = err.to_string();
    eprintln!("{} {shown}", palette.bad("error:"));
    // Our messages often quote their cause already; print only what is new.
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !shown.contains(&cause) {
            eprintln!("  caused by: {cause}");
        }
        shown = cause;
    }
    let code = err.downcast_ref::<Error>().map_or(1, Error::exit_code);
    std::process::ExitCode::from(code)
}
