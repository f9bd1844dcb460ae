//! Project automation, run as `cargo xtask <task>` (an alias in .cargo/config.toml).

mod backroad;
mod bench;
mod dist;
mod docs;
mod doctor;
mod e2e;
mod e2e_toml;
mod fuzz;
mod report;
mod services;
mod steps;
mod tutorial;
mod upgrade;
mod venv;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

const USAGE: &str = "\
usage: cargo xtask e2e [--jobs N] [--stack S] [--idea I] [--out DIR] [--keep] [FUZZING]
       cargo xtask e2e --steps [--last] [--jobs N] [--stack S] [--idea I] [--out DIR] [--keep]
       cargo xtask fuzz [--jobs N] [--stack S] [--idea I] [--out DIR] [--keep] [FUZZING]
       cargo xtask bench [--stack S] [--idea I] [--compare A,B] [--seconds S]
                         [--connections C] [--max-ratio R] [--out DIR] [--keep]
       cargo xtask docs [--stack S]
       cargo xtask dist

e2e   for every stack x idea of `backroad list --json` (or those chosen):
      generate a project, install it, lint it, run its own tests, seed it,
      start it (with the database servers its stack names), run `backroad
      verify`, the browser test of the web front end and Schemathesis (the
      OpenAPI fuzzer: every check, with and without a token, a fixed seed)
      against it, stop it; print a table.

  --stack S   only this stack
  --idea I    only this idea
  --out DIR   where the step logs go (default: target/e2e, target/fuzz)
  --keep      keep the generated projects (printed at the end)
  --jobs N    stacks side by side (default 2: while one compiles, another
              waits on its database or its installs); the two ideas of one
              stack run one after the other (they share its build folder)

  --steps     the tutorial's steps instead: for every stack x idea and each
              step K, in one folder that keeps what a learner's keeps
              ([tutorial] of the stack's e2e.toml: packages, database, build
              folder): generate with --step K, install, lint, test, seed
              (from the web step), start, run chapter K's Try it and
              compare its answers, `backroad verify --step K`; print
              a table of step x combination. The last step (the finished
              project, which e2e covers) only with --last. Logs in
              target/e2e-steps.

fuzz  the same combinations, generated, installed, seeded and started the
      same way, fuzzed longer and with a new seed each run (printed: give it
      to --seed to run the same requests again); no lint, tests, verify or
      browser.

  FUZZING:
  --seed N           Schemathesis's seed (e2e: 20261205; fuzz: a new one)
  --max-examples N   test cases per operation and phase (e2e: 30; fuzz: 300)
  --max-time S       seconds for each of the two runs (e2e: 30; fuzz: 300)

bench the same combinations, one at a time, generated, installed and started
      on their production server; `backroad bench --compare A,B` (default
      5000,50000; 16 connections, 8 s a read) against each, its report in
      target/bench/<project>/bench.json and bench.md. --max-ratio R fails a
      combination whose worst read's p50 grew more than R times from A to B
      posts.

docs  for every stack with a [docs] section in its e2e.toml: generate a
      project and run the command blocks of its README.md and DEPLOY.md
      marked `sh run` or `sh serve`, in order, as a reader would; check the
      other shell blocks with `bash -n`. Logs in target/docs.

dist  backroad's packages for this machine: the wheel (maturin), the npm
      packages (npm/pack.mjs), the crate (cargo package, cargo publish
      --dry-run); the wheel and npm's installed offline into fresh folders and
      run (--version, list --json, new); the workflows of .github/ linted
      (actionlint) with every action pinned to a commit. Out in target/dist.

  BACKROAD_BIN=PATH       use this backroad binary instead of building one
  BACKROAD_TEMPLATES=DIR  (read by backroad) templates from disk";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<bool> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask/ sits in the workspace");
    match args.first().map(String::as_str) {
        Some("e2e") => {
            let options = parse_e2e(&args[1..], workspace, false)?;
            if options.steps {
                let e2e::Options { stack, idea, out, keep, last, jobs, .. } = options;
                let out = if args.iter().any(|a| a == "--out" || a.starts_with("--out=")) {
                    out
                } else {
                    workspace.join("target").join("e2e-steps")
                };
                tutorial::run(workspace, &tutorial::Options { stack, idea, out, keep, last, jobs })
            } else if options.last {
                bail!("--last goes with --steps\n\n{USAGE}")
            } else {
                e2e::run(workspace, &options)
            }
        }
        Some("fuzz") => e2e::run(workspace, &parse_e2e(&args[1..], workspace, true)?),
        Some("bench") => e2e::run(workspace, &parse_bench(&args[1..], workspace)?),
        Some("docs") => docs::run(workspace, &parse_docs(&args[1..])?),
        Some("dist") if args.len() == 1 => dist::run(workspace),
        Some("dist") => bail!("cargo xtask dist takes no arguments\n\n{USAGE}"),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(true)
        }
        _ => bail!("no such task\n\n{USAGE}"),
    }
}

/// The options of `e2e`, or of `fuzz` when `fuzz_only`.
fn parse_e2e(args: &[String], workspace: &Path, fuzz_only: bool) -> Result<e2e::Options> {
    let (out, fuzz) = if fuzz_only {
        ("fuzz", fuzz::Budget { seed: new_seed(), max_examples: 300, max_time: 300 })
    } else {
        ("e2e", fuzz::Budget::MATRIX)
    };
    let mut options = e2e::Options {
        stack: None,
        idea: None,
        out: workspace.join("target").join(out),
        keep: false,
        fuzz,
        fuzz_only,
        bench: None,
        steps: false,
        last: false,
        jobs: 2,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        // Both `--stack flask` and `--stack=flask`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || match inline.clone().or_else(|| args.next().cloned()) {
            Some(value) => Ok(value),
            None => bail!("{flag} needs a value\n\n{USAGE}"),
        };
        match flag {
            "--stack" => options.stack = Some(value()?),
            "--idea" => options.idea = Some(value()?),
            "--out" => options.out = PathBuf::from(value()?),
            "--keep" if inline.is_none() => options.keep = true,
            "--steps" if inline.is_none() && !fuzz_only => options.steps = true,
            "--last" if inline.is_none() && !fuzz_only => options.last = true,
            "--jobs" => options.jobs = number(flag, &value()?)?,
            "--seed" => options.fuzz.seed = number(flag, &value()?)?,
            "--max-examples" => options.fuzz.max_examples = number(flag, &value()?)?,
            "--max-time" => options.fuzz.max_time = number(flag, &value()?)?,
            _ => bail!("unexpected argument `{arg}`\n\n{USAGE}"),
        }
    }
    Ok(options)
}

/// The options of `bench`: the matrix's, one combination at a time, with a
/// bench budget.
fn parse_bench(args: &[String], workspace: &Path) -> Result<e2e::Options> {
    let mut budget = bench::Budget::default();
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || match inline.clone().or_else(|| args.next().cloned()) {
            Some(value) => Ok(value),
            None => bail!("{flag} needs a value\n\n{USAGE}"),
        };
        match flag {
            "--compare" => {
                budget.sizes = value()?.split(',').map(|n| number(flag, n.trim())).collect::<Result<_>>()?
            }
            "--seconds" => budget.seconds = number(flag, &value()?)?,
            "--connections" => budget.connections = number(flag, &value()?)?,
            "--max-ratio" => budget.max_ratio = Some(number(flag, &value()?)?),
            "--stack" | "--idea" | "--out" => {
                rest.push(flag.to_string());
                rest.push(value()?);
            }
            "--keep" if inline.is_none() => rest.push(arg.clone()),
            _ => bail!("unexpected argument `{arg}`\n\n{USAGE}"),
        }
    }
    let mut options = parse_e2e(&rest, workspace, false)?;
    if !rest.iter().any(|a| a == "--out") {
        options.out = workspace.join("target").join("bench");
    }
    options.jobs = 1;
    options.bench = Some(budget);
    Ok(options)
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T> {
    match value.parse() {
        Ok(number) => Ok(number),
        Err(_) => bail!("{flag} takes a whole number, not `{value}`\n\n{USAGE}"),
    }
}

/// A seed that differs from run to run: the clock's nanoseconds.
fn new_seed() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    now.as_nanos() as u64 % 1_000_000_000
}

fn parse_docs(args: &[String]) -> Result<docs::Options> {
    match args {
        [] => Ok(docs::Options { stack: None }),
        [flag, stack] if flag == "--stack" => Ok(docs::Options { stack: Some(stack.clone()) }),
        [flag] if flag.starts_with("--stack=") => Ok(docs::Options { stack: Some(flag[8..].to_string()) }),
        _ => bail!("usage: cargo xtask docs [--stack S]\n\n{USAGE}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<e2e::Options> {
        parse_e2e(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>(), Path::new("/repo"), false)
    }

    #[test]
    fn the_matrix_fuzzes_with_a_fixed_seed_and_fuzz_with_a_new_one() {
        assert_eq!(parse(&[]).unwrap().fuzz, fuzz::Budget::MATRIX);
        let args = ["--seed".to_string(), "7".to_string()];
        let fuzz = parse_e2e(&args, Path::new("/repo"), true).unwrap();
        assert!(fuzz.fuzz_only);
        assert_eq!(fuzz.out, Path::new("/repo/target/fuzz"));
        assert_eq!((fuzz.fuzz.seed, fuzz.fuzz.max_time), (7, 300));
        let options = parse(&["--max-examples=5", "--max-time", "9"]).unwrap();
        assert_eq!((options.fuzz.max_examples, options.fuzz.max_time), (5, 9));
        assert!(parse(&["--seed", "x"]).unwrap_err().to_string().starts_with("--seed takes a whole number"));
    }

    #[test]
    fn defaults() {
        let options = parse(&[]).unwrap();
        assert_eq!((options.stack, options.idea, options.keep), (None, None, false));
        assert_eq!(options.out, Path::new("/repo/target/e2e"));
    }

    #[test]
    fn every_flag_in_both_spellings() {
        let options = parse(&["--stack", "flask", "--idea=twitter", "--out=/tmp/logs", "--keep"]).unwrap();
        assert_eq!(options.stack.as_deref(), Some("flask"));
        assert_eq!(options.idea.as_deref(), Some("twitter"));
        assert_eq!(options.out, Path::new("/tmp/logs"));
        assert!(options.keep);
    }

    #[test]
    fn rejects_what_it_does_not_know() {
        assert!(parse(&["--stack"]).unwrap_err().to_string().starts_with("--stack needs a value"));
        assert!(parse(&["--fast"]).unwrap_err().to_string().starts_with("unexpected argument `--fast`"));
        assert!(parse(&["--keep=yes"]).is_err());
    }
}
