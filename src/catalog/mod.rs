//! The catalog: every stack and idea, read from the templates embedded in the
//! binary. It holds the manifests and the template files; it does not render.
//!
//! A stack is `templates/stacks/<name>/stack.toml` plus `files/`; an idea is
//! `templates/ideas/<name>.toml`; `templates/common/` holds what every project
//! shares. Adding a folder or a manifest adds a stack or an idea: no Rust change.
//!
//! `manifest` holds the manifests' shapes, `source` how files are read.

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
        let mut ideas = Vec::new();
        for path in source.files_in("ideas")? {
            if !path.ends_with(".toml") {
                continue;
            }
            let file: IdeaFile = parse_toml(&source, &path)?;
            ideas.push(Idea {
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
                    body_max: file.limits.body_max,
                    caption_max: file.limits.caption_max,
                    comment_max: file.limits.comment_max,
                },
            });
        }
        let mut stacks = Vec::new();
        for dir in source.dirs_in("stacks")? {
            stacks.push(parse_toml::<Stack>(&source, &format!("{dir}/stack.toml"))?);
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
    fn unknown_names_list_the_choices() {
        let catalog = Catalog::embedded().unwrap();
        let err = catalog.stack("django").unwrap_err().to_string();
        assert!(err.contains("django") && err.contains("flask"), "{err}");
        let err = catalog.idea("reddit").unwrap_err().to_string();
        assert!(err.contains("instagram, twitter"), "{err}");
    }
}
