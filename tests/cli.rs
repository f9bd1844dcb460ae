//! The command line, run as a user runs it: every bad input gets a one-line
//! error that says what to do, and the documented exit code.

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

#[test]
fn unknown_stack_lists_the_choices() {
    backroad(&["new", "demo", "--stack", "django", "--idea", "twitter"])
        .fails(2, "unknown stack 'django': choose one of flask");
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
        ("flask", "clashes with a module or keyword it needs; try 'flask_app'"),
        ("test", "clashes"),
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
fn without_a_terminal_missing_choices_are_errors_with_the_choices() {
    backroad(&["new", "demo", "--idea", "twitter"])
        .fails(2, "no stack given: pass --stack with one of flask");
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
