//! The wizard driven by scripted answers (`prompt::scripted`).

use std::path::PathBuf;

use super::*;
use crate::wizard::prompt::scripted::{Answer, Scripted};

fn catalog() -> Catalog {
    Catalog::embedded().unwrap()
}

/// Runs the wizard with scripted answers, as if `missing` tools were not
/// installed; returns its result and everything it asked and said.
fn run(choices: Choices, answers: Vec<Answer>, missing: Vec<String>) -> (Result<NewPlan, Error>, String) {
    let catalog = catalog();
    let mut ask = Scripted::new(answers);
    let mut tools = |_: &Stack| missing.clone();
    let result = Wizard::new(&catalog, &mut ask, Palette::PLAIN, &mut tools).run(choices);
    (result, ask.transcript.join("\n"))
}

fn in_tmp(choices: Choices) -> (tempfile::TempDir, Choices) {
    let dir = tempfile::tempdir().unwrap();
    let output = choices.output.as_ref().map(|o| dir.path().join(o));
    (dir, Choices { output, ..choices })
}

/// A folder in `dir` that holds a file already.
fn taken(dir: &Path) -> PathBuf {
    let taken = dir.join("taken");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("x"), "").unwrap();
    taken
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn pick(s: &str) -> Answer {
    Answer::Pick(s.into())
}

#[test]
fn asks_for_everything_then_confirms() {
    let (dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
    let answers =
        vec![text("1st"), text("my.app"), text("chirp"), pick("flask"), pick("twitter"), Answer::Yes];
    let (result, said) = run(choices, answers, vec![]);
    let chosen = result.unwrap();
    assert_eq!(chosen.names.name, "chirp");
    assert_eq!(chosen.stack.name, "flask");
    assert_eq!(chosen.idea.name, "twitter");
    assert_eq!(chosen.target, dir.path().join("out"));
    assert!(said.contains("rejected 1st: it must start with a letter"), "{said}");
    assert!(said.contains("rejected my.app: '.' is not allowed"), "{said}");
    assert!(said.contains(&format!("ok chirp: creates {}", dir.path().join("out").display())), "{said}");
    assert!(said.contains("choices Help me choose, ") && said.contains("flask"), "{said}");
    for row in ["name    chirp", "stack   flask (Python + Flask)", "idea    twitter (Twitter clone)"] {
        assert!(said.contains(row), "missing {row:?} in {said}");
    }
    assert!(said.contains("tools   all installed"), "{said}");
    assert!(said.ends_with("? Create the project?"), "{said}");
}

#[test]
fn asks_only_for_what_the_flags_did_not_give() {
    let choices = Choices { name: Some("chirp".into()), stack: Some("flask".into()), ..Choices::default() };
    let (result, said) = run(choices, vec![pick("instagram"), Answer::Yes], vec![]);
    assert_eq!(result.unwrap().idea.name, "instagram");
    let prompts: Vec<_> = said.lines().filter(|l| l.starts_with("? ")).collect();
    assert_eq!(prompts, ["? Idea", "? Create the project?"]);
}

#[test]
fn a_wrong_flag_is_an_error_before_any_question() {
    for (choices, expected) in [
        (Choices { name: Some("1x".into()), ..Choices::default() }, "must start with a letter"),
        (Choices { stack: Some("django".into()), ..Choices::default() }, "unknown stack 'django'"),
        (Choices { idea: Some("reddit".into()), ..Choices::default() }, "unknown idea 'reddit'"),
    ] {
        let (result, said) = run(choices, vec![], vec![]);
        assert!(result.unwrap_err().to_string().contains(expected), "{expected}");
        assert!(said.is_empty(), "{said}");
    }
}

#[test]
fn a_name_the_chosen_stack_reserves_is_kept_and_the_summary_says_what_moves() {
    let (_dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
    let answers = vec![text("test"), pick("flask"), pick("twitter"), Answer::Yes];
    let (result, said) = run(choices, answers, vec![]);
    let plan = result.unwrap();
    assert_eq!((plan.names.name.as_str(), plan.names.package.as_str()), ("test", "my_test"));
    assert!(said.contains("name    test (my_test inside: test is reserved by flask)"), "{said}");
}

#[test]
fn a_taken_folder_is_refused_as_you_type_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let choices = Choices { output: Some(taken(dir.path())), ..Choices::default() };
    let answers = vec![text("chirp"), pick("flask"), pick("twitter"), Answer::Yes];
    // "chirp" is refused, then the default (refused too: the folder is the same), then Ctrl-C.
    let (result, said) = run(choices.clone(), vec![text("chirp"), text(""), Answer::Cancel], vec![]);
    assert!(matches!(result, Err(Error::Cancelled)));
    assert!(said.contains("exists and is not empty: choose another name"), "{said}");
    let (result, said) = run(Choices { force: true, ..choices }, answers, vec![]);
    assert!(result.is_ok());
    assert!(said.contains("(--force)"), "{said}");
}

#[test]
fn help_me_choose_recommends_and_the_list_opens_on_it() {
    let (_dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
    let answers = vec![
        text("chirp"),
        pick("Help me choose"),
        Answer::PickMany(vec!["Python".into()]),
        pick("No"),
        pick("Tables"),
        pick("A platform"),
        Answer::Yes, // take the recommendation
        pick("twitter"),
        Answer::Yes,
    ];
    let (result, said) = run(choices, answers, vec![]);
    assert_eq!(result.unwrap().stack.name, "flask");
    assert!(said.contains("Recommended: flask, because you already know Python"), "{said}");
    assert!(said.contains("(default flask)"), "the list opens on the recommendation: {said}");
}

#[test]
fn the_summary_names_missing_tools_and_doctor() {
    let (_dir, choices) = in_tmp(Choices {
        output: Some("out".into()),
        stack: Some("flask".into()),
        idea: Some("twitter".into()),
        ..Choices::default()
    });
    let (result, said) = run(choices, vec![text("chirp"), Answer::No], vec!["venv".into()]);
    assert!(matches!(result, Err(Error::Cancelled)), "no at the summary cancels");
    assert!(said.contains("tools   to install: venv; `backroad doctor --stack flask` shows how"), "{said}");
}

#[test]
fn cancelling_any_question_stops_the_wizard() {
    let steps = [
        text("chirp"),
        pick("Help me choose"),
        Answer::PickMany(vec![]),
        pick("Yes"),
        pick("Documents"),
        pick("Containers"),
        pick("flask"),
        pick("twitter"),
    ];
    for at in 0..=steps.len() {
        let (_dir, choices) = in_tmp(Choices { output: Some("out".into()), ..Choices::default() });
        let mut answers = steps[..at].to_vec();
        answers.push(Answer::Cancel);
        let (result, _) = run(choices, answers, vec![]);
        assert!(matches!(result, Err(Error::Cancelled)), "cancel at step {at}: {result:?}");
    }
}

#[test]
fn defaults_take_the_gentlest_stack_the_simplest_idea_and_a_free_name() {
    let catalog = catalog();
    let filled = defaults(Choices::default(), &catalog);
    assert_eq!(filled.stack.as_deref(), Some("flask"));
    assert_eq!(filled.idea.as_deref(), Some("twitter"), "fewest features");
    let named = Choices { name: Some("mine".into()), ..Choices::default() };
    assert_eq!(defaults(named, &catalog).name.as_deref(), Some("mine"), "a given name stays");

    // A taken --output takes every name: the default stays, and `new` will refuse the folder.
    // (Free names, my-app-2 and on, are tested through the CLI, in a folder of its own.)
    let dir = tempfile::tempdir().unwrap();
    let with_output = Choices { output: Some(taken(dir.path())), ..Choices::default() };
    assert_eq!(defaults(with_output.clone(), &catalog).name.as_deref(), Some(DEFAULT_NAME));
    assert_eq!(
        defaults(Choices { force: true, ..with_output }, &catalog).name.as_deref(),
        Some(DEFAULT_NAME)
    );
}

#[test]
fn paths_are_shown_as_typed() {
    assert_eq!(shown(Path::new("chirp")), "./chirp");
    assert_eq!(shown(Path::new("./chirp")), "./chirp");
    assert_eq!(shown(Path::new("/tmp/chirp")), "/tmp/chirp");
}
