//! The catalog: every stack and idea, read from the templates embedded in the
//! binary. It holds the manifests and the template files; it does not render.
//!
//! A stack is `templates/stacks/<name>/stack.toml` plus `files/`; an idea is
//! `templates/ideas/<name>.toml`; `templates/common/` holds what every project
//! shares. Adding a folder or a manifest adds a stack or an idea: no Rust change.
//!
//! `manifest` holds the manifests' shapes, `source` how files are read.

pub mod condition;
mod manifest;
mod source;

use std::collections::BTreeMap;

use include_dir::{Dir, include_dir};

use crate::doctor::Tools;
use crate::error::Error;
pub use manifest::*;
use source::parse_toml;
pub use source::{Source, TemplateFile};

/// The templates shipped inside the binary (the only `include_dir!`).
pub static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Every stack and idea of one template tree, sorted by name.
#[derive(Debug, Clone)]
pub struct Catalog {
    source: Source,
    pub stacks: Vec<Stack>,
    pub ideas: Vec<Idea>,
}

impl Catalog {
    /// The catalog built into the binary.
    pub fn embedded() -> Result<Self, Error> {
        Self::load(Source::Embedded(&TEMPLATES))
    }

    /// A catalog from a template folder on disk laid out like `templates/`.
    pub fn from_dir(dir: impl Into<std::path::PathBuf>) -> Result<Self, Error> {
        Self::load(Source::Disk(dir.into()))
    }

    fn load(source: Source) -> Result<Self, Error> {
        let contract: ContractLimits = parse_toml(&source, "contract.toml")?;
        let combinations: FeaturesFile = parse_toml(&source, FEATURES_MANIFEST)?;
        let steps: StepsFile = parse_toml(&source, STEPS_MANIFEST)?;
        let all_parts = check_steps(&steps, &source)?;
        let mut ideas = Vec::new();
        for path in source.files_in("ideas")? {
            if !path.ends_with(".toml") {
                continue;
            }
            let file: IdeaFile = parse_toml(&source, &path)?;
            if !combinations.combination.contains(&file.features) {
                return Err(Error::BadManifest {
                    path,
                    reason: format!(
                        "the templates cannot build these features together ({}); use a combination of {FEATURES_MANIFEST}",
                        on_names(&file.features)
                    ),
                });
            }
            let idea_steps = idea_steps(&steps, &file.features);
            ideas.push(Idea {
                steps: idea_steps,
                all_parts: all_parts.clone(),
                name: file.name,
                title: file.title,
                summary: file.summary,
                teaches: file.teaches,
                nouns: file.nouns,
                features: file.features,
                limits: Limits {
                    username_min: contract.username_min,
                    username_max: contract.username_max,
                    password_min: contract.password_min,
                    password_max: contract.password_max,
                    bio_max: contract.bio_max,
                    page_default: contract.page_default,
                    page_max: contract.page_max,
                    json_max_bytes: contract.json_max_bytes,
                    image_max_bytes: contract.image_max_bytes,
                    image_max_pixels: contract.image_max_pixels,
                    body_max: file.limits.body_max,
                    caption_max: file.limits.caption_max,
                    comment_max: file.limits.comment_max,
                },
            });
        }
        let mut stacks = Vec::new();
        for dir in source.dirs_in("stacks")? {
            let path = format!("{dir}/stack.toml");
            let stack = parse_toml::<Stack>(&source, &path)?;
            check_conditions(&stack, &all_parts).map_err(|reason| Error::BadManifest { path, reason })?;
            stacks.push(stack);
        }
        ideas.sort_by(|a, b| a.name.cmp(&b.name));
        stacks.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self { source, stacks, ideas })
    }

    pub fn stack(&self, name: &str) -> Result<&Stack, Error> {
        self.stacks
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| Error::UnknownStack { given: name.to_string(), choices: self.stack_names() })
    }

    pub fn idea(&self, name: &str) -> Result<&Idea, Error> {
        self.ideas
            .iter()
            .find(|i| i.name == name)
            .ok_or_else(|| Error::UnknownIdea { given: name.to_string(), choices: self.idea_names() })
    }

    pub fn stack_names(&self) -> String {
        self.stacks.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    pub fn idea_names(&self) -> String {
        self.ideas.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The files of a stack (`stacks/<name>/files/`), paths relative to that folder.
    pub fn stack_files(&self, stack: &Stack) -> Result<Vec<TemplateFile>, Error> {
        self.source.tree(&format!("stacks/{}/files", stack.name))
    }

    /// Partials: `common/partials/` overridden by `stacks/<name>/partials/`,
    /// keyed by path without the `.hbs` suffix.
    pub fn partials(&self, stack: &Stack) -> Result<BTreeMap<String, String>, Error> {
        let mut partials = BTreeMap::new();
        for dir in ["common/partials".to_string(), format!("stacks/{}/partials", stack.name)] {
            for file in self.source.tree(&dir)? {
                let name = file.path.strip_suffix(".hbs").unwrap_or(&file.path).to_string();
                let text = String::from_utf8(file.contents)
                    .map_err(|_| Error::NotUtf8 { path: format!("{dir}/{}", file.path) })?;
                partials.insert(name, text);
            }
        }
        Ok(partials)
    }

    /// Files every project gets at its root (`common/project/`).
    pub fn common_project_files(&self) -> Result<Vec<TemplateFile>, Error> {
        self.source.tree("common/project")
    }

    /// Conditions on what every project shares (`common/only_if.toml`): keys
    /// are paths under `common/` (`web/`, `project/openapi.yaml.hbs`).
    pub fn common_only_if(&self) -> Result<BTreeMap<String, String>, Error> {
        if self.source.read(COMMON_ONLY_IF).is_none() {
            return Ok(BTreeMap::new());
        }
        parse_toml(&self.source, COMMON_ONLY_IF)
    }

    /// Every chapter of the idea, whatever step the project stands at (the
    /// next one is what a learner reads next), named as they land in
    /// `docs/tutorial/` (`04-posts.md.hbs`), and the tutorial's index
    /// (`README.md.hbs`, from `tutorial/index.md.hbs`).
    pub fn chapters(
        &self,
        tutorial: &crate::generate::context::TutorialView,
    ) -> Result<Vec<TemplateFile>, Error> {
        let read = |template: &str, path: String| {
            let contents = self
                .source
                .read(template)
                .ok_or_else(|| Error::MissingTemplate { path: template.to_string() })?;
            Ok(TemplateFile { path, contents })
        };
        let mut files = vec![read(TUTORIAL_INDEX, "README.md.hbs".to_string())?];
        let shown = |number: u32| tutorial.writing.is_none_or(|writing| number <= writing);
        for step in tutorial.steps.iter().filter(|s| shown(s.number)) {
            files.push(read(&chapter_template(&step.name), format!("{}.md.hbs", step.slug))?);
        }
        Ok(files)
    }

    /// The web front end (`common/web/`), placed under the stack's `web_dir`.
    pub fn common_web_files(&self) -> Result<Vec<TemplateFile>, Error> {
        self.source.tree("common/web")
    }

    /// The tools `backroad doctor` knows (`tools.toml`). They describe the
    /// machine, not a template set, so a template folder without its own
    /// file uses the built-in one.
    pub fn tools(&self) -> Result<Tools, Error> {
        let embedded = Source::Embedded(&TEMPLATES);
        let source = if self.source.read(TOOLS_MANIFEST).is_some() { &self.source } else { &embedded };
        let tools = parse_toml(source, TOOLS_MANIFEST)?;
        crate::doctor::validate(&tools, TOOLS_MANIFEST)?;
        Ok(tools)
    }
}

const TOOLS_MANIFEST: &str = "tools.toml";
const FEATURES_MANIFEST: &str = "features.toml";
const COMMON_ONLY_IF: &str = "common/only_if.toml";
const TUTORIAL_INDEX: &str = "tutorial/index.md.hbs";
const STEPS_MANIFEST: &str = "tutorial/steps.toml";

/// The chapter of a step, rendered into every project that has reached it.
pub fn chapter_template(step: &str) -> String {
    format!("tutorial/chapters/{step}.md.hbs")
}

/// Checks the steps (unique names, parts added once, features that exist, a
/// chapter each) and returns every part, in order.
fn check_steps(steps: &StepsFile, source: &Source) -> Result<Vec<String>, Error> {
    let bad = |reason: String| Error::BadManifest { path: STEPS_MANIFEST.to_string(), reason };
    let any = Features { replies: true, comments: true, images: true };
    let mut names = Vec::new();
    let mut parts = Vec::new();
    if steps.steps.is_empty() {
        return Err(bad("it lists no steps; every idea needs at least one".into()));
    }
    for step in &steps.steps {
        if names.contains(&&step.name) {
            return Err(bad(format!("step '{}' is listed twice", step.name)));
        }
        names.push(&step.name);
        if step.parts.is_empty() {
            return Err(bad(format!("step '{}' adds no parts; name at least one", step.name)));
        }
        for part in &step.parts {
            if parts.contains(part) {
                return Err(bad(format!("part '{part}' is added by two steps; each part belongs to one")));
            }
            parts.push(part.clone());
        }
        if let Some(feature) = &step.only_if
            && any.get(feature).is_none()
        {
            return Err(bad(format!(
                "step '{}': only_if '{feature}' is not a feature (use replies, comments or images)",
                step.name
            )));
        }
        let chapter = chapter_template(&step.name);
        if source.read(&chapter).is_none() {
            return Err(bad(format!("step '{}' has no chapter: write {chapter}", step.name)));
        }
    }
    Ok(parts)
}

/// The steps an idea has, numbered.
fn idea_steps(steps: &StepsFile, features: &Features) -> Vec<Step> {
    let kept =
        steps.steps.iter().filter(|s| s.only_if.as_deref().is_none_or(|f| features.get(f) == Some(true)));
    kept.zip(1..)
        .map(|(s, number)| Step {
            number,
            name: s.name.clone(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            parts: s.parts.clone(),
            hints: s.hints.clone(),
            routes: s.routes.clone(),
        })
        .collect()
}

/// Every condition of a stack names features and parts that exist.
fn check_conditions(stack: &Stack, parts: &[String]) -> Result<(), String> {
    let features = Features { replies: true, comments: true, images: true };
    let parts = parts.iter().map(|p| (p.clone(), true)).collect();
    let env = stack.env.iter().filter_map(|v| v.feature.as_deref().map(|c| (v.name.as_str(), c)));
    for (what, condition) in stack.only_if.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(env) {
        condition::holds(condition, &features, &parts).map_err(|e| format!("{what}: {e}"))?;
    }
    Ok(())
}

fn on_names(features: &Features) -> String {
    let value = serde_json::to_value(features).unwrap_or_default();
    let on: Vec<String> = value
        .as_object()
        .map(|o| o.iter().filter(|(_, v)| v.as_bool() == Some(true)).map(|(k, _)| k.clone()).collect())
        .unwrap_or_default();
    if on.is_empty() { "none on".into() } else { on.join(", ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_has_flask_and_both_ideas() {
        let catalog = Catalog::embedded().unwrap();
        assert!(catalog.stack("flask").is_ok());
        assert_eq!(catalog.idea_names(), "instagram, twitter");
        let twitter = catalog.idea("twitter").unwrap();
        assert!(twitter.features.replies && !twitter.features.images);
        assert_eq!(twitter.limits.body_max, 280);
        assert_eq!(twitter.limits.password_max, 128);
    }

    #[test]
    fn every_stack_explains_every_step_and_templates_name_only_known_parts() {
        let catalog = Catalog::embedded().unwrap();
        let parts: std::collections::BTreeSet<&str> =
            catalog.ideas.iter().flat_map(|i| i.all_parts.iter().map(String::as_str)).collect();
        for stack in &catalog.stacks {
            let partials = catalog.partials(stack).unwrap();
            for idea in &catalog.ideas {
                for step in &idea.steps {
                    let name = format!("tutorial/{}", step.name);
                    assert!(
                        partials.contains_key(&name),
                        "stacks/{}/partials/{name}.hbs is missing",
                        stack.name
                    );
                }
            }
        }
        // A misspelt part (`parts.like`) would be off at every step, silently.
        let source = Source::Embedded(&TEMPLATES);
        let mut seen = 0;
        let files = ["stacks", "common", "tutorial"].into_iter().flat_map(|dir| source.tree(dir).unwrap());
        for file in files.filter(|f| f.path.ends_with(".hbs")) {
            let text = String::from_utf8_lossy(&file.contents);
            // Only inside `{{ ... }}`: the code around may say `parts.` too.
            for expression in text.split("{{").skip(1).filter_map(|rest| rest.split("}}").next()) {
                for (at, _) in expression.match_indices("parts.") {
                    let name: String = expression[at + 6..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    assert!(parts.contains(name.as_str()), "{}: parts.{name} is not a part", file.path);
                    seen += 1;
                }
            }
        }
        assert!(seen > 20, "the scan found the templates' parts ({seen})");
    }

    #[test]
    fn each_idea_has_its_steps_numbered_and_parts_grow_with_them() {
        let catalog = Catalog::embedded().unwrap();
        let twitter = catalog.idea("twitter").unwrap();
        let names: Vec<&str> = twitter.steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"start"));
        assert_eq!(names.last(), Some(&"ship"));
        assert!(names.contains(&"replies") && !names.contains(&"comments"), "{names:?}");
        let instagram = catalog.idea("instagram").unwrap();
        assert!(instagram.steps.iter().any(|s| s.name == "comments"));
        for idea in [twitter, instagram] {
            assert!(idea.steps.iter().zip(1..).all(|(s, n)| s.number == n), "numbered from 1 without gaps");
        }
        let posts = twitter.step("posts").unwrap();
        assert_eq!(twitter.step(&posts.number.to_string()).unwrap(), posts);
        assert_eq!(posts.slug(), format!("{:02}-posts", posts.number));
        let parts = twitter.parts_at(posts);
        assert!(parts["sessions"]);
        assert!(!parts["likes"]);
        assert!(!parts["comments"], "another idea's part is known, and off");
        assert!(twitter.parts_at(twitter.last_step())["replies"]);
        let err = twitter.step("comments").unwrap_err().to_string();
        assert!(
            err.contains("unknown step 'comments' of the twitter idea") && err.contains("1 start"),
            "{err}"
        );
    }

    /// The fixture template folder, copied so that a test may break it.
    fn fixture_copy() -> tempfile::TempDir {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extra-templates");
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("cp")
            .arg("-R")
            .arg(format!("{}/.", from.display()))
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(status.success());
        dir
    }

    #[test]
    fn features_the_templates_cannot_build_together_are_refused_at_load() {
        let dir = fixture_copy();
        assert!(Catalog::from_dir(dir.path()).is_ok(), "the fixture loads as it is");
        let idea = dir.path().join("ideas/notes.toml");
        let text = std::fs::read_to_string(&idea).unwrap().replace("images = false", "images = true");
        std::fs::write(&idea, text).unwrap();
        let err = Catalog::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("ideas/notes.toml") && err.contains("cannot build"), "{err}");
        assert!(err.contains("replies, images") || err.contains("images, replies"), "{err}");
    }

    #[test]
    fn broken_steps_are_refused_at_load() {
        let cases = [
            ("parts = [\"replies\"]", "parts = [\"start\"]", "part 'start' is added by two steps"),
            ("only_if = \"replies\"", "only_if = \"videos\"", "only_if 'videos' is not a feature"),
            ("name = \"replies\"", "name = \"start\"", "step 'start' is listed twice"),
        ];
        for (from, to, said) in cases {
            let dir = fixture_copy();
            let steps = dir.path().join("tutorial/steps.toml");
            let text = std::fs::read_to_string(&steps).unwrap();
            assert!(text.contains(from), "{from}");
            std::fs::write(&steps, text.replace(from, to)).unwrap();
            let err = Catalog::from_dir(dir.path()).unwrap_err().to_string();
            assert!(err.contains("tutorial/steps.toml") && err.contains(said), "{said}: {err}");
        }
        let dir = fixture_copy();
        std::fs::remove_file(dir.path().join("tutorial/chapters/replies.md.hbs")).unwrap();
        let err = Catalog::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("step 'replies' has no chapter"), "{err}");
    }

    #[test]
    fn a_condition_naming_nothing_known_is_refused_at_load() {
        let dir = fixture_copy();
        let stack = dir.path().join("stacks/tiny/stack.toml");
        let text = std::fs::read_to_string(&stack).unwrap().replace("= \"images\"", "= \"images & video\"");
        std::fs::write(&stack, text).unwrap();
        let err = Catalog::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("stacks/tiny/stack.toml") && err.contains("'video'"), "{err}");
    }

    #[test]
    fn unknown_names_list_the_choices() {
        let catalog = Catalog::embedded().unwrap();
        let err = catalog.stack("django").unwrap_err().to_string();
        assert!(err.contains("django") && err.contains("flask"), "{err}");
        let err = catalog.idea("reddit").unwrap_err().to_string();
        assert!(err.contains("instagram, twitter"), "{err}");
    }
}
