//! Snapshots of every generated project (stack x idea): the file list and
//! every file's contents, so a template change shows up in review as a diff.

use backroad::catalog::Catalog;
use backroad::generate;
use backroad::plan::{Choices, NewPlan};
use backroad::render::RenderedFile;

fn render(stack: &str, idea: &str) -> Vec<RenderedFile> {
    let catalog = Catalog::embedded().unwrap();
    let choices = Choices {
        name: Some("demo-app".into()),
        stack: Some(stack.into()),
        idea: Some(idea.into()),
        ..Choices::default()
    };
    generate::render(&NewPlan::check(choices, &catalog).unwrap(), &catalog).unwrap()
}

fn combinations() -> Vec<(String, String)> {
    let catalog = Catalog::embedded().unwrap();
    let mut out = Vec::new();
    for stack in &catalog.stacks {
        for idea in &catalog.ideas {
            out.push((stack.name.clone(), idea.name.clone()));
        }
    }
    out
}

/// The whole project as one text: a file list, then each file.
fn as_text(files: &[RenderedFile]) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(&format!("{} ({} bytes)\n", f.path, f.contents.len()));
    }
    for f in files {
        match std::str::from_utf8(&f.contents) {
            Ok(text) => out.push_str(&format!("\n===== {} =====\n{text}", f.path)),
            Err(_) => out.push_str(&format!("\n===== {} ===== (binary)\n", f.path)),
        }
    }
    out
}

#[test]
fn every_combination_matches_its_snapshot() {
    for (stack, idea) in combinations() {
        let text = as_text(&render(&stack, &idea));
        insta::assert_snapshot!(format!("{stack}_{idea}"), text);
    }
}

#[test]
fn output_is_deterministic() {
    for (stack, idea) in combinations() {
        assert_eq!(render(&stack, &idea), render(&stack, &idea), "{stack} x {idea}");
    }
}

#[test]
fn no_template_syntax_is_left_unrendered() {
    // A file with variables but without the .hbs suffix would be copied as is.
    let markers =
        ["{{project.", "{{idea.", "{{stack.", "{{limits.", "{{features.", "{{#if ", "{{/if}}", "{{> "];
    for (stack, idea) in combinations() {
        for file in render(&stack, &idea) {
            let text = String::from_utf8_lossy(&file.contents);
            for m in markers {
                assert!(!text.contains(m), "{stack} x {idea}: {} contains {m:?}", file.path);
            }
        }
    }
}

#[test]
fn ideas_differ_only_where_their_features_do() {
    let twitter = render("flask", "twitter");
    let instagram = render("flask", "instagram");
    let file = |files: &[RenderedFile], path: &str| {
        files.iter().find(|f| f.path == path).map(|f| String::from_utf8_lossy(&f.contents).into_owned())
    };
    // Server code of a feature exists only where the idea has it.
    assert!(file(&twitter, "demo_app/blueprints/replies.py").is_some());
    assert!(file(&twitter, "demo_app/blueprints/uploads.py").is_none());
    assert!(file(&instagram, "demo_app/blueprints/replies.py").is_none());
    assert!(file(&instagram, "demo_app/blueprints/uploads.py").is_some());
    // The front end is one code base: it reads the features from its config...
    let config = |files: &[RenderedFile]| file(files, "demo_app/static/js/config.js").unwrap();
    assert!(config(&twitter).contains("replies: true") && config(&twitter).contains("images: false"));
    assert!(config(&instagram).contains("replies: false") && config(&instagram).contains("images: true"));
    // ...and every other script is the same file for both ideas.
    let scripts = |files: &[RenderedFile]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|f| f.path.starts_with("demo_app/static/js/") && !f.path.ends_with("/config.js"))
            .map(|f| (f.path.clone(), f.contents.clone()))
            .collect()
    };
    assert!(scripts(&twitter).len() > 10);
    assert_eq!(scripts(&twitter), scripts(&instagram));
}
