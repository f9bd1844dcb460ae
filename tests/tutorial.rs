//! `backroad tutorial`, run as a learner runs it, where no server is needed:
//! what `start` makes, the hints, the solution, `skip`'s merge, and every bad
//! input with its one-line error and exit code. The full loop (check fails,
//! skip, check passes, next, to the last step, against real servers) is the
//! build-along idea of `cargo xtask e2e --steps`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn backroad(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("backroad")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env_remove("BACKROAD_TEMPLATES")
        .env("NO_COLOR", "1")
        .write_stdin("")
        .assert()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).to_string()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).to_string()
}

/// A flask x twitter tutorial, started in a temporary folder: (folder, project).
fn started() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    backroad(dir.path(), &["tutorial", "start", "chirp", "-s", "flask", "-i", "twitter"]).success();
    let root = dir.path().join("chirp");
    (dir, root)
}

fn git(root: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git").args(args).current_dir(root).output().unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn start_makes_step_1_with_the_tests_and_chapter_of_step_2() {
    let (_dir, root) = started();
    assert_eq!(git(&root, &["log", "--format=%s"]).trim(), "Step 1: A server that answers");
    assert_eq!(git(&root, &["tag"]).trim(), "step-01-start");
    assert_eq!(git(&root, &["status", "--porcelain"]).trim(), "", "everything is committed");
    assert!(root.join("tests/test_users.py").is_file(), "the next step's tests are in place");
    assert!(!root.join("chirp/blueprints/users.py").exists(), "its code is not");
    let chapter = fs::read_to_string(root.join("docs/tutorial/02-users.md")).unwrap();
    assert!(chapter.contains("## Your turn") && !chapter.contains("## What changes"), "{chapter}");
    assert!(!root.join("docs/tutorial/03-sessions.md").exists(), "later chapters come with `next`");
    let answers = fs::read_to_string(root.join(".backroad.toml")).unwrap();
    assert!(answers.contains("[tutorial]\nwriting = \"users\""), "{answers}");
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("**You are writing step 2 of 10: Users and sign-up.**"), "{readme}");
    assert!(
        !readme.contains("passes its tests as it\nis"),
        "its tests fail until step 2 is written: {readme}"
    );

    // Any folder inside the project will do.
    let status = backroad(&root.join("chirp"), &["tutorial", "status"]).success();
    let text = stdout(&status);
    assert!(text.contains("Writing step 2 of 10: Users and sign-up"), "{text}");
    assert!(text.contains("docs/tutorial/02-users.md") && text.contains("not checked yet"), "{text}");
}

#[test]
fn hints_come_one_at_a_time_and_end_with_the_files_of_the_reference() {
    let (_dir, root) = started();
    let first = stdout(&backroad(&root, &["tutorial", "hint"]).success());
    assert!(first.starts_with("Hint 1 of 4: "), "{first}");
    backroad(&root, &["tutorial", "hint"]).success();
    backroad(&root, &["tutorial", "hint"]).success();
    let last = stdout(&backroad(&root, &["tutorial", "hint"]).success());
    assert!(last.contains("Hint 4 of 4") && last.contains("chirp/blueprints/users.py (new)"), "{last}");
    let none = stdout(&backroad(&root, &["tutorial", "hint"]).success());
    assert!(none.contains("No more hints") && none.contains("solution --diff"), "{none}");
}

#[test]
fn the_solution_is_the_code_of_the_step_as_files_or_as_a_diff() {
    let (_dir, root) = started();
    let diff = stdout(&backroad(&root, &["tutorial", "solution", "--diff"]).success());
    assert!(diff.contains("+++ b/chirp/blueprints/users.py"), "{diff}");
    assert!(!diff.contains("diff --git a/tests/"), "the tests are the learner's already: {diff}");
    let files = stdout(&backroad(&root, &["tutorial", "solution"]).success());
    assert!(files.contains("==> chirp/blueprints/users.py (new)\n"), "{files}");
    assert!(files.contains("def "), "whole files: {files}");
}

#[test]
fn skip_merges_the_reference_and_leaves_markers_where_the_learner_wrote_the_same_lines() {
    let (_dir, root) = started();
    let errors = root.join("chirp/errors.py");
    let theirs = fs::read_to_string(&errors).unwrap();
    fs::write(&errors, "# my own errors module\n").unwrap();
    let skip = backroad(&root, &["tutorial", "skip"]).code(1);
    let text = stdout(&skip);
    assert!(text.contains("written   chirp/blueprints/users.py"), "{text}");
    assert!(text.contains("conflict  chirp/errors.py"), "{text}");
    assert!(text.contains("Conflict markers"), "{text}");
    let merged = fs::read_to_string(&errors).unwrap();
    assert!(
        merged.contains("<<<<<<< yours\n# my own errors module\n") && merged.contains(">>>>>>> reference"),
        "{merged}"
    );
    assert_ne!(merged, theirs);
    assert!(root.join("chirp/blueprints/users.py").is_file());
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("at step 2 of 10: Users and sign-up, written.**"), "{readme}");
}

#[test]
fn check_shows_the_tail_of_the_log_of_a_server_that_cannot_start() {
    // Nothing is installed: no virtualenv, so no pytest and no gunicorn.
    let (_dir, root) = started();
    let check = backroad(&root, &["tutorial", "check"]).code(1);
    let text = stdout(&check);
    assert!(text.contains("FAIL  .venv/bin/pytest -q"), "{text}");
    assert!(text.contains("the server stopped before it answered"), "{text}");
    assert!(text.contains("gunicorn") && text.contains("not found"), "the log's tail: {text}");
    let status = stdout(&backroad(&root, &["tutorial", "status"]).success());
    assert!(status.contains("what the last check found failing"), "{status}");
}

#[test]
fn bad_input_gets_one_line_and_exit_2() {
    let (dir, root) = started();
    let next = backroad(&root, &["tutorial", "next"]).code(2);
    assert!(stderr(&next).contains("has not passed `backroad tutorial check`"), "{}", stderr(&next));
    assert_eq!(git(&root, &["log", "--format=%s"]).lines().count(), 1, "nothing was committed");

    backroad(dir.path(), &["new", "plain", "-s", "flask", "-i", "twitter", "--no-git"]).success();
    let plain = backroad(&dir.path().join("plain"), &["tutorial", "status"]).code(2);
    assert!(stderr(&plain).contains("was not made by `backroad tutorial start`"), "{}", stderr(&plain));

    let outside = tempfile::tempdir().unwrap();
    backroad(outside.path(), &["tutorial", "check"]).code(2);

    let last = backroad(
        dir.path(),
        &["tutorial", "start", "late", "-s", "flask", "-i", "twitter", "--from", "ship"],
    );
    let last = last.code(2);
    assert!(stderr(&last).contains("is the last: nothing is left to write"), "{}", stderr(&last));

    let taken = backroad(dir.path(), &["tutorial", "start", "chirp", "-s", "flask", "-i", "twitter"]).code(2);
    assert!(stderr(&taken).contains("is not empty"), "{}", stderr(&taken));
    for output in [&next, &plain, &last, &taken] {
        assert_eq!(stderr(output).trim().lines().count(), 1, "one line: {}", stderr(output));
    }
}
