//! The tutorial's chapters against the code they explain. A chapter's "What
//! changes" section has one `### `path`` heading per file the step adds or
//! changes; every code block under a heading must appear, as it is, in that
//! file of the project at that step, so an excerpt cannot drift from the code.
//! The chapter must name files that exist at its step, too.

use std::collections::BTreeMap;

use backroad::catalog::Catalog;
use backroad::generate;
use backroad::generate::plan::{Choices, NewPlan};

/// The code blocks of a chapter's "## What changes" section, each with the
/// path of the `### `path`` heading it stands under (`None` before the first).
fn excerpts(chapter: &str) -> Vec<(Option<String>, String)> {
    let mut found = Vec::new();
    let (mut inside, mut path, mut block): (bool, Option<String>, Option<String>) = (false, None, None);
    for line in chapter.lines() {
        if let Some(code) = block.as_mut() {
            if line.trim_start().starts_with("```") {
                found.push((path.clone(), std::mem::take(code)));
                block = None;
            } else {
                code.push_str(line);
                code.push('\n');
            }
            continue;
        }
        if line.starts_with("## ") {
            inside = line.trim() == "## What changes";
            path = None;
        } else if inside && line.starts_with("### ") {
            path = line.split('`').nth(1).map(str::to_string);
        } else if inside && line.trim_start().starts_with("```") {
            block = Some(String::new());
        }
    }
    found
}

/// Whether `code` stands in `file`, ignoring how far each line is indented
/// (an excerpt may be taken out of a nested block).
fn contains(file: &str, code: &str) -> bool {
    let lines: Vec<&str> = file.lines().map(str::trim).collect();
    let wanted: Vec<&str> = code.lines().map(str::trim).collect();
    wanted.is_empty() || lines.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

#[test]
fn the_excerpts_of_every_chapter_are_in_the_code_of_its_step() {
    let catalog = Catalog::embedded().unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for stack in &catalog.stacks {
        for idea in &catalog.ideas {
            for step in &idea.steps {
                let choices = Choices {
                    name: Some("demo-app".into()),
                    stack: Some(stack.name.clone()),
                    idea: Some(idea.name.clone()),
                    step: Some(step.name.clone()),
                    ..Choices::default()
                };
                let plan = NewPlan::check(choices, &catalog).unwrap();
                let files: BTreeMap<String, String> = generate::render(&plan, &catalog)
                    .unwrap()
                    .into_iter()
                    .map(|f| (f.path, String::from_utf8_lossy(&f.contents).into_owned()))
                    .collect();
                let chapter = &files[&format!("docs/tutorial/{}.md", step.slug())];
                let at = format!("{} {} {}", stack.name, idea.name, step.name);
                assert!(chapter.contains("## What changes"), "{at}: the chapter has the stack's section");
                for (path, code) in excerpts(chapter) {
                    checked += 1;
                    match path.as_deref().and_then(|p| files.get(p).map(|f| (p, f))) {
                        None => problems
                            .push(format!("{at}: a code block under {path:?}, not a file of the step")),
                        Some((p, file)) if !contains(file, &code) => {
                            problems.push(format!("{at}: this block is not in {p}:\n{code}"))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} of {checked} excerpts:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn excerpts_are_read_from_the_section_and_found_whatever_their_indent() {
    let chapter = "## Why\n```sh\nnot this\n```\n## What changes\n### `app.py`\nText.\n```python\ndef f():\n    return 1\n```\n## Try it\n```sh\ncurl\n```\n";
    let found = excerpts(chapter);
    assert_eq!(found, [(Some("app.py".to_string()), "def f():\n    return 1\n".to_string())]);
    assert!(contains("class A:\n    def f():\n        return 1\n", &found[0].1));
    assert!(!contains("def f():\n    return 2\n", &found[0].1));
}
