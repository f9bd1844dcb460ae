//! backroad: generate practice backend projects, and check any server against
//! the shared API contract. `main.rs` only parses and reports; everything else
//! lives here so that tests can run it in-process.

pub mod catalog;
pub mod cli;
pub mod cmd;
pub mod context;
pub mod error;
pub mod generate;
pub mod git;
pub mod plan;
pub mod render;
pub mod tree;
pub mod verify;
pub mod write;

pub use error::Error;

/// Prints an error and its causes on stderr, one line each, and returns the
/// exit status it deserves. A closed stdout (`backroad list | head`) is not
/// an error worth a message.
pub fn report_error(err: &anyhow::Error) -> std::process::ExitCode {
    if let Some(io) = err.downcast_ref::<std::io::Error>()
        && io.kind() == std::io::ErrorKind::BrokenPipe
    {
        return std::process::ExitCode::SUCCESS;
    }
    let mut shown = err.to_string();
    eprintln!("error: {shown}");
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
