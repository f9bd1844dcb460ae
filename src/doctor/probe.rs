//! Finding a tool: run the commands that show it, and read its version from
//! what they print.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use regex::Regex;

use super::version::Version;

/// Long enough for a cold `mongod --version`; a tool that hangs is not usable.
const TIMEOUT: Duration = Duration::from_secs(10);

/// What looking for a tool found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Missing,
    Present {
        /// The command that answered, e.g. `python3 --version`.
        command: String,
        /// Where its program is (`/usr/sbin/apache2`): scripts run it from there.
        program: std::path::PathBuf,
        /// `None` when it printed none we could read.
        version: Option<Version>,
    },
}

/// Runs each command of `find` until one exits 0 (and prints a line equal to
/// `contains`, when given), and reads the version from its output.
pub fn probe(find: &[Vec<String>], contains: Option<&str>, version: &Regex) -> Found {
    for argv in find {
        let Some(output) = run(argv) else { continue };
        if let Some(line) = contains
            && !output.lines().any(|l| l.trim().eq_ignore_ascii_case(line))
        {
            continue;
        }
        return Found::Present {
            command: argv.join(" "),
            program: locate(&argv[0]),
            version: read_version(&output, version),
        };
    }
    Found::Missing
}

/// The path of a program that ran: as written when it has a folder, else the
/// first of that name on PATH (the one `Command` ran).
fn locate(program: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(program);
    if path.components().count() > 1 {
        return path.to_path_buf();
    }
    let search = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&search)
        .map(|folder| folder.join(program))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| path.to_path_buf())
}

/// The first group of `pattern` that matched (or the whole match).
pub fn read_version(output: &str, pattern: &Regex) -> Option<Version> {
    let captures = pattern.captures(output)?;
    let text = captures.iter().skip(1).flatten().next().or_else(|| captures.get(0))?;
    Version::parse(text.as_str())
}

/// `program`, found as a shell would find it. On Windows, npm, npx and
/// phpunit are `.cmd` or `.bat` scripts, which only cmd.exe finds on the PATH
/// (a process started directly must be an `.exe`).
fn command(program: &str) -> Command {
    if cfg!(windows) {
        let mut command = Command::new("cmd");
        command.args(["/d", "/c", program]);
        command
    } else {
        Command::new(program)
    }
}

/// Standard output and standard error of a command that exited 0 in time.
fn run(argv: &[String]) -> Option<String> {
    let (program, args) = argv.split_first()?;
    let mut child = command(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    // Read both pipes while waiting, so a chatty tool cannot fill one and block.
    let readers = [child.stdout.take().map(read_all), child.stderr.take().map(read_all)];
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < TIMEOUT => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let text: String = readers.into_iter().flatten().filter_map(|r| r.join().ok()).collect();
    status.success().then_some(text)
}

fn read_all(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_pattern() -> Regex {
        Regex::new(super::super::DEFAULT_VERSION).unwrap()
    }

    #[test]
    fn reads_the_first_dotted_number_by_default() {
        let pattern = default_pattern();
        let read = |text| read_version(text, &pattern).map(|v| v.to_string());
        assert_eq!(read("Python 3.11.7\n").as_deref(), Some("3.11.7"));
        assert_eq!(read("v20.20.2").as_deref(), Some("20.20.2"));
        assert_eq!(read("cargo 1.95.0 (f2d3ce0bd 2026-03-21)").as_deref(), Some("1.95.0"));
        assert_eq!(read("PHP 8.2.36 (cli) (built: Nov 18 2026 20:02:04) (NTS)").as_deref(), Some("8.2.36"));
        assert_eq!(read("[PHP Modules]\npdo_mysql\n"), None);
    }

    #[test]
    fn a_pattern_picks_the_group_that_matched() {
        let pattern = Regex::new(r"Distrib (\d+\.\d+(?:\.\d+)?)|from (\d+\.\d+(?:\.\d+)?)").unwrap();
        let read = |text| read_version(text, &pattern).map(|v| v.to_string());
        let old = "mariadb  Ver 15.1 Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)";
        assert_eq!(read(old).as_deref(), Some("10.11.6"));
        let new = "mariadb from 11.4.2-MariaDB, client 15.2 for debian-linux-gnu (x86_64)";
        assert_eq!(read(new).as_deref(), Some("11.4.2"));
    }

    #[test]
    #[cfg(unix)]
    fn a_missing_or_failing_command_is_not_found() {
        let pattern = default_pattern();
        let argv = |a: &[&str]| vec![a.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        assert_eq!(probe(&argv(&["backroad-no-such-tool", "--version"]), None, &pattern), Found::Missing);
        assert_eq!(probe(&argv(&["false"]), None, &pattern), Found::Missing);
        let echo = probe(&argv(&["echo", "tool 1.2.3"]), None, &pattern);
        let Found::Present { command, program, version } = echo else { panic!("echo is there") };
        assert_eq!((command.as_str(), version), ("echo tool 1.2.3", Version::parse("1.2.3")));
        assert!(program.is_absolute() && program.ends_with("echo"), "{}", program.display());
        assert_eq!(probe(&argv(&["echo", "mbstring"]), Some("pdo_mysql"), &pattern), Found::Missing);
    }
}
