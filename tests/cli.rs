//! The command line, run as a user runs it: every bad input gets a one-line
//! error that says what to do, and the documented exit code.
//!
//! One integration binary for the whole command line (one build, one
//! `Run` helper), grouped by command, so it is longer than 400 lines.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A `backroad` run in its own temporary directory, with no terminal.
struct Run {
    cmd: Command,
    dir: tempfile::TempDir,
}

fn backroad(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("backroad").unwrap();
    cmd.args(args).current_dir(dir.path()).env_remove("BACKROAD_TEMPLATES").write_stdin("");
    Run { cmd, dir }
}

impl Run {
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn templates(mut self, dir: &Path) -> Self {
        self.cmd.env("BACKROAD_TEMPLATES", dir);
        self
    }

    fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Runs to the end; returns the exit code, stdout and stderr.
    fn output(mut self) -> (Self, i32, String, String) {
        let out = self.cmd.output().unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        (self, out.status.code().unwrap_or(-1), stdout, stderr)
    }

    /// Asserts the exit code and that stderr is one `error:` line containing `text`.
    fn fails(mut self, code: i32, text: &str) -> Self {
        let out = self.cmd.assert().code(code).stdout("");
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains(text), "expected {text:?} in {stderr}");
        self
    }

    fn succeeds(mut self) -> (Self, String) {
        let out = self.cmd.assert().success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        (self, stdout)
    }
}

fn fixture_templates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extra-templates")
}

/// The stacks of the built-in catalog, as error messages list them.
fn stack_names() -> String {
    backroad::catalog::Catalog::embedded().unwrap().stack_names()
}

#[test]
fn unknown_stack_lists_the_choices() {
    backroad(&["new", "demo", "--stack", "django", "--idea", "twitter"])
        .fails(2, &format!("unknown stack 'django': choose one of {}", stack_names()));
}

#[test]
fn unknown_idea_lists_the_choices() {
    backroad(&["new", "demo", "--stack", "flask", "--idea", "reddit"])
        .fails(2, "unknown idea 'reddit': choose one of instagram, twitter");
}

#[test]
fn bad_project_names_say_why() {
    let cases = [
        ("1demo", "must start with a letter"),
        ("my.app", "'.' is not allowed"),
        ("my app", "' ' is not allowed"),
    ];
    for (name, why) in cases {
        let run = backroad(&["new", name, "--stack", "flask", "--idea", "twitter", "--no-git"])
            .fails(2, &format!("invalid project name '{name}'"));
        run.fails(2, why);
    }
    let long = "a".repeat(65);
    backroad(&["new", &long, "--stack", "flask", "--idea", "twitter"]).fails(2, "use at most 64");
}

#[test]
fn a_name_the_stack_reserves_keeps_the_folder_and_moves_the_package_aside() {
    let (run, stdout) =
        backroad(&["new", "app", "--stack", "flask", "--idea", "twitter", "--no-git"]).succeeds();
    assert!(stdout.contains("Created app "), "{stdout}");
    assert!(
        stdout.contains(
            "'app' is a name the flask stack needs for itself, so inside the project it is 'my_app'"
        ),
        "{stdout}"
    );
    assert!(run.path("app/my_app/__init__.py").is_file(), "the Python package is my_app");
    let readme = fs::read_to_string(run.path("app/README.md")).unwrap();
    assert!(readme.contains("my_app"), "the README says it");
}

#[test]
fn without_a_terminal_missing_choices_are_errors_with_the_choices() {
    backroad(&["new", "demo", "--idea", "twitter"])
        .fails(2, &format!("no stack given: pass --stack with one of {}", stack_names()));
    backroad(&["new", "demo", "--stack", "flask"])
        .fails(2, "no idea given: pass --idea with one of instagram, twitter");
    backroad(&["new", "--stack", "flask", "--idea", "twitter"]).fails(2, "no project name given");
}

#[test]
fn a_non_empty_target_is_refused_and_left_as_it_was() {
    let run = backroad(&["new", "demo", "--stack", "flask", "--idea", "twitter", "--no-git"]);
    fs::create_dir(run.path("demo")).unwrap();
    fs::write(run.path("demo/notes.txt"), "mine").unwrap();
    let run = run.fails(2, "exists and is not empty: choose a new name or --output, or pass --force");
    assert_eq!(fs::read_dir(run.path("demo")).unwrap().count(), 1);
    assert_eq!(fs::read_to_string(run.path("demo/notes.txt")).unwrap(), "mine");
}

#[test]
fn a_file_as_target_is_refused() {
    let run = backroad(&["new", "demo", "--stack", "flask", "--idea", "twitter", "--no-git"]);
    fs::write(run.path("demo"), "a file").unwrap();
    run.fails(2, "exists and is not a directory");
}

#[test]
fn an_unwritable_target_is_an_error_that_leaves_nothing() {
    // A file where a parent folder should be cannot be written into, even by root.
    let run = backroad(&["new", "demo", "--stack", "flask", "--idea", "twitter", "--no-git", "--output"]);
    fs::write(run.path("blocker"), "a file").unwrap();
    let run = run.arg("blocker/demo").fails(1, "cannot write to 'blocker");
    let entries: Vec<_> = fs::read_dir(run.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, vec!["blocker"], "nothing else was created");
}

#[test]
fn new_writes_the_project_and_prints_the_next_steps() {
    let (run, stdout) =
        backroad(&["new", "chirp", "--stack", "flask", "--idea", "twitter", "--no-git"]).succeeds();
    assert!(stdout.contains("Created chirp (Twitter clone on Python + Flask)"), "{stdout}");
    for step in
        ["cd chirp", "python3 -m venv .venv", ".venv/bin/flask seed", "wsgi:app", ".venv/bin/pytest -q"]
    {
        assert!(stdout.contains(step), "missing {step:?} in {stdout}");
    }
    assert!(run.path("chirp/.editorconfig").is_file());
    let record = fs::read_to_string(run.path("chirp/.backroad.toml")).unwrap();
    let record: toml::Table = toml::from_str(&record).unwrap();
    let field = |key: &str| record[key].as_str().unwrap().to_string();
    assert_eq!(
        (field("name"), field("stack"), field("idea")),
        ("chirp".into(), "flask".into(), "twitter".into())
    );
    assert_eq!(field("backroad_version"), env!("CARGO_PKG_VERSION"));
    assert!(!run.path("chirp/.git").exists(), "--no-git");
    let staging: Vec<_> = fs::read_dir(run.dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".backroad"))
        .collect();
    assert!(staging.is_empty(), "no staging directory left behind");
}

#[test]
fn new_makes_a_first_commit() {
    let (run, stdout) = backroad(&["new", "chirp", "--stack", "flask", "--idea", "twitter"]).succeeds();
    assert!(stdout.contains("first commit"), "{stdout}");
    let log = std::process::Command::new("git")
        .args(["log", "--oneline"])
        .current_dir(run.path("chirp"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&log.stdout).contains("Initial commit from backroad"));
    let status = std::process::Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(run.path("chirp"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "", "everything committed");
}

/// Runs git in `dir`; its standard output, trimmed.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git").args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The tree of HEAD of a project made by `new` with these extra arguments.
fn tree_of_new(stack: &str, idea: &str, extra: &[&str]) -> (Run, String) {
    let mut args = vec!["new", "chirp", "-s", stack, "-i", idea];
    args.extend(extra);
    let (run, _) = backroad(&args).succeeds();
    let tree = git(&run.path("chirp"), &["rev-parse", "HEAD^{tree}"]);
    (run, tree)
}

#[test]
fn tutorial_is_one_tagged_commit_per_step_ending_at_the_plain_project() {
    for (stack, idea, last) in [("flask", "twitter", "step-10-ship"), ("lamp", "instagram", "step-10-ship")] {
        let (run, tree) = tree_of_new(stack, idea, &["--tutorial"]);
        let dir = run.path("chirp");
        let subjects = git(&dir, &["log", "--reverse", "--format=%s"]);
        let subjects: Vec<&str> = subjects.lines().collect();
        assert_eq!(subjects.len(), 10, "{subjects:?}");
        assert_eq!(subjects[0], "Step 1: A server that answers");
        for (i, subject) in subjects.iter().enumerate() {
            assert!(subject.starts_with(&format!("Step {}: ", i + 1)), "{subject}");
        }
        let body = git(&dir, &["log", "-1", "--format=%b", "step-04-posts"]);
        assert!(body.contains("keyset pagination"), "the step's summary: {body}");
        // Each tag is the commit of its step, in order.
        let tags = git(&dir, &["tag", "--list", "step-*"]);
        let tags: Vec<&str> = tags.lines().collect();
        assert_eq!((tags.len(), tags[0], tags[3], tags[9]), (10, "step-01-start", "step-04-posts", last));
        let commits = git(&dir, &["rev-list", "--reverse", "HEAD"]);
        for (tag, commit) in tags.iter().zip(commits.lines()) {
            assert_eq!(git(&dir, &["rev-parse", &format!("{tag}^{{commit}}")]), commit, "{tag}");
        }
        assert_eq!(git(&dir, &["status", "--porcelain"]), "", "a clean tree");
        // A step adds files: the first commit is much smaller than the last.
        let count = |rev: &str| git(&dir, &["ls-tree", "-r", "--name-only", rev]).lines().count();
        assert!(
            count("step-01-start") * 2 < count("HEAD"),
            "{} vs {}",
            count("step-01-start"),
            count("HEAD")
        );
        let (_, plain) = tree_of_new(stack, idea, &[]);
        assert_eq!(tree, plain, "{stack} {idea}: the last step is the plain project, byte for byte");
    }
}

#[test]
fn tutorial_stops_at_the_step_given_and_each_tag_is_that_step() {
    let (run, tree) = tree_of_new("node", "twitter", &["--tutorial", "--step", "posts"]);
    let dir = run.path("chirp");
    assert_eq!(git(&dir, &["tag", "--list", "step-*"]).lines().last(), Some("step-04-posts"));
    let (_, at_four) = tree_of_new("node", "twitter", &["--step", "4"]);
    assert_eq!(tree, at_four);
    let (_, at_two) = tree_of_new("node", "twitter", &["--step", "users"]);
    assert_eq!(
        git(&dir, &["rev-parse", "step-02-users^{tree}"]),
        at_two,
        "checking out a tag gives that step"
    );
}

#[test]
fn tutorial_refuses_a_folder_that_is_not_empty_even_with_force() {
    let run = backroad(&["new", "chirp", "-s", "flask", "-i", "twitter", "--tutorial", "--force"]);
    fs::create_dir_all(run.path("chirp")).unwrap();
    fs::write(run.path("chirp/notes.txt"), "mine").unwrap();
    let run = run.fails(2, "--tutorial builds a new git history");
    assert_eq!(fs::read_to_string(run.path("chirp/notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_dir(run.path("chirp")).unwrap().count(), 1, "nothing written");
}

#[test]
fn force_replaces_template_files_lists_them_and_keeps_the_rest() {
    let run = backroad(&["new", "chirp", "--stack", "flask", "--idea", "twitter", "--no-git", "--force"]);
    fs::create_dir(run.path("chirp")).unwrap();
    fs::write(run.path("chirp/.editorconfig"), "old").unwrap();
    fs::write(run.path("chirp/mine.txt"), "keep").unwrap();
    let (run, stdout) = run.succeeds();
    assert!(stdout.contains("Replaced 1 existing files:\n  .editorconfig"), "{stdout}");
    assert_ne!(fs::read_to_string(run.path("chirp/.editorconfig")).unwrap(), "old");
    assert_eq!(fs::read_to_string(run.path("chirp/mine.txt")).unwrap(), "keep");
}

#[test]
fn dry_run_prints_the_tree_and_writes_nothing() {
    let (run, stdout) =
        backroad(&["new", "chirp", "--stack", "flask", "--idea", "twitter", "--dry-run"]).succeeds();
    assert!(stdout.starts_with("chirp/\n"), "{stdout}");
    assert!(stdout.contains("── .editorconfig  "), "{stdout}");
    assert!(stdout.contains(" files, "), "{stdout}");
    assert!(stdout.contains("Dry run: nothing was written."), "{stdout}");
    assert_eq!(fs::read_dir(run.dir.path()).unwrap().count(), 0);
}

#[test]
fn list_shows_every_stack_and_idea() {
    let (_, stdout) = backroad(&["list"]).succeeds();
    for text in ["flask", "Python + Flask", "twitter", "instagram", "you will learn"] {
        assert!(stdout.contains(text), "missing {text:?} in {stdout}");
    }
}

#[test]
fn list_json_has_the_commands_port_and_environment() {
    let (_, stdout) = backroad(&["list", "--json"]).succeeds();
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let flask = &json["stacks"].as_array().unwrap().iter().find(|s| s["name"] == "flask").unwrap();
    assert_eq!(flask["port"], 5000);
    assert!(!flask["commands"]["install"].as_array().unwrap().is_empty());
    assert!(flask["commands"]["run"].as_str().unwrap().contains("PORT"));
    for key in ["seed", "test"] {
        assert!(flask["commands"][key].is_array(), "{key}");
    }
    let env: Vec<_> = flask["env"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert!(env.contains(&"PORT") && env.contains(&"DATABASE_URL"), "{env:?}");
    let ideas: Vec<_> =
        json["ideas"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(ideas, ["instagram", "twitter"]);
}

#[test]
fn verify_needs_an_idea_and_a_valid_url() {
    backroad(&["verify", "http://127.0.0.1:9"]).fails(2, "no idea given: pass --idea");
    backroad(&["verify", "http://127.0.0.1:9", "--idea", "reddit"]).fails(2, "unknown idea 'reddit'");
    backroad(&["verify", "not a url", "--idea", "twitter"]).fails(2, "invalid URL 'not a url'");
}

#[test]
fn bench_needs_an_idea_a_server_and_sizes_that_go_up() {
    backroad(&["bench", "http://127.0.0.1:9"]).fails(2, "no idea given: pass --idea");
    backroad(&["bench", "not a url", "--idea", "twitter"]).fails(2, "invalid URL 'not a url'");
    backroad(&["bench", "http://127.0.0.1:9", "-i", "twitter", "--compare", "9,3"])
        .fails(2, "smallest first");
    backroad(&["bench", "http://127.0.0.1:9", "-i", "twitter", "--posts", "5"])
        .fails(1, "cannot reach http://127.0.0.1:9");
}

#[test]
fn verify_step_must_be_one_of_the_ideas_steps() {
    let choices =
        "1 start, 2 users, 3 sessions, 4 posts, 5 follows, 6 feed, 7 likes, 8 replies, 9 web, 10 ship";
    for step in ["comments", "11", "0", "nope"] {
        backroad(&["verify", "http://127.0.0.1:9", "--idea", "twitter", "--step", step]).fails(
            2,
            &format!("unknown step '{step}' of the twitter idea: give a number or a name, one of {choices}"),
        );
    }
    backroad(&["verify", "http://127.0.0.1:9", "--idea", "instagram", "--step", "replies"])
        .fails(2, "8 comments");
    backroad(&["verify", "http://127.0.0.1:9", "--step", "posts"]).fails(2, "no idea given: pass --idea");
    // A step that exists goes on to the server (here: none).
    for step in ["posts", "4", "Posts"] {
        backroad(&["verify", "http://127.0.0.1:9", "--idea", "twitter", "--step", step])
            .fails(1, "cannot reach http://127.0.0.1:9");
    }
}

#[test]
fn verify_says_when_nothing_listens() {
    // Port 9 (discard) on loopback has no listener here.
    backroad(&["verify", "http://127.0.0.1:9", "--idea", "twitter"])
        .fails(1, "cannot reach http://127.0.0.1:9");
}

#[test]
fn a_new_stack_and_idea_are_folders_and_manifests_only() {
    let templates = fixture_templates();
    let (_, stdout) = backroad(&["list"]).templates(&templates).succeeds();
    assert!(stdout.contains("tiny") && stdout.contains("notes"), "{stdout}");

    let (run, _) = backroad(&["new", "my-notes", "--stack", "tiny", "--idea", "notes", "--no-git"])
        .templates(&templates)
        .succeeds();
    let read = |p: &str| fs::read_to_string(run.path(&format!("my-notes/{p}"))).unwrap();
    assert_eq!(
        read("README.md"),
        "# My Notes (my_notes)\n\nLimit: 140 characters per note.\nReplies are on.\n"
    );
    assert_eq!(read("NOTICE"), format!("My Notes was made by backroad {}.\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(read("public/index.html"), "<h1>My Notes</h1>\n");
    assert_eq!(read("my_notes/name.py"), "x = \"my-notes\"\n");
    assert_eq!(read(".gitignore"), "*.log\n");
    assert_eq!(read("src/replies.sh"), "echo replies\n");
    assert!(!run.path("my-notes/src/images.sh").exists(), "only_if images is off");
}

#[test]
fn without_a_terminal_new_never_waits_for_input() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_backroad"))
        .arg("new")
        .current_dir(dir.path())
        .env_remove("BACKROAD_TEMPLATES")
        .stdin(Stdio::piped()) // open, and nothing ever written to it
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("`backroad new` waited for input without a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2));
    drop(child.stdin.take());
}

#[test]
fn yes_takes_the_defaults_and_a_free_name() {
    let (run, stdout) = backroad(&["new", "--yes", "--no-git"]).succeeds();
    assert!(stdout.contains("Created my-app (Twitter clone on Python + Flask)"), "{stdout}");
    let mut again = backroad(&["new", "-y", "--no-git"]);
    again.cmd.current_dir(run.dir.path());
    let (_, stdout) = again.succeeds();
    assert!(stdout.contains("Created my-app-2"), "{stdout}");
    assert!(run.path("my-app-2/.backroad.toml").is_file());
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let (run, stdout) =
        backroad(&["new", "chirp", "-s", "flask", "-i", "twitter", "--no-git", "--quiet"]).succeeds();
    assert_eq!(stdout, "");
    assert!(run.path("chirp/.backroad.toml").is_file());
    backroad(&["-q", "new", "chirp", "-s", "nope", "-i", "twitter"]).fails(2, "unknown stack 'nope'");
}

#[test]
fn colours_only_when_asked_for_outside_a_terminal() {
    let (_, code, _, stderr) = backroad(&["new", "x", "-s", "nope", "-i", "twitter"]).output();
    assert_eq!(code, 2);
    assert!(!stderr.contains('\x1b'), "a pipe gets no colours: {stderr:?}");
    let (_, code, _, stderr) =
        backroad(&["--color", "always", "new", "x", "-s", "nope", "-i", "twitter"]).output();
    assert_eq!(code, 2);
    assert!(stderr.starts_with("\x1b[") && stderr.contains("error:"), "{stderr:?}");
    let (_, code, _, stderr) =
        backroad(&["--color", "always", "new", "x", "-s", "nope"]).env("NO_COLOR", "1").output();
    assert_eq!(code, 2);
    assert!(stderr.contains("\x1b["), "--color always wins over NO_COLOR: {stderr:?}");
}

#[test]
fn help_has_examples_and_exit_codes() {
    let (_, stdout) = backroad(&["--help"]).succeeds();
    assert!(stdout.contains("Examples:") && stdout.contains("Exit codes: 0 success"), "{stdout}");
    for command in ["new", "list", "verify", "doctor", "completions"] {
        let (_, stdout) = backroad(&[command, "--help"]).succeeds();
        assert!(stdout.contains("Example") || stdout.contains("Install them:"), "{command}: {stdout}");
    }
    let (_, stdout) = backroad(&["new", "--help"]).succeeds();
    assert!(stdout.contains("--yes") && stdout.contains("Ctrl-C at any point writes nothing"), "{stdout}");
}

#[test]
fn completions_for_every_shell_know_the_stacks_and_ideas() {
    let shells = [
        ("bash", "complete -F"),
        ("zsh", "#compdef backroad"),
        ("fish", "complete -c backroad"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in shells {
        let (_, script) = backroad(&["completions", shell]).succeeds();
        assert!(script.contains(marker), "{shell}: {marker:?} missing");
        // PowerShell's script completes subcommands and flags only.
        let names: &[&str] =
            if shell == "powershell" { &["doctor"] } else { &["doctor", "flask", "twitter"] };
        for name in names {
            assert!(script.contains(name), "{shell}: {name} missing");
        }
    }
    let (_, code, _, stderr) = backroad(&["completions", "tcsh"]).output();
    assert_eq!(code, 2, "{stderr}");
}

/// A folder of fake tools: each an `sh` script with the given body.
#[cfg(unix)]
fn fake_tools(tools: &[(&str, &str)]) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in tools {
        let path = dir.path().join(name);
        fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

/// A python3 that prints `version` and can (or cannot) make a venv.
#[cfg(unix)]
fn fake_python(version: &str, venv: bool) -> String {
    let venv =
        if venv { format!("echo {version}") } else { "echo 'No module named ensurepip' >&2; exit 1".into() };
    format!("case \"$1\" in --version) echo 'Python {version}';; -c) {venv};; *) exit 2;; esac")
}

/// The line of doctor's report about `tool`.
fn row<'a>(report: &'a str, tool: &str) -> &'a str {
    report.lines().find(|l| l.split_whitespace().nth(1) == Some(tool)).unwrap_or("")
}

#[cfg(unix)]
#[test]
fn doctor_json_gives_each_tool_its_program_and_install_commands() {
    let tools = fake_tools(&[("python3", &fake_python("3.9.1", true))]);
    let (_, code, stdout, _) =
        backroad(&["doctor", "--json", "--stack", "flask"]).env("PATH", tools.path()).output();
    assert_eq!(code, 1, "python3 is too old: {stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let flask = &report["stacks"][0];
    assert_eq!((flask["name"].as_str(), flask["ready"].as_bool()), (Some("flask"), Some(false)));
    let tool =
        |name: &str| flask["tools"].as_array().unwrap().iter().find(|t| t["tool"] == name).unwrap().clone();
    let python = tool("python3");
    assert_eq!(python["status"], "too_old");
    assert_eq!(python["version"], "3.9.1");
    assert_eq!(python["program"].as_str().unwrap(), tools.path().join("python3").to_str().unwrap());
    assert!(python["install"]["debian"].as_str().unwrap().contains("apt install"), "{python}");
    let git = tool("git");
    assert_eq!((git["status"].as_str(), git["program"].is_null()), (Some("missing"), true));
}

#[cfg(unix)]
#[test]
fn doctor_shows_versions_and_says_when_a_stack_is_ready() {
    let tools =
        fake_tools(&[("python3", &fake_python("3.12.3", true)), ("git", "echo 'git version 2.43.0'")]);
    let (_, code, stdout, _) = backroad(&["doctor", "--stack", "flask"]).env("PATH", tools.path()).output();
    assert_eq!(code, 0, "{stdout}");
    let line = |tool| row(&stdout, tool);
    assert!(
        line("python3").starts_with("  ok ") && line("python3").contains("3.12.3  3.11 or newer"),
        "{stdout}"
    );
    assert!(line("venv").starts_with("  ok ") && line("venv").contains("3.12.3"), "{stdout}");
    assert!(line("git").contains("2.43.0") && line("git").contains("optional"), "{stdout}");
    assert!(stdout.contains("Ready: every tool flask needs is here."), "{stdout}");
    assert!(!stdout.contains("sudo apt"), "no install commands when nothing is missing: {stdout}");

    let (_, code, stdout, _) = backroad(&["-q", "doctor", "-s", "flask"]).env("PATH", tools.path()).output();
    assert_eq!((code, stdout.as_str()), (0, ""), "quiet and ready: nothing to say");
}

#[cfg(unix)]
#[test]
fn doctor_names_what_is_missing_or_too_old_and_how_to_install_it() {
    let tools = fake_tools(&[("python3", &fake_python("3.8.10", false))]);
    let (_, code, stdout, _) = backroad(&["doctor", "--stack", "flask"]).env("PATH", tools.path()).output();
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("too old  python3  3.8.10  3.11 or newer"), "{stdout}");
    assert!(stdout.contains("missing  venv"), "{stdout}");
    for install in [
        "Debian/Ubuntu: sudo apt install python3-venv",
        "macOS:         brew install python",
        "Windows:       winget install --exact --id Python.Python.3.12",
        "Debian/Ubuntu: sudo apt install git",
    ] {
        assert!(stdout.contains(install), "missing {install:?} in {stdout}");
    }
    assert!(stdout.contains(
        "Not ready: install python3 (too old), venv, then run `backroad doctor --stack flask` again."
    ));

    // Quiet: only the problems.
    let (_, code, stdout, _) = backroad(&["doctor", "-q", "-s", "flask"]).env("PATH", tools.path()).output();
    assert_eq!(code, 1);
    assert!(stdout.contains("too old  python3") && !stdout.contains("Not ready"), "{stdout}");

    // With nothing on PATH, every stack is checked and none is ready.
    let empty = fake_tools(&[]);
    let (_, code, stdout, _) = backroad(&["doctor"]).env("PATH", empty.path()).output();
    assert_eq!(code, 1);
    assert!(stdout.contains("Ready: none. Not ready: ") && stdout.contains("flask"), "{stdout}");

    backroad(&["doctor", "--stack", "django"]).fails(2, "unknown stack 'django'");
}

/// The embedded templates plus a stack `everything` that needs every tool
/// doctor knows, each at the highest minimum version any stack asks for.
#[cfg(unix)]
fn templates_needing_every_tool() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    backroad::catalog::TEMPLATES.extract(dir.path()).unwrap();
    let flask = fs::read_to_string(dir.path().join("stacks/flask/stack.toml")).unwrap();
    let mut manifest: toml::Table = toml::from_str(&flask).unwrap();
    manifest.insert("name".into(), "everything".into());
    let catalog = backroad::catalog::Catalog::embedded().unwrap();
    let needs: Vec<(String, String)> = catalog
        .tools()
        .unwrap()
        .into_keys()
        .map(|tool| {
            let asked = catalog.stacks.iter().flat_map(|s| &s.prerequisites).filter(|p| p.tool == tool);
            let highest = asked.map(|p| p.version.clone()).max_by(|a, b| {
                let parse = |v: &str| v.split('.').map(|n| n.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>();
                parse(a).cmp(&parse(b))
            });
            (tool, highest.unwrap_or_default())
        })
        .collect();
    let prerequisites: Vec<toml::Value> = needs
        .iter()
        .map(|(tool, version)| {
            toml::Value::Table(toml::Table::from_iter([
                ("tool".to_string(), toml::Value::from(tool.as_str())),
                ("version".to_string(), toml::Value::from(version.as_str())),
                ("why".to_string(), toml::Value::from("a test")),
            ]))
        })
        .collect();
    manifest.insert("prerequisites".into(), toml::Value::Array(prerequisites));
    fs::create_dir_all(dir.path().join("stacks/everything")).unwrap();
    fs::write(dir.path().join("stacks/everything/stack.toml"), toml::to_string(&manifest).unwrap()).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn doctor_reads_the_version_of_every_tool_it_knows() {
    let templates = templates_needing_every_tool();
    let php = |modules: &str| {
        format!(
            "case \"$1\" in --version) echo 'PHP 8.3.6 (cli) (built: Apr 15 2024 19:21:47) (NTS)';; -m) printf '[PHP Modules]\\n{modules}\\n';; esac"
        )
    };
    let all_good = php("Core\\nmbstring\\npdo_mysql");
    let python = fake_python("3.12.3", true);
    let mut tools = vec![
        ("git", "echo 'git version 2.43.0'"),
        ("python3", python.as_str()),
        ("cargo", "echo 'cargo 1.95.0 (f2d3ce0bd 2026-03-21)'"),
        ("node", "echo v22.11.0"),
        ("npm", "echo 10.9.0"),
        ("mongod", "printf 'db version v7.0.14\\nBuild Info: {\\n    \"version\": \"7.0.14\"\\n}\\n'"),
        ("php", all_good.as_str()),
        ("mariadb", "echo 'mariadb from 11.4.2-MariaDB, client 15.2 for debian-linux-gnu (x86_64)'"),
        ("mariadbd", "echo 'mariadbd  Ver 11.4.2-MariaDB-ubu2404 for debian-linux-gnu on x86_64'"),
        (
            "apache2",
            "printf 'Server version: Apache/2.4.62 (Debian)\\nServer built:   2024-10-04T15:21:08\\n'",
        ),
        ("phpunit", "echo 'PHPUnit 10.5.20 by Sebastian Bergmann and contributors.'"),
    ];
    let expected = [
        ("git", "2.43.0"),
        ("python3", "3.12.3"),
        ("venv", "3.12.3"),
        ("cargo", "1.95.0"),
        ("node", "22.11.0"),
        ("npm", "10.9.0"),
        ("mongod", "7.0.14"),
        ("php", "8.3.6"),
        ("php-mysql", "found"),
        ("php-mbstring", "found"),
        ("mariadb", "11.4.2"),
        ("mariadbd", "11.4.2"),
        ("apache2", "2.4.62"),
        ("phpunit", "10.5.20"),
    ];
    // Every tool doctor knows has a fake here: a new tool needs one, to show its version is read.
    let known = backroad::catalog::Catalog::embedded().unwrap().tools().unwrap();
    let faked: std::collections::BTreeSet<&str> = expected.iter().map(|(tool, _)| *tool).collect();
    assert_eq!(known.keys().map(String::as_str).collect::<std::collections::BTreeSet<_>>(), faked);
    let doctor = |tools: &[(&str, &str)]| {
        let dir = fake_tools(tools);
        let (_, code, stdout, _) = backroad(&["doctor", "--stack", "everything"])
            .templates(templates.path())
            .env("PATH", dir.path())
            .output();
        (code, stdout)
    };
    let (code, stdout) = doctor(&tools);
    assert_eq!(code, 0, "{stdout}");
    for (tool, version) in expected {
        let words: Vec<_> = row(&stdout, tool).split_whitespace().collect();
        assert_eq!(words.get(..3), Some(&["ok", tool, version][..]), "{tool}: {stdout}");
    }

    // An older Node.js, a PHP without pdo_mysql, an old MariaDB, no mongod.
    let no_driver = php("Core\\nmbstring");
    tools.retain(|(name, _)| !["node", "php", "mariadb", "mongod"].contains(name));
    tools.push(("node", "echo v18.19.1"));
    tools.push(("php", no_driver.as_str()));
    tools
        .push(("mariadb", "echo 'mariadb  Ver 15.1 Distrib 10.5.23-MariaDB, for debian-linux-gnu (x86_64)'"));
    let (code, stdout) = doctor(&tools);
    assert_eq!(code, 1, "{stdout}");
    for row in [
        "too old  node",
        "missing  mongod",
        "missing  php-mysql",
        "too old  mariadb",
        "ok       php-mbstring",
    ] {
        assert!(stdout.contains(row), "missing {row:?} in {stdout}");
    }
    assert!(stdout.contains("10.5.23"), "{stdout}");
    assert!(stdout.contains("Debian/Ubuntu: sudo apt install php-mysql"), "{stdout}");
    let not_ready = "Not ready: install mariadb (too old), mongod, node (too old), php-mysql, then";
    assert!(stdout.contains(not_ready), "{stdout}");
}

#[cfg(unix)]
#[test]
fn new_suggests_doctor_when_the_stack_lacks_tools() {
    let empty = fake_tools(&[]);
    let (_, stdout) = backroad(&["new", "chirp", "-s", "flask", "-i", "twitter", "--no-git"])
        .env("PATH", empty.path())
        .succeeds();
    assert!(
        stdout.contains("note: this machine lacks tools the flask stack needs (python3, venv); run `backroad doctor --stack flask`"),
        "{stdout}"
    );
    let tools = fake_tools(&[("python3", &fake_python("3.12.3", true))]);
    let (_, stdout) = backroad(&["new", "chirp", "-s", "flask", "-i", "twitter", "--no-git"])
        .env("PATH", tools.path())
        .succeeds();
    assert!(!stdout.contains("backroad doctor"), "{stdout}");
}
