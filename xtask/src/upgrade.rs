//! The upgrade step of the matrix (`[upgrade]` in a stack's e2e.toml): a
//! project made by this backroad, changed and committed as a learner would,
//! is upgraded with `backroad upgrade` to a newer backroad (a copy of
//! templates/ with one change), and then goes through the combination's
//! usual steps: it must still install, pass its tests and `verify`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::e2e_toml::{Edit, Upgrade};
use crate::steps;

const TIMEOUT: Duration = Duration::from_secs(120);

/// Changes the project as the learner, makes the newer templates under
/// `scratch`, upgrades, checks that both changes are there and nothing is in
/// conflict, and commits as the learner would.
pub fn run(
    backroad: &Path,
    templates: &Path,
    spec: &Upgrade,
    project: &Path,
    package: &str,
    scratch: &Path,
    log: &Path,
) -> Result<()> {
    let learner_file = spec.learner.file.replace("{package}", package);
    edit(&project.join(&learner_file), &spec.learner)?;
    git(project, &["commit", "--quiet", "--all", "--message", "A learner's change"], log)?;

    let newer = scratch.join("templates-newer");
    if newer.exists() {
        fs::remove_dir_all(&newer).with_context(|| format!("could not remove {}", newer.display()))?;
    }
    copy_dir(templates, &newer)?;
    edit(&newer.join(&spec.newer.file), &spec.newer)?;

    let mut upgrade = Command::new(backroad);
    upgrade.arg("upgrade").current_dir(project).env("BACKROAD_TEMPLATES", &newer);
    steps::run_logged(upgrade, "BACKROAD_TEMPLATES=<templates, changed> backroad upgrade", log, TIMEOUT)?;

    let text = fs::read_to_string(project.join(&learner_file))
        .with_context(|| format!("could not read {learner_file} after the upgrade"))?;
    if !text.contains(&spec.learner.to) {
        bail!("the upgrade lost the learner's change to {learner_file}");
    }
    let unchanged_by_handlebars = !spec.newer.to.contains("{{");
    if unchanged_by_handlebars && !project_holds(project, &spec.newer.to)? {
        bail!("the upgrade did not bring the newer backroad's change ({:?})", spec.newer.to);
    }
    git(project, &["commit", "--quiet", "--no-edit"], log)?;
    Ok(())
}

/// In `path`, every `edit.from` becomes `edit.to`; there must be one.
fn edit(path: &Path, edit: &Edit) -> Result<()> {
    let text = fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))?;
    if !text.contains(&edit.from) {
        bail!("{} has no {:?}: update [upgrade] in the stack's e2e.toml", path.display(), edit.from);
    }
    fs::write(path, text.replace(&edit.from, &edit.to))
        .with_context(|| format!("could not write {}", path.display()))
}

/// Whether a file the project tracks holds `text`.
fn project_holds(project: &Path, text: &str) -> Result<bool> {
    let out = Command::new("git")
        .args(["grep", "--quiet", "--fixed-strings", "--cached", text])
        .current_dir(project)
        .status()?;
    Ok(out.success())
}

fn git(dir: &Path, args: &[&str], log: &Path) -> Result<()> {
    let mut command = Command::new("git");
    command
        .args(["-c", "user.name=Learner", "-c", "user.email=learner@example.com"])
        .args(args)
        .current_dir(dir);
    steps::run_logged(command, &format!("git {}", args.join(" ")), log, TIMEOUT)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("could not create {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("could not read {}", from.display()))? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .with_context(|| format!("could not copy to {}", target.display()))?;
        }
    }
    Ok(())
}
