//! The end-to-end matrix: for every stack x idea, generate a project, install
//! it, lint it, run its own tests, seed it, start its production server, run
//! `backroad verify` against it, and stop it. Real servers and databases, no
//! mocks; each step's output goes to `<out>/<project>/<step>.log`. Then a real
//! browser drives the web front end (`xtask/browser/`) and saves a screenshot
//! of the feed as `<out>/<project>/feed.png`, and Schemathesis fuzzes the API
//! from the project's openapi.yaml (fuzz.rs).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};

use crate::backroad::{self, Catalog, Idea, Stack, Verdict};
use crate::doctor::Programs;
use crate::fuzz::{Budget, Fuzzer};
use crate::report::{self, Failure, Row};
use crate::services::Services;
use crate::steps::{self, Project};
use crate::upgrade;

/// A user every stack's seed makes, with posts (README: alice, bob and carol).
const SEEDED_USER: &str = "alice";
/// Generous: a first `cargo build` of a generated project on two cores.
const STEP_TIMEOUT: Duration = Duration::from_secs(30 * 60);
const HEALTH_TIMEOUT: Duration = Duration::from_secs(60);
const VERIFY_TIMEOUT: Duration = Duration::from_secs(10 * 60);
const BROWSER_TIMEOUT: Duration = Duration::from_secs(5 * 60);
const TAIL_LINES: usize = 40;

#[derive(Debug)]
pub struct Options {
    pub stack: Option<String>,
    pub idea: Option<String>,
    /// Where the logs go.
    pub out: PathBuf,
    /// Keep the generated projects instead of deleting them at the end.
    pub keep: bool,
    /// How long Schemathesis fuzzes each combination, and with which seed.
    pub fuzz: Budget,
    /// Only what fuzzing needs (`cargo xtask fuzz`): no lint, tests, verify,
    /// browser or restart.
    pub fuzz_only: bool,
    /// `cargo xtask bench` (bench.rs): no lint, tests, verify, browser or
    /// fuzzing; the bench against the production server instead.
    pub bench: Option<crate::bench::Budget>,
    /// The tutorial's steps instead (`--steps`, tutorial.rs), with the last
    /// one too (`--last`).
    pub steps: bool,
    pub last: bool,
    /// How many stacks run side by side.
    pub jobs: usize,
}

/// Runs the matrix and prints its table; `Ok(false)` if any combination failed.
pub fn run(workspace: &Path, options: &Options) -> Result<bool> {
    let (backroad, templates, catalog) = Catalog::build(workspace)?;
    let combinations = catalog.combinations(options.stack.as_deref(), options.idea.as_deref())?;
    fs::create_dir_all(&options.out)
        .with_context(|| format!("could not create {}", options.out.display()))?;
    let projects = std::env::temp_dir().join(format!("backroad-e2e-{}", std::process::id()));
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
    let matrix = Matrix {
        backroad,
        out: options.out.clone(),
        // Generated Rust projects share one target directory, so the second
        // one reuses the first one's compiled dependencies.
        shared_target: workspace.join("target").join("e2e-projects"),
        services,
        browser: Browser { dir: workspace.join("xtask").join("browser"), installed: Mutex::new(false) },
        fuzzer: Fuzzer::new(workspace),
        budget: options.fuzz,
        fuzz_only: options.fuzz_only,
        bench: options.bench.clone(),
        bench_rows: Mutex::new(Vec::new()),
        projects,
        templates,
        ports: Mutex::new(()),
    };

    let jobs: Vec<_> = combinations.iter().zip(prepared).collect();
    let rows: Vec<Row> = steps::side_by_side(
        &jobs,
        |((stack, idea), _)| steps::build_group(stack, idea),
        options.jobs,
        |((stack, idea), env)| matrix.combination(stack, idea, env),
    );
    // Databases stop before their data directories are removed below.
    let Matrix { projects, services, bench_rows, .. } = matrix;
    drop(services);

    if options.bench.is_some() {
        let worst = bench_rows.into_inner().expect("the jobs are done");
        println!(
            "\n==> bench (tables in {})\n\n{}",
            options.out.display(),
            crate::bench::summary(&rows, &worst)
        );
    } else {
        println!("\n==> end-to-end matrix\n\n{}", report::table(&rows));
    }
    let failures: Vec<&Row> = rows.iter().filter(|row| row.failure.is_some()).collect();
    if !failures.is_empty() {
        println!("Failures:");
        for row in &failures {
            let failure = row.failure.as_ref().expect("filtered on failure");
            println!("  {} at {}: {}", row.combination, failure.step, failure.reason);
            println!("    log: {}", failure.log.display());
            let folder = failure.log.parent().unwrap_or(&options.out);
            println!("    every step's log (server.log for the server's side): {}", folder.display());
        }
    }
    if options.keep {
        println!("The generated projects are kept in {}", projects.display());
    } else if projects.exists() {
        fs::remove_dir_all(&projects).with_context(|| format!("could not remove {}", projects.display()))?;
    }
    // The last line, in the form CI reads as a test count.
    println!("e2e: {} passed, {} failed", rows.len() - failures.len(), failures.len());
    Ok(failures.is_empty())
}

struct Matrix {
    backroad: PathBuf,
    out: PathBuf,
    projects: PathBuf,
    shared_target: PathBuf,
    services: Services,
    browser: Browser,
    fuzzer: Fuzzer,
    budget: Budget,
    fuzz_only: bool,
    bench: Option<crate::bench::Budget>,
    /// Each benched combination's worst read.
    bench_rows: Mutex<Vec<(String, crate::bench::Worst)>>,
    /// The templates the binary reads, copied and changed for the upgrade step.
    templates: PathBuf,
    /// Held from choosing a free port until the server holds it (and over a
    /// restart), so that two jobs are never given the same.
    ports: Mutex<()>,
}

/// The folder (and database) of a combination.
fn project_name(stack: &Stack, idea: &Idea) -> String {
    format!("e2e_{}_{}", stack.name, idea.name)
}

impl Matrix {
    fn combination(&self, stack: &Stack, idea: &Idea, env: &Result<Vec<(String, String)>>) -> Row {
        let mut row = Row { combination: format!("{} x {}", stack.name, idea.name), ..Row::default() };
        println!("\n==> {}", row.combination);
        let started = Instant::now();
        if let Err(failure) = self.steps(stack, idea, env, &mut row) {
            let label = &row.combination;
            println!("!!! [{label}] {} failed: {}", failure.step, failure.reason);
            println!("--- [{label}] last {TAIL_LINES} lines of {}:", failure.log.display());
            println!("{}\n---", report::tail(&failure.log, TAIL_LINES));
            row.failure = Some(failure);
        }
        row.seconds = started.elapsed().as_secs_f64();
        row
    }

    /// Every step in order; the first failure ends the combination. The
    /// server, once started, is stopped when its guard goes out of scope,
    /// whichever way this returns.
    fn steps(
        &self,
        stack: &Stack,
        idea: &Idea,
        env: &Result<Vec<(String, String)>>,
        row: &mut Row,
    ) -> Result<(), Failure> {
        let name = project_name(stack, idea);
        // Two combinations run side by side: every line says whose it is.
        let label = row.combination.clone();
        let say = |text: String| println!("  [{label}] {text}");
        let logs = self.out.join(&name);
        let log = |step: &str| logs.join(format!("{step}.log"));
        let fail = |step: &'static str| {
            let log = log(step);
            move |error: anyhow::Error| Failure { step, reason: format!("{error:#}"), log }
        };
        let dir = self.projects.join(&name);
        start_afresh(&logs, &dir).map_err(fail("generate"))?;
        let e2e = &stack.e2e.for_idea(&idea.name);
        let env = match env {
            Ok(env) => env,
            Err(error) => return Err(fail("services")(anyhow!("{error:#}"))),
        };

        say(format!("generate: {}", dir.display()));
        // The combination that is upgraded is made with git, as a learner's is.
        // A bench measures the project as generated.
        let upgrade = e2e.upgrade.as_ref().filter(|u| u.idea == idea.name && self.bench.is_none());
        let git = if upgrade.is_some() { None } else { Some("--no-git") };
        let mut new = Command::new(&self.backroad);
        new.args(["new", &name, "--stack", &stack.name, "--idea", &idea.name])
            .args(git)
            .arg("--output")
            .arg(&dir);
        let label = format!(
            "backroad new {name} --stack {} --idea {} {}--output {}",
            stack.name,
            idea.name,
            git.map_or(String::new(), |g| format!("{g} ")),
            dir.display()
        );
        steps::run_logged(new, &label, &log("generate"), STEP_TIMEOUT).map_err(fail("generate"))?;
        if let Some(spec) = upgrade {
            say(format!(
                "upgrade: a learner's change to {}, then `backroad upgrade` to changed templates",
                spec.learner.file
            ));
            let scratch = self.projects.join(format!("{name}.upgrade"));
            upgrade::run(&self.backroad, &self.templates, spec, &dir, &name, &scratch, &log("upgrade"))
                .map_err(fail("upgrade"))?;
            row.combination.push_str(" (upgraded)");
        }

        let mut project =
            Project { dir, env: vec![("CARGO_TARGET_DIR".into(), self.shared_target.clone().into())] };
        for (key, value) in env {
            say(format!("env: {key}={value}"));
            project.env.push((key.into(), value.into()));
        }
        let commands = &stack.commands;
        // Fuzzing and benchmarks only need the server running.
        let only_serve = self.fuzz_only || self.bench.is_some();
        let lint: &[String] = if only_serve { &[] } else { &commands.lint };
        for (step, scripts) in [("install", commands.install.as_slice()), ("lint", lint)] {
            for script in scripts {
                say(format!("{step}: {script}"));
                project.run(script, &log(step), STEP_TIMEOUT).map_err(fail(step))?;
            }
        }

        let tests: &[String] = if only_serve { &[] } else { &commands.test };
        let mut ran = Ok(());
        for script in tests {
            say(format!("test: {script}"));
            ran = project.run(script, &log("test"), STEP_TIMEOUT);
            if ran.is_err() {
                break;
            }
        }
        // Counts are read even when the command failed: the table shows how many.
        let output = fs::read_to_string(log("test")).unwrap_or_default();
        let counts = stack.e2e.test_summary.read(&output).map_err(fail("test"))?;
        row.tests = Some(counts);
        ran.map_err(fail("test"))?;
        if counts.failed > 0 {
            return Err(fail("test")(anyhow!("{} of {} tests failed", counts.failed, counts.total())));
        }
        if counts.total() == 0 && !only_serve {
            return Err(fail("test")(anyhow!("no test ran (the test_summary patterns matched nothing)")));
        }

        for script in &commands.seed {
            say(format!("seed: {script}"));
            project.run(script, &log("seed"), STEP_TIMEOUT).map_err(fail("seed"))?;
        }

        let choosing = self.ports.lock().expect("no job panics holding it");
        let port = steps::free_port().map_err(fail("server"))?;
        let run = e2e.serve_command(commands).map_err(fail("server"))?;
        match &e2e.server {
            Some(server) => say(format!("server: {server} on port {port}")),
            None => say(format!("server: PORT={port} {run}")),
        }
        let serve = |services: &Services| -> Result<steps::Group, Failure> {
            let mut server =
                services.serve(e2e, &project, run, port, &log("server")).map_err(fail("server"))?;
            steps::wait_healthy(&mut server, port, HEALTH_TIMEOUT).map_err(fail("server"))?;
            Ok(server)
        };
        let server = serve(&self.services)?;
        drop(choosing);

        if let Some(budget) = &self.bench {
            say(format!("bench: backroad bench --compare {:?}, {} s a read", budget.sizes, budget.seconds));
            let worst =
                crate::bench::run(&self.backroad, port, idea, budget, &logs).map_err(fail("bench"))?;
            say(format!("bench: worst read {}, p50 ratio {:.2}", worst.read, worst.ratio));
            self.bench_rows.lock().expect("no job panics holding it").push((row.combination.clone(), worst));
            return Ok(());
        }
        if self.fuzz_only {
            return self.fuzz(&project.dir, port, &logs, row, &say).map_err(fail("fuzz"));
        }
        say(format!("verify: http://127.0.0.1:{port} --idea {}", idea.name));
        let verdict = self.verify(port, idea, &logs, row).map_err(fail("verify"))?;

        let screenshot = logs.join("feed.png");
        say(format!("browser: the web front end in Chromium, screenshot {}", screenshot.display()));
        self.browser
            .test(&self.backroad, port, idea, &screenshot, &log("browser"))
            .map_err(fail("browser"))?;
        row.browser = true;

        self.fuzz(&project.dir, port, &logs, row, &say).map_err(fail("fuzz"))?;

        // The data lasts: the posts the seed wrote are there after a restart.
        let posts = format!("/api/users/{SEEDED_USER}/posts");
        say(format!("restart: stop, start again, GET {posts} -> 200 with the seeded posts"));
        let restarting = self.ports.lock().expect("no job panics holding it");
        drop(server);
        let server = serve(&self.services)?;
        drop(restarting);
        match steps::get(port, &posts) {
            Some((200, body)) if body.contains("\"posts\":[{") || body.contains("\"posts\": [{") => {}
            answer => {
                let got = answer.map_or("no answer".to_string(), |(status, body)| {
                    format!("{status} {}", body.chars().take(200).collect::<String>())
                });
                return Err(fail("server")(anyhow!("after a restart, GET {posts} answered {got}")));
            }
        }

        say("stop".into());
        drop(server);
        say(format!("ok: {} tests, {} checks", counts.total(), verdict.total()));
        Ok(())
    }

    /// Runs Schemathesis against the server on `port` (fuzz.rs).
    fn fuzz(
        &self,
        project: &Path,
        port: u16,
        logs: &Path,
        row: &mut Row,
        say: &dyn Fn(String),
    ) -> Result<()> {
        let Budget { seed, max_examples, max_time } = self.budget;
        say(format!(
            "fuzz: schemathesis, every check, seed {seed}, {max_examples} examples, {max_time} s a run"
        ));
        let counts = self.fuzzer.run(project, port, self.budget, logs)?;
        row.fuzz = Some(counts);
        Ok(())
    }

    fn verify(&self, port: u16, idea: &Idea, logs: &Path, row: &mut Row) -> Result<Verdict> {
        let verdict = verify(&self.backroad, port, idea, None, logs)?;
        row.verify = Some((verdict.passed, verdict.total()));
        verdict.passed_all()?;
        Ok(verdict)
    }
}

/// Runs `backroad verify --json` (up to `step`, when given) and prints the
/// checks that failed (and adds them to verify.log); whether they all passed
/// is [`Verdict::passed_all`].
pub fn verify(backroad: &Path, port: u16, idea: &Idea, step: Option<&str>, logs: &Path) -> Result<Verdict> {
    let url = format!("http://127.0.0.1:{port}");
    let json = logs.join("verify.json");
    let mut log = steps::append(&logs.join("verify.log"))?;
    let mut command = Command::new(backroad);
    command.args(["verify", &url, "--idea", &idea.name, "--json"]);
    if let Some(step) = step {
        command.args(["--step", step]);
    }
    command.stdout(File::create(&json)?).stderr(log.try_clone()?);
    let status = steps::run_to_end(command, VERIFY_TIMEOUT).context("`backroad verify`")?;
    let text = fs::read_to_string(&json)?;
    let mut verdict: Verdict = serde_json::from_str(&text)
        .with_context(|| format!("`backroad verify` ({status}) printed no verdict to {}", json.display()))?;
    for check in verdict.failures() {
        let expected = backroad::show(&check.expected);
        let got = backroad::show(&check.got);
        let text = format!("FAILED {}\n  expected: {expected}\n  got:      {got}", check.name);
        println!("    {}", text.replace('\n', "\n    "));
        writeln!(log, "{text}")?;
    }
    verdict.exit_ok = status.success();
    Ok(verdict)
}

/// The browser test of the shared web front end: one script for every stack,
/// installed with `npm ci` on first use.
struct Browser {
    dir: PathBuf,
    /// Held while the first job installs it; the others wait for that.
    installed: Mutex<bool>,
}

impl Browser {
    fn test(&self, backroad: &Path, port: u16, idea: &Idea, screenshot: &Path, log: &Path) -> Result<()> {
        let mut installed = self.installed.lock().map_err(|_| anyhow!("the browser's install panicked"))?;
        if !*installed {
            let mut npm = Command::new("npm");
            npm.args(["ci", "--no-audit", "--no-fund"]).current_dir(&self.dir);
            steps::run_logged(npm, &format!("npm ci (in {})", self.dir.display()), log, STEP_TIMEOUT)?;
            *installed = true;
        }
        drop(installed);
        let mut node = Command::new("node");
        node.arg(self.dir.join("e2e.mjs"))
            .args(["--url", &format!("http://127.0.0.1:{port}"), "--idea", &idea.name, "--screenshot"])
            .arg(screenshot)
            // The script reads the idea's features and limits from the catalog.
            .arg("--backroad")
            .arg(backroad);
        let label = format!("node e2e.mjs --url http://127.0.0.1:{port} --idea {}", idea.name);
        steps::run_logged(node, &label, log, BROWSER_TIMEOUT)
    }
}

/// Empties the log folder and removes the project folder: leftovers of an
/// earlier run would mix old logs with new ones, and `backroad new` rightly
/// refuses a non-empty directory.
fn start_afresh(logs: &Path, project: &Path) -> Result<()> {
    for path in [logs, project] {
        if path.exists() {
            fs::remove_dir_all(path).with_context(|| format!("could not remove {}", path.display()))?;
        }
    }
    fs::create_dir_all(logs).with_context(|| format!("could not create {}", logs.display()))
}
