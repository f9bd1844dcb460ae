//! A private MariaDB server for the matrix: its own data directory, a free
//! TCP port on 127.0.0.1, and a user with every privilege. It never touches
//! the machine's own MariaDB (its service, /etc/mysql, /var/lib/mysql).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::doctor::Programs;
use crate::steps::{self, Group};

/// A first start initialises InnoDB's files: seconds, more on a busy machine.
const READY_TIMEOUT: Duration = Duration::from_secs(120);
const INSTALL_TIMEOUT: Duration = Duration::from_secs(300);
const SQL_TIMEOUT: Duration = Duration::from_secs(60);
/// The account the generated projects connect with, over TCP.
const USER: &str = "backroad";

/// A private MariaDB server for the matrix run; dropping it stops it.
pub struct MariaDb {
    server: Group,
    port: u16,
    password: String,
    socket: PathBuf,
    log: PathBuf,
    /// The client and its administration tool, from doctor's `mariadb`.
    client: PathBuf,
    admin: PathBuf,
}

impl MariaDb {
    /// Initialises a data directory under `state` (an empty folder) and starts
    /// mariadbd on a free 127.0.0.1 TCP port, logging to `log`; waits until it
    /// accepts connections. Works as root on a fresh Debian machine.
    pub fn start(programs: &Programs, state: &Path, log: &Path) -> Result<Self> {
        // The server is doctor's `mariadbd`; the rest come with the client, beside it.
        let server = programs.program("mariadbd")?;
        let client = programs.program("mariadb")?;
        let admin = programs.beside("mariadb", &["mariadb-admin", "mysqladmin"])?;
        let install_db = programs.beside("mariadb", &["mariadb-install-db", "mysql_install_db"])?;
        if let Some(folder) = log.parent() {
            fs::create_dir_all(folder).with_context(|| format!("could not create {}", folder.display()))?;
        }
        let data = state.join("data");
        fs::create_dir_all(&data).with_context(|| format!("could not create {}", data.display()))?;
        let data = data.canonicalize()?;
        // A Unix socket path must fit in 108 bytes, which a deep state folder
        // may not: the socket goes to the temporary folder, named after this run.
        let socket = std::env::temp_dir().join(format!("backroad-mariadb-{}.sock", std::process::id()));
        let _ = fs::remove_file(&socket);

        // --no-defaults everywhere: /etc/mysql's settings belong to the system's server.
        let mut install = Command::new(install_db);
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            // The only administrator is whoever runs the matrix, through the socket.
            .args(["--auth-root-authentication-method=socket", "--skip-test-db"])
            .arg(format!("--auth-root-socket-user={}", os_user()?))
            .args(run_as());
        steps::run_logged(install, "mariadb-install-db", log, INSTALL_TIMEOUT)
            .context("could not initialise a MariaDB data directory")?;

        let port = steps::free_port()?;
        let file = steps::append(log)?;
        let mut command = Command::new(server);
        command
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--pid-file={}", state.join("mariadbd.pid").display()))
            .arg(format!("--port={port}"))
            .args(["--bind-address=127.0.0.1", "--skip-name-resolve"])
            .args(["--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"])
            // Throwaway data: durability is not worth a disk flush per commit.
            .args(["--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=64M", "--skip-log-bin"])
            .args(run_as())
            .stdout(file.try_clone()?)
            .stderr(file);
        let server = Group::spawn(command).context("could not start mariadbd")?;
        let password = random_password()?;
        let mut db = Self { server, port, password, socket, log: log.to_path_buf(), client, admin };
        db.wait_ready()?;
        // The projects get a password user over TCP, as on any real server.
        db.root_sql(
            "create the projects' user",
            &format!(
                "CREATE USER '{USER}'@'127.0.0.1' IDENTIFIED BY '{password}';\n\
             GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'127.0.0.1' WITH GRANT OPTION;",
                password = db.password
            ),
        )
        .context("could not create the MariaDB user")?;
        Ok(db)
    }

    /// ("mysql_host", ..), ("mysql_port", ..), ("mysql_user", ..), ("mysql_password", ..):
    /// a user with every privilege, over TCP.
    pub fn vars(&self) -> Vec<(String, String)> {
        [
            ("mysql_host", "127.0.0.1".to_string()),
            ("mysql_port", self.port.to_string()),
            ("mysql_user", USER.to_string()),
            ("mysql_password", self.password.clone()),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect()
    }

    /// Drops and re-creates each database, empty, utf8mb4.
    pub fn reset_databases(&self, names: &[String]) -> Result<()> {
        check_names(names)?;
        let mut sql = String::new();
        for name in names {
            sql.push_str(&format!(
                "DROP DATABASE IF EXISTS `{name}`;\n\
                 CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
            ));
        }
        self.root_sql(&format!("reset {}", names.join(", ")), &sql)
            .with_context(|| format!("could not reset the databases {}", names.join(", ")))
    }

    /// Polls until the server answers on its socket; fails if it exits first.
    fn wait_ready(&mut self) -> Result<()> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(status) = self.server.exited()? {
                bail!(
                    "mariadbd exited ({status}) before it accepted connections; see {}",
                    self.log.display()
                );
            }
            let mut ping = Command::new(&self.admin);
            ping.arg("--no-defaults")
                .arg(format!("--socket={}", self.socket.display()))
                .arg(format!("--user={}", os_user()?))
                .args(["--connect-timeout=2", "ping"])
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            if steps::run_to_end(ping, SQL_TIMEOUT).is_ok_and(|status| status.success()) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "mariadbd did not accept connections within {} s; see {}",
                    READY_TIMEOUT.as_secs(),
                    self.log.display()
                );
            }
            sleep(Duration::from_millis(250));
        }
    }

    /// Runs SQL as the administrator over the socket, its output appended to
    /// the log after `$ mariadb: {what}` (never the SQL: it may hold a password).
    fn root_sql(&self, what: &str, sql: &str) -> Result<()> {
        let mut client = Command::new(&self.client);
        client
            .arg("--no-defaults")
            .arg(format!("--socket={}", self.socket.display()))
            .arg(format!("--user={}", os_user()?))
            .args(["--batch", "--execute", sql]);
        steps::run_logged(client, &format!("mariadb: {what}"), &self.log, SQL_TIMEOUT)
    }
}

/// Names go into SQL as identifiers, which cannot be parameters: only plain ones pass.
fn check_names(names: &[String]) -> Result<()> {
    for name in names {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            bail!("database name `{name}` is not made of [a-z0-9_]");
        }
    }
    Ok(())
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        self.server.stop();
        let _ = fs::remove_file(&self.socket);
    }
}

/// mariadbd refuses to run as root unless told to, and the `mysql` account
/// may not be able to enter the state folder: as root, it stays root. It only
/// listens on 127.0.0.1 and lives as long as the run.
fn run_as() -> Vec<String> {
    // SAFETY: geteuid has no preconditions and touches no memory.
    if unsafe { libc::geteuid() } == 0 { vec!["--user=root".to_string()] } else { Vec::new() }
}

/// The name of the account running this process: the unix_socket plugin
/// lets it in as the database user of the same name.
fn os_user() -> Result<String> {
    // SAFETY: getpwuid returns a pointer into static storage, or null; the name is
    // copied out at once, before any other call could overwrite it.
    unsafe {
        let entry = libc::getpwuid(libc::geteuid());
        if entry.is_null() {
            bail!("this process's user id has no name in /etc/passwd");
        }
        Ok(std::ffi::CStr::from_ptr((*entry).pw_name).to_string_lossy().into_owned())
    }
}

/// 16 random bytes as hex, from the kernel's CSPRNG.
fn random_password() -> Result<String> {
    let mut bytes = [0u8; 16];
    fs::File::open("/dev/urandom")
        .and_then(|mut urandom| urandom.read_exact(&mut bytes))
        .context("could not read /dev/urandom")?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_must_be_plain_identifiers() {
        // Checked before any server is involved: a fake one suffices.
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for bad in [&["x`; DROP DATABASE mysql; --"][..], &[""], &["UPPER"], &["ok", "a-b"]] {
            let error = check_names(&names(bad)).unwrap_err().to_string();
            assert!(error.contains("is not made of [a-z0-9_]"), "{error}");
        }
        check_names(&names(&["e2e_lamp_twitter", "e2e_lamp_twitter_test"])).unwrap();
    }

    #[test]
    fn passwords_are_random_hex() {
        let (a, b) = (random_password().unwrap(), random_password().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
