//! `cargo xtask docs`: the commands of every generated README.md and DEPLOY.md,
//! run as a reader runs them. For each stack with a `[docs]` section in its
//! e2e.toml: generate a project of that idea (with git, as a reader does),
//! run every block marked `run` or `serve` (see `blocks`) in order in one
//! shell on this machine (Debian), with the reader's substitutions, and check
//! the syntax of every other shell block with `bash -n`. A doc change that
//! breaks a command fails CI.
//!
//! [`chapter`] does the same for a tutorial chapter's "Try it", against the
//! server of its step (`cargo xtask e2e --steps` calls it), and compares each
//! answer the chapter shows with the answer got (see `answers`).

mod answers;
mod blocks;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::backroad::{self, Catalog, Stack};
use crate::doctor::Programs;
use crate::e2e_toml::{Docs, E2e};
use crate::report;
use crate::services::Services;
use crate::steps::{self, Group, Project};

/// The files whose blocks are run, in this order.
const FILES: [&str; 2] = ["README.md", "DEPLOY.md"];
/// Generous: a README may build a Rust project from nothing.
const TIMEOUT: Duration = Duration::from_secs(30 * 60);

#[derive(Debug)]
pub struct Options {
    pub stack: Option<String>,
}

/// Runs the docs of every stack (or the one chosen); `Ok(false)` if any failed.
pub fn run(workspace: &Path, options: &Options) -> Result<bool> {
    println!("==> building backroad");
    let backroad = backroad::build(workspace)?;
    let catalog = Catalog::load(&backroad, &workspace.join("templates"))?;
    let stacks: Vec<&Stack> =
        catalog.combinations(options.stack.as_deref(), None)?.into_iter().map(|(s, _)| s).collect();
    let mut seen = Vec::new();
    let out = workspace.join("target").join("docs");
    let projects = std::env::temp_dir().join(format!("backroad-docs-{}", std::process::id()));
    let programs = Programs::load(&backroad)?;
    let mut services = Services::new(workspace, &projects.join("services"), &out.join("services"), programs);
    let mut failed = 0;
    let mut rows = Vec::new();
    for stack in stacks {
        if seen.contains(&stack.name) {
            continue;
        }
        seen.push(stack.name.clone());
        let Some(docs) = &stack.e2e.docs else {
            println!("\n==> {}: no [docs] in its e2e.toml, nothing to run", stack.name);
            continue;
        };
        println!("\n==> {} x {}: README.md, DEPLOY.md", stack.name, docs.idea);
        let started = Instant::now();
        let ran = one(workspace, &backroad, stack, docs, &projects, &out, &mut services);
        let seconds = started.elapsed().as_secs_f64();
        match ran {
            Ok((run, checked)) => rows
                .push(format!("{:<18} {run:>4} run  {checked:>3} syntax  {seconds:>6.1} s  ok", stack.name)),
            Err(error) => {
                failed += 1;
                println!("!!! {}: {error:#}", stack.name);
                rows.push(format!("{:<18} failed after {seconds:.1} s: {error:#}", stack.name));
            }
        }
    }
    drop(services);
    let _ = fs::remove_dir_all(&projects);
    println!("\n==> docs\n");
    for row in &rows {
        println!("{row}");
    }
    println!("docs: {} passed, {failed} failed", rows.len() - failed);
    Ok(failed == 0)
}

/// One stack: (blocks run, blocks checked for syntax).
fn one(
    workspace: &Path,
    backroad: &Path,
    stack: &Stack,
    docs: &Docs,
    projects: &Path,
    out: &Path,
    services: &mut Services,
) -> Result<(usize, usize)> {
    let name = format!("docs_{}", stack.name);
    let dir = projects.join(&name);
    let logs = out.join(&name);
    for folder in [&dir, &logs] {
        if folder.exists() {
            fs::remove_dir_all(folder).with_context(|| format!("could not remove {}", folder.display()))?;
        }
    }
    fs::create_dir_all(&logs)?;
    let reader = E2e { services: docs.services.clone(), env: docs.env.clone(), ..E2e::default() };
    let env = services.prepare(&reader, &name, &dir)?;

    let mut new = Command::new(backroad);
    new.args(["new", &name, "--stack", &stack.name, "--idea", &docs.idea, "--output"]).arg(&dir);
    steps::run_logged(new, "backroad new", &logs.join("generate.log"), TIMEOUT)?;
    for (file, source) in &docs.files {
        fs::copy(workspace.join(source), dir.join(file))
            .with_context(|| format!("could not give the reader's {file} from {source}"))?;
    }

    let files: Vec<(String, String)> = FILES
        .iter()
        .filter_map(|file| fs::read_to_string(dir.join(file)).ok().map(|text| (file.to_string(), text)))
        .collect();
    let substitute: Vec<(String, String)> = docs.substitute.clone().into_iter().collect();
    let (script, count) = blocks::script(
        &files,
        &blocks::Setting { port: stack.port, substitute: &substitute, fail_on_error: true },
    );
    if count == 0 {
        bail!("no block of README.md or DEPLOY.md is marked `sh run` or `sh serve`");
    }
    let unrun = syntax_check(&files)?;

    let path = logs.join("script.sh");
    fs::write(&path, &script)?;
    println!("  {count} blocks to run, {} checked with bash -n; script: {}", unrun.len(), path.display());
    let mut project = Project {
        dir,
        // Rust projects share the matrix's compiled dependencies.
        env: vec![
            ("CARGO_TARGET_DIR".into(), workspace.join("target").join("e2e-projects").into()),
            ("DOCS_LOGS".into(), logs.clone().into()),
        ],
    };
    for (key, value) in env {
        println!("  the reader's {key}={value}");
        project.env.push((key.into(), value.into()));
    }
    let printed = logs.join("run.log");
    if let Some(fresh) = &docs.fresh {
        project.run(fresh, &printed, TIMEOUT).context("the [docs] `fresh` command")?;
    }
    let mut command = project.shell(&format!("bash {}", path.display()));
    let file = steps::append(&printed)?;
    command.stdout(file.try_clone()?).stderr(file);
    // The group holds the servers the script started: dropping it stops them.
    let mut group = Group::spawn(command)?;
    let status = group.wait(TIMEOUT)?;
    drop(group);
    match status {
        Some(status) if status.success() => Ok((count, unrun.len())),
        other => {
            let why = other.map_or_else(|| "timed out".to_string(), |s| s.to_string());
            println!("--- last 40 lines of {}:\n{}\n---", printed.display(), report::tail(&printed, 40));
            Err(anyhow!("a block failed ({why}); every block's output: {}", printed.display()))
        }
    }
}

/// The words a chapter's reader replaces with what an earlier answer printed.
const CHAPTER_WORDS: [(&str, &str); 3] = [
    ("the-token-you-copied", "{token}"),
    ("the-next-cursor-you-copied", "{json:next_cursor}"),
    // The first of the last list of posts a command printed.
    ("the-post-id-you-copied", "{json:posts.0.id}"),
];

/// Runs the `sh run` blocks of a tutorial chapter in `project`, against its
/// server on `port` (the chapter says `stack_port`), in one shell as a reader
/// pastes them, and compares every answer the chapter shows with what its
/// command printed; the chapter's other shell blocks are checked with
/// `bash -n`. What the blocks print goes to `chapter.log` in `logs`, the
/// script and each block's output to its folder `chapter`.
/// `Ok((blocks run, answers compared))`.
pub fn chapter(
    project: &Project,
    chapter: &Path,
    stack_port: u16,
    port: u16,
    logs: &Path,
) -> Result<(usize, usize)> {
    let name = chapter.strip_prefix(&project.dir).unwrap_or(chapter).display().to_string();
    let text = fs::read_to_string(chapter).with_context(|| format!("could not read {name}"))?;
    let files = [(name.clone(), text)];
    let mut substitute: Vec<(String, String)> =
        CHAPTER_WORDS.iter().map(|(word, value)| (word.to_string(), value.to_string())).collect();
    substitute.push((format!("127.0.0.1:{stack_port}"), format!("127.0.0.1:{port}")));
    let (script, count) =
        blocks::script(&files, &blocks::Setting { port, substitute: &substitute, fail_on_error: false });
    syntax_check(&files)?;
    if count == 0 {
        return Ok((0, 0));
    }
    let printed = logs.join("chapter.log");
    let logs = &logs.join("chapter");
    fs::create_dir_all(logs).with_context(|| format!("could not create {}", logs.display()))?;
    let path = logs.join("try-it.sh");
    fs::write(&path, &script)?;
    let mut reader = Project { dir: project.dir.clone(), env: project.env.clone() };
    reader.env.push(("DOCS_LOGS".into(), logs.into()));
    reader
        .run(&format!("bash {}", path.display()), &printed, TIMEOUT)
        .with_context(|| format!("a block of {name} failed; its output: {}", printed.display()))?;
    let shown = blocks::answered(&files);
    for (n, place, answer) in &shown {
        let got = fs::read_to_string(blocks::printed_file(logs, *n))
            .with_context(|| format!("{place}: its output is missing"))?;
        answers::check(answer, &got).map_err(|why| anyhow!("{place}: the answer shown after it: {why}"))?;
    }
    Ok((count, shown.len()))
}

/// Checks the shell blocks that are not run with `bash -n`; returns them.
fn syntax_check(files: &[(String, String)]) -> Result<Vec<(String, String)>> {
    let unrun = blocks::unrun_shell(files);
    for (place, text) in &unrun {
        let status =
            Command::new("bash").args(["-n", "-c", text]).status().context("could not run bash -n")?;
        if !status.success() {
            bail!("{place}: not valid shell (bash -n)");
        }
    }
    Ok(unrun)
}
