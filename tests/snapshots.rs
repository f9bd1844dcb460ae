//! Snapshots of what every stack x idea renders, at a size a reviewer reads:
//!
//! - `files@<stack>_<idea>`: the file list of each combination, as mdBook's
//!   `check_file_list` does (paths only, so a change inside a file leaves it alone);
//! - `<scope>@<path>`: each distinct file once. A file that renders the same
//!   in several combinations is one snapshot, named by where it appears:
//!   `all` (every combination), an idea (every stack of that idea), a stack
//!   (both ideas of that stack) or `<stack>_<idea>`; its header lists every
//!   path it stands at. One CSS edit is then one diff, not eight.
//!
//! Redacted, so that what every stack shares reads as one file: the backroad
//! version (`[VERSION]`, so a release changes no snapshot), the stack's title
//! (`[STACK]`) and its port in addresses (`:[PORT]`). The manifests hold those.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use backroad::catalog::Catalog;
use backroad::generate;
use backroad::generate::plan::{Choices, NewPlan};
use backroad::generate::render::RenderedFile;
use rstest::rstest;

const STACKS: [&str; 4] = ["axum", "flask", "lamp", "node"];
const IDEAS: [&str; 2] = ["instagram", "twitter"];

/// Every combination, rendered once for all the tests that only read it.
fn rendered(stack: &str, idea: &str) -> &'static [RenderedFile] {
    static ALL: OnceLock<BTreeMap<(String, String), Vec<RenderedFile>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        combinations().into_iter().map(|(s, i)| ((s.to_string(), i.to_string()), render(s, i))).collect()
    });
    &all[&(stack.to_string(), idea.to_string())]
}

fn render(stack: &str, idea: &str) -> Vec<RenderedFile> {
    let catalog = Catalog::embedded().unwrap();
    let choices = Choices {
        name: Some("demo-app".into()),
        stack: Some(stack.into()),
        idea: Some(idea.into()),
        ..Choices::default()
    };
    let plan = NewPlan::check(choices, &catalog).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let redactions = [
        (format!("backroad {version}"), "backroad [VERSION]".to_string()),
        (format!("backroad_version = \"{version}\""), "backroad_version = \"[VERSION]\"".to_string()),
        (plan.stack.title.clone(), "[STACK]".to_string()),
        (format!(":{}", plan.stack.port), ":[PORT]".to_string()),
    ];
    let mut files = generate::render(&plan, &catalog).unwrap();
    for file in &mut files {
        if let Ok(text) = std::str::from_utf8(&file.contents) {
            let text = redactions.iter().fold(text.to_string(), |text, (from, to)| text.replace(from, to));
            file.contents = text.into_bytes();
        }
    }
    files
}

fn combinations() -> Vec<(&'static str, &'static str)> {
    STACKS.iter().flat_map(|s| IDEAS.iter().map(move |i| (*s, *i))).collect()
}

#[test]
fn the_matrix_is_the_catalog() {
    // A new stack or idea must be added to the cases above, not silently skipped.
    let catalog = Catalog::embedded().unwrap();
    let names = |v: Vec<String>| v.join(", ");
    assert_eq!(names(catalog.stacks.iter().map(|s| s.name.clone()).collect()), STACKS.join(", "));
    assert_eq!(names(catalog.ideas.iter().map(|i| i.name.clone()).collect()), IDEAS.join(", "));
}

#[rstest]
fn file_list(
    #[values("axum", "flask", "lamp", "node")] stack: &str,
    #[values("instagram", "twitter")] idea: &str,
) {
    let list: String = rendered(stack, idea).iter().map(|f| format!("{}\n", f.path)).collect();
    insta::assert_snapshot!(format!("files@{stack}_{idea}"), list);
}

/// Where one content stands: (stack, idea, path) for every place.
type Places = Vec<(&'static str, &'static str, String)>;

/// Every distinct file of every combination, keyed by its file name and
/// contents (the same file lands in a different folder in some stacks: the
/// front end in `demo_app/static/` or `public/`).
fn distinct_files() -> BTreeMap<(String, Vec<u8>), Places> {
    let mut out: BTreeMap<(String, Vec<u8>), Places> = BTreeMap::new();
    for (stack, idea) in combinations() {
        for file in rendered(stack, idea) {
            let name = file.path.rsplit('/').next().unwrap_or_default().to_string();
            out.entry((name, file.contents.clone())).or_default().push((stack, idea, file.path.clone()));
        }
    }
    out
}

/// `all`, an idea, a stack, or `<stack>_<idea>`: the widest that names the places exactly.
fn scope(places: &Places) -> String {
    let mut stacks: Vec<_> = places.iter().map(|p| p.0).collect();
    let mut ideas: Vec<_> = places.iter().map(|p| p.1).collect();
    stacks.dedup();
    ideas.sort();
    ideas.dedup();
    let combos = places.iter().map(|p| (p.0, p.1)).collect::<BTreeSet<_>>();
    match (stacks.as_slice(), ideas.as_slice()) {
        _ if combos.len() == STACKS.len() * IDEAS.len() => "all".into(),
        (_, [idea]) if combos.len() == STACKS.len() => (*idea).into(),
        ([stack], _) if combos.len() == IDEAS.len() => (*stack).into(),
        _ => combos.iter().map(|(s, i)| format!("{s}_{i}")).collect::<Vec<_>>().join("+"),
    }
}

#[rstest]
fn contents(#[values("all", "axum", "flask", "lamp", "node", "instagram", "twitter")] group: &str) {
    // Each snapshot belongs to one group (its scope's first word), so a
    // failure names the stack or idea it is about.
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/contents");
    for ((_, contents), places) in distinct_files() {
        let scope = scope(&places);
        let first = scope.split(['_', '+']).next().unwrap_or_default();
        if first != group {
            continue;
        }
        let path = &places[0].2;
        let header: String = places.iter().map(|(s, i, p)| format!("{s} x {i}: {p}\n")).collect();
        let body = match String::from_utf8(contents) {
            Ok(text) => lock_digest(path, &text).unwrap_or(text),
            Err(e) => format!("(binary, {} bytes)\n", e.as_bytes().len()),
        };
        settings.set_description(header);
        settings.bind(|| insta::assert_snapshot!(format!("{scope}@{}", path.replace('/', "~")), body));
    }
}

/// A lock file is written by its tool, not by hand: review it as the packages
/// and versions it pins, one a line.
fn lock_digest(path: &str, text: &str) -> Option<String> {
    let mut out = format!("(lock file digest: {} lines in all)\n", text.lines().count());
    if path.ends_with("Cargo.lock") {
        let lock: toml::Table = toml::from_str(text).ok()?;
        for package in lock.get("package")?.as_array()? {
            let field = |key: &str| package.get(key).and_then(|v| v.as_str()).unwrap_or("?").to_string();
            out.push_str(&format!("{} {}\n", field("name"), field("version")));
        }
    } else if path.ends_with("package-lock.json") {
        let lock: serde_json::Value = serde_json::from_str(text).ok()?;
        for (name, package) in lock.get("packages")?.as_object()? {
            let name = if name.is_empty() { "(the project)" } else { name.as_str() };
            out.push_str(&format!(
                "{name} {}\n",
                package.get("version").and_then(|v| v.as_str()).unwrap_or("?")
            ));
        }
    } else {
        return None;
    }
    Some(out)
}

#[test]
fn output_is_deterministic() {
    for (stack, idea) in combinations() {
        assert_eq!(render(stack, idea), render(stack, idea), "{stack} x {idea}");
    }
}

#[test]
fn no_template_syntax_is_left_unrendered() {
    // A file with variables but without the .hbs suffix would be copied as is.
    let markers =
        ["{{project.", "{{idea.", "{{stack.", "{{limits.", "{{features.", "{{#if ", "{{/if}}", "{{> "];
    for (stack, idea) in combinations() {
        for file in rendered(stack, idea) {
            let text = String::from_utf8_lossy(&file.contents);
            for m in markers {
                assert!(!text.contains(m), "{stack} x {idea}: {} contains {m:?}", file.path);
            }
        }
    }
}

#[test]
fn ideas_differ_only_where_their_features_do() {
    let twitter = rendered("flask", "twitter");
    let instagram = rendered("flask", "instagram");
    let file = |files: &[RenderedFile], path: &str| {
        files.iter().find(|f| f.path == path).map(|f| String::from_utf8_lossy(&f.contents).into_owned())
    };
    // Server code of a feature exists only where the idea has it.
    assert!(file(twitter, "demo_app/blueprints/replies.py").is_some());
    assert!(file(twitter, "demo_app/blueprints/uploads.py").is_none());
    assert!(file(instagram, "demo_app/blueprints/replies.py").is_none());
    assert!(file(instagram, "demo_app/blueprints/uploads.py").is_some());
    // The front end is one code base: it reads the features from its config...
    let config = |files: &[RenderedFile]| file(files, "demo_app/static/js/config.js").unwrap();
    assert!(config(twitter).contains("replies: true") && config(twitter).contains("images: false"));
    assert!(config(instagram).contains("replies: false") && config(instagram).contains("images: true"));
    // ...and every other script is the same file for both ideas.
    let scripts = |files: &[RenderedFile]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|f| f.path.starts_with("demo_app/static/js/") && !f.path.ends_with("/config.js"))
            .map(|f| (f.path.clone(), f.contents.clone()))
            .collect()
    };
    assert!(scripts(twitter).len() > 10);
    assert_eq!(scripts(twitter), scripts(instagram));
}
