//! The manifests' shapes: a stack (`stacks/<name>/stack.toml`), an idea
//! (`ideas/<name>.toml`) with the contract's limits (`contract.toml`), as
//! serde reads them. Loading them is `catalog`'s job.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    pub image_max_pixels: u64,
    pub body_max: u32,
    pub caption_max: u32,
    pub comment_max: u32,
}

/// What a template may branch on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
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
    /// The tutorial's steps this idea has (`tutorial/steps.toml`), numbered from 1.
    pub steps: Vec<Step>,
    /// Every part any idea's steps add, in the tutorial's order: templates may
    /// name any of them (`parts.comments` is false in a twitter project).
    #[serde(skip)]
    pub all_parts: Vec<String>,
}

/// One step of the tutorial, as an idea has it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Step {
    /// 1 for the first step of this idea.
    pub number: u32,
    pub name: String,
    pub title: String,
    /// The chapter in two sentences.
    pub summary: String,
    /// The parts of the API this step adds.
    pub parts: Vec<String>,
    /// The way in, for a learner writing the step (`backroad tutorial hint`).
    pub hints: Vec<String>,
    /// Words of the routes the step adds, as `verify` names its checks
    /// (`/api/feed`, `/like`): a failing check points at the chapter of the
    /// latest step whose words it holds.
    pub routes: Vec<String>,
}

impl Step {
    /// `04-posts`: the chapter's file name and the step's tag, without prefix or suffix.
    pub fn slug(&self) -> String {
        format!("{:02}-{}", self.number, self.name)
    }
}

impl Idea {
    /// The last step: the whole project.
    pub fn last_step(&self) -> &Step {
        self.steps.last().expect("the catalog refuses an idea without steps")
    }

    /// A step by its number (`4`) or its name (`posts`).
    pub fn step(&self, given: &str) -> Result<&Step, crate::error::Error> {
        let given = given.trim();
        let found = match given.parse::<u32>() {
            Ok(number) => self.steps.iter().find(|s| s.number == number),
            Err(_) => self.steps.iter().find(|s| s.name.eq_ignore_ascii_case(given)),
        };
        found.ok_or_else(|| crate::error::Error::UnknownStep {
            given: given.to_string(),
            idea: self.name.clone(),
            choices: self
                .steps
                .iter()
                .map(|s| format!("{} {}", s.number, s.name))
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// Every part, on when a step up to `step` adds it.
    pub fn parts_at(&self, step: &Step) -> BTreeMap<String, bool> {
        let on: Vec<&String> =
            self.steps.iter().take_while(|s| s.number <= step.number).flat_map(|s| &s.parts).collect();
        self.all_parts.iter().map(|p| (p.clone(), on.contains(&p))).collect()
    }
}

/// `tutorial/steps.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StepsFile {
    pub(super) steps: Vec<StepEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StepEntry {
    pub(super) name: String,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) parts: Vec<String>,
    /// What `backroad tutorial hint` shows a learner writing the step.
    #[serde(default)]
    pub(super) hints: Vec<String>,
    #[serde(default)]
    pub(super) routes: Vec<String>,
    /// The feature an idea needs to have this step.
    #[serde(default)]
    pub(super) only_if: Option<String>,
}

/// `features.toml`: the combinations of features the templates can build.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FeaturesFile {
    pub(super) combination: Vec<Features>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Commands {
    pub install: Vec<String>,
    pub seed: Vec<String>,
    /// Empties the database and seeds it again: how to start over, after
    /// `backroad verify` or any other experiment.
    pub reset: Vec<String>,
    pub test: Vec<String>,
    pub lint: Vec<String>,
    /// Brings the database up to the project's migrations, where the server
    /// does not at start-up: what `backroad tutorial check` runs before the
    /// tests, after a learner wrote a migration.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migrate: Vec<String>,
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
#[serde(deny_unknown_fields)]
pub struct Stack {
    pub name: String,
    pub title: String,
    pub language: String,
    pub framework: String,
    pub database: String,
    /// The database in a word or two (`SQLite`), for lists.
    pub database_short: String,
    pub production_server: String,
    pub pitch: String,
    pub teaches: String,
    pub port: u16,
    /// Where `templates/common/web/` lands in the project (a template string).
    pub web_dir: String,
    /// snake_case project names that would break this stack.
    #[serde(default)]
    pub reserved_names: Vec<String>,
    /// Where a project's tests live (folders end in `/`): the files a learner
    /// writing a step gets from the reference (`backroad tutorial`). Without
    /// it, a learner writes the tests of each step too.
    #[serde(default)]
    pub tests: Vec<String>,
    pub commands: Commands,
    #[serde(default)]
    pub env: Vec<EnvVar>,
    #[serde(default)]
    pub prerequisites: Vec<Prerequisite>,
    /// Template paths (or folder prefixes) kept only when a feature is on, or,
    /// written `!feature`, only when it is off.
    #[serde(default)]
    pub only_if: BTreeMap<String, String>,
    /// How "Help me choose" sees the stack; without it, the stack is listed
    /// but recommended only when no stack has a profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommend: Option<Profile>,
}

/// A stack as the four questions of "Help me choose" see it (`[recommend]`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Gentlest first: of two equal matches, the lower rank is recommended.
    pub rank: u32,
    /// The language the question "which do you know?" offers for it.
    pub language: String,
    /// Whether a compiler checks types before the code runs.
    pub checked_types: bool,
    pub data: Store,
    /// Whether it runs on shared hosting (a web host with PHP and MySQL).
    pub shared_hosting: bool,
    /// Why it suits someone whose answers point nowhere in particular.
    pub gentle: String,
}

/// How a stack keeps its data.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Store {
    Tables,
    Documents,
}

impl Store {
    pub fn name(self) -> &'static str {
        match self {
            Store::Tables => "tables",
            Store::Documents => "documents",
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct IdeaFile {
    pub(super) name: String,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) teaches: String,
    pub(super) nouns: Nouns,
    pub(super) features: Features,
    pub(super) limits: IdeaLimits,
}

#[derive(Debug, Deserialize)]
pub(super) struct IdeaLimits {
    pub(super) body_max: u32,
    pub(super) caption_max: u32,
    pub(super) comment_max: u32,
}

#[derive(Debug, Deserialize)]
pub(super) struct ContractLimits {
    pub(super) username_min: u32,
    pub(super) username_max: u32,
    pub(super) password_min: u32,
    pub(super) password_max: u32,
    pub(super) bio_max: u32,
    pub(super) page_default: u32,
    pub(super) page_max: u32,
    pub(super) json_max_bytes: u64,
    pub(super) image_max_bytes: u64,
    pub(super) image_max_pixels: u64,
}
