//! The catalog: every stack and idea, read from the templates embedded in the
//! binary. It holds the manifests and the template files; it does not render.
//!
//! A stack is `templates/stacks/<name>/stack.toml` plus `files/`; an idea is
//! `templates/ideas/<name>.toml`; `templates/common/` holds what every project
//! shares. Adding a folder or a manifest adds a stack or an idea: no Rust change.

use std::collections::BTreeMap;

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::doctor::Tools;
use crate::error::Error;

/// The templates shipped inside the binary (the only `include_dir!`).
pub static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// A template tree: the embedded one, or a folder on disk (tests, template authors).
#[derive(Debug, Clone)]
pub enum Source {
    Embedded(&'static Dir<'static>),
    Disk(std::path::PathBuf),
}

/// One template file, by its path relative to the folder it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// Limits of shared/API.md merged with an idea's own (`templates/contract.toml`
/// plus the idea's `[limits]`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Limits {
    pub username_min: u32,
    pub username_max: u32,
    pub password_min: u32,
    pub password_max: u32,
    pub bio_max: u32,
    pub page_default: u32,
    pub page_max: u32,
    pub json_max_bytes: u64,
    pub image_max_bytes: u64,
    pub body_max: u32,
    pub caption_max: u32,
    pub comment_max: u32,
}

/// What a template may branch on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Features {
    /// Posts may reply to a post (twitter).
    pub replies: bool,
    /// Comments under a post (instagram).
    pub comments: bool,
    /// Posts carry an uploaded image (instagram).
    pub images: bool,
}

impl Features {
    /// A feature by its name, as manifests write it (`only_if`, `feature`).
    pub fn get(&self, name: &str) -> Option<bool> {
        // Through serde, so a feature added to the struct needs no change here.
        match serde_json::to_value(self).ok()?.get(name)? {
            serde_json::Value::Bool(on) => Some(*on),
            _ => None,
        }
    }

    /// How many features are on: an idea with fewer is simpler to build.
    pub fn count_on(&self) -> usize {
        let value = serde_json::to_value(self).unwrap_or_default();
        value.as_object().map_or(0, |o| o.values().filter(|v| v.as_bool() == Some(true)).count())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Nouns {
    pub post: String,
    pub posts: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Idea {
    pub name: String,
    pub title: String,
    pub summary: String,
    pub teaches: String,
    pub nouns: Nouns,
    pub features: Features,
    pub limits: Limits,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Commands {
    pub install: Vec<String>,
    pub seed: Vec<String>,
    pub test: Vec<String>,
    pub lint: Vec<String>,
    /// The server in the foreground on `$PORT`.
    pub run: String,
    /// The development server.
    pub dev: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct EnvVar {
    pub name: String,
    pub default: String,
    pub description: String,
    /// Read only by projects of ideas with this feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Prerequisite {
    /// A tool of `templates/tools.toml`.
    pub tool: String,
    /// The oldest version that works, "" for any.
    pub version: String,
    pub why: String,
    /// Useful but not needed to run the project: `backroad doctor` shows it
    /// and does not fail without it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stack {
    pub name: String,
    pub title: String,
    pub language: String,
    pub framework: String,
    pub database: String,
    pub production_server: String,
    pub pitch: String,
    pub teaches: String,
    pub port: u16,
    /// Where `templates/common/web/` lands in the project (a template string).
    pub web_dir: String,
    /// snake_case project names that would break this stack.
    #[serde(default)]
    pub reserved_names: Vec<String>,
    pub commands: Commands,
    #[serde(default)]
    pub env: Vec<EnvVar>,
    #[serde(default)]
    pub prerequisites: Vec<Prerequisite>,
    /// Template paths (or folder prefixes) kept only when a feature is on, or,
    /// written `!feature`, only when it is off.
    #[serde(default)]
    pub only_if: BTreeMap<String, String>,
}

/// Conditions for the shared files (`templates/common/common.toml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Common {
    #[serde(default)]
    pub only_if: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct IdeaFile {
    name: String,
    title: String,
    summary: String,
    teaches: String,
    nouns: Nouns,
    features: Features,
    limits: IdeaLimits,
}

#[derive(Debug, Deserialize)]
struct IdeaLimits {
    body_max: u32,
    caption_max: u32,
    comment_max: u32,
}

#[derive(Debug, Deserialize)]
struct ContractLimits {
    username_min: u32,
    username_max: u32,
    password_min: u32,
    password_max: u32,
    bio_max: u32,
    page_default: u32,
    page_max: u32,
    json_max_bytes: u64,
    image_max_bytes: u64,
}

/// Every stack and idea of one template tree, sorted by name.
#[derive(Debug, Clone)]
pub struct Catalog {
    source: Source,
    pub stacks: Vec<Stack>,
    pub ideas: Vec<Idea>,
    pub common: Common,
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
        let common = if source.read(COMMON_MANIFEST).is_some() {
            parse_toml(&source, COMMON_MANIFEST)?
        } else {
            Common::default()
        };
        ideas.sort_by(|a, b| a.name.cmp(&b.name));
        stacks.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self { source, stacks, ideas, common })
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

const COMMON_MANIFEST: &str = "common/common.toml";
const TOOLS_MANIFEST: &str = "tools.toml";

fn parse_toml<T: serde::de::DeserializeOwned>(source: &Source, path: &str) -> Result<T, Error> {
    let bytes = source.read(path).ok_or_else(|| Error::MissingTemplate { path: path.to_string() })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::NotUtf8 { path: path.to_string() })?;
    toml::from_str(text)
        .map_err(|e| Error::BadManifest { path: path.to_string(), reason: e.message().to_string() })
}

impl Source {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self {
            Source::Embedded(dir) => dir.get_file(path).map(|f| f.contents().to_vec()),
            Source::Disk(root) => std::fs::read(root.join(path)).ok(),
        }
    }

    /// Names of the files directly in `dir` (as paths from the root).
    fn files_in(&self, dir: &str) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        match self {
            Source::Embedded(root) => {
                if let Some(d) = root.get_dir(dir) {
                    out.extend(d.files().map(|f| path_str(f.path())));
                }
            }
            Source::Disk(root) => {
                for entry in read_dir(&root.join(dir))? {
                    if entry.is_file() {
                        out.push(format!("{dir}/{}", file_name(&entry)));
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Paths of the folders directly in `dir` (as paths from the root).
    fn dirs_in(&self, dir: &str) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        match self {
            Source::Embedded(root) => {
                if let Some(d) = root.get_dir(dir) {
                    out.extend(d.dirs().map(|d| path_str(d.path())));
                }
            }
            Source::Disk(root) => {
                for entry in read_dir(&root.join(dir))? {
                    if entry.is_dir() {
                        out.push(format!("{dir}/{}", file_name(&entry)));
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Every file below `dir`, recursively, with paths relative to `dir`, sorted.
    fn tree(&self, dir: &str) -> Result<Vec<TemplateFile>, Error> {
        let mut out = Vec::new();
        match self {
            Source::Embedded(root) => {
                if let Some(d) = root.get_dir(dir) {
                    collect_embedded(d, dir, &mut out);
                }
            }
            Source::Disk(root) => {
                let base = root.join(dir);
                if base.is_dir() {
                    collect_disk(&base, &base, &mut out)?;
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

fn collect_embedded(dir: &Dir<'static>, base: &str, out: &mut Vec<TemplateFile>) {
    for file in dir.files() {
        let full = path_str(file.path());
        let rel = full.strip_prefix(base).unwrap_or(&full).trim_start_matches('/');
        out.push(TemplateFile { path: rel.to_string(), contents: file.contents().to_vec() });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, base, out);
    }
}

fn collect_disk(
    base: &std::path::Path,
    dir: &std::path::Path,
    out: &mut Vec<TemplateFile>,
) -> Result<(), Error> {
    for entry in read_dir(dir)? {
        if entry.is_dir() {
            collect_disk(base, &entry, out)?;
        } else {
            let rel = entry.strip_prefix(base).unwrap_or(&entry);
            let contents = std::fs::read(&entry)
                .map_err(|source| Error::ReadTemplates { path: entry.display().to_string(), source })?;
            out.push(TemplateFile { path: path_str(rel), contents });
        }
    }
    Ok(())
}

fn read_dir(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|source| Error::ReadTemplates { path: dir.display().to_string(), source })?;
    let mut out = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|source| Error::ReadTemplates { path: dir.display().to_string(), source })?;
        out.push(entry.path());
    }
    Ok(out)
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Template paths always use `/`, whatever the platform.
fn path_str(path: &std::path::Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
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
    fn unknown_names_list_the_choices() {
        let catalog = Catalog::embedded().unwrap();
        let err = catalog.stack("django").unwrap_err().to_string();
        assert!(err.contains("django") && err.contains("flask"), "{err}");
        let err = catalog.idea("reddit").unwrap_err().to_string();
        assert!(err.contains("instagram, twitter"), "{err}");
    }
}
