//! `backroad upgrade` with two template folders standing for two backroad
//! versions (`BACKROAD_TEMPLATES`): version 1 makes the project, the learner
//! changes it and commits, version 2 upgrades it. Every case a learner meets:
//! files only one side changed, a clean merge and a conflict in one file, a
//! file added, dropped (changed or not) and renamed, the dry run, and each
//! refusal, which must leave the project exactly as it was.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// Ten lines, so that edits at its top and bottom are apart.
const LONG: &str = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n";
/// Long enough for git to see a rename of it as a rename.
const MOVED: &str = "a file that version 2 moves to another folder\nwith a few\nlines\nof text\nin it\n";

struct Versions {
    _dir: tempfile::TempDir,
    v1: PathBuf,
    v2: PathBuf,
    /// Where projects are made.
    work: PathBuf,
}

/// Version 1: the fixture templates plus files to change; version 2: the same
/// with one change for each case.
fn versions() -> Versions {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2, work) = (dir.path().join("v1"), dir.path().join("v2"), dir.path().join("work"));
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extra-templates"), &v1);
    let files = v1.join("stacks/tiny/files");
    for (path, text) in [
        ("untouched.txt", "version 1\n"),
        ("learner-only.txt", "version 1\n"),
        ("both-apart.txt", LONG),
        ("both-same-line.txt", LONG),
        ("dropped-unchanged.txt", "dropped\n"),
        ("dropped-changed.txt", "dropped\n"),
        ("docs/move-me.txt", MOVED),
    ] {
        write(&files.join(path), text);
    }
    copy_dir(&v1, &v2);
    let files = v2.join("stacks/tiny/files");
    write(&files.join("untouched.txt"), "version 2\n");
    write(&files.join("both-apart.txt"), &LONG.replace("ten\n", "ten\neleven (version 2)\n"));
    write(&files.join("both-same-line.txt"), &LONG.replace("five", "five (version 2)"));
    write(&files.join("added.txt"), "new in version 2\n");
    fs::remove_file(files.join("dropped-unchanged.txt")).unwrap();
    fs::remove_file(files.join("dropped-changed.txt")).unwrap();
    fs::remove_file(files.join("docs/move-me.txt")).unwrap();
    write(&files.join("guide/moved.txt"), MOVED);
    fs::create_dir_all(&work).unwrap();
    Versions { _dir: dir, v1, v2, work }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::create_dir_all(to).unwrap();
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn backroad(templates: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("backroad").unwrap();
    cmd.args(args).current_dir(dir).env("BACKROAD_TEMPLATES", templates).write_stdin("");
    cmd
}

/// git in `dir`, with an identity, its output; panics on failure.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .args(["-c", "user.name=Learner", "-c", "user.email=learner@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A project made by version 1 and changed by the learner, committed.
fn learner_project(v: &Versions) -> PathBuf {
    backroad(&v.v1, &v.work, &["new", "notes", "-s", "tiny", "-i", "notes"]).assert().success();
    let project = v.work.join("notes");
    write(&project.join("learner-only.txt"), "mine\n");
    write(&project.join("both-apart.txt"), &LONG.replace("one\n", "one (mine)\n"));
    write(&project.join("both-same-line.txt"), &LONG.replace("five", "five (mine)"));
    write(&project.join("dropped-changed.txt"), "dropped, but I changed it\n");
    write(&project.join("docs/move-me.txt"), &MOVED.replace("in it", "in it, and my line"));
    git(&project, &["commit", "--quiet", "--all", "--message", "My changes"]);
    project
}

/// Every file of the work tree and of `.git`, with its bytes: what "nothing
/// changed" compares.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn stdout_of(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// stderr is one `error:` line containing `text`, with this exit code.
fn refused(cmd: &mut Command, code: i32, text: &str) {
    let out = cmd.assert().code(code).stdout("");
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(text), "expected {text:?} in {stderr}");
}

#[test]
fn an_upgrade_merges_the_new_render_into_the_learners_work() {
    let v = versions();
    let project = learner_project(&v);
    let out = stdout_of(&mut backroad(&v.v2, &project, &["upgrade"]), 1);

    // Only the new version changed it: the new version.
    assert_eq!(read(&project.join("untouched.txt")), "version 2\n");
    // Only the learner changed it: theirs.
    assert_eq!(read(&project.join("learner-only.txt")), "mine\n");
    // Both, apart: both changes.
    assert_eq!(
        read(&project.join("both-apart.txt")),
        LONG.replace("one\n", "one (mine)\n").replace("ten\n", "ten\neleven (version 2)\n")
    );
    // Both, the same line: standard conflict markers.
    let conflict = read(&project.join("both-same-line.txt"));
    assert!(
        conflict.contains("<<<<<<< HEAD\nfive (mine)\n=======\nfive (version 2)\n>>>>>>> backroad/base\n"),
        "{conflict}"
    );
    // Added, dropped, kept, renamed (and the learner's change follows it).
    assert_eq!(read(&project.join("added.txt")), "new in version 2\n");
    assert!(!project.join("dropped-unchanged.txt").exists());
    assert_eq!(read(&project.join("dropped-changed.txt")), "dropped, but I changed it\n");
    assert!(!project.join("docs/move-me.txt").exists());
    assert!(read(&project.join("guide/moved.txt")).contains("in it, and my line"));

    for line in [
        "  new       added.txt",
        "  updated   untouched.txt",
        "  merged    both-apart.txt",
        "  conflict  both-same-line.txt",
        "  removed   dropped-unchanged.txt",
        "  kept      dropped-changed.txt",
        "Conflicts in both-same-line.txt: edit the lines between <<<<<<< and >>>>>>>",
    ] {
        assert!(out.contains(line), "{line:?} in\n{out}");
    }
    assert!(out.contains("guide/moved.txt (was docs/move-me.txt)"), "{out}");
    // Nothing committed; the message is ready; only the conflict is unmerged.
    assert_eq!(git(&project, &["log", "--format=%s"]).lines().next(), Some("My changes"));
    assert!(read(&project.join(".git/MERGE_MSG")).starts_with("Upgrade to backroad "));
    let status = git(&project, &["status", "--porcelain"]);
    let unmerged: Vec<&str> = status
        .lines()
        .filter(|l| l.starts_with("UU") || l.starts_with("DU") || l.starts_with("UD"))
        .collect();
    assert_eq!(unmerged, ["UU both-same-line.txt"], "{status}");

    // Resolved and committed, the next upgrade has nothing to do.
    write(&project.join("both-same-line.txt"), LONG);
    git(&project, &["commit", "--quiet", "--all", "--no-edit"]);
    refused(&mut backroad(&v.v2, &project, &["upgrade"]), 1, "already at this backroad's render");
}

#[test]
fn a_dry_run_lists_the_changes_and_changes_nothing() {
    let v = versions();
    let project = learner_project(&v);
    let before = snapshot(&project);
    let out = stdout_of(&mut backroad(&v.v2, &project, &["upgrade", "--dry-run"]), 0);
    assert!(out.starts_with("Would upgrade notes (tiny x notes)"), "{out}");
    assert!(out.contains("  conflict  both-same-line.txt") && out.contains("  new       added.txt"), "{out}");
    assert!(out.contains("Nothing was changed (--dry-run)"), "{out}");
    assert!(snapshot(&project) == before, "a dry run changed the project or its .git");
}

#[test]
fn an_upgrade_without_conflicts_succeeds_from_a_folder_inside_and_with_path() {
    let v = versions();
    backroad(&v.v1, &v.work, &["new", "notes", "-s", "tiny", "-i", "notes"]).assert().success();
    let project = v.work.join("notes");
    let inside = project.join("docs");
    let out = stdout_of(&mut backroad(&v.v2, &inside, &["upgrade"]), 0);
    assert!(out.contains("Review it with `git diff --cached`, then `git commit`"), "{out}");
    assert_eq!(read(&project.join("both-same-line.txt")), LONG.replace("five", "five (version 2)"));
    // The answers file records this backroad, and is still readable.
    assert!(read(&project.join(".backroad.toml")).contains("stack = \"tiny\""));
    git(&project, &["commit", "--quiet", "--no-edit"]);
    let path = project.to_str().unwrap();
    refused(&mut backroad(&v.v2, &v.work, &["upgrade", "--path", path]), 1, "nothing to upgrade");
}

#[test]
fn a_project_made_at_a_step_is_upgraded_at_that_step() {
    let v = versions();
    backroad(&v.v1, &v.work, &["new", "notes", "-s", "tiny", "-i", "notes", "--step", "start"])
        .assert()
        .success();
    let project = v.work.join("notes");
    assert!(!project.join("src/replies.sh").exists(), "replies come with the next step");
    stdout_of(&mut backroad(&v.v2, &project, &["upgrade"]), 0);
    assert_eq!(read(&project.join("untouched.txt")), "version 2\n", "the upgrade is merged");
    assert!(!project.join("src/replies.sh").exists(), "and the project stays at its step");
    assert!(read(&project.join(".backroad.toml")).contains("step = \"start\""));
}

#[test]
fn each_refusal_is_one_line_and_changes_nothing() {
    let v = versions();
    let project = learner_project(&v);

    // Uncommitted changes: a modified file, or a new one.
    write(&project.join("untouched.txt"), "edited, not committed\n");
    let before = snapshot(&project);
    refused(&mut backroad(&v.v2, &project, &["upgrade"]), 1, "uncommitted changes (M untouched.txt)");
    assert!(snapshot(&project) == before);
    git(&project, &["checkout", "--", "untouched.txt"]);
    write(&project.join("notes.md"), "mine\n");
    refused(&mut backroad(&v.v2, &project, &["upgrade"]), 1, "?? notes.md");
    fs::remove_file(project.join("notes.md")).unwrap();

    // No base: the ref is gone (an older backroad made the project).
    git(&project, &["update-ref", "-d", "refs/backroad/base"]);
    let before = snapshot(&project);
    refused(&mut backroad(&v.v2, &project, &["upgrade"]), 1, "has no refs/backroad/base");
    assert!(snapshot(&project) == before);

    // No git at all.
    backroad(&v.v1, &v.work, &["new", "plain", "-s", "tiny", "-i", "notes", "--no-git"]).assert().success();
    refused(&mut backroad(&v.v2, &v.work.join("plain"), &["upgrade"]), 1, "not the top of a git repository");

    // Not a project; and `new --force` over one points to upgrade.
    refused(&mut backroad(&v.v2, &v.work, &["upgrade"]), 2, "not inside a backroad project");
    let args = ["new", "notes", "-s", "tiny", "-i", "notes", "--force"];
    refused(&mut backroad(&v.v2, &v.work, &args), 2, "run `backroad upgrade` inside it");
}

#[test]
fn a_rewritten_history_is_refused_with_the_manual_way() {
    let v = versions();
    let project = learner_project(&v);
    // The learner squashes everything into a new root commit.
    git(&project, &["checkout", "--quiet", "--orphan", "squashed"]);
    git(&project, &["commit", "--quiet", "--message", "Everything"]);
    refused(
        &mut backroad(&v.v2, &project, &["upgrade"]),
        1,
        "no longer holds a commit of refs/backroad/base",
    );
    refused(&mut backroad(&v.v2, &project, &["upgrade"]), 1, "backroad new notes --stack tiny --idea notes");
}
