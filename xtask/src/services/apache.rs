//! Apache with mod_php for the matrix: a private instance on a free port,
//! configured from the generated project's own virtual host
//! (`apache/vhost.conf`) and `public/.htaccess`, as a learner would install
//! them. Nothing of the machine's Apache set-up (/etc/apache2, its service)
//! is used, only its binary, its modules and /etc/mime.types.

use std::ffi::CString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::doctor::Programs;
use crate::steps::{self, Group};

/// Where Debian (and Ubuntu) keep Apache's modules; Fedora's layout second.
const MODULE_DIRS: [&str; 2] = ["/usr/lib/apache2/modules", "/usr/lib64/httpd/modules"];
/// The modules the vhost and .htaccess use, beside mod_php.
const MODULES: [(&str, &str); 8] = [
    ("mpm_prefork_module", "mod_mpm_prefork.so"), // mod_php needs a process per request
    ("authz_core_module", "mod_authz_core.so"),   // Require
    ("dir_module", "mod_dir.so"),                 // DirectoryIndex
    ("mime_module", "mod_mime.so"),               // Content-Type of static files
    ("rewrite_module", "mod_rewrite.so"),         // .htaccess: the front controller
    ("headers_module", "mod_headers.so"),         // .htaccess: security headers
    ("env_module", "mod_env.so"),                 // PassEnv, SetEnv
    ("reqtimeout_module", "mod_reqtimeout.so"),   // the vhost: RequestReadTimeout (slow clients)
];
/// The account Apache's workers run as when it is started as root (it refuses root).
const WORKER_USER: &str = "www-data";

/// Starts Apache with mod_php in the foreground (its own process group),
/// serving the generated project at `project` on 127.0.0.1:`port`, configured
/// from the project's own virtual host file and its public/.htaccess; every
/// (name, value) of `env` reaches PHP (getenv/$_SERVER). `state` is an empty
/// folder for the generated config, pid file and lock; Apache's error and
/// access logs go to `log` (or beside it).
pub fn serve(
    programs: &Programs,
    project: &Path,
    port: u16,
    env: &[(String, String)],
    state: &Path,
    log: &Path,
) -> Result<Group> {
    let project = project.canonicalize().with_context(|| format!("no project at {}", project.display()))?;
    let vhost = project.join("apache").join("vhost.conf");
    if !vhost.is_file() {
        bail!("{} is missing: the project has no virtual host to serve", vhost.display());
    }
    fs::create_dir_all(state).with_context(|| format!("could not create {}", state.display()))?;
    let state = state.canonicalize()?;
    let log = absolute(log)?;
    if let Some(folder) = log.parent() {
        fs::create_dir_all(folder).with_context(|| format!("could not create {}", folder.display()))?;
    }

    let worker = if is_root() { Some(account(WORKER_USER)?) } else { None };
    if let (Some(worker), Some((_, dir))) = (&worker, env.iter().find(|(name, _)| name == "UPLOAD_DIR")) {
        // As DEPLOY.md has a learner do: the upload folder, and only it, belongs
        // to the account PHP runs as.
        writable_by(&project.join(dir), worker)?;
    }

    let modules = module_dir().with_context(|| programs.missing("apache2"))?;
    let php = php_module(&modules).with_context(|| programs.missing("apache2"))?;
    let config = Config {
        project: &project,
        port,
        env,
        state: &state,
        log: &log,
        modules: &modules,
        php: &php,
        worker,
    };
    let file = state.join("apache2.conf");
    fs::write(&file, config.render()?).with_context(|| format!("could not write {}", file.display()))?;

    let output = steps::append(&log)?;
    let apache = programs.program("apache2")?;
    let mut command = Command::new(apache);
    command
        .arg("-f")
        .arg(&file)
        .args(["-D", "FOREGROUND"])
        .envs(env.iter().map(|(name, value)| (name, value)))
        .stdout(output.try_clone()?)
        .stderr(output);
    Group::spawn(command).context("could not start apache2")
}

struct Config<'a> {
    project: &'a Path,
    port: u16,
    env: &'a [(String, String)],
    state: &'a Path,
    log: &'a Path,
    modules: &'a Path,
    php: &'a Path,
    worker: Option<Account>,
}

impl Config<'_> {
    /// The server-wide part a Debian apache2.conf would hold, then the project's vhost.
    fn render(&self) -> Result<String> {
        let mut text = String::new();
        let (state, log) = (quote(self.state)?, quote(self.log)?);
        writeln!(
            text,
            "# Written by cargo xtask e2e: Apache with mod_php serving {}.",
            self.project.display()
        )?;
        writeln!(text, "ServerRoot {state}\nDefaultRuntimeDir {state}")?;
        writeln!(text, "PidFile {}", quote(&self.state.join("apache2.pid"))?)?;
        // Locks as files in the state folder, not in Debian's /var/run/apache2.
        writeln!(text, "Mutex \"file:{}\" default", self.state.display())?;
        writeln!(text, "ServerName 127.0.0.1\nListen 127.0.0.1:{}", self.port)?;
        for (name, file) in MODULES {
            writeln!(text, "LoadModule {name} {}", quote(&self.modules.join(file))?)?;
        }
        writeln!(text, "LoadModule php_module {}", quote(self.php)?)?;
        if let Some(worker) = &self.worker {
            writeln!(text, "User {0}\nGroup #{1}", worker.name, worker.gid)?;
        }
        writeln!(text, "StartServers 2\nMinSpareServers 2\nMaxSpareServers 6\nMaxRequestWorkers 16")?;
        writeln!(text, "TypesConfig /etc/mime.types\nAddDefaultCharset Off")?;
        writeln!(text, "ErrorLog {log}\nLogLevel warn")?;
        // %D: the time taken, in microseconds.
        writeln!(text, "LogFormat \"%h %t \\\"%r\\\" %>s %b %Dus\" brief\nCustomLog {log} brief")?;
        text.push_str(
            "# As in Debian's apache2.conf and php8.2.conf: nothing outside the vhost's\n\
             # folders is served, no .ht* file ever, and *.php runs through mod_php.\n\
             <Directory />\n    AllowOverride None\n    Require all denied\n</Directory>\n\
             <FilesMatch \"^\\.ht\">\n    Require all denied\n</FilesMatch>\n\
             <FilesMatch \".+\\.php$\">\n    SetHandler application/x-httpd-php\n</FilesMatch>\n",
        );
        for (name, _) in self.env {
            if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                bail!("environment variable name `{name}` cannot be passed to Apache");
            }
            writeln!(text, "PassEnv {name}")?;
        }
        // The vhost reads both; its own defaults (/var/www/..., port 80) step aside.
        writeln!(text, "Define APP_ROOT {}\nDefine APP_PORT {}", quote(self.project)?, self.port)?;
        writeln!(text, "Include {}", quote(&self.project.join("apache").join("vhost.conf"))?)?;
        Ok(text)
    }
}

/// A path as a double-quoted Apache argument.
fn quote(path: &Path) -> Result<String> {
    let text = path.to_str().with_context(|| format!("{} is not UTF-8", path.display()))?;
    if text.contains(['"', '\\', '\n', '$']) {
        bail!("{text} holds a character Apache's configuration cannot quote");
    }
    Ok(format!("\"{text}\""))
}

fn absolute(path: &Path) -> Result<PathBuf> {
    Ok(if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) })
}

fn module_dir() -> Result<PathBuf> {
    MODULE_DIRS
        .iter()
        .map(PathBuf::from)
        .find(|dir| dir.join("mod_rewrite.so").is_file())
        .context("Apache's modules were not found")
}

/// mod_php's file is named after its PHP version: libphp8.2.so.
fn php_module(modules: &Path) -> Result<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(modules)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with("libphp") && name.ends_with(".so")
        })
        .collect();
    found.sort();
    found.pop().with_context(|| format!("no mod_php in {}", modules.display()))
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and touches no memory.
    unsafe { libc::geteuid() == 0 }
}

struct Account {
    name: String,
    uid: libc::uid_t,
    gid: libc::gid_t,
}

fn account(name: &str) -> Result<Account> {
    let c_name = CString::new(name)?;
    // SAFETY: getpwnam returns null or a pointer to static storage, read at once.
    let entry = unsafe { libc::getpwnam(c_name.as_ptr()) };
    if entry.is_null() {
        bail!("no account `{name}` for Apache's workers (Debian's apache2 package creates it)");
    }
    // SAFETY: not null, checked above.
    let (uid, gid) = unsafe { ((*entry).pw_uid, (*entry).pw_gid) };
    Ok(Account { name: name.to_string(), uid, gid })
}

/// Creates `dir` if needed and hands it to `account`, with what is in it already.
fn writable_by(dir: &Path, account: &Account) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    let mut paths = vec![dir.to_path_buf()];
    for entry in fs::read_dir(dir)? {
        paths.push(entry?.path());
    }
    for path in paths {
        std::os::unix::fs::chown(&path, Some(account.uid), Some(account.gid))
            .with_context(|| format!("could not give {} to {}", path.display(), account.name))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_loads_mod_php_passes_the_env_and_includes_the_vhost() {
        let env = vec![("DB_NAME".to_string(), "e2e".to_string())];
        let worker = Some(Account { name: "www-data".into(), uid: 33, gid: 33 });
        let config = Config {
            project: Path::new("/tmp/p"),
            port: 8123,
            env: &env,
            state: Path::new("/tmp/s"),
            log: Path::new("/tmp/l/server.log"),
            modules: Path::new(MODULE_DIRS[0]),
            php: Path::new("/usr/lib/apache2/modules/libphp8.2.so"),
            worker,
        };
        let text = config.render().unwrap();
        for line in [
            "Listen 127.0.0.1:8123",
            "LoadModule php_module \"/usr/lib/apache2/modules/libphp8.2.so\"",
            "User www-data",
            "PassEnv DB_NAME",
            "Define APP_ROOT \"/tmp/p\"",
            "Define APP_PORT 8123",
            "Include \"/tmp/p/apache/vhost.conf\"",
            "ErrorLog \"/tmp/l/server.log\"",
        ] {
            assert!(text.lines().any(|l| l == line), "no line {line:?} in\n{text}");
        }
    }

    #[test]
    fn paths_that_apache_cannot_quote_are_refused() {
        assert_eq!(quote(Path::new("/tmp/a b")).unwrap(), "\"/tmp/a b\"");
        assert!(quote(Path::new("/tmp/a\"b")).is_err());
        assert!(quote(Path::new("/tmp/${X}")).is_err());
    }
}
