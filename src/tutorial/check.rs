//! `backroad tutorial check`: the project's own tests, then its server on a
//! free port (with the project's own settings, as the learner runs it) and
//! `verify --step K` against it, then the server stopped. The server is the
//! stack's `run` command, the one that holds the whole contract (Flask's
//! development server, for one, answers bytes that are not HTTP with an HTML
//! page).

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::catalog::{Idea, Stack, Step};
use crate::error::Error;
use crate::verify::Report;

/// How long a server may take to answer /healthz: a Rust project may build first.
const START_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// One command of the stack, run to its end.
#[derive(Debug)]
pub struct Ran {
    pub command: String,
    pub passed: bool,
    /// The last lines it printed.
    pub tail: String,
}

/// What a check found.
#[derive(Debug)]
pub struct Outcome {
    /// The migrations and the tests, in order, up to the first that failed.
    pub commands: Vec<Ran>,
    /// The verify report, or why the server could not be checked (with the
    /// tail of its log).
    pub server: Result<Report, String>,
    /// The folder with the whole output of the commands and the server.
    pub logs: PathBuf,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.commands.iter().all(|r| r.passed) && self.server.as_ref().is_ok_and(Report::all_passed)
    }

    /// One line per thing that failed, for `status`.
    pub fn failing(&self) -> Vec<String> {
        let mut lines: Vec<String> =
            self.commands.iter().filter(|r| !r.passed).map(|r| format!("`{}` failed", r.command)).collect();
        match &self.server {
            Ok(report) => lines.extend(report.checks.iter().filter(|c| !c.passed).map(|c| c.name.clone())),
            Err(why) => lines.push(why.lines().next().unwrap_or_default().to_string()),
        }
        lines
    }
}

/// Runs the check of `step` in the project at `root`; `logs` is where the
/// server's output goes.
pub fn check(root: &Path, stack: &Stack, idea: &Idea, step: &Step, logs: &Path) -> Result<Outcome, Error> {
    let mut commands = Vec::new();
    for script in stack.commands.migrate.iter().chain(&stack.commands.test) {
        let ran = run(root, script, &logs.join("commands.log"))?;
        let passed = ran.passed;
        commands.push(ran);
        if !passed {
            break;
        }
    }
    let server = serve_and_verify(root, stack, idea, step, &logs.join("server.log"))?;
    Ok(Outcome { commands, server, logs: logs.to_path_buf() })
}

fn run(root: &Path, script: &str, log: &Path) -> Result<Ran, Error> {
    let file = File::create(log).map_err(|source| Error::Write { path: log.to_path_buf(), source })?;
    let status = shell(script)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(file.try_clone().map_err(|source| Error::Write { path: log.to_path_buf(), source })?)
        .stderr(file)
        .status()
        .map_err(|e| Error::Command { command: script.to_string(), reason: e.to_string() })?;
    Ok(Ran { command: script.to_string(), passed: status.success(), tail: tail(log, 25) })
}

fn serve_and_verify(
    root: &Path,
    stack: &Stack,
    idea: &Idea,
    step: &Step,
    log: &Path,
) -> Result<Result<Report, String>, Error> {
    let port = free_port()?;
    let file = File::create(log).map_err(|source| Error::Write { path: log.to_path_buf(), source })?;
    let mut command = shell(&format!("exec {}", stack.commands.run));
    command
        .current_dir(root)
        .env("PORT", port.to_string())
        .stdin(Stdio::null())
        .stdout(file.try_clone().map_err(|source| Error::Write { path: log.to_path_buf(), source })?)
        .stderr(file);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .spawn()
        .map_err(|e| Error::Command { command: stack.commands.run.clone(), reason: e.to_string() })?;
    let mut server = Server(child);
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = server.0.try_wait() {
            let why = format!("the server stopped before it answered ({status}); the end of its log:");
            return Ok(Err(format!("{why}\n{}", tail(log, 20))));
        }
        if healthz(port) {
            break;
        }
        if started.elapsed() > START_TIMEOUT {
            let why = format!("the server did not answer /healthz on port {port} within {START_TIMEOUT:?}");
            return Ok(Err(format!("{why}; the end of its log:\n{}", tail(log, 20))));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let report = crate::verify::run_at(&format!("http://127.0.0.1:{port}"), idea, step);
    drop(server);
    Ok(report.map_err(|e| format!("{e}; the end of the server's log:\n{}", tail(log, 20))))
}

/// The server, stopped with its children when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            // The server's process group: the shell's `exec` made the server
            // its leader, and the workers it forks are in it.
            let group = format!("-{}", self.0.id());
            let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
            let until = Instant::now() + Duration::from_secs(5);
            while Instant::now() < until {
                if let Ok(Some(_)) = self.0.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn shell(script: &str) -> Command {
    if cfg!(windows) {
        let mut command = Command::new("cmd");
        command.args(["/C", script]);
        command
    } else {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }
}

fn free_port() -> Result<u16, Error> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|e| Error::Command { command: "(a free port)".into(), reason: e.to_string() })?;
    Ok(listener.local_addr().map(|a| a.port()).unwrap_or(0))
}

/// Whether the server answers `GET /healthz` with 200.
fn healthz(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = "GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/") && &head[9..12] == b"200"
}

/// The last `lines` lines of a file.
pub fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Where a check's logs go: a folder of its own in the system's temp folder,
/// named for the project and its path (two projects of one name are checked
/// side by side), so that nothing is written into the learner's files.
pub fn logs_dir(root: &Path) -> Result<PathBuf, Error> {
    use std::hash::{Hash, Hasher};
    let name = root.file_name().map_or("project".into(), |n| n.to_string_lossy().to_string());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf()).hash(&mut hasher);
    let dir = std::env::temp_dir().join(format!("backroad-check-{name}-{:08x}", hasher.finish() as u32));
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
    Ok(dir)
}
