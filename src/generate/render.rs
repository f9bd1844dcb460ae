//! Rendering: turns a catalog's templates and a context into the project's
//! files, in memory. It writes nothing; `write` does that.
//!
//! Rules: a `.hbs` file is rendered (strict mode, no escaping) and loses its
//! suffix, any other file is copied as it is; every path component is rendered
//! too; a file named `gitignore` becomes `.gitignore`; `only_if` in a manifest
//! keeps a file only when its condition holds (features and parts,
//! `catalog::condition`). Every chapter of the tutorial lands in
//! `docs/tutorial/`. Every failure is collected and reported together.

use std::collections::{BTreeMap, BTreeSet};

use handlebars::Handlebars;

use crate::catalog::{Catalog, Features, Stack, TemplateFile, condition};
use crate::error::Error;
use crate::generate::context::Context;

/// One file of the generated project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Relative to the project root, `/`-separated.
    pub path: String,
    pub contents: Vec<u8>,
}

const TEMPLATE_SUFFIX: &str = ".hbs";

/// Where the chapters land in a project.
pub const TUTORIAL_DIR: &str = "docs/tutorial";

/// Renders every file of a project, sorted by path.
pub fn render(catalog: &Catalog, stack: &Stack, context: &Context) -> Result<Vec<RenderedFile>, Error> {
    let mut hbs = Handlebars::new();
    hbs.set_strict_mode(true);
    hbs.register_escape_fn(handlebars::no_escape);
    let mut errors = Vec::new();
    for (name, text) in catalog.partials(stack)? {
        if let Err(e) = hbs.register_partial(&name, text) {
            errors.push(Error::Render { template: format!("partial {name}"), reason: e.to_string() });
        }
    }

    let web_dir = context.stack.web_dir.clone();

    // (where it comes from, the prefix of its keys in `only_if`, the folder it
    // lands in, its conditions, its files).
    let common_rules = catalog.common_only_if()?;
    let sources = [
        ("common/project", "project/", String::new(), &common_rules, catalog.common_project_files()?),
        ("common/web", "web/", web_dir, &common_rules, catalog.common_web_files()?),
        ("files", "", String::new(), &stack.only_if, catalog.stack_files(stack)?),
        ("tutorial", "", TUTORIAL_DIR.to_string(), &BTreeMap::new(), catalog.chapters(&context.tutorial)?),
    ];

    let mut out = Vec::new();
    for (origin, prefix, dest, only_if, files) in sources {
        for file in files {
            let key = format!("{prefix}{}", file.path);
            match included(&key, only_if, &context.features, &context.parts) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(reason) => {
                    errors.push(Error::BadManifest { path: format!("{origin} only_if"), reason });
                    continue;
                }
            }
            let label = format!("{origin}/{}", file.path);
            match render_file(&hbs, &file, &dest, context, &label) {
                Ok(rendered) => out.push(rendered),
                Err(e) => errors.push(e),
            }
        }
    }

    let mut seen = BTreeSet::new();
    for file in &out {
        check_path(&file.path)?;
        if !seen.insert(file.path.as_str()) {
            return Err(Error::DuplicatePath { path: file.path.clone() });
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        count => {
            let list = errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n");
            return Err(Error::RenderMany { count, list });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn render_file(
    hbs: &Handlebars,
    file: &TemplateFile,
    dest: &str,
    context: &Context,
    label: &str,
) -> Result<RenderedFile, Error> {
    let mut parts = Vec::new();
    for component in file.path.split('/') {
        parts.push(render_str(hbs, label, component, context)?);
    }
    let mut path = parts.join("/");
    let contents = match path.strip_suffix(TEMPLATE_SUFFIX) {
        Some(stripped) => {
            let text = std::str::from_utf8(&file.contents)
                .map_err(|_| Error::NotUtf8 { path: label.to_string() })?;
            let rendered = render_str(hbs, label, text, context)?;
            path = stripped.to_string();
            rendered.into_bytes()
        }
        None => file.contents.clone(),
    };
    // A real .gitignore inside templates/ would apply to backroad's own repo.
    if path == "gitignore" || path.ends_with("/gitignore") {
        path.insert(path.len() - "gitignore".len(), '.');
    }
    if !dest.is_empty() {
        path = format!("{dest}/{path}");
    }
    Ok(RenderedFile { path, contents })
}

fn render_str(hbs: &Handlebars, label: &str, text: &str, context: &Context) -> Result<String, Error> {
    hbs.render_template(text, context)
        .map_err(|e| Error::Render { template: label.to_string(), reason: e.to_string() })
}

/// Whether a template (by its key: its path from its folder) is kept, given the
/// `only_if` rules. A rule names a file or a folder ending in `/`; every rule
/// that matches must hold.
fn included(
    key: &str,
    only_if: &BTreeMap<String, String>,
    features: &Features,
    parts: &BTreeMap<String, bool>,
) -> Result<bool, String> {
    for (pattern, rule) in only_if {
        let matches = if pattern.ends_with('/') { key.starts_with(pattern.as_str()) } else { key == pattern };
        if matches
            && !condition::holds(rule, features, parts).map_err(|e| format!("only_if '{pattern}': {e}"))?
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A rendered path must stay inside the project: relative, no `..`, no empty parts.
fn check_path(path: &str) -> Result<(), Error> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.split('/').any(|c| c.is_empty() || c == "." || c == "..");
    if bad { Err(Error::PathEscapes { path: path.to_string() }) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(replies: bool) -> Features {
        Features { replies, comments: !replies, images: !replies }
    }

    #[test]
    fn only_if_keeps_files_by_feature() {
        let rules = BTreeMap::from([
            ("tests/test_replies.py".to_string(), "replies".to_string()),
            ("uploads/".to_string(), "images".to_string()),
            ("text.py".to_string(), "!images".to_string()),
        ]);
        let twitter = features(true);
        let instagram = features(false);
        let p = BTreeMap::new();
        assert_eq!(included("tests/test_replies.py", &rules, &twitter, &p), Ok(true));
        assert_eq!(included("tests/test_replies.py", &rules, &instagram, &p), Ok(false));
        assert_eq!(included("uploads/store.py", &rules, &twitter, &p), Ok(false));
        assert_eq!(included("uploads/store.py", &rules, &instagram, &p), Ok(true));
        assert_eq!(included("text.py", &rules, &twitter, &p), Ok(true));
        assert_eq!(included("text.py", &rules, &instagram, &p), Ok(false));
        assert_eq!(included("other.py", &rules, &instagram, &p), Ok(true));
    }

    #[test]
    fn only_if_keeps_files_by_part_and_every_matching_rule_counts() {
        let rules = BTreeMap::from([
            ("web/".to_string(), "web".to_string()),
            ("web/js/comment.js".to_string(), "comments".to_string()),
        ]);
        let parts =
            |web, comments| BTreeMap::from([("web".to_string(), web), ("comments".to_string(), comments)]);
        let instagram = features(false);
        assert_eq!(included("web/app.js", &rules, &instagram, &parts(false, true)), Ok(false));
        assert_eq!(included("web/app.js", &rules, &instagram, &parts(true, true)), Ok(true));
        assert_eq!(included("web/js/comment.js", &rules, &instagram, &parts(true, false)), Ok(false));
    }

    #[test]
    fn only_if_rejects_unknown_names() {
        let rules = BTreeMap::from([("a".to_string(), "videos".to_string())]);
        let err = included("a", &rules, &features(true), &BTreeMap::new()).unwrap_err();
        assert!(err.contains("'videos'"), "{err}");
    }

    #[test]
    fn paths_must_stay_inside() {
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        for good in ["a", "a/b.py", ".gitignore", ".github/workflows/ci.yml"] {
            assert!(check_path(good).is_ok(), "{good}");
        }
    }
}
