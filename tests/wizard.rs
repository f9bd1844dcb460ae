//! `backroad new` in a real pseudo-terminal: typing, arrow keys, Space, Enter
//! and Ctrl-C, checking what the wizard shows, what it creates, and that a
//! cancelled wizard leaves nothing on disk and a sane terminal behind.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use backroad::catalog::Catalog;
use rexpect::process::WaitStatus;
use rexpect::session::{Options, PtySession, spawn_with_options};

const ENTER: &str = "\r";
const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const BACKSPACE: &str = "\x7f";
const SPACE: &str = " ";
const CTRL_C: &str = "\x03";

/// A `backroad` (or shell) run in a pseudo-terminal, in its own empty folder.
struct Pty {
    session: PtySession,
    dir: tempfile::TempDir,
}

fn command(program: &str, args: &[&str], dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("BACKROAD_TEMPLATES");
    cmd
}

fn start(cmd: Command, dir: tempfile::TempDir, strip_ansi: bool) -> Pty {
    let options = Options::new().timeout_ms(Some(30_000)).strip_ansi_escape_codes(strip_ansi);
    Pty { session: spawn_with_options(cmd, options).unwrap(), dir }
}

/// `backroad ARGS` with NO_COLOR, its output read with the escape codes taken out.
fn backroad(args: &[&str]) -> Pty {
    let dir = tempfile::tempdir().unwrap();
    let cmd = command(env!("CARGO_BIN_EXE_backroad"), args, dir.path());
    start(cmd, dir, true)
}

impl Pty {
    /// Waits until the terminal shows `text`; returns what came before it.
    fn sees(&mut self, text: &str) -> String {
        // rexpect reads each byte as one char: match UTF-8 text byte by byte.
        let bytes: String = text.bytes().map(char::from).collect();
        let before = self.session.exp_string(&bytes).unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
        utf8(&before)
    }

    /// Everything up to the end.
    fn rest(&mut self) -> String {
        utf8(&self.session.exp_eof().unwrap())
    }

    fn keys(&mut self, keys: &[&str]) {
        for key in keys {
            self.session.send(key).unwrap();
            self.session.flush().unwrap();
        }
    }

    /// Reads to the end and returns the exit code.
    fn exit_code(&mut self) -> i32 {
        self.rest();
        match self.session.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("not a normal exit: {other:?}"),
        }
    }

    fn entries(&self) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Text that rexpect read byte by byte, as the UTF-8 it was.
fn utf8(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Presses Down `n` times.
fn down(n: usize) -> Vec<&'static str> {
    vec![DOWN; n]
}

/// Where the list of stacks puts `name` ("Help me choose" comes first).
fn stack_row(name: &str) -> usize {
    let catalog = Catalog::embedded().unwrap();
    1 + catalog.stacks.iter().position(|s| s.name == name).unwrap()
}

/// Where the list of ideas puts `name`, and where it opens (the simplest idea).
fn idea_rows(name: &str) -> (usize, usize) {
    let catalog = Catalog::embedded().unwrap();
    let at = |n: &str| catalog.ideas.iter().position(|i| i.name == n).unwrap();
    let simplest = catalog.ideas.iter().min_by_key(|i| i.features.count_on()).unwrap();
    (at(name), at(&simplest.name))
}

/// Moves from the idea list's starting row to `name`'s.
fn to_idea(name: &str) -> Vec<&'static str> {
    let (row, start) = idea_rows(name);
    if row >= start { down(row - start) } else { vec![UP; start - row] }
}

#[test]
fn the_wizard_asks_checks_as_you_type_and_creates_the_project() {
    let mut pty = backroad(&["new", "--no-git"]);
    pty.sees("nothing is written before you confirm");
    pty.sees("Project name");
    pty.sees("creates ./my-app"); // the default, checked before anything is typed
    pty.keys(&["1", "x"]);
    pty.sees("it must start with a letter, not '1'");
    pty.keys(&[BACKSPACE, BACKSPACE, "chirp.app"]);
    pty.sees("'.' is not allowed");
    pty.keys(&[ENTER]); // refused: the reason stays on screen
    pty.keys(&[BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE]);
    pty.sees("creates ./chirp");
    pty.keys(&[ENTER]);
    pty.sees("Project name · chirp");

    pty.sees("Stack");
    pty.sees("Help me choose");
    let shown = pty.sees("learn app factories");
    assert!(shown.contains("flask") && shown.contains("Python + Flask, SQLite"), "{shown}");
    pty.keys(&down(stack_row("flask")));
    pty.sees("Python + Flask: the gentlest start"); // the highlighted stack, in full
    pty.keys(&[ENTER]);
    pty.sees("Stack · flask");

    pty.sees("Idea");
    pty.keys(&to_idea("instagram"));
    pty.sees("You will learn");
    pty.keys(&[ENTER]);
    pty.sees("Idea · instagram");

    let summary = pty.sees("Create the project? (Y/n)");
    for row in ["name    chirp", "folder  ./chirp", "stack   flask (Python + Flask)", "idea    instagram"] {
        assert!(summary.contains(row), "missing {row:?} in {summary}");
    }
    assert!(summary.contains("git     no (--no-git)"), "{summary}");
    pty.keys(&[ENTER]);
    pty.sees("Create the project? · yes");
    pty.sees("Created chirp (Instagram clone on Python + Flask)");
    pty.sees("Next steps:");
    assert_eq!(pty.exit_code(), 0);

    let record = std::fs::read_to_string(pty.dir.path().join("chirp/.backroad.toml")).unwrap();
    assert!(record.contains("name = \"chirp\"\nstack = \"flask\"\nidea = \"instagram\"\n"), "{record}");
    assert_eq!(pty.entries(), ["chirp"]);
}

#[test]
fn help_me_choose_recommends_a_stack_that_can_be_taken_or_overridden() {
    let catalog = Catalog::embedded().unwrap();
    let flask = stack_row("flask") - 1;
    // Another stack, one row away from flask (never "Help me choose", above the first).
    let other = if flask + 1 < catalog.stacks.len() {
        Some((DOWN, flask + 1))
    } else {
        flask.checked_sub(1).map(|i| (UP, i))
    };
    let mut cases = vec![(None, "flask".to_string())];
    cases.extend(other.map(|(key, i)| (Some(key), catalog.stacks[i].name.clone())));
    for (key, expected) in cases {
        let mut pty = backroad(&["new", "chirp", "--idea", "twitter", "--no-git"]);
        pty.sees("Help me choose");
        pty.keys(&[ENTER]); // the list opens on "Help me choose"
        pty.sees("Which of these languages do you know already?");
        pty.keys(&[SPACE, ENTER]); // the first: Python
        pty.sees("languages do you know already? · Python");
        pty.sees("compiler checking your types?");
        pty.keys(&[UP, ENTER]); // from "No preference" up to "No"
        pty.sees("types? · No");
        pty.sees("tables or in documents?");
        pty.keys(&[UP, UP, ENTER]);
        pty.sees("documents? · Tables");
        pty.sees("Where will you deploy it?");
        pty.keys(&[UP, UP, ENTER]);
        pty.sees("deploy it? · A platform");
        pty.sees("Recommended: flask, because you already know Python and it keeps your data in tables.");
        pty.sees("recommended · Python + Flask");
        // Enter takes the recommendation; an arrow key first overrides it.
        pty.keys(&[key.unwrap_or(""), ENTER]);
        pty.sees(&format!("Stack · {expected}"));
        pty.sees("Create the project?");
        pty.keys(&["n"]);
        pty.sees("Cancelled: nothing was written.");
        assert_eq!(pty.exit_code(), 130);
        assert!(pty.entries().is_empty());
    }
}

/// Wait for this text, then press these keys.
type Step<'a> = (&'a str, Vec<&'a str>);

#[test]
fn ctrl_c_at_any_question_writes_nothing_and_restores_the_terminal() {
    // For each question: what to wait for and the keys to press on the way
    // there, then the question where Ctrl-C is pressed.
    let name = ("Project name", vec!["chirp", ENTER]);
    let flask = [down(stack_row("flask")), vec![ENTER]].concat();
    let cases: Vec<(Vec<Step>, &str)> = vec![
        (vec![], "Project name"),
        (vec![name.clone()], "Help me choose"),
        (vec![name.clone(), ("Help me choose", vec![ENTER])], "languages do you know"),
        (
            vec![name.clone(), ("Help me choose", vec![ENTER]), ("languages do you know", vec![ENTER])],
            "compiler checking your types?",
        ),
        (vec![name.clone(), ("Help me choose", flask.clone())], "Idea"),
        (vec![name.clone(), ("Help me choose", flask), ("Idea", vec![ENTER])], "Create the project?"),
    ];
    let cooked = regex::Regex::new(r"(?m)(^|\s)icanon\b").unwrap();
    let signals = regex::Regex::new(r"(?m)(^|\s)isig\b").unwrap();
    for (steps, question) in cases {
        let dir = tempfile::tempdir().unwrap();
        // A shell runs backroad, then shows the terminal's settings as backroad left them.
        let script = format!("{} new; echo \"exit=$?\"; stty -a", env!("CARGO_BIN_EXE_backroad"));
        let mut pty = start(command("sh", &["-c", &script], dir.path()), dir, true);
        for (wait, keys) in steps {
            pty.sees(wait);
            pty.keys(&keys);
        }
        pty.sees(question);
        pty.keys(&[CTRL_C]);
        pty.sees("· cancelled");
        pty.sees("Cancelled: nothing was written.");
        pty.sees("exit=130");
        let settings = pty.rest();
        assert!(
            cooked.is_match(&settings) && signals.is_match(&settings),
            "{question}: not cooked: {settings}"
        );
        assert!(pty.entries().is_empty(), "{question}: nothing on disk");
    }
}

#[test]
fn the_cursor_is_shown_again_after_a_cancelled_list() {
    let dir = tempfile::tempdir().unwrap();
    let cmd = command(env!("CARGO_BIN_EXE_backroad"), &["new", "chirp"], dir.path());
    let mut pty = start(cmd, dir, false);
    pty.sees("Help me choose");
    pty.keys(&[CTRL_C]);
    let rest = pty.sees("Cancelled");
    assert!(rest.contains("\x1b[?25h"), "cursor shown: {rest:?}");
    assert_eq!(pty.exit_code(), 130);
}

#[test]
fn yes_takes_the_defaults_without_asking() {
    let mut pty = backroad(&["new", "--yes", "--no-git"]);
    let shown = pty.sees("Created my-app");
    assert!(!shown.contains('?'), "no question: {shown}");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(pty.entries(), ["my-app"]);
}

#[test]
fn with_every_flag_given_nothing_is_asked() {
    let mut pty = backroad(&["new", "chirp", "--stack", "flask", "--idea", "twitter", "--no-git"]);
    let shown = pty.sees("Created chirp");
    assert!(!shown.contains("Project name"), "{shown}");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn colours_follow_no_color() {
    // Select Graphic Rendition codes (colours, bold); cursor movements are not colours.
    let sgr = regex::Regex::new(r"\x1b\[[0-9;]*m").unwrap();
    for (no_color, colored) in [(None, true), (Some("1"), false)] {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd =
            command(env!("CARGO_BIN_EXE_backroad"), &["new", "chirp", "--stack", "flask"], dir.path());
        match no_color {
            Some(value) => cmd.env("NO_COLOR", value),
            None => cmd.env_remove("NO_COLOR"),
        };
        let mut pty = start(cmd, dir, false);
        let shown = pty.sees("Idea");
        pty.keys(&[CTRL_C]);
        pty.sees("Cancelled");
        assert_eq!(sgr.is_match(&shown), colored, "NO_COLOR={no_color:?}: {shown:?}");
        assert_eq!(pty.exit_code(), 130);
    }
}
