//! `backroad bench URL --idea I [--posts N | --compare A,B]`: the load test,
//! its progress on standard error and its table (or JSON) on standard output.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Mutex;

use crate::bench::report::thousands;
use crate::bench::{self, Event, MAX_CONNECTIONS, MAX_POSTS, MAX_SECONDS, Options};
use crate::catalog::Catalog;
use crate::cli::BenchArgs;
use crate::error::Error;
use crate::ui::Ui;

const DEFAULT_POSTS: u64 = 5_000;

pub fn execute(
    args: &BenchArgs,
    catalog: &Catalog,
    ui: &Ui,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let idea = super::idea_flag(catalog, args.idea.as_deref())?;
    let options = options(args)?;
    let talk = !args.json && !ui.quiet;
    let progress = Progress::new(talk, std::io::stderr().is_terminal());
    let report = bench::run(&args.url, idea, &options, &|event| progress.show(event))?;
    progress.done();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?;
    } else {
        if !ui.quiet {
            writeln!(
                out,
                "{}: {} users (one following {}), {} connections, {} s a read\n",
                report.url, report.users, report.follows, report.connections, report.seconds
            )?;
        }
        write!(out, "{}", report.table())?;
        if report.errors() > 0 {
            writeln!(out, "\n{}", ui.out.warn("Some requests failed: the server's log says why."))?;
        }
    }
    Ok(if report.errors() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The options, each within its bound, or a one-line error saying which.
fn options(args: &BenchArgs) -> Result<Options, Error> {
    let bad = |reason: String| Error::BadBench { reason };
    let sizes = match (args.posts, args.compare.as_slice()) {
        (Some(n), _) => vec![n],
        (None, []) => vec![DEFAULT_POSTS],
        (None, [_]) => {
            return Err(bad("--compare needs two sizes or more, e.g. --compare 5000,50000".into()));
        }
        (None, sizes) => sizes.to_vec(),
    };
    if sizes.windows(2).any(|w| w[0] >= w[1]) {
        return Err(bad("--compare's sizes go up: give them smallest first, e.g. 5000,50000".into()));
    }
    if let Some(&n) = sizes.iter().find(|&&n| n == 0 || n > MAX_POSTS) {
        return Err(bad(format!("{n} posts: give 1 to {} posts", thousands(MAX_POSTS))));
    }
    if !(1..=MAX_CONNECTIONS).contains(&args.connections) {
        return Err(bad(format!("--connections {}: give 1 to {MAX_CONNECTIONS}", args.connections)));
    }
    if !(1..=MAX_SECONDS).contains(&args.seconds) {
        return Err(bad(format!("--seconds {}: give 1 to {MAX_SECONDS}", args.seconds)));
    }
    if !(4..=1000).contains(&args.users) {
        return Err(bad(format!("--users {}: give 4 to 1000", args.users)));
    }
    if args.page == 0 {
        return Err(bad("--page 0: pages count from 1".into()));
    }
    Ok(Options {
        sizes,
        users: args.users,
        connections: args.connections,
        seconds: args.seconds,
        deep_page: args.page,
    })
}

/// The bench's progress on standard error: a bar redrawn in place on a
/// terminal, a line per stage elsewhere (a log, CI).
struct Progress {
    talk: bool,
    terminal: bool,
    /// The last percentage drawn, so that the bar is redrawn 100 times at most.
    drawn: Mutex<Option<u64>>,
}

impl Progress {
    fn new(talk: bool, terminal: bool) -> Self {
        Self { talk, terminal, drawn: Mutex::new(None) }
    }

    fn show(&self, event: Event) {
        if !self.talk {
            return;
        }
        let mut drawn = self.drawn.lock().expect("no thread panics holding it");
        match event {
            Event::Users { users, base } => eprintln!("making {users} users on {base}"),
            Event::Filling { done, total } => {
                let percent = done * 100 / total.max(1);
                if *drawn == Some(percent) {
                    return;
                }
                if self.terminal {
                    let filled = (percent / 5) as usize;
                    eprint!(
                        "\rposts [{}{}] {}/{}",
                        "#".repeat(filled),
                        "-".repeat(20 - filled),
                        thousands(done),
                        thousands(total)
                    );
                    if done == total {
                        eprintln!();
                    }
                } else if drawn.is_none() {
                    eprintln!("making posts up to {}", thousands(total));
                }
                *drawn = Some(percent);
            }
            Event::Reading { posts, read, seconds } => {
                *drawn = None;
                eprintln!("reading {read} at {} posts ({seconds} s)", thousands(posts));
            }
        }
    }

    fn done(&self) {
        if self.talk {
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    fn parsed(line: &str) -> Result<Options, Error> {
        let cli = Cli::try_parse_from(line.split_whitespace()).unwrap();
        let Command::Bench(args) = cli.command else { panic!("not bench") };
        options(&args)
    }

    #[test]
    fn sizes_default_to_5000_and_compare_goes_up() {
        assert_eq!(parsed("backroad bench http://x -i twitter").unwrap().sizes, [5000]);
        assert_eq!(parsed("backroad bench http://x --compare 1000,10000").unwrap().sizes, [1000, 10000]);
        assert_eq!(parsed("backroad bench http://x --posts 7").unwrap().sizes, [7]);
    }

    #[test]
    fn each_bound_is_a_one_line_error() {
        for (line, says) in [
            ("backroad bench http://x --compare 5000", "two sizes"),
            ("backroad bench http://x --compare 50000,5000", "smallest first"),
            ("backroad bench http://x --posts 0", "give 1 to 1,000,000 posts"),
            ("backroad bench http://x --posts 2000000", "give 1 to 1,000,000 posts"),
            ("backroad bench http://x --connections 0", "--connections 0"),
            ("backroad bench http://x --seconds 600", "--seconds 600"),
            ("backroad bench http://x --users 2", "--users 2"),
            ("backroad bench http://x --page 0", "--page 0"),
        ] {
            let error = parsed(line).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{line}");
            let text = error.to_string();
            assert!(text.contains(says) && !text.contains('\n'), "{line}: {text}");
        }
    }
}
