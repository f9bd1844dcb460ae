//! Running things: commands in their own process group with their output in a
//! log file, the server behind a guard that stops it whatever happens, a free
//! port, and the health poll.
//!
//! Output goes to files, never pipes: a server's workers inherit the handles,
//! and a pipe nobody reads would block them.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

/// How long a stopped group gets between SIGTERM and SIGKILL.
const GRACE: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(100);

/// A generated project: where its commands run and the environment they share.
pub struct Project {
    pub dir: PathBuf,
    pub env: Vec<(OsString, OsString)>,
}

impl Project {
    /// `sh -c script` in the project directory, as the stack's README runs it.
    pub fn shell(&self, script: &str) -> Command {
        let mut command = Command::new("sh");
        command.arg("-c").arg(script).current_dir(&self.dir).envs(self.env.iter().cloned());
        command
    }

    /// Runs `script` to the end, its output appended to `log`.
    pub fn run(&self, script: &str, log: &Path, timeout: Duration) -> Result<()> {
        run_logged(self.shell(script), script, log, timeout)
    }

    /// Starts `script` in the background with its output in `log`.
    pub fn start(&self, script: &str, env: &[(&str, String)], log: &Path) -> Result<Group> {
        let file = append(log)?;
        let mut command = self.shell(script);
        command.envs(env.iter().map(|(k, v)| (k, v))).stdout(file.try_clone()?).stderr(file);
        Group::spawn(command).with_context(|| format!("could not start `{script}`"))
    }
}

/// Opens a log file for appending, creating it if needed.
pub fn append(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("could not open {}", path.display()))
}

/// Runs `command` to the end, appending a `$ label` line and everything it
/// prints to `log`; a non-zero exit is an error.
pub fn run_logged(mut command: Command, label: &str, log: &Path, timeout: Duration) -> Result<()> {
    let mut file = append(log)?;
    writeln!(file, "$ {label}")?;
    command.stdout(file.try_clone()?).stderr(file);
    let status = run_to_end(command, timeout).with_context(|| format!("`{label}`"))?;
    if !status.success() {
        bail!("`{label}` failed ({status})");
    }
    Ok(())
}

/// Runs `command` in its own process group and waits for it, stopping the
/// whole group if it outlives `timeout`.
pub fn run_to_end(command: Command, timeout: Duration) -> Result<ExitStatus> {
    let mut group = Group::spawn(command)?;
    group.wait(timeout)?.ok_or_else(|| anyhow!("still running after {} s, stopped", timeout.as_secs()))
}

/// A child started as the leader of a new process group, and with it whatever
/// it starts (a shell's command, gunicorn's workers). Dropping the guard stops
/// the whole group: SIGTERM, then SIGKILL after a grace period.
pub struct Group {
    child: Child,
    status: Option<ExitStatus>,
}

impl Group {
    pub fn spawn(mut command: Command) -> Result<Self> {
        // Nothing is ever asked of a person, and CI has no stdin at all.
        let child = command.stdin(Stdio::null()).process_group(0).spawn()?;
        Ok(Self { child, status: None })
    }

    /// The leader's exit status, if it has exited (without waiting).
    pub fn exited(&mut self) -> Result<Option<ExitStatus>> {
        if self.status.is_none() {
            self.status = self.child.try_wait()?;
        }
        Ok(self.status)
    }

    /// Waits up to `timeout` for the leader to exit; `None` means it is still
    /// running, and the group has been stopped.
    pub fn wait(&mut self, timeout: Duration) -> Result<Option<ExitStatus>> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.exited()? {
                return Ok(Some(status));
            }
            sleep(POLL);
        }
        self.stop();
        Ok(None)
    }

    /// Stops every process of the group. Safe to call twice.
    pub fn stop(&mut self) {
        for (signal, patience) in [(libc::SIGTERM, GRACE), (libc::SIGKILL, GRACE)] {
            if !self.group_alive() {
                break;
            }
            self.signal(signal);
            let deadline = Instant::now() + patience;
            while self.group_alive() && Instant::now() < deadline {
                sleep(POLL);
            }
        }
    }

    fn pgid(&self) -> libc::pid_t {
        // `process_group(0)` made the child the leader: its group id is its pid.
        self.child.id() as libc::pid_t
    }

    fn signal(&self, signal: libc::c_int) {
        // SAFETY: kill(2) with a negative pid signals the group; it touches no memory.
        unsafe { libc::kill(-self.pgid(), signal) };
    }

    /// Whether any process is left in the group. Reaps the leader on the way,
    /// since an unreaped leader would count as alive forever.
    fn group_alive(&mut self) -> bool {
        let _ = self.exited();
        // SAFETY: signal 0 only checks that the group exists.
        unsafe { libc::kill(-self.pgid(), 0) == 0 }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port nothing listens on right now (the OS picks it).
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Polls `GET /healthz` on 127.0.0.1:`port` until it answers 200. Fails if
/// the server exits first or `timeout` passes.
pub fn wait_healthy(server: &mut Group, port: u16, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = server.exited()? {
            bail!("the server exited ({status}) before GET /healthz answered 200");
        }
        let answer = healthz_status(port);
        if answer == Some(200) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            let last = answer.map_or("no answer".to_string(), |code| format!("last answer {code}"));
            bail!("GET /healthz did not answer 200 within {} s ({last})", timeout.as_secs());
        }
        sleep(Duration::from_millis(250));
    }
}

/// Waits until something accepts TCP connections on 127.0.0.1:`port` (a
/// database server). Fails if the server exits first or `timeout` passes.
pub fn wait_listening(server: &mut Group, port: u16, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    loop {
        if let Some(status) = server.exited()? {
            bail!("it exited ({status}) before listening on port {port}");
        }
        if TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_ok() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            bail!("nothing listened on port {port} within {} s", timeout.as_secs());
        }
        sleep(Duration::from_millis(100));
    }
}

/// The status code of one `GET /healthz`, or `None` if nothing answered.
pub fn healthz_status(port: u16) -> Option<u16> {
    get(port, "/healthz").map(|(status, _)| status)
}

/// The status code and body of one `GET path` on 127.0.0.1:`port`, or `None`
/// if nothing answered.
pub fn get(port: u16, path: &str) -> Option<(u16, String)> {
    request(port, "GET", path, None)
}

/// The status code and body of one request on 127.0.0.1:`port`, with a JSON
/// body if one is given, or `None` if nothing answered.
pub fn request(port: u16, method: &str, path: &str, json: Option<&str>) -> Option<(u16, String)> {
    let limit = Some(Duration::from_secs(2));
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(limit).ok()?;
    stream.set_write_timeout(limit).ok()?;
    let body = json.map_or(String::new(), |json| {
        format!("Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}", json.len())
    });
    let body = if body.is_empty() { "\r\n".to_string() } else { body };
    let request =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{body}");
    stream.write_all(request.as_bytes()).ok()?;
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).ok()?;
    // "HTTP/1.1 200 OK"
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    // The rest, headers and body: Connection: close ends it. A read that times
    // out keeps what came.
    let mut rest = Vec::new();
    let _ = std::io::Read::read_to_end(&mut reader, &mut rest);
    let rest = String::from_utf8_lossy(&rest);
    let body = rest.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    Some((status, body.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::thread;

    fn group_exists(pgid: libc::pid_t) -> bool {
        unsafe { libc::kill(-pgid, 0) == 0 }
    }

    /// Starts `sh -c script` in a group of its own and returns once the
    /// script has run `$READY` (touched the file it names): no guessing how
    /// long a shell takes to start.
    fn spawn_ready(script: &str) -> Group {
        let ready = std::env::temp_dir().join(format!("xtask-ready-{}-{}", std::process::id(), next_id()));
        let mut command = Command::new("sh");
        command.args(["-c", script]).env("READY", &ready);
        let group = Group::spawn(command).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ready.exists() {
            assert!(Instant::now() < deadline, "the script never got to `touch $READY`");
            thread::yield_now();
        }
        let _ = std::fs::remove_file(&ready);
        group
    }

    /// A number no other test of this process uses at the same time.
    fn next_id() -> u64 {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    #[test]
    fn stop_ends_the_leader_and_what_it_started() {
        // The inner sleeps are the shell's children: a plain child.kill() would miss them.
        let group = spawn_ready("sleep 300 & sleep 300 & touch \"$READY\"; wait");
        let pgid = group.pgid();
        assert!(group_exists(pgid));
        let started = Instant::now();
        drop(group);
        assert!(!group_exists(pgid));
        assert!(started.elapsed() < GRACE, "SIGTERM should have been enough");
    }

    #[test]
    fn stop_escalates_to_sigkill() {
        // Ready only once the trap is set: SIGTERM is ignored from then on.
        let mut group = spawn_ready("trap '' TERM; touch \"$READY\"; while :; do sleep 0.1; done");
        let pgid = group.pgid();
        group.stop();
        assert!(!group_exists(pgid));
    }

    #[test]
    fn wait_times_out_and_stops() {
        let mut command = Command::new("sleep");
        command.arg("300");
        let error = run_to_end(command, Duration::from_millis(300)).unwrap_err();
        assert_eq!(error.to_string(), "still running after 0 s, stopped");
    }

    #[test]
    fn run_logs_the_command_and_its_output_and_reports_failure() {
        let dir = std::env::temp_dir().join(format!("xtask-steps-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let project = Project { dir: dir.clone(), env: vec![("GREETING".into(), "hello".into())] };
        let log = dir.join("step.log");
        project.run("echo $GREETING; echo oops >&2", &log, Duration::from_secs(10)).unwrap();
        let error = project.run("exit 3", &log, Duration::from_secs(10)).unwrap_err();
        assert_eq!(error.to_string(), "`exit 3` failed (exit status: 3)");
        let text = std::fs::read_to_string(&log).unwrap();
        assert_eq!(text, "$ echo $GREETING; echo oops >&2\nhello\noops\n$ exit 3\n");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn free_port_can_be_bound() {
        let port = free_port().unwrap();
        assert_ne!(port, 0);
        TcpListener::bind(("127.0.0.1", port)).unwrap();
    }

    /// A one-shot server that answers every request with `status`.
    fn answer_with(status: &'static str) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut request = [0; 1024];
                let _ = stream.read(&mut request);
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n");
            }
        });
        port
    }

    #[test]
    fn reads_the_healthz_status() {
        assert_eq!(healthz_status(answer_with("200 OK")), Some(200));
        assert_eq!(healthz_status(answer_with("503 Service Unavailable")), Some(503));
        assert_eq!(healthz_status(free_port().unwrap()), None);
    }

    fn sleeper() -> Group {
        let mut command = Command::new("sleep");
        command.arg("300");
        Group::spawn(command).unwrap()
    }

    #[test]
    fn waits_for_a_healthy_answer() {
        wait_healthy(&mut sleeper(), answer_with("200 OK"), Duration::from_secs(5)).unwrap();
        let error =
            wait_healthy(&mut sleeper(), answer_with("503 Service Unavailable"), Duration::from_millis(500));
        assert!(error.unwrap_err().to_string().ends_with("(last answer 503)"));
    }

    #[test]
    fn a_server_that_exits_fails_at_once() {
        let mut command = Command::new("sh");
        command.args(["-c", "exit 4"]);
        let started = Instant::now();
        let error =
            wait_healthy(&mut Group::spawn(command).unwrap(), free_port().unwrap(), Duration::from_secs(30));
        assert_eq!(
            error.unwrap_err().to_string(),
            "the server exited (exit status: 4) before GET /healthz answered 200"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

/// What a combination runs one after the other with: its stack, when the
/// stack's ideas share a build folder (`shared_build` in its e2e.toml), else
/// nothing but itself.
pub fn build_group(stack: &crate::backroad::Stack, idea: &crate::backroad::Idea) -> String {
    if stack.e2e.shared_build { stack.name.clone() } else { format!("{} x {}", stack.name, idea.name) }
}

/// Runs `work` on every item, `jobs` at a time, and returns what each gave,
/// in the items' order. Consecutive items with the same `group` run one after
/// the other, in order, never side by side: the two ideas of a stack that
/// share a build folder (`build_group`) would build (and lock) it at once.
pub fn side_by_side<T: Sync, R: Send>(
    items: &[T],
    group: impl Fn(&T) -> String,
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match groups.last_mut() {
            Some(last) if group(&items[last[0]]) == group(item) => last.push(i),
            _ => groups.push(vec![i]),
        }
    }
    let queue = std::sync::Mutex::new(groups.into_iter());
    let done = std::sync::Mutex::new(std::collections::BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("no worker panics holding it").next();
                    let Some(indices) = next else { break };
                    for i in indices {
                        let result = work(&items[i]);
                        done.lock().expect("no worker panics holding it").insert(i, result);
                    }
                }
            });
        }
    });
    done.into_inner().expect("the workers are done").into_values().collect()
}

#[cfg(test)]
mod side_by_side_tests {
    use std::sync::Mutex;

    use super::side_by_side;

    #[test]
    fn results_keep_the_items_order_and_a_group_runs_in_order() {
        let items = ["a1", "a2", "b1", "c1", "c2", "c3"];
        let order = Mutex::new(Vec::new());
        let results = side_by_side(
            &items,
            |item| item[..1].to_string(),
            2,
            |item| {
                order.lock().unwrap().push(item.to_string());
                item.to_uppercase()
            },
        );
        assert_eq!(results, ["A1", "A2", "B1", "C1", "C2", "C3"]);
        let order = order.into_inner().unwrap();
        let position = |name: &str| order.iter().position(|o| o == name).unwrap();
        assert!(position("a1") < position("a2"));
        assert!(position("c1") < position("c2") && position("c2") < position("c3"));
    }

    #[test]
    fn a_group_never_runs_beside_itself() {
        // Two workers, one group: never two of its items at once.
        let items = ["x1", "x2", "x3", "x4"];
        let running = Mutex::new(0);
        let most = Mutex::new(0);
        side_by_side(
            &items,
            |item| item[..1].to_string(),
            2,
            |_| {
                let now = {
                    let mut running = running.lock().unwrap();
                    *running += 1;
                    *running
                };
                let mut most = most.lock().unwrap();
                *most = (*most).max(now);
                drop(most);
                std::thread::sleep(std::time::Duration::from_millis(20));
                *running.lock().unwrap() -= 1;
            },
        );
        assert_eq!(*most.lock().unwrap(), 1);
    }
}
