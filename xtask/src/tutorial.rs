//! `cargo xtask e2e --steps`: the tutorial's steps, each checked as a learner
//! would find it. For every stack x idea, the steps run one after the other in
//! one folder: the project of step K is generated (`backroad new --step K`),
//! installed, linted, tested with its own tests, seeded once it has the seed,
//! started, its chapter's "Try it" run as a learner pastes it (each answer
//! compared with the one the chapter shows, see `docs::chapter`), and checked
//! with `backroad verify --step K`; then the next step's
//! project takes its place. What a learner's project keeps from one step to
//! the next is kept ([`Tutorial`] of the stack's e2e.toml): the installed
//! packages, the database (so every migration runs on the data the step
//! before left) and the build folder. The last step is the finished project,
//! which `cargo xtask e2e` checks; `--last` checks it here too.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::backroad::{self, Catalog, Idea, Stack, Step};
use crate::doctor::Programs;
use crate::e2e;
use crate::services::Services;
use crate::steps::{self, Project};

const STEP_TIMEOUT: Duration = Duration::from_secs(30 * 60);
const HEALTH_TIMEOUT: Duration = Duration::from_secs(60);
/// The photo a chapter's reader uploads: the one `verify` uploads.
const PHOTO: &[u8] = include_bytes!("../../src/verify/images/pixel.jpg");

#[derive(Debug)]
pub struct Options {
    pub stack: Option<String>,
    pub idea: Option<String>,
    pub out: PathBuf,
    pub keep: bool,
    /// Run the last step too (the finished project, which `e2e` covers).
    pub last: bool,
    /// How many combinations run side by side.
    pub jobs: usize,
}

/// One step of one combination: how far it got.
#[derive(Debug, Default)]
struct Cell {
    tests: Option<(u64, u64)>,
    verify: Option<(u64, u64)>,
    /// The chapter's blocks run and answers compared.
    chapter: Option<(usize, usize)>,
    /// Written as a learner's own solution, not the reference (build-along).
    own: bool,
    seconds: f64,
    /// The stage that failed and why.
    failure: Option<(&'static str, String, PathBuf)>,
}

/// Runs the steps and prints the table of step x combination; `Ok(false)`
/// if any step failed.
pub fn run(workspace: &Path, options: &Options) -> Result<bool> {
    let (backroad, _, catalog) = Catalog::build(workspace)?;
    let combinations = catalog.combinations(options.stack.as_deref(), options.idea.as_deref())?;
    fs::create_dir_all(&options.out)
        .with_context(|| format!("could not create {}", options.out.display()))?;
    let projects = std::env::temp_dir().join(format!("backroad-steps-{}", std::process::id()));
    // The database servers start here, and every combination gets its
    // database before any runs; then the stacks run side by side (`jobs` at a
    // time, `steps::side_by_side`), sharing the servers; the two ideas of a
    // stack that shares a build folder one after the other.
    let (services, prepared) = Services::for_combinations(
        workspace,
        &projects,
        &options.out.join("services"),
        Programs::load(&backroad)?,
        &combinations,
        project_name,
    );
    let runner = Runner {
        backroad,
        out: options.out.clone(),
        projects: projects.clone(),
        shared_target: workspace.join("target").join("e2e-projects"),
        workspace: workspace.to_path_buf(),
        last: options.last,
        ports: Mutex::new(()),
    };
    let started = Instant::now();
    let jobs: Vec<_> = combinations.iter().zip(prepared).collect();
    let columns: Vec<(String, BTreeMap<u32, Cell>)> = steps::side_by_side(
        &jobs,
        |((stack, idea), _)| steps::build_group(stack, idea),
        options.jobs,
        |((stack, idea), env)| {
            let name = format!("{} x {}", stack.name, idea.name);
            println!("==> {name}, step by step");
            (name, runner.combination(stack, idea, env, &services))
        },
    );
    drop(services);

    let table = table(&combinations, &columns);
    println!("\n==> the tutorial's steps ({:.0} s)\n\n{table}", started.elapsed().as_secs_f64());
    let failures: Vec<(&String, &Cell)> =
        columns.iter().flat_map(|(name, cells)| cells.values().map(move |c| (name, c))).collect();
    let failures: Vec<_> = failures.into_iter().filter(|(_, c)| c.failure.is_some()).collect();
    for (name, cell) in &failures {
        let (stage, reason, log) = cell.failure.as_ref().expect("filtered on failure");
        println!("  {name} at {stage}: {reason}\n    log: {}", log.display());
    }
    if options.keep {
        println!("The last step's projects are kept in {}", projects.display());
    } else if projects.exists() {
        fs::remove_dir_all(&projects).with_context(|| format!("could not remove {}", projects.display()))?;
    }
    let ran: usize = columns.iter().map(|(_, cells)| cells.len()).sum();
    println!("e2e --steps: {} passed, {} failed", ran - failures.len(), failures.len());
    Ok(failures.is_empty())
}

/// The folder (and database) of a combination's steps.
fn project_name(stack: &Stack, idea: &Idea) -> String {
    format!("steps_{}_{}", stack.name, idea.name)
}

struct Runner {
    backroad: PathBuf,
    out: PathBuf,
    projects: PathBuf,
    shared_target: PathBuf,
    workspace: PathBuf,
    last: bool,
    /// Held while a job picks its server's port (see `step`).
    ports: Mutex<()>,
}

impl Runner {
    /// Every step of one combination, in order, in one folder. A step that
    /// fails is reported and the next ones still run: each is a project of
    /// its own, and the table shows all of them.
    fn combination(
        &self,
        stack: &Stack,
        idea: &Idea,
        env: &Result<Vec<(String, String)>>,
        services: &Services,
    ) -> BTreeMap<u32, Cell> {
        let name = project_name(stack, idea);
        let label = format!("{} x {}", stack.name, idea.name);
        let dir = self.projects.join(&name);
        let aside = self.projects.join(format!("{name}.kept"));
        let mut cells = BTreeMap::new();
        // One database for all the steps, made once: each step migrates it further.
        let env = match env {
            Ok(env) => env,
            Err(error) => {
                let log = self.out.join("services");
                let cell = Cell { failure: Some(("services", format!("{error:#}"), log)), ..Cell::default() };
                return BTreeMap::from([(1, cell)]);
            }
        };
        let last = idea.steps.last().map_or(0, |s| s.number);
        // The build-along idea goes through the last step too: a learner's
        // tutorial ends there.
        let along = stack.e2e.tutorial.build_along.as_deref() == Some(idea.name.as_str());
        for step in idea.steps.iter().filter(|s| self.last || along || s.number < last) {
            let logs = self.out.join(&name).join(format!("{:02}-{}", step.number, step.name));
            let started = Instant::now();
            let mut cell = Cell::default();
            let ran = if along {
                self.along(stack, idea, step, &dir, env, &logs, services, &mut cell)
            } else {
                self.step(stack, idea, step, &dir, &aside, env, &logs, services, &mut cell)
            };
            let seconds = started.elapsed().as_secs_f64();
            if let Err((stage, error)) = ran {
                println!("  !!! [{label}] step {} failed at {stage}: {error:#}", step.number);
                let log = logs.join(format!("{stage}.log"));
                println!(
                    "  --- last 30 lines of {}:\n{}\n  ---",
                    log.display(),
                    crate::report::tail(&log, 30)
                );
                cell.failure = Some((stage, format!("{error:#}"), log));
            } else {
                println!(
                    "  [{label}] {} ({seconds:.0} s)",
                    cell_text(&format!("step {}, {}", step.number, step.name), &cell)
                );
            }
            cell.seconds = seconds;
            cells.insert(step.number, cell);
        }
        cells
    }

    #[allow(clippy::too_many_arguments)]
    fn step(
        &self,
        stack: &Stack,
        idea: &Idea,
        step: &Step,
        dir: &Path,
        aside: &Path,
        env: &[(String, String)],
        logs: &Path,
        services: &Services,
        cell: &mut Cell,
    ) -> Result<(), (&'static str, anyhow::Error)> {
        let at = |stage: &'static str| move |error: anyhow::Error| (stage, error);
        let log = |stage: &str| logs.join(format!("{stage}.log"));
        let e2e = steps_e2e(stack, idea);
        let tutorial = &e2e.tutorial.clone();
        replace_project(dir, aside, &tutorial.keep, logs).map_err(at("generate"))?;
        let mut new = Command::new(&self.backroad);
        new.args(["new", "project", "--stack", &stack.name, "--idea", &idea.name, "--step", &step.name])
            .args(["--no-git", "--quiet", "--output"])
            .arg(dir);
        let label = format!("backroad new project -s {} -i {} --step {}", stack.name, idea.name, step.name);
        steps::run_logged(new, &label, &log("generate"), STEP_TIMEOUT).map_err(at("generate"))?;
        restore_kept(dir, aside, &tutorial.keep).map_err(at("generate"))?;

        let project = self.project(dir, env);
        let commands = &stack.commands;
        let install = tutorial.install.as_deref().unwrap_or(&commands.install);
        for (stage, scripts) in [("install", install), ("lint", commands.lint.as_slice())] {
            for script in scripts {
                project.run(script, &log(stage), STEP_TIMEOUT).map_err(at(stage))?;
            }
        }
        let mut ran = Ok(());
        for script in &commands.test {
            ran = project.run(script, &log("test"), STEP_TIMEOUT);
            if ran.is_err() {
                break;
            }
        }
        let output = fs::read_to_string(log("test")).unwrap_or_default();
        let counts = stack.e2e.test_summary.read(&output).map_err(at("test"))?;
        cell.tests = Some((counts.passed, counts.total()));
        ran.map_err(at("test"))?;
        if counts.failed > 0 || counts.total() == 0 {
            return Err(("test", anyhow!("{} of {} tests passed", counts.passed, counts.total())));
        }
        self.serve_and_try(stack, idea, step, &e2e, &project, logs, services, cell, true)
    }

    /// The end of a step: the seed (from the web step on), the server, the
    /// chapter's "Try it" as a learner runs it (before verify adds data of
    /// its own), with `verify` then `backroad verify --step K`; the server
    /// is stopped after.
    #[allow(clippy::too_many_arguments)]
    fn serve_and_try(
        &self,
        stack: &Stack,
        idea: &Idea,
        step: &Step,
        e2e: &crate::e2e_toml::E2e,
        project: &Project,
        logs: &Path,
        services: &Services,
        cell: &mut Cell,
        verify: bool,
    ) -> Result<(), (&'static str, anyhow::Error)> {
        let at = |stage: &'static str| move |error: anyhow::Error| (stage, error);
        let log = |stage: &str| logs.join(format!("{stage}.log"));
        let commands = &stack.commands;
        let has = |part: &str| {
            idea.steps
                .iter()
                .take_while(|s| s.number <= step.number)
                .any(|s| s.parts.iter().any(|p| p == part))
        };
        // The seed arrives with the front end.
        if has("web") {
            for script in &commands.seed {
                project.run(script, &log("seed"), STEP_TIMEOUT).map_err(at("seed"))?;
            }
        }
        // From choosing a free port until the server holds it, no other job
        // may choose one: two could be given the same.
        let choosing = self.ports.lock().expect("no job panics holding it");
        let port = steps::free_port().map_err(at("server"))?;
        let serve = E2eServe { e2e, choice: e2e.tutorial.serve.as_deref() };
        let run = serve.command(commands).map_err(at("server"))?;
        let mut server = services.serve(e2e, project, run, port, &log("server")).map_err(at("server"))?;
        steps::wait_healthy(&mut server, port, HEALTH_TIMEOUT).map_err(at("server"))?;
        drop(choosing);
        // The chapter's `photo.jpg` is "any photo of yours".
        let photo = project.dir.join("photo.jpg");
        if !photo.exists() {
            fs::write(&photo, PHOTO).map_err(|e| ("chapter", e.into()))?;
        }
        let chapter =
            project.dir.join("docs").join("tutorial").join(format!("{:02}-{}.md", step.number, step.name));
        let ran = crate::docs::chapter(project, &chapter, stack.port, port, logs).map_err(at("chapter"))?;
        cell.chapter = Some(ran);
        if verify {
            let verdict =
                e2e::verify(&self.backroad, port, idea, Some(&step.name), logs).map_err(at("verify"))?;
            cell.verify = Some((verdict.passed, verdict.total()));
            verdict.passed_all().map_err(at("verify"))?;
        }
        drop(server);
        Ok(())
    }

    /// The project of a step: the shared cargo target folder and the
    /// combination's environment (its database).
    fn project(&self, dir: &Path, env: &[(String, String)]) -> Project {
        let mut project = Project {
            dir: dir.to_path_buf(),
            env: vec![("CARGO_TARGET_DIR".into(), self.shared_target.clone().into())],
        };
        project.env.extend(env.iter().map(|(k, v)| (k.into(), v.into())));
        project
    }
}

/// A stack's e2e settings for the steps: `[tutorial].serve`, when given,
/// replaces the matrix's server too.
fn steps_e2e(stack: &Stack, idea: &Idea) -> crate::e2e_toml::E2e {
    let mut e2e = stack.e2e.for_idea(&idea.name);
    if e2e.tutorial.serve.is_some() {
        e2e.server = None;
    }
    e2e
}

impl Runner {
    /// One step of the idea that goes through build-along mode, in one
    /// folder from start to end, as a learner's: step 1 is `backroad tutorial
    /// start` (installed, linted, its chapter run, verified at step 1); each
    /// later step K is `tutorial check` (which must fail: the step is not
    /// written; at the first step written), `tutorial skip` (the reference merged, no conflict), the
    /// install and lint, `tutorial check` (the tests and verify --step K,
    /// which must pass), the chapter's commands, and `tutorial next`.
    #[allow(clippy::too_many_arguments)]
    fn along(
        &self,
        stack: &Stack,
        idea: &Idea,
        step: &Step,
        dir: &Path,
        env: &[(String, String)],
        logs: &Path,
        services: &Services,
        cell: &mut Cell,
    ) -> Result<(), (&'static str, anyhow::Error)> {
        let at = |stage: &'static str| move |error: anyhow::Error| (stage, error);
        let log = |stage: &str| logs.join(format!("{stage}.log"));
        // The logs start empty; the project only at step 1, then it grows.
        let fresh = |path: &Path, make: bool| -> Result<()> {
            if path.exists() {
                fs::remove_dir_all(path).with_context(|| format!("could not remove {}", path.display()))?;
            }
            if make {
                fs::create_dir_all(path).with_context(|| format!("could not create {}", path.display()))?;
            }
            Ok(())
        };
        fresh(logs, true).map_err(at("generate"))?;
        if step.number == 1 {
            fresh(dir, false).map_err(at("generate"))?;
        }
        let e2e = steps_e2e(stack, idea);
        let project = self.project(dir, env);
        let backroad = format!("'{}'", self.backroad.display());
        let commands = &stack.commands;
        let install = e2e.tutorial.install.clone().unwrap_or_else(|| commands.install.clone());
        let install_and_lint = |project: &Project| -> Result<(), (&'static str, anyhow::Error)> {
            for (stage, scripts) in [("install", install.as_slice()), ("lint", commands.lint.as_slice())] {
                for script in scripts {
                    project.run(script, &log(stage), STEP_TIMEOUT).map_err(at(stage))?;
                }
            }
            Ok(())
        };
        if step.number == 1 {
            let mut start = Command::new(&self.backroad);
            start
                .args([
                    "tutorial",
                    "start",
                    "project",
                    "--stack",
                    &stack.name,
                    "--idea",
                    &idea.name,
                    "--output",
                ])
                .arg(dir);
            let label = format!("backroad tutorial start project -s {} -i {}", stack.name, idea.name);
            steps::run_logged(start, &label, &log("generate"), STEP_TIMEOUT).map_err(at("generate"))?;
            // The learner's photo, for the chapters' uploads.
            fs::write(dir.join("photo.jpg"), PHOTO).map_err(|e| ("generate", e.into()))?;
            // Installed, not linted: the next step's tests are in place, and in
            // Rust they do not compile until the step is written (the other
            // idea lints step 1; every later step is linted once written).
            for script in &install {
                project.run(script, &log("install"), STEP_TIMEOUT).map_err(at("install"))?;
            }
        } else {
            let check = format!("{backroad} tutorial check");
            // Before the step is written, its check must fail, and verify must
            // say so (not only the tests). Checked at the first step written:
            // at every step it would cost a test run and a verify each, and CI
            // has 45 minutes; `tests/tutorial.rs` and the renders' unit test
            // hold that every task lacks its step's code.
            if step.number == 2 {
                if project.run(&check, &log("check-before"), STEP_TIMEOUT).is_ok() {
                    return Err((
                        "check-before",
                        anyhow!("`tutorial check` passed before the step was written"),
                    ));
                }
                let output = fs::read_to_string(log("check-before")).unwrap_or_default();
                match verify_counts(&output, step.number) {
                    Some((passed, total)) if passed < total => {}
                    other => {
                        let why = format!("verify did not name the step's missing checks ({other:?})");
                        return Err(("check-before", anyhow!(why)));
                    }
                }
            }
            match &e2e.tutorial.own {
                // The learner's own code, written another way than the reference.
                Some(own) if own.step == step.name => {
                    let patch = self.workspace.join(&own.patch);
                    let apply = format!("git apply '{}'", patch.display());
                    project.run(&apply, &log("own"), STEP_TIMEOUT).map_err(at("own"))?;
                    install_and_lint(&project)?;
                    project.run(&check, &log("check-own"), STEP_TIMEOUT).map_err(at("check-own"))?;
                    cell.own = true;
                    // Then the learner takes the reference, so that the steps
                    // after it merge without conflicts (theirs would be real:
                    // the reference registers its feed where theirs is not).
                    project.run(&format!("{apply} -R"), &log("own"), STEP_TIMEOUT).map_err(at("own"))?;
                    project
                        .run(&format!("{backroad} tutorial skip"), &log("skip"), STEP_TIMEOUT)
                        .map_err(at("skip"))?;
                }
                _ => project
                    .run(&format!("{backroad} tutorial skip"), &log("skip"), STEP_TIMEOUT)
                    .map_err(at("skip"))?,
            }
            install_and_lint(&project)?;
            project.run(&check, &log("check"), STEP_TIMEOUT).map_err(at("check"))?;
            let output = fs::read_to_string(log("check")).unwrap_or_default();
            cell.verify = verify_counts(&output, step.number);
        }
        // Step 1 is verified here; a later step's check ran verify already.
        self.serve_and_try(stack, idea, step, &e2e, &project, logs, services, cell, step.number == 1)?;
        if step.number > 1 {
            project
                .run(&format!("{backroad} tutorial next"), &log("next"), STEP_TIMEOUT)
                .map_err(at("next"))?;
        }
        Ok(())
    }
}

/// "verify --step K: N passed, M failed" in what `tutorial check` printed.
fn verify_counts(output: &str, step: u32) -> Option<(u64, u64)> {
    let line = output.lines().find_map(|l| l.strip_prefix(&format!("verify --step {step}: ")))?;
    let mut numbers = line.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    let passed: u64 = numbers.next()?.parse().ok()?;
    let failed: u64 = numbers.next()?.parse().ok()?;
    Some((passed, passed + failed))
}

/// The serve command of the steps: `[tutorial].serve`, else the stack's own.
struct E2eServe<'a> {
    e2e: &'a crate::e2e_toml::E2e,
    choice: Option<&'a str>,
}

impl E2eServe<'_> {
    fn command<'c>(&self, commands: &'c backroad::Commands) -> Result<&'c str> {
        match self.choice {
            None => self.e2e.serve_command(commands),
            Some("run") => Ok(&commands.run),
            Some("dev") => Ok(&commands.dev),
            Some(other) => bail!("[tutorial].serve = \"{other}\" in e2e.toml: use \"run\" or \"dev\""),
        }
    }
}

/// Makes room for the next step's project at `dir`: what it keeps is moved
/// to `aside`, the rest is removed, and the step's log folder starts empty.
fn replace_project(dir: &Path, aside: &Path, keep: &[String], logs: &Path) -> Result<()> {
    if logs.exists() {
        fs::remove_dir_all(logs).with_context(|| format!("could not remove {}", logs.display()))?;
    }
    fs::create_dir_all(logs).with_context(|| format!("could not create {}", logs.display()))?;
    if aside.exists() {
        fs::remove_dir_all(aside).with_context(|| format!("could not remove {}", aside.display()))?;
    }
    if !dir.exists() {
        return Ok(());
    }
    fs::create_dir_all(aside).with_context(|| format!("could not create {}", aside.display()))?;
    for path in keep {
        let from = dir.join(path);
        if from.exists() {
            let to = aside.join(path);
            fs::rename(&from, &to).with_context(|| format!("could not move {} aside", from.display()))?;
        }
    }
    fs::remove_dir_all(dir).with_context(|| format!("could not remove {}", dir.display()))
}

/// Moves what the last step kept back into the new step's project.
fn restore_kept(dir: &Path, aside: &Path, keep: &[String]) -> Result<()> {
    for path in keep {
        let from = aside.join(path);
        if from.exists() {
            let to = dir.join(path);
            if to.exists() {
                bail!(
                    "the step's project already has {}: it cannot be kept from the last step",
                    to.display()
                );
            }
            fs::rename(&from, &to).with_context(|| format!("could not move {} back", from.display()))?;
        }
    }
    Ok(())
}

/// One row per step, one column per combination: "tests · checks · chapter
/// blocks run/answers compared" or where
/// it failed. The steps of an idea differ (replies or comments), so a row is
/// its number and each cell names nothing the column does not have.
fn table(combinations: &[(&Stack, &Idea)], columns: &[(String, BTreeMap<u32, Cell>)]) -> String {
    let numbers: std::collections::BTreeSet<u32> =
        columns.iter().flat_map(|(_, c)| c.keys().copied()).collect();
    let mut rows: Vec<Vec<String>> = vec![
        std::iter::once("step".to_string()).chain(columns.iter().map(|(name, _)| name.clone())).collect(),
    ];
    for number in numbers {
        let mut row = vec![number.to_string()];
        for ((_, idea), (_, cells)) in combinations.iter().zip(columns) {
            let name = idea.steps.iter().find(|s| s.number == number).map_or("", |s| s.name.as_str());
            row.push(match cells.get(&number) {
                None => "-".to_string(),
                Some(cell) => cell_text(name, cell),
            });
        }
        rows.push(row);
    }
    let seconds: Vec<f64> = columns.iter().map(|(_, c)| c.values().map(|cell| cell.seconds).sum()).collect();
    rows.push(
        std::iter::once("seconds".to_string()).chain(seconds.iter().map(|s| format!("{s:.0}"))).collect(),
    );
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        let line: Vec<String> =
            row.iter().zip(&widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if n == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out
}

fn cell_text(step: &str, cell: &Cell) -> String {
    let counts =
        |c: Option<(u64, u64)>| c.map_or("-".to_string(), |(passed, total)| format!("{passed}/{total}"));
    match &cell.failure {
        Some((stage, _, _)) => format!("{step} FAILED at {stage}"),
        None => {
            let chapter = cell.chapter.map_or("-".to_string(), |(run, answers)| format!("{run}/{answers}"));
            let own = if cell.own { " (own code)" } else { "" };
            format!("{step} ok {} · {} · {chapter}{own}", counts(cell.tests), counts(cell.verify))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_step_keeps_goes_aside_and_back_and_nothing_else_stays() {
        let root = std::env::temp_dir().join(format!("xtask-keep-{}", std::process::id()));
        let (dir, aside, logs) = (root.join("p"), root.join("p.kept"), root.join("logs"));
        fs::create_dir_all(dir.join(".venv/bin")).unwrap();
        fs::write(dir.join(".venv/bin/python"), "py").unwrap();
        fs::write(dir.join("old.py"), "old").unwrap();
        replace_project(&dir, &aside, &[".venv".into(), "node_modules".into()], &logs).unwrap();
        assert!(!dir.exists() && logs.is_dir());
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("new.py"), "new").unwrap();
        restore_kept(&dir, &aside, &[".venv".into(), "node_modules".into()]).unwrap();
        assert_eq!(fs::read_to_string(dir.join(".venv/bin/python")).unwrap(), "py");
        assert!(dir.join("new.py").exists() && !dir.join("old.py").exists());
        assert!(!dir.join("node_modules").exists(), "what was not there is not made");
        fs::remove_dir_all(root).unwrap();
    }
}
