//! A Python virtualenv under target/ holding exactly what one pinned
//! requirements.txt names: the fuzzer's (Schemathesis), the packager's
//! (maturin). Made on first use and made again when requirements.txt changes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::steps;

const INSTALL_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// Makes `venv` from `requirements` unless it was made from that same file
/// (a copy is kept inside it), and returns the path of its `program`.
pub fn ensure(venv: &Path, requirements: &Path, program: &str, log: &Path) -> Result<PathBuf> {
    let program = venv.join("bin").join(program);
    let wanted = fs::read_to_string(requirements)
        .with_context(|| format!("could not read {}", requirements.display()))?;
    let stamp = venv.join("requirements.txt");
    if program.exists() && fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(program);
    }
    if venv.exists() {
        fs::remove_dir_all(venv).with_context(|| format!("could not remove {}", venv.display()))?;
    }
    let mut make = Command::new("python3");
    make.args(["-m", "venv"]).arg(venv);
    steps::run_logged(make, &format!("python3 -m venv {}", venv.display()), log, INSTALL_TIMEOUT)?;
    let mut pip = Command::new(venv.join("bin").join("pip"));
    pip.args(["install", "--quiet", "--requirement"]).arg(requirements);
    let label = format!("pip install --requirement {}", requirements.display());
    steps::run_logged(pip, &label, log, INSTALL_TIMEOUT)?;
    fs::write(&stamp, wanted)?;
    Ok(program)
}
